/**
 * VOS3000 emulator: the in-memory state every handler reads and writes, the empty state, the demo installation (each
 * resource group seeds its own rows), and the shape of a handler.
 */
import { seedAccounts } from './account';
import { seedAlarms } from './alarm';
import { seedCdrs } from './billing';
import { seedBoundNumbers } from './boundNumber';
import { seedCurrentCalls } from './currentCall';
import { seedIpLimits } from './ipLimit';
import { seedIvrAudios } from './ivrAudio';
import { seedMappingGateways } from './mappingGateway';
import { seedMobileAreas } from './mobileArea';
import { seedNumberConversions } from './numberConversion';
import { seedNumberGroups } from './numberGroup';
import { seedPackages } from './package';
import { seedPayments } from './payment';
import { seedPhoneCards } from './phoneCard';
import { seedPhonebooks } from './phonebook';
import { seedPhones } from './phone';
import { seedRates } from './rate';
import { seedRoutingGateways } from './routingGateway';
import { seedSystem } from './system';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rec = Record<string, any>;

export interface Customer {
	account: string;
	name: string;
	money: number;
	limitMoney: number;
	feeRateGroup: string;
	type: number;
	lockType: number;
	agentAccount: string;
	phoneBookLimit: number;
	canceled: boolean;
	startTime: number;
	validTime: number;
	ctdBillingType: number;
	memo: string;
	infoCustomerAdditional: Rec;
}

export interface PayRecord {
	account: string;
	fee: number;
	/** 0 recharge 1 deduction 2 account opening 3 reset to zero */
	type: number;
	/** 0 cash 2 recharge card 5 other */
	payType: number;
	customerMoney: number;
	payTime: number;
	memo: string;
}

export interface Vos3000State {
	customers: Map<string, Customer>;
	phones: Map<string, Rec>;
	phoneOnline: Map<string, Rec>;
	gatewayMappings: Map<string, Rec>;
	gatewayMappingOnline: Map<string, Rec>;
	gatewayRoutings: Map<string, Rec>;
	gatewayRoutingOnline: Map<string, Rec>;
	feeRateGroups: Map<string, { name: string; memo: string; fakeMinute: number }>;
	/** rate group name -> InfoFeeRate[] (there is no interface to create rates; seeded only) */
	feeRates: Map<string, Rec[]>;
	suites: Map<number, Rec>;
	suiteOrders: Map<number, Rec>;
	currentSuites: Map<number, Rec>;
	activePhoneCards: Map<string, Rec>;
	/** recharge cards (InfoPhoneCard + pin/password) */
	phoneCards: Map<string, Rec>;
	bindedE164s: Map<string, Rec>;
	/** account -> e164 -> InfoCustomerPhoneBook */
	phoneBooks: Map<string, Map<string, Rec>>;
	limitE164Groups: Map<string, { name: string; memo: string }>;
	limitE164s: Map<string, Map<string, { e164: string; memo: string }>>;
	ivrAudios: Map<number, Rec>;
	ivrAudioData: Map<number, Buffer>;
	e164Converts: Map<number, Rec>;
	mobileAreas: Map<string, Rec>;
	alarms: Rec[];
	ipLimits: Map<string, Rec>;
	softSwitches: Rec[];
	performance: { cdrQueueSize: number };
	/** Longest GetCdr date range in days (inclusive) before -10033; not documented, 31 here by convention. */
	cdrQueryMaxDays: number;
	/**
	 * Whether an empty `names` list in GetGatewayMapping/GetGatewayRouting returns every gateway (the manual's "not
	 * set: all", true by default) or none (false: what field clients work around by sending `{}`, e.g. cecdat/yk-vos
	 * backend/app/routers/vos_api.py, "空数组参数需要发送空对象").
	 */
	emptyListMatchesAll: boolean;
	/** callId -> InfoCurrentCall (+ internal fields prefixed with _) */
	currentCalls: Map<number, Rec>;
	/** callIdentifier (A leg) -> CallBack / PlayAudio record */
	ivrCalls: Map<string, Rec>;
	/** callerE164 -> ReserveCalleeE164 record */
	reservations: Map<string, Rec>;
	cdrs: Rec[];
	payHistory: PayRecord[];
	consumptions: Rec[];
	/** the system parameters of section 4.1 (the real defaults are off; on here so pushes work once outPostUrl is set) */
	systemParameters: Record<string, boolean>;
	seq: { callId: number; flowNo: number; suite: number; suiteOrder: number; currentSuite: number; ivrAudio: number; e164Convert: number; alarm: number; gateway: number };
}

/** What a handler gets besides the request body. */
export interface Vos3000Ctx {
	state: Vos3000State;
	/** Pushes a section 4 report to OUT_POST_URL (4.1); nothing when it is not set. */
	autoPush(page: string, body: Rec): void;
}
/** One interface of section 3: the parsed JSON body in, the data beside retCode 0 out; errors are thrown VosErrors. */
export type Vos3000Handler = (body: Rec, ctx: Vos3000Ctx) => Rec;

export function emptyState(): Vos3000State {
	return {
		customers: new Map(),
		phones: new Map(),
		phoneOnline: new Map(),
		gatewayMappings: new Map(),
		gatewayMappingOnline: new Map(),
		gatewayRoutings: new Map(),
		gatewayRoutingOnline: new Map(),
		feeRateGroups: new Map(),
		feeRates: new Map(),
		suites: new Map(),
		suiteOrders: new Map(),
		currentSuites: new Map(),
		activePhoneCards: new Map(),
		phoneCards: new Map(),
		bindedE164s: new Map(),
		phoneBooks: new Map(),
		limitE164Groups: new Map(),
		limitE164s: new Map(),
		ivrAudios: new Map(),
		ivrAudioData: new Map(),
		e164Converts: new Map(),
		mobileAreas: new Map(),
		alarms: [],
		ipLimits: new Map(),
		softSwitches: [],
		performance: { cdrQueueSize: 0 },
		cdrQueryMaxDays: 31,
		emptyListMatchesAll: true,
		currentCalls: new Map(),
		ivrCalls: new Map(),
		reservations: new Map(),
		cdrs: [],
		payHistory: [],
		consumptions: [],
		systemParameters: { EXTERNAL_CUSTOMER_MONEY_REPORT: true, EXTERNAL_WEB_ALARM_CURRENT: true, EXTERNAL_WEB_SEND_PHONE_ONLINE: true },
		seq: { callId: 2000, flowNo: 90001000, suite: 100, suiteOrder: 100, currentSuite: 100, ivrAudio: 100, e164Convert: 100, alarm: 100, gateway: 100 },
	};
}

/** The demo installation (SEED); rows that refer to others (CDRs, calls) come after what they refer to. */
export function seedState(s: Vos3000State): void {
	const now = Date.now();
	seedRates(s);
	seedAccounts(s, now);
	seedPhones(s, now);
	seedMappingGateways(s);
	seedRoutingGateways(s);
	seedPackages(s, now);
	seedPhoneCards(s, now);
	seedBoundNumbers(s, now);
	seedPhonebooks(s, now);
	seedNumberGroups(s);
	seedIvrAudios(s);
	seedNumberConversions(s);
	seedMobileAreas(s);
	seedAlarms(s, now);
	seedIpLimits(s);
	seedSystem(s, now);
	seedCurrentCalls(s, now);
	seedCdrs(s, now);
	seedPayments(s, now);
}
