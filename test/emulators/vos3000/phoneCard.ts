/**
 * VOS3000 emulator, phone cards (manual 3.32-3.35, 3.59, 3.84): active phone cards (calling cards of an account) and
 * recharge cards, and the demo cards.
 */
import { SEED, VOS_RET } from './api';
import { customer, newCustomer } from './account';
import { alreadyExists, clone, has, int, missing, randomDigits, round, str, strList, throwNotFound, VosError, optStr } from './fields';
import { moneyChanged } from './payment';
import { newPhone } from './phone';
import { addDays, DAY_MS } from './time';
import type { Rec, Vos3000Handler, Vos3000State } from './state';
import { removeOrNotFound, selectEither } from './records';

/** A recharge card that may be used for the operation whose bitsOfConfig bit is `bit` (password checked when sent). */
export function usableCard(state: Vos3000State, b: Rec, bit: number): Rec {
	const card = state.phoneCards.get(str(b, 'pin')) ?? throwNotFound();
	if (has(b, 'password') && str(b, 'password') !== card.password) throw new VosError(VOS_RET.PASSWORD_ERROR, 'Phone card password error');
	if (card.usedTime) throw new VosError(VOS_RET.NOT_ALLOWED, 'Phone card already used');
	if ((card.expireTime as number) < Date.now()) throw new VosError(VOS_RET.NOT_ALLOWED, 'Phone card expired');
	if (!((card.bitsOfConfig as number) & bit)) throw new VosError(VOS_RET.NOT_ALLOWED, 'Phone card not usable for this operation');
	return card;
}

export function seedPhoneCards(s: Vos3000State, now: number): void {
	s.activePhoneCards.set(SEED.activePhoneCard.pin, { pin: SEED.activePhoneCard.pin, account: '1002', password: SEED.activePhoneCard.password, displayE164: '', bindLimit: 5, activeTime: now - 5 * DAY_MS, memo: 'calling card of Bob' });
	const card = (pin: string, password: string, money: number, memo: string): Rec => ({
		pin,
		password,
		money,
		limitMoney: 0,
		bitsOfConfig: (1 << 1) | (1 << 2) | (1 << 4) | (1 << 7),
		feeRateGroup: 'default',
		expireTime: addDays(now, 365),
		agentAccount: '',
		suiteNames: [],
		memo,
	});
	s.phoneCards.set(SEED.phoneCard.pin, card(SEED.phoneCard.pin, SEED.phoneCard.password, SEED.phoneCard.money, 'recharge card 50'));
	s.phoneCards.set(SEED.phoneCard2.pin, card(SEED.phoneCard2.pin, SEED.phoneCard2.password, SEED.phoneCard2.money, 'recharge card 20'));
	const used = card(SEED.usedPhoneCard.pin, SEED.usedPhoneCard.password, SEED.usedPhoneCard.money, 'already used');
	Object.assign(used, { usedTime: now - 2 * DAY_MS, usedAccount: '1002' });
	s.phoneCards.set(used.pin as string, used);
}

