import type { IDataObject } from 'n8n-workflow';
import { isoFromMillis, safeKey } from './normalize';
import type { FieldSpec } from './spec';

/**
 * A pushed report as a workflow wants it: sandbox-refused keys renamed, coded values with their meaning beside
 * them (`callStateMeaning`), epoch-millisecond times also as ISO strings (`eventTimeIso`). Undocumented keys pass
 * through (renamed if needed). The caller keeps the untouched payload beside it.
 */
export function normalizeReport(payload: IDataObject, fields: FieldSpec[]): IDataObject {
	const out: IDataObject = {};
	const byName = new Map(fields.map((f) => [f.name, f]));
	for (const [key, value] of Object.entries(payload)) {
		const field = byName.get(key);
		const name = safeKey(key);
		out[name] = normalizeValue(value, field);
		if (!field) continue;
		if (field.options?.length && value !== null && typeof value !== 'object') {
			const match = field.options.find((o) => String(o.value) === String(value));
			out[`${name}Meaning`] = match ? match.name : 'Not in the manual';
		}
		if (field.type === 'long' && /time$/i.test(field.name)) {
			const iso = isoFromMillis(value);
			if (iso) out[`${name}Iso`] = iso;
		}
	}
	return out;
}

function normalizeValue(value: unknown, field: FieldSpec | undefined): IDataObject[keyof IDataObject] {
	if (Array.isArray(value)) {
		return value.map((v) =>
			field?.children && v && typeof v === 'object' ? normalizeReport(v as IDataObject, field.children) : normalizeValue(v, undefined),
		) as IDataObject[];
	}
	if (value && typeof value === 'object') return normalizeReport(value as IDataObject, field?.children ?? []);
	return value as IDataObject[keyof IDataObject];
}
