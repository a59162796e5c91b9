/**
 * The emulated UCM on the kit (../kit): the kit's server (HTTP or HTTPS, connections, fault switches named by /api
 * action), its cookie SessionStore and LoginGuard, StateStore and report Outbox. Here: the options, the `/api`
 * dispatch (and the legacy `/cdrapi`, `/recapi`, `/pmsapi`, `/queueapi` paths), burst refusals and the request log.
 * The actions live in one file per resource group, as nodes/ucm/spec/ does.
 */
import type * as http from 'node:http';
import type * as https from 'node:https';
import type { SecureContextOptions } from 'node:tls';
import { absolutize, clearFaults, LoginGuard, md5, Outbox, SessionStore, startKitServer, StateStore, withDefaults, type Body, type FaultSwitches, type KitAnswer, type KitRequest, type KitServer } from '../kit';
import { str, UcmError, type Ctx, type Handler, type Rec, type Reply, type UcmBrand } from './api';
import { callHandlers } from './call';
import { cdrHandlers } from './cdr';
import { extensionHandlers } from './extension';
import { groupHandlers } from './group';
import { inboundRouteHandlers } from './inboundRoute';
import { ivrHandlers } from './ivr';
import { clearCalls, simulateCall } from './liveCalls';
import { outboundRouteHandlers } from './outboundRoute';
import { pagingGroupHandlers } from './pagingGroup';
import { pmsHandlers, UCM_DEFAULT_PMS_PASSWORD, UCM_DEFAULT_PMS_USERNAME } from './pms';
import { queueHandlers } from './queue';
import { recordingHandlers } from './recording';
import { challenge, login, sessionHandlers, UCM_DEFAULT_PASSWORD, UCM_DEFAULT_USERNAME, useCookie, type UcmSession } from './session';
import { seedState, type UcmState } from './state';
import { systemHandlers } from './system';
import { trunkHandlers } from './trunk';
import { userHandlers } from './user';
import { waveHandlers } from './wave';

/** Actions only the Grandstream manual documents (FIBERME answers -19 "Unsupported"). Lower case. */
export const UCM_GRANDSTREAM_ONLY_ACTIONS: readonly string[] = [
	'addsipaccountanduser', 'deleteuser', 'cleanterminalchatinformation', 'getsipaccountqr',
	'listanalogtrunk', 'addanalogtrunk', 'getanalogtrunk', 'updateanalogtrunk', 'deleteanalogtrunk',
	'addslatrunk', 'updateslatrunk',
	'listdigitaltrunk', 'adddigitaltrunk', 'getdigitaltrunk', 'getdogitaltrunk', 'updatedigitaltrunk', 'deletedigitaltrunk',
];

export interface UcmOptions {
	cookieTtlMs: number;
	expireEveryNRequests?: number;
	lockoutFailures: number;
	lockoutMs: number;
	maxConcurrent?: number;
	/** Extra delay before every /api answer (keeps requests in flight, for burst tests). */
	latencyMs: number;
	/** Status for an unknown/expired cookie (the manuals name only -6; -8 "System timeout" is selectable). */
	expiredStatus: number;
	/** How long an API-placed call stays up before it hangs up by itself. */
	callDurationMs: number;
	/** Delay before an API-placed call is answered. */
	answerDelayMs: number;
	/** "Call Control" switch of the API settings page (acceptCall/refuseCall; inbound calls wait 10 s). */
	callControl: boolean;
	/** The HTTPS API switch; off (or a client IP outside `permittedIps`) answers challenge/login with -47, as seen in the field. */
	apiEnabled: boolean;
	permittedIps?: string[];
	/** Error answers quote the request they refuse, cookie included (as some web stacks do in their error text):
	 *  in the JSON `error` text, or as a 200 HTML page. */
	echoRequestInErrors?: boolean | 'html';
	/** Call Control window before an inbound call is accepted automatically (manual: 10 s). */
	callControlMs: number;
	/** Send reports to the login `url` (default: on for FIBERME; the Grandstream manual says "not supported yet"). */
	sendReports: boolean;
	reportTimeoutMs: number;
	pmsUsername: string;
	pmsPassword: string;
	/** cdrapi JSON: `bare` {"cdr_root":[..]} as the manual shows; firmware read by public clients also puts
	 *  "status":0 beside it (`status`) or wraps it as {"response":{"cdr_root":[..]},"status":0} (`response`). */
	cdrJsonEnvelope: 'bare' | 'status' | 'response';
	/** cdrapi JSON without records (the manual shows none): `list` [], `null`, `string` "", `object` {}, `absent` no cdr_root. */
	emptyCdrRoot: 'list' | 'null' | 'string' | 'object' | 'absent';
	/** The cdrapi parameter names this firmware knows for "filter on Start or End time". Undefined: both the
	 *  manual's "tineFilterType" and "timeFilterType". When set, any other `*FilterType` is an unknown parameter,
	 *  which cdrapi answers with no records (Grandstream UCM6100 CDR and REC API Guide, "Other errors which return
	 *  no records include: Unknown parameters"). */
	cdrTimeFilterParams?: string[];
	/** CDR `recordfiles` as firmware writes it in the field: the month folder first, "2026-02/auto-…wav@"
	 *  (tdaniel1925/timhayes RECORDING_ISSUE_ANALYSIS.md); default: the file name and "@" only. recapi still takes
	 *  the bare file name. */
	recordfilesMonthFolder: boolean;
}

