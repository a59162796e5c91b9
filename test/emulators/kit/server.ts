/**
 * The emulators' HTTP(S) server: listens on port 0 or a given port, counts and destroys connections, reads bodies
 * with a size cap, applies the fault switches (faults.ts) around the family's handler, and can go down and come back
 * on the same port as a rebooting PBX does. The family only turns a request into an answer.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import type * as tls from 'node:tls';
import type { FaultSwitches } from './faults';

export interface KitRequest {
	method: string;
	/** The URL path without the query. */
	path: string;
	query: Record<string, string>;
	url: URL;
	headers: http.IncomingHttpHeaders;
	/** The body as UTF-8 text. */
	raw: string;
	/** The client's address as plain IPv4 (see normIp). */
	ip: string;
	at: number;
	req: http.IncomingMessage;
	res: http.ServerResponse;
}

export interface KitAnswer {
	/** Default 200. */
	status?: number;
	headers?: http.OutgoingHttpHeaders;
	body?: string | Buffer;
	/** The operation the request applied (interface, action or path): what `dropAfterApply` and `malformed` name. */
	op?: string;
}

/** An answer, or undefined when the handler answered (or dropped) the request itself. */
export type KitHandler = (r: KitRequest) => Promise<KitAnswer | undefined> | KitAnswer | undefined;

export interface KitServerOptions {
	host?: string;
	port?: number;
	/** HTTPS: key and cert, and any other server TLS options (an old server's protocol range, ciphers, DH parameters). */
	tls?: { key: string | Buffer; cert: string | Buffer } & tls.SecureContextOptions;
	/** Bodies above this size get `page(413)` (default 5 MiB). */
	maxBodyBytes?: number;
	keepAliveTimeoutMs?: number;
	handle: KitHandler;
	/** The family's error page for an HTTP status (fault `httpStatus`, body too large, handler crash). */
	page?: (status: number, text: string) => KitAnswer;
	/** The family's non-API body (fault `malformed`), e.g. a servlet's error page. */
	malformedBody?: (r: KitRequest) => KitAnswer;
	/** The family's answer while its API service is not running (faults `notRunning*`); undefined: not applicable. */
	notRunning?: (r: KitRequest) => KitAnswer | undefined;
	/** Called with every request before anything else (request logs that must see refused requests too). */
	onRequest?: (r: KitRequest) => void;
}

