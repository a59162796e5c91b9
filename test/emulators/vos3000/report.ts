/**
 * VOS3000 emulator, reports (manual 3.46-3.50, 3.64): CDR queries, fee reports summed per period, pay history and
 * consumptions. They read what billing, payments and packages write.
 */
import { VOS_RET } from './api';
import { customer, subordinates } from './account';
import { clone, has, int, invalid, missing, notFound, publicRec, round, str, strList, VosError, optStr } from './fields';
import { groupOf } from './rate';
import { addDays, addMonths, parseVosTime } from './time';
import { listed } from './records';
import type { Customer, Rec, Vos3000Handler, Vos3000State } from './state';

/** The account of the request, or every account below its agentAccount (3.46/3.64). */
function rangeAccounts(state: Vos3000State, b: Rec): string[] {
	if (has(b, 'account')) return [customer(state, str(b, 'account')).account];
	if (has(b, 'agentAccount')) return subordinates(state, customer(state, str(b, 'agentAccount')).account, 0);
	throw missing('account or agentAccount');
}
/** [begin, end) of a yyyyMMdd beginTime/endTime pair, end day included. */
function cdrRange(b: Rec): [number, number] {
	const begin = parseVosTime(str(b, 'beginTime'), 'yyyyMMdd', 'beginTime');
	const end = addDays(parseVosTime(str(b, 'endTime'), 'yyyyMMdd', 'endTime'), 1);
	if (end <= begin) throw invalid('Invalid parameter endTime: before beginTime');
	return [begin, end];
}
/** The report periods: `period` days each, or calendar months (-2). */
function buckets(b: Rec): Array<[number, number]> {
	const [begin, end] = cdrRange(b);
	const period = int(b, 'period');
	if (period !== -2 && period <= 0) throw invalid('Invalid parameter period: days > 0, or -2 for monthly');
	const out: Array<[number, number]> = [];
	let t = begin;
	while (t < end) {
		const next = period === -2 ? addMonths(t, 1) : addDays(t, period);
		out.push([t, Math.min(next, end)]);
		t = next;
	}
	return out;
}
/** Totals of a report row, by call level (1 on-net, 2 local, 4 domestic, 5 international). */
function sums(cdrs: Rec[]): Rec {
	const lvl = (l: number) => cdrs.filter((c) => c.callLevel === l);
	const agg = (l: Rec[]) => ({ fee: round(l.reduce((a, c) => a + (c.fee as number), 0)), time: l.reduce((a, c) => a + (c.feeTime as number), 0), count: l.length });
	const net = agg(lvl(1));
	const local = agg(lvl(2));
	const dom = agg(lvl(4));
	const intl = agg(lvl(5));
	return {
		cdrCount: cdrs.length,
		totalFee: round(cdrs.reduce((a, c) => a + (c.fee as number), 0)),
		totalTime: cdrs.reduce((a, c) => a + (c.feeTime as number), 0),
		totalSuiteFee: round(cdrs.reduce((a, c) => a + (c.suiteFee as number), 0)),
		totalSuiteFeeTime: cdrs.reduce((a, c) => a + (c.suiteFeeTime as number), 0),
		netFee: net.fee,
		netTime: net.time,
		netCount: net.count,
		localFee: local.fee,
		localTime: local.time,
		localCount: local.count,
		domesticFee: dom.fee,
		domesticTime: dom.time,
		domesticCount: dom.count,
		internationalFee: intl.fee,
		internationalTime: intl.time,
		internationalCount: intl.count,
	};
}
const inRange = (c: Rec, [a, z]: [number, number]) => (c.start as number) >= a && (c.start as number) < z;

/** Rows of one account's report: per period, one row per distinct `key` of its CDRs that `keep` accepts. */
function accountRows(state: Vos3000State, b: Rec, c: Customer, key: string, keep: (cdr: Rec) => boolean, row: (value: string, sums: Rec) => Rec): Rec[] {
	const rows: Rec[] = [];
	for (const bucket of buckets(b)) {
		const cdrs = state.cdrs.filter((x) => x.account === c.account && inRange(x, bucket) && keep(x));
		for (const v of new Set(cdrs.map((x) => x[key] as string))) rows.push({ beginTime: bucket[0], endTime: bucket[1], ...row(v, sums(cdrs.filter((x) => x[key] === v))) });
	}
	return rows;
}

