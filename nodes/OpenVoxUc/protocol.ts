import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { transportFromCredentials } from '../shared/credentialFields';
import { FieldError, LoginRefusedError, PbxError, ProtocolError, SessionExpiredError } from '../shared/errors';
import { fileNameFrom, send, type TransportOptions } from '../shared/http';
import { parseWireJson, stringifyWire, type WireObject, type WireValue } from '../shared/json';
import { SessionStore, withSession } from '../shared/session';
import type { EndpointSpec } from '../shared/spec';
import { buildXml, parseXml } from '../shared/xml';

/**
 * The OpenVox UC manual shows only errno 30003 (on a failed login). Its API is the Yeastar S-Series API v1.1.0, so
 * the other codes and their meanings are taken from Yeastar's published tables for that API
 * (help.yeastar.com/en/s-series-developer/api/api_error_code.html and s-series-developer-v2/api-v2/api_error_code.html);
 * 10042-10081 answer the trunk and route calls this API shares with Yeastar's v2 (siptrunk/, inroute/, outroute/),
 * from help.yeastar.com/zh-cn/cloudpbx-developer-v2/api-v2/api_error_code.html, translated.
 */
export const OPENVOX_UC_ERRNO: Record<string, string> = {
	'10002': 'Unsupported XML data packet format',
	'10003': 'Unsupported API request',
	'10004': 'The required parameter is blank',
	'10005': 'The callid does not exist',
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
	'10026': "The GSM module name doesn't exist",
	'10027': 'The GSM module is in use or there is no idle GSM module',
	'10028': 'The number cannot be blank',
	'10029': 'Failed to open the SMS file',
	'10030': 'The SMS contents cannot be blank',
	'10031': "The callee number doesn't meet the requirement",
	'10032': 'Wrong password',
	'10033': 'Fail to save the outbound route settings for extension',
	'10042': 'Invalid trunk name',
	'10043': 'The trunk name already exists',
	'10044': 'Invalid trunk type',
	'10045': 'Invalid trunk host address',
	'10046': 'Invalid trunk port',
	'10047': 'Invalid trunk domain',
	'10048': 'Invalid trunk username',
	'10049': 'The trunk username already exists',
	'10050': 'Invalid trunk authentication name',
	'10051': 'Invalid trunk From header (from user)',
	'10052': 'Invalid trunk authentication password',
	'10053': 'Trunk DOD: the extension does not exist',
	'10054': 'Trunk DOD: the extension group does not exist',
	'10055': 'Invalid trunk DOD number',
	'10056': 'Trunk DOD number of the wrong length',
	'10057': 'Invalid trunk DOD name',
	'10058': 'Trunk DOD name of the wrong length',
	'10059': 'Invalid trunk DOD format',
	'10060': 'The maximum number of trunks is reached',
	'10061': 'Failed to delete the trunk',
	'10062': 'The trunk does not exist',
	'10063': 'Invalid inbound route name',
	'10064': 'The inbound route already exists',
	'10065': 'Invalid inbound route DID pattern',
	'10066': 'Invalid inbound route caller ID pattern',
	'10067': "The inbound route's trunk does not exist",
	'10068': 'Invalid inbound route destination type',
	'10069': 'Invalid inbound route destination',
	'10070': 'The maximum number of inbound routes is reached',
	'10071': 'Failed to delete the inbound route',
	'10072': 'The inbound route does not exist',
	'10073': 'Invalid outbound route name',
	'10074': 'The outbound route already exists',
	'10075': 'Invalid outbound route prefix',
	'10076': 'Invalid outbound route strip count',
	'10077': 'Invalid outbound route prepend',
	'10078': "The outbound route's trunk does not exist",
	'10079': "The outbound route's extension does not exist",
	'10080': "The outbound route's extension group does not exist",
	'10081': 'The maximum number of outbound routes is reached',
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
	'30003': 'Login failed (the manual shows this code for a refused login; Yeastar: API service not running)',
};

/** The PBX cleared the token (30 minutes idle, logout, reboot): log in again and retry once. */
const SESSION_EXPIRED = new Set(['20004', '20005', '20006']);
/** Refusals a retry cannot fix; each further attempt counts towards the 5-failure / 10-minute IP lockout. */
const LOGIN_REFUSED = new Set(['20002', '20003', '30003']);
/** 30003 also means "API service not running" (a booting PBX): remembered only briefly, so recovery is quick. */
const API_NOT_RUNNING_MEMORY_MS = 2_000;

