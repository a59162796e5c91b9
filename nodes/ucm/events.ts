/**
 * The reports a UCM pushes to the 3rd-party server. Both manuals only announce them ("UCM will actively send system
 * reports and call reports to this other server"): no method, payload or example is documented, so no fields are
 * listed and the trigger passes the received body through as it comes.
 * Sources: grandstream-ucm6xxx-https-api.txt (Introduction, Login table), fiberme-fcm630a-https-api.txt
 * (Introduction, Communication Method, Login table).
 */
import type { EventSpec } from '../shared/spec';

const delivery =
	'Sent by the PBX, acting as HTTP client, to the "url" given at login (${ip}:${port}/${path}, e.g. "http://192.168.5.199:8070"); ' +
	'without a url at login no report is sent, and re-logging in after the 10-minute cookie timeout must send it again. ' +
	'Method, payload and expected answer are not documented. Grandstream notes the url feature as "not supported yet"; ' +
	'FIBERME documents it without caveat.';

export const ucmEvents: EventSpec[] = [
	{
		id: 'systemReport',
		key: 'systemReport',
		title: 'System Report',
		description: `A system report, e.g. an extension or trunk status change. ${delivery}`,
		answer: 'ack',
		fields: [],
	},
	{
		id: 'callReport',
		key: 'callReport',
		title: 'Call Report',
		description: `A call report (call events). ${delivery} With "Call Control" enabled, inbound calls wait 10 seconds for Call > Accept or Refuse; the report's answer does not steer the call.`,
		answer: 'ack',
		fields: [],
	},
];

/**
 * What the UCM Trigger polls for, since the manuals document no report payloads: the API reads each is built on
 * (cdrapi, listAccount, listBridgedChannels / listUnBridgedChannels).
 */
export interface UcmPolledEvent {
	id: 'newCdr' | 'extensionStatus' | 'callState';
	title: string;
	description: string;
}

export const ucmPolledEvents: UcmPolledEvent[] = [
	{ id: 'newCdr', title: 'New CDR', description: 'A call record was written (cdrapi, JSON)' },
	{ id: 'extensionStatus', title: 'Extension Status Changed', description: 'An extension became Idle, InUse, Ringing, Unavailable, ...' },
	{ id: 'callState', title: 'Call Started or Ended', description: 'A channel appeared in or left the live call lists' },
];
