/** Extension actions (nodes/ucm/spec/extension.ts): SIP accounts with their presence settings and users. */
import { deepClone } from '../kit';
import { existing, listPage, markChanged, merge, need, opt, selectFields, str, UcmError, yesNo, type Body, type Handler, type Rec } from './api';
import type { EmulatedUcm } from './emulator';
import { liveStatus } from './liveCalls';
import { newUser } from './user';

const PRESENCE = ['available', 'away', 'chat', 'unavailable', 'userdef'];

export function account(extension: string, fullname: string | null, status: string, addr: string, over: Rec = {}): Rec {
	return {
		extension, fullname, status, addr, account_type: 'SIP(WebRTC)',
		secret: `Sec#${extension}x`, vmsecret: extension.split('').reverse().join(''), hasvoicemail: 'yes', cidnumber: extension,
		skip_vmsecret: 'no', ring_timeout: null, auto_record: 'off', encryption: 'no', faxdetect: 'no', sendtofax: null,
		strategy_ipacl: 0, local_network1: null, specific_ip: null, allow: 'ulaw,alaw,gsm,g726,g722,g729,h264,ilbc',
		dnd: 'no', dnd_timetype: 0, permission: 'internal', nat: 'yes', bypass_outrt_auth: 'no', skip_auth_timetype: 0,
		t38_udptl: 'no', directmedia: 'no', dtmfmode: 'rfc4733', enable_qualify: 'no', qualifyfreq: 60, authid: null,
		tel_uri: 'disabled', enablehotdesk: 'no', user_outrt_passwd: null, out_of_service: 'no', max_contacts: 1,
		mohsuggest: 'default', presence_status: 'available', email: null, language: 'default', alertinfo: null,
		enable_webrtc: 'yes', media_encryption: 'auto_dtls', missed_call: 'no', ringboth_timetype: 0, sca_enable: 'no',
		urgmsg: 0, newmsg: 0, oldmsg: 0, ...over,
	};
}

export function presenceSettings(): Rec[] {
	return PRESENCE.map((p) => ({
		cfb: null, cfb_destination_type: '0', cfb_timetype: 0, cfn: null, cfn_destination_type: '0', cfn_timetype: 0,
		cfu: null, cfu_destination_type: '0', cfu_timetype: 0, presence_status: p,
	}));
}

export const extensionSeed: Rec[] = [
	account('1000', 'Alice', 'Idle', '192.168.5.95:62144'),
	account('1001', 'Bob', 'Idle', '192.168.5.96:5060', { account_type: 'SIP' }),
	account('1002', 'Carol', 'Idle', '192.168.5.97:5060', { account_type: 'SIP', auto_record: 'on' }),
	account('1003', null, 'Unavailable', '-', { account_type: 'SIP' }),
	account('1004', 'Eve', 'Idle', '192.168.5.99:5060', { account_type: 'SIP', newmsg: 2, oldmsg: 1 }),
	account('1005', 'Lobby', 'Idle', '192.168.5.100:5060', { account_type: 'SIP', hasvoicemail: 'no' }),
];

export function requireExt(emu: EmulatedUcm, n: string): Rec {
	const a = existing(emu.state.accounts, n);
	if (a.out_of_service === 'yes') throw new UcmError(-15);
	return a;
}

function accountListView(emu: EmulatedUcm, a: Rec): Rec {
	return {
		extension: a.extension, account_type: a.account_type, fullname: a.fullname, status: liveStatus(emu, str(a.extension)), addr: a.addr,
		out_of_service: a.out_of_service, email: a.email, presence_status: a.presence_status, urgmsg: a.urgmsg, newmsg: a.newmsg, oldmsg: a.oldmsg,
		dnd: a.dnd, permission: a.permission,
	};
}

const ACCOUNT_ENUMS: Record<string, string[]> = {
	hasvoicemail: ['yes', 'no'], skip_vmsecret: ['yes', 'no'], encryption: ['yes', 'no', 'support'], faxdetect: ['yes', 'no'],
	auto_record: ['on', 'off', 'all', 'external', 'internal', 'yes', 'no'], dnd: ['yes', 'no'], nat: ['yes', 'no'],
	permission: ['internal', 'internal-local', 'internal-local-national', 'internal-local-national-international'],
	out_of_service: ['yes', 'no'], enablehotdesk: ['yes', 'no'], t38_udptl: ['yes', 'no'], enable_qualify: ['yes', 'no'],
	dtmfmode: ['rfc2833', 'rfc4733', 'info', 'inband', 'auto'],
};

