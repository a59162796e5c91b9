/** VOS3000 emulator, number conversion (manual 3.45, 3.79-3.81): per-phone caller/callee rewrites, and the demo one. */
import { assignStrings, clone, int, str, throwNotFound, optStr } from './fields';
import { phone } from './phone';
import type { Vos3000Handler, Vos3000State } from './state';
import { removeOrNotFound } from './records';

export function seedNumberConversions(s: Vos3000State): void {
	s.e164Converts.set(1, { id: 1, account: '1001', e164: '1001001', mappingGatewayCallerE164: '02112345678', routingGatewayCalleeE164: '861012345678', memo: 'office main line' });
}

export const numberConversionHandlers: Record<string, Vos3000Handler> = {
	// 3.45
	GetE164Convert(b, { state }) {
		const account = optStr(b, 'account');
		const e164 = optStr(b, 'e164');
		return { infoE164Converts: [...state.e164Converts.values()].filter((c) => (!account || c.account === account) && (!e164 || c.e164 === e164)).map(clone) };
	},
	// 3.79
	CreateE164Convert(b, { state }) {
		const e164 = str(b, 'e164');
		const p = phone(state, e164);
		const id = ++state.seq.e164Convert;
		state.e164Converts.set(id, { id, account: p.account, e164, mappingGatewayCallerE164: str(b, 'mappingGatewayCallerE164'), routingGatewayCalleeE164: str(b, 'routingGatewayCalleeE164'), memo: str(b, 'memo') });
		return { id };
	},
	// 3.80
	ModifyE164Convert(b, { state }) {
		const c = state.e164Converts.get(int(b, 'id')) ?? throwNotFound();
		assignStrings(c, b, ['mappingGatewayCallerE164', 'routingGatewayCalleeE164', 'memo']);
		return {};
	},
	// 3.81
	DeleteE164Convert: (b, { state }) => removeOrNotFound(state.e164Converts, int(b, 'id')),
};
