/** VOS3000 emulator, accounts (manual 3.1-3.5, 3.65): the customers, their lookups and the two demo accounts. */
import { VOS_RET } from './api';
import { clone, has, int, isObj, mergeKnown, missing, notFound, num, oneOf, round, str, strList, VosError, alreadyExists, throwNotFound } from './fields';
import { moneyChanged } from './payment';
import { addDays, DAY_MS, startOfDay } from './time';
import { CUSTOMER_ADDITIONAL_DEFAULTS } from './tables';
import type { Customer, Rec, Vos3000Handler, Vos3000State } from './state';

export const customer = (state: Vos3000State, account: string): Customer => state.customers.get(account) ?? throwNotFound();

export function newCustomer(account: string, name: string, now: number): Customer {
	return {
		account,
		name,
		money: 0,
		limitMoney: 0,
		feeRateGroup: '',
		type: 0,
		lockType: 0,
		agentAccount: '',
		phoneBookLimit: 0,
		canceled: false,
		startTime: now,
		validTime: addDays(now, 365 * 20), // validTime 0 = "expiry decided by the system parameter": 20 years here
		ctdBillingType: 0,
		memo: '',
		infoCustomerAdditional: clone(CUSTOMER_ADDITIONAL_DEFAULTS),
	};
}

/** The accounts below an agent: direct ones (mode 1) or the whole tree (mode 0). */
export function subordinates(state: Vos3000State, agent: string, mode: number): string[] {
	const below = (a: string) => [...state.customers.values()].filter((c) => c.agentAccount === a).map((c) => c.account);
	const direct = below(agent);
	if (mode === 1) return direct;
	const out: string[] = [];
	const queue = [...direct];
	while (queue.length) {
		const a = queue.shift() as string;
		if (out.includes(a)) continue;
		out.push(a);
		queue.push(...below(a));
	}
	return out;
}

function infoCustomer(s: Vos3000State, c: Customer): Rec {
	const today = startOfDay(Date.now());
	const todayConsumption =
		s.cdrs.filter((x) => x.account === c.account && (x.start as number) >= today).reduce((a, x) => a + (x.fee as number), 0) +
		s.consumptions.filter((x) => x.account === c.account && (x.time as number) >= today).reduce((a, x) => a + (x.money as number), 0);
	const category = [...s.customers.values()].some((o) => o.agentAccount === c.account) ? 1 : 0;
	const binded = [...s.bindedE164s.values()].filter((b) => b.account === c.account).map((b) => b.e164 as string);
	return {
		account: c.account,
		name: c.name,
		money: round(c.money),
		limitMoney: c.limitMoney,
		feeRateGroup: c.feeRateGroup,
		type: c.type,
		lockType: c.lockType,
		agentAccount: c.agentAccount,
		phoneBookLimit: c.phoneBookLimit,
		canceled: c.canceled,
		startTime: c.startTime,
		validTime: c.validTime,
		todayConsumption: round(todayConsumption),
		ctdBillingType: c.ctdBillingType,
		category,
		bindedE164s: binded,
		memo: c.memo,
		infoCustomerAdditional: clone(c.infoCustomerAdditional),
	};
}

export function seedAccounts(s: Vos3000State, now: number): void {
	const alice = newCustomer('1001', 'Alice Trading Co.', now - 30 * DAY_MS);
	Object.assign(alice, { money: 100, feeRateGroup: 'default', memo: 'demo account', phoneBookLimit: 50 });
	Object.assign(alice.infoCustomerAdditional, { linkMan: 'Alice', telephone: '02112345678', email: 'alice@example.com', companyName: 'Alice Trading Co.' });
	const bob = newCustomer('1002', 'Bob Logistics', now - 20 * DAY_MS);
	Object.assign(bob, { money: 50.5, limitMoney: 10, feeRateGroup: 'default', memo: 'demo account' });
	s.customers.set('1001', alice);
	s.customers.set('1002', bob);
}

