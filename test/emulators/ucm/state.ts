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
import { recordingSeed, seedRecordings, type UcmRecording } from './recording';
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

export interface UcmState {
	brand: UcmBrand;
	startedAt: number;
	accounts: Map<string, Rec>;
	presence: Map<string, Rec[]>;
	users: Map<string, Rec>;
	chats: Map<string, number>;
	sipTrunks: Map<number, Rec>;
	analogTrunks: Map<number, Rec>;
	slaTrunks: Map<number, Rec>;
	digitalTrunks: Map<number, Rec>;
	outboundRoutes: Map<number, Rec>;
	inboundRoutes: Map<number, Rec>;
	queues: Map<string, Rec>;
	/** queue -> agent -> dynamic login/pause state */
	agents: Map<string, Map<string, { loggedIn: boolean; paused: boolean }>>;
	agentLog: Array<{ queue: string; agent: string; event: 'login' | 'logoff' | 'pause' | 'unpause'; at: number }>;
	queueCalls: Rec[];
	ringGroups: Map<string, Rec>;
	ivrs: Map<string, Rec>;
	paginggroups: Map<string, Rec>;
	extensionGroups: Rec[];
	pinSets: Rec[];
	cdrs: Rec[];
	recordings: UcmRecording[];
	calls: Map<string, UcmCall>;
	pms: { rooms: Map<string, UcmPmsRoom>; minibars: Map<string, Rec>; goods: Map<string, Rec>; waiters: Map<string, Rec>; log: Rec[] };
	/** configuration changed since the last applyChanges */
	needApply: boolean;
	applied: number;
	prompts: { played: Rec[] };
}

export function seedState(brand: UcmBrand): UcmState {
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
		sipTrunks: new Map(UCM_SEED.sipTrunks.map((t) => [Number(t.trunk_index), deepClone(t)])),
		analogTrunks: new Map(UCM_SEED.analogTrunks.map((t) => [Number(t.trunk_index), deepClone(t)])),
		slaTrunks: new Map(),
		digitalTrunks: new Map(UCM_SEED.digitalTrunks.map((t) => [Number(t.trunk_index), deepClone(t)])),
		outboundRoutes: new Map(UCM_SEED.outboundRoutes.map((r) => [Number(r.outbound_rt_index), deepClone(r)])),
		inboundRoutes: new Map(UCM_SEED.inboundRoutes.map((r) => [Number(r.inbound_rt_index), deepClone(r)])),
		queues: new Map(UCM_SEED.queues.map((q) => [str(q.extension), deepClone(q)])),
		agents: new Map([['6500', new Map([['1000', { loggedIn: true, paused: false }], ['1001', { loggedIn: true, paused: false }]])]]),
		agentLog: [],
		queueCalls: deepClone(UCM_SEED.queueCalls),
		ringGroups: new Map(UCM_SEED.ringGroups.map((g) => [str(g.extension), deepClone(g)])),
		ivrs: new Map(UCM_SEED.ivrs.map((i) => [str(i.ivr_id), deepClone(i)])),
		paginggroups: new Map(UCM_SEED.paginggroups.map((p) => [str(p.extension), deepClone(p)])),
		extensionGroups: deepClone(UCM_SEED.extensionGroups),
		pinSets: deepClone(UCM_SEED.pinSets),
		cdrs: deepClone(UCM_SEED.cdrs),
		recordings: seedRecordings(),
		calls: new Map(),
		pms: { rooms: new Map(), minibars: new Map(), goods: new Map(), waiters: new Map(), log: [] },
		needApply: false,
		applied: 0,
		prompts: { played: [] },
	};
}
