import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
	UCM_CDR_COLUMNS,
	UCM_DEFAULT_PASSWORD,
	UCM_DEFAULT_USERNAME,
	UCM_SEED,
	parsePmsData,
	startUcmEmulator,
	type UcmEmulator,
} from './ucm';

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Json { [k: string]: any } // eslint-disable-line @typescript-eslint/no-explicit-any

async function raw(emu: UcmEmulator, request: Json): Promise<Response> {
	return fetch(`${emu.url}/api`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json;charset=UTF-8' },
		body: JSON.stringify({ request }),
	});
}

async function api(emu: UcmEmulator, request: Json): Promise<Json> {
	const res = await raw(emu, request);
	expect(res.status).toBe(200);
	return (await res.json()) as Json;
}

async function login(emu: UcmEmulator, extra: Json = {}, password = emu.password): Promise<Json> {
	const ch = await api(emu, { action: 'challenge', user: emu.username, version: '1.0' });
	expect(ch.status).toBe(0);
	return api(emu, { action: 'login', user: emu.username, token: md5(ch.response.challenge + password), ...extra });
}

async function cookie(emu: UcmEmulator, extra: Json = {}): Promise<string> {
	const r = await login(emu, extra);
	expect(r.status).toBe(0);
	return r.response.cookie as string;
}

