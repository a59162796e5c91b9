/** cdrapi (nodes/ucm/spec/cdr.ts): call detail records as csv, xml or json, with the manual's filters. */
import { fmtTime, opt, parseUcmTime, str, toCsv, UcmError, xmlElems, type Ctx, type Rec, type Reply, type Handler } from './api';
import type { EmulatedUcm } from './emulator';

/** cdrapi columns, in the order of the manual's JSON example (Table 70). */
export const UCM_CDR_COLUMNS = [
	'AcctId', 'accountcode', 'action_owner', 'action_type', 'amaflags', 'answer', 'billsec', 'caller_name', 'cdr', 'chanext',
	'channel', 'channel_ext', 'clid', 'dcontext', 'disposition', 'dst', 'dst_trunk_name', 'dstanswer', 'dstchanext',
	'dstchannel', 'dstchannel_ext', 'duration', 'end', 'lastapp', 'lastdata', 'recordfiles', 'service', 'session', 'src',
	'src_trunk_name', 'start', 'uniqueid', 'userfield',
] as const;

export function cdrRow(id: number, start: string, src: string, dst: string, durationS: number, billsec: number, over: Rec = {}): Rec {
	const t0 = Date.parse(start.replace(' ', 'T') + 'Z');
	const answered = billsec > 0;
	const uniq = `${Math.floor(t0 / 1000)}.${id}`;
	const r: Rec = {
		AcctId: String(id), accountcode: '', action_owner: '', action_type: '', amaflags: 'DOCUMENTATION',
		answer: answered ? fmtTime(t0 + (durationS - billsec) * 1000) : '', billsec: String(billsec), caller_name: src,
		cdr: `${Math.floor(t0 / 1000)}0000${id}-${src}`, chanext: '', channel: `PJSIP/${src}-0000000${id}`, channel_ext: src,
		clid: `"${src}" <${src}>`, dcontext: 'from-internal', disposition: answered ? 'ANSWERED' : 'NO ANSWER', dst,
		dst_trunk_name: '', dstanswer: answered ? dst : '', dstchanext: '', dstchannel: `PJSIP/${dst}-0000001${id}`,
		dstchannel_ext: dst, duration: String(durationS), end: fmtTime(t0 + durationS * 1000), lastapp: 'Dial',
		lastdata: `PJSIP/${dst},60`, recordfiles: '', service: 's', session: `${Math.floor(t0 / 1000)}0000${id}-${src}`, src,
		src_trunk_name: '', start, uniqueid: uniq, userfield: 'Internal', ...over,
	};
	return r;
}

/**
 * A call through a queue, a ring group or a transfer: one main leg and its sub legs. Stored as rows that share
 * `_group` (the main leg's AcctId) and the main leg's `session`; cdrapi JSON answers the call as ONE entry
 * `{"main_cdr":{..},"sub_cdr_1":{..},..}` (the PBX manuals are silent; shape as public clients of the API read it:
 * ernest0vm/GrandStreamAPIClient GrandstreamClient/Models/CDR.cs models cdr_root entries with main_cdr and
 * sub_cdr_1..4). CSV lists every leg as a row.
 */
export function cdrGroup(main: Rec, subs: Rec[]): Rec[] {
	const group = String(main.AcctId);
	return [
		{ ...main, _group: group, _leg: 'main_cdr' },
		...subs.map((r, i) => ({ ...r, session: main.session, _group: group, _leg: `sub_cdr_${i + 1}` })),
	];
}


