import { closeAllPools } from '../../nodes/shared/http';
import { keepers } from '../../nodes/OpenVoxUc/OpenVoxUcTrigger.node';
import { ucConnection, ucRegistrations, ucSessions } from '../../nodes/OpenVoxUc/protocol';
import { startTriggerServer, outputOf, type TriggerServer } from '../harness/webhook';
import { runNode } from '../harness/run';
import { waitFor } from '../harness/wait';
import { startOpenVoxUcEmulator, type OpenVoxUcEmulator } from '../emulators/openvox-uc';

let emu: OpenVoxUcEmulator;
let creds: Record<string, Record<string, unknown>>;
let servers: TriggerServer[] = [];

beforeEach(async () => {
	emu = await startOpenVoxUcEmulator();
	creds = { openVoxUcApi: { scheme: 'http', host: '127.0.0.1', port: emu.port, username: emu.username, password: emu.password, format: 'json' } };
});
afterEach(async () => {
	for (const s of servers) await s.hook('delete').catch(() => undefined);
	await Promise.all(servers.map((s) => s.close()));
	servers = [];
	ucSessions.clear(ucConnection(creds.openVoxUcApi as never).sessionKey);
	await closeAllPools();
	await emu.close();
});

const ALL = ['bootUp', 'extensionStatus', 'callAlert', 'callRing', 'callAnswer', 'callAnswered', 'callHangup', 'callTransferred', 'callFailed', 'newCdr'];

