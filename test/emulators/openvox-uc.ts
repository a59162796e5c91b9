/**
 * OpenVox UC (UC300/UC500/UC501) HTTP API emulator, written from `openvox-uc-http-api-zh.txt`.
 *
 * A loopback HTTP server (node:http only) that behaves as the manual says:
 *   - `POST /api/<any version>/<path>?token=...&type=json|xml`, HTTP 200 always, `status`/`errno` in the body;
 *   - login with md5(password) -> 32-hex token (30 min idle, heartbeat extends, logout ends), 5 wrong passwords in a
 *     row lock the caller's IP for 10 minutes;
 *   - JSON or XML bodies (`<?xml version="1.0" encoding="UTF-8" ?><xml>...</xml>`, lists as `<item id="N">`);
 *   - every documented endpoint, with state (add then query returns it);
 *   - downloads behind a `random` (30 s; single use for recordings);
 *   - the ten documented API reports POSTed to the address registered at login/heartbeat, in the well-formed
 *     format when login asked for `"version":"1.0.2"`, else the legacy format with duplicate `"ext"` keys.
 *
 * The manual has no errno table (only `30003` appears, in the login failure example); the emulator uses the Yeastar
 * S-Series table (`OPENVOX_UC_ERRNO`), of which the UC API is a rebrand.
 */
import * as http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { absolutize, csvCell, makeWav, md5, normIp, pad, readBody, xmlEsc } from './kit';

export { makeWav };

// ---------------------------------------------------------------------------------------------------------------
// Constants: errno table, seed data
// ---------------------------------------------------------------------------------------------------------------

/** Yeastar S-Series API error codes (the UC manual documents none; `30003` is the only one it shows). */
export const OPENVOX_UC_ERRNO: Readonly<Record<string, string>> = Object.freeze({
	'10002': 'Unsupported XML data packet format',
	'10003': 'Unsupported API request',
	'10004': 'The required parameter is blank',
	'10006': 'The extension does not exist',
	'10007': 'The call does not exist',
	'10008': "The extension isn't idle",
	'10009': 'The extension does not allow being monitored',
	'10010': 'The monitor mode does not match',
	'10011': 'The called number does not exist',
	'10012': 'The IVR does not exist',
	'10013': 'The queue does not exist',
	'10014': 'The ring group does not exist',
	'10015': 'The call is not connected',
	'10016': 'The call is accepted/call refuse times out',
	'10017': 'The extension configuration failed',
	'10018': 'The IVR configuration failed',
	'10019': 'The queue configuration failed',
	'10020': 'Failed to add or modify an alarm',
	'10021': 'The alarm does not exist',
	'10022': 'The alarm already exists',
	'10023': 'The audio file does not exist',
	'10024': 'The extension does not have outbound call permission',
	'10025': 'High frequency of using system automatic apply of new configuration',
	'10028': 'The number cannot be blank',
	'10031': "The callee number doesn't meet the requirement",
	'10032': 'Wrong password',
	'10033': 'Fail to save the outbound route settings for extension',
	'20000': 'Only support json format',
	'20001': 'Only support POST request',
	'20002': 'User login failure (user locked out)',
	'20003': 'User login failure (invalid username or password)',
	'20004': 'No such Token',
	'20005': 'Token is blank',
	'20006': 'Token timeout',
	'20007': 'Data is blank',
	'20008': 'Port error',
	'20009': 'Request number is blank',
	'20010': 'Failed to send the request to apisrv',
	'20011': 'HeartBeat request configuration failed',
	'20012': 'Invalid recording random',
	'20013': 'Wrong verification code',
	'20014': 'The recording file does not exist',
	'20015': 'allowedip error',
	'20016': 'Wrong voicemail status parameter',
	'20017': 'Invalid voicemail random',
	'20018': 'The voicemail file does not exist',
	'20019': 'Wrong CDR time format',
	'20020': 'Invalid CDR random',
	'20021': 'The CDR does not exist',
	'30001': 'JSON failed to allocate memory',
	'30003': 'The apisrv process is not running (the manual shows it as a login failure)',
});

export const OPENVOX_UC_DEFAULT_USERNAME = 'api';
export const OPENVOX_UC_DEFAULT_PASSWORD = 'apipass1';
export const OPENVOX_UC_SN = 'a09805021987';

type Rec = Record<string, string>;

/** The data every emulator starts with (and returns to on `reset()`). */
export const OPENVOX_UC_SEED = {
	device: {
		devicename: 'UC501',
		sn: OPENVOX_UC_SN,
		hardwarever: '3.1',
		firmwarever: '4.3.5',
	} as Rec,
	/** Base status for extensionlist/query; live call state (Ringing/Up/Hold) is layered on top. */
	extensions: [
		ext('1000', 'Alice', 'Registered', { monitormode: 'Extensive', allowbeingmonitored: 'on', email: 'alice@example.com', moblie: '15550001000' }),
		ext('1001', 'Bob', 'Registered', { allowbeingmonitored: 'on' }),
		ext('1002', 'Carol', 'Registered', { allowbeingmonitored: 'on', noanswerforward: 'on', ntransferto: 'Voicemail' }),
		ext('1003', 'Dave', 'Unavailable', { hasvoicemail: 'off' }),
		ext('1004', 'Eve', 'Registered', { monitormode: 'Listen' }),
		ext('1005', 'Lobby', 'Idle', { type: 'fxs', port: '1', hasvoicemail: 'off' }),
	] as Rec[],
	sipTrunks: [
		{ id: '1', trunkname: 'to-provider', tech: 'pjsip', trunktype: 'register', host: 'sip.example.net', port: '5060', domain: 'sip.example.net', username: '6100', authname: '6100', fromuser: '', password: 'Trunk#pass1', status: 'Registered' },
		{ id: '2', trunkname: 'to-branch', tech: 'pjsip', trunktype: 'peer', host: '192.0.2.10', port: '5060', domain: '192.0.2.10', username: '', authname: '', fromuser: '', password: '', status: 'Registered' },
	] as Rec[],
	inroutes: [
		{ id: '', name: 'main-in', did: '', caller_id: '', desttype: 'extension', dest: '1000' },
		{ id: '', name: 'support-in', did: '8005550100', caller_id: '', desttype: 'queue', dest: '6700' },
	] as Rec[],
	outroutes: [
		{ id: '19', name: 'to-provider-9', prepend: '', prefix: '9', matchpattern: 'X.', callerid: '', trunks: 'to-provider' },
		{ id: '20', name: 'local-direct', prepend: '', prefix: '', matchpattern: 'NXXXXX.', callerid: '', trunks: 'to-provider' },
	] as Rec[],
	conferences: [
		{ number: '6500', name: '6500', participantepassword: '111111', moderatorpassword: '222222', waitformoderator: 'no' },
	] as Rec[],
	ivrs: [{ ivrid: '1', ivrname: 'main_ivr', prompt: 'welcome', promptrepeat: '3', responsetimeout: '5' }] as Rec[],
	queues: [
		{
			queuenumber: '6700', queuename: 'support', password: '6700', agents: '1000,1001', dynamicagents: '1002',
			announcefreq: '0', announceholdtime: 'off', announcepos: 'off', joinempty: 'on', leavewhenempty: 'off',
			retry: '10', ringstrategy: 'Ring All', agenttimeout: '20', wrapuptime: '10', agentannounce: '',
			musiconhold: 'Inherit', maxwaittime: '600',
		},
	] as Rec[],
	ringGroups: [{ number: '6200', name: 'sales', members: '1001,1002' }] as Rec[],
	pagingGroups: [{ number: '6300', name: 'all_office', type: 'paging', member: '1000,1001,1002' }] as Rec[],
	/** System recordings usable as `prompt` (names without extension). */
	prompts: ['welcome', 'goodbye', 'haruhi3', 'xiaoshao5', 'custom/test'],
	voicemails: [
		{ extid: '1000', voicemailfile: 'msg0000.wav', messagefrom: '1001', voicemaildate: '2024-05-01 09:15:00', voicemaillength: '4' },
		{ extid: '1000', voicemailfile: 'msg0001.wav', messagefrom: '5551234', voicemaildate: '2024-05-02 14:02:10', voicemaillength: '7' },
		{ extid: '1002', voicemailfile: 'msg0000.wav', messagefrom: '1000', voicemaildate: '2024-05-03 11:30:45', voicemaillength: '3' },
	] as Rec[],
	recordings: [
		'exten-1000-1001-20240501-091500-1714554900.101.wav',
		'exten-1002-95551234-20240502-101010-1714644610.205.wav',
	],
	cdrs: [
		cdr('1714554900.101', '2024-05-01 09:15:00', '1000', '1001', '32', '28', '', '', 'ANSWERED', 'Internal', 'exten-1000-1001-20240501-091500-1714554900.101.wav'),
		cdr('1714555800.110', '2024-05-01 09:30:00', '1001', '1002', '25', '0', '', '', 'NO ANSWER', 'Internal', ''),
		cdr('1714644610.205', '2024-05-02 10:10:10', '1002', '95551234', '75', '70', '', 'to-provider', 'ANSWERED', 'Outbound', 'exten-1002-95551234-20240502-101010-1714644610.205.wav'),
		cdr('1714731000.301', '2024-05-03 10:10:00', '5551234', '1000', '64', '60', 'to-provider', '', 'ANSWERED', 'Inbound', ''),
		cdr('1714817400.402', '2024-05-04 10:10:00', '1004', '1003', '30', '0', '', '', 'NO ANSWER', 'Internal', ''),
		cdr('1714903800.503', '2024-05-05 10:10:00', '5559876', '6700', '120', '95', 'to-provider', '', 'ANSWERED', 'Inbound', ''),
	] as Rec[],
	wakeups: [{ wakeupid: '1', number: '1004', time: '07:30', type: 'custom', weekdays: '1,2,3,4,5', prompt: 'custom/test' }] as Rec[],
};

function ext(number: string, username: string, status: string, over: Rec = {}): Rec {
	return {
		extnumber: number, username, type: 'pjsip', status, callerid: number,
		registerpassword: `Reg#${number}pw`, maxregistrations: '1', userpassword: `User#${number}pw`,
		email: '', moblie: '', language: 'en', hasvoicemail: 'on', vmsecret: number, enablevmtoemail: 'off',
		noanswerforward: 'off', ntransferto: '', ntransferext: '', ntransferprefix: '', ntransfernum: '',
		busyforward: 'off', btransferto: '', btransferext: '', btransferprefix: '', btransfernum: '',
		enablemobile: 'off', ringsimultaneous: 'off', mobileprefix: '', allowbeingmonitored: 'off',
		monitormode: 'disable', ringtimeout: '30', maxduration: 'Follow System', dnd: 'off', agentid: '',
		...over,
	};
}

function cdr(callid: string, timestart: string, callfrom: string, callto: string, callduraction: string, talkduraction: string,
	srctrunkname: string, desttrunkname: string, status: string, type: string, recording: string): Rec {
	return { callid, timestart, callfrom, callto, callduraction, talkduraction, srctrunkname, desttrunkname, status, type, recording, didnumber: '', sn: OPENVOX_UC_SN };
}

/** Columns of the CDR CSV (the manual refers to a column description it does not include; these follow the NewCdr report). */
export const OPENVOX_UC_CDR_COLUMNS = ['callid', 'timestart', 'callfrom', 'callto', 'callduraction', 'talkduraction', 'srctrunkname', 'desttrunkname', 'status', 'type', 'recording', 'didnumber', 'sn'];

// ---------------------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------------------

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

export interface UcSession {
	token: string;
	ip: string;
	port: string;
	url?: string;
	urltag?: string;
	version?: string;
	lastUsed: number;
	uses: number;
	createdAt: number;
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
}

class UcError extends Error {
	constructor(public readonly errno: string) {
		super(`errno ${errno}: ${OPENVOX_UC_ERRNO[errno] ?? 'unknown'}`);
	}
}

type Body = Record<string, unknown>;
type Reply = Record<string, unknown>;

