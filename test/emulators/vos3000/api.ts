/**
 * VOS3000 emulator: the exported API (options, faults, request log, pushes) and the constants tests use
 * (return codes, manual examples, the demo installation).
 */
import type { FaultSwitches, KitServerOptions, PushResult } from '../kit';
import type { Vos3000State } from './state';

/** The kit's fault switches VOS3000 tests use; `op` names are interface names. `arrayWrap` wraps every JSON answer. */
export type Vos3000Faults = Pick<FaultSwitches, 'dropAfterApply' | 'delayMs' | 'malformed' | 'arrayWrap' | 'httpStatus'>;

export interface Vos3000Request {
	name: string;
	body: unknown;
	rawBody: string;
	contentType?: string;
	remote: string;
	at: number;
}

export type { PushResult };

/** Pages of section 4 (manual names) plus the aliases used elsewhere in the project. */
export type Vos3000PushPage =
	| 'PhoneOnlineReport'
	| 'CallStateReport'
	| 'CustomerMoneyChange'
	| 'AlarmReport'
	| 'PushDtmfInfo'
	| 'PushDtmfInfos'
	| 'PhoneOnline'
	| 'AlarmCurrentReport';

export interface IvrCallOptions {
	callerE164: string;
	calleeE164?: string;
	dtmf: string[];
	multiple?: boolean;
	/** access number of the IVR flow (default SEED.accessE164) */
	accessE164?: string;
	/** menu names, one per DTMF string (default menu1, menu2, ...) */
	menuNames?: string[];
	/** flowNo of the call (default: a new one) */
	flowNo?: number;
	/**
	 * retCodes for which the emulated IVR flow has a "continue with the next menu" branch (default [0]). Any other
	 * code has no configured branch, so (section 4.2/4.3) the IVR runs its default flow and the scripted call ends;
	 * no answer / an unparsable answer also means "default flow" and ends it.
	 */
	continueOn?: number[];
}

export interface Vos3000Emulator {
	url: string;
	port: number;
	state: Vos3000State;
	requests: Vos3000Request[];
	faults: Vos3000Faults;
	connections(): number;
	/** back to the seed state (or empty when started with seed:false); clears requests, pushes, faults, outPostUrl */
	reset(): void;
	close(): Promise<void>;
	/** Send one pushed report (manual section 4) as VOS3000 does: POST <baseUrl>/<page> with JSON body, Content-Type text/html;charset=UTF-8. */
	push(baseUrl: string, page: Vos3000PushPage | string, body?: Record<string, unknown>): Promise<PushResult>;
	/** Every push sent and the answer received. */
	pushes: Array<{ page: string; url: string; body: unknown; result: PushResult }>;
	/**
	 * A finished call of a phone, written to the CDRs as the softswitch does at hang-up (charged to the phone's
	 * account, no CustomerMoneyChange per 4.6). Returns the InfoCdr as GetCdr will answer it.
	 */
	simulateCdr(o: { callerE164: string; calleeE164: string; holdS?: number; stop?: number }): Record<string, unknown>;
	/** Scripted IVR call, see IvrCallOptions. */
	ivrCall(baseUrl: string, opts: IvrCallOptions): Promise<Array<{ sent: unknown; answer: PushResult }>>;
	/**
	 * OUT_POST_URL of server.conf (section 4.1). When set, the emulator pushes by itself: CustomerMoneyChange after
	 * recharges and non-CDR deductions (4.6), AlarmCurrentReport after CreateAlarm (4.7), CallStateReport for
	 * CallBack/PlayAudio/disconnects when the access phone has infoPhoneAdditional.callStateReport (4.5).
	 */
	outPostUrl?: string;
	/** Wait until the automatic pushes triggered so far have been answered. */
	pushIdle(): Promise<void>;
	/** The default example payload of a push page (section 4 fields, realistic values from the current state). */
	examplePush(page: Vos3000PushPage | string): Record<string, unknown>;
}

export interface StartOptions {
	port?: number;
	host?: string;
	/** load the demo data (default true) */
	seed?: boolean;
	/** OUT_POST_URL for automatic pushes (see Vos3000Emulator.outPostUrl) */
	outPostUrl?: string;
	/** Serve HTTPS (the manual allows either); see KitServerOptions.tls. */
	tls?: KitServerOptions['tls'];
}

