/** The emulated PBX's data: every resource group's seed rows, assembled into a fresh state (start and reset()). */
import { deepClone } from '../kit';
import { str, type Rec, type UcmBrand } from './api';
import { cdrSeed } from './cdr';
import { extensionSeed, presenceSettings } from './extension';
import { extensionGroupSeed, pinSetSeed } from './group';
import { inboundRouteSeed } from './inboundRoute';
import { ivrSeed } from './ivr';
import type { UcmCall } from './liveCalls';
import { outboundRouteSeed } from './outboundRoute';
import { pagingGroupSeed } from './pagingGroup';
import type { UcmPmsRoom } from './pms';
import { queueCallSeed, queueSeed, ringGroupSeed } from './queue';
import { recordingSeed, seedRecordings } from './recording';
import { analogTrunkSeed, digitalTrunkSeed, sipTrunkSeed } from './trunk';
import { newUser, userSeed } from './user';

/** The data every emulator starts with (and returns to on `reset()`). */
export const UCM_SEED = {
	extensions: extensionSeed,
	sipTrunks: sipTrunkSeed,
	analogTrunks: analogTrunkSeed,
	digitalTrunks: digitalTrunkSeed,
	outboundRoutes: outboundRouteSeed,
	inboundRoutes: inboundRouteSeed,
	queues: queueSeed,
	ringGroups: ringGroupSeed,
	ivrs: ivrSeed,
	paginggroups: pagingGroupSeed,
	extensionGroups: extensionGroupSeed,
	pinSets: pinSetSeed,
	cdrs: cdrSeed,
	recordings: recordingSeed,
	queueCalls: queueCallSeed,
	users: userSeed,
};

/** Seed rows keyed by a column (copies: a test's changes never reach the seed). */
const byNumber = (rows: Rec[], key: string): Map<number, Rec> => new Map(rows.map((r) => [Number(r[key]), deepClone(r)]));
const byText = (rows: Rec[], key: string): Map<string, Rec> => new Map(rows.map((r) => [str(r[key]), deepClone(r)]));

/** A fresh state; its type is the emulator's `state`. */
export function seedState(brand: UcmBrand) {
	const accounts = new Map<string, Rec>();
	const presence = new Map<string, Rec[]>();
	const users = new Map<string, Rec>();
	for (const u of UCM_SEED.users) users.set(str(u.user_name), deepClone(u));
	let uid = 1;
	for (const a of UCM_SEED.extensions) {
		const e = deepClone(a);
		accounts.set(str(e.extension), e);
		presence.set(str(e.extension), presenceSettings());
		users.set(str(e.extension), newUser(uid++, str(e.extension), e));
	}
	return {
		brand,
		startedAt: Date.now(),
		accounts,
		presence,
		users,
		chats: new Map([['1000', 3], ['1001', 1]]),
		sipTrunks: byNumber(UCM_SEED.sipTrunks, 'trunk_index'),
		analogTrunks: byNumber(UCM_SEED.analogTrunks, 'trunk_index'),
		slaTrunks: new Map<number, Rec>(),
		digitalTrunks: byNumber(UCM_SEED.digitalTrunks, 'trunk_index'),
		outboundRoutes: byNumber(UCM_SEED.outboundRoutes, 'outbound_rt_index'),
		inboundRoutes: byNumber(UCM_SEED.inboundRoutes, 'inbound_rt_index'),
		queues: byText(UCM_SEED.queues, 'extension'),
		/** queue -> agent -> dynamic login/pause state */
		agents: new Map<string, Map<string, { loggedIn: boolean; paused: boolean }>>([['6500', new Map([['1000', { loggedIn: true, paused: false }], ['1001', { loggedIn: true, paused: false }]])]]),
		agentLog: [] as Array<{ queue: string; agent: string; event: 'login' | 'logoff' | 'pause' | 'unpause'; at: number }>,
		queueCalls: deepClone(UCM_SEED.queueCalls),
		ringGroups: byText(UCM_SEED.ringGroups, 'extension'),
		ivrs: byText(UCM_SEED.ivrs, 'ivr_id'),
		paginggroups: byText(UCM_SEED.paginggroups, 'extension'),
		extensionGroups: deepClone(UCM_SEED.extensionGroups),
		pinSets: deepClone(UCM_SEED.pinSets),
		cdrs: deepClone(UCM_SEED.cdrs),
		recordings: seedRecordings(),
		calls: new Map<string, UcmCall>(),
		pms: { rooms: new Map<string, UcmPmsRoom>(), minibars: new Map<string, Rec>(), goods: new Map<string, Rec>(), waiters: new Map<string, Rec>(), log: [] as Rec[] },
		/** configuration changed since the last applyChanges */
		needApply: false,
		applied: 0,
		prompts: { played: [] as Rec[] },
	};
}

export type UcmState = ReturnType<typeof seedState>;
