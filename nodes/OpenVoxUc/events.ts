/**
 * The ten API reports the OpenVox UC PBX posts to the address registered at login, keyed by their `action` value.
 * Source: openvox-uc-http-api-zh.txt. Nesting follows the examples (ext/inbound/outbound at the top level).
 *
 * `aliases` are the spellings Yeastar S-Series firmware (whose API the UC series copies) sends for the same report:
 * Yeastar S-Series API guide (YeastarCarol/Yeastar-S-Series-API-Guide-en, api_sample/call-report/*.md) and
 * help.yeastar.com s-series-developer / s-series-developer-v2 (the v2 API names the type in `event`).
 */
import type { EventSpec, FieldSpec } from '../shared/spec';

const snField: FieldSpec = { name: 'sn', type: 'string', description: 'Serial number (SN) of the PBX.' };
const callIdField: FieldSpec = { name: 'callid', type: 'string', description: 'Id of this call (leg).' };
const callField: FieldSpec = {
	name: 'call',
	type: 'object',
	description: 'Documented as an object wrapping the parties, but the examples put ext/inbound/outbound at the top level and send no "call" key.',
};

/** The `ext` object of a call report; `who` says which extension(s) extid lists. */
function extField(who: string): FieldSpec {
	return {
		name: 'ext',
		type: 'object',
		description: 'Extension object: the extension side of the call.',
		children: [
			{
				name: 'extid',
				type: 'string',
				description: `${who}. A single number, or a list of numbers when both parties are extensions.`,
			},
		],
	};
}

const legs = {
	outbound: {
		description: 'Present when an extension called an outside number.',
		trunk: 'Trunk the call went out on.',
		id: 'Outbound call id, usable with Call > Get Outbound / Hang Up Outbound.',
	},
	inbound: {
		description: 'Present when the outside party called in.',
		trunk: 'Trunk the call came in on.',
		id: 'Inbound call id, usable with Call > Get Inbound / Hang Up Inbound.',
	},
};

/** The `outbound` (an extension called out) or `inbound` (the outside party called in) object of a call report. */
function legField(name: keyof typeof legs, trunk = legs[name].trunk): FieldSpec {
	return {
		name,
		type: 'object',
		description: legs[name].description,
		children: [
			{ name: 'from', type: 'string', description: 'Original calling number.' },
			{ name: 'to', type: 'string', description: 'Original called number.' },
			{ name: 'trunk', type: 'string', description: trunk },
			{ name: `${name}id`, type: 'string', description: legs[name].id },
		],
	};
}