export interface OpenVoxUcConnection {
	transport: TransportOptions;
	username: string;
	/** md5(password), lowercase hex: what the PBX checks. A secret too. */
	passwordMd5: string;
	format: 'json' | 'xml';
	versionOverride?: string;
	reportPort: string;
	/** The credential's Report URL: the address every login registers, from every n8n process. */
	reportUrl?: string;
	/** Session identity: origin, user, hash of the password. */
	sessionKey: string;
}

export interface OpenVoxUcSession {
	token: string;
	/** How the PBX sends its reports, where its login answer says (Yeastar API v2 `transport`: HTTP or TCP). */
	reportTransport?: string;
}

/**
 * Why no report would reach an HTTP webhook, or undefined: Yeastar S-Series API v2 firmware answers the login with
 * `"transport":"TCP"` when its API settings send reports over a TCP connection instead of HTTP POSTs
 * (help.yeastar.com/en/s-series-developer-v2/api-v2/login.html, api-reports.html).
 */
export function reportsNotOverHttp(session: OpenVoxUcSession): string | undefined {
	const t = session.reportTransport;
	if (t === undefined || t.trim().toUpperCase() === 'HTTP') return undefined;
	return `The PBX sends its reports over ${JSON.stringify(t)} (its login answer says "transport":${JSON.stringify(t)}), not as HTTP POSTs, so none would reach this webhook`;
}

/** What to do about reportsNotOverHttp. */
export const REPORT_TRANSPORT_HINT = 'On the PBX API settings page set the report method to HTTP, then activate the workflow again.';

/** Tokens shared by every item, execution and trigger of this n8n process. */
export const openVoxUcSessions = new SessionStore<OpenVoxUcSession>();

export function md5Hex(text: string): string {
	return createHash('md5').update(text, 'utf8').digest('hex');
}

export function openVoxUcConnection(creds: ICredentialDataDecryptedObject): OpenVoxUcConnection {
	const transport = transportFromCredentials(creds, 4);
	const username = String(creds.username ?? '');
	const password = String(creds.password ?? '');
	if (!username) throw new Error('The credential has no API Username');
	return {
		transport,
		username,
		passwordMd5: md5Hex(password),
		format: creds.format === 'xml' ? 'xml' : 'json',
		versionOverride: String(creds.apiVersion ?? '').trim() || undefined,
		reportPort: String(creds.reportPort ?? '5678'),
		reportUrl: reportUrlFrom(creds.reportUrl),
		sessionKey: SessionStore.key(transport.origin, username, password),
	};
}

function reportUrlFrom(value: unknown): string | undefined {
	const text = String(value ?? '').trim();
	if (!text) return undefined;
	let u: URL;
	try {
		u = new URL(text);
	} catch {
		throw new Error(`The credential's Report URL is not an absolute URL: ${JSON.stringify(text)}`);
	}
	if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('The credential\'s Report URL must start with http:// or https://');
	return u.toString();
}

/** XML answers wrap list members in <item id="n">; unwrap so XML and JSON give the same shape. */
export function unwrapXmlItems(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(unwrapXmlItems);
	if (!value || typeof value !== 'object') return value;
	const entries = Object.entries(value as Record<string, unknown>);
	if (entries.length === 1 && entries[0][0] === 'item') {
		const inner = entries[0][1];
		return (Array.isArray(inner) ? inner : [inner]).map(unwrapXmlItems);
	}
	const out: Record<string, unknown> = {};
	for (const [k, v] of entries) out[k] = v === '' ? '' : unwrapXmlItems(v);
	return out;
}

/**
 * Answer fields that JSON carries as numbers (the manual's JSON examples: queue status "callercount": 0; every other
 * value is a string). XML has only text, so these are turned back into numbers to give the same output in both formats.
 */
const JSON_NUMBER_FIELDS = new Set(['callercount']);

function numbersAsInJson(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(numbersAsInJson);
	if (!value || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
		out[k] = JSON_NUMBER_FIELDS.has(k) && typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : numbersAsInJson(v);
	}
	return out;
}

export function parseOpenVoxUcBody(text: string, format: 'json' | 'xml'): IDataObject {
	const trimmed = text.trim();
	if (trimmed.startsWith('<')) {
		let doc: Record<string, unknown>;
		try {
			doc = parseXml(trimmed);
		} catch (error) {
			throw new ProtocolError(`OpenVox UC answered with XML that cannot be read: ${(error as Error).message}`);
		}
		const root = (doc.xml ?? doc.response ?? doc) as unknown;
		return numbersAsInJson(unwrapXmlItems(root) ?? {}) as IDataObject;
	}
	try {
		const parsed = parseWireJson(trimmed);
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
		return parsed as IDataObject;
	} catch {
		throw new ProtocolError(
			`OpenVox UC answered with something that is not ${format === 'xml' ? 'XML or ' : ''}JSON: ${JSON.stringify(trimmed.slice(0, 120))}`,
		);
	}
}

