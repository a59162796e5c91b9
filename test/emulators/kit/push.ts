/**
 * Reports a PBX pushes to a URL (OpenVox UC events, UCM reports, VOS3000 section 4 pages): one POST with a timeout
 * that never throws (a delivery error is status 0 + `error`), and an outbox that sends in order or side by side,
 * records each push and lets a test wait until everything sent so far was answered.
 */
import * as http from 'node:http';
import * as https from 'node:https';

export interface PushResult {
	status: number;
	body: string;
	/** The answer parsed as JSON, when it is JSON. */
	json?: unknown;
	contentType?: string;
	/** Set when the push could not be delivered (connection refused, timeout); status is then 0. */
	error?: string;
}

/** POST `body` to `url` on a fresh connection (a PBX does not keep report connections alive). */
export function postReport(url: string, body: string, o: { timeoutMs?: number; headers?: http.OutgoingHttpHeaders } = {}): Promise<PushResult> {
	const timeoutMs = o.timeoutMs ?? 10_000;
	return new Promise((resolve) => {
		let u: URL;
		try {
			u = new URL(url);
		} catch (e) {
			resolve({ status: 0, body: '', error: `invalid report URL: ${(e as Error).message}` });
			return;
		}
		const data = Buffer.from(body, 'utf8');
		const mod = u.protocol === 'https:' ? https : http;
		const req = mod.request(
			u,
			{ method: 'POST', agent: false, rejectUnauthorized: false, timeout: timeoutMs, headers: { ...o.headers, 'Content-Length': data.length, Connection: 'close' } } as https.RequestOptions,
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json: unknown;
					try {
						json = text.trim() ? JSON.parse(text) : undefined;
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode ?? 0, body: text, json, contentType: res.headers['content-type'] });
				});
				res.on('error', (e) => resolve({ status: res.statusCode ?? 0, body: '', error: e.message }));
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
		req.on('error', (e) => resolve({ status: 0, body: '', error: e.message }));
		req.end(data);
	});
}

export interface PushRecord {
	url: string;
	body: string;
	result: PushResult;
	at: number;
}

/** Pushes queued by the emulator: `ordered` ones wait for the previous one's answer (a PBX's report thread). */
export class Outbox {
	/** Every push sent and its answer. */
	readonly sent: PushRecord[] = [];
	private chain: Promise<unknown> = Promise.resolve();
	private readonly pending = new Set<Promise<unknown>>();

	constructor(private readonly o: { ordered: boolean; timeoutMs: () => number; headers?: http.OutgoingHttpHeaders }) {}

	/** POST now (not queued) and record it. */
	async post(url: string, body: string): Promise<PushResult> {
		const result = await postReport(url, body, { timeoutMs: this.o.timeoutMs(), headers: this.o.headers });
		this.sent.push({ url, body, result, at: Date.now() });
		return result;
	}

	/** Run `job` (usually one or more `post`s) after the jobs before it (ordered) or at once. */
	queue<T>(job: () => Promise<T>): Promise<T> {
		const p = this.o.ordered ? this.chain.then(job, job) : job();
		if (this.o.ordered) this.chain = p.catch(() => undefined);
		const tracked = p.catch(() => undefined);
		this.pending.add(tracked);
		void tracked.finally(() => this.pending.delete(tracked));
		return p;
	}

	/** Resolves when every job queued so far (and any queued meanwhile) has finished. */
	async idle(): Promise<void> {
		while (this.pending.size) await Promise.allSettled([...this.pending]);
	}

	/** Forget the record (emulator reset); queued jobs still run. */
	clear(): void {
		this.sent.length = 0;
	}
}
