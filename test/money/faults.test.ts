/**
 * Every money and call operation of every family, through WorkflowExecute, behind the fault proxy: once the
 * request may have reached the PBX, anything but a definite PBX answer is "Outcome unknown", never a plain
 * failure and never a success, and the node never sends it a second time (the emulators count what arrived).
 */
import { closeAllPools } from '../../nodes/shared/http';
import { vos3000Endpoints } from '../../nodes/Vos3000/spec';
import { openVoxUcEndpoints } from '../../nodes/OpenVoxUc/spec';
import { brandEndpoints } from '../../nodes/ucm/node';
import { fibermeActions, grandstreamActions } from '../../nodes/ucm/spec';
import { ucmSessions, ucmConnection } from '../../nodes/ucm/protocol';
import { actionNodeFor, runNode, runWorkflow } from '../harness/run';
import { startFaultProxy, type FaultDecision, type FaultProxy, type ProxiedRequest } from '../emulators/faultProxy';
import { startVos3000Emulator, type Vos3000Emulator } from '../emulators/vos3000';
import { startUcmEmulator, type UcmEmulator } from '../emulators/ucm';
import { startOpenVoxUcEmulator, type OpenVoxUcEmulator } from '../emulators/openvox-uc';
import { forgetSession, startReportSink } from '../openvox-uc/helpers';
import type { EndpointSpec } from '../../nodes/shared/spec';
import { moneyOrCall, requestOf, sampleParameters } from './helpers';

/** Every fault after which the PBX may have acted but the node has no definite answer. */
const FAULTS: Array<[string, FaultDecision, boolean]> = [
	['forward then drop', { kind: 'drop' }, true],
	['forward then 502', { kind: '502' }, true],
	['forward then 504', { kind: '504' }, true],
	['forward then 200 HTML', { kind: 'html200' }, true],
	// The client cannot tell this one from a drop: still unknown, and the PBX shows nothing arrived.
	['reset before forwarding', { kind: 'reset' }, false],
];
/**
 * The credential's timeout. undici checks headers timeouts on a coarse clock (about 0.5 s ticks), so the node
 * gives up some time between TIMEOUT_MS and TIMEOUT_MS + ~1 s; the delay leaves a wide margin beyond that.
 */
const TIMEOUT_MS = 300;
const DELAY: FaultDecision = { kind: 'delay', delayMs: 3000 };

interface Target {
	family: string;
	/** Family key of the registry: each operation runs in the action node that offers it. */
	key: string;
	endpoints: EndpointSpec[];
	matcher: (e: EndpointSpec) => (r: ProxiedRequest) => boolean;
	start(): Promise<{ creds: Record<string, Record<string, unknown>>; arrived(e: EndpointSpec): number; close(): Promise<void> }>;
}

const targets: Target[] = [
	{
		family: 'VOS3000',
		key: 'vos3000',
		endpoints: moneyOrCall(vos3000Endpoints),
		matcher: requestOf.vos3000,
		async start() {
			const emu: Vos3000Emulator = await startVos3000Emulator();
			return {
				creds: { vos3000Api: { scheme: 'http', host: '127.0.0.1', port: emu.port, timeoutMs: TIMEOUT_MS } },
				arrived: (e) => emu.requests.filter((r) => `/external/server/${r.name}` === e.path).length,
				close: () => emu.close(),
			};
		},
	},
	...(
		[
			['Grandstream UCM', 'grandstream-ucm', 'grandstreamUcmApi', 'grandstream', grandstreamActions],
			['FIBERME FCM630A', 'fiberme-fcm630a', 'fibermeFcm630aApi', 'fiberme', fibermeActions],
		] as const
	).map(
		([family, key, credType, brand, actions]): Target => ({
			family,
			key,
			endpoints: moneyOrCall(brandEndpoints([...actions])),
			matcher: requestOf.ucm,
			async start() {
				const emu: UcmEmulator = await startUcmEmulator({ brand });
				const cred = { scheme: 'http', host: '127.0.0.1', port: emu.port, username: emu.username, password: emu.password, busyWaitSeconds: 0.2, timeoutMs: TIMEOUT_MS };
				return {
					creds: { [credType]: cred },
					arrived: (e) => emu.requests.filter((r) => r.action === (e.wireAction ?? e.id)).length,
					close: async () => {
						ucmSessions.clear(ucmConnection(cred as never).sessionKey);
						await emu.close();
					},
				};
			},
		}),
	),
	{
		family: 'OpenVox UC',
		key: 'openvox-uc',
		endpoints: moneyOrCall(openVoxUcEndpoints),
		matcher: requestOf.openVoxUc,
		async start() {
			const emu: OpenVoxUcEmulator = await startOpenVoxUcEmulator();
			const sink = await startReportSink();
			const cred = { scheme: 'http', host: '127.0.0.1', port: emu.port, username: emu.username, password: emu.password, format: 'json', reportPort: String(sink.port), timeoutMs: TIMEOUT_MS };
			return {
				creds: { openVoxUcApi: cred },
				arrived: (e) => emu.requests.filter((r) => r.path === e.path).length,
				close: async () => {
					forgetSession(cred as never);
					await emu.close();
					await sink.close();
				},
			};
		},
	},
];

