/**
 * VOS3000 softswitch emulator (Kunshi/Linknat "VOS3000 V Web 接口说明书", document version 05, 2022-10-19).
 *
 * A loopback HTTP server (node:http only) that answers every interface of sections 3.1-3.92 (+ 5.1 PlayAudio) the
 * way the manual describes: `POST /external/server/<InterfaceName>` with a raw JSON body (whatever the
 * Content-Type), answer `{"retCode":0,...}` with the data as siblings of retCode, errors as
 * `{"retCode":<non-zero>,"exception":"..."}`, Content-Type `text/html;charset=UTF-8` (section 1).
 * State is kept in memory (see Vos3000State) and seeded with a small demo installation (see SEED).
 * It can also send the pushed reports of section 4 to a URL and script an IVR call (PushDtmfInfo/PushDtmfInfos).
 *
 * Wire names follow the Chinese manual (authoritative). Manual quirks followed (section numbers):
 *   3.5/3.65  one path GetAllCustomers, two contracts: `type` 1 -> infoCustomerBriefs, otherwise accounts String[];
 *             a request with 3.5's `Key` (and no `type`) gets 3.5's `accounts` as one comma-separated String.
 *   3.13/3.19 `names` is M but "not set: all gateways are returned": not enforced.
 *   3.7/3.9   callLevel 1,2,3,4 in ModifyPhone (1,2,4,5 in CreatePhone).
 *   3.26      availableTime must be 00:00 server time (0 = today 00:00, immediate); a one-off (rentType 3) order becomes
 *             an active package at once and the order is deleted; expireTime default Long.MAX_VALUE, written literally.
 *   3.32      generated `password` answered as Integer.
 *   3.47      InfoCdr uses lower-case callerip/calleeip; dates yyyyMMdd; 3.46/3.64 yyyyMMddHHmmss (server local time).
 *   3.51      flowNo >= 0 that already exists: neither recorded nor charged (still retCode 0).
 *   3.62      response key `InfoAvailableTime` with a capital I.
 *   3.70/3.73 list parameters accept String[] or a comma-separated String.
 *   3.85      `level` has no M/O mark: optional. 3.87 path printed "Delete IpLimit": spaces in names are ignored.
 *   3.88      infoAlarmCurrents typed as one InfoAlarmCurrent but described as a list: answered as an array (as 4.7).
 *   4.6       CustomerMoneyChange only for recharges and non-CDR deductions (not for call charges).
 *   4.4/4.7   pages are PhoneOnline and AlarmCurrentReport (PhoneOnlineReport/AlarmReport accepted as aliases).
 *
 * Emulator-only conventions (the manual documents no return-code table, only -10007):
 *   VOS_RET holds the codes used here; only NOT_FOUND (-10007, "Not found, operation failed.") is from the manual.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import {
	CDR_DEFAULTS,
	CURRENT_CALL_DEFAULTS,
	CUSTOMER_ADDITIONAL_DEFAULTS,
	GATEWAY_MAPPING_DEFAULTS,
	GATEWAY_ROUTING_DEFAULTS,
	PHONE_DEFAULTS,
	REQUIRED,
	VOS3000_INTERFACES,
	type FieldKind,
} from './vos3000-tables';
import { pad } from './kit';

export { VOS3000_INTERFACES, REQUIRED as VOS3000_REQUIRED_FIELDS };

// ---------------------------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------------------------

export interface Vos3000Faults {
	/** interface names: apply the request to state, then destroy the socket without answering */
	dropAfterApply?: string[];
	/** delay every answer */
	delayMs?: number;
	/** interface names answered with a non-JSON body (the request is applied first) */
	malformed?: string[];
	/** answer every response wrapped in a one-element JSON array: [ {...} ] */
	arrayWrap?: boolean;
	/** answer with this HTTP status (e.g. 403 to mimic the web access list refusing the IP); the request is NOT applied */
	httpStatus?: number;
}

export interface Vos3000Request {
	name: string;
	body: unknown;
	rawBody: string;
	contentType?: string;
	remote: string;
	at: number;
}

export interface PushResult {
	status: number;
	body: string;
	json?: unknown;
	contentType?: string;
	/** set when the push could not be delivered (connection refused, timeout); status is then 0 */
	error?: string;
}

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

// ---------------------------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

class VosError extends Error {
	constructor(
		public code: number,
		message: string,
	) {
		super(message);
	}
}
const notFound = (): VosError => new VosError(VOS_RET.NOT_FOUND, NOT_FOUND_MESSAGE);
const invalid = (m: string): VosError => new VosError(VOS_RET.INVALID_PARAMETER, m);

const round = (n: number): number => Math.round(n * 10000) / 10000;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const isObj = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (b: Rec, k: string): boolean => b[k] !== undefined && b[k] !== null;

function str(b: Rec, k: string, def?: string): string {
	const v = b[k];
	if (v === undefined || v === null) {
		if (def === undefined) throw new VosError(VOS_RET.MISSING_PARAMETER, `Missing required parameter: ${k}`);
		return def;
	}
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	throw invalid(`Invalid parameter ${k}: expected a string`);
}
function num(b: Rec, k: string, def?: number): number {
	const v = b[k];
	if (v === undefined || v === null || v === '') {
		if (def === undefined) throw new VosError(VOS_RET.MISSING_PARAMETER, `Missing required parameter: ${k}`);
		return def;
	}
	const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
	if (!Number.isFinite(n)) throw invalid(`Invalid parameter ${k}: expected a number`);
	return n;
}
function int(b: Rec, k: string, def?: number): number {
	const n = num(b, k, def);
	if (!Number.isInteger(n)) throw invalid(`Invalid parameter ${k}: expected an integer`);
	return n;
}
function bool(b: Rec, k: string, def?: boolean): boolean {
	const v = b[k];
	if (v === undefined || v === null) {
		if (def === undefined) throw new VosError(VOS_RET.MISSING_PARAMETER, `Missing required parameter: ${k}`);
		return def;
	}
	if (typeof v === 'boolean') return v;
	if (v === 'true' || v === 'false') return v === 'true';
	throw invalid(`Invalid parameter ${k}: expected a boolean`);
}
/** String[]; a comma-separated String is accepted too (several "lists" of the manual are single Strings). */
function strList(b: Rec, k: string): string[] | undefined {
	const v = b[k];
	if (v === undefined || v === null) return undefined;
	if (Array.isArray(v)) return v.map((x) => String(x));
	if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
	throw invalid(`Invalid parameter ${k}: expected an array of strings`);
}
function intList(b: Rec, k: string): number[] | undefined {
	const l = strList(b, k);
	if (!l) return undefined;
	return l.map((s) => {
		const n = Number(s);
		if (!Number.isInteger(n)) throw invalid(`Invalid parameter ${k}: expected an array of integers`);
		return n;
	});
}
function oneOf(k: string, v: number, allowed: number[]): number {
	if (!allowed.includes(v)) throw invalid(`Invalid parameter ${k}: ${v} (allowed: ${allowed.join(', ')})`);
	return v;
}
/** Copy the keys of `src` that exist in `shape` (unknown fields are ignored, like the real server). Deep for objects. */
function mergeKnown(target: Rec, src: Rec, shape: Rec): void {
	for (const [k, v] of Object.entries(src)) {
		if (!(k in shape) || v === undefined || v === null) continue;
		if (isObj(shape[k]) && isObj(v)) {
			if (!isObj(target[k])) target[k] = clone(shape[k]);
			mergeKnown(target[k], v, shape[k] as Rec);
		} else {
			target[k] = clone(v);
		}
	}
}
function randomDigits(n: number): string {
	let s = '';
	for (const b of randomBytes(n)) s += String(b % 10);
	return s[0] === '0' ? '1' + s.slice(1) : s;
}
const TRANSACTION_ID = /^[A-Za-z0-9_-]+$/;

