import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { toNodeError } from './errors';
import { outputItems, type ActionFamily } from './execute';
import type { PickerSpec } from './spec';

/** The node's `methods.listSearch`: one `<id>Search` per picker, each a read of the family's own table. */
export function listSearchMethods<C>(
	family: ActionFamily<C>,
	pickers: PickerSpec[],
): Record<string, (this: ILoadOptionsFunctions, filter?: string) => Promise<INodeListSearchResult>> {
	const methods: Record<string, (this: ILoadOptionsFunctions, filter?: string) => Promise<INodeListSearchResult>> = {};
	for (const picker of pickers) {
		const endpoint = family.endpoints.find((e) => e.id === picker.endpoint);
		if (!endpoint) throw new Error(`picker ${picker.id}: no endpoint ${picker.endpoint}`);
		methods[`${picker.id}Search`] = async function (this: ILoadOptionsFunctions, filter?: string) {
			let conn: C | undefined;
			try {
				conn = await family.connect(this);
				const outcome = await family.call(conn, endpoint, { body: { ...(picker.body ?? {}) }, query: {}, secrets: [] });
				const needle = (filter ?? '').trim().toLowerCase();
				const results = outputItems(family as ActionFamily<unknown>, endpoint, outcome, false)
					.map(({ json }) => listEntry(picker, json))
					.filter((r): r is { name: string; value: string } => r !== undefined)
					.filter((r) => !needle || r.name.toLowerCase().includes(needle));
				return { results };
			} catch (error) {
				throw toNodeError(this.getNode(), error, 0, {
					operation: `listing ${picker.displayName.toLowerCase()}s (${endpoint.action})`,
					secrets: conn === undefined ? [] : family.secrets(conn),
				});
			}
		};
	}
	return methods;
}

function listEntry(picker: PickerSpec, record: IDataObject): { name: string; value: string } | undefined {
	const value = record[picker.value];
	if (value === undefined || value === null || value === '') return undefined;
	const label = (picker.label ?? [])
		.map((k) => record[k])
		.filter((v) => v !== undefined && v !== null && v !== '' && v !== value)
		.map(String)
		.join(', ');
	return { name: label ? `${String(value)} (${label})` : String(value), value: String(value) };
}
