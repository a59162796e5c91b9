import type { PickerSpec } from '../shared/spec';

/**
 * The lists the editor offers for UCM fields that name an existing extension, trunk, queue, IVR, paging group,
 * outbound route or live call. The manuals document no list of ring groups or conference rooms: those stay typed.
 */
export const ucmPickers: PickerSpec[] = [
	{
		id: 'extension',
		displayName: 'Extension',
		endpoint: 'listAccount',
		value: 'extension',
		label: ['fullname', 'status'],
		fields: ['extension', 'exten', 'barge-exten', 'caller', 'callee', 'outcaller'],
		resource: 'Extension',
		// There "extension" is the IVR's or paging group's own number.
		except: ['IVR', 'Paging Group', 'Queue'],
		example: '1000',
	},
	{
		id: 'trunk',
		displayName: 'Trunk',
		endpoint: 'listVoIPTrunk',
		value: 'trunk_index',
		label: ['trunk_name', 'type'],
		fields: ['trunk', 'trunk_index'],
		resource: 'SIP Trunk',
		example: '1',
	},
	{ id: 'queue', displayName: 'Queue', endpoint: 'listQueue', value: 'extension', label: ['queue_name'], fields: ['queue'], resource: 'Queue', example: '6500' },
	{ id: 'ivr', displayName: 'IVR', endpoint: 'listIVR', value: 'ivr_id', label: ['ivr_name'], fields: ['ivr'], resource: 'IVR', example: 'ivr-1' },
	{
		id: 'pagingGroup',
		displayName: 'Paging Group',
		endpoint: 'listPaginggroup',
		value: 'extension',
		label: ['paginggroup_name'],
		fields: ['paginggroup'],
		resource: 'Paging Group',
		example: '6300',
	},
	{
		id: 'outboundRoute',
		displayName: 'Outbound Route',
		endpoint: 'listOutboundRoute',
		value: 'outbound_rt_index',
		label: ['outbound_rt_name', 'pattern'],
		fields: ['outbound_route'],
		resource: 'Outbound Route',
		example: '1',
	},
	{
		id: 'liveCall',
		displayName: 'Live Call',
		endpoint: 'listBridgedChannels',
		value: 'channel1',
		label: ['callerid1', 'callerid2'],
		fields: ['channel'],
		// There "channel" is the extension the prompt rings.
		except: ['playPromptByOrg'],
		example: 'PJSIP/1000-00000001',
	},
];
