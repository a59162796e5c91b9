/** Recordings: recording/get_random; the download is in emulator.ts (nodes/OpenVoxUc/spec/recording.ts). */
import { UcError, need, opt, type Handler } from './handler';

export const recordingRoutes: Record<string, Handler> = {
	'recording/get_random'(ctx) {
		const [recording] = need(ctx.body, 'recording');
		if (!this.state.recordings.has(recording)) throw new UcError('20014');
		const allowedip = opt(ctx.body, 'allowedip') ?? '';
		if (allowedip && !/^[0-9a-fA-F.:]+$/.test(allowedip)) throw new UcError('20015');
		const random = this.newRandom('recording', { recording }, allowedip, ctx.ip);
		return { recording, random };
	},
};
