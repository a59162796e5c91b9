import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { closeAllPools } from '../../nodes/shared/http';
import { waitFor } from '../harness/wait';
import { GrandstreamUcmTrigger } from '../../nodes/GrandstreamUcm/GrandstreamUcmTrigger.node';
import { FibermeFcm630aTrigger } from '../../nodes/FibermeFcm630a/FibermeFcm630aTrigger.node';
import { startUcmEmulator, type UcmEmulator } from '../emulators/ucm';
import { ucmCall, ucmConnection, ucmSessions } from '../../nodes/ucm/protocol';
import { brand as grandstream } from '../../nodes/GrandstreamUcm/GrandstreamUcm.node';
import { brand as fiberme } from '../../nodes/FibermeFcm630a/FibermeFcm630a.node';

const brandOf = (t: unknown) => (t === GrandstreamUcmTrigger ? grandstream : fiberme);

/** What n8n hands poll(): parameters, the credential, persistent static data and the mode. */
function pollContext(event: string, creds: ICredentialDataDecryptedObject, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger') {
	return {
		getNodeParameter: (name: string) => (name === 'event' ? event : undefined),
		getCredentials: async () => creds,
		getWorkflowStaticData: () => staticData,
		getMode: () => mode,
	} as never;
}

describe.each([
	['grandstream', GrandstreamUcmTrigger],
	['fiberme', FibermeFcm630aTrigger],
] as const)('%s UCM Trigger (polling)', (brand, Trigger) => {
	let emu: UcmEmulator;
	let creds: ICredentialDataDecryptedObject;
	const trigger = new Trigger();
	beforeEach(async () => {
		emu = await startUcmEmulator({ brand, callDurationMs: 50 } as never);
		creds = { scheme: 'http', host: '127.0.0.1', port: emu.port, username: emu.username, password: emu.password };
	});
	afterEach(async () => {
		ucmSessions.clear(ucmConnection(creds).sessionKey);
		await closeAllPools();
		await emu.close();
	});

	it('emits each new CDR once, not the history at activation', async () => {
		const state: IDataObject = {};
		expect(await trigger.poll.call(pollContext('newCdr', creds, state))).toBeNull();
		await emu.simulateCall({ from: '1000', to: '1001', durationS: 5 });
		const first = await trigger.poll.call(pollContext('newCdr', creds, state));
		expect(first?.[0]).toHaveLength(1);
		expect(first![0][0].json).toMatchObject({ event: 'newCdr', src: '1000', dst: '1001' });
		expect(await trigger.poll.call(pollContext('newCdr', creds, state))).toBeNull();
	});

	// Grouped CDRs ({"main_cdr":..,"sub_cdr_1":..}) as public API clients read them: ernest0vm/GrandStreamAPIClient,
	// GrandstreamClient/Models/CDR.cs. The emulator sends calls through queues, ring groups and transfers that way.
	it('emits a call through a queue once, with its legs, and moves the cursor past it', async () => {
		const state: IDataObject = {};
		expect(await trigger.poll.call(pollContext('newCdr', creds, state))).toBeNull();
		await emu.simulateCall({ from: '5552222', to: '6500', durationS: 20 });
		const first = await trigger.poll.call(pollContext('newCdr', creds, state));
		expect(first?.[0]).toHaveLength(1);
		const call = first![0][0].json;
		expect(call).toMatchObject({ event: 'newCdr', src: '5552222', dst: '6500', action_type: 'QUEUE' });
		expect((call.sub_cdrs as IDataObject[]).map((l) => [l.dst, l.disposition])).toEqual([
			['1000', 'ANSWERED'],
			['1001', 'NO ANSWER'],
		]);
		expect(await trigger.poll.call(pollContext('newCdr', creds, state))).toBeNull();
		expect(await trigger.poll.call(pollContext('newCdr', creds, state))).toBeNull();
		expect(state.cdrCursor).toBe(String((call.sub_cdrs as IDataObject[])[0].end).replace(' ', 'T'));
	});

	it('a grouped call filed after the cursor moved past its end still comes, once', async () => {
		const state: IDataObject = {};
		expect(await trigger.poll.call(pollContext('newCdr', creds, state))).toBeNull();
		await emu.simulateCall({ from: '1004', to: '1005', durationS: 3 });
		expect((await trigger.poll.call(pollContext('newCdr', creds, state)))?.[0]).toHaveLength(1);
		// A transferred call whose legs ended two minutes before the call above, written only now.
		const at = Date.parse(`${String(emu.state.cdrs.at(-1)!.end).replace(' ', 'T')}Z`) - 120_000;
		const t = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
		const next = Math.max(...emu.state.cdrs.map((c) => Number(c.AcctId))) + 1;
		const leg = (id: number, dst: string, start: number, end: number, legKey: string) => ({
			...emu.state.cdrs[0], AcctId: String(id), src: '1002', dst, start: t(start), answer: t(start), end: t(end), session: `late-${next}`, _group: String(next), _leg: legKey,
		});
		emu.state.cdrs.push(leg(next, '1003', at - 60_000, at - 30_000, 'main_cdr'), leg(next + 1, '1000', at - 30_000, at, 'sub_cdr_1'));
		const late = await trigger.poll.call(pollContext('newCdr', creds, state));
		expect(late?.[0].map((i) => i.json.AcctId)).toEqual([String(next)]);
		expect(await trigger.poll.call(pollContext('newCdr', creds, state))).toBeNull();
	});

	it('emits extension status changes with the previous status', async () => {
		const state: IDataObject = {};
		expect(await trigger.poll.call(pollContext('extensionStatus', creds, state))).toBeNull();
		emu.state.accounts.get('1003')!.status = 'Idle';
		const out = await trigger.poll.call(pollContext('extensionStatus', creds, state));
		expect(out?.[0].map((i) => i.json)).toEqual([expect.objectContaining({ extension: '1003', status: 'Idle', previousStatus: 'Unavailable' })]);
	});

	it('emits calls starting and ending', async () => {
		const state: IDataObject = {};
		expect(await trigger.poll.call(pollContext('callState', creds, state))).toBeNull();
		// A live call through the API that lasts until it is hung up (a short timed call could start and end
		// between two polls on a loaded machine, and a poller never sees those).
		emu.options.callDurationMs = 600_000;
		const conn = ucmConnection(creds);
		const endpoint = (id: string) => brandOf(Trigger).endpoints.find((e) => e.id === id)!;
		await ucmCall(conn, endpoint('dialExtension'), { caller: '1000', callee: '1001' }, {});
		// The dial answers before the PBX lists the channel (it rings the caller first): poll until it shows.
		const started = await waitFor(async () => {
			const out = await trigger.poll.call(pollContext('callState', creds, state));
			return out?.[0].find((i) => i.json.change === 'started');
		}, 15_000);
		expect(started.json).toMatchObject({ event: 'callState', change: 'started' });
		const channel = String(started.json.channel1 ?? started.json.channel);
		await ucmCall(conn, endpoint('hangup'), { channel }, {});
		const ended = await waitFor(async () => {
			const out = await trigger.poll.call(pollContext('callState', creds, state));
			return out?.[0].find((i) => i.json.change === 'ended');
		}, 15_000);
		expect(ended.json).toMatchObject({ event: 'callState', change: 'ended' });
	});

	it('"fetch test event" shows the latest record without moving the cursor', async () => {
		const state: IDataObject = {};
		await emu.simulateCall({ from: '1002', to: '1004', durationS: 7 });
		const sample = await trigger.poll.call(pollContext('newCdr', creds, state, 'manual'));
		expect(sample?.[0]).toHaveLength(1);
		expect(sample![0][0].json).toMatchObject({ event: 'newCdr', src: '1002', dst: '1004' });
		expect(state).toEqual({});
		// Shown again, not consumed: the cursor only moves for the active trigger, which primes on its first poll.
		expect((await trigger.poll.call(pollContext('newCdr', creds, state, 'manual')))?.[0][0].json).toMatchObject({ src: '1002', dst: '1004' });
		expect(await trigger.poll.call(pollContext('newCdr', creds, state))).toBeNull();
		expect(state.cdrCursor).toEqual(expect.any(String));
	});
});
