/** VOS3000 emulator, routing gateways (manual 3.16-3.20): carriers' gateways, the route of a callee, the demo ones. */
import { SEED } from './api';
import { clone } from './fields';
import { createGateway, deleteGateway, getGateways, getGatewaysOnline, modifyGateway, type GatewayKind } from './gateway';
import { normalizeCallee } from './rate';
import { GATEWAY_ROUTING_DEFAULTS } from './tables';
import type { Vos3000Handler, Vos3000State } from './state';

/** The routing gateway whose prefix matches the callee longest ('' when none does). */
export function findRouting(state: Vos3000State, callee: string): string {
	const n = normalizeCallee(callee);
	let best = '';
	let bestLen = -1;
	for (const g of state.gatewayRoutings.values()) {
		for (const p of String(g.prefix).split(',')) {
			if (p && n.startsWith(p) && p.length > bestLen) {
				best = g.name as string;
				bestLen = p.length;
			}
		}
	}
	return best;
}

const ROUTING: GatewayKind = {
	label: 'Routing gateway',
	gateways: (s) => s.gatewayRoutings,
	online: (s) => s.gatewayRoutingOnline,
	defaults: GATEWAY_ROUTING_DEFAULTS,
	accountField: 'clearingAccount',
	onlineRow: (id, g) => ({ id, name: g.name, prefix: g.prefix, currentCall: 0, capacity: g.capacity, asr: 0, responseRatio: 0, connectedRatio: 0, acd: 0, remoteIp: g.remoteIp, natIp: '', localIp: '127.0.0.1', registerTime: 0, updateTime: 0, keepTime: 0, cryptoType: 0, registerName: '', retryAfter: 0, softswitchName: g.softswitchName, softswitchIp: '127.0.0.1' }),
	onlineFields: ['prefix', 'capacity', 'remoteIp'],
};

export function seedRoutingGateways(s: Vos3000State): void {
	const routes: Array<[string, string, string]> = [
		['gw-route-cn', '86', '10.0.0.50'],
		['gw-route-intl', '1,44', '10.0.0.60'],
	];
	routes.forEach(([name, prefix, ip], i) => {
		const gr = clone(GATEWAY_ROUTING_DEFAULTS);
		Object.assign(gr, { name, prefix, remoteIp: ip, capacity: 60, protocol: 1, signalPort: 5060, registerType: 0, softswitchName: SEED.softswitchName, memo: `carrier for ${prefix}`, sipCodecs: ['audio/PCMA', 'audio/G729'] });
		s.gatewayRoutings.set(name, gr);
		s.gatewayRoutingOnline.set(name, { ...ROUTING.onlineRow(i + 1, gr), currentCall: 1, asr: 0.55, responseRatio: 0.9, connectedRatio: 0.58, acd: 120 });
	});
}

export const routingGatewayHandlers: Record<string, Vos3000Handler> = {
	// 3.16
	CreateGatewayRouting: (b, { state }) => createGateway(state, b, ROUTING),
	// 3.17
	ModifyGatewayRouting: (b, { state }) => modifyGateway(state, b, ROUTING),
	// 3.18
	DeleteGatewayRouting: (b, { state }) => deleteGateway(state, b, ROUTING),
	// 3.19
	GetGatewayRouting: (b, { state }) => ({ infoGatewayRoutings: getGateways(state, b, ROUTING) }),
	// 3.20
	GetGatewayRoutingOnline: (b, { state }) => ({ infoGatewayRoutingOnlines: getGatewaysOnline(state, b, ROUTING) }),
};
