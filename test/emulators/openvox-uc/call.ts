/** Calls: dial, hang up, hold, mute, listen/whisper/barge, transfer, prompts, inbound/outbound query (nodes/OpenVoxUc/spec/call.ts). */
import type { Emulator } from './emulator';
import { UcError, list, need, opt, requireExt, type Handler, type Reply, type UcErrno } from './handler';
import { agentsOf, requireQueue } from './queue';
import type { UcCall } from './types';

function talkingCallOf(this: Emulator, extid: string): UcCall {
	requireExt.call(this, extid);
	const c = this.callOf(extid);
	if (!c) throw new UcError('10007');
	if (c.state !== 'talking') throw new UcError('10015');
	return c;
}

function checkPrompt(this: Emulator, prompt: string): void {
	for (const p of prompt.split('+')) {
		if (!/[A-Za-z]/.test(p) || !this.state.prompts.has(p)) throw new UcError('10023');
	}
}

function monitor(this: Emulator, who: string, target: string, mode: 'listen' | 'whisper' | 'barge'): Reply {
	const m = requireExt.call(this, who);
	const t = requireExt.call(this, target);
	if (this.callOf(who)) throw new UcError('10008');
	const c = this.callOf(target);
	if (!c) throw new UcError('10007');
	if (c.state !== 'talking') throw new UcError('10015');
	if (t.allowbeingmonitored !== 'on') throw new UcError('10009');
	const mm = (m.monitormode ?? '').toLowerCase();
	const ok = mm === 'extensive' || (mode === 'listen' && mm === 'listen') || (mode === 'whisper' && mm === 'whisper') || (mode === 'barge' && mm === 'barge-in');
	if (!ok) throw new UcError('10010');
	if (mode === 'listen' && c.monitors.some((x) => x.mode === 'listen')) throw new UcError('10009');
	c.monitors.push({ ext: who, mode });
	return {};
}


/** inbound/outbound query: the manual's XML shows a single result as a bare element, not `<item>`. */
export const BARE_SINGLE_XML: Record<string, (r: Reply) => Reply> = {
	'inbound/query': (r) => (Array.isArray(r.inbound) && r.inbound.length === 1 ? { ...r, inbound: r.inbound[0] } : r),
	'outbound/query': (r) => (Array.isArray(r.outbound) && r.outbound.length === 1 ? { ...r, outbound: r.outbound[0] } : r),
};

/** Place a call through the API (ring, answer, hang up by itself); `errno` when it cannot be placed. */
function dial(this: Emulator, errno: UcErrno, from: string, to: string, kind?: UcCall['kind']): Reply {
	const call = this.newCall(from, to, kind);
	if (!call) throw new UcError(errno);
	this.placeCall(call);
	return {};
}

/** queue/ringgroup dial_outbound: the first free, available member calls `outto` through an outbound route. */
function dialOutFromMember(this: Emulator, members: string[], outto: string): Reply {
	if (!this.route(outto)) throw new UcError('10031');
	const member = members.find((a) => !this.callOf(a) && this.state.extensions.get(a)?.status !== 'Unavailable');
	if (!member) throw new UcError('10008');
	return dial.call(this, '10031', member, outto);
}

/** inbound/hangup, outbound/hangup: the live call with this inboundid / outboundid. */
function hangupBy(key: 'inboundid' | 'outboundid'): Handler {
	return function (this: Emulator, ctx) {
		const [id] = need(ctx.body, key);
		const c = [...this.state.calls.values()].find((x) => x[key] === id && x.state !== 'ended');
		if (!c) throw new UcError('10007');
		this.hangup(c);
		return {};
	};
}

/** hold/unhold, mute/unmute: `extid` joins or leaves the talking call's `held` or `muted` list. */
function callFlag(flag: 'held' | 'muted', on: boolean): Handler {
	return function (this: Emulator, ctx) {
		const [extid] = need(ctx.body, 'extid');
		const c = talkingCallOf.call(this, extid);
		if (!on) c[flag] = c[flag].filter((x) => x !== extid);
		else if (!c[flag].includes(extid)) c[flag].push(extid);
		return {};
	};
}

