/**
 * VOS3000 emulator, IVR and callback (manual 3.60-3.63, 3.66, 3.89, 5.1): calls placed through an access number,
 * the remaining-time lookups, and the scripted IVR call of section 4.2/4.3 (see ./push).
 */
import { randomBytes } from 'node:crypto';
import { INT_MAX, VOS_RET, VOS_TIME_REMAIN_REASON } from './api';
import { customer } from './account';
import { billingAccount } from './billing';
import { endCall, newCurrentCall, reportCallState } from './currentCall';
import { has, int, invalid, missing, notFound, num, oneOf, round, str, strList, throwNotFound, VosError } from './fields';
import { phone } from './phone';
import { charge, findRate, groupOf } from './rate';
import { findRouting } from './routingGateway';
import type { Rec, Vos3000Ctx, Vos3000Handler, Vos3000State } from './state';

const TRANSACTION_ID = /^[A-Za-z0-9_-]+$/;

/** The access number's phone, when the password matches. */
function checkAccess(state: Vos3000State, b: Rec): Rec {
	const access = phone(state, str(b, 'accessE164'));
	if (str(b, 'accessE164Password') !== access.password) throw new VosError(VOS_RET.PASSWORD_ERROR, 'Access number password error');
	return access;
}
function checkTransactionId(b: Rec): string | undefined {
	if (!has(b, 'transactionId')) return undefined;
	const t = str(b, 'transactionId');
	if (!TRANSACTION_ID.test(t)) throw invalid('Invalid parameter transactionId: allowed characters are A-Z a-z 0-9 - _');
	return t;
}
function verifyBillingPassword(state: Vos3000State, e164: string, password: string): void {
	const bound = state.bindedE164s.get(e164);
	const card = bound ? state.activePhoneCards.get(bound.pin as string) : state.activePhoneCards.get(e164);
	const holder = card ?? state.phones.get(e164);
	if (!holder) throw notFound();
	if (holder.password !== password) throw new VosError(VOS_RET.PASSWORD_ERROR, `Billing password error: ${e164}`);
}

/** InfoAvailableTime of an account calling `callee`: seconds left, or a negative reason (VOS_TIME_REMAIN_REASON). */
function timeRemain(state: Vos3000State, account: string, group: string, callee: string): Rec {
	const c = customer(state, account);
	const r = findRate(state, group, callee);
	let t: number;
	const avail = c.money + c.limitMoney;
	if (c.lockType === 1) t = VOS_TIME_REMAIN_REASON.ACCOUNT_LOCKED;
	else if (c.validTime && c.validTime < Date.now()) t = VOS_TIME_REMAIN_REASON.ACCOUNT_EXPIRED;
	else if (!r) t = VOS_TIME_REMAIN_REASON.NO_FEE_RATE;
	else if ((r.fee as number) === 0) t = INT_MAX;
	else if (avail <= 0) t = VOS_TIME_REMAIN_REASON.INSUFFICIENT_BALANCE;
	else {
		const period = Math.max(1, r.period as number);
		t = Math.floor(((avail / (r.fee as number)) * 60) / period) * period;
		if (t <= 0) t = VOS_TIME_REMAIN_REASON.INSUFFICIENT_BALANCE;
	}
	return { account: c.account, accountName: c.name, accountMoney: round(c.money), timeRemain: t };
}