export const reportHandlers: Record<string, Vos3000Handler> = {
	// 3.46
	GetPayHistory(b, { state }) {
		const begin = parseVosTime(str(b, 'beginTime'), 'yyyyMMddHHmmss', 'beginTime');
		const end = parseVosTime(str(b, 'endTime'), 'yyyyMMddHHmmss', 'endTime');
		const accounts = rangeAccounts(state, b);
		return { infoPayHistorys: state.payHistory.filter((p) => accounts.includes(p.account) && p.payTime >= begin && p.payTime <= end + 999).map((p) => ({ ...p })) };
	},
	// 3.47
	GetCdr(b, { state }) {
		const accounts = strList(b, 'accounts') ?? [];
		const range = cdrRange(b);
		const days = Math.round((range[1] - range[0]) / 86400000);
		if (days > state.cdrQueryMaxDays) throw new VosError(VOS_RET.QUERY_INTERVAL_TOO_LONG, `Query interval too long: ${days} days, at most ${state.cdrQueryMaxDays}`);
		if (accounts.length && !accounts.some((a) => state.customers.has(a))) throw notFound();
		const f = (k: string) => (optStr(b, k));
		const callerE164 = f('callerE164');
		const calleeE164 = f('calleeE164');
		const callerGateway = f('callerGateway');
		const calleeGateway = f('calleeGateway');
		const list = state.cdrs.filter(
			(c) => accounts.includes(c.account as string) && inRange(c, range) && (!callerE164 || c.callerE164 === callerE164) && (!calleeE164 || c.calleeE164 === calleeE164) && (!callerGateway || c.callerGateway === callerGateway) && (!calleeGateway || c.calleeGateway === calleeGateway),
		);
		return { infoCdrs: list.map((c) => publicRec(clone(c))) };
	},
	// 3.48
	GetReportCustomerFee(b, { state }) {
		const accounts = strList(b, 'accounts') ?? [];
		const bs = buckets(b);
		if (accounts.length && !accounts.some((a) => state.customers.has(a))) throw notFound();
		const rows: Rec[] = [];
		for (const bucket of bs) {
			for (const a of accounts) {
				const c = state.customers.get(a);
				if (!c) continue;
				const cdrs = state.cdrs.filter((x) => x.account === a && inRange(x, bucket));
				if (cdrs.length) rows.push({ beginTime: bucket[0], endTime: bucket[1], account: a, accountName: c.name, ...sums(cdrs) });
			}
		}
		return { infoReportCustomerFees: rows };
	},
	// 3.49
	GetReportPhoneFee(b, { state }) {
		const c = customer(state, str(b, 'account'));
		const e164s = strList(b, 'e164s');
		const rows = accountRows(state, b, c, 'callerE164', (x) => listed(e164s, x.callerE164, false), (e164, s) => ({ e164, calleeBilling: 0, account: c.account, accountName: c.name, agentAccount: c.agentAccount, ...s }));
		return { infoReportPhoneFees: rows };
	},
	// 3.50
	GetReportCustomerLocationFee(b, { state }) {
		const c = customer(state, str(b, 'account'));
		const areaCode = optStr(b, 'areaCode');
		const rates = () => state.feeRates.get(groupOf(state, c.account)) ?? [];
		const rows = accountRows(state, b, c, 'feePrefix', (x) => !areaCode || x.feePrefix === areaCode, (prefix, s) => ({
			areaCode: prefix,
			areaName: rates().find((x) => x.areaCode === prefix)?.areaName ?? '',
			account: c.account,
			accountName: c.name,
			agentAccount: c.agentAccount,
			cdrCount: s.cdrCount,
			totalFee: s.totalFee,
			totalTime: s.totalTime,
			totalSuiteFee: s.totalSuiteFee,
			totalSuiteFeeTime: s.totalSuiteFeeTime,
		}));
		return { infoReportCustomerLocationFees: rows };
	},
	// 3.64
	GetConsumption(b, { state }) {
		const begin = parseVosTime(str(b, 'beginTime'), 'yyyyMMddHHmmss', 'beginTime');
		const end = parseVosTime(str(b, 'endTime'), 'yyyyMMddHHmmss', 'endTime');
		const accounts = rangeAccounts(state, b);
		return { infoConsumptions: state.consumptions.filter((x) => accounts.includes(x.account as string) && (x.time as number) >= begin && (x.time as number) <= end + 999).map(clone) };
	},
};
