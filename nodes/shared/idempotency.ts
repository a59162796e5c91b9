/**
 * Idempotency keys of money operations: the marker recorded with the request and the in-process lock.
 *
 * The marker goes first in the PBX's free-text field, `[n8n-key:<key>]` then a space and the caller's own text,
 * so a PBX that cuts long remarks cuts the caller's text, never the key. Lookups compare the whole key taken
 * from the marker, so "abc" never matches a record of "abcd".
 */
import { FieldError } from './errors';

export const MAX_KEY_LENGTH = 64;
const MARKER = /^\[n8n-key:([^[\]]+)\]/;

/** The key as given (trimmed), or undefined when empty; throws for keys the marker cannot carry. */
export function checkIdempotencyKey(raw: unknown): string | undefined {
	if (raw === undefined || raw === null) return undefined;
	if (typeof raw !== 'string' && typeof raw !== 'number') throw new FieldError('Idempotency Key', `must be text, got ${typeof raw}`);
	const key = String(raw).trim();
	if (!key) return undefined;
	if (key.length > MAX_KEY_LENGTH) throw new FieldError('Idempotency Key', `is longer than ${MAX_KEY_LENGTH} characters`);
	if (/[[\]\u0000-\u001f\u007f]/.test(key)) throw new FieldError('Idempotency Key', 'must not contain [ ] or control characters');
	return key;
}

/** The text to store: the key's marker, then the caller's own text. */
export function withKeyMarker(key: string, text: unknown): string {
	const own = text === undefined || text === null ? '' : String(text);
	return own ? `[n8n-key:${key}] ${own}` : `[n8n-key:${key}]`;
}

/** The key a stored text carries, if it starts with a marker. */
export function keyOf(text: unknown): string | undefined {
	if (typeof text !== 'string') return undefined;
	return MARKER.exec(text)?.[1];
}

const tails = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after every earlier work of the same lock key in this process has finished (executions overlapping
 * on one n8n process take turns per PBX and key; different keys run side by side).
 */
export async function serialised<T>(lockKey: string, work: () => Promise<T>): Promise<T> {
	const before = tails.get(lockKey) ?? Promise.resolve();
	const run = before.then(work, work);
	const tail = run.catch(() => undefined);
	tails.set(lockKey, tail);
	try {
		return await run;
	} finally {
		if (tails.get(lockKey) === tail) tails.delete(lockKey);
	}
}
