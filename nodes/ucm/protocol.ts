import { createHash } from 'node:crypto';
import { sleep } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { transportFromCredentials } from '../shared/credentialFields';
import { LoginRefusedError, PbxError, ProtocolError, redact, SessionExpiredError } from '../shared/errors';
import { fileNameFrom, send, type HttpResponse, type TransportOptions } from '../shared/http';
import { parseWireJson, stringifyWire, type WireObject } from '../shared/json';
import { SessionStore, withSession } from '../shared/session';
import type { EndpointSpec } from '../shared/spec';
import { buildXmlElement } from '../shared/xml';
import { cdrCall } from './cdr';
import { ucmQueue, type UcmQueue } from './queue';

/** The error-code table of the FIBERME FCM630A manual (the Grandstream manual's is the same API, cut short). */
export const UCM_ERROR_CODES: Record<string, string> = {
	'0': 'Success',
	'-1': 'Invalid parameters',
	'-5': 'Need authentication',
	'-6': 'Cookie error',
	'-7': 'Connection closed',
	'-8': 'System timeout',
	'-9': 'Abnormal system error',
	'-15': 'Invalid value',
	'-16': 'No such item',
	'-19': 'Unsupported',
	'-24': 'Failed to operate data',
	'-25': 'Failed to update data',
	'-26': 'Failed to get data',
	'-37': 'Wrong account or password',
	'-43': 'Some data has been modified or deleted meanwhile',
	'-44': 'This item has been added already',
	'-45': 'Operating too frequently or other users are doing the same operation (retry after 15 seconds)',
	'-46': 'Operating too frequently or other users are doing the same operation (retry after 15 seconds)',
	'-47': 'No permission',
	'-50': 'Command contains sensitive characters',
	'-51': 'Another task is running now',
	'-57': 'Operating too frequently, or other users are doing the same operation (retry after 60 seconds)',
	'-68': 'Login restriction',
	'-69': 'A conference is going on: changes cannot be applied now',
	'-70': 'Login forbidden',
	'-71': 'The username does not exist',
	'-90': 'The conference is busy and cannot be edited or deleted',
	'-98': 'There are digital calls: failed to apply the configuration',
};

/** The cookie is gone (10 minutes idle, logout, reboot): challenge and log in again, then retry once. */
const SESSION_EXPIRED = new Set(['-5', '-6', '-8']);
/** Refusals a retry cannot fix; further attempts bring the IP onto the PBX's login blacklist. */
const LOGIN_REFUSED = new Set(['-37', '-68', '-70', '-71']);
/** The PBX refused a burst before acting on it: wait as the manual says, then send again. */
const BUSY_WAIT_SECONDS: Record<string, number> = { '-45': 15, '-46': 15, '-57': 60 };

export interface UcmConnection {
	transport: TransportOptions;
	username: string;
	password: string;
	apiVersion: string;
	/** Override of the manual's busy waits (tests, impatient users); undefined = the manual's 15/60 s. */
	busyWaitSeconds?: number;
	busyRetries: number;
	sessionKey: string;
	/** The process-wide queue of this UCM and API user (see queue.ts). */
	queue: UcmQueue;
}

export interface UcmSession {
	cookie: string;
}

export const ucmSessions = new SessionStore<UcmSession>();

export function ucmConnection(creds: ICredentialDataDecryptedObject): UcmConnection {
	const transport = transportFromCredentials(creds, 2);
	const username = String(creds.username ?? '');
	const password = String(creds.password ?? '');
	if (!username) throw new Error('The credential has no API Username');
	const busy = creds.busyWaitSeconds;
	return {
		transport,
		username,
		password,
		apiVersion: String(creds.apiVersion ?? '').trim() || '1.0',
		busyWaitSeconds: busy === undefined || busy === null || busy === '' || Number(busy) < 0 ? undefined : Number(busy),
		busyRetries: 2,
		sessionKey: SessionStore.key(transport.origin, username, password),
		queue: ucmQueue(`${transport.origin}|${username}`, creds.twoReadsInFlight === true ? 2 : 1),
	};
}

