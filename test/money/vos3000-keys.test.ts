/**
 * VOS3000 money operations exactly once with an Idempotency Key, through WorkflowExecute and the fault proxy:
 * the table rerun, n8n's Retry On Fail, a re-run of the same items, two concurrent executions, and a
 * batch that stops. "Charged once" is read from the emulator's state (its payment history, accounts, orders,
 * cards), never from the node's output.
 */
import type { IDataObject, INodeExecutionData, IRun } from 'n8n-workflow';
import { closeAllPools } from '../../nodes/shared/http';
import { keyOf } from '../../nodes/shared/idempotency';
import { runNode, runWorkflow } from '../harness/run';
import { startFaultProxy, type FaultKind, type FaultProxy } from '../emulators/faultProxy';
import { SEED, startVos3000Emulator, type Vos3000Emulator } from '../emulators/vos3000';

let emu: Vos3000Emulator;
let proxy: FaultProxy;
let creds: Record<string, Record<string, unknown>>;

beforeAll(async () => {
	emu = await startVos3000Emulator();
	proxy = await startFaultProxy(emu.url);
	creds = { vos3000Api: { scheme: 'http', host: '127.0.0.1', port: proxy.port, timeoutMs: 2000 } };
});
afterAll(async () => {
	await closeAllPools();
	await proxy.close();
	await emu.close();
});
beforeEach(() => {
	emu.reset();
	proxy.clear();
});

const isPay = (name = 'Pay') => (r: { path: string }) => r.path === `/external/server/${name}`;
/** Payments the PBX applied for a key (its payment history, exact key). */
const charges = (key: string) => emu.state.payHistory.filter((p) => keyOf(p.memo) === key).length;
const balance = (account: string) => emu.state.customers.get(account)!.money;

const pay = (extra: Record<string, unknown> = {}) => ({
	resource: 'payment',
	operation: 'pay',
	ownerName: '={{$json.account}}',
	ownerType: 2,
	money: '={{$json.amount}}',
	idempotencyKey: '={{$json.paymentId}}',
	additionalFields: { memo: 'stripe' },
	...extra,
});
const vos = (parameters: Record<string, unknown>, items: IDataObject[] = [{}], continueOnFail = false) =>
	runNode('vos3000', parameters, { credentials: creds as never, items, continueOnFail });

/** One Recharge node with n8n node settings (Retry On Fail etc.), run as a workflow. */
function recharge(items: IDataObject[], settings: Record<string, unknown> = {}, parameters = pay()): Promise<IRun> {
	return runWorkflow({
		credentials: creds as never,
		items: items.map((json) => ({ json })),
		nodes: [{ name: 'Recharge', type: 'vos3000', parameters: parameters as never, ...settings }],
	});
}
const outputOf = (run: IRun): INodeExecutionData[] => {
	const tasks = run.data.resultData.runData.Recharge ?? [];
	return tasks[tasks.length - 1]?.data?.main?.[0] ?? [];
};
const payments = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ account: i % 2 ? '1002' : '1001', amount: 1, paymentId: `${prefix}-${i}` }));

