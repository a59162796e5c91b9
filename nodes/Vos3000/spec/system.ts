import type { EndpointSpec } from '../../shared/spec';

/** VOS3000 System: manual sections 3.56, 3.57. */
export const systemEndpoints: EndpointSpec[] = [
	{
		id: 'getSoftSwitch',
		resource: 'System',
		operation: 'Get Softswitches',
		action: 'Get the softswitches',
		description: 'Lists the softswitch servers managed by this VOS3000. No request fields.',
		section: '3.56',
		path: '/external/server/GetSoftSwitch',
		method: 'POST',
		effect: 'read',
		records: 'infoSoftSwitches',
		fields: [],
	},
	{
		id: 'getPerformance',
		resource: 'System',
		operation: 'Get Performance',
		action: 'Get system performance counters',
		description: 'Returns current performance figures of the system (calls, registrations, load). No request fields.',
		section: '3.57',
		path: '/external/server/GetPerformance',
		method: 'POST',
		effect: 'read',
		records: 'infoPerformance',
		fields: [],
	},
];
