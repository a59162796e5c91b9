import { closeAllPools } from '../../nodes/shared/http';
import { runNode, runWorkflow } from '../harness/run';
import { startVos3000Emulator, type Vos3000Emulator } from '../emulators/vos3000';

let emu: Vos3000Emulator;
let creds: Record<string, Record<string, unknown>>;

beforeAll(async () => {
	emu = await startVos3000Emulator();
	creds = { vos3000Api: { scheme: 'http', host: '127.0.0.1', port: emu.port, timeoutMs: 2000 } };
});
afterAll(async () => {
	await closeAllPools();
	await emu.close();
});
beforeEach(() => emu.reset());

const vos = (parameters: Record<string, unknown>, opts: { items?: Record<string, unknown>[]; continueOnFail?: boolean } = {}) =>
	runNode('vos3000', parameters, { credentials: creds as never, ...opts });

const balanceOf = (account: string) => (emu.state as any).customers.get(account)?.money as number;

describe('VOS3000 provisioning flow through WorkflowExecute', () => {
	it('creates an account and a phone, recharges, and reads back balance and pay history', async () => {
		const run = await runWorkflow({
			credentials: creds as never,
			items: [{ json: { account: 'acme-01', amount: 25.5 } }],
			nodes: [
				{ name: 'Create Account', type: 'vos3000', parameters: { resource: 'account', operation: 'createCustomer', account: '={{$json.account}}', name: 'ACME Ltd', additionalFields: { money: 10, infoCustomerAdditional: { email: 'ops@acme.test', reportType: 1 } } } },
				{ name: 'Create Phone', type: 'vos3000', parameters: { resource: 'phone', operation: 'createPhone', e164: '88001', autoCreateAccount: false, additionalFields: { account: "={{$('Create Account').item.json.account ?? 'acme-01'}}" } } },
				{ name: 'Recharge', type: 'vos3000', parameters: { resource: 'payment', operation: 'pay', ownerName: 'acme-01', ownerType: 2, money: 25.5, additionalFields: { memo: 'stripe ch_1' } } },
				{ name: 'Balance', type: 'vos3000', parameters: { resource: 'account', operation: 'getCustomer', additionalFields: { accounts: 'acme-01' } } },
				{ name: 'History', type: 'vos3000', parameters: { resource: 'report', operation: 'getPayHistory', beginTime: '20000101000000', endTime: '20991231235959', additionalFields: { account: 'acme-01' } } },
			],
			connections: {
				'Create Account': { main: [[{ node: 'Create Phone', type: 'main' as never, index: 0 }]] },
				'Create Phone': { main: [[{ node: 'Recharge', type: 'main' as never, index: 0 }]] },
				Recharge: { main: [[{ node: 'Balance', type: 'main' as never, index: 0 }]] },
				Balance: { main: [[{ node: 'History', type: 'main' as never, index: 0 }]] },
			},
		});
		expect(run.data.resultData.error?.message).toBeUndefined();
		const out = (n: string) => run.data.resultData.runData[n][0].data!.main[0]!.map((i) => i.json);
		expect(out('Balance')).toHaveLength(1);
		expect(out('Balance')[0]).toMatchObject({ account: 'acme-01', money: 35.5 });
		// The opening balance may show as a payment too; the recharge must be there exactly once.
		expect(out('History').filter((h) => h.fee === 25.5 && h.memo === 'stripe ch_1')).toHaveLength(1);
		expect(out('Recharge')[0]).toMatchObject({ account: 'acme-01', money: 35.5 });
		expect(balanceOf('acme-01')).toBe(35.5);
		const sent = emu.requests.find((r) => r.name === 'CreateCustomer')!;
		expect(sent.contentType).toMatch(/text\/html/);
		expect(sent.body).toMatchObject({ account: 'acme-01', name: 'ACME Ltd', money: 10, infoCustomerAdditional: { email: 'ops@acme.test', reportType: 1 } });
		expect(emu.requests.find((r) => r.name === 'CreatePhone')!.body).toMatchObject({ e164: '88001', account: 'acme-01', autoCreateAccount: false });
	});
});

describe('VOS3000 bad input fails before sending', () => {
	it('names the missing required field and the item', async () => {
		// An expression that resolves to nothing: the editor cannot catch it, the node must.
		const r = await vos({ resource: 'account', operation: 'createCustomer', account: '={{$json.acct}}', name: 'x' });
		expect(r.error?.message).toMatch(/Field "account" is required \(item 0\)/);
		expect(emu.requests).toHaveLength(0);
	});

	it('names a wrongly typed field', async () => {
		const r = await vos({ resource: 'payment', operation: 'pay', ownerName: '1001', ownerType: 2, money: '={{"ten"}}' });
		expect(r.error?.message).toMatch(/Field "money" must be a number/);
		expect(emu.requests).toHaveLength(0);
	});

	it('rejects a value outside the documented options with their meanings', async () => {
		const r = await vos({ resource: 'payment', operation: 'pay', ownerName: '1001', ownerType: 7, money: 1 });
		expect(r.error?.message).toMatch(/Field "ownerType" must be one of/);
	});

	it('reports an unknown account with the PBX code and the manual meaning', async () => {
		const r = await vos({ resource: 'account', operation: 'deleteCustomer', account: 'no-such-account' });
		expect(r.error?.message).toMatch(/-10007/);
		expect(r.error?.message).toMatch(/Not found/i);
	});

	it('with continueOnFail, bad items become error items and the others go through', async () => {
		const r = await vos(
			{ resource: 'payment', operation: 'pay', ownerName: '={{$json.acct}}', ownerType: 2, money: '={{$json.amount}}' },
			{ continueOnFail: true, items: [{ acct: '1001', amount: 5 }, { acct: '1001', amount: 'lots' }, { acct: 'ghost', amount: 1 }, { acct: '1002', amount: 2 }] },
		);
		expect(r.error).toBeUndefined();
		expect(r.json).toHaveLength(4);
		expect(r.json[1].error).toMatch(/Field "money" must be a number, got "lots" \(item 1\)/);
		expect(r.json[2].error).toMatch(/-10007/);
		expect(r.json[2].code).toBe('-10007');
		expect(r.json[0].error).toBeUndefined();
		expect(r.json[3].error).toBeUndefined();
		expect(r.items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2, 3]);
		expect(emu.requests.filter((x) => x.name === 'Pay')).toHaveLength(3);
	});
});

