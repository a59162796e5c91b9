/** Queue actions (nodes/ucm/spec/queue.ts): queues, agents, queueapi statistics; ring groups, which calls ring alike. */
import { deepClone } from '../kit';
import { existing, fmtTime, getRow, listPage, markChanged, merge, need, NEED_APPLY_YES, opt, parseUcmTime, str, toCsv, UcmError, xmlElems, yesNo, type Body, type Ctx, type Handler, type Rec, type Reply } from './api';
import type { EmulatedUcm } from './emulator';
import { requireExt } from './extension';

export const queueSeed: Rec[] = [
	{ extension: '6500', queue_name: 'Support', strategy: 'ringall', members: '1000,1001', queue_chairmans: null, musicclass: 'default', leavewhenempty: 'strict', joinempty: 'no', pin: null, ringtime: 30, wrapuptime: 10, maxlen: 0, reportholdtime: 'no', auto_record: 'off', queue_timeout: 60, enable_feature: 'no', alertinfo: null, voice_prompt_time: 60, custom_prompt: null, retry: 5, replace_caller_id: 'no', enable_agent_login: 'no', vq_switch: 'no', vq_mode: 'periodic', vq_periodic: 20, vq_outprefix: null, announce_position: 'no', announce_frequency: 20, announce_holdtime: 'no', destination_type: 'voicemail', permission: 'internal', tmp2: '6500' },
];

export const ringGroupSeed: Rec[] = [{ extension: '6400', ringgroup_name: 'Sales', members: '1001,1002', strategy: 'ringall' }];

/** Answered/abandoned queue calls for queueapi statistics. */
export const queueCallSeed: Rec[] = [
	{ queue: '6500', agent: '1001', callernum: '5559876', start_time: '2024-05-05 10:10:00', wait_time: 25, talk_time: 95, answered: true },
	{ queue: '6500', agent: '', callernum: '5550001', start_time: '2024-05-05 11:00:00', wait_time: 40, talk_time: 0, answered: false },
];

function queueMembers(q: Rec): string[] {
	return str(q.members).split(',').map((s) => s.trim()).filter(Boolean);
}

function checkQueueFields(emu: EmulatedUcm, b: Body): void {
	yesNo(b, 'strategy', ['ringall', 'linear', 'leastrecent', 'fewestcalls', 'random', 'rrmemory', 'wrandom', 'rrordered']);
	yesNo(b, 'leavewhenempty', ['yes', 'no', 'strict']);
	yesNo(b, 'joinempty', ['yes', 'no', 'strict']);
	yesNo(b, 'auto_record', ['on', 'off', 'yes', 'no']);
	for (const k of ['ringtime', 'wrapuptime', 'maxlen', 'queue_timeout']) {
		const v = opt(b, k);
		if (v !== undefined && v !== '' && !/^\d+$/.test(v)) throw new UcmError(-15);
	}
	const members = opt(b, 'members');
	if (members) for (const m of members.split(',').map((s) => s.trim()).filter(Boolean)) if (!emu.state.accounts.has(m)) throw new UcmError(-16);
}

