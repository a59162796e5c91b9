/**
 * UCM endpoint table: Outbound Route.
 * Sources: grandstream-ucm6xxx-https-api.txt and fiberme-fcm630a-https-api.txt (the manuals win over the extractions).
 * Wire names are the manuals'; fields documented by only one brand are still offered (the PBX ignores what it does not know).
 */
import type { EndpointSpec, FieldSpec } from '../../shared/spec';
import { omitFields, patchFields } from '../../shared/spec';
import { pageField, itemNumField, sordField, sidxField } from './common';

/** Outbound Route settings, shared by Create and Update. */
const outboundRouteFields: FieldSpec[] = [
	{
		name: 'outbound_rt_index',
		type: 'string',
		required: true,
		description: 'The id of the outgoing route, which configuration of the outgoing route is updated',
		note: 'Table names outbound_rt_index as the mandatory id, but the updateOutboundRoute example sends "outbound_route": "2" instead (as get/delete do).',
	},
	{
		name: 'outbound_rt_name',
		type: 'string',
		description: 'Outgoing route name. Values: 2-24 alphanumeric characters, hyphens (-), or underscores (_).',
	},
	{
		name: 'permission',
		type: 'string',
		description: 'Outbound permission. internal: internal internal-local: local internal-local-national: nationwide internal-local-national-international: international.',
		options: [
			{ value: 'none', name: 'none' },
			{ value: 'Internal', name: 'Internal' },
			{ value: 'local', name: 'local' },
			{ value: 'national', name: 'national' },
			{ value: 'international', name: 'international' },
		],
	},
	{
		name: 'default_trunk_index',
		type: 'string',
		description: 'Trunk ID of the outbound route.',
		note: 'Mandatory column "no" but value column "required".',
	},
	{
		name: 'pattern',
		type: 'object',
		list: true,
		description: 'Dial pattern starting with one "_"; comments allowed ("_pattern /* comment */"). X: any digit 0-9; Z: 1-9; N: 2-9; [12345-9]: any digit in the brackets; ".": one or more characters; "!": zero or more characters; "-" is ignored; [x], [n], [z]: the letters x, n, z. One item per pattern, e.g. _2xxx and _12xx.',
		note: 'Required: mandatory column "no" but value column "required".',
		children: [
			{
				name: 'match',
				type: 'string',
				description: 'Pattern, e.g. "_2xxx" or "_12xx".',
			},
		],
	},
	{
		name: 'out_of_service',
		type: 'string',
		description: 'Whether to disable the outgoing route.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'password',
		type: 'string',
		description: 'Outbound password Values: 4-10 digits. If not configured, no password will be used for the outbound route.',
		secret: true,
	},
	{
		name: 'strip',
		type: 'integer',
		description: 'Digits stripped from the start of the dialled number before the call goes out on the trunk (e.g. 1 to drop a leading 9). Values: 0-32.',
	},
	{
		name: 'prepend',
		type: 'string',
		description: 'Prepend The digits that will be prepended after the dialing number is stripped. Values: 0-20 alphanumeric characters or special characters +_#*.',
	},
	{
		name: 'enable_wlist',
		type: 'string',
		description: 'Enable Filter on Source Caller ID Set yes to enable filter on Source Caller ID. If enabled, Caller ID must in the selected list or match Custom Dynamic Route to make outbound calls.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'members',
		type: 'string',
		description: 'Available Extensions/Extension Groups after enabling filter on source caller ID. If is extension group, use the id of the group. Multiple should be separated by commas:6000,6001,group-1.',
	},
	{
		name: 'outbound_route',
		type: 'string',
		description: 'Example: "2".',
		note: 'Not described in the doc table; appears in the doc example request.',
	},
];

