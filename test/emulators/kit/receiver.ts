/**
 * The other end of push.ts, for tests: a local HTTP server standing in for n8n's webhook, recording every report
 * it gets and answering each as the test says (an n8n that refuses, a proxy that answers 502, ...).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedReport {
	/** The request path with its query. */
	path: string;
	body: string;
	/** The Content-Type header as sent ('undefined' when absent). */
	type: string;
}

export interface ReportReceiver {
	/** http://127.0.0.1:<port> */
	url: string;
	port: number;
	got: ReceivedReport[];
	close(): Promise<void>;
}

type Answer = number | { status: number; body: string; contentType?: string };

/** `answer(n, report)`: the HTTP status for the n-th report (1-based), or a status with a body; default 200 "ok". */
export async function startReportReceiver(answer: (n: number, report: ReceivedReport) => Answer | Promise<Answer> = () => 200): Promise<ReportReceiver> {
	const got: ReceivedReport[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', async () => {
			const report = { path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8'), type: String(req.headers['content-type']) };
			got.push(report);
			const a = await answer(got.length, report);
			const out = typeof a === 'number' ? { status: a, body: 'ok' } : a;
			res.writeHead(out.status, typeof a === 'number' || !a.contentType ? {} : { 'Content-Type': a.contentType });
			res.end(out.body);
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		got,
		close: () => new Promise<void>((r) => server.close(() => r())),
	};
}
