/**
 * VOS3000 emulator, one request of section 3: parse the body, check its M fields (tables.ts REQUIRED), run the
 * interface's handler and write the answer as the server does (retCode beside the data, Long.MAX_VALUE literal).
 */
import { LONG_MAX_LITERAL, VOS_RET } from './api';
import { invalid, isObj, missing, NUMERIC, VosError } from './fields';
import { REQUIRED, type FieldKind } from './tables';
import type { Rec, Vos3000Ctx, Vos3000Handler } from './state';

/** Interfaces whose M column is contradicted by the description ("not set: all are returned"). */
const LENIENT: Record<string, string[]> = { GetGatewayMapping: ['names'], GetGatewayRouting: ['names'] };

function checkRequired(name: string, body: Rec): void {
	for (const [path, kind] of REQUIRED[name] ?? []) {
		if (LENIENT[name]?.includes(path)) continue;
		const arr = path.split('[].');
		if (arr.length === 2) {
			const list = body[arr[0]];
			if (!Array.isArray(list)) continue; // the array itself is checked by its own entry when it is M
			list.forEach((item, i) => {
				if (!isObj(item)) throw invalid(`Invalid parameter ${arr[0]}[${i}]: expected an object`);
				checkValue(`${arr[0]}[${i}].${arr[1]}`, item[arr[1]], kind);
			});
			continue;
		}
		const dot = path.split('.');
		if (dot.length === 2) {
			const parent = body[dot[0]];
			if (!isObj(parent)) continue;
			checkValue(path, parent[dot[1]], kind);
			continue;
		}
		checkValue(path, body[path], kind);
	}
}
function checkValue(path: string, v: unknown, kind: FieldKind): void {
	if (v === undefined || v === null || (kind === 'string' && v === '' && !path.endsWith('memo'))) throw missing(path);
	const ok =
		kind === 'string' ? typeof v === 'string' || typeof v === 'number' :
		kind === 'number' ? typeof v === 'number' || (typeof v === 'string' && NUMERIC.test(v)) :
		kind === 'boolean' ? typeof v === 'boolean' || v === 'true' || v === 'false' :
		kind === 'array' ? Array.isArray(v) :
		isObj(v);
	if (!ok) throw invalid(`Invalid parameter ${path}: expected ${kind === 'array' ? 'an array' : kind === 'object' ? 'an object' : `a ${kind}`}`);
}

/** The answer of interface `name` to the raw body (never throws: every error is a retCode). */
export function execute(handler: Vos3000Handler, ctx: Vos3000Ctx, name: string, raw: string): { answer: Rec; parsed: unknown } {
	let parsed: unknown;
	const text = raw.replace(/^\uFEFF/, '').trim();
	try {
		parsed = text === '' ? {} : JSON.parse(text);
	} catch (e) {
		return { answer: { retCode: VOS_RET.INVALID_REQUEST, exception: `Invalid JSON request: ${(e as Error).message}` }, parsed: undefined };
	}
	if (!isObj(parsed)) return { answer: { retCode: VOS_RET.INVALID_REQUEST, exception: 'Invalid request: the body must be a JSON object' }, parsed };
	try {
		checkRequired(name, parsed);
		return { answer: { retCode: 0, ...handler(parsed, ctx) }, parsed };
	} catch (e) {
		if (e instanceof VosError) return { answer: { retCode: e.code, exception: e.message }, parsed };
		return { answer: { retCode: -1, exception: `Internal error: ${(e as Error).message}` }, parsed };
	}
}

/** JSON with Long.MAX_VALUE written literally (JS prints 9223372036854776000). */
export function toWire(v: unknown): string {
	return JSON.stringify(v).replace(/([:,[])9223372036854776000(?=[,}\]])/g, `$1${LONG_MAX_LITERAL}`);
}