describe('VOS3000 money operations are never retried', () => {
	it('a recharge whose connection drops after it was applied is "outcome unknown" and applied once', async () => {
		const before = balanceOf('1001');
		emu.faults.dropAfterApply = ['Pay'];
		const r = await vos({ resource: 'payment', operation: 'pay', ownerName: '1001', ownerType: 2, money: 7 });
		expect(r.error?.message).toMatch(/Outcome unknown/);
		expect(r.error?.description).toMatch(/GetPayHistory|payment history/);
		expect(emu.requests.filter((x) => x.name === 'Pay')).toHaveLength(1);
		expect(balanceOf('1001')).toBe(before + 7);
	});

	it('a read whose connection drops is retried once and succeeds', async () => {
		emu.faults.dropAfterApply = ['GetCustomer'];
		const r = await vos({ resource: 'account', operation: 'getCustomer', additionalFields: { accounts: '1001' } });
		// Both attempts were dropped: the read was retried exactly once, then failed with a clear message.
		expect(emu.requests.filter((x) => x.name === 'GetCustomer')).toHaveLength(2);
		expect(r.error?.message).toMatch(/closed the connection/);
	});
});

describe('VOS3000 wire handling', () => {
	it('accepts array-wrapped answers', async () => {
		emu.faults.arrayWrap = true;
		const r = await vos({ resource: 'account', operation: 'getCustomer', additionalFields: { accounts: '1001,1002' } });
		expect(r.error).toBeUndefined();
		expect(r.json.map((j) => j.account).sort()).toEqual(['1001', '1002']);
	});

	it('reads a double written with 17 significant digits (limitMoney 0.1 + 0.2)', async () => {
		// VOS3000 is Java: Double.toString (Java SE API docs) writes 0.1 + 0.2 as 0.30000000000000004. The pass that
		// keeps longs beyond 2^53 exact once took those 17 decimals for an integer and quoted them: "not JSON".
		(emu.state as any).customers.get('1001').limitMoney = 0.1 + 0.2;
		const r = await vos({ resource: 'account', operation: 'getCustomer', additionalFields: { accounts: '1001' } });
		expect(r.error).toBeUndefined();
		expect(r.json[0].limitMoney).toBe(0.30000000000000004);
		expect(r.json[0].account).toBe('1001');
	});

	it('sends each item its own read when a parameter is an expression, and one shared request when none is', async () => {
		const items = [{ account: '1001' }, { account: '1002' }, { account: '1001' }];
		const perItem = await vos({ resource: 'account', operation: 'getCustomer', additionalFields: { accounts: '={{ $json.account }}' } }, { items });
		expect(perItem.json.map((j) => j.account)).toEqual(['1001', '1002', '1001']);
		// Items run 8 in flight on several connections: arrival order is not item order.
		expect(emu.requests.map((r) => r.rawBody).sort()).toEqual(['{"accounts":["1001"]}', '{"accounts":["1001"]}', '{"accounts":["1002"]}']);
		emu.requests.length = 0;
		const fixed = await vos({ resource: 'account', operation: 'getCustomer', additionalFields: { accounts: '1002' } }, { items });
		expect(fixed.json.map((j) => j.account)).toEqual(['1002', '1002', '1002']);
		expect(emu.requests.map((r) => r.rawBody)).toEqual(Array(3).fill('{"accounts":["1002"]}'));
	});

	it('explains a malformed answer', async () => {
		emu.faults.malformed = ['GetCustomer'];
		const r = await vos({ resource: 'account', operation: 'getCustomer', additionalFields: { accounts: '1001' } });
		expect(r.error?.message).toMatch(/not JSON/);
	});

	it('explains a refusal by the web access list', async () => {
		emu.faults.httpStatus = 403;
		const r = await vos({ resource: 'system', operation: 'getSoftSwitch' });
		expect(r.error?.description ?? '').toMatch(/Web access control/);
	});

	it('outputs the raw answer as one item when asked', async () => {
		const r = await vos({ resource: 'account', operation: 'getCustomer', additionalFields: { accounts: '1001,1002' }, options: { rawResponse: true } });
		expect(r.json).toHaveLength(1);
		expect(r.json[0].retCode).toBe(0);
		expect(Array.isArray(r.json[0].infoCustomers)).toBe(true);
	});

	it('sends many items over reused keep-alive connections', async () => {
		const before = emu.connections();
		const items = Array.from({ length: 60 }, () => ({}));
		const reads = await vos({ resource: 'account', operation: 'getCustomer', additionalFields: { accounts: '1001' } }, { items });
		expect(reads.json).toHaveLength(60);
		const afterReads = emu.connections();
		expect(afterReads - before).toBeLessThanOrEqual(8);
		const pays = await vos({ resource: 'payment', operation: 'pay', ownerName: '1001', ownerType: 2, money: 1 }, { items: items.slice(0, 20) });
		expect(pays.json).toHaveLength(20);
		// Money operations go one at a time, on a connection the pool already holds.
		expect(emu.connections() - afterReads).toBeLessThanOrEqual(1);
	});
});
