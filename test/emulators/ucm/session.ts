/**
 * Session actions (nodes/ucm/spec/session.ts): challenge -> login with md5(challenge + password) -> cookie carried in
 * the body of every other request; 10 min idle timeout; logout. Failed logins count down `remain_num` and ban the
 * IP (`remain_time`) after `lockoutFailures`.
 */
import { randomInt } from 'node:crypto';
import { md5, type SessionBase } from '../kit';
import { need, opt, UcmError, type Ctx, type Handler, type Rec, type Reply } from './api';
import type { EmulatedUcm } from './emulator';

/** The manuals' curl example logs in as `cdrapi`. */
export const UCM_DEFAULT_USERNAME = 'cdrapi';
export const UCM_DEFAULT_PASSWORD = 'cdrapi123';

export interface UcmSession extends SessionBase {
	user: string;
	/** Where this login asked for reports (login `url`). */
	url?: string;
}

/** The session of `cookie`, or the refusal: -6 without a cookie, `expiredStatus` for an unknown or expired one. */
export function useCookie(emu: EmulatedUcm, cookie: string | undefined): UcmSession {
	const s = emu.sessionStore.use(cookie);
	if (s === 'missing') throw new UcmError(-6);
	if (s === 'unknown' || s === 'expired') throw new UcmError(emu.options.expiredStatus);
	return s;
}

function checkLock(emu: EmulatedUcm, ip: string): void {
	const ms = emu.guard.lockedForMs(ip);
	if (ms > 0) throw new UcmError(-68, { remain_time: Math.ceil(ms / 1000) });
}

function failLogin(emu: EmulatedUcm, ip: string, status: number): never {
	const f = emu.guard.fail(ip);
	const extra: Rec = { remain_num: f.remaining };
	if (f.lockedForMs !== undefined) extra.remain_time = Math.ceil(f.lockedForMs / 1000);
	throw new UcmError(status, extra);
}

function checkApiAccess(emu: EmulatedUcm, ip: string): void {
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
	emu.guard.attempts++;
	checkApiAccess(emu, ctx.ip);
	checkLock(emu, ctx.ip);
	const [user] = need(ctx.body, 'user');
	if (user !== emu.username) failLogin(emu, ctx.ip, -71);
	const token = opt(ctx.body, 'token') ?? '';
	const key = `${ctx.ip}|${user}`;
	const ch = emu.pendingChallenges.get(key);
	emu.pendingChallenges.delete(key);
	if (!ch || Date.now() - ch.at > emu.options.cookieTtlMs || token.toLowerCase() !== md5(ch.challenge + emu.password)) failLogin(emu, ctx.ip, -37);
	emu.guard.succeed(ctx.ip);
	const cookie = `sid${randomInt(1, 2 ** 31 - 1)}-${Math.floor(Date.now() / 1000)}`;
	const url = opt(ctx.body, 'url') || undefined;
	const s = emu.sessionStore.issue({ token: cookie, user, ip: ctx.ip, url });
	if (url) emu.lastRegistration = s;
	emu.logins++;
	return { cookie };
}

export const sessionHandlers: Record<string, Handler> = {
	logout(emu, ctx) {
		if (ctx.session) emu.sessionStore.revoke(ctx.session.token);
		return {};
	},
};
