/**
 * VOS3000 emulator, packages (manual 3.23-3.31): package definitions (suites), orders and active packages, the rent
 * they deduct (a consumption, 3.64) and the demo package.
 */
import { INT_MAX, LONG_MAX, VOS_RET } from './api';
import { customer } from './account';
import { bool, clone, has, int, intList, invalid, notFound, num, oneOf, publicRec, round, str, throwNotFound, VosError } from './fields';
import { moneyChanged } from './payment';
import { phone } from './phone';
import { addDays, addMonths, DAY_MS, startOfDay } from './time';
import type { Rec, Vos3000Ctx, Vos3000Handler, Vos3000State } from './state';
import { removeOrNotFound, selectListed } from './records';

/** A non-CDR deduction (consumption record) with its CustomerMoneyChange (4.6). */
function consume(ctx: Vos3000Ctx, account: string, money: number, type: number, consumptionName: number): void {
	const c = customer(ctx.state, account);
	c.money = round(c.money - money);
	ctx.state.consumptions.push({ account, money: round(money), customerMoney: c.money, type, consumptionName, time: Date.now() });
	moneyChanged(ctx, account);
}

/** ownerType of the package interfaces: 2 account, 6 platform phone. */
function suiteOwnerAccount(state: Vos3000State, ownerName: string, ownerType: number): string {
	oneOf('ownerType', ownerType, [2, 6]);
	return ownerType === 2 ? customer(state, ownerName).account : (phone(state, ownerName).account as string);
}

/** The records of one owner (3.29/3.30 answer only those). */
function ownedBy(records: Map<number, Rec>, b: Rec, state: Vos3000State): Rec[] {
	const ownerName = str(b, 'ownerName');
	const ownerType = int(b, 'ownerType');
	suiteOwnerAccount(state, ownerName, ownerType);
	return [...records.values()].filter((o) => o._ownerName === ownerName && o._ownerType === ownerType);
}

export function seedPackages(s: Vos3000State, now: number): void {
	s.suites.set(1, { id: 1, name: 'China 300 minutes', rentPeriod: 1, rentType: 1, nonholonomicOrder: false, rentFee: 10, minConsumption: 0, lowerConsumption: 0, giftMoney: 0, infoGiftTimes: [{ prefix: '86', startTime: 0, endTime: 86400, giftTime: 18000, billingTime: 60, memo: '' }], memo: 'monthly bundle' });
	s.suites.set(2, { id: 2, name: 'Welcome bonus', rentPeriod: 2592000, rentType: 3, nonholonomicOrder: true, rentFee: 0, minConsumption: 0, lowerConsumption: 0, giftMoney: 5, infoGiftTimes: [], memo: 'one-off, 30 days' });
	const today0 = startOfDay(now);
	s.suiteOrders.set(1, { id: 1, suiteId: 1, availableTime: today0 - 10 * DAY_MS, expireTime: LONG_MAX, priority: INT_MAX, failedProcessMode: 0, rentPercent: 100, memo: 'seed order', _ownerName: '1001', _ownerType: 2 });
	s.currentSuites.set(1, { id: 1, suiteId: 1, suiteOrderId: 1, rentPeriod: 1, rentType: 1, rentFee: 10, expireTime: addMonths(today0, 1), minConsumption: 0, currentConsumption: 0.3, lowerConsumption: 0, giftMoney: 0, infoGiftTimes: clone((s.suites.get(1) as Rec).infoGiftTimes), memo: 'monthly bundle', _ownerName: '1001', _ownerType: 2 });
	s.consumptions.push({ account: '1001', money: 10, customerMoney: 101.5, type: 0, consumptionName: 1, time: now - 10 * DAY_MS });
}

