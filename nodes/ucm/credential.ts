import type { INodeProperties } from 'n8n-workflow';
import { connectionProperties, legacyTlsProperty, loginProperties } from '../shared/credentialFields';

/** The properties of a UCM-API credential; brands differ only in names and texts. */
export function ucmCredentialProperties(product: string): INodeProperties[] {
	return [
		{
			displayName: `Enable the API on the ${product}: Value-added Features → API Configuration → HTTPS API Settings (New): Enable, set a username and password, add n8n's IP to the permitted IPs, and "Call Control" if you want to control calls; Save and Apply Changes. The API works over HTTPS only.`,
			name: 'notice',
			type: 'notice',
			default: '',
		},
		...connectionProperties({ scheme: 'https', port: 8089, portHint: 'The web HTTPS port (System Settings → HTTP Server; default 8089)' }),
		legacyTlsProperty('Older firmware (e.g. a UCM6204) offers 1024-bit Diffie-Hellman keys, which Node.js 24 (n8n 2.x) refuses with "dh key too small".'),
		...loginProperties({
			passwordNote: 'Never sent as such: login sends md5(challenge + password). A refused login is not retried (repeated failures blacklist this IP).',
		}),
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: '1.0',
			description: 'Sent with the challenge; without it the PBX assumes its latest version',
		},
		{
			displayName: 'Allow 2 Reads at Once',
			name: 'twoReadsInFlight',
			type: 'boolean',
			default: false,
			description:
				'Whether up to 2 read requests may be in flight to this PBX at once (from every workflow of this n8n process). Off: one request at a time, which every UCM accepts. Changes, logins and call actions always go one at a time; the first "too frequent" refusal (-45/-46/-57) turns this back to one at a time.',
		},
		{
			displayName: 'Busy Wait (Seconds)',
			name: 'busyWaitSeconds',
			type: 'number',
			default: -1,
			description: 'How long to wait before resending a request the PBX refused as too frequent (-45/-46/-57). -1 = as the manual says (15 or 60 seconds).',
		},
	];
}
