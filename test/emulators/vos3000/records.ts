/**
 * VOS3000 emulator: what the resource groups do alike with their records: select them by a list of keys, delete them,
 * and answer -10007 (NOT_FOUND) when a query or delete named records that do not exist.
 */
import { notFound } from './fields';
import type { Rec } from './state';

type Key = string | number;

/**
 * Is `value` in the query's list? No list: every record is. An empty list: every record too when `emptyIsAll` (the
 * manual's "not set: all are returned"), none otherwise.
 */
export const listed = (keys: Key[] | undefined, value: unknown, emptyIsAll = true): boolean => !keys || (emptyIsAll && !keys.length) || keys.includes(value as Key);

/** The records whose `field` is listed (see listed); -10007 when the list named records and none matched. */
export function selectListed(records: Map<Key, Rec>, field: string, keys: Key[] | undefined, emptyIsAll = true): Rec[] {
	const list = [...records.values()].filter((r) => listed(keys, r[field], emptyIsAll));
	if (keys?.length && !list.length) throw notFound();
	return list;
}

/**
 * Get* with two alternative lists (GetPhone: e164s or accounts, GetActivePhoneCard: pins or accounts): the records
 * in either; -10007 only when just the first list was sent and nothing matched.
 */
export function selectEither(records: Map<Key, Rec>, [field, keys]: [string, string[] | undefined], [otherField, otherKeys]: [string, string[] | undefined]): Rec[] {
	const list = [...records.values()].filter((r) => (keys?.includes(r[field]) ?? false) || (otherKeys?.includes(r[otherField]) ?? false));
	if (!list.length && keys?.length && !otherKeys) throw notFound();
	return list;
}

/** A Delete interface's answer: retCode 0 alone. */
const DELETED: Rec = {};

/** Delete one record (and the rows keyed alike in `linked`), or -10007. */
export function removeOrNotFound<K>(map: Map<K, unknown>, key: K, ...linked: Array<Map<K, unknown>>): Rec {
	if (!map.delete(key)) throw notFound();
	for (const m of linked) m.delete(key);
	return DELETED;
}

/** Delete each listed record; -10007 when none of them existed. */
export function removeEach<K>(map: Map<K, unknown> | undefined, keys: K[] | undefined): Rec {
	let n = 0;
	for (const k of keys ?? []) if (map?.delete(k)) n++;
	if (!n) throw notFound();
	return DELETED;
}
