/** Conferences: conference/query|query_in_session|update|add_member|kick_member|(un)mute_member|insert|delete (nodes/OpenVoxUc/spec/conference.ts). */
import type { Emulator } from './emulator';
import { copyFields, list, need, opt, selectByList, UcError, type Ctx, type Handler, type Reply } from './handler';

function setMute(this: Emulator, ctx: Ctx, muted: boolean): Reply {
	const [number, who] = need(ctx.body, 'number', 'membernumber');
	if (!this.state.conferences.has(number)) throw new UcError('10011');
	const members = this.state.conferenceMembers.get(number) ?? [];
	const targets = who.toLowerCase() === 'all' ? members : members.filter((m) => list(who).includes(m.number));
	if (!targets.length) throw new UcError('10007');
	for (const m of targets) m.muted = muted;
	return {};
}

export const conferenceRoutes: Record<string, Handler> = {
	'conference/query'(ctx) {
		const [number] = need(ctx.body, 'number');
		const conferences = selectByList(this.state.conferences, number).map((c) => ({ ...c }));
		return conferences.length ? { conferences } : {};
	},
	'conference/query_in_session'(ctx) {
		const [number] = need(ctx.body, 'number');
		const conference = selectByList(this.state.conferences, number)
			.filter((c) => (this.state.conferenceMembers.get(c.number) ?? []).length > 0)
			.map((c) => ({
				conferencenumber: c.number,
				member: (this.state.conferenceMembers.get(c.number) ?? []).map((m) => ({ number: m.number, channelid: m.channelid, memberstatus: m.memberstatus })),
			}));
		return conference.length ? { conference } : {};
	},
	'conference/update'(ctx) {
		const [number] = need(ctx.body, 'number');
		const c = this.state.conferences.get(number);
		if (!c) throw new UcError('10011');
		const wait = opt(ctx.body, 'waitformoderator');
		if (wait !== undefined && !['yes', 'no'].includes(wait)) throw new UcError('10004');
		copyFields(c, ctx.body, ['name', 'participantepassword', 'moderatorpassword', 'waitformoderator']);
		return {};
	},
	'conference/add_member'(ctx) {
		const [number, invite] = need(ctx.body, 'number', 'invitemember');
		const c = this.state.conferences.get(number);
		if (!c) throw new UcError('10011');
		const members = this.state.conferenceMembers.get(number) ?? [];
		for (const n of list(invite)) {
			if (members.some((m) => m.number === n)) continue;
			let channelid: string;
			if (this.isExt(n)) channelid = `PJSIP/${n}-${this.nextChannel()}`;
			else {
				const r = this.route(n);
				if (!r) throw new UcError('10031');
				channelid = `PJSIP/${r.trunk}-${this.nextChannel()}`;
			}
			members.push({ number: n, channelid, memberstatus: c.waitformoderator === 'yes' ? 'HOLD' : 'Up', muted: false });
		}
		this.state.conferenceMembers.set(number, members);
		return {};
	},
	'conference/kick_member'(ctx) {
		const [number, who] = need(ctx.body, 'number', 'membernumber');
		if (!this.state.conferences.has(number)) throw new UcError('10011');
		const members = this.state.conferenceMembers.get(number) ?? [];
		if (who.toLowerCase() === 'all') {
			this.state.conferenceMembers.set(number, []);
			return {};
		}
		const kick = list(who);
		if (!kick.every((n) => members.some((m) => m.number === n))) throw new UcError('10007');
		this.state.conferenceMembers.set(number, members.filter((m) => !kick.includes(m.number)));
		return {};
	},
	'conference/mute_member'(ctx) {
		return setMute.call(this, ctx, true);
	},
	'conference/unmute_member'(ctx) {
		return setMute.call(this, ctx, false);
	},
	'conference/insert'(ctx) {
		const [number] = need(ctx.body, 'number');
		if (this.state.conferences.has(number) || this.isExt(number)) throw new UcError('20010');
		this.state.conferences.set(number, { number, name: number, participantepassword: '', moderatorpassword: '', waitformoderator: 'no' });
		return {};
	},
	'conference/delete'(ctx) {
		const [number] = need(ctx.body, 'number');
		if (!this.state.conferences.has(number)) throw new UcError('10011');
		this.state.conferences.delete(number);
		this.state.conferenceMembers.delete(number);
		return {};
	},
};