export interface KitServer {
	readonly server: http.Server;
	readonly host: string;
	readonly scheme: 'http' | 'https';
	/** Set by `start()`; kept across `stop()` so the server comes back on the same port. */
	port: number;
	url: string;
	faults: FaultSwitches;
	/** Open connections now. */
	connections(): number;
	/** Connections accepted since start (keep-alive checks). */
	opened: number;
	inFlight: number;
	peakInFlight: number;
	start(): Promise<void>;
	/** Stop listening and destroy every connection; `start()` listens again on the same port. */
	stop(): Promise<void>;
	/** A PBX reboot: down for `downMs`, then back on the same port. */
	reboot(downMs?: number): Promise<void>;
	/** Destroy every open connection (the server keeps listening). */
	dropConnections(): void;
	close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 5 * 1024 * 1024;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A socket's remote address as a plain IPv4 string (IPv4-mapped and loopback IPv6 unwrapped). */
export function normIp(a: string | undefined): string {
	if (!a) return '127.0.0.1';
	if (a.startsWith('::ffff:')) return a.slice(7);
	if (a === '::1') return '127.0.0.1';
	return a;
}

/** The request body as UTF-8 text, or undefined when it is larger than `max` bytes (the rest is read and dropped). */
export function readBody(req: http.IncomingMessage, max = DEFAULT_MAX_BODY): Promise<string | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size <= max) chunks.push(c);
		});
		req.on('end', () => resolve(size > max ? undefined : Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export function writeAnswer(res: http.ServerResponse, a: KitAnswer): void {
	if (res.destroyed) return;
	const body = a.body === undefined ? undefined : Buffer.isBuffer(a.body) ? a.body : Buffer.from(a.body, 'utf8');
	const headers: http.OutgoingHttpHeaders = { ...a.headers };
	if (body && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length')) headers['Content-Length'] = body.length;
	res.writeHead(a.status ?? 200, headers);
	res.end(body);
}

const plainPage = (status: number, text: string): KitAnswer => ({ status, headers: { 'Content-Type': 'text/plain' }, body: text });

export async function startKitServer(o: KitServerOptions): Promise<KitServer> {
	const host = o.host ?? '127.0.0.1';
	const page = o.page ?? plainPage;
	const sockets = new Set<Socket>();

	const serve = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
		kit.inFlight++;
		kit.peakInFlight = Math.max(kit.peakInFlight, kit.inFlight);
		try {
			const raw = await readBody(req, o.maxBodyBytes ?? DEFAULT_MAX_BODY);
			const url = new URL(req.url ?? '/', 'http://emulator');
			const query: Record<string, string> = {};
			for (const [k, v] of url.searchParams) query[k] = v;
			const r: KitRequest = { method: req.method ?? 'GET', path: url.pathname, query, url, headers: req.headers, raw: raw ?? '', ip: normIp(req.socket.remoteAddress), at: Date.now(), req, res };
			o.onRequest?.(r);
			if (raw === undefined) return writeAnswer(res, page(413, 'Request entity too large'));
			const f = kit.faults;
			if (f.delayMs) await sleep(f.delayMs);
			if (f.httpStatus && f.httpStatus !== 200) return writeAnswer(res, page(f.httpStatus, f.httpStatus === 403 ? 'Access to the specified resource has been forbidden.' : 'Error'));
			const down = (f.notRunningUntil !== undefined && Date.now() < f.notRunningUntil) || (f.notRunningRequests ?? 0) > 0;
			const refusal = down ? o.notRunning?.(r) : undefined;
			if (refusal) {
				if (!(f.notRunningUntil !== undefined && Date.now() < f.notRunningUntil)) f.notRunningRequests = (f.notRunningRequests ?? 0) - 1;
				return writeAnswer(res, refusal);
			}
			const answer = await o.handle(r);
			if (!answer) return;
			if (answer.op !== undefined && f.dropAfterApply?.includes(answer.op)) {
				req.socket.destroy();
				return;
			}
			if (answer.op !== undefined && f.malformed?.includes(answer.op) && o.malformedBody) return writeAnswer(res, o.malformedBody(r));
			writeAnswer(res, answer);
		} finally {
			kit.inFlight--;
		}
	};
	const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
		serve(req, res).catch((err: unknown) => {
			if (!res.headersSent && !res.destroyed) writeAnswer(res, page(500, String(err)));
			else res.end();
		});
	};
	const server = o.tls ? https.createServer({ ...o.tls }, listener) : http.createServer(listener);
	server.keepAliveTimeout = o.keepAliveTimeoutMs ?? 5_000;
	server.on(o.tls ? 'secureConnection' : 'connection', (s: Socket) => {
		kit.opened++;
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	const scheme = o.tls ? 'https' : 'http';
	// a wildcard address is reached through loopback
	const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;

	const kit: KitServer = {
		server,
		host,
		scheme,
		port: o.port ?? 0,
		url: '',
		faults: {},
		opened: 0,
		inFlight: 0,
		peakInFlight: 0,
		connections: () => sockets.size,
		async start() {
			await new Promise<void>((resolve, reject) => {
				server.once('error', reject);
				server.listen(kit.port, host, () => {
					server.off('error', reject);
					resolve();
				});
			});
			const addr = server.address();
			if (typeof addr === 'object' && addr) kit.port = addr.port;
			kit.url = `${scheme}://${reachable.includes(':') ? `[${reachable}]` : reachable}:${kit.port}`;
		},
		async stop() {
			if (!server.listening) return;
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				kit.dropConnections();
			});
		},
		async reboot(downMs = 0) {
			await kit.stop();
			if (downMs > 0) await sleep(downMs);
			await kit.start();
		},
		dropConnections() {
			for (const s of sockets) {
				s.destroy();
				sockets.delete(s);
			}
		},
		close: () => kit.stop(),
	};
	await kit.start();
	return kit;
}
