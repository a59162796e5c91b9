/**
 * The wire JSON codec every protocol and trigger uses: bodies out with exact 64-bit integers (bigint), answers and
 * reports in with integers beyond 2^53 kept exact (as strings), duplicate keys kept as lists where a report repeats
 * them on purpose, and depth and size limits (jsonGuard.ts) checked before any parser runs on a report.
 */
import { checkJsonLimits, type JsonLimits } from './jsonGuard';
import { parseJsonKeepingDuplicates } from './lenientJson';

export { parseJsonKeepingDuplicates };

export type WireValue = string | number | bigint | boolean | null | WireValue[] | { [key: string]: WireValue };
export type WireObject = { [key: string]: WireValue };

/** Texts of frozen bodies (a read's request shared by every item of an execution): written once. */
const frozenTexts = new WeakMap<WireObject, string>();

/** JSON text of a wire body; bigint values are written as exact integer literals. */
export function stringifyWire(body: WireObject): string {
	if (!Object.isFrozen(body)) return writeWire(body);
	let text = frozenTexts.get(body);
	if (text === undefined) frozenTexts.set(body, (text = writeWire(body)));
	return text;
}

function writeWire(body: WireObject): string {
	// The usual body (no bigint, no toJSON) needs no replacer, which costs a call per key.
	if (!needsReplacer(body)) return JSON.stringify(body);
	let big = false;
	// Read the holder's value: a BigInt.prototype.toJSON installed by another library runs before the replacer.
	const text = JSON.stringify(body, function (this: Record<string, unknown>, key: string, v: unknown) {
		const original = this[key];
		if (typeof original !== 'bigint') return v;
		big = true;
		return `\u0000bigint:${original.toString()}`;
	});
	return big ? text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1') : text;
}

/** True when plain JSON.stringify might not write the value as stringifyWire does: a bigint, or a toJSON anywhere. */
function needsReplacer(v: unknown): boolean {
	if (typeof v === 'bigint') return true;
	if (v === null || typeof v !== 'object') return false;
	if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return true;
	if (Array.isArray(v)) {
		for (const x of v) if (needsReplacer(x)) return true;
		return false;
	}
	// for..in also visits inherited keys: a superset of what JSON.stringify writes, so nothing is missed.
	for (const k in v) if (needsReplacer((v as Record<string, unknown>)[k])) return true;
	return false;
}

/** Whole JSON numbers and strings: a string is skipped whole, a number token is read whole (never its fraction alone). */
const NUMBER_OR_STRING = /("(?:[^"\\]|\\.)*")|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** JSON.parse, except that integers too large for a JS number come out as exact strings. */
export function parseJsonExact(text: string): unknown {
	const value: unknown = JSON.parse(text);
	// Checking the parsed value is cheaper than scanning the text; only an answer with such an integer is read twice.
	if (!mayHaveLostDigits(value)) return value;
	return JSON.parse(
		text.replace(NUMBER_OR_STRING, (m, str: string | undefined) =>
			str !== undefined || !/^-?\d{16,}$/.test(m) || Number.isSafeInteger(Number(m)) ? m : `"${m}"`,
		),
	);
}

function mayHaveLostDigits(value: unknown): boolean {
	try {
		return hasUnsafeInteger(value);
	} catch {
		// Nested too deep for a recursive walk (JSON.parse itself is not recursive): let the text pass decide.
		return true;
	}
}

/** True when a parsed number is a whole number beyond 2^53, so its literal may have lost digits. */
function hasUnsafeInteger(v: unknown): boolean {
	if (typeof v === 'number') return !Number.isSafeInteger(v) && Number.isInteger(v);
	if (v === null || typeof v !== 'object') return false;
	if (Array.isArray(v)) {
		for (const x of v) if (hasUnsafeInteger(x)) return true;
		return false;
	}
	for (const k in v) if (hasUnsafeInteger((v as Record<string, unknown>)[k])) return true;
	return false;
}

export interface WireJsonOptions {
	/** Refuse the text before parsing when it is larger or nested deeper than this (throws JsonLimitError). */
	limits?: JsonLimits;
	/** Repeated keys become a list instead of the last value winning (legacy OpenVox UC reports). */
	keepDuplicateKeys?: boolean;
}

/** Parses JSON from the network: limits first (when given), then the exact or the duplicate-keeping parser. */
export function parseWireJson(text: string, options: WireJsonOptions = {}): unknown {
	if (options.limits) checkJsonLimits(text, options.limits);
	return options.keepDuplicateKeys ? parseJsonKeepingDuplicates(text) : parseJsonExact(text);
}
