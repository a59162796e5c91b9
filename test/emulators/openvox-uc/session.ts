/** Session: heartbeat (re-registers the report address) and logout; login is in emulator.ts (it needs no token). nodes/OpenVoxUc/spec/session.ts */
import { UcError, need, opt, type Handler } from './handler';

export const sessionRoutes: Record<string, Handler> = {
	heartbeat(ctx) {
		const [ipaddr, port] = need(ctx.body, 'ipaddr', 'port');
		if (!/^\d+$/.test(port) || +port > 65536) throw new UcError('20008');
		const s = ctx.session;
		s.ip = ipaddr;
		s.port = port;
		s.url = opt(ctx.body, 'url');
		s.urltag = opt(ctx.body, 'urltag');
		s.lastUsed = Date.now();
		return {};
	},
	logout(ctx) {
		this.sessions.delete(ctx.session.token);
		this.forget(ctx.session);
		return {};
	},
};
