/**
 * VOS3000 emulator: reading request body fields, the error every handler throws (answered as
 * `{"retCode":<code>,"exception":"..."}`), and small record helpers shared by the resource groups.
 */
import { randomBytes } from 'node:crypto';
import { NOT_FOUND_MESSAGE, VOS_RET } from './api';
import type { Rec } from './state';

export class VosError extends Error {
	constructor(
		public code: number,
		message: string,
	) {
		super(message);
	}
}
export const notFound = (): VosError => new VosError(VOS_RET.NOT_FOUND, NOT_FOUND_MESSAGE);
export const invalid = (m: string): VosError => new VosError(VOS_RET.INVALID_PARAMETER, m);
export const missing = (what: string): VosError => new VosError(VOS_RET.MISSING_PARAMETER, `Missing required parameter: ${what}`);
export const alreadyExists = (what: string, key: string): VosError => new VosError(VOS_RET.ALREADY_EXISTS, `${what} already exists: ${key}`);
export function throwNotFound(): never {
	throw notFound();
}

export const round = (n: number): number => Math.round(n * 10000) / 10000;
export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
export const isObj = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
export const has = (b: Rec, k: string): boolean => b[k] !== undefined && b[k] !== null;
/** A record without the emulator's internal fields (prefixed with _). */
export const publicRec = (r: Rec): Rec => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('_')));

/** The field read by `read`, or `def` when absent (also '' when `blankIsAbsent`); absent without a default: MISSING_PARAMETER. */
function field<T>(b: Rec, k: string, def: T | undefined, read: (v: unknown) => T, blankIsAbsent = false): T {
	const v = b[k];
	if (v !== undefined && v !== null && !(blankIsAbsent && v === '')) return read(v);
	if (def === undefined) throw missing(k);
	return def;
}
export const str = (b: Rec, k: string, def?: string): string =>
	field(b, k, def, (v) => {
		if (typeof v === 'string') return v;
		if (typeof v === 'number' || typeof v === 'boolean') return String(v);
		throw invalid(`Invalid parameter ${k}: expected a string`);
	});
/** The field when present, else undefined (no default, no error). */
export const optStr = (b: Rec, k: string): string | undefined => (has(b, k) ? str(b, k) : undefined);
export const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;
export const num = (b: Rec, k: string, def?: number): number =>
	field(
		b,
		k,
		def,
		(v) => {
			const n = typeof v === 'number' ? v : typeof v === 'string' && NUMERIC.test(v) ? Number(v) : NaN;
			if (!Number.isFinite(n)) throw invalid(`Invalid parameter ${k}: expected a number`);
			return n;
		},
		true,
	);
export function int(b: Rec, k: string, def?: number): number {
	const n = num(b, k, def);
	if (!Number.isInteger(n)) throw invalid(`Invalid parameter ${k}: expected an integer`);
	return n;
}
export const bool = (b: Rec, k: string, def?: boolean): boolean =>
	field(b, k, def, (v) => {
		if (typeof v === 'boolean') return v;
		if (v === 'true' || v === 'false') return v === 'true';
		throw invalid(`Invalid parameter ${k}: expected a boolean`);
	});
/** String[]; a comma-separated String is accepted too (several "lists" of the manual are single Strings). */
export function strList(b: Rec, k: string): string[] | undefined {
	const v = b[k];
	if (v === undefined || v === null) return undefined;
	if (Array.isArray(v)) return v.map((x) => String(x));
	if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
	throw invalid(`Invalid parameter ${k}: expected an array of strings`);
}
export function intList(b: Rec, k: string): number[] | undefined {
	const l = strList(b, k);
	if (!l) return undefined;
	return l.map((s) => {
		const n = Number(s);
		if (!Number.isInteger(n)) throw invalid(`Invalid parameter ${k}: expected an array of integers`);
		return n;
	});
}
export function oneOf(k: string, v: number, allowed: number[]): number {
	if (!allowed.includes(v)) throw invalid(`Invalid parameter ${k}: ${v} (allowed: ${allowed.join(', ')})`);
	return v;
}
/** Copy the keys of `src` that exist in `shape` (unknown fields are ignored, like the real server). Deep for objects. */
export function mergeKnown(target: Rec, src: Rec, shape: Rec): void {
	for (const [k, v] of Object.entries(src)) {
		if (!(k in shape) || v === undefined || v === null) continue;
		if (isObj(shape[k]) && isObj(v)) {
			if (!isObj(target[k])) target[k] = clone(shape[k]);
			mergeKnown(target[k], v, shape[k] as Rec);
		} else {
			target[k] = clone(v);
		}
	}
}
/** Copy the string fields `keys` of the body that are present onto the record (Modify* of simple records). */
export function assignStrings(target: Rec, b: Rec, keys: string[]): void {
	for (const k of keys) if (has(b, k)) target[k] = str(b, k);
}
export function randomDigits(n: number): string {
	let s = '';
	for (const b of randomBytes(n)) s += String(b % 10);
	return s[0] === '0' ? '1' + s.slice(1) : s;
}
