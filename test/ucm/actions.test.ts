import { closeAllPools } from '../../nodes/shared/http';
import { ucmConnection, ucmSessions } from '../../nodes/ucm/protocol';
import { nodeClasses, runNode, runWorkflow } from '../harness/run';
import { startUcmEmulator, type UcmEmulator } from '../emulators/ucm';

const brands = [
	['grandstream', 'grandstreamUcm', 'grandstreamUcmApi'],
	['fiberme', 'fibermeFcm630a', 'fibermeFcm630aApi'],
] as const;

describe.each(brands)('%s UCM node through WorkflowExecute', (brand, nodeType, credType) => {
	let emu: UcmEmulator;
	let creds: Record<string, Record<string, unknown>>;
	const ucm = (parameters: Record<string, unknown>, opts: { items?: Record<string, unknown>[]; continueOnFail?: boolean } = {}) =>
		runNode(nodeType, parameters, { credentials: creds as never, ...opts });

	beforeEach(async () => {
		emu = await startUcmEmulator({ brand });
		creds = { [credType]: { scheme: 'http', host: '127.0.0.1', port: emu.port, username: emu.username, password: emu.password, busyWaitSeconds: 0.2 } };
	});
	afterEach(async () => {
		ucmSessions.clear(ucmConnection(creds[credType] as never).sessionKey);
		await closeAllPools();
		await emu.close();
	});

	it('logs in with challenge + md5 once, lists extensions as items and reads one', async () => {
		const list = await ucm({ resource: 'extension', operation: 'listAccount' });
		expect(list.error).toBeUndefined();
		expect(list.json.map((e) => String(e.extension)).sort()).toEqual(['1000', '1001', '1002', '1003', '1004', '1005']);
		const one = await ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '1001' });
		expect(one.json[0]).toMatchObject({ extension: '1001' });
		expect(emu.challenges).toBe(1);
		expect(emu.logins).toBe(1);
		const login = emu.requests.find((r) => r.action === 'login')!;
		expect(JSON.stringify(login.body)).not.toContain(emu.password);
	});

	// A firmware that adds fields the manual does not list, named as n8n's sandbox refuses them (n8n-workflow's
	// unsafeObjectProperties: `{{$json.caller}}` fails with "Cannot access "caller" due to security concerns").
	it('keys the expression sandbox refuses come out renamed, so a later expression reads them; the raw response keeps them', async () => {
		Object.assign(emu.state.accounts.get('1001')!, { caller: '1002', callee: '1003', constructor: 'c' });
		const run = await runWorkflow({
			credentials: creds as never,
			nodes: [
				{ name: 'Get', type: nodeType, parameters: { resource: 'extension', operation: 'getSIPAccount', extension: '1001' } },
				{ name: 'Next', type: nodeType, parameters: { resource: 'extension', operation: 'getSIPAccount', extension: '={{$json.callerNumber}}' } },
			],
			connections: { Get: { main: [[{ node: 'Next', type: 'main' as never, index: 0 }]] } },
		});
		expect(run.data.resultData.error?.message).toBeUndefined();
		const out = (n: string) => run.data.resultData.runData[n][0].data!.main[0]!.map((i) => i.json);
		const [got] = out('Get');
		expect(got).toMatchObject({ extension: '1001', callerNumber: '1002', calleeNumber: '1003', constructorValue: 'c' });
		expect(Object.keys(got)).not.toEqual(expect.arrayContaining(['caller']));
		expect(Object.keys(got)).not.toEqual(expect.arrayContaining(['callee']));
		expect(out('Next').map((e) => String(e.extension))).toEqual(['1002']);
		const raw = await ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '1001', options: { rawResponse: true } });
		expect(JSON.stringify(raw.json[0])).toMatch(/"caller":"1002".*"callee":"1003"/);
	});

	it('updates an extension and sends values as the manual does (strings)', async () => {
		const r = await ucm({ resource: 'extension', operation: 'updateSIPAccount', extension: '1001', additionalFields: { cidnumber: '5551001', ring_timeout: 45 } });
		expect(r.error).toBeUndefined();
		const sent = emu.requests.find((q) => q.action === 'updateSIPAccount')!.body as { request: Record<string, unknown> };
		expect(sent.request).toMatchObject({ extension: '1001', cidnumber: '5551001', ring_timeout: '45' });
		const back = await ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '1001' });
		expect(back.json[0]).toMatchObject({ cidnumber: '5551001' });
	});

	it('renews an expired cookie with one shared login during a batch', async () => {
		emu.options.expireEveryNRequests = 10;
		const items = Array.from({ length: 25 }, (_, i) => ({ ext: String(1000 + (i % 6)) }));
		const r = await ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '={{$json.ext}}' }, { items });
		expect(r.error).toBeUndefined();
		expect(r.json).toHaveLength(25);
		expect(emu.logins).toBeGreaterThanOrEqual(3);
		expect(emu.logins).toBeLessThanOrEqual(4);
	});

	it('a wrong password is tried once for a whole batch and says why', async () => {
		(creds[credType] as Record<string, unknown>).password = 'wrong-Pa55';
		const r = await ucm({ resource: 'extension', operation: 'listAccount' }, { items: [{}, {}, {}], continueOnFail: true });
		expect(emu.loginAttempts).toBe(1);
		expect(r.json).toHaveLength(3);
		for (const j of r.json) expect(String(j.error)).toMatch(/-37/);
		expect(JSON.stringify(r.json)).not.toContain('wrong-Pa55');
	});

	it('-47 at login says what it means in the field: API off, user not saved, or this IP not permitted', async () => {
		emu.options.permittedIps = ['192.0.2.50'];
		const batch = await ucm({ resource: 'extension', operation: 'listAccount' }, { items: [{}, {}, {}], continueOnFail: true });
		expect(batch.json.map((j) => j.code)).toEqual(['-47', '-47', '-47']);
		// One attempt for the whole batch, not one per item.
		expect(emu.challenges).toBe(0);
		expect(emu.requests.filter((q) => q.action === 'challenge')).toHaveLength(1);
		ucmSessions.clear(ucmConnection(creds[credType] as never).sessionKey);
		const r = await ucm({ resource: 'extension', operation: 'listAccount' });
		expect(r.error?.message).toMatch(/-47/);
		expect(r.error?.description).toMatch(/switched off/);
		expect(r.error?.description).toMatch(/never saved/);
		expect(r.error?.description).toMatch(/permitted IP list/);
		expect(r.error?.description).not.toMatch(/Call Control/);
		emu.options.permittedIps = undefined;
		emu.options.apiEnabled = false;
		ucmSessions.clear(ucmConnection(creds[credType] as never).sessionKey);
		const off = await ucm({ resource: 'extension', operation: 'listAccount' });
		expect(off.error?.description).toMatch(/switched off/);
	});

	it('waits out burst refusals (-45/-46) and then succeeds', async () => {
		emu.options.maxConcurrent = 1;
		(emu.options as unknown as Record<string, unknown>).latencyMs = 30;
		const items = Array.from({ length: 4 }, () => ({}));
		const [a, b] = await Promise.all([
			ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '1000' }, { items }),
			ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '1001' }, { items }),
		]);
		expect(a.error?.message).toBeUndefined();
		expect(b.error?.message).toBeUndefined();
		expect(a.json).toHaveLength(4);
		expect(b.json).toHaveLength(4);
	});

	it('one UCM, one queue: two executions at once take turns instead of being refused as a burst', async () => {
		emu.options.maxConcurrent = 1;
		emu.options.latencyMs = 20;
		const items = Array.from({ length: 6 }, () => ({}));
		const [a, b] = await Promise.all([
			ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '1000' }, { items }),
			ucm({ resource: 'extension', operation: 'listAccount' }, { items }),
		]);
		expect(a.error?.message).toBeUndefined();
		expect(b.error?.message).toBeUndefined();
		expect(a.json).toHaveLength(6);
		expect(b.json).toHaveLength(36);
		expect(emu.burstRefusals).toBe(0);
		expect(emu.peakInFlight).toBe(1);
	});

	it('opt-in: 2 reads in flight, back to 1 at the first burst refusal', async () => {
		(creds[credType] as Record<string, unknown>).twoReadsInFlight = true;
		emu.options.maxConcurrent = 2;
		// 100 ms per answer: two reads overlap for sure even when the machine is loaded.
		emu.options.latencyMs = 100;
		const items = Array.from({ length: 6 }, () => ({}));
		const both = await Promise.all([
			ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '1000' }, { items }),
			ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '1001' }, { items }),
		]);
		for (const r of both) expect(r.error?.message).toBeUndefined();
		expect(emu.peakInFlight).toBe(2);
		expect(emu.burstRefusals).toBe(0);
		// A PBX that accepts only one: one refusal, then one at a time, and everything still succeeds.
		emu.options.maxConcurrent = 1;
		emu.peakInFlight = 0;
		const again = await Promise.all([
			ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '1000' }, { items }),
			ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '1001' }, { items }),
		]);
		for (const r of again) expect(r.error?.message).toBeUndefined();
		// The reads already in flight when the first refusal came back may be refused too (at most 2 in flight).
		expect(emu.burstRefusals).toBeGreaterThanOrEqual(1);
		expect(emu.burstRefusals).toBeLessThanOrEqual(2);
		expect(ucmConnection(creds[credType] as never).queue.fellBack).toBe(true);
		emu.burstRefusals = 0;
		emu.peakInFlight = 0;
		const after = await Promise.all([
			ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '1000' }, { items }),
			ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '1001' }, { items }),
		]);
		for (const r of after) expect(r.error?.message).toBeUndefined();
		expect(emu.burstRefusals).toBe(0);
		expect(emu.peakInFlight).toBe(1);
	});

	it('gets CDRs as one item per call by default (JSON), a grouped call with its legs together, and as text (CSV)', async () => {
		// No format given: the node's default. Grouped entries as public API clients read them
		// (ernest0vm/GrandStreamAPIClient, GrandstreamClient/Models/CDR.cs: cdr_root entries with main_cdr, sub_cdr_1..4).
		const json = await ucm({ resource: 'cdr', operation: 'cdrapi', startTime: '2000-01-01T00:00' });
		expect(json.error).toBeUndefined();
		expect(emu.requests.find((q) => q.action === 'cdrapi')!.body).toMatchObject({ request: { format: 'json' } });
		expect(json.json.map((c) => c.AcctId)).toEqual(['1', '2', '3', '4', '5', '6']);
		const queued = json.json[5];
		expect(queued).toMatchObject({ src: '5559876', dst: '6500', action_type: 'QUEUE' });
		expect((queued.sub_cdrs as Array<Record<string, unknown>>).map((l) => [l.AcctId, l.dst, l.disposition])).toEqual([
			['7', '1000', 'NO ANSWER'],
			['8', '1001', 'ANSWERED'],
		]);
		expect(json.json[0].sub_cdrs).toEqual([]);
		const raw = await ucm({ resource: 'cdr', operation: 'cdrapi', startTime: '2000-01-01T00:00', options: { rawResponse: true } });
		expect(Object.keys((raw.json[0].cdr_root as Array<Record<string, unknown>>)[5])).toEqual(['main_cdr', 'sub_cdr_1', 'sub_cdr_2']);
		const csv = await ucm({ resource: 'cdr', operation: 'cdrapi', format: 'csv', startTime: '2000-01-01T00:00' });
		expect(csv.error).toBeUndefined();
		expect(csv.json).toHaveLength(1);
		expect(String(csv.json[0].data).split('\n').length).toBeGreaterThan(json.json.length);
	});

	it('downloads a recording as binary data', async () => {
		const dirs = emu.state.recordings ?? [];
		const rec = (Array.isArray(dirs) ? dirs[0] : [...(dirs as Map<string, unknown>).values()][0]) as Record<string, string>;
		const r = await ucm({ resource: 'recording', operation: 'recapi', additionalFields: { filedir: rec.dir ?? rec.filedir, filename: rec.name ?? rec.filename } });
		expect(r.error?.message).toBeUndefined();
		const bin = r.items[0].binary!.data;
		expect(bin.mimeType).toMatch(/wav/);
		expect(Buffer.from(bin.data, 'base64').subarray(0, 4).toString()).toBe('RIFF');
	});

	it('places and ends a call; call operations go one at a time', async () => {
		const dial = await ucm({ resource: 'call', operation: 'dialExtension', caller: '1000', callee: '1001' });
		expect(dial.error?.message).toBeUndefined();
		await new Promise((r) => setTimeout(r, 150)); // the callee answers after a moment
		const chans = await ucm({ resource: 'call', operation: 'listBridgedChannels' });
		const all = [...chans.json, ...(await ucm({ resource: 'call', operation: 'listUnBridgedChannels' })).json];
		expect(all.length).toBeGreaterThan(0);
		const channel = String(all[0].channel1 ?? all[0].channel ?? '');
		expect(channel).not.toBe('');
		const hang = await ucm({ resource: 'call', operation: 'hangup', channel });
		expect(hang.error?.message).toBeUndefined();
	});

	it('fails before sending when a required field is missing', async () => {
		const r = await ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '={{$json.none}}' });
		expect(r.error?.message).toMatch(/Field "extension" is required \(item 0\)/);
		expect(emu.requests.filter((q) => q.action === 'getSIPAccount')).toHaveLength(0);
	});
});

