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
		fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body }).then(async (r) => ({ status: r.status, json: (await r.json().catch(() => undefined)) as any }));

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

describe('VOS3000 Trigger: hostile bodies get a 4xx and start nothing', () => {
	const post = (url: string, body: string) =>
		fetch(url, { method: 'POST', headers: { 'content-type': 'text/html;charset=UTF-8' }, body }).then(async (r) => ({ status: r.status, json: (await r.json().catch(() => undefined)) as any }));

	it('a 100,000-level nested body, an oversized body: 400/413, no run', async () => {
		const s = await server({ events: ALL });
		const nested = `{"callId":1,"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
		const deep = await post(`${base(s)}/CallStateReport`, nested);
		expect(deep.status).toBe(400);
		expect(deep.json.exception).toMatch(/nested deeper than/);
		const huge = await post(`${base(s)}/CallStateReport`, JSON.stringify({ callId: 1, pad: 'x'.repeat(2 * 1024 * 1024) }));
		expect(huge.status).toBe(413);
		await new Promise((res) => setTimeout(res, 100));
		expect(s.runs).toHaveLength(0);
		expect(s.writeErrors).toEqual([]);
	});

	it('__proto__, constructor and caller keys come out renamed, raw keeps all but __proto__; Java longs stay exact', async () => {
		const s = await server({ events: ['CallStateReport'] });
		const r = await post(`${base(s)}/CallStateReport`, '{"callId":9223372036854775807,"callState":4,"__proto__":{"polluted":true},"constructor":"c","caller":"8613800138000"}');
		expect(r.status).toBe(200);
		const [run] = await s.waitForRuns(1);
		const item = outputOf(run, 'VOS3000 Trigger')[0];
		expect(item.callId).toBe('9223372036854775807');
		expect(item.protoValue).toEqual({ polluted: true });
		expect(item.constructorValue).toBe('c');
		expect(item.callerNumber).toBe('8613800138000');
		expect(Object.keys(item)).not.toContain('caller');
		expect((item.raw as Record<string, unknown>).protoValue).toEqual({ polluted: true });
		// raw keeps the wire names (only __proto__, which n8n's copies would lose, is renamed there).
		expect((item.raw as Record<string, unknown>).caller).toBe('8613800138000');
		expect((item.raw as Record<string, unknown>).constructor).toBe('c');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});

describe.each([
	[2, 'regular'],
	[1, 'regular'],
	[2, 'queue'],
	[1, 'queue'],
] as const)('VOS3000 Trigger: IVR answered through n8n %s.x response path (%s mode)', (n8nLine, relay) => {
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
				},
			},
		],
		connections: {
			'VOS3000 Trigger': { main: [[{ node: 'Phone', type: 'main' as const, index: 0 }]] },
			Phone: { main: [[{ node: 'Account', type: 'main' as const, index: 0 }]] },
			Account: { main: [[{ node: 'Answer', type: 'main' as const, index: 0 }]] },
		},
	};
	const ivrServer = (parameters: Record<string, unknown>) =>
		startTriggerServer({
			trigger: 'vos3000Trigger',
			triggerName: 'VOS3000 Trigger',
			parameters,
			downstream: lookupFlow.downstream,
			connections: lookupFlow.connections,
			credentials: creds as never,
			n8nLine,
			relay,
		}).then((s) => (servers.push(s), s));

	it('the emulator receives the retCode and audioNames the workflow computed from its lookup', async () => {
		const s = await ivrServer({ events: ['PushDtmfInfo', 'PushDtmfInfos'], ivrTimeoutMs: 3000 });
		const steps = await emu.ivrCall(base(s), { callerE164: '1001001', dtmf: ['1', '2'], continueOn: [1] });
		expect(steps).toHaveLength(2);
		expect(steps[0].answer.json).toEqual({ retCode: 1, audioNames: ['balance', '100'] });
		const runs = await s.waitForRuns(2);
		const triggerItem = outputOf(runs[0], 'VOS3000 Trigger')[0];
		expect(triggerItem).toMatchObject({ event: 'PushDtmfInfo', callerE164: '1001001', dtmf: '1', menuName: 'menu1' });
		expect(Date.parse(String(triggerItem.ivrAnswerDeadline))).toBeGreaterThan(Date.parse(String(triggerItem.receivedAt)));
		expect(outputOf(runs[0], 'Answer')[0].ivrAnswer).toMatchObject({ sent: true, retCode: 1, outcome: 'sent' });
		const multi = await emu.ivrCall(base(s), { callerE164: '1002001', dtmf: ['3'], multiple: true });
		expect(multi[0].answer.json).toEqual({ retCode: 2, audioNames: ['balance', '50'] });
		expect(s.writeErrors).toEqual([]);
	});

	it('sends the configured default answer at once when the workflow fails, not at the time limit', async () => {
		const s = await ivrServer({ events: ['PushDtmfInfo'], ivrTimeoutMs: 5000, ivrDefaultRetCode: 9, ivrDefaultAudioNames: 'sorry' });
		const started = Date.now();
		const steps = await emu.ivrCall(base(s), { callerE164: '999999', dtmf: ['1'] });
		expect(steps[0].answer.json).toEqual({ retCode: 9, audioNames: ['sorry'] });
		// Generous bound: the limit is 5 s, the failing lookup takes milliseconds.
		expect(Date.now() - started).toBeLessThan(2500);
		const [run] = await s.waitForRuns(1);
		expect(run.data.resultData.error?.message).toMatch(/-10007/);
		expect(s.writeErrors).toEqual([]);
	});

	it('sends the default answer at the time limit when the workflow is too slow; the late answer is reported as late', async () => {
		const s = await ivrServer({ events: ['PushDtmfInfo'], ivrTimeoutMs: 300, ivrDefaultRetCode: 7 });
		emu.faults.delayMs = 400;
		const started = Date.now();
		const steps = await emu.ivrCall(base(s), { callerE164: '1001001', dtmf: ['1'] });
		expect(steps[0].answer.json).toEqual({ retCode: 7 });
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);
		const [run] = await s.waitForRuns(1, 8000);
		expect(run.data.resultData.error).toBeUndefined();
		expect(outputOf(run, 'Answer')[0].ivrAnswer).toMatchObject({ sent: false, outcome: expect.stringMatching(/too late/) });
		// n8n's later attempt to write the late answer neither crashed nor wrote twice.
		expect(s.writeErrors).toEqual([]);
	});
});

/**
 * Who writes the acknowledgement (n8n from webhook()'s webhookResponse, or the node by hand) depends on the response
 * mode n8n evaluates from the description, and 1.x and 2.x differ in when they answer: a wrong choice (the
 * responseData left out, a webhookResponse under responseNode) answers "firstEntryJson" or an empty body here.
 */
describe.each([1, 2] as const)('VOS3000 Trigger acknowledgements under n8n %s.x', (n8nLine) => {
	const ackServer = (parameters: Record<string, unknown>, downstream?: Parameters<typeof startTriggerServer>[0]['downstream'], connections?: any) =>
		startTriggerServer({ trigger: 'vos3000Trigger', triggerName: 'VOS3000 Trigger', parameters, downstream, connections, credentials: creds as never, n8nLine }).then(
			(s) => (servers.push(s), s),
		);

	it('without an IVR page selected, n8n answers every report itself: {retCode: 0}, the default answer for a key press', async () => {
		const s = await ackServer({ events: ['CallStateReport', 'PhoneOnline'], ivrDefaultRetCode: 7, ivrDefaultAudioNames: 'closed' });
		const selected = await emu.push(base(s), 'CallStateReport');
		expect(selected).toMatchObject({ status: 200, json: { retCode: 0 } });
		expect(selected.contentType).toMatch(/^application\/json/);
		expect(await emu.push(base(s), 'CustomerMoneyChange')).toMatchObject({ status: 200, json: { retCode: 0 } });
		expect(await emu.push(base(s), 'PushDtmfInfo')).toMatchObject({ status: 200, json: { retCode: 7, audioNames: ['closed'] } });
		await s.waitForRuns(1);
		expect(outputOf(s.runs[0], 'VOS3000 Trigger')[0].event).toBe('CallStateReport');
		expect(s.writeErrors).toEqual([]);
	});

	it('with an IVR page selected too, other reports still get {retCode: 0} on receipt, before a slow run ends', async () => {
		// The run looks up a phone on a PBX that answers after 500 ms: the acknowledgement must not wait for it.
		const s = await ackServer(
			{ events: ['CallStateReport', 'PushDtmfInfo'] },
			[{ name: 'Phone', type: 'vos3000', parameters: { resource: 'phone', operation: 'getPhone', additionalFields: { e164s: '1001001' } } }],
			{ 'VOS3000 Trigger': { main: [[{ node: 'Phone', type: 'main', index: 0 }]] } },
		);
		emu.faults.delayMs = 500;
		const r = await emu.push(base(s), 'CallStateReport');
		expect(r).toMatchObject({ status: 200, json: { retCode: 0 } });
		expect(s.runs).toHaveLength(0);
		await s.waitForRuns(1, 8000);
		expect(s.writeErrors).toEqual([]);
	});

	it('refusals keep their 4xx status and body (n8n would answer a webhookResponse with 200)', async () => {
		const s = await ackServer({ events: ['CallStateReport'], options: { allowedIps: '203.0.113.10' } });
		const r = await emu.push(base(s), 'CallStateReport');
		expect(r).toMatchObject({ status: 403, json: { retCode: -1, exception: expect.stringMatching(/not allowed/) } });
	});
});

describe('VOS3000 IVR Answer outside an IVR run', () => {
	it('fails with a readable message when no VOS3000 IVR report started the run', async () => {
		const { runNode } = await import('../harness/run');
		const r = await runNode('vos3000IvrAnswer', { retCode: 1 });
		expect(r.error?.message).toMatch(/not started by a VOS3000 IVR report/);
	});
});