/** Where -47 "No permission" shows up in the field at login: the API user itself is not usable from here. */
const LOGIN_NO_PERMISSION =
	'The PBX does not let this API user in: the HTTPS API is switched off, the API user was never saved (Value-added Features → API Configuration → HTTPS API Settings: Enable, set the user, Save, then Apply Changes), or this server\'s IP is not in the API user\'s permitted IP list.';

/**
 * A -47 login is remembered this long, so a batch makes one attempt instead of one per item; short, so a fix on
 * the PBX (API enabled, IP permitted) works on the next run.
 */
const NO_PERMISSION_MEMORY_MS = 30 * 1000;

function hint(code: string, atLogin = false): string | undefined {
	if (code === '-47' && atLogin) return LOGIN_NO_PERMISSION;
	if (code === '-37' || code === '-71')
		return 'Check the API username and password (Value-added Features → API Configuration). Not retried: repeated failures put this IP on the PBX login blacklist.';
	if (code === '-68' || code === '-70') return 'The PBX refuses logins from this IP or user now (blacklist or login restriction); check its login security settings.';
	if (code === '-47')
		return 'The API user may not do this: call actions (dial, hang up, transfer, accept/refuse) need "Call Control" enabled in the HTTPS API settings. If every action fails so, check that the API is enabled, its user saved and this server\'s IP permitted.';
	if (code === '-19') return 'This PBX model or firmware does not support the action.';
	if (BUSY_WAIT_SECONDS[code]) return 'The PBX was still busy after the waits the manual asks for.';
	return undefined;
}

/** One request, in its turn in the UCM's queue; `read` requests may overlap when the credential allows it. */
async function post(conn: UcmConnection, request: WireObject, read = false): Promise<{ res: HttpResponse; json?: IDataObject }> {
	let json: IDataObject | undefined;
	let unreadable: unknown;
	const res = await conn.queue.run(read, async () => {
		const answer = await send(conn.transport, {
			method: 'POST',
			path: '/api',
			headers: { 'content-type': 'application/json;charset=UTF-8', accept: 'application/json, */*' },
			body: stringifyWire({ request }),
		});
		try {
			json = jsonOf(answer);
		} catch (error) {
			unreadable = error;
		}
		// A burst refusal sets the queue back to one at a time before this request's turn ends, so a read waiting
		// behind it does not start beside another still in flight (and earn the PBX's next refusal).
		if (BUSY_WAIT_SECONDS[String(json?.status ?? '0')] !== undefined) conn.queue.refused();
		return answer;
	});
	// nginx-style servers answer an HTTP request on their HTTPS port with 400 and this text.
	if (res.status === 400 && /plain HTTP request was sent to HTTPS port/i.test(res.body.subarray(0, 2048).toString('utf8')))
		throw new PbxError('HTTP 400', 'This port speaks HTTPS, not plain HTTP', undefined, 'Set the credential\'s Scheme to HTTPS (the UCM API works over HTTPS only).', 400);
	if (res.status >= 400) throw new PbxError(`HTTP ${res.status}`, 'The PBX web server answered with an error', undefined, 'Check that the HTTPS API is enabled and the port is the web port (default 8089).', res.status);
	if (unreadable) throw unreadable;
	return { res, json };
}

function envelope(res: HttpResponse): IDataObject {
	const text = res.body.toString('utf8').trim();
	try {
		const json = parseWireJson(text);
		if (json && typeof json === 'object' && !Array.isArray(json)) return json as IDataObject;
	} catch {
		// fall through
	}
	throw new ProtocolError(`The PBX answered with something that is not the API's JSON: ${JSON.stringify(text.slice(0, 120))}`);
}

