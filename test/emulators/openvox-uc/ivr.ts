/** IVR: ivr/query|update (nodes/OpenVoxUc/spec/ivr.ts). */
import { copyFields, list, need, opt, UcError, type Handler } from './handler';

export const ivrRoutes: Record<string, Handler> = {
	'ivr/query'(ctx) {
		const name = opt(ctx.body, 'name');
		const all = [...this.state.ivrs.values()];
		const found = !name || name.toLowerCase() === 'all' ? all : all.filter((i) => list(name).includes(i.ivrname) || list(name).includes(i.ivrid));
		if (name && name.toLowerCase() !== 'all' && !found.length) throw new UcError('10012');
		return { ivr: found.map((i) => ({ ivrid: i.ivrid, promptrepeat: i.promptrepeat, responsetimeout: i.responsetimeout, ivrname: i.ivrname, prompt: i.prompt })) };
	},
	'ivr/update'(ctx) {
		const [ivrid] = need(ctx.body, 'ivrid');
		const i = this.state.ivrs.get(ivrid);
		if (!i) throw new UcError('10012');
		const rep = opt(ctx.body, 'promptrepeat');
		const to = opt(ctx.body, 'responsetimeout');
		if (rep !== undefined && !/^[1-5]$/.test(rep)) throw new UcError('10018');
		if (to !== undefined && !/^([1-9]|10)$/.test(to)) throw new UcError('10018');
		copyFields(i, ctx.body, ['ivrname', 'promptrepeat', 'responsetimeout']);
		return {};
	},
};
