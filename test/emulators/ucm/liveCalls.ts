/**
 * Calls in progress and what they leave behind: legs and channels, ringing -> answered -> hung up on timers, the
 * CDR rows (grouped for queues, ring groups and transfers), recordings, queue statistics, and the call and extension
 * reports POSTed to the login `url` (format assumed: the manuals document none).
 */
import { randomInt } from 'node:crypto';
import { makeWav } from '../kit';
import { fmtTime, str, UcmError, type Rec } from './api';
import { cdrGroup, cdrRow } from './cdr';
import type { EmulatedUcm } from './emulator';

export interface UcmLeg {
	channel: string;
	/** extension number, or external number */
	number: string;
	name: string;
	uniqueid: string;
	isExtension: boolean;
	trunk?: string;
}

export interface UcmCall {
	id: string;
	bridge_id: string;
	a: UcmLeg;
	b: UcmLeg;
	state: 'ringing' | 'up';
	/** 'macro-dial', 'queue', 'ivr', 'page'... (listUnBridgedChannels `service`) */
	service: string;
	startedAt: number;
	answeredAt?: number;
	held: Set<string>;
	muted: Set<string>;
	barges: Array<{ exten: string; mode: string; channel: string }>;
	inbound_trunk_name: string;
	outbound_trunk_name: string;
	/** inbound call waiting for acceptCall/refuseCall (Call Control) */
	awaitingControl?: boolean;
	record: boolean;
	/** Parties transferred away (callTransfer, transferNumber*): each gives the call a sub CDR. */
	transfers?: Array<{ side: 'a' | 'b'; replaced: UcmLeg; by: UcmLeg; at: number }>;
	pagingnum?: string;
	timers: NodeJS.Timeout[];
}

export function makeLeg(emu: EmulatedUcm, number: string, trunk?: string): UcmLeg {
	const seq = (emu.chanSeq++).toString(16).padStart(8, '0');
	const acct = emu.state.accounts.get(number);
	const isExtension = !!acct && !trunk;
	const trunkIdx = trunk ? [...emu.state.sipTrunks.values()].find((t) => t.trunk_name === trunk)?.trunk_index ?? 1 : undefined;
	return {
		channel: isExtension ? `PJSIP/${number}-${seq}` : `PJSIP/trunk_${str(trunkIdx ?? 1)}-${seq}`,
		number,
		name: isExtension ? str(acct?.fullname ?? '') : '',
		uniqueid: `${(Date.now() / 1000).toFixed(0)}.${emu.callSeq++}`,
		isExtension,
		trunk,
	};
}

/** The leg of a number that is a service (queue, ring group, IVR): a Local channel into its dialplan context. */
export function serviceLeg(emu: EmulatedUcm, number: string, service: string): UcmLeg {
	const leg = makeLeg(emu, number);
	leg.channel = `Local/${number}@${service}-${leg.channel.split('-').pop() ?? ''}`;
	return leg;
}

export function newCall(emu: EmulatedUcm, a: UcmLeg, b: UcmLeg, o: { service: string; inbound?: string; outbound?: string; record?: boolean }): UcmCall {
	const id = `call-${emu.callSeq++}`;
	const rec = (l: UcmLeg): boolean => l.isExtension && ['on', 'all', 'yes'].includes(str(emu.state.accounts.get(l.number)?.auto_record));
	const call: UcmCall = {
		id, bridge_id: `${randomInt(0x10000000, 0x7fffffff).toString(16)}-f03d-4575-a4cb-${randomInt(0x100000, 0xffffff).toString(16)}f864c2a2`,
		a, b, state: 'ringing', service: o.service, startedAt: Date.now(), held: new Set(), muted: new Set(), barges: [],
		inbound_trunk_name: o.inbound ?? '', outbound_trunk_name: o.outbound ?? '', record: o.record ?? (rec(a) || rec(b)), timers: [],
	};
	emu.state.calls.set(id, call);
	return call;
}

function callTimer(emu: EmulatedUcm, call: UcmCall | undefined, ms: number, fn: () => void): void {
	const t = setTimeout(() => {
		emu.timers.delete(t);
		fn();
	}, ms);
	t.unref?.();
	emu.timers.add(t);
	call?.timers.push(t);
}

