/**
 * The OpenVox UC Trigger's keep-alive: holds the report registration on the PBX while the workflow is active.
 *
 * It runs in n8n's leader only: the trigger's `trigger()` registers a one-second cron (n8n fires crons on the
 * leader, and starts the trigger again on a new leader), and each tick lets the keeper act when something is due.
 * It never gives up while the workflow is active: a PBX that is rebooting (errno 30003), unreachable or slow is
 * tried again with capped backoff; a lost token is replaced by a new login that registers the same address. A
 * wrong password is not tried again until the credential changes (the PBX locks the IP out after five).
 */
import type { Logger } from 'n8n-workflow';
import { LoginRefusedError, PbxError } from '../shared/errors';
import { SessionExpiredError, TransportError } from '../shared/errors';
import {
	openVoxUcLogin,
	openVoxUcSessionCall,
	openVoxUcSessions,
	REPORT_TRANSPORT_HINT,
	reportsNotOverHttp,
	type ReportRegistration,
	type OpenVoxUcConnection,
	type OpenVoxUcSession,
} from './protocol';

export type KeeperState = 'registering' | 'registered' | 'retrying' | 'refused' | 'stopped';

export interface KeeperOptions {
	/** Time between heartbeats while registered. */
	heartbeatMs: number;
	/** First wait after a failure; doubles per failure up to `retryCapMs`. */
	retryBaseMs?: number;
	retryCapMs?: number;
	/** How often a refused credential is read again to see whether it was fixed. */
	credentialRecheckMs?: number;
	/** Wait after a lockout answer (20002) before one more try: the PBX's lockout time. */
	lockoutMs?: number;
}

export interface KeeperStats {
	logins: number;
	beats: number;
	failures: number;
	/** When the last outage began and how long until registration was restored (ms), for logs and tests. */
	lastOutageMs?: number;
}

export class Keeper {
	state: KeeperState = 'registering';
	stats: KeeperStats = { logins: 0, beats: 0, failures: 0 };
	private session?: OpenVoxUcSession;
	private nextAt = 0;
	private busy?: Promise<void>;
	private failuresInRow = 0;
	private outageSince?: number;
	private lastReason = '';
	private readonly opts: Required<KeeperOptions>;

	constructor(
		private conn: OpenVoxUcConnection,
		readonly registration: ReportRegistration,
		opts: KeeperOptions,
		private readonly label: string,
		private readonly logger?: Logger,
		/** Reads the credential again (a refused password may have been fixed since). */
		private readonly reloadConnection?: () => Promise<OpenVoxUcConnection>,
	) {
		this.opts = { retryBaseMs: 1000, retryCapMs: 15_000, credentialRecheckMs: 60_000, lockoutMs: 10 * 60_000, ...opts };
		// A live session (the activation login, or an action's) is adopted rather than a second login; a heartbeat
		// at once makes sure it carries this address (an action may have logged in without it).
		const current = openVoxUcSessions.peek(conn.sessionKey);
		if (current) {
			this.session = current;
			this.state = 'registered';
		}
	}

	get sessionKey(): string {
		return this.conn.sessionKey;
	}

	/** Called on every cron tick: does the due step, if any, one at a time. */
	tick(now = Date.now()): Promise<void> {
		if (this.state === 'stopped' || this.busy || now < this.nextAt) return this.busy ?? Promise.resolve();
		this.busy = this.step(now).finally(() => (this.busy = undefined));
		return this.busy;
	}

	stop(): void {
		this.state = 'stopped';
	}

