/**
 * Session endpoints (login, heartbeat, logout): used by the session layer and the trigger, not offered as operations.
 * Source: openvox-uc-http-api-zh.txt (the manual wins over the extraction). Wire names are the manual's.
 */
import type { EndpointSpec } from '../../shared/spec';

export const openVoxUcSessionEndpoints: EndpointSpec[] = [
	{
		id: 'login',
		resource: 'Session',
		operation: 'Log In',
		action: 'Log in and register the report address',
		description: 'Logs the integration in with the MD5 of the API password and registers where the PBX posts its event reports. Returns the token used by every other call (valid 30 minutes without traffic).',
		section: '登陆 (Login)',
		path: 'login',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'create',
		hidden: true,
		notes: 'Endpoint line says v0.0.1, both examples use v1.1.0. Five wrong passwords in a row lock the caller IP for 10 minutes. Failure answers {"status":"Failed","errno":"30003"}.',
		fields: [
			{
				name: 'username',
				type: 'string',
				required: true,
				description: 'API username configured on the PBX\'s API (二次开发接口) settings page.',
			},
			{
				name: 'password',
				type: 'string',
				required: true,
				description: 'MD5 of the API password as 32 lower-case hex digits (the session layer hashes the credential password).',
				secret: true,
			},
			{
				name: 'port',
				type: 'string',
				required: true,
				description: 'Port on which the third-party application listens for the API event reports sent by the PBX.',
			},
			{
				name: 'url',
				type: 'string',
				description: 'Where the PBX posts event reports, read according to urltag. Without it the PBX posts to the application server\'s IP address.',
			},
			{
				name: 'version',
				type: 'string',
				description: 'Format version of the event reports. "1.0.2" makes the PBX send well-formed JSON (this is not the URL version segment).',
			},
			{
				name: 'urltag',
				type: 'string',
				description: 'Type of the url value.',
				options: [
					{ value: '0', name: 'Relative path (appended to the server IP and port)' },
					{ value: '1', name: 'Absolute address' },
				],
			},
		],
	},
	{
		id: 'heartbeat',
		resource: 'Session',
		operation: 'Heartbeat',
		action: 'Keep the session alive',
		description: 'Extends the token by another 30 minutes and updates the address the PBX posts event reports to.',
		section: 'API 心跳包 (API heartbeat)',
		path: 'heartbeat',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'modify',
		hidden: true,
		notes: 'ipaddr and port are required: the client must know its own reachable address.',
		fields: [
			{ name: 'ipaddr', type: 'string', required: true, description: 'The third-party application\'s (changed) IP address.' },
			{
				name: 'port',
				type: 'string',
				required: true,
				description: 'The third-party application\'s (changed) listening port for API reports.',
			},
			{
				name: 'url',
				type: 'string',
				description: 'Where the PBX posts event reports, read according to urltag. Without it the PBX posts to the application server\'s IP address.',
			},
			{
				name: 'urltag',
				type: 'string',
				description: 'Type of the url value.',
				options: [
					{ value: '0', name: 'Relative path (appended to the server IP and port)' },
					{ value: '1', name: 'Absolute address' },
				],
			},
		],
	},
	{
		id: 'logout',
		resource: 'Session',
		operation: 'Log Out',
		action: 'Log out and end the session',
		description: 'Ends the API session; the token stops working and reports stop.',
		section: '退出登录 (Logout)',
		path: 'logout',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'delete',
		hidden: true,
		fields: [],
	},
];
