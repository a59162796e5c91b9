/**
 * The OpenVox UC as a PBX, without its HTTP face: the state, the call model (dial, ring, answer, hang up, transfer,
 * with the CDR each call leaves) and the reports it POSTs to the address a login or heartbeat registered.
 * emulator.ts puts the API server, the logins and the handlers (one file per resource group) on top of it.
 */
import { Outbox, SessionStore, StateStore, absolutize, dialPatternRegex, formatTime, postReport, randomHex, withDefaults } from '../kit';
import { UC_TIME, UcError, list, type UcErrno } from './handler';
import { OPENVOX_UC_DEFAULT_PASSWORD, OPENVOX_UC_DEFAULT_USERNAME, OPENVOX_UC_SN, cdr, seedState } from './seed';
import type { OpenVoxUcEmulator, OpenVoxUcOptions, OpenVoxUcState, Rec, StartOptions, UcCall, UcRandom, UcSession } from './types';
import { serializeReport } from './wire';


const OPTION_DEFAULTS: OpenVoxUcOptions = {
	tokenTtlMs: 30 * 60_000,
	expireEveryNRequests: undefined,
	lockoutFailures: 5,
	lockoutMs: 10 * 60_000,
	resendUnanswered: 2,
	resendDelayMs: 100,
	randomTtlMs: 30_000,
	callDurationMs: 2_000,
	answerDelayMs: 20,
	reportTimeoutMs: 5_000,
	extensionStatusMonitor: true,
	apiNotRunningMs: 0,
	apiNotRunningRequests: 0,
	spelling: 'manual',
	typeKey: 'action',
	reportTransport: undefined,
	routeErrnos: 'generic',
	connectionClose: false,
	redirectTo: undefined,
	jsonValues: 'any',
};

/** The headers of the UC's report POSTs. */
const REPORT_HEADERS = { 'User-Agent': 'WebAPI', 'Content-Type': 'application/json', Accept: 'application/json' };

export class OpenVoxUcPbx {
	readonly username: string;
	readonly password: string;
	readonly sn: string;
	options: OpenVoxUcOptions;
	readonly reports: OpenVoxUcEmulator['reports'] = [];
	protected readonly store: StateStore<OpenVoxUcState>;
	protected readonly logins_: SessionStore<UcSession>;
	protected readonly outbox = new Outbox({ ordered: true, timeoutMs: () => this.options.reportTimeoutMs });
	protected readonly timers = new Set<NodeJS.Timeout>();
	protected seq = 100;
	protected lastRegistration?: UcSession;
	protected closed = false;

	constructor(opts: StartOptions) {
		this.username = opts.username ?? OPENVOX_UC_DEFAULT_USERNAME;
		this.password = opts.password ?? OPENVOX_UC_DEFAULT_PASSWORD;
		this.sn = opts.sn ?? OPENVOX_UC_SN;
		this.options = withDefaults(OPTION_DEFAULTS, opts);
		this.store = new StateStore(() => seedState(this.sn));
		this.logins_ = new SessionStore<UcSession>(() => ({ idleMs: this.options.tokenTtlMs, expireEveryNRequests: this.options.expireEveryNRequests }));
	}

	get state(): OpenVoxUcState {
		return this.store.state;
	}

	/** Live sessions by token. */
	get sessions(): Map<string, UcSession> {
		return this.logins_.byToken;
	}

	/** End every call and timer (reset, close). */
	protected stopCalls(): void {
		for (const c of this.state.calls.values()) if (c.timer) clearTimeout(c.timer);
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
	}

	/** A trunk/route refusal: the specific Yeastar v2 code, or the generic one (see options.routeErrnos). */
	routeRefusal(specific: UcErrno): UcError {
		return new UcError(this.options.routeErrnos === 'yeastar-v2' ? specific : '20010');
	}

	// ---- reports ---------------------------------------------------------------------------------------------

	registration(): ReturnType<OpenVoxUcEmulator['registration']> {
		const s = this.liveRegistration() ?? this.lastRegistration;
		if (!s) return undefined;
		return { url: s.url, urltag: s.urltag, port: s.port, version: s.version, token: s.token, ipaddr: s.ip, target: this.targetOf(s) };
	}

	reportTarget(): string | undefined {
		const s = this.liveRegistration();
		return s ? this.targetOf(s) : undefined;
	}

	settle(): Promise<void> {
		return this.outbox.idle();
	}