function failure(json: IDataObject, atLogin = false): { code: string; error: PbxError } {
	const code = String(json.status ?? 'unknown');
	// Firmware puts the text in "error" or in response.error_msg ({"response":{"error_msg":"Invalid parameters!"},"status":-1}).
	const msg = (json.response as IDataObject | undefined)?.error_msg;
	const detail = typeof json.error === 'string' ? json.error : typeof msg === 'string' ? msg : undefined;
	return { code, error: new PbxError(code, UCM_ERROR_CODES[code], detail, hint(code, atLogin)) };
}

/** challenge → md5(challenge + password) → login. No report `url`: the manuals document no report payload. */
export async function ucmLogin(conn: UcmConnection): Promise<UcmSession> {
	const asked = await post(conn, { action: 'challenge', user: conn.username, version: conn.apiVersion });
	const ch = asked.json ?? envelope(asked.res);
	if (String(ch.status) !== '0') {
		const { code, error } = failure(ch, true);
		if (LOGIN_REFUSED.has(code)) throw new LoginRefusedError(code, UCM_ERROR_CODES[code], hint(code)!);
		if (code === '-47') throw new LoginRefusedError(code, UCM_ERROR_CODES[code], LOGIN_NO_PERMISSION, NO_PERMISSION_MEMORY_MS);
		throw error;
	}
	const challenge = String((ch.response as IDataObject | undefined)?.challenge ?? '');
	if (!challenge) throw new ProtocolError('The PBX answered the challenge without a challenge string');
	const token = createHash('md5').update(challenge + conn.password).digest('hex');
	const login = await post(conn, { action: 'login', user: conn.username, token });
	const res = login.json ?? envelope(login.res);
	const cookie = String((res.response as IDataObject | undefined)?.cookie ?? '');
	if (String(res.status) === '0' && cookie) return { cookie };
	const { code, error } = failure(res, true);
	if (code === '-47') throw new LoginRefusedError(code, UCM_ERROR_CODES[code], LOGIN_NO_PERMISSION, NO_PERMISSION_MEMORY_MS);
	if (LOGIN_REFUSED.has(code)) {
		const left = (res.response as IDataObject | undefined)?.remain_num;
		throw new LoginRefusedError(code, UCM_ERROR_CODES[code], `${hint(code)}${left !== undefined ? ` Attempts left before the ban: ${left}.` : ''}`);
	}
	throw error;
}

/** The parsed JSON of an answer, or undefined for files and legacy CSV/XML answers (no envelope). */
function jsonOf(res: HttpResponse): IDataObject | undefined {
	const type = (res.headers['content-type'] ?? '').toLowerCase();
	if (!type.includes('json') && !res.body.subarray(0, 64).toString('utf8').trimStart().startsWith('{')) return undefined;
	return envelope(res);
}

/** A PBX may quote the request it refuses, cookie included, in its error text: the cookie never goes further. */
function withoutCookies(error: unknown, cookies: Set<string>): unknown {
	if (!(error instanceof Error) || !cookies.size) return error;
	const e = error as Error & Record<string, unknown>;
	for (const k of ['message', 'detail', 'hint']) if (typeof e[k] === 'string') e[k] = redact(e[k] as string, [...cookies]);
	return error;
}

/**
 * Sends one action with the shared cookie; waits out burst refusals; one shared re-login on expiry. `cookies`
 * collects the cookies sent, for the caller to scrub from errors.
 */