export const cdrSeed: Rec[] = [
	cdrRow(1, '2024-05-01 09:15:00', '1000', '1001', 32, 28, { recordfiles: 'auto-1714554900-1000-1001.wav@' }),
	cdrRow(2, '2024-05-01 09:30:00', '1001', '1002', 25, 0),
	cdrRow(3, '2024-05-02 10:10:10', '1002', '95551234', 75, 70, { dst_trunk_name: 'provider', userfield: 'Outbound', dcontext: 'from-internal', dstchannel: 'PJSIP/trunk_1-00000013', dstchannel_ext: 'trunk_1' }),
	cdrRow(4, '2024-05-03 10:10:00', '5551234', '1000', 64, 60, { src_trunk_name: 'provider', userfield: 'Inbound', dcontext: 'from-trunk-sip-provider', channel: 'PJSIP/trunk_1-00000004', channel_ext: 'trunk_1' }),
	cdrRow(5, '2024-05-04 10:10:00', '1004', '1003', 30, 0),
	// An inbound call through queue 6500: rang 1000 (no answer) and 1001 (answered), so cdrapi groups it.
	...cdrGroup(
		cdrRow(6, '2024-05-05 10:10:00', '5559876', '6500', 120, 95, { src_trunk_name: 'provider', userfield: 'Inbound', dstanswer: '1001', action_type: 'QUEUE', action_owner: '6500', lastapp: 'Queue', recordfiles: 'q-6500-1714903800-5559876.wav@' }),
		[
			cdrRow(7, '2024-05-05 10:10:05', '5559876', '1000', 20, 0, { src_trunk_name: 'provider', userfield: 'Inbound', action_type: 'QUEUE', action_owner: '6500' }),
			cdrRow(8, '2024-05-05 10:10:05', '5559876', '1001', 115, 95, { src_trunk_name: 'provider', userfield: 'Inbound', action_type: 'QUEUE', action_owner: '6500', recordfiles: 'q-6500-1714903800-5559876.wav@' }),
		],
	),
];

/** cdrapi `caller` filter (Table 70): comma list of numbers, ranges `a-b`, and patterns with `@` (any digits) / `_` (one char); `0-0` matches non-numeric and empty. */
export function cdrCallerMatcher(spec: string): (n: string) => boolean {
	const parts = spec.split(',').map((s) => s.trim()).filter(Boolean);
	const tests: Array<(n: string) => boolean> = [];
	for (const p of parts) {
		if (p === '0-0') tests.push((n) => n === '' || !/^\d+$/.test(n));
		else if (/[@_]/.test(p)) {
			const re = new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/@/g, '\\d*').replace(/_/g, '.')}$`);
			tests.push((n) => re.test(n));
		} else if (/^\d+-\d+$/.test(p)) {
			const [a, b] = p.split('-').map(Number);
			tests.push((n) => /^\d+$/.test(n) && Number(n) >= a && Number(n) <= b);
		} else if (/^\d+$/.test(p)) tests.push((n) => n === p);
		// other strings are ignored (manual)
	}
	return (n) => tests.length === 0 || tests.some((t) => t(n));
}

export function cdrapi(emu: EmulatedUcm, ctx: Ctx): Reply {
	const b = ctx.body;
	const format = (opt(b, 'format') || 'csv').toLowerCase();
	if (!['csv', 'xml', 'json'].includes(format)) throw new UcmError(-15);
	const numRecords = opt(b, 'numRecords') ?? opt(b, 'numrecords');
	const n = numRecords === undefined || numRecords === '' ? 1000 : Number(numRecords);
	if (!Number.isInteger(n) || n < 0 || n > 1000) throw new UcmError(-15);
	const offset = Number(opt(b, 'offset') || 0);
	if (!Number.isInteger(offset) || offset < 0) throw new UcmError(-15);
	const start = parseUcmTime(opt(b, 'startTime') ?? '');
	const end = parseUcmTime(opt(b, 'endTime') ?? '', true);
	if (Number.isNaN(start) || Number.isNaN(end)) throw new UcmError(-15);
	const known = emu.options.cdrTimeFilterParams;
	const filterKeys = Object.keys(b).filter((k) => /^ti[mn]eFilterType$/i.test(k));
	const unknownParam = known !== undefined && filterKeys.some((k) => !known.includes(k));
	const filterType = (filterKeys.length && !unknownParam ? opt(b, filterKeys[0]) ?? 'Start' : 'Start').toLowerCase();
	const callerSpec = opt(b, 'caller');
	const matchCaller = callerSpec ? cdrCallerMatcher(callerSpec) : undefined;
	const minDur = opt(b, 'minDur');
	const maxDur = opt(b, 'maxDur');
	const answeredby = opt(b, 'answeredby');
	const callerName = opt(b, 'callerName');
	// One entry per call: a lone row, or a grouped call (main leg + sub legs). Filters look at the call as a whole:
	// the main leg's numbers, names and duration, and its start or (for an End filter) its last leg's end.
	const calls = cdrCalls(emu.state.cdrs);
	const matched = calls.filter((legs) => {
		const c = legs[0];
		const endOf = legs.reduce((m, l) => (str(l.end) > m ? str(l.end) : m), '');
		const t = Date.parse((filterType === 'end' ? endOf : str(c.start)).replace(' ', 'T') + 'Z');
		if (start !== undefined && t < start) return false;
		if (end !== undefined && t > end) return false;
		if (matchCaller && !matchCaller(str(c.src)) && !matchCaller(str(c.dst))) return false;
		if (minDur && Number(c.duration) < Number(minDur)) return false;
		if (maxDur && Number(c.duration) > Number(maxDur)) return false;
		if (answeredby && !answeredby.split(',').includes(str(c.dstanswer))) return false;
		if (callerName && !str(c.caller_name).includes(callerName)) return false;
		return true;
	});
	const picked = unknownParam ? [] : matched.slice(offset, offset + n);
	const del = opt(b, 'delete');
	if (del !== undefined && !['', '0', 'no', 'false'].includes(del.toLowerCase())) {
		const gone = new Set(picked.flat());
		emu.state.cdrs = emu.state.cdrs.filter((c) => !gone.has(c));
	}
	const cols = (r: Rec) => Object.fromEntries(UCM_CDR_COLUMNS.map((k) => [k, str(r[k])]));
	const entry = (legs: Rec[]): Rec => (legs[0]._group === undefined ? cols(legs[0]) : Object.fromEntries(legs.map((l) => [str(l._leg), cols(l)])));
	if (format === 'json') return { raw: JSON.stringify(cdrJson(emu, picked.map(entry))), type: 'application/json;charset=UTF-8' };
	if (format === 'xml') {
		const xmlEntry = (legs: Rec[]) =>
			legs[0]._group === undefined ? xmlElems(cols(legs[0])) : legs.map((l) => `  <${str(l._leg)}>\n${xmlElems(cols(l), '    ')}\n  </${str(l._leg)}>`).join('\n');
		const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<cdr_root>\n${picked.map((legs) => `<cdr>\n${xmlEntry(legs)}\n</cdr>`).join('\n')}${picked.length ? '\n' : ''}</cdr_root>\n`;
		return { raw: xml, type: 'application/xml;charset=UTF-8' };
	}
	return { raw: toCsv(UCM_CDR_COLUMNS, picked.flat().map(cols)), type: 'text/csv;charset=UTF-8', headers: { 'Content-Disposition': 'attachment; filename="cdr.csv"' } };
}