	async report(action: string, fields: Record<string, unknown> = {}, opts: { to?: string; legacy?: boolean } = {}): Promise<{ status: number; body: string }> {
		const session = this.liveRegistration();
		const to = opts.to !== undefined ? absolutize(opts.to) : session ? this.targetOf(session) : undefined;
		if (!to) throw new Error('openvox-uc emulator: no live session with a report address (log in first, or pass opts.to)');
		const body: Record<string, unknown> = { action, ...fields };
		if (!('sn' in body)) body.sn = this.sn;
		const legacy = opts.legacy ?? (session?.version !== '1.0.2');
		const text = serializeReport(body, legacy);
		return this.outbox.queue(() => this.deliver(to, action, text));
	}

	async bootUp(): Promise<void> {
		this.emit(() => [{ action: 'BootUp', sn: this.sn }]);
		await this.settle();
	}

	async setExtensionRegistered(extnumber: string, registered: boolean): Promise<void> {
		const e = this.state.extensions.get(extnumber);
		if (!e) throw new Error(`no extension ${extnumber}`);
		e.status = registered ? 'Registered' : 'Unavailable';
		this.extStatus(extnumber, registered ? 'Registered' : 'Unregistered');
		await this.settle();
	}

	async simulateCall(opts: { from: string; to: string; answer?: boolean; durationS?: number; holdMs?: number; transferTo?: string }): Promise<void> {
		const call = this.newCall(opts.from, opts.to);
		if (!call) throw new Error(`openvox-uc emulator: cannot place a call from ${opts.from} to ${opts.to} (no such extension or no matching outbound route)`);
		call.durationS = opts.durationS ?? 5;
		this.ring(call);
		if (opts.answer === false) {
			this.fail(call);
		} else {
			this.answer(call);
			if (opts.transferTo) this.emitTransfer(call, call.kind === 'inbound' ? call.callee : call.caller);
			if (opts.holdMs && opts.holdMs > 0) await new Promise((r) => setTimeout(r, opts.holdMs));
			if (call.state !== 'ended') this.hangup(call);
		}
		await this.settle();
	}

	forget(s: UcSession): void {
		if (this.lastRegistration === s) this.lastRegistration = undefined;
	}

	protected liveRegistration(): UcSession | undefined {
		let best: UcSession | undefined;
		for (const s of this.logins_.live()) if (!best || s.lastUsed >= best.lastUsed) best = s;
		return best;
	}

	protected targetOf(s: UcSession): string {
		const host = s.ip.includes(':') ? `[${s.ip}]` : s.ip;
		if (s.url !== undefined && s.url !== '') {
			if (s.urltag === '1') return absolutize(s.url);
			return `http://${host}:${s.port}/${s.url.replace(/^\/+/, '')}`;
		}
		return `http://${host}:${s.port}/`;
	}

	newRandom(kind: UcRandom['kind'], key: Rec, allowedip: string, ownerIp: string): string {
		const now = Date.now();
		for (const [k, r] of this.state.randoms) if (r.expires < now) this.state.randoms.delete(k);
		const random = randomHex();
		this.state.randoms.set(random, { kind, key, expires: now + this.options.randomTtlMs, used: false, allowedip, ownerIp });
		return random;
	}

	protected async deliver(to: string, action: string, text: string): Promise<{ status: number; body: string }> {
		let last = { status: 0, body: '' };
		// Reports then go out on the PBX's own TCP connection, which this emulator does not offer.
		if (this.options.reportTransport === 'TCP') return { status: 0, body: 'report method TCP: not POSTed' };
		for (let attempt = 0; attempt <= this.options.resendUnanswered; attempt++) {
			if (attempt > 0) await new Promise((r) => setTimeout(r, this.options.resendDelayMs));
			if (this.closed) break;
			const r = await postReport(to, text, { timeoutMs: this.options.reportTimeoutMs, headers: REPORT_HEADERS });
			last = { status: r.status, body: r.error ?? r.body };
			this.reports.push({ url: to, body: text, status: last.status, action, attempt, at: Date.now() });
			if (last.status === 200) break;
		}
		return last;
	}

	/** Queue reports for every live registration; `build` runs at send time with the registration's format. */
	protected emit(build: () => Array<Record<string, unknown>>): void {
		const bodies = build();
		const run = async (): Promise<void> => {
			const targets = new Map<string, UcSession>();
			for (const s of this.logins_.live()) targets.set(this.targetOf(s), s);
			for (const [to, s] of targets) {
				for (const body of bodies) await this.deliver(to, String(body.action), serializeReport(this.typed(body), s.version !== '1.0.2'));
			}
		};
		void this.outbox.queue(run);
	}