export const packageHandlers: Record<string, Vos3000Handler> = {
	// 3.23
	CreateSuite(b, { state }) {
		const rentPeriod = int(b, 'rentPeriod');
		if (rentPeriod <= 0) throw invalid('Invalid parameter rentPeriod: must be greater than 0');
		const id = ++state.seq.suite;
		state.suites.set(id, {
			id,
			name: str(b, 'name'),
			rentPeriod,
			rentType: oneOf('rentType', int(b, 'rentType'), [0, 1, 2, 3]),
			nonholonomicOrder: bool(b, 'nonholonomicOrder'),
			rentFee: num(b, 'rentFee'),
			minConsumption: num(b, 'minConsumption'),
			lowerConsumption: num(b, 'lowerConsumption'),
			giftMoney: num(b, 'giftMoney'),
			infoGiftTimes: Array.isArray(b.infoGiftTimes) ? (b.infoGiftTimes as Rec[]).map((g) => ({ prefix: str(g, 'prefix'), startTime: int(g, 'startTime'), endTime: int(g, 'endTime'), giftTime: int(g, 'giftTime'), billingTime: int(g, 'billingTime'), memo: str(g, 'memo', '') })) : [],
			memo: str(b, 'memo', ''),
		});
		return { id };
	},
	// 3.24
	DeleteSuite(b, { state }) {
		const id = int(b, 'id');
		if (!state.suites.has(id)) throw notFound();
		const force = oneOf('force', int(b, 'force', 0), [0, 1]);
		const orders = [...state.suiteOrders.values()].filter((o) => o.suiteId === id);
		const current = [...state.currentSuites.values()].filter((o) => o.suiteId === id);
		if ((orders.length || current.length) && force !== 1) throw new VosError(VOS_RET.IN_USE, `Suite ${id} is used by package orders (use force=1)`);
		for (const o of orders) state.suiteOrders.delete(o.id as number);
		for (const o of current) state.currentSuites.delete(o.id as number);
		state.suites.delete(id);
		return {};
	},
	// 3.25
	GetSuite(b, { state }) {
		return { infoSuites: selectListed(state.suites, 'id', intList(b, 'ids'), false).map(clone) };
	},
	// 3.26
	CreateSuiteOrder(b, ctx) {
		const { state } = ctx;
		const ownerName = str(b, 'ownerName');
		const ownerType = int(b, 'ownerType');
		const account = suiteOwnerAccount(state, ownerName, ownerType);
		const suite = state.suites.get(int(b, 'suiteId')) ?? throwNotFound();
		let availableTime = num(b, 'availableTime');
		const now = Date.now();
		if (availableTime === 0) availableTime = startOfDay(now);
		else if (startOfDay(availableTime) !== availableTime) throw invalid('Invalid parameter availableTime: must be 00:00 of the server time zone (or 0)');
		const oneOff = suite.rentType === 3;
		let expireTime = has(b, 'expireTime') ? num(b, 'expireTime') : oneOff ? availableTime + (suite.rentPeriod as number) * 1000 : LONG_MAX;
		if (expireTime >= LONG_MAX) expireTime = LONG_MAX;
		const rentPercent = num(b, 'rentPercent', 100);
		const rent = round(((suite.rentFee as number) * rentPercent) / 100);
		const cust = customer(state, account);
		const failedProcessMode = oneOf('failedProcessMode', int(b, 'failedProcessMode', 0), [0, 1, 2]);
		const id = ++state.seq.suiteOrder;
		const order = { id, suiteId: suite.id, availableTime, expireTime, priority: int(b, 'priority', INT_MAX), failedProcessMode, rentPercent, memo: str(b, 'memo', ''), _ownerName: ownerName, _ownerType: ownerType };
		const active = availableTime <= now;
		const paid = rent <= 0 || cust.money + cust.limitMoney >= rent;
		if (active && paid) {
			if (rent > 0) consume(ctx, account, rent, 0, suite.id as number); // package rent: a non-CDR deduction (4.6)
			if (suite.giftMoney) cust.money = round(cust.money + (suite.giftMoney as number));
			const cid = ++state.seq.currentSuite;
			const periodEnd = suite.rentType === 0 ? addDays(availableTime, suite.rentPeriod as number) : suite.rentType === 1 ? addMonths(availableTime, suite.rentPeriod as number) : suite.rentType === 2 ? addMonths(availableTime, 12 * (suite.rentPeriod as number)) : expireTime;
			state.currentSuites.set(cid, { id: cid, suiteId: suite.id, suiteOrderId: id, rentPeriod: suite.rentPeriod, rentType: suite.rentType, rentFee: rent, expireTime: Math.min(periodEnd, expireTime), minConsumption: suite.minConsumption, currentConsumption: 0, lowerConsumption: suite.lowerConsumption, giftMoney: suite.giftMoney, infoGiftTimes: clone(suite.infoGiftTimes), memo: suite.memo, _ownerName: ownerName, _ownerType: ownerType });
		}
		// a one-off package turns into an active package at once and its order is deleted (3.26 expireTime)
		if (!(oneOff && active && paid)) state.suiteOrders.set(id, order);
		return { id };
	},
	// 3.27
	ModifySuiteOrder(b, { state }) {
		const o = state.suiteOrders.get(int(b, 'id')) ?? throwNotFound();
		if (has(b, 'expireTime')) o.expireTime = num(b, 'expireTime') >= LONG_MAX ? LONG_MAX : num(b, 'expireTime');
		if (has(b, 'priority')) o.priority = int(b, 'priority');
		if (has(b, 'failedProcessMode')) o.failedProcessMode = oneOf('failedProcessMode', int(b, 'failedProcessMode'), [0, 1, 2]);
		if (has(b, 'rentPercent')) o.rentPercent = num(b, 'rentPercent');
		if (has(b, 'memo')) o.memo = str(b, 'memo');
		return {};
	},
	// 3.28
	DeleteSuiteOrder: (b, { state }) => removeOrNotFound(state.suiteOrders, int(b, 'id')),
	// 3.29
	GetSuiteOrder(b, { state }) {
		return { infoSuiteOrders: ownedBy(state.suiteOrders, b, state).map((o) => publicRec(clone(o))) };
	},
	// 3.30
	GetCurrentSuite(b, { state }) {
		return { infoCurrentSuites: ownedBy(state.currentSuites, b, state).map((o) => publicRec(clone(o))) };
	},
	// 3.31
	DeleteCurrentSuite: (b, { state }) => removeOrNotFound(state.currentSuites, int(b, 'id')),
};
