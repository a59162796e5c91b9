/**
 * VOS3000 emulator, billing (manual 3.51 CreateCdr): the CDR of a call and its charge, the billing lookups of
 * 3.51/3.62, and the demo CDRs (already charged: the seeded balances are after them).
 */
import { SEED } from './api';
import { customer } from './account';
import { clone, int, invalid, notFound, num, oneOf, publicRec, round, str, throwNotFound } from './fields';
import { charge, findRate, groupOf } from './rate';
import { DAY_MS } from './time';
import { CDR_DEFAULTS } from './tables';
import type { Rec, Vos3000Handler, Vos3000State } from './state';

export interface CdrInput {
	flowNo: number;
	account: string;
	callerE164: string;
	calleeE164: string;
	calleeGateway?: string;
	callerGateway?: string;
	start: number;
	hold: number;
	calleeBilling: number;
	billingMode: number;
	endDirection?: number;
	endReason?: number;
	extra?: Rec;
}

/** An InfoCdr (3.47) of a call, rated with the caller's rate group. */
export function buildCdr(s: Vos3000State, o: CdrInput): Rec {
	const group = groupOf(s, o.account, o.callerE164);
	const r = findRate(s, group, o.calleeE164);
	const { feeTime, fee } = charge(r, o.hold);
	const cust = s.customers.get(o.account);
	const agent = cust?.agentAccount ? s.customers.get(cust.agentAccount) : undefined;
	const c = clone(CDR_DEFAULTS);
	Object.assign(c, {
		callerE164: o.callerE164,
		callerAccessE164: o.callerE164,
		callerProductId: '',
		callerToGatewayE164: o.callerE164,
		callerGateway: o.callerGateway ?? '',
		callerip: '',
		calleeE164: o.calleeE164,
		calleeAccessE164: o.calleeE164,
		calleeProductId: '',
		calleeToGatewayE164: o.calleeE164,
		calleeGateway: o.calleeGateway ?? '',
		calleeip: '',
		start: o.start,
		stop: o.start + o.hold * 1000,
		holdTime: o.hold,
		feeTime,
		fee,
		feePrefix: r?.feePrefix ?? '',
		callLevel: (r?.type as number) ?? 4,
		account: o.account,
		accountName: cust?.name ?? '',
		agentAccount: cust?.agentAccount ?? '',
		agentName: agent?.name ?? '',
		endDirection: o.endDirection ?? 0,
		endReason: o.endReason ?? 0,
		calleeBilling: o.calleeBilling,
		billingMode: o.billingMode,
		flowNo: o.flowNo,
	});
	if (o.extra) Object.assign(c, o.extra);
	return c;
}

/** Writes the CDR and charges its account (a call charge: no CustomerMoneyChange, 4.6). */
export function chargeCdr(state: Vos3000State, c: Rec): void {
	state.cdrs.push(c);
	const cust = state.customers.get(c.account as string);
	if (cust) cust.money = round(cust.money - (c.fee as number));
}

/** A finished call of a phone, as the softswitch writes it at hang-up (Vos3000Emulator.simulateCdr). */
export function simulateCdr(state: Vos3000State, o: { callerE164: string; calleeE164: string; holdS?: number; stop?: number }): Rec {
	const phone = state.phones.get(o.callerE164);
	if (!phone) throw new Error(`simulateCdr: no phone ${o.callerE164}`);
	const hold = o.holdS ?? 30;
	const stop = o.stop ?? Date.now();
	const c = buildCdr(state, { flowNo: ++state.seq.flowNo, account: phone.account as string, callerE164: o.callerE164, calleeE164: o.calleeE164, start: stop - hold * 1000, hold, calleeBilling: 0, billingMode: 0 });
	chargeCdr(state, c);
	return publicRec(clone(c));
}

