import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import {
	OPENVOX_UC_SEED,
	parseJsonLenient,
	parseXml,
	serializeReport,
	startOpenVoxUcEmulator,
	toXml,
	type OpenVoxUcEmulator,
} from './openvox-uc';

import { waitFor } from '../harness/wait';
import { md5, startReportReceiver as receiver } from './kit';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Json { [k: string]: unknown }

async function call(emu: OpenVoxUcEmulator, path: string, body?: unknown, query: Record<string, string> = {}, version = 'v0.0.1'): Promise<Json> {
	const qs = new URLSearchParams({ type: 'json', ...query }).toString();
	const res = await fetch(`${emu.url}/api/${version}/${path}?${qs}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json; charset=utf-8' },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	expect(res.status).toBe(200);
	return (await res.json()) as Json;
}

async function callXml(emu: OpenVoxUcEmulator, path: string, xml: string | undefined, query: Record<string, string> = {}): Promise<string> {
	const qs = new URLSearchParams({ type: 'xml', ...query }).toString();
	const res = await fetch(`${emu.url}/api/v0.0.1/${path}?${qs}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/xml; charset=utf-8' },
		body: xml,
	});
	expect(res.status).toBe(200);
	return res.text();
}

async function login(emu: OpenVoxUcEmulator, extra: Json = {}): Promise<string> {
	const r = await call(emu, 'login', { username: emu.username, password: md5(emu.password), port: '8260', ...extra }, {}, 'v1.1.0');
	expect(r.status).toBe('Success');
	return r.token as string;
}


