/** Extensions: extensionlist/query, extension/query|add|update|delete (nodes/OpenVoxUc/spec/extension.ts). */
import type { Emulator } from './emulator';
import { ON_OFF, UcError, list, need, opt, requireExt, selectByList, type Body, type Handler } from './handler';
import { ext } from './seed';
import type { Rec } from './types';

const EXT_FIELDS_FROM_REQUEST: Record<string, string> = { loginpassword: 'userpassword', mobile: 'moblie' };
const EXT_SETTABLE = ['username', 'callerid', 'registerpassword', 'maxregistrations', 'loginpassword', 'email', 'mobile', 'hasvoicemail', 'vmsecret', 'enablevmtoemail',
	'noanswerforward', 'ntransferto', 'ntransferext', 'ntransferprefix', 'ntransfernum', 'busyforward', 'btransferto', 'btransferext', 'btransferprefix', 'btransfernum',
	'enablemobile', 'ringsimultaneous', 'mobileprefix', 'allowbeingmonitored', 'monitormode', 'ringtimeout', 'maxduration', 'dnd', 'language'];
const EXT_ON_OFF = ['hasvoicemail', 'enablevmtoemail', 'noanswerforward', 'busyforward', 'enablemobile', 'ringsimultaneous', 'allowbeingmonitored', 'dnd'];
const MONITOR_MODES = ['disabled', 'disable', 'extensive', 'listen', 'whisper', 'barge-in'];
const TRANSFER_TO = ['Voicemail', 'Extension', 'Mobile Number', 'Custom Number'];

function applyExtension(e: Rec, b: Body): void {
	for (const k of EXT_SETTABLE) {
		const v = opt(b, k);
		if (v === undefined) continue;
		if (EXT_ON_OFF.includes(k) && !ON_OFF.includes(v)) throw new UcError('10017');
		if (k === 'monitormode' && !MONITOR_MODES.includes(v.toLowerCase())) throw new UcError('10017');
		if ((k === 'ntransferto' || k === 'btransferto') && v !== '' && !TRANSFER_TO.includes(v)) throw new UcError('10017');
		e[EXT_FIELDS_FROM_REQUEST[k] ?? k] = v;
	}
}

function extInfo(this: Emulator, e: Rec): Record<string, unknown> {
	const out: Record<string, unknown> = {
		extnumber: e.extnumber, username: e.username, type: e.type, noanswerforward: e.noanswerforward, busyforward: e.busyforward,
		status: this.liveStatus(e, 'query'), callerid: e.callerid, userpassword: e.userpassword, registerpassword: e.registerpassword,
		email: e.email, moblie: e.moblie, maxregistrations: e.maxregistrations, hasvoicemail: e.hasvoicemail, vmsecret: e.vmsecret,
		enablevmtoemail: e.enablevmtoemail, language: e.language,
		ntransferto: e.ntransferto, ntransferext: e.ntransferext, ntransferprefix: e.ntransferprefix, ntransfernum: e.ntransfernum,
		btransferto: e.btransferto, btransferext: e.btransferext, btransferprefix: e.btransferprefix, btransfernum: e.btransfernum,
		enablemobile: e.enablemobile, ringsimultaneous: e.ringsimultaneous, mobileprefix: e.mobileprefix,
		allowbeingmonitored: e.allowbeingmonitored, monitormode: e.monitormode, ringtimeout: e.ringtimeout, maxduration: e.maxduration, dnd: e.dnd,
	};
	if (e.port) out.port = e.port;
	const c = this.callOf(e.extnumber);
	if (c) {
		if (c.kind === 'inbound') out.inbound = { inboundid: c.inboundid, from: c.caller, to: c.callee, trunk: c.trunk };
		else if (c.kind === 'outbound') out.outbound = { outboundid: c.outboundid, from: c.caller, to: c.callee, trunk: c.trunk };
		else out.ext = { extid: c.caller === e.extnumber ? c.callee : c.caller };
	}
	return out;
}

export const extensionRoutes: Record<string, Handler> = {
	'extensionlist/query'() {
		const extlist = [...this.state.extensions.values()]
			.sort((a, b) => a.extnumber.localeCompare(b.extnumber, 'en', { numeric: true }))
			.map((e) => {
				const o: Rec = { extnumber: e.extnumber, status: this.liveStatus(e, 'list'), type: e.type, username: e.username, agentid: e.agentid ?? '' };
				if (e.port) o.port = e.port;
				return o;
			});
		return { extlist };
	},
	'extension/query'(ctx) {
		const spec = opt(ctx.body, 'extid');
		const found = selectByList(this.state.extensions, spec);
		if (spec && spec.toLowerCase() !== 'all' && found.length === 0) throw new UcError('10006');
		return { extinfos: found.map((e) => extInfo.call(this, e)) };
	},
	'extension/add'(ctx) {
		let number = opt(ctx.body, 'number');
		if (!number) {
			let n = 1000;
			while (this.state.extensions.has(String(n))) n++;
			number = String(n);
		}
		if (!/^\d{1,7}$/.test(number) || this.state.extensions.has(number)) throw new UcError('10017');
		const e = ext(number, number, 'Unavailable');
		applyExtension(e, ctx.body);
		this.state.extensions.set(number, e);
		return {};
	},
	'extension/update'(ctx) {
		const [extid] = need(ctx.body, 'extid');
		const e = requireExt.call(this, extid);
		const copy = { ...e };
		applyExtension(copy, ctx.body);
		const newNumber = opt(ctx.body, 'extnumber');
		if (newNumber && newNumber !== extid) {
			if (!/^\d{1,7}$/.test(newNumber) || this.state.extensions.has(newNumber)) throw new UcError('10017');
			copy.extnumber = newNumber;
			this.state.extensions.delete(extid);
		}
		this.state.extensions.set(copy.extnumber, copy);
		return {};
	},
	'extension/delete'(ctx) {
		const [number] = need(ctx.body, 'number');
		const nums = list(number);
		for (const n of nums) requireExt.call(this, n);
		for (const n of nums) this.state.extensions.delete(n);
		return {};
	},
};
