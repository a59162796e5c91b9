/**
 * Session actions (nodes/ucm/spec/session.ts): challenge -> login with md5(challenge + password) -> cookie carried in
 * the body of every other request; 10 min idle timeout; logout. Failed logins count down `remain_num` and ban the
 * IP (`remain_time`) after `lockoutFailures`.
 */
import { randomInt } from 'node:crypto';
import { md5 } from '../kit';
import { need, opt, UcmError, type Ctx, type Handler, type Rec, type Reply } from './api';
import type { EmulatedUcm } from './emulator';

/** The manuals' curl example logs in as `cdrapi`. */
export const UCM_DEFAULT_USERNAME = 'cdrapi';
export const UCM_DEFAULT_PASSWORD = 'cdrapi123';

export interface UcmSession { cookie: string; user: string; ip: string; url?: string; createdAt: number; lastUsed: number; uses: number }

export function isExpired(emu: EmulatedUcm, s: UcmSession): boolean {
	return Date.now() - s.lastUsed > emu.options.cookieTtlMs;
}

export function useCookie(emu: EmulatedUcm, cookie: string | undefined): UcmSession {
	if (!cookie) throw new UcmError(-6);
	const s = emu.sessions.get(cookie);
	if (!s) throw new UcmError(emu.options.expiredStatus);
	if (isExpired(emu, s)) {
		emu.sessions.delete(cookie);
		throw new UcmError(emu.options.expiredStatus);
	}
	const n = emu.options.expireEveryNRequests;
	if (n !== undefined && n > 0 && s.uses >= n) {
		emu.sessions.delete(cookie);
		throw new UcmError(emu.options.expiredStatus);
	}
	s.uses++;
	s.lastUsed = Date.now();
	return s;
}

export function checkLock(emu: EmulatedUcm, ip: string): void {
	const l = emu.lockouts.get(ip);
	if (l && l.lockedUntil > Date.now()) throw new UcmError(-68, { remain_time: Math.ceil((l.lockedUntil - Date.now()) / 1000) });
	if (l && l.lockedUntil && l.lockedUntil <= Date.now()) emu.lockouts.delete(ip);
}

export function failLogin(emu: EmulatedUcm, ip: string, status: number): never {
	const l = emu.lockouts.get(ip) ?? { failures: 0, lockedUntil: 0 };
	l.failures++;
	const remain = Math.max(0, emu.options.lockoutFailures - l.failures);
	const extra: Rec = { remain_num: remain };
	if (remain === 0) {
		l.lockedUntil = Date.now() + emu.options.lockoutMs;
		extra.remain_time = Math.ceil(emu.options.lockoutMs / 1000);
	}
	emu.lockouts.set(ip, l);
	throw new UcmError(status, extra);
}

export function checkApiAccess(emu: EmulatedUcm, ip: string): void {
	const allowed = emu.options.permittedIps;
	if (!emu.options.apiEnabled || (allowed && !allowed.includes(ip))) throw new UcmError(-47);
}

export function challenge(emu: EmulatedUcm, ctx: Ctx): Reply {
	checkApiAccess(emu, ctx.ip);
	checkLock(emu, ctx.ip);
	const [user] = need(ctx.body, 'user');
	emu.challenges++;
	if (user !== emu.username) failLogin(emu, ctx.ip, -71);
	const challenge = String(randomInt(0, 1e9)).padStart(16, '0');
	emu.pendingChallenges.set(`${ctx.ip}|${user}`, { challenge, at: Date.now() });
	return { challenge };
}

export function login(emu: EmulatedUcm, ctx: Ctx): Reply {
	emu.loginAttempts++;
	checkApiAccess(emu, ctx.ip);
	checkLock(emu, ctx.ip);
	const [user] = need(ctx.body, 'user');
	if (user !== emu.username) failLogin(emu, ctx.ip, -71);
	const token = opt(ctx.body, 'token') ?? '';
	const key = `${ctx.ip}|${user}`;
	const ch = emu.pendingChallenges.get(key);
	emu.pendingChallenges.delete(key);
	if (!ch || Date.now() - ch.at > emu.options.cookieTtlMs || token.toLowerCase() !== md5(ch.challenge + emu.password)) failLogin(emu, ctx.ip, -37);
	emu.lockouts.delete(ctx.ip);
	const cookie = `sid${randomInt(1, 2 ** 31 - 1)}-${Math.floor(Date.now() / 1000)}`;
	const url = opt(ctx.body, 'url') || undefined;
	const s: UcmSession = { cookie, user, ip: ctx.ip, url, createdAt: Date.now(), lastUsed: Date.now(), uses: 0 };
	emu.sessions.set(cookie, s);
	if (url) emu.lastRegistration = s;
	emu.logins++;
	return { cookie };
}

export const sessionHandlers: Record<string, Handler> = {
	logout(emu, ctx) {
		if (ctx.session) emu.sessions.delete(ctx.session.cookie);
		return {};
	},
};
