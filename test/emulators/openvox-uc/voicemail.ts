/** Voicemail: voicemail/query|delete|get_random; the download is in emulator.ts (nodes/OpenVoxUc/spec/voicemail.ts). */
import { UcError, list, need, opt, requireExt, type Handler } from './handler';
import type { Rec } from './types';

export const voicemailRoutes: Record<string, Handler> = {
	'voicemail/query'(ctx) {
		const spec = opt(ctx.body, 'extid');
		const exts = spec && spec.toLowerCase() !== 'all' ? list(spec) : undefined;
		if (exts) for (const x of exts) requireExt.call(this, x);
		const groups = new Map<string, Rec[]>();
		for (const v of this.state.voicemails) {
			if (exts && !exts.includes(v.extid)) continue;
			const g = groups.get(v.extid) ?? [];
			g.push({ voicemailfile: v.voicemailfile, messagefrom: v.messagefrom, voicemaildate: v.voicemaildate, voicemaillength: v.voicemaillength });
			groups.set(v.extid, g);
		}
		const voicemails = [...groups].map(([extid, voicemail]) => ({ extid, voicemail }));
		return voicemails.length ? { voicemails } : {};
	},
	'voicemail/delete'(ctx) {
		const [extid, file] = need(ctx.body, 'extid', 'voicemailfile');
		requireExt.call(this, extid);
		if (file.toLowerCase() === 'all') {
			this.state.voicemails = this.state.voicemails.filter((v) => v.extid !== extid);
			return {};
		}
		const i = this.state.voicemails.findIndex((v) => v.extid === extid && v.voicemailfile === file);
		if (i < 0) throw new UcError('20018');
		this.state.voicemails.splice(i, 1);
		return {};
	},
	'voicemail/get_random'(ctx) {
		const [extid, voicemailfile] = need(ctx.body, 'extid', 'voicemailfile');
		requireExt.call(this, extid);
		if (!this.state.voicemails.some((v) => v.extid === extid && v.voicemailfile === voicemailfile)) throw new UcError('20018');
		const random = this.newRandom('voicemail', { extid, voicemailfile }, opt(ctx.body, 'allowedip') ?? '', ctx.ip);
		return { extid, voicemailfile, random };
	},
};
