import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { paramName } from './describe';
import { FieldError } from './errors';
import { MASKED } from './secrets';
import type { WireObject, WireValue } from './json';
import { toggleValues, type EndpointSpec, type FieldSpec } from './spec';

// The wire JSON codec lives in json.ts; re-exported for existing imports.
export { parseJsonExact, stringifyWire, type WireObject, type WireValue } from './json';

/** What an operation sends: body fields and query-string fields, both keyed by wire name. */
export interface BuiltRequest {
	body: WireObject;
	query: Record<string, string>;
	/** Values of secret fields, so errors can redact them. */
	secrets: string[];
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

/** A picker (resource locator) holds { __rl, mode, value }: the wire wants the value. */
function locatorValue(v: unknown): unknown {
	return v && typeof v === 'object' && (v as { __rl?: unknown }).__rl === true ? (v as { value?: unknown }).value : v;
}

function parseJsonText(path: string, text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		throw new FieldError(path, 'is not valid JSON');
	}
}

function toInteger(path: string, v: unknown, allowDate: boolean): number | bigint {
	if (typeof v === 'bigint') return v;
	if (typeof v === 'number') {
		if (Number.isInteger(v)) return v;
		throw new FieldError(path, `must be a whole number, got ${v}`);
	}
	if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) {
		// Java longs such as 9223372036854775807 (VOS3000 "never expires") do not fit a JS number: keep them exact.
		const n = Number(v.trim());
		return Number.isSafeInteger(n) ? n : BigInt(v.trim());
	}
	if (allowDate) {
		const asDate = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : NaN;
		if (!Number.isNaN(asDate)) return asDate;
		const luxon = v as { toMillis?: () => number };
		if (luxon && typeof luxon.toMillis === 'function') return luxon.toMillis();
		throw new FieldError(path, `must be epoch milliseconds or a date, got ${typeof v === 'string' ? JSON.stringify(v) : typeof v}`);
	}
	throw new FieldError(path, `must be a whole number, got ${typeof v === 'string' ? JSON.stringify(v) : typeof v}`);
}

function toNumber(path: string, v: unknown): number {
	if (typeof v === 'number' && Number.isFinite(v)) return v;
	if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
	throw new FieldError(path, `must be a number, got ${typeof v === 'string' ? JSON.stringify(v) : typeof v}`);
}

function toBoolean(path: string, v: unknown): boolean {
	if (typeof v === 'boolean') return v;
	if (v === 'true' || v === 1 || v === '1') return true;
	if (v === 'false' || v === 0 || v === '0') return false;
	throw new FieldError(path, `must be true or false, got ${JSON.stringify(v)}`);
}

function toStringValue(path: string, field: FieldSpec, v: unknown): string {
	if (typeof v === 'string') {
		if (field.maxLength && v.length > field.maxLength) throw new FieldError(path, `is longer than ${field.maxLength} characters`);
		return v;
	}
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	throw new FieldError(path, `must be text, got ${Array.isArray(v) ? 'a list' : typeof v}`);
}

function scalar(path: string, field: FieldSpec, v: unknown): WireValue {
	// A yes/no (on/off) field is a toggle in the editor: the PBX gets its own word.
	const toggle = toggleValues(field);
	if (toggle && (typeof v === 'boolean' || v === 'true' || v === 'false')) return v === true || v === 'true' ? toggle.on : toggle.off;
	let out: WireValue;
	switch (field.type) {
		case 'integer':
			out = toInteger(path, v, false);
			break;
		case 'long':
			out = toInteger(path, v, true);
			break;
		case 'number':
			out = toNumber(path, v);
			break;
		case 'boolean':
			out = toBoolean(path, v);
			break;
		case 'json':
			out = (typeof v === 'string' ? parseJsonText(path, v) : v) as WireValue;
			break;
		default:
			out = toStringValue(path, field, v);
	}
	if (field.options?.length && !field.options.some((o) => String(o.value) === String(out))) {
		const allowed = field.options.map((o) => `${o.value} (${o.name})`).join(', ');
		throw new FieldError(path, `must be one of ${allowed}; got ${JSON.stringify(out)}`);
	}
	if (field.options?.length) {
		// Keep the wire type of the documented value ("1" vs 1).
		const match = field.options.find((o) => String(o.value) === String(out))!;
		if (typeof match.value === typeof out) return out;
		return match.value;
	}
	if (typeof out === 'number') {
		if (field.min !== undefined && out < field.min) throw new FieldError(path, `must be at least ${field.min}`);
		if (field.max !== undefined && out > field.max) throw new FieldError(path, `must be at most ${field.max}`);
	}
	return out;
}

function asList(path: string, v: unknown): unknown[] {
	if (Array.isArray(v)) return v;
	if (typeof v === 'string') {
		const t = v.trim();
		if (t === '') return [];
		if (t.startsWith('[')) {
			const parsed = parseJsonText(path, t);
			if (!Array.isArray(parsed)) throw new FieldError(path, 'must be a list');
			return parsed;
		}
		// One value (the usual "1001"): no split, map and filter per item.
		if (!t.includes(',')) return [t];
		return t
			.split(',')
			.map((s) => s.trim())
			.filter((s) => s !== '');
	}
	if (typeof v === 'number' || typeof v === 'boolean') return [v];
	throw new FieldError(path, 'must be a list');
}

