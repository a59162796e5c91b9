/**
 * The OpenVox UC wire formats as the manual prints them: lenient JSON (its examples have trailing commas), the
 * `<xml>` document with `<item id="N">` lists, and the report body with duplicate `"ext"` keys (legacy format).
 * Written from the manual, independently of the node's codec (nodes/shared/xml.ts), so the two check each other.
 */
import { xmlEsc } from '../kit';

/** JSON.parse that also takes the manual's broken examples (trailing commas, an unterminated string at line end). */
export function parseJsonLenient(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		let t = text.replace(/,(\s*[}\]])/g, '$1');
		t = t
			.split('\n')
			.map((line) => ((line.match(/(?<!\\)"/g) ?? []).length % 2 === 1 ? line.replace(/\s*$/, '"') : line))
			.join('\n');
		return JSON.parse(t);
	}
}

const xmlUnesc = (s: string): string =>
	s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
		if (e === 'lt') return '<';
		if (e === 'gt') return '>';
		if (e === 'quot') return '"';
		if (e === 'apos') return "'";
		if (e === 'amp') return '&';
		return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
	});

/** Serialize a response body as the manual's XML: `<xml>` root, one element per key, lists as `<item id="N">`. */
export function toXml(obj: Record<string, unknown>): string {
	const lines: string[] = ['<?xml version="1.0" encoding="UTF-8" ?>', '<xml>'];
	const walk = (key: string, value: unknown, depth: number): void => {
		const ind = '    '.repeat(depth);
		if (Array.isArray(value)) {
			lines.push(`${ind}<${key}>`);
			value.forEach((item, i) => {
				if (item !== null && typeof item === 'object') {
					lines.push(`${ind}    <item id="${i}">`);
					for (const [k, v] of Object.entries(item as Record<string, unknown>)) walk(k, v, depth + 2);
					lines.push(`${ind}    </item>`);
				} else {
					lines.push(`${ind}    <item id="${i}">${xmlEsc(String(item ?? ''))}</item>`);
				}
			});
			lines.push(`${ind}</${key}>`);
		} else if (value !== null && typeof value === 'object') {
			lines.push(`${ind}<${key}>`);
			for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(k, v, depth + 1);
			lines.push(`${ind}</${key}>`);
		} else {
			lines.push(`${ind}<${key}>${xmlEsc(String(value ?? ''))}</${key}>`);
		}
	};
	for (const [k, v] of Object.entries(obj)) walk(k, v, 1);
	lines.push('</xml>');
	return lines.join('\n') + '\n';
}

interface XNode { name: string; children: XNode[]; text: string }

/**
 * Parse the manual's XML (a `<xml>` root whose children are parameters). Elements whose children are all `<item>`
 * become arrays, other elements with children become objects, leaves become strings. Throws on malformed input.
 */
export function parseXml(text: string): Record<string, unknown> {
	const src = text.replace(/^\uFEFF/, '').replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '');
	const root: XNode = { name: '#root', children: [], text: '' };
	const stack: XNode[] = [root];
	const re = /<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(src)) !== null) {
		const top = stack[stack.length - 1];
		if (m[1] !== undefined) top.text += m[1];
		else if (m[7] !== undefined) throw new Error('malformed XML');
		else if (m[6] !== undefined) top.text += xmlUnesc(m[6]);
		else if (m[2] === '/') {
			if (top.name !== m[3] || stack.length < 2) throw new Error(`unexpected </${m[3]}>`);
			stack.pop();
		} else {
			const node: XNode = { name: m[3], children: [], text: '' };
			top.children.push(node);
			if (m[5] !== '/') stack.push(node);
		}
	}
	if (stack.length !== 1) throw new Error('unclosed XML element');
	const elems = root.children;
	if (elems.length !== 1 || root.text.trim() !== '') throw new Error('XML must have exactly one root element');
	const conv = (n: XNode): unknown => {
		if (n.children.length === 0) return n.text.trim();
		if (n.children.every((c) => c.name === 'item')) return n.children.map(conv);
		const o: Record<string, unknown> = {};
		for (const c of n.children) {
			const v = conv(c);
			if (c.name in o) {
				const prev = o[c.name];
				o[c.name] = Array.isArray(prev) ? [...prev, v] : [prev, v];
			} else o[c.name] = v;
		}
		return o;
	};
	const out = conv(elems[0]);
	if (typeof out === 'string') return {};
	if (Array.isArray(out)) return { item: out };
	return out as Record<string, unknown>;
}

/** Serialize a report; in legacy mode `ext: {extid: [a, b]}` becomes duplicate keys `"ext":{"extid":"a"},"ext":{"extid":"b"}`. */
export function serializeReport(body: Record<string, unknown>, legacy: boolean): string {
	const entries: Array<[string, unknown]> = [];
	for (const [k, v] of Object.entries(body)) {
		if (k === 'ext' && Array.isArray(v)) {
			// caller gave a list of ext objects
			const ids = v.map((o) => (o && typeof o === 'object' ? (o as Record<string, unknown>).extid : o));
			if (legacy) for (const o of v) entries.push([k, o && typeof o === 'object' ? o : { extid: o }]);
			else entries.push([k, { extid: ids.length === 1 ? ids[0] : ids }]);
		} else if (legacy && k === 'ext' && v && typeof v === 'object' && Array.isArray((v as Record<string, unknown>).extid)) {
			for (const id of (v as Record<string, unknown>).extid as unknown[]) entries.push([k, { extid: id }]);
		} else entries.push([k, v]);
	}
	const inner = entries.map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v, null, 4).replace(/\n/g, '\n    ')}`);
	return `{\n${inner.join(',\n')}\n}`;
}
