/**
 * A fault-injecting HTTP proxy for the test kit, usable in front of any emulator (or a real PBX in a lab).
 * Point the credential's host/port at the proxy; it forwards to `target` and, per request, can:
 * - `drop`: forward, let the PBX act and answer, then close the client connection without an answer;
 * - `502` / `504`: forward, then answer the client with a reverse proxy's HTML error page instead of the PBX's answer;
 * - `html200`: forward, then answer 200 with an HTML page (a Java servlet failing after it committed);
 * - `delay`: hold the request `delayMs` before forwarding it (the client may give up first; the PBX still acts);
 * - `reset`: close the client connection before forwarding (the PBX never sees the request).
 * `plan` decides per request; `once` queues faults for the next matching requests. Counters say what was done.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export type FaultKind = 'drop' | '502' | '504' | 'html200' | 'delay' | 'reset';
export const FAULT_KINDS: FaultKind[] = ['drop', '502', '504', 'html200', 'delay', 'reset'];

export interface ProxiedRequest {
	method: string;
	path: string;
	body: string;
	/** 0-based count of requests the proxy has received. */
	seq: number;
}

export interface FaultDecision {
	kind: FaultKind;
	/** For `delay` (default 1000 ms). */
	delayMs?: number;
	/** For `502`, `504` and `html200`: answer without forwarding (a proxy that gave up before the PBX saw it). */
	withoutForwarding?: boolean;
	/** For `html200`: this body (and content type) instead of the servlet error page, e.g. JSON without a status. */
	body?: string;
	contentType?: string;
}

export interface FaultProxy {
	url: string;
	host: string;
	port: number;
	/** Decides the fault of each request (none when it returns undefined). Queued `once` faults go first. */
	plan?: (req: ProxiedRequest) => FaultKind | FaultDecision | undefined;
	/** Apply `fault` to the next `times` requests that `match` (default: every request matches). */
	once(fault: FaultKind | FaultDecision, match?: (req: ProxiedRequest) => boolean, times?: number): void;
	/** Forget planned and queued faults and zero the counters. */
	clear(): void;
	/** Requests forwarded to the target (including those whose answer was then replaced or dropped). */
	forwarded: number;
	/** Faults applied, by kind. */
	applied: Record<FaultKind, number>;
	/** Wait until no forwarded request is still waiting for the target's answer. */
	idle(): Promise<void>;
	close(): Promise<void>;
}

const PAGE = (status: number, title: string) =>
	`<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
// The page Tomcat shows when a servlet throws after its transaction committed (VOS3000 runs on Tomcat).
const SERVLET_ERROR =
	'<!doctype html><html lang="en"><head><title>HTTP Status 500 – Internal Server Error</title></head><body><h1>HTTP Status 500 – Internal Server Error</h1><hr class="line" /><p><b>Type</b> Exception Report</p><p><b>Message</b> Request processing failed</p></body></html>';

export async function startFaultProxy(target: string, opts: { host?: string; port?: number } = {}): Promise<FaultProxy> {
	const to = new URL(target);
	const client = to.protocol === 'https:' ? https : http;
	const agent = new client.Agent({ keepAlive: true, maxSockets: 64, ...(to.protocol === 'https:' ? { rejectUnauthorized: false } : {}) });
	const queued: Array<{ fault: FaultDecision; match?: (req: ProxiedRequest) => boolean; left: number }> = [];
	const sockets = new Set<Socket>();
	let seq = 0;
	let inFlight = 0;
	let idleWaiters: Array<() => void> = [];
	const settle = () => {
		if (inFlight === 0) for (const w of idleWaiters.splice(0)) w();
	};

	const decide = (req: ProxiedRequest): FaultDecision | undefined => {
		const q = queued.find((x) => x.left > 0 && (!x.match || x.match(req)));
		if (q) {
			q.left--;
			return q.fault;
		}
		const planned = proxy.plan?.(req);
		return typeof planned === 'string' ? { kind: planned } : planned;
	};

	const forward = (req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> =>
		new Promise((resolve, reject) => {
			const headers = { ...req.headers, host: to.host };
			delete headers.connection;
			const out = client.request(
				{ protocol: to.protocol, hostname: to.hostname, port: to.port, method: req.method, path: req.url, headers, agent },
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
					res.on('error', reject);
				},
			);
			out.on('error', reject);
			out.end(body);
		});

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const info: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', body: body.toString('utf8'), seq: seq++ };
			const fault = decide(info);
			if (fault) proxy.applied[fault.kind]++;
			if (fault?.kind === 'reset') {
				req.socket.destroy();
				return;
			}
			inFlight++;
			void (async () => {
				try {
					if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
					const answer = fault?.withoutForwarding ? undefined : await forward(req, body);
					if (answer) proxy.forwarded++;
					if (fault?.kind === 'drop') {
						req.socket.destroy();
					} else if (fault?.kind === '502' || fault?.kind === '504') {
						const status = Number(fault.kind);
						res.writeHead(status, { 'content-type': 'text/html' }).end(PAGE(status, status === 502 ? 'Bad Gateway' : 'Gateway Time-out'));
					} else if (fault?.kind === 'html200') {
						res.writeHead(200, { 'content-type': fault.contentType ?? 'text/html;charset=utf-8' }).end(fault.body ?? SERVLET_ERROR);
					} else if (answer && !res.destroyed) {
						const headers = { ...answer.headers };
						delete headers['transfer-encoding'];
						delete headers.connection;
						headers['content-length'] = String(answer.body.length);
						res.writeHead(answer.status, headers).end(answer.body);
					}
				} catch {
					if (!res.headersSent && !res.destroyed) res.writeHead(502, { 'content-type': 'text/html' }).end(PAGE(502, 'Bad Gateway'));
				} finally {
					inFlight--;
					settle();
				}
			})();
		});
	});
	server.keepAliveTimeout = 30000;
	server.on('connection', (s: Socket) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise<void>((r) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', r));
	const port = (server.address() as AddressInfo).port;
	const host = opts.host ?? '127.0.0.1';

	const proxy: FaultProxy = {
		url: `http://${host}:${port}`,
		host,
		port,
		forwarded: 0,
		applied: { drop: 0, '502': 0, '504': 0, html200: 0, delay: 0, reset: 0 },
		once(fault, match, times = 1) {
			queued.push({ fault: typeof fault === 'string' ? { kind: fault } : fault, match, left: times });
		},
		clear() {
			queued.length = 0;
			proxy.plan = undefined;
			proxy.forwarded = 0;
			for (const k of FAULT_KINDS) proxy.applied[k] = 0;
		},
		idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r))),
		async close() {
			await proxy.idle();
			idleWaiters = [];
			for (const s of sockets) s.destroy();
			agent.destroy();
			await new Promise<void>((r) => server.close(() => r()));
		},
	};
	return proxy;
}
