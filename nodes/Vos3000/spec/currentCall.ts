import type { EndpointSpec } from '../../shared/spec';

/** VOS3000 Current Call: manual sections 3.21, 3.82. */
export const currentCallEndpoints: EndpointSpec[] = [
	{
		id: 'getCurrentCall',
		resource: 'Current Call',
		operation: 'Get Many',
		action: 'Get current calls',
		description: 'Returns the calls in progress, optionally filtered by caller, callee or gateway. Expensive: frequent use degrades the switch; use the CallStateReport push to follow calls instead of polling.',
		section: '3.21',
		path: '/external/server/GetCurrentCall',
		method: 'POST',
		effect: 'read',
		records: 'infoCurrentCalls',
		notes: 'keepTime >= 0 is the duration in ms; negative values are call states.',
		fields: [
			{ name: 'callerE164s', type: 'string', list: true, description: 'Caller numbers to filter by (not set: no filter)' },
			{ name: 'calleeE164s', type: 'string', list: true, description: 'Callee numbers to filter by (not set: no filter)' },
			{ name: 'gatewayMappingName', type: 'string', description: 'Mapping gateway name to filter by (not set: no filter)' },
			{ name: 'gatewayRoutingName', type: 'string', description: 'Routing gateway name to filter by (not set: no filter)' },
		],
	},
	{
		id: 'disconnectCurrentCall',
		resource: 'Current Call',
		operation: 'Disconnect',
		action: 'Hang up current calls',
		description: 'Hangs up calls in progress by their softswitch callId (from Get Many). Never retried automatically.',
		section: '3.82',
		path: '/external/server/DisconnectCurrentCall',
		method: 'POST',
		effect: 'call',
		fields: [
			{ name: 'callIds', type: 'integer', list: true, required: true, description: 'Softswitch call ids to disconnect (callId values returned by GetCurrentCall)' },
		],
	},
];
