/**
 * n8n's expression sandbox refuses member access to these names (n8n-workflow `unsafeObjectProperties`),
 * so `{{$json.caller}}` would fail. Outputs carry a renamed copy; the original stays in the raw payload.
 */
const SANDBOX_REFUSED: Record<string, string> = {
	// Quoted and computed: a plain `__proto__:` in a literal would set the prototype, not a key.
	caller: 'callerNumber',
	callee: 'calleeNumber',
	arguments: 'argumentsValue',
	constructor: 'constructorValue',
	prototype: 'prototypeValue',
	['__proto__']: 'protoValue',
	binding: 'bindingValue',
	mainModule: 'mainModuleValue',
	_events: 'eventsValue',
	_load: 'loadValue',
};

/** The refused names as a Set: the per-key test on every output record. */
const REFUSED = new Set(Object.keys(SANDBOX_REFUSED));

export function safeKey(key: string): string {
	return Object.prototype.hasOwnProperty.call(SANDBOX_REFUSED, key) ? SANDBOX_REFUSED[key] : key;
}

/** Deep copy with sandbox-refused keys renamed (or only the keys `rename` maps to another name). */
export function renameRefusedKeys(value: unknown, rename: (key: string) => string = safeKey): unknown {
	if (Array.isArray(value)) return value.map((v) => renameRefusedKeys(v, rename));
	if (!value || typeof value !== 'object') return value;
	const src = value as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	// Object.keys (same own enumerable string keys, same order as Object.entries) without a [k, v] array per key.
	for (const k of Object.keys(src)) {
		const v = src[k];
		// defineProperty: an assignment to a key named __proto__ would replace the prototype instead.
		Object.defineProperty(out, rename(k), {
			value: v !== null && typeof v === 'object' ? renameRefusedKeys(v, rename) : v,
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return out;
}

/**
 * Only `__proto__` renamed: the one key n8n's own copies of item data cannot keep (an assignment would set the
 * prototype and the value would vanish). For payloads kept otherwise untouched (trigger items' `raw`).
 */
export function renameProtoKeys(value: unknown): unknown {
	return renameRefusedKeys(value, (k) => (k === '__proto__' ? safeKey(k) : k));
}

/** True when any key anywhere in the value would be refused by the sandbox. */
export function hasRefusedKeys(value: unknown): boolean {
	if (Array.isArray(value)) return value.some(hasRefusedKeys);
	if (!value || typeof value !== 'object') return false;
	const src = value as Record<string, unknown>;
	// for..in: V8 reads src[k] from its enum cache (3x faster than over Object.keys); records are plain parsed objects.
	for (const k in src) {
		if (REFUSED.has(k)) return true;
		const v = src[k];
		if (v !== null && typeof v === 'object' && hasRefusedKeys(v)) return true;
	}
	return false;
}

/** The value itself when no key needs renaming (the usual case: no copy), else a renamed deep copy. */
export function withSafeKeys(value: unknown): unknown {
	return hasRefusedKeys(value) ? renameRefusedKeys(value) : value;
}

/** Epoch milliseconds -> ISO string, for outputs that show both. */
export function isoFromMillis(v: unknown): string | undefined {
	const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{10,13}$/.test(v) ? Number(v) : NaN;
	if (!Number.isFinite(n) || n <= 0) return undefined;
	return new Date(n < 1e12 ? n * 1000 : n).toISOString();
}
