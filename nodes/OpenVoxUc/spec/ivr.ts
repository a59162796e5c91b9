/**
 * OpenVox UC endpoint table: IVR.
 * Source: openvox-uc-http-api-zh.txt (the manual wins over the extraction). Wire names are the manual's.
 */
import type { EndpointSpec } from '../../shared/spec';

export const ivrEndpoints: EndpointSpec[] = [
	{
		id: 'queryIvr',
		resource: 'IVR',
		operation: 'Get',
		action: 'Get IVR settings',
		description: 'Returns the settings of one, several or all IVR menus (leave the name empty for all).',
		section: 'IVR > 查询 IVR 设置 (Query IVR settings)',
		path: 'ivr/query',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'read',
		records: 'ivr',
		notes: 'The response key "ivr" and field "ivrid" are only in the examples. The request field is "name" but its text speaks of the IVR number.',
		fields: [
			{
				name: 'name',
				type: 'string',
				description: 'IVR number(s) or name(s): one, several separated by commas ("6500,6501"), or empty for all IVRs.',
				note: 'The manual calls it the IVR number; its example sends the IVR name.',
			},
		],
	},
	{
		id: 'updateIvr',
		resource: 'IVR',
		operation: 'Update',
		action: 'Update an IVR',
		description: 'Changes an IVR menu\'s name, how often the prompt repeats and how long it waits for a key.',
		section: 'IVR > 编辑 IVR 设置 (Edit IVR settings)',
		path: 'ivr/update',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'modify',
		notes: 'The examples use v1.1.0.',
		fields: [
			{ name: 'ivrid', type: 'string', required: true, description: 'Unique identifier (IVR number) of the IVR to configure.' },
			{
				name: 'ivrname',
				type: 'string',
				description: 'IVR name. Restrictions: must not contain ! $ ( ) / # ; , [ ] " = < > & \' ` ^ % @ { } | or spaces; max 31 characters; must not be empty.',
				maxLength: 31,
			},
			{
				name: 'promptrepeat',
				type: 'string',
				description: 'Number of prompt repetitions.',
				options: [
					{ value: '1', name: '1' },
					{ value: '2', name: '2' },
					{ value: '3', name: '3' },
					{ value: '4', name: '4' },
					{ value: '5', name: '5' },
				],
			},
			{
				name: 'responsetimeout',
				type: 'integer',
				description: 'Response timeout.',
				options: [
					{ value: 1, name: '1' },
					{ value: 2, name: '2' },
					{ value: 3, name: '3' },
					{ value: 4, name: '4' },
					{ value: 5, name: '5' },
					{ value: 6, name: '6' },
					{ value: 7, name: '7' },
					{ value: 8, name: '8' },
					{ value: 9, name: '9' },
					{ value: 10, name: '10' },
				],
			},
		],
	},
];
