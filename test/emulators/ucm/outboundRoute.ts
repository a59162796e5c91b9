/** Outbound route actions (nodes/ucm/spec/outboundRoute.ts), and the route a dialled number takes. */
import { deepClone, dialPatternRegex } from '../kit';
import { deleteRow, existing, listPage, markChanged, merge, need, nextIndex, opt, selectFields, str, UcmError, type Handler, type Rec } from './api';
import type { EmulatedUcm } from './emulator';

export const outboundRouteSeed: Rec[] = [
	{ outbound_rt_index: 1, outbound_rt_name: 'to-provider', default_trunk_index: 1, pattern: [{ match: '_9X.', allow: null, strip_prefix: null }], permission: 'internal-local-national', out_of_service: 'no', password: null, strip: 1, prepend: null, enable_wlist: 'no', members: null, custom_member: null, limitime: null, pin_sets_id: null, time_mode: 0, sequence: 1, failover_outbound_data: [] },
	{ outbound_rt_index: 2, outbound_rt_name: 'branch', default_trunk_index: 2, pattern: [{ match: '_2xxx', allow: null, strip_prefix: null }], permission: 'internal', out_of_service: 'no', password: null, strip: 0, prepend: null, enable_wlist: 'no', members: null, custom_member: null, limitime: null, pin_sets_id: null, time_mode: 0, sequence: 2, failover_outbound_data: [] },
];

/** A UCM route pattern: `_` + an Asterisk pattern (`_9X.`, `_1xxx`, `_X.`, `_[2-5]`), or a literal number. */
export function ucmPatternToRegex(p: string): RegExp {
	const s = p.trim();
	return s.startsWith('_') ? dialPatternRegex(s.slice(1)) : new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** Outbound route for a dialled number -> trunk name and the number after strip/prepend. */
export function routeNumber(emu: EmulatedUcm, number: string): { trunk: string; dialled: string } {
	const routes = [...emu.state.outboundRoutes.values()].filter((r) => r.out_of_service !== 'yes').sort((a, b) => Number(a.sequence ?? 0) - Number(b.sequence ?? 0));
	for (const r of routes) {
		const pats = Array.isArray(r.pattern) ? (r.pattern as Rec[]).map((p) => str(p.match)) : str(r.pattern).split(/[\n,]/);
		if (pats.some((p) => p && ucmPatternToRegex(p).test(number))) {
			const t = emu.state.sipTrunks.get(Number(r.default_trunk_index)) ?? emu.state.analogTrunks.get(Number(r.default_trunk_index));
			if (!t) break;
			return { trunk: str(t.trunk_name), dialled: `${str(r.prepend ?? '')}${number.slice(Number(r.strip ?? 0) || 0)}` };
		}
	}
	throw new UcmError(-16);
}

function normPattern(p: unknown): Rec[] {
	if (p === undefined || p === null || p === '') throw new UcmError(-1);
	const list: Rec[] = Array.isArray(p) ? (p as unknown[]).map((x) => (typeof x === 'object' && x ? { ...(x as Rec) } : { match: str(x) })) : str(p).split(/[\n,]/).map((m) => ({ match: m.trim() }));
	const out = list.filter((x) => str(x.match)).map((x) => ({ match: str(x.match).startsWith('_') ? str(x.match) : `_${str(x.match)}`, allow: x.allow ?? null, strip_prefix: x.strip_prefix ?? null }));
	if (!out.length) throw new UcmError(-1);
	for (const x of out) {
		try {
			ucmPatternToRegex(x.match);
		} catch {
			throw new UcmError(-15);
		}
	}
	return out;
}

export const outboundRouteHandlers: Record<string, Handler> = {
	listoutboundroute(emu, ctx) {
		const rows = [...emu.state.outboundRoutes.values()].map((r) => ({
			members: r.members ?? [], out_of_service: r.out_of_service, outbound_rt_index: r.outbound_rt_index, outbound_rt_name: r.outbound_rt_name,
			pattern: Array.isArray(r.pattern) ? (r.pattern as Rec[]).map((p) => str(p.match).replace(/^_/, '')).join(',') : r.pattern,
			permission: r.permission, sequence: r.sequence, default_trunk_index: r.default_trunk_index,
		}));
		return listPage('outbound_route', rows, ctx.body);
	},
	addoutboundroute(emu, ctx) {
		const [name, trunk] = need(ctx.body, 'outbound_rt_name', 'default_trunk_index');
		if (!emu.state.sipTrunks.has(Number(trunk)) && !emu.state.analogTrunks.has(Number(trunk)) && !emu.state.digitalTrunks.has(Number(trunk))) throw new UcmError(-16);
		if ([...emu.state.outboundRoutes.values()].some((r) => r.outbound_rt_name === name)) throw new UcmError(-44);
		const pattern = normPattern(ctx.body.pattern);
		const wanted = opt(ctx.body, 'outbound_rt_index');
		const idx = wanted ? Number(wanted) : nextIndex(emu.state.outboundRoutes);
		if (emu.state.outboundRoutes.has(idx)) throw new UcmError(-44);
		const r: Rec = { ...deepClone(outboundRouteSeed[1]), outbound_rt_index: idx, sequence: emu.state.outboundRoutes.size + 1 };
		merge(r, ctx.body, ['outbound_rt_index', 'pattern']);
		r.default_trunk_index = Number(trunk);
		r.pattern = pattern.map((p) => ({ ...p, outbound_rt_index: idx }));
		emu.state.outboundRoutes.set(idx, r);
		return markChanged(emu);
	},
	getoutboundroute(emu, ctx) {
		const [id] = need(ctx.body, 'outbound_route');
		const r = existing(emu.state.outboundRoutes, Number(id));
		const route: Rec = { ...r };
		delete route.pattern; delete route.failover_outbound_data; delete route.sequence;
		return { failover_outbound_data: r.failover_outbound_data ?? [], outbound_route: selectFields(route, ctx.body, ['outbound_route']), pattern: r.pattern };
	},
	updateoutboundroute(emu, ctx) {
		// Table: outbound_rt_index; example: outbound_route. Both accepted.
		const id = opt(ctx.body, 'outbound_route') || opt(ctx.body, 'outbound_rt_index');
		if (!id) throw new UcmError(-1);
		const r = existing(emu.state.outboundRoutes, Number(id));
		const trunk = opt(ctx.body, 'default_trunk_index');
		if (trunk && !emu.state.sipTrunks.has(Number(trunk)) && !emu.state.analogTrunks.has(Number(trunk))) throw new UcmError(-16);
		merge(r, ctx.body, ['outbound_route', 'outbound_rt_index', 'pattern']);
		if (trunk) r.default_trunk_index = Number(trunk);
		if (ctx.body.pattern !== undefined) r.pattern = normPattern(ctx.body.pattern).map((p) => ({ ...p, outbound_rt_index: Number(id) }));
		return markChanged(emu);
	},
	deleteoutboundroute: deleteRow('outbound_route', (emu) => emu.state.outboundRoutes, Number),
};
