/** System actions (nodes/ucm/spec/system.ts): status, model and firmware versions, applyChanges. */
import { fmtDuration, fmtTime, UcmError, type Handler, type Rec } from './api';

export const systemHandlers: Record<string, Handler> = {
	getsystemstatus(emu) {
		const now = Date.now();
		return {
			'idle-time': fmtDuration((now - emu.state.startedAt) * 0.9), 'part-number': '9660002815A', 'serial-number': emu.brand === 'fiberme' ? '21AWMJPH70BCA783' : '20EZ4ZNJ70A4C0B2',
			'system-time': `${fmtTime(now)} UTC+00:00`, 'up-time': fmtDuration(now - emu.state.startedAt),
		};
	},
	getsystemgeneralstatus(emu) {
		const r: Rec = {
			'base-version': '1.0.20.13', 'boot-version': '1.0.20.8', 'core-version': '1.0.20.8', 'lang-version': '1.0.20.13',
			'product-model': emu.brand === 'fiberme' ? 'FCM630A V1.5A' : 'UCM6202 V1.5A', 'prog-version': '1.0.20.13', 'rcvr-version': '1.0.20.8',
		};
		if (emu.brand === 'grandstream') r['gswave-version'] = '1.0.20.13';
		return r;
	},
	applychanges(emu) {
		if ([...emu.state.calls.values()].some((c) => c.service === 'meetme')) throw new UcmError(-69);
		emu.state.needApply = false;
		emu.state.applied++;
		return { settings: '0' };
	},
};
