/** VOS3000 emulator, number groups (manual 3.67-3.73): limited-number groups and their numbers, and the demo one. */
import { SEED } from './api';
import { alreadyExists, has, notFound, str, strList, throwNotFound } from './fields';
import type { Rec, Vos3000Handler, Vos3000State } from './state';

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
		const g = state.limitE164Groups.get(str(b, 'name')) ?? throwNotFound();
		if (has(b, 'memo')) g.memo = str(b, 'memo');
		return {};
	},
	// 3.69
	DeleteLimitE164Group(b, { state }) {
		const name = str(b, 'name');
		if (!state.limitE164Groups.delete(name)) throw notFound();
		state.limitE164s.delete(name);
		return {};
	},
	// 3.70 (names: String[] "multiple, comma separated": both accepted)
	GetLimitE164Group(b, { state }) {
		const names = strList(b, 'names');
		const list = [...state.limitE164Groups.values()].filter((g) => !names || !names.length || names.includes(g.name));
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
		let n = 0;
		for (const e of strList(b, 'e164s') ?? []) if (set.delete(e)) n++;
		if (!n) throw notFound();
		return {};
	},
	// 3.73 (e164: "multiple, comma separated")
	GetLimitE164(b, { state }) {
		const set = state.limitE164s.get(str(b, 'limitE164GroupName')) ?? throwNotFound();
		const e164s = strList(b, 'e164');
		return { infoLimitE164s: [...set.values()].filter((x) => !e164s || !e164s.length || e164s.includes(x.e164)).map((x) => ({ ...x })) };
	},
};