	/** The report with its type under the configured key (`event` in Yeastar API v2), in the same position. */
	protected typed(body: Record<string, unknown>): Record<string, unknown> {
		if (this.options.typeKey === 'action') return body;
		return Object.fromEntries(Object.entries(body).map(([k, v]) => [k === 'action' ? 'event' : k, v]));
	}

	protected extStatus(extnumber: string, status: 'Ringing' | 'InUse' | 'Idle' | 'Registered' | 'Unregistered'): void {
		if (!this.options.extensionStatusMonitor || !this.state.extensions.has(extnumber)) return;
		const sent = status === 'InUse' && this.options.spelling === 'yeastar' ? 'Busy' : status;
		this.emit(() => [{ action: 'ExtensionStatus', extension: extnumber, status: sent, sn: this.sn }]);
	}

	// ---- calls -----------------------------------------------------------------------------------------------

	protected nextId(): string {
		this.seq += 1;
		return `${Math.floor(Date.now() / 1000)}.${this.seq}`;
	}

	nextWakeupId(): number {
		const ids = this.state.wakeups.map((w) => +w.wakeupid).filter((n) => Number.isFinite(n));
		return Math.max(0, ...ids) + 1;
	}

	nextChannel(): string {
		this.seq += 1;
		return this.seq.toString(16).padStart(8, '0');
	}

	isExt(n: string): boolean {
		return this.state.extensions.has(n);
	}

	/** Match an outbound route for `number`: returns the trunk and the number sent to it. */
	route(number: string): { trunk: string; to: string } | undefined {
		const routes = [...this.state.outroutes.values()].sort((a, b) => (b.prefix ?? '').length - (a.prefix ?? '').length);
		for (const r of routes) {
			const prefix = r.prefix ?? '';
			if (!number.startsWith(prefix)) continue;
			const rest = number.slice(prefix.length);
			if (rest === '' || !dialPatternRegex(r.matchpattern || 'X.').test(rest)) continue;
			const trunk = list(r.trunks ?? '').find((t) => this.state.sipTrunks.has(t));
			if (!trunk) continue;
			return { trunk, to: (r.prepend ?? '') + rest };
		}
		return undefined;
	}

	callOf(extnumber: string): UcCall | undefined {
		for (const c of this.state.calls.values()) if (c.state !== 'ended' && (c.caller === extnumber || c.callee === extnumber)) return c;
		return undefined;
	}

	/** Create a call from `from` to `to` (extension or external), undefined if it cannot be placed. */
	newCall(from: string, to: string, kind?: UcCall['kind']): UcCall | undefined {
		const base = { held: [], muted: [], monitors: [], startedAt: Date.now(), state: 'ringing' as const };
		const fromExt = this.isExt(from);
		const toExt = this.isExt(to);
		let call: UcCall;
		if (kind === 'callback') {
			const r = this.route(to);
			if (!r) return undefined;
			const id = this.nextId();
			call = { ...base, kind, callid: id, callid2: this.nextId(), caller: from, callee: r.to, dialed: to, trunk: r.trunk, outboundid: id };
		} else if (fromExt && toExt) {
			call = { ...base, kind: 'internal', callid: this.nextId(), callid2: this.nextId(), caller: from, callee: to, dialed: to };
		} else if (fromExt) {
			const r = this.route(to);
			if (!r) return undefined;
			const id = this.nextId();
			call = { ...base, kind: 'outbound', callid: id, callid2: this.nextId(), caller: from, callee: r.to, dialed: to, trunk: r.trunk, outboundid: id };
		} else if (toExt) {
			const trunk = this.state.sipTrunks.keys().next().value ?? 'trunk';
			const inboundid = this.nextId();
			this.seq += 1;
			call = { ...base, kind: 'inbound', callid: this.nextId(), callid2: this.nextId(), caller: from, callee: to, dialed: to, trunk, inboundid };
		} else return undefined;
		this.state.calls.set(call.callid, call);
		return call;
	}

	protected trunkObj(call: UcCall): Record<string, unknown> {
		if (call.kind === 'inbound') return { inbound: { from: call.caller, to: call.callee, trunk: call.trunk, inboundid: call.inboundid } };
		return { outbound: { from: call.caller, to: call.callee, trunk: call.trunk, outboundid: call.outboundid } };
	}