async function action(conn: UcmConnection, request: WireObject, read: boolean, cookies: Set<string>): Promise<{ res: HttpResponse; json?: IDataObject }> {
	for (let attempt = 0; ; attempt++) {
		const answer = await withSession(ucmSessions, conn.sessionKey, () => ucmLogin(conn), async (session) => {
			cookies.add(session.cookie);
			const { res, json } = await post(conn, { ...request, cookie: session.cookie }, read);
			const code = String(json?.status ?? '0');
			// -8 "System timeout": no source says whether the action ran. A read is asked again after a new login; a
			// change or a call is not sent twice on a guess (the session is dropped, so the next request logs in).
			if (code === '-8' && !read) {
				ucmSessions.invalidate(conn.sessionKey, session);
				throw new ProtocolError(`The PBX answered -8 (${UCM_ERROR_CODES['-8']}) to ${String(request.action)}: it may or may not have acted`);
			}
			if (SESSION_EXPIRED.has(code)) throw new SessionExpiredError(code);
			return { res, json };
		});
		const code = String(answer.json?.status ?? '0');
		if (code === '0') return answer;
		const wait = BUSY_WAIT_SECONDS[code];
		if (wait !== undefined && attempt < conn.busyRetries) {
			await sleep((conn.busyWaitSeconds ?? wait) * 1000);
			continue;
		}
		throw failure(answer.json!).error;
	}
}

/** The manuals' examples send every value as a string ("page":"1"); numbers and booleans go out the same way. */
function wireValues(body: WireObject): WireObject {
	const out: WireObject = {};
	for (const [k, v] of Object.entries(body)) out[k] = typeof v === 'number' || typeof v === 'bigint' ? String(v) : v;
	return out;
}

/**
 * The CDR entries of a cdrapi JSON answer. The manual shows a bare `{"cdr_root":[..]}`; firmware also puts
 * `"status":0` beside it or wraps it in `response` (public clients read both: erxes/erxes
 * packages/plugin-calls-api/src/utils.ts `cdrData.response?.cdr_root || cdrData.cdr_root`), and sends an empty
 * result as `[]`, `null`, `""`, `{}` or no `cdr_root` at all. An object in place of the list is one entry.
 * undefined: not a cdrapi JSON answer (no cdr_root and no status).
 */
function cdrEntries(json: IDataObject): unknown[] | undefined {
	for (const holder of [json, json.response]) {
		if (!holder || typeof holder !== 'object' || Array.isArray(holder) || !('cdr_root' in holder)) continue;
		const root = (holder as IDataObject).cdr_root;
		if (Array.isArray(root)) return root;
		if (root && typeof root === 'object') return Object.keys(root).length ? [root] : [];
		return [];
	}
	// {}, {"status":0} or {"response":{},"status":0}: the PBX answered, with no records.
	return json.status !== undefined || Object.keys(json).length === 0 ? [] : undefined;
}

/**
 * recapi `filename` from a CDR's `recordfiles` as firmware writes it: "2026-02/auto-1770326441-1000-2815058290.wav@"
 * (month folder, files joined and ended by "@"). recapi takes bare names, comma-separated: public clients strip the
 * folder and the "@" (erxes/erxes packages/plugin-calls-api/src/utils.ts `recordfiles.split('/')[1].split('@')[0]`;
 * tdaniel1925/timhayes ucm_api_downloader.py: "UCM RecAPI doesn't navigate into subfolders").
 */
