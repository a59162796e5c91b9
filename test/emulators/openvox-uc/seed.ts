/**
 * The data an OpenVox UC emulator starts with (and returns to on `reset()`): a UC501 with six extensions, two SIP
 * trunks, routes, a conference, an IVR, a queue, groups, voicemail, recordings, CDRs and a wake-up call.
 */
import type { OpenVoxUcState, Rec } from './types';

export const OPENVOX_UC_DEFAULT_USERNAME = 'api';
export const OPENVOX_UC_DEFAULT_PASSWORD = 'apipass1';
export const OPENVOX_UC_SN = 'a09805021987';


/** The data every emulator starts with (and returns to on `reset()`). */
export const OPENVOX_UC_SEED = {
	device: {
		devicename: 'UC501',
		sn: OPENVOX_UC_SN,
		hardwarever: '3.1',
		firmwarever: '4.3.5',
	} as Rec,
	/** Base status for extensionlist/query; live call state (Ringing/Up/Hold) is layered on top. */
	extensions: [
		ext('1000', 'Alice', 'Registered', { monitormode: 'Extensive', allowbeingmonitored: 'on', email: 'alice@example.com', moblie: '15550001000' }),
		ext('1001', 'Bob', 'Registered', { allowbeingmonitored: 'on' }),
		ext('1002', 'Carol', 'Registered', { allowbeingmonitored: 'on', noanswerforward: 'on', ntransferto: 'Voicemail' }),
		ext('1003', 'Dave', 'Unavailable', { hasvoicemail: 'off' }),
		ext('1004', 'Eve', 'Registered', { monitormode: 'Listen' }),
		ext('1005', 'Lobby', 'Idle', { type: 'fxs', port: '1', hasvoicemail: 'off' }),
	] as Rec[],
	sipTrunks: [
		{ id: '1', trunkname: 'to-provider', tech: 'pjsip', trunktype: 'register', host: 'sip.example.net', port: '5060', domain: 'sip.example.net', username: '6100', authname: '6100', fromuser: '', password: 'Trunk#pass1', status: 'Registered' },
		{ id: '2', trunkname: 'to-branch', tech: 'pjsip', trunktype: 'peer', host: '192.0.2.10', port: '5060', domain: '192.0.2.10', username: '', authname: '', fromuser: '', password: '', status: 'Registered' },
	] as Rec[],
	inroutes: [
		{ id: '', name: 'main-in', did: '', caller_id: '', desttype: 'extension', dest: '1000' },
		{ id: '', name: 'support-in', did: '8005550100', caller_id: '', desttype: 'queue', dest: '6700' },
	] as Rec[],
	outroutes: [
		{ id: '19', name: 'to-provider-9', prepend: '', prefix: '9', matchpattern: 'X.', callerid: '', trunks: 'to-provider' },
		{ id: '20', name: 'local-direct', prepend: '', prefix: '', matchpattern: 'NXXXXX.', callerid: '', trunks: 'to-provider' },
	] as Rec[],
	conferences: [
		{ number: '6500', name: '6500', participantepassword: '111111', moderatorpassword: '222222', waitformoderator: 'no' },
	] as Rec[],
	ivrs: [{ ivrid: '1', ivrname: 'main_ivr', prompt: 'welcome', promptrepeat: '3', responsetimeout: '5' }] as Rec[],
	queues: [
		{
			queuenumber: '6700', queuename: 'support', password: '6700', agents: '1000,1001', dynamicagents: '1002',
			announcefreq: '0', announceholdtime: 'off', announcepos: 'off', joinempty: 'on', leavewhenempty: 'off',
			retry: '10', ringstrategy: 'Ring All', agenttimeout: '20', wrapuptime: '10', agentannounce: '',
			musiconhold: 'Inherit', maxwaittime: '600',
		},
	] as Rec[],
	ringGroups: [{ number: '6200', name: 'sales', members: '1001,1002' }] as Rec[],
	pagingGroups: [{ number: '6300', name: 'all_office', type: 'paging', member: '1000,1001,1002' }] as Rec[],
	/** System recordings usable as `prompt` (names without extension). */
	prompts: ['welcome', 'goodbye', 'haruhi3', 'xiaoshao5', 'custom/test'],
	voicemails: [
		{ extid: '1000', voicemailfile: 'msg0000.wav', messagefrom: '1001', voicemaildate: '2024-05-01 09:15:00', voicemaillength: '4' },
		{ extid: '1000', voicemailfile: 'msg0001.wav', messagefrom: '5551234', voicemaildate: '2024-05-02 14:02:10', voicemaillength: '7' },
		{ extid: '1002', voicemailfile: 'msg0000.wav', messagefrom: '1000', voicemaildate: '2024-05-03 11:30:45', voicemaillength: '3' },
	] as Rec[],
	recordings: [
		'exten-1000-1001-20240501-091500-1714554900.101.wav',
		'exten-1002-95551234-20240502-101010-1714644610.205.wav',
	],
	cdrs: [
		cdr('1714554900.101', '2024-05-01 09:15:00', '1000', '1001', '32', '28', '', '', 'ANSWERED', 'Internal', 'exten-1000-1001-20240501-091500-1714554900.101.wav'),
		cdr('1714555800.110', '2024-05-01 09:30:00', '1001', '1002', '25', '0', '', '', 'NO ANSWER', 'Internal', ''),
		cdr('1714644610.205', '2024-05-02 10:10:10', '1002', '95551234', '75', '70', '', 'to-provider', 'ANSWERED', 'Outbound', 'exten-1002-95551234-20240502-101010-1714644610.205.wav'),
		cdr('1714731000.301', '2024-05-03 10:10:00', '5551234', '1000', '64', '60', 'to-provider', '', 'ANSWERED', 'Inbound', ''),
		cdr('1714817400.402', '2024-05-04 10:10:00', '1004', '1003', '30', '0', '', '', 'NO ANSWER', 'Internal', ''),
		cdr('1714903800.503', '2024-05-05 10:10:00', '5559876', '6700', '120', '95', 'to-provider', '', 'ANSWERED', 'Inbound', ''),
	] as Rec[],
	wakeups: [{ wakeupid: '1', number: '1004', time: '07:30', type: 'custom', weekdays: '1,2,3,4,5', prompt: 'custom/test' }] as Rec[],
};