/**
 * Every value as a JSON string, as in every request example of the UC manual and of Yeastar's guides (even for
 * fields typed Int: `{"extid":"1000"}`), and as XML sends them anyway: firmware that reads only string values takes
 * a JSON number for a blank field (errno 10004).
 */
function asWireText(value: WireValue): WireValue {
	if (typeof value === 'number' || typeof value === 'bigint') return String(value);
	if (Array.isArray(value)) return value.map(asWireText);
	if (value && typeof value === 'object') {
		const out: WireObject = {};
		for (const [k, v] of Object.entries(value)) out[k] = asWireText(v);
		return out;
	}
	return value;
}

function encodeBody(body: IDataObject, format: 'json' | 'xml'): { body?: string; contentType: string } {
	const empty = Object.keys(body).length === 0;
	if (format === 'xml') {
		return { body: empty ? undefined : buildXml('xml', body), contentType: 'application/xml; charset=utf-8' };
	}
	return { body: empty ? undefined : stringifyWire(asWireText(body as WireObject) as WireObject), contentType: 'application/json; charset=utf-8' };
}

function errorFor(json: IDataObject): PbxError {
	const errno = String(json.errno ?? json.status ?? 'unknown');
	return new PbxError(errno, OPENVOX_UC_ERRNO[errno], undefined, hintFor(errno));
}

function hintFor(errno: string): string | undefined {
	if (errno === '20003')
		return 'Check the API username and password on the PBX API page. Not retried: after five failures in a row the PBX locks this IP out for 10 minutes.';
	if (errno === '30003')
		return 'The PBX API service is not running (the PBX may be starting up), or the API username or password is wrong. Check the PBX API page; the OpenVox UC Trigger keeps trying on its own.';
	if (errno === '20002')
		// help.yeastar.com/en/s-series-developer-v2/api-v2/login.html: "delete blocked API IP" on the web interface.
		return 'The PBX has locked this IP out (five failed logins in a row); wait 10 minutes, or remove the blocked API IP on the PBX web interface, then fix the credential.';
	if (errno === '20015') return 'allowedip takes a single IP address.';
	if (errno === '20012' || errno === '20017' || errno === '20020') return 'Download keys are valid 30 seconds and for one download; run the Download again.';
	return undefined;
}

/** Characters URLSearchParams writes as they are (application/x-www-form-urlencoded). */
const FORM_SAFE = /^[A-Za-z0-9*\-._]*$/;

function path(version: string, p: string, query: Record<string, string>): string {
	let qs = '';
	for (const k in query) {
		const v = query[k];
		// Plain keys and values (type, hex token) are joined as they are: URLSearchParams costs ~3 µs per request.
		if (!FORM_SAFE.test(k) || !FORM_SAFE.test(v)) {
			qs = new URLSearchParams(query).toString();
			break;
		}
		qs += `${qs ? '&' : ''}${k}=${v}`;
	}
	return `/api/${version}/${p}${qs ? `?${qs}` : ''}`;
}

/**
 * A 3xx is the web server sending the request elsewhere without processing it: Yeastar-type PBXs redirect HTTP on
 * port 80 to HTTPS on 8088 by default (help.yeastar.com/en/s-series-developer/api/communication-method.html). A
 * definite "not processed" (never "outcome unknown"), naming where to point the credential; the Location's path and
 * query (which carry the token) are left out.
 */
function redirectError(res: { status: number; headers: Record<string, string> }): PbxError {
	let target = '';
	try {
		const u = new URL(res.headers.location ?? '');
		target = `${u.protocol}//${u.host}`;
	} catch {
		// no usable Location
	}
	return new PbxError(
		`HTTP ${res.status}`,
		`The PBX web server redirected the request${target ? ` to ${target}` : ''} without processing it`,
		undefined,
		target
			? `Set the credential's scheme, host and port to ${target} (the PBX's web access settings redirect plain HTTP to HTTPS).`
			: "Check the credential's scheme and port against the PBX's web access settings.",
		res.status,
	);
}

