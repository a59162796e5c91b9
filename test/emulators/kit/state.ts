/**
 * An emulator's data: built from the family's seed, deep-cloned so a test's changes never reach the seed, and
 * reset in place (tests keep references to `emu.state`).
 */

/** A deep copy of plain data: objects, arrays, Map, Set, Date and Buffer. */
export function deepClone<T>(v: T): T {
	if (v === null || typeof v !== 'object') return v;
	if (Buffer.isBuffer(v)) return Buffer.from(v) as T;
	if (v instanceof Date) return new Date(v.getTime()) as T;
	if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, deepClone(x)])) as T;
	if (v instanceof Set) return new Set([...v].map((x) => deepClone(x))) as T;
	if (Array.isArray(v)) return v.map((x) => deepClone(x)) as T;
	const out: Record<string, unknown> = {};
	for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = deepClone(x);
	return out as T;
}

export class StateStore<T extends object> {
	readonly state: T;

	/** `seed`: the data itself (cloned at each reset) or a function building fresh data. */
	constructor(private readonly seed: T | (() => T)) {
		this.state = this.fresh();
	}

	fresh(): T {
		return typeof this.seed === 'function' ? (this.seed as () => T)() : deepClone(this.seed);
	}

	/** Back to the seed, in the same object. */
	reset(): T {
		const fresh = this.fresh();
		for (const k of Object.keys(this.state)) if (!(k in fresh)) delete (this.state as Record<string, unknown>)[k];
		Object.assign(this.state, fresh);
		return this.state;
	}
}

/** An emulator's options: each key of `defaults` from `given` when set there (other keys of `given` are ignored). */
export function withDefaults<T extends object>(defaults: T, given: Partial<T>): T {
	const out = { ...defaults };
	for (const k of Object.keys(defaults) as Array<keyof T>) if (given[k] !== undefined) out[k] = given[k] as T[keyof T];
	return out;
}
