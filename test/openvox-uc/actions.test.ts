/**
 * OpenVox UC action node through WorkflowExecute against the emulator: round trips of every resource, call control
 * against the emulator's live calls, downloads as binary data, JSON/XML equality and bad input.
 * Session expiry, refused logins and the no-retry rule are in sessions.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';
import { closeAllPools } from '../../nodes/shared/http';
import { openVoxUcEndpoints } from '../../nodes/OpenVoxUc/spec';
import { resourceValue } from '../../nodes/shared/describe';
import { OPENVOX_UC_CDR_COLUMNS, OPENVOX_UC_SEED, makeWav, startOpenVoxUcEmulator, type OpenVoxUcEmulator, type UcCall } from '../emulators/openvox-uc';
import { binaryBytes, credsFor, exercised, forgetSession, startReportSink, uc, ucOk, until, type Format, type UcCreds } from './helpers';

let emu: OpenVoxUcEmulator;
let sink: Awaited<ReturnType<typeof startReportSink>>;
let savedOptions: OpenVoxUcEmulator['options'];

beforeAll(async () => {
	emu = await startOpenVoxUcEmulator();
	sink = await startReportSink();
	savedOptions = { ...emu.options };
});
afterAll(async () => {
	await closeAllPools();
	await emu.close();
	await sink.close();
});
beforeEach(() => {
	emu.reset();
	Object.assign(emu.options, savedOptions, { callDurationMs: 60_000, answerDelayMs: 5 });
	forgetSession(credsFor(emu, sink.port));
});

const credsIn = (format: Format): UcCreds => credsFor(emu, sink.port, { format });
const apiRequests = (path: string) => emu.requests.filter((q) => q.path === path);
const lastBody = (path: string) => apiRequests(path).at(-1)?.body as Record<string, unknown>;

/** Emulator internals used to stage calls that only the outside world can start (an inbound call). */
type EmuInternals = { newCall(from: string, to: string): UcCall | undefined; ring(c: UcCall): void; answer(c: UcCall): void };
const internals = () => emu as unknown as EmuInternals;
function inboundCall(from: string, to: string): UcCall {
	const call = internals().newCall(from, to)!;
	internals().ring(call);
	internals().answer(call);
	return call;
}
const liveCallOf = (ext: string) => [...emu.state.calls.values()].find((c) => c.state !== 'ended' && (c.caller === ext || c.callee === ext));
async function talking(ext: string): Promise<UcCall> {
	await until(() => liveCallOf(ext)?.state === 'talking', `a talking call of ${ext}`);
	return liveCallOf(ext)!;
}