interface Ctx {
	body: Body;
	query: Record<string, string>;
	session: UcSession;
	ip: string;
	format: 'json' | 'xml';
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers: md5, time, JSON/XML
// ---------------------------------------------------------------------------------------------------------------

const hex32 = (): string => randomBytes(16).toString('hex');

function fmtTime(ms: number): string {
	const d = new Date(ms);
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function fmtUptime(ms: number): string {
	const d = new Date(ms);
	const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getMonth()];
	return `${d.getFullYear()}-${mon}-${pad(d.getDate())}-${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
function parseTime(s: string): number | undefined {
	const m = TIME_RE.exec(s.trim());
	if (!m) return undefined;
	const t = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]).getTime();
	return Number.isNaN(t) ? undefined : t;
}

/** JSON.parse that also takes the manual's broken examples (trailing commas, an unterminated string at line end). */
export function parseJsonLenient(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		let t = text.replace(/,(\s*[}\]])/g, '$1');
		t = t
			.split('\n')
			.map((line) => ((line.match(/(?<!\\)"/g) ?? []).length % 2 === 1 ? line.replace(/\s*$/, '"') : line))
			.join('\n');
		return JSON.parse(t);
	}
}

const xmlUnesc = (s: string): string =>
	s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
		if (e === 'lt') return '<';
		if (e === 'gt') return '>';
		if (e === 'quot') return '"';
		if (e === 'apos') return "'";
		if (e === 'amp') return '&';
		return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
	});

/** Serialize a response body as the manual's XML: `<xml>` root, one element per key, lists as `<item id="N">`. */
export function toXml(obj: Record<string, unknown>): string {
	const lines: string[] = ['<?xml version="1.0" encoding="UTF-8" ?>', '<xml>'];
	const walk = (key: string, value: unknown, depth: number): void => {
		const ind = '    '.repeat(depth);
		if (Array.isArray(value)) {
			lines.push(`${ind}<${key}>`);
			value.forEach((item, i) => {
				if (item !== null && typeof item === 'object') {
					lines.push(`${ind}    <item id="${i}">`);
					for (const [k, v] of Object.entries(item as Record<string, unknown>)) walk(k, v, depth + 2);
					lines.push(`${ind}    </item>`);
				} else {
					lines.push(`${ind}    <item id="${i}">${xmlEsc(String(item ?? ''))}</item>`);
				}
			});
			lines.push(`${ind}</${key}>`);
		} else if (value !== null && typeof value === 'object') {
			lines.push(`${ind}<${key}>`);
			for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(k, v, depth + 1);
			lines.push(`${ind}</${key}>`);
		} else {
			lines.push(`${ind}<${key}>${xmlEsc(String(value ?? ''))}</${key}>`);
		}
	};
	for (const [k, v] of Object.entries(obj)) walk(k, v, 1);
	lines.push('</xml>');
	return lines.join('\n') + '\n';
}

interface XNode { name: string; children: XNode[]; text: string }

/**
 * Parse the manual's XML (a `<xml>` root whose children are parameters). Elements whose children are all `<item>`
 * become arrays, other elements with children become objects, leaves become strings. Throws on malformed input.
 */
export function parseXml(text: string): Record<string, unknown> {
	const src = text.replace(/^\uFEFF/, '').replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '');
	const root: XNode = { name: '#root', children: [], text: '' };
	const stack: XNode[] = [root];
	const re = /<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(src)) !== null) {
		const top = stack[stack.length - 1];
		if (m[1] !== undefined) top.text += m[1];
		else if (m[7] !== undefined) throw new Error('malformed XML');
		else if (m[6] !== undefined) top.text += xmlUnesc(m[6]);
		else if (m[2] === '/') {
			if (top.name !== m[3] || stack.length < 2) throw new Error(`unexpected </${m[3]}>`);
			stack.pop();
		} else {
			const node: XNode = { name: m[3], children: [], text: '' };
			top.children.push(node);
			if (m[5] !== '/') stack.push(node);
		}
	}
	if (stack.length !== 1) throw new Error('unclosed XML element');
	const elems = root.children;
	if (elems.length !== 1 || root.text.trim() !== '') throw new Error('XML must have exactly one root element');
	const conv = (n: XNode): unknown => {
		if (n.children.length === 0) return n.text.trim();
		if (n.children.every((c) => c.name === 'item')) return n.children.map(conv);
		const o: Record<string, unknown> = {};
		for (const c of n.children) {
			const v = conv(c);
			if (c.name in o) {
				const prev = o[c.name];
				o[c.name] = Array.isArray(prev) ? [...prev, v] : [prev, v];
			} else o[c.name] = v;
		}
		return o;
	};
	const out = conv(elems[0]);
	if (typeof out === 'string') return {};
	if (Array.isArray(out)) return { item: out };
	return out as Record<string, unknown>;
}

/** Serialize a report; in legacy mode `ext: {extid: [a, b]}` becomes duplicate keys `"ext":{"extid":"a"},"ext":{"extid":"b"}`. */
export function serializeReport(body: Record<string, unknown>, legacy: boolean): string {
	const entries: Array<[string, unknown]> = [];
	for (const [k, v] of Object.entries(body)) {
		if (k === 'ext' && Array.isArray(v)) {
			// caller gave a list of ext objects
			const ids = v.map((o) => (o && typeof o === 'object' ? (o as Record<string, unknown>).extid : o));
			if (legacy) for (const o of v) entries.push([k, o && typeof o === 'object' ? o : { extid: o }]);
			else entries.push([k, { extid: ids.length === 1 ? ids[0] : ids }]);
		} else if (legacy && k === 'ext' && v && typeof v === 'object' && Array.isArray((v as Record<string, unknown>).extid)) {
			for (const id of (v as Record<string, unknown>).extid as unknown[]) entries.push([k, { extid: id }]);
		} else entries.push([k, v]);
	}
	const inner = entries.map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v, null, 4).replace(/\n/g, '\n    ')}`);
	return `{\n${inner.join(',\n')}\n}`;
}

/** Asterisk-style dial pattern (X, Z, N, [..], ., !) -> RegExp. */
function patternToRegex(p: string): RegExp {
	let out = '';
	for (let i = 0; i < p.length; i++) {
		const c = p[i];
		if (c === 'X' || c === 'x') out += '[0-9]';
		else if (c === 'Z' || c === 'z') out += '[1-9]';
		else if (c === 'N' || c === 'n') out += '[2-9]';
		else if (c === '.') out += '.+';
		else if (c === '!') out += '.*';
		else if (c === '[') {
			const j = p.indexOf(']', i);
			if (j < 0) out += '\\[';
			else {
				out += `[${p.slice(i + 1, j).replace(/[\\^\]]/g, '\\$&')}]`;
				i = j;
			}
		} else out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	}
	return new RegExp(`^${out}$`);
}

const str = (v: unknown): string | undefined => {
	if (v === undefined || v === null) return undefined;
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	return undefined;
};

const list = (s: string): string[] => s.split(',').map((x) => x.trim()).filter((x) => x !== '');

function need(body: Body, ...names: string[]): string[] {
	return names.map((n) => {
		const v = str(body[n]);
		if (v === undefined || v.trim() === '') throw new UcError('10004');
		return v.trim();
	});
}

function opt(body: Body, name: string): string | undefined {
	const v = str(body[name]);
	return v === undefined ? undefined : v.trim();
}

const ON_OFF = ['on', 'off'];

// ---------------------------------------------------------------------------------------------------------------
// The emulator
// ---------------------------------------------------------------------------------------------------------------

function seedState(sn: string): OpenVoxUcState {
	const S = OPENVOX_UC_SEED;
	const byKey = (rows: Rec[], key: string): Map<string, Rec> => new Map(rows.map((r) => [r[key], { ...r }]));
	return {
		device: { ...S.device, sn },
		startedAt: Date.now(),
		extensions: byKey(S.extensions, 'extnumber'),
		sipTrunks: byKey(S.sipTrunks, 'trunkname'),
		inroutes: byKey(S.inroutes, 'name'),
		outroutes: byKey(S.outroutes, 'id'),
		conferences: byKey(S.conferences, 'number'),
		conferenceMembers: new Map(),
		ivrs: byKey(S.ivrs, 'ivrid'),
		queues: byKey(S.queues, 'queuenumber'),
		pausedAgents: new Map(),
		ringGroups: byKey(S.ringGroups, 'number'),
		pagingGroups: byKey(S.pagingGroups, 'number'),
		prompts: new Set(S.prompts),
		voicemails: S.voicemails.map((v) => ({ ...v })),
		recordings: new Set(S.recordings),
		cdrs: S.cdrs.map((c) => ({ ...c, sn })),
		wakeups: S.wakeups.map((w) => ({ ...w })),
		checkouts: [],
		playedPrompts: [],
		calls: new Map(),
		randoms: new Map(),
	};
}

class Emulator implements OpenVoxUcEmulator {
	url = '';
	port = 0;
	username: string;
	password: string;
	state: OpenVoxUcState;
	requests: OpenVoxUcEmulator['requests'] = [];
	logins = 0;
	loginAttempts = 0;
	options: OpenVoxUcOptions;
	sessions = new Map<string, UcSession>();
	reports: OpenVoxUcEmulator['reports'] = [];

	private readonly sn: string;
	private readonly server: http.Server;
	private readonly sockets = new Set<Socket>();
	private readonly expired = new Set<string>();
	private readonly lockouts = new Map<string, { failures: number; lockedUntil: number }>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private chain: Promise<void> = Promise.resolve();
	private seq = 100;
	private lastRegistration?: UcSession;
	private closed = false;

