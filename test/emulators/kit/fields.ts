/**
 * Reading request fields the way every emulator does: required ones (missing or blank -> the family's error),
 * optional ones, values as text whatever JSON type the client sent.
 */
export type Body = Record<string, unknown>;

export interface FieldOptions {
	/** The family's error for a missing or blank required field. */
	missing: (name: string) => Error;
	/** Objects and arrays as JSON text (UCM) or as absent (default). */
	objects?: 'json' | 'absent';
	/** Trim optional values (default true; required values are always trimmed). */
	trimOptional?: boolean;
}

export interface FieldReader {
	/** A value as text: strings as sent, numbers and booleans written out. */
	text(v: unknown): string | undefined;
	/** The named fields, trimmed; the first missing or blank one throws the family's error. */
	need(body: Body, ...names: string[]): string[];
	opt(body: Body, name: string): string | undefined;
}

export function fieldReader(o: FieldOptions): FieldReader {
	const text = (v: unknown): string | undefined => {
		if (v === undefined || v === null) return undefined;
		if (typeof v === 'string') return v;
		if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
		return o.objects === 'json' ? JSON.stringify(v) : undefined;
	};
	return {
		text,
		need(body, ...names) {
			return names.map((n) => {
				const v = text(body[n])?.trim();
				if (v === undefined || v === '') throw o.missing(n);
				return v;
			});
		},
		opt(body, name) {
			const v = text(body[name]);
			return v === undefined || o.trimOptional === false ? v : v.trim();
		},
	};
}

/** "a, b,,c" -> ["a", "b", "c"] */
export const splitList = (s: string): string[] => s.split(',').map((x) => x.trim()).filter((x) => x !== '');