describe.each(['json', 'xml'] as const)('OpenVox UC round trips (%s)', (format) => {
	let creds: UcCreds;
	beforeEach(() => {
		creds = credsIn(format);
	});

	it('Device → Get', async () => {
		const [info] = await ucOk(creds, { resource: 'device', operation: 'queryDeviceInfo' });
		expect(info).toMatchObject({ devicename: 'UC501', sn: OPENVOX_UC_SEED.device.sn, firmwarever: '4.3.5' });
		expect(apiRequests('deviceinfo/query')[0].format).toBe(format);
	});

	it('Extension: create → get → update (renumber) → get many → delete', async () => {
		await ucOk(creds, {
			resource: 'extension',
			operation: 'addExtension',
			additionalFields: { number: 2001, username: 'Zed', callerid: '2001', registerpassword: 'Reg#2001x', email: 'zed@example.com', mobile: '15550002001', monitormode: 'Listen', dnd: 'on' },
		});
		expect(lastBody('extension/add')).toMatchObject({ username: 'Zed', mobile: '15550002001', monitormode: 'Listen' });
		expect(String(lastBody('extension/add').number)).toBe('2001');
		let [ext] = await ucOk(creds, { resource: 'extension', operation: 'queryExtension', additionalFields: { extid: '2001' } });
		// the PBX answers with its own spelling of the mobile field
		// Passwords are masked unless "Reveal Passwords" is on.
		expect(ext).toMatchObject({ extnumber: '2001', username: 'Zed', email: 'zed@example.com', moblie: '15550002001', monitormode: 'Listen', dnd: 'on', registerpassword: '********' });
		[ext] = await ucOk(creds, { resource: 'extension', operation: 'queryExtension', additionalFields: { extid: '2001' }, options: { revealPasswords: true } });
		expect(ext).toMatchObject({ registerpassword: 'Reg#2001x' });

		await ucOk(creds, { resource: 'extension', operation: 'updateExtension', extid: 2001, additionalFields: { extnumber: 2002, username: 'Zed Z', dnd: 'off' } });
		[ext] = await ucOk(creds, { resource: 'extension', operation: 'queryExtension', additionalFields: { extid: '2002' } });
		expect(ext).toMatchObject({ extnumber: '2002', username: 'Zed Z', dnd: 'off', email: 'zed@example.com' });
		const gone = await uc(creds, { resource: 'extension', operation: 'queryExtension', additionalFields: { extid: '2001' } });
		expect(gone.error?.message).toMatch(/10006.*extension does not exist/);

		const list = await ucOk(creds, { resource: 'extension', operation: 'queryExtensionList' });
		expect(list.map((e) => e.extnumber)).toEqual([...OPENVOX_UC_SEED.extensions.map((e) => e.extnumber), '2002']);

		await ucOk(creds, { resource: 'extension', operation: 'deleteExtension', number: '2002' });
		expect(emu.state.extensions.has('2002')).toBe(false);
		expect(emu.state.extensions.size).toBe(OPENVOX_UC_SEED.extensions.length);
	});

	it('SIP Trunk: create → get → list → update → delete', async () => {
		await ucOk(creds, {
			resource: 'sipTrunk',
			operation: 'addSipTrunk',
			trunkname: 'acme-sip',
			trunktype: 'register',
			additionalFields: { host: 'sip.acme.test', port: '5062', username: '7100', authname: '7100', password: 'Acme#Trunk7' },
		});
		let [trunk] = await ucOk(creds, { resource: 'sipTrunk', operation: 'querySipTrunk', trunkname: 'acme-sip' });
		expect(trunk).toMatchObject({ trunkname: 'acme-sip', trunktype: 'register', host: 'sip.acme.test', port: '5062', username: '7100', password: '********' });
		const list = await ucOk(creds, { resource: 'trunk', operation: 'queryTrunkList' });
		expect(list.map((t) => t.trunkname)).toEqual(['to-provider', 'to-branch', 'acme-sip']);

		await ucOk(creds, { resource: 'sipTrunk', operation: 'updateSipTrunk', id: Number(trunk.id), trunkname: 'acme-peer', trunktype: 'peer', additionalFields: { host: '198.51.100.7', port: '5060' } });
		[trunk] = await ucOk(creds, { resource: 'sipTrunk', operation: 'querySipTrunk', trunkname: 'acme-peer' });
		expect(trunk).toMatchObject({ id: trunk.id, trunkname: 'acme-peer', trunktype: 'peer', host: '198.51.100.7' });
		expect(emu.state.sipTrunks.has('acme-sip')).toBe(false);

		await ucOk(creds, { resource: 'sipTrunk', operation: 'deleteSipTrunk', trunkname: 'acme-peer' });
		expect([...emu.state.sipTrunks.keys()]).toEqual(['to-provider', 'to-branch']);
	});

	it('Inbound Route: create → get → update → delete', async () => {
		await ucOk(creds, { resource: 'inboundRoute', operation: 'addInboundRoute', name: 'night-in', desttype: 'voicemail', dest: '1000', additionalFields: { did: '8005550199' } });
		let [route] = await ucOk(creds, { resource: 'inboundRoute', operation: 'queryInboundRoute', name: 'night-in' });
		expect(route).toMatchObject({ name: 'night-in', did: '8005550199', desttype: 'voicemail', dest: '1000' });
		await ucOk(creds, { resource: 'inboundRoute', operation: 'updateInboundRoute', name: 'night-in', desttype: 'queue', dest: '6700' });
		[route] = await ucOk(creds, { resource: 'inboundRoute', operation: 'queryInboundRoute', name: 'night-in' });
		expect(route).toMatchObject({ name: 'night-in', did: '8005550199', desttype: 'queue', dest: '6700' });
		await ucOk(creds, { resource: 'inboundRoute', operation: 'deleteInboundRoute', name: 'night-in' });
		expect(await ucOk(creds, { resource: 'inboundRoute', operation: 'queryInboundRoute', name: 'night-in' })).toEqual([]);
		expect([...emu.state.inroutes.keys()]).toEqual(['main-in', 'support-in']);
	});

	it('Outbound Route: create → get → update → delete', async () => {
		await ucOk(creds, { resource: 'outboundRoute', operation: 'addOutboundRoute', name: 'intl-00', matchpattern: '00X.', trunks: 'to-provider,to-branch', additionalFields: { prepend: '+' } });
		let [route] = await ucOk(creds, { resource: 'outboundRoute', operation: 'queryOutboundRoute', name: 'intl-00' });
		expect(route).toMatchObject({ name: 'intl-00', matchpattern: '00X.', trunks: 'to-provider,to-branch', prepend: '+' });
		await ucOk(creds, { resource: 'outboundRoute', operation: 'updateOutboundRoute', id: Number(route.id), name: 'intl-00', matchpattern: '00XX.', trunks: 'to-branch' });
		[route] = await ucOk(creds, { resource: 'outboundRoute', operation: 'queryOutboundRoute', name: 'intl-00' });
		expect(route).toMatchObject({ id: route.id, matchpattern: '00XX.', trunks: 'to-branch' });
		await ucOk(creds, { resource: 'outboundRoute', operation: 'deleteOutboundRoute', name: 'intl-00' });
		expect([...emu.state.outroutes.values()].map((r) => r.name)).toEqual(['to-provider-9', 'local-direct']);
	});

	it('Paging Group: create → get → list → update → delete', async () => {
		await ucOk(creds, { resource: 'pagingGroup', operation: 'addPagingGroup', number: '6301', name: 'floor2', type: 'intercom', member: '1000,1001' });
		let [group] = await ucOk(creds, { resource: 'pagingGroup', operation: 'queryPagingGroup', number: '6301' });
		expect(group).toEqual({ number: '6301', name: 'floor2', type: 'intercom', member: '1000,1001' });
		const list = await ucOk(creds, { resource: 'pagingGroup', operation: 'listPagingGroups' });
		expect(list).toEqual([{ number: '6300', name: 'all_office' }, { number: '6301', name: 'floor2' }]);
		await ucOk(creds, { resource: 'pagingGroup', operation: 'updatePagingGroup', number: '6301', type: 'paging', additionalFields: { member: '1002,1004' } });
		[group] = await ucOk(creds, { resource: 'pagingGroup', operation: 'queryPagingGroup', number: '6301' });
		expect(group).toEqual({ number: '6301', name: 'floor2', type: 'paging', member: '1002,1004' });
		await ucOk(creds, { resource: 'pagingGroup', operation: 'deletePagingGroup', number: '6301' });
		expect([...emu.state.pagingGroups.keys()]).toEqual(['6300']);
	});

	it('Wake-Up Call: create → get → update → delete; Hotel Room: check out', async () => {
		await ucOk(creds, { resource: 'wakeUpCall', operation: 'createWakeupCall', number: '1001', time: '06:45', type: 'onetime', additionalFields: { prompt: 'custom/test' } });
		let [alarms] = await ucOk(creds, { resource: 'wakeUpCall', operation: 'queryWakeupCall', number: '1001' });
		expect(alarms.number).toBe('1001');
		expect(alarms.wakeup).toEqual([{ wakeupid: expect.any(String), type: 'onetime', weekdays: '', time: '06:45', prompt: 'custom/test' }]);
		const id = (alarms.wakeup as Array<{ wakeupid: string }>)[0].wakeupid;

		await ucOk(creds, { resource: 'wakeUpCall', operation: 'updateWakeupCall', number: '1001', wakeupid: Number(id), time: '07:15', type: 'custom', additionalFields: { weekdays: '1,3,5' } });
		[alarms] = await ucOk(creds, { resource: 'wakeUpCall', operation: 'queryWakeupCall', number: '1001' });
		expect(alarms.wakeup).toEqual([{ wakeupid: id, type: 'custom', weekdays: '1,3,5', time: '07:15', prompt: 'custom/test' }]);

		await ucOk(creds, { resource: 'wakeUpCall', operation: 'deleteWakeupCall', additionalFields: { wakeupid: id } });
		expect(await ucOk(creds, { resource: 'wakeUpCall', operation: 'queryWakeupCall', number: '1001' })).toEqual([]);

		// check-out clears the room's alarms and voicemail
		expect(emu.state.wakeups.some((w) => w.number === '1004')).toBe(true);
		await ucOk(creds, { resource: 'hotelRoom', operation: 'hotelCheckout', number: '1004' });
		expect(emu.state.checkouts).toEqual(['1004']);
		expect(emu.state.wakeups.some((w) => w.number === '1004')).toBe(false);
	});

	it('Conference: create → get → update → invite → in session → mute/unmute → kick → delete', async () => {
		await ucOk(creds, { resource: 'conference', operation: 'insertConference', number: '6510' });
		await ucOk(creds, { resource: 'conference', operation: 'updateConference', number: '6510', additionalFields: { name: 'board', moderatorpassword: '4321', waitformoderator: 'no' } });
		const [room] = await ucOk(creds, { resource: 'conference', operation: 'queryConference', number: '6510' });
		expect(room).toMatchObject({ number: '6510', name: 'board', moderatorpassword: '********', waitformoderator: 'no' });

		await ucOk(creds, { resource: 'conference', operation: 'addConferenceMember', number: '6510', invitemember: '1000,1001,95551234' });
		let [session] = await ucOk(creds, { resource: 'conference', operation: 'queryConferenceInSession', number: '6510' });
		expect(session.conferencenumber).toBe('6510');
		expect((session.member as Array<{ number: string }>).map((m) => m.number)).toEqual(['1000', '1001', '95551234']);

		await ucOk(creds, { resource: 'conference', operation: 'muteConferenceMember', number: '6510', membernumber: '1000' });
		const member = (n: string) => emu.state.conferenceMembers.get('6510')!.find((m) => m.number === n);
		expect(member('1000')?.muted).toBe(true);
		await ucOk(creds, { resource: 'conference', operation: 'unmuteConferenceMember', number: '6510', membernumber: '1000' });
		expect(member('1000')?.muted).toBe(false);
		await ucOk(creds, { resource: 'conference', operation: 'kickConferenceMember', number: '6510', membernumber: '1001' });
		[session] = await ucOk(creds, { resource: 'conference', operation: 'queryConferenceInSession', number: '6510' });
		expect((session.member as Array<{ number: string }>).map((m) => m.number)).toEqual(['1000', '95551234']);

		await ucOk(creds, { resource: 'conference', operation: 'deleteConference', number: '6510' });
		expect([...emu.state.conferences.keys()]).toEqual(['6500']);
	});

	it('IVR: update → get', async () => {
		await ucOk(creds, { resource: 'ivr', operation: 'updateIvr', ivrid: '1', additionalFields: { ivrname: 'day_ivr', promptrepeat: '2', responsetimeout: 7 } });
		const [ivr] = await ucOk(creds, { resource: 'ivr', operation: 'queryIvr', additionalFields: { name: 'day_ivr' } });
		expect(ivr).toEqual({ ivrid: '1', ivrname: 'day_ivr', promptrepeat: '2', responsetimeout: '7', prompt: 'welcome' });
	});

	it('Queue: update → get; dynamic agent in and out; pause and unpause an agent', async () => {
		await ucOk(creds, { resource: 'queue', operation: 'updateQueue', queueid: 6700, additionalFields: { queuename: 'helpdesk', ringstrategy: 'Least Recent', agents: '1000,1001' } });
		const [queue] = await ucOk(creds, { resource: 'queue', operation: 'queryQueue', additionalFields: { queueid: '6700' } });
		expect(queue).toMatchObject({ queuenumber: '6700', queuename: 'helpdesk', ringstrategy: 'Least Recent' });

		await ucOk(creds, { resource: 'queue', operation: 'addQueueDynamicAgent', queueid: 6700, extid: 1004 });
		const status = async () => {
			const [q] = await ucOk(creds, { resource: 'queue', operation: 'queryQueueStatus', queueid: 6700 });
			expect(q.queuenumber).toBe('6700');
			const members = (q.queuestatus as { members: Array<{ agent: string; agentstatus: string }> }).members;
			return Object.fromEntries(members.map((m) => [m.agent, m.agentstatus]));
		};
		expect(await status()).toEqual({ '1000': '1', '1001': '1', '1002': '1', '1004': '1' });

		await ucOk(creds, { resource: 'queue', operation: 'pauseQueueAgent', queueid: 6700, extid: 1001 });
		expect(await status()).toMatchObject({ '1001': '9' });
		expect([...(emu.state.pausedAgents.get('6700') ?? [])]).toEqual(['1001']);
		await ucOk(creds, { resource: 'queue', operation: 'unpauseQueueAgent', queueid: 6700, extid: 1001 });
		expect(await status()).toMatchObject({ '1001': '1' });

		const wrongPin = await uc(creds, { resource: 'queue', operation: 'delQueueDynamicAgent', queueid: 6700, extid: 1004, password: '0000' });
		expect(wrongPin.error?.message).toMatch(/10032/);
		expect(wrongPin.error?.message).not.toContain('0000');
		await ucOk(creds, { resource: 'queue', operation: 'delQueueDynamicAgent', queueid: 6700, extid: 1004, password: '6700' });
		expect(emu.state.queues.get('6700')!.dynamicagents).toBe('1002');
	});

	it('Call: dial extension → hold/unhold → mute/unmute → listen → transfer → hang up', async () => {
		await ucOk(creds, { resource: 'call', operation: 'dialExtension', caller: '1000', callee: '1001', additionalFields: { autoanswer: 'yes' } });
		const call = await talking('1000');
		expect(call).toMatchObject({ kind: 'internal', caller: '1000', callee: '1001' });

		await ucOk(creds, { resource: 'call', operation: 'holdExtension', extid: 1001 });
		expect(call.held).toEqual(['1001']);
		const [held] = await ucOk(creds, { resource: 'extension', operation: 'queryExtension', additionalFields: { extid: '1001' } });
		expect(held.status).toBe('Hold');
		await ucOk(creds, { resource: 'call', operation: 'unholdExtension', extid: 1001 });
		expect(call.held).toEqual([]);

		await ucOk(creds, { resource: 'call', operation: 'muteExtension', extid: 1000 });
		expect(call.muted).toEqual(['1000']);
		await ucOk(creds, { resource: 'call', operation: 'unmuteExtension', extid: 1000 });
		expect(call.muted).toEqual([]);

		await ucOk(creds, { resource: 'call', operation: 'listenExtension', listener: 1004, listenedext: 1001 });
		// 1004's monitor mode is Listen only: the PBX refuses a whisper with its own code, and the listen stays
		const whisper = await uc(creds, { resource: 'call', operation: 'whisperExtension', whisperer: 1004, whisperedext: 1001 });
		expect(whisper.error?.message).toMatch(/10010.*monitor mode does not match/);
		expect(call.monitors).toEqual([{ ext: '1004', mode: 'listen' }]);

		await ucOk(creds, { resource: 'call', operation: 'callTransfer', callid: call.callid, transferor: '1001', transferto: '1002' });
		expect(call).toMatchObject({ caller: '1000', callee: '1002', state: 'talking' });

		await ucOk(creds, { resource: 'call', operation: 'hangupExtension', extid: 1002 });
		expect(emu.state.calls.size).toBe(0);
		const cdr = emu.state.cdrs.at(-1)!;
		expect(cdr).toMatchObject({ callid: call.callid, callfrom: '1000', status: 'ANSWERED', type: 'Internal' });
	});

	it('Call: dial outbound → get outbound → hang up outbound; inbound call → get → hang up', async () => {
		await ucOk(creds, { resource: 'call', operation: 'dialOutbound', extid: 1000, outto: '95551234' });
		const out = await talking('1000');
		const [outbound] = await ucOk(creds, { resource: 'call', operation: 'queryOutbound' });
		expect(outbound).toMatchObject({ outboundid: out.outboundid, from: '1000', to: '5551234', trunk: 'to-provider', status: 'Talking' });
		await ucOk(creds, { resource: 'call', operation: 'hangupOutbound', outboundid: out.outboundid });
		expect(emu.state.calls.size).toBe(0);

		const inc = inboundCall('5559876', '1002');
		const [inbound] = await ucOk(creds, { resource: 'call', operation: 'queryInbound', inboundid: inc.inboundid });
		expect(inbound).toMatchObject({ inboundid: inc.inboundid, from: '5559876', to: '1002', status: 'Talking' });
		await ucOk(creds, { resource: 'call', operation: 'hangupInbound', inboundid: inc.inboundid });
		expect(emu.state.calls.size).toBe(0);
		expect(emu.state.cdrs.slice(-2).map((c) => c.type)).toEqual(['Outbound', 'Inbound']);
	});

	it('Call: barge in, queue / ring group / two-way callbacks and prompts', async () => {
		await ucOk(creds, { resource: 'call', operation: 'dialExtension', caller: '1001', callee: '1002' });
		const call = await talking('1001');
		await ucOk(creds, { resource: 'call', operation: 'bargeExtension', bargein: 1000, bargedext: 1002 });
		expect(call.monitors).toEqual([{ ext: '1000', mode: 'barge' }]);
		await ucOk(creds, { resource: 'call', operation: 'hangupExtension', extid: 1001 });

		await ucOk(creds, { resource: 'call', operation: 'queueDialOutbound', queueid: 6700, outto: '95550001' });
		expect(liveCallOf('1000')).toMatchObject({ kind: 'outbound', dialed: '95550001' });
		await ucOk(creds, { resource: 'call', operation: 'ringGroupDialOutbound', ringgroupid: 6200, outto: '95550002' });
		expect(liveCallOf('1001')).toMatchObject({ kind: 'outbound', dialed: '95550002' });
		await ucOk(creds, { resource: 'call', operation: 'outboundDialOutbound', caller: '95550003', outto: '95550004' });
		expect([...emu.state.calls.values()].find((c) => c.kind === 'callback')).toMatchObject({ caller: '5550003', dialed: '95550004' });

		await ucOk(creds, { resource: 'call', operation: 'extensionPlayPrompt', extid: 1004, prompt: 'welcome+goodbye' });
		await ucOk(creds, { resource: 'call', operation: 'outboundPlayPrompt', outto: '95557777', prompt: 'custom/test' });
		expect(emu.state.playedPrompts.map((p) => [p.to, p.prompt])).toEqual([['1004', 'welcome+goodbye'], ['95557777', 'custom/test']]);
	});

	it('Voicemail: get many → download → delete', async () => {
		const boxes = await ucOk(creds, { resource: 'voicemail', operation: 'queryVoicemail', additionalFields: { extid: '1000' } });
		expect(boxes).toEqual([{ extid: '1000', voicemail: [expect.objectContaining({ voicemailfile: 'msg0000.wav' }), expect.objectContaining({ voicemailfile: 'msg0001.wav' })] }]);
		const r = await uc(creds, { resource: 'voicemail', operation: 'downloadVoicemail', extid: 1000, voicemailfile: 'msg0001.wav' });
		expect(r.error).toBeUndefined();
		const bin = r.items[0].binary!.data;
		expect(bin).toMatchObject({ fileName: 'msg0001.wav', mimeType: 'audio/x-wav' });
		// voicemail 1000/msg0001 is 7 s long; the emulator serves a WAV of min(2, 7/4) s
		expect(binaryBytes(bin).equals(makeWav(1.75))).toBe(true);
		await ucOk(creds, { resource: 'voicemail', operation: 'deleteVoicemail', extid: 1000, voicemailfile: 'msg0001.wav' });
		expect(emu.state.voicemails.filter((v) => v.extid === '1000').map((v) => v.voicemailfile)).toEqual(['msg0000.wav']);
	});
});

