/** Outbound routes: outroute/query|add|update|delete (nodes/OpenVoxUc/spec/outboundRoute.ts). */
import { copyFields, list, need, opt, UcError, type Handler } from './handler';

export const outboundRouteRoutes: Record<string, Handler> = {
	'outroute/query'(ctx) {
		const [name] = need(ctx.body, 'name');
		const all = [...this.state.outroutes.values()];
		const outroutes = (name.toLowerCase() === 'all' ? all : all.filter((r) => list(name).includes(r.name))).map((r) => ({ ...r }));
		return outroutes.length ? { outroutes } : {};
	},
	'outroute/add'(ctx) {
		const [name, matchpattern, trunks] = need(ctx.body, 'name', 'matchpattern', 'trunks');
		const all = [...this.state.outroutes.values()];
		if (all.some((r) => r.name === name)) throw this.routeRefusal('10074');
		if (!list(trunks).every((t) => this.state.sipTrunks.has(t))) throw this.routeRefusal('10078');
		const id = String(Math.max(18, ...all.map((r) => +r.id)) + 1);
		this.state.outroutes.set(id, { id, name, prepend: opt(ctx.body, 'prepend') ?? '', prefix: opt(ctx.body, 'prefix') ?? '', matchpattern, callerid: opt(ctx.body, 'callerid') ?? '', trunks });
		return {};
	},
	'outroute/update'(ctx) {
		const [id] = need(ctx.body, 'id');
		const r = this.state.outroutes.get(id);
		if (!r) throw new UcError('20010');
		const trunks = opt(ctx.body, 'trunks');
		if (trunks !== undefined && !list(trunks).every((t) => this.state.sipTrunks.has(t))) throw this.routeRefusal('10078');
		copyFields(r, ctx.body, ['name', 'prefix', 'matchpattern', 'prepend', 'callerid', 'trunks']);
		return {};
	},
	'outroute/delete'(ctx) {
		const [name] = need(ctx.body, 'name');
		const all = [...this.state.outroutes.values()];
		const found = name.toLowerCase() === 'all' ? all : all.filter((r) => list(name).includes(r.name));
		if (!found.length) throw new UcError('20010');
		for (const r of found) this.state.outroutes.delete(r.id);
		return {};
	},
};
