import { LenientJsonError } from './errors';

// Error classes live in errors.ts; re-exported for existing imports.
export { LenientJsonError };

/**
 * JSON.parse keeps only the last of duplicate keys. Some PBX reports repeat keys on purpose
 * (`"ext":{..},"ext":{..}` for two extensions), so this parser turns repeated keys into a list instead of
 * dropping values. Otherwise it is strict JSON: anything else malformed throws with the position.
 */
export function parseJsonKeepingDuplicates(text: string): unknown {
	let i = 0;
	const fail = (what: string): never => {
		throw new LenientJsonError(`${what} at position ${i}`);
	};
	const ws = () => {
		while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
	};
	const value = (): unknown => {
		ws();
		const c = text[i];
		if (c === '{') return object();
		if (c === '[') return array();
		if (c === '"') return string();
		if (c === 't' && text.startsWith('true', i)) return (i += 4), true;
		if (c === 'f' && text.startsWith('false', i)) return (i += 5), false;
		if (c === 'n' && text.startsWith('null', i)) return (i += 4), null;
		const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
		if (!m) return fail(c === undefined ? 'Unexpected end of JSON' : `Unexpected character ${JSON.stringify(c)}`);
		i += m[0].length;
		return Number(m[0]);
	};
	const string = (): string => {
		const start = i;
		i++;
		while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
		if (i >= text.length) fail('Unterminated string');
		i++;
		try {
			return JSON.parse(text.slice(start, i)) as string;
		} catch {
			return fail('Invalid string');
		}
	};
	const object = (): Record<string, unknown> => {
		const out: Record<string, unknown> = {};
		const repeated = new Set<string>();
		i++;
		ws();
		if (text[i] === '}') return i++, out;
		for (;;) {
			ws();
			if (text[i] !== '"') fail('Expected a key');
			const key = string();
			ws();
			if (text[i] !== ':') fail('Expected ":"');
			i++;
			const v = value();
			if (Object.prototype.hasOwnProperty.call(out, key)) {
				if (!repeated.has(key)) {
					out[key] = [out[key]];
					repeated.add(key);
				}
				(out[key] as unknown[]).push(v);
			} else {
				Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
			}
			ws();
			if (text[i] === ',') {
				i++;
				continue;
			}
			if (text[i] === '}') return i++, out;
			fail('Expected "," or "}"');
		}
	};
	const array = (): unknown[] => {
		const out: unknown[] = [];
		i++;
		ws();
		if (text[i] === ']') return i++, out;
		for (;;) {
			out.push(value());
			ws();
			if (text[i] === ',') {
				i++;
				continue;
			}
			if (text[i] === ']') return i++, out;
			fail('Expected "," or "]"');
		}
	};
	const result = value();
	ws();
	if (i < text.length) fail('Unexpected text after the JSON value');
	return result;
}