	constructor(private readonly host: string, opts: StartOptions) {
		this.username = opts.username ?? OPENVOX_UC_DEFAULT_USERNAME;
		this.password = opts.password ?? OPENVOX_UC_DEFAULT_PASSWORD;
		this.sn = opts.sn ?? OPENVOX_UC_SN;
		this.options = {
			tokenTtlMs: opts.tokenTtlMs ?? 30 * 60_000,
			expireEveryNRequests: opts.expireEveryNRequests,
			lockoutFailures: opts.lockoutFailures ?? 5,
			lockoutMs: opts.lockoutMs ?? 10 * 60_000,
			resendUnanswered: opts.resendUnanswered ?? 2,
			resendDelayMs: opts.resendDelayMs ?? 100,
			randomTtlMs: opts.randomTtlMs ?? 30_000,
			callDurationMs: opts.callDurationMs ?? 2_000,
			answerDelayMs: opts.answerDelayMs ?? 20,
			reportTimeoutMs: opts.reportTimeoutMs ?? 5_000,
			extensionStatusMonitor: opts.extensionStatusMonitor ?? true,
			apiNotRunningMs: opts.apiNotRunningMs ?? 0,
			apiNotRunningRequests: opts.apiNotRunningRequests ?? 0,
			spelling: opts.spelling ?? 'manual',
			typeKey: opts.typeKey ?? 'action',
		};
		this.state = seedState(this.sn);
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((err: unknown) => {
				if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
				res.end(String(err));
			});
		});
		this.server.on('connection', (s: Socket) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
	}

	async listen(port: number): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, this.host, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		const addr = this.server.address();
		this.port = typeof addr === 'object' && addr ? addr.port : port;
		this.url = `http://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`;
	}

	md5(text: string): string {
		return md5(text);
	}

	// ---- public API ------------------------------------------------------------------------------------------

	expireTokens(): void {
		for (const t of this.sessions.keys()) this.expired.add(t);
		this.sessions.clear();
	}

	connections(): number {
		return this.sockets.size;
	}

	reset(): void {
		for (const c of this.state.calls.values()) if (c.timer) clearTimeout(c.timer);
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		this.state = seedState(this.sn);
		this.sessions.clear();
		this.expired.clear();
		this.lockouts.clear();
		this.requests.length = 0;
		this.reports.length = 0;
		this.logins = 0;
		this.loginAttempts = 0;
		this.lastRegistration = undefined;
	}

	async close(): Promise<void> {
		this.closed = true;
		for (const c of this.state.calls.values()) if (c.timer) clearTimeout(c.timer);
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			for (const s of this.sockets) s.destroy();
		});
	}

	registration(): ReturnType<OpenVoxUcEmulator['registration']> {
		const s = this.liveRegistration() ?? this.lastRegistration;
		if (!s) return undefined;
		return { url: s.url, urltag: s.urltag, port: s.port, version: s.version, token: s.token, ipaddr: s.ip, target: this.targetOf(s) };
	}

	reportTarget(): string | undefined {
		const s = this.liveRegistration();
		return s ? this.targetOf(s) : undefined;
	}

	settle(): Promise<void> {
		return this.chain;
	}

	async report(action: string, fields: Record<string, unknown> = {}, opts: { to?: string; legacy?: boolean } = {}): Promise<{ status: number; body: string }> {
		const session = this.liveRegistration();
		const to = opts.to !== undefined ? absolutize(opts.to) : session ? this.targetOf(session) : undefined;
		if (!to) throw new Error('openvox-uc emulator: no live session with a report address (log in first, or pass opts.to)');
		const body: Record<string, unknown> = { action, ...fields };
		if (!('sn' in body)) body.sn = this.sn;
		const legacy = opts.legacy ?? (session?.version !== '1.0.2');
		const text = serializeReport(body, legacy);
		let result: { status: number; body: string } = { status: 0, body: '' };
		const run = async (): Promise<void> => {
			result = await this.deliver(to, action, text);
		};
		this.chain = this.chain.then(run, run);
		await this.chain;
		return result;
	}

	async bootUp(): Promise<void> {
		this.emit(() => [{ action: 'BootUp', sn: this.sn }]);
		await this.settle();
	}

	async setExtensionRegistered(extnumber: string, registered: boolean): Promise<void> {
		const e = this.state.extensions.get(extnumber);
		if (!e) throw new Error(`no extension ${extnumber}`);
		e.status = registered ? 'Registered' : 'Unavailable';
		this.extStatus(extnumber, registered ? 'Registered' : 'Unregistered');
		await this.settle();
	}

	async simulateCall(opts: { from: string; to: string; answer?: boolean; durationS?: number; holdMs?: number; transferTo?: string }): Promise<void> {
		const call = this.newCall(opts.from, opts.to);
		if (!call) throw new Error(`openvox-uc emulator: cannot place a call from ${opts.from} to ${opts.to} (no such extension or no matching outbound route)`);
		call.durationS = opts.durationS ?? 5;
		this.ring(call);
		if (opts.answer === false) {
			this.fail(call);
		} else {
			this.answer(call);
			if (opts.transferTo) this.emitTransfer(call, call.kind === 'inbound' ? call.callee : call.caller);
			if (opts.holdMs && opts.holdMs > 0) await new Promise((r) => setTimeout(r, opts.holdMs));
			if (call.state !== 'ended') this.hangup(call);
		}
		await this.settle();
	}

	// ---- sessions --------------------------------------------------------------------------------------------

	forget(s: UcSession): void {
		if (this.lastRegistration === s) this.lastRegistration = undefined;
	}

	private liveRegistration(): UcSession | undefined {
		let best: UcSession | undefined;
		for (const s of this.sessions.values()) {
			if (this.isExpired(s)) continue;
			if (!best || s.lastUsed >= best.lastUsed) best = s;
		}
		return best;
	}

	private isExpired(s: UcSession): boolean {
		if (Date.now() - s.lastUsed > this.options.tokenTtlMs) {
			this.sessions.delete(s.token);
			this.expired.add(s.token);
			return true;
		}
		return false;
	}

	private targetOf(s: UcSession): string {
		const host = s.ip.includes(':') ? `[${s.ip}]` : s.ip;
		if (s.url !== undefined && s.url !== '') {
			if (s.urltag === '1') return absolutize(s.url);
			return `http://${host}:${s.port}/${s.url.replace(/^\/+/, '')}`;
		}
		return `http://${host}:${s.port}/`;
	}

	private authenticate(query: Record<string, string>): UcSession {
		const token = query.token;
		if (token === undefined || token === '') throw new UcError('20005');
		const s = this.sessions.get(token);
		if (!s) throw new UcError(this.expired.has(token) ? '20006' : '20004');
		if (this.isExpired(s)) throw new UcError('20006');
		const n = this.options.expireEveryNRequests;
		if (n !== undefined && n > 0 && s.uses >= n) {
			this.sessions.delete(token);
			this.expired.add(token);
			throw new UcError('20006');
		}
		s.uses++;
		s.lastUsed = Date.now();
		return s;
	}

	// ---- HTTP ------------------------------------------------------------------------------------------------

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const u = new URL(req.url ?? '/', 'http://emulator');
		const query: Record<string, string> = {};
		for (const [k, v] of u.searchParams) query[k] = v;
		const raw = await readBody(req);
		if (raw === undefined) throw new Error('body too large');
		const ip = normIp(req.socket.remoteAddress);
		const format: 'json' | 'xml' = (query.type ?? '').toLowerCase() === 'xml' ? 'xml' : 'json';
		const m = /^\/api\/([^/]+)\/(.+?)\/?$/.exec(u.pathname);
		const path = m ? m[2] : u.pathname.replace(/^\/+/, '');

		let body: Body = {};
		let parseError: string | undefined;
		const trimmed = raw.trim();
		if (trimmed !== '') {
			try {
				if (trimmed.startsWith('<')) body = parseXml(trimmed);
				else {
					const parsed = parseJsonLenient(trimmed);
					if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
					body = parsed as Body;
				}
			} catch {
				parseError = trimmed.startsWith('<') ? '10002' : '20000';
			}
		}
		this.requests.push({ path, query, body: parseError ? raw : body, format, at: Date.now() });

		const cors = { 'Access-control-allow-origin': '*', 'Access-control-allow-methods': 'GET, POST, OPTIONS, PUT, DELETE', Server: 'Boa/0.94.14rc21' };
		const send = (reply: Reply, xmlShape?: (r: Reply) => Reply): void => {
			const text = format === 'xml' ? toXml(xmlShape ? xmlShape(reply) : reply) : JSON.stringify(reply, null, 4);
			res.writeHead(200, { ...cors, 'Content-Type': format === 'xml' ? 'application/xml; charset=utf-8' : 'application/json; charset=utf-8', Connection: 'keep-alive' });
			res.end(text);
		};
		const fail = (errno: string): void => send({ status: 'Failed', errno });

		if (req.method === 'OPTIONS') {
			res.writeHead(200, cors);
			res.end();
			return;
		}
		if (!m) return fail('10003');
		if (Date.now() - this.state.startedAt < this.options.apiNotRunningMs) return fail('30003');
		if (this.options.apiNotRunningRequests > 0) {
			this.options.apiNotRunningRequests--;
			return fail('30003');
		}
		if (path === 'voicemail/download' || path === 'recording/download' || path === 'cdr/download') {
			if (req.method !== 'GET' && req.method !== 'POST') return fail('20001');
			return this.download(path, query, ip, res, fail);
		}
		if (req.method !== 'POST') return fail('20001');
		if (parseError) return fail(parseError);
		const b = normalizeBody(body);
		try {
			if (path === 'login') return send(this.login(b, ip));
			const handler = ROUTES[path];
			if (!handler) {
				// an unknown path still needs a valid token on a real PBX; report the token error first
				this.authenticate(query);
				throw new UcError('10003');
			}
			const session = this.authenticate(query);
			const ctx: Ctx = { body: b, query, session, ip, format };
			const reply = handler.call(this, ctx);
			return send({ status: 'Success', ...reply }, BARE_SINGLE_XML[path]);
		} catch (err) {
			if (err instanceof UcError) return fail(err.errno);
			throw err;
		}
	}

	private login(b: Body, ip: string): Reply {
		this.loginAttempts++;
		const now = Date.now();
		const lock = this.lockouts.get(ip) ?? { failures: 0, lockedUntil: 0 };
		if (lock.lockedUntil > now) throw new UcError('20002');
		if (lock.lockedUntil !== 0) {
			lock.lockedUntil = 0;
			lock.failures = 0;
		}
		const username = opt(b, 'username') ?? '';
		const password = opt(b, 'password') ?? '';
		if (username !== this.username || password !== md5(this.password)) {
			lock.failures++;
			if (lock.failures >= this.options.lockoutFailures) lock.lockedUntil = now + this.options.lockoutMs;
			this.lockouts.set(ip, lock);
			throw new UcError('20003');
		}
		this.lockouts.delete(ip);
		const port = opt(b, 'port') ?? '';
		if (!/^\d+$/.test(port) || +port > 65536) throw new UcError('20008');
		const token = hex32();
		const s: UcSession = {
			token, ip, port, url: opt(b, 'url'), urltag: opt(b, 'urltag'), version: opt(b, 'version'),
			lastUsed: now, uses: 0, createdAt: now,
		};
		this.sessions.set(token, s);
		this.lastRegistration = s;
		this.logins++;
		return { status: 'Success', token };
	}

	private download(path: string, query: Record<string, string>, ip: string, res: http.ServerResponse, fail: (e: string) => void): void {
		try {
			this.authenticate(query);
		} catch (err) {
			if (err instanceof UcError) return fail(err.errno);
			throw err;
		}
		const kind = path.split('/')[0] as UcRandom['kind'];
		const badRandom = kind === 'recording' ? '20012' : kind === 'voicemail' ? '20017' : '20020';
		const r = this.state.randoms.get(query.random ?? '');
		if (!r || r.kind !== kind || r.expires < Date.now() || (r.used && kind === 'recording')) return fail(badRandom);
		for (const [k, v] of Object.entries(r.key)) if ((query[k] ?? '') !== v) return fail(badRandom);
		if (ip !== r.ownerIp && ip !== r.allowedip) return fail('20015');
		// voicemailstatus is in the manual's link template only, never explained: any folder-like word is accepted
		if (kind === 'voicemail' && query.voicemailstatus !== undefined && !/^[A-Za-z]*$/.test(query.voicemailstatus)) return fail('20016');
		let data: Buffer;
		let filename: string;
		let type: string;
		if (kind === 'recording') {
			if (!this.state.recordings.has(r.key.recording)) return fail('20014');
			r.used = true;
			data = makeWav(0.5);
			filename = r.key.recording;
			type = 'audio/x-wav';
		} else if (kind === 'voicemail') {
			const vm = this.state.voicemails.find((v) => v.extid === r.key.extid && v.voicemailfile === r.key.voicemailfile);
			if (!vm) return fail('20018');
			r.used = true;
			data = makeWav(Math.min(2, Math.max(0.25, Number(vm.voicemaillength) / 4 || 0.5)));
			filename = vm.voicemailfile;
			type = 'audio/x-wav';
		} else {
			r.used = true;
			data = Buffer.from(this.cdrCsv(r.key.extid, r.key.starttime, r.key.endtime), 'utf8');
			filename = `cdr-${r.key.starttime.replace(/[^0-9]/g, '')}-${r.key.endtime.replace(/[^0-9]/g, '')}.csv`;
			type = 'text/csv; charset=utf-8';
		}
		res.writeHead(200, {
			'Access-control-allow-origin': '*',
			'Content-Type': type,
			'Content-Length': String(data.length),
			'Content-Disposition': `attachment; filename="${filename}"`,
		});
		res.end(data);
	}

	private cdrCsv(extid: string, start: string, end: string): string {
		const from = parseTime(start) ?? 0;
		const to = parseTime(end) ?? Number.MAX_SAFE_INTEGER;
		const exts = extid === 'all' ? undefined : new Set(list(extid));
		const rows = this.state.cdrs.filter((c) => {
			const t = parseTime(c.timestart) ?? 0;
			if (t < from || t > to) return false;
			return !exts || exts.has(c.callfrom) || exts.has(c.callto);
		});
		const lines = [OPENVOX_UC_CDR_COLUMNS.join(',')];
		for (const c of rows) lines.push(OPENVOX_UC_CDR_COLUMNS.map((k) => csvCell(c[k] ?? '')).join(','));
		return lines.join('\r\n') + '\r\n';
	}

	newRandom(kind: UcRandom['kind'], key: Rec, allowedip: string, ownerIp: string): string {
		const now = Date.now();
		for (const [k, r] of this.state.randoms) if (r.expires < now) this.state.randoms.delete(k);
		const random = hex32();
		this.state.randoms.set(random, { kind, key, expires: now + this.options.randomTtlMs, used: false, allowedip, ownerIp });
		return random;
	}

	// ---- reports ---------------------------------------------------------------------------------------------

	private async deliver(to: string, action: string, text: string): Promise<{ status: number; body: string }> {
		let last = { status: 0, body: '' };
		for (let attempt = 0; attempt <= this.options.resendUnanswered; attempt++) {
			if (attempt > 0) await new Promise((r) => setTimeout(r, this.options.resendDelayMs));
			if (this.closed) break;
			last = await postJson(to, text, this.options.reportTimeoutMs);
			this.reports.push({ url: to, body: text, status: last.status, action, attempt, at: Date.now() });
			if (last.status === 200) break;
		}
		return last;
	}

	/** Queue reports for every live registration; `build` runs at send time with the registration's format. */
	private emit(build: () => Array<Record<string, unknown>>): void {
		const bodies = build();
		const run = async (): Promise<void> => {
			const targets = new Map<string, UcSession>();
			for (const s of this.sessions.values()) if (!this.isExpired(s)) targets.set(this.targetOf(s), s);
			for (const [to, s] of targets) {
				for (const body of bodies) await this.deliver(to, String(body.action), serializeReport(this.typed(body), s.version !== '1.0.2'));
			}
		};
		this.chain = this.chain.then(run, run);
	}

	/** The report with its type under the configured key (`event` in Yeastar API v2), in the same position. */
	private typed(body: Record<string, unknown>): Record<string, unknown> {
		if (this.options.typeKey === 'action') return body;
		return Object.fromEntries(Object.entries(body).map(([k, v]) => [k === 'action' ? 'event' : k, v]));
	}

	private extStatus(extnumber: string, status: 'Ringing' | 'InUse' | 'Idle' | 'Registered' | 'Unregistered'): void {
		if (!this.options.extensionStatusMonitor || !this.state.extensions.has(extnumber)) return;
		const sent = status === 'InUse' && this.options.spelling === 'yeastar' ? 'Busy' : status;
		this.emit(() => [{ action: 'ExtensionStatus', extension: extnumber, status: sent, sn: this.sn }]);
	}

	// ---- calls -----------------------------------------------------------------------------------------------

	private nextId(): string {
		this.seq += 1;
		return `${Math.floor(Date.now() / 1000)}.${this.seq}`;
	}

	nextWakeupId(): number {
		const ids = this.state.wakeups.map((w) => +w.wakeupid).filter((n) => Number.isFinite(n));
		return Math.max(0, ...ids) + 1;
	}

	nextChannel(): string {
		this.seq += 1;
		return this.seq.toString(16).padStart(8, '0');
	}

	isExt(n: string): boolean {
		return this.state.extensions.has(n);
	}

	/** Match an outbound route for `number`: returns the trunk and the number sent to it. */
	route(number: string): { trunk: string; to: string } | undefined {
		const routes = [...this.state.outroutes.values()].sort((a, b) => (b.prefix ?? '').length - (a.prefix ?? '').length);
		for (const r of routes) {
			const prefix = r.prefix ?? '';
			if (!number.startsWith(prefix)) continue;
			const rest = number.slice(prefix.length);
			if (rest === '' || !patternToRegex(r.matchpattern || 'X.').test(rest)) continue;
			const trunk = list(r.trunks ?? '').find((t) => this.state.sipTrunks.has(t));
			if (!trunk) continue;
			return { trunk, to: (r.prepend ?? '') + rest };
		}
		return undefined;
	}

	callOf(extnumber: string): UcCall | undefined {
		for (const c of this.state.calls.values()) if (c.state !== 'ended' && (c.caller === extnumber || c.callee === extnumber)) return c;
		return undefined;
	}

	/** Create a call from `from` to `to` (extension or external), undefined if it cannot be placed. */
	newCall(from: string, to: string, kind?: UcCall['kind']): UcCall | undefined {
		const base = { held: [], muted: [], monitors: [], startedAt: Date.now(), state: 'ringing' as const };
		const fromExt = this.isExt(from);
		const toExt = this.isExt(to);
		let call: UcCall;
		if (kind === 'callback') {
			const r = this.route(to);
			if (!r) return undefined;
			const id = this.nextId();
			call = { ...base, kind, callid: id, callid2: this.nextId(), caller: from, callee: r.to, dialed: to, trunk: r.trunk, outboundid: id };
		} else if (fromExt && toExt) {
			call = { ...base, kind: 'internal', callid: this.nextId(), callid2: this.nextId(), caller: from, callee: to, dialed: to };
		} else if (fromExt) {
			const r = this.route(to);
			if (!r) return undefined;
			const id = this.nextId();
			call = { ...base, kind: 'outbound', callid: id, callid2: this.nextId(), caller: from, callee: r.to, dialed: to, trunk: r.trunk, outboundid: id };
		} else if (toExt) {
			const trunk = this.state.sipTrunks.keys().next().value ?? 'trunk';
			const inboundid = this.nextId();
			this.seq += 1;
			call = { ...base, kind: 'inbound', callid: this.nextId(), callid2: this.nextId(), caller: from, callee: to, dialed: to, trunk, inboundid };
		} else return undefined;
		this.state.calls.set(call.callid, call);
		return call;
	}

	private trunkObj(call: UcCall): Record<string, unknown> {
		if (call.kind === 'inbound') return { inbound: { from: call.caller, to: call.callee, trunk: call.trunk, inboundid: call.inboundid } };
		return { outbound: { from: call.caller, to: call.callee, trunk: call.trunk, outboundid: call.outboundid } };
	}

	/** ALERT (caller hears ringback) and RING (callee rings), as in the manual's three examples. */
	ring(call: UcCall): void {
		const sn = this.sn;
		const t = this.trunkObj(call);
		const reports: Array<Record<string, unknown>> = [];
		if (call.kind === 'internal') {
			reports.push({ action: 'ALERT', callid: call.callid, ext: { extid: [call.caller] }, sn });
			reports.push({ action: 'RING', callid: call.callid, ext: { extid: [call.callee, call.caller] }, sn });
		} else if (call.kind === 'outbound') {
			reports.push({ action: 'ALERT', callid: call.callid, ext: { extid: call.caller }, sn });
			reports.push({ action: 'RING', callid: call.callid, ...t, ext: { extid: call.caller }, sn });
		} else if (call.kind === 'inbound') {
			reports.push({ action: 'ALERT', callid: call.callid, ...t, sn });
			reports.push({ action: 'RING', callid: call.callid, ext: { extid: call.callee }, ...t, sn });
		} else {
			reports.push({ action: 'ALERT', callid: call.callid, ...t, sn });
			reports.push({ action: 'RING', callid: call.callid, ...t, sn });
		}
		this.emit(() => reports);
		if (this.isExt(call.caller)) this.extStatus(call.caller, 'InUse');
		if (this.isExt(call.callee)) this.extStatus(call.callee, 'Ringing');
	}

	/** ANSWER (callee answered, callee first) and the "answered" report (also action ANSWER, caller first). */
	answer(call: UcCall): void {
		if (call.state !== 'ringing') return;
		call.state = 'talking';
		call.answeredAt = Date.now();
		const sn = this.sn;
		const t = this.trunkObj(call);
		const reports: Array<Record<string, unknown>> = [];
		if (call.kind === 'internal') {
			reports.push({ action: 'ANSWER', callid: call.callid, ext: { extid: [call.callee, call.caller] }, sn });
			const answered = this.options.spelling === 'yeastar' ? 'ANSWERED' : 'ANSWER';
			reports.push({ action: answered, callid: call.callid, ext: { extid: [call.caller, call.callee] }, sn });
		} else if (call.kind === 'outbound') {
			reports.push({ action: 'ANSWER', callid: call.callid, ext: { extid: call.caller }, ...t, sn });
		} else if (call.kind === 'inbound') {
			reports.push({ action: 'ANSWER', callid: call.callid, ext: { extid: call.callee }, ...t, sn });
		} else {
			reports.push({ action: 'ANSWER', callid: call.callid, ...t, sn });
		}
		this.emit(() => reports);
		if (this.isExt(call.callee)) this.extStatus(call.callee, 'InUse');
	}

	/** Callee did not answer: CallFailed reason 480, then the NO ANSWER CDR. */
	fail(call: UcCall): void {
		if (call.state === 'ended') return;
		call.state = 'ended';
		if (call.timer) clearTimeout(call.timer);
		const sn = this.sn;
		const t = this.trunkObj(call);
		let r: Record<string, unknown>;
		if (call.kind === 'internal') r = { action: 'CallFailed', reason: 480, callid: call.callid, ext: { extid: [call.callee, call.caller] }, sn };
		else if (call.kind === 'outbound') r = { action: 'CallFailed', reason: 480, callid: call.callid, ext: { extid: call.caller }, ...t, sn };
		else if (call.kind === 'inbound') r = { action: 'CallFailed', reason: 480, callid: call.callid, ext: { extid: call.callee }, ...t, sn };
		else r = { action: 'CallFailed', reason: 480, callid: call.callid, ...t, sn };
		this.emit(() => [r]);
		for (const e of [call.caller, call.callee]) if (this.isExt(e)) this.extStatus(e, 'Idle');
		this.finish(call, 'NO ANSWER');
	}

	/** Both legs end: two BYE reports (one per leg, different callids), ExtensionStatus Idle, then NewCdr. */
	hangup(call: UcCall): void {
		if (call.state === 'ended') return;
		if (call.state === 'ringing') return this.fail(call);
		call.state = 'ended';
		if (call.timer) clearTimeout(call.timer);
		const sn = this.sn;
		const t = this.trunkObj(call);
		const reports: Array<Record<string, unknown>> = [];
		if (call.kind === 'internal') {
			reports.push({ action: 'BYE', callid: call.callid, ext: { extid: [call.callee, call.caller] }, sn });
			reports.push({ action: 'BYE', callid: call.callid2, ext: { extid: [call.caller, call.callee] }, sn });
		} else if (call.kind === 'outbound') {
			reports.push({ action: 'BYE', callid: call.callid, ...t, ext: { extid: call.caller }, sn });
			reports.push({ action: 'BYE', callid: call.callid2, ext: { extid: call.caller }, ...t, sn });
		} else if (call.kind === 'inbound') {
			reports.push({ action: 'BYE', callid: call.callid, ext: { extid: call.callee }, ...t, sn });
			reports.push({ action: 'BYE', callid: call.callid2, ...t, ext: { extid: call.callee }, sn });
		} else {
			reports.push({ action: 'BYE', callid: call.callid, ...t, sn });
			reports.push({ action: 'BYE', callid: call.callid2, ...t, sn });
		}
		this.emit(() => reports);
		for (const e of [call.caller, call.callee]) if (this.isExt(e)) this.extStatus(e, 'Idle');
		this.finish(call, 'ANSWERED');
	}

	emitTransfer(call: UcCall, transferor: string): void {
		const sn = this.sn;
		const other = call.caller === transferor ? call.callee : call.caller;
		const r: Record<string, unknown> =
			call.kind === 'internal'
				? { action: 'Tranfer', callid: call.callid, ext: { extid: [other, transferor] }, sn }
				: { action: 'Tranfer', callid: call.callid, ext: { extid: transferor }, ...this.trunkObj(call), sn };
		this.emit(() => [r]);
	}

	private finish(call: UcCall, status: 'ANSWERED' | 'NO ANSWER'): void {
		const now = Date.now();
		let talk: number;
		let total: number;
		if (call.durationS !== undefined) {
			talk = status === 'ANSWERED' ? call.durationS : 0;
			total = talk + 2;
		} else {
			talk = call.answeredAt ? Math.round((now - call.answeredAt) / 1000) : 0;
			total = Math.max(talk, Math.round((now - call.startedAt) / 1000));
		}
		let recording = '';
		if (status === 'ANSWERED') {
			const d = new Date(call.startedAt);
			recording = `exten-${call.caller}-${call.dialed}-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}-${call.callid}.wav`;
			this.state.recordings.add(recording);
		}
		const type = call.kind === 'internal' ? 'Internal' : call.kind === 'inbound' ? 'Inbound' : 'Outbound';
		const row = cdr(call.callid, fmtTime(call.startedAt), call.caller, call.dialed, String(total), String(talk),
			call.kind === 'inbound' ? call.trunk ?? '' : '', call.kind === 'outbound' || call.kind === 'callback' ? call.trunk ?? '' : '', status, type, recording);
		row.sn = this.sn;
		this.state.cdrs.push(row);
		this.state.calls.delete(call.callid);
		this.emit(() => [{
			action: 'NewCdr', callid: row.callid, timestart: row.timestart, callfrom: row.callfrom, callto: row.callto,
			callduraction: row.callduraction, talkduraction: row.talkduraction, status: row.status, type: row.type,
			recording: row.recording, sn: this.sn,
		}]);
	}

	/** An API-placed call: ring now, answer after answerDelayMs (unless the callee is unavailable), hang up after callDurationMs. */
	placeCall(call: UcCall): void {
		this.ring(call);
		const calleeExt = this.state.extensions.get(call.callee);
		const unanswerable = call.kind !== 'outbound' && call.kind !== 'callback' && calleeExt !== undefined && (calleeExt.status === 'Unavailable' || calleeExt.dnd === 'on');
		const t1 = setTimeout(() => {
			this.timers.delete(t1);
			if (call.state !== 'ringing') return;
			if (unanswerable) return this.fail(call);
			this.answer(call);
			call.timer = setTimeout(() => {
				call.timer = undefined;
				this.hangup(call);
			}, this.options.callDurationMs);
			call.timer.unref?.();
		}, this.options.answerDelayMs);
		t1.unref?.();
		this.timers.add(t1);
	}

	/** Live status in the extensionlist vocabulary (Up while talking) or the extension/query one (Busy). */
	liveStatus(e: Rec, vocab: 'list' | 'query'): string {
		const c = this.callOf(e.extnumber);
		if (!c) return e.status;
		if (c.held.includes(e.extnumber)) return 'Hold';
		if (c.state === 'ringing') return c.callee === e.extnumber ? 'Ringing' : vocab === 'list' ? 'Up' : 'Busy';
		return vocab === 'list' ? 'Up' : 'Busy';
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------------------------

type Handler = (this: Emulator, ctx: Ctx) => Reply;

const EXT_FIELDS_FROM_REQUEST: Record<string, string> = { loginpassword: 'userpassword', mobile: 'moblie' };
const EXT_SETTABLE = ['username', 'callerid', 'registerpassword', 'maxregistrations', 'loginpassword', 'email', 'mobile', 'hasvoicemail', 'vmsecret', 'enablevmtoemail',
	'noanswerforward', 'ntransferto', 'ntransferext', 'ntransferprefix', 'ntransfernum', 'busyforward', 'btransferto', 'btransferext', 'btransferprefix', 'btransfernum',
	'enablemobile', 'ringsimultaneous', 'mobileprefix', 'allowbeingmonitored', 'monitormode', 'ringtimeout', 'maxduration', 'dnd', 'language'];
const EXT_ON_OFF = ['hasvoicemail', 'enablevmtoemail', 'noanswerforward', 'busyforward', 'enablemobile', 'ringsimultaneous', 'allowbeingmonitored', 'dnd'];
const MONITOR_MODES = ['disabled', 'disable', 'extensive', 'listen', 'whisper', 'barge-in'];
const TRANSFER_TO = ['Voicemail', 'Extension', 'Mobile Number', 'Custom Number'];
const DEST_TYPES = ['hangup', 'extension', 'voicemail', 'ivr', 'ringgroup', 'queue', 'conference', 'disa', 'callback'];
const QUEUE_ENUMS: Record<string, string[]> = {
	ringstrategy: ['Ring All', 'Least Recent', 'Fewest Calls', 'Random', 'Rrmemory', 'Linear'],
	joinempty: ON_OFF, leavewhenempty: ON_OFF, announcepos: ON_OFF, announceholdtime: ON_OFF,
};
const QUEUE_SETTABLE = ['queuename', 'password', 'ringstrategy', 'agents', 'dynamicagents', 'agenttimeout', 'wrapuptime', 'retry', 'maxwaittime', 'joinempty', 'leavewhenempty', 'announcepos', 'announcefreq', 'announceholdtime'];

function applyExtension(e: Rec, b: Body): void {
	for (const k of EXT_SETTABLE) {
		const v = opt(b, k);
		if (v === undefined) continue;
		if (EXT_ON_OFF.includes(k) && !ON_OFF.includes(v)) throw new UcError('10017');
		if (k === 'monitormode' && !MONITOR_MODES.includes(v.toLowerCase())) throw new UcError('10017');
		if ((k === 'ntransferto' || k === 'btransferto') && v !== '' && !TRANSFER_TO.includes(v)) throw new UcError('10017');
		e[EXT_FIELDS_FROM_REQUEST[k] ?? k] = v;
	}
}

function extInfo(this: Emulator, e: Rec): Record<string, unknown> {
	const out: Record<string, unknown> = {
		extnumber: e.extnumber, username: e.username, type: e.type, noanswerforward: e.noanswerforward, busyforward: e.busyforward,
		status: this.liveStatus(e, 'query'), callerid: e.callerid, userpassword: e.userpassword, registerpassword: e.registerpassword,
		email: e.email, moblie: e.moblie, maxregistrations: e.maxregistrations, hasvoicemail: e.hasvoicemail, vmsecret: e.vmsecret,
		enablevmtoemail: e.enablevmtoemail, language: e.language,
		ntransferto: e.ntransferto, ntransferext: e.ntransferext, ntransferprefix: e.ntransferprefix, ntransfernum: e.ntransfernum,
		btransferto: e.btransferto, btransferext: e.btransferext, btransferprefix: e.btransferprefix, btransfernum: e.btransfernum,
		enablemobile: e.enablemobile, ringsimultaneous: e.ringsimultaneous, mobileprefix: e.mobileprefix,
		allowbeingmonitored: e.allowbeingmonitored, monitormode: e.monitormode, ringtimeout: e.ringtimeout, maxduration: e.maxduration, dnd: e.dnd,
	};
	if (e.port) out.port = e.port;
	const c = this.callOf(e.extnumber);
	if (c) {
		if (c.kind === 'inbound') out.inbound = { inboundid: c.inboundid, from: c.caller, to: c.callee, trunk: c.trunk };
		else if (c.kind === 'outbound') out.outbound = { outboundid: c.outboundid, from: c.caller, to: c.callee, trunk: c.trunk };
		else out.ext = { extid: c.caller === e.extnumber ? c.callee : c.caller };
	}
	return out;
}

function selectByList<T>(map: Map<string, T>, spec: string | undefined): T[] {
	if (spec === undefined || spec === '' || spec.toLowerCase() === 'all') return [...map.values()];
	return list(spec).map((k) => map.get(k)).filter((v): v is T => v !== undefined);
}

function sipTrunkView(t: Rec): Rec {
	const base: Rec = { id: t.id, trunkname: t.trunkname, tech: t.tech, trunktype: t.trunktype };
	if (t.trunktype === 'register') return { ...base, host: t.host, port: t.port, domain: t.domain, username: t.username, authname: t.authname, fromuser: t.fromuser, password: t.password };
	if (t.trunktype === 'peer') return { ...base, host: t.host, port: t.port, domain: t.domain };
	return { ...base, username: t.username, authname: t.authname, password: t.password };
}

function validateTrunk(t: Rec): void {
	const type = t.trunktype;
	if (!['register', 'peer', 'account'].includes(type)) throw new UcError('10004');
	const req = type === 'register' ? ['host', 'port', 'username', 'authname', 'password'] : type === 'peer' ? ['host', 'port'] : ['username', 'authname', 'password'];
	for (const k of req) if (!(t[k] ?? '').trim()) throw new UcError('10004');
}

function requireExt(this: Emulator, n: string): Rec {
	const e = this.state.extensions.get(n);
	if (!e) throw new UcError('10006');
	return e;
}

function talkingCallOf(this: Emulator, extid: string): UcCall {
	requireExt.call(this, extid);
	const c = this.callOf(extid);
	if (!c) throw new UcError('10007');
	if (c.state !== 'talking') throw new UcError('10015');
	return c;
}

function checkPrompt(this: Emulator, prompt: string): void {
	for (const p of prompt.split('+')) {
		if (!/[A-Za-z]/.test(p) || !this.state.prompts.has(p)) throw new UcError('10023');
	}
}

function monitor(this: Emulator, who: string, target: string, mode: 'listen' | 'whisper' | 'barge'): Reply {
	const m = requireExt.call(this, who);
	const t = requireExt.call(this, target);
	if (this.callOf(who)) throw new UcError('10008');
	const c = this.callOf(target);
	if (!c) throw new UcError('10007');
	if (c.state !== 'talking') throw new UcError('10015');
	if (t.allowbeingmonitored !== 'on') throw new UcError('10009');
	const mm = (m.monitormode ?? '').toLowerCase();
	const ok = mm === 'extensive' || (mode === 'listen' && mm === 'listen') || (mode === 'whisper' && mm === 'whisper') || (mode === 'barge' && mm === 'barge-in');
	if (!ok) throw new UcError('10010');
	if (mode === 'listen' && c.monitors.some((x) => x.mode === 'listen')) throw new UcError('10009');
	c.monitors.push({ ext: who, mode });
	return {};
}

function requireQueue(this: Emulator, id: string): Rec {
	const q = this.state.queues.get(id);
	if (!q) throw new UcError('10013');
	return q;
}

function agentsOf(q: Rec): string[] {
	return [...new Set([...list(q.agents ?? ''), ...list(q.dynamicagents ?? '')])];
}

const ROUTES: Record<string, Handler> = {
	heartbeat(ctx) {
		const [ipaddr, port] = need(ctx.body, 'ipaddr', 'port');
		if (!/^\d+$/.test(port) || +port > 65536) throw new UcError('20008');
		const s = ctx.session;
		s.ip = ipaddr;
		s.port = port;
		s.url = opt(ctx.body, 'url');
		s.urltag = opt(ctx.body, 'urltag');
		s.lastUsed = Date.now();
		return {};
	},
	logout(ctx) {
		this.sessions.delete(ctx.session.token);
		this.forget(ctx.session);
		return {};
	},
	'deviceinfo/query'() {
		const d = this.state.device;
		return {
			deviceinfo: {
				devicename: d.devicename, sn: d.sn, hardwarever: d.hardwarever, firmwarever: d.firmwarever,
				systemtime: fmtTime(Date.now()), uptime: fmtUptime(this.state.startedAt), extensionstatus: `${this.state.extensions.size}/300`,
			},
		};
	},

	// -- extensions
	'extensionlist/query'() {
		const extlist = [...this.state.extensions.values()]
			.sort((a, b) => a.extnumber.localeCompare(b.extnumber, 'en', { numeric: true }))
			.map((e) => {
				const o: Rec = { extnumber: e.extnumber, status: this.liveStatus(e, 'list'), type: e.type, username: e.username, agentid: e.agentid ?? '' };
				if (e.port) o.port = e.port;
				return o;
			});
		return { extlist };
	},
	'extension/query'(ctx) {
		const spec = opt(ctx.body, 'extid');
		const found = selectByList(this.state.extensions, spec);
		if (spec && spec.toLowerCase() !== 'all' && found.length === 0) throw new UcError('10006');
		return { extinfos: found.map((e) => extInfo.call(this, e)) };
	},
	'extension/add'(ctx) {
		let number = opt(ctx.body, 'number');
		if (!number) {
			let n = 1000;
			while (this.state.extensions.has(String(n))) n++;
			number = String(n);
		}
		if (!/^\d{1,7}$/.test(number) || this.state.extensions.has(number)) throw new UcError('10017');
		const e = ext(number, number, 'Unavailable');
		applyExtension(e, ctx.body);
		this.state.extensions.set(number, e);
		return {};
	},
	'extension/update'(ctx) {
		const [extid] = need(ctx.body, 'extid');
		const e = requireExt.call(this, extid);
		const copy = { ...e };
		applyExtension(copy, ctx.body);
		const newNumber = opt(ctx.body, 'extnumber');
		if (newNumber && newNumber !== extid) {
			if (!/^\d{1,7}$/.test(newNumber) || this.state.extensions.has(newNumber)) throw new UcError('10017');
			copy.extnumber = newNumber;
			this.state.extensions.delete(extid);
		}
		this.state.extensions.set(copy.extnumber, copy);
		return {};
	},
	'extension/delete'(ctx) {
		const [number] = need(ctx.body, 'number');
		const nums = list(number);
		for (const n of nums) requireExt.call(this, n);
		for (const n of nums) this.state.extensions.delete(n);
		return {};
	},

	// -- trunks
	'trunklist/query'() {
		return { trunkname: [...this.state.sipTrunks.values()].map((t) => ({ trunkname: t.trunkname, status: t.status, type: 'SIP' })) };
	},
	'siptrunk/query'(ctx) {
		const [name] = need(ctx.body, 'trunkname');
		const trunks = selectByList(this.state.sipTrunks, name).map(sipTrunkView);
		return trunks.length ? { trunks } : {};
	},
	'siptrunk/add'(ctx) {
		const [trunkname, trunktype] = need(ctx.body, 'trunkname', 'trunktype');
		if (this.state.sipTrunks.has(trunkname)) throw new UcError('20010');
		const ids = [...this.state.sipTrunks.values()].map((t) => +t.id);
		const t: Rec = { id: String((ids.length ? Math.max(...ids) : 0) + 1), trunkname, tech: 'pjsip', trunktype, host: '', port: '5060', domain: '', username: '', authname: '', fromuser: '', password: '', status: 'Registered' };
		for (const k of ['host', 'port', 'domain', 'username', 'authname', 'fromuser', 'password']) {
			const v = opt(ctx.body, k);
			if (v !== undefined) t[k] = v;
		}
		if (!t.domain) t.domain = t.host;
		validateTrunk(t);
		this.state.sipTrunks.set(trunkname, t);
		return {};
	},
	'siptrunk/update'(ctx) {
		const [id] = need(ctx.body, 'id');
		const old = [...this.state.sipTrunks.values()].find((t) => t.id === id);
		if (!old) throw new UcError('20010');
		const t = { ...old };
		for (const k of ['trunkname', 'trunktype', 'host', 'port', 'domain', 'username', 'authname', 'fromuser', 'password']) {
			const v = opt(ctx.body, k);
			if (v !== undefined) t[k] = v;
		}
		if (opt(ctx.body, 'domain') === undefined && opt(ctx.body, 'host') !== undefined) t.domain = t.host;
		validateTrunk(t);
		if (t.trunkname !== old.trunkname && this.state.sipTrunks.has(t.trunkname)) throw new UcError('20010');
		this.state.sipTrunks.delete(old.trunkname);
		this.state.sipTrunks.set(t.trunkname, t);
		return {};
	},
	'siptrunk/delete'(ctx) {
		const [name] = need(ctx.body, 'trunkname');
		const found = selectByList(this.state.sipTrunks, name);
		if (!found.length) throw new UcError('20010');
		for (const t of found) this.state.sipTrunks.delete(t.trunkname);
		return {};
	},

	// -- inbound routes
	'inroute/query'(ctx) {
		const [name] = need(ctx.body, 'name');
		const inroutes = selectByList(this.state.inroutes, name).map((r) => ({ ...r }));
		return inroutes.length ? { inroutes } : {};
	},
	'inroute/add'(ctx) {
		const [name, desttype, dest] = need(ctx.body, 'name', 'desttype', 'dest');
		if (!DEST_TYPES.includes(desttype)) throw new UcError('10004');
		if (this.state.inroutes.has(name)) throw new UcError('20010');
		this.state.inroutes.set(name, { id: '', name, did: opt(ctx.body, 'did') ?? '', caller_id: opt(ctx.body, 'caller_id') ?? '', desttype, dest });
		return {};
	},
	'inroute/update'(ctx) {
		const [name] = need(ctx.body, 'name');
		const r = this.state.inroutes.get(name);
		if (!r) throw new UcError('20010');
		const desttype = opt(ctx.body, 'desttype');
		if (desttype !== undefined && !DEST_TYPES.includes(desttype)) throw new UcError('10004');
		for (const k of ['did', 'caller_id', 'desttype', 'dest']) {
			const v = opt(ctx.body, k);
			if (v !== undefined) r[k] = v;
		}
		return {};
	},
	'inroute/delete'(ctx) {
		const [name] = need(ctx.body, 'name');
		const found = selectByList(this.state.inroutes, name);
		if (!found.length) throw new UcError('20010');
		for (const r of found) this.state.inroutes.delete(r.name);
		return {};
	},

	// -- outbound routes
	'outroute/query'(ctx) {
		const [name] = need(ctx.body, 'name');
		const all = [...this.state.outroutes.values()];
		const outroutes = (name.toLowerCase() === 'all' ? all : all.filter((r) => list(name).includes(r.name))).map((r) => ({ ...r }));
		return outroutes.length ? { outroutes } : {};
	},
	'outroute/add'(ctx) {
		const [name, matchpattern, trunks] = need(ctx.body, 'name', 'matchpattern', 'trunks');
		const all = [...this.state.outroutes.values()];
		if (all.some((r) => r.name === name)) throw new UcError('20010');
		if (!list(trunks).every((t) => this.state.sipTrunks.has(t))) throw new UcError('20010');
		const id = String(Math.max(18, ...all.map((r) => +r.id)) + 1);
		this.state.outroutes.set(id, { id, name, prepend: opt(ctx.body, 'prepend') ?? '', prefix: opt(ctx.body, 'prefix') ?? '', matchpattern, callerid: opt(ctx.body, 'callerid') ?? '', trunks });
		return {};
	},
	'outroute/update'(ctx) {
		const [id] = need(ctx.body, 'id');
		const r = this.state.outroutes.get(id);
		if (!r) throw new UcError('20010');
		const trunks = opt(ctx.body, 'trunks');
		if (trunks !== undefined && !list(trunks).every((t) => this.state.sipTrunks.has(t))) throw new UcError('20010');
		for (const k of ['name', 'prefix', 'matchpattern', 'prepend', 'callerid', 'trunks']) {
			const v = opt(ctx.body, k);
			if (v !== undefined) r[k] = v;
		}
		return {};
	},
	'outroute/delete'(ctx) {
		const [name] = need(ctx.body, 'name');
		const all = [...this.state.outroutes.values()];
		const found = name.toLowerCase() === 'all' ? all : all.filter((r) => list(name).includes(r.name));
		if (!found.length) throw new UcError('20010');
		for (const r of found) this.state.outroutes.delete(r.id);
		return {};
	},

	// -- conferences
	'conference/query'(ctx) {
		const [number] = need(ctx.body, 'number');
		const conferences = selectByList(this.state.conferences, number).map((c) => ({ ...c }));
		return conferences.length ? { conferences } : {};
	},
	'conference/query_in_session'(ctx) {
		const [number] = need(ctx.body, 'number');
		const conference = selectByList(this.state.conferences, number)
			.filter((c) => (this.state.conferenceMembers.get(c.number) ?? []).length > 0)
			.map((c) => ({
				conferencenumber: c.number,
				member: (this.state.conferenceMembers.get(c.number) ?? []).map((m) => ({ number: m.number, channelid: m.channelid, memberstatus: m.memberstatus })),
			}));
		return conference.length ? { conference } : {};
	},
	'conference/update'(ctx) {
		const [number] = need(ctx.body, 'number');
		const c = this.state.conferences.get(number);
		if (!c) throw new UcError('10011');
		const wait = opt(ctx.body, 'waitformoderator');
		if (wait !== undefined && !['yes', 'no'].includes(wait)) throw new UcError('10004');
		for (const k of ['name', 'participantepassword', 'moderatorpassword', 'waitformoderator']) {
			const v = opt(ctx.body, k);
			if (v !== undefined) c[k] = v;
		}
		return {};
	},
	'conference/add_member'(ctx) {
		const [number, invite] = need(ctx.body, 'number', 'invitemember');
		const c = this.state.conferences.get(number);
		if (!c) throw new UcError('10011');
		const members = this.state.conferenceMembers.get(number) ?? [];
		for (const n of list(invite)) {
			if (members.some((m) => m.number === n)) continue;
			let channelid: string;
			if (this.isExt(n)) channelid = `PJSIP/${n}-${this.nextChannel()}`;
			else {
				const r = this.route(n);
				if (!r) throw new UcError('10031');
				channelid = `PJSIP/${r.trunk}-${this.nextChannel()}`;
			}
			members.push({ number: n, channelid, memberstatus: c.waitformoderator === 'yes' ? 'HOLD' : 'Up', muted: false });
		}
		this.state.conferenceMembers.set(number, members);
		return {};
	},
	'conference/kick_member'(ctx) {
		const [number, who] = need(ctx.body, 'number', 'membernumber');
		if (!this.state.conferences.has(number)) throw new UcError('10011');
		const members = this.state.conferenceMembers.get(number) ?? [];
		if (who.toLowerCase() === 'all') {
			this.state.conferenceMembers.set(number, []);
			return {};
		}
		const kick = list(who);
		if (!kick.every((n) => members.some((m) => m.number === n))) throw new UcError('10007');
		this.state.conferenceMembers.set(number, members.filter((m) => !kick.includes(m.number)));
		return {};
	},
	'conference/mute_member'(ctx) {
		return setMute.call(this, ctx, true);
	},
	'conference/unmute_member'(ctx) {
		return setMute.call(this, ctx, false);
	},
	'conference/insert'(ctx) {
		const [number] = need(ctx.body, 'number');
		if (this.state.conferences.has(number) || this.isExt(number)) throw new UcError('20010');
		this.state.conferences.set(number, { number, name: number, participantepassword: '', moderatorpassword: '', waitformoderator: 'no' });
		return {};
	},
	'conference/delete'(ctx) {
		const [number] = need(ctx.body, 'number');
		if (!this.state.conferences.has(number)) throw new UcError('10011');
		this.state.conferences.delete(number);
		this.state.conferenceMembers.delete(number);
		return {};
	},

	// -- IVR
	'ivr/query'(ctx) {
		const name = opt(ctx.body, 'name');
		const all = [...this.state.ivrs.values()];
		const found = !name || name.toLowerCase() === 'all' ? all : all.filter((i) => list(name).includes(i.ivrname) || list(name).includes(i.ivrid));
		if (name && name.toLowerCase() !== 'all' && !found.length) throw new UcError('10012');
		return { ivr: found.map((i) => ({ ivrid: i.ivrid, promptrepeat: i.promptrepeat, responsetimeout: i.responsetimeout, ivrname: i.ivrname, prompt: i.prompt })) };
	},
	'ivr/update'(ctx) {
		const [ivrid] = need(ctx.body, 'ivrid');
		const i = this.state.ivrs.get(ivrid);
		if (!i) throw new UcError('10012');
		const rep = opt(ctx.body, 'promptrepeat');
		const to = opt(ctx.body, 'responsetimeout');
		if (rep !== undefined && !/^[1-5]$/.test(rep)) throw new UcError('10018');
		if (to !== undefined && !/^([1-9]|10)$/.test(to)) throw new UcError('10018');
		for (const k of ['ivrname', 'promptrepeat', 'responsetimeout']) {
			const v = opt(ctx.body, k);
			if (v !== undefined) i[k] = v;
		}
		return {};
	},

	// -- queues
	'queue/query'(ctx) {
		const spec = opt(ctx.body, 'queueid');
		const found = selectByList(this.state.queues, spec);
		if (spec && spec.toLowerCase() !== 'all' && !found.length) throw new UcError('10013');
		return { queues: found.map((q) => ({ ...q })) };
	},
	'queue/update'(ctx) {
		const [id] = need(ctx.body, 'queueid');
		const q = requireQueue.call(this, id);
		const copy = { ...q };
		for (const k of QUEUE_SETTABLE) {
			const v = opt(ctx.body, k);
			if (v === undefined) continue;
			if (QUEUE_ENUMS[k] && !QUEUE_ENUMS[k].includes(v)) throw new UcError('10019');
			if ((k === 'agents' || k === 'dynamicagents') && !list(v).every((a) => this.isExt(a))) throw new UcError('10019');
			copy[k] = v;
		}
		this.state.queues.set(id, copy);
		return {};
	},
	'queuestatus/query'(ctx) {
		const [spec] = need(ctx.body, 'queueid');
		const ids = list(spec);
		const views = ids.map((id) => {
			const q = requireQueue.call(this, id);
			const paused = this.state.pausedAgents.get(id) ?? new Set<string>();
			const members = agentsOf(q).map((agent) => {
				const e = this.state.extensions.get(agent);
				const c = this.callOf(agent);
				let st = '1';
				if (!e) st = '4';
				else if (paused.has(agent)) st = '9';
				else if (c && c.held.includes(agent)) st = '8';
				else if (c && c.state === 'ringing' && c.callee === agent) st = '6';
				else if (c) st = '2';
				else if (e.status === 'Unavailable') st = '5';
				return { agent, agentstatus: st };
			});
			let callercount = 0;
			for (const c of this.state.calls.values()) if (c.dialed === id && c.state === 'ringing') callercount++;
			return { queuenumber: q.queuenumber, queuestatus: { members, callercount } };
		});
		return { queue: views.length === 1 ? views[0] : views };
	},
	'queue/add_dynamicagent'(ctx) {
		const [id, extid] = need(ctx.body, 'queueid', 'extid');
		const q = requireQueue.call(this, id);
		requireExt.call(this, extid);
		const pw = opt(ctx.body, 'password');
		if (pw !== undefined && pw !== '' && pw !== (q.password ?? '')) throw new UcError('10032');
		const dyn = list(q.dynamicagents ?? '');
		if (!dyn.includes(extid)) dyn.push(extid);
		q.dynamicagents = dyn.join(',');
		return {};
	},
	'queue/del_dynamicagent'(ctx) {
		const [id, extid] = need(ctx.body, 'queueid', 'extid');
		const q = requireQueue.call(this, id);
		const pw = opt(ctx.body, 'password');
		if (pw === undefined) throw new UcError('10004');
		if (pw !== (q.password ?? '')) throw new UcError('10032');
		const dyn = list(q.dynamicagents ?? '');
		if (!dyn.includes(extid)) throw new UcError('10006');
		q.dynamicagents = dyn.filter((a) => a !== extid).join(',');
		this.state.pausedAgents.get(id)?.delete(extid);
		return {};
	},
	'queue/pause_agent'(ctx) {
		const [id, extid] = need(ctx.body, 'queueid', 'extid');
		const q = requireQueue.call(this, id);
		if (!agentsOf(q).includes(extid)) throw new UcError('10006');
		const set = this.state.pausedAgents.get(id) ?? new Set<string>();
		set.add(extid);
		this.state.pausedAgents.set(id, set);
		return {};
	},
	'queue/unpause_agent'(ctx) {
		const [id, extid] = need(ctx.body, 'queueid', 'extid');
		const q = requireQueue.call(this, id);
		if (!agentsOf(q).includes(extid)) throw new UcError('10006');
		this.state.pausedAgents.get(id)?.delete(extid);
		return {};
	},

	// -- paging groups
	'paginggroup/lists'() {
		return { paginggrouplist: [...this.state.pagingGroups.values()].map((p) => ({ number: p.number, name: p.name })) };
	},
	'paginggroup/query'(ctx) {
		const [number] = need(ctx.body, 'number');
		const paginggroup = selectByList(this.state.pagingGroups, number).map((p) => ({ ...p }));
		return paginggroup.length ? { paginggroup } : {};
	},
	'paginggroup/add'(ctx) {
		const [number, name, type, member] = need(ctx.body, 'number', 'name', 'type', 'member');
		if (!['paging', 'intercom'].includes(type)) throw new UcError('10004');
		if (this.state.pagingGroups.has(number) || this.isExt(number)) throw new UcError('20010');
		if (!list(member).every((m) => this.isExt(m))) throw new UcError('10006');
		this.state.pagingGroups.set(number, { number, name, type, member });
		return {};
	},
	'paginggroup/update'(ctx) {
		const [number] = need(ctx.body, 'number');
		const p = this.state.pagingGroups.get(number);
		if (!p) throw new UcError('20010');
		const type = opt(ctx.body, 'type');
		if (type !== undefined && !['paging', 'intercom'].includes(type)) throw new UcError('10004');
		const member = opt(ctx.body, 'member');
		if (member !== undefined && !list(member).every((m) => this.isExt(m))) throw new UcError('10006');
		for (const k of ['name', 'type', 'member']) {
			const v = opt(ctx.body, k);
			if (v !== undefined) p[k] = v;
		}
		return {};
	},
	'paginggroup/delete'(ctx) {
		const [number] = need(ctx.body, 'number');
		const found = selectByList(this.state.pagingGroups, number);
		if (!found.length) throw new UcError('20010');
		for (const p of found) this.state.pagingGroups.delete(p.number);
		return {};
	},

	// -- calls
	'inbound/query'(ctx) {
		const spec = opt(ctx.body, 'inboundid');
		const live = [...this.state.calls.values()].filter((c) => c.kind === 'inbound' && c.state !== 'ended');
		const found = spec ? live.filter((c) => list(spec).includes(c.inboundid ?? '')) : live;
		if (spec && !found.length) throw new UcError('10007');
		const inbound = found.map((c) => ({ inboundid: c.inboundid, from: c.caller, to: c.callee, trunk: c.trunk, callee: { extid: c.callee }, status: c.state === 'talking' ? 'Talking' : 'Ringing' }));
		return inbound.length ? { inbound } : {};
	},
	'outbound/query'(ctx) {
		const spec = opt(ctx.body, 'outboundid');
		const live = [...this.state.calls.values()].filter((c) => (c.kind === 'outbound' || c.kind === 'callback') && c.state !== 'ended');
		const found = spec ? live.filter((c) => list(spec).includes(c.outboundid ?? '')) : live;
		if (spec && !found.length) throw new UcError('10007');
		const outbound = found.map((c) => ({ outboundid: c.outboundid, from: c.caller, to: c.callee, trunk: c.trunk, status: c.state === 'talking' ? 'Talking' : 'Ringing' }));
		return outbound.length ? { outbound } : {};
	},
	'extension/dial_extension'(ctx) {
		const [caller, callee] = need(ctx.body, 'caller', 'callee');
		const e = requireExt.call(this, caller);
		if (!this.isExt(callee)) throw new UcError('10011');
		if (this.callOf(caller) || e.status === 'Unavailable') throw new UcError('10008');
		const call = this.newCall(caller, callee);
		if (!call) throw new UcError('10011');
		this.placeCall(call);
		return {};
	},
	'extension/dial_outbound'(ctx) {
		const [extid, outto] = need(ctx.body, 'extid', 'outto');
		const e = requireExt.call(this, extid);
		if (this.callOf(extid) || e.status === 'Unavailable') throw new UcError('10008');
		if (this.isExt(outto)) throw new UcError('10031');
		if (!this.route(outto)) throw new UcError('10024');
		const call = this.newCall(extid, outto);
		if (!call) throw new UcError('10024');
		this.placeCall(call);
		return {};
	},
	'extension/hangup'(ctx) {
		const [extid] = need(ctx.body, 'extid');
		requireExt.call(this, extid);
		const c = this.callOf(extid);
		if (!c) throw new UcError('10007');
		this.hangup(c);
		return {};
	},
	'inbound/hangup'(ctx) {
		const [id] = need(ctx.body, 'inboundid');
		const c = [...this.state.calls.values()].find((x) => x.inboundid === id && x.state !== 'ended');
		if (!c) throw new UcError('10007');
		this.hangup(c);
		return {};
	},
	'outbound/hangup'(ctx) {
		const [id] = need(ctx.body, 'outboundid');
		const c = [...this.state.calls.values()].find((x) => x.outboundid === id && x.state !== 'ended');
		if (!c) throw new UcError('10007');
		this.hangup(c);
		return {};
	},
	'extension/hold'(ctx) {
		const [extid] = need(ctx.body, 'extid');
		const c = talkingCallOf.call(this, extid);
		if (!c.held.includes(extid)) c.held.push(extid);
		return {};
	},
	'extension/unhold'(ctx) {
		const [extid] = need(ctx.body, 'extid');
		const c = talkingCallOf.call(this, extid);
		c.held = c.held.filter((x) => x !== extid);
		return {};
	},
	'extension/mute'(ctx) {
		const [extid] = need(ctx.body, 'extid');
		const c = talkingCallOf.call(this, extid);
		if (!c.muted.includes(extid)) c.muted.push(extid);
		return {};
	},
	'extension/unmute'(ctx) {
		const [extid] = need(ctx.body, 'extid');
		const c = talkingCallOf.call(this, extid);
		c.muted = c.muted.filter((x) => x !== extid);
		return {};
	},
	'extension/listen'(ctx) {
		const [a, b] = need(ctx.body, 'listener', 'listenedext');
		return monitor.call(this, a, b, 'listen');
	},
	'extension/whisper'(ctx) {
		const [a, b] = need(ctx.body, 'whisperer', 'whisperedext');
		return monitor.call(this, a, b, 'whisper');
	},
	'extension/barge'(ctx) {
		const [a, b] = need(ctx.body, 'bargein', 'bargedext');
		return monitor.call(this, a, b, 'barge');
	},
	calltransfer(ctx) {
		const [callid, transferor, transferto] = need(ctx.body, 'callid', 'transferor', 'transferto');
		const c = [...this.state.calls.values()].find((x) => x.state !== 'ended' && (x.callid === callid || x.callid2 === callid || x.inboundid === callid || x.outboundid === callid));
		if (!c) throw new UcError('10007');
		if (c.caller !== transferor && c.callee !== transferor) throw new UcError('10007');
		if (c.state !== 'talking') throw new UcError('10015');
		const toExt = this.isExt(transferto);
		if (!toExt && !this.route(transferto)) throw new UcError('10011');
		if (toExt && this.callOf(transferto)) throw new UcError('10008');
		// the transferor is hung up; the remaining party now talks to `transferto`
		if (c.callee === transferor) c.callee = toExt ? transferto : this.route(transferto)?.to ?? transferto;
		else c.caller = transferto;
		if (c.kind === 'internal' && !toExt) {
			c.kind = 'outbound';
			c.trunk = this.route(transferto)?.trunk;
			c.outboundid = c.callid;
		}
		return {};
	},
	'queue/dial_outbound'(ctx) {
		const [queueid, outto] = need(ctx.body, 'queueid', 'outto');
		const q = requireQueue.call(this, queueid);
		if (!this.route(outto)) throw new UcError('10031');
		const paused = this.state.pausedAgents.get(queueid) ?? new Set<string>();
		const agent = agentsOf(q).find((a) => !paused.has(a) && !this.callOf(a) && this.state.extensions.get(a)?.status !== 'Unavailable');
		if (!agent) throw new UcError('10008');
		const call = this.newCall(agent, outto);
		if (!call) throw new UcError('10031');
		this.placeCall(call);
		return {};
	},
	'ringgroup/dial_outbound'(ctx) {
		const [rg, outto] = need(ctx.body, 'ringgroupid', 'outto');
		const g = this.state.ringGroups.get(rg);
		if (!g) throw new UcError('10014');
		if (!this.route(outto)) throw new UcError('10031');
		const member = list(g.members ?? '').find((a) => !this.callOf(a) && this.state.extensions.get(a)?.status !== 'Unavailable');
		if (!member) throw new UcError('10008');
		const call = this.newCall(member, outto);
		if (!call) throw new UcError('10031');
		this.placeCall(call);
		return {};
	},
	'outbound/dial_outbound'(ctx) {
		const [caller, outto] = need(ctx.body, 'caller', 'outto');
		if (this.state.sipTrunks.size < 2) throw new UcError('20010');
		const first = this.route(caller);
		if (!first || !this.route(outto)) throw new UcError('10031');
		const call = this.newCall(first.to, outto, 'callback');
		if (!call) throw new UcError('10031');
		this.placeCall(call);
		return {};
	},

	// -- prompts
	'extension/playprompt'(ctx) {
		const [extid, prompt] = need(ctx.body, 'extid', 'prompt');
		const e = requireExt.call(this, extid);
		checkPrompt.call(this, prompt);
		if (this.callOf(extid) || e.status === 'Unavailable') throw new UcError('10008');
		this.state.playedPrompts.push({ to: extid, prompt, at: Date.now() });
		return { callid: `${Math.floor(Date.now() / 1000)}.${Math.floor(Math.random() * 9000) + 1000}` };
	},
	'outbound/playprompt'(ctx) {
		const [outto, prompt] = need(ctx.body, 'outto', 'prompt');
		checkPrompt.call(this, prompt);
		if (!this.route(outto)) throw new UcError('10031');
		this.state.playedPrompts.push({ to: outto, prompt, at: Date.now() });
		return {};
	},

	// -- voicemail, recordings, CDR
	'voicemail/query'(ctx) {
		const spec = opt(ctx.body, 'extid');
		const exts = spec && spec.toLowerCase() !== 'all' ? list(spec) : undefined;
		if (exts) for (const x of exts) requireExt.call(this, x);
		const groups = new Map<string, Rec[]>();
		for (const v of this.state.voicemails) {
			if (exts && !exts.includes(v.extid)) continue;
			const g = groups.get(v.extid) ?? [];
			g.push({ voicemailfile: v.voicemailfile, messagefrom: v.messagefrom, voicemaildate: v.voicemaildate, voicemaillength: v.voicemaillength });
			groups.set(v.extid, g);
		}
		const voicemails = [...groups].map(([extid, voicemail]) => ({ extid, voicemail }));
		return voicemails.length ? { voicemails } : {};
	},
	'voicemail/delete'(ctx) {
		const [extid, file] = need(ctx.body, 'extid', 'voicemailfile');
		requireExt.call(this, extid);
		if (file.toLowerCase() === 'all') {
			this.state.voicemails = this.state.voicemails.filter((v) => v.extid !== extid);
			return {};
		}
		const i = this.state.voicemails.findIndex((v) => v.extid === extid && v.voicemailfile === file);
		if (i < 0) throw new UcError('20018');
		this.state.voicemails.splice(i, 1);
		return {};
	},
	'voicemail/get_random'(ctx) {
		const [extid, voicemailfile] = need(ctx.body, 'extid', 'voicemailfile');
		requireExt.call(this, extid);
		if (!this.state.voicemails.some((v) => v.extid === extid && v.voicemailfile === voicemailfile)) throw new UcError('20018');
		const random = this.newRandom('voicemail', { extid, voicemailfile }, opt(ctx.body, 'allowedip') ?? '', ctx.ip);
		return { extid, voicemailfile, random };
	},
	'recording/get_random'(ctx) {
		const [recording] = need(ctx.body, 'recording');
		if (!this.state.recordings.has(recording)) throw new UcError('20014');
		const allowedip = opt(ctx.body, 'allowedip') ?? '';
		if (allowedip && !/^[0-9a-fA-F.:]+$/.test(allowedip)) throw new UcError('20015');
		const random = this.newRandom('recording', { recording }, allowedip, ctx.ip);
		return { recording, random };
	},
	'cdr/get_random'(ctx) {
		const [extid, starttime, endtime] = need(ctx.body, 'extid', 'starttime', 'endtime');
		const s = parseTime(starttime);
		const e = parseTime(endtime);
		if (s === undefined || e === undefined || s > e) throw new UcError('20019');
		const allowedip = opt(ctx.body, 'allowedip') ?? '';
		if (allowedip && !/^[0-9a-fA-F.:]+$/.test(allowedip)) throw new UcError('20015');
		const random = this.newRandom('cdr', { extid, starttime, endtime }, allowedip, ctx.ip);
		return { extid, starttime, endtime, random };
	},

	// -- hotel
	'wakeupcall/create'(ctx) {
		const [number, time, type] = need(ctx.body, 'number', 'time', 'type');
		const weekdays = opt(ctx.body, 'weekdays') ?? '';
		const prompt = opt(ctx.body, 'prompt') ?? '';
		validateWakeup(time, type, weekdays);
		const nums = list(number);
		for (const n of nums) requireExt.call(this, n);
		for (const n of nums) if (this.state.wakeups.some((w) => w.number === n && w.time === time)) throw new UcError('10022');
		if (prompt && !this.state.prompts.has(prompt)) throw new UcError('10023');
		for (const n of nums) this.state.wakeups.push({ wakeupid: String(this.nextWakeupId()), number: n, time, type, weekdays: type === 'custom' ? weekdays : '', prompt });
		return {};
	},
	'wakeupcall/query'(ctx) {
		const [number] = need(ctx.body, 'number');
		const nums = number.toLowerCase() === 'all' ? undefined : list(number);
		const groups = new Map<string, Rec[]>();
		for (const w of this.state.wakeups) {
			if (nums && !nums.includes(w.number)) continue;
			const g = groups.get(w.number) ?? [];
			g.push({ wakeupid: w.wakeupid, type: w.type, weekdays: w.weekdays, time: w.time, prompt: w.prompt });
			groups.set(w.number, g);
		}
		const wakeups = [...groups].map(([n, wakeup]) => ({ number: n, wakeup }));
		return wakeups.length ? { wakeups } : {};
	},
	'wakeupcall/update'(ctx) {
		const [number, wakeupid, time, type] = need(ctx.body, 'number', 'wakeupid', 'time', 'type');
		const w = this.state.wakeups.find((x) => x.wakeupid === wakeupid && x.number === number);
		if (!w) throw new UcError('10021');
		const weekdays = opt(ctx.body, 'weekdays') ?? w.weekdays;
		validateWakeup(time, type, weekdays);
		const prompt = opt(ctx.body, 'prompt');
		if (prompt && !this.state.prompts.has(prompt)) throw new UcError('10023');
		Object.assign(w, { time, type, weekdays: type === 'custom' ? weekdays : '' }, prompt !== undefined ? { prompt } : {});
		return {};
	},
	'wakeupcall/delete'(ctx) {
		const id = opt(ctx.body, 'wakeupid');
		const number = opt(ctx.body, 'number');
		const before = this.state.wakeups.length;
		if (!id || id.toLowerCase() === 'all') {
			if (!number && !id) throw new UcError('10004');
			this.state.wakeups = this.state.wakeups.filter((w) => number !== undefined && number !== '' && !list(number).includes(w.number));
		} else {
			const ids = list(id);
			const byId = this.state.wakeups.filter((w) => ids.includes(w.wakeupid) && (!number || w.number === number));
			// the manual's example sends "wakeupid":"106" to delete the alarms of extension 106
			const victims = byId.length ? byId : this.state.wakeups.filter((w) => ids.includes(w.number));
			this.state.wakeups = this.state.wakeups.filter((w) => !victims.includes(w));
		}
		if (this.state.wakeups.length === before) throw new UcError('10021');
		return {};
	},
	'hotel/checkout'(ctx) {
		const [number] = need(ctx.body, 'number');
		const e = requireExt.call(this, number);
		this.state.wakeups = this.state.wakeups.filter((w) => w.number !== number);
		this.state.voicemails = this.state.voicemails.filter((v) => v.extid !== number);
		e.dnd = 'off';
		this.state.checkouts.push(number);
		return {};
	},
};
// the manual's example posts the paging group list to `paginggrouplist/lists`
ROUTES['paginggrouplist/lists'] = ROUTES['paginggroup/lists'];

/** inbound/outbound query: the manual's XML shows a single result as a bare element, not `<item>`. */
const BARE_SINGLE_XML: Record<string, (r: Reply) => Reply> = {
	'inbound/query': (r) => (Array.isArray(r.inbound) && r.inbound.length === 1 ? { ...r, inbound: r.inbound[0] } : r),
	'outbound/query': (r) => (Array.isArray(r.outbound) && r.outbound.length === 1 ? { ...r, outbound: r.outbound[0] } : r),
};

function setMute(this: Emulator, ctx: Ctx, muted: boolean): Reply {
	const [number, who] = need(ctx.body, 'number', 'membernumber');
	if (!this.state.conferences.has(number)) throw new UcError('10011');
	const members = this.state.conferenceMembers.get(number) ?? [];
	const targets = who.toLowerCase() === 'all' ? members : members.filter((m) => list(who).includes(m.number));
	if (!targets.length) throw new UcError('10007');
	for (const m of targets) m.muted = muted;
	return {};
}

function validateWakeup(time: string, type: string, weekdays: string): void {
	if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) throw new UcError('10020');
	if (type !== 'onetime' && type !== 'custom') throw new UcError('10020');
	if (type === 'custom' && (!weekdays || !list(weekdays).every((d) => /^[0-6]$/.test(d)))) throw new UcError('10020');
}