/** CallBack / PlayAudio: a connected call charged to `account`, with its CallStateReports when the access phone asks. */
function ivrLikeCall(ctx: Vos3000Ctx, kind: 'CallBack' | 'PlayAudio', access: Rec, caller: string, callee: string, account: string, transactionId: string | undefined): Rec {
	const { state } = ctx;
	const a = customer(state, account);
	if (a.lockType === 1) throw new VosError(VOS_RET.NOT_ALLOWED, 'Account locked');
	if (a.money + a.limitMoney <= 0) throw new VosError(VOS_RET.INSUFFICIENT_BALANCE, 'Insufficient balance');
	const callIdentifier = `${randomBytes(8).toString('hex')}-${1000}`;
	const tx = transactionId ?? `emu-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
	const callId = ++state.seq.callId;
	const report = !!(access.infoPhoneAdditional as Rec)?.callStateReport;
	const call = newCurrentCall(callId, {
		callerE164: caller,
		calleeE164: callee,
		callerGatewayId: '',
		calleeGatewayId: findRouting(state, callee),
		connectedTime: Date.now(),
		_state: 0,
		callerTerminal: `VOS3000 IVR ${kind}`,
		calleeTerminal: '',
		_transactionId: tx,
		_callIdentifier: callIdentifier,
		_account: account,
		_report: report,
	});
	state.currentCalls.set(callId, call);
	state.ivrCalls.set(callIdentifier, { kind, callIdentifier, transactionId: tx, callId, callerE164: caller, calleeE164: callee, accessE164: access.e164, account, createdAt: Date.now() });
	if (report) for (const st of [-7, -8, -11, -12]) reportCallState(ctx, call, st);
	return { transactionId: tx, callIdentifier };
}

export const ivrHandlers: Record<string, Vos3000Handler> = {
	// 3.60
	CallBack(b, ctx) {
		const { state } = ctx;
		const access = checkAccess(state, b);
		const caller = str(b, 'callerE164');
		const callees = str(b, 'calleeE164s').split(',').map((x) => x.trim()).filter(Boolean);
		if (!callees.length) throw missing('calleeE164s');
		const tx = checkTransactionId(b);
		const cbE164 = str(b, 'callbackBillingE164', caller);
		if (has(b, 'callbackBillingPassword')) verifyBillingPassword(state, cbE164, str(b, 'callbackBillingPassword'));
		if (has(b, 'calloutBillingPassword')) verifyBillingPassword(state, str(b, 'calloutBillingE164', caller), str(b, 'calloutBillingPassword'));
		// callback billing lookup (3.60 notes): bound number, active card, platform phone, then the access number's phone
		const account = (state.bindedE164s.get(cbE164) ?? state.activePhoneCards.get(cbE164) ?? state.phones.get(cbE164) ?? access).account as string;
		return ivrLikeCall(ctx, 'CallBack', access, caller, callees[0], account, tx);
	},
	// 3.61 = 5.1
	PlayAudio(b, ctx) {
		const { state } = ctx;
		const access = checkAccess(state, b);
		const audioes = str(b, 'audioes').split(',').map((x) => x.trim()).filter(Boolean);
		if (!audioes.length) throw missing('audioes');
		const names = new Set([...state.ivrAudios.values()].map((a) => a.name as string));
		for (const a of audioes) if (!names.has(a)) throw notFound();
		const callee = str(b, 'callee');
		const tx = checkTransactionId(b);
		let account = access.account as string;
		if (has(b, 'billingNumber')) {
			const bn = str(b, 'billingNumber');
			const t = oneOf('billingNumberType', int(b, 'billingNumberType', 0), [0, 2, 3]);
			const holder = t === 0 ? state.phones.get(bn) : t === 2 ? state.bindedE164s.get(bn) : state.activePhoneCards.get(bn);
			account = (holder ?? throwNotFound()).account as string;
		}
		return ivrLikeCall(ctx, 'PlayAudio', access, str(b, 'callerDisplayNumber', access.e164 as string), callee, account, tx);
	},
	// 3.62
	GetAvailableTime(b, { state }) {
		const { account, phone: ph } = billingAccount(state, str(b, 'billingName'), int(b, 'billingMode'));
		const callee = str(b, 'calleeE164');
		const info = timeRemain(state, account, groupOf(state, account, ph), callee);
		if (has(b, 'calleeEndpointType') && oneOf('calleeEndpointType', int(b, 'calleeEndpointType'), [0, 1]) === 0 && state.phones.has(callee)) info.timeRemain = INT_MAX; // on-net phone
		if (has(b, 'routingGateway')) {
			const g = state.gatewayRoutings.get(str(b, 'routingGateway')) ?? throwNotFound();
			const clearing = g.clearingAccount as string;
			info.timeRemainRoutingGateway = clearing && state.customers.has(clearing) ? (timeRemain(state, clearing, groupOf(state, clearing), str(b, 'calleeToGatewayE164', callee)).timeRemain as number) : INT_MAX;
		}
		return { InfoAvailableTime: info }; // capital I, as documented
	},
	// 3.63
	GetIvrSecondAvailableTime(b, { state }) {
		const bn = str(b, 'billingNumber');
		const t = oneOf('billingType', int(b, 'billingType'), [0, 1, 2, 3]);
		const callee = str(b, 'calleeE164');
		const firstE164 = str(b, 'firstE164');
		let holder: Rec | undefined;
		if (t === 0 || t === 3) holder = state.phones.get(bn);
		else if (t === 1) holder = state.activePhoneCards.get(bn);
		else holder = state.bindedE164s.get(bn) ?? state.activePhoneCards.get(bn) ?? state.phones.get(bn);
		const account = (holder ?? throwNotFound()).account as string;
		if (has(b, 'accessE164')) phone(state, str(b, 'accessE164'));
		const c = customer(state, account);
		// the first leg's cost so far is reserved before computing the second leg's time
		let reserved = 0;
		if (has(b, 'firstConnectTime')) {
			const from = num(b, 'firstConnectTime');
			const to = num(b, 'firstStopTime', Date.now());
			reserved = charge(findRate(state, groupOf(state, account), firstE164), Math.max(0, Math.round((to - from) / 1000))).fee;
		}
		const saved = c.money;
		c.money = saved - reserved;
		try {
			return { infoIvrSecondAvailableTime: { ...timeRemain(state, account, groupOf(state, account), callee), accountMoney: round(saved) } };
		} finally {
			c.money = saved;
		}
	},
	// 3.66
	ReserveCalleeE164(b, { state }) {
		const access = checkAccess(state, b);
		const caller = str(b, 'callerE164');
		state.reservations.set(caller, { callerE164: caller, calleeE164: str(b, 'calleeE164'), accessE164: access.e164, at: Date.now() });
		return {};
	},
	// 3.89
	DisconnectIvrCall(b, ctx) {
		const { state } = ctx;
		const ids = strList(b, 'callIdentifiers') ?? [];
		let n = 0;
		for (const id of ids) {
			const rec = state.ivrCalls.get(id);
			if (!rec) continue;
			n++;
			state.ivrCalls.delete(id);
			const call = state.currentCalls.get(rec.callId as number);
			if (call) endCall(ctx, call, 2);
		}
		if (!n) throw notFound();
		return {};
	},
};
