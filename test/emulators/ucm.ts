/**
 * Grandstream UCM6xxx / FIBERME FCM630A HTTPS API emulator, written from `grandstream-ucm6xxx-https-api.txt` (cut short)
 * and `fiberme-fcm630a-https-api.txt` (complete, same API, with the error-code table, "Table 75").
 *
 * A loopback server (node:http, or node:https when given `tls`) that behaves as the manuals say:
 *   - `POST /api`, body `{"request":{"action":..,"cookie":..,..params}}`, HTTP 200 always, answer
 *     `{"response":{..},"status":0}` or `{"status":<negative Table 75 code>}`;
 *   - challenge (16 digits) -> login with token = md5(challenge + password) -> cookie `sid<n>-<unix s>` carried in the
 *     body of every other request; 10 min idle timeout; logout; `remain_num` / `remain_time` on failed logins and an IP
 *     ban after `lockoutFailures` failures;
 *   - every action of both manuals, with state; actions only the Grandstream manual documents answer -19 on FIBERME;
 *   - the legacy cdrapi (csv/xml/json), recapi (binary WAV), pmsapi (XML or JSON in `data`) and queueapi (xml/json/csv)
 *     as actions of /api (as the manuals document them) and, for convenience, as `GET|POST /cdrapi?...` etc.;
 *   - burst protection (`maxConcurrent`): -45 / -46 / -57 when too many requests are in flight;
 *   - system/call reports POSTed to the login `url` when calls happen (format assumed: the manuals document none).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { randomInt } from 'node:crypto';
import type { Socket } from 'node:net';
import { absolutize, csvCell, makeWav, md5, normIp, pad, readBody, xmlEsc } from './kit';

export { makeWav };

// ---------------------------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------------------------

/** FIBERME Table 75 "Error return codes" (the Grandstream manual's table is cut off; same API). */
export const UCM_ERROR_CODES: Readonly<Record<string, string>> = Object.freeze({
	'0': 'Success',
	'-1': 'Invalid parameters',
	'-5': 'Need authentication',
	'-6': 'Cookie error',
	'-7': 'Connection closed',
	'-8': 'System timeout',
	'-9': 'Abnormal system error!',
	'-15': 'Invalid value',
	'-16': 'No such item. Please refresh the page and try again',
	'-19': 'Unsupported',
	'-24': 'Failed to operate data',
	'-25': 'Failed to update data',
	'-26': 'Failed to get data',
	'-37': 'Wrong account or password!',
	'-43': 'Some data in this page has been modified or deleted. Please refresh the page and try again',
	'-44': 'This item has been added',
	'-45': 'Operating too frequently or other users are doing the same operation. Please retry after 15 seconds.',
	'-46': 'Operating too frequently or other users are doing the same operation. Please retry after 15 seconds.',
	'-47': 'No permission',
	'-50': 'Command contains sensitive characters',
	'-51': 'Another task is running now',
	'-57': 'Operating too frequently, or other users are doing the same operation. Please retry after 60 seconds',
	'-68': 'Login Restriction',
	'-69': 'There is currently a conference going on. Changes cannot be applied at this time',
	'-70': 'Login Forbidden',
	'-71': "The username doesn't exist",
	'-90': 'The conference is busy, cannot be edited or deleted',
	'-98': 'There are currently digital calls. Failed to apply configuration',
});

/** The manuals' curl example logs in as `cdrapi`. */
export const UCM_DEFAULT_USERNAME = 'cdrapi';
export const UCM_DEFAULT_PASSWORD = 'cdrapi123';
/** pmsapi `token` = md5(PMS username + PMS password) (the manual does not give the order; both orders are accepted). */
export const UCM_DEFAULT_PMS_USERNAME = 'pms';
export const UCM_DEFAULT_PMS_PASSWORD = 'pms123';

/** Actions only the Grandstream manual documents (FIBERME answers -19 "Unsupported"). Lower case. */
export const UCM_GRANDSTREAM_ONLY_ACTIONS: readonly string[] = [
	'addsipaccountanduser', 'deleteuser', 'cleanterminalchatinformation', 'getsipaccountqr',
	'listanalogtrunk', 'addanalogtrunk', 'getanalogtrunk', 'updateanalogtrunk', 'deleteanalogtrunk',
	'addslatrunk', 'updateslatrunk',
	'listdigitaltrunk', 'adddigitaltrunk', 'getdigitaltrunk', 'getdogitaltrunk', 'updatedigitaltrunk', 'deletedigitaltrunk',
];

/** cdrapi columns, in the order of the manual's JSON example (Table 70). */
export const UCM_CDR_COLUMNS = [
	'AcctId', 'accountcode', 'action_owner', 'action_type', 'amaflags', 'answer', 'billsec', 'caller_name', 'cdr', 'chanext',
	'channel', 'channel_ext', 'clid', 'dcontext', 'disposition', 'dst', 'dst_trunk_name', 'dstanswer', 'dstchanext',
	'dstchannel', 'dstchannel_ext', 'duration', 'end', 'lastapp', 'lastdata', 'recordfiles', 'service', 'session', 'src',
	'src_trunk_name', 'start', 'uniqueid', 'userfield',
] as const;

/** recapi `filedir` values (Table 71: "monitor, emergency meetme, queue, sca"; the missing comma restored). */
export const UCM_RECORDING_DIRS = ['monitor', 'emergency', 'meetme', 'queue', 'sca'] as const;

/** A small valid PNG (54x54 greyscale, QR-like pattern) returned base64 by getSIPAccountQR as `qr_base`. */
export const UCM_QR_PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAADYAAAA2CAAAAACpLjUBAAAB4klEQVR42r2WUY4CMQxDff9LewVM4+dpEYiPRVotMzRtYjtO5Z8++jlM9Xk+P94//r3+Xg+95h6mZwLXwuvnbcnrPQ5/xmidorzpNVvYtXp+yQaHsNT1StBJ5nq6r9nDEn4BLX8bdtW0GPoYphCwYLa+SZLAaaj9eJqTpC+y3yXZ4C7eRyT+zBsBWM/nsBbOyskr37u2zi9FwSxYDmHpBehyQidaSXAknlaxoH9Fk4sbZr4gcLeXA9B0RhIPXzZ6xhriUS9UByQGC6omTbvVd5VCFa/NNIkgQU9rTqj758g0GxlFrY0HjJJg8+ZmT4HdUV7aoCSQXl4EVO+F/slv9Bf1Jzp+50IbdJBbZCTV5kW1XepR0ApftUN6Ls6Wmipp8IFZMI0WdZhEq05izgV7vEsiCxMqRTpUGeWssg0XsBAD8UUVzT7M8T5sHCvCGgwmc9iA9Hj07JjTiIkVwoZ9C9y4LKEFEHthbj4O4RTLG8HG5ikKUo8QYKOHIawax6NCfDnPbgxrGHCx/mZ2dx+zEOB2mG+ZU2USHCkdpnbA8F0wbkmqRiNFXfZyGvkZIPRZVePcT4NDlXltjeN73/D6Ayenprcwdp3tvipYfnMx5CDr/rJpr9uFEu7Mmdb3kn+8K/8B0LwsKfWYUH4AAAAASUVORK5CYII=';

type Rec = Record<string, unknown>;
export type UcmBrand = 'grandstream' | 'fiberme';

// ---------------------------------------------------------------------------------------------------------------
// Seed data
// ---------------------------------------------------------------------------------------------------------------

const PRESENCE = ['available', 'away', 'chat', 'unavailable', 'userdef'];

function account(extension: string, fullname: string | null, status: string, addr: string, over: Rec = {}): Rec {
	return {
		extension, fullname, status, addr, account_type: 'SIP(WebRTC)',
		secret: `Sec#${extension}x`, vmsecret: extension.split('').reverse().join(''), hasvoicemail: 'yes', cidnumber: extension,
		skip_vmsecret: 'no', ring_timeout: null, auto_record: 'off', encryption: 'no', faxdetect: 'no', sendtofax: null,
		strategy_ipacl: 0, local_network1: null, specific_ip: null, allow: 'ulaw,alaw,gsm,g726,g722,g729,h264,ilbc',
		dnd: 'no', dnd_timetype: 0, permission: 'internal', nat: 'yes', bypass_outrt_auth: 'no', skip_auth_timetype: 0,
		t38_udptl: 'no', directmedia: 'no', dtmfmode: 'rfc4733', enable_qualify: 'no', qualifyfreq: 60, authid: null,
		tel_uri: 'disabled', enablehotdesk: 'no', user_outrt_passwd: null, out_of_service: 'no', max_contacts: 1,
		mohsuggest: 'default', presence_status: 'available', email: null, language: 'default', alertinfo: null,
		enable_webrtc: 'yes', media_encryption: 'auto_dtls', missed_call: 'no', ringboth_timetype: 0, sca_enable: 'no',
		urgmsg: 0, newmsg: 0, oldmsg: 0, ...over,
	};
}

function presenceSettings(): Rec[] {
	return PRESENCE.map((p) => ({
		cfb: null, cfb_destination_type: '0', cfb_timetype: 0, cfn: null, cfn_destination_type: '0', cfn_timetype: 0,
		cfu: null, cfu_destination_type: '0', cfu_timetype: 0, presence_status: p,
	}));
}

function sipTrunk(index: number, name: string, type: 'peer' | 'register', host: string, over: Rec = {}): Rec {
	return {
		trunk_index: index, trunk_name: name, trunk_type: type, type: 'SIP', host, username: null, secret: null,
		allow: 'ulaw,alaw,gsm,g726,g729,ilbc', allow_outgoing_calls_if_reg_failed: 'yes', auth_trunk: 'no', authid: null,
		auto_recording: 'no', cc_agent_policy: 'never', cc_max_agents: 5, cc_max_monitors: 5, cc_monitor_policy: 'never',
		cidname: null, cidnumber: null, dialin_direct: 'no', did_mode: 'request-line', dtmfmode: null, enable_qualify: 'no',
		encryption: 'no', fax_intelligent_route: 'no', fax_intelligent_route_destination: null, fromdomain: null, fromuser: null,
		keepcid: 'no', keeporgcid: 'no', ldap_sync_enable: 'no', ldap_sync_passwd: null, nat: 'no', out_maxchans: 0,
		out_of_service: 'no', qualifyfreq: 60, transport: 'udp', status: 'Reachable', label: `SIP Trunk ${index}`, ...over,
	};
}

function cdrRow(id: number, start: string, src: string, dst: string, durationS: number, billsec: number, over: Rec = {}): Rec {
	const t0 = Date.parse(start.replace(' ', 'T') + 'Z');
	const answered = billsec > 0;
	const uniq = `${Math.floor(t0 / 1000)}.${id}`;
	const r: Rec = {
		AcctId: String(id), accountcode: '', action_owner: '', action_type: '', amaflags: 'DOCUMENTATION',
		answer: answered ? fmtTime(t0 + (durationS - billsec) * 1000) : '', billsec: String(billsec), caller_name: src,
		cdr: `${Math.floor(t0 / 1000)}0000${id}-${src}`, chanext: '', channel: `PJSIP/${src}-0000000${id}`, channel_ext: src,
		clid: `"${src}" <${src}>`, dcontext: 'from-internal', disposition: answered ? 'ANSWERED' : 'NO ANSWER', dst,
		dst_trunk_name: '', dstanswer: answered ? dst : '', dstchanext: '', dstchannel: `PJSIP/${dst}-0000001${id}`,
		dstchannel_ext: dst, duration: String(durationS), end: fmtTime(t0 + durationS * 1000), lastapp: 'Dial',
		lastdata: `PJSIP/${dst},60`, recordfiles: '', service: 's', session: `${Math.floor(t0 / 1000)}0000${id}-${src}`, src,
		src_trunk_name: '', start, uniqueid: uniq, userfield: 'Internal', ...over,
	};
	return r;
}

/**
 * A call through a queue, a ring group or a transfer: one main leg and its sub legs. Stored as rows that share
 * `_group` (the main leg's AcctId) and the main leg's `session`; cdrapi JSON answers the call as ONE entry
 * `{"main_cdr":{..},"sub_cdr_1":{..},..}` (the PBX manuals are silent; shape as public clients of the API read it:
 * ernest0vm/GrandStreamAPIClient GrandstreamClient/Models/CDR.cs models cdr_root entries with main_cdr and
 * sub_cdr_1..4). CSV lists every leg as a row.
 */
function cdrGroup(main: Rec, subs: Rec[]): Rec[] {
	const group = String(main.AcctId);
	return [
		{ ...main, _group: group, _leg: 'main_cdr' },
		...subs.map((r, i) => ({ ...r, session: main.session, _group: group, _leg: `sub_cdr_${i + 1}` })),
	];
}