	/** ALERT (caller hears ringback) and RING (callee rings), as in the manual's three examples. */
	ring(call: UcCall): void {
		const sn = this.sn;
		const t = this.trunkObj(call);
		const reports: Array<Record<string, unknown>> = [];
		if (call.kind === 'internal') {
			reports.push({ action: 'ALERT', callid: call.callid, ext: { extid: [call.caller] }, sn });
			reports.push({ action: 'RING', callid: call.callid, ext: { extid: [call.callee, call.caller] }, sn });
		} else if (call.kind === 'outbound') {
			reports.push({ action: 'ALERT', callid: call.callid, ext: { extid: call.caller }, sn });
			reports.push({ action: 'RING', callid: call.callid, ...t, ext: { extid: call.caller }, sn });
		} else if (call.kind === 'inbound') {
			reports.push({ action: 'ALERT', callid: call.callid, ...t, sn });
			reports.push({ action: 'RING', callid: call.callid, ext: { extid: call.callee }, ...t, sn });
		} else {
			reports.push({ action: 'ALERT', callid: call.callid, ...t, sn });
			reports.push({ action: 'RING', callid: call.callid, ...t, sn });
		}
		this.emit(() => reports);
		if (this.isExt(call.caller)) this.extStatus(call.caller, 'InUse');
		if (this.isExt(call.callee)) this.extStatus(call.callee, 'Ringing');
	}

	/** ANSWER (callee answered, callee first) and the "answered" report (also action ANSWER, caller first). */
	answer(call: UcCall): void {
		if (call.state !== 'ringing') return;
		call.state = 'talking';
		call.answeredAt = Date.now();
		const sn = this.sn;
		const t = this.trunkObj(call);
		const reports: Array<Record<string, unknown>> = [];
		if (call.kind === 'internal') {
			reports.push({ action: 'ANSWER', callid: call.callid, ext: { extid: [call.callee, call.caller] }, sn });
			const answered = this.options.spelling === 'yeastar' ? 'ANSWERED' : 'ANSWER';
			reports.push({ action: answered, callid: call.callid, ext: { extid: [call.caller, call.callee] }, sn });
		} else if (call.kind === 'outbound') {
			reports.push({ action: 'ANSWER', callid: call.callid, ext: { extid: call.caller }, ...t, sn });
		} else if (call.kind === 'inbound') {
			reports.push({ action: 'ANSWER', callid: call.callid, ext: { extid: call.callee }, ...t, sn });
		} else {
			reports.push({ action: 'ANSWER', callid: call.callid, ...t, sn });
		}
		this.emit(() => reports);
		if (this.isExt(call.callee)) this.extStatus(call.callee, 'InUse');
	}

	/** Callee did not answer: CallFailed reason 480, then the NO ANSWER CDR. */
	fail(call: UcCall): void {
		if (call.state === 'ended') return;
		call.state = 'ended';
		if (call.timer) clearTimeout(call.timer);
		const sn = this.sn;
		const t = this.trunkObj(call);
		let r: Record<string, unknown>;
		if (call.kind === 'internal') r = { action: 'CallFailed', reason: 480, callid: call.callid, ext: { extid: [call.callee, call.caller] }, sn };
		else if (call.kind === 'outbound') r = { action: 'CallFailed', reason: 480, callid: call.callid, ext: { extid: call.caller }, ...t, sn };
		else if (call.kind === 'inbound') r = { action: 'CallFailed', reason: 480, callid: call.callid, ext: { extid: call.callee }, ...t, sn };
		else r = { action: 'CallFailed', reason: 480, callid: call.callid, ...t, sn };
		this.emit(() => [r]);
		for (const e of [call.caller, call.callee]) if (this.isExt(e)) this.extStatus(e, 'Idle');
		this.finish(call, 'NO ANSWER');
	}

