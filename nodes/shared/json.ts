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

/** JSON text of a wire body; bigint values are written as exact integer literals. */
export function stringifyWire(body: WireObject): string {
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

/** JSON.parse, except that integers too large for a JS number come out as exact strings. */
export function parseJsonExact(text: string): unknown {
	if (!/\d{16,}/.test(text)) return JSON.parse(text);
	const marked = text.replace(/("(?:[^"\\]|\\.)*")|(-?\d{16,})(?![.\deE])/g, (m, str: string | undefined, digits: string | undefined) => {
		if (str !== undefined || digits === undefined) return m;
		return Number.isSafeInteger(Number(digits)) ? digits : `"${digits}"`;
	});
	return JSON.parse(marked);
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