describe.each(targets)('$family: every money and call operation behind the fault proxy', (target) => {
	let pbx: Awaited<ReturnType<Target['start']>>;
	let proxy: FaultProxy;
	let creds: Record<string, Record<string, unknown>>;

	beforeAll(async () => {
		pbx = await target.start();
		const [credType, cred] = Object.entries(pbx.creds)[0];
		proxy = await startFaultProxy(`http://127.0.0.1:${cred.port as number}`);
		creds = { [credType]: { ...cred, port: proxy.port } };
	});
	afterAll(async () => {
		await closeAllPools();
		await proxy.close();
		await pbx.close();
	});

	it('has money or call operations to test', () => {
		expect(target.endpoints.length).toBeGreaterThan(0);
	});

	const cases = target.endpoints.flatMap((e) => FAULTS.map(([name, fault, reaches]) => [e.id, name, e, fault, reaches] as const));
	it.each(cases)('%s, %s: outcome unknown, sent once', async (_id, _name, endpoint, fault, reaches) => {
		const before = pbx.arrived(endpoint);
		proxy.once(fault, target.matcher(endpoint));
		const r = await runNode(actionNodeFor(target.key, endpoint.id), sampleParameters(endpoint), { credentials: creds as never });
		await proxy.idle();
		expect(r.error?.message).toMatch(/^Outcome unknown: /);
		expect(r.error?.message).toContain(endpoint.action);
		expect(r.error?.description).toBeTruthy();
		expect(r.json).toHaveLength(0);
		expect(pbx.arrived(endpoint) - before).toBe(reaches ? 1 : 0);
	});

	it.each(target.endpoints.map((e) => [e.id, e] as const))("%s with n8n's Retry On Fail (3 tries), answer dropped: every try says unknown, sent once", async (_id, endpoint) => {
		const before = pbx.arrived(endpoint);
		proxy.once('drop', target.matcher(endpoint));
		const run = await runWorkflow({
			credentials: creds as never,
			nodes: [{ name: 'Op', type: actionNodeFor(target.key, endpoint.id), parameters: sampleParameters(endpoint) as never, retryOnFail: true, maxTries: 3, waitBetweenTries: 1 }],
		});
		await proxy.idle();
		expect(run.data.resultData.error?.message).toMatch(/^Outcome unknown: an earlier try of this node sent .* It was not sent again\./);
		expect(pbx.arrived(endpoint) - before).toBe(1);
	});

	it.each(target.endpoints.map((e) => [e.id, e] as const))('%s answered 200 with JSON that has no status code: outcome unknown', async (_id, endpoint) => {
		proxy.once({ kind: 'html200', body: '{"response":{}}', contentType: 'application/json;charset=UTF-8' }, target.matcher(endpoint));
		const r = await runNode(actionNodeFor(target.key, endpoint.id), sampleParameters(endpoint), { credentials: creds as never });
		expect(r.error?.message).toMatch(/^Outcome unknown: .*without a (retCode|status)/);
	});

	it('a call or money batch stopped on its second item says what became of each item', async () => {
		const endpoint = target.endpoints.find((e) => e.id === 'pay') ?? target.endpoints[0];
		let seen = 0;
		const match = target.matcher(endpoint);
		proxy.plan = (req) => (match(req) && ++seen === 2 ? 'drop' : undefined);
		const before = pbx.arrived(endpoint);
		const r = await runNode(actionNodeFor(target.key, endpoint.id), sampleParameters(endpoint), { credentials: creds as never, items: [{}, {}, {}] }).finally(() => (proxy.plan = undefined));
		// The first item may be refused by the emulator (sample values): then the batch stops there, not sent again.
		if (seen === 1) {
			expect(r.error?.message).toMatch(/ on item 0: .*\. Batch stopped: no item applied before it; item 0 refused by the PBX \(not applied\); items 1-2 never sent\.$/);
			expect(pbx.arrived(endpoint) - before).toBe(1);
		} else {
			expect(r.error?.message).toMatch(/^Outcome unknown: .*\(item 1\)\. Batch stopped: item 0 applied; item 1 outcome unknown \(check the PBX before running it again\); item 2 never sent\.$/);
			expect((r.error as unknown as { context: { appliedItems: unknown[] } }).context.appliedItems).toHaveLength(1);
			expect(pbx.arrived(endpoint) - before).toBe(2);
		}
	});

	it('every operation, delayed past the timeout: outcome unknown, and the PBX acts once when the request lands', async () => {
		const before = target.endpoints.map((e) => pbx.arrived(e));
		for (const e of target.endpoints) proxy.once(DELAY, target.matcher(e));
		// Different operations run side by side, so the slow faults cost one delay for the whole table.
		// A timeout of its own per run gives each run its own connection pool (UCM allows 2 connections per PBX).
		const own = (i: number) => Object.fromEntries(Object.entries(creds).map(([t, c]) => [t, { ...c, timeoutMs: TIMEOUT_MS + i }]));
		const runs = await Promise.all(target.endpoints.map((e, i) => runNode(actionNodeFor(target.key, e.id), sampleParameters(e), { credentials: own(i) as never })));
		await proxy.idle();
		runs.forEach((r, i) => {
			expect({ op: target.endpoints[i].id, error: r.error?.message }).toEqual({ op: target.endpoints[i].id, error: expect.stringMatching(/^Outcome unknown: .*did not answer in time/) });
			expect(pbx.arrived(target.endpoints[i]) - before[i]).toBe(1);
		});
	});
});
