/** VOS3000 emulator, mobile areas (manual 3.90-3.92): mobile number prefixes and their area codes, and the demo ones. */
import { clone, invalid, str, strList, optStr } from './fields';
import type { Rec, Vos3000Handler, Vos3000State } from './state';
import { removeEach } from './records';

export function seedMobileAreas(s: Vos3000State): void {
	s.mobileAreas.set('1380013', { mobilePrefix: '1380013', areaCode: '10', areaName: 'Beijing', memo: '' });
	s.mobileAreas.set('1390000', { mobilePrefix: '1390000', areaCode: '21', areaName: 'Shanghai', memo: '' });
}

export const mobileAreaHandlers: Record<string, Vos3000Handler> = {
	// 3.90 (upsert by mobilePrefix)
	CreateMobileArea(b, { state }) {
		const items = b.infoMobileAreas as Rec[];
		for (const it of items) if (!/^\d{7}$/.test(str(it, 'mobilePrefix'))) throw invalid('Invalid parameter infoMobileAreas[].mobilePrefix: must be 7 digits, e.g. 1300000');
		for (const it of items) state.mobileAreas.set(str(it, 'mobilePrefix'), { mobilePrefix: str(it, 'mobilePrefix'), areaCode: str(it, 'areaCode'), areaName: str(it, 'areaName', ''), memo: str(it, 'memo', '') });
		return {};
	},
	// 3.91
	DeleteMobileArea: (b, { state }) => removeEach(state.mobileAreas, strList(b, 'mobilePrefixes')),
	// 3.92
	GetMobileArea(b, { state }) {
		const p = optStr(b, 'mobilePrefix');
		return { infoMobileAreas: [...state.mobileAreas.values()].filter((m) => !p || m.mobilePrefix === p).map(clone) };
	},
};
