/** Trunk actions (nodes/ucm/spec/trunk.ts): SIP trunks (both brands), analog, SLA and digital trunks (Grandstream). */
import { deepClone } from '../kit';
import { deleteRow, existing, firstField, getRow, listPage, markChanged, merge, need, nextIndex, opt, str, UcmError, yesNo, type Handler, type Rec } from './api';

function sipTrunk(index: number, name: string, type: 'peer' | 'register', host: string, over: Rec = {}): Rec {
	return {
		trunk_index: index, trunk_name: name, trunk_type: type, type: 'SIP', host, username: null, secret: null,
		allow: 'ulaw,alaw,gsm,g726,g729,ilbc', allow_outgoing_calls_if_reg_failed: 'yes', auth_trunk: 'no', authid: null,
		auto_recording: 'no', cc_agent_policy: 'never', cc_max_agents: 5, cc_max_monitors: 5, cc_monitor_policy: 'never',
		cidname: null, cidnumber: null, dialin_direct: 'no', did_mode: 'request-line', dtmfmode: null, enable_qualify: 'no',
		encryption: 'no', fax_intelligent_route: 'no', fax_intelligent_route_destination: null, fromdomain: null, fromuser: null,
		keepcid: 'no', keeporgcid: 'no', ldap_sync_enable: 'no', ldap_sync_passwd: null, nat: 'no', out_maxchans: 0,
		out_of_service: 'no', qualifyfreq: 60, transport: 'udp', status: 'Reachable', label: `SIP Trunk ${index}`, ...over,
	};
}

export const sipTrunkSeed: Rec[] = [
	sipTrunk(1, 'provider', 'register', 'sip.example.net', { username: '6100', secret: 'Trunk#pass1', authid: '6100', status: 'Registered' }),
	sipTrunk(2, 'branch-office', 'peer', '192.0.2.10'),
];

export const analogTrunkSeed: Rec[] = [
	{
		trunk_index: 7, trunk_name: '123', chans: '1', trunkgroup: 7, trunkmode: 'normal', out_of_service: 'no', auto_record: 'no',
		busy: 'f1=480@-50,f2=620@-50,c=500/500', busycount: 2, busydetect: 'yes', callerid: 'asreceived', cidmode: 0,
		cidsignalling: 'bell', cidstart: 'ring', congestion: 'f1=480@-50,f2=620@-50,c=250/250', congestioncount: 2,
		congestiondetect: 'yes', countrytone: 'us', currentdisconnectthreshold: 200, dahdilineselectmode: 'ascend',
		dialin_direct: 'no', echocancel: 128, enablecurrentdisconnectthreshold: 'yes', fax_gateway: 'no',
		fax_intelligent_route: 'no', fax_intelligent_route_destination: null, faxdetect: 'incoming', fxooutbandcalldialdelay: 0,
		lectype: 0, out_maxchans: 0, polarityonanswerdelay: 600, polarityswitch: 'no', ringtimeout: 8000, rxgain: 0, txgain: 0,
		usecallerid: 'yes', tmp: 7,
	},
];

export const digitalTrunkSeed: Rec[] = [
	{ trunk_index: '1', trunk_name: '4324', type: 'E1 (CPE)', span: 3, channel: '1-15,17-31', out_of_service: 'no' },
];

