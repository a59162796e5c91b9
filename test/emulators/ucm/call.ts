/** Call actions (nodes/ucm/spec/call.ts): dialling, channels, hangup, barge, hold/mute, transfers, Call Control. */
import { existing, fmtTime, need, NEED_APPLY_NO, NEED_APPLY_YES, opt, str, UcmError, type Ctx, type Handler, type Rec, type Reply } from './api';
import type { EmulatedUcm } from './emulator';
import { requireExt } from './extension';
import { ivrKey } from './ivr';
import { answerCall, channelView, endCall, findCall, makeLeg, placeCall, serviceLeg, type UcmLeg } from './liveCalls';
import { routeNumber } from './outboundRoute';

/** hold/unhold/mute/unmute: one flag of the `channel` party of a call that is up. */
function channelFlag(set: 'held' | 'muted', on: boolean): Handler {
	return (emu, ctx) => {
		const [channel] = need(ctx.body, 'channel');
		const { call, leg } = findCall(emu, channel);
		if (call.state !== 'up') throw new UcmError(-15);
		if (on) call[set].add(leg.channel);
		else call[set].delete(leg.channel);
		return {};
	};
}

export function transfer(emu: EmulatedUcm, ctx: Ctx, target: string, external: boolean): Reply {
	const [channel] = need(ctx.body, 'channel');
	const { call, other } = findCall(emu, channel);
	if (call.state !== 'up') throw new UcmError(-15);
	let newLeg: UcmLeg;
	if (external) {
		const { trunk, dialled } = routeNumber(emu, target);
		newLeg = makeLeg(emu, dialled, trunk);
		call.outbound_trunk_name = trunk;
	} else {
		requireExt(emu, target);
		newLeg = makeLeg(emu, target);
	}
	// the party on `channel` stays; its peer (`other`) is replaced by the transfer target
	const side = call.a === other ? 'a' : 'b';
	call[side] = newLeg;
	(call.transfers ??= []).push({ side, replaced: other, by: newLeg, at: Date.now() });
	return NEED_APPLY_NO;
}

function dialTo(emu: EmulatedUcm, a: UcmLeg, b: UcmLeg, o: { service: string; inbound?: string; outbound?: string }): Reply {
	placeCall(emu, a, b, o);
	return NEED_APPLY_NO;
}

/** `outcaller` (an extension, or an outside number through its outbound route) dialled into a queue or ring group. */
function dialGroup(emu: EmulatedUcm, outcaller: string, number: string, service: 'queue' | 'ringgroup'): Reply {
	const r = emu.state.accounts.has(outcaller) ? undefined : routeNumber(emu, outcaller);
	const leg = serviceLeg(emu, number, service);
	return dialTo(emu, r ? makeLeg(emu, r.dialled, r.trunk) : makeLeg(emu, outcaller), leg, { service, outbound: r?.trunk });
}

