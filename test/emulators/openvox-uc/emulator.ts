/**
 * The OpenVox UC's HTTP API on the kit's server: `POST /api/<any version>/<path>?token=...&type=json|xml`, HTTP 200
 * always, `status`/`errno` in the body; login with md5(password) -> 32-hex token, 5 wrong passwords lock the IP for
 * 10 minutes; downloads behind a `random`. Dispatches to the resource groups' handlers (one file per group).
 */
import type * as http from 'node:http';
import {
	LoginGuard, csvCell, makeWav, md5, parseTime, randomHex, startKitServer,
	type FaultSwitches, type KitAnswer, type KitRequest, type KitServer,
} from '../kit';
import { callRoutes, BARE_SINGLE_XML } from './call';
import { cdrRoutes } from './cdr';
import { conferenceRoutes } from './conference';
import { deviceRoutes } from './device';
import { extensionRoutes } from './extension';
import { UC_TIME, UcError, list, opt, type Body, type Ctx, type Handler, type Reply, type UcErrno } from './handler';
import { hotelRoutes } from './hotel';
import { inboundRouteRoutes } from './inboundRoute';
import { ivrRoutes } from './ivr';
import { outboundRouteRoutes } from './outboundRoute';
import { pagingGroupRoutes } from './pagingGroup';
import { OpenVoxUcPbx } from './pbx';
import { queueRoutes } from './queue';
import { recordingRoutes } from './recording';
import { OPENVOX_UC_CDR_COLUMNS } from './seed';
import { sessionRoutes } from './session';
import { trunkRoutes } from './trunk';
import type { OpenVoxUcEmulator, StartOptions, UcRandom, UcSession } from './types';
import { voicemailRoutes } from './voicemail';
import { parseJsonLenient, parseXml, toXml } from './wire';

const ROUTES: Record<string, Handler> = {
	...sessionRoutes, ...deviceRoutes, ...extensionRoutes, ...trunkRoutes, ...inboundRouteRoutes, ...outboundRouteRoutes,
	...conferenceRoutes, ...ivrRoutes, ...queueRoutes, ...pagingGroupRoutes, ...callRoutes, ...voicemailRoutes,
	...recordingRoutes, ...cdrRoutes, ...hotelRoutes,
};

const DOWNLOADS = new Set(['voicemail/download', 'recording/download', 'cdr/download']);
const API_PATH = /^\/api\/([^/]+)\/(.+?)\/?$/;
const CORS = { 'Access-control-allow-origin': '*', 'Access-control-allow-methods': 'GET, POST, OPTIONS, PUT, DELETE', Server: 'Boa/0.94.14rc21' };

/** A request as the emulator reads it: the API path, the answer format and the parsed body (or why it is unreadable). */
interface ApiRequest {
	path: string;
	isApi: boolean;
	format: 'json' | 'xml';
	body: Body;
	parseError?: UcErrno;
}

export class Emulator extends OpenVoxUcPbx implements OpenVoxUcEmulator {
	url = '';
	port = 0;
	requests: OpenVoxUcEmulator['requests'] = [];
	logins = 0;
	readonly guard = new LoginGuard(() => ({ failures: this.options.lockoutFailures, lockMs: this.options.lockoutMs }));
	private kit?: KitServer;
	private readonly parsed = new WeakMap<KitRequest, ApiRequest>();

	constructor(private readonly host: string, opts: StartOptions) {
		super(opts);
	}

	async listen(port: number): Promise<void> {
		this.kit = await startKitServer({
			host: this.host,
			port,
			handle: (r) => this.handle(r),
			onRequest: (r) => this.read(r),
			notRunning: (r) => (r.method === 'OPTIONS' || !this.parsed.get(r)?.isApi ? undefined : this.failure(r, '30003')),
			malformedBody: () => ({ headers: { 'Content-Type': 'text/html' }, body: '<html><body>500 Internal Server Error</body></html>' }),
		});
		this.linkBootOptions(this.kit.faults);
		this.port = this.kit.port;
		this.url = this.kit.url;
	}

	/** The HTTP server (tests watch its 'request' events). */
	get server(): http.Server {
		return this.serverKit().server;
	}

	get faults(): FaultSwitches {
		return this.serverKit().faults;
	}

	get loginAttempts(): number {
		return this.guard.attempts;
	}

	set loginAttempts(n: number) {
		this.guard.attempts = n;
	}

	md5(text: string): string {
		return md5(text);
	}

	// ---- public API ------------------------------------------------------------------------------------------

	expireTokens(): void {
		this.logins_.expireAll();
	}

	connections(): number {
		return this.serverKit().connections();
	}

	reset(): void {
		this.stopCalls();
		this.store.reset();
		this.bootWindow();
		this.logins_.clear();
		this.guard.clear();
		this.requests.length = 0;
		this.reports.length = 0;
		this.logins = 0;
		this.lastRegistration = undefined;
	}

