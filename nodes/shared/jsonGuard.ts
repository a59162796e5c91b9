import { JsonLimitError } from './errors';

// Error classes live in errors.ts; re-exported for existing imports.
export { JsonLimitError };

/**
 * Limits checked before any JSON body from the network is parsed. Recursive parsers (ours and JSON.parse's
 * consumers) overflow the stack on deeply nested input, and a report body has no business being megabytes:
 * a linear scan refuses both before any parser runs.
 */
export interface JsonLimits {
	/** Deepest nesting of objects/arrays accepted (default 64). */
	maxDepth?: number;
	/** Largest body in bytes (UTF-16 code units of the text; default 1 MiB). */
	maxBytes?: number;
}

export const DEFAULT_JSON_LIMITS: Required<JsonLimits> = { maxDepth: 64, maxBytes: 1024 * 1024 };

/** Throws JsonLimitError when `text` is larger or nested deeper than allowed; O(n), no allocation. */
export function checkJsonLimits(text: string, limits: JsonLimits = {}): void {
	const maxDepth = limits.maxDepth ?? DEFAULT_JSON_LIMITS.maxDepth;
	const maxBytes = limits.maxBytes ?? DEFAULT_JSON_LIMITS.maxBytes;
	if (text.length > maxBytes) throw new JsonLimitError(`The body is larger than ${maxBytes} bytes`, 'size');
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 92 /* \ */) i++;
			else if (c === 34 /* " */) inString = false;
		} else if (c === 34) inString = true;
		else if (c === 123 /* { */ || c === 91 /* [ */) {
			if (++depth > maxDepth) throw new JsonLimitError(`The body is nested deeper than ${maxDepth} levels`, 'depth');
		} else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
	}
}
