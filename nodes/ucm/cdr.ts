/**
 * cdrapi answers one `cdr_root` entry per call. A call that went through a ring group, a queue or a transfer comes
 * as a group `{"main_cdr":{..},"sub_cdr_1":{..},"sub_cdr_2":{..}}` instead of a plain CDR; some firmware nests the
 * sub legs inside main_cdr and leaves unused `sub_cdr_N` null. The manuals are silent; the shape is the one public
 * clients of the API read (e.g. ernest0vm/GrandStreamAPIClient, GrandstreamClient/Models/CDR.cs).
 *
 * Everywhere CDRs are read, a call is one record: the main leg's fields at the top (so `src`, `disposition`,
 * `AcctId` read the same for plain and grouped calls) and its other legs, in order, in `sub_cdrs`.
 */
import type { IDataObject } from 'n8n-workflow';

const LEG_KEY = /^(main_cdr|sub_cdr_(\d+))$/;

function isObject(v: unknown): v is IDataObject {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The legs of one cdr_root entry, main leg first, each without nested leg keys. */
export function cdrLegs(entry: IDataObject): IDataObject[] {
	const legs: Array<{ order: number; leg: IDataObject }> = [];
	const walk = (node: IDataObject, order: number) => {
		const own: IDataObject = {};
		const nested: Array<[number, IDataObject]> = [];
		for (const [k, v] of Object.entries(node)) {
			const m = LEG_KEY.exec(k);
			if (!m) own[k] = v;
			else if (isObject(v)) nested.push([m[2] === undefined ? 0 : Number(m[2]), v]);
		}
		if (Object.keys(own).length) legs.push({ order, leg: own });
		for (const [n, v] of nested) walk(v, n);
	};
	walk(entry, -1);
	// A plain CDR is its own (only) leg; in a group the entry itself carries no fields.
	return legs.sort((a, b) => a.order - b.order).map((l) => l.leg);
}

/** One record per call: the main leg's fields plus `sub_cdrs` (the other legs, possibly none). */
export function cdrCall(entry: IDataObject): IDataObject {
	const [main, ...subs] = cdrLegs(entry);
	return { ...(main ?? {}), sub_cdrs: subs };
}

/** The identity of a call: its main leg's AcctId (else uniqueid, cdr, session), as earlier versions stored it. */
export function cdrCallId(call: IDataObject): string {
	for (const k of ['AcctId', 'uniqueid', 'cdr', 'session']) {
		const v = call[k];
		if (v !== undefined && v !== null && v !== '') return String(v);
	}
	const { sub_cdrs: _legs, ...main } = call;
	return JSON.stringify(main);
}

/** When the call as a whole ended: the latest `end` of its legs ("YYYY-MM-DD HH:MM:SS"), '' if none. */
export function cdrCallEnd(call: IDataObject): string {
	let end = typeof call.end === 'string' ? call.end : '';
	for (const leg of (call.sub_cdrs as IDataObject[] | undefined) ?? []) if (typeof leg.end === 'string' && leg.end > end) end = leg.end;
	return end;
}
