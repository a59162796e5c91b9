/**
 * VOS3000 emulator, current calls (manual 3.21, 3.82): calls in progress, their CallStateReport pushes (4.5), the CDR
 * written when one ends, and the two demo calls.
 */
import { buildCdr, chargeCdr } from './billing';
import { clone, intList, notFound, publicRec, strList, optStr } from './fields';
import { CURRENT_CALL_DEFAULTS } from './tables';
import type { Rec, Vos3000Ctx, Vos3000Handler, Vos3000State } from './state';

export function newCurrentCall(callId: number, fields: Rec): Rec {
	const c = clone(CURRENT_CALL_DEFAULTS);
	Object.assign(c, { callCodec: 'G729', callerCodec: 'G729,PCMA', calleeCodec: 'G729,PCMA', callerLocalIp: '127.0.0.1:5060', calleeLocalIp: '127.0.0.1:5060' }, fields, { callId });
	return c;
}

/** 4.5 CallStateReport of a call (sent when its access phone has infoPhoneAdditional.callStateReport). */
export function reportCallState(ctx: Vos3000Ctx, call: Rec, callState: number): void {
	ctx.autoPush('CallStateReport', {
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

/** Hang-up: the call leaves the list; a connected call of an account gets its CDR and is charged. */
export function endCall(ctx: Vos3000Ctx, call: Rec, endDirection: number): void {
	const { state } = ctx;
	state.currentCalls.delete(call.callId as number);
	if (call._report) reportCallState(ctx, call, -13);
	if ((call._state as number) === 0 && call._account) {
		const hold = Math.max(1, Math.round((Date.now() - (call.connectedTime as number)) / 1000));
		const c = buildCdr(state, { flowNo: ++state.seq.flowNo, account: call._account as string, callerE164: call.callerE164 as string, calleeE164: call.calleeE164 as string, calleeGateway: call.calleeGatewayId as string, start: call.connectedTime as number, hold, calleeBilling: 0, billingMode: 0, endDirection, extra: call._transactionId ? { transactionId: call._transactionId } : undefined });
		chargeCdr(state, c);
	}
}

export function seedCurrentCalls(s: Vos3000State, now: number): void {
	s.currentCalls.set(1001, newCurrentCall(1001, { callerE164: '1001001', calleeE164: '8613800138000', callerGatewayId: '', calleeGatewayId: 'gw-route-cn', connectedTime: now - 125000, _state: 0, callerRtpIp: '192.168.1.101:10000', calleeRtpIp: '10.0.0.50:20000', callerTerminal: 'Yealink SIP-T21P_E2 52.84.0.15', calleeTerminal: 'Carrier CN SBC' }));
	s.currentCalls.set(1002, newCurrentCall(1002, { callerE164: '1002001', calleeE164: '14155550123', callerGatewayId: '', calleeGatewayId: 'gw-route-intl', connectedTime: now - 8000, _state: -5, callerRtpIp: '192.168.1.102:10002', calleeRtpIp: '10.0.0.60:20002', callerTerminal: 'Grandstream GXP1625', calleeTerminal: 'Carrier INTL SBC' }));
}

export const currentCallHandlers: Record<string, Vos3000Handler> = {
	// 3.21
	GetCurrentCall(b, { state }) {
		const callers = strList(b, 'callerE164s');
		const callees = strList(b, 'calleeE164s');
		const gm = optStr(b, 'gatewayMappingName');
		const gr = optStr(b, 'gatewayRoutingName');
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
	// 3.82
	DisconnectCurrentCall(b, ctx) {
		const { state } = ctx;
		const ids = intList(b, 'callIds') ?? [];
		const calls = ids.map((id) => state.currentCalls.get(id)).filter((c): c is Rec => !!c);
		if (!calls.length) throw notFound();
		for (const c of calls) {
			endCall(ctx, c, 2);
			if (c._callIdentifier) state.ivrCalls.delete(c._callIdentifier as string);
		}
		return {};
	},
};
