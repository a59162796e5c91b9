/** Inbound route actions (nodes/ucm/spec/inboundRoute.ts): DID patterns per trunk and their destination. */
import { deepClone } from '../kit';
import { deleteRow, existing, listPage, markChanged, merge, need, nextIndex, opt, UcmError, type Body, type Handler, type Rec } from './api';
import type { EmulatedUcm } from './emulator';
import { ivrKey } from './ivr';

export const inboundRouteSeed: Rec[] = [
	{ inbound_rt_index: 1, trunk_index: 1, did_pattern_match: '_X.', did_pattern_allow: '', did_strip: 0, destination_type: 'account', account: '1000', queue: null, ivr: null, ringgroup: null, voicemail: null, conference: null, paginggroup: null, vmgroup: null, fax: null, disa: null, directory: null, callback: null, external_number: null, announcement: null, out_of_service: 'no', permission: 'internal', en_multi_mode: 'no', enable_inbound_muti_mode: 'no', inbound_muti_mode: 0, inbound_suffix: null, incoming_prepend: null, prepend_trunk_name: 'no', set_callerid_enable: 'no', set_callerid_name: '${CALLERID(name)}', set_callerid_number: '${CALLERID(num)}', alertinfo: null, members: [] },
	{ inbound_rt_index: 2, trunk_index: 1, did_pattern_match: '_8005550100', did_pattern_allow: '', did_strip: 0, destination_type: 'queue', account: null, queue: '6500', ivr: null, ringgroup: null, voicemail: null, conference: null, paginggroup: null, vmgroup: null, fax: null, disa: null, directory: null, callback: null, external_number: null, announcement: null, out_of_service: 'no', permission: 'internal', en_multi_mode: 'no', enable_inbound_muti_mode: 'no', inbound_muti_mode: 0, inbound_suffix: null, incoming_prepend: null, prepend_trunk_name: 'no', set_callerid_enable: 'no', set_callerid_name: '${CALLERID(name)}', set_callerid_number: '${CALLERID(num)}', alertinfo: null, members: [] },
];

function checkDestination(emu: EmulatedUcm, b: Body): void {
	const t = opt(b, 'destination_type');
	if (t === undefined) return;
	const refs: Record<string, (v: string) => boolean> = {
		account: (v) => emu.state.accounts.has(v), queue: (v) => emu.state.queues.has(v), ringgroup: (v) => emu.state.ringGroups.has(v),
		ivr: (v) => { try { ivrKey(emu, v); return true; } catch { return false; } }, paginggroup: (v) => emu.state.paginggroups.has(v),
		voicemail: (v) => emu.state.accounts.has(v),
	};
	const known = ['account', 'voicemail', 'queue', 'ringgroup', 'vmgroup', 'ivr', 'conference', 'multimedia_conference', 'fax', 'disa', 'directory', 'callback', 'external_number', 'paginggroup', 'announcement', 'byDID', 'hangup'];
	if (!known.includes(t)) throw new UcmError(-15);
	const check = refs[t];
	if (check) {
		const v = opt(b, t);
		if (!v) throw new UcmError(-1);
		if (!check(v)) throw new UcmError(-16);
	}
}

export const inboundRouteHandlers: Record<string, Handler> = {
	listinboundroute(emu, ctx) {
		const [trunk] = need(ctx.body, 'trunk_index');
		return listPage('inbound_route', [...emu.state.inboundRoutes.values()].filter((r) => Number(r.trunk_index) === Number(trunk)).map((r) => ({ ...r })), ctx.body);
	},
	addinboundroute(emu, ctx) {
		const [trunk] = need(ctx.body, 'trunk_index');
		if (!emu.state.sipTrunks.has(Number(trunk)) && !emu.state.analogTrunks.has(Number(trunk)) && !emu.state.digitalTrunks.has(Number(trunk))) throw new UcmError(-16);
		const match = opt(ctx.body, 'did_pattern_match') ?? '_X.';
		if ([...emu.state.inboundRoutes.values()].some((r) => Number(r.trunk_index) === Number(trunk) && r.did_pattern_match === match)) throw new UcmError(-44);
		checkDestination(emu, ctx.body);
		const idx = nextIndex(emu.state.inboundRoutes);
		const r: Rec = { ...deepClone(inboundRouteSeed[0]), account: null, inbound_rt_index: idx };
		merge(r, ctx.body, ['inbound_route', 'inbound_rt_index']);
		r.trunk_index = Number(trunk);
		r.did_pattern_match = match;
		emu.state.inboundRoutes.set(idx, r);
		return markChanged(emu);
	},
	getinboundroute(emu, ctx) {
		const [id] = need(ctx.body, 'inbound_route');
		const r = existing(emu.state.inboundRoutes, Number(id));
		return {
			inbound_did_destination: { dial_trunk: 'yes', ext_conference: 'yes', ext_directory: 'yes', ext_fax: 'yes', ext_group: 'yes', ext_local: 'yes', ext_multimedia_conference: 'yes', 'ext.paging': 'yes', ext_queues: 'yes', inbound_rt_index: r.inbound_rt_index, voicemailgroups: 'yes', voicemenus: 'yes' },
			inbound_routes: { ...r },
		};
	},
	updateinboundroute(emu, ctx) {
		const [id] = need(ctx.body, 'inbound_route');
		const r = existing(emu.state.inboundRoutes, Number(id));
		checkDestination(emu, ctx.body);
		merge(r, ctx.body, ['inbound_route', 'inbound_rt_index', 'trunk_index']);
		return markChanged(emu);
	},
	deleteinboundroute: deleteRow('inbound_route', (emu) => emu.state.inboundRoutes, Number),
};
