/**
 * VOS3000 behaviour seen in the field that the manual does not tell (issue 13). Each case names its public source;
 * the emulator keeps the manual's behaviour by default and is switched to the field's for the test.
 */
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
