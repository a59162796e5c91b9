/** pmsapi (nodes/ucm/spec/pms.ts): hotel check-in/out, wake-up calls, minibar, call forward and DND by room. */
import { md5 } from '../kit';
import { need, opt, str, UcmError, type Handler, type Rec } from './api';
import type { EmulatedUcm } from './emulator';

/** pmsapi `token` = md5(PMS username + PMS password) (the manual does not give the order; both orders are accepted). */
export const UCM_DEFAULT_PMS_USERNAME = 'pms';
export const UCM_DEFAULT_PMS_PASSWORD = 'pms123';

export interface UcmPmsRoom { address: string; room: string; guest?: Rec; wakeups: Rec[]; cfu?: string; dnd?: string }

/** pmsapi `data`: XML `<pms_data_request><op>..</op></pms_data_request>` or JSON `{"op":{..}}` -> list of operations. */
export function parsePmsData(data: unknown, format?: string): Array<{ op: string; fields: Record<string, string> }> {
	if (data && typeof data === 'object') {
		return Object.entries(data as Rec).map(([op, v]) => ({ op: op.toLowerCase(), fields: flatStrings(v) }));
	}
	const text = str(data).trim();
	if (!text) return [];
	if (format === 'json' || text.startsWith('{')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			throw new UcmError(-1, { error: 'Invalid JSON in data' });
		}
		return parsePmsData(parsed ?? {}, 'json');
	}
	const inner = /<pms_data_request>([\s\S]*?)<\/pms_data_request>/i.exec(text)?.[1] ?? text;
	const ops: Array<{ op: string; fields: Record<string, string> }> = [];
	const re = /<(\w+)>((?:(?!<\1>)[\s\S])*?)<\/\1>/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(inner))) {
		if (/<\w+>/.test(m[2])) ops.push({ op: m[1].toLowerCase(), fields: xmlFields(m[2]) });
	}
	if (ops.length === 0) {
		// The manual's DND example has no <dnd> element: bare fields with <status> mean dnd.
		const fields = xmlFields(inner.replace(/<\/\w+>\s*$/, ''));
		if (fields.status !== undefined) ops.push({ op: 'dnd', fields });
		else if (Object.keys(fields).length) throw new UcmError(-1, { error: 'Unknown PMS operation' });
	}
	return ops;
}

function xmlFields(s: string): Record<string, string> {
	const out: Record<string, string> = {};
	const re = /<(\w+)>([^<]*)<\/\1>|<(\w+)\s*\/>/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(s))) {
		if (m[1]) out[m[1].toLowerCase()] = m[2].trim();
		else if (m[3]) out[m[3].toLowerCase()] = '';
	}
	return out;
}

function flatStrings(v: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (v && typeof v === 'object') for (const [k, x] of Object.entries(v as Rec)) out[k.toLowerCase()] = str(x);
	return out;
}

/** add/del operations on the minibar lists: the list, the field that keys it, the refusal of an unknown key. */
const MINIBAR_LISTS: Record<string, { list: 'minibars' | 'goods' | 'waiters'; key: string; gone: string }> = {
	minibar: { list: 'minibars', key: 'barcode', gone: 'minibar does not exist' },
	minibargoods: { list: 'goods', key: 'goodscode', gone: 'goods do not exist' },
	minibarwaiter: { list: 'waiters', key: 'maidcode', gone: 'waiter does not exist' },
};