/** sendReports defaults to the brand (on for FIBERME). */
const OPTION_DEFAULTS: UcmOptions = {
	cookieTtlMs: 10 * 60_000,
	expireEveryNRequests: undefined,
	lockoutFailures: 5,
	lockoutMs: 10 * 60_000,
	maxConcurrent: undefined,
	latencyMs: 0,
	expiredStatus: -6,
	callDurationMs: 30_000,
	answerDelayMs: 30,
	callControl: false,
	apiEnabled: true,
	permittedIps: undefined,
	echoRequestInErrors: undefined,
	callControlMs: 10_000,
	sendReports: false,
	reportTimeoutMs: 5_000,
	pmsUsername: UCM_DEFAULT_PMS_USERNAME,
	pmsPassword: UCM_DEFAULT_PMS_PASSWORD,
	cdrJsonEnvelope: 'bare',
	emptyCdrRoot: 'list',
	cdrTimeFilterParams: undefined,
	recordfilesMonthFolder: false,
};

export interface UcmStartOptions extends Partial<UcmOptions> {
	brand?: UcmBrand;
	port?: number;
	host?: string;
	username?: string;
	password?: string;
	/** key and cert, and any other server TLS options (e.g. the 1024-bit DH of old firmware: dhparam, ciphers). */
	tls?: { key: string | Buffer; cert: string | Buffer } & SecureContextOptions;
}

export interface UcmEmulator {
	url: string;
	port: number;
	brand: UcmBrand;
	username: string;
	password: string;
	state: UcmState;
	requests: Array<{ action?: string; path: string; body: unknown; cookie?: string; at: number }>;
	logins: number;
	loginAttempts: number;
	challenges: number;
	/** Requests refused as a burst (-45/-46/-57), and the most requests ever in flight at once. */
	burstRefusals: number;
	peakInFlight: number;
	options: UcmOptions;
	/** Invalidate every cookie now (the next request with one gets -6). */
	expireCookies(): void;
	/** Open sockets (keep-alive check). */
	connections(): number;
	/** Back to the seed; forget sessions, lockouts, logs; switch the faults off. */
	reset(): void;
	close(): Promise<void>;
	reports: Array<{ url: string; body: string; status: number }>;
	/** A call from `from` to `to` (extension or external number) that rings, is answered (default) and ends, with
	 *  its CDR, reports, recording (if the extension records). Resolves when every report has been answered. */
	simulateCall(opts: { from: string; to: string; answer?: boolean; durationS?: number }): Promise<void>;
	/** The last login that registered a report `url` (live session preferred). */
	registration(): { url?: string; cookie?: string } | undefined;
	/** Live sessions by cookie. */
	sessions: Map<string, UcmSession>;
	/** The kit's fault switches (HTTP status, drop after apply, malformed body...; `op` names are /api actions). */
	faults: FaultSwitches;
	/** pmsapi token for the configured PMS credentials. */
	pmsToken(): string;
	/** Wait until queued reports have been delivered. */
	settle(): Promise<void>;
	/** Send a report now (to the registered url or `to`). */
	report(body: Rec, to?: string): Promise<{ status: number; body: string }>;
}

const WRITE_ACTION = /^(add|update|delete|apply|pause|login|clean|multicast|hangup|callbarge|dial|transfer|accept|refuse|play|mute|unmute|hold|unhold|calltransfer|pmsapi)/i;

const HANDLERS: Record<string, Handler> = {
	...sessionHandlers,
	...systemHandlers,
	...extensionHandlers,
	...waveHandlers,
	...trunkHandlers,
	...outboundRouteHandlers,
	...inboundRouteHandlers,
	...callHandlers,
	...queueHandlers,
	...pagingGroupHandlers,
	...ivrHandlers,
	...userHandlers,
	...groupHandlers,
	...cdrHandlers,
	...recordingHandlers,
	...pmsHandlers,
};

