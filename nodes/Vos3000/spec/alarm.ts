import type { EndpointSpec } from '../../shared/spec';

/** VOS3000 Alarm: manual sections 3.85, 3.88. */
export const alarmEndpoints: EndpointSpec[] = [
	{
		id: 'createAlarm',
		resource: 'Alarm',
		operation: 'Create',
		action: 'Raise an alarm',
		description: 'Raises a custom alarm on the VOS3000 alarm console.',
		section: '3.85',
		path: '/external/server/CreateAlarm',
		method: 'POST',
		effect: 'create',
		notes: 'level has an empty Required column in the manual.',
		fields: [
			{ name: 'name', type: 'string', required: true, description: 'Alarm name' },
			{
				name: 'level',
				type: 'integer',
				description: 'Alarm level.',
				note: 'Required column empty in the manual.',
				options: [
					{ value: 0, name: 'General' },
					{ value: 1, name: 'Minor' },
					{ value: 2, name: 'Major' },
					{ value: 3, name: 'Critical' },
				],
			},
			{ name: 'value', type: 'number', description: 'Alarm value; default 0x7fffffff (32-bit integer)' },
			{ name: 'alarmInfo', type: 'string', description: 'Alarm information' },
			{ name: 'startTime', type: 'long', description: 'Time the alarm occurred (ms since 1970-01-01 UTC)' },
			{ name: 'stopTime', type: 'long', description: 'Time the alarm ended (ms since 1970-01-01 UTC)' },
			{ name: 'upper', type: 'number', description: 'Upper threshold; range 0x80000000-0x7fffffff (32-bit integer)' },
			{ name: 'lower', type: 'number', description: 'Lower threshold; range 0x80000000-0x7fffffff (32-bit integer)' },
		],
	},
	{
		id: 'getAlarmCurrent',
		resource: 'Alarm',
		operation: 'Get Current',
		action: 'Get the current alarms',
		description: 'Returns the alarms that are currently active. No request fields.',
		section: '3.88',
		path: '/external/server/GetAlarmCurrent',
		method: 'POST',
		effect: 'read',
		records: 'infoAlarmCurrents',
		notes: 'infoAlarmCurrents is typed as a single InfoAlarmCurrent but is a list (AlarmCurrentReport uses InfoAlarmCurrent[]).',
		fields: [],
	},
];