	async close(): Promise<void> {
		this.closed = true;
		this.stopCalls();
		await this.kit?.close();
	}

	private serverKit(): KitServer {
		if (!this.kit) throw new Error('openvox-uc emulator: not listening');
		return this.kit;
	}

	/**
	 * `options.apiNotRunningMs` / `apiNotRunningRequests` are the kit's not-running fault switches, read and set through
	 * the options as before; the window counts from the (re)start of the PBX's state.
	 */
	private linkBootOptions(faults: FaultSwitches): void {
		let windowMs = this.options.apiNotRunningMs;
		faults.notRunningRequests = this.options.apiNotRunningRequests;
		Object.defineProperties(this.options, {
			apiNotRunningMs: {
				enumerable: true,
				get: () => windowMs,
				set: (ms: number) => {
					windowMs = ms;
					this.bootWindow();
				},
			},
			apiNotRunningRequests: { enumerable: true, get: () => faults.notRunningRequests ?? 0, set: (n: number) => (faults.notRunningRequests = n) },
		});
		this.bootWindow();
	}

	private bootWindow(): void {
		const ms = this.options.apiNotRunningMs;
		if (this.kit) this.kit.faults.notRunningUntil = ms > 0 ? this.state.startedAt + ms : undefined;
	}

	// ---- HTTP ------------------------------------------------------------------------------------------------

	private read(r: KitRequest): void {
		const m = API_PATH.exec(r.path);
		const path = m ? m[2] : r.path.replace(/^\/+/, '');
		const format: 'json' | 'xml' = (r.query.type ?? '').toLowerCase() === 'xml' ? 'xml' : 'json';
		const a: ApiRequest = { path, isApi: m !== null, format, body: {} };
		const trimmed = r.raw.trim();
		if (trimmed !== '') {
			try {
				if (trimmed.startsWith('<')) a.body = parseXml(trimmed);
				else {
					const parsed = parseJsonLenient(trimmed);
					if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
					a.body = parsed as Body;
				}
			} catch {
				a.parseError = trimmed.startsWith('<') ? '10002' : '20000';
			}
		}
		this.parsed.set(r, a);
		this.requests.push({ path, query: r.query, body: a.parseError ? r.raw : a.body, format, at: r.at });
	}

	private reply(r: KitRequest, reply: Reply, xmlShape?: (r: Reply) => Reply): KitAnswer {
		const a = this.parsed.get(r);
		const xml = a?.format === 'xml';
		return {
			op: a?.path,
			headers: { ...CORS, 'Content-Type': xml ? 'application/xml; charset=utf-8' : 'application/json; charset=utf-8', Connection: this.connectionHeader() },
			body: xml ? toXml(xmlShape ? xmlShape(reply) : reply) : JSON.stringify(reply, null, 4),
		};
	}

	private connectionHeader(): string {
		return this.options.connectionClose ? 'close' : 'keep-alive';
	}

	private failure(r: KitRequest, errno: UcErrno): KitAnswer {
		return this.reply(r, { status: 'Failed', errno });
	}

	private handle(r: KitRequest): KitAnswer {
		const a = this.parsed.get(r);
		if (!a) throw new Error('request not read');
		if (r.method === 'OPTIONS') return { op: a.path, headers: CORS };
		if (this.options.redirectTo) {
			const location = new URL(r.url.pathname + r.url.search, this.options.redirectTo).toString();
			return { status: 302, headers: { Location: location, 'Content-Type': 'text/html' }, body: '<html><body><h1>302 Found</h1></body></html>' };
		}
		if (!a.isApi) return this.failure(r, '10003');
		try {
			if (DOWNLOADS.has(a.path)) {
				if (r.method !== 'GET' && r.method !== 'POST') return this.failure(r, '20001');
				return this.download(r, a.path);
			}
			if (r.method !== 'POST') return this.failure(r, '20001');
			if (a.parseError) return this.failure(r, a.parseError);
			const b = normalizeBody(a.body, a.format === 'json' && this.options.jsonValues === 'strings');
			if (a.path === 'login') return this.reply(r, this.login(b, r.ip));
			const handler = ROUTES[a.path];
			if (!handler) {
				// an unknown path still needs a valid token on a real PBX; report the token error first
				this.authenticate(r.query);
				throw new UcError('10003');
			}
			const session = this.authenticate(r.query);
			const ctx: Ctx = { body: b, query: r.query, session, ip: r.ip, format: a.format };
			return this.reply(r, { status: 'Success', ...handler.call(this, ctx) }, BARE_SINGLE_XML[a.path]);
		} catch (err) {
			if (err instanceof UcError) return this.failure(r, err.errno);
			throw err;
		}
	}

