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

/**
 * Endpoint table -> the node's properties: resource, operation per resource, required fields, then an
 * "Additional Fields" collection of the optional ones and an "Options" collection (extra JSON, raw output).
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
	for (const e of visible) {
		const show = { resource: [resourceValue(e.resource)], operation: [e.id] };
		for (const f of e.fields.filter((x) => x.required && !x.internal)) {
			props.push({ ...fieldProperty(f, true), displayOptions: { show } });
		}
		const optional = e.fields.filter((x) => !x.required && !x.internal);
		if (optional.length) {
			props.push({
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: { show },
				options: optional.map((f) => fieldProperty(f, false)),
			});
		}
	}
	props.push(...idempotencyKeyProperties(visible));
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
	const withPasswords = visible.filter((e) => e.secretOutputs?.length).map((e) => e.id);
	if (withPasswords.length) {
		optionList.push({
			displayName: 'Reveal Passwords',
			name: 'revealPasswords',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/operation': withPasswords } },
			description:
				'Whether to output the passwords in this answer (SIP, voicemail, trunk passwords, PINs) in clear text instead of "********". Warning: they are then stored in the execution data, shown to everyone who can open this workflow\'s executions, and passed to AI agents using this node as a tool.',
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

/** The "Idempotency Key" parameter of the money operations whose table entry says where the key is checked. */
export function idempotencyKeyProperties(endpoints: EndpointSpec[]): INodeProperties[] {
	const keyed = endpoints.filter((e) => e.idempotency);
	if (!keyed.length) return [];
	return [
		{
			displayName: 'Idempotency Key',
			name: 'idempotencyKey',
			type: 'string',
			default: '',
			placeholder: '={{ $json.paymentId }}',
			displayOptions: { show: { operation: keyed.map((e) => e.id) } },
			description:
				'Recommended. A unique ID of this payment from the system that asked for it (e.g. the Stripe or PayPal payment ID), up to 64 characters without [ or ]. The node checks the PBX before sending and returns the existing record, marked alreadyApplied, instead of charging again; after a lost answer it asks the PBX whether it applied.',
		},
	];
}