function pmsOp(emu: EmulatedUcm, op: string, f: Record<string, string>): void {
	const pms = emu.state.pms;
	const roomOf = (create: boolean): UcmPmsRoom => {
		const address = f.address;
		if (!address) throw new UcmError(-1, { error: 'address is required' });
		if (!emu.state.accounts.has(address)) throw new UcmError(-1, { error: `address ${address} does not exist` });
		let r = pms.rooms.get(address);
		if (!r && create) {
			r = { address, room: f.room ?? address, wakeups: [] };
			pms.rooms.set(address, r);
		}
		if (!r) throw new UcmError(-1, { error: `address ${address} is not checked in` });
		return r;
	};
	const guestFields = ['account', 'firstname', 'lastname', 'language', 'vipcode', 'datein', 'dateout', 'credit', 'cos'];
	const minibarOp = /^(add|del)(\w+)$/.exec(op);
	const minibarList = minibarOp ? MINIBAR_LISTS[minibarOp[2]] : undefined;
	if (minibarOp && minibarList) {
		const { list, key, gone } = minibarList;
		const code = f[key];
		if (minibarOp[1] === 'add') {
			if (!code) throw new UcmError(-1, { error: `${key} is required` });
			pms[list].set(code, { ...f });
		} else if (!pms[list].delete(code ?? '')) throw new UcmError(-1, { error: gone });
		pms.log.push({ op, ...f, at: Date.now() });
		return;
	}
	switch (op) {
		case 'checkin': {
			const r = roomOf(true);
			if (r.guest) throw new UcmError(-1, { error: `address ${r.address} is already checked in` });
			if (f.cos && !/^[1-4]$/.test(f.cos)) throw new UcmError(-1, { error: 'cos must be 1-4' });
			r.room = f.room ?? r.room;
			r.guest = Object.fromEntries(guestFields.filter((k) => f[k] !== undefined).map((k) => [k, f[k]]));
			const acct = emu.state.accounts.get(r.address);
			if (acct) acct.fullname = [f.firstname, f.lastname].filter(Boolean).join(' ') || acct.fullname;
			break;
		}
		case 'update': {
			const r = roomOf(false);
			if (!r.guest) throw new UcmError(-1, { error: `address ${r.address} is not checked in` });
			for (const k of guestFields) if (f[k] !== undefined) r.guest[k] = f[k];
			break;
		}
		case 'mov': {
			const r = roomOf(false);
			if (!r.guest) throw new UcmError(-1, { error: `address ${r.address} is not checked in` });
			const to = f.d_address;
			if (!to || !emu.state.accounts.has(to)) throw new UcmError(-1, { error: 'd_address does not exist' });
			if (pms.rooms.get(to)?.guest) throw new UcmError(-1, { error: `address ${to} is occupied` });
			pms.rooms.set(to, { address: to, room: f.d_room ?? f.r_room ?? to, guest: r.guest, wakeups: r.wakeups });
			pms.rooms.delete(r.address);
			break;
		}
		case 'wakeup': {
			const r = roomOf(true);
			if (!/^[01]$/.test(f.w_action ?? '')) throw new UcmError(-1, { error: 'w_action must be 0 or 1' });
			if (f.w_action === '1') {
				if (!/^\d{4}$/.test(f.w_time ?? '') || (f.w_date !== undefined && !/^\d{8}$/.test(f.w_date))) throw new UcmError(-1, { error: 'bad w_date/w_time' });
				r.wakeups = r.wakeups.filter((w) => !(w.w_date === f.w_date && w.w_time === f.w_time));
				r.wakeups.push({ w_mode: f.w_mode ?? '1', w_date: f.w_date ?? '', w_time: f.w_time });
			} else r.wakeups = f.w_time ? r.wakeups.filter((w) => w.w_time !== f.w_time) : [];
			break;
		}
		case 'checkout': {
			const r = roomOf(false);
			if (!r.guest) throw new UcmError(-1, { error: `address ${r.address} is not checked in` });
			pms.rooms.delete(r.address);
			break;
		}
		case 'cfu': {
			const r = roomOf(true);
			r.cfu = f.cfwt ?? '';
			const pres = emu.state.presence.get(r.address)?.find((p) => p.presence_status === 'available');
			if (pres) {
				pres.cfu = r.cfu || null;
				pres.cfu_destination_type = r.cfu ? '1' : '0';
			}
			break;
		}
		case 'dnd': {
			const r = roomOf(true);
			if (!/^[01]$/.test(f.status ?? '')) throw new UcmError(-1, { error: 'status must be 0 or 1' });
			r.dnd = f.status;
			const acct = emu.state.accounts.get(r.address);
			if (acct) acct.dnd = f.status === '1' ? 'yes' : 'no';
			break;
		}
		default:
			throw new UcmError(-1, { error: `Unknown PMS operation ${op}` });
	}
	pms.log.push({ op, ...f, at: Date.now() });
}

export const pmsHandlers: Record<string, Handler> = {
	pmsapi(emu, ctx) {
		const [token] = need(ctx.body, 'token');
		const u = emu.options.pmsUsername;
		const p = emu.options.pmsPassword;
		if (![md5(u + p), md5(p + u)].includes(token.toLowerCase())) throw new UcmError(-1, { error: 'Invalid token' });
		const format = opt(ctx.body, 'format');
		if (format && !['xml', 'json'].includes(format.toLowerCase())) throw new UcmError(-1, { error: 'Invalid format' });
		if (ctx.body.data === undefined || ctx.body.data === '') throw new UcmError(-1, { error: 'data is required' });
		const ops = parsePmsData(ctx.body.data, format?.toLowerCase());
		if (!ops.length) throw new UcmError(-1, { error: 'No PMS operation in data' });
		for (const o of ops) pmsOp(emu, o.op, o.fields);
		return {};
	},
};
