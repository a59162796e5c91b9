/** The OpenVox UC emulator's public types: options, state, calls, sessions and the emulator's API. */
import type { FaultSwitches, SessionBase } from '../kit';

export type Rec = Record<string, string>;

export interface UcCall {
	callid: string;
	/** callid of the second leg (the manual shows one BYE per leg, with different callids). */
	callid2: string;
	kind: 'internal' | 'outbound' | 'inbound' | 'callback';
	/** caller: extension number or external number. */
	caller: string;
	/** callee: extension number or external number (after the route's prefix/prepend for outbound). */
	callee: string;
	/** what was dialed (CDR callto). */
	dialed: string;
	trunk?: string;
	inboundid?: string;
	outboundid?: string;
	state: 'ringing' | 'talking' | 'ended';
	held: string[];
	muted: string[];
	monitors: Array<{ ext: string; mode: 'listen' | 'whisper' | 'barge' }>;
	startedAt: number;
	answeredAt?: number;
	/** set for simulated calls: the reported talk time in seconds. */
	durationS?: number;
	timer?: NodeJS.Timeout;
}

export interface UcConferenceMember { number: string; channelid: string; memberstatus: 'Up' | 'HOLD'; muted: boolean }

export interface UcRandom {
	kind: 'voicemail' | 'recording' | 'cdr';
	key: Rec;
	expires: number;
	used: boolean;
	allowedip: string;
	ownerIp: string;
}

export interface OpenVoxUcState {
	device: Rec;
	startedAt: number;
	extensions: Map<string, Rec>;
	sipTrunks: Map<string, Rec>;
	inroutes: Map<string, Rec>;
	outroutes: Map<string, Rec>;
	conferences: Map<string, Rec>;
	conferenceMembers: Map<string, UcConferenceMember[]>;
	ivrs: Map<string, Rec>;
	queues: Map<string, Rec>;
	pausedAgents: Map<string, Set<string>>;
	ringGroups: Map<string, Rec>;
	pagingGroups: Map<string, Rec>;
	prompts: Set<string>;
	voicemails: Rec[];
	recordings: Set<string>;
	cdrs: Rec[];
	wakeups: Rec[];
	checkouts: string[];
	playedPrompts: Array<{ to: string; prompt: string; at: number }>;
	calls: Map<string, UcCall>;
	randoms: Map<string, UcRandom>;
}

/** A login: `ip`/`port`/`url`/`urltag` say where its reports go (login, then heartbeat, may change them). */
export interface UcSession extends SessionBase {
	port: string;
	url?: string;
	urltag?: string;
	version?: string;
}

