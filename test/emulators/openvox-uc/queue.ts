/** Queues: queue/query|update, queuestatus/query, queue/add|del_dynamicagent, queue/(un)pause_agent (nodes/OpenVoxUc/spec/queue.ts). */
import type { Emulator } from './emulator';
import { ON_OFF, UcError, list, need, opt, requireExt, selectByList, type Handler } from './handler';
import type { Rec } from './types';

const QUEUE_ENUMS: Record<string, string[]> = {
	ringstrategy: ['Ring All', 'Least Recent', 'Fewest Calls', 'Random', 'Rrmemory', 'Linear'],
	joinempty: ON_OFF, leavewhenempty: ON_OFF, announcepos: ON_OFF, announceholdtime: ON_OFF,
};
const QUEUE_SETTABLE = ['queuename', 'password', 'ringstrategy', 'agents', 'dynamicagents', 'agenttimeout', 'wrapuptime', 'retry', 'maxwaittime', 'joinempty', 'leavewhenempty', 'announcepos', 'announcefreq', 'announceholdtime'];

export function requireQueue(this: Emulator, id: string): Rec {
	const q = this.state.queues.get(id);
	if (!q) throw new UcError('10013');
	return q;
}

export function agentsOf(q: Rec): string[] {
	return [...new Set([...list(q.agents ?? ''), ...list(q.dynamicagents ?? '')])];
}

export const queueRoutes: Record<string, Handler> = {
	'queue/query'(ctx) {
		const spec = opt(ctx.body, 'queueid');
		const found = selectByList(this.state.queues, spec);
		if (spec && spec.toLowerCase() !== 'all' && !found.length) throw new UcError('10013');
		return { queues: found.map((q) => ({ ...q })) };
	},
	'queue/update'(ctx) {
		const [id] = need(ctx.body, 'queueid');
		const q = requireQueue.call(this, id);
		const copy = { ...q };
		for (const k of QUEUE_SETTABLE) {
			const v = opt(ctx.body, k);
			if (v === undefined) continue;
			if (QUEUE_ENUMS[k] && !QUEUE_ENUMS[k].includes(v)) throw new UcError('10019');
			if ((k === 'agents' || k === 'dynamicagents') && !list(v).every((a) => this.isExt(a))) throw new UcError('10019');
			copy[k] = v;
		}
		this.state.queues.set(id, copy);
		return {};
	},
	'queuestatus/query'(ctx) {
		const [spec] = need(ctx.body, 'queueid');
		const ids = list(spec);
		const views = ids.map((id) => {
			const q = requireQueue.call(this, id);
			const paused = this.state.pausedAgents.get(id) ?? new Set<string>();
			const members = agentsOf(q).map((agent) => {
				const e = this.state.extensions.get(agent);
				const c = this.callOf(agent);
				let st = '1';
				if (!e) st = '4';
				else if (paused.has(agent)) st = '9';
				else if (c && c.held.includes(agent)) st = '8';
				else if (c && c.state === 'ringing' && c.callee === agent) st = '6';
				else if (c) st = '2';
				else if (e.status === 'Unavailable') st = '5';
				return { agent, agentstatus: st };
			});
			let callercount = 0;
			for (const c of this.state.calls.values()) if (c.dialed === id && c.state === 'ringing') callercount++;
			return { queuenumber: q.queuenumber, queuestatus: { members, callercount } };
		});
		return { queue: views.length === 1 ? views[0] : views };
	},
	'queue/add_dynamicagent'(ctx) {
		const [id, extid] = need(ctx.body, 'queueid', 'extid');
		const q = requireQueue.call(this, id);
		requireExt.call(this, extid);
		const pw = opt(ctx.body, 'password');
		if (pw !== undefined && pw !== '' && pw !== (q.password ?? '')) throw new UcError('10032');
		const dyn = list(q.dynamicagents ?? '');
		if (!dyn.includes(extid)) dyn.push(extid);
		q.dynamicagents = dyn.join(',');
		return {};
	},
	'queue/del_dynamicagent'(ctx) {
		const [id, extid] = need(ctx.body, 'queueid', 'extid');
		const q = requireQueue.call(this, id);
		const pw = opt(ctx.body, 'password');
		if (pw === undefined) throw new UcError('10004');
		if (pw !== (q.password ?? '')) throw new UcError('10032');
		const dyn = list(q.dynamicagents ?? '');
		if (!dyn.includes(extid)) throw new UcError('10006');
		q.dynamicagents = dyn.filter((a) => a !== extid).join(',');
		this.state.pausedAgents.get(id)?.delete(extid);
		return {};
	},
	'queue/pause_agent'(ctx) {
		const [id, extid] = need(ctx.body, 'queueid', 'extid');
		const q = requireQueue.call(this, id);
		if (!agentsOf(q).includes(extid)) throw new UcError('10006');
		const set = this.state.pausedAgents.get(id) ?? new Set<string>();
		set.add(extid);
		this.state.pausedAgents.set(id, set);
		return {};
	},
	'queue/unpause_agent'(ctx) {
		const [id, extid] = need(ctx.body, 'queueid', 'extid');
		const q = requireQueue.call(this, id);
		if (!agentsOf(q).includes(extid)) throw new UcError('10006');
		this.state.pausedAgents.get(id)?.delete(extid);
		return {};
	},
};
