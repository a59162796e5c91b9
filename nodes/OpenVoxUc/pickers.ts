import type { PickerSpec } from '../shared/spec';

/**
 * The lists the editor offers for OpenVox UC fields that name an existing extension, trunk, IVR, queue or
 * outbound call. The API has no list of conference rooms, ring groups or inbound calls (queries need the id).
 */
export const openVoxUcPickers: PickerSpec[] = [
	{
		id: 'extension',
		displayName: 'Extension',
		endpoint: 'queryExtensionList',
		value: 'extnumber',
		label: ['username', 'status'],
		fields: ['extid', 'listener', 'listenedext', 'whisperer', 'whisperedext', 'bargein', 'bargedext', 'transferor'],
		resource: 'Extension',
		example: '1000',
	},
	{ id: 'trunk', displayName: 'Trunk', endpoint: 'queryTrunkList', value: 'trunkname', label: ['type', 'status'], fields: ['trunkname'], resource: 'SIP Trunk', example: 'to-provider' },
	{ id: 'ivr', displayName: 'IVR', endpoint: 'queryIvr', value: 'ivrid', label: ['ivrname'], fields: ['ivrid'], resource: 'IVR', example: '6500' },
	{ id: 'queue', displayName: 'Queue', endpoint: 'queryQueue', value: 'queuenumber', label: ['queuename'], fields: ['queueid'], resource: 'Queue', example: '6700' },
	{ id: 'outboundCall', displayName: 'Outbound Call', endpoint: 'queryOutbound', value: 'outboundid', label: ['from', 'to'], fields: ['outboundid'], example: '1589938378.1130' },
];