	/** Both legs end: two BYE reports (one per leg, different callids), ExtensionStatus Idle, then NewCdr. */
	hangup(call: UcCall): void {
		if (call.state === 'ended') return;
		if (call.state === 'ringing') return this.fail(call);
		call.state = 'ended';
		if (call.timer) clearTimeout(call.timer);
		const sn = this.sn;
		const t = this.trunkObj(call);
		const reports: Array<Record<string, unknown>> = [];
		if (call.kind === 'internal') {
			reports.push({ action: 'BYE', callid: call.callid, ext: { extid: [call.callee, call.caller] }, sn });
			reports.push({ action: 'BYE', callid: call.callid2, ext: { extid: [call.caller, call.callee] }, sn });
		} else if (call.kind === 'outbound') {
			reports.push({ action: 'BYE', callid: call.callid, ...t, ext: { extid: call.caller }, sn });
			reports.push({ action: 'BYE', callid: call.callid2, ext: { extid: call.caller }, ...t, sn });
		} else if (call.kind === 'inbound') {
			reports.push({ action: 'BYE', callid: call.callid, ext: { extid: call.callee }, ...t, sn });
			reports.push({ action: 'BYE', callid: call.callid2, ...t, ext: { extid: call.callee }, sn });
		} else {
			reports.push({ action: 'BYE', callid: call.callid, ...t, sn });
			reports.push({ action: 'BYE', callid: call.callid2, ...t, sn });
		}
		this.emit(() => reports);
		for (const e of [call.caller, call.callee]) if (this.isExt(e)) this.extStatus(e, 'Idle');
		this.finish(call, 'ANSWERED');
	}

	emitTransfer(call: UcCall, transferor: string): void {
		const sn = this.sn;
		const other = call.caller === transferor ? call.callee : call.caller;
		const r: Record<string, unknown> =
			call.kind === 'internal'
				? { action: 'Tranfer', callid: call.callid, ext: { extid: [other, transferor] }, sn }
				: { action: 'Tranfer', callid: call.callid, ext: { extid: transferor }, ...this.trunkObj(call), sn };
		this.emit(() => [r]);
	}

	protected finish(call: UcCall, status: 'ANSWERED' | 'NO ANSWER'): void {
		const now = Date.now();
		let talk: number;
		let total: number;
		if (call.durationS !== undefined) {
			talk = status === 'ANSWERED' ? call.durationS : 0;
			total = talk + 2;
		} else {
			talk = call.answeredAt ? Math.round((now - call.answeredAt) / 1000) : 0;
			total = Math.max(talk, Math.round((now - call.startedAt) / 1000));
		}
		let recording = '';
		if (status === 'ANSWERED') {
			recording = `exten-${call.caller}-${call.dialed}-${formatTime(call.startedAt, 'yyyyMMdd-HHmmss')}-${call.callid}.wav`;
			this.state.recordings.add(recording);
		}
		const type = call.kind === 'internal' ? 'Internal' : call.kind === 'inbound' ? 'Inbound' : 'Outbound';
		const row = cdr(call.callid, formatTime(call.startedAt, UC_TIME), call.caller, call.dialed, String(total), String(talk),
			call.kind === 'inbound' ? call.trunk ?? '' : '', call.kind === 'outbound' || call.kind === 'callback' ? call.trunk ?? '' : '', status, type, recording);
		row.sn = this.sn;
		this.state.cdrs.push(row);
		this.state.calls.delete(call.callid);
		this.emit(() => [{
			action: 'NewCdr', callid: row.callid, timestart: row.timestart, callfrom: row.callfrom, callto: row.callto,
			callduraction: row.callduraction, talkduraction: row.talkduraction, status: row.status, type: row.type,
			recording: row.recording, sn: this.sn,
		}]);
	}

	/** An API-placed call: ring now, answer after answerDelayMs (unless the callee is unavailable), hang up after callDurationMs. */
	placeCall(call: UcCall): void {
		this.ring(call);
		const calleeExt = this.state.extensions.get(call.callee);
		const unanswerable = call.kind !== 'outbound' && call.kind !== 'callback' && calleeExt !== undefined && (calleeExt.status === 'Unavailable' || calleeExt.dnd === 'on');
		const t1 = setTimeout(() => {
			this.timers.delete(t1);
			if (call.state !== 'ringing') return;
			if (unanswerable) return this.fail(call);
			this.answer(call);
			call.timer = setTimeout(() => {
				call.timer = undefined;
				this.hangup(call);
			}, this.options.callDurationMs);
			call.timer.unref?.();
		}, this.options.answerDelayMs);
		t1.unref?.();
		this.timers.add(t1);
	}

	/** Live status in the extensionlist vocabulary (Up while talking) or the extension/query one (Busy). */
	liveStatus(e: Rec, vocab: 'list' | 'query'): string {
		const c = this.callOf(e.extnumber);
		if (!c) return e.status;
		if (c.held.includes(e.extnumber)) return 'Hold';
		if (c.state === 'ringing') return c.callee === e.extnumber ? 'Ringing' : vocab === 'list' ? 'Up' : 'Busy';
		return vocab === 'list' ? 'Up' : 'Busy';
	}
}
