/** Hotel: wakeupcall/create|query|update|delete, hotel/checkout (nodes/OpenVoxUc/spec/hotel.ts). */
import { UcError, list, need, opt, requireExt, type Handler } from './handler';
import type { Rec } from './types';

function validateWakeup(time: string, type: string, weekdays: string): void {
	if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) throw new UcError('10020');
	if (type !== 'onetime' && type !== 'custom') throw new UcError('10020');
	if (type === 'custom' && (!weekdays || !list(weekdays).every((d) => /^[0-6]$/.test(d)))) throw new UcError('10020');
}

export const hotelRoutes: Record<string, Handler> = {
	'wakeupcall/create'(ctx) {
		const [number, time, type] = need(ctx.body, 'number', 'time', 'type');
		const weekdays = opt(ctx.body, 'weekdays') ?? '';
		const prompt = opt(ctx.body, 'prompt') ?? '';
		validateWakeup(time, type, weekdays);
		const nums = list(number);
		for (const n of nums) requireExt.call(this, n);
		for (const n of nums) if (this.state.wakeups.some((w) => w.number === n && w.time === time)) throw new UcError('10022');
		if (prompt && !this.state.prompts.has(prompt)) throw new UcError('10023');
		for (const n of nums) this.state.wakeups.push({ wakeupid: String(this.nextWakeupId()), number: n, time, type, weekdays: type === 'custom' ? weekdays : '', prompt });
		return {};
	},
	'wakeupcall/query'(ctx) {
		const [number] = need(ctx.body, 'number');
		const nums = number.toLowerCase() === 'all' ? undefined : list(number);
		const groups = new Map<string, Rec[]>();
		for (const w of this.state.wakeups) {
			if (nums && !nums.includes(w.number)) continue;
			const g = groups.get(w.number) ?? [];
			g.push({ wakeupid: w.wakeupid, type: w.type, weekdays: w.weekdays, time: w.time, prompt: w.prompt });
			groups.set(w.number, g);
		}
		const wakeups = [...groups].map(([n, wakeup]) => ({ number: n, wakeup }));
		return wakeups.length ? { wakeups } : {};
	},
	'wakeupcall/update'(ctx) {
		const [number, wakeupid, time, type] = need(ctx.body, 'number', 'wakeupid', 'time', 'type');
		const w = this.state.wakeups.find((x) => x.wakeupid === wakeupid && x.number === number);
		if (!w) throw new UcError('10021');
		const weekdays = opt(ctx.body, 'weekdays') ?? w.weekdays;
		validateWakeup(time, type, weekdays);
		const prompt = opt(ctx.body, 'prompt');
		if (prompt && !this.state.prompts.has(prompt)) throw new UcError('10023');
		Object.assign(w, { time, type, weekdays: type === 'custom' ? weekdays : '' }, prompt !== undefined ? { prompt } : {});
		return {};
	},
	'wakeupcall/delete'(ctx) {
		const id = opt(ctx.body, 'wakeupid');
		const number = opt(ctx.body, 'number');
		const before = this.state.wakeups.length;
		if (!id || id.toLowerCase() === 'all') {
			if (!number && !id) throw new UcError('10004');
			this.state.wakeups = this.state.wakeups.filter((w) => number !== undefined && number !== '' && !list(number).includes(w.number));
		} else {
			const ids = list(id);
			const byId = this.state.wakeups.filter((w) => ids.includes(w.wakeupid) && (!number || w.number === number));
			// the manual's example sends "wakeupid":"106" to delete the alarms of extension 106
			const victims = byId.length ? byId : this.state.wakeups.filter((w) => ids.includes(w.number));
			this.state.wakeups = this.state.wakeups.filter((w) => !victims.includes(w));
		}
		if (this.state.wakeups.length === before) throw new UcError('10021');
		return {};
	},
	'hotel/checkout'(ctx) {
		const [number] = need(ctx.body, 'number');
		const e = requireExt.call(this, number);
		this.state.wakeups = this.state.wakeups.filter((w) => w.number !== number);
		this.state.voicemails = this.state.voicemails.filter((v) => v.extid !== number);
		e.dnd = 'off';
		this.state.checkouts.push(number);
		return {};
	},
};