	private authenticate(query: Record<string, string>): UcSession {
		const s = this.logins_.use(query.token);
		if (s === 'missing') throw new UcError('20005');
		if (s === 'unknown') throw new UcError('20004');
		if (s === 'expired') throw new UcError('20006');
		return s;
	}

	private login(b: Body, ip: string): Reply {
		this.guard.attempts++;
		if (this.guard.lockedForMs(ip) > 0) throw new UcError('20002');
		const username = opt(b, 'username') ?? '';
		const password = opt(b, 'password') ?? '';
		if (username !== this.username || password !== md5(this.password)) {
			this.guard.fail(ip);
			throw new UcError('20003');
		}
		this.guard.succeed(ip);
		const port = opt(b, 'port') ?? '';
		if (!/^\d+$/.test(port) || +port > 65536) throw new UcError('20008');
		const s = this.logins_.issue({ token: randomHex(), ip, port, url: opt(b, 'url'), urltag: opt(b, 'urltag'), version: opt(b, 'version') });
		this.lastRegistration = s;
		this.logins++;
		const transport = this.options.reportTransport;
		return { status: 'Success', token: s.token, ...(transport ? { transport } : {}) };
	}

	private download(r: KitRequest, path: string): KitAnswer {
		const query = r.query;
		this.authenticate(query);
		const kind = path.split('/')[0] as UcRandom['kind'];
		const badRandom = kind === 'recording' ? '20012' : kind === 'voicemail' ? '20017' : '20020';
		const rnd = this.state.randoms.get(query.random ?? '');
		if (!rnd || rnd.kind !== kind || rnd.expires < Date.now() || (rnd.used && kind === 'recording')) throw new UcError(badRandom);
		for (const [k, v] of Object.entries(rnd.key)) if ((query[k] ?? '') !== v) throw new UcError(badRandom);
		if (r.ip !== rnd.ownerIp && r.ip !== rnd.allowedip) throw new UcError('20015');
		// voicemailstatus is in the manual's link template only, never explained: any folder-like word is accepted
		if (kind === 'voicemail' && query.voicemailstatus !== undefined && !/^[A-Za-z]*$/.test(query.voicemailstatus)) throw new UcError('20016');
		let data: Buffer;
		let filename: string;
		let type: string;
		if (kind === 'recording') {
			if (!this.state.recordings.has(rnd.key.recording)) throw new UcError('20014');
			rnd.used = true;
			data = makeWav(0.5);
			filename = rnd.key.recording;
			type = 'audio/x-wav';
		} else if (kind === 'voicemail') {
			const vm = this.state.voicemails.find((v) => v.extid === rnd.key.extid && v.voicemailfile === rnd.key.voicemailfile);
			if (!vm) throw new UcError('20018');
			rnd.used = true;
			data = makeWav(Math.min(2, Math.max(0.25, Number(vm.voicemaillength) / 4 || 0.5)));
			filename = vm.voicemailfile;
			type = 'audio/x-wav';
		} else {
			rnd.used = true;
			data = Buffer.from(this.cdrCsv(rnd.key.extid, rnd.key.starttime, rnd.key.endtime), 'utf8');
			filename = `cdr-${rnd.key.starttime.replace(/[^0-9]/g, '')}-${rnd.key.endtime.replace(/[^0-9]/g, '')}.csv`;
			type = 'text/csv; charset=utf-8';
		}
		return {
			op: path,
			headers: { 'Access-control-allow-origin': '*', 'Content-Type': type, 'Content-Disposition': `attachment; filename="${filename}"`, Connection: this.connectionHeader() },
			body: data,
		};
	}

	private cdrCsv(extid: string, start: string, end: string): string {
		const from = parseTime(start, UC_TIME) ?? 0;
		const to = parseTime(end, UC_TIME) ?? Number.MAX_SAFE_INTEGER;
		const exts = extid === 'all' ? undefined : new Set(list(extid));
		const rows = this.state.cdrs.filter((c) => {
			const t = parseTime(c.timestart, UC_TIME) ?? 0;
			if (t < from || t > to) return false;
			return !exts || exts.has(c.callfrom) || exts.has(c.callto);
		});
		const lines = [OPENVOX_UC_CDR_COLUMNS.join(',')];
		for (const c of rows) lines.push(OPENVOX_UC_CDR_COLUMNS.map((k) => csvCell(c[k] ?? '')).join(','));
		return lines.join('\r\n') + '\r\n';
	}
}

/** Numbers and booleans as the strings the handlers compare, or left out (read as blank) by `stringsOnly` firmware. */
function normalizeBody(b: Body, stringsOnly: boolean): Body {
	const out: Body = {};
	for (const [k, v] of Object.entries(b)) {
		if (typeof v !== 'number' && typeof v !== 'boolean') out[k] = v;
		else if (!stringsOnly) out[k] = String(v);
	}
	return out;
}