function recapiFileNames(value: string): string {
	return value
		.split(/[@,]/)
		.map((part) => part.trim().replace(/^.*\//, ''))
		.filter(Boolean)
		.join(',');
}

/** pmsapi `data` is one string: `<pms_data_request><op>..</op></pms_data_request>` or `{"op":{..}}`. */
function pmsData(data: WireObject, format: string): string {
	if (format === 'json') return stringifyWire(data);
	return buildXmlElement('pms_data_request', data);
}

/**
 * What the UCM answered to one action, in its own terms: the `response` record, a file (recordings, QR images), a
 * CSV/XML text (the legacy APIs), or the calls of a cdrapi answer (a call's legs grouped).
 */
export type UcmAnswer =
	| { kind: 'record'; json: IDataObject }
	| { kind: 'file'; json: IDataObject; file: { data: Buffer; fileName: string; mimeType: string } }
	| { kind: 'text'; json: IDataObject }
	| { kind: 'calls'; json: IDataObject; calls: IDataObject[] };

/** One endpoint call: JSON answers give `response` (need_apply etc. kept); files come back as binary. */
export async function ucmCall(
	conn: UcmConnection,
	endpoint: EndpointSpec,
	body: WireObject,
	query: Record<string, string>,
): Promise<UcmAnswer> {
	const cookies = new Set<string>();
	try {
		return await callOnce(conn, endpoint, body, query, cookies);
	} catch (error) {
		throw withoutCookies(error, cookies);
	}
}

async function callOnce(
	conn: UcmConnection,
	endpoint: EndpointSpec,
	body: WireObject,
	query: Record<string, string>,
	cookies: Set<string>,
): Promise<UcmAnswer> {
	const request: WireObject = { action: endpoint.wireAction ?? endpoint.id, ...query, ...wireValues(body) };
	if (request.data && typeof request.data === 'object') request.data = pmsData(request.data as WireObject, String(request.format ?? 'xml'));
	if (endpoint.wireAction === 'recapi' && typeof request.filename === 'string') request.filename = recapiFileNames(request.filename);
	const { res, json } = await action(conn, request, endpoint.effect === 'read', cookies);
	const type = (res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	if (endpoint.binary && json) {
		// Images come Base64-encoded inside the JSON answer (getSIPAccountQR: response.qr_base).
		const response = (json.response ?? {}) as IDataObject;
		const [key, b64] = Object.entries(response).find(([, v]) => typeof v === 'string' && v.length > 64 && /^[A-Za-z0-9+/=\s]+$/.test(v)) ?? [];
		if (!key) throw new ProtocolError(`The PBX answered ${endpoint.wireAction} without a file`);
		const data = Buffer.from(String(b64), 'base64');
		const fileName = `${endpoint.wireAction ?? endpoint.id}.png`;
		const meta: IDataObject = { ...response, fileName, mimeType: 'image/png', size: data.length };
		delete meta[key];
		return { kind: 'file', json: meta, file: { data, fileName, mimeType: 'image/png' } };
	}
	// Only the legacy APIs answer CSV/XML text; anything else that is not JSON is not the PBX's answer (an HTML error page).
	if (!json && !endpoint.binary && !endpoint.textAnswer)
		throw new ProtocolError(`The PBX answered ${endpoint.wireAction ?? endpoint.id} with something that is not the API's JSON: ${JSON.stringify(res.body.toString('utf8').slice(0, 120))}`);
	if (endpoint.binary || !json) {
		const fallback = `${endpoint.wireAction ?? endpoint.id}${type.includes('csv') ? '.csv' : type.includes('xml') ? '.xml' : type.includes('wav') ? '.wav' : type.includes('png') ? '.png' : '.bin'}`;
		const fileName = fileNameFrom(res, fallback);
		if (endpoint.binary || !type.startsWith('text/')) {
			return { kind: 'file', json: { fileName, mimeType: type || 'application/octet-stream', size: res.body.length }, file: { data: res.body, fileName, mimeType: type || 'application/octet-stream' } };
		}
		return { kind: 'text', json: { fileName, mimeType: type, data: res.body.toString('utf8') } };
	}
	// A CDR entry may group a call's legs.
	if (endpoint.wireAction === 'cdrapi') {
		const entries = cdrEntries(json);
		if (entries) return { kind: 'calls', json, calls: entries.filter((e): e is IDataObject => !!e && typeof e === 'object' && !Array.isArray(e)).map(cdrCall) };
	}
	// Legacy APIs answer JSON without the envelope (cdrapi: {"cdr_root": [...]}).
	if (json.status === undefined) {
		if (endpoint.textAnswer) return { kind: 'record', json };
		throw new ProtocolError(`The PBX answered ${endpoint.wireAction ?? endpoint.id} without a status`);
	}
	// listUser answers with a bare array: give it a key so each record becomes an item.
	if (Array.isArray(json.response)) return { kind: 'record', json: { records: json.response } };
	const response = (json.response && typeof json.response === 'object' ? json.response : {}) as IDataObject;
	return { kind: 'record', json: { ...response } };
}