/** Place an API call: ringing, answered after answerDelayMs, hung up after callDurationMs. */
export function placeCall(emu: EmulatedUcm, a: UcmLeg, b: UcmLeg, o: { service: string; inbound?: string; outbound?: string; control?: boolean }): UcmCall {
	const call = newCall(emu, a, b, o);
	extStatus(emu, a, 'InUse');
	extStatus(emu, b, 'Ringing');
	callEvent(emu, 'ringing', call);
	if (o.control && emu.options.callControl) {
		call.awaitingControl = true;
		callTimer(emu, call, emu.options.callControlMs, () => answerCall(emu, call));
	} else callTimer(emu, call, emu.options.answerDelayMs, () => answerCall(emu, call));
	return call;
}

export function answerCall(emu: EmulatedUcm, call: UcmCall): void {
	if (!emu.state.calls.has(call.id) || call.state === 'up') return;
	call.awaitingControl = false;
	call.state = 'up';
	call.answeredAt = Date.now();
	extStatus(emu, call.b, 'InUse');
	callEvent(emu, 'answered', call);
	callTimer(emu, call, emu.options.callDurationMs, () => endCall(emu, call, 'ANSWERED'));
}

export function endCall(emu: EmulatedUcm, call: UcmCall, disposition: string, at = Date.now()): void {
	if (!emu.state.calls.has(call.id)) return;
	for (const t of call.timers) {
		clearTimeout(t);
		emu.timers.delete(t);
	}
	emu.state.calls.delete(call.id);
	const answered = call.answeredAt !== undefined;
	const disp = answered ? 'ANSWERED' : disposition === 'ANSWERED' ? 'NO ANSWER' : disposition;
	let recordfiles = '';
	if (call.record && answered) {
		const filename = `auto-${Math.floor((call.answeredAt ?? at) / 1000)}-${call.a.number}-${call.b.number}.wav`;
		emu.state.recordings.push({ filedir: 'monitor', filename, data: makeWav(0.5), at });
		recordfiles = `${emu.options.recordfilesMonthFolder ? `${new Date(at).toISOString().slice(0, 7)}/` : ''}${filename}@`;
	}
	const id = emu.state.cdrs.reduce((m, c) => Math.max(m, Number(c.AcctId) || 0), 0) + 1;
	// A transferred call's main leg is the original pair, up to the first transfer.
	const [mainA, mainB] = transferPairs(call)[0];
	const mainEnd = call.transfers?.[0]?.at ?? at;
	const durationS = Math.max(0, Math.round((mainEnd - call.startedAt) / 1000));
	const billsec = answered ? Math.max(0, Math.round((mainEnd - (call.answeredAt ?? mainEnd)) / 1000)) : 0;
	const cdr = cdrRow(id, fmtTime(call.startedAt), mainA.number, mainB.number, durationS, billsec, {
		disposition: disp, answer: answered ? fmtTime(call.answeredAt ?? at) : '', end: fmtTime(mainEnd),
		dstanswer: answered ? mainB.number : '', channel: mainA.channel, channel_ext: mainA.isExtension ? mainA.number : `trunk_${mainA.channel.split('_')[1]?.split('-')[0] ?? ''}`,
		dstchannel: mainB.channel, dstchannel_ext: mainB.isExtension ? mainB.number : '', uniqueid: mainA.uniqueid,
		caller_name: mainA.name || mainA.number, clid: `"${mainA.name || mainA.number}" <${mainA.number}>`,
		src_trunk_name: call.inbound_trunk_name, dst_trunk_name: call.outbound_trunk_name, recordfiles,
		userfield: call.inbound_trunk_name ? 'Inbound' : call.outbound_trunk_name ? 'Outbound' : 'Internal',
		action_type: call.service === 'page' ? `PAGE[${mainB.number}]` : call.service === 'queue' ? 'QUEUE' : '',
		action_owner: call.service === 'page' || call.service === 'queue' ? mainB.number : '',
		lastdata: mainB.isExtension ? `PJSIP/${mainB.number},60` : mainB.channel,
	});
	const subs = subCdrs(emu, call, cdr, at);
	const agent = subs.find((r) => r.disposition === 'ANSWERED' && (call.service === 'queue' || call.service === 'ringgroup'));
	if (agent) cdr.dstanswer = agent.dst;
	if (subs.length) emu.state.cdrs.push(...cdrGroup(cdr, subs.map((r, i) => ({ ...r, AcctId: String(id + 1 + i) }))));
	else emu.state.cdrs.push(cdr);
	if (call.service === 'queue') {
		emu.state.queueCalls.push({ queue: call.b.number, agent: answered ? str(emu.state.queues.get(call.b.number)?.members).split(',')[0] : '', callernum: call.a.number, start_time: fmtTime(call.startedAt), wait_time: answered ? Math.round(((call.answeredAt ?? at) - call.startedAt) / 1000) : durationS, talk_time: billsec, answered });
	}
	callEvent(emu, 'hangup', call, { cdr });
	extStatus(emu, call.a, 'Idle');
	extStatus(emu, call.b, 'Idle');
}

