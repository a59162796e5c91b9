/** VOS3000 emulator, IP limits (manual 3.86-3.87): the IP ranges of the access list, and the demo one. */
import { alreadyExists, int, invalid, str, strList } from './fields';
import type { Vos3000Handler, Vos3000State } from './state';
import { removeEach } from './records';

export function seedIpLimits(s: Vos3000State): void {
	s.ipLimits.set('203.0.113.0', { area: 'Test net', ip: '203.0.113.0', count: 256, memo: 'documentation range' });
}

export const ipLimitHandlers: Record<string, Vos3000Handler> = {
	// 3.86
	CreateIpLimit(b, { state }) {
		const ip = str(b, 'ip');
		if (!/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(ip)) throw invalid('Invalid parameter ip: expected an IPv4 address such as 1.1.1.1');
		if (state.ipLimits.has(ip)) throw alreadyExists('IP limit', ip);
		state.ipLimits.set(ip, { area: str(b, 'area', ''), ip, count: int(b, 'count', 1), memo: str(b, 'memo', '') });
		return {};
	},
	// 3.87 (ips: one String; a comma-separated list is accepted)
	DeleteIpLimit: (b, { state }) => removeEach(state.ipLimits, strList(b, 'ips')),
};
