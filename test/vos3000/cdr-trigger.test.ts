/**
 * VOS3000 CDR Trigger through n8n-core's real PollContext (test/harness/poll.ts), against the emulator's GetCdr
 * (3.47: whole days, no paging; -10033 for a range longer than the server accepts, a code from the field that the
 * manual does not list, see the emulator's VOS_RET).
 */
import type { IDataObject } from 'n8n-workflow';
import { closeAllPools } from '../../nodes/shared/http';
import { callVos3000, vos3000Connection } from '../../nodes/Vos3000/protocol';
import { startPoller } from '../harness/poll';
import { startVos3000Emulator, type Vos3000Emulator } from '../emulators/vos3000';

const DAY = 24 * 3600 * 1000;
// The emulator's days are this process's local days; the workflow's time zone must be the server's.
const TZ = Intl.DateTimeFormat().resolvedOptions().timeZone;

let emu: Vos3000Emulator;
let creds: Record<string, IDataObject>;
beforeAll(async () => {
	emu = await startVos3000Emulator();
	creds = { vos3000Api: { scheme: 'http', host: '127.0.0.1', port: emu.port, timeoutMs: 5000 } };
});
afterAll(async () => {
	await closeAllPools();
	await emu.close();
});
beforeEach(() => emu.reset());

let nextFlowNo = 50_000_000;
/** A call of account 1001 that stopped at `stop` (CreateCdr, 3.51, with our own flowNo). */
async function addCdr(stop: number, holdS = 30, account = '1001'): Promise<number> {
	const flowNo = nextFlowNo++;
	await callVos3000(vos3000Connection(creds.vos3000Api as never), '/external/server/CreateCdr', {
		billingMode: 0,
		account,
		callerE164: '1001001',
		calleeE164: '8613800138000',
		billingTime: holdS,
		startTime: stop - holdS * 1000,
		stopTime: stop,
		flowNo,
	});
	return flowNo;
}
const flowNos = (out: Awaited<ReturnType<ReturnType<typeof startPoller>['poll']>>) => (out?.[0] ?? []).map((i) => Number(i.json.flowNo));
const getCdrRequests = () => emu.requests.filter((r) => r.name === 'GetCdr').map((r) => r.body as { beginTime: string; endTime: string; accounts: string[] });