describe('OpenVox UC downloads arrive as binary data', () => {
	const recording = OPENVOX_UC_SEED.recordings[0];

	it.each(['json', 'xml'] as const)('(%s) Recording → Download twice: a WAV file each time, each with a fresh one-time key', async (format) => {
		const creds = credsIn(format);
		for (let run = 0; run < 2; run++) {
			const r = await uc(creds, { resource: 'recording', operation: 'downloadRecording', recording });
			expect(r.error).toBeUndefined();
			expect(r.items).toHaveLength(1);
			const bin = r.items[0].binary!.data;
			expect(bin.fileName).toBe(recording);
			expect(bin.mimeType).toBe('audio/x-wav');
			const bytes = binaryBytes(bin);
			expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
			expect(bytes.subarray(8, 16).toString('ascii')).toBe('WAVEfmt ');
			expect(bytes.equals(makeWav(0.5))).toBe(true);
			expect(r.json[0]).toMatchObject({ fileName: recording, mimeType: 'audio/x-wav', size: bytes.length, recording });
		}
		const keys = apiRequests('recording/get_random');
		const downloads = apiRequests('recording/download');
		expect(keys).toHaveLength(2);
		expect(downloads).toHaveLength(2);
		expect(downloads[0].query.random).toMatch(/^[0-9a-f]{32}$/);
		expect(downloads[0].query.random).not.toBe(downloads[1].query.random);
	});

	it('Voicemail → Download gives the WAV with its file name', async () => {
		const r = await uc(credsIn('json'), { resource: 'voicemail', operation: 'downloadVoicemail', extid: 1002, voicemailfile: 'msg0000.wav' });
		const bin = r.items[0].binary!.data;
		expect(bin).toMatchObject({ fileName: 'msg0000.wav', mimeType: 'audio/x-wav' });
		expect(binaryBytes(bin).equals(makeWav(0.75))).toBe(true);
		expect(apiRequests('voicemail/download')[0].query).toMatchObject({ extid: '1002', voicemailfile: 'msg0000.wav' });
	});

	it.each(['json', 'xml'] as const)('(%s) CDR → Download gives the CSV of the period, twice', async (format) => {
		const creds = credsIn(format);
		const params = { resource: 'cdr', operation: 'downloadCdr', extid: '1000', starttime: '2024-05-01 00:00:00', endtime: '2024-05-03 23:59:59' };
		for (let run = 0; run < 2; run++) {
			const r = await uc(creds, params);
			expect(r.error).toBeUndefined();
			const bin = r.items[0].binary!.data;
			expect(bin.fileName).toBe('cdr-20240501000000-20240503235959.csv');
			expect(bin.mimeType).toBe('text/csv');
			const lines = binaryBytes(bin).toString('utf8').trim().split('\r\n');
			expect(lines[0]).toBe(OPENVOX_UC_CDR_COLUMNS.join(','));
			// 1000's calls in the period: 1000 → 1001 on May 1 and 5551234 → 1000 on May 3
			expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['1714554900.101', '1714731000.301']);
		}
		const downloads = apiRequests('cdr/download');
		expect(downloads).toHaveLength(2);
		expect(downloads[0].query).toMatchObject({ extid: '1000', starttime: '2024-05-01 00:00:00', endtime: '2024-05-03 23:59:59' });
		expect(downloads[0].query.random).not.toBe(downloads[1].query.random);
	});

	it('a missing recording is a PBX error with its meaning, not an empty file', async () => {
		const r = await uc(credsIn('json'), { resource: 'recording', operation: 'downloadRecording', recording: 'no-such.wav' });
		expect(r.error?.message).toMatch(/20014/);
		expect(r.error?.message).toMatch(/recording file does not exist/);
	});
});

