import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { EndpointSpec, FieldSpec } from './spec';

/** Parameter names the node itself uses; a wire field with one of these names gets a prefix. */
const RESERVED = new Set(['resource', 'operation', 'additionalFields', 'options']);

/** The n8n parameter name of a top-level required field. */
export function paramName(field: FieldSpec): string {
	return RESERVED.has(field.name) ? `field_${field.name}` : field.name;
}

/** "limitMoney" -> "Limit Money", "e164" -> "E164", "caller_id" -> "Caller ID". */
export function humanize(name: string): string {
	const words = name
		.replace(/[_-]+/g, ' ')
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.split(' ')
		.filter(Boolean);
	return words
		.map((w) => (/^(id|ip|ivr|cdr|sip|did|dtmf|url|sn|vm)$/i.test(w) ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1)))
		.join(' ');
}

export function resourceValue(resource: string): string {
	const words = resource.replace(/[^A-Za-z0-9 ]+/g, ' ').trim().split(/\s+/);
	return words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
}

function describeText(field: FieldSpec): string | undefined {
	const parts: string[] = [];
	if (field.description) parts.push(field.description);
	if (field.list && !field.children) parts.push('A list: comma-separated, or an array from an expression.');
	return parts.length ? parts.join(' ') : undefined;
}

/** One field -> one n8n property. Objects become collections so that unset members are not sent. */
export function fieldProperty(field: FieldSpec, required: boolean): INodeProperties {
	const base = {
		displayName: field.displayName ?? humanize(field.name),
		name: required ? paramName(field) : field.name,
		description: describeText(field),
		required: required || undefined,
	};
	if (field.children?.length) {
		const childProps = field.children.map((c) => fieldProperty(c, false));
		if (field.list) {
			return {
				...base,
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: `Add ${base.displayName}`,
				default: {},
				options: [{ displayName: base.displayName, name: 'items', values: childProps }],
			};
		}
		return { ...base, type: 'collection', placeholder: 'Add Field', default: {}, options: childProps };
	}
	if (field.options?.length && !field.list) {
		return {
			...base,
			type: 'options',
			options: field.options.map((o) => ({ name: o.name, value: o.value })),
			default: field.default ?? field.options[0].value,
		};
	}
	if (field.list) return { ...base, type: 'string', default: '' };
	switch (field.type) {
		case 'boolean':
			return { ...base, type: 'boolean', default: field.default ?? false };
		case 'integer':
		case 'long':
		case 'number':
			return {
				...base,
				type: 'number',
				default: field.default ?? (required ? null : 0),
				typeOptions: field.type === 'number' ? { numberPrecision: 4 } : undefined,
			};
		case 'json':
			return { ...base, type: 'json', default: '{}' };
		case 'text':
			return { ...base, type: 'string', typeOptions: { rows: 3 }, default: field.default ?? '' };
		default:
			return {
				...base,
				type: 'string',
				typeOptions: field.secret ? { password: true } : undefined,
				default: field.default ?? '',
			};
	}
}

function resourcesInOrder(endpoints: EndpointSpec[]): string[] {
	const seen: string[] = [];
	for (const e of endpoints) if (!e.hidden && !seen.includes(e.resource)) seen.push(e.resource);
	return seen;
}

type Show = Record<string, Array<string | number | boolean>>;

/** Property identity for merging: everything but where it is shown. */
const propertyKey = (p: INodeProperties) => JSON.stringify({ ...p, description: undefined });

/**
 * Endpoint table -> the node's properties: resource, operation per resource, required fields, then an
 * "Additional Fields" collection of the optional ones and an "Options" collection (extra JSON, raw output).
 *
 * One property per distinct field, shown for every operation that has it: n8n sends the whole description to
 * the editor and walks every property on each execution, so a property per (operation, field) pair made the
 * largest node ~290 KB and cost ~2 ms per execution. Fields merge where all but the description agree (the first
 * description wins). Optional fields share one "Additional Fields" collection; each option is shown for its own
 * operations ('/operation' reads the root parameter), and a wire name whose type or options differ between
 * operations is one option per variant under the same name (n8n shows the one whose displayOptions match).
 */
export function describeEndpoints(endpoints: EndpointSpec[], opts: { rawResponseOption?: boolean } = {}): INodeProperties[] {
	const visible = endpoints.filter((e) => !e.hidden);
	const resources = resourcesInOrder(visible);
	const props: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map((r) => ({ name: r, value: resourceValue(r) })),
			default: resourceValue(resources[0]),
		},
	];
	for (const resource of resources) {
		const ops = visible.filter((e) => e.resource === resource);
		const options: INodePropertyOptions[] = ops
			.map((e) => ({ name: e.operation, value: e.id, action: e.action, description: e.description }))
			.sort((a, b) => a.name.localeCompare(b.name));
		props.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resourceValue(resource)] } },
			options,
			default: ops[0].id,
		});
	}

	const required = new Map<string, { property: INodeProperties; show: Show }>();
	// Optional fields of one resource: one option per distinct variant of a wire name, with its operations.
	const collections = new Map<string, { operations: string[]; options: Map<string, { property: INodeProperties; operations: string[] }> }>();
	for (const e of visible) {
		const resource = resourceValue(e.resource);
		for (const f of e.fields.filter((x) => x.required && !x.internal)) {
			const property = fieldProperty(f, true);
			const key = propertyKey(property);
			const seen = required.get(key);
			if (!seen) required.set(key, { property, show: { resource: [resource], operation: [e.id] } });
			else {
				if (!seen.show.resource.includes(resource)) seen.show.resource.push(resource);
				seen.show.operation.push(e.id);
			}
		}
		const fields = e.fields.filter((x) => !x.required && !x.internal);
		if (!fields.length) continue;
		let collection = collections.get(resource);
		if (!collection) collections.set(resource, (collection = { operations: [], options: new Map() }));
		collection.operations.push(e.id);
		for (const f of fields) {
			const property = fieldProperty(f, false);
			const key = propertyKey(property);
			const seen = collection.options.get(key);
			if (seen) seen.operations.push(e.id);
			else collection.options.set(key, { property, operations: [e.id] });
		}
	}
	for (const { property, show } of required.values()) props.push({ ...property, displayOptions: { show } });
	for (const [resource, collection] of collections) {
		const options = [...collection.options.values()]
			.map(({ property, operations }) =>
				operations.length === collection.operations.length ? property : { ...property, displayOptions: { show: { '/operation': operations } } },
			)
			.sort((a, b) => a.displayName.localeCompare(b.displayName));
		props.push({
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: { resource: [resource], operation: collection.operations } },
			options,
		});
	}
	const optionList: INodeProperties[] = [
		{
			displayName: 'Extra Fields (JSON)',
			name: 'extraFields',
			type: 'json',
			default: '{}',
			description:
				'Fields the manual does not list (newer firmware), merged into the request as they are. Documented fields set above win only when not repeated here.',
		},
	];
	if (opts.rawResponseOption !== false) {
		optionList.push({
			displayName: 'Raw Response',
			name: 'rawResponse',
			type: 'boolean',
			default: false,
			description: 'Whether to output the PBX answer as one item, as received, instead of one item per record',
		});
	}
	props.push({
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: optionList,
	});
	return props;
}