export function ext(number: string, username: string, status: string, over: Rec = {}): Rec {
	return {
		extnumber: number, username, type: 'pjsip', status, callerid: number,
		registerpassword: `Reg#${number}pw`, maxregistrations: '1', userpassword: `User#${number}pw`,
		email: '', moblie: '', language: 'en', hasvoicemail: 'on', vmsecret: number, enablevmtoemail: 'off',
		noanswerforward: 'off', ntransferto: '', ntransferext: '', ntransferprefix: '', ntransfernum: '',
		busyforward: 'off', btransferto: '', btransferext: '', btransferprefix: '', btransfernum: '',
		enablemobile: 'off', ringsimultaneous: 'off', mobileprefix: '', allowbeingmonitored: 'off',
		monitormode: 'disable', ringtimeout: '30', maxduration: 'Follow System', dnd: 'off', agentid: '',
		...over,
	};
}

export function cdr(callid: string, timestart: string, callfrom: string, callto: string, callduraction: string, talkduraction: string,
	srctrunkname: string, desttrunkname: string, status: string, type: string, recording: string): Rec {
	return { callid, timestart, callfrom, callto, callduraction, talkduraction, srctrunkname, desttrunkname, status, type, recording, didnumber: '', sn: OPENVOX_UC_SN };
}

/** Columns of the CDR CSV (the manual refers to a column description it does not include; these follow the NewCdr report). */
export const OPENVOX_UC_CDR_COLUMNS = ['callid', 'timestart', 'callfrom', 'callto', 'callduraction', 'talkduraction', 'srctrunkname', 'desttrunkname', 'status', 'type', 'recording', 'didnumber', 'sn'];

export function seedState(sn: string): OpenVoxUcState {
	const S = OPENVOX_UC_SEED;
	const byKey = (rows: Rec[], key: string): Map<string, Rec> => new Map(rows.map((r) => [r[key], { ...r }]));
	return {
		device: { ...S.device, sn },
		startedAt: Date.now(),
		extensions: byKey(S.extensions, 'extnumber'),
		sipTrunks: byKey(S.sipTrunks, 'trunkname'),
		inroutes: byKey(S.inroutes, 'name'),
		outroutes: byKey(S.outroutes, 'id'),
		conferences: byKey(S.conferences, 'number'),
		conferenceMembers: new Map(),
		ivrs: byKey(S.ivrs, 'ivrid'),
		queues: byKey(S.queues, 'queuenumber'),
		pausedAgents: new Map(),
		ringGroups: byKey(S.ringGroups, 'number'),
		pagingGroups: byKey(S.pagingGroups, 'number'),
		prompts: new Set(S.prompts),
		voicemails: S.voicemails.map((v) => ({ ...v })),
		recordings: new Set(S.recordings),
		cdrs: S.cdrs.map((c) => ({ ...c, sn })),
		wakeups: S.wakeups.map((w) => ({ ...w })),
		checkouts: [],
		playedPrompts: [],
		calls: new Map(),
		randoms: new Map(),
	};
}