/**
 * The sub legs of a grouped call: a queue or ring group rang its members (the first one answers, as queueapi
 * records it), or parties were transferred (the replaced party's leg ends at the transfer).
 */
function subCdrs(emu: EmulatedUcm, call: UcmCall, main: Rec, at: number): Rec[] {
	const common = { src_trunk_name: main.src_trunk_name, dst_trunk_name: main.dst_trunk_name, userfield: main.userfield, action_type: main.action_type, action_owner: main.action_owner, caller_name: main.caller_name, clid: main.clid };
	const answeredAt = call.answeredAt;
	if (call.service === 'queue' || call.service === 'ringgroup') {
		const group = call.service === 'queue' ? emu.state.queues.get(call.b.number) : emu.state.ringGroups.get(call.b.number);
		const members = str(group?.members).split(',').filter(Boolean);
		if (call.service === 'ringgroup') Object.assign(common, { action_type: `RINGGROUP[${call.b.number}]`, action_owner: call.b.number });
		return members.map((m, i) => {
			const answered = answeredAt !== undefined && i === 0;
			const legEnd = answered ? at : (answeredAt ?? at);
			const durationS = Math.max(0, Math.round((legEnd - call.startedAt) / 1000));
			return cdrRow(0, fmtTime(call.startedAt), call.a.number, m, durationS, answered ? Math.max(1, Math.round((at - answeredAt) / 1000)) : 0, {
				...common, end: fmtTime(legEnd), answer: answered ? fmtTime(answeredAt) : '', disposition: answered ? 'ANSWERED' : 'NO ANSWER',
				dstanswer: answered ? m : '', channel: call.a.channel, dstchannel: `PJSIP/${m}-${(emu.chanSeq++).toString(16).padStart(8, '0')}`, dstchannel_ext: m, lastapp: 'Dial',
			});
		});
	}
	const pairs = transferPairs(call);
	return (call.transfers ?? []).map((t, i, all) => {
		const until = all[i + 1]?.at ?? at;
		const durationS = Math.max(0, Math.round((until - t.at) / 1000));
		const [a, b] = pairs[i + 1];
		return cdrRow(0, fmtTime(t.at), a.number, b.number, durationS, durationS, {
			...common, end: fmtTime(until), answer: fmtTime(t.at), disposition: 'ANSWERED', dstanswer: b.number, channel: a.channel, dstchannel: b.channel,
			dstchannel_ext: b.isExtension ? b.number : '', lastapp: 'Transfer',
		});
	});
}

export function clearCalls(emu: EmulatedUcm): void {
	for (const c of emu.state.calls.values()) for (const t of c.timers) clearTimeout(t);
	emu.state.calls.clear();
}

/** Live extension status: base status unless in a call. */
export function liveStatus(emu: EmulatedUcm, ext: string): string {
	const acct = emu.state.accounts.get(ext);
	if (!acct) return 'Unavailable';
	for (const c of emu.state.calls.values()) {
		for (const l of [c.a, c.b]) {
			if (l.isExtension && l.number === ext) {
				if (c.state === 'up') return c.held.has(l.channel) ? 'Hold' : 'InUse';
				return l === c.b ? 'Ringing' : 'InUse';
			}
		}
	}
	return str(acct.status);
}

function extStatus(emu: EmulatedUcm, l: UcmLeg, status: string): void {
	if (!l.isExtension) return;
	const acct = emu.state.accounts.get(l.number);
	if (!acct) return;
	const live = status === 'Idle' ? liveStatus(emu, l.number) : status;
	emu.emit({ action: 'systemReport', type: 'extension_status', extension: l.number, status: live, account_type: acct.account_type, addr: acct.addr, time: fmtTime(Date.now()) });
}

