/** Inbound routes: inroute/query|add|update|delete (nodes/OpenVoxUc/spec/inboundRoute.ts). */
import { copyFields, deleteListed, need, opt, selectByList, UcError, type Handler } from './handler';

const DEST_TYPES = ['hangup', 'extension', 'voicemail', 'ivr', 'ringgroup', 'queue', 'conference', 'disa', 'callback'];

export const inboundRouteRoutes: Record<string, Handler> = {
	'inroute/query'(ctx) {
		const [name] = need(ctx.body, 'name');
		const inroutes = selectByList(this.state.inroutes, name).map((r) => ({ ...r }));
		return inroutes.length ? { inroutes } : {};
	},
	'inroute/add'(ctx) {
		const [name, desttype, dest] = need(ctx.body, 'name', 'desttype', 'dest');
		if (!DEST_TYPES.includes(desttype)) throw new UcError('10004');
		if (this.state.inroutes.has(name)) throw this.routeRefusal('10064');
		this.state.inroutes.set(name, { id: '', name, did: opt(ctx.body, 'did') ?? '', caller_id: opt(ctx.body, 'caller_id') ?? '', desttype, dest });
		return {};
	},
	'inroute/update'(ctx) {
		const [name] = need(ctx.body, 'name');
		const r = this.state.inroutes.get(name);
		if (!r) throw this.routeRefusal('10072');
		const desttype = opt(ctx.body, 'desttype');
		if (desttype !== undefined && !DEST_TYPES.includes(desttype)) throw new UcError('10004');
		copyFields(r, ctx.body, ['did', 'caller_id', 'desttype', 'dest']);
		return {};
	},
	'inroute/delete'(ctx) {
		const [name] = need(ctx.body, 'name');
		deleteListed(this.state.inroutes, name);
		return {};
	},
};