/** yyyyMMddHHmmss / yyyyMMdd in the server's (= this process's) local time zone. */
export function formatVosTime(ms: number, format: 'yyyyMMddHHmmss' | 'yyyyMMdd' = 'yyyyMMddHHmmss'): string {
	const d = new Date(ms);
	const day = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
	return format === 'yyyyMMdd' ? day : `${day}${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}
/** Parse yyyyMMddHHmmss or yyyyMMdd (local time); throws INVALID_PARAMETER naming the field. */
export function parseVosTime(value: string, format: 'yyyyMMddHHmmss' | 'yyyyMMdd', field = 'time'): number {
	const re = format === 'yyyyMMdd' ? /^(\d{4})(\d{2})(\d{2})$/ : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
	const m = re.exec(value);
	if (!m) throw invalid(`Invalid parameter ${field}: expected format ${format}`);
	const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1);
	const date = new Date(+y, +mo - 1, +d, +h, +mi, +s, 0);
	if (date.getMonth() !== +mo - 1 || date.getDate() !== +d || +h > 23 || +mi > 59 || +s > 59) throw invalid(`Invalid parameter ${field}: not a valid date`);
	return date.getTime();
}
const startOfDay = (ms: number): number => {
	const d = new Date(ms);
	return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
};
const addDays = (ms: number, n: number): number => {
	const d = new Date(ms);
	return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n).getTime();
};
const addMonths = (ms: number, n: number): number => {
	const d = new Date(ms);
	return new Date(d.getFullYear(), d.getMonth() + n, 1).getTime();
};

/** JSON with Long.MAX_VALUE written literally (JS prints 9223372036854776000). */
function toWire(v: unknown): string {
	return JSON.stringify(v).replace(/([:,[])9223372036854776000(?=[,}\]])/g, `$1${LONG_MAX_LITERAL}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Seed
// ---------------------------------------------------------------------------------------------------------------

function emptyState(): Vos3000State {
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

function newCustomer(account: string, name: string, now: number): Customer {
	return {
		account,
		name,
		money: 0,
		limitMoney: 0,
		feeRateGroup: '',
		type: 0,
		lockType: 0,
		agentAccount: '',
		phoneBookLimit: 0,
		canceled: false,
		startTime: now,
		validTime: addDays(now, 365 * 20), // validTime 0 = "expiry decided by the system parameter": 20 years here
		ctdBillingType: 0,
		memo: '',
		infoCustomerAdditional: clone(CUSTOMER_ADDITIONAL_DEFAULTS),
	};
}

function newPhone(e164: string, account: string, password: string): Rec {
	const p = clone(PHONE_DEFAULTS);
	Object.assign(p, { e164, account, password, callLevel: 4, lineCapacity: 2, lineCallIn: 2, lineCallOut: 2 });
	Object.assign(p.infoPhoneAdditional as Rec, { registerType: 1, protocol: 1, rtpRelay: 0, callDurationLimit: -1, dtmfSIPSendMethod: 0 });
	Object.assign(p.infoPhoneValueAdded as Rec, { callerIdDisplay: true, callTransfer: true, voiceMailMaxNumber: -1, voiceMailExpireDay: -1 });
	for (const k of ['unconditionalForwardE164', 'noAnswerForwardE164', 'offlineForwardE164', 'busyForwardE164']) {
		((p.infoPhoneValueAdded as Rec)[k] as Rec).alertSecond = -1;
	}
	return p;
}

function rate(feePrefix: string, areaName: string, type: number, fee: number, period: number): Rec {
	return { feePrefix, areaCode: feePrefix, type, areaName, infoFeeRateSections: [], fee, period, lockType: 0, ivrFee: fee, ivrPeriod: period };
}

function seedState(s: Vos3000State): void {
	const now = Date.now();
	const day = 86400000;
	s.feeRateGroups.set('default', { name: 'default', memo: 'Default retail rates', fakeMinute: 60 });
	s.feeRateGroups.set('vip', { name: 'vip', memo: 'Discounted rates', fakeMinute: 60 });
	s.feeRates.set('default', [
		rate('86', 'China', 4, 0.1, 60),
		rate('8610', 'Beijing', 2, 0.05, 60),
		rate('1', 'USA/Canada', 5, 0.06, 6),
		rate('44', 'United Kingdom', 5, 0.08, 6),
		rate('1001', 'On-net (account 1001)', 1, 0, 60),
		rate('1002', 'On-net (account 1002)', 1, 0, 60),
	]);
	s.feeRates.set('vip', [rate('86', 'China', 4, 0.05, 60), rate('1', 'USA/Canada', 5, 0.03, 6)]);

	const alice = newCustomer('1001', 'Alice Trading Co.', now - 30 * day);
	Object.assign(alice, { money: 100, feeRateGroup: 'default', memo: 'demo account', phoneBookLimit: 50 });
	Object.assign(alice.infoCustomerAdditional, { linkMan: 'Alice', telephone: '02112345678', email: 'alice@example.com', companyName: 'Alice Trading Co.' });
	const bob = newCustomer('1002', 'Bob Logistics', now - 20 * day);
	Object.assign(bob, { money: 50.5, limitMoney: 10, feeRateGroup: 'default', memo: 'demo account' });
	s.customers.set('1001', alice);
	s.customers.set('1002', bob);

	for (const [e164, account] of [
		['1001001', '1001'],
		['1001002', '1001'],
		['1002001', '1002'],
	] as const) {
		const p = newPhone(e164, account, `pw${e164}`);
		p.displayNumber = e164;
		s.phones.set(e164, p);
	}
	(s.phones.get('1001001') as Rec).dids = '1001001,021-5550001';
	(s.phones.get('1001001') as Rec).infoPhoneAdditional.callStateReport = true;
	const access = newPhone(SEED.accessE164, '1001', SEED.accessE164Password);
	access.memo = 'IVR access number (callback / IVR flow)';
	Object.assign(access.infoPhoneAdditional as Rec, { ivrEquipmentType: 1, ivrServiceName: 'callback-demo', ivrCallbackBillingMode: 2, callStateReport: true, registerType: 0, ip: '127.0.0.1', port: 5060 });
	s.phones.set(SEED.accessE164, access);

	s.phoneOnline.set('1001001', { e164: '1001001', currentCall: 1, remoteIp: '192.168.1.101:5060', localIp: '127.0.0.1:5060', registerTime: now - 3600000, updateTime: now - 60000, protocol: 1, cryptoType: 0, productId: 'Yealink SIP-T21P_E2 52.84.0.15' });
	s.phoneOnline.set(SEED.accessE164, { e164: SEED.accessE164, currentCall: 0, remoteIp: '127.0.0.1:5060', localIp: '127.0.0.1:5060', registerTime: now - day, updateTime: now - 30000, protocol: 1, cryptoType: 0, productId: 'VOS3000 IVR' });

	const gm = clone(GATEWAY_MAPPING_DEFAULTS);
	Object.assign(gm, { name: SEED.gatewayMapping, account: '1001', password: 'gwpass', capacity: 30, callLevel: 5, registerType: 0, remoteIps: '192.168.10.20', softswitchName: SEED.softswitchName, memo: 'office IP-PBX of account 1001', language: 'en' });
	s.gatewayMappings.set(gm.name as string, gm);
	s.gatewayMappingOnline.set(gm.name as string, { id: 1, name: gm.name, currentCall: 0, capacity: 30, asr: 0.62, acd: 95, remoteIps: '192.168.10.20', natIp: '', localIp: '127.0.0.1', registerTime: 0, updateTime: 0, keepTime: 0, cryptoType: 0, softswitchName: SEED.softswitchName, softswitchIp: '127.0.0.1' });

	const routes: Array<[string, string, string]> = [
		['gw-route-cn', '86', '10.0.0.50'],
		['gw-route-intl', '1,44', '10.0.0.60'],
	];
	routes.forEach(([name, prefix, ip], i) => {
		const gr = clone(GATEWAY_ROUTING_DEFAULTS);
		Object.assign(gr, { name, prefix, remoteIp: ip, capacity: 60, protocol: 1, signalPort: 5060, registerType: 0, softswitchName: SEED.softswitchName, memo: `carrier for ${prefix}`, sipCodecs: ['audio/PCMA', 'audio/G729'] });
		s.gatewayRoutings.set(name, gr);
		s.gatewayRoutingOnline.set(name, { id: i + 1, name, prefix, currentCall: i === 0 ? 1 : 1, capacity: 60, asr: 0.55, responseRatio: 0.9, connectedRatio: 0.58, acd: 120, remoteIp: ip, natIp: '', localIp: '127.0.0.1', registerTime: 0, updateTime: 0, keepTime: 0, cryptoType: 0, registerName: '', retryAfter: 0, softswitchName: SEED.softswitchName, softswitchIp: '127.0.0.1' });
	});

	s.suites.set(1, { id: 1, name: 'China 300 minutes', rentPeriod: 1, rentType: 1, nonholonomicOrder: false, rentFee: 10, minConsumption: 0, lowerConsumption: 0, giftMoney: 0, infoGiftTimes: [{ prefix: '86', startTime: 0, endTime: 86400, giftTime: 18000, billingTime: 60, memo: '' }], memo: 'monthly bundle' });
	s.suites.set(2, { id: 2, name: 'Welcome bonus', rentPeriod: 2592000, rentType: 3, nonholonomicOrder: true, rentFee: 0, minConsumption: 0, lowerConsumption: 0, giftMoney: 5, infoGiftTimes: [], memo: 'one-off, 30 days' });
	const today0 = startOfDay(now);
	s.suiteOrders.set(1, { id: 1, suiteId: 1, availableTime: today0 - 10 * day, expireTime: LONG_MAX, priority: INT_MAX, failedProcessMode: 0, rentPercent: 100, memo: 'seed order', _ownerName: '1001', _ownerType: 2 });
	s.currentSuites.set(1, { id: 1, suiteId: 1, suiteOrderId: 1, rentPeriod: 1, rentType: 1, rentFee: 10, expireTime: addMonths(today0, 1), minConsumption: 0, currentConsumption: 0.3, lowerConsumption: 0, giftMoney: 0, infoGiftTimes: clone((s.suites.get(1) as Rec).infoGiftTimes), memo: 'monthly bundle', _ownerName: '1001', _ownerType: 2 });

	s.activePhoneCards.set(SEED.activePhoneCard.pin, { pin: SEED.activePhoneCard.pin, account: '1002', password: SEED.activePhoneCard.password, displayE164: '', bindLimit: 5, activeTime: now - 5 * day, memo: 'calling card of Bob' });
	s.bindedE164s.set(SEED.bindedE164, { e164: SEED.bindedE164, pin: SEED.activePhoneCard.pin, account: '1002', displayE164: '', rewriteRulesOutCallee: '', bindTime: now - 5 * day, language: 'en', memo: 'Bob mobile' });

	const card = (pin: string, password: string, money: number, memo: string): Rec => ({
		pin,
		password,
		money,
		limitMoney: 0,
		bitsOfConfig: (1 << 1) | (1 << 2) | (1 << 4) | (1 << 7),
		feeRateGroup: 'default',
		expireTime: addDays(now, 365),
		agentAccount: '',
		suiteNames: [],
		memo,
	});
	s.phoneCards.set(SEED.phoneCard.pin, card(SEED.phoneCard.pin, SEED.phoneCard.password, SEED.phoneCard.money, 'recharge card 50'));
	s.phoneCards.set(SEED.phoneCard2.pin, card(SEED.phoneCard2.pin, SEED.phoneCard2.password, SEED.phoneCard2.money, 'recharge card 20'));
	const used = card(SEED.usedPhoneCard.pin, SEED.usedPhoneCard.password, SEED.usedPhoneCard.money, 'already used');
	Object.assign(used, { usedTime: now - 2 * day, usedAccount: '1002' });
	s.phoneCards.set(used.pin as string, used);

	s.phoneBooks.set('1001', new Map([
		['1001002', { e164: '1001002', shortE164s: ['2'], name: 'Reception', department: 'Front desk', deviceType: 3, addressType: 1, type: 0, lastUpdateTime: now - 7 * day, memo: '' }],
		['8613800138000', { e164: '8613800138000', shortE164s: ['88'], name: 'Supplier Wang', department: 'Purchasing', deviceType: 1, addressType: 1, type: 0, lastUpdateTime: now - 3 * day, memo: '' }],
	]));

	s.limitE164Groups.set(SEED.limitE164Group, { name: SEED.limitE164Group, memo: 'numbers that may not be called' });
	s.limitE164s.set(SEED.limitE164Group, new Map([['13900000000', { e164: '13900000000', memo: 'spam' }]]));

	const audio = (id: number, type: number, name: string, size: number, memo: string): void => {
		s.ivrAudios.set(id, { id, type, name, language: 'en', ivrServiceName: 'callback-demo', size, memo });
	};
	audio(1, 4, 'welcome', 64044, 'Welcome to the demo service');
	audio(2, 4, 'menu_main', 96044, 'Press 1 for sales, 2 for support');
	audio(3, 0, 'goodbye', 32044, 'Goodbye');

	s.e164Converts.set(1, { id: 1, account: '1001', e164: '1001001', mappingGatewayCallerE164: '02112345678', routingGatewayCalleeE164: '861012345678', memo: 'office main line' });
	s.mobileAreas.set('1380013', { mobilePrefix: '1380013', areaCode: '10', areaName: 'Beijing', memo: '' });
	s.mobileAreas.set('1390000', { mobilePrefix: '1390000', areaCode: '21', areaName: 'Shanghai', memo: '' });
	s.alarms.push({ id: 1, type: 20003, level: 1, name: 'CPU usage', startTime: now - 600000, value: 85, upper: 80, lower: 0, memo: 'CPU above 80%' });
	s.ipLimits.set('203.0.113.0', { area: 'Test net', ip: '203.0.113.0', count: 256, memo: 'documentation range' });
	s.softSwitches.push({ name: SEED.softswitchName, identification: 'VOS3000-EMULATOR-0001', createTime: now - 365 * day, accessTime: now - day, accessAddress: '127.0.0.1', memo: 'emulated softswitch' });

	// two calls in progress
	s.currentCalls.set(1001, currentCall(1001, { callerE164: '1001001', calleeE164: '8613800138000', callerGatewayId: '', calleeGatewayId: 'gw-route-cn', connectedTime: now - 125000, _state: 0, callerRtpIp: '192.168.1.101:10000', calleeRtpIp: '10.0.0.50:20000', callerTerminal: 'Yealink SIP-T21P_E2 52.84.0.15', calleeTerminal: 'Carrier CN SBC' }));
	s.currentCalls.set(1002, currentCall(1002, { callerE164: '1002001', calleeE164: '14155550123', callerGatewayId: '', calleeGatewayId: 'gw-route-intl', connectedTime: now - 8000, _state: -5, callerRtpIp: '192.168.1.102:10002', calleeRtpIp: '10.0.0.60:20002', callerTerminal: 'Grandstream GXP1625', calleeTerminal: 'Carrier INTL SBC' }));

	// CDRs (already charged: the balances above are after these calls)
	const cdr = (flowNo: number, phone: string, callee: string, gw: string, start: number, hold: number): void => {
		const c = buildCdr(s, { flowNo, account: (s.phones.get(phone) as Rec).account as string, callerE164: phone, calleeE164: callee, calleeGateway: gw, start, hold, calleeBilling: 0, billingMode: 0 });
		c.callerip = '192.168.1.101';
		c.calleeip = gw === 'gw-route-cn' ? '10.0.0.50' : '10.0.0.60';
		s.cdrs.push(c);
	};
	cdr(SEED.cdrFlowNos[0], '1001001', '8613800138000', 'gw-route-cn', now - 2 * 3600000, 125);
	cdr(SEED.cdrFlowNos[1], '1001002', '861012345678', 'gw-route-cn', now - 3600000, 42);
	cdr(SEED.cdrFlowNos[2], '1002001', '14155550123', 'gw-route-intl', now - 1800000, 61);
	cdr(SEED.cdrFlowNos[3], '1001001', '447700900123', 'gw-route-intl', now - day - 3600000, 300);

	s.payHistory.push({ account: '1001', fee: 110, type: 2, payType: 0, customerMoney: 110, payTime: now - 30 * day, memo: 'account opening' });
	s.payHistory.push({ account: '1002', fee: 40, type: 2, payType: 0, customerMoney: 40, payTime: now - 20 * day, memo: 'account opening' });
	s.payHistory.push({ account: '1002', fee: 20, type: 0, payType: 0, customerMoney: 60, payTime: now - 10 * day, memo: 'top-up' });
	s.consumptions.push({ account: '1001', money: 10, customerMoney: 101.5, type: 0, consumptionName: 1, time: now - 10 * day });
}

function currentCall(callId: number, fields: Rec): Rec {
	const c = clone(CURRENT_CALL_DEFAULTS);
	Object.assign(c, { callCodec: 'G729', callerCodec: 'G729,PCMA', calleeCodec: 'G729,PCMA', callerLocalIp: '127.0.0.1:5060', calleeLocalIp: '127.0.0.1:5060' }, fields, { callId });
	return c;
}

// ---------------------------------------------------------------------------------------------------------------
// Billing helpers
// ---------------------------------------------------------------------------------------------------------------

function normalizeCallee(e164: string): string {
	return e164.replace(/^\+/, '').replace(/^00/, '');
}
function findRate(s: Vos3000State, group: string, callee: string): Rec | undefined {
	const rates = s.feeRates.get(group) ?? [];
	const n = normalizeCallee(callee);
	let best: Rec | undefined;
	for (const r of rates) {
		if (n.startsWith(r.areaCode as string) && (!best || (r.areaCode as string).length > (best.areaCode as string).length)) best = r;
	}
	return best;
}
function groupOf(s: Vos3000State, account: string, phone?: string): string {
	const p = phone ? s.phones.get(phone) : undefined;
	if (p && p.feerateGroup) return p.feerateGroup as string;
	return s.customers.get(account)?.feeRateGroup ?? '';
}
function charge(r: Rec | undefined, hold: number): { feeTime: number; fee: number } {
	if (!r || hold <= 0) return { feeTime: 0, fee: 0 };
	const period = Math.max(1, r.period as number);
	const feeTime = Math.ceil(hold / period) * period;
	return { feeTime, fee: round((feeTime / 60) * (r.fee as number)) };
}
function buildCdr(s: Vos3000State, o: { flowNo: number; account: string; callerE164: string; calleeE164: string; calleeGateway?: string; callerGateway?: string; start: number; hold: number; calleeBilling: number; billingMode: number; endDirection?: number; endReason?: number; extra?: Rec }): Rec {
	const group = groupOf(s, o.account, o.callerE164);
	const r = findRate(s, group, o.calleeE164);
	const { feeTime, fee } = charge(r, o.hold);
	const cust = s.customers.get(o.account);
	const agent = cust?.agentAccount ? s.customers.get(cust.agentAccount) : undefined;
	const c = clone(CDR_DEFAULTS);
	Object.assign(c, {
		callerE164: o.callerE164,
		callerAccessE164: o.callerE164,
		callerProductId: '',
		callerToGatewayE164: o.callerE164,
		callerGateway: o.callerGateway ?? '',
		callerip: '',
		calleeE164: o.calleeE164,
		calleeAccessE164: o.calleeE164,
		calleeProductId: '',
		calleeToGatewayE164: o.calleeE164,
		calleeGateway: o.calleeGateway ?? '',
		calleeip: '',
		start: o.start,
		stop: o.start + o.hold * 1000,
		holdTime: o.hold,
		feeTime,
		fee,
		feePrefix: r?.feePrefix ?? '',
		callLevel: (r?.type as number) ?? 4,
		account: o.account,
		accountName: cust?.name ?? '',
		agentAccount: cust?.agentAccount ?? '',
		agentName: agent?.name ?? '',
		endDirection: o.endDirection ?? 0,
		endReason: o.endReason ?? 0,
		calleeBilling: o.calleeBilling,
		billingMode: o.billingMode,
		flowNo: o.flowNo,
	});
	if (o.extra) Object.assign(c, o.extra);
	return c;
}

function infoCustomer(s: Vos3000State, c: Customer): Rec {
	const today = startOfDay(Date.now());
	const todayConsumption =
		s.cdrs.filter((x) => x.account === c.account && (x.start as number) >= today).reduce((a, x) => a + (x.fee as number), 0) +
		s.consumptions.filter((x) => x.account === c.account && (x.time as number) >= today).reduce((a, x) => a + (x.money as number), 0);
	const category = [...s.customers.values()].some((o) => o.agentAccount === c.account) ? 1 : 0;
	const binded = [...s.bindedE164s.values()].filter((b) => b.account === c.account).map((b) => b.e164 as string);
	return {
		account: c.account,
		name: c.name,
		money: round(c.money),
		limitMoney: c.limitMoney,
		feeRateGroup: c.feeRateGroup,
		type: c.type,
		lockType: c.lockType,
		agentAccount: c.agentAccount,
		phoneBookLimit: c.phoneBookLimit,
		canceled: c.canceled,
		startTime: c.startTime,
		validTime: c.validTime,
		todayConsumption: round(todayConsumption),
		ctdBillingType: c.ctdBillingType,
		category,
		bindedE164s: binded,
		memo: c.memo,
		infoCustomerAdditional: clone(c.infoCustomerAdditional),
	};
}

const publicRec = (r: Rec): Rec => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('_')));

