import { NodeConnectionTypes } from 'n8n-workflow';
import type { ILoadOptionsFunctions, INodeListSearchResult, INodeTypeDescription } from 'n8n-workflow';
import { describeEndpoints, optionSubtitle, type Labels } from './describe';
import type { ActionFamily } from './execute';
import { listSearchMethods } from './pickers';
import { actionNodeEndpoints, pickerFor, type ActionNodeSpec, type EndpointSpec, type PickerSpec } from './spec';

/** What each node class states itself, so n8n's community lint can read it: icon, subtitle, tool use, credentials. */
export type StatedInNodeClass = 'icon' | 'subtitle' | 'usableAsTool' | 'credentials';

/** What an action node class takes from its ActionNodeSpec. */
export interface ActionNodeParts<C> {
	endpoints: EndpointSpec[];
	/** The family with only this node's endpoints: an operation of a sibling node is unknown here. */
	family: ActionFamily<C>;
	subtitle: string;
	/** The node's description but for what the class states itself (a fresh copy per node instance). */
	description(): Omit<INodeTypeDescription, StatedInNodeClass>;
	/** The list searches this node's fields offer (each reads the family's table, wherever its list operation is). */
	listSearch: Record<string, (this: ILoadOptionsFunctions, filter?: string) => Promise<INodeListSearchResult>>;
}

export function actionNodeParts<C>(family: ActionFamily<C>, node: ActionNodeSpec, opts: { labels: Labels; pickers: PickerSpec[] }): ActionNodeParts<C> {
	const endpoints = actionNodeEndpoints(family.endpoints, node);
	const visible = endpoints.filter((e) => !e.hidden);
	if (!visible.length) throw new Error(`action node ${node.name}: no operations`);
	const offered = opts.pickers.filter((p) => visible.some((e) => e.fields.some((f) => pickerFor(opts.pickers, e, f) === p)));
	return {
		endpoints,
		family: { ...family, endpoints },
		subtitle: optionSubtitle('operation', visible.map((e) => ({ value: e.id, name: e.action }))),
		description: () => ({
			displayName: node.displayName,
			name: node.name,
			group: ['transform'],
			version: 1,
			description: node.description,
			defaults: { name: node.displayName },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: describeEndpoints(endpoints, opts),
		}),
		listSearch: listSearchMethods(family, offered),
	};
}