export function channelView(c: UcmCall): Rec {
	return {
		bridge_id: c.bridge_id, bridge_time: fmtTime(c.answeredAt ?? c.startedAt), callerid1: c.a.number, callerid2: c.b.number,
		channel1: c.a.channel, channel2: c.b.channel, have_send: 1, inbound_trunk_name: c.inbound_trunk_name, name1: c.a.name,
		name2: c.b.name, outbound_trunk_name: c.outbound_trunk_name, uniqueid1: c.a.uniqueid, uniqueid2: c.b.uniqueid,
	};
}

export function callEvent(emu: EmulatedUcm, event: 'ringing' | 'answered' | 'hangup', c: UcmCall, extra: Rec = {}): void {
	emu.emit({ action: 'callReport', event, time: fmtTime(Date.now()), service: c.service, ...channelView(c), ...extra });
}

export function findCall(emu: EmulatedUcm, channel: string): { call: UcmCall; leg: UcmLeg; other: UcmLeg } {
	for (const c of emu.state.calls.values()) {
		if (c.a.channel === channel) return { call: c, leg: c.a, other: c.b };
		if (c.b.channel === channel) return { call: c, leg: c.b, other: c.a };
	}
	// An extension number is accepted where the manual says "If the call is from an extension, the extension number will be displayed".
	for (const c of emu.state.calls.values()) {
		if (c.a.isExtension && c.a.number === channel) return { call: c, leg: c.a, other: c.b };
		if (c.b.isExtension && c.b.number === channel) return { call: c, leg: c.b, other: c.a };
	}
	throw new UcmError(-16);
}

/** End a call after callDurationMs (paging). */
export function endCallLater(emu: EmulatedUcm, call: UcmCall): void {
	callTimer(emu, call, emu.options.callDurationMs, () => endCall(emu, call, 'ANSWERED'));
}

/** The parties of a call before any transfer, then after each transfer. */
function transferPairs(call: UcmCall): Array<[UcmLeg, UcmLeg]> {
	const pairs: Array<[UcmLeg, UcmLeg]> = [[call.a, call.b]];
	for (const t of [...(call.transfers ?? [])].reverse()) {
		const [a, b] = pairs[0];
		pairs.unshift(t.side === 'a' ? [t.replaced, b] : [a, t.replaced]);
	}
	return pairs;
}


/** A call from `from` to `to` that rings, is answered (or not) and ends now, backdated by its duration. */
export async function simulateCall(emu: EmulatedUcm, o: { from: string; to: string; answer?: boolean; durationS?: number }): Promise<void> {
	const answer = o.answer ?? true;
	const durationS = o.durationS ?? 5;
	const now = Date.now();
	const fromExt = emu.state.accounts.has(o.from);
	const toExt = emu.state.accounts.has(o.to);
	const trunk = emu.state.sipTrunks.get(1);
	const trunkName = trunk ? str(trunk.trunk_name) : '';
	// A call to a queue or ring group number rings its members: its CDR comes grouped (main + sub legs).
	const service = emu.state.queues.has(o.to) ? 'queue' : emu.state.ringGroups.has(o.to) ? 'ringgroup' : 'macro-dial';
	const toLeg = service === 'macro-dial' ? makeLeg(emu, o.to, toExt ? undefined : trunkName) : serviceLeg(emu, o.to, service);
	const call = newCall(emu, makeLeg(emu, o.from, fromExt ? undefined : trunkName), toLeg, {
		service,
		inbound: fromExt ? '' : trunkName,
		outbound: !fromExt || toExt || service !== 'macro-dial' ? '' : trunkName,
	});
	call.startedAt = now - durationS * 1000 - (answer ? 3000 : 0);
	extStatus(emu, call.a, 'InUse');
	extStatus(emu, call.b, 'Ringing');
	callEvent(emu, 'ringing', call);
	if (answer) {
		call.state = 'up';
		call.answeredAt = now - durationS * 1000;
		extStatus(emu, call.b, 'InUse');
		callEvent(emu, 'answered', call);
	}
	endCall(emu, call, answer ? 'ANSWERED' : 'NO ANSWER', now);
	await emu.settle();
}
