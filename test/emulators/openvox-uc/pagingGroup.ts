/** Paging groups: paginggroup/lists|query|add|update|delete (nodes/OpenVoxUc/spec/pagingGroup.ts). */
import { copyFields, deleteListed, list, need, opt, selectByList, UcError, type Handler } from './handler';

export const pagingGroupRoutes: Record<string, Handler> = {
	'paginggroup/lists'() {
		return { paginggrouplist: [...this.state.pagingGroups.values()].map((p) => ({ number: p.number, name: p.name })) };
	},
	'paginggroup/query'(ctx) {
		const [number] = need(ctx.body, 'number');
		const paginggroup = selectByList(this.state.pagingGroups, number).map((p) => ({ ...p }));
		return paginggroup.length ? { paginggroup } : {};
	},
	'paginggroup/add'(ctx) {
		const [number, name, type, member] = need(ctx.body, 'number', 'name', 'type', 'member');
		if (!['paging', 'intercom'].includes(type)) throw new UcError('10004');
		if (this.state.pagingGroups.has(number) || this.isExt(number)) throw new UcError('20010');
		if (!list(member).every((m) => this.isExt(m))) throw new UcError('10006');
		this.state.pagingGroups.set(number, { number, name, type, member });
		return {};
	},
	'paginggroup/update'(ctx) {
		const [number] = need(ctx.body, 'number');
		const p = this.state.pagingGroups.get(number);
		if (!p) throw new UcError('20010');
		const type = opt(ctx.body, 'type');
		if (type !== undefined && !['paging', 'intercom'].includes(type)) throw new UcError('10004');
		const member = opt(ctx.body, 'member');
		if (member !== undefined && !list(member).every((m) => this.isExt(m))) throw new UcError('10006');
		copyFields(p, ctx.body, ['name', 'type', 'member']);
		return {};
	},
	'paginggroup/delete'(ctx) {
		const [number] = need(ctx.body, 'number');
		deleteListed(this.state.pagingGroups, number);
		return {};
	},
};
// the manual's example posts the paging group list to `paginggrouplist/lists`
pagingGroupRoutes['paginggrouplist/lists'] = pagingGroupRoutes['paginggroup/lists'];
