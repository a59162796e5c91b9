import { XMLBuilder, XMLParser } from 'fast-xml-parser';

// DOCTYPEs (and so custom entities) are refused: a PBX answer must never expand into something larger or reach out.
// The five predefined XML entities are decoded, so "R&amp;D" reads as "R&D", as the same answer in JSON would.
const parser = new XMLParser({
	ignoreAttributes: true,
	parseTagValue: false,
	processEntities: true,
	htmlEntities: false,
	ignoreDeclaration: true,
	ignorePiTags: true,
	trimValues: true,
});

const builder = new XMLBuilder({ ignoreAttributes: true, format: false, suppressEmptyNode: false });

/** Parses XML text into plain objects; every leaf stays a string, as it was on the wire. */
export function parseXml(text: string): Record<string, unknown> {
	if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new Error('XML with a DOCTYPE or ENTITY is refused');
	return parser.parse(text) as Record<string, unknown>;
}

const escapeText = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// Only &, < and > escaped in element text: quotes stay as typed, as in the manuals' examples.
const elementBuilder = new XMLBuilder({
	ignoreAttributes: true,
	format: false,
	suppressEmptyNode: false,
	processEntities: false,
	tagValueProcessor: (_name: string, value: unknown) => escapeText(String(value)),
});

/** `<root>...</root>` without a declaration (an XML document carried inside a field), nested objects as elements. */
export function buildXmlElement(root: string, value: Record<string, unknown>): string {
	return elementBuilder.build({ [root]: value }) as string;
}

/** Builds `<?xml ...?><root>...</root>` with one child element per field. */
export function buildXml(root: string, value: Record<string, unknown>): string {
	return `<?xml version="1.0" encoding="UTF-8" ?>${builder.build({ [root]: value })}`;
}
