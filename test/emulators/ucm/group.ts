/** Extension groups and PIN sets (nodes/ucm/spec/group.ts): read-only lists. */
import { listPage, type Handler, type Rec } from './api';

export const extensionGroupSeed: Rec[] = [
	{ group_id: 'group-1', group_name: 'office', members: '1000,1001,1002', tmp: 'group-1' },
	{ group_id: 'group-2', group_name: 'lobby', members: '1005', tmp: 'group-2' },
];

export const pinSetSeed: Rec[] = [
	{ pin_sets_id: '1557210434090', pin_sets_name: 'managers', record_in_cdr: 'no' },
	{ pin_sets_id: '1557210889523', pin_sets_name: 'staff', record_in_cdr: 'yes' },
];

export const groupHandlers: Record<string, Handler> = {
	listextensiongroup(emu, ctx) {
		return listPage('extension_group', emu.state.extensionGroups, ctx.body);
	},
	listpinsets(emu, ctx) {
		return listPage('pin_sets_id', emu.state.pinSets, ctx.body);
	},
};