export const callHandlers: Record<string, Handler> = {
	playpromptbyorg(emu, ctx) {
		const [type, channel, variable] = need(ctx.body, 'type', 'channel', 'variable');
		if (!['ivr', 'name_voice', 'moh'].includes(type)) throw new UcmError(-15);
		requireExt(emu, channel);
		emu.state.prompts.played.push({ type, channel, variable, class: opt(ctx.body, 'class') ?? (type === 'moh' ? 'default' : null), at: Date.now() });
		return NEED_APPLY_YES;
	},
	listbridgedchannels(emu) {
		const ch = [...emu.state.calls.values()].filter((c) => c.state === 'up').map((c) => channelView(c));
		return { channel: ch, page: 1, total_item: ch.length, total_page: 1 };
	},
	listunbridgedchannels(emu) {
		const ch: Rec[] = [];
		for (const c of emu.state.calls.values()) {
			if (c.state !== 'ringing') continue;
			for (const [l, other, state] of [[c.a, c.b, 'Up'], [c.b, c.a, 'Ringing']] as Array<[UcmLeg, UcmLeg, string]>) {
				ch.push({
					channel: l.channel, state, service: c.service === 'macro-dial' ? 'macro-dial' : c.service, callername: l.name, callernum: l.number,
					connectednum: state === 'Up' ? 's' : other.number, connectedname: state === 'Up' ? '' : other.name, alloc_time: fmtTime(c.startedAt),
					inbound_trunk_name: c.inbound_trunk_name, outbound_trunk_name: c.outbound_trunk_name,
				});
			}
		}
		return { channel: ch, page: 1, total_item: ch.length, total_page: 1 };
	},
	hangup(emu, ctx) {
		const [channel] = need(ctx.body, 'channel');
		const { call } = findCall(emu, channel);
		endCall(emu, call, call.state === 'up' ? 'ANSWERED' : 'NO ANSWER');
		return NEED_APPLY_YES;
	},
	callbarge(emu, ctx) {
		const [channel, exten] = need(ctx.body, 'channel', 'exten');
		const mode = opt(ctx.body, 'mode') ?? '';
		if (!['', 'null', 'W', 'B', 'w', 'b'].includes(mode)) throw new UcmError(-15);
		const bargeExten = opt(ctx.body, 'barge-exten') ?? '';
		if (bargeExten && !/^\d+(@[01])?$/.test(bargeExten)) throw new UcmError(-15);
		requireExt(emu, exten);
		const { call, leg } = findCall(emu, channel);
		if (call.state !== 'up') throw new UcmError(-15);
		if (call.a.number === exten || call.b.number === exten) throw new UcmError(-15);
		call.barges.push({ exten, mode: mode.toUpperCase() === 'NULL' ? '' : mode.toUpperCase(), channel: leg.channel });
		return NEED_APPLY_YES;
	},
	mute: channelFlag('muted', true),
	unmute: channelFlag('muted', false),
	hold: channelFlag('held', true),
	unhold: channelFlag('held', false),
	dialextension(emu, ctx) {
		const [caller, callee] = need(ctx.body, 'caller', 'callee');
		requireExt(emu, caller);
		requireExt(emu, callee);
		if (caller === callee) throw new UcmError(-15);
		return dialTo(emu, makeLeg(emu, caller), makeLeg(emu, callee), { service: 'macro-dial' });
	},
	dialoutbound(emu, ctx) {
		const [caller, outbound] = need(ctx.body, 'caller', 'outbound');
		requireExt(emu, caller);
		const { trunk, dialled } = routeNumber(emu, outbound);
		return dialTo(emu, makeLeg(emu, caller), makeLeg(emu, dialled, trunk), { service: 'macro-dial', outbound: trunk });
	},
	calltransfer(emu, ctx) {
		const [ext] = need(ctx.body, 'extension');
		return transfer(emu, ctx, ext, false);
	},
	transfernumberinbound(emu, ctx) {
		const [callee] = need(ctx.body, 'callee');
		return transfer(emu, ctx, callee, false);
	},
	transfernumberoutbound(emu, ctx) {
		const [outbound] = need(ctx.body, 'outbound');
		return transfer(emu, ctx, outbound, true);
	},
	dialivr(emu, ctx) {
		const [caller, ivr] = need(ctx.body, 'caller', 'ivrnumber');
		requireExt(emu, caller);
		const key = ivrKey(emu, ivr);
		const leg = serviceLeg(emu, str(emu.state.ivrs.get(key)?.extension), 'ivr');
		return dialTo(emu, makeLeg(emu, caller), leg, { service: 'ivr' });
	},
	dialivroutbound(emu, ctx) {
		const [outcaller, ivr] = need(ctx.body, 'outcaller', 'ivrnumber');
		const key = ivrKey(emu, ivr);
		const { trunk, dialled } = routeNumber(emu, outcaller);
		const leg = serviceLeg(emu, str(emu.state.ivrs.get(key)?.extension), 'ivr');
		return dialTo(emu, makeLeg(emu, dialled, trunk), leg, { service: 'ivr', outbound: trunk });
	},
	dialqueue(emu, ctx) {
		const [outcaller, queue] = need(ctx.body, 'outcaller', 'queue');
		existing(emu.state.queues, queue);
		return dialGroup(emu, outcaller, queue, 'queue');
	},
	dialringgroup(emu, ctx) {
		const [outcaller, rg] = need(ctx.body, 'outcaller', 'ringgroup');
		existing(emu.state.ringGroups, rg);
		return dialGroup(emu, outcaller, rg, 'ringgroup');
	},
	dialoutboundtwo(emu, ctx) {
		const [outcaller, outcallee] = need(ctx.body, 'outcaller', 'outcallee');
		const r1 = routeNumber(emu, outcaller);
		const r2 = routeNumber(emu, outcallee);
		return dialTo(emu, makeLeg(emu, r1.dialled, r1.trunk), makeLeg(emu, r2.dialled, r2.trunk), { service: 'macro-dial', outbound: r2.trunk });
	},
	refusecall(emu, ctx) {
		if (!emu.options.callControl) throw new UcmError(-47);
		const [channel] = need(ctx.body, 'channel');
		const { call } = findCall(emu, channel);
		if (!call.awaitingControl) throw new UcmError(-15);
		endCall(emu, call, 'NO ANSWER');
		return {};
	},
	acceptcall(emu, ctx) {
		if (!emu.options.callControl) throw new UcmError(-47);
		const [channel] = need(ctx.body, 'channel');
		const { call } = findCall(emu, channel);
		if (!call.awaitingControl) throw new UcmError(-15);
		for (const t of call.timers) clearTimeout(t);
		call.timers = [];
		answerCall(emu, call);
		return {};
	},
};
