/** VOS3000 emulator, system (manual 3.56-3.57): softswitches and performance counters, and the demo softswitch. */
import { SEED } from './api';
import { clone } from './fields';
import { DAY_MS } from './time';
import type { Vos3000Handler, Vos3000State } from './state';

export function seedSystem(s: Vos3000State, now: number): void {
	s.softSwitches.push({ name: SEED.softswitchName, identification: 'VOS3000-EMULATOR-0001', createTime: now - 365 * DAY_MS, accessTime: now - DAY_MS, accessAddress: '127.0.0.1', memo: 'emulated softswitch' });
}

export const systemHandlers: Record<string, Vos3000Handler> = {
	// 3.56
	GetSoftSwitch(_b, { state }) {
		return { infoSoftSwitches: state.softSwitches.map(clone) };
	},
	// 3.57
	GetPerformance(_b, { state }) {
		return { infoPerformance: { callSize: state.currentCalls.size, cdrQueueSize: state.performance.cdrQueueSize } };
	},
};
