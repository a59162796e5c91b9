import { closeAllPools } from '../../nodes/shared/http';
import { startTriggerServer, outputOf, type TriggerServer } from '../harness/webhook';
import { startVos3000Emulator, type Vos3000Emulator } from '../emulators/vos3000';

let emu: Vos3000Emulator;
let creds: Record<string, Record<string, unknown>>;
const servers: TriggerServer[] = [];

beforeAll(async () => {
	emu = await startVos3000Emulator();
	creds = { vos3000Api: { scheme: 'http', host: '127.0.0.1', port: emu.port, timeoutMs: 2000 } };
});
afterAll(async () => {
	await Promise.all(servers.map((s) => s.close()));
	await closeAllPools();
	await emu.close();
});
beforeEach(() => emu.reset());

const ALL = ['PhoneOnline', 'CallStateReport', 'CustomerMoneyChange', 'AlarmCurrentReport', 'PushDtmfInfo', 'PushDtmfInfos'];

async function server(parameters: Record<string, unknown>, downstream?: Parameters<typeof startTriggerServer>[0]['downstream'], connections?: any) {
	const s = await startTriggerServer({ trigger: 'vos3000Trigger', triggerName: 'VOS3000 Trigger', parameters, downstream, connections, credentials: creds as never });
	servers.push(s);
	return s;
}
const base = (s: TriggerServer) => s.webhookUrl.replace(/\/:page$/, '');

describe('VOS3000 Trigger: the six reports', () => {
	it('receives every documented report by page name, normalised, and acknowledges at once', async () => {
		const s = await server({ events: ALL.filter((p) => !p.startsWith('Push')) });
		for (const page of ['PhoneOnline', 'CallStateReport', 'CustomerMoneyChange', 'AlarmCurrentReport']) {
			const r = await emu.push(base(s), page);
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ retCode: 0 });
		}
		const runs = await s.waitForRuns(4);
		const items = runs.map((run) => outputOf(run, 'VOS3000 Trigger')[0]);
		expect(items.map((i) => i.event)).toEqual(['PhoneOnline', 'CallStateReport', 'CustomerMoneyChange', 'AlarmCurrentReport']);
		const call = items[1];
		expect(typeof call.callState).toBe('number');
		expect(call.callStateMeaning).toEqual(expect.any(String));
		expect(call.callStateMeaning).not.toBe('Not in the manual');
		expect(call.eventTimeIso).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect(call.raw).toEqual(emu.pushes[1].body);
		expect(items[0].online).toEqual(expect.any(Boolean));
		const alarm = items[3].infoAlarmCurrents as Array<Record<string, unknown>>;
		expect(alarm[0].typeMeaning).toEqual(expect.any(String));
		// VOS3000 sends JSON as text/html; it was parsed anyway.
		expect(emu.pushes[0].result.status).toBe(200);
	});

	it('accepts a page suffix such as .jsp and any case', async () => {
		const s = await server({ events: ['CustomerMoneyChange'] });
		const r = await emu.push(base(s), 'customermoneychange.jsp', { account: '1001', money: 12.5 });
		expect(r.json).toEqual({ retCode: 0 });
		const [run] = await s.waitForRuns(1);
		expect(outputOf(run, 'VOS3000 Trigger')[0]).toMatchObject({ event: 'CustomerMoneyChange', account: '1001', money: 12.5 });
	});

	it('acknowledges reports that are not selected without starting a run', async () => {
		const s = await server({ events: ['CallStateReport'] });
		const r = await emu.push(base(s), 'PhoneOnline');
		expect(r.json).toEqual({ retCode: 0 });
		await new Promise((res) => setTimeout(res, 100));
		expect(s.runs).toHaveLength(0);
	});
});

describe('VOS3000 Trigger: bad and foreign requests', () => {
	const post = (url: string, body: string, contentType = 'text/html;charset=UTF-8') =>
		fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body }).then(async (r) => ({ status: r.status, json: await r.json().catch(() => undefined) }));

	it('rejects malformed JSON, an empty body and an unknown page with a 4xx and a readable message', async () => {
		const s = await server({ events: ALL });
		const bad = await post(`${base(s)}/CallStateReport`, '{"callId": 1,');
		expect(bad.status).toBe(400);
		expect(bad.json.exception).toMatch(/Malformed JSON for CallStateReport/);
		const empty = await post(`${base(s)}/CallStateReport`, '');
		expect(empty.status).toBe(400);
		expect(empty.json.exception).toMatch(/Empty body/);
		const unknown = await post(`${base(s)}/NoSuchReport`, '{}');
		expect(unknown.status).toBe(404);
		expect(unknown.json.exception).toMatch(/Unknown report page "NoSuchReport"/);
		const notObject = await post(`${base(s)}/CallStateReport`, '[1,2]');
		expect(notObject.status).toBe(400);
		await new Promise((res) => setTimeout(res, 100));
		expect(s.runs).toHaveLength(0);
	});

	it('answers 403 to addresses outside the allow-list and starts nothing', async () => {
		const denied = await server({ events: ALL, options: { allowedIps: '203.0.113.10, 198.51.100.0/24' } });
		const r = await emu.push(base(denied), 'CallStateReport');
		expect(r.status).toBe(403);
		await new Promise((res) => setTimeout(res, 100));
		expect(denied.runs).toHaveLength(0);
		const allowed = await server({ events: ALL, options: { allowedIps: '127.0.0.0/8' } });
		expect((await emu.push(base(allowed), 'CallStateReport')).status).toBe(200);
		await allowed.waitForRuns(1);
	});

	it('a secret path segment is part of the URL; without it nothing is found', async () => {
		const s = await server({ events: ALL, pathSecret: 'k7Qp2x' });
		expect(s.webhookUrl).toMatch(/\/k7Qp2x\/:page$/);
		const wrong = await emu.push(s.webhookUrl.replace(/\/k7Qp2x\/:page$/, ''), 'CallStateReport');
		expect(wrong.status).toBe(404);
		expect((await emu.push(base(s), 'CallStateReport')).status).toBe(200);
	});

	it('has nothing to register on the PBX: the lifecycle methods succeed', async () => {
		const s = await server({ events: ALL });
		expect(await s.hook('checkExists')).toBe(true);
		expect(await s.hook('create')).toBe(true);
		expect(await s.hook('delete')).toBe(true);
	});
});