export const trunkHandlers: Record<string, Handler> = {
	listvoiptrunk(emu, ctx) {
		const rows = [...emu.state.sipTrunks.values()].map((t) => ({
			trunk_index: t.trunk_index, trunk_name: t.trunk_name, trunk_type: t.trunk_type, type: t.type, host: t.host, username: t.username,
			out_of_service: t.out_of_service, status: t.status, technology: 'SIP', ldap_sync_enable: t.ldap_sync_enable,
		}));
		return listPage('voip_trunk', rows, ctx.body);
	},
	addsiptrunk(emu, ctx) {
		const [name, host, type] = need(ctx.body, 'trunk_name', 'host', 'trunk_type');
		if (!['peer', 'register'].includes(type)) throw new UcmError(-15);
		if (type === 'register') need(ctx.body, 'username', 'secret');
		if ([...emu.state.sipTrunks.values()].some((t) => t.trunk_name === name)) throw new UcmError(-44);
		const idx = nextIndex(emu.state.sipTrunks);
		const t = sipTrunk(idx, name, type as 'peer' | 'register', host, { status: type === 'register' ? 'Registered' : 'Reachable' });
		if (ctx.body.allow_outgoing_calls_if_registration_failed !== undefined) t.allow_outgoing_calls_if_reg_failed = ctx.body.allow_outgoing_calls_if_registration_failed;
		merge(t, ctx.body, ['trunk_index', 'allow_outgoing_calls_if_registration_failed']);
		emu.state.sipTrunks.set(idx, t);
		return markChanged(emu);
	},
	getsiptrunk: getRow('trunk', (emu) => emu.state.sipTrunks, Number),
	updatesiptrunk(emu, ctx) {
		const [id] = need(ctx.body, 'trunk');
		const t = existing(emu.state.sipTrunks, Number(id));
		yesNo(ctx.body, 'out_of_service');
		const name = opt(ctx.body, 'trunk_name');
		if (name && [...emu.state.sipTrunks.values()].some((x) => x !== t && x.trunk_name === name)) throw new UcmError(-44);
		if (ctx.body.allow_outgoing_calls_if_registration_failed !== undefined) t.allow_outgoing_calls_if_reg_failed = ctx.body.allow_outgoing_calls_if_registration_failed;
		merge(t, ctx.body, ['trunk', 'trunk_index', 'allow_outgoing_calls_if_registration_failed', 'trunk_type']);
		return markChanged(emu);
	},
	deletesiptrunk(emu, ctx) {
		const [id] = need(ctx.body, 'trunk');
		if (!emu.state.sipTrunks.delete(Number(id))) throw new UcmError(-16);
		for (const [k, r] of emu.state.inboundRoutes) if (Number(r.trunk_index) === Number(id)) emu.state.inboundRoutes.delete(k);
		return markChanged(emu);
	},

	// ---- analog / SLA / digital trunks (Grandstream) ----
	listanalogtrunk(emu, ctx) {
		return listPage('analogtrunk', [...emu.state.analogTrunks.values()], ctx.body);
	},
	addanalogtrunk(emu, ctx) {
		const [name] = need(ctx.body, 'trunk_name', 'chans');
		if (ctx.body.trunkgroup === undefined) throw new UcmError(-1);
		if ([...emu.state.analogTrunks.values()].some((t) => t.trunk_name === name)) throw new UcmError(-44);
		const chans = str(ctx.body.chans);
		for (const t of emu.state.analogTrunks.values()) if (str(t.chans).split(',').some((c) => chans.split(',').includes(c))) throw new UcmError(-44);
		yesNo(ctx.body, 'trunkmode', ['normal', 'sla']);
		const idx = Math.max(nextIndex(emu.state.analogTrunks), nextIndex(emu.state.slaTrunks));
		const t: Rec = { ...deepClone(analogTrunkSeed[0]), trunk_index: idx, tmp: idx, trunkgroup: idx };
		merge(t, ctx.body, ['trunk_index']);
		t.chans = chans;
		if (ctx.body.trunkgroup === '') t.trunkgroup = idx;
		emu.state.analogTrunks.set(idx, t);
		return markChanged(emu);
	},
	getanalogtrunk: getRow('analogtrunk', (emu) => emu.state.analogTrunks, Number),
	updateanalogtrunk(emu, ctx) {
		// Table: trunk_index is mandatory; the manual's example identifies the trunk with trunkgroup instead.
		const id = firstField(ctx.body, 'trunk_index', 'trunkgroup');
		const t = emu.state.analogTrunks.get(Number(id)) ?? [...emu.state.analogTrunks.values()].find((x) => str(x.trunkgroup) === id);
		if (!t) throw new UcmError(-16);
		merge(t, ctx.body, ['trunk_index', 'trunkgroup']);
		if (ctx.body.chans !== undefined) t.chans = str(ctx.body.chans);
		return markChanged(emu);
	},
	deleteanalogtrunk: deleteRow('analogtrunk', (emu) => emu.state.analogTrunks, Number),
	addslatrunk(emu, ctx) {
		const [name] = need(ctx.body, 'trunk_name');
		const device = opt(ctx.body, 'device') ?? 'DAHDI/1';
		if (!/^DAHDI\/\d+$/.test(device)) throw new UcmError(-15);
		yesNo(ctx.body, 'bargeallowed');
		yesNo(ctx.body, 'holdaccess', ['open', 'private']);
		if ([...emu.state.slaTrunks.values()].some((t) => t.trunk_name === name || t.device === device)) throw new UcmError(-44);
		const idx = Math.max(nextIndex(emu.state.analogTrunks), nextIndex(emu.state.slaTrunks));
		emu.state.slaTrunks.set(idx, { trunk_index: idx, trunk_name: name, device, bargeallowed: opt(ctx.body, 'bargeallowed') ?? 'yes', holdaccess: opt(ctx.body, 'holdaccess') ?? 'open' });
		return markChanged(emu);
	},
	updateslatrunk(emu, ctx) {
		const [id] = need(ctx.body, 'trunk_index');
		const t = existing(emu.state.slaTrunks, Number(id));
		yesNo(ctx.body, 'bargeallowed');
		yesNo(ctx.body, 'holdaccess', ['open', 'private']);
		merge(t, ctx.body, ['trunk_index']);
		return markChanged(emu);
	},
	listdigitaltrunk(emu, ctx) {
		return listPage('digital_trunks', [...emu.state.digitalTrunks.values()], ctx.body);
	},
	// add/get/update/deleteDigitalTrunk: named in Table 2 only (sections cut off); parameters assumed.
	adddigitaltrunk(emu, ctx) {
		const [name] = need(ctx.body, 'trunk_name');
		if ([...emu.state.digitalTrunks.values()].some((t) => t.trunk_name === name)) throw new UcmError(-44);
		const idx = nextIndex(emu.state.digitalTrunks);
		const t: Rec = { trunk_index: String(idx), trunk_name: name, type: 'E1 (CPE)', span: 1, channel: '1-15,17-31', out_of_service: 'no' };
		merge(t, ctx.body, ['trunk_index']);
		emu.state.digitalTrunks.set(idx, t);
		return markChanged(emu);
	},
	getdigitaltrunk(emu, ctx) {
		const id = firstField(ctx.body, 'digitaltrunk', 'digital_trunk', 'trunk_index', 'trunk');
		const t = existing(emu.state.digitalTrunks, Number(id));
		return { digital_trunk: { ...t } };
	},
	getdogitaltrunk(emu, ctx) {
		return trunkHandlers.getdigitaltrunk(emu, ctx);
	},
	updatedigitaltrunk(emu, ctx) {
		const id = firstField(ctx.body, 'trunk_index', 'digitaltrunk', 'digital_trunk', 'trunk');
		const t = existing(emu.state.digitalTrunks, Number(id));
		merge(t, ctx.body, ['trunk_index', 'digitaltrunk', 'digital_trunk', 'trunk']);
		return markChanged(emu);
	},
	deletedigitaltrunk(emu, ctx) {
		const id = firstField(ctx.body, 'digitaltrunk', 'digital_trunk', 'trunk_index', 'trunk');
		if (!emu.state.digitalTrunks.delete(Number(id))) throw new UcmError(-16);
		return markChanged(emu);
	},
};
