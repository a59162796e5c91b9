/**
 * VOS3000 emulator, pushed reports (manual section 4): POST <base>/<page> with a JSON body as VOS3000 sends them,
 * the automatic ones to OUT_POST_URL (4.1), the example payload of each page, and the scripted IVR call (4.2/4.3).
 */
import { Outbox } from '../kit';
import { MANUAL_EXAMPLES, PUSH_PAGE_ALIASES, SEED, type IvrCallOptions, type PushResult, type Vos3000Emulator } from './api';
import { exampleAlarm } from './alarm';
import { clone, isObj, round } from './fields';
import type { Rec, Vos3000State } from './state';

/** The default example payload of a push page (section 4 fields, realistic values from the current state). */
export function examplePush(state: Vos3000State, page: string): Record<string, unknown> {
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
			return { infoAlarmCurrents: state.alarms.length ? clone(state.alarms) : [exampleAlarm(now)] };
		default:
			return {};
	}
}

/** Sends the pushes of one emulator and keeps their log; automatic pushes go to `outPostUrl()` when it is set. */
export class Vos3000Pushes {
	readonly log: Vos3000Emulator['pushes'] = [];
	// section 4 pushes are not queued behind each other: each report is its own POST
	private readonly outbox = new Outbox({ ordered: false, timeoutMs: () => 10_000, headers: { 'Content-Type': MANUAL_EXAMPLES.contentType } });

	constructor(
		private readonly state: Vos3000State,
		private readonly outPostUrl: () => string | undefined,
	) {}

	async push(baseUrl: string, page: string, body?: Record<string, unknown>): Promise<PushResult> {
		const pg = PUSH_PAGE_ALIASES[page] ?? page;
		const payload = body ?? examplePush(this.state, pg);
		const url = baseUrl.endsWith('/') ? baseUrl + pg : `${baseUrl}/${pg}`;
		const result = await this.outbox.post(url, JSON.stringify(payload));
		this.log.push({ page: pg, url, body: payload, result });
		return result;
	}

	/** Fire and forget (awaited by idle()); nothing when OUT_POST_URL is not set. */
	auto(page: string, body: Rec): void {
		const base = this.outPostUrl();
		if (base) void this.outbox.queue(() => this.push(base, page, body)).catch(() => undefined);
	}

	idle(): Promise<void> {
		return this.outbox.idle();
	}

	clear(): void {
		this.log.length = 0;
		this.outbox.clear();
	}

	/** Scripted IVR call, see IvrCallOptions. */
	async ivrCall(baseUrl: string, o: IvrCallOptions): Promise<Array<{ sent: unknown; answer: PushResult }>> {
		const accessE164 = o.accessE164 ?? SEED.accessE164;
		const flowNo = o.flowNo ?? ++this.state.seq.flowNo;
		const continueOn = o.continueOn ?? [0];
		const menus = o.dtmf.map((_, i) => o.menuNames?.[i] ?? `menu${i + 1}`);
		const steps: Array<{ sent: unknown; answer: PushResult }> = [];
		for (let i = 0; i < o.dtmf.length; i++) {
			const head = { flowNo, callerE164: o.callerE164, calleeE164: o.calleeE164 ?? accessE164, accessE164 };
			const sent = o.multiple
				? { ...head, infoDtmfs: o.dtmf.slice(0, i + 1).map((dtmf, j) => ({ menuName: menus[j], dtmf })) }
				: { ...head, menuName: menus[i], dtmf: o.dtmf[i] };
			const answer = await this.push(baseUrl, o.multiple ? 'PushDtmfInfos' : 'PushDtmfInfo', sent);
			steps.push({ sent, answer });
			const j = answer.json;
			if (answer.status !== 200 || !isObj(j) || typeof j.retCode !== 'number') break; // no usable answer: default flow
			if (!continueOn.includes(j.retCode)) break; // no branch for this code: default flow
		}
		return steps;
	}
}