export const accountHandlers: Record<string, Vos3000Handler> = {
	// 3.1
	CreateCustomer(b, ctx) {
		const { state } = ctx;
		const account = str(b, 'account');
		if (state.customers.has(account)) throw alreadyExists('Account', account);
		const now = Date.now();
		const c = newCustomer(account, str(b, 'name'), now);
		const group = str(b, 'feeRateGroup', '');
		if (group && !state.feeRateGroups.has(group)) throw notFound();
		if (has(b, 'agentAccount') && str(b, 'agentAccount') && !state.customers.has(str(b, 'agentAccount'))) throw notFound();
		Object.assign(c, {
			limitMoney: num(b, 'limitMoney', 0),
			feeRateGroup: group,
			type: oneOf('type', int(b, 'type', 0), [0, 1, 2]),
			lockType: oneOf('lockType', int(b, 'lockType', 0), [0, 1]),
			agentAccount: str(b, 'agentAccount', ''),
			phoneBookLimit: int(b, 'phoneBookLimit', 0),
			ctdBillingType: oneOf('ctdBillingType', int(b, 'ctdBillingType', 0), [0, 1]),
			memo: str(b, 'memo', ''),
		});
		const vt = num(b, 'validTime', 0);
		if (vt) c.validTime = vt;
		if (isObj(b.infoCustomerAdditional)) mergeKnown(c.infoCustomerAdditional, b.infoCustomerAdditional, CUSTOMER_ADDITIONAL_DEFAULTS);
		state.customers.set(account, c);
		const money = num(b, 'money', 0);
		// opening balance is credited and recorded as an "account opening" (type 2) payment
		c.money = round(money);
		state.payHistory.push({ account, fee: round(money), type: 2, payType: 0, customerMoney: c.money, payTime: now, memo: str(b, 'memo', '') });
		if (money) moneyChanged(ctx, account);
		return {};
	},
	// 3.2
	ModifyCustomer(b, { state }) {
		const c = customer(state, str(b, 'account'));
		if (has(b, 'feeRateGroup') && str(b, 'feeRateGroup') && !state.feeRateGroups.has(str(b, 'feeRateGroup'))) throw notFound();
		if (has(b, 'name')) c.name = str(b, 'name');
		if (has(b, 'limitMoney')) c.limitMoney = num(b, 'limitMoney');
		if (has(b, 'feeRateGroup')) c.feeRateGroup = str(b, 'feeRateGroup');
		if (has(b, 'type')) c.type = oneOf('type', int(b, 'type'), [0, 1, 2]);
		if (has(b, 'lockType')) c.lockType = oneOf('lockType', int(b, 'lockType'), [0, 1]);
		if (has(b, 'agentAccount')) c.agentAccount = str(b, 'agentAccount');
		if (has(b, 'phoneBookLimit')) c.phoneBookLimit = int(b, 'phoneBookLimit');
		if (has(b, 'validTime')) c.validTime = num(b, 'validTime');
		if (has(b, 'ctdBillingType')) c.ctdBillingType = oneOf('ctdBillingType', int(b, 'ctdBillingType'), [0, 1]);
		if (has(b, 'memo')) c.memo = str(b, 'memo');
		if (isObj(b.infoCustomerAdditional)) mergeKnown(c.infoCustomerAdditional, b.infoCustomerAdditional, CUSTOMER_ADDITIONAL_DEFAULTS);
		return {};
	},
	// 3.3
	DeleteCustomer(b, { state }) {
		const c = customer(state, str(b, 'account'));
		if ([...state.phones.values()].some((p) => p.account === c.account)) throw new VosError(VOS_RET.IN_USE, `Account ${c.account} still has phones`);
		if ([...state.customers.values()].some((o) => o.agentAccount === c.account)) throw new VosError(VOS_RET.IN_USE, `Account ${c.account} still has subordinate accounts`);
		state.customers.delete(c.account);
		state.phoneBooks.delete(c.account);
		for (const [pin, card] of state.activePhoneCards) if (card.account === c.account) state.activePhoneCards.delete(pin);
		for (const [e, bd] of state.bindedE164s) if (bd.account === c.account) state.bindedE164s.delete(e);
		return {};
	},
	// 3.4
	GetCustomer(b, { state }) {
		const accounts = strList(b, 'accounts');
		const e164s = strList(b, 'e164s');
		const filter = isObj(b.filterAgentAccount) ? b.filterAgentAccount : undefined;
		if (!accounts && !e164s && !filter) throw missing('accounts, e164s or filterAgentAccount');
		const want = new Set<string>();
		let explicit = 0;
		for (const a of accounts ?? []) {
			explicit++;
			if (state.customers.has(a)) want.add(a);
		}
		for (const e of e164s ?? []) {
			explicit++;
			const acc = (state.phones.get(e) ?? state.bindedE164s.get(e))?.account as string | undefined;
			if (acc) want.add(acc);
		}
		if (filter) {
			const agent = str(filter, 'filterAgentAccount');
			if (!state.customers.has(agent)) throw notFound();
			for (const a of subordinates(state, agent, oneOf('querySonMode', int(filter, 'querySonMode'), [0, 1]))) want.add(a);
		}
		if (explicit && !filter && want.size === 0) throw notFound();
		let list = [...want].map((a) => state.customers.get(a) as Customer);
		if (has(b, 'type')) list = list.filter((c) => c.type === int(b, 'type'));
		return { infoCustomers: list.map((c) => infoCustomer(state, c)) };
	},
	// 3.5 (Key) and 3.65 (type) share this path
	GetAllCustomers(b, { state }) {
		const all = [...state.customers.values()];
		if (has(b, 'type') && int(b, 'type') === 1) return { infoCustomerBriefs: all.map((c) => ({ account: c.account, money: round(c.money), limitMoney: c.limitMoney })) };
		if (has(b, 'type')) oneOf('type', int(b, 'type'), [0, 1]);
		// 3.5 documents `accounts` as one String (request field `Key`); 3.65 as String[].
		if (has(b, 'Key') && !has(b, 'type')) return { accounts: all.map((c) => c.account).join(',') };
		return { accounts: all.map((c) => c.account) };
	},
};