async function server(parameters: Record<string, unknown>) {
	const s = await startTriggerServer({ trigger: 'openVoxUcTrigger', triggerName: 'OpenVox UC Trigger', parameters, credentials: creds as never });
	servers.push(s);
	return s;
}
const events = (s: TriggerServer) => s.runs.map((r) => outputOf(r, 'OpenVox UC Trigger')[0]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('OpenVox UC Trigger lifecycle', () => {
	it('registers this webhook at activation, keeps the session alive with heartbeats, logs out at deactivation', async () => {
		const s = await server({ events: ALL, options: { heartbeatSeconds: 1 } });
		expect(await s.hook('checkExists')).toBe(false);
		expect(await s.hook('create')).toBe(true);
		expect(await s.hook('checkExists')).toBe(true);
		const reg = emu.registration()!;
		expect(reg).toMatchObject({ urltag: '1', version: '1.0.2' });
		expect(`http://${reg.url}`).toBe(s.webhookUrl);
		expect(emu.logins).toBe(1);
		const heartbeats = await waitFor(() => {
			const beats = emu.requests.filter((r) => r.path === 'heartbeat');
			return beats.length >= 2 && beats;
		});
		expect(heartbeats[0].body).toMatchObject({ port: reg.port, url: reg.url, urltag: '1' });
		expect(await s.hook('delete')).toBe(true);
		expect(emu.requests.filter((r) => r.path === 'logout')).toHaveLength(1);
		expect(await s.hook('checkExists')).toBe(false);
		expect(keepers.size).toBe(0);
	});

	it('registers again after a failed heartbeat, and reports keep arriving', async () => {
		const s = await server({ events: ['newCdr', 'bootUp'], options: { heartbeatSeconds: 1 } });
		await s.hook('create');
		emu.expireTokens();
		await waitFor(() => emu.logins >= 2);
		expect(emu.logins).toBe(2);
		await emu.bootUp();
		await s.waitForRuns(1);
		expect(events(s)[0]).toMatchObject({ event: 'BootUp' });
	});

	it('an action re-login while the trigger is active repeats the trigger registration', async () => {
		const s = await server({ events: ['bootUp'] });
		await s.hook('create');
		const key = ucConnection(creds.openVoxUcApi as never).sessionKey;
		expect(ucRegistrations.get(key)).toBeDefined();
		emu.expireTokens();
		const r = await runNode('openVoxUc', { resource: 'device', operation: 'queryDeviceInfo' }, { credentials: creds as never });
		expect(r.error).toBeUndefined();
		expect(emu.logins).toBe(2);
		expect(`http://${emu.registration()!.url}`).toBe(s.webhookUrl);
	});

	it('a wrong password fails activation with the reason and is not retried', async () => {
		creds.openVoxUcApi.password = 'wrong-password';
		const s = await server({ events: ALL });
		await expect(s.hook('create')).rejects.toThrow(/Could not register with the PBX/);
		await expect(s.hook('create')).rejects.toThrow(/20003|locked|password/i);
		expect(emu.loginAttempts).toBe(1);
	});
});

describe('OpenVox UC Trigger reports', () => {
	it('a call produces RING/ALERT/ANSWER/BYE/NewCdr runs with normalised fields and aliases', async () => {
		const s = await server({ events: ALL });
		await s.hook('create');
		await emu.simulateCall({ from: '1000', to: '1001', durationS: 7 });
		await emu.settle();
		await waitFor(() => events(s).some((e) => e.event === 'NewCdr'));
		const got = events(s).map((e) => e.event);
		for (const a of ['RING', 'ALERT', 'ANSWER', 'BYE', 'NewCdr']) expect(got).toContain(a);
		const cdr = events(s).find((e) => e.event === 'NewCdr')!;
		expect(cdr.callduraction).toBeDefined();
		expect(cdr.callDuration).toBe(cdr.callduraction);
		expect(cdr.raw).toBeDefined();
		expect((cdr.raw as Record<string, unknown>).action).toBe('NewCdr');
		// Every report was answered 200 at once, so none was re-sent.
		expect(emu.reports.every((r) => r.status === 200)).toBe(true);
	});

	it('parses the legacy format: repeated "ext" keys become a list, nothing dropped', async () => {
		const s = await server({ events: ALL });
		await s.hook('create');
		const text = '{"action":"ANSWER","ext":{"extid":"1000"},"ext":{"extid":"1001"},"callid":"1714.1"}';
		const r = await fetch(s.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
		expect(r.status).toBe(200);
		const [run] = await s.waitForRuns(1);
		const item = outputOf(run, 'OpenVox UC Trigger')[0];
		expect(item.ext).toEqual([{ extid: '1000' }, { extid: '1001' }]);
		expect(item.eventIds).toEqual(['callAnswer', 'callAnswered']);
	});

	it('also reads the report type from "event" and keeps the vendor spelling of Tranfer', async () => {
		const s = await server({ events: ['callTransferred'] });
		await s.hook('create');
		await fetch(s.webhookUrl, { method: 'POST', body: JSON.stringify({ event: 'Tranfer', transferor: '1000', transferto: '1002' }) });
		const [run] = await s.waitForRuns(1);
		expect(outputOf(run, 'OpenVox UC Trigger')[0]).toMatchObject({ event: 'Tranfer', eventName: 'Transfer', transferto: '1002' });
	});

	it('drops resent duplicates', async () => {
		const s = await server({ events: ['newCdr'] });
		await s.hook('create');
		const text = JSON.stringify({ action: 'NewCdr', callid: '42.1', callfrom: '1000', callto: '1001', callduraction: '9' });
		for (let i = 0; i < 3; i++) expect((await fetch(s.webhookUrl, { method: 'POST', body: text })).status).toBe(200);
		await sleep(200);
		expect(s.runs).toHaveLength(1);
	});

	it('rejects bad bodies with a 4xx and starts nothing', async () => {
		const s = await server({ events: ALL });
		const post = (body: string) => fetch(s.webhookUrl, { method: 'POST', body }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, string> }));
		expect(await post('{"action":"RING",')).toMatchObject({ status: 400, json: { message: expect.stringMatching(/Malformed report/) } });
		expect(await post('')).toMatchObject({ status: 400 });
		expect(await post('{"sn":"1"}')).toMatchObject({ status: 400, json: { message: expect.stringMatching(/no "action"/) } });
		expect(await post('[]')).toMatchObject({ status: 400 });
		await sleep(100);
		expect(s.runs).toHaveLength(0);
	});

	it('refuses sources outside the allow-list', async () => {
		const s = await server({ events: ALL, options: { allowedIps: '192.0.2.1' } });
		const r = await fetch(s.webhookUrl, { method: 'POST', body: '{"action":"BootUp"}' });
		expect(r.status).toBe(403);
	});
});