const JSON_TYPE = 'application/json;charset=UTF-8';
const json = (obj: unknown, op?: string): KitAnswer => ({ op, headers: { 'Content-Type': JSON_TYPE }, body: JSON.stringify(obj) });

export class EmulatedUcm implements UcmEmulator {
	url = '';
	port = 0;
	readonly brand: UcmBrand;
	readonly username: string;
	readonly password: string;
	requests: UcmEmulator['requests'] = [];
	logins = 0;
	challenges = 0;
	burstRefusals = 0;
	options: UcmOptions;

	// Used by the resource files (not part of UcmEmulator).
	readonly sessionStore = new SessionStore<UcmSession>(() => ({ idleMs: this.options.cookieTtlMs, expireEveryNRequests: this.options.expireEveryNRequests }));
	readonly guard = new LoginGuard(() => ({ failures: this.options.lockoutFailures, lockMs: this.options.lockoutMs }));
	readonly pendingChallenges = new Map<string, { challenge: string; at: number }>();
	readonly timers = new Set<NodeJS.Timeout>();
	chanSeq = 0x10;
	callSeq = 100;
	lastRegistration?: UcmSession;

	private readonly store: StateStore<UcmState>;
	private readonly outbox = new Outbox({ ordered: true, timeoutMs: () => this.options.reportTimeoutMs, headers: { 'Content-Type': JSON_TYPE } });
	private kit?: KitServer;

	constructor(private readonly host: string, private readonly tls: UcmStartOptions['tls'], opts: UcmStartOptions) {
		this.brand = opts.brand ?? 'grandstream';
		this.username = opts.username ?? UCM_DEFAULT_USERNAME;
		this.password = opts.password ?? UCM_DEFAULT_PASSWORD;
		this.options = withDefaults({ ...OPTION_DEFAULTS, sendReports: this.brand === 'fiberme' }, opts);
		this.store = new StateStore(() => seedState(this.brand));
	}

