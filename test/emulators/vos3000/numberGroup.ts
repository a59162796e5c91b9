/** VOS3000 emulator, number groups (manual 3.67-3.73): limited-number groups and their numbers, and the demo one. */
import { SEED } from './api';
import { alreadyExists, assignStrings, str, strList, throwNotFound } from './fields';
import type { Rec, Vos3000Handler, Vos3000State } from './state';
import { listed, removeEach, removeOrNotFound } from './records';

export function seedNumberGroups(s: Vos3000State): void {
	s.limitE164Groups.set(SEED.limitE164Group, { name: SEED.limitE164Group, memo: 'numbers that may not be called' });
	s.limitE164s.set(SEED.limitE164Group, new Map([['13900000000', { e164: '13900000000', memo: 'spam' }]]));
}

export const numberGroupHandlers: Record<string, Vos3000Handler> = {
	// 3.67
	CreateLimitE164Group(b, { state }) {
		const name = str(b, 'name');
		if (state.limitE164Groups.has(name)) throw alreadyExists('Number group', name);
		state.limitE164Groups.set(name, { name, memo: str(b, 'memo', '') });
		state.limitE164s.set(name, new Map());
		return {};
	},
	// 3.68
	ModifyLimitE164Group(b, { state }) {
		assignStrings(state.limitE164Groups.get(str(b, 'name')) ?? throwNotFound(), b, ['memo']);
		return {};
	},
	// 3.69
	DeleteLimitE164Group: (b, { state }) => removeOrNotFound(state.limitE164Groups, str(b, 'name'), state.limitE164s),
	// 3.70 (names: String[] "multiple, comma separated": both accepted)
	GetLimitE164Group(b, { state }) {
		const names = strList(b, 'names');
		const list = [...state.limitE164Groups.values()].filter((g) => listed(names, g.name));
		return { infoLimitE164Groups: list.map((g) => ({ ...g })) };
	},
	// 3.71
	CreateLimitE164(b, { state }) {
		const name = str(b, 'limitE164GroupName');
		const set = state.limitE164s.get(name) ?? throwNotFound();
		for (const item of b.infoLimitE164s as Rec[]) set.set(str(item, 'e164'), { e164: str(item, 'e164'), memo: str(item, 'memo', '') });
		return {};
	},
	// 3.72
	DeleteLimitE164(b, { state }) {
		const set = state.limitE164s.get(str(b, 'limitE164GroupName')) ?? throwNotFound();
		return removeEach(set, strList(b, 'e164s'));
	},
	// 3.73 (e164: "multiple, comma separated")
	GetLimitE164(b, { state }) {
		const set = state.limitE164s.get(str(b, 'limitE164GroupName')) ?? throwNotFound();
		const e164s = strList(b, 'e164');
		return { infoLimitE164s: [...set.values()].filter((x) => listed(e164s, x.e164)).map((x) => ({ ...x })) };
	},
};
