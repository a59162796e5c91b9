import { closeAllPools } from '../../nodes/shared/http';
import { activeKeepers } from '../../nodes/OpenVoxUc/OpenVoxUcTriggerHelpers';
import { openVoxUcConnection, openVoxUcRegistrations, openVoxUcSessions } from '../../nodes/OpenVoxUc/protocol';
import { startTriggerServer, outputOf, type TriggerServer } from '../harness/webhook';
import { runNode } from '../harness/run';
import { waitFor } from '../harness/wait';
import { startOpenVoxUcEmulator, type OpenVoxUcEmulator } from '../emulators/openvox-uc';
import { startDroppingProxy } from './helpers';

let emu: OpenVoxUcEmulator;
let creds: Record<string, Record<string, string | number>>;
let servers: TriggerServer[] = [];
let stops: Array<() => Promise<void>> = [];

beforeEach(async () => {
	emu = await startOpenVoxUcEmulator();
	creds = { openVoxUcApi: { scheme: 'http', host: '127.0.0.1', port: emu.port, username: emu.username, password: emu.password, format: 'json', timeoutMs: 2000 } };
});
afterEach(async () => {
	for (const stop of stops.splice(0)) await stop();
	for (const s of servers) await s.hook('delete').catch(() => undefined);
	await Promise.all(servers.map((s) => s.close()));
	servers = [];
	openVoxUcSessions.clear(openVoxUcConnection(creds.openVoxUcApi as never).sessionKey);
	openVoxUcRegistrations.clear();
	await closeAllPools();
	await emu.close();
});

const ALL = ['bootUp', 'extensionStatus', 'callAlert', 'callRing', 'callAnswer', 'callAnswered', 'callHangup', 'callTransferred', 'callFailed', 'newCdr', 'other'];

