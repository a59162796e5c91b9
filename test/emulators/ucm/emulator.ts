/**
 * The emulated UCM: options, the HTTP(S) server and its `/api` dispatch (with the legacy `/cdrapi`, `/recapi`,
 * `/pmsapi`, `/queueapi` paths), burst refusals, the request log and report delivery. The actions live in one file
 * per resource group, as nodes/ucm/spec/ does.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import { absolutize, md5, normIp, readBody } from '../kit';
import { str, UcmError, type Body, type Ctx, type Handler, type Rec, type Reply, type UcmBrand } from './api';
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
import { challenge, isExpired, login, sessionHandlers, UCM_DEFAULT_PASSWORD, UCM_DEFAULT_USERNAME, useCookie, type UcmSession } from './session';
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
}

export interface UcmStartOptions extends Partial<UcmOptions> {
	brand?: UcmBrand;
	port?: number;
	host?: string;
	username?: string;
	password?: string;
	tls?: { key: string | Buffer; cert: string | Buffer };
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
	/** Back to the seed; forget sessions, lockouts, logs. */
	reset(): void;
	close(): Promise<void>;
	reports: Array<{ url: string; body: string; status: number }>;
	/** A call from `from` to `to` (extension or external number) that rings, is answered (default) and ends, with
	 *  its CDR, reports, recording (if the extension records). Resolves when every report has been answered. */
	simulateCall(opts: { from: string; to: string; answer?: boolean; durationS?: number }): Promise<void>;
	/** The last login that registered a report `url` (live session preferred). */
	registration(): { url?: string; cookie?: string } | undefined;
	/** Live sessions. */
	sessions: Map<string, UcmSession>;
	/** pmsapi token for the configured PMS credentials. */
	pmsToken(): string;
	/** Wait until queued reports have been delivered. */
	settle(): Promise<void>;
	/** Send a report now (to the registered url or `to`). */
	report(body: Rec, to?: string): Promise<{ status: number; body: string }>;
}

