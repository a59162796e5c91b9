/**
 * Answers that a later node of the workflow computes (IVR menus), sent through n8n's own respond-from-a-node path:
 * the trigger declares `responseMode: 'responseNode'`, the answer node calls `this.sendResponse(...)`, and n8n
 * carries that answer to the process holding the request (in queue mode from any worker, through Redis).
 *
 * The process that received the request also guards it, because a caller must never hear n8n's own fallbacks
 * (n8n 1.x: an empty 200 when the run ends without an answer; 2.x: a 500 "Error in workflow"):
 * - at the time limit the default answer goes out (our own timer, in the receiving process);
 * - anything n8n writes that is not an answer (its fallbacks, error pages) is replaced by the default at once,
 *   which is how a failed or answer-less run gets the default without waiting for the limit;
 * - once answered, every later write to the response (a late answer, n8n's `res.end()` on the next tick) is
 *   silently dropped, so nothing can write twice or throw "headers already sent".
 */

/** The slice of express's Response that n8n and the guard use. */
export interface GuardedResponse {
	headersSent?: boolean;
	writableEnded?: boolean;
	statusCode?: number;
	setHeader(name: string, value: string): unknown;
	end(body?: string): unknown;
}

export type HoldOutcome = 'answer' | 'default-time-limit' | 'default-run-ended';

export interface HoldOptions {
	defaultBody: unknown;
	timeoutMs: number;
	/** True when a body about to be written is the workflow's answer; anything else is one of n8n's fallbacks. */
	isAnswer(body: unknown): boolean;
	/** Called once, when the response went out. */
	onSettled?(outcome: HoldOutcome, elapsedMs: number): void;
}

/** Response methods n8n (through express) may call to answer a request. */
const WRITERS = ['status', 'sendStatus', 'setHeader', 'header', 'set', 'append', 'type', 'contentType', 'writeHead', 'write', 'json', 'send', 'end', 'flushHeaders'];

function bodyOf(chunk: unknown): unknown {
	if (chunk === undefined || chunk === null) return undefined;
	const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
	if (text === undefined) return chunk;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/** Holds `res` open for the workflow's answer; see the module comment. */
export function holdForAnswer(res: GuardedResponse, options: HoldOptions): void {
	const target = res as unknown as Record<string, unknown>;
	// Captured before the guard shadows them: the guard's own write goes to node's response directly.
	const rawSetHeader = res.setHeader;
	const rawEnd = res.end;
	const startedAt = Date.now();
	let answered = false;

	const silence = () => {
		for (const m of WRITERS) {
			if (typeof target[m] !== 'function') continue;
			target[m] = m === 'write' ? () => true : () => res;
		}
	};
	const answer = (body: unknown, outcome: HoldOutcome) => {
		if (answered) return;
		answered = true;
		clearTimeout(timer);
		silence();
		if (!res.headersSent && !res.writableEnded) {
			res.statusCode = 200;
			rawSetHeader.call(res, 'content-type', 'application/json; charset=utf-8');
			rawEnd.call(res, JSON.stringify(body));
		}
		options.onSettled?.(outcome, Date.now() - startedAt);
	};
	const decide = (body: unknown) => answer(options.isAnswer(body) ? body : options.defaultBody, options.isAnswer(body) ? 'answer' : 'default-run-ended');

	// Until answered, n8n's status and headers are not applied (the guard writes its own); a body decides.
	for (const m of WRITERS) {
		if (typeof target[m] !== 'function') continue;
		if (m === 'json' || m === 'send' || m === 'end') target[m] = (body?: unknown) => (decide(bodyOf(body)), res);
		else if (m === 'sendStatus') target[m] = () => (decide(undefined), res);
		else if (m === 'write') target[m] = () => true;
		else target[m] = () => res;
	}
	const timer = setTimeout(() => answer(options.defaultBody, 'default-time-limit'), options.timeoutMs);
	timer.unref?.();
}