	async listen(port: number): Promise<void> {
		this.kit = await startKitServer({
			host: this.host,
			port,
			tls: this.tls,
			handle: (r) => this.handle(r),
			malformedBody: () => ({ headers: { 'Content-Type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }),
		});
		this.port = this.kit.port;
		this.url = this.kit.url;
	}

	// ---- public API ------------------------------------------------------------------------------------------

	get state(): UcmState {
		return this.store.state;
	}

	get sessions(): Map<string, UcmSession> {
		return this.sessionStore.byToken;
	}

	get faults(): FaultSwitches {
		return this.serverKit().faults;
	}

	get reports(): UcmEmulator['reports'] {
		return this.outbox.sent.map((p) => ({ url: p.url, body: p.body, status: p.result.status }));
	}

	get loginAttempts(): number {
		return this.guard.attempts;
	}

	set loginAttempts(n: number) {
		this.guard.attempts = n;
	}

	get peakInFlight(): number {
		return this.serverKit().peakInFlight;
	}

	set peakInFlight(n: number) {
		this.serverKit().peakInFlight = n;
	}

	expireCookies(): void {
		this.sessionStore.expireAll();
	}

	connections(): number {
		return this.serverKit().connections();
	}

	reset(): void {
		this.stopTimers();
		this.store.reset();
		clearFaults(this.faults);
		this.sessionStore.clear();
		this.guard.clear();
		this.pendingChallenges.clear();
		this.outbox.clear();
		this.requests.length = 0;
		this.logins = 0;
		this.challenges = 0;
		this.burstRefusals = 0;
		this.peakInFlight = 0;
		this.lastRegistration = undefined;
	}

	async close(): Promise<void> {
		this.stopTimers();
		await this.outbox.idle();
		await this.kit?.close();
	}

	registration(): { url?: string; cookie?: string } | undefined {
		const s = this.sessionStore.live().filter((x) => x.url).pop() ?? this.lastRegistration;
		return s ? { url: s.url, cookie: s.token } : undefined;
	}

	pmsToken(): string {
		return md5(this.options.pmsUsername + this.options.pmsPassword);
	}

	settle(): Promise<void> {
		return this.outbox.idle();
	}

	report(body: Rec, to?: string): Promise<{ status: number; body: string }> {
		const target = to ?? this.registration()?.url;
		if (!target) return Promise.resolve({ status: 0, body: 'no report url registered' });
		return this.outbox.post(absolutize(target), JSON.stringify(body));
	}

	/** Queue a report (ordered delivery) to every live session that registered a url. */
	emit(body: Rec): void {
		if (!this.options.sendReports) return;
		const urls = new Set(this.sessionStore.live().flatMap((s) => (s.url ? [s.url] : [])));
		for (const u of urls) void this.outbox.queue(() => this.report(body, u));
	}

	simulateCall(o: { from: string; to: string; answer?: boolean; durationS?: number }): Promise<void> {
		return simulateCall(this, o);
	}

	/** The HTTP(S) server (the e2e runner watches its 'request' events to attribute logins to n8n processes). */
	get server(): http.Server | https.Server {
		return this.serverKit().server;
	}

	private serverKit(): KitServer {
		if (!this.kit) throw new Error('UCM emulator: not listening');
		return this.kit;
	}

	private stopTimers(): void {
		clearCalls(this);
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
	}

	// ---- HTTP ------------------------------------------------------------------------------------------------

	private async handle(r: KitRequest): Promise<KitAnswer> {
		const path = r.path.replace(/\/+$/, '') || '/';
		const text = r.raw;
		let body: Body;
		let parsed: unknown;
		const legacy = /^\/(cdrapi|recapi|pmsapi|queueapi)$/i.exec(path);
		if (path === '/api' && r.method === 'POST') {
			try {
				parsed = text ? JSON.parse(text) : {};
			} catch {
				parsed = undefined;
			}
			const request = parsed && typeof parsed === 'object' ? (parsed as Rec).request : undefined;
			body = request && typeof request === 'object' && !Array.isArray(request) ? { ...(request as Rec) } : {};
			if (!request) {
				this.requests.push({ path, body: parsed ?? text, at: r.at });
				await this.latency();
				return json({ status: -1 });
			}
		} else if (legacy) {
			body = { action: legacy[1].toLowerCase() };
			for (const [k, v] of r.url.searchParams) body[k] = body[k] !== undefined && k !== 'action' ? `${str(body[k])},${v}` : v;
			if (text && r.method === 'POST') {
				if (/json/.test(String(r.headers['content-type'] ?? ''))) {
					try {
						const j = JSON.parse(text) as Rec;
						Object.assign(body, (j.request as Rec | undefined) ?? j);
					} catch {
						/* ignore */
					}
				} else for (const [k, v] of new URLSearchParams(text)) body[k] = v;
				body.action = legacy[1].toLowerCase();
			}
			parsed = body;
		} else return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not Found' };
		const action = typeof body.action === 'string' ? body.action : undefined;
		const cookie = typeof body.cookie === 'string' ? body.cookie : undefined;
		this.requests.push({ action, path, body: parsed, cookie, at: r.at });
		const max = this.options.maxConcurrent;
		const inFlight = this.serverKit().inFlight;
		if (max !== undefined && max > 0 && inFlight > max) {
			this.burstRefusals++;
			await this.latency();
			return json({ status: inFlight > 2 * max ? -57 : action && WRITE_ACTION.test(action) ? -46 : -45 });
		}
		await this.latency();
		let reply: Reply;
		try {
			reply = await this.dispatch(action, { body, ip: r.ip });
		} catch (e) {
			if (!(e instanceof UcmError)) throw e;
			if (this.options.echoRequestInErrors === 'html') return { headers: { 'Content-Type': 'text/html' }, body: `<p>${text}</p>` };
			if (this.options.echoRequestInErrors) return json({ status: e.status, error: `Error ${e.status} in request ${text}` });
			return json(e.response ? { response: e.response, status: e.status } : { status: e.status });
		}
		if ('raw' in reply && 'type' in reply && (Buffer.isBuffer(reply.raw) || typeof reply.raw === 'string')) {
			return { op: action, headers: { 'Content-Type': str(reply.type), ...(reply.headers as Record<string, string> | undefined) }, body: reply.raw };
		}
		return json({ response: reply, status: 0 }, action);
	}

	/** `latencyMs`: the PBX's own processing time, inside the request (so it counts as in flight). */
	private latency(): Promise<void> {
		const ms = this.options.latencyMs;
		return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
	}

	private async dispatch(action: string | undefined, ctx: Ctx): Promise<Reply> {
		if (!action) throw new UcmError(-1);
		const key = action.toLowerCase();
		if (key === 'challenge') return challenge(this, ctx);
		if (key === 'login') return login(this, ctx);
		ctx.session = useCookie(this, typeof ctx.body.cookie === 'string' ? ctx.body.cookie : undefined);
		const h = HANDLERS[key];
		if (!h || (this.brand === 'fiberme' && UCM_GRANDSTREAM_ONLY_ACTIONS.includes(key))) throw new UcmError(-19);
		return h(this, ctx);
	}
}
