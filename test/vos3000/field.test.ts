/**
 * VOS3000 behaviour seen in the field that the manual does not tell (issue 13). Each case names its public source;
 * the emulator keeps the manual's behaviour by default and is switched to the field's for the test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeAllPools } from '../../nodes/shared/http';
import { runNode } from '../harness/run';
import { SEED, startVos3000Emulator, type Vos3000Emulator } from '../emulators/vos3000';

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

const routing = (parameters: Record<string, unknown>) => runNode('vos3000Routing', parameters, { credentials: creds as never });

describe('VOS3000 in the field', () => {
	// Source: cecdat/yk-vos backend/app/routers/vos_api.py ("对于网关、费率组等API，空数组参数需要发送空对象": for
	// gateways an empty list must be sent as an empty object) and dozd165/vos3000 backend/api_client.py (sends "{}" to
	// GetGatewayMapping/GetGatewayRouting for all). The manual marks `names` mandatory yet says "not set: all".
	it('Get Many gateways with no names lists every gateway, and never sends an empty names list', async () => {
		emu.state.emptyListMatchesAll = false;
		const mapping = await routing({ resource: 'mappingGateway', operation: 'getGatewayMapping' });
		expect(mapping.error).toBeUndefined();
		expect(mapping.json.map((j) => j.name)).toEqual([SEED.gatewayMapping]);
		const routed = await routing({ resource: 'routingGateway', operation: 'getGatewayRouting', names: { __rl: true, mode: 'list', value: '' } });
		expect(routed.error).toBeUndefined();
		expect(routed.json.map((j) => j.name).sort()).toEqual([...SEED.gatewayRoutings].sort());
		const sent = emu.requests.filter((r) => /^GetGateway(Mapping|Routing)$/.test(r.name)).map((r) => r.body);
		expect(sent).toEqual([{}, {}]);
		// Named gateways still filter.
		const one = await routing({ resource: 'routingGateway', operation: 'getGatewayRouting', names: { __rl: true, mode: 'id', value: SEED.gatewayRoutings[1] } });
		expect(one.json.map((j) => j.name)).toEqual([SEED.gatewayRoutings[1]]);
	});
});

describe('VOS3000 deductions through Pay', () => {
	const vos = (parameters: Record<string, unknown>) => runNode('vos3000', parameters, { credentials: creds as never });
	const pay = (money: number, key: string) => ({ resource: 'payment', operation: 'pay', ownerName: '1001', ownerType: 2, money, idempotencyKey: key, additionalFields: { memo: 'points' } });
	const balance = () => emu.state.customers.get('1001')!.money;

	// Source: a public PHP client of the VOS3000 web interface (code index file 7780283347; the index does not name its
	// repository) deducts with Pay: {"ownerName":"10113751773402","ownerType":"25","money":"-13","memo":"积分兑换100"}.
	// The history records it as type 1 (扣费, deduction, manual 3.46) with the amount in `fee`.
	it('a deduction with a key is applied once, and a recharge key is never taken for a deduction', async () => {
		const before = balance();
		const first = await vos(pay(-13, 'pts-1'));
		expect(first.error).toBeUndefined();
		expect(first.json[0]).toMatchObject({ alreadyApplied: false, payMoney: -13 });
		const again = await vos(pay(-13, 'pts-1'));
		expect(again.json[0]).toMatchObject({ alreadyApplied: true, payMoney: -13 });
		expect(balance()).toBe(before - 13);

		expect((await vos(pay(13, 'pi-7'))).error).toBeUndefined();
		const reused = await vos(pay(-13, 'pi-7'));
		expect(reused.error?.message).toMatch(/Field "Idempotency Key" was already used for a recharge of 13 to account 1001/);
		const reversed = await vos(pay(13, 'pts-1'));
		expect(reversed.error?.message).toMatch(/already used for a deduction of 13 from account 1001/);
		expect(balance()).toBe(before);
		expect(emu.requests.filter((r) => r.name === 'Pay')).toHaveLength(2);
	});
});

describe('VOS3000 over HTTPS on its Java 6 web server', () => {
	// Source: hrferoz/vos3000 vos30002160/install.sh installs the web server (apache-tomcat-7.0.23 under kunshiweb) on
	// jrockit-jdk1.6.0_33; Java 6 serves TLS 1.0 at most, which Node.js (OpenSSL 3) refuses by default.
	const certDir = join(__dirname, '..', 'emulators', 'ucm-cert');
	let old: Vos3000Emulator;
	beforeAll(async () => {
		old = await startVos3000Emulator({
			tls: { key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')), minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' },
		});
	});
	afterAll(() => old.close());
	const getSoftSwitch = (extra: Record<string, unknown>) =>
		runNode('vos3000', { resource: 'system', operation: 'getSoftSwitch' }, {
			credentials: { vos3000Api: { scheme: 'https', host: '127.0.0.1', port: old.port, timeoutMs: 2000, allowSelfSigned: true, ...extra } } as never,
		});

	it('without "Allow Legacy TLS" the error says why and that nothing was sent; with it the call works', async () => {
		const refused = await getSoftSwitch({});
		expect(refused.error?.message).toMatch(/old TLS version, cipher or key size\. Nothing was sent/);
		expect(refused.error?.description).toMatch(/Allow Legacy TLS/);
		expect(old.requests).toHaveLength(0);
		const ok = await getSoftSwitch({ legacyTls: true });
		expect(ok.error).toBeUndefined();
		expect(ok.json[0]).toHaveProperty('name', SEED.softswitchName);
		expect(old.requests.map((r) => r.name)).toEqual(['GetSoftSwitch']);
	});
});