describe('OpenVox UC answers the same in XML and JSON', () => {
	/** Read operations compared, with state staged so lists and nested objects are not empty. */
	const reads: IDataObject[] = [
		{ resource: 'device', operation: 'queryDeviceInfo' },
		{ resource: 'extension', operation: 'queryExtensionList' },
		{ resource: 'extension', operation: 'queryExtension' },
		{ resource: 'extension', operation: 'queryExtension', additionalFields: { extid: '1000,1002,2010' } },
		{ resource: 'trunk', operation: 'queryTrunkList' },
		{ resource: 'sipTrunk', operation: 'querySipTrunk', trunkname: 'all' },
		{ resource: 'sipTrunk', operation: 'querySipTrunk', trunkname: 'to-branch' },
		{ resource: 'inboundRoute', operation: 'queryInboundRoute', name: 'all' },
		{ resource: 'inboundRoute', operation: 'queryInboundRoute', name: 'support-in' },
		{ resource: 'outboundRoute', operation: 'queryOutboundRoute', name: 'all' },
		{ resource: 'conference', operation: 'queryConference', number: 'all' },
		{ resource: 'conference', operation: 'queryConferenceInSession', number: '6500' },
		{ resource: 'ivr', operation: 'queryIvr' },
		{ resource: 'queue', operation: 'queryQueue' },
		{ resource: 'queue', operation: 'queryQueueStatus', queueid: 6700 },
		{ resource: 'pagingGroup', operation: 'listPagingGroups' },
		{ resource: 'pagingGroup', operation: 'queryPagingGroup', number: 'all' },
		{ resource: 'call', operation: 'queryOutbound' },
		{ resource: 'call', operation: 'queryInbound', inboundid: '={{$json.inboundid}}' },
		{ resource: 'voicemail', operation: 'queryVoicemail' },
		{ resource: 'voicemail', operation: 'queryVoicemail', additionalFields: { extid: '1002' } },
		{ resource: 'wakeUpCall', operation: 'queryWakeupCall', number: 'all' },
		{ resource: 'wakeUpCall', operation: 'queryWakeupCall', number: '1004' },
	];

	it('for every read operation, including live calls, nested objects, one-element lists and special characters', async () => {
		const json = credsIn('json');
		const xml = credsIn('xml');
		// state worth comparing: an extension whose name needs escaping in XML, a live outbound and inbound call,
		// conference members, a caller waiting in the queue's status
		await ucOk(json, { resource: 'extension', operation: 'addExtension', additionalFields: { number: 2010, username: 'Tom & Jerry <QA> "R&D"', email: 'a&b@example.com' } });
		await ucOk(json, { resource: 'call', operation: 'dialOutbound', extid: 1000, outto: '95551234' });
		await talking('1000');
		const inc = inboundCall('5559876', '1002');
		await ucOk(json, { resource: 'conference', operation: 'addConferenceMember', number: '6500', invitemember: '1001' });
		await ucOk(json, { resource: 'queue', operation: 'pauseQueueAgent', queueid: 6700, extid: 1001 });

		for (const op of reads) {
			const items = [{ inboundid: inc.inboundid }];
			// The device clock ticks between the two reads: compare everything but its time fields.
			const clockless = (out: Array<Record<string, unknown>>) => out.map(({ systemtime, uptime, ...rest }) => rest);
			const a = await ucOk(json, op, { items });
			const b = await ucOk(xml, op, { items });
			expect({ op, out: clockless(b) }).toEqual({ op, out: clockless(a) });
			expect(a.length).toBeGreaterThan(0);
		}
		expect(emu.requests.filter((q) => q.format === 'xml').length).toBeGreaterThanOrEqual(reads.length);
		const [tom] = await ucOk(xml, { resource: 'extension', operation: 'queryExtension', additionalFields: { extid: '2010' } });
		expect(tom).toMatchObject({ username: 'Tom & Jerry <QA> "R&D"', email: 'a&b@example.com' });
	});

	it('writes the same request in both formats (XML body with escaping)', async () => {
		for (const format of ['json', 'xml'] as const) {
			await ucOk(credsIn(format), { resource: 'pagingGroup', operation: 'addPagingGroup', number: `63${format === 'json' ? '11' : '12'}`, name: 'R&D <2>', type: 'paging', member: '1000' });
		}
		expect(emu.state.pagingGroups.get('6311')?.name).toBe('R&D <2>');
		expect(emu.state.pagingGroups.get('6312')?.name).toBe('R&D <2>');
		expect(apiRequests('paginggroup/add').map((q) => q.format)).toEqual(['json', 'xml']);
	});
});