	private async step(now: number): Promise<void> {
		if (this.state === 'refused' && this.reloadConnection) {
			let conn: OpenVoxUcConnection;
			try {
				conn = await this.reloadConnection();
			} catch (error) {
				this.nextAt = Date.now() + this.opts.credentialRecheckMs;
				this.logger?.warn(`${this.label}: cannot read the credential: ${(error as Error).message}`);
				return;
			}
			if (conn.sessionKey === this.conn.sessionKey && now < this.nextRefusedTry) {
				this.nextAt = Date.now() + this.opts.credentialRecheckMs;
				return;
			}
			this.conn = conn;
			this.session = undefined;
		}
		try {
			if (!this.session) {
				this.session = await openVoxUcSessions.fresh(this.conn.sessionKey, () => openVoxUcLogin(this.conn, this.registration));
				this.stats.logins++;
				// Set on the PBX after activation: said once per login, the keep-alive goes on (it may be set back).
				const notHttp = reportsNotOverHttp(this.session);
				if (notHttp) this.logger?.error(`${this.label}: ${notHttp}. ${REPORT_TRANSPORT_HINT}`);
			} else {
				// Actions share the token; if one of them logged in again, beat with the newest.
				this.session = openVoxUcSessions.peek(this.conn.sessionKey) ?? this.session;
				await openVoxUcSessionCall(this.conn, 'heartbeat', this.session.token, {
					ipaddr: this.registration.ipaddr,
					port: this.registration.port,
					url: this.registration.url,
					urltag: this.registration.urltag,
				});
				this.stats.beats++;
			}
			this.failuresInRow = 0;
			this.nextAt = Date.now() + this.opts.heartbeatMs;
			this.enter('registered', '');
		} catch (error) {
			if (this.state === 'stopped') return;
			this.stats.failures++;
			this.onFailure(error as Error);
		}
	}

	/** Earliest time the same refused credential may be tried again (only after a lockout, never after 20003). */
	private nextRefusedTry = Number.POSITIVE_INFINITY;

	private onFailure(error: Error): void {
		const reason = describe(error);
		if (error instanceof SessionExpiredError) {
			// The PBX forgot the token (reboot, expiry): a new login registers the address again, at once.
			if (this.session) openVoxUcSessions.invalidate(this.conn.sessionKey, this.session);
			this.session = undefined;
			this.nextAt = 0;
			this.enter('registering', reason);
			return;
		}
		if (error instanceof LoginRefusedError && error.code !== '30003') {
			this.session = undefined;
			this.nextRefusedTry = error.code === '20002' ? Date.now() + this.opts.lockoutMs : Number.POSITIVE_INFINITY;
			this.nextAt = Date.now() + this.opts.credentialRecheckMs;
			this.enter(
				'refused',
				`${reason}; ${error.code === '20002' ? 'one more try after the lockout' : 'not tried again until the credential changes'}`,
			);
			return;
		}
		// The PBX answered with an error (e.g. 30003 while it boots): the next attempt is a new login.
		if (error instanceof PbxError) this.session = undefined;
		this.failuresInRow++;
		const wait = Math.min(this.opts.retryCapMs, this.opts.retryBaseMs * 2 ** (this.failuresInRow - 1));
		this.nextAt = Date.now() + wait;
		this.enter('retrying', `${reason}; retrying with backoff (up to ${Math.round(this.opts.retryCapMs / 1000)} s)`);
	}

	/** One log line per change of state (not per retry). */
	private enter(state: KeeperState, reason: string): void {
		const was = this.state;
		if (was === 'stopped') return;
		this.state = state;
		if (state === 'registered') {
			if (was === 'registered') return;
			if (this.outageSince !== undefined) {
				this.stats.lastOutageMs = Date.now() - this.outageSince;
				this.outageSince = undefined;
				this.logger?.info(`${this.label}: registered with the PBX again after ${this.stats.lastOutageMs} ms (reports go to ${this.registration.url})`);
			} else {
				this.logger?.info(`${this.label}: registered with the PBX (reports go to ${this.registration.url})`);
			}
			return;
		}
		if (this.outageSince === undefined) this.outageSince = Date.now();
		if (state === was && reason === this.lastReason) return;
		this.lastReason = reason;
		const line = `${this.label}: ${state === 'refused' ? 'login refused' : state === 'registering' ? 'registering again' : 'PBX not reachable'}: ${reason}`;
		if (state === 'refused') this.logger?.error(line);
		else this.logger?.warn(line);
	}
}

function describe(error: Error): string {
	if (error instanceof SessionExpiredError) return `the PBX no longer knows the token (errno ${error.code})`;
	if (error instanceof PbxError) return error.message;
	if (error instanceof TransportError) return error.message;
	return error.message || String(error);
}
