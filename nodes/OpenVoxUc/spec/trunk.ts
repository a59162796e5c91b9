/**
 * OpenVox UC endpoint table: Trunk, SIP Trunk.
 * Source: openvox-uc-http-api-zh.txt (the manual wins over the extraction). Wire names are the manual's.
 */
import type { EndpointSpec, FieldSpec } from '../../shared/spec';

/** SIP trunk settings, shared by Add and Update. */
const sipTrunkFields: FieldSpec[] = [
	{ name: 'trunkname', type: 'string', required: true, description: 'Trunk name.' },
	{
		name: 'trunktype',
		type: 'string',
		required: true,
		description: 'Trunk type.',
		options: [
			{ value: 'register', name: 'Register trunk' },
			{ value: 'peer', name: 'Peer (point-to-point) trunk' },
			{ value: 'account', name: 'Account trunk' },
		],
	},
	{
		name: 'host',
		type: 'string',
		description: 'Domain or IP address of the SIP provider. Required for register and peer trunks.',
	},
	{ name: 'port', type: 'string', description: 'SIP port of the trunk. Required for register and peer trunks.' },
	{
		name: 'username',
		type: 'string',
		description: 'Register trunk: SIP account from the provider; account trunk: its user name. Required for register and account trunks.',
	},
	{
		name: 'authname',
		type: 'string',
		description: 'Register trunk: SIP account from the provider (authentication name); account trunk: its authentication name. Required for register and account trunks.',
	},
	{
		name: 'fromuser',
		type: 'string',
		description: 'From header user (register trunks). Leave empty if the SIP provider does not support it.',
	},
	{
		name: 'password',
		type: 'string',
		description: 'Register trunk: SIP account password; account trunk: its password. Required for register and account trunks.',
		secret: true,
	},
];

export const trunkEndpoints: EndpointSpec[] = [
	{
		id: 'queryTrunkList',
		resource: 'Trunk',
		operation: 'Get Many',
		action: 'List all trunks with their status',
		description: 'Lists every trunk (SIP, IAX, FXO) with its type and registration status.',
		section: '中继 (Trunk) > 查询中继列表 (Query trunk list)',
		path: 'trunklist/query',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'read',
		records: 'trunkname',
		notes: 'The response table names the list "trunklist" but both examples return it as "trunkname".',
		fields: [],
	},
	{
		id: 'querySipTrunk',
		resource: 'SIP Trunk',
		operation: 'Get',
		action: 'Get SIP trunk settings',
		description: 'Returns the settings of one, several or all SIP trunks ("all").',
		section: '中继 (Trunk) > 查询 SIP 中继 (Query SIP trunk)',
		path: 'siptrunk/query',
		version: 'v1.1.0',
		method: 'POST',
		effect: 'read',
		secretOutputs: ['password'],
		records: 'trunks',
		notes: 'Endpoint line says v1.1.0, the examples use v0.0.1. Trunk passwords come back in clear text; examples also return an undocumented "tech".',
		fields: [
			{
				name: 'trunkname',
				type: 'string',
				required: true,
				description: 'SIP trunk name(s): single ("trunkname":"SIP"); multiple comma-separated ("trunkname":"SIP1,SIP2"); all SIP trunks: "all".',
			},
		],
	},
	{
		id: 'addSipTrunk',
		resource: 'SIP Trunk',
		operation: 'Create',
		action: 'Create a SIP trunk',
		description: 'Adds a SIP trunk: a register trunk (host, port, account and password), a peer trunk (host and port) or an account trunk (account and password).',
		section: '中继 (Trunk) > 添加 SIP 中继 (Add SIP trunk)',
		path: 'siptrunk/add',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'create',
		notes: 'Which fields are required depends on the trunk type (register: host, port, username, authname, password; peer: host, port; account: username, authname, password). The XML example also sends an undocumented "domain".',
		fields: sipTrunkFields,
	},
	{
		id: 'updateSipTrunk',
		resource: 'SIP Trunk',
		operation: 'Update',
		action: 'Update a SIP trunk',
		description: 'Changes a SIP trunk, identified by its id from "Get". The same fields as for creating apply, depending on the trunk type.',
		section: '中继 (Trunk) > 编辑 SIP 中继 (Edit SIP trunk)',
		path: 'siptrunk/update',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'modify',
		notes: 'The Endpoint line has no &type=, the examples do.',
		fields: [
			{ name: 'id', type: 'integer', required: true, description: 'Trunk id, as returned by "Get".' },
			...sipTrunkFields,
		],
	},
	{
		id: 'deleteSipTrunk',
		resource: 'SIP Trunk',
		operation: 'Delete',
		action: 'Delete SIP trunks',
		description: 'Deletes one, several or all ("all") SIP trunks.',
		section: '中继 (Trunk) > 删除 SIP 中继 (Delete SIP trunk)',
		path: 'siptrunk/delete',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'delete',
		fields: [
			{
				name: 'trunkname',
				type: 'string',
				required: true,
				description: 'SIP trunk name(s): single ("trunkname":"SIP"); multiple comma-separated ("trunkname":"SIP,siptrunk"); all SIP trunks: "all".',
			},
		],
	},
];
