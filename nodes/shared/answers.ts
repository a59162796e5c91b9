/**
 * Answers that a later node of the workflow computes (IVR menus), sent through n8n's own respond-from-a-node path:
 * the trigger's responseMode is 'responseNode' (VOS3000: while an IVR page is selected), the answer node calls
 * `this.sendResponse(...)`, and n8n carries that answer to the process holding the request (in queue mode from any worker, through Redis).
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

/**
 * Methods shadowed on the response instance. Never `writeHead`: node's own end() calls `this.writeHead`, and
 * compression/on-headers wrap it. Before the answer: the status is only recorded, a body decides, writes are
 * dropped; headers n8n sets stay (harmless). After it: everything that would throw "headers already sent".
 */
const BEFORE: Record<string, 'status' | 'body' | 'drop'> = { status: 'status', sendStatus: 'body', json: 'body', send: 'body', end: 'body', write: 'drop' };
const AFTER = ['status', 'sendStatus', 'setHeader', 'header', 'set', 'append', 'removeHeader', 'type', 'contentType', 'json', 'send', 'end', 'write', 'flushHeaders'];

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

	const answer = (body: unknown, outcome: HoldOutcome) => {
		if (answered) return;
		answered = true;
		clearTimeout(timer);
		// Written before the instance methods go quiet: node's end() and compression still use what they need.
		if (!res.headersSent && !res.writableEnded) {
			res.statusCode = 200;
			rawSetHeader.call(res, 'content-type', 'application/json; charset=utf-8');
			rawEnd.call(res, JSON.stringify(body));
		}
		for (const m of AFTER) if (typeof target[m] === 'function') target[m] = m === 'write' ? () => true : () => res;
		options.onSettled?.(outcome, Date.now() - startedAt);
	};
	const decide = (body: unknown) => (options.isAnswer(body) ? answer(body, 'answer') : answer(options.defaultBody, 'default-run-ended'));

	for (const [m, role] of Object.entries(BEFORE)) {
		if (typeof target[m] !== 'function') continue;
		if (role === 'status') target[m] = () => res;
		else if (role === 'drop') target[m] = () => true;
		else target[m] = (body?: unknown) => (decide(m === 'sendStatus' ? undefined : bodyOf(body)), res);
	}
	const timer = setTimeout(() => answer(options.defaultBody, 'default-time-limit'), options.timeoutMs);
	timer.unref?.();
}