describe('the issue table, rerun behind the fault proxy: one Recharge whose answer goes wrong after the PBX applied it', () => {
	const lost: FaultKind[] = ['drop', '502', '504', 'html200'];

	it.each(lost)('%s without a key: "Outcome unknown" (not a plain failure), charged once', async (kind) => {
		proxy.once(kind, isPay());
		const before = balance('1001');
		const r = await vos(pay({ idempotencyKey: '' }), [{ account: '1001', amount: 5 }]);
		expect(r.error?.message).toMatch(/^Outcome unknown: Recharge an account was sent but/);
		expect(r.error?.description).toMatch(/payment history/);
		expect(balance('1001')).toBe(before + 5);
		expect(emu.state.payHistory.filter((p) => p.memo === 'stripe')).toHaveLength(1);
	});

	it.each(lost)('%s with a key: the node asks the payment history and reports it applied, charged once', async (kind) => {
		proxy.once(kind, isPay());
		const r = await vos(pay(), [{ account: '1001', amount: 5, paymentId: `pi_${kind}` }]);
		expect(r.error).toBeUndefined();
		expect(r.json).toEqual([expect.objectContaining({ account: '1001', payMoney: 5, idempotencyKey: `pi_${kind}`, alreadyApplied: false, confirmedFromHistory: true })]);
		expect(charges(`pi_${kind}`)).toBe(1);
		// The user's own memo is kept behind the key.
		expect(emu.state.payHistory.find((p) => keyOf(p.memo) === `pi_${kind}`)!.memo).toBe(`[n8n-key:pi_${kind}] stripe`);
		// Running it again returns the payment instead of charging.
		const again = await vos(pay(), [{ account: '1001', amount: 5, paymentId: `pi_${kind}` }]);
		expect(again.json[0]).toMatchObject({ alreadyApplied: true, idempotencyKey: `pi_${kind}`, payMoney: 5 });
		expect(charges(`pi_${kind}`)).toBe(1);
	});

	it('reset before forwarding with a key: "Not applied" (the history shows none), and running it again charges once', async () => {
		proxy.once('reset', isPay());
		const r = await vos(pay(), [{ account: '1001', amount: 5, paymentId: 'pi_reset' }]);
		expect(r.error?.message).toMatch(/^Not applied: the answer to Recharge an account was lost .* payment history of account 1001 has no payment with this key/);
		expect(r.error?.description).toMatch(/Safe to run this item again/);
		expect(charges('pi_reset')).toBe(0);
		const again = await vos(pay(), [{ account: '1001', amount: 5, paymentId: 'pi_reset' }]);
		expect(again.json[0]).toMatchObject({ alreadyApplied: false, idempotencyKey: 'pi_reset' });
		expect(charges('pi_reset')).toBe(1);
	});

	it('delay past the timeout with a key: stays unknown while the request may be in flight, then a re-run finds it', async () => {
		proxy.once({ kind: 'delay', delayMs: 2500 }, isPay());
		const fast = { vos3000Api: { ...creds.vos3000Api, timeoutMs: 300 } };
		const r = await runNode('vos3000', pay(), { credentials: fast as never, items: [{ account: '1001', amount: 5, paymentId: 'pi_slow' }] });
		// The lookup ran while the proxy still held the request: "not in the history yet" proves nothing.
		expect(r.error?.message).toMatch(/^Outcome unknown: Recharge an account was sent but the PBX did not answer in time/);
		expect(r.error?.description).toMatch(/may still be on its way or in progress/);
		await proxy.idle();
		expect(charges('pi_slow')).toBe(1);
		const again = await vos(pay(), [{ account: '1001', amount: 5, paymentId: 'pi_slow' }]);
		expect(again.json[0]).toMatchObject({ alreadyApplied: true });
		expect(charges('pi_slow')).toBe(1);
	});

	it('a proxy that answers 504 before the PBX applied: unknown, not "not applied"', async () => {
		// A 504 means the proxy stopped waiting; here the PBX never got it, but the node cannot know that.
		proxy.once({ kind: '504', withoutForwarding: true }, isPay());
		const r = await vos(pay(), [{ account: '1001', amount: 5, paymentId: 'pi_504' }]);
		expect(r.error?.message).toMatch(/^Outcome unknown: Recharge an account was sent but the answer was not a definite PBX answer \(PBX error HTTP 504/);
		expect(charges('pi_504')).toBe(0);
	});

	it('when the history cannot be read either, the item stays "Outcome unknown" and says so', async () => {
		// The lookup before sending passes, the Pay answer is dropped, the lookup after it gets a 502.
		let lookups = 0;
		proxy.plan = (req) => (isPay('GetPayHistory')(req) ? (lookups++ === 1 ? '502' : undefined) : isPay()(req) ? 'drop' : undefined);
		const r = await vos(pay(), [{ account: '1001', amount: 5, paymentId: 'pi_blind' }]);
		expect(r.error?.message).toMatch(/^Outcome unknown/);
		expect(r.error?.description).toMatch(/could not tell.*Running the item again with the same key is safe/s);
		expect(charges('pi_blind')).toBe(1);
	});
});

describe('the key is exact and checked', () => {
	it('"abc" is not "abcd": a different key is a different payment', async () => {
		await vos(pay(), [{ account: '1001', amount: 1, paymentId: 'abcd' }]);
		const r = await vos(pay(), [{ account: '1001', amount: 1, paymentId: 'abc' }]);
		expect(r.json[0]).toMatchObject({ alreadyApplied: false });
		expect(charges('abc')).toBe(1);
		expect(charges('abcd')).toBe(1);
	});

	it('a key reused for a different amount is refused, not taken for a repeat', async () => {
		await vos(pay(), [{ account: '1001', amount: 5, paymentId: 'pi_same' }]);
		const r = await vos(pay(), [{ account: '1001', amount: 7, paymentId: 'pi_same' }]);
		expect(r.error?.message).toMatch(/Field "Idempotency Key" was already used for a recharge of 5 to account 1001/);
		expect(charges('pi_same')).toBe(1);
	});

	it('a fixed key for a batch of several items is refused before anything is sent', async () => {
		const r = await vos(pay({ idempotencyKey: 'order-1' }), payments(3, 'fixed'));
		expect(r.error?.message).toMatch(/Idempotency Key is the same text for every item/);
		expect(emu.requests).toHaveLength(0);
	});

	it('a key the marker cannot carry is refused before anything is sent', async () => {
		const r = await vos(pay(), [{ account: '1001', amount: 1, paymentId: 'pi]1' }]);
		expect(r.error?.message).toMatch(/Field "Idempotency Key" must not contain \[ \]/);
		expect(emu.requests).toHaveLength(0);
	});

	it('a recharge of a phone is looked up under the account it belongs to', async () => {
		const params = pay({ ownerType: 6, ownerName: '1001001' });
		proxy.once('drop', isPay());
		const r = await vos(params, [{ amount: 3, paymentId: 'pi_phone' }]);
		expect(r.json[0]).toMatchObject({ account: '1001', confirmedFromHistory: true });
		expect(charges('pi_phone')).toBe(1);
	});
});

describe("n8n's own retries and re-runs with keys", () => {
	it('Retry On Fail (3 tries), 100 items, 5 % of answers lost and two requests reset: every payment charged exactly once', async () => {
		let n = 0;
		proxy.plan = (req) => {
			if (!isPay()(req)) return undefined;
			n++;
			// Lost answers are settled from the history; each reset fails the node once, so n8n retries it.
			return n % 20 === 7 ? 'drop' : n === 30 || n === 60 ? 'reset' : undefined;
		};
		const items = payments(100, 'rof');
		const run = await recharge(items, { retryOnFail: true, maxTries: 3, waitBetweenTries: 1 });
		expect(run.data.resultData.error?.message).toBeUndefined();
		const out = outputOf(run);
		expect(out).toHaveLength(100);
		for (const it of items) expect([it.paymentId, charges(it.paymentId)]).toEqual([it.paymentId, 1]);
		// The resets made n8n retry the node: the payments of the first try were found, not charged again.
		expect(out.filter((o) => o.json.alreadyApplied === true).length).toBeGreaterThan(0);
		expect(proxy.applied.reset).toBe(2);
		expect(run.data.resultData.runData.Recharge).toHaveLength(1);
	});

	it('a re-run of the same execution data charges nothing more', async () => {
		const items = payments(20, 'rerun');
		const first = await recharge(items);
		expect(outputOf(first).every((o) => o.json.alreadyApplied === false)).toBe(true);
		const second = await recharge(items);
		expect(outputOf(second).map((o) => o.json.alreadyApplied)).toEqual(items.map(() => true));
		for (const it of items) expect(charges(it.paymentId)).toBe(1);
	});

	it('two concurrent executions with the same keys charge each key once', async () => {
		// Slow answers keep both executions in flight at the same time.
		proxy.plan = (req) => (isPay()(req) ? { kind: 'delay', delayMs: 20 } : undefined);
		const items = payments(20, 'twin');
		const [a, b] = await Promise.all([recharge(items), recharge(items)]);
		for (const it of items) expect(charges(it.paymentId)).toBe(1);
		const applied = [...outputOf(a), ...outputOf(b)];
		expect(applied).toHaveLength(40);
		expect(applied.filter((o) => o.json.alreadyApplied === false)).toHaveLength(20);
		expect(applied.filter((o) => o.json.alreadyApplied === true)).toHaveLength(20);
	});
});

describe("without a key, n8n's Retry On Fail never sends an item twice in one execution", () => {
	it('100 items, 5 % of answers lost, 3 tries: items applied by a try are not sent again; the lost one stays unknown', async () => {
		let n = 0;
		proxy.plan = (req) => (isPay()(req) && ++n % 20 === 7 ? 'drop' : undefined);
		const items = payments(100, 'nokey');
		const run = await recharge(items, { retryOnFail: true, maxTries: 3, waitBetweenTries: 1 }, pay({ idempotencyKey: '', additionalFields: { memo: '={{$json.paymentId}}' } }));
		const error = run.data.resultData.error as unknown as { message: string };
		// The 7th payment's answer was lost: the tries after it neither resend items 0-5 nor item 6.
		expect(error.message).toMatch(/^Outcome unknown: an earlier try of this node sent Recharge an account .*\(item 6\)\. Batch stopped: items 0-5 applied; item 6 outcome unknown/);
		const applied = items.map((it) => emu.state.payHistory.filter((p) => p.memo === it.paymentId).length);
		expect(applied).toEqual(items.map((_, i) => (i <= 6 ? 1 : 0)));
		expect(emu.requests.filter((q) => q.name === 'Pay')).toHaveLength(7);
	});

	it('with Continue On Fail, a failed first item makes n8n run the node again: the applied items are returned, not resent', async () => {
		const items = [{ account: 'ghost', amount: 1, paymentId: 'c0' }, ...payments(5, 'cof')];
		const run = await recharge(items, { retryOnFail: true, maxTries: 2, waitBetweenTries: 1, continueOnFail: true, onError: 'continueRegularOutput' }, pay({ idempotencyKey: '', additionalFields: { memo: '={{$json.paymentId}}' } }));
		const out = outputOf(run);
		expect(out[0].json.error).toMatch(/-10007/);
		expect(out.slice(1).map((o) => o.json.alreadyApplied)).toEqual([true, true, true, true, true]);
		expect(emu.requests.filter((q) => q.name === 'Pay')).toHaveLength(7);
		for (const it of items.slice(1)) expect(emu.state.payHistory.filter((p) => p.memo === it.paymentId)).toHaveLength(1);
	});
});

describe('a stopped batch tells the truth', () => {
	it('without a key, the 40th answer lost: the error lists 39 applied items with results, the unknown one and the never-sent rest', async () => {
		let n = 0;
		proxy.plan = (req) => (isPay()(req) && ++n === 40 ? 'drop' : undefined);
		const items = payments(100, 'batch').map((p, i) => ({ ...p, amount: i + 1 }));
		const run = await recharge(items, {}, pay({ idempotencyKey: '', additionalFields: { memo: '={{$json.paymentId}}' } }));
		const error = run.data.resultData.error as unknown as { message: string; description: string; context: IDataObject };
		expect(error.message).toMatch(/^Outcome unknown: .*\(item 39\)\. Batch stopped: items 0-38 applied; item 39 outcome unknown .*; items 40-99 never sent\.$/);
		expect(error.description).toMatch(/item 0: \{"account":"1001","money":\d+(\.\d+)?,"validTime":\d+,"payMoney":1\}/);
		expect(error.description).toMatch(/item 38: .*"payMoney":39/);
		expect((error.context.appliedItems as unknown[]).length).toBe(39);
		expect(error.context.neverSentItems).toEqual([40, 99]);
		// The PBX shows exactly that: 40 payments (the unknown one applied), none of items 40-99.
		const memos = emu.state.payHistory.map((p) => p.memo);
		expect(items.filter((it) => memos.includes(it.paymentId)).map((it) => it.paymentId)).toEqual(items.slice(0, 40).map((it) => it.paymentId));
	});

	it('with a key the same lost answer is settled and the batch goes on; a reset stops it as "not applied"', async () => {
		let n = 0;
		proxy.plan = (req) => (isPay()(req) ? (++n === 40 ? 'drop' : n === 70 ? 'reset' : undefined) : undefined);
		const items = payments(100, 'kbatch');
		const run = await recharge(items);
		const error = run.data.resultData.error as unknown as { message: string };
		expect(error.message).toMatch(/^Not applied: .*\(item 69\)\. Batch stopped: items 0-68 applied; item 69 not applied \(the PBX shows it did not apply\); items 70-99 never sent\.$/);
		expect(items.slice(0, 69).every((it) => charges(it.paymentId) === 1)).toBe(true);
		expect(items.slice(69).every((it) => charges(it.paymentId) === 0)).toBe(true);
		// Running the whole batch again completes it without charging items 0-67 twice.
		const again = await recharge(items);
		expect(again.data.resultData.error).toBeUndefined();
		expect(items.every((it) => charges(it.paymentId) === 1)).toBe(true);
		expect(outputOf(again).filter((o) => o.json.alreadyApplied === true)).toHaveLength(69);
	});
});

describe('the other VOS3000 money operations with a key', () => {
	it('Recharge With Card: a lost answer is settled from the payment history; the card is used once', async () => {
		proxy.once('html200', isPay('PayByPhoneCard'));
		const params = { resource: 'payment', operation: 'payByPhoneCard', ownerName: '1002', ownerType: 2, pin: SEED.phoneCard.pin, idempotencyKey: 'card-1', additionalFields: { password: SEED.phoneCard.password } };
		const before = balance('1002');
		const r = await vos(params);
		expect(r.json[0]).toMatchObject({ account: '1002', payMoney: SEED.phoneCard.money, confirmedFromHistory: true });
		const again = await vos(params);
		expect(again.json[0]).toMatchObject({ alreadyApplied: true });
		expect(balance('1002')).toBe(before + SEED.phoneCard.money);
		expect(charges('card-1')).toBe(1);
	});

	it('Create Account with an opening balance: the key is kept in the account memo; a repeat returns the account', async () => {
		proxy.once('502', isPay('CreateCustomer'));
		const params = { resource: 'account', operation: 'createCustomer', account: 'acme-9', name: 'ACME', idempotencyKey: 'signup-9', additionalFields: { money: 30, memo: 'web signup' } };
		const r = await vos(params);
		expect(r.error?.message).toBeUndefined();
		expect(r.json[0]).toMatchObject({ account: 'acme-9', money: 30, memo: '[n8n-key:signup-9] web signup', confirmedFromHistory: true });
		const again = await vos(params);
		expect(again.json[0]).toMatchObject({ account: 'acme-9', alreadyApplied: true });
		expect(balance('acme-9')).toBe(30);
		expect(emu.requests.filter((q) => q.name === 'CreateCustomer')).toHaveLength(1);
	});

	it('Create Order: the key is kept in the order memo; a repeat returns the order', async () => {
		proxy.once('drop', isPay('CreateSuiteOrder'));
		const params = { resource: 'package', operation: 'createSuiteOrder', ownerName: '1002', ownerType: 2, suiteId: 1, availableTime: 0, idempotencyKey: 'order-1' };
		const before = balance('1002');
		const r = await vos(params);
		expect(r.json[0]).toMatchObject({ suiteId: 1, memo: '[n8n-key:order-1]', confirmedFromHistory: true });
		const again = await vos(params);
		expect(again.json[0]).toMatchObject({ id: r.json[0].id, alreadyApplied: true });
		expect([...emu.state.suiteOrders.values()].filter((o) => keyOf((o as IDataObject).memo) === 'order-1')).toHaveLength(1);
		expect(balance('1002')).toBe(before - 10);
	});

	it('Create Order of a one-time package with a key is refused before sending (its order leaves no trace)', async () => {
		const r = await vos({ resource: 'package', operation: 'createSuiteOrder', ownerName: '1002', ownerType: 2, suiteId: 2, availableTime: 0, idempotencyKey: 'order-2' });
		expect(r.error?.message).toMatch(/Field "Idempotency Key" cannot be checked for package 2: it is a one-time package/);
		expect(emu.requests.filter((q) => q.name === 'CreateSuiteOrder')).toHaveLength(0);
	});

	it('Activate card: no caller text is stored, the card state settles a lost answer', async () => {
		proxy.once('504', isPay('PhoneCardActive'));
		const params = { resource: 'phoneCard', operation: 'phoneCardActive', pin: SEED.phoneCard2.pin, idempotencyKey: 'act-1', additionalFields: { password: SEED.phoneCard2.password } };
		const r = await vos(params);
		expect(r.json[0]).toMatchObject({ pin: SEED.phoneCard2.pin, usedAccount: SEED.phoneCard2.pin, confirmedFromHistory: true });
		expect(JSON.stringify(r.json)).not.toContain(SEED.phoneCard2.password);
		const again = await vos(params);
		expect(again.json[0]).toMatchObject({ alreadyApplied: true });
		expect(emu.requests.filter((q) => q.name === 'PhoneCardActive')).toHaveLength(1);
		expect(balance(SEED.phoneCard2.pin)).toBe(SEED.phoneCard2.money);
	});
});

/** Each keyed money operation: parameters with a key, and what the emulator's state says was applied for it. */
const keyed: Array<[string, Record<string, unknown>, string, () => number]> = [
	['Recharge', { ...pay(), ownerName: '1001', money: 4, idempotencyKey: 'k-pay' }, 'Pay', () => charges('k-pay')],
	[
		'Recharge With Card',
		{ resource: 'payment', operation: 'payByPhoneCard', ownerName: '1001', ownerType: 2, pin: SEED.phoneCard.pin, idempotencyKey: 'k-card', additionalFields: { password: SEED.phoneCard.password } },
		'PayByPhoneCard',
		() => charges('k-card'),
	],
	[
		'Create Account',
		{ resource: 'account', operation: 'createCustomer', account: 'acme-k', name: 'ACME', idempotencyKey: 'k-acct', additionalFields: { money: 12 } },
		'CreateCustomer',
		() => emu.state.payHistory.filter((p) => p.account === 'acme-k' && p.type === 2).length,
	],
	[
		'Create Order',
		{ resource: 'package', operation: 'createSuiteOrder', ownerName: '1001', ownerType: 2, suiteId: 1, availableTime: 0, idempotencyKey: 'k-order' },
		'CreateSuiteOrder',
		() => [...emu.state.suiteOrders.values()].filter((o) => keyOf((o as IDataObject).memo) === 'k-order').length,
	],
	[
		'Activate card',
		{ resource: 'phoneCard', operation: 'phoneCardActive', pin: SEED.phoneCard2.pin, idempotencyKey: 'k-act', additionalFields: { password: SEED.phoneCard2.password } },
		'PhoneCardActive',
		() => emu.state.payHistory.filter((p) => p.account === SEED.phoneCard2.pin && p.payType === 2).length,
	],
];

describe.each(keyed)('%s with a key: applied once whatever n8n does', (_name, parameters, wireName, applied) => {
	const once = (settings: Record<string, unknown> = {}) =>
		runWorkflow({ credentials: creds as never, nodes: [{ name: 'Recharge', type: 'vos3000', parameters: parameters as never, ...settings }] });

	it('Retry On Fail after a reset: the retry sends it once', async () => {
		proxy.once('reset', isPay(wireName));
		const run = await once({ retryOnFail: true, maxTries: 3, waitBetweenTries: 1 });
		expect(run.data.resultData.error).toBeUndefined();
		expect(outputOf(run)[0].json).toMatchObject({ alreadyApplied: false });
		expect(applied()).toBe(1);
	});

	it('a re-run of the same execution data returns it as already applied', async () => {
		await once();
		const again = await once();
		expect(outputOf(again)[0].json).toMatchObject({ alreadyApplied: true });
		expect(applied()).toBe(1);
	});

	it('two concurrent executions apply it once', async () => {
		proxy.plan = (req) => (isPay(wireName)(req) ? { kind: 'delay', delayMs: 50 } : undefined);
		const [a, b] = await Promise.all([once(), once()]);
		expect([outputOf(a)[0].json.alreadyApplied, outputOf(b)[0].json.alreadyApplied].sort()).toEqual([false, true]);
		expect(emu.requests.filter((q) => q.name === wireName)).toHaveLength(1);
		expect(applied()).toBe(1);
	});
});
