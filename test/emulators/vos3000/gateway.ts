/**
 * VOS3000 emulator: what mapping gateways (3.11-3.15) and routing gateways (3.16-3.20) share, as the spec's
 * gatewayFields.ts does: the same five interfaces over a gateway table and its online (registration) table.
 */
import { SEED } from './api';
import { customer } from './account';
import { alreadyExists, clone, has, mergeKnown, optStr, str, strList, throwNotFound } from './fields';
import { listed, removeOrNotFound, selectListed } from './records';
import type { Rec, Vos3000State } from './state';

export interface GatewayKind {
	/** for messages: "Mapping gateway" */
	label: string;
	gateways(s: Vos3000State): Map<string, Rec>;
	online(s: Vos3000State): Map<string, Rec>;
	/** every documented field of the query structure (tables.ts) */
	defaults: Rec;
	/** the field naming the gateway's account, checked to exist when set */
	accountField: 'account' | 'clearingAccount';
	/** the online row of a static (registerType 0) gateway, as it is right after creation */
	onlineRow(id: number, g: Rec): Rec;
	/** the online row's fields a Modify updates */
	onlineFields: string[];
}

function checkAccount(state: Vos3000State, b: Rec, kind: GatewayKind): void {
	if (has(b, kind.accountField) && str(b, kind.accountField)) customer(state, str(b, kind.accountField));
}

export function createGateway(state: Vos3000State, b: Rec, kind: GatewayKind): Rec {
	const name = str(b, 'name');
	if (kind.gateways(state).has(name)) throw alreadyExists(kind.label, name);
	checkAccount(state, b, kind);
	const g = clone(kind.defaults);
	mergeKnown(g, b, kind.defaults);
	g.name = name;
	if (!g.softswitchName) g.softswitchName = SEED.softswitchName;
	kind.gateways(state).set(name, g);
	if ((g.registerType as number) === 0) kind.online(state).set(name, kind.onlineRow(++state.seq.gateway, g));
	return {};
}

export function modifyGateway(state: Vos3000State, b: Rec, kind: GatewayKind): Rec {
	const g = kind.gateways(state).get(str(b, 'name')) ?? throwNotFound();
	checkAccount(state, b, kind);
	mergeKnown(g, b, kind.defaults);
	const online = kind.online(state).get(g.name as string);
	if (online) for (const k of kind.onlineFields) online[k] = g[k];
	return {};
}

export function deleteGateway(state: Vos3000State, b: Rec, kind: GatewayKind): Rec {
	return removeOrNotFound(kind.gateways(state), str(b, 'name'), kind.online(state));
}

/** 3.13/3.19: `names` is M in the table, but "not set: all gateways are returned". */
export const getGateways = (state: Vos3000State, b: Rec, kind: GatewayKind): Rec[] =>
	selectListed(kind.gateways(state), 'name', strList(b, 'names'), state.emptyListMatchesAll).map(clone);

export function getGatewaysOnline(state: Vos3000State, b: Rec, kind: GatewayKind): Rec[] {
	const names = strList(b, 'names');
	const ss = optStr(b, 'softswitchName');
	return [...kind.online(state).values()].filter((g) => listed(names, g.name, false) && (!ss || g.softswitchName === ss)).map(clone);
}
