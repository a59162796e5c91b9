/**
 * VOS3000 emulator, payments (manual 3.22, 3.58): recharges, the pay history they write, the CustomerMoneyChange push
 * (4.6) and the demo payment history.
 */
import { customer } from './account';
import { int, num, oneOf, round, str, throwNotFound } from './fields';
import { phone } from './phone';
import { usableCard } from './phoneCard';
import { DAY_MS } from './time';
import type { PayRecord, Vos3000Ctx, Vos3000Handler, Vos3000State } from './state';

/** 4.6: CustomerMoneyChange after a recharge or a non-CDR deduction (call charges push nothing). */
export function moneyChanged(ctx: Vos3000Ctx, account: string): void {
	const c = ctx.state.customers.get(account);
	if (c && ctx.state.systemParameters.EXTERNAL_CUSTOMER_MONEY_REPORT) ctx.autoPush('CustomerMoneyChange', { account, money: round(c.money) });
}

export function recordPay(ctx: Vos3000Ctx, account: string, amount: number, payType: number, memo: string, type?: number): PayRecord {
	const c = customer(ctx.state, account);
	c.money = round(c.money + amount);
	const rec: PayRecord = { account, fee: round(Math.abs(amount)), type: type ?? (amount >= 0 ? 0 : 1), payType, customerMoney: c.money, payTime: Date.now(), memo };
	ctx.state.payHistory.push(rec);
	moneyChanged(ctx, account);
	return rec;
}

/** ownerType of Pay / PayByPhoneCard: 2 account, 6 platform phone, 11 active phone card, 25 bound number, 44 mapping gateway */
function ownerAccount(state: Vos3000State, ownerName: string, ownerType: number): string {
	switch (oneOf('ownerType', ownerType, [2, 6, 11, 25, 44])) {
		case 2:
			return customer(state, ownerName).account;
		case 6:
			return phone(state, ownerName).account as string;
		case 11:
			return (state.activePhoneCards.get(ownerName) ?? throwNotFound()).account as string;
		case 25:
			return (state.bindedE164s.get(ownerName) ?? throwNotFound()).account as string;
		default:
			return (state.gatewayMappings.get(ownerName) ?? throwNotFound()).account as string;
	}
}

export function seedPayments(s: Vos3000State, now: number): void {
	s.payHistory.push({ account: '1001', fee: 110, type: 2, payType: 0, customerMoney: 110, payTime: now - 30 * DAY_MS, memo: 'account opening' });
	s.payHistory.push({ account: '1002', fee: 40, type: 2, payType: 0, customerMoney: 40, payTime: now - 20 * DAY_MS, memo: 'account opening' });
	s.payHistory.push({ account: '1002', fee: 20, type: 0, payType: 0, customerMoney: 60, payTime: now - 10 * DAY_MS, memo: 'top-up' });
}

export const paymentHandlers: Record<string, Vos3000Handler> = {
	// 3.22
	Pay(b, ctx) {
		const { state } = ctx;
		const account = ownerAccount(state, str(b, 'ownerName'), int(b, 'ownerType'));
		const money = num(b, 'money');
		const rec = recordPay(ctx, account, money, 0, str(b, 'memo', ''));
		const c = customer(state, account);
		return { infoPay: { account, money: rec.customerMoney, validTime: c.validTime, payMoney: round(money) } };
	},
	// 3.58
	PayByPhoneCard(b, ctx) {
		const { state } = ctx;
		const account = ownerAccount(state, str(b, 'ownerName'), int(b, 'ownerType'));
		const card = usableCard(state, b, 1 << 4);
		const rec = recordPay(ctx, account, card.money as number, 2, str(b, 'memo', '') || `phone card ${card.pin}`);
		Object.assign(card, { usedTime: Date.now(), usedAccount: account });
		const c = customer(state, account);
		if ((card.bitsOfConfig as number) & (1 << 5) && card.feeRateGroup) c.feeRateGroup = card.feeRateGroup as string;
		return { infoPay: { account, money: rec.customerMoney, validTime: c.validTime, payMoney: card.money } };
	},
};
