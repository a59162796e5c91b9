/**
 * Logins as the PBXs keep them: a session per token/cookie with idle and absolute expiry, an optional "expire after
 * N requests" switch (to test re-login), revocation, and a guard that locks a caller out after too many wrong
 * passwords. The family maps a refusal (`missing` / `unknown` / `expired`) to its own error code.
 */
export interface SessionBase {
	token: string;
	ip: string;
	createdAt: number;
	lastUsed: number;
	uses: number;
}

export interface SessionLimits {
	/** Idle timeout: a session unused this long is expired. */
	idleMs: number;
	/** Absolute lifetime from login (none when undefined). */
	absoluteMs?: number;
	/** Expire a session when it is used for the (N+1)th time (none when undefined or 0). */
	expireEveryNRequests?: number;
}

export type SessionRefusal = 'missing' | 'unknown' | 'expired';

export class SessionStore<S extends SessionBase> {
	/** Live sessions by token (expired ones are removed when seen). */
	readonly byToken = new Map<string, S>();
	private readonly expired = new Set<string>();

	/** `limits` is read at every use, so a test can change the family's options on a running emulator. */
	constructor(private readonly limits: () => SessionLimits) {}

	/** A new session (`fields` without the bookkeeping). */
	issue(fields: Omit<S, 'createdAt' | 'lastUsed' | 'uses'>): S {
		const now = Date.now();
		const s = { ...fields, createdAt: now, lastUsed: now, uses: 0 } as S;
		this.byToken.set(s.token, s);
		return s;
	}

	/** The session of `token`, touched and counted, or why it is refused. */
	use(token: string | undefined): S | SessionRefusal {
		if (token === undefined || token === '') return 'missing';
		const s = this.byToken.get(token);
		if (!s) return this.expired.has(token) ? 'expired' : 'unknown';
		if (this.isExpired(s)) return 'expired';
		const n = this.limits().expireEveryNRequests;
		if (n !== undefined && n > 0 && s.uses >= n) {
			this.revoke(token);
			return 'expired';
		}
		s.uses++;
		s.lastUsed = Date.now();
		return s;
	}

	/** True (and the session is forgotten as expired) when it is past its idle or absolute limit. */
	isExpired(s: S): boolean {
		const { idleMs, absoluteMs } = this.limits();
		const now = Date.now();
		if (now - s.lastUsed > idleMs || (absoluteMs !== undefined && now - s.createdAt > absoluteMs)) {
			this.revoke(s.token);
			return true;
		}
		return false;
	}

	/** Sessions not expired, in login order. */
	live(): S[] {
		return [...this.byToken.values()].filter((s) => !this.isExpired(s));
	}

	/** End one session (logout): its token then answers `expired`. */
	revoke(token: string): void {
		if (this.byToken.delete(token)) this.expired.add(token);
	}

	/** Expire every session now. */
	expireAll(): void {
		for (const t of [...this.byToken.keys()]) this.revoke(t);
	}

	count(): number {
		return this.byToken.size;
	}

	/** Forget everything (emulator reset). */
	clear(): void {
		this.byToken.clear();
		this.expired.clear();
	}
}

export interface LockoutLimits {
	/** Wrong logins in a row that lock the caller out. */
	failures: number;
	lockMs: number;
}

/** Wrong-login accounting per caller (usually the client IP). */
export class LoginGuard {
	private readonly byKey = new Map<string, { failures: number; lockedUntil: number }>();
	/** Login attempts seen (right or wrong, refused by a lock or not). */
	attempts = 0;

	constructor(private readonly limits: () => LockoutLimits) {}

	/** How long `key` stays locked out, or 0 (an elapsed lock is lifted here). */
	lockedForMs(key: string): number {
		const l = this.byKey.get(key);
		if (!l || l.lockedUntil === 0) return 0;
		const left = l.lockedUntil - Date.now();
		if (left > 0) return left;
		this.byKey.delete(key);
		return 0;
	}

	/** Count a wrong login: the tries left before the lock, and the lock's length when this one locked. */
	fail(key: string): { remaining: number; lockedForMs?: number } {
		const { failures, lockMs } = this.limits();
		const l = this.byKey.get(key) ?? { failures: 0, lockedUntil: 0 };
		l.failures++;
		this.byKey.set(key, l);
		const remaining = Math.max(0, failures - l.failures);
		if (remaining > 0) return { remaining };
		l.lockedUntil = Date.now() + lockMs;
		return { remaining, lockedForMs: lockMs };
	}

	succeed(key: string): void {
		this.byKey.delete(key);
	}

	clear(): void {
		this.byKey.clear();
		this.attempts = 0;
	}
}