/** The data every emulator starts with (and returns to on `reset()`). */
export const UCM_SEED = {
	extensions: [
		account('1000', 'Alice', 'Idle', '192.168.5.95:62144'),
		account('1001', 'Bob', 'Idle', '192.168.5.96:5060', { account_type: 'SIP' }),
		account('1002', 'Carol', 'Idle', '192.168.5.97:5060', { account_type: 'SIP', auto_record: 'on' }),
		account('1003', null, 'Unavailable', '-', { account_type: 'SIP' }),
		account('1004', 'Eve', 'Idle', '192.168.5.99:5060', { account_type: 'SIP', newmsg: 2, oldmsg: 1 }),
		account('1005', 'Lobby', 'Idle', '192.168.5.100:5060', { account_type: 'SIP', hasvoicemail: 'no' }),
	],
	sipTrunks: [
		sipTrunk(1, 'provider', 'register', 'sip.example.net', { username: '6100', secret: 'Trunk#pass1', authid: '6100', status: 'Registered' }),
		sipTrunk(2, 'branch-office', 'peer', '192.0.2.10'),
	],
	analogTrunks: [
		{
			trunk_index: 7, trunk_name: '123', chans: '1', trunkgroup: 7, trunkmode: 'normal', out_of_service: 'no', auto_record: 'no',
			busy: 'f1=480@-50,f2=620@-50,c=500/500', busycount: 2, busydetect: 'yes', callerid: 'asreceived', cidmode: 0,
			cidsignalling: 'bell', cidstart: 'ring', congestion: 'f1=480@-50,f2=620@-50,c=250/250', congestioncount: 2,
			congestiondetect: 'yes', countrytone: 'us', currentdisconnectthreshold: 200, dahdilineselectmode: 'ascend',
			dialin_direct: 'no', echocancel: 128, enablecurrentdisconnectthreshold: 'yes', fax_gateway: 'no',
			fax_intelligent_route: 'no', fax_intelligent_route_destination: null, faxdetect: 'incoming', fxooutbandcalldialdelay: 0,
			lectype: 0, out_maxchans: 0, polarityonanswerdelay: 600, polarityswitch: 'no', ringtimeout: 8000, rxgain: 0, txgain: 0,
			usecallerid: 'yes', tmp: 7,
		} as Rec,
	],
	digitalTrunks: [
		{ trunk_index: '1', trunk_name: '4324', type: 'E1 (CPE)', span: 3, channel: '1-15,17-31', out_of_service: 'no' } as Rec,
	],
	outboundRoutes: [
		{ outbound_rt_index: 1, outbound_rt_name: 'to-provider', default_trunk_index: 1, pattern: [{ match: '_9X.', allow: null, strip_prefix: null }], permission: 'internal-local-national', out_of_service: 'no', password: null, strip: 1, prepend: null, enable_wlist: 'no', members: null, custom_member: null, limitime: null, pin_sets_id: null, time_mode: 0, sequence: 1, failover_outbound_data: [] } as Rec,
		{ outbound_rt_index: 2, outbound_rt_name: 'branch', default_trunk_index: 2, pattern: [{ match: '_2xxx', allow: null, strip_prefix: null }], permission: 'internal', out_of_service: 'no', password: null, strip: 0, prepend: null, enable_wlist: 'no', members: null, custom_member: null, limitime: null, pin_sets_id: null, time_mode: 0, sequence: 2, failover_outbound_data: [] } as Rec,
	],
	inboundRoutes: [
		{ inbound_rt_index: 1, trunk_index: 1, did_pattern_match: '_X.', did_pattern_allow: '', did_strip: 0, destination_type: 'account', account: '1000', queue: null, ivr: null, ringgroup: null, voicemail: null, conference: null, paginggroup: null, vmgroup: null, fax: null, disa: null, directory: null, callback: null, external_number: null, announcement: null, out_of_service: 'no', permission: 'internal', en_multi_mode: 'no', enable_inbound_muti_mode: 'no', inbound_muti_mode: 0, inbound_suffix: null, incoming_prepend: null, prepend_trunk_name: 'no', set_callerid_enable: 'no', set_callerid_name: '${CALLERID(name)}', set_callerid_number: '${CALLERID(num)}', alertinfo: null, members: [] } as Rec,
		{ inbound_rt_index: 2, trunk_index: 1, did_pattern_match: '_8005550100', did_pattern_allow: '', did_strip: 0, destination_type: 'queue', account: null, queue: '6500', ivr: null, ringgroup: null, voicemail: null, conference: null, paginggroup: null, vmgroup: null, fax: null, disa: null, directory: null, callback: null, external_number: null, announcement: null, out_of_service: 'no', permission: 'internal', en_multi_mode: 'no', enable_inbound_muti_mode: 'no', inbound_muti_mode: 0, inbound_suffix: null, incoming_prepend: null, prepend_trunk_name: 'no', set_callerid_enable: 'no', set_callerid_name: '${CALLERID(name)}', set_callerid_number: '${CALLERID(num)}', alertinfo: null, members: [] } as Rec,
	],
	queues: [
		{ extension: '6500', queue_name: 'Support', strategy: 'ringall', members: '1000,1001', queue_chairmans: null, musicclass: 'default', leavewhenempty: 'strict', joinempty: 'no', pin: null, ringtime: 30, wrapuptime: 10, maxlen: 0, reportholdtime: 'no', auto_record: 'off', queue_timeout: 60, enable_feature: 'no', alertinfo: null, voice_prompt_time: 60, custom_prompt: null, retry: 5, replace_caller_id: 'no', enable_agent_login: 'no', vq_switch: 'no', vq_mode: 'periodic', vq_periodic: 20, vq_outprefix: null, announce_position: 'no', announce_frequency: 20, announce_holdtime: 'no', destination_type: 'voicemail', permission: 'internal', tmp2: '6500' } as Rec,
	],
	ringGroups: [{ extension: '6400', ringgroup_name: 'Sales', members: '1001,1002', strategy: 'ringall' } as Rec],
	ivrs: [
		{ ivr_id: 'ivr-1', ivr_name: '7000', extension: '7000', welcome_prompt: 'welcome', response_timeout: 10, digit_timeout: 3, timeout_prompt: 'ivr-create-timeout', invalid_prompt: 'invalid', tloop: 3, iloop: 3, dial_extension: 'no', dial_conference: 'no', dial_queue: 'no', dial_ringgroup: 'no', dial_vmgroup: 'no', 'dial.paginggroup': 'no', dial_fax: 'no', dial_trunk: 'yes', dial_directory: 'no', dial_failed_back2menu: 'no', dial_multimedia_conference: 'no', permission: 'internal-local', language: null, alertinfo: 'ring1', replace_caller_id: 'yes', switch: 'no', ivr_blackwhite_list: '', ivr_out_blackwhite_list: '1000', members: [{ keypress: '1', keypress_event: 'account', account: '1000' }, { keypress: 't', keypress_event: 'member_prompt', member_prompt: 'goodbye' }] } as Rec,
	],
	paginggroups: [
		{ extension: '8004', paginggroup_name: '8004', paginggroup_type: '1way', members: '1000,1001,1002', number_allowed: '1000', custom_prompt: null, replace_caller_id: 'no', multicast_ip: 'null', multicast_port: 'null', limitime: 0, custom_date: '2018-08-01', time: '00:00', enable: 'yes', holiday: null, tmp: '8004' } as Rec,
		{ extension: '8005', paginggroup_name: 'multicast', paginggroup_type: 'multicast', members: '1000,1001', number_allowed: '1004', custom_prompt: null, replace_caller_id: 'no', multicast_ip: '224.0.1.2', multicast_port: '8080', limitime: 0, custom_date: null, time: '00:00', enable: 'yes', holiday: null, tmp: '8005' } as Rec,
	],
	extensionGroups: [
		{ group_id: 'group-1', group_name: 'office', members: '1000,1001,1002', tmp: 'group-1' },
		{ group_id: 'group-2', group_name: 'lobby', members: '1005', tmp: 'group-2' },
	] as Rec[],
	pinSets: [
		{ pin_sets_id: '1557210434090', pin_sets_name: 'managers', record_in_cdr: 'no' },
		{ pin_sets_id: '1557210889523', pin_sets_name: 'staff', record_in_cdr: 'yes' },
	] as Rec[],
	cdrs: [
		cdrRow(1, '2024-05-01 09:15:00', '1000', '1001', 32, 28, { recordfiles: 'auto-1714554900-1000-1001.wav@' }),
		cdrRow(2, '2024-05-01 09:30:00', '1001', '1002', 25, 0),
		cdrRow(3, '2024-05-02 10:10:10', '1002', '95551234', 75, 70, { dst_trunk_name: 'provider', userfield: 'Outbound', dcontext: 'from-internal', dstchannel: 'PJSIP/trunk_1-00000013', dstchannel_ext: 'trunk_1' }),
		cdrRow(4, '2024-05-03 10:10:00', '5551234', '1000', 64, 60, { src_trunk_name: 'provider', userfield: 'Inbound', dcontext: 'from-trunk-sip-provider', channel: 'PJSIP/trunk_1-00000004', channel_ext: 'trunk_1' }),
		cdrRow(5, '2024-05-04 10:10:00', '1004', '1003', 30, 0),
		// An inbound call through queue 6500: rang 1000 (no answer) and 1001 (answered), so cdrapi groups it.
		...cdrGroup(
			cdrRow(6, '2024-05-05 10:10:00', '5559876', '6500', 120, 95, { src_trunk_name: 'provider', userfield: 'Inbound', dstanswer: '1001', action_type: 'QUEUE', action_owner: '6500', lastapp: 'Queue', recordfiles: 'q-6500-1714903800-5559876.wav@' }),
			[
				cdrRow(7, '2024-05-05 10:10:05', '5559876', '1000', 20, 0, { src_trunk_name: 'provider', userfield: 'Inbound', action_type: 'QUEUE', action_owner: '6500' }),
				cdrRow(8, '2024-05-05 10:10:05', '5559876', '1001', 115, 95, { src_trunk_name: 'provider', userfield: 'Inbound', action_type: 'QUEUE', action_owner: '6500', recordfiles: 'q-6500-1714903800-5559876.wav@' }),
			],
		),
	],
	/** Recordings by recapi `filedir`. */
	recordings: [
		{ filedir: 'monitor', filename: 'auto-1714554900-1000-1001.wav', seconds: 1 },
		{ filedir: 'queue', filename: 'q-6500-1714903800-5559876.wav', seconds: 1 },
		{ filedir: 'meetme', filename: 'meetme-6300-1714990000.wav', seconds: 0.5 },
	],
	/** Answered/abandoned queue calls for queueapi statistics. */
	queueCalls: [
		{ queue: '6500', agent: '1001', callernum: '5559876', start_time: '2024-05-05 10:10:00', wait_time: 25, talk_time: 95, answered: true },
		{ queue: '6500', agent: '', callernum: '5550001', start_time: '2024-05-05 11:00:00', wait_time: 40, talk_time: 0, answered: false },
	],
	users: [
		{ user_id: 0, user_name: 'admin', privilege: 0, department: null, first_name: null, last_name: null, email: null, language: null, fax: null, family_number: null, phone_number: null, login_time: null, ip: null, cookie: null, email_to_user: 'no', enable_multiple_extension: 'no', multiple_extension: null } as Rec,
	],
};

// ---------------------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------------------

export interface UcmLeg {
	channel: string;
	/** extension number, or external number */
	number: string;
	name: string;
	uniqueid: string;
	isExtension: boolean;
	trunk?: string;
}

export interface UcmCall {
	id: string;
	bridge_id: string;
	a: UcmLeg;
	b: UcmLeg;
	state: 'ringing' | 'up';
	/** 'macro-dial', 'queue', 'ivr', 'page'... (listUnBridgedChannels `service`) */
	service: string;
	startedAt: number;
	answeredAt?: number;
	held: Set<string>;
	muted: Set<string>;
	barges: Array<{ exten: string; mode: string; channel: string }>;
	inbound_trunk_name: string;
	outbound_trunk_name: string;
	/** inbound call waiting for acceptCall/refuseCall (Call Control) */
	awaitingControl?: boolean;
	record: boolean;
	/** Parties transferred away (callTransfer, transferNumber*): each gives the call a sub CDR. */
	transfers?: Array<{ side: 'a' | 'b'; replaced: UcmLeg; by: UcmLeg; at: number }>;
	pagingnum?: string;
	timers: NodeJS.Timeout[];
}

export interface UcmRecording { filedir: string; filename: string; data: Buffer; at: number }

export interface UcmPmsRoom { address: string; room: string; guest?: Rec; wakeups: Rec[]; cfu?: string; dnd?: string }

export interface UcmState {
	brand: UcmBrand;
	startedAt: number;
	accounts: Map<string, Rec>;
	presence: Map<string, Rec[]>;
	users: Map<string, Rec>;
	chats: Map<string, number>;
	sipTrunks: Map<number, Rec>;
	analogTrunks: Map<number, Rec>;
	slaTrunks: Map<number, Rec>;
	digitalTrunks: Map<number, Rec>;
	outboundRoutes: Map<number, Rec>;
	inboundRoutes: Map<number, Rec>;
	queues: Map<string, Rec>;
	/** queue -> agent -> dynamic login/pause state */
	agents: Map<string, Map<string, { loggedIn: boolean; paused: boolean }>>;
	agentLog: Array<{ queue: string; agent: string; event: 'login' | 'logoff' | 'pause' | 'unpause'; at: number }>;
	queueCalls: Rec[];
	ringGroups: Map<string, Rec>;
	ivrs: Map<string, Rec>;
	paginggroups: Map<string, Rec>;
	extensionGroups: Rec[];
	pinSets: Rec[];
	cdrs: Rec[];
	recordings: UcmRecording[];
	calls: Map<string, UcmCall>;
	pms: { rooms: Map<string, UcmPmsRoom>; minibars: Map<string, Rec>; goods: Map<string, Rec>; waiters: Map<string, Rec>; log: Rec[] };
	/** configuration changed since the last applyChanges */
	needApply: boolean;
	applied: number;
	prompts: { played: Rec[] };
}

export interface UcmOptions {
	cookieTtlMs: number;
	expireEveryNRequests?: number;
	lockoutFailures: number;
	lockoutMs: number;
	maxConcurrent?: number;
	/** Extra delay before every /api answer (keeps requests in flight, for burst tests). */
	latencyMs: number;
	/** Status for an unknown/expired cookie (the manuals name only -6; -8 "System timeout" is selectable). */
	expiredStatus: number;
	/** How long an API-placed call stays up before it hangs up by itself. */
	callDurationMs: number;
	/** Delay before an API-placed call is answered. */
	answerDelayMs: number;
	/** "Call Control" switch of the API settings page (acceptCall/refuseCall; inbound calls wait 10 s). */
	callControl: boolean;
	/** The HTTPS API switch; off (or a client IP outside `permittedIps`) answers challenge/login with -47, as seen in the field. */
	apiEnabled: boolean;
	permittedIps?: string[];
	/** Error answers quote the request they refuse, cookie included (as some web stacks do in their error text):
	 *  in the JSON `error` text, or as a 200 HTML page. */
	echoRequestInErrors?: boolean | 'html';
	/** Call Control window before an inbound call is accepted automatically (manual: 10 s). */
	callControlMs: number;
	/** Send reports to the login `url` (default: on for FIBERME; the Grandstream manual says "not supported yet"). */
	sendReports: boolean;
	reportTimeoutMs: number;
	pmsUsername: string;
	pmsPassword: string;
}