export function queueapi(emu: EmulatedUcm, ctx: Ctx): Reply {
	const b = ctx.body;
	const format = (opt(b, 'format') || 'xml').toLowerCase();
	if (!['csv', 'xml', 'json'].includes(format)) throw new UcmError(-15);
	const [startS] = need(b, 'startTime');
	const start = parseUcmTime(startS);
	const end = parseUcmTime(opt(b, 'endTime') ?? '', true);
	if (start === undefined || Number.isNaN(start) || Number.isNaN(end)) throw new UcmError(-15);
	const chairman = opt(b, 'queuechairman') || 'admin';
	const qf = opt(b, 'queue') || '*';
	const af = opt(b, 'agent') || '*';
	if (qf !== '*' && !emu.state.queues.has(qf)) throw new UcmError(-16);
	const type = (opt(b, 'statisticsType') || 'overview').toLowerCase();
	if (!['overview', 'calldetail', 'loginhistory', 'pausedhistory'].includes(type)) throw new UcmError(-15);
	const n = Number(opt(b, 'numRecords') || 1000);
	const offset = Number(opt(b, 'offset') || 0);
	if (!Number.isInteger(n) || n < 0 || n > 1000) throw new UcmError(-15);
	const inRange = (t: number): boolean => t >= start && (end === undefined || t <= end);
	const calls = emu.state.queueCalls.filter((c) => (qf === '*' || c.queue === qf) && (af === '*' || c.agent === af) && inRange(Date.parse(str(c.start_time).replace(' ', 'T') + 'Z')));
	const rate = (a: number, t: number): string => (t ? ((a * 100) / t).toFixed(1) : '0.0');
	const avg = (xs: number[]): number => (xs.length ? Math.round(xs.reduce((s, x) => s + x, 0) / xs.length) : 0);
	let sections: Array<{ tag: string; rows: Rec[] }>;
	if (type === 'overview') {
		const answered = calls.filter((c) => c.answered);
		const total: Rec = { queuechairman: chairman, total_calls: calls.length, abandoned_rate: rate(calls.length - answered.length, calls.length), avg_wait: avg(calls.map((c) => Number(c.wait_time))), avg_talk: avg(answered.map((c) => Number(c.talk_time))), vq_total_calls: 0 };
		const queues = [...emu.state.queues.keys()].filter((q) => qf === '*' || q === qf).map((q) => {
			const qc = calls.filter((c) => c.queue === q);
			const qa = qc.filter((c) => c.answered);
			return { queuechairman: chairman, queue: q, total_calls: qc.length, answered_calls: qa.length, answered_rate: rate(qa.length, qc.length), avg_wait: avg(qc.map((c) => Number(c.wait_time))), avg_talk: avg(qa.map((c) => Number(c.talk_time))), vq_total_calls: 0 };
		});
		const agentIds = new Set<string>();
		for (const [q, m] of emu.state.agents) if (qf === '*' || q === qf) for (const a of m.keys()) agentIds.add(a);
		for (const c of calls) if (c.agent) agentIds.add(str(c.agent));
		const agents = [...agentIds].filter((a) => af === '*' || a === af).sort().map((a) => {
			const ac = calls.filter((c) => c.agent === a || (!c.answered && queueMembers(emu.state.queues.get(str(c.queue)) ?? {}).includes(a)));
			const aa = ac.filter((c) => c.answered && c.agent === a);
			return { queuechairman: chairman, agent: a, total_calls: ac.length, answered_calls: aa.length, answered_rate: rate(aa.length, ac.length), avg_talk: avg(aa.map((c) => Number(c.talk_time))) };
		});
		sections = [{ tag: 'total', rows: [total] }, { tag: 'queue', rows: queues }, { tag: 'agent', rows: agents }];
	} else if (type === 'calldetail') {
		sections = [{ tag: 'calldetail', rows: calls.slice(offset, offset + n).map((c) => ({ queuechairman: chairman, queue: c.queue, agent: c.agent, callernum: c.callernum, start_time: c.start_time, wait_time: c.wait_time, talk_time: c.talk_time, answered: c.answered ? 'yes' : 'no' })) }];
	} else {
		const events = type === 'loginhistory' ? ['login', 'logoff'] : ['pause', 'unpause'];
		const rows = emu.state.agentLog.filter((e) => events.includes(e.event) && (qf === '*' || e.queue === qf) && (af === '*' || e.agent === af) && inRange(e.at))
			.map((e) => ({ queuechairman: chairman, queue: e.queue, agent: e.agent, action: e.event, time: fmtTime(e.at) }));
		sections = [{ tag: type, rows: rows.slice(offset, offset + n) }];
	}
	if (format === 'json') {
		const root: Rec = {};
		for (const s of sections) root[s.tag] = s.tag === 'total' ? s.rows[0] : s.rows;
		return { raw: JSON.stringify({ root_statistics: root }), type: 'application/json;charset=UTF-8' };
	}
	if (format === 'csv') {
		const parts = sections.map((s) => {
			const cols = s.rows.length ? Object.keys(s.rows[0]) : ['queuechairman'];
			return `${s.tag}\r\n${toCsv(cols, s.rows)}`;
		});
		return { raw: parts.join('\r\n'), type: 'text/csv;charset=UTF-8' };
	}
	const xml = `<?xml version="1.0"?>\n<root_statistics>\n${sections.flatMap((s) => s.rows.map((r) => `<${s.tag}>\n${xmlElems(r)}\n</${s.tag}>`)).join('\n')}\n</root_statistics>\n`;
	return { raw: xml, type: 'application/xml;charset=UTF-8' };
}

