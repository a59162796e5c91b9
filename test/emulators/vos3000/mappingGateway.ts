/** VOS3000 emulator, mapping gateways (manual 3.11-3.15): gateways of customers' own equipment, and the demo one. */
import { SEED } from './api';
import { clone } from './fields';
import { createGateway, deleteGateway, getGateways, getGatewaysOnline, modifyGateway, type GatewayKind } from './gateway';
import { GATEWAY_MAPPING_DEFAULTS } from './tables';
import type { Vos3000Handler, Vos3000State } from './state';

const MAPPING: GatewayKind = {
	label: 'Mapping gateway',
	gateways: (s) => s.gatewayMappings,
	online: (s) => s.gatewayMappingOnline,
	defaults: GATEWAY_MAPPING_DEFAULTS,
	accountField: 'account',
	onlineRow: (id, g) => ({ id, name: g.name, currentCall: 0, capacity: g.capacity, asr: 0, acd: 0, remoteIps: g.remoteIps, natIp: '', localIp: '127.0.0.1', registerTime: 0, updateTime: 0, keepTime: 0, cryptoType: 0, softswitchName: g.softswitchName, softswitchIp: '127.0.0.1' }),
	onlineFields: ['capacity', 'remoteIps'],
};

export function seedMappingGateways(s: Vos3000State): void {
	const gm = clone(GATEWAY_MAPPING_DEFAULTS);
	Object.assign(gm, { name: SEED.gatewayMapping, account: '1001', password: 'gwpass', capacity: 30, callLevel: 5, registerType: 0, remoteIps: '192.168.10.20', softswitchName: SEED.softswitchName, memo: 'office IP-PBX of account 1001', language: 'en' });
	s.gatewayMappings.set(gm.name as string, gm);
	s.gatewayMappingOnline.set(gm.name as string, { ...MAPPING.onlineRow(1, gm), asr: 0.62, acd: 95 });
}

export const mappingGatewayHandlers: Record<string, Vos3000Handler> = {
	// 3.11
	CreateGatewayMapping: (b, { state }) => createGateway(state, b, MAPPING),
	// 3.12
	ModifyGatewayMapping: (b, { state }) => modifyGateway(state, b, MAPPING),
	// 3.13
	GetGatewayMapping: (b, { state }) => ({ infoGatewayMappings: getGateways(state, b, MAPPING).map((g) => ({ ...g, accountName: state.customers.get(g.account as string)?.name ?? '' })) }),
	// 3.14
	DeleteGatewayMapping: (b, { state }) => deleteGateway(state, b, MAPPING),
	// 3.15
	GetGatewayMappingOnline: (b, { state }) => ({ infoGatewayMappingOnlines: getGatewaysOnline(state, b, MAPPING) }),
};
