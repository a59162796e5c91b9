/**
 * OpenVox UC endpoint table: Outbound Route.
 * Source: openvox-uc-http-api-zh.txt (the manual wins over the extraction). Wire names are the manual's.
 */
import type { EndpointSpec, FieldSpec } from '../../shared/spec';

/** Outbound route settings, shared by Add and Update. */
const outboundRouteFields: FieldSpec[] = [
	{ name: 'name', type: 'string', required: true, description: 'Outbound route name.' },
	{
		name: 'prefix',
		type: 'string',
		description: 'Prefix to strip on a successful match: the dialed number is compared with this and the following columns; after a match, this prefix is removed from the dialed number before it is sent to the trunk.',
	},
	{
		name: 'matchpattern',
		type: 'string',
		required: true,
		description: 'The dialed number is compared against prefix + this match pattern; once matched, the match-pattern part of the dialed number is sent to the trunk.',
	},
	{
		name: 'prepend',
		type: 'string',
		description: 'Digits to prepend on a successful match: if the dialed number matches the pattern specified by the following columns, these digits are prepended before sending to the trunk.',
	},
	{
		name: 'callerid',
		type: 'string',
		description: 'If a caller ID is given, the dialed number only matches prefix + match pattern when the caller ID sent matches this. When an extension dials out, the caller ID is its extension number rather than its outbound CID; the special matching sequences above can be used to match caller numbers like other number matches.',
	},
	{
		name: 'trunks',
		type: 'string',
		required: true,
		description: 'Trunk name(s); multiple trunks comma-separated, e.g. "trunks":"trunk1,trunk2".',
	},
];

export const outboundRouteEndpoints: EndpointSpec[] = [
	{
		id: 'queryOutboundRoute',
		resource: 'Outbound Route',
		operation: 'Get',
		action: 'Get outbound routes',
		description: 'Returns one, several or all ("all") outbound routes with their dial patterns and trunks.',
		section: '呼出路由 (Outbound route) > 查询呼出路由 (Query outbound route)',
		path: 'outroute/query',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'read',
		records: 'outroutes',
		fields: [
			{
				name: 'name',
				type: 'string',
				required: true,
				description: 'Outbound route name(s): single ("name":"route1"); multiple comma-separated ("name":"route1,route2"); all: "all".',
			},
		],
	},
	{
		id: 'addOutboundRoute',
		resource: 'Outbound Route',
		operation: 'Create',
		action: 'Create an outbound route',
		description: 'Adds a rule that sends dialled numbers matching a pattern out through the chosen trunks.',
		section: '呼出路由 (Outbound route) > 添加呼出路由 (Add outbound route)',
		path: 'outroute/add',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'create',
		fields: outboundRouteFields,
	},
	{
		id: 'updateOutboundRoute',
		resource: 'Outbound Route',
		operation: 'Update',
		action: 'Update an outbound route',
		description: 'Changes an outbound route, identified by its id from "Get".',
		section: '呼出路由 (Outbound route) > 编辑呼出路由 (Edit outbound route)',
		path: 'outroute/update',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'modify',
		fields: [
			{ name: 'id', type: 'integer', required: true, description: 'Outbound route id, as returned by "Get".' },
			...outboundRouteFields,
		],
	},
	{
		id: 'deleteOutboundRoute',
		resource: 'Outbound Route',
		operation: 'Delete',
		action: 'Delete outbound routes',
		description: 'Deletes one, several or all ("all") outbound routes.',
		section: '呼出路由 (Outbound route) > 删除呼出路由 (Delete outbound route)',
		path: 'outroute/delete',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'delete',
		fields: [
			{
				name: 'name',
				type: 'string',
				required: true,
				description: 'Outbound route name(s): single ("name":"route1"); multiple comma-separated ("name":"route1,route2"); all: "all".',
			},
		],
	},
];
