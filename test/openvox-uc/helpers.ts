/**
 * Shared set-up for the OpenVox UC action tests: an emulator, a credential for it, a report sink (so the emulator's
 * call reports go somewhere harmless instead of port 5678), and `uc()` to run the action node through WorkflowExecute.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IBinaryData, IDataObject } from 'n8n-workflow';
import { openVoxUcConnection, openVoxUcSessions } from '../../nodes/OpenVoxUc/protocol';
import { runNode, type NodeRun } from '../harness/run';
import type { OpenVoxUcEmulator } from '../emulators/openvox-uc';

export type Format = 'json' | 'xml';

export interface UcCreds {
	scheme: 'http';
	host: string;
	port: number;
	username: string;
	password: string;
	format: Format;
	reportPort: string;
	timeoutMs: number;
}

export function credsFor(emu: OpenVoxUcEmulator, sinkPort: number, over: Partial<UcCreds> = {}): UcCreds {
	return {
		scheme: 'http',
		host: '127.0.0.1',
		port: emu.port,
		username: emu.username,
		password: emu.password,
		format: 'json',
		reportPort: String(sinkPort),
		timeoutMs: 5000,
		...over,
	};
}

/** The session-store key of a credential, as the node computes it. */
export const sessionKey = (creds: UcCreds) => openVoxUcConnection(creds as never).sessionKey;

/** Forgets the node's token and any remembered refusal for a credential, so a test starts logged out. */
export function forgetSession(creds: UcCreds): void {
	openVoxUcSessions.clear(sessionKey(creds));
}

/** Operations run through `uc()` in this test file, to check that every resource was exercised. */
export const exercised = new Set<string>();

export async function uc(
	creds: UcCreds,
	parameters: IDataObject,
	opts: { items?: IDataObject[]; continueOnFail?: boolean } = {},
): Promise<NodeRun> {
	exercised.add(`${parameters.resource}/${parameters.operation}`);
	return runNode('openVoxUc', parameters, { credentials: { openVoxUcApi: creds as never }, ...opts });
}

/** Like `uc()`, but fails the test with the node's error message when the node failed. */
export async function ucOk(creds: UcCreds, parameters: IDataObject, opts: { items?: IDataObject[] } = {}): Promise<IDataObject[]> {
	const r = await uc(creds, parameters, opts);
	if (r.error) throw new Error(`${parameters.operation} failed: ${r.error.message} ${r.error.description ?? ''}`);
	return r.json;
}

/** The bytes of an output item's binary property (stored in memory by the harness). */
export function binaryBytes(b: IBinaryData): Buffer {
	return Buffer.from(b.data, 'base64');
}

/** Receives the emulator's reports (answers 200) and keeps them. */
export async function startReportSink(): Promise<{ port: number; bodies: string[]; close(): Promise<void> }> {
	const bodies: string[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			bodies.push(Buffer.concat(chunks).toString('utf8'));
			res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
			res.end('OK');
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	return {
		port: (server.address() as AddressInfo).port,
		bodies,
		close: () =>
			new Promise<void>((r) => {
				server.closeAllConnections?.();
				server.close(() => r());
			}),
	};
}

export interface Proxy {
	port: number;
	/** Requests whose URL matches: forwarded, answered by the emulator, then the client connection is destroyed. */
	drop: RegExp | undefined;
	dropped: string[];
	/** Milliseconds to hold an answer back before passing it on (0: at once). */
	delay: ((url: string, answer: string) => number) | undefined;
	close(): Promise<void>;
}

/**
 * An HTTP proxy in front of the emulator. For requests whose path matches `drop`, it forwards the request, lets the
 * emulator act on it and answer, then destroys the client connection instead of passing the answer on: the request
 * reached the PBX but the caller never learns the outcome. `delay` holds chosen answers back, to order them.
 */
export async function startDroppingProxy(target: { port: number }): Promise<Proxy> {
	const state = { drop: undefined as RegExp | undefined, dropped: [] as string[], delay: undefined as Proxy['delay'] };
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const up = http.request(
				{ host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${target.port}` }, agent: false },
				(upRes) => {
					const body: Buffer[] = [];
					upRes.on('data', (c: Buffer) => body.push(c));
					upRes.on('end', () => {
						if (state.drop && state.drop.test(req.url ?? '')) {
							state.dropped.push(req.url ?? '');
							req.socket.destroy();
							return;
						}
						const headers = { ...upRes.headers };
						delete headers.connection;
						const answer = Buffer.concat(body);
						const pass = () => {
							res.writeHead(upRes.statusCode ?? 502, headers);
							res.end(answer);
						};
						const ms = state.delay?.(req.url ?? '', answer.toString('utf8')) ?? 0;
						if (ms > 0) setTimeout(pass, ms);
						else pass();
					});
				},
			);
			up.on('error', () => req.socket.destroy());
			up.end(Buffer.concat(chunks));
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	return {
		port: (server.address() as AddressInfo).port,
		get drop() {
			return state.drop;
		},
		set drop(v: RegExp | undefined) {
			state.drop = v;
		},
		get delay() {
			return state.delay;
		},
		set delay(v: Proxy['delay']) {
			state.delay = v;
		},
		dropped: state.dropped,
		close: () =>
			new Promise<void>((r) => {
				server.closeAllConnections?.();
				server.close(() => r());
			}),
	};
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}
