/**
 * The shape of the UCM `/api` exchange every resource file uses: the refusal (a negative status of the manuals'
 * error-code table), the request body and its fields, list paging, and the `need_apply` answers.
 */
import { csvCell, fieldReader, formatTime, pad, xmlEsc, type Body } from '../kit';
import type { EmulatedUcm } from './emulator';
import type { UcmSession } from './session';

export type { Body };

export type Rec = Record<string, unknown>;
export type UcmBrand = 'grandstream' | 'fiberme';

/** A refusal: `{"status":<code>}`, with `response` when the PBX says more (remain_num, error). The emulator answers
 *  codes of FIBERME Table 75 only; their meanings are the node's business (nodes/ucm/protocol.ts). */
export class UcmError extends Error {
	constructor(readonly status: number, readonly response?: Rec) {
		super(`UCM status ${status}`);
	}
}

export type Reply = Rec | { raw: Buffer | string; type: string; headers?: Record<string, string> };
export interface Ctx { body: Body; session?: UcmSession; ip: string }
/** One /api action; keys of the handler maps are the action names in lower case. */
export type Handler = (emu: EmulatedUcm, ctx: Ctx) => Reply | Promise<Reply>;

/** The UCM's time stamps (CDRs, reports, system time), in UTC. */
export const fmtTime = (ms: number): string => formatTime(ms, 'yyyy-MM-dd HH:mm:ss', { utc: true });

export function fmtDuration(ms: number): string {
	const s = Math.floor(ms / 1000);
	return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** Manual time filters: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS[.SSS]], HH:MM[:SS]; optional zone (%2B for +). Times in UTC. */
export function parseUcmTime(s: string, endOfDay = false): number | undefined {
	const t = s.trim().replace(/ /g, '+');
	if (!t) return undefined;
	let m = /^(\d{4}-\d{2}-\d{2})$/.exec(t);
	if (m) return Date.parse(`${m[1]}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z`);
	m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
	if (m) return Date.parse(`${m[1]}T${m[2].length === 5 ? m[2] + ':00' : m[2]}${m[3] ?? 'Z'}`);
	m = /^(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
	if (m) return Date.parse(`2000-01-01T${m[1].length === 5 ? m[1] + ':00' : m[1]}${m[2] ?? 'Z'}`);
	return NaN;
}

/** Request fields: a missing or blank required one is -1; objects are read as their JSON text; optional values untrimmed. */
const fields = fieldReader({ missing: () => new UcmError(-1), objects: 'json', trimOptional: false });
export const need = fields.need;
export const opt = fields.opt;
/** Any value as text ('' for none). */
export const str = (v: unknown): string => fields.text(v) ?? '';

/** The first of `names` the request carries (the manuals name some ids several ways); -1 when none has a value. */
export function firstField(b: Body, ...names: string[]): string {
	const v = names.map((n) => opt(b, n)).find((x) => x !== undefined);
	if (!v) throw new UcmError(-1);
	return v;
}

export function yesNo(b: Body, name: string, values = ['yes', 'no']): void {
	const v = opt(b, name);
	if (v !== undefined && v !== '' && !values.includes(v)) throw new UcmError(-15);
}

const CONTROL_KEYS = new Set(['action', 'cookie']);

export function merge(target: Rec, b: Body, skip: string[] = []): void {
	for (const [k, v] of Object.entries(b)) if (!CONTROL_KEYS.has(k) && !skip.includes(k)) target[k] = v;
}

export function toCsv(columns: readonly string[], rows: Rec[]): string {
	return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(str(r[c]))).join(','))].join('\r\n') + '\r\n';
}

export function xmlElems(obj: Rec, indent = '  '): string {
	return Object.entries(obj).map(([k, v]) => `${indent}<${k}>${xmlEsc(str(v))}</${k}>`).join('\n');
}

/** Paging/sorting/field selection of the list actions (page, item_num, sidx, sord, options). */
export function listPage(key: string, rows: Rec[], b: Body): Rec {
	let items = rows.map((r) => ({ ...r }));
	const sidx = opt(b, 'sidx');
	if (sidx) {
		const desc = /^desc$/i.test(opt(b, 'sord') ?? '');
		items.sort((x, y) => {
			const a = str(x[sidx]);
			const c = str(y[sidx]);
			const r = /^\d+$/.test(a) && /^\d+$/.test(c) ? Number(a) - Number(c) : a.localeCompare(c);
			return desc ? -r : r;
		});
	}
	const options = opt(b, 'options');
	if (options) {
		const fields = options.split(',').map((f) => f.trim().replace(/^trunks\./, '')).filter(Boolean);
		items = items.map((r) => {
			const o: Rec = {};
			for (const f of fields) if (f in r) o[f] = r[f];
			return o;
		});
	}
	const total = items.length;
	const itemNum = Number(opt(b, 'item_num') ?? 0);
	const page = Math.max(1, Number(opt(b, 'page') ?? 1) || 1);
	if (!itemNum || itemNum <= 0) return { [key]: items, page: 1, total_item: total, total_page: 1 };
	return { [key]: items.slice((page - 1) * itemNum, page * itemNum), page, total_item: total, total_page: Math.max(1, Math.ceil(total / itemNum)) };
}

/** getX actions: request keys sent with an empty value select the returned fields (getOutboundRoute example). */
export function selectFields(r: Rec, b: Body, idKeys: string[]): Rec {
	const wanted = Object.entries(b).filter(([k, v]) => !CONTROL_KEYS.has(k) && !idKeys.includes(k) && v === '').map(([k]) => k);
	if (!wanted.length) return { ...r };
	const o: Rec = {};
	for (const k of wanted) if (k in r) o[k] = r[k];
	return o;
}

/** The row under `key`, or -16 "No such item". */
export function existing<K>(rows: Map<K, Rec>, key: K): Rec {
	const r = rows.get(key);
	if (!r) throw new UcmError(-16);
	return r;
}

/** getX: the row the `idKey` field names, with the fields the request selects, answered under `idKey`. */
export function getRow<K>(idKey: string, rows: (emu: EmulatedUcm) => Map<K, Rec>, key: (id: string) => K): Handler {
	return (emu, ctx) => {
		const [id] = need(ctx.body, idKey);
		return { [idKey]: selectFields(existing(rows(emu), key(id)), ctx.body, [idKey]) };
	};
}

/** deleteX: removes the row the `idKey` field names (-16 when there is none). */
export function deleteRow<K>(idKey: string, rows: (emu: EmulatedUcm) => Map<K, Rec>, key: (id: string) => K): Handler {
	return (emu, ctx) => {
		const [id] = need(ctx.body, idKey);
		if (!rows(emu).delete(key(id))) throw new UcmError(-16);
		return markChanged(emu);
	};
}

export const NEED_APPLY_YES = { need_apply: 'yes' };
export const NEED_APPLY_NO = { need_apply: 'no' };

export function markChanged(emu: EmulatedUcm): Rec {
	emu.state.needApply = true;
	return NEED_APPLY_YES;
}

export function nextIndex(m: Map<number, unknown>): number {
	return m.size ? Math.max(...m.keys()) + 1 : 1;
}