async function post(conn: OpenVoxUcConnection, version: string, p: string, query: Record<string, string>, body: IDataObject): Promise<IDataObject> {
	const enc = encodeBody(body, conn.format);
	const res = await send(conn.transport, {
		method: 'POST',
		path: path(version, p, { ...query, type: conn.format }),
		headers: { 'content-type': enc.contentType, accept: 'application/json, application/xml, */*' },
		body: enc.body,
	});
	if (res.status >= 400) throw new PbxError(`HTTP ${res.status}`, 'The PBX web server answered with an error', undefined, undefined, res.status);
	if (res.status >= 300) throw redirectError(res);
	return parseOpenVoxUcBody(res.body.toString('utf8'), conn.format);
}

/** What a login adds so the PBX posts its reports to n8n: the address, and the well-formed report format. */
export interface ReportRegistration {
	url: string;
	port: string;
	urltag: '0' | '1';
	version: string;
	/** The host part, sent as the heartbeat's `ipaddr`. */
	ipaddr: string;
}

/** The registration for a report URL: host:port/path as an absolute address (urltag 1), report format 1.0.2. */
export function registrationFor(reportUrl: string): ReportRegistration {
	const u = new URL(reportUrl);
	const port = u.port || (u.protocol === 'https:' ? '443' : '80');
	return { url: `${u.hostname}:${port}${u.pathname}${u.search}`, port, urltag: '1', version: '1.0.2', ipaddr: u.hostname };
}

/**
 * Report addresses registered by active triggers in this process, per session key: a re-login by an action
 * repeats the registration, so it never moves the PBX's reports away from the trigger.
 */
export const openVoxUcRegistrations = new Map<string, ReportRegistration>();

/**
 * The address a login registers: the credential's Report URL (the same from every process), else the one the
 * trigger registered in this process, else none (the login then names only the report port).
 */
export function reportRegistrationFor(conn: OpenVoxUcConnection): ReportRegistration | undefined {
	return conn.reportUrl ? registrationFor(conn.reportUrl) : openVoxUcRegistrations.get(conn.sessionKey);
}

/** POST login with md5(password); a refusal is a LoginRefusedError that the session store remembers. */
export async function openVoxUcLogin(conn: OpenVoxUcConnection, registration = reportRegistrationFor(conn)): Promise<OpenVoxUcSession> {
	const body: IDataObject = registration
		? { username: conn.username, password: conn.passwordMd5, port: registration.port, url: registration.url, urltag: registration.urltag, version: registration.version }
		: { username: conn.username, password: conn.passwordMd5, port: conn.reportPort };
	const json = await post(conn, conn.versionOverride ?? 'v0.0.1', 'login', {}, body);
	if (json.status === 'Success' && typeof json.token === 'string' && json.token) {
		return typeof json.transport === 'string' && json.transport ? { token: json.token, reportTransport: json.transport } : { token: json.token };
	}
	const errno = String(json.errno ?? 'unknown');
	if (LOGIN_REFUSED.has(errno))
		// 30003 may also mean the API service is down: remember it briefly; wrong password and lockout for 10 minutes.
		throw new LoginRefusedError(errno, OPENVOX_UC_ERRNO[errno], hintFor(errno)!, errno === '30003' ? API_NOT_RUNNING_MEMORY_MS : undefined);
	throw errorFor(json);
}

/** One API call with the shared token; an expired token is renewed by one shared re-login and the call retried once. */
export async function openVoxUcCall(
	conn: OpenVoxUcConnection,
	endpoint: { path?: string; version?: string },
	body: IDataObject,
	query: Record<string, string> = {},
): Promise<IDataObject> {
	const version = conn.versionOverride ?? endpoint.version ?? 'v0.0.1';
	return withSession(openVoxUcSessions, conn.sessionKey, () => openVoxUcLogin(conn), async (session) => {
		const json = await post(conn, version, endpoint.path!, { ...query, token: session.token }, body);
		if (json.status === 'Success') return json;
		if (json.status === undefined && json.errno === undefined) throw new ProtocolError(`OpenVox UC answered ${endpoint.path} without a status`);
		const errno = String(json.errno ?? '');
		if (SESSION_EXPIRED.has(errno)) throw new SessionExpiredError(errno);
		throw errorFor(json);
	});
}

/** Raw session calls for the trigger: heartbeat and logout with a given token. */
export async function openVoxUcSessionCall(conn: OpenVoxUcConnection, p: 'heartbeat' | 'logout', token: string, body: IDataObject = {}): Promise<IDataObject> {
	const json = await post(conn, conn.versionOverride ?? 'v0.0.1', p, { token }, body);
	if (json.status === 'Success') return json;
	const errno = String(json.errno ?? '');
	if (SESSION_EXPIRED.has(errno)) throw new SessionExpiredError(errno);
	throw errorFor(json);
}