describe('OpenVox UC emulator', () => {
	let emu: OpenVoxUcEmulator;
	beforeEach(async () => {
		emu = await startOpenVoxUcEmulator();
	});
	afterEach(async () => {
		await emu.close();
	});

	describe('sessions', () => {
		it('logs in with md5(password) and serves the manual example response shape', async () => {
			const token = await login(emu);
			expect(token).toMatch(/^[0-9a-f]{32}$/);
			expect(emu.logins).toBe(1);
			const r = await call(emu, 'deviceinfo/query', undefined, { token });
			expect(r.status).toBe('Success');
			expect(r.deviceinfo).toMatchObject({ devicename: 'UC501', sn: OPENVOX_UC_SEED.device.sn, extensionstatus: '6/300' });
		});

		it('accepts the manual login example body verbatim (urltag as a number)', async () => {
			const body = `{
    "username": "${emu.username}",
    "password": "${md5(emu.password)}",
    "port": "8260",
    "version": "0.0.1",
    "url": "172.16.6.150:8260",
    "urltag": 1
}`;
			const r = await call(emu, 'login', body, {}, 'v1.1.0');
			expect(r.status).toBe('Success');
			expect(emu.registration()).toMatchObject({ url: '172.16.6.150:8260', urltag: '1', port: '8260', version: '0.0.1' });
			expect(emu.reportTarget()).toBe('http://172.16.6.150:8260');
		});

		it('rejects missing, unknown and expired tokens with the Yeastar errnos', async () => {
			expect(await call(emu, 'extensionlist/query')).toEqual({ status: 'Failed', errno: '20005' });
			expect(await call(emu, 'extensionlist/query', undefined, { token: 'f'.repeat(32) })).toEqual({ status: 'Failed', errno: '20004' });
			const token = await login(emu);
			emu.expireTokens();
			expect(await call(emu, 'extensionlist/query', undefined, { token })).toEqual({ status: 'Failed', errno: '20006' });
		});

		it('expires after the idle TTL; heartbeat keeps the token alive; logout ends it', async () => {
			emu.options.tokenTtlMs = 400;
			const token = await login(emu);
			for (let i = 0; i < 5; i++) {
				await sleep(120);
				expect(await call(emu, 'heartbeat', { ipaddr: '127.0.0.1', port: '8280', url: '127.0.0.1:8280/report', urltag: '1' }, { token })).toEqual({ status: 'Success' });
			}
			expect(emu.registration()).toMatchObject({ port: '8280', url: '127.0.0.1:8280/report', ipaddr: '127.0.0.1' });
			expect((await call(emu, 'extensionlist/query', undefined, { token })).status).toBe('Success');
			await sleep(550);
			expect(await call(emu, 'extensionlist/query', undefined, { token })).toEqual({ status: 'Failed', errno: '20006' });

			emu.options.tokenTtlMs = 60_000;
			const t2 = await login(emu);
			expect(await call(emu, 'logout', undefined, { token: t2 })).toEqual({ status: 'Success' });
			expect(await call(emu, 'extensionlist/query', undefined, { token: t2 })).toEqual({ status: 'Failed', errno: '20004' });
		});

		it('expires a token after N requests when asked to', async () => {
			await emu.close();
			emu = await startOpenVoxUcEmulator({ expireEveryNRequests: 2 });
			const token = await login(emu);
			expect((await call(emu, 'extensionlist/query', undefined, { token })).status).toBe('Success');
			expect((await call(emu, 'extensionlist/query', undefined, { token })).status).toBe('Success');
			expect(await call(emu, 'extensionlist/query', undefined, { token })).toEqual({ status: 'Failed', errno: '20006' });
		});

		it('wrong password: one attempt, 20003; five in a row lock the IP (20002) until lockoutMs passes', async () => {
			emu.options.lockoutMs = 300;
			const bad = { username: emu.username, password: md5('wrong'), port: '8260' };
			expect(await call(emu, 'login', bad)).toEqual({ status: 'Failed', errno: '20003' });
			expect(emu.loginAttempts).toBe(1);
			expect(emu.logins).toBe(0);
			// a plain-text (not md5) password is wrong too
			expect((await call(emu, 'login', { ...bad, password: emu.password })).errno).toBe('20003');
			for (let i = 0; i < 3; i++) expect((await call(emu, 'login', bad)).errno).toBe('20003');
			// locked now: even the right password is refused
			const good = { username: emu.username, password: md5(emu.password), port: '8260' };
			expect(await call(emu, 'login', good)).toEqual({ status: 'Failed', errno: '20002' });
			expect(emu.loginAttempts).toBe(6);
			await sleep(400);
			expect((await call(emu, 'login', good)).status).toBe('Success');
		});

		it('answers HTTP 200 with an errno for unknown paths and non-POST methods', async () => {
			const token = await login(emu);
			expect(await call(emu, 'nosuch/thing', {}, { token })).toEqual({ status: 'Failed', errno: '10003' });
			const res = await fetch(`${emu.url}/api/v0.0.1/extensionlist/query?token=${token}`);
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ status: 'Failed', errno: '20001' });
		});
	});

	describe('formats', () => {
		it('serves XML in the manual shape and takes XML bodies', async () => {
			const tokenXml = await callXml(emu, 'login', `<?xml version="1.0" encoding="UTF-8" ?>
<xml>
    <username>${emu.username}</username>
    <password>${md5(emu.password)}</password>
    <port>8260</port>
    <version>0.0.1</version>
    <url>172.16.6.150:8260</url>
    <urltag>1</urltag>
</xml>`);
			expect(tokenXml.startsWith('<?xml version="1.0" encoding="UTF-8" ?>')).toBe(true);
			const token = String(parseXml(tokenXml).token);
			expect(token).toMatch(/^[0-9a-f]{32}$/);

			const listXml = await callXml(emu, 'extensionlist/query', undefined, { token });
			expect(listXml).toContain('<extlist>');
			expect(listXml).toContain('<item id="0">');
			const parsed = parseXml(listXml);
			expect(parsed.status).toBe('Success');
			expect((parsed.extlist as Json[]).map((e) => e.extnumber)).toEqual(['1000', '1001', '1002', '1003', '1004', '1005']);

			// manual example: update an extension with an XML body, then read it back as JSON
			const up = await callXml(emu, 'extension/update', '<?xml version="1.0" encoding="UTF-8" ?>\n<xml>\n    <extid>1001</extid>\n    <username>xiaoshao</username>\n</xml>', { token });
			expect(parseXml(up)).toEqual({ status: 'Success' });
			const q = await call(emu, 'extension/query', { extid: '1001' }, { token });
			expect((q.extinfos as Json[])[0]).toMatchObject({ extnumber: '1001', username: 'xiaoshao' });

			// errors come back in XML too
			expect(parseXml(await callXml(emu, 'extension/query', '<xml><extid>9999</extid></xml>', { token }))).toEqual({ status: 'Failed', errno: '10006' });
			expect(emu.requests.some((r) => r.format === 'xml' && r.path === 'extension/update')).toBe(true);
		});

		it('round-trips the tiny XML serializer/parser and the lenient JSON parser', () => {
			const obj = { status: 'Success', list: [{ a: '1', b: 'x<y&z' }, { a: '2', b: '' }], one: { c: '3' } };
			expect(parseXml(toXml(obj))).toEqual(obj);
			// the manual's broken examples (trailing comma; unterminated string)
			expect(parseJsonLenient('{\n    "extid": "102",\n    "voicemailfile": "msg0000.wav",\n}')).toEqual({ extid: '102', voicemailfile: 'msg0000.wav' });
			expect(parseJsonLenient('{\n    "extid": "all",\n    "endtime": "2020-05-20 23:59:59\n}')).toEqual({ extid: 'all', endtime: '2020-05-20 23:59:59' });
		});
	});

	describe('state', () => {
		it('add then query returns it (extension, SIP trunk, paging group, wake-up call)', async () => {
			const token = await login(emu);
			expect(await call(emu, 'extension/add', { number: '2002', username: 'Zed', mobile: '15550002002', loginpassword: 'pw', monitormode: 'Disable' }, { token })).toEqual({ status: 'Success' });
			const q = await call(emu, 'extension/query', { extid: '2002' }, { token });
			expect((q.extinfos as Json[])[0]).toMatchObject({ extnumber: '2002', username: 'Zed', moblie: '15550002002', userpassword: 'pw', monitormode: 'Disable' });
			expect((await call(emu, 'extension/add', { number: '2002' }, { token })).status).toBe('Failed');
			expect(await call(emu, 'extension/delete', { number: '2002' }, { token })).toEqual({ status: 'Success' });
			expect(await call(emu, 'extension/query', { extid: '2002' }, { token })).toEqual({ status: 'Failed', errno: '10006' });

			await call(emu, 'siptrunk/add', { trunkname: 'to-108-16-test', trunktype: 'register', host: '172.16.108.16', port: '5060', username: '6100', authname: '6100', password: 'Rqzswb55' }, { token });
			const t = await call(emu, 'siptrunk/query', { trunkname: 'to-108-16-test' }, { token }, 'v1.1.0');
			expect((t.trunks as Json[])[0]).toMatchObject({ trunkname: 'to-108-16-test', trunktype: 'register', domain: '172.16.108.16', tech: 'pjsip' });
			const list = await call(emu, 'trunklist/query', undefined, { token });
			expect((list.trunkname as Json[]).map((x) => x.trunkname)).toContain('to-108-16-test');

			// the manual's example posts to paginggrouplist/lists
			await call(emu, 'paginggroup/add', { number: '8891', name: 'test_api_paging_4', type: 'paging', member: '1000,1001' }, { token });
			const pg = await call(emu, 'paginggrouplist/lists', undefined, { token });
			expect(pg.paginggrouplist).toEqual(expect.arrayContaining([{ number: '8891', name: 'test_api_paging_4' }]));

			await call(emu, 'wakeupcall/create', { number: '1001', type: 'custom', time: '15:55', weekdays: '0,1,2,3,5', prompt: 'custom/test' }, { token });
			const w = await call(emu, 'wakeupcall/query', { number: '1001' }, { token });
			expect(w.wakeups).toEqual([{ number: '1001', wakeup: [expect.objectContaining({ time: '15:55', type: 'custom', weekdays: '0,1,2,3,5' })] }]);
		});

		it('queues: status, dynamic agents with password, pause', async () => {
			const token = await login(emu);
			expect((await call(emu, 'queue/add_dynamicagent', { queueid: '6700', extid: '1004', password: 'nope' }, { token })).errno).toBe('10032');
			await call(emu, 'queue/add_dynamicagent', { queueid: '6700', extid: '1004', password: '6700' }, { token });
			await call(emu, 'queue/pause_agent', { queueid: '6700', extid: '1004' }, { token });
			const s = await call(emu, 'queuestatus/query', { queueid: '6700' }, { token });
			const queue = s.queue as { queuenumber: string; queuestatus: { members: Json[]; callercount: number } };
			expect(queue.queuenumber).toBe('6700');
			expect(queue.queuestatus.callercount).toBe(0);
			expect(queue.queuestatus.members).toEqual(expect.arrayContaining([{ agent: '1004', agentstatus: '9' }, { agent: '1000', agentstatus: '1' }]));
			expect((await call(emu, 'queue/del_dynamicagent', { queueid: '6700', extid: '1004' }, { token })).errno).toBe('10004');
		});
	});

	describe('downloads', () => {
		it('recording random: WAV once, then refused', async () => {
			const token = await login(emu);
			const recording = OPENVOX_UC_SEED.recordings[0];
			const r = await call(emu, 'recording/get_random', { recording }, { token });
			expect(r).toMatchObject({ status: 'Success', recording });
			const link = `${emu.url}/api/v1.1.0/recording/download?recording=${encodeURIComponent(recording)}&random=${r.random as string}&token=${token}`;
			const res = await fetch(link);
			expect(res.headers.get('content-type')).toMatch(/audio/);
			expect(res.headers.get('content-disposition')).toContain(`filename="${recording}"`);
			const buf = Buffer.from(await res.arrayBuffer());
			expect(buf.subarray(0, 4).toString('ascii')).toBe('RIFF');
			expect(buf.subarray(8, 12).toString('ascii')).toBe('WAVE');
			const again = await fetch(link);
			expect(again.headers.get('content-type')).toMatch(/json/);
			expect(await again.json()).toEqual({ status: 'Failed', errno: '20012' });
		});

		it('CDR random: CSV within the time window, error after the random expires', async () => {
			const token = await login(emu);
			emu.options.randomTtlMs = 3000; // wide: a loaded machine may take a while between get_random and download
			const body = { extid: 'all', starttime: '2024-05-01 00:00:00', endtime: '2024-05-02 23:59:59' };
			const r = await call(emu, 'cdr/get_random', body, { token });
			const qs = new URLSearchParams({ ...body, token, random: r.random as string }).toString();
			const res = await fetch(`${emu.url}/api/v0.0.1/cdr/download?${qs}`);
			expect(res.headers.get('content-type')).toMatch(/text\/csv/);
			expect(res.headers.get('content-disposition')).toMatch(/filename=".+\.csv"/);
			const csv = await res.text();
			const lines = csv.trim().split(/\r?\n/);
			expect(lines[0]).toContain('callduraction');
			expect(lines).toHaveLength(4);
			// Expired: every random made more than the time limit ago is refused (aged by hand instead of waiting).
			for (const random of emu.state.randoms.values()) random.expires = Date.now() - 1;
			expect(await (await fetch(`${emu.url}/api/v0.0.1/cdr/download?${qs}`)).json()).toEqual({ status: 'Failed', errno: '20020' });
			expect((await call(emu, 'cdr/get_random', { ...body, starttime: '2024/05/01' }, { token })).errno).toBe('20019');
		});

		it('voicemail random: serves the WAV (the manual example body has a trailing comma)', async () => {
			const token = await login(emu);
			const r = await call(emu, 'voicemail/get_random', '{\n    "extid": "1000",\n    "voicemailfile": "msg0000.wav",\n}', { token }, 'v1.1.0');
			expect(r).toMatchObject({ status: 'Success', extid: '1000', voicemailfile: 'msg0000.wav' });
			const res = await fetch(`${emu.url}/api/v1.1.0/voicemail/download?extid=1000&token=${token}&voicemailfile=msg0000.wav&random=${r.random as string}`);
			expect(res.headers.get('content-disposition')).toContain('msg0000.wav');
			expect(Buffer.from(await res.arrayBuffer()).subarray(0, 4).toString('ascii')).toBe('RIFF');
		});
	});

	describe('reports', () => {
		it('well-formed 1.0.2 reports for a call, to an absolute url with http://', async () => {
			const rx = await receiver();
			try {
				await login(emu, { version: '1.0.2', url: `${rx.url}/hook`, urltag: '1' });
				await emu.simulateCall({ from: '1000', to: '1001', durationS: 7 });
				const bodies = rx.got.map((g) => JSON.parse(g.body) as Json);
				expect(rx.got.every((g) => g.path === '/hook' && g.type === 'application/json')).toBe(true);
				const calls = bodies.filter((b) => b.action !== 'ExtensionStatus').map((b) => b.action);
				expect(calls).toEqual(['ALERT', 'RING', 'ANSWER', 'ANSWER', 'BYE', 'BYE', 'NewCdr']);
				const ring = bodies.find((b) => b.action === 'RING');
				expect(ring?.ext).toEqual({ extid: ['1001', '1000'] });
				const cdr = bodies.find((b) => b.action === 'NewCdr');
				expect(cdr).toMatchObject({ callfrom: '1000', callto: '1001', talkduraction: '7', callduraction: '9', status: 'ANSWERED', type: 'Internal', sn: OPENVOX_UC_SEED.device.sn });
				expect(bodies.some((b) => b.action === 'ExtensionStatus' && b.extension === '1001' && b.status === 'Ringing')).toBe(true);
				expect(emu.state.recordings.has(String(cdr?.recording))).toBe(true);
			} finally {
				await rx.close();
			}
		});

		it('legacy format (no version): duplicate "ext" keys; url without http://', async () => {
			const rx = await receiver();
			try {
				await login(emu, { url: `${rx.url.replace('http://', '')}/legacy`, urltag: '1' });
				const r = await emu.report('RING', { callid: '1589947952.1670', ext: { extid: ['106', '101'] } });
				expect(r.status).toBe(200);
				expect(rx.got[0].path).toBe('/legacy');
				const text = rx.got[0].body;
				expect(text.match(/"ext"/g)).toHaveLength(2);
				expect(text).toContain('"extid": "106"');
				expect(text).toContain('"extid": "101"');
				// explicit legacy=false gives the well-formed shape
				expect(serializeReport({ action: 'RING', ext: { extid: ['106', '101'] } }, false)).not.toMatch(/"ext"[\s\S]*"ext"/);
			} finally {
				await rx.close();
			}
		});

		it('urltag 0: relative path appended to the caller ip:port', async () => {
			const rx = await receiver();
			try {
				const port = new URL(rx.url).port;
				await login(emu, { port, url: 'report', urltag: '0', version: '1.0.2' });
				await emu.report('BootUp');
				expect(rx.got).toHaveLength(1);
				expect(rx.got[0].path).toBe('/report');
				expect(JSON.parse(rx.got[0].body)).toEqual({ action: 'BootUp', sn: OPENVOX_UC_SEED.device.sn });
			} finally {
				await rx.close();
			}
		});

		it('re-sends an unanswered report with the same content', async () => {
			const rx = await receiver((n) => (n === 1 ? 500 : 200));
			try {
				await login(emu, { version: '1.0.2', url: `${rx.url}/r`, urltag: '1' });
				emu.options.resendDelayMs = 10;
				const r = await emu.report('NewCdr', { callid: '1.1', callduraction: '3' });
				expect(r.status).toBe(200);
				expect(rx.got).toHaveLength(2);
				expect(rx.got[0].body).toBe(rx.got[1].body);
				expect(emu.reports.map((x) => [x.status, x.attempt])).toEqual([[500, 0], [200, 1]]);
			} finally {
				await rx.close();
			}
		});

		it('dial_outbound through the API: reports to the registered address, queryable while up, hangup ends it', async () => {
			const rx = await receiver();
			try {
				emu.options.callDurationMs = 60_000;
				emu.options.extensionStatusMonitor = false;
				const token = await login(emu, { version: '1.0.2', url: `${rx.url}/`, urltag: '1' });
				expect(await call(emu, 'extension/dial_outbound', { extid: '1002', outto: '95551234', autoanswer: 'no' }, { token })).toEqual({ status: 'Success' });
				expect((await call(emu, 'extension/dial_outbound', { extid: '1002', outto: '95551234' }, { token })).errno).toBe('10008');
				await sleep(80);
				const q = await call(emu, 'outbound/query', {}, { token });
				const out = (q.outbound as Json[])[0];
				expect(out).toMatchObject({ from: '1002', to: '5551234', trunk: 'to-provider', status: 'Talking' });
				const xml = parseXml(await callXml(emu, 'outbound/query', undefined, { token }));
				expect((xml.outbound as Json).outboundid).toBe(out.outboundid);
				expect(await call(emu, 'outbound/hangup', { outboundid: out.outboundid }, { token })).toEqual({ status: 'Success' });
				await emu.settle();
				const actions = rx.got.map((g) => (JSON.parse(g.body) as Json).action);
				expect(actions).toEqual(['ALERT', 'RING', 'ANSWER', 'BYE', 'BYE', 'NewCdr']);
				const ring = JSON.parse(rx.got[1].body) as Json;
				expect(Object.keys(ring)).toEqual(['action', 'callid', 'outbound', 'ext', 'sn']);
				expect(JSON.parse(rx.got[5].body)).toMatchObject({ type: 'Outbound', callfrom: '1002', callto: '95551234' });
			} finally {
				await rx.close();
			}
		});

		it('sends nothing once the session is gone, and a CallFailed for an unanswered call', async () => {
			const rx = await receiver();
			try {
				const token = await login(emu, { version: '1.0.2', url: rx.url, urltag: '1' });
				emu.options.extensionStatusMonitor = false;
				await emu.simulateCall({ from: '5551234', to: '1000', answer: false });
				const bodies = rx.got.map((g) => JSON.parse(g.body) as Json);
				expect(bodies.map((b) => b.action)).toEqual(['ALERT', 'RING', 'CallFailed', 'NewCdr']);
				expect(bodies[2]).toMatchObject({ reason: 480, ext: { extid: '1000' }, inbound: { from: '5551234', to: '1000', trunk: 'to-provider' } });
				await call(emu, 'logout', undefined, { token });
				expect(emu.registration()).toBeUndefined();
				const before = rx.got.length;
				await emu.simulateCall({ from: '1000', to: '1001' });
				expect(rx.got.length).toBe(before);
				await expect(emu.report('BootUp')).rejects.toThrow(/no live session/);
			} finally {
				await rx.close();
			}
		});
	});

	it('routes every endpoint of the spec extraction (none answers 10003)', async () => {
		const specPath = path.resolve(__dirname, '../../../shared/spec/openvox-uc.json');
		if (!fs.existsSync(specPath)) return;
		const spec = JSON.parse(fs.readFileSync(specPath, 'utf8')) as { endpoints: Array<{ id: string; path: string | null; method: string }> };
		const token = await login(emu);
		const paths = spec.endpoints
			.filter((e) => e.method === 'POST' && e.path)
			.map((e) => /(?:\/api\/[^/]+|\{api_path\})\/([^?]+)/.exec(e.path as string)?.[1])
			.filter((p): p is string => !!p && p !== 'login' && p !== 'logout');
		expect(paths.length).toBeGreaterThanOrEqual(70);
		for (const p of paths) {
			const r = await call(emu, p, {}, { token });
			expect([p, r.errno]).not.toEqual([p, '10003']);
		}
	});

	it('call control: hold, mute, listen, transfer, hangup; conference; prompts; hotel', async () => {
		emu.options.callDurationMs = 60_000;
		const token = await login(emu);
		expect(await call(emu, 'extension/dial_extension', { caller: '1001', callee: '1002', autoanswer: 'yes' }, { token })).toEqual({ status: 'Success' });
		await sleep(60);
		const list = await call(emu, 'extensionlist/query', undefined, { token });
		expect((list.extlist as Json[]).find((e) => e.extnumber === '1001')?.status).toBe('Up');
		expect(await call(emu, 'extension/hold', { extid: '1001' }, { token })).toEqual({ status: 'Success' });
		const q = await call(emu, 'extension/query', { extid: '1001' }, { token });
		expect((q.extinfos as Json[])[0]).toMatchObject({ status: 'Hold', ext: { extid: '1002' } });
		expect(await call(emu, 'extension/unhold', { extid: '1001' }, { token })).toEqual({ status: 'Success' });
		expect(await call(emu, 'extension/mute', { extid: '1002' }, { token })).toEqual({ status: 'Success' });
		expect(await call(emu, 'extension/unmute', { extid: '1002' }, { token })).toEqual({ status: 'Success' });
		// 1000 is Extensive and 1002 allows monitoring; 1004 is Listen-only
		expect(await call(emu, 'extension/listen', { listener: '1000', listenedext: '1002' }, { token })).toEqual({ status: 'Success' });
		expect((await call(emu, 'extension/barge', { bargein: '1004', bargedext: '1002' }, { token })).errno).toBe('10010');
		expect((await call(emu, 'extension/hold', { extid: '1003' }, { token })).errno).toBe('10007');
		const callid = [...emu.state.calls.keys()][0];
		expect(await call(emu, 'calltransfer', { callid, transferor: '1001', transferto: '1000' }, { token })).toEqual({ status: 'Success' });
		expect(emu.state.calls.get(callid)).toMatchObject({ caller: '1000', callee: '1002' });
		expect(await call(emu, 'extension/hangup', { extid: '1002' }, { token })).toEqual({ status: 'Success' });
		expect(emu.state.calls.size).toBe(0);
		expect(emu.state.cdrs[emu.state.cdrs.length - 1]).toMatchObject({ status: 'ANSWERED', type: 'Internal' });

		await call(emu, 'conference/insert', { number: '6501' }, { token });
		await call(emu, 'conference/add_member', { number: '6500', invitemember: '1000,95551234' }, { token });
		const s = await call(emu, 'conference/query_in_session', { number: '6500' }, { token });
		expect(((s.conference as Json[])[0].member as Json[]).map((m) => m.number)).toEqual(['1000', '95551234']);
		expect(await call(emu, 'conference/mute_member', { number: '6500', membernumber: '1000' }, { token })).toEqual({ status: 'Success' });
		expect(await call(emu, 'conference/kick_member', { number: '6500', membernumber: 'all' }, { token }, 'v2.0.0')).toEqual({ status: 'Success' });
		expect((await call(emu, 'conference/query', { number: 'all' }, { token })).conferences).toHaveLength(2);

		expect(await call(emu, 'extension/playprompt', { extid: '1000', prompt: 'haruhi3+xiaoshao5', autoanswer: 'no' }, { token })).toMatchObject({ status: 'Success' });
		expect((await call(emu, 'outbound/playprompt', { outto: '95551234', prompt: 'nosuchfile' }, { token })).errno).toBe('10023');

		// the manual's wakeupcall/delete example sends the extension number as wakeupid
		expect(await call(emu, 'wakeupcall/delete', { wakeupid: '1004' }, { token }, 'v2.0.0')).toEqual({ status: 'Success' });
		expect(emu.state.wakeups).toHaveLength(0);
		expect(await call(emu, 'hotel/checkout', { number: '1000' }, { token })).toEqual({ status: 'Success' });
		expect(emu.state.voicemails.some((v) => v.extid === '1000')).toBe(false);
	});

	it('reset() restores the seed', async () => {
		const token = await login(emu);
		await call(emu, 'extension/delete', { number: '1000' }, { token });
		expect(emu.state.extensions.has('1000')).toBe(false);
		emu.reset();
		expect(emu.state.extensions.has('1000')).toBe(true);
		expect(emu.logins).toBe(0);
		expect(emu.requests).toHaveLength(0);
	});

	it('connections() counts open sockets: reset() keeps a client connection, the client closing it drops it', async () => {
		// A private keep-alive agent: its one socket is ours to count and to close (global fetch pools on its own).
		const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
		const heartbeat = () =>
			new Promise<number>((resolve, reject) => {
				const req = http.request(`${emu.url}/api/v1.1.0/heartbeat`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
					res.resume();
					res.on('end', () => resolve(res.statusCode!));
				});
				req.on('error', reject);
				req.end('{}');
			});
		const before = emu.connections();
		expect(await heartbeat()).toBe(200);
		expect(emu.connections()).toBe(before + 1);
		emu.reset();
		expect(emu.connections()).toBe(before + 1);
		expect(await heartbeat()).toBe(200);
		expect(emu.connections()).toBe(before + 1);
		agent.destroy();
		await waitFor(() => emu.connections() === before);
	});
});
