/** Paging/intercom group actions (nodes/ucm/spec/pagingGroup.ts), and multicast paging calls. */
import { randomInt } from 'node:crypto';
import { deepClone } from '../kit';
import { deleteRow, existing, listPage, markChanged, merge, need, NEED_APPLY_YES, opt, UcmError, type Handler, type Rec } from './api';
import { requireExt } from './extension';
import { callEvent, endCall, endCallLater, makeLeg, newCall } from './liveCalls';

export const pagingGroupSeed: Rec[] = [
	{ extension: '8004', paginggroup_name: '8004', paginggroup_type: '1way', members: '1000,1001,1002', number_allowed: '1000', custom_prompt: null, replace_caller_id: 'no', multicast_ip: 'null', multicast_port: 'null', limitime: 0, custom_date: '2018-08-01', time: '00:00', enable: 'yes', holiday: null, tmp: '8004' },
	{ extension: '8005', paginggroup_name: 'multicast', paginggroup_type: 'multicast', members: '1000,1001', number_allowed: '1004', custom_prompt: null, replace_caller_id: 'no', multicast_ip: '224.0.1.2', multicast_port: '8080', limitime: 0, custom_date: null, time: '00:00', enable: 'yes', holiday: null, tmp: '8005' },
];

export const pagingGroupHandlers: Record<string, Handler> = {
	addpaginggroup(emu, ctx) {
		const [ext, name, type] = need(ctx.body, 'extension', 'paginggroup_name', 'paginggroup_type');
		if (!['1way', '2way', 'multicast', 'announcement', 'annoucement'].includes(type)) throw new UcmError(-15);
		if (type === 'multicast') need(ctx.body, 'multicast_ip', 'multicast_port');
		if (emu.state.paginggroups.has(ext) || emu.state.accounts.has(ext) || emu.state.queues.has(ext)) throw new UcmError(-44);
		const p: Rec = { ...deepClone(pagingGroupSeed[0]), members: null, number_allowed: null, custom_date: null, tmp: ext };
		merge(p, ctx.body, ['paginggroup', 'old_multicast_ip', 'old_multicast_port']);
		p.paginggroup_name = name;
		emu.state.paginggroups.set(ext, p);
		return markChanged(emu);
	},
	listpaginggroup(emu, ctx) {
		return listPage('paginggroup', [...emu.state.paginggroups.values()].map((p) => { const r = { ...p }; delete r.number_allowed; return r; }), ctx.body);
	},
	getpaginggroup(emu, ctx) {
		const [id] = need(ctx.body, 'paginggroup');
		const p = existing(emu.state.paginggroups, id);
		return { paginggroup: { ...p } };
	},
	updatepaginggroup(emu, ctx) {
		const [id] = need(ctx.body, 'paginggroup');
		const p = existing(emu.state.paginggroups, id);
		const type = opt(ctx.body, 'paginggroup_type');
		if (type && !['1way', '2way', 'multicast', 'announcement', 'annoucement'].includes(type)) throw new UcmError(-15);
		merge(p, ctx.body, ['paginggroup', 'old_multicast_ip', 'old_multicast_port', 'extension']);
		const newExt = opt(ctx.body, 'extension');
		if (newExt && newExt !== id) {
			if (emu.state.paginggroups.has(newExt)) throw new UcmError(-44);
			emu.state.paginggroups.delete(id);
			p.extension = newExt;
			p.tmp = newExt;
			emu.state.paginggroups.set(newExt, p);
		}
		return markChanged(emu);
	},
	deletepaginggroup: deleteRow('paginggroup', (emu) => emu.state.paginggroups, String),
	multicastpaging(emu, ctx) {
		const [num, caller] = need(ctx.body, 'pagingnum', 'caller');
		existing(emu.state.paginggroups, num);
		requireExt(emu, caller);
		if ([...emu.state.calls.values()].some((c) => c.pagingnum === num)) throw new UcmError(-51);
		const leg = makeLeg(emu, num);
		leg.channel = `MulticastRTP/0x${randomInt(0x10000000, 0x7fffffff).toString(16)}`;
		const call = newCall(emu, makeLeg(emu, caller), leg, { service: 'page' });
		call.pagingnum = num;
		call.state = 'up';
		call.answeredAt = Date.now();
		callEvent(emu, 'answered', call);
		endCallLater(emu, call);
		return NEED_APPLY_YES;
	},
	multicastpaginghangup(emu, ctx) {
		const [num] = need(ctx.body, 'pagingnum');
		if (!emu.state.paginggroups.has(num)) throw new UcmError(-16);
		const call = [...emu.state.calls.values()].find((c) => c.pagingnum === num);
		if (!call) throw new UcmError(-16);
		endCall(emu, call, 'ANSWERED');
		return NEED_APPLY_YES;
	},
};