/** The cdrapi JSON body in the shape the options choose (see UcmOptions.cdrJsonEnvelope / emptyCdrRoot). */
function cdrJson(emu: EmulatedUcm, entries: Rec[]): Rec {
	const empty = { list: [], null: null, string: '', object: {}, absent: undefined }[emu.options.emptyCdrRoot];
	const root: Rec = entries.length || emu.options.emptyCdrRoot === 'list' ? { cdr_root: entries } : empty === undefined ? {} : { cdr_root: empty };
	if (emu.options.cdrJsonEnvelope === 'status') return { ...root, status: 0 };
	if (emu.options.cdrJsonEnvelope === 'response') return { response: root, status: 0 };
	return root;
}

/** CDR rows -> calls: each lone row, or the rows of one group (main leg first), in the order of their first row. */
function cdrCalls(rows: Rec[]): Rec[][] {
	const out: Rec[][] = [];
	const groups = new Map<string, Rec[]>();
	for (const r of rows) {
		if (r._group === undefined) {
			out.push([r]);
			continue;
		}
		const g = groups.get(str(r._group));
		if (g) g.push(r);
		else {
			const legs = [r];
			groups.set(str(r._group), legs);
			out.push(legs);
		}
	}
	for (const legs of groups.values()) legs.sort((a, b) => (a._leg === 'main_cdr' ? -1 : b._leg === 'main_cdr' ? 1 : Number(str(a._leg).slice(8)) - Number(str(b._leg).slice(8))));
	return out;
}

export const cdrHandlers: Record<string, Handler> = { cdrapi };
