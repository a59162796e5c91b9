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

/** Builds `<?xml ...?><root>...</root>` with one child element per field. */
export function buildXml(root: string, value: Record<string, unknown>): string {
	return `<?xml version="1.0" encoding="UTF-8" ?>${builder.build({ [root]: value })}`;
}