// ---------------------------------------------------------------------------------------------------------------
// I/O helpers
// ---------------------------------------------------------------------------------------------------------------

function normalizeBody(b: Body): Body {
	const out: Body = {};
	for (const [k, v] of Object.entries(b)) out[k] = typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
	return out;
}

function postJson(to: string, text: string, timeoutMs: number): Promise<{ status: number; body: string }> {
	return new Promise((resolve) => {
		let url: URL;
		try {
			url = new URL(to);
		} catch {
			resolve({ status: 0, body: 'invalid report URL' });
			return;
		}
		const data = Buffer.from(text, 'utf8');
		const req = http.request(
			{
				hostname: url.hostname.replace(/^\[|\]$/g, ''),
				port: url.port || 80,
				path: (url.pathname || '/') + url.search,
				method: 'POST',
				agent: false,
				headers: {
					'User-Agent': 'WebAPI',
					'Content-Type': 'application/json',
					Accept: 'application/json',
					'Content-Length': String(data.length),
					Connection: 'close',
				},
				timeout: timeoutMs,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', () => resolve({ status: res.statusCode ?? 0, body: '' }));
			},
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (err) => resolve({ status: 0, body: String(err.message) }));
		req.end(data);
	});
}

// ---------------------------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------------------------

export async function startOpenVoxUcEmulator(opts: StartOptions = {}): Promise<OpenVoxUcEmulator> {
	const emu = new Emulator(opts.host ?? '127.0.0.1', opts);
	await emu.listen(opts.port ?? 0);
	return emu;
}

if (require.main === module) {
	const port = Number(process.env.PORT ?? 9011);
	startOpenVoxUcEmulator({ port, host: process.env.HOST ?? '127.0.0.1' })
		.then((e) => {
			// eslint-disable-next-line no-console
			console.log(`OpenVox UC emulator on ${e.url} (user ${e.username} / password ${e.password})`);
		})
		.catch((err: unknown) => {
			// eslint-disable-next-line no-console
			console.error(err);
			process.exit(1);
		});
}
