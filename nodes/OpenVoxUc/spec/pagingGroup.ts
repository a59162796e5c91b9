/**
 * OpenVox UC endpoint table: Paging Group.
 * Source: openvox-uc-http-api-zh.txt (the manual wins over the extraction). Wire names are the manual's.
 */
import { patchFields, type EndpointSpec, type FieldSpec } from '../../shared/spec';

/** Paging group settings, shared by Create and Update (name and member are optional on Update). */
const pagingGroupFields: FieldSpec[] = [
	{ name: 'number', type: 'string', required: true, description: 'Paging group number.' },
	{ name: 'name', type: 'string', required: true, description: 'Paging group name.' },
	{
		name: 'type',
		type: 'string',
		required: true,
		description: 'Paging group type.',
		options: [
			{ value: 'paging', name: 'Paging (one-way: members only hear the caller)' },
			{ value: 'intercom', name: 'Intercom (two-way: all members talk)' },
		],
	},
	{
		name: 'member',
		type: 'string',
		required: true,
		description: 'Group members: extensions, comma-separated (e.g. "member":"1000,1001,1002").',
	},
];

export const pagingGroupEndpoints: EndpointSpec[] = [
	{
		id: 'listPagingGroups',
		resource: 'Paging Group',
		operation: 'Get Many',
		action: 'List paging groups',
		description: 'Lists all paging and intercom groups.',
		section: '广播组 (Paging group) > 查询广播组列表 (Query paging group list)',
		path: 'paginggroup/lists',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'read',
		records: 'paginggrouplist',
		notes: 'The request address is paginggroup/lists; the example posts to paginggrouplist/lists.',
		fields: [],
	},
	{
		id: 'queryPagingGroup',
		resource: 'Paging Group',
		operation: 'Get',
		action: 'Get paging groups',
		description: 'Returns one, several or all ("all") paging groups with their members.',
		section: '广播组 (Paging group) > 查询广播组详情 (Query paging group details)',
		path: 'paginggroup/query',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'read',
		records: 'paginggroup',
		fields: [
			{
				name: 'number',
				type: 'string',
				required: true,
				description: 'Paging group number(s): single ("number":"8891"); multiple comma-separated ("number":"8891,8892"); "all" for all groups.',
			},
		],
	},
	{
		id: 'addPagingGroup',
		resource: 'Paging Group',
		operation: 'Create',
		action: 'Create a paging group',
		description: 'Adds a one-way paging or two-way intercom group of extensions.',
		section: '广播组 (Paging group) > 添加广播组 (Add paging group)',
		path: 'paginggroup/add',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'create',
		notes: 'The body field "type" (paging/intercom) is unrelated to the ?type=json URL parameter.',
		fields: pagingGroupFields,
	},
	{
		id: 'updatePagingGroup',
		resource: 'Paging Group',
		operation: 'Update',
		action: 'Update a paging group',
		description: 'Changes a paging group\'s name, type or members.',
		section: '广播组 (Paging group) > 编辑广播组 (Edit paging group)',
		path: 'paginggroup/update',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'modify',
		notes: 'The body field "type" (paging/intercom) is unrelated to the ?type=json URL parameter.',
		fields: patchFields(pagingGroupFields, { name: { required: undefined }, member: { required: undefined } }),
	},
	{
		id: 'deletePagingGroup',
		resource: 'Paging Group',
		operation: 'Delete',
		action: 'Delete paging groups',
		description: 'Deletes one, several or all ("all") paging groups.',
		section: '广播组 (Paging group) > 删除广播组 (Delete paging group)',
		path: 'paginggroup/delete',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'delete',
		fields: [
			{
				name: 'number',
				type: 'string',
				required: true,
				description: 'Paging group number(s): single ("number":"8891"); multiple comma-separated ("number":"8891,8892"); "all" deletes all groups.',
			},
		],
	},
];