export const callRoutes: Record<string, Handler> = {
	'inbound/query'(ctx) {
		const spec = opt(ctx.body, 'inboundid');
		const live = [...this.state.calls.values()].filter((c) => c.kind === 'inbound' && c.state !== 'ended');
		const found = spec ? live.filter((c) => list(spec).includes(c.inboundid ?? '')) : live;
		if (spec && !found.length) throw new UcError('10007');
		const inbound = found.map((c) => ({ inboundid: c.inboundid, from: c.caller, to: c.callee, trunk: c.trunk, callee: { extid: c.callee }, status: c.state === 'talking' ? 'Talking' : 'Ringing' }));
		return inbound.length ? { inbound } : {};
	},
	'outbound/query'(ctx) {
		const spec = opt(ctx.body, 'outboundid');
		const live = [...this.state.calls.values()].filter((c) => (c.kind === 'outbound' || c.kind === 'callback') && c.state !== 'ended');
		const found = spec ? live.filter((c) => list(spec).includes(c.outboundid ?? '')) : live;
		if (spec && !found.length) throw new UcError('10007');
		const outbound = found.map((c) => ({ outboundid: c.outboundid, from: c.caller, to: c.callee, trunk: c.trunk, status: c.state === 'talking' ? 'Talking' : 'Ringing' }));
		return outbound.length ? { outbound } : {};
	},
	'extension/dial_extension'(ctx) {
		const [caller, callee] = need(ctx.body, 'caller', 'callee');
		const e = requireExt.call(this, caller);
		if (!this.isExt(callee)) throw new UcError('10011');
		if (this.callOf(caller) || e.status === 'Unavailable') throw new UcError('10008');
		return dial.call(this, '10011', caller, callee);
	},
	'extension/dial_outbound'(ctx) {
		const [extid, outto] = need(ctx.body, 'extid', 'outto');
		const e = requireExt.call(this, extid);
		if (this.callOf(extid) || e.status === 'Unavailable') throw new UcError('10008');
		if (this.isExt(outto)) throw new UcError('10031');
		if (!this.route(outto)) throw new UcError('10024');
		return dial.call(this, '10024', extid, outto);
	},
	'extension/hangup'(ctx) {
		const [extid] = need(ctx.body, 'extid');
		requireExt.call(this, extid);
		const c = this.callOf(extid);
		if (!c) throw new UcError('10007');
		this.hangup(c);
		return {};
	},
	'inbound/hangup': hangupBy('inboundid'),
	'outbound/hangup': hangupBy('outboundid'),
	'extension/hold': callFlag('held', true),
	'extension/unhold': callFlag('held', false),
	'extension/mute': callFlag('muted', true),
	'extension/unmute': callFlag('muted', false),
	'extension/listen'(ctx) {
		const [a, b] = need(ctx.body, 'listener', 'listenedext');
		return monitor.call(this, a, b, 'listen');
	},
	'extension/whisper'(ctx) {
		const [a, b] = need(ctx.body, 'whisperer', 'whisperedext');
		return monitor.call(this, a, b, 'whisper');
	},
	'extension/barge'(ctx) {
		const [a, b] = need(ctx.body, 'bargein', 'bargedext');
		return monitor.call(this, a, b, 'barge');
	},
	calltransfer(ctx) {
		const [callid, transferor, transferto] = need(ctx.body, 'callid', 'transferor', 'transferto');
		const c = [...this.state.calls.values()].find((x) => x.state !== 'ended' && (x.callid === callid || x.callid2 === callid || x.inboundid === callid || x.outboundid === callid));
		if (!c) throw new UcError('10007');
		if (c.caller !== transferor && c.callee !== transferor) throw new UcError('10007');
		if (c.state !== 'talking') throw new UcError('10015');
		const toExt = this.isExt(transferto);
		if (!toExt && !this.route(transferto)) throw new UcError('10011');
		if (toExt && this.callOf(transferto)) throw new UcError('10008');
		// the transferor is hung up; the remaining party now talks to `transferto`
		if (c.callee === transferor) c.callee = toExt ? transferto : this.route(transferto)?.to ?? transferto;
		else c.caller = transferto;
		if (c.kind === 'internal' && !toExt) {
			c.kind = 'outbound';
			c.trunk = this.route(transferto)?.trunk;
			c.outboundid = c.callid;
		}
		return {};
	},
	'queue/dial_outbound'(ctx) {
		const [queueid, outto] = need(ctx.body, 'queueid', 'outto');
		const q = requireQueue.call(this, queueid);
		const paused = this.state.pausedAgents.get(queueid) ?? new Set<string>();
		return dialOutFromMember.call(this, agentsOf(q).filter((a) => !paused.has(a)), outto);
	},
	'ringgroup/dial_outbound'(ctx) {
		const [rg, outto] = need(ctx.body, 'ringgroupid', 'outto');
		const g = this.state.ringGroups.get(rg);
		if (!g) throw new UcError('10014');
		return dialOutFromMember.call(this, list(g.members ?? ''), outto);
	},
	'outbound/dial_outbound'(ctx) {
		const [caller, outto] = need(ctx.body, 'caller', 'outto');
		if (this.state.sipTrunks.size < 2) throw new UcError('20010');
		const first = this.route(caller);
		if (!first || !this.route(outto)) throw new UcError('10031');
		return dial.call(this, '10031', first.to, outto, 'callback');
	},

	'extension/playprompt'(ctx) {
		const [extid, prompt] = need(ctx.body, 'extid', 'prompt');
		const e = requireExt.call(this, extid);
		checkPrompt.call(this, prompt);
		if (this.callOf(extid) || e.status === 'Unavailable') throw new UcError('10008');
		this.state.playedPrompts.push({ to: extid, prompt, at: Date.now() });
		return { callid: `${Math.floor(Date.now() / 1000)}.${Math.floor(Math.random() * 9000) + 1000}` };
	},
	'outbound/playprompt'(ctx) {
		const [outto, prompt] = need(ctx.body, 'outto', 'prompt');
		checkPrompt.call(this, prompt);
		if (!this.route(outto)) throw new UcError('10031');
		this.state.playedPrompts.push({ to: outto, prompt, at: Date.now() });
		return {};
	},
};
