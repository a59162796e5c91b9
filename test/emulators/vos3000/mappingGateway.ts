/** VOS3000 emulator, mapping gateways (manual 3.11-3.15): gateways of customers' own equipment, and the demo one. */
import { SEED } from './api';
import { customer } from './account';
import { alreadyExists, clone, has, mergeKnown, notFound, str, strList, throwNotFound } from './fields';
import { GATEWAY_MAPPING_DEFAULTS } from './tables';
import type { Vos3000Handler, Vos3000State } from './state';

export function seedMappingGateways(s: Vos3000State): void {
	const gm = clone(GATEWAY_MAPPING_DEFAULTS);
	Object.assign(gm, { name: SEED.gatewayMapping, account: '1001', password: 'gwpass', capacity: 30, callLevel: 5, registerType: 0, remoteIps: '192.168.10.20', softswitchName: SEED.softswitchName, memo: 'office IP-PBX of account 1001', language: 'en' });
	s.gatewayMappings.set(gm.name as string, gm);
	s.gatewayMappingOnline.set(gm.name as string, { id: 1, name: gm.name, currentCall: 0, capacity: 30, asr: 0.62, acd: 95, remoteIps: '192.168.10.20', natIp: '', localIp: '127.0.0.1', registerTime: 0, updateTime: 0, keepTime: 0, cryptoType: 0, softswitchName: SEED.softswitchName, softswitchIp: '127.0.0.1' });
}

export const mappingGatewayHandlers: Record<string, Vos3000Handler> = {
	// 3.11
	CreateGatewayMapping(b, { state }) {
		const name = str(b, 'name');
		if (state.gatewayMappings.has(name)) throw alreadyExists('Mapping gateway', name);
		if (has(b, 'account') && str(b, 'account')) customer(state, str(b, 'account'));
		const g = clone(GATEWAY_MAPPING_DEFAULTS);
		mergeKnown(g, b, GATEWAY_MAPPING_DEFAULTS);
		g.name = name;
		if (!g.softswitchName) g.softswitchName = SEED.softswitchName;
		state.gatewayMappings.set(name, g);
		if ((g.registerType as number) === 0) {
			state.gatewayMappingOnline.set(name, { id: ++state.seq.gateway, name, currentCall: 0, capacity: g.capacity, asr: 0, acd: 0, remoteIps: g.remoteIps, natIp: '', localIp: '127.0.0.1', registerTime: 0, updateTime: 0, keepTime: 0, cryptoType: 0, softswitchName: g.softswitchName, softswitchIp: '127.0.0.1' });
		}
		return {};
	},
	// 3.12
	ModifyGatewayMapping(b, { state }) {
		const g = state.gatewayMappings.get(str(b, 'name')) ?? throwNotFound();
		if (has(b, 'account') && str(b, 'account')) customer(state, str(b, 'account'));
		mergeKnown(g, b, GATEWAY_MAPPING_DEFAULTS);
		const online = state.gatewayMappingOnline.get(g.name as string);
		if (online) Object.assign(online, { capacity: g.capacity, remoteIps: g.remoteIps });
		return {};
	},
	// 3.13 (`names` is M in the table, but "not set: all gateways are returned")
	GetGatewayMapping(b, { state }) {
		const names = strList(b, 'names');
		const list = [...state.gatewayMappings.values()].filter((g) => !names || !names.length || names.includes(g.name as string));
		if (names?.length && !list.length) throw notFound();
		return { infoGatewayMappings: list.map((g) => ({ ...clone(g), accountName: state.customers.get(g.account as string)?.name ?? '' })) };
	},
	// 3.14
	DeleteGatewayMapping(b, { state }) {
		const name = str(b, 'name');
		if (!state.gatewayMappings.delete(name)) throw notFound();
		state.gatewayMappingOnline.delete(name);
		return {};
	},
	// 3.15
	GetGatewayMappingOnline(b, { state }) {
		const names = strList(b, 'names');
		const ss = has(b, 'softswitchName') ? str(b, 'softswitchName') : undefined;
		return { infoGatewayMappingOnlines: [...state.gatewayMappingOnline.values()].filter((g) => (!names || names.includes(g.name as string)) && (!ss || g.softswitchName === ss)).map(clone) };
	},
};