function asObject(path: string, v: unknown): Record<string, unknown> {
	const parsed = typeof v === 'string' ? (v.trim() === '' ? {} : parseJsonText(path, v)) : v;
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new FieldError(path, 'must be an object');
	return parsed as Record<string, unknown>;
}

/** Converts a node parameter value (UI value or expression result) to the field's wire value. */
export function coerce(field: FieldSpec, v: unknown, path: string, secrets: string[]): WireValue | undefined {
	if (field.children?.length) {
		if (field.list) {
			// fixedCollection value { items: [...] }, or an array/JSON text from an expression.
			let rows: unknown[];
			if (v && typeof v === 'object' && !Array.isArray(v) && 'items' in (v as object)) rows = (v as { items: unknown[] }).items ?? [];
			else rows = asList(path, v);
			return rows.map((row, i) => buildObject(field.children!, asObject(`${path}[${i}]`, row), `${path}[${i}]`, secrets));
		}
		return buildObject(field.children, asObject(path, v), path, secrets);
	}
	if (field.list) return asList(path, v).map((x, i) => scalar(`${path}[${i}]`, field, x));
	const out = scalar(path, field, v);
	if (field.secret && out === MASKED)
		throw new FieldError(path, `is the mask "${MASKED}" of a password read with a Get operation, not the password; set the password, or turn on "Reveal Passwords" in the Get operation`);
	if (field.secret && typeof out === 'string') secrets.push(out);
	return out;
}

/** Builds an object from member values; unknown members (undocumented firmware fields) pass through. */
function buildObject(children: FieldSpec[], values: Record<string, unknown>, path: string, secrets: string[]): WireObject {
	const out: WireObject = {};
	for (const child of children) {
		const childPath = `${path}.${child.name}`;
		const v = values[child.name];
		if (isEmpty(v)) {
			if (child.required) throw new FieldError(childPath, 'is required');
			continue;
		}
		const w = coerce(child, v, childPath, secrets);
		if (w !== undefined) out[child.name] = w;
	}
	for (const [k, v] of Object.entries(values)) if (!(k in out) && !children.some((c) => c.name === k)) out[k] = v as WireValue;
	return out;
}

/** Reads an operation's parameters for one item and returns the validated wire request. */
function hasExpression(v: unknown): boolean {
	if (typeof v === 'string') return v.startsWith('=');
	if (Array.isArray(v)) return v.some(hasExpression);
	if (v && typeof v === 'object') return Object.values(v).some(hasExpression);
	return false;
}

/**
 * Reads node parameters per item, resolving a parameter only once per execution when it holds no expression
 * (its value is then the same for every item). n8n's getNodeParameter is the largest per-item cost otherwise.
 */
export class ParameterReader {
	private readonly fixed = new Map<string, unknown>();
	/** Names whose raw value holds an expression: resolved per item. */
	private readonly perItem = new Set<string>();
	private readonly raw: Record<string, unknown>;

	constructor(private readonly ctx: IExecuteFunctions) {
		this.raw = ctx.getNode().parameters as Record<string, unknown>;
	}

	/** True while every parameter read so far holds no expression: what was built from them is the same for every item. */
	get allFixed(): boolean {
		return this.perItem.size === 0;
	}

	get<T>(name: string, itemIndex: number, fallback: T): T {
		if (this.fixed.has(name)) return this.fixed.get(name) as T;
		if (this.perItem.has(name) || hasExpression(this.raw[name])) {
			this.perItem.add(name);
			return this.ctx.getNodeParameter(name, itemIndex, fallback) as T;
		}
		const value = this.ctx.getNodeParameter(name, itemIndex, fallback);
		this.fixed.set(name, value);
		return value as T;
	}
}

export function buildRequest(
	ctx: IExecuteFunctions,
	endpoint: EndpointSpec,
	itemIndex: number,
	params = new ParameterReader(ctx),
	options = params.get<IDataObject>('options', itemIndex, {}),
): BuiltRequest {
	const secrets: string[] = [];
	const body: WireObject = {};
	const query: Record<string, string> = {};
	const put = (field: FieldSpec, value: WireValue) => {
		if (field.in === 'query') query[field.name] = typeof value === 'string' ? value : JSON.stringify(value);
		else body[field.name] = value;
	};
	const additional = params.get<IDataObject>('additionalFields', itemIndex, {});
	for (const field of endpoint.fields) {
		if (field.internal) continue;
		const raw = locatorValue(field.required || field.upFront ? params.get<unknown>(paramName(field), itemIndex, undefined) : additional[field.name]);
		if (isEmpty(raw) || (field.required && field.children && isEmptyContainer(raw))) {
			if (field.required) throw new FieldError(field.name, 'is required');
			continue;
		}
		const value = coerce(field, raw, field.name, secrets);
		if (value !== undefined) put(field, value);
	}
	const extra = options.extraFields;
	if (extra !== undefined && extra !== '' && extra !== '{}') {
		const parsed = asObject('Extra Fields (JSON)', extra);
		for (const [k, v] of Object.entries(parsed)) body[k] = v as WireValue;
	}
	return { body, query, secrets };
}

function isEmptyContainer(v: unknown): boolean {
	return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}
