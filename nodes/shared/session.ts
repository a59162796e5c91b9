import { createHash } from 'node:crypto';
import { LoginRefusedError, markNotSent, SessionExpiredError } from './errors';

// Error classes live in errors.ts; re-exported for existing imports.
export { SessionExpiredError };

/**
 * Logins shared by every item and execution in this n8n process, one per credential identity and origin.
 *
 * - Single flight: concurrent callers wait for the same login.
 * - A session is dropped only when the PBX says it expired, and only the session the caller used: one
 *   re-login serves every request that failed with the old token.
 * - A refused login (wrong password, lockout) is remembered for the same password, so a batch of 500 items
 *   makes one attempt, not 500 (every family blocks the IP after about five failures).
 */
export interface SessionStats {
	logins: number;
	refusals: number;
}

interface Slot<S> {
	current?: S;
	pending?: Promise<S>;
	refused?: { error: LoginRefusedError; until: number };
	stats: SessionStats;
}

export class SessionStore<S> {
	private readonly slots = new Map<string, Slot<S>>();

	constructor(private readonly refusalMemoryMs = 10 * 60 * 1000) {}

	/** Identity of a credential without keeping its secret: origin, user and a hash of the password. */
	static key(origin: string, user: string, password: string): string {
		return `${origin}|${user}|${createHash('sha256').update(password).digest('hex')}`;
	}

	private slot(key: string): Slot<S> {
		let s = this.slots.get(key);
		if (!s) {
			s = { stats: { logins: 0, refusals: 0 } };
			this.slots.set(key, s);
		}
		return s;
	}

	stats(key: string): SessionStats {
		return { ...this.slot(key).stats };
	}

	/** The live session when there is one and no refusal is remembered (what get() would return at once). */
	live(key: string): S | undefined {
		const slot = this.slots.get(key);
		return slot && !slot.refused ? slot.current : undefined;
	}

	/** The live session, or one new login shared by every caller waiting now. */
	async get(key: string, login: () => Promise<S>): Promise<S> {
		const slot = this.slot(key);
		if (slot.refused) {
			if (Date.now() < slot.refused.until) throw slot.refused.error;
			slot.refused = undefined;
		}
		if (slot.current !== undefined) return slot.current;
		if (!slot.pending) {
			slot.pending = (async () => {
				try {
					const session = await login();
					slot.stats.logins++;
					slot.current = session;
					return session;
				} catch (error) {
					if (error instanceof LoginRefusedError) {
						slot.stats.refusals++;
						slot.refused = { error, until: Date.now() + (error.rememberMs ?? this.refusalMemoryMs) };
					}
					throw error;
				} finally {
					slot.pending = undefined;
				}
			})();
		}
		return slot.pending;
	}

	/**
	 * A new login even if a session exists (e.g. to register a report address), still refused at once while a
	 * refusal for the same credential is remembered, and recorded like any other login.
	 */
	async fresh(key: string, login: () => Promise<S>): Promise<S> {
		const slot = this.slot(key);
		if (slot.refused && Date.now() < slot.refused.until) throw slot.refused.error;
		slot.current = undefined;
		return this.get(key, login);
	}

	/** Forget `used` if it is still the current session (a later login is kept). */
	invalidate(key: string, used: S): void {
		const slot = this.slot(key);
		if (slot.current === used) slot.current = undefined;
	}

	/** Set the session from outside (e.g. the trigger's own login), so actions reuse it. */
	set(key: string, session: S): void {
		const slot = this.slot(key);
		slot.current = session;
		slot.refused = undefined;
	}

	/** Drop the session and any remembered refusal (logout, credential change). */
	clear(key: string): void {
		this.slots.delete(key);
	}

	peek(key: string): S | undefined {
		return this.slots.get(key)?.current;
	}
}

/**
 * Runs `call` with a session; when it throws SessionExpiredError, logs in again (shared) and retries once.
 * Retrying is safe even for money and call operations: the PBX refused the request before acting on it.
 */
export async function withSession<S, T>(
	store: SessionStore<S>,
	key: string,
	login: () => Promise<S>,
	call: (session: S) => Promise<T>,
): Promise<T> {
	// A failed login means the operation itself was never sent: never "outcome unknown".
	const session = () => store.get(key, login).catch((error: unknown) => Promise.reject(markNotSent(error)));
	// The usual case, a live session, without the promises of get() (several per item otherwise).
	const first = store.live(key) ?? (await session());
	try {
		return await call(first);
	} catch (error) {
		if (!(error instanceof SessionExpiredError)) throw error;
		store.invalidate(key, first);
		const second = await session();
		return call(second);
	}
}
