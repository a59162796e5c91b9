/**
 * VOS3000 emulator, rates (manual 3.40-3.44): rate groups and their rates (seeded only: the manual has no interface
 * that creates rates), the rate lookup and the charge of a call.
 */
import { VOS_RET } from './api';
import { alreadyExists, clone, has, int, notFound, round, str, strList, throwNotFound, VosError } from './fields';
import type { Rec, Vos3000Handler, Vos3000State } from './state';
import { listed, selectListed } from './records';

/** A callee number without its international prefix (+ or 00). */
export function normalizeCallee(e164: string): string {
	return e164.replace(/^\+/, '').replace(/^00/, '');
}
/** The rate with the longest areaCode matching the callee. */
export function findRate(s: Vos3000State, group: string, callee: string): Rec | undefined {
	const rates = s.feeRates.get(group) ?? [];
	const n = normalizeCallee(callee);
	let best: Rec | undefined;
	for (const r of rates) {
		if (n.startsWith(r.areaCode as string) && (!best || (r.areaCode as string).length > (best.areaCode as string).length)) best = r;
	}
	return best;
}
/** The rate group of a call: the phone's own, else its account's. */
export function groupOf(s: Vos3000State, account: string, phone?: string): string {
	const p = phone ? s.phones.get(phone) : undefined;
	if (p && p.feerateGroup) return p.feerateGroup as string;
	return s.customers.get(account)?.feeRateGroup ?? '';
}
/** Billed seconds (whole periods) and fee of a call of `hold` seconds. */
export function charge(r: Rec | undefined, hold: number): { feeTime: number; fee: number } {
	if (!r || hold <= 0) return { feeTime: 0, fee: 0 };
	const period = Math.max(1, r.period as number);
	const feeTime = Math.ceil(hold / period) * period;
	return { feeTime, fee: round((feeTime / 60) * (r.fee as number)) };
}

function rate(feePrefix: string, areaName: string, type: number, fee: number, period: number): Rec {
	return { feePrefix, areaCode: feePrefix, type, areaName, infoFeeRateSections: [], fee, period, lockType: 0, ivrFee: fee, ivrPeriod: period };
}

export function seedRates(s: Vos3000State): void {
	s.feeRateGroups.set('default', { name: 'default', memo: 'Default retail rates', fakeMinute: 60 });
	s.feeRateGroups.set('vip', { name: 'vip', memo: 'Discounted rates', fakeMinute: 60 });
	s.feeRates.set('default', [
		rate('86', 'China', 4, 0.1, 60),
		rate('8610', 'Beijing', 2, 0.05, 60),
		rate('1', 'USA/Canada', 5, 0.06, 6),
		rate('44', 'United Kingdom', 5, 0.08, 6),
		rate('1001', 'On-net (account 1001)', 1, 0, 60),
		rate('1002', 'On-net (account 1002)', 1, 0, 60),
	]);
	s.feeRates.set('vip', [rate('86', 'China', 4, 0.05, 60), rate('1', 'USA/Canada', 5, 0.03, 6)]);
}

export const rateHandlers: Record<string, Vos3000Handler> = {
	// 3.40
	GetFeeRateGroup(b, { state }) {
		return { infoFeeRateGroups: selectListed(state.feeRateGroups, 'name', strList(b, 'names'), false).map((g) => ({ name: g.name, memo: g.memo })) };
	},
	// 3.41
	CreateFeeRateGroup(b, { state }) {
		const name = str(b, 'name');
		if (state.feeRateGroups.has(name)) throw alreadyExists('Fee rate group', name);
		state.feeRateGroups.set(name, { name, memo: str(b, 'memo', ''), fakeMinute: int(b, 'fakeMinute', 60) });
		state.feeRates.set(name, []);
		return {};
	},
	// 3.42
	ModifyFeeRateGroup(b, { state }) {
		const g = state.feeRateGroups.get(str(b, 'name')) ?? throwNotFound();
		if (has(b, 'memo')) g.memo = str(b, 'memo');
		if (has(b, 'fakeMinute')) g.fakeMinute = int(b, 'fakeMinute');
		return {};
	},
	// 3.43
	DeleteFeeRateGroup(b, { state }) {
		const name = str(b, 'name');
		if (!state.feeRateGroups.has(name)) throw notFound();
		if ([...state.customers.values()].some((c) => c.feeRateGroup === name)) throw new VosError(VOS_RET.IN_USE, `Fee rate group ${name} is used by accounts`);
		state.feeRateGroups.delete(name);
		state.feeRates.delete(name);
		return {};
	},
	// 3.44
	GetFeeRate(b, { state }) {
		const group = str(b, 'feeRateGroup');
		if (!state.feeRateGroups.has(group)) throw notFound();
		const codes = strList(b, 'areaCodes');
		return { infoFeeRates: (state.feeRates.get(group) ?? []).filter((r) => listed(codes, r.areaCode, false)).map(clone) };
	},
};