/** Billing lookups of 3.62: 0 phone, 1 mapping gateway, 2 bound number, 3 card pin, 4 card pin then mapping gateway */
export function billingAccount(state: Vos3000State, name: string, mode: number): { account: string; phone?: string } {
	const card = () => state.activePhoneCards.get(name)?.account as string | undefined;
	const gw = () => state.gatewayMappings.get(name)?.account as string | undefined;
	let acc: string | undefined;
	switch (oneOf('billingMode', mode, [0, 1, 2, 3, 4])) {
		case 0:
			acc = state.phones.get(name)?.account as string | undefined;
			return acc ? { account: acc, phone: name } : throwNotFound();
		case 1:
			acc = gw();
			break;
		case 2:
			acc = state.bindedE164s.get(name)?.account as string | undefined;
			break;
		case 3:
			acc = card();
			break;
		default:
			acc = card() ?? gw();
	}
	if (!acc || !state.customers.has(acc)) throw notFound();
	return { account: acc };
}

export function seedCdrs(s: Vos3000State, now: number): void {
	const cdr = (flowNo: number, phone: string, callee: string, gw: string, start: number, hold: number): void => {
		const c = buildCdr(s, { flowNo, account: (s.phones.get(phone) as Rec).account as string, callerE164: phone, calleeE164: callee, calleeGateway: gw, start, hold, calleeBilling: 0, billingMode: 0 });
		c.callerip = '192.168.1.101';
		c.calleeip = gw === 'gw-route-cn' ? '10.0.0.50' : '10.0.0.60';
		s.cdrs.push(c);
	};
	cdr(SEED.cdrFlowNos[0], '1001001', '8613800138000', 'gw-route-cn', now - 2 * 3600000, 125);
	cdr(SEED.cdrFlowNos[1], '1001002', '861012345678', 'gw-route-cn', now - 3600000, 42);
	cdr(SEED.cdrFlowNos[2], '1002001', '14155550123', 'gw-route-intl', now - 1800000, 61);
	cdr(SEED.cdrFlowNos[3], '1001001', '447700900123', 'gw-route-intl', now - DAY_MS - 3600000, 300);
}

export const billingHandlers: Record<string, Vos3000Handler> = {
	// 3.51
	CreateCdr(b, { state }) {
		const billingMode = oneOf('billingMode', int(b, 'billingMode'), [0, 1, 2, 3]);
		const callerE164 = str(b, 'callerE164', '');
		const calleeE164 = str(b, 'calleeE164', '');
		const flowNoIn = num(b, 'flowNo', -1);
		if (flowNoIn >= 0 && state.cdrs.some((c) => c.flowNo === flowNoIn)) return {}; // duplicate flowNo: neither recorded nor charged
		let account = str(b, 'account', '');
		if (!account) {
			const key = billingMode === 1 ? str(b, 'callerGatewayId', '') : callerE164;
			account = billingAccount(state, key, billingMode).account;
		}
		customer(state, account);
		const billingTime = int(b, 'billingTime');
		if (billingTime < 0) throw invalid('Invalid parameter billingTime');
		const start = num(b, 'startTime', Date.now());
		const stop = num(b, 'stopTime', start);
		const c = buildCdr(state, {
			flowNo: flowNoIn >= 0 ? flowNoIn : ++state.seq.flowNo,
			account,
			callerE164,
			calleeE164,
			callerGateway: str(b, 'callerGatewayId', ''),
			calleeGateway: str(b, 'calleeGatewayId', ''),
			start,
			hold: billingTime,
			calleeBilling: 2,
			billingMode,
			endDirection: oneOf('endDirection', int(b, 'endDirection', 0), [0, 1, 2]),
			endReason: int(b, 'endReason', 0),
			extra: { callerip: str(b, 'callerIp', ''), calleeip: str(b, 'calleeIp', ''), callerProductId: str(b, 'callerProductId', ''), calleeProductId: str(b, 'calleeProductId', ''), callerToGatewayE164: str(b, 'callerToGatewayE164', callerE164), calleeToGatewayE164: str(b, 'calleeToGatewayE164', calleeE164), stop },
		});
		chargeCdr(state, c);
		return {};
	},
};