export const phoneCardHandlers: Record<string, Vos3000Handler> = {
	// 3.32
	CreateActivePhoneCard(b, { state }) {
		const pin = str(b, 'pin');
		if (state.activePhoneCards.has(pin)) throw alreadyExists('Active phone card', pin);
		const account = customer(state, str(b, 'account')).account;
		const generated = !has(b, 'password');
		const password = generated ? randomDigits(6) : str(b, 'password');
		state.activePhoneCards.set(pin, { pin, account, password, displayE164: str(b, 'displayE164', ''), bindLimit: int(b, 'bindLimit', -1), activeTime: Date.now(), memo: str(b, 'memo', '') });
		// the response documents `password` as Integer (CreatePhone: String)
		return generated ? { password: Number(password) } : {};
	},
	// 3.33
	ModifyActivePhoneCard(b, { state }) {
		const c = state.activePhoneCards.get(str(b, 'pin')) ?? throwNotFound();
		if (has(b, 'account')) c.account = customer(state, str(b, 'account')).account;
		if (has(b, 'password')) c.password = str(b, 'password');
		if (has(b, 'displayE164')) c.displayE164 = str(b, 'displayE164');
		if (has(b, 'bindLimit')) c.bindLimit = int(b, 'bindLimit');
		if (has(b, 'memo')) c.memo = str(b, 'memo');
		for (const bd of state.bindedE164s.values()) if (bd.pin === c.pin) bd.account = c.account;
		return {};
	},
	// 3.34
	DeleteActivePhoneCard(b, { state }) {
		const pin = str(b, 'pin');
		removeOrNotFound(state.activePhoneCards, pin);
		for (const [e, bd] of state.bindedE164s) if (bd.pin === pin) state.bindedE164s.delete(e);
		return {};
	},
	// 3.35
	GetActivePhoneCard(b, { state }) {
		const pins = strList(b, 'pins');
		const accounts = strList(b, 'accounts');
		if (!pins && !accounts) throw missing('pins or accounts');
		return { infoActivePhoneCards: selectEither(state.activePhoneCards, ['pin', pins], ['account', accounts]).map((c) => ({ ...clone(c), bindLimit: (c.bindLimit as number) < 0 ? 0 : c.bindLimit })) };
	},
	// 3.59
	PhoneCardActive(b, ctx) {
		const { state } = ctx;
		const card = usableCard(state, b, 1 << 1);
		const pin = card.pin as string;
		if (state.customers.has(pin)) throw alreadyExists('Account', pin);
		const bindedE164 = optStr(b, 'bindedE164');
		if (bindedE164 && state.bindedE164s.has(bindedE164)) throw alreadyExists('Bound number', bindedE164);
		const now = Date.now();
		const c = newCustomer(pin, pin, now);
		Object.assign(c, { type: 1, feeRateGroup: (card.feeRateGroup as string) || '', limitMoney: card.limitMoney ?? 0, agentAccount: card.agentAccount ?? '', validTime: card.expireTime ?? c.validTime, memo: `activated phone card ${pin}` });
		state.customers.set(pin, c);
		const money = (card.bitsOfConfig as number) & (1 << 7) ? (card.money as number) : 0;
		c.money = round(money);
		state.payHistory.push({ account: pin, fee: round(money), type: 2, payType: 2, customerMoney: c.money, payTime: now, memo: `phone card ${pin}` });
		if ((card.bitsOfConfig as number) & (1 << 2)) state.activePhoneCards.set(pin, { pin, account: pin, password: card.password, displayE164: '', bindLimit: -1, activeTime: now, memo: '' });
		if ((card.bitsOfConfig as number) & (1 << 3)) state.phones.set(pin, newPhone(pin, pin, card.password as string));
		if (bindedE164) {
			if (!state.activePhoneCards.has(pin)) state.activePhoneCards.set(pin, { pin, account: pin, password: card.password, displayE164: '', bindLimit: -1, activeTime: now, memo: '' });
			state.bindedE164s.set(bindedE164, { e164: bindedE164, pin, account: pin, displayE164: '', rewriteRulesOutCallee: '', bindTime: now, language: '', memo: '' });
		}
		Object.assign(card, { usedTime: now, usedAccount: pin });
		if (money) moneyChanged(ctx, pin);
		return {};
	},
	// 3.84
	GetPhoneCard(b, { state }) {
		const card = state.phoneCards.get(str(b, 'pin')) ?? throwNotFound();
		if (has(b, 'password') && str(b, 'password') !== card.password) throw new VosError(VOS_RET.PASSWORD_ERROR, 'Phone card password error');
		const { pin: _p, password: _w, ...info } = clone(card);
		void _p;
		void _w;
		return { infoPhoneCard: info };
	},
};
