/**
 * What every resource group's handlers share: the request context, the error a handler throws (the PBX's errno),
 * field readers and the lookups several groups make.
 */
import { fieldReader, splitList, type Body } from '../kit';
import type { Emulator } from './emulator';
import type { Rec, UcSession } from './types';

export type { Body };
export type Reply = Record<string, unknown>;

export interface Ctx {
	body: Body;
	query: Record<string, string>;
	session: UcSession;
	ip: string;
	format: 'json' | 'xml';
}

export type Handler = (this: Emulator, ctx: Ctx) => Reply;

/**
 * The errno codes this emulator answers (Yeastar S-Series table, of which the UC API is a rebrand; the UC manual
 * shows only 30003). Their meanings are the node's table (nodes/OpenVoxUc/protocol.ts OPENVOX_UC_ERRNO).
 */
export type UcErrno =
	| '10002' | '10003' | '10004' | '10006' | '10007' | '10008' | '10009' | '10010' | '10011' | '10012' | '10013' | '10014'
	| '10015' | '10017' | '10018' | '10019' | '10020' | '10021' | '10022' | '10023' | '10024' | '10031' | '10032'
	| '10043' | '10062' | '10064' | '10067' | '10072' | '10074' | '10078'
	| '20000' | '20001' | '20002' | '20003' | '20004' | '20005' | '20006' | '20008' | '20010' | '20012' | '20014' | '20015'
	| '20016' | '20017' | '20018' | '20019' | '20020' | '30003';

/** A refusal: the request is answered `{"status":"Failed","errno":...}`. */
export class UcError extends Error {
	constructor(public readonly errno: UcErrno) {
		super(`errno ${errno}`);
	}
}

const fields = fieldReader({ missing: () => new UcError('10004') });
export const need = fields.need;
export const opt = fields.opt;
export const list = splitList;

/** Times as the UC writes them (local time); the uptime as deviceinfo/query shows it. */
export const UC_TIME = 'yyyy-MM-dd HH:mm:ss';
export const UC_UPTIME = 'yyyy-MMM-dd-HH:mm:ss';

export const ON_OFF = ['on', 'off'];

/** "all", empty or absent: every entry; else the listed keys that exist. */
export function selectByList<T>(map: Map<string, T>, spec: string | undefined): T[] {
	if (spec === undefined || spec === '' || spec.toLowerCase() === 'all') return [...map.values()];
	return list(spec).map((k) => map.get(k)).filter((v): v is T => v !== undefined);
}

export function requireExt(this: Emulator, n: string): Rec {
	const e = this.state.extensions.get(n);
	if (!e) throw new UcError('10006');
	return e;
}

/** Copy the fields among `keys` that the request sets (even to '') onto `target`. */
export function copyFields(target: Rec, body: Body, keys: string[]): void {
	for (const k of keys) {
		const v = opt(body, k);
		if (v !== undefined) target[k] = v;
	}
}

/** Delete the entries `spec` names by key ("all": every one); none found is errno 20010. */
export function deleteListed(map: Map<string, Rec>, spec: string): void {
	const keys = spec.toLowerCase() === 'all' ? [...map.keys()] : list(spec).filter((k) => map.has(k));
	if (!keys.length) throw new UcError('20010');
	for (const k of keys) map.delete(k);
}