export interface UcmStartOptions extends Partial<UcmOptions> {
	brand?: UcmBrand;
	port?: number;
	host?: string;
	username?: string;
	password?: string;
	tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface UcmSession { cookie: string; user: string; ip: string; url?: string; createdAt: number; lastUsed: number; uses: number }

export interface UcmEmulator {
	url: string;
	port: number;
	brand: UcmBrand;
	username: string;
	password: string;
	state: UcmState;
	requests: Array<{ action?: string; path: string; body: unknown; cookie?: string; at: number }>;
	logins: number;
	loginAttempts: number;
	challenges: number;
	/** Requests refused as a burst (-45/-46/-57), and the most requests ever in flight at once. */
	burstRefusals: number;
	peakInFlight: number;
	options: UcmOptions;
	/** Invalidate every cookie now (the next request with one gets -6). */
	expireCookies(): void;
	/** Open sockets (keep-alive check). */
	connections(): number;
	/** Back to the seed; forget sessions, lockouts, logs. */
	reset(): void;
	close(): Promise<void>;
	reports: Array<{ url: string; body: string; status: number }>;
	/** A call from `from` to `to` (extension or external number) that rings, is answered (default) and ends, with
	 *  its CDR, reports, recording (if the extension records). Resolves when every report has been answered. */
	simulateCall(opts: { from: string; to: string; answer?: boolean; durationS?: number }): Promise<void>;
	/** The last login that registered a report `url` (live session preferred). */
	registration(): { url?: string; cookie?: string } | undefined;
	/** Live sessions. */
	sessions: Map<string, UcmSession>;
	/** pmsapi token for the configured PMS credentials. */
	pmsToken(): string;
	/** Wait until queued reports have been delivered. */
	settle(): Promise<void>;
	/** Send a report now (to the registered url or `to`). */
	report(body: Rec, to?: string): Promise<{ status: number; body: string }>;
}

class UcmError extends Error {
	constructor(readonly status: number, readonly response?: Rec) {
		super(`UCM status ${status}: ${UCM_ERROR_CODES[String(status)] ?? ''}`);
	}
}

type Body = Record<string, unknown>;
type Reply = Rec | { raw: Buffer | string; type: string; headers?: Record<string, string> };
interface Ctx { body: Body; session?: UcmSession; ip: string }

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

function fmtTime(ms: number): string {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function fmtDuration(ms: number): string {
	const s = Math.floor(ms / 1000);
	return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** Manual time filters: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS[.SSS]], HH:MM[:SS]; optional zone (%2B for +). Times in UTC. */
export function parseUcmTime(s: string, endOfDay = false): number | undefined {
	const t = s.trim().replace(/ /g, '+');
	if (!t) return undefined;
	let m = /^(\d{4}-\d{2}-\d{2})$/.exec(t);
	if (m) return Date.parse(`${m[1]}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z`);
	m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
	if (m) return Date.parse(`${m[1]}T${m[2].length === 5 ? m[2] + ':00' : m[2]}${m[3] ?? 'Z'}`);
	m = /^(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
	if (m) return Date.parse(`2000-01-01T${m[1].length === 5 ? m[1] + ':00' : m[1]}${m[2] ?? 'Z'}`);
	return NaN;
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function need(b: Body, ...names: string[]): string[] {
	return names.map((n) => {
		const v = b[n];
		if (v === undefined || v === null || v === '') throw new UcmError(-1);
		return str(v).trim();
	});
}

function opt(b: Body, name: string): string | undefined {
	const v = b[name];
	return v === undefined || v === null ? undefined : str(v);
}

function yesNo(b: Body, name: string, values = ['yes', 'no']): void {
	const v = opt(b, name);
	if (v !== undefined && v !== '' && !values.includes(v)) throw new UcmError(-15);
}

const CONTROL_KEYS = new Set(['action', 'cookie']);

function merge(target: Rec, b: Body, skip: string[] = []): void {
	for (const [k, v] of Object.entries(b)) if (!CONTROL_KEYS.has(k) && !skip.includes(k)) target[k] = v;
}

/** Asterisk/UCM dial pattern (`_9X.`, `_1xxx`, `_X.`, `[2-5]`, `Z`, `N`, `!`) -> RegExp. */
export function ucmPatternToRegex(p: string): RegExp {
	let s = p.trim();
	if (s.startsWith('_')) s = s.slice(1);
	else return new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
	let out = '';
	for (let i = 0; i < s.length; i++) {
		const c = s[i];
		if (c === 'X' || c === 'x') out += '[0-9]';
		else if (c === 'Z' || c === 'z') out += '[1-9]';
		else if (c === 'N' || c === 'n') out += '[2-9]';
		else if (c === '.') out += '.+';
		else if (c === '!') out += '.*';
		else if (c === '[') {
			const j = s.indexOf(']', i);
			out += s.slice(i, j + 1);
			i = j;
		} else out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	}
	return new RegExp(`^${out}$`);
}

/** cdrapi `caller` filter (Table 70): comma list of numbers, ranges `a-b`, and patterns with `@` (any digits) / `_` (one char); `0-0` matches non-numeric and empty. */
export function cdrCallerMatcher(spec: string): (n: string) => boolean {
	const parts = spec.split(',').map((s) => s.trim()).filter(Boolean);
	const tests: Array<(n: string) => boolean> = [];
	for (const p of parts) {
		if (p === '0-0') tests.push((n) => n === '' || !/^\d+$/.test(n));
		else if (/[@_]/.test(p)) {
			const re = new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/@/g, '\\d*').replace(/_/g, '.')}$`);
			tests.push((n) => re.test(n));
		} else if (/^\d+-\d+$/.test(p)) {
			const [a, b] = p.split('-').map(Number);
			tests.push((n) => /^\d+$/.test(n) && Number(n) >= a && Number(n) <= b);
		} else if (/^\d+$/.test(p)) tests.push((n) => n === p);
		// other strings are ignored (manual)
	}
	return (n) => tests.length === 0 || tests.some((t) => t(n));
}

function toCsv(columns: readonly string[], rows: Rec[]): string {
	return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(str(r[c]))).join(','))].join('\r\n') + '\r\n';
}

function xmlElems(obj: Rec, indent = '  '): string {
	return Object.entries(obj).map(([k, v]) => `${indent}<${k}>${xmlEsc(str(v))}</${k}>`).join('\n');
}

/** Minimal ustar archive (recapi with several comma-separated file names). */
export function makeTar(files: Array<{ name: string; data: Buffer; mtime?: number }>): Buffer {
	const blocks: Buffer[] = [];
	for (const f of files) {
		const h = Buffer.alloc(512);
		h.write(f.name.slice(0, 99), 0, 'utf8');
		h.write('0000644\0', 100, 'ascii');
		h.write('0000000\0', 108, 'ascii');
		h.write('0000000\0', 116, 'ascii');
		h.write(f.data.length.toString(8).padStart(11, '0') + '\0', 124, 'ascii');
		h.write(Math.floor((f.mtime ?? Date.now()) / 1000).toString(8).padStart(11, '0') + '\0', 136, 'ascii');
		h.write('        ', 148, 'ascii');
		h.write('0', 156, 'ascii');
		h.write('ustar\0', 257, 'ascii');
		h.write('00', 263, 'ascii');
		let sum = 0;
		for (const b of h) sum += b;
		h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
		blocks.push(h, f.data, Buffer.alloc((512 - (f.data.length % 512)) % 512));
	}
	blocks.push(Buffer.alloc(1024));
	return Buffer.concat(blocks);
}

/** pmsapi `data`: XML `<pms_data_request><op>..</op></pms_data_request>` or JSON `{"op":{..}}` -> list of operations. */
export function parsePmsData(data: unknown, format?: string): Array<{ op: string; fields: Record<string, string> }> {
	if (data && typeof data === 'object') {
		return Object.entries(data as Rec).map(([op, v]) => ({ op: op.toLowerCase(), fields: flatStrings(v) }));
	}
	const text = str(data).trim();
	if (!text) return [];
	if (format === 'json' || text.startsWith('{')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			throw new UcmError(-1, { error: 'Invalid JSON in data' });
		}
		return parsePmsData(parsed ?? {}, 'json');
	}
	const inner = /<pms_data_request>([\s\S]*?)<\/pms_data_request>/i.exec(text)?.[1] ?? text;
	const ops: Array<{ op: string; fields: Record<string, string> }> = [];
	const re = /<(\w+)>((?:(?!<\1>)[\s\S])*?)<\/\1>/g;
	let m: RegExpExecArray | null;
	let consumed = '';
	while ((m = re.exec(inner))) {
		if (/<\w+>/.test(m[2])) {
			ops.push({ op: m[1].toLowerCase(), fields: xmlFields(m[2]) });
			consumed += m[0];
		}
	}
	if (ops.length === 0) {
		// The manual's DND example has no <dnd> element: bare fields with <status> mean dnd.
		const fields = xmlFields(inner.replace(/<\/\w+>\s*$/, ''));
		if (fields.status !== undefined) ops.push({ op: 'dnd', fields });
		else if (Object.keys(fields).length) throw new UcmError(-1, { error: 'Unknown PMS operation' });
	}
	void consumed;
	return ops;
}

function xmlFields(s: string): Record<string, string> {
	const out: Record<string, string> = {};
	const re = /<(\w+)>([^<]*)<\/\1>|<(\w+)\s*\/>/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(s))) {
		if (m[1]) out[m[1].toLowerCase()] = m[2].trim();
		else if (m[3]) out[m[3].toLowerCase()] = '';
	}
	return out;
}

function flatStrings(v: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (v && typeof v === 'object') for (const [k, x] of Object.entries(v as Rec)) out[k.toLowerCase()] = str(x);
	return out;
}

function postText(to: string, text: string, timeoutMs: number): Promise<{ status: number; body: string }> {
	return new Promise((resolve) => {
		let url: URL;
		try {
			url = new URL(to);
		} catch {
			resolve({ status: 0, body: 'invalid report URL' });
			return;
		}
		const data = Buffer.from(text, 'utf8');
		const mod = url.protocol === 'https:' ? https : http;
		const req = mod.request(
			{
				hostname: url.hostname.replace(/^\[|\]$/g, ''),
				port: url.port || (url.protocol === 'https:' ? 443 : 80),
				path: (url.pathname || '/') + url.search,
				method: 'POST',
				agent: false,
				rejectUnauthorized: false,
				headers: { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(data.length), Connection: 'close' },
				timeout: timeoutMs,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', () => resolve({ status: res.statusCode ?? 0, body: '' }));
			},
		);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (err) => resolve({ status: 0, body: String(err.message) }));
		req.end(data);
	});
}

function clone<T>(v: T): T {
	return JSON.parse(JSON.stringify(v)) as T;
}

function seedState(brand: UcmBrand): UcmState {
	const accounts = new Map<string, Rec>();
	const presence = new Map<string, Rec[]>();
	const users = new Map<string, Rec>();
	for (const u of UCM_SEED.users) users.set(str(u.user_name), clone(u));
	let uid = 1;
	for (const a of UCM_SEED.extensions) {
		const e = clone(a);
		accounts.set(str(e.extension), e);
		presence.set(str(e.extension), presenceSettings());
		users.set(str(e.extension), newUser(uid++, str(e.extension), e));
	}
	const recordings: UcmRecording[] = UCM_SEED.recordings.map((r) => ({ filedir: r.filedir, filename: r.filename, data: makeWav(r.seconds), at: Date.parse('2024-05-01T09:15:00Z') }));
	return {
		brand,
		startedAt: Date.now(),
		accounts,
		presence,
		users,
		chats: new Map([['1000', 3], ['1001', 1]]),
		sipTrunks: new Map(UCM_SEED.sipTrunks.map((t) => [Number(t.trunk_index), clone(t)])),
		analogTrunks: new Map(UCM_SEED.analogTrunks.map((t) => [Number(t.trunk_index), clone(t)])),
		slaTrunks: new Map(),
		digitalTrunks: new Map(UCM_SEED.digitalTrunks.map((t) => [Number(t.trunk_index), clone(t)])),
		outboundRoutes: new Map(UCM_SEED.outboundRoutes.map((r) => [Number(r.outbound_rt_index), clone(r)])),
		inboundRoutes: new Map(UCM_SEED.inboundRoutes.map((r) => [Number(r.inbound_rt_index), clone(r)])),
		queues: new Map(UCM_SEED.queues.map((q) => [str(q.extension), clone(q)])),
		agents: new Map([['6500', new Map([['1000', { loggedIn: true, paused: false }], ['1001', { loggedIn: true, paused: false }]])]]),
		agentLog: [],
		queueCalls: clone(UCM_SEED.queueCalls) as Rec[],
		ringGroups: new Map(UCM_SEED.ringGroups.map((g) => [str(g.extension), clone(g)])),
		ivrs: new Map(UCM_SEED.ivrs.map((i) => [str(i.ivr_id), clone(i)])),
		paginggroups: new Map(UCM_SEED.paginggroups.map((p) => [str(p.extension), clone(p)])),
		extensionGroups: clone(UCM_SEED.extensionGroups),
		pinSets: clone(UCM_SEED.pinSets),
		cdrs: clone(UCM_SEED.cdrs),
		recordings,
		calls: new Map(),
		pms: { rooms: new Map(), minibars: new Map(), goods: new Map(), waiters: new Map(), log: [] },
		needApply: false,
		applied: 0,
		prompts: { played: [] },
	};
}

function newUser(id: number, name: string, acct: Rec): Rec {
	const [first, ...rest] = str(acct.fullname).split(' ');
	return {
		user_id: id, user_name: name, privilege: 3, department: null, first_name: first || null, last_name: rest.join(' ') || null,
		email: acct.email ?? null, language: 'en', fax: null, family_number: null, phone_number: null, login_time: null, ip: null,
		cookie: null, email_to_user: 'no', enable_multiple_extension: 'no', multiple_extension: null, user_password: `User#${name}pw`,
	};
}

/** Paging/sorting/field selection of the list actions (page, item_num, sidx, sord, options). */
function listPage(key: string, rows: Rec[], b: Body): Rec {
	let items = rows.map((r) => ({ ...r }));
	const sidx = opt(b, 'sidx');
	if (sidx) {
		const desc = /^desc$/i.test(opt(b, 'sord') ?? '');
		items.sort((x, y) => {
			const a = str(x[sidx]);
			const c = str(y[sidx]);
			const r = /^\d+$/.test(a) && /^\d+$/.test(c) ? Number(a) - Number(c) : a.localeCompare(c);
			return desc ? -r : r;
		});
	}
	const options = opt(b, 'options');
	if (options) {
		const fields = options.split(',').map((f) => f.trim().replace(/^trunks\./, '')).filter(Boolean);
		items = items.map((r) => {
			const o: Rec = {};
			for (const f of fields) if (f in r) o[f] = r[f];
			return o;
		});
	}
	const total = items.length;
	const itemNum = Number(opt(b, 'item_num') ?? 0);
	const page = Math.max(1, Number(opt(b, 'page') ?? 1) || 1);
	if (!itemNum || itemNum <= 0) return { [key]: items, page: 1, total_item: total, total_page: 1 };
	return { [key]: items.slice((page - 1) * itemNum, page * itemNum), page, total_item: total, total_page: Math.max(1, Math.ceil(total / itemNum)) };
}

/** getX actions: request keys sent with an empty value select the returned fields (getOutboundRoute example). */
function selectFields(r: Rec, b: Body, idKeys: string[]): Rec {
	const wanted = Object.entries(b).filter(([k, v]) => !CONTROL_KEYS.has(k) && !idKeys.includes(k) && v === '').map(([k]) => k);
	if (!wanted.length) return { ...r };
	const o: Rec = {};
	for (const k of wanted) if (k in r) o[k] = r[k];
	return o;
}

const NEED_APPLY_YES = { need_apply: 'yes' };
const NEED_APPLY_NO = { need_apply: 'no' };
const WRITE_ACTION = /^(add|update|delete|apply|pause|login|clean|multicast|hangup|callbarge|dial|transfer|accept|refuse|play|mute|unmute|hold|unhold|calltransfer|pmsapi)/i;

// ---------------------------------------------------------------------------------------------------------------
// Emulator
// ---------------------------------------------------------------------------------------------------------------

type Handler = (this: Emulator, ctx: Ctx) => Reply | Promise<Reply>;

class Emulator implements UcmEmulator {
	url = '';
	port = 0;
	readonly brand: UcmBrand;
	readonly username: string;
	readonly password: string;
	state: UcmState;
	requests: UcmEmulator['requests'] = [];
	logins = 0;
	loginAttempts = 0;
	challenges = 0;
	burstRefusals = 0;
	peakInFlight = 0;
	options: UcmOptions;
	reports: UcmEmulator['reports'] = [];
	sessions = new Map<string, UcmSession>();

	private readonly server: http.Server;
	private readonly scheme: 'http' | 'https';
	private readonly sockets = new Set<Socket>();
	private readonly pendingChallenges = new Map<string, { challenge: string; at: number }>();
	private readonly lockouts = new Map<string, { failures: number; lockedUntil: number }>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private inFlight = 0;
	private chanSeq = 0x10;
	private callSeq = 100;
	private chain: Promise<void> = Promise.resolve();
	private lastRegistration?: UcmSession;

	constructor(private readonly host: string, opts: UcmStartOptions) {
		this.brand = opts.brand ?? 'grandstream';
		this.username = opts.username ?? UCM_DEFAULT_USERNAME;
		this.password = opts.password ?? UCM_DEFAULT_PASSWORD;
		this.options = {
			cookieTtlMs: opts.cookieTtlMs ?? 10 * 60_000,
			expireEveryNRequests: opts.expireEveryNRequests,
			lockoutFailures: opts.lockoutFailures ?? 5,
			lockoutMs: opts.lockoutMs ?? 10 * 60_000,
			maxConcurrent: opts.maxConcurrent,
			latencyMs: opts.latencyMs ?? 0,
			expiredStatus: opts.expiredStatus ?? -6,
			callDurationMs: opts.callDurationMs ?? 30_000,
			answerDelayMs: opts.answerDelayMs ?? 30,
			callControl: opts.callControl ?? false,
			apiEnabled: opts.apiEnabled ?? true,
			permittedIps: opts.permittedIps,
			callControlMs: opts.callControlMs ?? 10_000,
			sendReports: opts.sendReports ?? this.brand === 'fiberme',
			reportTimeoutMs: opts.reportTimeoutMs ?? 5_000,
			pmsUsername: opts.pmsUsername ?? UCM_DEFAULT_PMS_USERNAME,
			pmsPassword: opts.pmsPassword ?? UCM_DEFAULT_PMS_PASSWORD,
		};
		this.state = seedState(this.brand);
		const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
			this.handle(req, res).catch((err: unknown) => {
				if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
				res.end(String(err));
			});
		};
		this.scheme = opts.tls ? 'https' : 'http';
		this.server = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, listener) : http.createServer(listener);
		this.server.keepAliveTimeout = 5_000;
		this.server.on(opts.tls ? 'secureConnection' : 'connection', (s: Socket) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
	}

	async listen(port: number): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, this.host, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		const addr = this.server.address();
		this.port = typeof addr === 'object' && addr ? addr.port : port;
		this.url = `${this.scheme}://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`;
	}

	// ---- public API ------------------------------------------------------------------------------------------

	expireCookies(): void {
		this.sessions.clear();
	}

	connections(): number {
		return this.sockets.size;
	}

	reset(): void {
		this.clearCalls();
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		this.state = seedState(this.brand);
		this.sessions.clear();
		this.pendingChallenges.clear();
		this.lockouts.clear();
		this.requests.length = 0;
		this.reports.length = 0;
		this.logins = 0;
		this.loginAttempts = 0;
		this.challenges = 0;
		this.burstRefusals = 0;
		this.peakInFlight = 0;
		this.lastRegistration = undefined;
	}

	async close(): Promise<void> {
		this.clearCalls();
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		await this.chain.catch(() => undefined);
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			for (const s of this.sockets) s.destroy();
		});
	}

	registration(): { url?: string; cookie?: string } | undefined {
		const live = [...this.sessions.values()].filter((s) => s.url && !this.isExpired(s)).pop();
		const s = live ?? this.lastRegistration;
		return s ? { url: s.url, cookie: s.cookie } : undefined;
	}

	pmsToken(): string {
		return md5(this.options.pmsUsername + this.options.pmsPassword);
	}

	settle(): Promise<void> {
		return this.chain;
	}

	async report(body: Rec, to?: string): Promise<{ status: number; body: string }> {
		const target = to ?? this.registration()?.url;
		if (!target) return { status: 0, body: 'no report url registered' };
		const url = absolutize(target);
		const text = JSON.stringify(body);
		const r = await postText(url, text, this.options.reportTimeoutMs);
		this.reports.push({ url, body: text, status: r.status });
		return r;
	}

	/** Queue a report (ordered delivery) when a live session registered a url. */
	private emit(body: Rec): void {
		if (!this.options.sendReports) return;
		const urls = new Set([...this.sessions.values()].filter((s) => s.url && !this.isExpired(s)).map((s) => s.url as string));
		for (const u of urls) this.chain = this.chain.then(() => this.report(body, u).then(() => undefined));
	}

	async simulateCall(o: { from: string; to: string; answer?: boolean; durationS?: number }): Promise<void> {
		const answer = o.answer ?? true;
		const durationS = o.durationS ?? 5;
		const now = Date.now();
		const fromExt = this.state.accounts.has(o.from);
		const toExt = this.state.accounts.has(o.to);
		const trunk = this.state.sipTrunks.get(1);
		const trunkName = trunk ? str(trunk.trunk_name) : '';
		// A call to a queue or ring group number rings its members: its CDR comes grouped (main + sub legs).
		const service = this.state.queues.has(o.to) ? 'queue' : this.state.ringGroups.has(o.to) ? 'ringgroup' : 'macro-dial';
		const toLeg = this.leg(o.to, toExt || service !== 'macro-dial' ? undefined : trunkName);
		if (service !== 'macro-dial') toLeg.channel = `Local/${o.to}@${service}-${toLeg.channel.split('-').pop() ?? ''}`;
		const call = this.newCall(this.leg(o.from, fromExt ? undefined : trunkName), toLeg, {
			service,
			inbound: fromExt ? '' : trunkName,
			outbound: !fromExt || toExt || service !== 'macro-dial' ? '' : trunkName,
		});
		call.startedAt = now - durationS * 1000 - (answer ? 3000 : 0);
		this.extStatus(call.a, 'InUse');
		this.extStatus(call.b, 'Ringing');
		this.callEvent('ringing', call);
		if (answer) {
			call.state = 'up';
			call.answeredAt = now - durationS * 1000;
			this.extStatus(call.b, 'InUse');
			this.callEvent('answered', call);
		}
		this.endCall(call, answer ? 'ANSWERED' : 'NO ANSWER', now);
		await this.settle();
	}

	// ---- sessions --------------------------------------------------------------------------------------------

	private isExpired(s: UcmSession): boolean {
		return Date.now() - s.lastUsed > this.options.cookieTtlMs;
	}

	private useCookie(cookie: string | undefined): UcmSession {
		if (!cookie) throw new UcmError(-6);
		const s = this.sessions.get(cookie);
		if (!s) throw new UcmError(this.options.expiredStatus);
		if (this.isExpired(s)) {
			this.sessions.delete(cookie);
			throw new UcmError(this.options.expiredStatus);
		}
		const n = this.options.expireEveryNRequests;
		if (n !== undefined && n > 0 && s.uses >= n) {
			this.sessions.delete(cookie);
			throw new UcmError(this.options.expiredStatus);
		}
		s.uses++;
		s.lastUsed = Date.now();
		return s;
	}

	private lockKey(ip: string): string {
		return ip;
	}

	private checkLock(ip: string): void {
		const l = this.lockouts.get(this.lockKey(ip));
		if (l && l.lockedUntil > Date.now()) throw new UcmError(-68, { remain_time: Math.ceil((l.lockedUntil - Date.now()) / 1000) });
		if (l && l.lockedUntil && l.lockedUntil <= Date.now()) this.lockouts.delete(this.lockKey(ip));
	}

	private fail(ip: string, status: number): never {
		const key = this.lockKey(ip);
		const l = this.lockouts.get(key) ?? { failures: 0, lockedUntil: 0 };
		l.failures++;
		const remain = Math.max(0, this.options.lockoutFailures - l.failures);
		const extra: Rec = { remain_num: remain };
		if (remain === 0) {
			l.lockedUntil = Date.now() + this.options.lockoutMs;
			extra.remain_time = Math.ceil(this.options.lockoutMs / 1000);
		}
		this.lockouts.set(key, l);
		throw new UcmError(status, extra);
	}

	// ---- HTTP ------------------------------------------------------------------------------------------------

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		this.inFlight++;
		this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
		try {
			const url = new URL(req.url ?? '/', 'http://x');
			const path = url.pathname.replace(/\/+$/, '') || '/';
			const text = await readBody(req);
			if (text === undefined) throw new Error('body too large');
			const ip = normIp(req.socket.remoteAddress);
			let body: Body;
			let parsed: unknown;
			const legacy = /^\/(cdrapi|recapi|pmsapi|queueapi)$/i.exec(path);
			if (path === '/api' && req.method === 'POST') {
				try {
					parsed = text ? JSON.parse(text) : {};
				} catch {
					parsed = undefined;
				}
				const r = parsed && typeof parsed === 'object' ? (parsed as Rec).request : undefined;
				body = r && typeof r === 'object' && !Array.isArray(r) ? { ...(r as Rec) } : {};
				if (!r) {
					this.requests.push({ path, body: parsed ?? text, at: Date.now() });
					await this.delay();
					return this.send(res, { status: -1 });
				}
			} else if (legacy) {
				body = { action: legacy[1].toLowerCase() };
				for (const [k, v] of url.searchParams) body[k] = body[k] !== undefined && k !== 'action' ? `${str(body[k])},${v}` : v;
				if (text && req.method === 'POST') {
					const ct = String(req.headers['content-type'] ?? '');
					if (/json/.test(ct)) {
						try {
							const j = JSON.parse(text) as Rec;
							Object.assign(body, (j.request as Rec | undefined) ?? j);
						} catch {
							/* ignore */
						}
					} else for (const [k, v] of new URLSearchParams(text)) body[k] = v;
					body.action = legacy[1].toLowerCase();
				}
				parsed = body;
			} else {
				res.writeHead(404, { 'Content-Type': 'text/plain' });
				res.end('Not Found');
				return;
			}
			const action = typeof body.action === 'string' ? body.action : undefined;
			const cookie = typeof body.cookie === 'string' ? body.cookie : undefined;
			this.requests.push({ action, path, body: parsed, cookie, at: Date.now() });
			const max = this.options.maxConcurrent;
			if (max !== undefined && max > 0 && this.inFlight > max) {
				this.burstRefusals++;
				await this.delay();
				return this.send(res, { status: this.inFlight > 2 * max ? -57 : action && WRITE_ACTION.test(action) ? -46 : -45 });
			}
			await this.delay();
			let reply: Reply;
			try {
				reply = await this.dispatch(action, { body, ip });
			} catch (e) {
				if (e instanceof UcmError && this.options.echoRequestInErrors === 'html') {
					res.writeHead(200, { 'Content-Type': 'text/html' });
					res.end(`<p>${text}</p>`);
					return;
				}
				if (e instanceof UcmError && this.options.echoRequestInErrors) return this.send(res, { status: e.status, error: `${UCM_ERROR_CODES[String(e.status)] ?? 'Error'} in request ${text}` });
				if (e instanceof UcmError) return this.send(res, e.response ? { response: e.response, status: e.status } : { status: e.status });
				throw e;
			}
			if ('raw' in reply && 'type' in reply && (Buffer.isBuffer(reply.raw) || typeof reply.raw === 'string')) {
				const data = Buffer.isBuffer(reply.raw) ? reply.raw : Buffer.from(reply.raw, 'utf8');
				res.writeHead(200, { 'Content-Type': str(reply.type), 'Content-Length': String(data.length), ...(reply.headers as Record<string, string> | undefined) });
				res.end(data);
				return;
			}
			this.send(res, { response: reply, status: 0 });
		} finally {
			this.inFlight--;
		}
	}

	private delay(): Promise<void> {
		const ms = this.options.latencyMs;
		return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
	}

	private send(res: http.ServerResponse, obj: unknown): void {
		const data = Buffer.from(JSON.stringify(obj), 'utf8');
		res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(data.length) });
		res.end(data);
	}

	private async dispatch(action: string | undefined, ctx: Ctx): Promise<Reply> {
		if (!action) throw new UcmError(-1);
		const key = action.toLowerCase();
		if (key === 'challenge') return this.challenge(ctx);
		if (key === 'login') return this.login(ctx);
		ctx.session = this.useCookie(typeof ctx.body.cookie === 'string' ? ctx.body.cookie : undefined);
		const h = HANDLERS[key];
		if (!h || (this.brand === 'fiberme' && UCM_GRANDSTREAM_ONLY_ACTIONS.includes(key))) throw new UcmError(-19);
		return h.call(this, ctx);
	}

	private checkApiAccess(ip: string): void {
		const allowed = this.options.permittedIps;
		if (!this.options.apiEnabled || (allowed && !allowed.includes(ip))) throw new UcmError(-47);
	}

	private challenge(ctx: Ctx): Reply {
		this.checkApiAccess(ctx.ip);
		this.checkLock(ctx.ip);
		const [user] = need(ctx.body, 'user');
		this.challenges++;
		if (user !== this.username) this.fail(ctx.ip, -71);
		const challenge = String(randomInt(0, 1e9)).padStart(16, '0');
		this.pendingChallenges.set(`${ctx.ip}|${user}`, { challenge, at: Date.now() });
		return { challenge };
	}

	private login(ctx: Ctx): Reply {
		this.loginAttempts++;
		this.checkApiAccess(ctx.ip);
		this.checkLock(ctx.ip);
		const [user] = need(ctx.body, 'user');
		if (user !== this.username) this.fail(ctx.ip, -71);
		const token = opt(ctx.body, 'token') ?? '';
		const key = `${ctx.ip}|${user}`;
		const ch = this.pendingChallenges.get(key);
		this.pendingChallenges.delete(key);
		if (!ch || Date.now() - ch.at > this.options.cookieTtlMs || token.toLowerCase() !== md5(ch.challenge + this.password)) this.fail(ctx.ip, -37);
		this.lockouts.delete(this.lockKey(ctx.ip));
		const cookie = `sid${randomInt(1, 2 ** 31 - 1)}-${Math.floor(Date.now() / 1000)}`;
		const url = opt(ctx.body, 'url') || undefined;
		const s: UcmSession = { cookie, user, ip: ctx.ip, url, createdAt: Date.now(), lastUsed: Date.now(), uses: 0 };
		this.sessions.set(cookie, s);
		if (url) this.lastRegistration = s;
		this.logins++;
		return { cookie };
	}

	// ---- calls -----------------------------------------------------------------------------------------------

	leg(number: string, trunk?: string): UcmLeg {
		const seq = (this.chanSeq++).toString(16).padStart(8, '0');
		const acct = this.state.accounts.get(number);
		const isExtension = !!acct && !trunk;
		const trunkIdx = trunk ? [...this.state.sipTrunks.values()].find((t) => t.trunk_name === trunk)?.trunk_index ?? 1 : undefined;
		return {
			channel: isExtension ? `PJSIP/${number}-${seq}` : `PJSIP/trunk_${str(trunkIdx ?? 1)}-${seq}`,
			number,
			name: isExtension ? str(acct?.fullname ?? '') : '',
			uniqueid: `${(Date.now() / 1000).toFixed(0)}.${this.callSeq++}`,
			isExtension,
			trunk,
		};
	}

	newCall(a: UcmLeg, b: UcmLeg, o: { service: string; inbound?: string; outbound?: string; record?: boolean }): UcmCall {
		const id = `call-${this.callSeq++}`;
		const rec = (l: UcmLeg): boolean => l.isExtension && ['on', 'all', 'yes'].includes(str(this.state.accounts.get(l.number)?.auto_record));
		const call: UcmCall = {
			id, bridge_id: `${randomInt(0x10000000, 0x7fffffff).toString(16)}-f03d-4575-a4cb-${randomInt(0x100000, 0xffffff).toString(16)}f864c2a2`,
			a, b, state: 'ringing', service: o.service, startedAt: Date.now(), held: new Set(), muted: new Set(), barges: [],
			inbound_trunk_name: o.inbound ?? '', outbound_trunk_name: o.outbound ?? '', record: o.record ?? (rec(a) || rec(b)), timers: [],
		};
		this.state.calls.set(id, call);
		return call;
	}

	private timer(call: UcmCall | undefined, ms: number, fn: () => void): void {
		const t = setTimeout(() => {
			this.timers.delete(t);
			fn();
		}, ms);
		t.unref?.();
		this.timers.add(t);
		call?.timers.push(t);
	}

	/** Place an API call: ringing, answered after answerDelayMs, hung up after callDurationMs. */
	placeCall(a: UcmLeg, b: UcmLeg, o: { service: string; inbound?: string; outbound?: string; control?: boolean }): UcmCall {
		const call = this.newCall(a, b, o);
		this.extStatus(a, 'InUse');
		this.extStatus(b, 'Ringing');
		this.callEvent('ringing', call);
		if (o.control && this.options.callControl) {
			call.awaitingControl = true;
			this.timer(call, this.options.callControlMs, () => this.answer(call));
		} else this.timer(call, this.options.answerDelayMs, () => this.answer(call));
		return call;
	}

	answer(call: UcmCall): void {
		if (!this.state.calls.has(call.id) || call.state === 'up') return;
		call.awaitingControl = false;
		call.state = 'up';
		call.answeredAt = Date.now();
		this.extStatus(call.b, 'InUse');
		this.callEvent('answered', call);
		this.timer(call, this.options.callDurationMs, () => this.endCall(call, 'ANSWERED'));
	}

	endCall(call: UcmCall, disposition: string, at = Date.now()): void {
		if (!this.state.calls.has(call.id)) return;
		for (const t of call.timers) {
			clearTimeout(t);
			this.timers.delete(t);
		}
		this.state.calls.delete(call.id);
		const answered = call.answeredAt !== undefined;
		const disp = answered ? 'ANSWERED' : disposition === 'ANSWERED' ? 'NO ANSWER' : disposition;
		let recordfiles = '';
		if (call.record && answered) {
			const filename = `auto-${Math.floor((call.answeredAt ?? at) / 1000)}-${call.a.number}-${call.b.number}.wav`;
			this.state.recordings.push({ filedir: 'monitor', filename, data: makeWav(0.5), at });
			recordfiles = `${filename}@`;
		}
		const id = this.state.cdrs.reduce((m, c) => Math.max(m, Number(c.AcctId) || 0), 0) + 1;
		// A transferred call's main leg is the original pair, up to the first transfer.
		const [mainA, mainB] = transferPairs(call)[0];
		const mainEnd = call.transfers?.[0]?.at ?? at;
		const durationS = Math.max(0, Math.round((mainEnd - call.startedAt) / 1000));
		const billsec = answered ? Math.max(0, Math.round((mainEnd - (call.answeredAt ?? mainEnd)) / 1000)) : 0;
		const cdr = cdrRow(id, fmtTime(call.startedAt), mainA.number, mainB.number, durationS, billsec, {
			disposition: disp, answer: answered ? fmtTime(call.answeredAt ?? at) : '', end: fmtTime(mainEnd),
			dstanswer: answered ? mainB.number : '', channel: mainA.channel, channel_ext: mainA.isExtension ? mainA.number : `trunk_${mainA.channel.split('_')[1]?.split('-')[0] ?? ''}`,
			dstchannel: mainB.channel, dstchannel_ext: mainB.isExtension ? mainB.number : '', uniqueid: mainA.uniqueid,
			caller_name: mainA.name || mainA.number, clid: `"${mainA.name || mainA.number}" <${mainA.number}>`,
			src_trunk_name: call.inbound_trunk_name, dst_trunk_name: call.outbound_trunk_name, recordfiles,
			userfield: call.inbound_trunk_name ? 'Inbound' : call.outbound_trunk_name ? 'Outbound' : 'Internal',
			action_type: call.service === 'page' ? `PAGE[${mainB.number}]` : call.service === 'queue' ? 'QUEUE' : '',
			action_owner: call.service === 'page' || call.service === 'queue' ? mainB.number : '',
			lastdata: mainB.isExtension ? `PJSIP/${mainB.number},60` : mainB.channel,
		});
		const subs = this.subCdrs(call, cdr, at);
		const agent = subs.find((r) => r.disposition === 'ANSWERED' && (call.service === 'queue' || call.service === 'ringgroup'));
		if (agent) cdr.dstanswer = agent.dst;
		if (subs.length) this.state.cdrs.push(...cdrGroup(cdr, subs.map((r, i) => ({ ...r, AcctId: String(id + 1 + i) }))));
		else this.state.cdrs.push(cdr);
		if (call.service === 'queue') {
			this.state.queueCalls.push({ queue: call.b.number, agent: answered ? str(this.state.queues.get(call.b.number)?.members).split(',')[0] : '', callernum: call.a.number, start_time: fmtTime(call.startedAt), wait_time: answered ? Math.round(((call.answeredAt ?? at) - call.startedAt) / 1000) : durationS, talk_time: billsec, answered });
		}
		this.callEvent('hangup', call, { cdr });
		this.extStatus(call.a, 'Idle');
		this.extStatus(call.b, 'Idle');
	}

	/**
	 * The sub legs of a grouped call: a queue or ring group rang its members (the first one answers, as queueapi
	 * records it), or parties were transferred (the replaced party's leg ends at the transfer).
	 */
	private subCdrs(call: UcmCall, main: Rec, at: number): Rec[] {
		const common = { src_trunk_name: main.src_trunk_name, dst_trunk_name: main.dst_trunk_name, userfield: main.userfield, action_type: main.action_type, action_owner: main.action_owner, caller_name: main.caller_name, clid: main.clid };
		const answeredAt = call.answeredAt;
		if (call.service === 'queue' || call.service === 'ringgroup') {
			const group = call.service === 'queue' ? this.state.queues.get(call.b.number) : this.state.ringGroups.get(call.b.number);
			const members = str(group?.members).split(',').filter(Boolean);
			if (call.service === 'ringgroup') Object.assign(common, { action_type: `RINGGROUP[${call.b.number}]`, action_owner: call.b.number });
			return members.map((m, i) => {
				const answered = answeredAt !== undefined && i === 0;
				const legEnd = answered ? at : (answeredAt ?? at);
				const durationS = Math.max(0, Math.round((legEnd - call.startedAt) / 1000));
				return cdrRow(0, fmtTime(call.startedAt), call.a.number, m, durationS, answered ? Math.max(1, Math.round((at - answeredAt) / 1000)) : 0, {
					...common, end: fmtTime(legEnd), answer: answered ? fmtTime(answeredAt) : '', disposition: answered ? 'ANSWERED' : 'NO ANSWER',
					dstanswer: answered ? m : '', channel: call.a.channel, dstchannel: `PJSIP/${m}-${(this.chanSeq++).toString(16).padStart(8, '0')}`, dstchannel_ext: m, lastapp: 'Dial',
				});
			});
		}
		const pairs = transferPairs(call);
		return (call.transfers ?? []).map((t, i, all) => {
			const until = all[i + 1]?.at ?? at;
			const durationS = Math.max(0, Math.round((until - t.at) / 1000));
			const [a, b] = pairs[i + 1];
			return cdrRow(0, fmtTime(t.at), a.number, b.number, durationS, durationS, {
				...common, end: fmtTime(until), answer: fmtTime(t.at), disposition: 'ANSWERED', dstanswer: b.number, channel: a.channel, dstchannel: b.channel,
				dstchannel_ext: b.isExtension ? b.number : '', lastapp: 'Transfer',
			});
		});
	}

	private clearCalls(): void {
		for (const c of this.state.calls.values()) for (const t of c.timers) clearTimeout(t);
		this.state.calls.clear();
	}

	/** Live extension status: base status unless in a call. */
	liveStatus(ext: string): string {
		const acct = this.state.accounts.get(ext);
		if (!acct) return 'Unavailable';
		for (const c of this.state.calls.values()) {
			for (const [l, other] of [[c.a, c.b], [c.b, c.a]] as Array<[UcmLeg, UcmLeg]>) {
				if (l.isExtension && l.number === ext) {
					if (c.state === 'up') return c.held.has(l.channel) ? 'Hold' : 'InUse';
					return l === c.b ? 'Ringing' : 'InUse';
				}
				void other;
			}
		}
		return str(acct.status);
	}

	private extStatus(l: UcmLeg, status: string): void {
		if (!l.isExtension) return;
		const acct = this.state.accounts.get(l.number);
		if (!acct) return;
		const live = status === 'Idle' ? this.liveStatus(l.number) : status;
		this.emit({ action: 'systemReport', type: 'extension_status', extension: l.number, status: live, account_type: acct.account_type, addr: acct.addr, time: fmtTime(Date.now()) });
	}

	channelView(c: UcmCall): Rec {
		return {
			bridge_id: c.bridge_id, bridge_time: fmtTime(c.answeredAt ?? c.startedAt), callerid1: c.a.number, callerid2: c.b.number,
			channel1: c.a.channel, channel2: c.b.channel, have_send: 1, inbound_trunk_name: c.inbound_trunk_name, name1: c.a.name,
			name2: c.b.name, outbound_trunk_name: c.outbound_trunk_name, uniqueid1: c.a.uniqueid, uniqueid2: c.b.uniqueid,
		};
	}

	callEvent(event: 'ringing' | 'answered' | 'hangup', c: UcmCall, extra: Rec = {}): void {
		this.emit({ action: 'callReport', event, time: fmtTime(Date.now()), service: c.service, ...this.channelView(c), ...extra });
	}

	findCall(channel: string): { call: UcmCall; leg: UcmLeg; other: UcmLeg } {
		for (const c of this.state.calls.values()) {
			if (c.a.channel === channel) return { call: c, leg: c.a, other: c.b };
			if (c.b.channel === channel) return { call: c, leg: c.b, other: c.a };
		}
		// An extension number is accepted where the manual says "If the call is from an extension, the extension number will be displayed".
		for (const c of this.state.calls.values()) {
			if (c.a.isExtension && c.a.number === channel) return { call: c, leg: c.a, other: c.b };
			if (c.b.isExtension && c.b.number === channel) return { call: c, leg: c.b, other: c.a };
		}
		throw new UcmError(-16);
	}

	requireExt(n: string): Rec {
		const a = this.state.accounts.get(n);
		if (!a) throw new UcmError(-16);
		if (a.out_of_service === 'yes') throw new UcmError(-15);
		return a;
	}

	/** Outbound route for a dialled number -> trunk name and the number after strip/prepend. */
	route(number: string): { trunk: string; dialled: string } {
		const routes = [...this.state.outboundRoutes.values()].filter((r) => r.out_of_service !== 'yes').sort((a, b) => Number(a.sequence ?? 0) - Number(b.sequence ?? 0));
		for (const r of routes) {
			const pats = Array.isArray(r.pattern) ? (r.pattern as Rec[]).map((p) => str(p.match)) : str(r.pattern).split(/[\n,]/);
			if (pats.some((p) => p && ucmPatternToRegex(p).test(number))) {
				const t = this.state.sipTrunks.get(Number(r.default_trunk_index)) ?? this.state.analogTrunks.get(Number(r.default_trunk_index));
				if (!t) break;
				return { trunk: str(t.trunk_name), dialled: `${str(r.prepend ?? '')}${number.slice(Number(r.strip ?? 0) || 0)}` };
			}
		}
		throw new UcmError(-16);
	}

	/** End a call after callDurationMs (paging). */
	timerEnd(call: UcmCall): void {
		this.timer(call, this.options.callDurationMs, () => this.endCall(call, 'ANSWERED'));
	}

	markChanged(): Rec {
		this.state.needApply = true;
		return NEED_APPLY_YES;
	}

	nextIndex(m: Map<number, unknown>): number {
		return m.size ? Math.max(...m.keys()) + 1 : 1;
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Action handlers
// ---------------------------------------------------------------------------------------------------------------

function accountListView(this: Emulator, a: Rec): Rec {
	return {
		extension: a.extension, account_type: a.account_type, fullname: a.fullname, status: this.liveStatus(str(a.extension)), addr: a.addr,
		out_of_service: a.out_of_service, email: a.email, presence_status: a.presence_status, urgmsg: a.urgmsg, newmsg: a.newmsg, oldmsg: a.oldmsg,
		dnd: a.dnd, permission: a.permission,
	};
}

const ACCOUNT_ENUMS: Record<string, string[]> = {
	hasvoicemail: ['yes', 'no'], skip_vmsecret: ['yes', 'no'], encryption: ['yes', 'no', 'support'], faxdetect: ['yes', 'no'],
	auto_record: ['on', 'off', 'all', 'external', 'internal', 'yes', 'no'], dnd: ['yes', 'no'], nat: ['yes', 'no'],
	permission: ['internal', 'internal-local', 'internal-local-national', 'internal-local-national-international'],
	out_of_service: ['yes', 'no'], enablehotdesk: ['yes', 'no'], t38_udptl: ['yes', 'no'], enable_qualify: ['yes', 'no'],
	dtmfmode: ['rfc2833', 'rfc4733', 'info', 'inband', 'auto'],
};

function applyAccount(this: Emulator, acct: Rec, b: Body): void {
	for (const [k, vals] of Object.entries(ACCOUNT_ENUMS)) yesNo(b, k, vals);
	const secret = opt(b, 'secret');
	if (secret !== undefined && (secret.length < 4 || secret.length > 32)) throw new UcmError(-15);
	const vm = opt(b, 'vmsecret');
	if (vm !== undefined && vm !== '' && !/^\d{4,32}$/.test(vm) && this.brand === 'fiberme') throw new UcmError(-15);
	const cid = opt(b, 'cidnumber');
	if (cid !== undefined && cid !== '' && !/^\+?[\d*#]{2,32}$/.test(cid)) throw new UcmError(-15);
	const pres = (b.sip_presence_settings ?? b.presence_settings) as unknown;
	merge(acct, b, ['sip_presence_settings', 'presence_settings', 'user_password', 'wave_privilege_id', 'extension']);
	if (Array.isArray(pres)) {
		const list = this.state.presence.get(str(acct.extension)) ?? presenceSettings();
		for (const p of pres as Rec[]) {
			const row = list.find((x) => x.presence_status === p.presence_status);
			if (!row) throw new UcmError(-15);
			Object.assign(row, p);
		}
		this.state.presence.set(str(acct.extension), list);
	}
}

function requireQueue(this: Emulator, q: string): Rec {
	const r = this.state.queues.get(q);
	if (!r) throw new UcmError(-16);
	return r;
}

function queueMembers(q: Rec): string[] {
	return str(q.members).split(',').map((s) => s.trim()).filter(Boolean);
}

function ivrKey(this: Emulator, id: string): string {
	if (this.state.ivrs.has(id)) return id;
	for (const [k, v] of this.state.ivrs) if (str(v.extension) === id) return k;
	throw new UcmError(-16);
}

function inboundView(r: Rec): Rec {
	return { ...r };
}

function setChannelFlag(this: Emulator, ctx: Ctx, set: 'held' | 'muted', on: boolean): Reply {
	const [channel] = need(ctx.body, 'channel');
	const { call, leg } = this.findCall(channel);
	if (call.state !== 'up') throw new UcmError(-15);
	if (on) call[set].add(leg.channel);
	else call[set].delete(leg.channel);
	return {};
}

function transfer(this: Emulator, ctx: Ctx, target: string, external: boolean): Reply {
	const [channel] = need(ctx.body, 'channel');
	const { call, leg, other } = this.findCall(channel);
	if (call.state !== 'up') throw new UcmError(-15);
	let newLeg: UcmLeg;
	if (external) {
		const { trunk, dialled } = this.route(target);
		newLeg = this.leg(dialled, trunk);
		call.outbound_trunk_name = trunk;
	} else {
		this.requireExt(target);
		newLeg = this.leg(target);
	}
	// the party on `channel` stays; its peer (`other`) is replaced by the transfer target
	const side = call.a === other ? 'a' : 'b';
	call[side] = newLeg;
	(call.transfers ??= []).push({ side, replaced: other, by: newLeg, at: Date.now() });
	void leg;
	return NEED_APPLY_NO;
}

function pmsOp(this: Emulator, op: string, f: Record<string, string>): void {
	const pms = this.state.pms;
	const roomOf = (create: boolean): UcmPmsRoom => {
		const address = f.address;
		if (!address) throw new UcmError(-1, { error: 'address is required' });
		if (!this.state.accounts.has(address)) throw new UcmError(-1, { error: `address ${address} does not exist` });
		let r = pms.rooms.get(address);
		if (!r && create) {
			r = { address, room: f.room ?? address, wakeups: [] };
			pms.rooms.set(address, r);
		}
		if (!r) throw new UcmError(-1, { error: `address ${address} is not checked in` });
		return r;
	};
	const guestFields = ['account', 'firstname', 'lastname', 'language', 'vipcode', 'datein', 'dateout', 'credit', 'cos'];
	switch (op) {
		case 'checkin': {
			const r = roomOf(true);
			if (r.guest) throw new UcmError(-1, { error: `address ${r.address} is already checked in` });
			if (f.cos && !/^[1-4]$/.test(f.cos)) throw new UcmError(-1, { error: 'cos must be 1-4' });
			r.room = f.room ?? r.room;
			r.guest = Object.fromEntries(guestFields.filter((k) => f[k] !== undefined).map((k) => [k, f[k]]));
			const acct = this.state.accounts.get(r.address);
			if (acct) acct.fullname = [f.firstname, f.lastname].filter(Boolean).join(' ') || acct.fullname;
			break;
		}
		case 'update': {
			const r = roomOf(false);
			if (!r.guest) throw new UcmError(-1, { error: `address ${r.address} is not checked in` });
			for (const k of guestFields) if (f[k] !== undefined) r.guest[k] = f[k];
			break;
		}
		case 'mov': {
			const r = roomOf(false);
			if (!r.guest) throw new UcmError(-1, { error: `address ${r.address} is not checked in` });
			const to = f.d_address;
			if (!to || !this.state.accounts.has(to)) throw new UcmError(-1, { error: 'd_address does not exist' });
			if (pms.rooms.get(to)?.guest) throw new UcmError(-1, { error: `address ${to} is occupied` });
			pms.rooms.set(to, { address: to, room: f.d_room ?? f.r_room ?? to, guest: r.guest, wakeups: r.wakeups });
			pms.rooms.delete(r.address);
			break;
		}
		case 'wakeup': {
			const r = roomOf(true);
			if (!/^[01]$/.test(f.w_action ?? '')) throw new UcmError(-1, { error: 'w_action must be 0 or 1' });
			if (f.w_action === '1') {
				if (!/^\d{4}$/.test(f.w_time ?? '') || (f.w_date !== undefined && !/^\d{8}$/.test(f.w_date))) throw new UcmError(-1, { error: 'bad w_date/w_time' });
				r.wakeups = r.wakeups.filter((w) => !(w.w_date === f.w_date && w.w_time === f.w_time));
				r.wakeups.push({ w_mode: f.w_mode ?? '1', w_date: f.w_date ?? '', w_time: f.w_time });
			} else r.wakeups = f.w_time ? r.wakeups.filter((w) => w.w_time !== f.w_time) : [];
			break;
		}
		case 'checkout': {
			const r = roomOf(false);
			if (!r.guest) throw new UcmError(-1, { error: `address ${r.address} is not checked in` });
			pms.rooms.delete(r.address);
			break;
		}
		case 'addminibar':
			if (!f.barcode) throw new UcmError(-1, { error: 'barcode is required' });
			pms.minibars.set(f.barcode, { ...f });
			break;
		case 'delminibar':
			if (!pms.minibars.delete(f.barcode ?? '')) throw new UcmError(-1, { error: 'minibar does not exist' });
			break;
		case 'addminibargoods':
			if (!f.goodscode) throw new UcmError(-1, { error: 'goodscode is required' });
			pms.goods.set(f.goodscode, { ...f });
			break;
		case 'delminibargoods':
			if (!pms.goods.delete(f.goodscode ?? '')) throw new UcmError(-1, { error: 'goods do not exist' });
			break;
		case 'addminibarwaiter':
			if (!f.maidcode) throw new UcmError(-1, { error: 'maidcode is required' });
			pms.waiters.set(f.maidcode, { ...f });
			break;
		case 'delminibarwaiter':
			if (!pms.waiters.delete(f.maidcode ?? '')) throw new UcmError(-1, { error: 'waiter does not exist' });
			break;
		case 'cfu': {
			const r = roomOf(true);
			r.cfu = f.cfwt ?? '';
			const pres = this.state.presence.get(r.address)?.find((p) => p.presence_status === 'available');
			if (pres) {
				pres.cfu = r.cfu || null;
				pres.cfu_destination_type = r.cfu ? '1' : '0';
			}
			break;
		}
		case 'dnd': {
			const r = roomOf(true);
			if (!/^[01]$/.test(f.status ?? '')) throw new UcmError(-1, { error: 'status must be 0 or 1' });
			r.dnd = f.status;
			const acct = this.state.accounts.get(r.address);
			if (acct) acct.dnd = f.status === '1' ? 'yes' : 'no';
			break;
		}
		default:
			throw new UcmError(-1, { error: `Unknown PMS operation ${op}` });
	}
	pms.log.push({ op, ...f, at: Date.now() });
}

function cdrapi(this: Emulator, ctx: Ctx): Reply {
	const b = ctx.body;
	const format = (opt(b, 'format') || 'csv').toLowerCase();
	if (!['csv', 'xml', 'json'].includes(format)) throw new UcmError(-15);
	const numRecords = opt(b, 'numRecords') ?? opt(b, 'numrecords');
	const n = numRecords === undefined || numRecords === '' ? 1000 : Number(numRecords);
	if (!Number.isInteger(n) || n < 0 || n > 1000) throw new UcmError(-15);
	const offset = Number(opt(b, 'offset') || 0);
	if (!Number.isInteger(offset) || offset < 0) throw new UcmError(-15);
	const start = parseUcmTime(opt(b, 'startTime') ?? '');
	const end = parseUcmTime(opt(b, 'endTime') ?? '', true);
	if (Number.isNaN(start) || Number.isNaN(end)) throw new UcmError(-15);
	const filterType = (opt(b, 'timeFilterType') ?? opt(b, 'tineFilterType') ?? 'Start').toLowerCase();
	const callerSpec = opt(b, 'caller');
	const matchCaller = callerSpec ? cdrCallerMatcher(callerSpec) : undefined;
	const minDur = opt(b, 'minDur');
	const maxDur = opt(b, 'maxDur');
	const answeredby = opt(b, 'answeredby');
	const callerName = opt(b, 'callerName');
	// One entry per call: a lone row, or a grouped call (main leg + sub legs). Filters look at the call as a whole:
	// the main leg's numbers, names and duration, and its start or (for an End filter) its last leg's end.
	const calls = cdrCalls(this.state.cdrs);
	const matched = calls.filter((legs) => {
		const c = legs[0];
		const endOf = legs.reduce((m, l) => (str(l.end) > m ? str(l.end) : m), '');
		const t = Date.parse((filterType === 'end' ? endOf : str(c.start)).replace(' ', 'T') + 'Z');
		if (start !== undefined && t < start) return false;
		if (end !== undefined && t > end) return false;
		if (matchCaller && !matchCaller(str(c.src)) && !matchCaller(str(c.dst))) return false;
		if (minDur && Number(c.duration) < Number(minDur)) return false;
		if (maxDur && Number(c.duration) > Number(maxDur)) return false;
		if (answeredby && !answeredby.split(',').includes(str(c.dstanswer))) return false;
		if (callerName && !str(c.caller_name).includes(callerName)) return false;
		return true;
	});
	const picked = matched.slice(offset, offset + n);
	const del = opt(b, 'delete');
	if (del !== undefined && !['', '0', 'no', 'false'].includes(del.toLowerCase())) {
		const gone = new Set(picked.flat());
		this.state.cdrs = this.state.cdrs.filter((c) => !gone.has(c));
	}
	const cols = (r: Rec) => Object.fromEntries(UCM_CDR_COLUMNS.map((k) => [k, str(r[k])]));
	const entry = (legs: Rec[]): Rec => (legs[0]._group === undefined ? cols(legs[0]) : Object.fromEntries(legs.map((l) => [str(l._leg), cols(l)])));
	if (format === 'json') return { raw: JSON.stringify({ cdr_root: picked.map(entry) }), type: 'application/json;charset=UTF-8' };
	if (format === 'xml') {
		const xmlEntry = (legs: Rec[]) =>
			legs[0]._group === undefined ? xmlElems(cols(legs[0])) : legs.map((l) => `  <${str(l._leg)}>\n${xmlElems(cols(l), '    ')}\n  </${str(l._leg)}>`).join('\n');
		const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<cdr_root>\n${picked.map((legs) => `<cdr>\n${xmlEntry(legs)}\n</cdr>`).join('\n')}${picked.length ? '\n' : ''}</cdr_root>\n`;
		return { raw: xml, type: 'application/xml;charset=UTF-8' };
	}
	return { raw: toCsv(UCM_CDR_COLUMNS, picked.flat().map(cols)), type: 'text/csv;charset=UTF-8', headers: { 'Content-Disposition': 'attachment; filename="cdr.csv"' } };
}

/** The parties of a call before any transfer, then after each transfer. */
function transferPairs(call: UcmCall): Array<[UcmLeg, UcmLeg]> {
	const pairs: Array<[UcmLeg, UcmLeg]> = [[call.a, call.b]];
	for (const t of [...(call.transfers ?? [])].reverse()) {
		const [a, b] = pairs[0];
		pairs.unshift(t.side === 'a' ? [t.replaced, b] : [a, t.replaced]);
	}
	return pairs;
}

/** CDR rows -> calls: each lone row, or the rows of one group (main leg first), in the order of their first row. */
function cdrCalls(rows: Rec[]): Rec[][] {
	const out: Rec[][] = [];
	const groups = new Map<string, Rec[]>();
	for (const r of rows) {
		if (r._group === undefined) {
			out.push([r]);
			continue;
		}
		const g = groups.get(str(r._group));
		if (g) g.push(r);
		else {
			const legs = [r];
			groups.set(str(r._group), legs);
			out.push(legs);
		}
	}
	for (const legs of groups.values()) legs.sort((a, b) => (a._leg === 'main_cdr' ? -1 : b._leg === 'main_cdr' ? 1 : Number(str(a._leg).slice(8)) - Number(str(b._leg).slice(8))));
	return out;
}

function recapi(this: Emulator, ctx: Ctx): Reply {
	const filedirRaw = opt(ctx.body, 'filedir');
	const filenameRaw = opt(ctx.body, 'filename');
	const dirs = filedirRaw ? filedirRaw.split(',').map((s) => s.trim()).filter(Boolean) : [];
	for (const d of dirs) if (!(UCM_RECORDING_DIRS as readonly string[]).includes(d)) throw new UcmError(-15);
	if (!filenameRaw) {
		if (!dirs.length) return { filedir: [...UCM_RECORDING_DIRS] };
		const out: Rec = {};
		for (const d of dirs) out[d] = this.state.recordings.filter((r) => r.filedir === d).map((r) => r.filename);
		return out;
	}
	const names = filenameRaw.split(',').map((s) => s.trim()).filter(Boolean);
	const inDirs = dirs.length ? dirs : ['monitor'];
	const files = names.map((n) => {
		if (/[/\\]|\.\./.test(n)) throw new UcmError(-50);
		const f = this.state.recordings.find((r) => r.filename === n && inDirs.includes(r.filedir));
		if (!f) throw new UcmError(-16);
		return f;
	});
	if (files.length === 1) {
		return { raw: files[0].data, type: 'audio/x-wav', headers: { 'Content-Disposition': `attachment; filename="${files[0].filename}"` } };
	}
	return { raw: makeTar(files.map((f) => ({ name: f.filename, data: f.data, mtime: f.at }))), type: 'application/x-tar', headers: { 'Content-Disposition': 'attachment; filename="recordings.tar"' } };
}

function queueapi(this: Emulator, ctx: Ctx): Reply {
	const b = ctx.body;
	const format = (opt(b, 'format') || 'xml').toLowerCase();
	if (!['csv', 'xml', 'json'].includes(format)) throw new UcmError(-15);
	const [startS] = need(b, 'startTime');
	const start = parseUcmTime(startS);
	const end = parseUcmTime(opt(b, 'endTime') ?? '', true);
	if (start === undefined || Number.isNaN(start) || Number.isNaN(end)) throw new UcmError(-15);
	const chairman = opt(b, 'queuechairman') || 'admin';
	const qf = opt(b, 'queue') || '*';
	const af = opt(b, 'agent') || '*';
	if (qf !== '*' && !this.state.queues.has(qf)) throw new UcmError(-16);
	const type = (opt(b, 'statisticsType') || 'overview').toLowerCase();
	if (!['overview', 'calldetail', 'loginhistory', 'pausedhistory'].includes(type)) throw new UcmError(-15);
	const n = Number(opt(b, 'numRecords') || 1000);
	const offset = Number(opt(b, 'offset') || 0);
	if (!Number.isInteger(n) || n < 0 || n > 1000) throw new UcmError(-15);
	const inRange = (t: number): boolean => t >= start && (end === undefined || t <= end);
	const calls = this.state.queueCalls.filter((c) => (qf === '*' || c.queue === qf) && (af === '*' || c.agent === af) && inRange(Date.parse(str(c.start_time).replace(' ', 'T') + 'Z')));
	const rate = (a: number, t: number): string => (t ? ((a * 100) / t).toFixed(1) : '0.0');
	const avg = (xs: number[]): number => (xs.length ? Math.round(xs.reduce((s, x) => s + x, 0) / xs.length) : 0);
	let sections: Array<{ tag: string; rows: Rec[] }>;
	if (type === 'overview') {
		const answered = calls.filter((c) => c.answered);
		const total: Rec = { queuechairman: chairman, total_calls: calls.length, abandoned_rate: rate(calls.length - answered.length, calls.length), avg_wait: avg(calls.map((c) => Number(c.wait_time))), avg_talk: avg(answered.map((c) => Number(c.talk_time))), vq_total_calls: 0 };
		const queues = [...this.state.queues.keys()].filter((q) => qf === '*' || q === qf).map((q) => {
			const qc = calls.filter((c) => c.queue === q);
			const qa = qc.filter((c) => c.answered);
			return { queuechairman: chairman, queue: q, total_calls: qc.length, answered_calls: qa.length, answered_rate: rate(qa.length, qc.length), avg_wait: avg(qc.map((c) => Number(c.wait_time))), avg_talk: avg(qa.map((c) => Number(c.talk_time))), vq_total_calls: 0 };
		});
		const agentIds = new Set<string>();
		for (const [q, m] of this.state.agents) if (qf === '*' || q === qf) for (const a of m.keys()) agentIds.add(a);
		for (const c of calls) if (c.agent) agentIds.add(str(c.agent));
		const agents = [...agentIds].filter((a) => af === '*' || a === af).sort().map((a) => {
			const ac = calls.filter((c) => c.agent === a || (!c.answered && queueMembers(this.state.queues.get(str(c.queue)) ?? {}).includes(a)));
			const aa = ac.filter((c) => c.answered && c.agent === a);
			return { queuechairman: chairman, agent: a, total_calls: ac.length, answered_calls: aa.length, answered_rate: rate(aa.length, ac.length), avg_talk: avg(aa.map((c) => Number(c.talk_time))) };
		});
		sections = [{ tag: 'total', rows: [total] }, { tag: 'queue', rows: queues }, { tag: 'agent', rows: agents }];
	} else if (type === 'calldetail') {
		sections = [{ tag: 'calldetail', rows: calls.slice(offset, offset + n).map((c) => ({ queuechairman: chairman, queue: c.queue, agent: c.agent, callernum: c.callernum, start_time: c.start_time, wait_time: c.wait_time, talk_time: c.talk_time, answered: c.answered ? 'yes' : 'no' })) }];
	} else {
		const events = type === 'loginhistory' ? ['login', 'logoff'] : ['pause', 'unpause'];
		const rows = this.state.agentLog.filter((e) => events.includes(e.event) && (qf === '*' || e.queue === qf) && (af === '*' || e.agent === af) && inRange(e.at))
			.map((e) => ({ queuechairman: chairman, queue: e.queue, agent: e.agent, action: e.event, time: fmtTime(e.at) }));
		sections = [{ tag: type, rows: rows.slice(offset, offset + n) }];
	}
	if (format === 'json') {
		const root: Rec = {};
		for (const s of sections) root[s.tag] = s.tag === 'total' ? s.rows[0] : s.rows;
		return { raw: JSON.stringify({ root_statistics: root }), type: 'application/json;charset=UTF-8' };
	}
	if (format === 'csv') {
		const parts = sections.map((s) => {
			const cols = s.rows.length ? Object.keys(s.rows[0]) : ['queuechairman'];
			return `${s.tag}\r\n${toCsv(cols, s.rows)}`;
		});
		return { raw: parts.join('\r\n'), type: 'text/csv;charset=UTF-8' };
	}
	const xml = `<?xml version="1.0"?>\n<root_statistics>\n${sections.flatMap((s) => s.rows.map((r) => `<${s.tag}>\n${xmlElems(r)}\n</${s.tag}>`)).join('\n')}\n</root_statistics>\n`;
	return { raw: xml, type: 'application/xml;charset=UTF-8' };
}

function dialTo(this: Emulator, ctx: Ctx, a: UcmLeg, b: UcmLeg, o: { service: string; inbound?: string; outbound?: string }): Reply {
	this.placeCall(a, b, o);
	void ctx;
	return NEED_APPLY_NO;
}

const HANDLERS: Record<string, Handler> = {
	// ---- session ----
	logout(ctx) {
		if (ctx.session) this.sessions.delete(ctx.session.cookie);
		return {};
	},

	// ---- system ----
	getsystemstatus() {
		const now = Date.now();
		return {
			'idle-time': fmtDuration((now - this.state.startedAt) * 0.9), 'part-number': '9660002815A', 'serial-number': this.brand === 'fiberme' ? '21AWMJPH70BCA783' : '20EZ4ZNJ70A4C0B2',
			'system-time': `${fmtTime(now)} UTC+00:00`, 'up-time': fmtDuration(now - this.state.startedAt),
		};
	},
	getsystemgeneralstatus() {
		const r: Rec = {
			'base-version': '1.0.20.13', 'boot-version': '1.0.20.8', 'core-version': '1.0.20.8', 'lang-version': '1.0.20.13',
			'product-model': this.brand === 'fiberme' ? 'FCM630A V1.5A' : 'UCM6202 V1.5A', 'prog-version': '1.0.20.13', 'rcvr-version': '1.0.20.8',
		};
		if (this.brand === 'grandstream') r['gswave-version'] = '1.0.20.13';
		return r;
	},
	applychanges() {
		if ([...this.state.calls.values()].some((c) => c.service === 'meetme')) throw new UcmError(-69);
		this.state.needApply = false;
		this.state.applied++;
		return { settings: '0' };
	},

	// ---- extensions ----
	listaccount(ctx) {
		return listPage('account', [...this.state.accounts.values()].sort((a, b) => str(a.extension).localeCompare(str(b.extension))).map((a) => accountListView.call(this, a)), ctx.body);
	},
	getsipaccount(ctx) {
		const [ext] = need(ctx.body, 'extension');
		const a = this.state.accounts.get(ext);
		if (!a) throw new UcmError(-16);
		const full: Rec = { ...a, status: this.liveStatus(ext) };
		delete full.urgmsg; delete full.newmsg; delete full.oldmsg;
		const r: Rec = {};
		if (this.brand === 'grandstream') r.cti_feature_privilege = { active_call: 'yes', callbarge: 'yes', extension_status: 'yes', hangup: 'yes' };
		r.extension = selectFields(full, ctx.body, ['extension']);
		r.sip_presence_settings = clone(this.state.presence.get(ext) ?? presenceSettings());
		r.voicemail = { vm_attach: a.vm_attach ?? null, vm_reserve: a.vm_reserve ?? null };
		return r;
	},
	updatesipaccount(ctx) {
		const [ext] = need(ctx.body, 'extension');
		const a = this.state.accounts.get(ext);
		if (!a) throw new UcmError(-16);
		applyAccount.call(this, a, ctx.body);
		this.state.needApply = true;
		return { extension: { alertinfo: a.alertinfo ?? null, extension: ext } };
	},
	addsipaccountanduser(ctx) {
		const [ext] = need(ctx.body, 'extension');
		if (!/^\d{1,18}$/.test(ext)) throw new UcmError(-15);
		if (this.state.accounts.has(ext) || this.state.users.has(ext) || this.state.queues.has(ext) || this.state.paginggroups.has(ext) || this.state.ringGroups.has(ext)) throw new UcmError(-44);
		const a = account(ext, null, 'Unavailable', '-', { account_type: 'SIP' });
		applyAccount.call(this, a, ctx.body);
		if (ctx.body.fullname === undefined && (ctx.body.first_name || ctx.body.last_name)) a.fullname = [ctx.body.first_name, ctx.body.last_name].filter(Boolean).join(' ');
		this.state.accounts.set(ext, a);
		if (!this.state.presence.has(ext)) this.state.presence.set(ext, presenceSettings());
		const id = Math.max(0, ...[...this.state.users.values()].map((u) => Number(u.user_id))) + 1;
		const u = newUser(id, ext, a);
		if (ctx.body.user_password !== undefined) u.user_password = str(ctx.body.user_password);
		for (const k of ['first_name', 'last_name', 'email', 'department', 'phone_number', 'language']) if (ctx.body[k] !== undefined) u[k] = ctx.body[k];
		this.state.users.set(ext, u);
		return this.markChanged();
	},
	deleteuser(ctx) {
		const [name] = need(ctx.body, 'user_name');
		if (name === 'admin') throw new UcmError(-47);
		if (!this.state.users.has(name) && !this.state.accounts.has(name)) throw new UcmError(-16);
		this.state.users.delete(name);
		this.state.accounts.delete(name);
		this.state.presence.delete(name);
		this.state.chats.delete(name);
		return this.markChanged();
	},

	// ---- wave ----
	cleanterminalchatinformation(ctx) {
		const [ext] = need(ctx.body, 'extension');
		if (!this.state.accounts.has(ext)) throw new UcmError(-16);
		this.state.chats.set(ext, 0);
		return NEED_APPLY_NO;
	},
	getsipaccountqr(ctx) {
		const [ext] = need(ctx.body, 'extension');
		if (!this.state.accounts.has(ext)) throw new UcmError(-16);
		return { qr_base: UCM_QR_PNG_BASE64 };
	},

	// ---- SIP trunks ----
	listvoiptrunk(ctx) {
		const rows = [...this.state.sipTrunks.values()].map((t) => ({
			trunk_index: t.trunk_index, trunk_name: t.trunk_name, trunk_type: t.trunk_type, type: t.type, host: t.host, username: t.username,
			out_of_service: t.out_of_service, status: t.status, technology: 'SIP', ldap_sync_enable: t.ldap_sync_enable,
		}));
		return listPage('voip_trunk', rows, ctx.body);
	},
	addsiptrunk(ctx) {
		const [name, host, type] = need(ctx.body, 'trunk_name', 'host', 'trunk_type');
		if (!['peer', 'register'].includes(type)) throw new UcmError(-15);
		if (type === 'register') need(ctx.body, 'username', 'secret');
		if ([...this.state.sipTrunks.values()].some((t) => t.trunk_name === name)) throw new UcmError(-44);
		const idx = this.nextIndex(this.state.sipTrunks);
		const t = sipTrunk(idx, name, type as 'peer' | 'register', host, { status: type === 'register' ? 'Registered' : 'Reachable' });
		if (ctx.body.allow_outgoing_calls_if_registration_failed !== undefined) t.allow_outgoing_calls_if_reg_failed = ctx.body.allow_outgoing_calls_if_registration_failed;
		merge(t, ctx.body, ['trunk_index', 'allow_outgoing_calls_if_registration_failed']);
		this.state.sipTrunks.set(idx, t);
		return this.markChanged();
	},
	getsiptrunk(ctx) {
		const [id] = need(ctx.body, 'trunk');
		const t = this.state.sipTrunks.get(Number(id));
		if (!t) throw new UcmError(-16);
		return { trunk: selectFields(t, ctx.body, ['trunk']) };
	},
	updatesiptrunk(ctx) {
		const [id] = need(ctx.body, 'trunk');
		const t = this.state.sipTrunks.get(Number(id));
		if (!t) throw new UcmError(-16);
		yesNo(ctx.body, 'out_of_service');
		const name = opt(ctx.body, 'trunk_name');
		if (name && [...this.state.sipTrunks.values()].some((x) => x !== t && x.trunk_name === name)) throw new UcmError(-44);
		if (ctx.body.allow_outgoing_calls_if_registration_failed !== undefined) t.allow_outgoing_calls_if_reg_failed = ctx.body.allow_outgoing_calls_if_registration_failed;
		merge(t, ctx.body, ['trunk', 'trunk_index', 'allow_outgoing_calls_if_registration_failed', 'trunk_type']);
		return this.markChanged();
	},
	deletesiptrunk(ctx) {
		const [id] = need(ctx.body, 'trunk');
		if (!this.state.sipTrunks.delete(Number(id))) throw new UcmError(-16);
		for (const [k, r] of this.state.inboundRoutes) if (Number(r.trunk_index) === Number(id)) this.state.inboundRoutes.delete(k);
		return this.markChanged();
	},

	// ---- analog / SLA / digital trunks (Grandstream) ----
	listanalogtrunk(ctx) {
		return listPage('analogtrunk', [...this.state.analogTrunks.values()], ctx.body);
	},
	addanalogtrunk(ctx) {
		const [name] = need(ctx.body, 'trunk_name', 'chans');
		if (ctx.body.trunkgroup === undefined) throw new UcmError(-1);
		if ([...this.state.analogTrunks.values()].some((t) => t.trunk_name === name)) throw new UcmError(-44);
		const chans = str(ctx.body.chans);
		for (const t of this.state.analogTrunks.values()) if (str(t.chans).split(',').some((c) => chans.split(',').includes(c))) throw new UcmError(-44);
		yesNo(ctx.body, 'trunkmode', ['normal', 'sla']);
		const idx = Math.max(this.nextIndex(this.state.analogTrunks), this.nextIndex(this.state.slaTrunks));
		const t: Rec = { ...clone(UCM_SEED.analogTrunks[0]), trunk_index: idx, tmp: idx, trunkgroup: idx };
		merge(t, ctx.body, ['trunk_index']);
		t.chans = chans;
		if (ctx.body.trunkgroup === '') t.trunkgroup = idx;
		this.state.analogTrunks.set(idx, t);
		return this.markChanged();
	},
	getanalogtrunk(ctx) {
		const [id] = need(ctx.body, 'analogtrunk');
		const t = this.state.analogTrunks.get(Number(id));
		if (!t) throw new UcmError(-16);
		return { analogtrunk: selectFields(t, ctx.body, ['analogtrunk']) };
	},
	updateanalogtrunk(ctx) {
		// Table: trunk_index is mandatory; the manual's example identifies the trunk with trunkgroup instead.
		const id = opt(ctx.body, 'trunk_index') ?? opt(ctx.body, 'trunkgroup');
		if (!id) throw new UcmError(-1);
		const t = this.state.analogTrunks.get(Number(id)) ?? [...this.state.analogTrunks.values()].find((x) => str(x.trunkgroup) === id);
		if (!t) throw new UcmError(-16);
		merge(t, ctx.body, ['trunk_index', 'trunkgroup']);
		if (ctx.body.chans !== undefined) t.chans = str(ctx.body.chans);
		return this.markChanged();
	},
	deleteanalogtrunk(ctx) {
		const [id] = need(ctx.body, 'analogtrunk');
		if (!this.state.analogTrunks.delete(Number(id))) throw new UcmError(-16);
		return this.markChanged();
	},
	addslatrunk(ctx) {
		const [name] = need(ctx.body, 'trunk_name');
		const device = opt(ctx.body, 'device') ?? 'DAHDI/1';
		if (!/^DAHDI\/\d+$/.test(device)) throw new UcmError(-15);
		yesNo(ctx.body, 'bargeallowed');
		yesNo(ctx.body, 'holdaccess', ['open', 'private']);
		if ([...this.state.slaTrunks.values()].some((t) => t.trunk_name === name || t.device === device)) throw new UcmError(-44);
		const idx = Math.max(this.nextIndex(this.state.analogTrunks), this.nextIndex(this.state.slaTrunks));
		this.state.slaTrunks.set(idx, { trunk_index: idx, trunk_name: name, device, bargeallowed: opt(ctx.body, 'bargeallowed') ?? 'yes', holdaccess: opt(ctx.body, 'holdaccess') ?? 'open' });
		return this.markChanged();
	},
	updateslatrunk(ctx) {
		const [id] = need(ctx.body, 'trunk_index');
		const t = this.state.slaTrunks.get(Number(id));
		if (!t) throw new UcmError(-16);
		yesNo(ctx.body, 'bargeallowed');
		yesNo(ctx.body, 'holdaccess', ['open', 'private']);
		merge(t, ctx.body, ['trunk_index']);
		return this.markChanged();
	},
	listdigitaltrunk(ctx) {
		return listPage('digital_trunks', [...this.state.digitalTrunks.values()], ctx.body);
	},
	// add/get/update/deleteDigitalTrunk: named in Table 2 only (sections cut off); parameters assumed.
	adddigitaltrunk(ctx) {
		const [name] = need(ctx.body, 'trunk_name');
		if ([...this.state.digitalTrunks.values()].some((t) => t.trunk_name === name)) throw new UcmError(-44);
		const idx = this.nextIndex(this.state.digitalTrunks);
		const t: Rec = { trunk_index: String(idx), trunk_name: name, type: 'E1 (CPE)', span: 1, channel: '1-15,17-31', out_of_service: 'no' };
		merge(t, ctx.body, ['trunk_index']);
		this.state.digitalTrunks.set(idx, t);
		return this.markChanged();
	},
	getdigitaltrunk(ctx) {
		const id = opt(ctx.body, 'digitaltrunk') ?? opt(ctx.body, 'digital_trunk') ?? opt(ctx.body, 'trunk_index') ?? opt(ctx.body, 'trunk');
		if (!id) throw new UcmError(-1);
		const t = this.state.digitalTrunks.get(Number(id));
		if (!t) throw new UcmError(-16);
		return { digital_trunk: { ...t } };
	},
	getdogitaltrunk(ctx) {
		return (HANDLERS.getdigitaltrunk as Handler).call(this, ctx);
	},
	updatedigitaltrunk(ctx) {
		const id = opt(ctx.body, 'trunk_index') ?? opt(ctx.body, 'digitaltrunk') ?? opt(ctx.body, 'digital_trunk') ?? opt(ctx.body, 'trunk');
		if (!id) throw new UcmError(-1);
		const t = this.state.digitalTrunks.get(Number(id));
		if (!t) throw new UcmError(-16);
		merge(t, ctx.body, ['trunk_index', 'digitaltrunk', 'digital_trunk', 'trunk']);
		return this.markChanged();
	},
	deletedigitaltrunk(ctx) {
		const id = opt(ctx.body, 'digitaltrunk') ?? opt(ctx.body, 'digital_trunk') ?? opt(ctx.body, 'trunk_index') ?? opt(ctx.body, 'trunk');
		if (!id) throw new UcmError(-1);
		if (!this.state.digitalTrunks.delete(Number(id))) throw new UcmError(-16);
		return this.markChanged();
	},

	// ---- outbound routes ----
	listoutboundroute(ctx) {
		const rows = [...this.state.outboundRoutes.values()].map((r) => ({
			members: r.members ?? [], out_of_service: r.out_of_service, outbound_rt_index: r.outbound_rt_index, outbound_rt_name: r.outbound_rt_name,
			pattern: Array.isArray(r.pattern) ? (r.pattern as Rec[]).map((p) => str(p.match).replace(/^_/, '')).join(',') : r.pattern,
			permission: r.permission, sequence: r.sequence, default_trunk_index: r.default_trunk_index,
		}));
		return listPage('outbound_route', rows, ctx.body);
	},
	addoutboundroute(ctx) {
		const [name, trunk] = need(ctx.body, 'outbound_rt_name', 'default_trunk_index');
		if (!this.state.sipTrunks.has(Number(trunk)) && !this.state.analogTrunks.has(Number(trunk)) && !this.state.digitalTrunks.has(Number(trunk))) throw new UcmError(-16);
		if ([...this.state.outboundRoutes.values()].some((r) => r.outbound_rt_name === name)) throw new UcmError(-44);
		const pattern = normPattern(ctx.body.pattern);
		const wanted = opt(ctx.body, 'outbound_rt_index');
		const idx = wanted ? Number(wanted) : this.nextIndex(this.state.outboundRoutes);
		if (this.state.outboundRoutes.has(idx)) throw new UcmError(-44);
		const r: Rec = { ...clone(UCM_SEED.outboundRoutes[1]), outbound_rt_index: idx, sequence: this.state.outboundRoutes.size + 1 };
		merge(r, ctx.body, ['outbound_rt_index', 'pattern']);
		r.default_trunk_index = Number(trunk);
		r.pattern = pattern.map((p) => ({ ...p, outbound_rt_index: idx }));
		this.state.outboundRoutes.set(idx, r);
		return this.markChanged();
	},
	getoutboundroute(ctx) {
		const [id] = need(ctx.body, 'outbound_route');
		const r = this.state.outboundRoutes.get(Number(id));
		if (!r) throw new UcmError(-16);
		const route: Rec = { ...r };
		delete route.pattern; delete route.failover_outbound_data; delete route.sequence;
		return { failover_outbound_data: r.failover_outbound_data ?? [], outbound_route: selectFields(route, ctx.body, ['outbound_route']), pattern: r.pattern };
	},
	updateoutboundroute(ctx) {
		// Table: outbound_rt_index; example: outbound_route. Both accepted.
		const id = opt(ctx.body, 'outbound_route') || opt(ctx.body, 'outbound_rt_index');
		if (!id) throw new UcmError(-1);
		const r = this.state.outboundRoutes.get(Number(id));
		if (!r) throw new UcmError(-16);
		const trunk = opt(ctx.body, 'default_trunk_index');
		if (trunk && !this.state.sipTrunks.has(Number(trunk)) && !this.state.analogTrunks.has(Number(trunk))) throw new UcmError(-16);
		merge(r, ctx.body, ['outbound_route', 'outbound_rt_index', 'pattern']);
		if (trunk) r.default_trunk_index = Number(trunk);
		if (ctx.body.pattern !== undefined) r.pattern = normPattern(ctx.body.pattern).map((p) => ({ ...p, outbound_rt_index: Number(id) }));
		return this.markChanged();
	},
	deleteoutboundroute(ctx) {
		const [id] = need(ctx.body, 'outbound_route');
		if (!this.state.outboundRoutes.delete(Number(id))) throw new UcmError(-16);
		return this.markChanged();
	},

	// ---- inbound routes ----
	listinboundroute(ctx) {
		const [trunk] = need(ctx.body, 'trunk_index');
		return listPage('inbound_route', [...this.state.inboundRoutes.values()].filter((r) => Number(r.trunk_index) === Number(trunk)).map(inboundView), ctx.body);
	},
	addinboundroute(ctx) {
		const [trunk] = need(ctx.body, 'trunk_index');
		if (!this.state.sipTrunks.has(Number(trunk)) && !this.state.analogTrunks.has(Number(trunk)) && !this.state.digitalTrunks.has(Number(trunk))) throw new UcmError(-16);
		const match = opt(ctx.body, 'did_pattern_match') ?? '_X.';
		if ([...this.state.inboundRoutes.values()].some((r) => Number(r.trunk_index) === Number(trunk) && r.did_pattern_match === match)) throw new UcmError(-44);
		checkDestination.call(this, ctx.body);
		const idx = this.nextIndex(this.state.inboundRoutes);
		const r: Rec = { ...clone(UCM_SEED.inboundRoutes[0]), account: null, inbound_rt_index: idx };
		merge(r, ctx.body, ['inbound_route', 'inbound_rt_index']);
		r.trunk_index = Number(trunk);
		r.did_pattern_match = match;
		this.state.inboundRoutes.set(idx, r);
		return this.markChanged();
	},
	getinboundroute(ctx) {
		const [id] = need(ctx.body, 'inbound_route');
		const r = this.state.inboundRoutes.get(Number(id));
		if (!r) throw new UcmError(-16);
		return {
			inbound_did_destination: { dial_trunk: 'yes', ext_conference: 'yes', ext_directory: 'yes', ext_fax: 'yes', ext_group: 'yes', ext_local: 'yes', ext_multimedia_conference: 'yes', 'ext.paging': 'yes', ext_queues: 'yes', inbound_rt_index: r.inbound_rt_index, voicemailgroups: 'yes', voicemenus: 'yes' },
			inbound_routes: { ...r },
		};
	},
	updateinboundroute(ctx) {
		const [id] = need(ctx.body, 'inbound_route');
		const r = this.state.inboundRoutes.get(Number(id));
		if (!r) throw new UcmError(-16);
		checkDestination.call(this, ctx.body);
		merge(r, ctx.body, ['inbound_route', 'inbound_rt_index', 'trunk_index']);
		return this.markChanged();
	},
	deleteinboundroute(ctx) {
		const [id] = need(ctx.body, 'inbound_route');
		if (!this.state.inboundRoutes.delete(Number(id))) throw new UcmError(-16);
		return this.markChanged();
	},

	// ---- call control ----
	playpromptbyorg(ctx) {
		const [type, channel, variable] = need(ctx.body, 'type', 'channel', 'variable');
		if (!['ivr', 'name_voice', 'moh'].includes(type)) throw new UcmError(-15);
		this.requireExt(channel);
		this.state.prompts.played.push({ type, channel, variable, class: opt(ctx.body, 'class') ?? (type === 'moh' ? 'default' : null), at: Date.now() });
		return NEED_APPLY_YES;
	},
	listbridgedchannels() {
		const ch = [...this.state.calls.values()].filter((c) => c.state === 'up').map((c) => this.channelView(c));
		return { channel: ch, page: 1, total_item: ch.length, total_page: 1 };
	},
	listunbridgedchannels() {
		const ch: Rec[] = [];
		for (const c of this.state.calls.values()) {
			if (c.state !== 'ringing') continue;
			for (const [l, other, state] of [[c.a, c.b, 'Up'], [c.b, c.a, 'Ringing']] as Array<[UcmLeg, UcmLeg, string]>) {
				ch.push({
					channel: l.channel, state, service: c.service === 'macro-dial' ? 'macro-dial' : c.service, callername: l.name, callernum: l.number,
					connectednum: state === 'Up' ? 's' : other.number, connectedname: state === 'Up' ? '' : other.name, alloc_time: fmtTime(c.startedAt),
					inbound_trunk_name: c.inbound_trunk_name, outbound_trunk_name: c.outbound_trunk_name,
				});
			}
		}
		return { channel: ch, page: 1, total_item: ch.length, total_page: 1 };
	},
	hangup(ctx) {
		const [channel] = need(ctx.body, 'channel');
		const { call } = this.findCall(channel);
		this.endCall(call, call.state === 'up' ? 'ANSWERED' : 'NO ANSWER');
		return NEED_APPLY_YES;
	},
	callbarge(ctx) {
		const [channel, exten] = need(ctx.body, 'channel', 'exten');
		const mode = opt(ctx.body, 'mode') ?? '';
		if (!['', 'null', 'W', 'B', 'w', 'b'].includes(mode)) throw new UcmError(-15);
		const bargeExten = opt(ctx.body, 'barge-exten') ?? '';
		if (bargeExten && !/^\d+(@[01])?$/.test(bargeExten)) throw new UcmError(-15);
		this.requireExt(exten);
		const { call, leg } = this.findCall(channel);
		if (call.state !== 'up') throw new UcmError(-15);
		if (call.a.number === exten || call.b.number === exten) throw new UcmError(-15);
		call.barges.push({ exten, mode: mode.toUpperCase() === 'NULL' ? '' : mode.toUpperCase(), channel: leg.channel });
		return NEED_APPLY_YES;
	},
	mute(ctx) {
		return setChannelFlag.call(this, ctx, 'muted', true);
	},
	unmute(ctx) {
		return setChannelFlag.call(this, ctx, 'muted', false);
	},
	hold(ctx) {
		return setChannelFlag.call(this, ctx, 'held', true);
	},
	unhold(ctx) {
		return setChannelFlag.call(this, ctx, 'held', false);
	},
	dialextension(ctx) {
		const [caller, callee] = need(ctx.body, 'caller', 'callee');
		this.requireExt(caller);
		this.requireExt(callee);
		if (caller === callee) throw new UcmError(-15);
		return dialTo.call(this, ctx, this.leg(caller), this.leg(callee), { service: 'macro-dial' });
	},
	dialoutbound(ctx) {
		const [caller, outbound] = need(ctx.body, 'caller', 'outbound');
		this.requireExt(caller);
		const { trunk, dialled } = this.route(outbound);
		return dialTo.call(this, ctx, this.leg(caller), this.leg(dialled, trunk), { service: 'macro-dial', outbound: trunk });
	},
	calltransfer(ctx) {
		const [ext] = need(ctx.body, 'extension');
		return transfer.call(this, ctx, ext, false);
	},
	transfernumberinbound(ctx) {
		const [callee] = need(ctx.body, 'callee');
		return transfer.call(this, ctx, callee, false);
	},
	transfernumberoutbound(ctx) {
		const [outbound] = need(ctx.body, 'outbound');
		return transfer.call(this, ctx, outbound, true);
	},
	dialivr(ctx) {
		const [caller, ivr] = need(ctx.body, 'caller', 'ivrnumber');
		this.requireExt(caller);
		const key = ivrKey.call(this, ivr);
		const leg = this.leg(str(this.state.ivrs.get(key)?.extension));
		leg.channel = `Local/${leg.number}@ivr-${leg.channel.split('-').pop() ?? ''}`;
		return dialTo.call(this, ctx, this.leg(caller), leg, { service: 'ivr' });
	},
	dialivroutbound(ctx) {
		const [outcaller, ivr] = need(ctx.body, 'outcaller', 'ivrnumber');
		const key = ivrKey.call(this, ivr);
		const { trunk, dialled } = this.route(outcaller);
		const leg = this.leg(str(this.state.ivrs.get(key)?.extension));
		leg.channel = `Local/${leg.number}@ivr-${leg.channel.split('-').pop() ?? ''}`;
		return dialTo.call(this, ctx, this.leg(dialled, trunk), leg, { service: 'ivr', outbound: trunk });
	},
	dialqueue(ctx) {
		const [outcaller, queue] = need(ctx.body, 'outcaller', 'queue');
		requireQueue.call(this, queue);
		const ext = this.state.accounts.has(outcaller);
		const r = ext ? undefined : this.route(outcaller);
		const leg = this.leg(queue);
		leg.channel = `Local/${queue}@queue-${leg.channel.split('-').pop() ?? ''}`;
		return dialTo.call(this, ctx, r ? this.leg(r.dialled, r.trunk) : this.leg(outcaller), leg, { service: 'queue', outbound: r?.trunk });
	},
	dialringgroup(ctx) {
		const [outcaller, rg] = need(ctx.body, 'outcaller', 'ringgroup');
		if (!this.state.ringGroups.has(rg)) throw new UcmError(-16);
		const ext = this.state.accounts.has(outcaller);
		const r = ext ? undefined : this.route(outcaller);
		const leg = this.leg(rg);
		leg.channel = `Local/${rg}@ringgroup-${leg.channel.split('-').pop() ?? ''}`;
		return dialTo.call(this, ctx, r ? this.leg(r.dialled, r.trunk) : this.leg(outcaller), leg, { service: 'ringgroup', outbound: r?.trunk });
	},
	dialoutboundtwo(ctx) {
		const [outcaller, outcallee] = need(ctx.body, 'outcaller', 'outcallee');
		const r1 = this.route(outcaller);
		const r2 = this.route(outcallee);
		return dialTo.call(this, ctx, this.leg(r1.dialled, r1.trunk), this.leg(r2.dialled, r2.trunk), { service: 'macro-dial', outbound: r2.trunk });
	},
	refusecall(ctx) {
		if (!this.options.callControl) throw new UcmError(-47);
		const [channel] = need(ctx.body, 'channel');
		const { call } = this.findCall(channel);
		if (!call.awaitingControl) throw new UcmError(-15);
		this.endCall(call, 'NO ANSWER');
		return {};
	},
	acceptcall(ctx) {
		if (!this.options.callControl) throw new UcmError(-47);
		const [channel] = need(ctx.body, 'channel');
		const { call } = this.findCall(channel);
		if (!call.awaitingControl) throw new UcmError(-15);
		for (const t of call.timers) clearTimeout(t);
		call.timers = [];
		this.answer(call);
		return {};
	},

	// ---- queues ----
	listqueue(ctx) {
		const rows = [...this.state.queues.values()].map((q) => ({ extension: q.extension, members: q.members ?? null, queue_chairmans: q.queue_chairmans ?? null, queue_name: q.queue_name, strategy: q.strategy }));
		return listPage('queue', rows, ctx.body);
	},
	getqueue(ctx) {
		const [id] = need(ctx.body, 'queue');
		return { queue: selectFields(requireQueue.call(this, id), ctx.body, ['queue']) };
	},
	addqueue(ctx) {
		const [ext, name] = need(ctx.body, 'extension', 'queue_name');
		if (!/^\d+$/.test(ext)) throw new UcmError(-15);
		if (this.state.queues.has(ext) || this.state.accounts.has(ext) || this.state.paginggroups.has(ext) || this.state.ringGroups.has(ext)) throw new UcmError(-44);
		checkQueueFields.call(this, ctx.body);
		const q: Rec = { ...clone(UCM_SEED.queues[0]), members: null, queue_chairmans: null, tmp2: ext };
		merge(q, ctx.body);
		q.extension = ext;
		q.queue_name = name;
		this.state.queues.set(ext, q);
		this.state.agents.set(ext, new Map());
		return this.markChanged();
	},
	updatequeue(ctx) {
		const [id] = need(ctx.body, 'queue');
		const q = requireQueue.call(this, id);
		checkQueueFields.call(this, ctx.body);
		merge(q, ctx.body, ['queue', 'extension']);
		return this.markChanged();
	},
	deletequeue(ctx) {
		const [id] = need(ctx.body, 'queue');
		if (!this.state.queues.delete(id)) throw new UcmError(-16);
		this.state.agents.delete(id);
		return this.markChanged();
	},
	loginlogoffqueueagent(ctx) {
		const [op, agent, queue] = need(ctx.body, 'operatetype', 'interface', 'extension');
		if (!['login', 'logoff'].includes(op)) throw new UcmError(-15);
		requireQueue.call(this, queue);
		this.requireExt(agent);
		const m = this.state.agents.get(queue) ?? new Map<string, { loggedIn: boolean; paused: boolean }>();
		this.state.agents.set(queue, m);
		const a = m.get(agent) ?? { loggedIn: false, paused: false };
		a.loggedIn = op === 'login';
		if (!a.loggedIn) a.paused = false;
		m.set(agent, a);
		this.state.agentLog.push({ queue, agent, event: op as 'login' | 'logoff', at: Date.now() });
		return {};
	},
	pauseunpausequeueagent(ctx) {
		const [op, agent] = need(ctx.body, 'operatetype', 'interface');
		if (!['pause', 'unpause'].includes(op)) throw new UcmError(-15);
		const queue = opt(ctx.body, 'extension');
		if (queue) requireQueue.call(this, queue);
		this.requireExt(agent);
		const queues = queue ? [queue] : [...this.state.queues.keys()].filter((q) => this.state.agents.get(q)?.has(agent) || queueMembers(this.state.queues.get(q) ?? {}).includes(agent));
		if (!queues.length) throw new UcmError(-16);
		for (const q of queues) {
			const m = this.state.agents.get(q) ?? new Map<string, { loggedIn: boolean; paused: boolean }>();
			this.state.agents.set(q, m);
			const a = m.get(agent) ?? { loggedIn: queueMembers(this.state.queues.get(q) ?? {}).includes(agent), paused: false };
			a.paused = op === 'pause';
			m.set(agent, a);
			this.state.agentLog.push({ queue: q, agent, event: op as 'pause' | 'unpause', at: Date.now() });
		}
		return NEED_APPLY_YES;
	},

	// ---- paging / intercom ----
	addpaginggroup(ctx) {
		const [ext, name, type] = need(ctx.body, 'extension', 'paginggroup_name', 'paginggroup_type');
		if (!['1way', '2way', 'multicast', 'announcement', 'annoucement'].includes(type)) throw new UcmError(-15);
		if (type === 'multicast') need(ctx.body, 'multicast_ip', 'multicast_port');
		if (this.state.paginggroups.has(ext) || this.state.accounts.has(ext) || this.state.queues.has(ext)) throw new UcmError(-44);
		const p: Rec = { ...clone(UCM_SEED.paginggroups[0]), members: null, number_allowed: null, custom_date: null, tmp: ext };
		merge(p, ctx.body, ['paginggroup', 'old_multicast_ip', 'old_multicast_port']);
		p.paginggroup_name = name;
		this.state.paginggroups.set(ext, p);
		return this.markChanged();
	},
	listpaginggroup(ctx) {
		return listPage('paginggroup', [...this.state.paginggroups.values()].map((p) => { const r = { ...p }; delete r.number_allowed; return r; }), ctx.body);
	},
	getpaginggroup(ctx) {
		const [id] = need(ctx.body, 'paginggroup');
		const p = this.state.paginggroups.get(id);
		if (!p) throw new UcmError(-16);
		return { paginggroup: { ...p } };
	},
	updatepaginggroup(ctx) {
		const [id] = need(ctx.body, 'paginggroup');
		const p = this.state.paginggroups.get(id);
		if (!p) throw new UcmError(-16);
		const type = opt(ctx.body, 'paginggroup_type');
		if (type && !['1way', '2way', 'multicast', 'announcement', 'annoucement'].includes(type)) throw new UcmError(-15);
		merge(p, ctx.body, ['paginggroup', 'old_multicast_ip', 'old_multicast_port', 'extension']);
		const newExt = opt(ctx.body, 'extension');
		if (newExt && newExt !== id) {
			if (this.state.paginggroups.has(newExt)) throw new UcmError(-44);
			this.state.paginggroups.delete(id);
			p.extension = newExt;
			p.tmp = newExt;
			this.state.paginggroups.set(newExt, p);
		}
		return this.markChanged();
	},
	deletepaginggroup(ctx) {
		const [id] = need(ctx.body, 'paginggroup');
		if (!this.state.paginggroups.delete(id)) throw new UcmError(-16);
		return this.markChanged();
	},
	multicastpaging(ctx) {
		const [num, caller] = need(ctx.body, 'pagingnum', 'caller');
		const p = this.state.paginggroups.get(num);
		if (!p) throw new UcmError(-16);
		this.requireExt(caller);
		if ([...this.state.calls.values()].some((c) => c.pagingnum === num)) throw new UcmError(-51);
		const leg = this.leg(num);
		leg.channel = `MulticastRTP/0x${randomInt(0x10000000, 0x7fffffff).toString(16)}`;
		const call = this.newCall(this.leg(caller), leg, { service: 'page' });
		call.pagingnum = num;
		call.state = 'up';
		call.answeredAt = Date.now();
		this.callEvent('answered', call);
		this.timerEnd(call);
		return NEED_APPLY_YES;
	},
	multicastpaginghangup(ctx) {
		const [num] = need(ctx.body, 'pagingnum');
		if (!this.state.paginggroups.has(num)) throw new UcmError(-16);
		const call = [...this.state.calls.values()].find((c) => c.pagingnum === num);
		if (!call) throw new UcmError(-16);
		this.endCall(call, 'ANSWERED');
		return NEED_APPLY_YES;
	},

	// ---- IVR ----
	addivr(ctx) {
		const [name, ext] = need(ctx.body, 'ivr_name', 'extension');
		if ([...this.state.ivrs.values()].some((i) => i.extension === ext) || this.state.accounts.has(ext) || this.state.queues.has(ext)) throw new UcmError(-44);
		checkIvr(ctx.body);
		const ids = [...this.state.ivrs.keys()].map((k) => Number(k.replace('ivr-', '')) || 0);
		const id = `ivr-${Math.max(0, ...ids) + 1}`;
		const r: Rec = { ...clone(UCM_SEED.ivrs[0]), members: [], ivr_out_blackwhite_list: '', ivr_id: id };
		merge(r, ctx.body, ['ivr']);
		r.ivr_name = name;
		this.state.ivrs.set(id, r);
		return this.markChanged();
	},
	listivr(ctx) {
		return listPage('ivr', [...this.state.ivrs.values()].map((i) => { const r = { ...i }; delete r.members; delete r.ivr_blackwhite_list; delete r.ivr_out_blackwhite_list; return r; }), ctx.body);
	},
	getivr(ctx) {
		const [id] = need(ctx.body, 'ivr');
		const r = { ...this.state.ivrs.get(ivrKey.call(this, id)) };
		const members = r.members ?? [];
		delete r.members;
		return { ivr: r, members };
	},
	updateivr(ctx) {
		const [id] = need(ctx.body, 'ivr');
		const r = this.state.ivrs.get(ivrKey.call(this, id)) as Rec;
		checkIvr(ctx.body);
		merge(r, ctx.body, ['ivr', 'ivr_id']);
		return this.markChanged();
	},
	deleteivr(ctx) {
		const [id] = need(ctx.body, 'ivr');
		this.state.ivrs.delete(ivrKey.call(this, id));
		return this.markChanged();
	},

	// ---- users, groups, PIN sets ----
	listuser(ctx) {
		const rows = [...this.state.users.values()].sort((a, b) => Number(a.user_id) - Number(b.user_id)).map((u) => { const r = { ...u }; delete r.user_password; return r; });
		return listPage('user_id', rows, ctx.body);
	},
	getuser(ctx) {
		const [name] = need(ctx.body, 'user_name');
		const u = this.state.users.get(name);
		if (!u) throw new UcmError(-16);
		const r = { ...u };
		delete r.user_password;
		return { user_name: r };
	},
	updateuser(ctx) {
		const [name] = need(ctx.body, 'user_name');
		const u = this.state.users.get(name);
		if (!u) throw new UcmError(-16);
		const id = opt(ctx.body, 'user_id');
		if (id !== undefined && id !== '' && Number(id) !== Number(u.user_id)) throw new UcmError(-15);
		const email = opt(ctx.body, 'email');
		if (email && !/^[^@\s]+@[^@\s]+$/.test(email)) throw new UcmError(-15);
		for (const k of ['department', 'fax', 'email', 'first_name', 'last_name', 'family_number', 'phone_number', 'language', 'email_to_user']) if (ctx.body[k] !== undefined) u[k] = ctx.body[k];
		return this.markChanged();
	},
	listextensiongroup(ctx) {
		return listPage('extension_group', this.state.extensionGroups, ctx.body);
	},
	listpinsets(ctx) {
		return listPage('pin_sets_id', this.state.pinSets, ctx.body);
	},

	// ---- legacy APIs ----
	cdrapi,
	recapi,
	queueapi,
	pmsapi(ctx) {
		const [token] = need(ctx.body, 'token');
		const u = this.options.pmsUsername;
		const p = this.options.pmsPassword;
		if (![md5(u + p), md5(p + u)].includes(token.toLowerCase())) throw new UcmError(-1, { error: 'Invalid token' });
		const format = opt(ctx.body, 'format');
		if (format && !['xml', 'json'].includes(format.toLowerCase())) throw new UcmError(-1, { error: 'Invalid format' });
		if (ctx.body.data === undefined || ctx.body.data === '') throw new UcmError(-1, { error: 'data is required' });
		const ops = parsePmsData(ctx.body.data, format?.toLowerCase());
		if (!ops.length) throw new UcmError(-1, { error: 'No PMS operation in data' });
		for (const o of ops) pmsOp.call(this, o.op, o.fields);
		return {};
	},
};

function normPattern(p: unknown): Rec[] {
	if (p === undefined || p === null || p === '') throw new UcmError(-1);
	const list: Rec[] = Array.isArray(p) ? (p as unknown[]).map((x) => (typeof x === 'object' && x ? { ...(x as Rec) } : { match: str(x) })) : str(p).split(/[\n,]/).map((m) => ({ match: m.trim() }));
	const out = list.filter((x) => str(x.match)).map((x) => ({ match: str(x.match).startsWith('_') ? str(x.match) : `_${str(x.match)}`, allow: x.allow ?? null, strip_prefix: x.strip_prefix ?? null }));
	if (!out.length) throw new UcmError(-1);
	for (const x of out) {
		try {
			ucmPatternToRegex(x.match);
		} catch {
			throw new UcmError(-15);
		}
	}
	return out;
}

function checkDestination(this: Emulator, b: Body): void {
	const t = opt(b, 'destination_type');
	if (t === undefined) return;
	const refs: Record<string, (v: string) => boolean> = {
		account: (v) => this.state.accounts.has(v), queue: (v) => this.state.queues.has(v), ringgroup: (v) => this.state.ringGroups.has(v),
		ivr: (v) => { try { ivrKey.call(this, v); return true; } catch { return false; } }, paginggroup: (v) => this.state.paginggroups.has(v),
		voicemail: (v) => this.state.accounts.has(v),
	};
	const known = ['account', 'voicemail', 'queue', 'ringgroup', 'vmgroup', 'ivr', 'conference', 'multimedia_conference', 'fax', 'disa', 'directory', 'callback', 'external_number', 'paginggroup', 'announcement', 'byDID', 'hangup'];
	if (!known.includes(t)) throw new UcmError(-15);
	const check = refs[t];
	if (check) {
		const v = opt(b, t);
		if (!v) throw new UcmError(-1);
		if (!check(v)) throw new UcmError(-16);
	}
}

function checkQueueFields(this: Emulator, b: Body): void {
	yesNo(b, 'strategy', ['ringall', 'linear', 'leastrecent', 'fewestcalls', 'random', 'rrmemory', 'wrandom', 'rrordered']);
	yesNo(b, 'leavewhenempty', ['yes', 'no', 'strict']);
	yesNo(b, 'joinempty', ['yes', 'no', 'strict']);
	yesNo(b, 'auto_record', ['on', 'off', 'yes', 'no']);
	for (const k of ['ringtime', 'wrapuptime', 'maxlen', 'queue_timeout']) {
		const v = opt(b, k);
		if (v !== undefined && v !== '' && !/^\d+$/.test(v)) throw new UcmError(-15);
	}
	const members = opt(b, 'members');
	if (members) for (const m of members.split(',').map((s) => s.trim()).filter(Boolean)) if (!this.state.accounts.has(m)) throw new UcmError(-16);
}

function checkIvr(b: Body): void {
	for (const k of ['response_timeout', 'digit_timeout', 'tloop', 'iloop']) {
		const v = opt(b, k);
		if (v !== undefined && v !== '' && !/^\d+$/.test(v)) throw new UcmError(-15);
	}
	for (const k of ['dial_extension', 'dial_conference', 'dial_queue', 'dial_ringgroup', 'dial_vmgroup', 'dial_paginggroup', 'dial.paginggroup', 'dial_fax', 'dial_trunk', 'dial_directory', 'replace_caller_id', 'switch']) yesNo(b, k);
}

// ---------------------------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------------------------

export async function startUcmEmulator(opts: UcmStartOptions = {}): Promise<UcmEmulator> {
	const emu = new Emulator(opts.host ?? '127.0.0.1', opts);
	await emu.listen(opts.port ?? 0);
	return emu;
}

if (require.main === module) {
	const port = Number(process.env.PORT ?? 9012);
	const brand = (process.env.UCM_BRAND === 'fiberme' ? 'fiberme' : 'grandstream') as UcmBrand;
	startUcmEmulator({ port, host: process.env.HOST ?? '127.0.0.1', brand })
		.then((e) => {
			// eslint-disable-next-line no-console
			console.log(`UCM emulator (${e.brand}) on ${e.url}/api (user ${e.username} / password ${e.password})`);
		})
		.catch((err: unknown) => {
			// eslint-disable-next-line no-console
			console.error(err);
			process.exit(1);
		});
}
