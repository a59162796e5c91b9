/**
 * OpenVox UC endpoint table: Inbound Route.
 * Source: openvox-uc-http-api-zh.txt (the manual wins over the extraction). Wire names are the manual's.
 */
import type { EndpointSpec, FieldSpec } from '../../shared/spec';

/** Inbound route settings, shared by Add and Update. */
const inboundRouteFields: FieldSpec[] = [
	{ name: 'name', type: 'string', required: true, description: 'Inbound route name.' },
	{ name: 'did', type: 'string', description: 'DID matching pattern.' },
	{ name: 'caller_id', type: 'string', description: 'Caller ID matching pattern.' },
	{
		name: 'desttype',
		type: 'string',
		required: true,
		description: 'Destination type.',
		options: [
			{ value: 'hangup', name: 'Hang up' },
			{ value: 'extension', name: 'Extension' },
			{ value: 'voicemail', name: 'Voicemail' },
			{ value: 'ivr', name: 'IVR' },
			{ value: 'ringgroup', name: 'Ring group' },
			{ value: 'queue', name: 'Queue' },
			{ value: 'conference', name: 'Conference room' },
			{ value: 'disa', name: 'DISA' },
			{ value: 'callback', name: 'Callback' },
		],
	},
	{ name: 'dest', type: 'string', required: true, description: 'Specific destination.' },
];

export const inboundRouteEndpoints: EndpointSpec[] = [
	{
		id: 'queryInboundRoute',
		resource: 'Inbound Route',
		operation: 'Get',
		action: 'Get inbound routes',
		description: 'Returns one, several or all ("all") inbound routes with their DID/caller matching and destination.',
		section: '呼入路由 (Inbound route) > 查询呼入路由 (Query inbound route)',
		path: 'inroute/query',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'read',
		records: 'inroutes',
		fields: [
			{
				name: 'name',
				type: 'string',
				required: true,
				description: 'Inbound route name(s): single ("name":"route1"); multiple comma-separated ("name":"route1,route2"); all: "all".',
			},
		],
	},
	{
		id: 'addInboundRoute',
		resource: 'Inbound Route',
		operation: 'Create',
		action: 'Create an inbound route',
		description: 'Adds a rule that sends incoming calls matching a DID and/or caller ID to an extension, IVR, queue or other destination.',
		section: '呼入路由 (Inbound route) > 添加呼入路由 (Add inbound route)',
		path: 'inroute/add',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'create',
		fields: inboundRouteFields,
	},
	{
		id: 'updateInboundRoute',
		resource: 'Inbound Route',
		operation: 'Update',
		action: 'Update an inbound route',
		description: 'Changes an inbound route, identified by its name.',
		section: '呼入路由 (Inbound route) > (heading missing; presumably 编辑呼入路由 / Edit inbound route)',
		path: 'inroute/update',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'modify',
		notes: 'The manual has no heading for this section. There is no id: the route is found by name, so renaming is not documented.',
		fields: inboundRouteFields,
	},
	{
		id: 'deleteInboundRoute',
		resource: 'Inbound Route',
		operation: 'Delete',
		action: 'Delete inbound routes',
		description: 'Deletes one, several or all ("all") inbound routes.',
		section: '呼入路由 (Inbound route) > 删除呼入路由 (Delete inbound route)',
		path: 'inroute/delete',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'delete',
		fields: [
			{
				name: 'name',
				type: 'string',
				required: true,
				description: 'Inbound route name(s): single ("name":"route1"); multiple comma-separated ("name":"route1,route2"); all: "all".',
			},
		],
	},
];