describe('VOS3000 Trigger: IVR menus answered by the workflow', () => {
	// Trigger -> look up the caller's phone -> its account -> answer: branch 1 for balance >= 60, else 2.
	const lookupFlow = {
		downstream: [
			{ name: 'Phone', type: 'vos3000', parameters: { resource: 'phone', operation: 'getPhone', additionalFields: { e164s: '={{$json.callerE164}}' } } },
			{ name: 'Account', type: 'vos3000', parameters: { resource: 'account', operation: 'getCustomer', additionalFields: { accounts: '={{$json.account}}' } } },
			{
				name: 'Answer',
				type: 'vos3000IvrAnswer',
				parameters: {
					retCode: '={{ $json.money >= 60 ? 1 : 2 }}',
					audioNames: '={{ ["balance", String(Math.floor($json.money))] }}',
					answerId: '={{ $("VOS3000 Trigger").first().json.ivrAnswerId }}',
				},
			},
		],
		connections: {
			'VOS3000 Trigger': { main: [[{ node: 'Phone', type: 'main', index: 0 }]] },
			Phone: { main: [[{ node: 'Account', type: 'main', index: 0 }]] },
			Account: { main: [[{ node: 'Answer', type: 'main', index: 0 }]] },
		},
	};

	it('the emulator receives the retCode and audioNames the workflow computed from its lookup', async () => {
		const s = await server({ events: ['PushDtmfInfo', 'PushDtmfInfos'], ivrTimeoutMs: 3000 }, lookupFlow.downstream, lookupFlow.connections);
		const steps = await emu.ivrCall(base(s), { callerE164: '1001001', dtmf: ['1', '2'], continueOn: [1] });
		expect(steps).toHaveLength(2);
		expect(steps[0].answer.json).toEqual({ retCode: 1, audioNames: ['balance', '100'] });
		const runs = await s.waitForRuns(2);
		expect(outputOf(runs[0], 'VOS3000 Trigger')[0]).toMatchObject({ event: 'PushDtmfInfo', callerE164: '1001001', dtmf: '1', menuName: 'menu1' });
		expect(outputOf(runs[0], 'Answer')[0].ivrAnswer).toMatchObject({ sent: true, retCode: 1 });
		const multi = await emu.ivrCall(base(s), { callerE164: '1002001', dtmf: ['3'], multiple: true });
		expect(multi[0].answer.json).toEqual({ retCode: 2, audioNames: ['balance', '50'] });
	});

	it('sends the configured default answer when the workflow fails', async () => {
		const s = await server({ events: ['PushDtmfInfo'], ivrTimeoutMs: 400, ivrDefaultRetCode: 9, ivrDefaultAudioNames: 'sorry' }, lookupFlow.downstream, lookupFlow.connections);
		const started = Date.now();
		const steps = await emu.ivrCall(base(s), { callerE164: '999999', dtmf: ['1'] });
		expect(steps[0].answer.json).toEqual({ retCode: 9, audioNames: ['sorry'] });
		expect(Date.now() - started).toBeGreaterThanOrEqual(350);
		const [run] = await s.waitForRuns(1);
		expect(run.data.resultData.error?.message).toMatch(/-10007/);
	});

	it('sends the default answer when the workflow is too slow, and the late answer is reported as late', async () => {
		const s = await server({ events: ['PushDtmfInfo'], ivrTimeoutMs: 300, ivrDefaultRetCode: 7 }, lookupFlow.downstream, lookupFlow.connections);
		emu.faults.delayMs = 400;
		const steps = await emu.ivrCall(base(s), { callerE164: '1001001', dtmf: ['1'] });
		expect(steps[0].answer.json).toEqual({ retCode: 7 });
		const [run] = await s.waitForRuns(1, 8000);
		expect(outputOf(run, 'Answer')[0].ivrAnswer).toMatchObject({ sent: false, outcome: expect.stringMatching(/too late/) });
	});
});
