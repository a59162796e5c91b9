/** CDR: cdr/get_random; the download is in emulator.ts (nodes/OpenVoxUc/spec/cdr.ts). */
import { parseTime } from '../kit';
import { UC_TIME, UcError, need, opt, type Handler } from './handler';

export const cdrRoutes: Record<string, Handler> = {
	'cdr/get_random'(ctx) {
		const [extid, starttime, endtime] = need(ctx.body, 'extid', 'starttime', 'endtime');
		const s = parseTime(starttime, UC_TIME);
		const e = parseTime(endtime, UC_TIME);
		if (s === undefined || e === undefined || s > e) throw new UcError('20019');
		const allowedip = opt(ctx.body, 'allowedip') ?? '';
		if (allowedip && !/^[0-9a-fA-F.:]+$/.test(allowedip)) throw new UcError('20015');
		const random = this.newRandom('cdr', { extid, starttime, endtime }, allowedip, ctx.ip);
		return { extid, starttime, endtime, random };
	},
};