async function receiver(): Promise<{ url: string; got: Array<{ path: string; body: string; type: string }>; close(): Promise<void> }> {
	const got: Array<{ path: string; body: string; type: string }> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			got.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8'), type: String(req.headers['content-type']) });
			res.writeHead(200);
			res.end('ok');
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const port = (server.address() as AddressInfo).port;
	return { url: `127.0.0.1:${port}/ucm-reports`, got, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('UCM emulator (grandstream)', () => {
	let emu: UcmEmulator;
	beforeAll(async () => {
		emu = await startUcmEmulator({ answerDelayMs: 10 });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	it('uses the manual defaults', () => {
		expect(emu.username).toBe(UCM_DEFAULT_USERNAME);
		expect(emu.password).toBe(UCM_DEFAULT_PASSWORD);
		expect(emu.brand).toBe('grandstream');
		expect(emu.options.cookieTtlMs).toBe(600_000);
		expect(emu.options.lockoutFailures).toBe(5);
	});

	it('challenge -> login -> cookie in the body; missing cookie is -6; logout ends the session', async () => {
		const ch = await api(emu, { action: 'challenge', user: 'cdrapi', version: '1.0' });
		expect(ch.status).toBe(0);
		expect(ch.response.challenge).toMatch(/^\d{16}$/);
		const lg = await api(emu, { action: 'login', user: 'cdrapi', token: md5(ch.response.challenge + emu.password), url: 'http://192.168.5.199:8070' });
		expect(lg).toEqual({ response: { cookie: expect.stringMatching(/^sid\d+-\d+$/) }, status: 0 });
		const c = lg.response.cookie as string;
		expect(emu.challenges).toBe(1);
		expect(emu.logins).toBe(1);
		expect(emu.registration()).toEqual({ url: 'http://192.168.5.199:8070', cookie: c });

		const st = await api(emu, { action: 'getSystemStatus', cookie: c });
		expect(st.status).toBe(0);
		expect(Object.keys(st.response).sort()).toEqual(['idle-time', 'part-number', 'serial-number', 'system-time', 'up-time']);
		expect(await api(emu, { action: 'getSystemStatus' })).toEqual({ status: -6 });
		expect(await api(emu, { action: 'getSystemStatus', cookie: 'sid1-1' })).toEqual({ status: -6 });
		const gs = await api(emu, { action: 'getSystemGeneralStatus', cookie: c });
		expect(gs.response['product-model']).toMatch(/^UCM/);
		expect(gs.response['gswave-version']).toBeDefined();

		expect(await api(emu, { action: 'logout', cookie: c })).toEqual({ response: {}, status: 0 });
		expect(await api(emu, { action: 'getSystemStatus', cookie: c })).toEqual({ status: -6 });
		expect(emu.requests.map((r) => r.action)).toEqual(['challenge', 'login', 'getSystemStatus', 'getSystemStatus', 'getSystemStatus', 'getSystemGeneralStatus', 'logout', 'getSystemStatus']);
		expect(emu.requests[2].cookie).toBe(c);
	});

	it('a challenge is single use and bound to the user', async () => {
		const ch = await api(emu, { action: 'challenge', user: 'cdrapi', version: '1.0' });
		const token = md5(ch.response.challenge + emu.password);
		expect((await api(emu, { action: 'login', user: 'cdrapi', token })).status).toBe(0);
		const again = await api(emu, { action: 'login', user: 'cdrapi', token });
		expect(again.status).toBe(-37);
		expect(await api(emu, { action: 'challenge', user: 'nobody', version: '1.0' })).toMatchObject({ status: -71 });
	});

	it('expires cookies after the idle timeout, on demand, and after N requests', async () => {
		// Wide margins: a loaded CI machine can stall a few tens of milliseconds.
		// Seconds, not milliseconds: a CI machine running n8n beside jest stalled a 600 ms window once.
		emu.options.cookieTtlMs = 3000;
		let c = await cookie(emu);
		await sleep(1000);
		expect((await api(emu, { action: 'listAccount', cookie: c })).status).toBe(0); // refreshes the idle timer
		await sleep(2200);
		expect((await api(emu, { action: 'listAccount', cookie: c })).status).toBe(0);
		await sleep(3600);
		expect(await api(emu, { action: 'listAccount', cookie: c })).toEqual({ status: -6 });

		emu.options.cookieTtlMs = 600_000;
		c = await cookie(emu);
		emu.expireCookies();
		expect(await api(emu, { action: 'listAccount', cookie: c })).toEqual({ status: -6 });

		emu.options.expireEveryNRequests = 2;
		c = await cookie(emu);
		expect((await api(emu, { action: 'listAccount', cookie: c })).status).toBe(0);
		expect((await api(emu, { action: 'listAccount', cookie: c })).status).toBe(0);
		expect(await api(emu, { action: 'listAccount', cookie: c })).toEqual({ status: -6 });
		emu.options.expireEveryNRequests = undefined;

		emu.options.expiredStatus = -8;
		c = await cookie(emu);
		emu.expireCookies();
		expect(await api(emu, { action: 'listAccount', cookie: c })).toEqual({ status: -8 });
		expect(await api(emu, { action: 'listAccount' })).toEqual({ status: -6 });
		emu.options.expiredStatus = -6;
	});

	it('wrong password: -37 with remain_num; the 5th failure bans the IP (-68 with remain_time)', async () => {
		emu.options.lockoutMs = 2000;
		for (let i = 1; i <= 4; i++) {
			const r = await login(emu, {}, 'wrong');
			expect(r).toEqual({ response: { remain_num: 5 - i }, status: -37 });
		}
		const fifth = await login(emu, {}, 'wrong');
		expect(fifth).toEqual({ response: { remain_num: 0, remain_time: 2 }, status: -37 });
		const banned = await api(emu, { action: 'challenge', user: 'cdrapi', version: '1.0' });
		expect(banned.status).toBe(-68);
		expect(banned.response.remain_time).toBeGreaterThan(0);
		const ch = await api(emu, { action: 'login', user: 'cdrapi', token: 'x' });
		expect(ch.status).toBe(-68);
		await sleep(2200);
		expect((await login(emu)).status).toBe(0);
		expect(emu.loginAttempts).toBe(7);
		emu.options.lockoutMs = 600_000;
	});

	it('addSIPAccountAndUser -> getSIPAccount / listAccount / getUser; need_apply until applyChanges; deleteUser', async () => {
		const c = await cookie(emu);
		const add = await api(emu, {
			action: 'addSIPAccountAndUser', cookie: c, extension: '1010', max_contacts: '3', permission: 'internal', language: 'ch',
			secret: 'Abc123456!', vmsecret: '1234', user_password: 'Abc123456!', wave_privilege_id: '0', first_name: 'Zed',
			presence_settings: [{ presence_status: 'available', cfu_destination_type: '1', cfu: '6000' }],
		});
		expect(add).toEqual({ response: { need_apply: 'yes' }, status: 0 });
		expect(emu.state.needApply).toBe(true);
		expect((await api(emu, { action: 'addSIPAccountAndUser', cookie: c, extension: '1010' })).status).toBe(-44);
		const get = await api(emu, { action: 'getSIPAccount', cookie: c, extension: '1010' });
		expect(get.status).toBe(0);
		expect(get.response.extension).toMatchObject({ extension: '1010', secret: 'Abc123456!', max_contacts: '3', permission: 'internal' });
		expect(get.response.sip_presence_settings[0]).toMatchObject({ presence_status: 'available', cfu: '6000' });
		expect(get.response.cti_feature_privilege).toBeDefined();
		const list = await api(emu, { action: 'listAccount', cookie: c, item_num: '30', options: 'extension,account_type,fullname,status,addr', page: '1', sidx: 'extension', sord: 'asc' });
		expect(list.response.account.map((a: Json) => a.extension)).toEqual(['1000', '1001', '1002', '1003', '1004', '1005', '1010']);
		expect(Object.keys(list.response.account[0]).sort()).toEqual(['account_type', 'addr', 'extension', 'fullname', 'status']);
		expect(list.response).toMatchObject({ page: 1, total_item: 7, total_page: 1 });
		const paged = await api(emu, { action: 'listAccount', cookie: c, item_num: '3', page: '3' });
		expect(paged.response).toMatchObject({ page: 3, total_item: 7, total_page: 3 });
		expect(paged.response.account).toHaveLength(1);
		expect((await api(emu, { action: 'getUser', cookie: c, user_name: '1010' })).response.user_name).toMatchObject({ user_name: '1010', first_name: 'Zed' });

		const upd = await api(emu, { action: 'updateSIPAccount', cookie: c, extension: '1010', cidnumber: '1010', dnd: 'yes' });
		expect(upd).toEqual({ response: { extension: { alertinfo: null, extension: '1010' } }, status: 0 });
		expect((await api(emu, { action: 'updateSIPAccount', cookie: c, extension: '1010', dnd: 'maybe' })).status).toBe(-15);
		expect((await api(emu, { action: 'getSIPAccount', cookie: c, extension: '1010' })).response.extension.dnd).toBe('yes');
		expect(await api(emu, { action: 'applyChanges', cookie: c })).toEqual({ response: { settings: '0' }, status: 0 });
		expect(emu.state.needApply).toBe(false);

		expect(await api(emu, { action: 'deleteUser', cookie: c, user_name: '1010' })).toEqual({ response: { need_apply: 'yes' }, status: 0 });
		expect((await api(emu, { action: 'getSIPAccount', cookie: c, extension: '1010' })).status).toBe(-16);
		expect((await api(emu, { action: 'getSIPAccount', cookie: c })).status).toBe(-1);
	});

	it('trunks and routes: add -> list -> get -> update -> delete', async () => {
		const c = await cookie(emu);
		expect(await api(emu, { action: 'addSIPTrunk', cookie: c, host: '192.168.5.222', trunk_name: 'GStest', trunk_type: 'peer' })).toEqual({ response: { need_apply: 'yes' }, status: 0 });
		const list = await api(emu, { action: 'listVoIPTrunk', cookie: c, options: 'trunk_index,trunk_name,trunk_type' });
		const added = list.response.voip_trunk.find((t: Json) => t.trunk_name === 'GStest');
		expect(added).toEqual({ trunk_index: 3, trunk_name: 'GStest', trunk_type: 'peer' });
		expect((await api(emu, { action: 'addSIPTrunk', cookie: c, host: 'x', trunk_name: 'GStest', trunk_type: 'peer' })).status).toBe(-44);
		expect((await api(emu, { action: 'updateSIPTrunk', cookie: c, trunk: '3', cidnumber: '5551000' })).status).toBe(0);
		expect((await api(emu, { action: 'getSIPTrunk', cookie: c, trunk: '3' })).response.trunk).toMatchObject({ host: '192.168.5.222', cidnumber: '5551000', trunk_index: 3 });

		expect((await api(emu, { action: 'addOutboundRoute', cookie: c, default_trunk_index: '3', outbound_rt_name: 'test123', pattern: [{ match: '_1xxx' }] })).status).toBe(0);
		const routes = await api(emu, { action: 'listOutboundRoute', cookie: c });
		const r = routes.response.outbound_route.find((x: Json) => x.outbound_rt_name === 'test123');
		const got = await api(emu, { action: 'getOutboundRoute', cookie: c, outbound_route: String(r.outbound_rt_index) });
		expect(got.response.outbound_route).toMatchObject({ default_trunk_index: 3, outbound_rt_name: 'test123' });
		expect(got.response.pattern).toEqual([{ match: '_1xxx', allow: null, strip_prefix: null, outbound_rt_index: r.outbound_rt_index }]);
		expect((await api(emu, { action: 'updateOutboundRoute', cookie: c, outbound_route: String(r.outbound_rt_index), outbound_rt_name: 'out1', permission: 'internal' })).status).toBe(0);
		expect((await api(emu, { action: 'getOutboundRoute', cookie: c, outbound_route: String(r.outbound_rt_index) })).response.outbound_route.outbound_rt_name).toBe('out1');

		expect((await api(emu, { action: 'listInboundRoute', cookie: c })).status).toBe(-1);
		expect((await api(emu, { action: 'addInboundRoute', cookie: c, trunk_index: '3', destination_type: 'account', account: '1001', did_pattern_match: '_x.' })).status).toBe(0);
		const inb = await api(emu, { action: 'listInboundRoute', cookie: c, trunk_index: '3' });
		expect(inb.response.inbound_route).toHaveLength(1);
		expect(inb.response.inbound_route[0]).toMatchObject({ account: '1001', trunk_index: 3 });
		expect((await api(emu, { action: 'addInboundRoute', cookie: c, trunk_index: '3', destination_type: 'account', account: '9999', did_pattern_match: '_5x.' })).status).toBe(-16);

		expect((await api(emu, { action: 'deleteSIPTrunk', cookie: c, trunk: '3' })).status).toBe(0);
		expect((await api(emu, { action: 'getSIPTrunk', cookie: c, trunk: '3' })).status).toBe(-16);

		// analog / SLA / digital (Grandstream only)
		expect((await api(emu, { action: 'listAnalogTrunk', cookie: c, options: 'trunk_name,trunk_index,chans,out_of_service,trunkmode' })).response).toEqual({ analogtrunk: [{ chans: '1', out_of_service: 'no', trunk_index: 7, trunk_name: '123', trunkmode: 'normal' }], page: 1, total_item: 1, total_page: 1 });
		expect((await api(emu, { action: 'addAnalogTrunk', cookie: c, chans: 2, trunkgroup: '', trunk_name: '1232', trunkmode: 'normal' })).status).toBe(0);
		expect((await api(emu, { action: 'getAnalogTrunk', cookie: c, analogtrunk: '8' })).response.analogtrunk).toMatchObject({ trunk_name: '1232', chans: '2' });
		expect((await api(emu, { action: 'addSLATrunk', cookie: c, bargeallowed: 'yes', device: 'DAHDI/1', holdaccess: 'open', trunk_name: '1232' })).status).toBe(0);
		expect((await api(emu, { action: 'listDigitalTrunk', cookie: c, options: 'trunk_name,type,trunk_index,span,channel,out_of_service' })).response.digital_trunks[0]).toEqual({ channel: '1-15,17-31', out_of_service: 'no', span: 3, trunk_index: '1', trunk_name: '4324', type: 'E1 (CPE)' });
		expect((await api(emu, { action: 'getDogitalTrunk', cookie: c, trunk_index: '1' })).status).toBe(0);
	});

	it('queues, agents, IVR, paging, users, groups, PIN sets', async () => {
		const c = await cookie(emu);
		expect((await api(emu, { action: 'addQueue', cookie: c, extension: '6502', members: '1001,1002', queue_chairmans: '1001', queue_name: 'test', strategy: 'ringall' })).status).toBe(0);
		expect((await api(emu, { action: 'updateQueue', cookie: c, members: '1001,1002,1003', queue: '6502', queue_name: 'FMtest' })).status).toBe(0);
		expect((await api(emu, { action: 'getQueue', cookie: c, queue: '6502' })).response.queue).toMatchObject({ extension: '6502', queue_name: 'FMtest', members: '1001,1002,1003' });
		const lq = await api(emu, { action: 'listQueue', cookie: c, options: 'extension,queue_name,strategy,queue_chairmans,members', sidx: 'extension', sord: 'asc' });
		expect(lq.response.queue.map((q: Json) => q.extension)).toEqual(['6500', '6502']);
		expect((await api(emu, { action: 'loginLogoffQueueAgent', cookie: c, operatetype: 'login', interface: '1003', extension: '6502' })).status).toBe(0);
		expect((await api(emu, { action: 'pauseUnpauseQueueAgent', cookie: c, operatetype: 'pause', interface: '1003', extension: '6502' })).response).toEqual({ need_apply: 'yes' });
		expect(emu.state.agents.get('6502')?.get('1003')).toEqual({ loggedIn: true, paused: true });
		expect((await api(emu, { action: 'deleteQueue', cookie: c, queue: '6502' })).status).toBe(0);

		expect((await api(emu, { action: 'addIVR', cookie: c, ivr_name: '7001', extension: '7001', welcome_prompt: 'welcome' })).status).toBe(0);
		expect((await api(emu, { action: 'getIVR', cookie: c, ivr: 'ivr-2' })).response.ivr).toMatchObject({ ivr_name: '7001', ivr_id: 'ivr-2' });
		expect((await api(emu, { action: 'listIVR', cookie: c })).response.total_item).toBe(2);
		expect((await api(emu, { action: 'deleteIVR', cookie: c, ivr: 'ivr-2' })).status).toBe(0);

		expect((await api(emu, { action: 'addPaginggroup', cookie: c, extension: '8006', members: '1000,1001,1002', number_allowed: '1000', paginggroup_name: '8006', paginggroup_type: '1way' })).status).toBe(0);
		expect((await api(emu, { action: 'getPaginggroup', cookie: c, paginggroup: '8006' })).response.paginggroup).toMatchObject({ extension: '8006', members: '1000,1001,1002' });
		expect(await api(emu, { action: 'MulticastPaging', caller: '1004', cookie: c, pagingnum: '8005' })).toEqual({ response: { need_apply: 'yes' }, status: 0 });
		expect((await api(emu, { action: 'listBridgedChannels', cookie: c })).response.channel[0].channel2).toMatch(/^MulticastRTP\//);
		expect((await api(emu, { action: 'MulticastPagingHangup', cookie: c, pagingnum: '8005' })).status).toBe(0);
		expect(emu.state.cdrs.at(-1)).toMatchObject({ src: '1004', dst: '8005', action_type: 'PAGE[8005]' });

		const users = await api(emu, { action: 'listUser', cookie: c });
		expect(users.response.user_id[0]).toMatchObject({ user_id: 0, user_name: 'admin' });
		expect((await api(emu, { action: 'updateUser', cookie: c, user_name: '1001', department: 'R&D department 2', email: 'john@example.com' })).response).toEqual({ need_apply: 'yes' });
		expect((await api(emu, { action: 'getUser', cookie: c, user_name: '1001' })).response.user_name).toMatchObject({ department: 'R&D department 2', email: 'john@example.com' });
		expect((await api(emu, { action: 'listExtensionGroup', cookie: c })).response.extension_group).toHaveLength(2);
		expect((await api(emu, { action: 'listPinSets', cookie: c })).response.pin_sets_id[0]).toMatchObject({ pin_sets_id: '1557210434090' });

		expect((await api(emu, { action: 'cleanTerminalChatInformation', cookie: c, extension: '1000' })).response).toEqual({ need_apply: 'no' });
		const qr = await api(emu, { action: 'getSIPAccountQR', cookie: c, extension: '1000' });
		const png = Buffer.from(qr.response.qr_base, 'base64');
		expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	});

	it('call control: dial, list channels, hold/mute, barge, transfer, hangup -> CDR', async () => {
		// Long enough that the ringing state is still there when listed, even on a loaded machine.
		(emu.options as { answerDelayMs: number }).answerDelayMs = 400;
		const c = await cookie(emu);
		expect(await api(emu, { action: 'dialExtension', cookie: c, caller: '1000', callee: '1001' })).toEqual({ response: { need_apply: 'no' }, status: 0 });
		const ub = await api(emu, { action: 'listUnBridgedChannels', cookie: c });
		expect(ub.response.channel.map((x: Json) => x.state).sort()).toEqual(['Ringing', 'Up']);
		let br = await api(emu, { action: 'listBridgedChannels', cookie: c });
		for (let i = 0; i < 100 && br.response.total_item !== 1; i++) {
			await sleep(20);
			br = await api(emu, { action: 'listBridgedChannels', cookie: c });
		}
		expect(br.response.total_item).toBe(1);
		const ch = br.response.channel[0];
		expect(ch).toMatchObject({ callerid1: '1000', callerid2: '1001', channel1: expect.stringMatching(/^PJSIP\/1000-[0-9a-f]{8}$/) });
		expect((await api(emu, { action: 'listAccount', cookie: c, options: 'extension,status' })).response.account[1]).toEqual({ extension: '1001', status: 'InUse' });
		expect((await api(emu, { action: 'hold', cookie: c, channel: ch.channel1 })).status).toBe(0);
		expect((await api(emu, { action: 'unhold', cookie: c, channel: ch.channel1 })).status).toBe(0);
		expect((await api(emu, { action: 'mute', cookie: c, channel: ch.channel2 })).status).toBe(0);
		expect((await api(emu, { action: 'Unmute', cookie: c, channel: ch.channel2 })).status).toBe(0);
		expect((await api(emu, { action: 'callbarge', cookie: c, 'barge-exten': '1001@0', channel: ch.channel2, exten: '1004', mode: 'W' })).status).toBe(0);
		expect((await api(emu, { action: 'callTransfer', cookie: c, channel: ch.channel1, extension: '1002' })).status).toBe(0);
		const after = (await api(emu, { action: 'listBridgedChannels', cookie: c })).response.channel[0];
		expect(after.callerid2).toBe('1002');
		expect(await api(emu, { action: 'Hangup', channel: ch.channel1, cookie: c })).toEqual({ response: { need_apply: 'yes' }, status: 0 });
		expect((await api(emu, { action: 'listBridgedChannels', cookie: c })).response.total_item).toBe(0);
		expect((await api(emu, { action: 'Hangup', channel: ch.channel1, cookie: c })).status).toBe(-16);
		expect(emu.state.cdrs.at(-1)).toMatchObject({ src: '1000', dst: '1002', disposition: 'ANSWERED', _leg: 'sub_cdr_1' });
		// The transferred call is one grouped CDR: 1000-1001 up to the transfer, then 1000-1002.
		expect(emu.state.cdrs.at(-2)).toMatchObject({ src: '1000', dst: '1001', _leg: 'main_cdr' });

		expect((await api(emu, { action: 'dialOutbound', cookie: c, caller: '1005', outbound: '95551234' })).status).toBe(0);
		expect((await api(emu, { action: 'dialOutbound', cookie: c, caller: '1005', outbound: '777' })).status).toBe(-16);
		expect((await api(emu, { action: 'dialExtension', cookie: c, caller: '1000', callee: '9999' })).status).toBe(-16);
		expect((await api(emu, { action: 'playPromptByOrg', channel: '1000', cookie: c, type: 'ivr', variable: 'prompt1' })).status).toBe(0);
		expect((await api(emu, { action: 'acceptCall', cookie: c, channel: 'x' })).status).toBe(-47);
	});

	it('cdrapi: calls through a queue or a ring group come grouped (main_cdr + sub_cdr_N), CSV lists every leg', async () => {
		const c = await cookie(emu);
		await emu.simulateCall({ from: '5551111', to: '6500', durationS: 40 });
		await emu.simulateCall({ from: '1000', to: '6400', answer: false });
		const json = (await (await raw(emu, { action: 'cdrapi', cookie: c, format: 'json', startTime: '2025-01-01' })).json()) as Json;
		const [queue, ring] = json.cdr_root;
		expect(Object.keys(queue)).toEqual(['main_cdr', 'sub_cdr_1', 'sub_cdr_2']);
		expect(queue.main_cdr).toMatchObject({ src: '5551111', dst: '6500', action_type: 'QUEUE', disposition: 'ANSWERED', dstanswer: '1000' });
		expect(queue.sub_cdr_1).toMatchObject({ dst: '1000', disposition: 'ANSWERED', billsec: '40' });
		expect(queue.sub_cdr_2).toMatchObject({ dst: '1001', disposition: 'NO ANSWER', billsec: '0' });
		expect(ring.main_cdr).toMatchObject({ src: '1000', dst: '6400', disposition: 'NO ANSWER' });
		expect([ring.sub_cdr_1.dst, ring.sub_cdr_2.dst]).toEqual(['1001', '1002']);
		const csv = await (await raw(emu, { action: 'cdrapi', cookie: c, startTime: '2025-01-01' })).text();
		expect(csv.trim().split('\r\n')).toHaveLength(1 + 6);
	});

	it('cdrapi: CSV by default, JSON (cdr_root) and XML, with filters and paging', async () => {
		const c = await cookie(emu);
		const res = await raw(emu, { action: 'cdrapi', cookie: c });
		expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
		const lines = (await res.text()).trim().split('\r\n');
		expect(lines[0]).toBe(UCM_CDR_COLUMNS.join(','));
		expect(lines).toHaveLength(1 + UCM_SEED.cdrs.length);

		const json = (await (await raw(emu, { action: 'cdrapi', cookie: c, format: 'json', caller: '1000,1002-1004', minDur: '30' })).json()) as Json;
		expect(json.cdr_root.map((r: Json) => r.AcctId)).toEqual(['1', '3', '4', '5']);
		expect(Object.keys(json.cdr_root[0])).toEqual([...UCM_CDR_COLUMNS]);
		const pat = (await (await raw(emu, { action: 'cdrapi', cookie: c, format: 'json', caller: '_55@' })).json()) as Json;
		// matches src or dst: 95551234 (dst of #3), 5551234, 5559876
		expect(pat.cdr_root.map((r: Json) => r.AcctId ?? r.main_cdr.AcctId)).toEqual(['3', '4', '6']);
		// The queue call comes as one entry: its main leg and the legs to the members it rang.
		const grouped = pat.cdr_root[2];
		expect(Object.keys(grouped)).toEqual(['main_cdr', 'sub_cdr_1', 'sub_cdr_2']);
		expect(grouped.main_cdr).toMatchObject({ AcctId: '6', src: '5559876', dst: '6500', action_type: 'QUEUE', end: '2024-05-05 10:12:00' });
		expect(grouped.sub_cdr_1).toMatchObject({ AcctId: '7', dst: '1000', disposition: 'NO ANSWER', session: grouped.main_cdr.session });
		expect(grouped.sub_cdr_2).toMatchObject({ AcctId: '8', dst: '1001', disposition: 'ANSWERED', session: grouped.main_cdr.session });
		const range = (await (await raw(emu, { action: 'cdrapi', cookie: c, format: 'json', startTime: '2024-05-02', endTime: '2024-05-03T23:00', numRecords: '1', offset: '1' })).json()) as Json;
		expect(range.cdr_root.map((r: Json) => r.AcctId)).toEqual(['4']);
		const xml = await (await raw(emu, { action: 'cdrapi', cookie: c, format: 'xml', numRecords: '1' })).text();
		expect(xml).toMatch(/<cdr_root>\n<cdr>\n {2}<AcctId>1<\/AcctId>/);
		expect(await api(emu, { action: 'cdrapi', cookie: c, numRecords: '5000' })).toEqual({ status: -15 });
		expect(await api(emu, { action: 'cdrapi', format: 'json' })).toEqual({ status: -6 });

		// legacy URL form with query parameters (caller repeated)
		const legacy = await fetch(`${emu.url}/cdrapi?format=json&caller=1000&caller=1004&cookie=${encodeURIComponent(c)}`);
		expect(((await legacy.json()) as Json).cdr_root.map((r: Json) => r.AcctId)).toEqual(['1', '4', '5']);

		// delete removes the returned records
		await raw(emu, { action: 'cdrapi', cookie: c, format: 'json', caller: '1001', delete: '1' });
		const left = (await (await raw(emu, { action: 'cdrapi', cookie: c, format: 'json' })).json()) as Json;
		expect(left.cdr_root.map((r: Json) => r.AcctId ?? r.main_cdr.AcctId)).toEqual(['3', '4', '5', '6']);
	});

	it('recapi: directory list, file list, binary WAV, tar of several, -16 for a missing file', async () => {
		const c = await cookie(emu);
		expect(await api(emu, { action: 'recapi', cookie: c })).toEqual({ response: { filedir: ['monitor', 'emergency', 'meetme', 'queue', 'sca'] }, status: 0 });
		expect(await api(emu, { action: 'recapi', cookie: c, filedir: 'monitor' })).toEqual({ response: { monitor: ['auto-1714554900-1000-1001.wav'] }, status: 0 });
		const res = await raw(emu, { action: 'recapi', cookie: c, filedir: 'monitor', filename: 'auto-1714554900-1000-1001.wav' });
		expect(res.headers.get('content-type')).toBe('audio/x-wav');
		expect(res.headers.get('content-disposition')).toContain('auto-1714554900-1000-1001.wav');
		const wav = Buffer.from(await res.arrayBuffer());
		expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
		expect(wav.subarray(8, 12).toString('ascii')).toBe('WAVE');
		const only = await raw(emu, { action: 'recapi', cookie: c, filename: 'auto-1714554900-1000-1001.wav' });
		expect(only.headers.get('content-type')).toBe('audio/x-wav');
		const tar = await raw(emu, { action: 'recapi', cookie: c, filedir: 'monitor,queue', filename: 'auto-1714554900-1000-1001.wav,q-6500-1714903800-5559876.wav' });
		expect(tar.headers.get('content-type')).toBe('application/x-tar');
		expect(await api(emu, { action: 'recapi', cookie: c, filename: 'nope.wav' })).toEqual({ status: -16 });
	});

	it('queueapi (XML default, JSON) and pmsapi (XML and JSON data)', async () => {
		const c = await cookie(emu);
		const xml = await (await raw(emu, { action: 'queueapi', cookie: c, endTime: '2024-05-28', startTime: '2024-05-01', queue: '6500' })).text();
		expect(xml).toMatch(/^<\?xml version="1.0"\?>\n<root_statistics>/);
		expect(xml).toContain('<total_calls>2</total_calls>');
		expect(xml).toContain('<abandoned_rate>50.0</abandoned_rate>');
		const json = (await (await raw(emu, { action: 'queueapi', cookie: c, format: 'json', startTime: '2024-05-01' })).json()) as Json;
		expect(json.root_statistics.queue[0]).toMatchObject({ queue: '6500', total_calls: 2, answered_calls: 1 });

		const token = emu.pmsToken().toUpperCase();
		const checkin = `<pms_data_request>
              <checkin>
              <address>1001</address>
              <room>1001</room>
              <account>1001</account>
              <firstname>John</firstname>
        <lastname>Doe</lastname>
        <language>EN</language>
        <vipcode>2</vipcode>
        <datein>2021/01/01 10:00</datein>
        <dateout>2021/01/07 11:00</dateout>
        <credit>9999900</credit>
        <cos>3</cos>
        </checkin>
        </pms_data_request>`;
		expect(await api(emu, { action: 'pmsapi', cookie: c, data: checkin, format: 'xml', token })).toEqual({ response: {}, status: 0 });
		expect(emu.state.pms.rooms.get('1001')?.guest).toMatchObject({ firstname: 'John', cos: '3' });
		expect((await api(emu, { action: 'pmsapi', cookie: c, data: checkin, format: 'xml', token })).status).toBe(-1);
		const wake = '<pms_data_request><wakeup><address>1001</address><room>1001</room><w_action>1</w_action><w_mode>1</w_mode><w_date>20140101</w_date><w_time>0900</w_time></wakeup></pms_data_request>';
		expect((await api(emu, { action: 'pmsapi', cookie: c, data: wake, format: 'xml', token })).status).toBe(0);
		const dnd = '<pms_data_request><address>1001</address>\n<room>1001</room>\n<status>1</status>\n</dnd>\n</pms_data_request>';
		expect((await api(emu, { action: 'pmsapi', cookie: c, data: dnd, format: 'xml', token })).status).toBe(0);
		expect(emu.state.accounts.get('1001')?.dnd).toBe('yes');
		const jsonCheckout = JSON.stringify({ checkout: { address: '1001', room: '1001' } });
		expect((await api(emu, { action: 'pmsapi', cookie: c, data: jsonCheckout, format: 'json', token })).status).toBe(0);
		expect(emu.state.pms.rooms.has('1001')).toBe(false);
		expect(await api(emu, { action: 'pmsapi', cookie: c, data: jsonCheckout, format: 'json', token: md5('x') })).toEqual({ response: { error: 'Invalid token' }, status: -1 });
		expect(parsePmsData('<pms_data_request><cfu><address>4000</address><room>400</room><cfwt>4002</cfwt></cfu></pms_data_request>')).toEqual([{ op: 'cfu', fields: { address: '4000', room: '400', cfwt: '4002' } }]);
	});

	it('rejects bursts above maxConcurrent with -45 / -46 / -57', async () => {
		const c = await cookie(emu);
		emu.options.maxConcurrent = 2;
		emu.options.latencyMs = 60;
		try {
			const reads = await Promise.all(Array.from({ length: 4 }, () => api(emu, { action: 'listAccount', cookie: c })));
			const statuses = reads.map((r) => r.status).sort();
			expect(statuses.filter((s) => s === 0)).toHaveLength(2);
			expect(statuses.filter((s) => s === -45)).toHaveLength(2);
			const many = await Promise.all([
				...Array.from({ length: 9 }, () => api(emu, { action: 'listAccount', cookie: c })),
				api(emu, { action: 'updateUser', cookie: c, user_name: '1000', fax: '1' }),
			]);
			expect(many.map((r) => r.status)).toContain(-57);
			emu.options.maxConcurrent = 1;
			const w = await Promise.all([api(emu, { action: 'listAccount', cookie: c }), api(emu, { action: 'updateUser', cookie: c, user_name: '1000', fax: '1' })]);
			expect(w.map((r) => r.status)).toEqual([0, -46]);
		} finally {
			emu.options.maxConcurrent = undefined;
			emu.options.latencyMs = 0;
		}
		expect((await api(emu, { action: 'listAccount', cookie: c })).status).toBe(0);
	});
});

describe('UCM emulator (fiberme)', () => {
	let emu: UcmEmulator;
	beforeAll(async () => {
		emu = await startUcmEmulator({ brand: 'fiberme' });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	it('answers -19 for actions only the Grandstream manual documents', async () => {
		const c = await cookie(emu);
		for (const action of ['addSIPAccountAndUser', 'deleteUser', 'getSIPAccountQR', 'cleanTerminalChatInformation', 'listAnalogTrunk', 'addSLATrunk', 'listDigitalTrunk']) {
			expect(await api(emu, { action, cookie: c, extension: '1000', user_name: '1000' })).toEqual({ status: -19 });
		}
		expect(await api(emu, { action: 'noSuchAction', cookie: c })).toEqual({ status: -19 });
		const gs = await api(emu, { action: 'getSystemGeneralStatus', cookie: c });
		expect(gs.response['product-model']).toBe('FCM630A V1.5A');
		expect(gs.response['gswave-version']).toBeUndefined();
		expect((await api(emu, { action: 'getSIPAccount', cookie: c, extension: '1000' })).response.cti_feature_privilege).toBeUndefined();
		// shared actions work
		expect((await api(emu, { action: 'callbarge', cookie: c, channel: 'PJSIP/4003-00000087', exten: '1000', 'barge-exten': '4002' })).status).toBe(-16);
		expect((await api(emu, { action: 'logout', cookie: c })).status).toBe(0);
	});

	it('posts system and call reports to the login url when a call is simulated', async () => {
		const rx = await receiver();
		try {
			await cookie(emu, { url: rx.url });
			await emu.simulateCall({ from: '1000', to: '1001', durationS: 12 });
			const bodies = rx.got.map((g) => JSON.parse(g.body) as Json);
			expect(rx.got.every((g) => g.path === '/ucm-reports' && g.type.startsWith('application/json'))).toBe(true);
			const calls = bodies.filter((b) => b.action === 'callReport');
			expect(calls.map((b) => b.event)).toEqual(['ringing', 'answered', 'hangup']);
			expect(calls[2].cdr).toMatchObject({ src: '1000', dst: '1001', disposition: 'ANSWERED', billsec: '12' });
			expect(calls[0]).toMatchObject({ callerid1: '1000', callerid2: '1001', channel1: expect.stringMatching(/^PJSIP\/1000-/) });
			const sys = bodies.filter((b) => b.action === 'systemReport');
			expect(sys.some((b) => b.extension === '1001' && b.status === 'Ringing')).toBe(true);
			expect(sys.at(-1)).toMatchObject({ type: 'extension_status', status: 'Idle' });
			expect(emu.reports).toHaveLength(rx.got.length);
			expect(emu.reports.every((r) => r.status === 200 && r.url === `http://${rx.url}`)).toBe(true);
			expect(emu.state.cdrs.at(-1)).toMatchObject({ src: '1000', dst: '1001' });

			await emu.simulateCall({ from: '5550000', to: '1002', answer: false });
			const last = rx.got.map((g) => JSON.parse(g.body) as Json).filter((b) => b.action === 'callReport').at(-1) as Json;
			expect(last).toMatchObject({ action: 'callReport', event: 'hangup', inbound_trunk_name: 'provider' });
			expect(last.cdr).toMatchObject({ disposition: 'NO ANSWER', src_trunk_name: 'provider' });
		} finally {
			await rx.close();
		}
	});

	it("the kit's fault switches name /api actions: dropAfterApply applies then closes, httpStatus refuses unapplied; reset clears them", async () => {
		const c = await cookie(emu);
		emu.faults.dropAfterApply = ['addQueue'];
		await expect(raw(emu, { action: 'addQueue', cookie: c, extension: '6501', queue_name: 'Dropped' })).rejects.toThrow();
		expect(emu.state.queues.get('6501')?.queue_name).toBe('Dropped');
		emu.faults.httpStatus = 503;
		const refused = await raw(emu, { action: 'addQueue', cookie: c, extension: '6502', queue_name: 'Refused' });
		expect(refused.status).toBe(503);
		expect(emu.state.queues.has('6502')).toBe(false);
		emu.reset();
		expect(emu.faults).toEqual({});
		expect((await api(emu, { action: 'getSystemStatus', cookie: await cookie(emu) })).status).toBe(0);
	});

	it('sends no report without a url, nor on grandstream by default ("not supported yet")', async () => {
		await cookie(emu);
		await emu.simulateCall({ from: '1000', to: '1001' });
		expect(emu.reports).toHaveLength(0);
		const gs = await startUcmEmulator();
		const rx = await receiver();
		try {
			await cookie(gs, { url: rx.url });
			await gs.simulateCall({ from: '1000', to: '1001' });
			expect(rx.got).toHaveLength(0);
			gs.options.sendReports = true;
			await gs.simulateCall({ from: '1000', to: '1001' });
			expect(rx.got.length).toBeGreaterThan(0);
		} finally {
			await rx.close();
			await gs.close();
		}
	});
});

describe('UCM emulator over HTTPS', () => {
	it('serves the same API with the committed self-signed certificate', async () => {
		const dir = path.join(__dirname, 'ucm-cert');
		const emu = await startUcmEmulator({ tls: { key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8') } });
		try {
			expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
			const body = JSON.stringify({ request: { action: 'challenge', user: 'cdrapi', version: '1.0' } });
			const answer = await new Promise<string>((resolve, reject) => {
				const req = https.request(`${emu.url}/api`, { method: 'POST', rejectUnauthorized: false, headers: { 'Content-Type': 'application/json' } }, (res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
				});
				req.on('error', reject);
				req.end(body);
			});
			expect(JSON.parse(answer)).toEqual({ response: { challenge: expect.stringMatching(/^\d{16}$/) }, status: 0 });
		} finally {
			await emu.close();
		}
	});
});