function applyAccount(emu: EmulatedUcm, acct: Rec, b: Body): void {
	for (const [k, vals] of Object.entries(ACCOUNT_ENUMS)) yesNo(b, k, vals);
	const secret = opt(b, 'secret');
	if (secret !== undefined && (secret.length < 4 || secret.length > 32)) throw new UcmError(-15);
	const vm = opt(b, 'vmsecret');
	if (vm !== undefined && vm !== '' && !/^\d{4,32}$/.test(vm) && emu.brand === 'fiberme') throw new UcmError(-15);
	const cid = opt(b, 'cidnumber');
	if (cid !== undefined && cid !== '' && !/^\+?[\d*#]{2,32}$/.test(cid)) throw new UcmError(-15);
	const pres = (b.sip_presence_settings ?? b.presence_settings) as unknown;
	merge(acct, b, ['sip_presence_settings', 'presence_settings', 'user_password', 'wave_privilege_id', 'extension']);
	if (Array.isArray(pres)) {
		const list = emu.state.presence.get(str(acct.extension)) ?? presenceSettings();
		for (const p of pres as Rec[]) {
			const row = list.find((x) => x.presence_status === p.presence_status);
			if (!row) throw new UcmError(-15);
			Object.assign(row, p);
		}
		emu.state.presence.set(str(acct.extension), list);
	}
}

export const extensionHandlers: Record<string, Handler> = {
	listaccount(emu, ctx) {
		return listPage('account', [...emu.state.accounts.values()].sort((a, b) => str(a.extension).localeCompare(str(b.extension))).map((a) => accountListView(emu, a)), ctx.body);
	},
	getsipaccount(emu, ctx) {
		const [ext] = need(ctx.body, 'extension');
		const a = existing(emu.state.accounts, ext);
		const full: Rec = { ...a, status: liveStatus(emu, ext) };
		delete full.urgmsg; delete full.newmsg; delete full.oldmsg;
		const r: Rec = {};
		if (emu.brand === 'grandstream') r.cti_feature_privilege = { active_call: 'yes', callbarge: 'yes', extension_status: 'yes', hangup: 'yes' };
		r.extension = selectFields(full, ctx.body, ['extension']);
		r.sip_presence_settings = deepClone(emu.state.presence.get(ext) ?? presenceSettings());
		r.voicemail = { vm_attach: a.vm_attach ?? null, vm_reserve: a.vm_reserve ?? null };
		return r;
	},
	updatesipaccount(emu, ctx) {
		const [ext] = need(ctx.body, 'extension');
		const a = existing(emu.state.accounts, ext);
		applyAccount(emu, a, ctx.body);
		emu.state.needApply = true;
		return { extension: { alertinfo: a.alertinfo ?? null, extension: ext } };
	},
	addsipaccountanduser(emu, ctx) {
		const [ext] = need(ctx.body, 'extension');
		if (!/^\d{1,18}$/.test(ext)) throw new UcmError(-15);
		if (emu.state.accounts.has(ext) || emu.state.users.has(ext) || emu.state.queues.has(ext) || emu.state.paginggroups.has(ext) || emu.state.ringGroups.has(ext)) throw new UcmError(-44);
		const a = account(ext, null, 'Unavailable', '-', { account_type: 'SIP' });
		applyAccount(emu, a, ctx.body);
		if (ctx.body.fullname === undefined && (ctx.body.first_name || ctx.body.last_name)) a.fullname = [ctx.body.first_name, ctx.body.last_name].filter(Boolean).join(' ');
		emu.state.accounts.set(ext, a);
		if (!emu.state.presence.has(ext)) emu.state.presence.set(ext, presenceSettings());
		const id = Math.max(0, ...[...emu.state.users.values()].map((u) => Number(u.user_id))) + 1;
		const u = newUser(id, ext, a);
		if (ctx.body.user_password !== undefined) u.user_password = str(ctx.body.user_password);
		for (const k of ['first_name', 'last_name', 'email', 'department', 'phone_number', 'language']) if (ctx.body[k] !== undefined) u[k] = ctx.body[k];
		emu.state.users.set(ext, u);
		return markChanged(emu);
	},
	deleteuser(emu, ctx) {
		const [name] = need(ctx.body, 'user_name');
		if (name === 'admin') throw new UcmError(-47);
		if (!emu.state.users.has(name) && !emu.state.accounts.has(name)) throw new UcmError(-16);
		emu.state.users.delete(name);
		emu.state.accounts.delete(name);
		emu.state.presence.delete(name);
		emu.state.chats.delete(name);
		return markChanged(emu);
	},
};
