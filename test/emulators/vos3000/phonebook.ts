/** VOS3000 emulator, phone books (manual 3.52-3.55): each account's short-number phone book, and the demo entries. */
import { VOS_RET } from './api';
import { customer } from './account';
import { alreadyExists, clone, has, int, invalid, isObj, missing, oneOf, str, strList, throwNotFound, VosError, optStr } from './fields';
import { DAY_MS } from './time';
import type { Rec, Vos3000Handler, Vos3000State } from './state';
import { removeEach } from './records';

/** The entry infoCustomerPhoneBookOverWrite points at (by e164 or by short number). */
function findPhoneBookEntry(book: Map<string, Rec>, b: Rec): Rec | undefined {
	const ow = b.infoCustomerPhoneBookOverWrite as Rec;
	if (has(ow, 'e164') && has(ow, 'shortE164')) throw invalid('infoCustomerPhoneBookOverWrite: e164 and shortE164 cannot both be set');
	if (has(ow, 'e164')) return book.get(String(ow.e164));
	if (has(ow, 'shortE164')) return [...book.values()].find((x) => (x.shortE164s as string[]).includes(String(ow.shortE164)));
	return undefined;
}

export function seedPhonebooks(s: Vos3000State, now: number): void {
	s.phoneBooks.set('1001', new Map([
		['1001002', { e164: '1001002', shortE164s: ['2'], name: 'Reception', department: 'Front desk', deviceType: 3, addressType: 1, type: 0, lastUpdateTime: now - 7 * DAY_MS, memo: '' }],
		['8613800138000', { e164: '8613800138000', shortE164s: ['88'], name: 'Supplier Wang', department: 'Purchasing', deviceType: 1, addressType: 1, type: 0, lastUpdateTime: now - 3 * DAY_MS, memo: '' }],
	]));
}

export const phonebookHandlers: Record<string, Vos3000Handler> = {
	// 3.52
	GetCustomerPhoneBook(b, { state }) {
		const account = optStr(b, 'account');
		const e164 = optStr(b, 'e164');
		if (account) customer(state, account);
		const out: Rec[] = [];
		for (const [acc, book] of state.phoneBooks) {
			if (account && acc !== account) continue;
			for (const entry of book.values()) if (!e164 || entry.e164 === e164) out.push(clone(entry));
		}
		return { infoCustomerPhoneBooks: out };
	},
	// 3.53
	CreateCustomerPhoneBook(b, { state }) {
		const c = customer(state, str(b, 'account'));
		const book = state.phoneBooks.get(c.account) ?? new Map<string, Rec>();
		const overwrite = isObj(b.infoCustomerPhoneBookOverWrite);
		if (!overwrite && !has(b, 'e164')) throw missing('e164 (required when infoCustomerPhoneBookOverWrite is not set)');
		const existing = overwrite ? findPhoneBookEntry(book, b) : undefined;
		const e164 = has(b, 'e164') ? str(b, 'e164') : (existing?.e164 as string | undefined);
		if (!e164) throw missing('e164');
		if (!overwrite && book.has(e164)) throw alreadyExists('Phone book entry', e164);
		if (!existing && c.phoneBookLimit > 0 && book.size >= c.phoneBookLimit) throw new VosError(VOS_RET.NOT_ALLOWED, 'Phone book limit reached');
		if (existing) book.delete(existing.e164 as string);
		book.set(e164, {
			e164,
			shortE164s: strList(b, 'shortE164s') ?? [],
			name: str(b, 'name', ''),
			department: str(b, 'department', ''),
			deviceType: oneOf('deviceType', int(b, 'deviceType', 0), [0, 1, 2, 3]),
			addressType: oneOf('addressType', int(b, 'addressType', 0), [0, 1, 2]),
			type: oneOf('type', int(b, 'type', 0), [0, 1]),
			lastUpdateTime: Date.now(),
			memo: str(b, 'memo', ''),
		});
		state.phoneBooks.set(c.account, book);
		return {};
	},
	// 3.54
	ModifyCustomerPhoneBook(b, { state }) {
		const c = customer(state, str(b, 'account'));
		const book = state.phoneBooks.get(c.account);
		const e = book?.get(str(b, 'e164')) ?? throwNotFound();
		if (has(b, 'newE164')) {
			const ne = str(b, 'newE164');
			if (ne !== e.e164 && book?.has(ne)) throw alreadyExists('Phone book entry', ne);
			book?.delete(e.e164 as string);
			e.e164 = ne;
			book?.set(ne, e);
		}
		if (has(b, 'shortE164s')) e.shortE164s = strList(b, 'shortE164s');
		for (const k of ['name', 'department', 'memo']) if (has(b, k)) e[k] = str(b, k);
		if (has(b, 'deviceType')) e.deviceType = oneOf('deviceType', int(b, 'deviceType'), [0, 1, 2, 3]);
		if (has(b, 'addressType')) e.addressType = oneOf('addressType', int(b, 'addressType'), [0, 1, 2]);
		if (has(b, 'type')) e.type = oneOf('type', int(b, 'type'), [0, 1]);
		e.lastUpdateTime = Date.now();
		return {};
	},
	// 3.55
	DeleteCustomerPhoneBook(b, { state }) {
		const c = customer(state, str(b, 'account'));
		const book = state.phoneBooks.get(c.account);
		return removeEach(book, strList(b, 'e164s'));
	},
};