describe('VOS3000 CDR Trigger', () => {
	it('does not replay history on activation, then emits each new CDR once', async () => {
		const p = startPoller('vos3000CdrTrigger', { accounts: '1001, 1002' }, creds as never, TZ);
		expect(await p.poll()).toBeNull(); // the seeded CDRs of the last hours stay history
		const a = await addCdr(Date.now());
		const first = await p.poll();
		expect(flowNos(first)).toEqual([a]);
		expect(first![0][0].json).toMatchObject({ event: 'newCdr', account: '1001', stopIso: expect.stringMatching(/Z$/) });
		expect(await p.poll()).toBeNull();
		const b = await addCdr(Date.now() + 5);
		const c = await addCdr(Date.now() + 10, 30, '1002');
		expect(flowNos(await p.poll()).sort()).toEqual([b, c].sort());
		expect(await p.poll()).toBeNull();
		// Each poll asked for today (and the day before only when the margin reaches into it), one request each.
		for (const r of getCdrRequests()) expect(r.accounts).toEqual(['1001', '1002']);
	});

	it('a CDR written late (it ended before one already seen) still comes out, once', async () => {
		const p = startPoller('vos3000CdrTrigger', { accounts: '1001', options: { lateMarginMinutes: 10 } }, creds as never, TZ);
		await p.poll();
		p.staticData().since = Date.now() - 3600 * 1000; // active for an hour
		const now = Date.now();
		const seen = await addCdr(now);
		expect(flowNos(await p.poll())).toEqual([seen]);
		const late = await addCdr(now - 2 * 60 * 1000); // from the CDR queue, 2 minutes "in the past"
		expect(flowNos(await p.poll())).toEqual([late]);
		expect(await p.poll()).toBeNull();
	});

	it('a PBX clock 30 minutes behind n8n loses nothing (only PBX times move the checkpoint)', async () => {
		const p = startPoller('vos3000CdrTrigger', { accounts: '1001' }, creds as never, TZ);
		await p.poll();
		// Active for 45 minutes (the activation itself is judged by n8n's clock, see the README).
		p.staticData().since = p.staticData().watermark = Date.now() - 45 * 60 * 1000;
		const pbxNow = () => Date.now() - 30 * 60 * 1000;
		const a = await addCdr(pbxNow());
		expect(flowNos(await p.poll())).toEqual([a]);
		const b = await addCdr(pbxNow());
		expect(flowNos(await p.poll())).toEqual([b]);
	});

	it('catches up after downtime without gaps, in windows the PBX accepts (-10033 halves them)', async () => {
		emu.state.cdrQueryMaxDays = 2;
		const p = startPoller('vos3000CdrTrigger', { accounts: '1001', options: { daysPerQuery: 8 } }, creds as never, TZ);
		await p.poll();
		// n8n was down for six days: the last checkpoint is from then.
		const state = p.staticData();
		state.since = state.watermark = Date.now() - 6 * DAY;
		for (let d = 5; d >= 1; d--) await addCdr(Date.now() - d * DAY + 3600 * 1000);
		await addCdr(Date.now());
		// Every CDR of 1001 that ended since the checkpoint: ours and the emulator's seeded calls of the last day.
		const missed = emu.state.cdrs
			.filter((c) => c.account === '1001' && (c.stop as number) >= (state.since as number))
			.sort((x, y) => (x.stop as number) - (y.stop as number))
			.map((c) => c.flowNo as number);
		expect(missed.length).toBeGreaterThanOrEqual(6);
		emu.requests.length = 0;
		const out = await p.poll();
		expect(flowNos(out)).toEqual(missed); // oldest first
		expect(await p.poll()).toBeNull();
		const ranges = getCdrRequests();
		// The first 8-day request was refused; every later one spans at most 2 days and they tile the range.
		const answered = ranges.filter((r) => dayCount(r) <= 2);
		expect(ranges.length).toBeGreaterThan(answered.length);
		expect(p.staticData().daysPerQuery).toBe(2);
	});

	it('a long downtime takes several polls, a call across midnight hides nothing, and nothing comes twice', async () => {
		const p = startPoller('vos3000CdrTrigger', { accounts: '1001' }, creds as never, TZ);
		await p.poll();
		const state = p.staticData();
		state.since = state.watermark = Date.now() - 20 * DAY;
		const midnight = new Date();
		midnight.setHours(0, 0, 0, 0);
		const d3 = midnight.getTime() - 3 * DAY;
		await addCdr(d3 + 5 * 3600 * 1000, 6 * 3600); // 23:00 -> 05:00 across midnight
		await addCdr(d3 + 1 * 3600 * 1000); // ended at 01:00 the same night, short call
		for (let d = 19; d >= 4; d -= 3) await addCdr(midnight.getTime() - d * DAY + 12 * 3600 * 1000);
		const expected = emu.state.cdrs
			.filter((c) => c.account === '1001' && (c.stop as number) >= (state.since as number))
			.map((c) => c.flowNo as number)
			.sort();
		const got: number[] = [];
		let pollsWithRecords = 0;
		for (let i = 0; i < 5; i++) {
			const out = await p.poll();
			if (out) pollsWithRecords++;
			got.push(...flowNos(out));
		}
		expect(pollsWithRecords).toBeGreaterThan(1); // 21 one-day windows: more than one poll's worth
		expect([...got].sort()).toEqual(expected);
	});

	it('fails with the PBX code when even one day is refused; the checkpoint stays', async () => {
		const p = startPoller('vos3000CdrTrigger', { accounts: '1001' }, creds as never, TZ);
		await p.poll();
		const before = { ...p.staticData() };
		emu.state.cdrQueryMaxDays = 0;
		await expect(p.poll()).rejects.toThrow(/-10033/);
		expect(p.staticData().watermark).toBe(before.watermark);
	});

	it('a PBX that refuses for a while (reboot, web access list): polls fail, then the next good one catches up', async () => {
		const p = startPoller('vos3000CdrTrigger', { accounts: '1001' }, creds as never, TZ);
		await p.poll();
		const a = await addCdr(Date.now());
		emu.faults.httpStatus = 403;
		await expect(p.poll()).rejects.toThrow(/403/);
		p.reactivate(); // n8n restarted meanwhile: the saved checkpoint is all it has
		await expect(p.poll()).rejects.toThrow(/403/);
		emu.faults.httpStatus = undefined;
		const b = await addCdr(Date.now());
		expect(flowNos(await p.poll())).toEqual([a, b]);
		expect(await p.poll()).toBeNull();
	});

	it('watches every account when none is given (GetAllCustomers)', async () => {
		const p = startPoller('vos3000CdrTrigger', {}, creds as never, TZ);
		await p.poll();
		const a = await addCdr(Date.now(), 30, '1002');
		expect(flowNos(await p.poll())).toEqual([a]);
		expect(emu.requests.some((r) => r.name === 'GetAllCustomers')).toBe(true);
		expect(getCdrRequests().at(-1)!.accounts).toEqual([...emu.state.customers.keys()]);
	});

	it('activation does not need the PBX; a workflow time zone some hours off the server still finds today', async () => {
		const down = startPoller('vos3000CdrTrigger', {}, { vos3000Api: { scheme: 'http', host: '127.0.0.1', port: 1, timeoutMs: 500 } } as never, TZ);
		expect(await down.poll()).toBeNull();
		// The workflow left on n8n's default zone while the server runs 5 hours ahead of it (UTC vs New York).
		// At 02:00 on the server it is still yesterday in New York.
		const zone = TZ === 'UTC' ? 'America/New_York' : TZ;
		const at = new Date();
		at.setHours(2, 0, 0, 0);
		const clock = jest.spyOn(Date, 'now').mockReturnValue(at.getTime() - 60_000);
		try {
			const p = startPoller('vos3000CdrTrigger', { accounts: '1001' }, creds as never, zone);
			await p.poll();
			const a = await addCdr(at.getTime());
			clock.mockReturnValue(at.getTime() + 60_000);
			// (the emulator's seeded calls of the last hours are in the "future" of this clock and come too)
			expect(flowNos(await p.poll())).toContain(a);
		} finally {
			clock.mockRestore();
		}
	});

	it('"fetch test event" shows the latest CDR and leaves the checkpoint alone', async () => {
		const p = startPoller('vos3000CdrTrigger', { accounts: '1001' }, creds as never, TZ);
		const a = await addCdr(Date.now());
		expect(flowNos(await p.poll('manual'))).toEqual([a]);
		expect(p.staticData().watermark).toBeUndefined();
	});
});

function dayCount(r: { beginTime: string; endTime: string }): number {
	const t = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8));
	return (t(r.endTime) - t(r.beginTime)) / DAY + 1;
}
