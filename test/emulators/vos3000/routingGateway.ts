/** VOS3000 emulator, routing gateways (manual 3.16-3.20): carriers' gateways, the route of a callee, the demo ones. */
import { SEED } from './api';
import { customer } from './account';
import { alreadyExists, clone, has, mergeKnown, notFound, str, strList, throwNotFound } from './fields';
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

export function seedRoutingGateways(s: Vos3000State): void {
	const routes: Array<[string, string, string]> = [
		['gw-route-cn', '86', '10.0.0.50'],
		['gw-route-intl', '1,44', '10.0.0.60'],
	];
	routes.forEach(([name, prefix, ip], i) => {
		const gr = clone(GATEWAY_ROUTING_DEFAULTS);
		Object.assign(gr, { name, prefix, remoteIp: ip, capacity: 60, protocol: 1, signalPort: 5060, registerType: 0, softswitchName: SEED.softswitchName, memo: `carrier for ${prefix}`, sipCodecs: ['audio/PCMA', 'audio/G729'] });
		s.gatewayRoutings.set(name, gr);
		s.gatewayRoutingOnline.set(name, { id: i + 1, name, prefix, currentCall: 1, capacity: 60, asr: 0.55, responseRatio: 0.9, connectedRatio: 0.58, acd: 120, remoteIp: ip, natIp: '', localIp: '127.0.0.1', registerTime: 0, updateTime: 0, keepTime: 0, cryptoType: 0, registerName: '', retryAfter: 0, softswitchName: SEED.softswitchName, softswitchIp: '127.0.0.1' });
	});
}

export const routingGatewayHandlers: Record<string, Vos3000Handler> = {
	// 3.16
	CreateGatewayRouting(b, { state }) {
		const name = str(b, 'name');
		if (state.gatewayRoutings.has(name)) throw alreadyExists('Routing gateway', name);
		if (has(b, 'clearingAccount') && str(b, 'clearingAccount')) customer(state, str(b, 'clearingAccount'));
		const g = clone(GATEWAY_ROUTING_DEFAULTS);
		mergeKnown(g, b, GATEWAY_ROUTING_DEFAULTS);
		g.name = name;
		if (!g.softswitchName) g.softswitchName = SEED.softswitchName;
		state.gatewayRoutings.set(name, g);
		if ((g.registerType as number) === 0) {
			state.gatewayRoutingOnline.set(name, { id: ++state.seq.gateway, name, prefix: g.prefix, currentCall: 0, capacity: g.capacity, asr: 0, responseRatio: 0, connectedRatio: 0, acd: 0, remoteIp: g.remoteIp, natIp: '', localIp: '127.0.0.1', registerTime: 0, updateTime: 0, keepTime: 0, cryptoType: 0, registerName: '', retryAfter: 0, softswitchName: g.softswitchName, softswitchIp: '127.0.0.1' });
		}
		return {};
	},
	// 3.17
	ModifyGatewayRouting(b, { state }) {
		const g = state.gatewayRoutings.get(str(b, 'name')) ?? throwNotFound();
		if (has(b, 'clearingAccount') && str(b, 'clearingAccount')) customer(state, str(b, 'clearingAccount'));
		mergeKnown(g, b, GATEWAY_ROUTING_DEFAULTS);
		const online = state.gatewayRoutingOnline.get(g.name as string);
		if (online) Object.assign(online, { prefix: g.prefix, capacity: g.capacity, remoteIp: g.remoteIp });
		return {};
	},
	// 3.18
	DeleteGatewayRouting(b, { state }) {
		const name = str(b, 'name');
		if (!state.gatewayRoutings.delete(name)) throw notFound();
		state.gatewayRoutingOnline.delete(name);
		return {};
	},
	// 3.19
	GetGatewayRouting(b, { state }) {
		const names = strList(b, 'names');
		const list = [...state.gatewayRoutings.values()].filter((g) => !names || !names.length || names.includes(g.name as string));
		if (names?.length && !list.length) throw notFound();
		return { infoGatewayRoutings: list.map(clone) };
	},
	// 3.20
	GetGatewayRoutingOnline(b, { state }) {
		const names = strList(b, 'names');
		const ss = has(b, 'softswitchName') ? str(b, 'softswitchName') : undefined;
		return { infoGatewayRoutingOnlines: [...state.gatewayRoutingOnline.values()].filter((g) => (!names || names.includes(g.name as string)) && (!ss || g.softswitchName === ss)).map(clone) };
	},
};