// ---------------------------------------------------------------------------------------------------------------
// The emulator
// ---------------------------------------------------------------------------------------------------------------

type Handler = (b: Rec) => Rec;

export async function startVos3000Emulator(opts: StartOptions = {}): Promise<Vos3000Emulator> {
	const withSeed = opts.seed !== false;
	const state = emptyState();
	if (withSeed) seedState(state);
	const requests: Vos3000Request[] = [];
	const faults: Vos3000Faults = {};
	const pushes: Vos3000Emulator['pushes'] = [];
	const pending = new Set<Promise<unknown>>();
	let connectionCount = 0;
	const sockets = new Set<Socket>();

	// ------------------------------------------------------------------ pushes
	async function push(baseUrl: string, page: string, body?: Record<string, unknown>): Promise<PushResult> {
		const pg = PUSH_PAGE_ALIASES[page] ?? page;
		const payload = body ?? examplePush(pg);
		const url = baseUrl.endsWith('/') ? baseUrl + pg : `${baseUrl}/${pg}`;
		const result = await post(url, JSON.stringify(payload));
		pushes.push({ page: pg, url, body: payload, result });
		return result;
	}
	function autoPush(page: string, body: Rec): void {
		const base = emu.outPostUrl;
		if (!base) return;
		const p = push(base, page, body).catch(() => undefined);
		pending.add(p);
		void p.finally(() => pending.delete(p));
	}
	function moneyChanged(account: string): void {
		const c = state.customers.get(account);
		if (c && state.systemParameters.EXTERNAL_CUSTOMER_MONEY_REPORT) autoPush('CustomerMoneyChange', { account, money: round(c.money) });
	}
	function callState(call: Rec, callState: number): void {
		autoPush('CallStateReport', {
			callId: call.callId,
			callState,
			eventTime: Date.now(),
			callerE164: call.callerE164,
			calleeE164: call.calleeE164,
			callerGatewayId: call.callerGatewayId ?? '',
			calleeGatewayId: call.calleeGatewayId ?? '',
			callerIp: '127.0.0.1',
			calleeIp: '10.0.0.50',
			callerLocalIp: '127.0.0.1',
			calleeLocalIp: '127.0.0.1',
			transactionId: call._transactionId ?? '',
			callIdentifier: call._callIdentifier ?? `emu-${call.callId}`,
		});
	}

	function examplePush(page: string): Record<string, unknown> {
		const pg = PUSH_PAGE_ALIASES[page] ?? page;
		const now = Date.now();
		switch (pg) {
			case 'PushDtmfInfo':
				return { flowNo: state.seq.flowNo + 1, callerE164: '13800138000', calleeE164: SEED.accessE164, accessE164: SEED.accessE164, menuName: 'menu_main', dtmf: '1' };
			case 'PushDtmfInfos':
				return { flowNo: state.seq.flowNo + 1, callerE164: '13800138000', calleeE164: SEED.accessE164, accessE164: SEED.accessE164, infoDtmfs: [{ menuName: 'menu_main', dtmf: '1' }, { menuName: 'menu_account', dtmf: '1001#' }] };
			case 'PhoneOnline':
				return { e164: '1001001', dids: ['021-5550001'], online: true, eventTime: now, localIp: '127.0.0.1', localPort: 5060, remoteIp: '192.168.1.101', productId: 'Yealink SIP-T21P_E2 52.84.0.15' };
			case 'CallStateReport':
				return { callId: 1001, callState: -12, eventTime: now, callerE164: '1001001', calleeE164: '8613800138000', callerGatewayId: '', calleeGatewayId: 'gw-route-cn', callerIp: '192.168.1.101', calleeIp: '10.0.0.50', callerLocalIp: '127.0.0.1', calleeLocalIp: '127.0.0.1', transactionId: 'demo-tx-0001', callIdentifier: '5f1c2a9e7b3d4c60-1000' };
			case 'CustomerMoneyChange':
				return { account: '1001', money: round(state.customers.get('1001')?.money ?? 100) };
			case 'AlarmCurrentReport':
				return { infoAlarmCurrents: state.alarms.length ? clone(state.alarms) : [{ id: 1, type: 20003, level: 1, name: 'CPU usage', startTime: now - 600000, value: 85, upper: 80, lower: 0, memo: 'CPU above 80%' }] };
			default:
				return {};
		}
	}

	async function ivrCall(baseUrl: string, o: IvrCallOptions): Promise<Array<{ sent: unknown; answer: PushResult }>> {
		const accessE164 = o.accessE164 ?? SEED.accessE164;
		const flowNo = o.flowNo ?? ++state.seq.flowNo;
		const continueOn = o.continueOn ?? [0];
		const menus = o.dtmf.map((_, i) => o.menuNames?.[i] ?? `menu${i + 1}`);
		const steps: Array<{ sent: unknown; answer: PushResult }> = [];
		for (let i = 0; i < o.dtmf.length; i++) {
			const head = { flowNo, callerE164: o.callerE164, calleeE164: o.calleeE164 ?? accessE164, accessE164 };
			const sent = o.multiple
				? { ...head, infoDtmfs: o.dtmf.slice(0, i + 1).map((dtmf, j) => ({ menuName: menus[j], dtmf })) }
				: { ...head, menuName: menus[i], dtmf: o.dtmf[i] };
			const answer = await push(baseUrl, o.multiple ? 'PushDtmfInfos' : 'PushDtmfInfo', sent);
			steps.push({ sent, answer });
			const j = answer.json;
			if (answer.status !== 200 || !isObj(j) || typeof j.retCode !== 'number') break; // no usable answer: default flow
			if (!continueOn.includes(j.retCode)) break; // no branch for this code: default flow
		}
		return steps;
	}

	// ------------------------------------------------------------------ lookups
	const customer = (account: string): Customer => {
		const c = state.customers.get(account);
		if (!c) throw notFound();
		return c;
	};
	const phone = (e164: string): Rec => {
		const p = state.phones.get(e164);
		if (!p) throw notFound();
		return p;
	};
	/** ownerType of Pay / PayByPhoneCard: 2 account, 6 platform phone, 11 active phone card, 25 bound number, 44 mapping gateway */
	function ownerAccount(ownerName: string, ownerType: number): string {
		switch (oneOf('ownerType', ownerType, [2, 6, 11, 25, 44])) {
			case 2:
				return customer(ownerName).account;
			case 6:
				return phone(ownerName).account as string;
			case 11:
				return (state.activePhoneCards.get(ownerName) ?? throwNF()).account as string;
			case 25:
				return (state.bindedE164s.get(ownerName) ?? throwNF()).account as string;
			default:
				return (state.gatewayMappings.get(ownerName) ?? throwNF()).account as string;
		}
	}
	function suiteOwnerAccount(ownerName: string, ownerType: number): string {
		oneOf('ownerType', ownerType, [2, 6]);
		return ownerType === 2 ? customer(ownerName).account : (phone(ownerName).account as string);
	}
	/** Billing lookups of 3.62: 0 phone, 1 mapping gateway, 2 bound number, 3 card pin, 4 card pin then mapping gateway */
	function billingAccount(name: string, mode: number): { account: string; phone?: string } {
		const card = () => state.activePhoneCards.get(name)?.account as string | undefined;
		const gw = () => state.gatewayMappings.get(name)?.account as string | undefined;
		let acc: string | undefined;
		switch (oneOf('billingMode', mode, [0, 1, 2, 3, 4])) {
			case 0:
				acc = state.phones.get(name)?.account as string | undefined;
				return acc ? { account: acc, phone: name } : throwNF();
			case 1:
				acc = gw();
				break;
			case 2:
				acc = state.bindedE164s.get(name)?.account as string | undefined;
				break;
			case 3:
				acc = card();
				break;
			default:
				acc = card() ?? gw();
		}
		if (!acc || !state.customers.has(acc)) throw notFound();
		return { account: acc };
	}
	function throwNF(): never {
		throw notFound();
	}
	function checkAccess(b: Rec): Rec {
		const access = phone(str(b, 'accessE164'));
		if (str(b, 'accessE164Password') !== access.password) throw new VosError(VOS_RET.PASSWORD_ERROR, 'Access number password error');
		return access;
	}
	function checkTransactionId(b: Rec): string | undefined {
		if (!has(b, 'transactionId')) return undefined;
		const t = str(b, 'transactionId');
		if (!TRANSACTION_ID.test(t)) throw invalid('Invalid parameter transactionId: allowed characters are A-Z a-z 0-9 - _');
		return t;
	}
	function timeRemain(account: string, group: string, callee: string): Rec {
		const c = customer(account);
		const r = findRate(state, group, callee);
		let t: number;
		const avail = c.money + c.limitMoney;
		if (c.lockType === 1) t = VOS_TIME_REMAIN_REASON.ACCOUNT_LOCKED;
		else if (c.validTime && c.validTime < Date.now()) t = VOS_TIME_REMAIN_REASON.ACCOUNT_EXPIRED;
		else if (!r) t = VOS_TIME_REMAIN_REASON.NO_FEE_RATE;
		else if ((r.fee as number) === 0) t = INT_MAX;
		else if (avail <= 0) t = VOS_TIME_REMAIN_REASON.INSUFFICIENT_BALANCE;
		else {
			const period = Math.max(1, r.period as number);
			t = Math.floor(((avail / (r.fee as number)) * 60) / period) * period;
			if (t <= 0) t = VOS_TIME_REMAIN_REASON.INSUFFICIENT_BALANCE;
		}
		return { account: c.account, accountName: c.name, accountMoney: round(c.money), timeRemain: t };
	}
	function newCallIdentifier(): string {
		return `${randomBytes(8).toString('hex')}-${1000}`;
	}
	function endCall(call: Rec, endDirection: number): void {
		state.currentCalls.delete(call.callId as number);
		if (call._report) callState(call, -13);
		if ((call._state as number) === 0 && call._account) {
			const hold = Math.max(1, Math.round((Date.now() - (call.connectedTime as number)) / 1000));
			const c = buildCdr(state, { flowNo: ++state.seq.flowNo, account: call._account as string, callerE164: call.callerE164 as string, calleeE164: call.calleeE164 as string, calleeGateway: call.calleeGatewayId as string, start: call.connectedTime as number, hold, calleeBilling: 0, billingMode: 0, endDirection, extra: call._transactionId ? { transactionId: call._transactionId } : undefined });
			state.cdrs.push(c);
			const cust = state.customers.get(call._account as string);
			if (cust) cust.money = round(cust.money - (c.fee as number)); // call charges: no CustomerMoneyChange (4.6)
		}
	}
	function recordPay(account: string, amount: number, payType: number, memo: string, type?: number): PayRecord {
		const c = customer(account);
		c.money = round(c.money + amount);
		const rec: PayRecord = { account, fee: round(Math.abs(amount)), type: type ?? (amount >= 0 ? 0 : 1), payType, customerMoney: c.money, payTime: Date.now(), memo };
		state.payHistory.push(rec);
		moneyChanged(account);
		return rec;
	}
	function consume(account: string, money: number, type: number, consumptionName: number): void {
		const c = customer(account);
		c.money = round(c.money - money);
		state.consumptions.push({ account, money: round(money), customerMoney: c.money, type, consumptionName, time: Date.now() });
		moneyChanged(account);
	}
	function subordinates(agent: string, mode: number): string[] {
		const direct = [...state.customers.values()].filter((c) => c.agentAccount === agent).map((c) => c.account);
		if (mode === 1) return direct;
		const out: string[] = [];
		const queue = [...direct];
		while (queue.length) {
			const a = queue.shift() as string;
			if (out.includes(a)) continue;
			out.push(a);
			queue.push(...[...state.customers.values()].filter((c) => c.agentAccount === a).map((c) => c.account));
		}
		return out;
	}
	function rangeAccounts(b: Rec): string[] {
		if (has(b, 'account')) return [customer(str(b, 'account')).account];
		if (has(b, 'agentAccount')) return subordinates(customer(str(b, 'agentAccount')).account, 0);
		throw new VosError(VOS_RET.MISSING_PARAMETER, 'Missing required parameter: account or agentAccount');
	}
	function cdrRange(b: Rec): [number, number] {
		const begin = parseVosTime(str(b, 'beginTime'), 'yyyyMMdd', 'beginTime');
		const end = addDays(parseVosTime(str(b, 'endTime'), 'yyyyMMdd', 'endTime'), 1);
		if (end <= begin) throw invalid('Invalid parameter endTime: before beginTime');
		return [begin, end];
	}
	function buckets(b: Rec): Array<[number, number]> {
		const [begin, end] = cdrRange(b);
		const period = int(b, 'period');
		if (period !== -2 && period <= 0) throw invalid('Invalid parameter period: days > 0, or -2 for monthly');
		const out: Array<[number, number]> = [];
		let t = begin;
		while (t < end) {
			const next = period === -2 ? addMonths(t, 1) : addDays(t, period);
			out.push([t, Math.min(next, end)]);
			t = next;
		}
		return out;
	}
	function sums(cdrs: Rec[]): Rec {
		const lvl = (l: number) => cdrs.filter((c) => c.callLevel === l);
		const agg = (l: Rec[]) => ({ fee: round(l.reduce((a, c) => a + (c.fee as number), 0)), time: l.reduce((a, c) => a + (c.feeTime as number), 0), count: l.length });
		const net = agg(lvl(1));
		const local = agg(lvl(2));
		const dom = agg(lvl(4));
		const intl = agg(lvl(5));
		return {
			cdrCount: cdrs.length,
			totalFee: round(cdrs.reduce((a, c) => a + (c.fee as number), 0)),
			totalTime: cdrs.reduce((a, c) => a + (c.feeTime as number), 0),
			totalSuiteFee: round(cdrs.reduce((a, c) => a + (c.suiteFee as number), 0)),
			totalSuiteFeeTime: cdrs.reduce((a, c) => a + (c.suiteFeeTime as number), 0),
			netFee: net.fee,
			netTime: net.time,
			netCount: net.count,
			localFee: local.fee,
			localTime: local.time,
			localCount: local.count,
			domesticFee: dom.fee,
			domesticTime: dom.time,
			domesticCount: dom.count,
			internationalFee: intl.fee,
			internationalTime: intl.time,
			internationalCount: intl.count,
		};
	}
	const inRange = (c: Rec, [a, z]: [number, number]) => (c.start as number) >= a && (c.start as number) < z;

	function findPhoneBookEntry(book: Map<string, Rec>, b: Rec): Rec | undefined {
		const ow = b.infoCustomerPhoneBookOverWrite as Rec;
		if (has(ow, 'e164') && has(ow, 'shortE164')) throw invalid('infoCustomerPhoneBookOverWrite: e164 and shortE164 cannot both be set');
		if (has(ow, 'e164')) return book.get(String(ow.e164));
		if (has(ow, 'shortE164')) return [...book.values()].find((x) => (x.shortE164s as string[]).includes(String(ow.shortE164)));
		return undefined;
	}

	function ivrLikeCall(kind: 'CallBack' | 'PlayAudio', access: Rec, caller: string, callee: string, account: string, transactionId: string | undefined): Rec {
		const a = customer(account);
		if (a.lockType === 1) throw new VosError(VOS_RET.NOT_ALLOWED, 'Account locked');
		if (a.money + a.limitMoney <= 0) throw new VosError(VOS_RET.INSUFFICIENT_BALANCE, 'Insufficient balance');
		const callIdentifier = newCallIdentifier();
		const tx = transactionId ?? `emu-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
		const callId = ++state.seq.callId;
		const report = !!(access.infoPhoneAdditional as Rec)?.callStateReport;
		const call = currentCall(callId, {
			callerE164: caller,
			calleeE164: callee,
			callerGatewayId: '',
			calleeGatewayId: findRouting(callee),
			connectedTime: Date.now(),
			_state: 0,
			callerTerminal: `VOS3000 IVR ${kind}`,
			calleeTerminal: '',
			_transactionId: tx,
			_callIdentifier: callIdentifier,
			_account: account,
			_report: report,
		});
		state.currentCalls.set(callId, call);
		state.ivrCalls.set(callIdentifier, { kind, callIdentifier, transactionId: tx, callId, callerE164: caller, calleeE164: callee, accessE164: access.e164, account, createdAt: Date.now() });
		if (report) for (const st of [-7, -8, -11, -12]) callState(call, st);
		return { transactionId: tx, callIdentifier };
	}
	function findRouting(callee: string): string {
		const n = normalizeCallee(callee);
		let best = '';
		let bestLen = -1;
		for (const g of state.gatewayRoutings.values()) {
			for (const p of String(g.prefix).split(',')) {
				if (p && n.startsWith(p) && p.length > bestLen) {
					best = g.name as string;
					bestLen = p.length;
				}
			}
		}
		return best;
	}

	// ------------------------------------------------------------------ handlers (section 3)
	const H: Record<string, Handler> = {
		// 3.1
		CreateCustomer(b) {
			const account = str(b, 'account');
			if (state.customers.has(account)) throw new VosError(VOS_RET.ALREADY_EXISTS, `Account already exists: ${account}`);
			const now = Date.now();
			const c = newCustomer(account, str(b, 'name'), now);
			const group = str(b, 'feeRateGroup', '');
			if (group && !state.feeRateGroups.has(group)) throw notFound();
			if (has(b, 'agentAccount') && str(b, 'agentAccount') && !state.customers.has(str(b, 'agentAccount'))) throw notFound();
			Object.assign(c, {
				limitMoney: num(b, 'limitMoney', 0),
				feeRateGroup: group,
				type: oneOf('type', int(b, 'type', 0), [0, 1, 2]),
				lockType: oneOf('lockType', int(b, 'lockType', 0), [0, 1]),
				agentAccount: str(b, 'agentAccount', ''),
				phoneBookLimit: int(b, 'phoneBookLimit', 0),
				ctdBillingType: oneOf('ctdBillingType', int(b, 'ctdBillingType', 0), [0, 1]),
				memo: str(b, 'memo', ''),
			});
			const vt = num(b, 'validTime', 0);
			if (vt) c.validTime = vt;
			if (isObj(b.infoCustomerAdditional)) mergeKnown(c.infoCustomerAdditional, b.infoCustomerAdditional, CUSTOMER_ADDITIONAL_DEFAULTS);
			state.customers.set(account, c);
			const money = num(b, 'money', 0);
			// opening balance is credited and recorded as an "account opening" (type 2) payment
			c.money = round(money);
			state.payHistory.push({ account, fee: round(money), type: 2, payType: 0, customerMoney: c.money, payTime: now, memo: str(b, 'memo', '') });
			if (money) moneyChanged(account);
			return {};
		},
		// 3.2
		ModifyCustomer(b) {
			const c = customer(str(b, 'account'));
			if (has(b, 'feeRateGroup') && str(b, 'feeRateGroup') && !state.feeRateGroups.has(str(b, 'feeRateGroup'))) throw notFound();
			if (has(b, 'name')) c.name = str(b, 'name');
			if (has(b, 'limitMoney')) c.limitMoney = num(b, 'limitMoney');
			if (has(b, 'feeRateGroup')) c.feeRateGroup = str(b, 'feeRateGroup');
			if (has(b, 'type')) c.type = oneOf('type', int(b, 'type'), [0, 1, 2]);
			if (has(b, 'lockType')) c.lockType = oneOf('lockType', int(b, 'lockType'), [0, 1]);
			if (has(b, 'agentAccount')) c.agentAccount = str(b, 'agentAccount');
			if (has(b, 'phoneBookLimit')) c.phoneBookLimit = int(b, 'phoneBookLimit');
			if (has(b, 'validTime')) c.validTime = num(b, 'validTime');
			if (has(b, 'ctdBillingType')) c.ctdBillingType = oneOf('ctdBillingType', int(b, 'ctdBillingType'), [0, 1]);
			if (has(b, 'memo')) c.memo = str(b, 'memo');
			if (isObj(b.infoCustomerAdditional)) mergeKnown(c.infoCustomerAdditional, b.infoCustomerAdditional, CUSTOMER_ADDITIONAL_DEFAULTS);
			return {};
		},
		// 3.3
		DeleteCustomer(b) {
			const c = customer(str(b, 'account'));
			if ([...state.phones.values()].some((p) => p.account === c.account)) throw new VosError(VOS_RET.IN_USE, `Account ${c.account} still has phones`);
			if ([...state.customers.values()].some((o) => o.agentAccount === c.account)) throw new VosError(VOS_RET.IN_USE, `Account ${c.account} still has subordinate accounts`);
			state.customers.delete(c.account);
			state.phoneBooks.delete(c.account);
			for (const [pin, card] of state.activePhoneCards) if (card.account === c.account) state.activePhoneCards.delete(pin);
			for (const [e, bd] of state.bindedE164s) if (bd.account === c.account) state.bindedE164s.delete(e);
			return {};
		},
		// 3.4
		GetCustomer(b) {
			const accounts = strList(b, 'accounts');
			const e164s = strList(b, 'e164s');
			const filter = isObj(b.filterAgentAccount) ? b.filterAgentAccount : undefined;
			if (!accounts && !e164s && !filter) throw new VosError(VOS_RET.MISSING_PARAMETER, 'Missing required parameter: accounts, e164s or filterAgentAccount');
			const want = new Set<string>();
			let explicit = 0;
			for (const a of accounts ?? []) {
				explicit++;
				if (state.customers.has(a)) want.add(a);
			}
			for (const e of e164s ?? []) {
				explicit++;
				const acc = (state.phones.get(e) ?? state.bindedE164s.get(e))?.account as string | undefined;
				if (acc) want.add(acc);
			}
			if (filter) {
				const agent = str(filter, 'filterAgentAccount');
				if (!state.customers.has(agent)) throw notFound();
				for (const a of subordinates(agent, oneOf('querySonMode', int(filter, 'querySonMode'), [0, 1]))) want.add(a);
			}
			if (explicit && !filter && want.size === 0) throw notFound();
			let list = [...want].map((a) => state.customers.get(a) as Customer);
			if (has(b, 'type')) list = list.filter((c) => c.type === int(b, 'type'));
			return { infoCustomers: list.map((c) => infoCustomer(state, c)) };
		},
		// 3.5 (Key) and 3.65 (type) share this path
		GetAllCustomers(b) {
			const all = [...state.customers.values()];
			if (has(b, 'type') && int(b, 'type') === 1) return { infoCustomerBriefs: all.map((c) => ({ account: c.account, money: round(c.money), limitMoney: c.limitMoney })) };
			if (has(b, 'type')) oneOf('type', int(b, 'type'), [0, 1]);
			// 3.5 documents `accounts` as one String (request field `Key`); 3.65 as String[].
			if (has(b, 'Key') && !has(b, 'type')) return { accounts: all.map((c) => c.account).join(',') };
			return { accounts: all.map((c) => c.account) };
		},
		// 3.6
		CreatePhone(b) {
			const auto = bool(b, 'autoCreateAccount');
			const e164 = str(b, 'e164');
			if (!/^[0-9A-Za-z*#+_-]+$/.test(e164)) throw invalid('Invalid parameter e164');
			if (state.phones.has(e164)) throw new VosError(VOS_RET.ALREADY_EXISTS, `Phone already exists: ${e164}`);
			let account = str(b, 'account', '');
			if (auto) {
				if (!account) account = e164;
				if (!state.customers.has(account)) {
					const c = newCustomer(account, account, Date.now());
					c.feeRateGroup = state.feeRateGroups.has(SEED.feeRateGroup) ? SEED.feeRateGroup : '';
					state.customers.set(account, c);
					state.payHistory.push({ account, fee: 0, type: 2, payType: 0, customerMoney: 0, payTime: Date.now(), memo: `auto-created with phone ${e164}` });
				}
			} else {
				if (!account) throw new VosError(VOS_RET.MISSING_PARAMETER, 'Missing required parameter: account (autoCreateAccount is false)');
				customer(account);
			}
			const generated = !has(b, 'password');
			const password = generated ? randomDigits(8) : str(b, 'password');
			const p = newPhone(e164, account, password);
			mergeKnown(p, b, PHONE_DEFAULTS);
			p.e164 = e164;
			p.account = account;
			p.password = password;
			if (has(b, 'callLevel')) oneOf('callLevel', int(b, 'callLevel'), [1, 2, 4, 5]);
			if (has(b, 'lockType')) oneOf('lockType', int(b, 'lockType'), [0, 1, 2, 3]);
			state.phones.set(e164, p);
			return generated ? { password } : {};
		},
		// 3.7
		ModifyPhone(b) {
			const p = phone(str(b, 'e164'));
			if (has(b, 'account') && str(b, 'account')) customer(str(b, 'account'));
			if (has(b, 'callLevel')) oneOf('callLevel', int(b, 'callLevel'), [1, 2, 3, 4]); // 1,2,3,4 here (1,2,4,5 in CreatePhone)
			if (has(b, 'lockType')) oneOf('lockType', int(b, 'lockType'), [0, 1, 2, 3]);
			const e164 = p.e164;
			mergeKnown(p, b, PHONE_DEFAULTS);
			p.e164 = e164;
			return {};
		},
		// 3.8
		DeletePhone(b) {
			const p = phone(str(b, 'e164'));
			state.phones.delete(p.e164 as string);
			state.phoneOnline.delete(p.e164 as string);
			return {};
		},
		// 3.9
		GetPhone(b) {
			const e164s = strList(b, 'e164s');
			const accounts = strList(b, 'accounts');
			if (!e164s && !accounts) throw new VosError(VOS_RET.MISSING_PARAMETER, 'Missing required parameter: e164s or accounts');
			const list = [...state.phones.values()].filter((p) => (e164s?.includes(p.e164 as string) ?? false) || (accounts?.includes(p.account as string) ?? false));
			if (!list.length && (e164s?.length ?? 0) > 0 && !accounts) throw notFound();
			return { infoPhones: list.map(clone) };
		},
		// 3.10
		GetPhoneOnline(b) {
			const e164s = strList(b, 'e164s') ?? [];
			return { infoPhoneOnlines: e164s.filter((e) => state.phoneOnline.has(e)).map((e) => clone(state.phoneOnline.get(e) as Rec)) };
		},
		// 3.11
		CreateGatewayMapping(b) {
			const name = str(b, 'name');
			if (state.gatewayMappings.has(name)) throw new VosError(VOS_RET.ALREADY_EXISTS, `Mapping gateway already exists: ${name}`);
			if (has(b, 'account') && str(b, 'account')) customer(str(b, 'account'));
			const g = clone(GATEWAY_MAPPING_DEFAULTS);
			mergeKnown(g, b, GATEWAY_MAPPING_DEFAULTS);
			g.name = name;
			if (!g.softswitchName) g.softswitchName = SEED.softswitchName;
			state.gatewayMappings.set(name, g);
			if ((g.registerType as number) === 0) {
				state.gatewayMappingOnline.set(name, { id: ++state.seq.gateway, name, currentCall: 0, capacity: g.capacity, asr: 0, acd: 0, remoteIps: g.remoteIps, natIp: '', localIp: '127.0.0.1', registerTime: 0, updateTime: 0, keepTime: 0, cryptoType: 0, softswitchName: g.softswitchName, softswitchIp: '127.0.0.1' });
			}
			return {};
		},
		// 3.12
		ModifyGatewayMapping(b) {
			const g = state.gatewayMappings.get(str(b, 'name')) ?? throwNF();
			if (has(b, 'account') && str(b, 'account')) customer(str(b, 'account'));
			mergeKnown(g, b, GATEWAY_MAPPING_DEFAULTS);
			const online = state.gatewayMappingOnline.get(g.name as string);
			if (online) Object.assign(online, { capacity: g.capacity, remoteIps: g.remoteIps });
			return {};
		},
		// 3.13 (`names` is M in the table, but "not set: all gateways are returned")
		GetGatewayMapping(b) {
			const names = strList(b, 'names');
			const list = [...state.gatewayMappings.values()].filter((g) => !names || !names.length || names.includes(g.name as string));
			if (names?.length && !list.length) throw notFound();
			return { infoGatewayMappings: list.map((g) => ({ ...clone(g), accountName: state.customers.get(g.account as string)?.name ?? '' })) };
		},
		// 3.14
		DeleteGatewayMapping(b) {
			const name = str(b, 'name');
			if (!state.gatewayMappings.delete(name)) throw notFound();
			state.gatewayMappingOnline.delete(name);
			return {};
		},
		// 3.15
		GetGatewayMappingOnline(b) {
			const names = strList(b, 'names');
			const ss = has(b, 'softswitchName') ? str(b, 'softswitchName') : undefined;
			return { infoGatewayMappingOnlines: [...state.gatewayMappingOnline.values()].filter((g) => (!names || names.includes(g.name as string)) && (!ss || g.softswitchName === ss)).map(clone) };
		},
		// 3.16
		CreateGatewayRouting(b) {
			const name = str(b, 'name');
			if (state.gatewayRoutings.has(name)) throw new VosError(VOS_RET.ALREADY_EXISTS, `Routing gateway already exists: ${name}`);
			if (has(b, 'clearingAccount') && str(b, 'clearingAccount')) customer(str(b, 'clearingAccount'));
			const g = clone(GATEWAY_ROUTING_DEFAULTS);
			mergeKnown(g, b, GATEWAY_ROUTING_DEFAULTS);
			g.name = name;
			if (!g.softswitchName) g.softswitchName = SEED.softswitchName;
			state.gatewayRoutings.set(name, g);
			if ((g.registerType as number) === 0) {
				state.gatewayRoutingOnline.set(name, { id: ++state.seq.gateway, name, prefix: g.prefix, currentCall: 0, capacity: g.capacity, asr: 0, responseRatio: 0, connectedRatio: 0, acd: 0, remoteIp: g.remoteIp, natIp: '', localIp: '127.0.0.1', registerTime: 0, updateTime: 0, keepTime: 0, cryptoType: 0, registerName: '', retryAfter: 0, softswitchName: g.softswitchName, softswitchIp: '127.0.0.1' });
			}
			return {};
		},
		// 3.17
		ModifyGatewayRouting(b) {
			const g = state.gatewayRoutings.get(str(b, 'name')) ?? throwNF();
			if (has(b, 'clearingAccount') && str(b, 'clearingAccount')) customer(str(b, 'clearingAccount'));
			mergeKnown(g, b, GATEWAY_ROUTING_DEFAULTS);
			const online = state.gatewayRoutingOnline.get(g.name as string);
			if (online) Object.assign(online, { prefix: g.prefix, capacity: g.capacity, remoteIp: g.remoteIp });
			return {};
		},
		// 3.18
		DeleteGatewayRouting(b) {
			const name = str(b, 'name');
			if (!state.gatewayRoutings.delete(name)) throw notFound();
			state.gatewayRoutingOnline.delete(name);
			return {};
		},
		// 3.19
		GetGatewayRouting(b) {
			const names = strList(b, 'names');
			const list = [...state.gatewayRoutings.values()].filter((g) => !names || !names.length || names.includes(g.name as string));
			if (names?.length && !list.length) throw notFound();
			return { infoGatewayRoutings: list.map(clone) };
		},
		// 3.20
		GetGatewayRoutingOnline(b) {
			const names = strList(b, 'names');
			const ss = has(b, 'softswitchName') ? str(b, 'softswitchName') : undefined;
			return { infoGatewayRoutingOnlines: [...state.gatewayRoutingOnline.values()].filter((g) => (!names || names.includes(g.name as string)) && (!ss || g.softswitchName === ss)).map(clone) };
		},
		// 3.21
		GetCurrentCall(b) {
			const callers = strList(b, 'callerE164s');
			const callees = strList(b, 'calleeE164s');
			const gm = has(b, 'gatewayMappingName') ? str(b, 'gatewayMappingName') : undefined;
			const gr = has(b, 'gatewayRoutingName') ? str(b, 'gatewayRoutingName') : undefined;
			const now = Date.now();
			const list = [...state.currentCalls.values()].filter(
				(c) => (!callers || callers.includes(c.callerE164 as string)) && (!callees || callees.includes(c.calleeE164 as string)) && (!gm || c.callerGatewayId === gm) && (!gr || c.calleeGatewayId === gr),
			);
			return {
				infoCurrentCalls: list.map((c) => {
					const o = publicRec(clone(c));
					const st = c._state as number;
					o.keepTime = st === 0 ? now - (c.connectedTime as number) : st; // >=0 duration in ms, <0 call state
					if (st === 0) {
						const ms = now - (c.connectedTime as number);
						const flow = { rtpPackets: Math.floor(ms / 20), rtpBytes: Math.floor(ms / 20) * 32, rtpDuration: ms * 1000 };
						o.callerInfoRtpFlowAudio = flow;
						o.calleeInfoRtpFlowAudio = { ...flow };
					}
					return o;
				}),
			};
		},
		// 3.22
		Pay(b) {
			const account = ownerAccount(str(b, 'ownerName'), int(b, 'ownerType'));
			const money = num(b, 'money');
			const rec = recordPay(account, money, 0, str(b, 'memo', ''));
			const c = customer(account);
			return { infoPay: { account, money: rec.customerMoney, validTime: c.validTime, payMoney: round(money) } };
		},
		// 3.23
		CreateSuite(b) {
			const rentPeriod = int(b, 'rentPeriod');
			if (rentPeriod <= 0) throw invalid('Invalid parameter rentPeriod: must be greater than 0');
			const id = ++state.seq.suite;
			state.suites.set(id, {
				id,
				name: str(b, 'name'),
				rentPeriod,
				rentType: oneOf('rentType', int(b, 'rentType'), [0, 1, 2, 3]),
				nonholonomicOrder: bool(b, 'nonholonomicOrder'),
				rentFee: num(b, 'rentFee'),
				minConsumption: num(b, 'minConsumption'),
				lowerConsumption: num(b, 'lowerConsumption'),
				giftMoney: num(b, 'giftMoney'),
				infoGiftTimes: Array.isArray(b.infoGiftTimes) ? (b.infoGiftTimes as Rec[]).map((g) => ({ prefix: str(g, 'prefix'), startTime: int(g, 'startTime'), endTime: int(g, 'endTime'), giftTime: int(g, 'giftTime'), billingTime: int(g, 'billingTime'), memo: str(g, 'memo', '') })) : [],
				memo: str(b, 'memo', ''),
			});
			return { id };
		},
		// 3.24
		DeleteSuite(b) {
			const id = int(b, 'id');
			if (!state.suites.has(id)) throw notFound();
			const force = oneOf('force', int(b, 'force', 0), [0, 1]);
			const orders = [...state.suiteOrders.values()].filter((o) => o.suiteId === id);
			const current = [...state.currentSuites.values()].filter((o) => o.suiteId === id);
			if ((orders.length || current.length) && force !== 1) throw new VosError(VOS_RET.IN_USE, `Suite ${id} is used by package orders (use force=1)`);
			for (const o of orders) state.suiteOrders.delete(o.id as number);
			for (const o of current) state.currentSuites.delete(o.id as number);
			state.suites.delete(id);
			return {};
		},
		// 3.25
		GetSuite(b) {
			const ids = intList(b, 'ids');
			const list = [...state.suites.values()].filter((s) => !ids || ids.includes(s.id as number));
			if (ids?.length && !list.length) throw notFound();
			return { infoSuites: list.map(clone) };
		},
		// 3.26
		CreateSuiteOrder(b) {
			const ownerName = str(b, 'ownerName');
			const ownerType = int(b, 'ownerType');
			const account = suiteOwnerAccount(ownerName, ownerType);
			const suite = state.suites.get(int(b, 'suiteId')) ?? throwNF();
			let availableTime = num(b, 'availableTime');
			const now = Date.now();
			if (availableTime === 0) availableTime = startOfDay(now);
			else if (startOfDay(availableTime) !== availableTime) throw invalid('Invalid parameter availableTime: must be 00:00 of the server time zone (or 0)');
			const oneOff = suite.rentType === 3;
			let expireTime = has(b, 'expireTime') ? num(b, 'expireTime') : oneOff ? availableTime + (suite.rentPeriod as number) * 1000 : LONG_MAX;
			if (expireTime >= LONG_MAX) expireTime = LONG_MAX;
			const rentPercent = num(b, 'rentPercent', 100);
			const rent = round(((suite.rentFee as number) * rentPercent) / 100);
			const cust = customer(account);
			const failedProcessMode = oneOf('failedProcessMode', int(b, 'failedProcessMode', 0), [0, 1, 2]);
			const id = ++state.seq.suiteOrder;
			const order = { id, suiteId: suite.id, availableTime, expireTime, priority: int(b, 'priority', INT_MAX), failedProcessMode, rentPercent, memo: str(b, 'memo', ''), _ownerName: ownerName, _ownerType: ownerType };
			const active = availableTime <= now;
			const paid = rent <= 0 || cust.money + cust.limitMoney >= rent;
			if (active && paid) {
				if (rent > 0) consume(account, rent, 0, suite.id as number); // package rent: a non-CDR deduction (4.6)
				if (suite.giftMoney) cust.money = round(cust.money + (suite.giftMoney as number));
				const cid = ++state.seq.currentSuite;
				const periodEnd = suite.rentType === 0 ? addDays(availableTime, suite.rentPeriod as number) : suite.rentType === 1 ? addMonths(availableTime, suite.rentPeriod as number) : suite.rentType === 2 ? addMonths(availableTime, 12 * (suite.rentPeriod as number)) : expireTime;
				state.currentSuites.set(cid, { id: cid, suiteId: suite.id, suiteOrderId: id, rentPeriod: suite.rentPeriod, rentType: suite.rentType, rentFee: rent, expireTime: Math.min(periodEnd, expireTime), minConsumption: suite.minConsumption, currentConsumption: 0, lowerConsumption: suite.lowerConsumption, giftMoney: suite.giftMoney, infoGiftTimes: clone(suite.infoGiftTimes), memo: suite.memo, _ownerName: ownerName, _ownerType: ownerType });
			}
			// a one-off package turns into an active package at once and its order is deleted (3.26 expireTime)
			if (!(oneOff && active && paid)) state.suiteOrders.set(id, order);
			return { id };
		},
		// 3.27
		ModifySuiteOrder(b) {
			const o = state.suiteOrders.get(int(b, 'id')) ?? throwNF();
			if (has(b, 'expireTime')) o.expireTime = num(b, 'expireTime') >= LONG_MAX ? LONG_MAX : num(b, 'expireTime');
			if (has(b, 'priority')) o.priority = int(b, 'priority');
			if (has(b, 'failedProcessMode')) o.failedProcessMode = oneOf('failedProcessMode', int(b, 'failedProcessMode'), [0, 1, 2]);
			if (has(b, 'rentPercent')) o.rentPercent = num(b, 'rentPercent');
			if (has(b, 'memo')) o.memo = str(b, 'memo');
			return {};
		},
		// 3.28
		DeleteSuiteOrder(b) {
			const id = int(b, 'id');
			if (!state.suiteOrders.delete(id)) throw notFound();
			return {};
		},
		// 3.29
		GetSuiteOrder(b) {
			const ownerName = str(b, 'ownerName');
			const ownerType = int(b, 'ownerType');
			suiteOwnerAccount(ownerName, ownerType);
			return { infoSuiteOrders: [...state.suiteOrders.values()].filter((o) => o._ownerName === ownerName && o._ownerType === ownerType).map((o) => { const r = publicRec(clone(o)); r.expireTime = o.expireTime; return r; }) };
		},
		// 3.30
		GetCurrentSuite(b) {
			const ownerName = str(b, 'ownerName');
			const ownerType = int(b, 'ownerType');
			suiteOwnerAccount(ownerName, ownerType);
			return { infoCurrentSuites: [...state.currentSuites.values()].filter((o) => o._ownerName === ownerName && o._ownerType === ownerType).map((o) => publicRec(clone(o))) };
		},
		// 3.31
		DeleteCurrentSuite(b) {
			if (!state.currentSuites.delete(int(b, 'id'))) throw notFound();
			return {};
		},
		// 3.32
		CreateActivePhoneCard(b) {
			const pin = str(b, 'pin');
			if (state.activePhoneCards.has(pin)) throw new VosError(VOS_RET.ALREADY_EXISTS, `Active phone card already exists: ${pin}`);
			const account = customer(str(b, 'account')).account;
			const generated = !has(b, 'password');
			const password = generated ? randomDigits(6) : str(b, 'password');
			state.activePhoneCards.set(pin, { pin, account, password, displayE164: str(b, 'displayE164', ''), bindLimit: int(b, 'bindLimit', -1), activeTime: Date.now(), memo: str(b, 'memo', '') });
			// the response documents `password` as Integer (CreatePhone: String)
			return generated ? { password: Number(password) } : {};
		},
		// 3.33
		ModifyActivePhoneCard(b) {
			const c = state.activePhoneCards.get(str(b, 'pin')) ?? throwNF();
			if (has(b, 'account')) c.account = customer(str(b, 'account')).account;
			if (has(b, 'password')) c.password = str(b, 'password');
			if (has(b, 'displayE164')) c.displayE164 = str(b, 'displayE164');
			if (has(b, 'bindLimit')) c.bindLimit = int(b, 'bindLimit');
			if (has(b, 'memo')) c.memo = str(b, 'memo');
			for (const bd of state.bindedE164s.values()) if (bd.pin === c.pin) bd.account = c.account;
			return {};
		},
		// 3.34
		DeleteActivePhoneCard(b) {
			const pin = str(b, 'pin');
			if (!state.activePhoneCards.delete(pin)) throw notFound();
			for (const [e, bd] of state.bindedE164s) if (bd.pin === pin) state.bindedE164s.delete(e);
			return {};
		},
		// 3.35
		GetActivePhoneCard(b) {
			const pins = strList(b, 'pins');
			const accounts = strList(b, 'accounts');
			if (!pins && !accounts) throw new VosError(VOS_RET.MISSING_PARAMETER, 'Missing required parameter: pins or accounts');
			const list = [...state.activePhoneCards.values()].filter((c) => (pins?.includes(c.pin as string) ?? false) || (accounts?.includes(c.account as string) ?? false));
			if (!list.length && pins?.length && !accounts) throw notFound();
			return { infoActivePhoneCards: list.map((c) => ({ ...clone(c), bindLimit: (c.bindLimit as number) < 0 ? 0 : c.bindLimit })) };
		},
		// 3.36
		CreateBindedE164(b) {
			const e164 = str(b, 'e164');
			if (state.bindedE164s.has(e164)) throw new VosError(VOS_RET.ALREADY_EXISTS, `Bound number already exists: ${e164}`);
			const card = state.activePhoneCards.get(str(b, 'pin')) ?? throwNF();
			const count = [...state.bindedE164s.values()].filter((x) => x.pin === card.pin).length;
			if ((card.bindLimit as number) > 0 && count >= (card.bindLimit as number)) throw new VosError(VOS_RET.NOT_ALLOWED, `Bind limit reached for card ${card.pin}`);
			state.bindedE164s.set(e164, { e164, pin: card.pin, account: card.account, displayE164: str(b, 'displayE164', ''), rewriteRulesOutCallee: str(b, 'rewriteRulesOutCallee', ''), bindTime: Date.now(), language: str(b, 'language', ''), memo: str(b, 'memo', '') });
			return {};
		},
		// 3.37
		ModifyBindedE164(b) {
			const bd = state.bindedE164s.get(str(b, 'e164')) ?? throwNF();
			if (has(b, 'pin')) {
				const card = state.activePhoneCards.get(str(b, 'pin')) ?? throwNF();
				bd.pin = card.pin;
				bd.account = card.account;
			}
			for (const k of ['displayE164', 'rewriteRulesOutCallee', 'language', 'memo']) if (has(b, k)) bd[k] = str(b, k);
			return {};
		},
		// 3.38
		DeleteBindedE164(b) {
			if (!state.bindedE164s.delete(str(b, 'e164'))) throw notFound();
			return {};
		},
		// 3.39 ("one of the parameters is required")
		GetBindedE164(b) {
			const e164s = strList(b, 'e164s');
			const pin = has(b, 'pin') ? str(b, 'pin') : undefined;
			const account = has(b, 'account') ? str(b, 'account') : undefined;
			if (!e164s && !pin && !account) throw new VosError(VOS_RET.MISSING_PARAMETER, 'Missing required parameter: e164s, pin or account');
			const list = [...state.bindedE164s.values()].filter((x) => (!e164s || e164s.includes(x.e164 as string)) && (!pin || x.pin === pin) && (!account || x.account === account));
			return { infoBindedE164s: list.map(clone) };
		},
		// 3.40
		GetFeeRateGroup(b) {
			const names = strList(b, 'names');
			const list = [...state.feeRateGroups.values()].filter((g) => !names || names.includes(g.name));
			if (names?.length && !list.length) throw notFound();
			return { infoFeeRateGroups: list.map((g) => ({ name: g.name, memo: g.memo })) };
		},
		// 3.41
		CreateFeeRateGroup(b) {
			const name = str(b, 'name');
			if (state.feeRateGroups.has(name)) throw new VosError(VOS_RET.ALREADY_EXISTS, `Fee rate group already exists: ${name}`);
			state.feeRateGroups.set(name, { name, memo: str(b, 'memo', ''), fakeMinute: int(b, 'fakeMinute', 60) });
			state.feeRates.set(name, []);
			return {};
		},
		// 3.42
		ModifyFeeRateGroup(b) {
			const g = state.feeRateGroups.get(str(b, 'name')) ?? throwNF();
			if (has(b, 'memo')) g.memo = str(b, 'memo');
			if (has(b, 'fakeMinute')) g.fakeMinute = int(b, 'fakeMinute');
			return {};
		},
		// 3.43
		DeleteFeeRateGroup(b) {
			const name = str(b, 'name');
			if (!state.feeRateGroups.has(name)) throw notFound();
			if ([...state.customers.values()].some((c) => c.feeRateGroup === name)) throw new VosError(VOS_RET.IN_USE, `Fee rate group ${name} is used by accounts`);
			state.feeRateGroups.delete(name);
			state.feeRates.delete(name);
			return {};
		},
		// 3.44
		GetFeeRate(b) {
			const group = str(b, 'feeRateGroup');
			if (!state.feeRateGroups.has(group)) throw notFound();
			const codes = strList(b, 'areaCodes');
			return { infoFeeRates: (state.feeRates.get(group) ?? []).filter((r) => !codes || codes.includes(r.areaCode as string)).map(clone) };
		},
		// 3.45
		GetE164Convert(b) {
			const account = has(b, 'account') ? str(b, 'account') : undefined;
			const e164 = has(b, 'e164') ? str(b, 'e164') : undefined;
			return { infoE164Converts: [...state.e164Converts.values()].filter((c) => (!account || c.account === account) && (!e164 || c.e164 === e164)).map(clone) };
		},
		// 3.46
		GetPayHistory(b) {
			const begin = parseVosTime(str(b, 'beginTime'), 'yyyyMMddHHmmss', 'beginTime');
			const end = parseVosTime(str(b, 'endTime'), 'yyyyMMddHHmmss', 'endTime');
			const accounts = rangeAccounts(b);
			return { infoPayHistorys: state.payHistory.filter((p) => accounts.includes(p.account) && p.payTime >= begin && p.payTime <= end + 999).map((p) => ({ ...p })) };
		},
		// 3.47
		GetCdr(b) {
			const accounts = strList(b, 'accounts') ?? [];
			const range = cdrRange(b);
			const days = Math.round((range[1] - range[0]) / 86400000);
			if (days > state.cdrQueryMaxDays) throw new VosError(VOS_RET.QUERY_INTERVAL_TOO_LONG, `Query interval too long: ${days} days, at most ${state.cdrQueryMaxDays}`);
			if (accounts.length && !accounts.some((a) => state.customers.has(a))) throw notFound();
			const f = (k: string) => (has(b, k) ? str(b, k) : undefined);
			const callerE164 = f('callerE164');
			const calleeE164 = f('calleeE164');
			const callerGateway = f('callerGateway');
			const calleeGateway = f('calleeGateway');
			const list = state.cdrs.filter(
				(c) => accounts.includes(c.account as string) && inRange(c, range) && (!callerE164 || c.callerE164 === callerE164) && (!calleeE164 || c.calleeE164 === calleeE164) && (!callerGateway || c.callerGateway === callerGateway) && (!calleeGateway || c.calleeGateway === calleeGateway),
			);
			return { infoCdrs: list.map((c) => publicRec(clone(c))) };
		},
		// 3.48
		GetReportCustomerFee(b) {
			const accounts = strList(b, 'accounts') ?? [];
			const bs = buckets(b);
			if (accounts.length && !accounts.some((a) => state.customers.has(a))) throw notFound();
			const rows: Rec[] = [];
			for (const bucket of bs) {
				for (const a of accounts) {
					const c = state.customers.get(a);
					if (!c) continue;
					const cdrs = state.cdrs.filter((x) => x.account === a && inRange(x, bucket));
					if (cdrs.length) rows.push({ beginTime: bucket[0], endTime: bucket[1], account: a, accountName: c.name, ...sums(cdrs) });
				}
			}
			return { infoReportCustomerFees: rows };
		},
		// 3.49
		GetReportPhoneFee(b) {
			const c = customer(str(b, 'account'));
			const e164s = strList(b, 'e164s');
			const bs = buckets(b);
			const rows: Rec[] = [];
			for (const bucket of bs) {
				const cdrs = state.cdrs.filter((x) => x.account === c.account && inRange(x, bucket) && (!e164s || e164s.includes(x.callerE164 as string)));
				const phones = [...new Set(cdrs.map((x) => x.callerE164 as string))];
				for (const e of phones) {
					const mine = cdrs.filter((x) => x.callerE164 === e);
					const { netFee, netTime, netCount, localFee, localTime, localCount, domesticFee, domesticTime, domesticCount, internationalFee, internationalTime, internationalCount, cdrCount, totalFee, totalTime, totalSuiteFee, totalSuiteFeeTime } = sums(mine);
					rows.push({ beginTime: bucket[0], endTime: bucket[1], e164: e, calleeBilling: 0, account: c.account, accountName: c.name, agentAccount: c.agentAccount, cdrCount, totalFee, totalTime, totalSuiteFee, totalSuiteFeeTime, netFee, netTime, netCount, localFee, localTime, localCount, domesticFee, domesticTime, domesticCount, internationalFee, internationalTime, internationalCount });
				}
			}
			return { infoReportPhoneFees: rows };
		},
		// 3.50
		GetReportCustomerLocationFee(b) {
			const c = customer(str(b, 'account'));
			const areaCode = has(b, 'areaCode') ? str(b, 'areaCode') : undefined;
			const bs = buckets(b);
			const rows: Rec[] = [];
			for (const bucket of bs) {
				const cdrs = state.cdrs.filter((x) => x.account === c.account && inRange(x, bucket) && (!areaCode || x.feePrefix === areaCode));
				for (const prefix of [...new Set(cdrs.map((x) => x.feePrefix as string))]) {
					const mine = cdrs.filter((x) => x.feePrefix === prefix);
					const s = sums(mine);
					const r = (state.feeRates.get(groupOf(state, c.account)) ?? []).find((x) => x.areaCode === prefix);
					rows.push({ beginTime: bucket[0], endTime: bucket[1], areaCode: prefix, areaName: r?.areaName ?? '', account: c.account, accountName: c.name, agentAccount: c.agentAccount, cdrCount: s.cdrCount, totalFee: s.totalFee, totalTime: s.totalTime, totalSuiteFee: s.totalSuiteFee, totalSuiteFeeTime: s.totalSuiteFeeTime });
				}
			}
			return { infoReportCustomerLocationFees: rows };
		},
		// 3.51
		CreateCdr(b) {
			const billingMode = oneOf('billingMode', int(b, 'billingMode'), [0, 1, 2, 3]);
			const callerE164 = str(b, 'callerE164', '');
			const calleeE164 = str(b, 'calleeE164', '');
			const flowNoIn = num(b, 'flowNo', -1);
			if (flowNoIn >= 0 && state.cdrs.some((c) => c.flowNo === flowNoIn)) return {}; // duplicate flowNo: neither recorded nor charged
			let account = str(b, 'account', '');
			if (!account) {
				const key = billingMode === 1 ? str(b, 'callerGatewayId', '') : callerE164;
				account = billingAccount(key, billingMode === 0 ? 0 : billingMode === 1 ? 1 : billingMode === 2 ? 2 : 3).account;
			}
			const cust = customer(account);
			const billingTime = int(b, 'billingTime');
			if (billingTime < 0) throw invalid('Invalid parameter billingTime');
			const start = num(b, 'startTime', Date.now());
			const stop = num(b, 'stopTime', start);
			const c = buildCdr(state, {
				flowNo: flowNoIn >= 0 ? flowNoIn : ++state.seq.flowNo,
				account,
				callerE164,
				calleeE164,
				callerGateway: str(b, 'callerGatewayId', ''),
				calleeGateway: str(b, 'calleeGatewayId', ''),
				start,
				hold: billingTime,
				calleeBilling: 2,
				billingMode,
				endDirection: oneOf('endDirection', int(b, 'endDirection', 0), [0, 1, 2]),
				endReason: int(b, 'endReason', 0),
				extra: { callerip: str(b, 'callerIp', ''), calleeip: str(b, 'calleeIp', ''), callerProductId: str(b, 'callerProductId', ''), calleeProductId: str(b, 'calleeProductId', ''), callerToGatewayE164: str(b, 'callerToGatewayE164', callerE164), calleeToGatewayE164: str(b, 'calleeToGatewayE164', calleeE164), stop },
			});
			state.cdrs.push(c);
			cust.money = round(cust.money - (c.fee as number)); // a CDR charge: no CustomerMoneyChange (4.6)
			return {};
		},
		// 3.52
		GetCustomerPhoneBook(b) {
			const account = has(b, 'account') ? str(b, 'account') : undefined;
			const e164 = has(b, 'e164') ? str(b, 'e164') : undefined;
			if (account) customer(account);
			const out: Rec[] = [];
			for (const [acc, book] of state.phoneBooks) {
				if (account && acc !== account) continue;
				for (const entry of book.values()) if (!e164 || entry.e164 === e164) out.push(clone(entry));
			}
			return { infoCustomerPhoneBooks: out };
		},
		// 3.53
		CreateCustomerPhoneBook(b) {
			const c = customer(str(b, 'account'));
			const book = state.phoneBooks.get(c.account) ?? new Map<string, Rec>();
			const overwrite = isObj(b.infoCustomerPhoneBookOverWrite);
			if (!overwrite && !has(b, 'e164')) throw new VosError(VOS_RET.MISSING_PARAMETER, 'Missing required parameter: e164 (required when infoCustomerPhoneBookOverWrite is not set)');
			const existing = overwrite ? findPhoneBookEntry(book, b) : undefined;
			const e164 = has(b, 'e164') ? str(b, 'e164') : (existing?.e164 as string | undefined);
			if (!e164) throw new VosError(VOS_RET.MISSING_PARAMETER, 'Missing required parameter: e164');
			if (!overwrite && book.has(e164)) throw new VosError(VOS_RET.ALREADY_EXISTS, `Phone book entry already exists: ${e164}`);
			if (!existing && c.phoneBookLimit > 0 && book.size >= c.phoneBookLimit) throw new VosError(VOS_RET.NOT_ALLOWED, 'Phone book limit reached');
			if (existing) book.delete(existing.e164 as string);
			book.set(e164, {
				e164,
				shortE164s: strList(b, 'shortE164s') ?? [],
				name: str(b, 'name', ''),
				department: str(b, 'department', ''),
				deviceType: oneOf('deviceType', int(b, 'deviceType', 0), [0, 1, 2, 3]),
				addressType: oneOf('addressType', int(b, 'addressType', 0), [0, 1, 2]),
				type: oneOf('type', int(b, 'type', 0), [0, 1]),
				lastUpdateTime: Date.now(),
				memo: str(b, 'memo', ''),
			});
			state.phoneBooks.set(c.account, book);
			return {};
		},
		// 3.54
		ModifyCustomerPhoneBook(b) {
			const c = customer(str(b, 'account'));
			const book = state.phoneBooks.get(c.account);
			const e = book?.get(str(b, 'e164')) ?? throwNF();
			if (has(b, 'newE164')) {
				const ne = str(b, 'newE164');
				if (ne !== e.e164 && book?.has(ne)) throw new VosError(VOS_RET.ALREADY_EXISTS, `Phone book entry already exists: ${ne}`);
				book?.delete(e.e164 as string);
				e.e164 = ne;
				book?.set(ne, e);
			}
			if (has(b, 'shortE164s')) e.shortE164s = strList(b, 'shortE164s');
			for (const k of ['name', 'department', 'memo']) if (has(b, k)) e[k] = str(b, k);
			if (has(b, 'deviceType')) e.deviceType = oneOf('deviceType', int(b, 'deviceType'), [0, 1, 2, 3]);
			if (has(b, 'addressType')) e.addressType = oneOf('addressType', int(b, 'addressType'), [0, 1, 2]);
			if (has(b, 'type')) e.type = oneOf('type', int(b, 'type'), [0, 1]);
			e.lastUpdateTime = Date.now();
			return {};
		},
		// 3.55
		DeleteCustomerPhoneBook(b) {
			const c = customer(str(b, 'account'));
			const book = state.phoneBooks.get(c.account);
			let n = 0;
			for (const e of strList(b, 'e164s') ?? []) if (book?.delete(e)) n++;
			if (!n) throw notFound();
			return {};
		},
		// 3.56
		GetSoftSwitch() {
			return { infoSoftSwitches: state.softSwitches.map(clone) };
		},
		// 3.57
		GetPerformance() {
			return { infoPerformance: { callSize: state.currentCalls.size, cdrQueueSize: state.performance.cdrQueueSize } };
		},
		// 3.58
		PayByPhoneCard(b) {
			const account = ownerAccount(str(b, 'ownerName'), int(b, 'ownerType'));
			const card = usableCard(b, 1 << 4);
			const rec = recordPay(account, card.money as number, 2, str(b, 'memo', '') || `phone card ${card.pin}`);
			Object.assign(card, { usedTime: Date.now(), usedAccount: account });
			const c = customer(account);
			if ((card.bitsOfConfig as number) & (1 << 5) && card.feeRateGroup) c.feeRateGroup = card.feeRateGroup as string;
			return { infoPay: { account, money: rec.customerMoney, validTime: c.validTime, payMoney: card.money } };
		},
		// 3.59
		PhoneCardActive(b) {
			const card = usableCard(b, 1 << 1);
			const pin = card.pin as string;
			if (state.customers.has(pin)) throw new VosError(VOS_RET.ALREADY_EXISTS, `Account already exists: ${pin}`);
			const bindedE164 = has(b, 'bindedE164') ? str(b, 'bindedE164') : undefined;
			if (bindedE164 && state.bindedE164s.has(bindedE164)) throw new VosError(VOS_RET.ALREADY_EXISTS, `Bound number already exists: ${bindedE164}`);
			const now = Date.now();
			const c = newCustomer(pin, pin, now);
			Object.assign(c, { type: 1, feeRateGroup: (card.feeRateGroup as string) || '', limitMoney: card.limitMoney ?? 0, agentAccount: card.agentAccount ?? '', validTime: card.expireTime ?? c.validTime, memo: `activated phone card ${pin}` });
			state.customers.set(pin, c);
			const money = (card.bitsOfConfig as number) & (1 << 7) ? (card.money as number) : 0;
			c.money = round(money);
			state.payHistory.push({ account: pin, fee: round(money), type: 2, payType: 2, customerMoney: c.money, payTime: now, memo: `phone card ${pin}` });
			if ((card.bitsOfConfig as number) & (1 << 2)) state.activePhoneCards.set(pin, { pin, account: pin, password: card.password, displayE164: '', bindLimit: -1, activeTime: now, memo: '' });
			if ((card.bitsOfConfig as number) & (1 << 3)) state.phones.set(pin, newPhone(pin, pin, card.password as string));
			if (bindedE164) {
				if (!state.activePhoneCards.has(pin)) state.activePhoneCards.set(pin, { pin, account: pin, password: card.password, displayE164: '', bindLimit: -1, activeTime: now, memo: '' });
				state.bindedE164s.set(bindedE164, { e164: bindedE164, pin, account: pin, displayE164: '', rewriteRulesOutCallee: '', bindTime: now, language: '', memo: '' });
			}
			Object.assign(card, { usedTime: now, usedAccount: pin });
			if (money) moneyChanged(pin);
			return {};
		},
		// 3.60
		CallBack(b) {
			const access = checkAccess(b);
			const caller = str(b, 'callerE164');
			const callees = str(b, 'calleeE164s').split(',').map((x) => x.trim()).filter(Boolean);
			if (!callees.length) throw new VosError(VOS_RET.MISSING_PARAMETER, 'Missing required parameter: calleeE164s');
			const tx = checkTransactionId(b);
			const cbE164 = str(b, 'callbackBillingE164', caller);
			if (has(b, 'callbackBillingPassword')) verifyBillingPassword(cbE164, str(b, 'callbackBillingPassword'));
			if (has(b, 'calloutBillingPassword')) verifyBillingPassword(str(b, 'calloutBillingE164', caller), str(b, 'calloutBillingPassword'));
			// callback billing lookup (3.60 notes): bound number, active card, platform phone, then the access number's phone
			const account = (state.bindedE164s.get(cbE164) ?? state.activePhoneCards.get(cbE164) ?? state.phones.get(cbE164) ?? access).account as string;
			return ivrLikeCall('CallBack', access, caller, callees[0], account, tx);
		},
		// 3.61 = 5.1
		PlayAudio(b) {
			const access = checkAccess(b);
			const audioes = str(b, 'audioes').split(',').map((x) => x.trim()).filter(Boolean);
			if (!audioes.length) throw new VosError(VOS_RET.MISSING_PARAMETER, 'Missing required parameter: audioes');
			const names = new Set([...state.ivrAudios.values()].map((a) => a.name as string));
			for (const a of audioes) if (!names.has(a)) throw notFound();
			const callee = str(b, 'callee');
			const tx = checkTransactionId(b);
			let account = access.account as string;
			if (has(b, 'billingNumber')) {
				const bn = str(b, 'billingNumber');
				const t = oneOf('billingNumberType', int(b, 'billingNumberType', 0), [0, 2, 3]);
				const holder = t === 0 ? state.phones.get(bn) : t === 2 ? state.bindedE164s.get(bn) : state.activePhoneCards.get(bn);
				account = (holder ?? throwNF()).account as string;
			}
			return ivrLikeCall('PlayAudio', access, str(b, 'callerDisplayNumber', access.e164 as string), callee, account, tx);
		},
		// 3.62
		GetAvailableTime(b) {
			const { account, phone: ph } = billingAccount(str(b, 'billingName'), int(b, 'billingMode'));
			const callee = str(b, 'calleeE164');
			const info = timeRemain(account, groupOf(state, account, ph), callee);
			if (has(b, 'calleeEndpointType') && oneOf('calleeEndpointType', int(b, 'calleeEndpointType'), [0, 1]) === 0 && state.phones.has(callee)) info.timeRemain = INT_MAX; // on-net phone
			if (has(b, 'routingGateway')) {
				const g = state.gatewayRoutings.get(str(b, 'routingGateway')) ?? throwNF();
				const clearing = g.clearingAccount as string;
				info.timeRemainRoutingGateway = clearing && state.customers.has(clearing) ? (timeRemain(clearing, groupOf(state, clearing), str(b, 'calleeToGatewayE164', callee)).timeRemain as number) : INT_MAX;
			}
			return { InfoAvailableTime: info }; // capital I, as documented
		},
		// 3.63
		GetIvrSecondAvailableTime(b) {
			const bn = str(b, 'billingNumber');
			const t = oneOf('billingType', int(b, 'billingType'), [0, 1, 2, 3]);
			const callee = str(b, 'calleeE164');
			const firstE164 = str(b, 'firstE164');
			let holder: Rec | undefined;
			if (t === 0 || t === 3) holder = state.phones.get(bn);
			else if (t === 1) holder = state.activePhoneCards.get(bn);
			else holder = state.bindedE164s.get(bn) ?? state.activePhoneCards.get(bn) ?? state.phones.get(bn);
			const account = (holder ?? throwNF()).account as string;
			if (has(b, 'accessE164')) phone(str(b, 'accessE164'));
			const c = customer(account);
			// the first leg's cost so far is reserved before computing the second leg's time
			let reserved = 0;
			if (has(b, 'firstConnectTime')) {
				const from = num(b, 'firstConnectTime');
				const to = num(b, 'firstStopTime', Date.now());
				reserved = charge(findRate(state, groupOf(state, account), firstE164), Math.max(0, Math.round((to - from) / 1000))).fee;
			}
			const saved = c.money;
			c.money = saved - reserved;
			try {
				return { infoIvrSecondAvailableTime: { ...timeRemain(account, groupOf(state, account), callee), accountMoney: round(saved) } };
			} finally {
				c.money = saved;
			}
		},
		// 3.64
		GetConsumption(b) {
			const begin = parseVosTime(str(b, 'beginTime'), 'yyyyMMddHHmmss', 'beginTime');
			const end = parseVosTime(str(b, 'endTime'), 'yyyyMMddHHmmss', 'endTime');
			const accounts = rangeAccounts(b);
			return { infoConsumptions: state.consumptions.filter((x) => accounts.includes(x.account as string) && (x.time as number) >= begin && (x.time as number) <= end + 999).map(clone) };
		},
		// 3.66
		ReserveCalleeE164(b) {
			const access = checkAccess(b);
			const caller = str(b, 'callerE164');
			state.reservations.set(caller, { callerE164: caller, calleeE164: str(b, 'calleeE164'), accessE164: access.e164, at: Date.now() });
			return {};
		},
		// 3.67
		CreateLimitE164Group(b) {
			const name = str(b, 'name');
			if (state.limitE164Groups.has(name)) throw new VosError(VOS_RET.ALREADY_EXISTS, `Number group already exists: ${name}`);
			state.limitE164Groups.set(name, { name, memo: str(b, 'memo', '') });
			state.limitE164s.set(name, new Map());
			return {};
		},
		// 3.68
		ModifyLimitE164Group(b) {
			const g = state.limitE164Groups.get(str(b, 'name')) ?? throwNF();
			if (has(b, 'memo')) g.memo = str(b, 'memo');
			return {};
		},
		// 3.69
		DeleteLimitE164Group(b) {
			const name = str(b, 'name');
			if (!state.limitE164Groups.delete(name)) throw notFound();
			state.limitE164s.delete(name);
			return {};
		},
		// 3.70 (names: String[] "multiple, comma separated": both accepted)
		GetLimitE164Group(b) {
			const names = strList(b, 'names');
			const list = [...state.limitE164Groups.values()].filter((g) => !names || !names.length || names.includes(g.name));
			return { infoLimitE164Groups: list.map((g) => ({ ...g })) };
		},
		// 3.71
		CreateLimitE164(b) {
			const name = str(b, 'limitE164GroupName');
			const set = state.limitE164s.get(name) ?? throwNF();
			for (const item of b.infoLimitE164s as Rec[]) set.set(str(item, 'e164'), { e164: str(item, 'e164'), memo: str(item, 'memo', '') });
			return {};
		},
		// 3.72
		DeleteLimitE164(b) {
			const set = state.limitE164s.get(str(b, 'limitE164GroupName')) ?? throwNF();
			let n = 0;
			for (const e of strList(b, 'e164s') ?? []) if (set.delete(e)) n++;
			if (!n) throw notFound();
			return {};
		},
		// 3.73 (e164: "multiple, comma separated")
		GetLimitE164(b) {
			const set = state.limitE164s.get(str(b, 'limitE164GroupName')) ?? throwNF();
			const e164s = strList(b, 'e164');
			return { infoLimitE164s: [...set.values()].filter((x) => !e164s || !e164s.length || e164s.includes(x.e164)).map((x) => ({ ...x })) };
		},
		// 3.74
		CreateIvrAudio(b) {
			const type = oneOf('type', int(b, 'type'), [0, 1, 2, 3, 4, 5, 6, 7]);
			const name = str(b, 'name');
			const language = str(b, 'language', '');
			if ([...state.ivrAudios.values()].some((a) => a.name === name && a.type === type && a.language === language)) throw new VosError(VOS_RET.ALREADY_EXISTS, `IVR audio already exists: ${name}`);
			const id = ++state.seq.ivrAudio;
			state.ivrAudios.set(id, { id, type, name, language, ivrServiceName: str(b, 'ivrServiceName', ''), size: 0, memo: str(b, 'memo', '') });
			return { id };
		},
		// 3.75
		ModifyIvrAudio(b) {
			const a = state.ivrAudios.get(int(b, 'id')) ?? throwNF();
			for (const k of ['language', 'ivrServiceName', 'memo']) if (has(b, k)) a[k] = str(b, k);
			return {};
		},
		// 3.76
		DeleteIvrAudio(b) {
			const id = int(b, 'id');
			if (!state.ivrAudios.delete(id)) throw notFound();
			state.ivrAudioData.delete(id);
			return {};
		},
		// 3.77 (type or ids)
		GetIvrAudio(b) {
			const ids = intList(b, 'ids');
			const type = has(b, 'type') ? int(b, 'type') : undefined;
			const list = [...state.ivrAudios.values()].filter((a) => (!ids || ids.includes(a.id as number)) && (type === undefined || a.type === type));
			if (ids?.length && !list.length) throw notFound();
			return { infoIvrAudios: list.map(clone) };
		},
		// 3.78: data = the wav bytes as a hex string (PCM_SIGNED 8000 Hz 16 bit mono little-endian)
		ModifyIvrAudioData(b) {
			const a = state.ivrAudios.get(int(b, 'id')) ?? throwNF();
			const data = str(b, 'data');
			if (data.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(data)) throw invalid('Invalid parameter data: expected a hex string, 2 characters per byte');
			const buf = Buffer.from(data, 'hex');
			if (buf.length >= 44 && buf.toString('ascii', 0, 4) === 'RIFF' && buf.toString('ascii', 8, 12) === 'WAVE') {
				const channels = buf.readUInt16LE(22);
				const rate = buf.readUInt32LE(24);
				const bits = buf.readUInt16LE(34);
				if (channels !== 1 || rate !== 8000 || bits !== 16) throw invalid(`Invalid parameter data: wav must be PCM_SIGNED 8000 Hz 16 bit mono (got ${rate} Hz ${bits} bit ${channels} ch)`);
			}
			state.ivrAudioData.set(a.id as number, buf);
			a.size = buf.length;
			return {};
		},
		// 3.79
		CreateE164Convert(b) {
			const e164 = str(b, 'e164');
			const p = phone(e164);
			const id = ++state.seq.e164Convert;
			state.e164Converts.set(id, { id, account: p.account, e164, mappingGatewayCallerE164: str(b, 'mappingGatewayCallerE164'), routingGatewayCalleeE164: str(b, 'routingGatewayCalleeE164'), memo: str(b, 'memo') });
			return { id };
		},
		// 3.80
		ModifyE164Convert(b) {
			const c = state.e164Converts.get(int(b, 'id')) ?? throwNF();
			for (const k of ['mappingGatewayCallerE164', 'routingGatewayCalleeE164', 'memo']) if (has(b, k)) c[k] = str(b, k);
			return {};
		},
		// 3.81
		DeleteE164Convert(b) {
			if (!state.e164Converts.delete(int(b, 'id'))) throw notFound();
			return {};
		},
		// 3.82
		DisconnectCurrentCall(b) {
			const ids = intList(b, 'callIds') ?? [];
			const calls = ids.map((id) => state.currentCalls.get(id)).filter((c): c is Rec => !!c);
			if (!calls.length) throw notFound();
			for (const c of calls) {
				endCall(c, 2);
				if (c._callIdentifier) state.ivrCalls.delete(c._callIdentifier as string);
			}
			return {};
		},
		// 3.83
		GetAllPhoneOnline() {
			return { e164s: [...state.phoneOnline.keys()] };
		},
		// 3.84
		GetPhoneCard(b) {
			const card = state.phoneCards.get(str(b, 'pin')) ?? throwNF();
			if (has(b, 'password') && str(b, 'password') !== card.password) throw new VosError(VOS_RET.PASSWORD_ERROR, 'Phone card password error');
			const { pin: _p, password: _w, ...info } = clone(card);
			void _p;
			void _w;
			return { infoPhoneCard: info };
		},
		// 3.85 (level has no M/O mark: optional, default 0)
		CreateAlarm(b) {
			const id = ++state.seq.alarm;
			const alarm: Rec = { id, type: 0, level: oneOf('level', int(b, 'level', 0), [0, 1, 2, 3]), name: str(b, 'name'), startTime: num(b, 'startTime', Date.now()), value: num(b, 'value', INT_MAX), memo: str(b, 'alarmInfo', '') };
			if (has(b, 'stopTime')) alarm.stopTime = num(b, 'stopTime');
			if (has(b, 'upper')) alarm.upper = num(b, 'upper');
			if (has(b, 'lower')) alarm.lower = num(b, 'lower');
			state.alarms.push(alarm);
			if (state.systemParameters.EXTERNAL_WEB_ALARM_CURRENT) autoPush('AlarmCurrentReport', { infoAlarmCurrents: clone(state.alarms) });
			return {};
		},
		// 3.86
		CreateIpLimit(b) {
			const ip = str(b, 'ip');
			if (!/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(ip)) throw invalid('Invalid parameter ip: expected an IPv4 address such as 1.1.1.1');
			if (state.ipLimits.has(ip)) throw new VosError(VOS_RET.ALREADY_EXISTS, `IP limit already exists: ${ip}`);
			state.ipLimits.set(ip, { area: str(b, 'area', ''), ip, count: int(b, 'count', 1), memo: str(b, 'memo', '') });
			return {};
		},
		// 3.87 (ips: one String; a comma-separated list is accepted)
		DeleteIpLimit(b) {
			let n = 0;
			for (const ip of strList(b, 'ips') ?? []) if (state.ipLimits.delete(ip)) n++;
			if (!n) throw notFound();
			return {};
		},
		// 3.88 (typed InfoAlarmCurrent, described as a list; answered as an array like 4.7)
		GetAlarmCurrent() {
			return { infoAlarmCurrents: state.alarms.map(clone) };
		},
		// 3.89
		DisconnectIvrCall(b) {
			const ids = strList(b, 'callIdentifiers') ?? [];
			let n = 0;
			for (const id of ids) {
				const rec = state.ivrCalls.get(id);
				if (!rec) continue;
				n++;
				state.ivrCalls.delete(id);
				const call = state.currentCalls.get(rec.callId as number);
				if (call) endCall(call, 2);
			}
			if (!n) throw notFound();
			return {};
		},
		// 3.90 (upsert by mobilePrefix)
		CreateMobileArea(b) {
			const items = b.infoMobileAreas as Rec[];
			for (const it of items) if (!/^\d{7}$/.test(str(it, 'mobilePrefix'))) throw invalid('Invalid parameter infoMobileAreas[].mobilePrefix: must be 7 digits, e.g. 1300000');
			for (const it of items) state.mobileAreas.set(str(it, 'mobilePrefix'), { mobilePrefix: str(it, 'mobilePrefix'), areaCode: str(it, 'areaCode'), areaName: str(it, 'areaName', ''), memo: str(it, 'memo', '') });
			return {};
		},
		// 3.91
		DeleteMobileArea(b) {
			let n = 0;
			for (const p of strList(b, 'mobilePrefixes') ?? []) if (state.mobileAreas.delete(p)) n++;
			if (!n) throw notFound();
			return {};
		},
		// 3.92
		GetMobileArea(b) {
			const p = has(b, 'mobilePrefix') ? str(b, 'mobilePrefix') : undefined;
			return { infoMobileAreas: [...state.mobileAreas.values()].filter((m) => !p || m.mobilePrefix === p).map(clone) };
		},
	};

	function usableCard(b: Rec, bit: number): Rec {
		const card = state.phoneCards.get(str(b, 'pin')) ?? throwNF();
		if (has(b, 'password') && str(b, 'password') !== card.password) throw new VosError(VOS_RET.PASSWORD_ERROR, 'Phone card password error');
		if (card.usedTime) throw new VosError(VOS_RET.NOT_ALLOWED, 'Phone card already used');
		if ((card.expireTime as number) < Date.now()) throw new VosError(VOS_RET.NOT_ALLOWED, 'Phone card expired');
		if (!((card.bitsOfConfig as number) & bit)) throw new VosError(VOS_RET.NOT_ALLOWED, 'Phone card not usable for this operation');
		return card;
	}
	function verifyBillingPassword(e164: string, password: string): void {
		const bound = state.bindedE164s.get(e164);
		const card = bound ? state.activePhoneCards.get(bound.pin as string) : state.activePhoneCards.get(e164);
		const holder = card ?? state.phones.get(e164);
		if (!holder) throw notFound();
		if (holder.password !== password) throw new VosError(VOS_RET.PASSWORD_ERROR, `Billing password error: ${e164}`);
	}

	// sanity: every documented interface has a handler
	for (const n of VOS3000_INTERFACES) if (!H[n]) throw new Error(`VOS3000 emulator: no handler for ${n}`);

	/** Interfaces whose M column is contradicted by the description ("not set: all are returned"). */
	const LENIENT: Record<string, string[]> = { GetGatewayMapping: ['names'], GetGatewayRouting: ['names'] };

	function checkRequired(name: string, body: Rec): void {
		for (const [path, kind] of REQUIRED[name] ?? []) {
			if (LENIENT[name]?.includes(path)) continue;
			const arr = path.split('[].');
			if (arr.length === 2) {
				const list = body[arr[0]];
				if (!Array.isArray(list)) continue; // the array itself is checked by its own entry when it is M
				list.forEach((item, i) => {
					if (!isObj(item)) throw invalid(`Invalid parameter ${arr[0]}[${i}]: expected an object`);
					checkValue(`${arr[0]}[${i}].${arr[1]}`, item[arr[1]], kind);
				});
				continue;
			}
			const dot = path.split('.');
			if (dot.length === 2) {
				const parent = body[dot[0]];
				if (!isObj(parent)) continue;
				checkValue(path, parent[dot[1]], kind);
				continue;
			}
			checkValue(path, body[path], kind);
		}
	}
	function checkValue(path: string, v: unknown, kind: FieldKind): void {
		if (v === undefined || v === null || (kind === 'string' && v === '' && !path.endsWith('memo'))) throw new VosError(VOS_RET.MISSING_PARAMETER, `Missing required parameter: ${path}`);
		const ok =
			kind === 'string' ? typeof v === 'string' || typeof v === 'number' :
			kind === 'number' ? typeof v === 'number' || (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) :
			kind === 'boolean' ? typeof v === 'boolean' || v === 'true' || v === 'false' :
			kind === 'array' ? Array.isArray(v) :
			isObj(v);
		if (!ok) throw invalid(`Invalid parameter ${path}: expected ${kind === 'array' ? 'an array' : kind === 'object' ? 'an object' : `a ${kind}`}`);
	}

	function execute(name: string, raw: string): { answer: Rec; parsed: unknown } {
		let parsed: unknown;
		const text = raw.replace(/^\uFEFF/, '').trim();
		try {
			parsed = text === '' ? {} : JSON.parse(text);
		} catch (e) {
			return { answer: { retCode: VOS_RET.INVALID_REQUEST, exception: `Invalid JSON request: ${(e as Error).message}` }, parsed: undefined };
		}
		if (!isObj(parsed)) return { answer: { retCode: VOS_RET.INVALID_REQUEST, exception: 'Invalid request: the body must be a JSON object' }, parsed };
		try {
			checkRequired(name, parsed);
			const data = H[name](parsed);
			return { answer: { retCode: 0, ...data }, parsed };
		} catch (e) {
			if (e instanceof VosError) return { answer: { retCode: e.code, exception: e.message }, parsed };
			return { answer: { retCode: -1, exception: `Internal error: ${(e as Error).message}` }, parsed };
		}
	}

	// ------------------------------------------------------------------ HTTP server
	const CT = 'text/html;charset=UTF-8';
	const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
	const html = (res: http.ServerResponse, status: number, text: string) => {
		const body = `<html><head><title>${status}</title></head><body><h1>HTTP Status ${status}</h1><p>${text}</p></body></html>`;
		res.writeHead(status, { 'Content-Type': CT, 'Content-Length': Buffer.byteLength(body) });
		res.end(body);
	};

	const server = http.createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		let size = 0;
		try {
			for await (const c of req) {
				size += (c as Buffer).length;
				if (size > 64 * 1024 * 1024) {
					html(res, 413, 'Request entity too large');
					return;
				}
				chunks.push(c as Buffer);
			}
		} catch {
			return;
		}
		const raw = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', 'http://localhost');
		const m = /^\/external\/server\/([^/]+)\/?$/.exec(url.pathname);
		// 3.87 prints "/external/server/Delete IpLimit": spaces in the name are ignored
		const name = m ? decodeURIComponent(m[1]).replace(/\s+/g, '') : url.pathname;
		const record: Vos3000Request = { name, body: undefined, rawBody: raw, contentType: req.headers['content-type'], remote: req.socket.remoteAddress ?? '', at: Date.now() };
		requests.push(record);
		if (faults.delayMs) await sleep(faults.delayMs);
		if (faults.httpStatus && faults.httpStatus !== 200) {
			html(res, faults.httpStatus, faults.httpStatus === 403 ? 'Access to the specified resource has been forbidden.' : 'Error');
			return;
		}
		if (req.method === 'GET' && (url.pathname === '/' || url.pathname.startsWith('/external/test/server'))) {
			const list = VOS3000_INTERFACES.map((n) => `<li><code>POST /external/server/${n}</code></li>`).join('');
			const body = `<html><head><title>VOS3000 emulator</title></head><body><h1>VOS3000 emulator</h1><p>POST a JSON body to one of:</p><ul>${list}</ul></body></html>`;
			res.writeHead(200, { 'Content-Type': CT, 'Content-Length': Buffer.byteLength(body) });
			res.end(body);
			return;
		}
		if (!m || !H[name]) {
			html(res, 404, `The requested resource (${url.pathname}) is not available.`);
			return;
		}
		if (req.method !== 'POST') {
			html(res, 405, `HTTP method ${req.method} is not supported by this URL`);
			return;
		}
		const { answer, parsed } = execute(name, raw);
		record.body = parsed;
		if (faults.dropAfterApply?.includes(name)) {
			req.socket.destroy();
			return;
		}
		if (faults.malformed?.includes(name)) {
			const body = '<html><body>java.lang.NullPointerException<br/>\tat com.kunshi.web.external.Server.service</body></html>';
			res.writeHead(200, { 'Content-Type': CT, 'Content-Length': Buffer.byteLength(body) });
			res.end(body);
			return;
		}
		const body = toWire(faults.arrayWrap ? [answer] : answer);
		res.writeHead(200, { 'Content-Type': CT, 'Content-Length': Buffer.byteLength(body) });
		res.end(body);
	});
	server.keepAliveTimeout = 5000;
	server.on('connection', (s: Socket) => {
		connectionCount++;
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	const host = opts.host && opts.host !== '0.0.0.0' && opts.host !== '::' ? opts.host : '127.0.0.1';

	const emu: Vos3000Emulator = {
		url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
		port,
		state,
		requests,
		faults,
		pushes,
		outPostUrl: opts.outPostUrl,
		connections: () => connectionCount,
		reset() {
			const fresh = emptyState();
			if (withSeed) seedState(fresh);
			Object.assign(state, fresh);
			requests.length = 0;
			pushes.length = 0;
			emu.outPostUrl = opts.outPostUrl;
			for (const k of Object.keys(faults)) delete (faults as Rec)[k];
		},
		async close() {
			await emu.pushIdle();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				for (const s of sockets) s.destroy();
			});
		},
		push,
		ivrCall,
		simulateCdr(o) {
			const phone = state.phones.get(o.callerE164);
			if (!phone) throw new Error(`simulateCdr: no phone ${o.callerE164}`);
			const hold = o.holdS ?? 30;
			const stop = o.stop ?? Date.now();
			const c = buildCdr(state, { flowNo: ++state.seq.flowNo, account: phone.account as string, callerE164: o.callerE164, calleeE164: o.calleeE164, start: stop - hold * 1000, hold, calleeBilling: 0, billingMode: 0 });
			state.cdrs.push(c);
			const cust = state.customers.get(phone.account as string);
			if (cust) cust.money = round(cust.money - (c.fee as number));
			return publicRec(clone(c));
		},
		async pushIdle() {
			while (pending.size) await Promise.allSettled([...pending]);
		},
		examplePush,
	};
	return emu;
}

/** POST a body with the push Content-Type; never throws (delivery errors come back as status 0 + error). */
function post(url: string, body: string, timeoutMs = 10000): Promise<PushResult> {
	return new Promise((resolve) => {
		let u: URL;
		try {
			u = new URL(url);
		} catch (e) {
			resolve({ status: 0, body: '', error: (e as Error).message });
			return;
		}
		const mod = u.protocol === 'https:' ? https : http;
		const req = mod.request(
			u,
			{ method: 'POST', headers: { 'Content-Type': 'text/html;charset=UTF-8', 'Content-Length': Buffer.byteLength(body), Connection: 'close' }, timeout: timeoutMs, rejectUnauthorized: false } as https.RequestOptions,
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json: unknown;
					try {
						json = text.trim() ? JSON.parse(text) : undefined;
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode ?? 0, body: text, json, contentType: res.headers['content-type'] });
				});
				res.on('error', (e) => resolve({ status: res.statusCode ?? 0, body: '', error: e.message }));
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
		req.on('error', (e) => resolve({ status: 0, body: '', error: e.message }));
		req.end(body);
	});
}
