/**
 * OpenVox UC endpoint table: Wake-Up Call, Hotel Room.
 * Source: openvox-uc-http-api-zh.txt (the manual wins over the extraction). Wire names are the manual's.
 */
import type { EndpointSpec } from '../../shared/spec';

export const hotelEndpoints: EndpointSpec[] = [
	{
		id: 'createWakeupCall',
		resource: 'Wake-Up Call',
		operation: 'Create',
		action: 'Create a wake-up call',
		description: 'Sets a wake-up call (alarm) for one or several room extensions, once or on chosen weekdays.',
		section: '酒店应用 (Hotel) > 添加闹铃 (Add wake-up call)',
		path: 'wakeupcall/create',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'create',
		notes: 'The body field "type" (onetime/custom) is unrelated to the ?type=json URL parameter.',
		fields: [
			{
				name: 'number',
				type: 'string',
				required: true,
				description: 'Extension number(s): single ("number":"110") or several comma-separated ("number":"110,111") to add the same alarm to several extensions.',
			},
			{ name: 'time', type: 'string', required: true, description: 'Alarm time (example "15:55").' },
			{
				name: 'type',
				type: 'string',
				required: true,
				description: 'Alarm type (body field; unrelated to the ?type=json URL parameter).',
				options: [
					{ value: 'onetime', name: 'One Time (deleted after it has rung)' },
					{ value: 'custom', name: 'Custom (repeats on the given weekdays)' },
				],
			},
			{
				name: 'weekdays',
				type: 'string',
				description: 'Weekdays the alarm rings on, separated by commas: 0 = Sunday, 1-6 = Monday-Saturday (e.g. "0,1,2,3,5"). Required when the type is custom.',
			},
			{ name: 'prompt', type: 'string', description: 'Alarm prompt; must be a custom prompt (example "custom/test").' },
		],
	},
	{
		id: 'queryWakeupCall',
		resource: 'Wake-Up Call',
		operation: 'Get',
		action: 'Get wake-up calls',
		description: 'Returns the wake-up calls set for one or several extensions.',
		section: '酒店应用 (Hotel) > 查询闹铃 (Query wake-up calls)',
		path: 'wakeupcall/query',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'read',
		records: 'wakeups',
		fields: [
			{
				name: 'number',
				type: 'string',
				required: true,
				description: 'Extension number(s): single ("number":"114") or several comma-separated ("number":"110,114").',
			},
		],
	},
	{
		id: 'updateWakeupCall',
		resource: 'Wake-Up Call',
		operation: 'Update',
		action: 'Update a wake-up call',
		description: 'Changes the time, type, weekdays or prompt of a wake-up call.',
		section: '酒店应用 (Hotel) > 修改闹铃 (Modify wake-up call)',
		path: 'wakeupcall/update',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'modify',
		fields: [
			{ name: 'number', type: 'string', required: true, description: 'Extension number.' },
			{ name: 'wakeupid', type: 'integer', required: true, description: 'Unique alarm ID.' },
			{ name: 'time', type: 'string', required: true, description: 'Alarm time.' },
			{
				name: 'type',
				type: 'string',
				required: true,
				description: 'Alarm type (body field).',
				options: [
					{ value: 'onetime', name: 'One Time (deleted after it has rung)' },
					{ value: 'custom', name: 'Custom (repeats on the given weekdays)' },
				],
			},
			{
				name: 'weekdays',
				type: 'string',
				description: 'Weekdays the alarm rings on, separated by commas: 0 = Sunday, 1-6 = Monday-Saturday (e.g. "0,1,2,3,5"). Required when the type is custom.',
			},
			{ name: 'prompt', type: 'string', description: 'Alarm prompt; must be a custom prompt.' },
		],
	},
	{
		id: 'deleteWakeupCall',
		resource: 'Wake-Up Call',
		operation: 'Delete',
		action: 'Delete wake-up calls',
		description: 'Deletes one, several or all ("all") wake-up calls by id.',
		section: '酒店应用 (Hotel) > 删除闹铃 (Delete wake-up call)',
		path: 'wakeupcall/delete',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'delete',
		notes: 'The text speaks of "the specified extension" but documents no extension field; the example (v2.0.0) sends an extension number as wakeupid.',
		fields: [
			{
				name: 'wakeupid',
				type: 'string',
				description: 'Wake-up call ID(s): one ("8"), several separated by commas ("8,9"), or "all".',
				note: 'The manual says that without it all alarms of "the specified extension" are deleted, but documents no extension field.',
			},
		],
	},
	{
		id: 'hotelCheckout',
		resource: 'Hotel Room',
		operation: 'Check Out',
		action: 'Check a guest out of a room',
		description: 'Checks out the room of the given extension.',
		section: '酒店应用 (Hotel) > 酒店退房 (Hotel check-out)',
		path: 'hotel/checkout',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'modify',
		notes: 'What check-out resets is not described.',
		fields: [
			{ name: 'number', type: 'string', required: true, description: 'Extension number of the room to check out.' },
		],
	},
];
