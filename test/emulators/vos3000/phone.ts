/** VOS3000 emulator, phones (manual 3.6-3.10, 3.83): platform phones, their registrations and the demo phones. */
import { SEED } from './api';
import { customer, newCustomer } from './account';
import { alreadyExists, bool, clone, has, int, invalid, mergeKnown, missing, oneOf, randomDigits, str, strList, throwNotFound } from './fields';
import { DAY_MS } from './time';
import { PHONE_DEFAULTS } from './tables';
import type { Rec, Vos3000Handler, Vos3000State } from './state';
import { selectEither } from './records';

export const phone = (state: Vos3000State, e164: string): Rec => state.phones.get(e164) ?? throwNotFound();

export function newPhone(e164: string, account: string, password: string): Rec {
	const p = clone(PHONE_DEFAULTS);
	Object.assign(p, { e164, account, password, callLevel: 4, lineCapacity: 2, lineCallIn: 2, lineCallOut: 2 });
	Object.assign(p.infoPhoneAdditional as Rec, { registerType: 1, protocol: 1, rtpRelay: 0, callDurationLimit: -1, dtmfSIPSendMethod: 0 });
	Object.assign(p.infoPhoneValueAdded as Rec, { callerIdDisplay: true, callTransfer: true, voiceMailMaxNumber: -1, voiceMailExpireDay: -1 });
	for (const k of ['unconditionalForwardE164', 'noAnswerForwardE164', 'offlineForwardE164', 'busyForwardE164']) {
		((p.infoPhoneValueAdded as Rec)[k] as Rec).alertSecond = -1;
	}
	return p;
}

export function seedPhones(s: Vos3000State, now: number): void {
	for (const [e164, account] of [
		['1001001', '1001'],
		['1001002', '1001'],
		['1002001', '1002'],
	] as const) {
		const p = newPhone(e164, account, `pw${e164}`);
		p.displayNumber = e164;
		s.phones.set(e164, p);
	}
	(s.phones.get('1001001') as Rec).dids = '1001001,021-5550001';
	(s.phones.get('1001001') as Rec).infoPhoneAdditional.callStateReport = true;
	const access = newPhone(SEED.accessE164, '1001', SEED.accessE164Password);
	access.memo = 'IVR access number (callback / IVR flow)';
	Object.assign(access.infoPhoneAdditional as Rec, { ivrEquipmentType: 1, ivrServiceName: 'callback-demo', ivrCallbackBillingMode: 2, callStateReport: true, registerType: 0, ip: '127.0.0.1', port: 5060 });
	s.phones.set(SEED.accessE164, access);

	s.phoneOnline.set('1001001', { e164: '1001001', currentCall: 1, remoteIp: '192.168.1.101:5060', localIp: '127.0.0.1:5060', registerTime: now - 3600000, updateTime: now - 60000, protocol: 1, cryptoType: 0, productId: 'Yealink SIP-T21P_E2 52.84.0.15' });
	s.phoneOnline.set(SEED.accessE164, { e164: SEED.accessE164, currentCall: 0, remoteIp: '127.0.0.1:5060', localIp: '127.0.0.1:5060', registerTime: now - DAY_MS, updateTime: now - 30000, protocol: 1, cryptoType: 0, productId: 'VOS3000 IVR' });
}

export const phoneHandlers: Record<string, Vos3000Handler> = {
	// 3.6
	CreatePhone(b, { state }) {
		const auto = bool(b, 'autoCreateAccount');
		const e164 = str(b, 'e164');
		if (!/^[0-9A-Za-z*#+_-]+$/.test(e164)) throw invalid('Invalid parameter e164');
		if (state.phones.has(e164)) throw alreadyExists('Phone', e164);
		let account = str(b, 'account', '');
		if (auto) {
			if (!account) account = e164;
			if (!state.customers.has(account)) {
				const c = newCustomer(account, account, Date.now());
				c.feeRateGroup = state.feeRateGroups.has(SEED.feeRateGroup) ? SEED.feeRateGroup : '';
				state.customers.set(account, c);
				state.payHistory.push({ account, fee: 0, type: 2, payType: 0, customerMoney: 0, payTime: Date.now(), memo: `auto-created with phone ${e164}` });
			}
		} else {
			if (!account) throw missing('account (autoCreateAccount is false)');
			customer(state, account);
		}
		const generated = !has(b, 'password');
		const password = generated ? randomDigits(8) : str(b, 'password');
		const p = newPhone(e164, account, password);
		mergeKnown(p, b, PHONE_DEFAULTS);
		p.e164 = e164;
		p.account = account;
		p.password = password;
		if (has(b, 'callLevel')) oneOf('callLevel', int(b, 'callLevel'), [1, 2, 4, 5]);
		if (has(b, 'lockType')) oneOf('lockType', int(b, 'lockType'), [0, 1, 2, 3]);
		state.phones.set(e164, p);
		return generated ? { password } : {};
	},
	// 3.7
	ModifyPhone(b, { state }) {
		const p = phone(state, str(b, 'e164'));
		if (has(b, 'account') && str(b, 'account')) customer(state, str(b, 'account'));
		if (has(b, 'callLevel')) oneOf('callLevel', int(b, 'callLevel'), [1, 2, 3, 4]); // 1,2,3,4 here (1,2,4,5 in CreatePhone)
		if (has(b, 'lockType')) oneOf('lockType', int(b, 'lockType'), [0, 1, 2, 3]);
		const e164 = p.e164;
		mergeKnown(p, b, PHONE_DEFAULTS);
		p.e164 = e164;
		return {};
	},
	// 3.8
	DeletePhone(b, { state }) {
		const p = phone(state, str(b, 'e164'));
		state.phones.delete(p.e164 as string);
		state.phoneOnline.delete(p.e164 as string);
		return {};
	},
	// 3.9
	GetPhone(b, { state }) {
		const e164s = strList(b, 'e164s');
		const accounts = strList(b, 'accounts');
		if (!e164s && !accounts) throw missing('e164s or accounts');
		return { infoPhones: selectEither(state.phones, ['e164', e164s], ['account', accounts]).map(clone) };
	},
	// 3.10
	GetPhoneOnline(b, { state }) {
		const e164s = strList(b, 'e164s') ?? [];
		return { infoPhoneOnlines: e164s.filter((e) => state.phoneOnline.has(e)).map((e) => clone(state.phoneOnline.get(e) as Rec)) };
	},
	// 3.83
	GetAllPhoneOnline(_b, { state }) {
		return { e164s: [...state.phoneOnline.keys()] };
	},
};
