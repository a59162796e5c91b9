/** VOS3000 emulator, bound numbers (manual 3.36-3.39): numbers bound to an active phone card, and the demo one. */
import { SEED, VOS_RET } from './api';
import { alreadyExists, assignStrings, clone, has, missing, str, strList, throwNotFound, VosError, optStr } from './fields';
import { DAY_MS } from './time';
import type { Vos3000Handler, Vos3000State } from './state';
import { listed, removeOrNotFound } from './records';

export function seedBoundNumbers(s: Vos3000State, now: number): void {
	s.bindedE164s.set(SEED.bindedE164, { e164: SEED.bindedE164, pin: SEED.activePhoneCard.pin, account: '1002', displayE164: '', rewriteRulesOutCallee: '', bindTime: now - 5 * DAY_MS, language: 'en', memo: 'Bob mobile' });
}

export const boundNumberHandlers: Record<string, Vos3000Handler> = {
	// 3.36
	CreateBindedE164(b, { state }) {
		const e164 = str(b, 'e164');
		if (state.bindedE164s.has(e164)) throw alreadyExists('Bound number', e164);
		const card = state.activePhoneCards.get(str(b, 'pin')) ?? throwNotFound();
		const count = [...state.bindedE164s.values()].filter((x) => x.pin === card.pin).length;
		if ((card.bindLimit as number) > 0 && count >= (card.bindLimit as number)) throw new VosError(VOS_RET.NOT_ALLOWED, `Bind limit reached for card ${card.pin}`);
		state.bindedE164s.set(e164, { e164, pin: card.pin, account: card.account, displayE164: str(b, 'displayE164', ''), rewriteRulesOutCallee: str(b, 'rewriteRulesOutCallee', ''), bindTime: Date.now(), language: str(b, 'language', ''), memo: str(b, 'memo', '') });
		return {};
	},
	// 3.37
	ModifyBindedE164(b, { state }) {
		const bd = state.bindedE164s.get(str(b, 'e164')) ?? throwNotFound();
		if (has(b, 'pin')) {
			const card = state.activePhoneCards.get(str(b, 'pin')) ?? throwNotFound();
			bd.pin = card.pin;
			bd.account = card.account;
		}
		assignStrings(bd, b, ['displayE164', 'rewriteRulesOutCallee', 'language', 'memo']);
		return {};
	},
	// 3.38
	DeleteBindedE164: (b, { state }) => removeOrNotFound(state.bindedE164s, str(b, 'e164')),
	// 3.39 ("one of the parameters is required")
	GetBindedE164(b, { state }) {
		const e164s = strList(b, 'e164s');
		const pin = optStr(b, 'pin');
		const account = optStr(b, 'account');
		if (!e164s && !pin && !account) throw missing('e164s, pin or account');
		const list = [...state.bindedE164s.values()].filter((x) => listed(e164s, x.e164, false) && (!pin || x.pin === pin) && (!account || x.account === account));
		return { infoBindedE164s: list.map(clone) };
	},
};