describe('brand differences', () => {
	it('the FIBERME nodes do not offer the actions only Grandstream documents', () => {
		const ops = (prefix: string) =>
			Object.keys(nodeClasses)
				.filter((name) => name.startsWith(prefix) && !name.endsWith('Trigger'))
				.flatMap((name) => new nodeClasses[name]().description.properties.filter((p) => p.name === 'operation'))
				.flatMap((p) => (p.options ?? []).map((o) => ('value' in o ? o.value : undefined)));
		expect(ops('grandstreamUcm')).toContain('listAnalogTrunk');
		expect(ops('fibermeFcm630a')).not.toContain('listAnalogTrunk');
		expect(ops('fibermeFcm630a')).toContain('listAccount');
		expect(ops('fibermeFcm630a')).toContain('listVoIPTrunk');
	});
});

describe('UCM files and PMS commands', () => {
	let emu: UcmEmulator;
	let creds: Record<string, Record<string, unknown>>;
	beforeAll(async () => {
		emu = await startUcmEmulator({ brand: 'grandstream' });
		creds = { grandstreamUcmApi: { scheme: 'http', host: '127.0.0.1', port: emu.port, username: emu.username, password: emu.password } };
	});
	afterAll(async () => {
		await closeAllPools();
		await emu.close();
	});

	it('the Wave login QR code comes out as a PNG', async () => {
		const r = await runNode('grandstreamUcm', { resource: 'wave', operation: 'getSIPAccountQR', extension: '1000' }, { credentials: creds as never });
		expect(r.error?.message).toBeUndefined();
		const bin = r.items[0].binary!.data;
		expect(bin.mimeType).toBe('image/png');
		expect(Buffer.from(bin.data, 'base64').subarray(1, 4).toString()).toBe('PNG');
	});

	it('a PMS check-in built from fields is sent as the one XML string the API wants', async () => {
		const r = await runNode(
			'grandstreamUcm',
			{ resource: 'hotel', operation: 'pmsapi', token: emu.pmsToken(), data: { checkin: { address: '1004', room: '104', account: 'G-77', firstname: 'Ada', lastname: 'Lovelace' } }, additionalFields: { format: 'xml' } },
			{ credentials: creds as never },
		);
		expect(r.error?.message).toBeUndefined();
		const sent = emu.requests.find((q) => q.action === 'pmsapi')!.body as { request: { data: string } };
		expect(sent.request.data).toBe('<pms_data_request><checkin><address>1004</address><room>104</room><account>G-77</account><firstname>Ada</firstname><lastname>Lovelace</lastname></checkin></pms_data_request>');
	});
});