export function postText(to: string, text: string, timeoutMs: number): Promise<{ status: number; body: string }> {
	return new Promise((resolve) => {
		let url: URL;
		try {
			url = new URL(to);
		} catch {
			resolve({ status: 0, body: 'invalid report URL' });
			return;
		}
		const data = Buffer.from(text, 'utf8');
		const mod = url.protocol === 'https:' ? https : http;
		const req = mod.request(
			{
				hostname: url.hostname.replace(/^\[|\]$/g, ''),
				port: url.port || (url.protocol === 'https:' ? 443 : 80),
				path: (url.pathname || '/') + url.search,
				method: 'POST',
				agent: false,
				rejectUnauthorized: false,
				headers: { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(data.length), Connection: 'close' },
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

export class EmulatedUcm implements UcmEmulator {
	url = '';
	port = 0;
	readonly brand: UcmBrand;
	readonly username: string;
	readonly password: string;
	state: UcmState;
	requests: UcmEmulator['requests'] = [];
	logins = 0;
	loginAttempts = 0;
	challenges = 0;
	burstRefusals = 0;
	peakInFlight = 0;
	options: UcmOptions;
	reports: UcmEmulator['reports'] = [];
	sessions = new Map<string, UcmSession>();

	// Used by the resource files (not part of UcmEmulator).
	readonly pendingChallenges = new Map<string, { challenge: string; at: number }>();
	readonly lockouts = new Map<string, { failures: number; lockedUntil: number }>();
	readonly timers = new Set<NodeJS.Timeout>();
	chanSeq = 0x10;
	callSeq = 100;
	lastRegistration?: UcmSession;

	private readonly server: http.Server;
	private readonly scheme: 'http' | 'https';
	private readonly sockets = new Set<Socket>();
	private inFlight = 0;
	private chain: Promise<void> = Promise.resolve();

	constructor(private readonly host: string, opts: UcmStartOptions) {
		this.brand = opts.brand ?? 'grandstream';
		this.username = opts.username ?? UCM_DEFAULT_USERNAME;
		this.password = opts.password ?? UCM_DEFAULT_PASSWORD;
		this.options = {
			cookieTtlMs: opts.cookieTtlMs ?? 10 * 60_000,
			expireEveryNRequests: opts.expireEveryNRequests,
			lockoutFailures: opts.lockoutFailures ?? 5,
			lockoutMs: opts.lockoutMs ?? 10 * 60_000,
			maxConcurrent: opts.maxConcurrent,
			latencyMs: opts.latencyMs ?? 0,
			expiredStatus: opts.expiredStatus ?? -6,
			callDurationMs: opts.callDurationMs ?? 30_000,
			answerDelayMs: opts.answerDelayMs ?? 30,
			callControl: opts.callControl ?? false,
			apiEnabled: opts.apiEnabled ?? true,
			permittedIps: opts.permittedIps,
			callControlMs: opts.callControlMs ?? 10_000,
			sendReports: opts.sendReports ?? this.brand === 'fiberme',
			reportTimeoutMs: opts.reportTimeoutMs ?? 5_000,
			pmsUsername: opts.pmsUsername ?? UCM_DEFAULT_PMS_USERNAME,
			pmsPassword: opts.pmsPassword ?? UCM_DEFAULT_PMS_PASSWORD,
		};
		this.state = seedState(this.brand);
		const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
			this.handle(req, res).catch((err: unknown) => {
				if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
				res.end(String(err));
			});
		};
		this.scheme = opts.tls ? 'https' : 'http';
		this.server = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, listener) : http.createServer(listener);
		this.server.keepAliveTimeout = 5_000;
		this.server.on(opts.tls ? 'secureConnection' : 'connection', (s: Socket) => {
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
		this.url = `${this.scheme}://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`;
	}

	// ---- public API ------------------------------------------------------------------------------------------

	expireCookies(): void {
		this.sessions.clear();
	}

	connections(): number {
		return this.sockets.size;
	}

	reset(): void {
		clearCalls(this);
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		this.state = seedState(this.brand);
		this.sessions.clear();
		this.pendingChallenges.clear();
		this.lockouts.clear();
		this.requests.length = 0;
		this.reports.length = 0;
		this.logins = 0;
		this.loginAttempts = 0;
		this.challenges = 0;
		this.burstRefusals = 0;
		this.peakInFlight = 0;
		this.lastRegistration = undefined;
	}

	async close(): Promise<void> {
		clearCalls(this);
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		await this.chain.catch(() => undefined);
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			for (const s of this.sockets) s.destroy();
		});
	}

	registration(): { url?: string; cookie?: string } | undefined {
		const live = [...this.sessions.values()].filter((s) => s.url && !isExpired(this, s)).pop();
		const s = live ?? this.lastRegistration;
		return s ? { url: s.url, cookie: s.cookie } : undefined;
	}

	pmsToken(): string {
		return md5(this.options.pmsUsername + this.options.pmsPassword);
	}

	settle(): Promise<void> {
		return this.chain;
	}

	async report(body: Rec, to?: string): Promise<{ status: number; body: string }> {
		const target = to ?? this.registration()?.url;
		if (!target) return { status: 0, body: 'no report url registered' };
		const url = absolutize(target);
		const text = JSON.stringify(body);
		const r = await postText(url, text, this.options.reportTimeoutMs);
		this.reports.push({ url, body: text, status: r.status });
		return r;
	}

	/** Queue a report (ordered delivery) when a live session registered a url. */
	emit(body: Rec): void {
		if (!this.options.sendReports) return;
		const urls = new Set([...this.sessions.values()].filter((s) => s.url && !isExpired(this, s)).map((s) => s.url as string));
		for (const u of urls) this.chain = this.chain.then(() => this.report(body, u).then(() => undefined));
	}


	simulateCall(o: { from: string; to: string; answer?: boolean; durationS?: number }): Promise<void> {
		return simulateCall(this, o);
	}

	// ---- HTTP ------------------------------------------------------------------------------------------------

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		this.inFlight++;
		this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
		try {
			const url = new URL(req.url ?? '/', 'http://x');
			const path = url.pathname.replace(/\/+$/, '') || '/';
			const text = await readBody(req);
			if (text === undefined) throw new Error('body too large');
			const ip = normIp(req.socket.remoteAddress);
			let body: Body;
			let parsed: unknown;
			const legacy = /^\/(cdrapi|recapi|pmsapi|queueapi)$/i.exec(path);
			if (path === '/api' && req.method === 'POST') {
				try {
					parsed = text ? JSON.parse(text) : {};
				} catch {
					parsed = undefined;
				}
				const r = parsed && typeof parsed === 'object' ? (parsed as Rec).request : undefined;
				body = r && typeof r === 'object' && !Array.isArray(r) ? { ...(r as Rec) } : {};
				if (!r) {
					this.requests.push({ path, body: parsed ?? text, at: Date.now() });
					await this.delay();
					return this.send(res, { status: -1 });
				}
			} else if (legacy) {
				body = { action: legacy[1].toLowerCase() };
				for (const [k, v] of url.searchParams) body[k] = body[k] !== undefined && k !== 'action' ? `${str(body[k])},${v}` : v;
				if (text && req.method === 'POST') {
					const ct = String(req.headers['content-type'] ?? '');
					if (/json/.test(ct)) {
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
			} else {
				res.writeHead(404, { 'Content-Type': 'text/plain' });
				res.end('Not Found');
				return;
			}
			const action = typeof body.action === 'string' ? body.action : undefined;
			const cookie = typeof body.cookie === 'string' ? body.cookie : undefined;
			this.requests.push({ action, path, body: parsed, cookie, at: Date.now() });
			const max = this.options.maxConcurrent;
			if (max !== undefined && max > 0 && this.inFlight > max) {
				this.burstRefusals++;
				await this.delay();
				return this.send(res, { status: this.inFlight > 2 * max ? -57 : action && WRITE_ACTION.test(action) ? -46 : -45 });
			}
			await this.delay();
			let reply: Reply;
			try {
				reply = await this.dispatch(action, { body, ip });
			} catch (e) {
				if (e instanceof UcmError && this.options.echoRequestInErrors === 'html') {
					res.writeHead(200, { 'Content-Type': 'text/html' });
					res.end(`<p>${text}</p>`);
					return;
				}
				if (e instanceof UcmError && this.options.echoRequestInErrors) return this.send(res, { status: e.status, error: `Error ${e.status} in request ${text}` });
				if (e instanceof UcmError) return this.send(res, e.response ? { response: e.response, status: e.status } : { status: e.status });
				throw e;
			}
			if ('raw' in reply && 'type' in reply && (Buffer.isBuffer(reply.raw) || typeof reply.raw === 'string')) {
				const data = Buffer.isBuffer(reply.raw) ? reply.raw : Buffer.from(reply.raw, 'utf8');
				res.writeHead(200, { 'Content-Type': str(reply.type), 'Content-Length': String(data.length), ...(reply.headers as Record<string, string> | undefined) });
				res.end(data);
				return;
			}
			this.send(res, { response: reply, status: 0 });
		} finally {
			this.inFlight--;
		}
	}

	private delay(): Promise<void> {
		const ms = this.options.latencyMs;
		return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
	}

	private send(res: http.ServerResponse, obj: unknown): void {
		const data = Buffer.from(JSON.stringify(obj), 'utf8');
		res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(data.length) });
		res.end(data);
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
