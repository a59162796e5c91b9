/** IVR actions (nodes/ucm/spec/ivr.ts). */
import { deepClone } from '../kit';
import { listPage, markChanged, merge, need, opt, str, UcmError, yesNo, type Body, type Handler, type Rec } from './api';
import type { EmulatedUcm } from './emulator';

export const ivrSeed: Rec[] = [
	{ ivr_id: 'ivr-1', ivr_name: '7000', extension: '7000', welcome_prompt: 'welcome', response_timeout: 10, digit_timeout: 3, timeout_prompt: 'ivr-create-timeout', invalid_prompt: 'invalid', tloop: 3, iloop: 3, dial_extension: 'no', dial_conference: 'no', dial_queue: 'no', dial_ringgroup: 'no', dial_vmgroup: 'no', 'dial.paginggroup': 'no', dial_fax: 'no', dial_trunk: 'yes', dial_directory: 'no', dial_failed_back2menu: 'no', dial_multimedia_conference: 'no', permission: 'internal-local', language: null, alertinfo: 'ring1', replace_caller_id: 'yes', switch: 'no', ivr_blackwhite_list: '', ivr_out_blackwhite_list: '1000', members: [{ keypress: '1', keypress_event: 'account', account: '1000' }, { keypress: 't', keypress_event: 'member_prompt', member_prompt: 'goodbye' }] },
];

/** An IVR by id or by its extension. */
export function ivrKey(emu: EmulatedUcm, id: string): string {
	if (emu.state.ivrs.has(id)) return id;
	for (const [k, v] of emu.state.ivrs) if (str(v.extension) === id) return k;
	throw new UcmError(-16);
}

function checkIvr(b: Body): void {
	for (const k of ['response_timeout', 'digit_timeout', 'tloop', 'iloop']) {
		const v = opt(b, k);
		if (v !== undefined && v !== '' && !/^\d+$/.test(v)) throw new UcmError(-15);
	}
	for (const k of ['dial_extension', 'dial_conference', 'dial_queue', 'dial_ringgroup', 'dial_vmgroup', 'dial_paginggroup', 'dial.paginggroup', 'dial_fax', 'dial_trunk', 'dial_directory', 'replace_caller_id', 'switch']) yesNo(b, k);
}

export const ivrHandlers: Record<string, Handler> = {
	addivr(emu, ctx) {
		const [name, ext] = need(ctx.body, 'ivr_name', 'extension');
		if ([...emu.state.ivrs.values()].some((i) => i.extension === ext) || emu.state.accounts.has(ext) || emu.state.queues.has(ext)) throw new UcmError(-44);
		checkIvr(ctx.body);
		const ids = [...emu.state.ivrs.keys()].map((k) => Number(k.replace('ivr-', '')) || 0);
		const id = `ivr-${Math.max(0, ...ids) + 1}`;
		const r: Rec = { ...deepClone(ivrSeed[0]), members: [], ivr_out_blackwhite_list: '', ivr_id: id };
		merge(r, ctx.body, ['ivr']);
		r.ivr_name = name;
		emu.state.ivrs.set(id, r);
		return markChanged(emu);
	},
	listivr(emu, ctx) {
		return listPage('ivr', [...emu.state.ivrs.values()].map((i) => { const r = { ...i }; delete r.members; delete r.ivr_blackwhite_list; delete r.ivr_out_blackwhite_list; return r; }), ctx.body);
	},
	getivr(emu, ctx) {
		const [id] = need(ctx.body, 'ivr');
		const r = { ...emu.state.ivrs.get(ivrKey(emu, id)) };
		const members = r.members ?? [];
		delete r.members;
		return { ivr: r, members };
	},
	updateivr(emu, ctx) {
		const [id] = need(ctx.body, 'ivr');
		const r = emu.state.ivrs.get(ivrKey(emu, id)) as Rec;
		checkIvr(ctx.body);
		merge(r, ctx.body, ['ivr', 'ivr_id']);
		return markChanged(emu);
	},
	deleteivr(emu, ctx) {
		const [id] = need(ctx.body, 'ivr');
		emu.state.ivrs.delete(ivrKey(emu, id));
		return markChanged(emu);
	},
};