export const outboundRouteEndpoints: EndpointSpec[] = [
	{
		id: 'listOutboundRoute',
		resource: 'Outbound Route',
		operation: 'Get Many',
		action: 'List outbound routes',
		description: 'Lists the outbound routes with their name, pattern, permission and state.',
		section: 'Outbound Route > listOutboundRoute',
		wireAction: 'listOutboundRoute',
		method: 'POST',
		effect: 'read',
		records: 'outbound_route',
		fields: [
			pageField,
			itemNumField,
			sordField,
			sidxField,
			{
				name: 'options',
				type: 'string',
				description: 'Information to return, comma-separated; empty: all. Any of: outbound_rt_name, outbound_rt_index, permission, sequence, pattern, out_of_service.',
			},
		],
	},
	{
		id: 'addOutboundRoute',
		resource: 'Outbound Route',
		operation: 'Create',
		action: 'Create an outbound route',
		description: 'Creates an outbound route: dial pattern, permission and the trunk(s) calls go out on. Takes effect after System > Apply Changes.',
		section: 'Outbound Route > addOutboundRoute',
		wireAction: 'addOutboundRoute',
		method: 'POST',
		effect: 'create',
		notes: 'Table marks outbound_rt_index mandatory; the example does not send it.',
		fields: patchFields(omitFields(outboundRouteFields, ['members', 'outbound_route']), {
			outbound_rt_name: { required: true },
			default_trunk_index: { required: true },
			pattern: { children: [
					{
						name: 'match',
						type: 'string',
						description: 'Example: "_1xxx".',
						note: 'Not described in the doc table; appears in the doc example request.',
					},
					{
						name: 'allow',
						type: 'string',
						description: 'Appears in the pattern note\'s example item (value null); not otherwise described.',
					},
					{
						name: 'outbound_rt_index',
						type: 'integer',
						description: 'Appears in the pattern note\'s example item (value 2); not otherwise described.',
					},
					{
						name: 'strip_prefix',
						type: 'string',
						description: 'Appears in the pattern note\'s example item (value null); not otherwise described.',
					},
				] },
		}),
	},
	{
		id: 'getOutboundRoute',
		resource: 'Outbound Route',
		operation: 'Get',
		action: 'Get an outbound route\'s settings',
		description: 'Returns one outbound route with its patterns and failover trunks. Name fields in the request to get only those back.',
		section: 'Outbound Route > getOutboundRoute',
		wireAction: 'getOutboundRoute',
		method: 'POST',
		effect: 'read',
		secretOutputs: ['password'],
		records: 'outbound_route',
		notes: 'The example request sends field names with empty values to select what comes back; the failover trunks come back beside it in failover_outbound_data.',
		fields: [
			{
				name: 'outbound_route',
				type: 'string',
				required: true,
				description: 'Outbound route id, which configuration of the outgoing route is obtained.',
			},
			{
				name: 'custom_member',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
			{
				name: 'default_trunk_index',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
			{
				name: 'enable_wlist',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
			{
				name: 'failover_outbound_data',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
			{
				name: 'limitime',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
			{
				name: 'members',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
			{
				name: 'out_of_service',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
			{
				name: 'outbound_rt_index',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
			{
				name: 'outbound_rt_name',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
			{
				name: 'password',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
				secret: true,
			},
			{
				name: 'pattern',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
			{
				name: 'permission',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
			{
				name: 'pin_sets_id',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
			{
				name: 'prepend',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
			{
				name: 'strip',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
			{
				name: 'time_mode',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
		],
	},
	{
		id: 'updateOutboundRoute',
		resource: 'Outbound Route',
		operation: 'Update',
		action: 'Update an outbound route',
		description: 'Changes an outbound route; fields left out stay unchanged. Takes effect after System > Apply Changes.',
		section: 'Outbound Route > updateOutboundRoute',
		wireAction: 'updateOutboundRoute',
		method: 'POST',
		effect: 'modify',
		notes: 'Table identifies the route by outbound_rt_index, the example sends outbound_route.',
		fields: outboundRouteFields,
	},
	{
		id: 'deleteOutboundRoute',
		resource: 'Outbound Route',
		operation: 'Delete',
		action: 'Delete an outbound route',
		description: 'Deletes an outbound route by its index. Takes effect after System > Apply Changes.',
		section: 'Outbound Route > deleteOutboundRoute',
		wireAction: 'deleteOutboundRoute',
		method: 'POST',
		effect: 'delete',
		fields: [
			{
				name: 'outbound_route',
				type: 'string',
				required: true,
				description: 'The id of the outbound route, which configuration of the outbound route is obtained.',
			},
		],
	},
];
