/** Trunks: trunklist/query, siptrunk/query|add|update|delete (nodes/OpenVoxUc/spec/trunk.ts). */
import { copyFields, deleteListed, need, opt, selectByList, UcError, type Handler } from './handler';
import type { Rec } from './types';

function sipTrunkView(t: Rec): Rec {
	const base: Rec = { id: t.id, trunkname: t.trunkname, tech: t.tech, trunktype: t.trunktype };
	if (t.trunktype === 'register') return { ...base, host: t.host, port: t.port, domain: t.domain, username: t.username, authname: t.authname, fromuser: t.fromuser, password: t.password };
	if (t.trunktype === 'peer') return { ...base, host: t.host, port: t.port, domain: t.domain };
	return { ...base, username: t.username, authname: t.authname, password: t.password };
}

function validateTrunk(t: Rec): void {
	const type = t.trunktype;
	if (!['register', 'peer', 'account'].includes(type)) throw new UcError('10004');
	const req = type === 'register' ? ['host', 'port', 'username', 'authname', 'password'] : type === 'peer' ? ['host', 'port'] : ['username', 'authname', 'password'];
	for (const k of req) if (!(t[k] ?? '').trim()) throw new UcError('10004');
}

export const trunkRoutes: Record<string, Handler> = {
	'trunklist/query'() {
		return { trunkname: [...this.state.sipTrunks.values()].map((t) => ({ trunkname: t.trunkname, status: t.status, type: 'SIP' })) };
	},
	'siptrunk/query'(ctx) {
		const [name] = need(ctx.body, 'trunkname');
		const trunks = selectByList(this.state.sipTrunks, name).map(sipTrunkView);
		return trunks.length ? { trunks } : {};
	},
	'siptrunk/add'(ctx) {
		const [trunkname, trunktype] = need(ctx.body, 'trunkname', 'trunktype');
		if (this.state.sipTrunks.has(trunkname)) throw this.routeRefusal('10043');
		const ids = [...this.state.sipTrunks.values()].map((t) => +t.id);
		const t: Rec = { id: String((ids.length ? Math.max(...ids) : 0) + 1), trunkname, tech: 'pjsip', trunktype, host: '', port: '5060', domain: '', username: '', authname: '', fromuser: '', password: '', status: 'Registered' };
		copyFields(t, ctx.body, ['host', 'port', 'domain', 'username', 'authname', 'fromuser', 'password']);
		if (!t.domain) t.domain = t.host;
		validateTrunk(t);
		this.state.sipTrunks.set(trunkname, t);
		return {};
	},
	'siptrunk/update'(ctx) {
		const [id] = need(ctx.body, 'id');
		const old = [...this.state.sipTrunks.values()].find((t) => t.id === id);
		if (!old) throw this.routeRefusal('10062');
		const t = { ...old };
		copyFields(t, ctx.body, ['trunkname', 'trunktype', 'host', 'port', 'domain', 'username', 'authname', 'fromuser', 'password']);
		if (opt(ctx.body, 'domain') === undefined && opt(ctx.body, 'host') !== undefined) t.domain = t.host;
		validateTrunk(t);
		if (t.trunkname !== old.trunkname && this.state.sipTrunks.has(t.trunkname)) throw this.routeRefusal('10043');
		this.state.sipTrunks.delete(old.trunkname);
		this.state.sipTrunks.set(t.trunkname, t);
		return {};
	},
	'siptrunk/delete'(ctx) {
		const [name] = need(ctx.body, 'trunkname');
		deleteListed(this.state.sipTrunks, name);
		return {};
	},
};