describe('OpenVox UC bad input fails before sending', () => {
	const creds = () => credsIn('json');

	it('a missing required field names the field and the item; nothing is sent, not even a login', async () => {
		const r = await uc(creds(), { resource: 'call', operation: 'dialExtension', caller: '1000', callee: '={{$json.to}}' }, { items: [{}] });
		expect(r.error?.message).toMatch(/Field "callee" is required \(item 0\)/);
		expect(r.error?.description).toMatch(/Nothing was sent/);
		expect(emu.requests).toHaveLength(0);
		expect(emu.loginAttempts).toBe(0);
	});

	it('with continueOnFail, the bad item is an error item naming its index and only the good items are sent', async () => {
		const r = await uc(
			creds(),
			{ resource: 'extension', operation: 'updateExtension', extid: '={{$json.ext}}', additionalFields: { username: '={{$json.name}}' } },
			{ continueOnFail: true, items: [{ ext: '1000', name: 'A' }, { name: 'B' }, { ext: 'ten', name: 'C' }, { ext: '1001', name: 'D' }] },
		);
		expect(r.error).toBeUndefined();
		expect(r.json).toHaveLength(4);
		expect(r.json[1].error).toMatch(/Field "extid" is required \(item 1\)/);
		expect(r.json[2].error).toMatch(/Field "extid" must be a whole number, got "ten" \(item 2\)/);
		expect(r.json[0]).toEqual({ success: true });
		expect(r.json[3]).toEqual({ success: true });
		expect(apiRequests('extension/update').map((q) => String((q.body as { extid: unknown }).extid))).toEqual(['1000', '1001']);
		expect(emu.state.extensions.get('1000')!.username).toBe('A');
		expect(emu.state.extensions.get('1001')!.username).toBe('D');
	});

	it('a value outside the documented options is refused with the allowed values', async () => {
		const r = await uc(creds(), { resource: 'pagingGroup', operation: 'addPagingGroup', number: '6399', name: 'x', type: '={{"broadcast"}}', member: '1000' });
		expect(r.error?.message).toMatch(/Field "type" must be one of paging .*intercom/);
		expect(emu.requests).toHaveLength(0);
	});

	it('a PBX error shows the code and the meaning, and continueOnFail carries the code', async () => {
		const r = await uc(creds(), { resource: 'call', operation: 'hangupExtension', extid: 1003 }, { continueOnFail: true });
		expect(r.json[0].code).toBe('10007');
		expect(r.json[0].error).toMatch(/10007.*The call does not exist/);
	});

	/**
	 * Firmware with Yeastar's v2 codes refuses trunk/route changes with codes the UC manual never lists (10043,
	 * 10062, 10064, 10074, 10078, ...): help.yeastar.com/zh-cn/cloudpbx-developer-v2/api-v2/api_error_code.html
	 * (same siptrunk/, inroute/, outroute/ calls). The error names the code and what it means.
	 */
	it('trunk and route refusals with the Yeastar v2 codes show their meaning', async () => {
		emu.options.routeErrnos = 'yeastar-v2';
		const cases: Array<[IDataObject, RegExp]> = [
			[{ resource: 'sipTrunk', operation: 'addSipTrunk', trunkname: 'to-provider', trunktype: 'peer', additionalFields: { host: '198.51.100.7', port: '5060' } }, /10043.*trunk name already exists/],
			[{ resource: 'sipTrunk', operation: 'updateSipTrunk', id: 99, trunkname: 'x', trunktype: 'peer' }, /10062.*trunk does not exist/],
			[{ resource: 'inboundRoute', operation: 'addInboundRoute', name: 'main-in', desttype: 'extension', dest: '1000' }, /10064.*inbound route already exists/],
			[{ resource: 'inboundRoute', operation: 'updateInboundRoute', name: 'no-such-route', desttype: 'extension', dest: '1000' }, /10072.*inbound route does not exist/],
			[{ resource: 'outboundRoute', operation: 'addOutboundRoute', name: 'new-out', matchpattern: '00X.', trunks: 'no-such-trunk' }, /10078.*outbound route's trunk does not exist/],
		];
		for (const [parameters, meaning] of cases) {
			const r = await uc(creds(), parameters, { continueOnFail: true });
			expect(r.json[0].error).toMatch(meaning);
		}
	});
});

describe('OpenVox UC field behaviour', () => {
	/**
	 * Yeastar's published exchanges answer from "Server: Boa/0.94.14rc21" with "Connection: close": one TCP
	 * connection per request (help.yeastar.com/en/s-series-developer-v2/api-v2/heartbeat.html,
	 * zh-cn/s1000-developer-v2/api-v2/outroute-add.html). A closed keep-alive socket must never turn a dial into
	 * "outcome unknown" or a second call.
	 */
	it('a PBX that closes every connection after its answer: a batch of dials places each call once, then a query and a download work', async () => {
		emu.options.connectionClose = true;
		// Keep-alive sockets of earlier tests would carry the first requests.
		await closeAllPools();
		let opened = 0;
		const count = () => opened++;
		emu.server.on('connection', count);
		try {
			const creds = credsIn('json');
			const items = [{ ext: 1000, to: '95550001' }, { ext: 1001, to: '95550002' }, { ext: 1002, to: '95550003' }];
			const r = await uc(creds, { resource: 'call', operation: 'dialOutbound', extid: '={{$json.ext}}', outto: '={{$json.to}}' }, { items });
			expect(r.error).toBeUndefined();
			expect(r.json).toHaveLength(3);
			const dials = emu.requests.filter((q) => q.path !== 'login');
			expect(dials.map((q) => (q.body as { outto: string }).outto)).toEqual(['95550001', '95550002', '95550003']);
			expect([...emu.state.calls.values()].map((c) => c.dialed).sort()).toEqual(['95550001', '95550002', '95550003']);
			await ucOk(creds, { resource: 'extension', operation: 'queryExtension', extid: '1000' });
			const d = await uc(creds, { resource: 'recording', operation: 'downloadRecording', recording: OPENVOX_UC_SEED.recordings[0] });
			expect(d.error).toBeUndefined();
			// One connection per request: the PBX really closed each one.
			expect(opened).toBe(emu.requests.length);
		} finally {
			emu.server.off('connection', count);
		}
	});

	/**
	 * Every request example of the UC manual (`"extid": "101"`, `"number":"2002"`) and of Yeastar's guide
	 * (YeastarCarol/Yeastar-S-Series-API-Guide-en api_sample/extension/query-one-or-more-extensions.md: `{"extid": "1000"}`
	 * for a field typed Int) sends values as JSON strings. Firmware that reads only strings takes a number for blank.
	 */
	it('sends Int fields as JSON strings, as the examples do: a PBX that reads only strings dials and updates', async () => {
		emu.options.jsonValues = 'strings';
		const creds = credsIn('json');
		await ucOk(creds, { resource: 'call', operation: 'dialOutbound', extid: 1000, outto: '95550001' });
		expect(lastBody('extension/dial_outbound')).toEqual({ extid: '1000', outto: '95550001' });
		expect(liveCallOf('1000')).toMatchObject({ dialed: '95550001' });
		await ucOk(creds, { resource: 'extension', operation: 'updateExtension', extid: 1001, additionalFields: { username: 'Robert' } });
		expect(emu.state.extensions.get('1001')!.username).toBe('Robert');
		for (const q of emu.requests.filter((r) => r.path !== 'login')) {
			for (const v of Object.values(q.body as Record<string, unknown>)) expect(typeof v).toBe('string');
		}
	});

	/**
	 * The PBX reads CDR times only as "yyyy-mm-dd hh:mm:ss" (manual 下载通话记录; anything else is errno 20019, "Wrong CDR
	 * time format" in Yeastar's table), while n8n dates ($now, a Date & Time field) arrive as ISO 8601 with an offset.
	 */
	it('CDR download takes n8n dates (ISO 8601) and bare days at their wall-clock time; other text fails before sending', async () => {
		const creds = credsIn('json');
		const r = await uc(creds, { resource: 'cdr', operation: 'downloadCdr', extid: '1000', starttime: '={{ "2024-05-01T00:00:00.000+08:00" }}', endtime: '2024-05-03' });
		expect(r.error).toBeUndefined();
		expect(lastBody('cdr/get_random')).toMatchObject({ starttime: '2024-05-01 00:00:00', endtime: '2024-05-03 23:59:59' });
		expect(apiRequests('cdr/download').at(-1)!.query).toMatchObject({ starttime: '2024-05-01 00:00:00', endtime: '2024-05-03 23:59:59' });
		expect(binaryBytes(r.items[0].binary!.data).toString('utf8').trim().split('\r\n')).toHaveLength(3);

		const before = emu.requests.length;
		const bad = await uc(creds, { resource: 'cdr', operation: 'downloadCdr', extid: '1000', starttime: 'yesterday', endtime: '2024-05-03 23:59:59' });
		expect(bad.error?.message).toMatch(/Field "starttime" must be a time as yyyy-mm-dd hh:mm:ss.*"yesterday".*item 0/);
		expect(bad.error?.description).toMatch(/Nothing was sent/);
		expect(emu.requests.length).toBe(before);
	});

	/**
	 * Yeastar-type PBXs redirect plain HTTP (port 80) to HTTPS 8088 by default ("Redirect from port 80: Enabled",
	 * help.yeastar.com/en/s-series-developer/api/communication-method.html). A redirect is an answer that the request
	 * was not processed: the login and a dial fail naming where to point the credential, never "outcome unknown",
	 * and the Location's token never shows.
	 */
	it('a PBX that redirects HTTP to HTTPS: the error names the HTTPS address; a dial is "not processed", not "outcome unknown"', async () => {
		const creds = credsIn('json');
		emu.options.redirectTo = 'https://pbx.example.test:8088';
		const login = await uc(creds, { resource: 'extension', operation: 'queryExtension', extid: '1000' });
		expect(login.error?.message).toMatch(/HTTP 302.*redirected the request to https:\/\/pbx\.example\.test:8088 without processing it/);
		expect(login.error?.description).toMatch(/scheme, host and port to https:\/\/pbx\.example\.test:8088/);

		// Redirect switched on after the token was issued: the dial's own answer is the 302.
		emu.options.redirectTo = undefined;
		await ucOk(creds, { resource: 'extension', operation: 'queryExtension', extid: '1000' });
		const token = emu.requests.at(-1)!.query.token;
		emu.options.redirectTo = 'https://pbx.example.test:8088';
		const dial = await uc(creds, { resource: 'call', operation: 'dialOutbound', extid: 1000, outto: '95550001' });
		expect(dial.error?.message).toMatch(/HTTP 302.*without processing it/);
		expect(dial.error?.message).not.toMatch(/Outcome unknown/i);
		expect(JSON.stringify(dial.error)).not.toContain(token);
		expect(emu.state.calls.size).toBe(0);
	});
});

describe('OpenVox UC coverage', () => {
	it('every resource of the node was exercised by the tests above', () => {
		const resources = new Set(openVoxUcEndpoints.filter((e) => !e.hidden).map((e) => resourceValue(e.resource)));
		const used = new Set([...exercised].map((k) => k.split('/')[0]));
		expect([...resources].filter((r) => !used.has(r))).toEqual([]);
		const operations = openVoxUcEndpoints.filter((e) => !e.hidden).map((e) => `${resourceValue(e.resource)}/${e.id}`);
		expect(operations.filter((o) => !exercised.has(o))).toEqual([]);
	});
});