const PBX_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
/** ISO 8601 as n8n writes dates ($now, DateTime fields: `2024-05-01T08:00:00.000+02:00`), or a bare day. */
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * A CDR time as the PBX reads it: `yyyy-mm-dd hh:mm:ss` in its own clock (anything else is errno 20019). An n8n
 * date is taken at the wall-clock time it shows (its offset, the workflow's time zone, is dropped: the PBX knows no
 * zone); a bare day is its first (start) or last (end) second. Anything else fails before a request.
 */
export function pbxCdrTime(field: 'starttime' | 'endtime', value: unknown): string {
	const text = String(value ?? '').trim();
	if (PBX_TIME.test(text)) return text;
	const m = ISO_TIME.exec(text);
	if (!m) throw new FieldError(field, `must be a time as yyyy-mm-dd hh:mm:ss (the PBX's own clock), got ${JSON.stringify(text)}`);
	if (m[2] === undefined) return `${m[1]} ${field === 'starttime' ? '00:00:00' : '23:59:59'}`;
	return `${m[1]} ${m[2]}:${m[3] ?? '00'}`;
}

/**
 * Download = get_random (POST, one-time key valid 30 s) then GET the file with the key. A key is never reused:
 * if the token expired in between, both steps are redone after the shared re-login.
 */
export async function openVoxUcDownload(
	conn: OpenVoxUcConnection,
	randomEndpoint: EndpointSpec,
	download: EndpointSpec,
	values: IDataObject,
): Promise<{ json: IDataObject; binary: { data: Buffer; fileName: string; mimeType: string } }> {
	for (const field of ['starttime', 'endtime'] as const) if (values[field] !== undefined) values = { ...values, [field]: pbxCdrTime(field, values[field]) };
	const randomBody: IDataObject = {};
	for (const f of randomEndpoint.fields) if (values[f.name] !== undefined) randomBody[f.name] = values[f.name];
	const version = conn.versionOverride ?? download.version ?? 'v0.0.1';
	return withSession(openVoxUcSessions, conn.sessionKey, () => openVoxUcLogin(conn), async (session) => {
		const rnd = await post(conn, conn.versionOverride ?? randomEndpoint.version ?? 'v0.0.1', randomEndpoint.path!, { token: session.token }, randomBody);
		if (rnd.status !== 'Success') {
			const errno = String(rnd.errno ?? '');
			if (SESSION_EXPIRED.has(errno)) throw new SessionExpiredError(errno);
			throw errorFor(rnd);
		}
		const query: Record<string, string> = {};
		for (const f of download.fields) {
			if (f.in !== 'query' || f.internal) continue;
			const v = values[f.name] ?? rnd[f.name];
			if (v !== undefined && v !== '') query[f.name] = String(v);
		}
		query.token = session.token;
		query.random = String(rnd.random ?? '');
		const res = await send(conn.transport, { method: 'GET', path: path(version, download.path!, query) });
		const type = (res.headers['content-type'] ?? '').toLowerCase();
		if (res.status >= 400) throw new PbxError(`HTTP ${res.status}`, 'The download was refused', undefined, undefined, res.status);
		if (res.status >= 300) throw redirectError(res);
		if (/json|xml/.test(type) || (res.body.length < 512 && /"status"\s*:\s*"Failed"|<status>Failed</.test(res.body.toString('utf8')))) {
			const json = parseOpenVoxUcBody(res.body.toString('utf8'), conn.format);
			const errno = String(json.errno ?? '');
			if (SESSION_EXPIRED.has(errno)) throw new SessionExpiredError(errno);
			throw errorFor(json);
		}
		const fallback = String(values.recording ?? values.voicemailfile ?? `cdr-${values.extid ?? 'all'}.csv`);
		const fileName = fileNameFrom(res, fallback.split('/').pop() || fallback);
		const mimeType = type.split(';')[0].trim() || (fileName.endsWith('.csv') ? 'text/csv' : fileName.endsWith('.wav') ? 'audio/wav' : 'application/octet-stream');
		const meta: IDataObject = { fileName, mimeType, size: res.body.length };
		for (const [k, v] of Object.entries(query)) if (k !== 'token' && k !== 'random') meta[k] = v;
		return { json: meta, binary: { data: res.body, fileName, mimeType } };
	});
}