async function server(parameters: Record<string, unknown>, over: { testMode?: boolean; activationMode?: string } = {}) {
	const s = await startTriggerServer({
		trigger: 'openVoxUcTrigger',
		triggerName: 'OpenVox UC Trigger',
		parameters: parameters as never,
		credentials: creds as never,
		...over,
	});
	servers.push(s);
	return s;
}
/** Activation as n8n does it on its leader: the webhook lifecycle, then the node's trigger() (the keep-alive). */
async function activate(s: TriggerServer, tickMs = 50) {
	await s.hook('create');
	const t = await s.startTrigger({ tickMs });
	stops.push(t.close);
	return t;
}
const events = (s: TriggerServer) => s.runs.map((r) => outputOf(r, 'OpenVox UC Trigger')[0]);
const post = (s: TriggerServer, body: string) => fetch(s.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('OpenVox UC Trigger lifecycle', () => {
	it('registers this webhook at activation, keeps the session alive from trigger() (a cron), logs out at deactivation', async () => {
		const s = await server({ events: ALL, options: { heartbeatSeconds: 1 } });
		expect(await s.hook('checkExists')).toBe(false);
		const t = await activate(s);
		expect(t.crons).toEqual(['* * * * * *']);
		expect(await s.hook('checkExists')).toBe(true);
		const reg = emu.registration()!;
		expect(reg).toMatchObject({ urltag: '1', version: '1.0.2' });
		expect(`http://${reg.url}`).toBe(s.webhookUrl);
		// The address is kept with the workflow, so a new leader's keeper knows it.
		expect(s.staticData.reportUrl).toBe(s.webhookUrl);
		const heartbeats = await waitFor(() => {
			const beats = emu.requests.filter((r) => r.path === 'heartbeat');
			return beats.length >= 2 ? beats : undefined;
		});
		expect(heartbeats[0].body).toMatchObject({ port: reg.port, url: reg.url, urltag: '1' });
		// The activation login is adopted by the keeper: one login in all.
		expect(emu.logins).toBe(1);
		expect(s.logLines.some((l) => /registered with the PBX/.test(l))).toBe(false);
		expect(await s.hook('delete')).toBe(true);
		expect(emu.requests.filter((r) => r.path === 'logout')).toHaveLength(1);
		expect(await s.hook('checkExists')).toBe(false);
		expect(activeKeepers()).toHaveLength(0);
	});

	it('registers again after the PBX forgot the token, and reports keep arriving', async () => {
		const s = await server({ events: ['newCdr', 'bootUp'], options: { heartbeatSeconds: 1 } });
		await activate(s);
		emu.expireTokens();
		await waitFor(() => emu.logins >= 2);
		expect(emu.logins).toBe(2);
		await emu.bootUp();
		await s.waitForRuns(1);
		expect(events(s)[0]).toMatchObject({ event: 'BootUp' });
		expect(s.logLines.filter((l) => /registering again/.test(l))).toHaveLength(1);
	});

	it('survives a PBX restart: stopped, then answering 30003 while it boots, then normal; reports flow again', async () => {
		const s = await server({ events: ['bootUp', 'newCdr'], options: { heartbeatSeconds: 1 } });
		await activate(s);
		await waitFor(() => emu.requests.some((r) => r.path === 'heartbeat'));
		const port = emu.port;
		const downAt = Date.now();
		await emu.close();
		await waitFor(() => s.logLines.some((l) => /PBX not reachable/.test(l)), 8000).catch((e) => {
			throw new Error(`${e.message}\n${s.logLines.join('\n')}`);
		});
		expect(await s.hook('checkExists')).toBe(false);
		// Back on the same port, its API service "not running" at first (errno 30003), as while a PBX boots.
		emu = await startOpenVoxUcEmulator({ port, apiNotRunningRequests: 2 });
		const backAt = Date.now();
		await waitFor(() => s.hook('checkExists'), 20000);
		const registeredAt = Date.now();
		expect(emu.logins).toBe(1);
		expect(`http://${emu.registration()!.url}`).toBe(s.webhookUrl);
		await emu.bootUp();
		await s.waitForRuns(1);
		expect(events(s)[0]).toMatchObject({ event: 'BootUp' });
		// One log line per change of state: unreachable, the 30003 answers, registered again.
		const lines = s.logLines.filter((l) => /OpenVox UC Trigger/.test(l));
		expect(lines.filter((l) => /PBX not reachable: Cannot reach/.test(l))).toHaveLength(1);
		expect(lines.filter((l) => /30003/.test(l))).toHaveLength(1);
		expect(lines.filter((l) => /registered with the PBX again after/.test(l))).toHaveLength(1);
		console.log(
			`OpenVox UC keeper restart: outage ${registeredAt - downAt} ms, back to registered ${registeredAt - backAt} ms after the PBX listened again ` +
				`(${emu.requests.length} requests to the restarted PBX, the first 2 answered 30003; ticks 1 s in n8n, 50 ms here)`,
		);
	}, 40000);

	it('a PBX that stops answering (timeouts) is tried again until it answers; the same token is kept', async () => {
		const proxy = await startDroppingProxy(emu);
		stops.push(() => proxy.close());
		creds.openVoxUcApi.port = proxy.port;
		creds.openVoxUcApi.timeoutMs = 1000;
		const s = await server({ events: ['bootUp'], options: { heartbeatSeconds: 1 } });
		await activate(s);
		proxy.delay = (url) => (url.includes('/heartbeat') ? 3000 : 0);
		await waitFor(() => s.logLines.some((l) => /PBX not reachable: The PBX did not answer in time/.test(l)));
		expect(await s.hook('checkExists')).toBe(false);
		proxy.delay = undefined;
		await waitFor(() => s.logLines.some((l) => /registered with the PBX again/.test(l)), 10000);
		expect(emu.logins).toBe(1);
		await emu.bootUp();
		await s.waitForRuns(1);
	}, 20000);

	it('after a wrong-password answer tries no login until the credential changes, then registers again', async () => {
		const s = await server({ events: ['bootUp'], options: { heartbeatSeconds: 1 } });
		await activate(s);
		// The PBX's API password is changed under the running trigger.
		(emu as unknown as { password: string }).password = 'changed-on-pbx';
		emu.expireTokens();
		await waitFor(() => s.logLines.some((l) => /login refused/.test(l)));
		const attempts = emu.loginAttempts;
		await sleep(1500);
		expect(emu.loginAttempts).toBe(attempts);
		expect(await s.hook('checkExists')).toBe(false);
		// The user fixes the credential: the keeper sees it and logs in.
		creds.openVoxUcApi.password = 'changed-on-pbx';
		const keeper = activeKeepers()[0] as unknown as { opts: { credentialRecheckMs: number }; nextAt: number };
		keeper.nextAt = 0; // the recheck is due (every 60 s in n8n)
		await waitFor(() => emu.logins >= 2);
		expect(emu.loginAttempts).toBe(attempts + 1);
		await emu.bootUp();
		await s.waitForRuns(1);
	});

	it("at n8n's start every main calls create without logging in; the leader's trigger() logs in once", async () => {
		const s = await server({ events: ['bootUp'], options: { heartbeatSeconds: 1 } }, { activationMode: 'init' });
		expect(await s.hook('create')).toBe(true);
		expect(emu.loginAttempts).toBe(0);
		const t = await s.startTrigger();
		stops.push(t.close);
		await waitFor(() => emu.logins === 1);
		expect(`http://${emu.registration()!.url}`).toBe(s.webhookUrl);
		await emu.bootUp();
		await s.waitForRuns(1);
	});

	it("an action's session from before the trigger started is adopted and moved to the trigger's address at once", async () => {
		const r = await runNode('openVoxUc', { resource: 'device', operation: 'queryDeviceInfo' }, { credentials: creds as never });
		expect(r.error).toBeUndefined();
		expect(emu.registration()!.url).toBeUndefined();
		const s = await server({ events: ['bootUp'] }, { activationMode: 'init' });
		await s.hook('create');
		const t = await s.startTrigger();
		stops.push(t.close);
		await waitFor(() => emu.requests.some((q) => q.path === 'heartbeat'));
		expect(emu.logins).toBe(1);
		expect(`http://${emu.registration()!.url}`).toBe(s.webhookUrl);
		await emu.bootUp();
		await s.waitForRuns(1);
	});

	it("a new leader's trigger() registers the address kept with the workflow (no create in that process)", async () => {
		const s = await server({ events: ['bootUp'] });
		s.staticData.reportUrl = s.webhookUrl;
		const t = await s.startTrigger();
		stops.push(t.close);
		await waitFor(() => emu.logins === 1);
		expect(`http://${emu.registration()!.url}`).toBe(s.webhookUrl);
		await t.close();
		// Closing (shutdown, leader change) stops the keep-alive but does not log out: the next leader takes over.
		expect(emu.requests.filter((r) => r.path === 'logout')).toHaveLength(0);
		expect(activeKeepers()).toHaveLength(0);
	});

	it('an action re-login while the trigger is active repeats the trigger registration', async () => {
		const s = await server({ events: ['bootUp'] });
		await activate(s);
		const key = openVoxUcConnection(creds.openVoxUcApi as never).sessionKey;
		expect(openVoxUcRegistrations.get(key)).toBeDefined();
		emu.expireTokens();
		const r = await runNode('openVoxUc', { resource: 'device', operation: 'queryDeviceInfo' }, { credentials: creds as never });
		expect(r.error).toBeUndefined();
		expect(`http://${emu.registration()!.url}`).toBe(s.webhookUrl);
	});

	it("an action login in a process without the trigger (a queue-mode worker) registers the credential's Report URL", async () => {
		const reportUrl = 'https://n8n.example.com/webhook/0f0e0d0c-1111-4222-8333-444455556666/report';
		const r = await runNode('openVoxUc', { resource: 'device', operation: 'queryDeviceInfo' }, { credentials: { openVoxUcApi: { ...creds.openVoxUcApi, reportUrl } } as never });
		expect(r.error).toBeUndefined();
		expect(emu.registration()).toMatchObject({ url: 'n8n.example.com:443/webhook/0f0e0d0c-1111-4222-8333-444455556666/report', urltag: '1', version: '1.0.2' });
		openVoxUcSessions.clear(openVoxUcConnection({ ...creds.openVoxUcApi, reportUrl } as never).sessionKey);
	});

	it('a bad Report URL is named', async () => {
		const r = await runNode('openVoxUc', { resource: 'device', operation: 'queryDeviceInfo' }, { credentials: { openVoxUcApi: { ...creds.openVoxUcApi, reportUrl: 'n8n.local/report' } } as never });
		expect(r.error?.message).toMatch(/Report URL/);
	});

	it('a wrong password fails activation with the reason and is not retried', async () => {
		creds.openVoxUcApi.password = 'wrong-password';
		const s = await server({ events: ALL });
		await expect(s.hook('create')).rejects.toThrow(/Could not register with the PBX/);
		await expect(s.hook('create')).rejects.toThrow(/20003|locked|password/i);
		expect(emu.loginAttempts).toBe(1);
	});

	/**
	 * Yeastar S-Series API v2 firmware names its report method in the login answer ("transport": "TCP" or "HTTP",
	 * help.yeastar.com/en/s-series-developer-v2/api-v2/login.html); with TCP chosen on its API settings page it POSTs
	 * nothing (api-reports.html), so an activation that succeeded would be a trigger that stays silent.
	 */
	it('a PBX whose login says its reports go over TCP fails activation with the setting to change; "HTTP" activates', async () => {
		emu.options.reportTransport = 'TCP';
		const s = await server({ events: ALL });
		await expect(s.hook('create')).rejects.toThrow(/over "TCP".*none would reach this webhook/);
		expect(await s.hook('checkExists')).toBe(false);
		const test = await server({ events: ALL }, { testMode: true });
		await expect(test.hook('create')).rejects.toThrow(/"transport":"TCP"/);
		// The test login is not left behind on the PBX.
		expect(emu.requests.filter((r) => r.path === 'logout')).toHaveLength(1);

		// Set to HTTP on the PBX; its earlier tokens (kept for actions, aimed at the failed trigger's URL) forgotten.
		emu.options.reportTransport = 'HTTP';
		emu.expireTokens();
		openVoxUcSessions.clear(openVoxUcConnection(creds.openVoxUcApi as never).sessionKey);
		const ok = await server({ events: ['bootUp'] });
		await activate(ok);
		expect(await ok.hook('checkExists')).toBe(true);
		await emu.bootUp();
		const [run] = await ok.waitForRuns(1);
		expect(outputOf(run, 'OpenVox UC Trigger')[0]).toMatchObject({ event: 'BootUp' });
	});

	it('"Listen for test event": the event reaches the workflow through trigger() in manual mode, and the shared registration stays', async () => {
		const prod = await server({ events: ['bootUp'] });
		await activate(prod);
		const test = await server({ events: ['bootUp'] }, { testMode: true });
		expect(test.webhookUrl).toContain('/webhook-test/');
		// The production registration is live, but the test URL is not registered yet.
		expect(await test.hook('checkExists')).toBe(false);
		await test.hook('create');
		expect(await test.hook('checkExists')).toBe(true);
		// The test login has its own token: actions and the keeper keep the production address.
		const key = openVoxUcConnection(creds.openVoxUcApi as never).sessionKey;
		expect(`http://${openVoxUcRegistrations.get(key)!.url}`).toBe(prod.webhookUrl);
		expect((await post(test, '{"action":"BootUp","sn":"a09805021987"}')).status).toBe(200);
		const [run] = await test.waitForRuns(1);
		expect(run.status).toBe('success');
		expect(outputOf(run, 'OpenVox UC Trigger')[0]).toMatchObject({ event: 'BootUp', sn: 'a09805021987' });
		await test.hook('delete');
		expect(await test.hook('checkExists')).toBe(false);
		expect(openVoxUcSessions.peek(key)).toBeDefined();
	});
});

describe('OpenVox UC Trigger reports', () => {
	it('a call produces RING/ALERT/ANSWER/BYE/NewCdr runs with normalised fields and aliases', async () => {
		const s = await server({ events: ALL });
		await activate(s);
		await emu.simulateCall({ from: '1000', to: '1001', durationS: 7 });
		await emu.settle();
		await waitFor(() => events(s).some((e) => e.event === 'NewCdr'));
		const got = events(s).map((e) => e.event);
		for (const a of ['RING', 'ALERT', 'ANSWER', 'BYE', 'NewCdr']) expect(got).toContain(a);
		const cdr = events(s).find((e) => e.event === 'NewCdr')!;
		expect(cdr.callduraction).toBeDefined();
		expect(cdr.callDuration).toBe(cdr.callduraction);
		expect((cdr.raw as Record<string, unknown>).action).toBe('NewCdr');
		// Every report was answered 200 at once, so none was re-sent.
		expect(emu.reports.every((r) => r.status === 200)).toBe(true);
	});

	it.each([
		['action', 'Yeastar API v1'],
		['event', 'Yeastar API v2'],
	] as const)('a PBX with Yeastar spellings (%s key, %s): the answered call starts both answer events, off-hook is Busy', async (typeKey: 'action' | 'event', _source: string) => {
		await emu.close();
		emu = await startOpenVoxUcEmulator({ spelling: 'yeastar', typeKey });
		creds.openVoxUcApi.port = emu.port;
		const answered = await server({ events: ['callAnswered', 'extensionStatus'] });
		await activate(answered);
		await emu.simulateCall({ from: '1000', to: '1001', durationS: 3 });
		await emu.settle();
		const delivered = emu.reports.filter((r) => r.status === 200 && (r.action.startsWith('ANSWER') || r.action === 'ExtensionStatus'));
		expect(delivered.map((r) => r.action)).toEqual(expect.arrayContaining(['ANSWER', 'ANSWERED']));
		expect(delivered.every((r) => r.body.includes(`"${typeKey}"`))).toBe(true);
		await answered.waitForRuns(delivered.length);
		const got = events(answered);
		// ANSWER (callee side) also reads as the caller-side report, as the UC manual sends both as ANSWER; ANSWERED only so.
		expect(got.filter((e) => e.event === 'ANSWERED').map((e) => e.eventIds)).toEqual([['callAnswered']]);
		expect(got.filter((e) => e.event === 'ANSWER')).toHaveLength(1);
		expect(got.filter((e) => e.status === 'Busy').map((e) => e.statusMeaning)).toEqual(['Busy (off-hook: the Yeastar firmware name for In Use)', 'Busy (off-hook: the Yeastar firmware name for In Use)']);
		expect(got).toHaveLength(delivered.length);
	});

	it('parses the legacy format: repeated "ext" keys become a list, nothing dropped', async () => {
		const s = await server({ events: ALL });
		const r = await post(s, '{"action":"ANSWER","ext":{"extid":"1000"},"ext":{"extid":"1001"},"callid":"1714.1"}');
		expect(r.status).toBe(200);
		const [run] = await s.waitForRuns(1);
		const item = outputOf(run, 'OpenVox UC Trigger')[0];
		expect(item.ext).toEqual([{ extid: '1000' }, { extid: '1001' }]);
		expect(item.eventIds).toEqual(['callAnswer', 'callAnswered']);
	});

	/**
	 * Every spelling real firmware sends, with its source. UC manual = openvox-uc-http-api-zh.txt; Yeastar v1 =
	 * the Yeastar S-Series API guide (github.com/YeastarCarol/Yeastar-S-Series-API-Guide-en, api_sample/…) and
	 * help.yeastar.com/en/{s-series,k2,cloudpbx}-developer/api/*; Yeastar v2 = help.yeastar.com/en/s-series-developer-v2/api-v2/event-*.
	 */
	const SAMPLES: Array<[string, string, string[]]> = [
		// Yeastar v1, api_sample/call-report/call-answered.md: the caller side answered, legacy duplicate "ext" keys.
		['Yeastar v1 call-answered.md', '{"action":"ANSWERED","callid":"1495706238.328","ext":{"extid":"1002"},"ext":{"extid":"1000"}}', ['callAnswered']],
		// help.yeastar.com k2-developer api_call_answered.html: "call" wrapper.
		['Yeastar v1 api_call_answered', '{"action":"ANSWERED","callid":"1547375707.75","call":[{"ext":{"extid":"1005"}},{"outbound":{"from":"1005","to":"172838344","trunk":"SPS-6-36","outboundid":"1547375707.76"}}],"sn":"369362089179"}', ['callAnswered']],
		// The same report named by "event", as the v2 API names every report.
		['Yeastar v2 form of ANSWERED', '{"event":"ANSWERED","callid":"1571897930.7","members":[{"ext":{"number":"1023","channelid":"PJSIP/1023-00000001"}}],"sn":"369451090405"}', ['callAnswered']],
		// UC manual ‘通话应答’ example (1.0.2 shape: extid list).
		['UC manual ANSWER', '{"action":"ANSWER","callid":"1589953310.1724","ext":{"extid":["106","101"]},"sn":"a09805021987"}', ['callAnswer', 'callAnswered']],
		['UC manual ALERT', '{"action":"ALERT","callid":"1589948179.1692","ext":{"extid":"101"},"sn":"a09805021987"}', ['callAlert']],
		['UC manual RING', '{"action":"RING","callid":"1589948178.1690","ext":{"extid":["106","101"]},"sn":"a09805021987"}', ['callRing']],
		['UC manual BYE', '{"action":"BYE","callid":"1589953321.1727","ext":{"extid":["106","101"]},"sn":"a09805021987"}', ['callHangup']],
		// help.openvox.cn call-transfer-report and Yeastar v1 call-transfer.md: "Tranfer".
		['UC manual Tranfer', '{"action":"Tranfer","callid":"1589957670.2001","ext":{"extid":["102","101"]},"sn":"a09805021987"}', ['callTransferred']],
		// Yeastar v2 event-CallTransfer.html (page name) and its text ("a Transfer report").
		['Yeastar v2 CallTransfer', '{"event":"CallTransfer","callid":"1571981311.105","members":[{"ext":{"number":"2000"}}],"sn":"369451090405"}', ['callTransferred']],
		['Transfer', '{"event":"Transfer","callid":"1571981311.106","sn":"369451090405"}', ['callTransferred']],
		// Yeastar v1 call-failure.md: text reasons.
		['Yeastar v1 CallFailed', '{"action":"CallFailed","reason":"User busy","callid":"1536976927.37","ext":{"extid":"1002"},"sn":"369351034049"}', ['callFailed']],
		// UC manual: reason as the number 480.
		['UC manual CallFailed', '{"action":"CallFailed","reason":480,"callid":"1589958470.2092","ext":{"extid":["102","106"]},"sn":"a09805021987"}', ['callFailed']],
		// Yeastar v2 event-NewCdr.html: "event" key, "NO ANSWERED" status.
		['Yeastar v2 NewCdr', '{"event":"NewCdr","callid":"1571897930.5","timestart":"2019-10-23 22:18:50","callfrom":"1023","callto":"2023","callduraction":"19","talkduraction":"0","status":"NO ANSWERED","type":"Internal","sn":"369451090405"}', ['newCdr']],
		// Yeastar v1 change-of-extension-status.md (no sn) and Cloud PBX "Busy".
		['Yeastar v1 ExtensionStatus', '{"action":"ExtensionStatus","extension":"1010","status":"Registered"}', ['extensionStatus']],
		['Yeastar v2 ExtensionStatus', '{"event":"ExtensionStatus","extension":"1023","status":"Busy","sn":"369451090405"}', ['extensionStatus']],
		['Yeastar v1 BootUp', '{"action": "BootUp","sn":"369351034049"}', ['bootUp']],
		// Any letter case.
		['lower case', '{"action":"newcdr","callid":"9.9","timestart":"2020-05-20 10:00:00"}', ['newCdr']],
		// Reports the UC manual does not list (Yeastar v1 change-of-system-configuration.md, keypress.md): "Any Other Report".
		['Yeastar v1 ConfigChange', '{"action":"ConfigChange","sn":"369351034049"}', []],
		['Yeastar v1 DTMF', '{"action":"DTMF","callid":"1495771030.366","infos":"1","sn":"369351034049"}', []],
	];

	it.each(SAMPLES)('starts the selected events for every real spelling: %s', async (_source, body, eventIds) => {
		const s = await server({ events: ALL });
		expect((await post(s, body)).status).toBe(200);
		const [run] = await s.waitForRuns(1);
		const item = outputOf(run, 'OpenVox UC Trigger')[0];
		expect(item.eventIds).toEqual(eventIds);
		// An event that is not selected does not start.
		const other = await server({ events: eventIds.length ? ['other'] : ['newCdr'] });
		expect((await post(other, body)).status).toBe(200);
		await sleep(100);
		expect(other.runs).toHaveLength(0);
	});

	it('the Yeastar "call" / "members" wrappers are read into the top-level ext/inbound/outbound, with meanings', async () => {
		const s = await server({ events: ALL });
		await post(s, SAMPLES[1][1]);
		await post(s, SAMPLES[14][1]);
		await s.waitForRuns(2);
		const [answered, status] = events(s);
		expect(answered.ext).toEqual({ extid: '1005' });
		expect(answered.outbound).toMatchObject({ outboundid: '1547375707.76', to: '172838344' });
		expect(answered.actionMeaning).toBe('ANSWERED (Yeastar spelling)');
		expect((answered.raw as Record<string, unknown>).call).toBeDefined();
		expect(status.statusMeaning).toMatch(/^Busy/);
	});

	it('also reads the report type from "event" and keeps the vendor spelling of Tranfer', async () => {
		const s = await server({ events: ['callTransferred'] });
		await post(s, JSON.stringify({ event: 'Tranfer', transferor: '1000', transferto: '1002' }));
		const [run] = await s.waitForRuns(1);
		expect(outputOf(run, 'OpenVox UC Trigger')[0]).toMatchObject({ event: 'Tranfer', eventName: 'Transfer', transferto: '1002' });
	});

	it('rejects bad bodies with a 4xx and starts nothing', async () => {
		const s = await server({ events: ALL });
		const send = (body: string) => post(s, body).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, string> }));
		expect(await send('{"action":"RING",')).toMatchObject({ status: 400, json: { message: expect.stringMatching(/Malformed report/) } });
		expect(await send('')).toMatchObject({ status: 400 });
		expect(await send('{"sn":"1"}')).toMatchObject({ status: 400, json: { message: expect.stringMatching(/no "action"/) } });
		expect(await send('[]')).toMatchObject({ status: 400 });
		await sleep(100);
		expect(s.runs).toHaveLength(0);
	});

	it('hostile bodies: 100,000 levels of nesting get 400 and a 5 MB body 413, never 5xx, and start nothing', async () => {
		const s = await server({ events: ALL });
		const deep = `{"action":"BootUp","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
		const r1 = await post(s, deep);
		expect(r1.status).toBe(400);
		expect(((await r1.json()) as { message: string }).message).toMatch(/nested deeper than 32/);
		const big = JSON.stringify({ action: 'BootUp', pad: 'x'.repeat(5 * 1024 * 1024) });
		const r2 = await post(s, big);
		expect(r2.status).toBe(413);
		await sleep(100);
		expect(s.runs).toHaveLength(0);
	});

	it('"__proto__" and "constructor" keys are renamed in the item and in raw, not lost', async () => {
		const s = await server({ events: ALL });
		await post(s, '{"action":"BootUp","sn":"1","__proto__":{"polluted":"yes"},"constructor":"c","ext":{"__proto__":"p","callee":"1002"},"caller":"1001"}');
		const [run] = await s.waitForRuns(1);
		const item = outputOf(run, 'OpenVox UC Trigger')[0] as Record<string, any>;
		expect(item.protoValue).toEqual({ polluted: 'yes' });
		expect(item.constructorValue).toBe('c');
		expect(item.ext).toEqual({ protoValue: 'p', calleeNumber: '1002' });
		expect(item.callerNumber).toBe('1001');
		expect(Object.keys(item)).not.toContain('caller');
		expect(item.raw.protoValue).toEqual({ polluted: 'yes' });
		expect(item.raw.constructorValue).toBe('c');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(item.polluted).toBeUndefined();
	});

	it('refuses sources outside the allow-list', async () => {
		const s = await server({ events: ALL, options: { allowedIps: '192.0.2.1' } });
		const r = await post(s, '{"action":"BootUp"}');
		expect(r.status).toBe(403);
	});
});

/**
 * n8n writes every acknowledgement from webhook()'s webhookResponse; 1.x and 2.x differ in when. A wrong choice
 * (responseData left out: the literal "firstEntryJson"; a 4xx as webhookResponse: a 200) fails here.
 */
describe.each([1, 2] as const)('OpenVox UC Trigger acknowledgements under n8n %s.x', (n8nLine) => {
	const ackServer = (parameters: Record<string, unknown>) =>
		startTriggerServer({ trigger: 'openVoxUcTrigger', triggerName: 'OpenVox UC Trigger', parameters: parameters as never, credentials: creds as never, n8nLine }).then(
			(s) => (servers.push(s), s),
		);
	const send = (s: TriggerServer, body: string) =>
		post(s, body).then(async (r) => ({ status: r.status, contentType: r.headers.get('content-type'), json: (await r.json().catch(() => undefined)) as unknown }));

	it('a report that starts a run, its resend and an unselected report are all answered {status: "Success"}', async () => {
		const s = await ackServer({ events: ['newCdr'] });
		const cdr = JSON.stringify({ action: 'NewCdr', callid: 'ack-1', src: '1001', dst: '1002', disposition: 'ANSWERED' });
		const first = await send(s, cdr);
		expect(first).toMatchObject({ status: 200, json: { status: 'Success' } });
		expect(first.contentType).toMatch(/^application\/json/);
		expect(await send(s, cdr)).toMatchObject({ status: 200, json: { status: 'Success' } });
		expect(await send(s, JSON.stringify({ action: 'BootUp', sn: 'x' }))).toMatchObject({ status: 200, json: { status: 'Success' } });
		await s.waitForRuns(1);
		await sleep(100);
		expect(s.runs).toHaveLength(1);
		expect(s.writeErrors).toEqual([]);
	});

	it('refusals keep their 4xx status and body', async () => {
		const s = await ackServer({ events: ALL, options: { allowedIps: '192.0.2.1' } });
		expect(await send(s, '{"action":"BootUp"}')).toMatchObject({ status: 403, json: { status: 'Failed', message: expect.stringMatching(/not allowed/) } });
		const open = await ackServer({ events: ALL });
		expect(await send(open, '{"action":')).toMatchObject({ status: 400, json: { status: 'Failed' } });
	});
});

describe('OpenVox UC Trigger delivery model', () => {
	it('a resent call report or CDR starts one run; the two ANSWER reports of one call and both BYE legs all start', async () => {
		const s = await server({ events: ALL });
		const cdr = JSON.stringify({ action: 'NewCdr', callid: '42.1', timestart: '2020-05-20 10:00:00', callfrom: '1000', callto: '1001', callduraction: '9' });
		for (let i = 0; i < 3; i++) expect((await post(s, cdr)).status).toBe(200);
		// A resend in the other format (legacy duplicate keys vs 1.0.2) is the same report too.
		const bye = '{"action":"BYE","callid":"42.2","ext":{"extid":["1001","1000"]},"sn":"a1"}';
		await post(s, bye);
		await post(s, '{\n    "action": "BYE",\n    "callid": "42.2",\n    "ext": {"extid": ["1001", "1000"]},\n    "sn": "a1"\n}');
		await post(s, '{"action":"BYE","callid":"42.3","ext":{"extid":["1000","1001"]},"sn":"a1"}');
		// Callee side and caller side: same call id, same action, parties in the other order.
		await post(s, '{"action":"ANSWER","callid":"42.4","ext":{"extid":["1001","1000"]},"sn":"a1"}');
		await post(s, '{"action":"ANSWER","callid":"42.4","ext":{"extid":["1000","1001"]},"sn":"a1"}');
		await s.waitForRuns(5);
		await sleep(150);
		expect(events(s).map((e) => `${e.event} ${e.callid}`)).toEqual(['NewCdr 42.1', 'BYE 42.2', 'BYE 42.3', 'ANSWER 42.4', 'ANSWER 42.4']);
	});

	it('extension status flapping: every change starts a run; only a repeat of the last state is a resend', async () => {
		const s = await server({ events: ['extensionStatus', 'bootUp'] });
		await activate(s);
		await emu.setExtensionRegistered('1000', true);
		await emu.setExtensionRegistered('1000', false);
		await emu.setExtensionRegistered('1000', true);
		for (const [from, to] of [['1000', '1001'], ['1001', '1000'], ['1000', '1001']]) await emu.simulateCall({ from, to, durationS: 2 });
		await emu.settle();
		const delivered = emu.reports.filter((r) => r.action === 'ExtensionStatus' && r.status === 200);
		await s.waitForRuns(delivered.length);
		const runs = events(s).filter((e) => e.event === 'ExtensionStatus');
		expect(runs.map((e) => `${e.extension}:${e.status}`).slice(0, 3)).toEqual(['1000:Registered', '1000:Unregistered', '1000:Registered']);
		expect(runs).toHaveLength(delivered.length);
		// A PBX resend of the last report is dropped; the same body after another state is not.
		const a = '{"action":"ExtensionStatus","extension":"1002","status":"Registered","sn":"a1"}';
		const b = '{"action":"ExtensionStatus","extension":"1002","status":"Unregistered","sn":"a1"}';
		for (const body of [a, a, b, b, a]) await post(s, body);
		await s.waitForRuns(delivered.length + 3);
		await sleep(150);
		expect(events(s).filter((e) => e.extension === '1002').map((e) => e.status)).toEqual(['Registered', 'Unregistered', 'Registered']);
		console.log(`OpenVox UC flapping status: ${delivered.length} ExtensionStatus reports delivered, ${runs.length} runs started; 5 posted with 2 resends, 3 runs`);
	}, 20000);

	it('with both windows set to 0 every report starts a run (two reboots in a row)', async () => {
		const s = await server({ events: ['bootUp'], options: { resendWindowSeconds: 0, duplicateWindowSeconds: 0 } });
		await post(s, '{"action":"BootUp","sn":"a1"}');
		await post(s, '{"action":"BootUp","sn":"a1"}');
		await post(s, '{"action":"NewCdr","callid":"1.1"}');
		await s.waitForRuns(2);
		await sleep(100);
		expect(s.runs).toHaveLength(2);
	});
});
