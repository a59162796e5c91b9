/**
 * Secrets in outputs. Execution data is stored, shown to everyone who can open the workflow and handed to AI
 * agents, so by default:
 *   - passwords an answer carries (an endpoint's `secretOutputs`: SIP, voicemail, trunk passwords) are masked;
 *     the node option "Reveal Passwords" shows them;
 *   - session credentials (a family's cookie/token keys, and the live cookie/token value wherever an answer
 *     echoes it) are always redacted.
 * Only non-empty strings and numbers are masked, so "no password set" stays visible.
 */
/** What a masked password reads as. Sending it back as a password is refused (request.ts). */
export const MASKED = '********';
/** What a redacted session credential reads as. */
export const REDACTED = '[redacted]';

export interface OutputSecrets {
	/** Keys (at any depth) whose values are passwords: masked unless revealed. */
	passwordKeys?: readonly string[];
	/** Keys whose values are session credentials: always redacted. */
	sessionKeys?: readonly string[];
	/** Session values (cookie, token) redacted wherever they occur in a string. Short values are ignored. */
	sessionValues?: ReadonlyArray<string | undefined>;
	reveal?: boolean;
}

/** Values shorter than this are too likely to occur in ordinary data to be searched for. */
const MIN_SEARCHED_LENGTH = 8;

/** The value with secrets masked/redacted; the same object when nothing needed it (no copy). */
export function protectOutput<T>(value: T, o: OutputSecrets): T {
	return outputProtector(o)(value, o.sessionValues);
}

/**
 * protectOutput with the key sets built once (per execution), for the per-item path; the session values are
 * passed per item, as a token may be renewed between items.
 */
export function outputProtector(o: Omit<OutputSecrets, 'sessionValues'>): <T>(value: T, sessionValues?: ReadonlyArray<string | undefined>) => T {
	const masked = new Set(o.reveal ? [] : (o.passwordKeys ?? []));
	const redacted = new Set(o.sessionKeys ?? []);
	return <T>(value: T, sessionValues: ReadonlyArray<string | undefined> = []): T => {
		const values = sessionValues.filter((v): v is string => typeof v === 'string' && v.length >= MIN_SEARCHED_LENGTH);
		if (!masked.size && !redacted.size && !values.length) return value;
		return protect(value, masked, redacted, values) as T;
	};
}

function hide(v: unknown, mark: string): unknown {
	return v === null || v === undefined || v === '' ? v : typeof v === 'string' || typeof v === 'number' ? mark : v;
}

function redactValues(text: string, values: readonly string[]): string {
	let out = text;
	for (const s of values) if (out.includes(s)) out = out.split(s).join(REDACTED);
	return out;
}

/** The value with keys masked/redacted and session values redacted in strings; copies only what changed. */
function protect(v: unknown, masked: ReadonlySet<string>, redacted: ReadonlySet<string>, values: readonly string[]): unknown {
	if (typeof v === 'string') return values.length ? redactValues(v, values) : v;
	if (!v || typeof v !== 'object') return v;
	if (Array.isArray(v)) {
		let copy: unknown[] | undefined;
		for (let i = 0; i < v.length; i++) {
			const x: unknown = v[i];
			const y = protect(x, masked, redacted, values);
			if (y !== x) (copy ??= [...v])[i] = y;
		}
		return copy ?? v;
	}
	let copy: Record<string, unknown> | undefined;
	const src = v as Record<string, unknown>;
	// for..in: V8 reads src[k] from its enum cache (3x faster than over Object.keys); answers are plain parsed objects.
	for (const k in src) {
		const x = src[k];
		// A plain string with no session values to look for stays as it is: no call.
		const y = redacted.has(k)
			? hide(x, REDACTED)
			: masked.has(k)
				? hide(x, MASKED)
				: typeof x === 'string'
					? values.length
						? redactValues(x, values)
						: x
					: protect(x, masked, redacted, values);
		if (y !== x) {
			copy ??= { ...src };
			// defineProperty: a key named __proto__ must stay a key.
			if (k === '__proto__') Object.defineProperty(copy, k, { value: y, enumerable: true, writable: true, configurable: true });
			else copy[k] = y;
		}
	}
	return copy ?? v;
}