export const queueHandlers: Record<string, Handler> = {
	listqueue(emu, ctx) {
		const rows = [...emu.state.queues.values()].map((q) => ({ extension: q.extension, members: q.members ?? null, queue_chairmans: q.queue_chairmans ?? null, queue_name: q.queue_name, strategy: q.strategy }));
		return listPage('queue', rows, ctx.body);
	},
	getqueue: getRow('queue', (emu) => emu.state.queues, String),
	addqueue(emu, ctx) {
		const [ext, name] = need(ctx.body, 'extension', 'queue_name');
		if (!/^\d+$/.test(ext)) throw new UcmError(-15);
		if (emu.state.queues.has(ext) || emu.state.accounts.has(ext) || emu.state.paginggroups.has(ext) || emu.state.ringGroups.has(ext)) throw new UcmError(-44);
		checkQueueFields(emu, ctx.body);
		const q: Rec = { ...deepClone(queueSeed[0]), members: null, queue_chairmans: null, tmp2: ext };
		merge(q, ctx.body);
		q.extension = ext;
		q.queue_name = name;
		emu.state.queues.set(ext, q);
		emu.state.agents.set(ext, new Map());
		return markChanged(emu);
	},
	updatequeue(emu, ctx) {
		const [id] = need(ctx.body, 'queue');
		const q = existing(emu.state.queues, id);
		checkQueueFields(emu, ctx.body);
		merge(q, ctx.body, ['queue', 'extension']);
		return markChanged(emu);
	},
	deletequeue(emu, ctx) {
		const [id] = need(ctx.body, 'queue');
		if (!emu.state.queues.delete(id)) throw new UcmError(-16);
		emu.state.agents.delete(id);
		return markChanged(emu);
	},
	loginlogoffqueueagent(emu, ctx) {
		const [op, agent, queue] = need(ctx.body, 'operatetype', 'interface', 'extension');
		if (!['login', 'logoff'].includes(op)) throw new UcmError(-15);
		existing(emu.state.queues, queue);
		requireExt(emu, agent);
		const m = emu.state.agents.get(queue) ?? new Map<string, { loggedIn: boolean; paused: boolean }>();
		emu.state.agents.set(queue, m);
		const a = m.get(agent) ?? { loggedIn: false, paused: false };
		a.loggedIn = op === 'login';
		if (!a.loggedIn) a.paused = false;
		m.set(agent, a);
		emu.state.agentLog.push({ queue, agent, event: op as 'login' | 'logoff', at: Date.now() });
		return {};
	},
	pauseunpausequeueagent(emu, ctx) {
		const [op, agent] = need(ctx.body, 'operatetype', 'interface');
		if (!['pause', 'unpause'].includes(op)) throw new UcmError(-15);
		const queue = opt(ctx.body, 'extension');
		if (queue) existing(emu.state.queues, queue);
		requireExt(emu, agent);
		const queues = queue ? [queue] : [...emu.state.queues.keys()].filter((q) => emu.state.agents.get(q)?.has(agent) || queueMembers(emu.state.queues.get(q) ?? {}).includes(agent));
		if (!queues.length) throw new UcmError(-16);
		for (const q of queues) {
			const m = emu.state.agents.get(q) ?? new Map<string, { loggedIn: boolean; paused: boolean }>();
			emu.state.agents.set(q, m);
			const a = m.get(agent) ?? { loggedIn: queueMembers(emu.state.queues.get(q) ?? {}).includes(agent), paused: false };
			a.paused = op === 'pause';
			m.set(agent, a);
			emu.state.agentLog.push({ queue: q, agent, event: op as 'pause' | 'unpause', at: Date.now() });
		}
		return NEED_APPLY_YES;
	},
	queueapi,
};
