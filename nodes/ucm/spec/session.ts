/**
 * Session endpoints (challenge, login, logout): steps of the session layer and the trigger, not operations.
 * Sources: grandstream-ucm6xxx-https-api.txt and fiberme-fcm630a-https-api.txt (identical apart from logout and the url note).
 */
import type { EndpointSpec } from '../../shared/spec';

export const ucmSessionEndpoints: EndpointSpec[] = [
	{
		id: 'challenge',
		resource: 'Session',
		operation: 'Challenge',
		action: 'Get a login challenge',
		description: 'Asks the PBX for a one-time challenge (16 digits); the login token is MD5(challenge + API password) in lower-case hex.',
		section: 'Establishing Connection and User Authentication > Challenge',
		wireAction: 'challenge',
		method: 'POST',
		effect: 'read',
		hidden: true,
		notes: 'Always send version "1.0": without it the latest API version is assumed. Failures may carry remain_num (attempts left) and remain_time (ban length); the IP and user are blacklisted after repeated failures.',
		fields: [
			{ name: 'user', type: 'string', required: true, description: 'API user name (HTTPS API Settings page).' },
			{ name: 'version', type: 'string', description: 'API version; the manuals use "1.0". Without it the latest version is used.' },
		],
	},
	{
		id: 'login',
		resource: 'Session',
		operation: 'Log In',
		action: 'Log in with the challenge token',
		description: 'Logs the API user in with token = MD5(challenge + password) and returns the session cookie sent in every later request (times out after 10 minutes). The optional url is where the PBX sends its system and call reports.',
		section: 'Establishing Connection and User Authentication > Login',
		wireAction: 'login',
		method: 'POST',
		effect: 'create',
		hidden: true,
		notes: 'The table marks token optional though login needs it. Grandstream marks the url (reports) "not supported yet"; FIBERME documents it without caveat. Wrong passwords blacklist the IP: never retry (-37, -68, -70, -71).',
		fields: [
			{ name: 'user', type: 'string', required: true, description: 'API user name.' },
			{
				name: 'url',
				type: 'string',
				description: 'Where the PBX sends API reports, as ${ip}:${port}/${path} (example "http://192.168.5.199:8070"). Without it no API report is sent.',
			},
		],
	},
	{
		id: 'logout',
		resource: 'Session',
		operation: 'Log Out',
		action: 'Log out and end the session',
		description: 'Ends the API session; the cookie stops working.',
		section: 'Establishing Connection and User Authentication > Logout',
		wireAction: 'logout',
		method: 'POST',
		effect: 'delete',
		hidden: true,
		notes: 'Documented by Grandstream only (its table wrongly describes cookie as an MD5 token); FIBERME shows logout(API) in its operation log.',
		fields: [],
	},
];
