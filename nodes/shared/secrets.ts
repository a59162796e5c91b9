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
	const hide = (v: unknown, mark: string) => (v === null || v === undefined || v === '' ? v : typeof v === 'string' || typeof v === 'number' ? mark : v);
	return <T>(value: T, sessionValues: ReadonlyArray<string | undefined> = []): T => {
		const values = sessionValues.filter((v): v is string => typeof v === 'string' && v.length >= MIN_SEARCHED_LENGTH);
		if (!masked.size && !redacted.size && !values.length) return value;
		const walk = (v: unknown): unknown => {
			if (typeof v === 'string') {
				if (!values.length) return v;
				let out = v;
				for (const s of values) if (out.includes(s)) out = out.split(s).join(REDACTED);
				return out;
			}
			if (!v || typeof v !== 'object') return v;
			if (Array.isArray(v)) {
				let copy: unknown[] | undefined;
				v.forEach((x, i) => {
					const y = walk(x);
					if (y !== x) (copy ??= [...v])[i] = y;
				});
				return copy ?? v;
			}
			let copy: Record<string, unknown> | undefined;
			const src = v as Record<string, unknown>;
			for (const k of Object.keys(src)) {
				const x = src[k];
				const y = redacted.has(k) ? hide(x, REDACTED) : masked.has(k) ? hide(x, MASKED) : walk(x);
				if (y !== x) {
					copy ??= { ...src };
					// defineProperty: a key named __proto__ must stay a key.
					Object.defineProperty(copy, k, { value: y, enumerable: true, writable: true, configurable: true });
				}
			}
			return copy ?? v;
		};
		return walk(value) as T;
	};
}