export const openVoxUcEvents: EventSpec[] = [
	{
		id: 'bootUp',
		key: 'BootUp',
		title: 'System Started',
		description: 'The PBX has started up (sent once the integration is logged in).',
		answer: 'ack',
		fields: [
			{ name: 'action', type: 'string', description: 'Report type: BootUp.', options: [{ value: 'BootUp', name: 'BootUp' }] },
			snField,
		],
	},
	{
		id: 'extensionStatus',
		key: 'ExtensionStatus',
		title: 'Extension Status Changed',
		description: 'An extension started ringing, went off-hook, became idle, or (un)registered. Needs extension status monitoring ticked on the PBX API page.',
		answer: 'ack',
		fields: [
			{
				name: 'action',
				type: 'string',
				description: 'Report type: ExtensionStatus.',
				options: [{ value: 'ExtensionStatus', name: 'ExtensionStatus' }],
			},
			{
				name: 'extension',
				type: 'string',
				description: 'Extension whose status changed (typed Int in the manual, sent as a string).',
			},
			{
				name: 'status',
				type: 'string',
				description: 'New status.',
				options: [
					{ value: 'Ringing', name: 'Ringing (incoming call ringing)' },
					{ value: 'InUse', name: 'In Use (picked up from idle or ringing)' },
					{ value: 'Busy', name: 'Busy (off-hook: the Yeastar firmware name for In Use)' },
					{ value: 'Idle', name: 'Idle (busy to idle)' },
					{ value: 'Registered', name: 'Registered (IP extension registered or its address changed)' },
					{ value: 'Unregistered', name: 'Unregistered (IP extension lost its registration)' },
				],
			},
			snField,
		],
	},
	{
		id: 'callAlert',
		key: 'ALERT',
		title: 'Call Ringback (Caller Side)',
		description: 'The callee is ringing and the caller hears ringback; describes the caller. Sent together with the RING report. Needs extension status monitoring.',
		answer: 'ack',
		fields: [
			{
				name: 'action',
				type: 'string',
				description: 'Report type: ALERT (ringback).',
				options: [{ value: 'ALERT', name: 'ALERT' }],
			},
			callIdField,
			callField,
			extField('Calling extension'),
			legField('inbound'),
			snField,
		],
	},
	{
		id: 'callRing',
		key: 'RING',
		title: 'Call Ringing (Callee Side)',
		description: 'A call is ringing at the callee; the report shows the callee first, then the caller. Needs extension status monitoring.',
		answer: 'ack',
		fields: [
			{
				name: 'action',
				type: 'string',
				description: 'Report type: RING (ringing; the manual\'s table calls it a ringback event by mistake).',
				options: [{ value: 'RING', name: 'RING' }],
			},
			callIdField,
			callField,
			extField('Extension(s) involved, callee first'),
			legField('outbound'),
			legField('inbound'),
			snField,
		],
	},
	{
		id: 'callAnswer',
		key: 'ANSWER',
		title: 'Call Answered (Callee Side)',
		description: 'The callee answered. Comes paired with the caller-side "call answered" report; the callee is listed first.',
		answer: 'ack',
		fields: [
			{ name: 'action', type: 'string', description: 'Report type: ANSWER.', options: [{ value: 'ANSWER', name: 'ANSWER' }] },
			callIdField,
			extField('Extension(s) involved, callee first'),
			legField('inbound'),
			legField('outbound'),
			snField,
		],
	},
	{
		id: 'callAnswered',
		key: 'ANSWER',
		aliases: ['ANSWERED'],
		title: 'Call Answered (Caller Side)',
		description: 'The caller\'s call was answered; the caller is listed first. The manual gives this report no action name of its own: its examples send "ANSWER", exactly like the callee-side report, so both arrive together and only the order in ext.extid tells them apart. Yeastar-compatible firmware sends "ANSWERED", which starts only this event.',
		answer: 'ack',
		fields: [
			{
				name: 'action',
				type: 'string',
				description: 'Report type: ANSWER, the same value as the callee-side report (Yeastar-compatible firmware: ANSWERED).',
				options: [
					{ value: 'ANSWER', name: 'ANSWER' },
					{ value: 'ANSWERED', name: 'ANSWERED (Yeastar spelling)' },
				],
			},
			callIdField,
			extField('Extension(s) involved, caller first'),
			legField('inbound'),
			legField('outbound'),
			snField,
		],
	},
	{
		id: 'callHangup',
		key: 'BYE',
		title: 'Call Ended',
		description: 'A call leg ended. One hang-up produces one report per leg, each with its own callid.',
		answer: 'ack',
		fields: [
			{ name: 'action', type: 'string', description: 'Report type: BYE.', options: [{ value: 'BYE', name: 'BYE' }] },
			callIdField,
			extField('Extension(s) involved in the call'),
			legField('outbound'),
			legField('inbound'),
			snField,
		],
	},
	{
		id: 'callTransferred',
		key: 'Tranfer',
		// Yeastar S-Series API v2 documents the report as "CallTransfer" / "Transfer" (its examples still send "Tranfer").
		aliases: ['Transfer', 'CallTransfer'],
		title: 'Call Transferred',
		description: 'An extension transferred a call itself (feature code *03 / *3, or its call-forwarding settings). "Tranfer" is the vendor\'s spelling of Transfer on the wire.',
		answer: 'ack',
		fields: [
			{
				name: 'action',
				type: 'string',
				description: 'Report type: "Tranfer" (vendor spelling of Transfer).',
				options: [
					{ value: 'Tranfer', name: 'Tranfer' },
					{ value: 'Transfer', name: 'Transfer' },
					{ value: 'CallTransfer', name: 'CallTransfer (Yeastar API v2 name)' },
				],
			},
			callIdField,
			extField('Extension that transferred the call (listed first)'),
			legField('outbound', 'Trunk used by the call.'),
			legField('inbound', 'Trunk used by the call.'),
			snField,
		],
	},
	{
		id: 'callFailed',
		key: 'CallFailed',
		title: 'Call Failed',
		description: 'The callee did not take the call (going to voicemail counts as answered). Sent for API-placed and hand-dialled calls alike.',
		answer: 'ack',
		fields: [
			{
				name: 'action',
				type: 'string',
				description: 'Report type: CallFailed.',
				options: [{ value: 'CallFailed', name: 'CallFailed' }],
			},
			{
				name: 'reason',
				type: 'string',
				description:
					'Why the call failed. Typed String in the manual, sent as the number 480 in its example; Yeastar firmware sends text such as "User busy" or "486 Busy Here".',
				options: [
					{ value: '480', name: '480: the callee did not answer' },
					{ value: 'User busy', name: 'User busy (Yeastar)' },
					{ value: 'DND', name: 'DND: the callee is in do-not-disturb (Yeastar)' },
					{ value: 'Line unreachable', name: 'Line unreachable (Yeastar)' },
					{ value: 'NO Outbound Restriction', name: 'NO Outbound Restriction: no permission to call out (Yeastar)' },
					{ value: '486 Busy Here', name: '486 Busy Here (Yeastar)' },
				],
			},
			callIdField,
			extField('Extension(s) involved in the call'),
			legField('outbound'),
			legField('inbound'),
			snField,
		],
	},
	{
		id: 'newCdr',
		key: 'NewCdr',
		title: 'New Call Record',
		description: 'A call detail record was written at the end of a call.',
		answer: 'ack',
		fields: [
			{ name: 'action', type: 'string', description: 'Report type: NewCdr.', options: [{ value: 'NewCdr', name: 'NewCdr' }] },
			{ name: 'callid', type: 'string', description: 'Id of the call (in the examples, not in the manual\'s table).' },
			{ name: 'timestart', type: 'string', description: 'Start time, yyyy-mm-dd hh:mm:ss.' },
			{ name: 'callfrom', type: 'string', description: 'Calling number.' },
			{ name: 'callto', type: 'string', description: 'Called number.' },
			{
				name: 'callduraction',
				type: 'string',
				description: 'Call duration, i.e. "callduration" (vendor spelling kept as the wire name).',
			},
			{
				name: 'talkduraction',
				type: 'string',
				description: 'Talk (answered) duration, i.e. "talkduration" (vendor spelling kept as the wire name).',
			},
			{
				name: 'status',
				type: 'string',
				description: 'Call status. The manual\'s examples show only ANSWERED; the other values are Yeastar\'s.',
				options: [
					{ value: 'ANSWERED', name: 'ANSWERED: the callee answered' },
					{ value: 'NO ANSWER', name: 'NO ANSWER: the callee did not answer (Yeastar)' },
					{ value: 'NO ANSWERED', name: 'NO ANSWERED: the callee did not answer (Yeastar API v2 spelling)' },
					{ value: 'BUSY', name: 'BUSY: the callee was busy (Yeastar)' },
					{ value: 'VOICEMAIL', name: 'VOICEMAIL: the caller left a voicemail (Yeastar)' },
					{ value: 'FAILED', name: 'FAILED: the call could not be placed (Yeastar)' },
				],
			},
			{ name: 'type', type: 'string', description: 'Call type, e.g. Internal, Outbound, Inbound (the values in the examples).' },
			{ name: 'recording', type: 'string', description: 'Recording file name, for Recording > Download.' },
			snField,
		],
	},
];

/** Reports by their type as sent (`action` or `event`), any letter case: the documented key and every alias. */
const EVENTS_BY_TYPE = new Map<string, EventSpec[]>();
for (const e of openVoxUcEvents) {
	for (const k of [e.key, ...(e.aliases ?? [])]) {
		const list = EVENTS_BY_TYPE.get(k.toLowerCase()) ?? [];
		list.push(e);
		EVENTS_BY_TYPE.set(k.toLowerCase(), list);
	}
}

/** The documented reports a report type names; empty for a type the manual does not list. */
export function openVoxUcEventsFor(type: string): EventSpec[] {
	return EVENTS_BY_TYPE.get(type.toLowerCase()) ?? [];
}