export interface OpenVoxUcOptions {
	tokenTtlMs: number;
	expireEveryNRequests?: number;
	lockoutFailures: number;
	lockoutMs: number;
	/** How many times an unanswered (non-200) report is re-sent with the same content. */
	resendUnanswered: number;
	resendDelayMs: number;
	/** Lifetime of a download `random` (manual: 30 s). */
	randomTtlMs: number;
	/** How long a call placed through the API stays up before it hangs up by itself. */
	callDurationMs: number;
	/** Delay before an API-placed call is answered. */
	answerDelayMs: number;
	reportTimeoutMs: number;
	/** "分机的状态监控" ticked on the PBX: ExtensionStatus reports are sent. */
	extensionStatusMonitor: boolean;
	/**
	 * For this long after start the API service is "not running", as while the PBX boots: every API request answers
	 * errno 30003 (Yeastar S-Series error table: "API service not running"; the UC manual shows 30003 on a failed login).
	 */
	apiNotRunningMs: number;
	/** Or: the first this many API requests after start answer 30003 (a boot seen by a client that polls). */
	apiNotRunningRequests: number;
	/**
	 * Report spellings: `manual` as the UC manual's examples; `yeastar` as Yeastar S-Series firmware sends them
	 * (the caller-side answer as `ANSWERED`, off-hook as `Busy`: YeastarCarol/Yeastar-S-Series-API-Guide-en
	 * api_sample/call-report/call-answered.md and system_report/change-of-extension-status.md).
	 */
	spelling: 'manual' | 'yeastar';
	/** The key naming the report type: `action` (UC manual, Yeastar API v1) or `event` (Yeastar API v2). */
	typeKey: 'action' | 'event';
	/**
	 * The report method chosen on the PBX's API settings page, as Yeastar S-Series API v2 firmware tells it in the
	 * login answer (`"transport":"TCP"` or `"HTTP"`; help.yeastar.com/en/s-series-developer-v2/api-v2/login.html and
	 * api-reports.html). Unset: the UC manual's login answer, which has no such key. `TCP`: no report is POSTed.
	 */
	reportTransport?: 'HTTP' | 'TCP';
	/**
	 * How trunk and route calls refuse a duplicate name, an unknown trunk or an unknown route: `generic` errno 20010
	 * (the UC manual lists no code), or `yeastar-v2` with the specific codes of Yeastar's v2 table (10043 trunk name
	 * exists, 10062 no such trunk, 10064/10072 inbound route exists/unknown, 10074 outbound route exists, 10078 its
	 * trunk unknown: help.yeastar.com/zh-cn/cloudpbx-developer-v2/api-v2/api_error_code.html).
	 */
	routeErrnos: 'generic' | 'yeastar-v2';
	/**
	 * Close the connection after every answer (`Connection: close`), as the PBX's Boa web server does in Yeastar's
	 * published exchanges ("Server: Boa/0.94.14rc21 ... Connection: close", help.yeastar.com s-series-developer-v2
	 * heartbeat.html, s1000-developer-v2 outroute-add.html). Off: keep-alive.
	 */
	connectionClose: boolean;
	/**
	 * Answer every request `302 Found` to this origin (same path and query), unprocessed: the PBX's web access
	 * setting "Redirect from port 80" (HTTP to HTTPS 8088, on by default: help.yeastar.com/en/s-series-developer/api/
	 * communication-method.html). Unset: no redirect.
	 */
	redirectTo?: string;
	/**
	 * `strings`: a JSON number or boolean in a request body reads as a blank field (errno 10004 where it is required),
	 * as firmware that reads only string values would; every request example of the UC manual and of Yeastar's guides
	 * sends values as strings, even Int fields (`{"extid":"1000"}`: YeastarCarol/Yeastar-S-Series-API-Guide-en
	 * api_sample/extension/query-one-or-more-extensions.md). `any` (default): numbers are read as their text.
	 */
	jsonValues: 'any' | 'strings';
}

export interface StartOptions extends Partial<OpenVoxUcOptions> {
	port?: number;
	host?: string;
	username?: string;
	password?: string;
	sn?: string;
}

export interface OpenVoxUcEmulator {
	url: string;
	port: number;
	username: string;
	password: string;
	state: OpenVoxUcState;
	requests: Array<{ path: string; query: Record<string, string>; body: unknown; format: 'json' | 'xml'; at: number }>;
	logins: number;
	loginAttempts: number;
	options: OpenVoxUcOptions;
	sessions: Map<string, UcSession>;
	expireTokens(): void;
	connections(): number;
	/** The HTTP server (tests watch its 'request' and 'connection' events). */
	readonly server: import('node:http').Server;
	reset(): void;
	close(): Promise<void>;
	report(action: string, fields?: Record<string, unknown>, opts?: { to?: string; legacy?: boolean }): Promise<{ status: number; body: string }>;
	reports: Array<{ url: string; body: string; status: number; action: string; attempt: number; at: number }>;
	simulateCall(opts: { from: string; to: string; answer?: boolean; durationS?: number; holdMs?: number; transferTo?: string }): Promise<void>;
	registration(): { url?: string; urltag?: string; port?: string; version?: string; token?: string; ipaddr?: string; target?: string } | undefined;
	/** Where reports go right now (absolute http URL), or undefined. */
	reportTarget(): string | undefined;
	/** Wait until every queued report (and its resends) has been delivered. */
	settle(): Promise<void>;
	/** Send the BootUp report. */
	bootUp(): Promise<void>;
	/** Change an extension's registration state and send ExtensionStatus (Registered / Unregistered). */
	setExtensionRegistered(extnumber: string, registered: boolean): Promise<void>;
	/** The md5 hex the API expects for a password. */
	md5(text: string): string;
	/** The kit's fault switches (delay, HTTP status, drop after apply, malformed body, API not running). */
	faults: FaultSwitches;
}