/** Return codes. Only NOT_FOUND (-10007) is documented (section 1); the others are this emulator's choice. */
export const VOS_RET = {
	OK: 0,
	INVALID_REQUEST: -10001, // body is not a JSON object
	MISSING_PARAMETER: -10002, // an M field is absent
	INVALID_PARAMETER: -10003, // wrong type / format / enum value
	ALREADY_EXISTS: -10004,
	PASSWORD_ERROR: -10005,
	INSUFFICIENT_BALANCE: -10006,
	NOT_FOUND: -10007,
	IN_USE: -10008,
	NOT_ALLOWED: -10009,
	// GetCdr date range longer than the server accepts. Not in the manual (it has no code table): the code carriers
	// report from the field (issue 9); the emulator's limit is state.cdrQueryMaxDays.
	QUERY_INTERVAL_TOO_LONG: -10033,
} as const;

/** Negative timeRemain values (3.62/3.63 refer to a separate "termination reasons" document not in the manual). */
export const VOS_TIME_REMAIN_REASON = {
	NO_FEE_RATE: -9001,
	INSUFFICIENT_BALANCE: -9002,
	ACCOUNT_LOCKED: -9003,
	ACCOUNT_EXPIRED: -9004,
} as const;

/** Examples given verbatim by the manual (test vectors). */
export const MANUAL_EXAMPLES = {
	/** Section 1: the general error format. */
	notFound: '{"retCode":-10007,"exception":"Not found, operation failed."}',
	/** Section 1: the HTTP header. */
	contentType: 'text/html;charset=UTF-8',
	/** Section 2.1 (English version; the Chinese one lost the table): web access control rules. */
	accessControl: [
		{ webServer: 'WebServer_172.16.5.168', directory: '/external/server', allowedIps: '127.0.0.1' },
		{ webServer: 'WebServer_172.16.5.168', directory: '/external/test/server', allowedIps: '127.0.0.1' },
		{ webServer: 'WebServer_172.16.5.168', directory: '/external/server/GetCustomer', allowedIps: '127.0.0.1,192.168.5.160' },
	],
	/** Section 3.90: mobilePrefix / areaCode samples. */
	mobileArea: { mobilePrefix: '1300000', areaCode: '10' },
	/** Section 3.78: hex encoding of the wav bytes. */
	ivrAudioHex: { 128: '80', 0: '00', 255: 'FF' },
} as const;

export const NOT_FOUND_MESSAGE = 'Not found, operation failed.';
/** Long.MAX_VALUE: "no expiry" (3.26/3.27/3.29). Not exactly representable in JS; re-emitted literally on the wire. */
export const LONG_MAX = 9223372036854775807;
export const LONG_MAX_LITERAL = '9223372036854775807';
/** Integer.MAX_VALUE: "no priority" (3.26/3.27). */
export const INT_MAX = 2147483647;

/** Page names of section 4, and the aliases accepted by push(). */
export const PUSH_PAGES = ['PushDtmfInfo', 'PushDtmfInfos', 'PhoneOnline', 'CallStateReport', 'CustomerMoneyChange', 'AlarmCurrentReport'] as const;
export const PUSH_PAGE_ALIASES: Record<string, string> = { PhoneOnlineReport: 'PhoneOnline', AlarmReport: 'AlarmCurrentReport' };

/** The demo installation loaded by seed:true (and reset()). */
export const SEED = {
	feeRateGroup: 'default',
	feeRateGroups: ['default', 'vip'],
	accounts: { alice: '1001', bob: '1002' },
	balances: { '1001': 100, '1002': 50.5 },
	limitMoney: { '1001': 0, '1002': 10 },
	phones: { alice1: '1001001', alice2: '1001002', bob1: '1002001' },
	phonePasswords: { '1001001': 'pw1001001', '1001002': 'pw1001002', '1002001': 'pw1002001' },
	/** IVR access number (platform phone of account 1001 running the callback/IVR flow). */
	accessE164: '8000',
	accessE164Password: 'ivr8000',
	onlinePhones: ['1001001', '8000'],
	gatewayMapping: 'gw-map-office',
	gatewayRoutings: ['gw-route-cn', 'gw-route-intl'],
	/** Recharge card (电话卡) usable with PayByPhoneCard / PhoneCardActive / GetPhoneCard. */
	phoneCard: { pin: '880000000001', password: '123456', money: 50 },
	phoneCard2: { pin: '880000000002', password: '654321', money: 20 },
	usedPhoneCard: { pin: '880000000003', password: '111111', money: 10 },
	/** Active phone card (在用电话卡) of account 1002 and the number bound to it. */
	activePhoneCard: { pin: '5550001', password: '1234', account: '1002' },
	bindedE164: '13800138000',
	suiteId: 1,
	ivrAudios: { welcome: 1, menu_main: 2, goodbye: 3 },
	limitE164Group: 'blacklist',
	currentCallIds: [1001, 1002],
	cdrFlowNos: [90000001, 90000002, 90000003, 90000004],
	alarmId: 1,
	softswitchName: 'softswitch-1',
} as const;
