/**
 * Shared pieces of the exactly-once tests: sample parameters for any endpoint (required fields only, so the
 * node's validation passes), and the request matchers the fault proxy and the emulators' logs use.
 */
import { paramName, resourceValue } from '../../nodes/shared/describe';
import type { EndpointSpec, FieldSpec } from '../../nodes/shared/spec';
import type { ProxiedRequest } from '../emulators/faultProxy';

function sampleValue(f: FieldSpec): unknown {
	if (f.options?.length) return f.options[0].value;
	switch (f.type) {
		case 'integer':
		case 'long':
		case 'number':
			return f.list ? '1' : 1;
		case 'boolean':
			return true;
		default:
			return '1001';
	}
}

/** Node parameters that select `e` and fill its required fields with plausible values. */
export function sampleParameters(e: EndpointSpec, extra: Record<string, unknown> = {}): Record<string, unknown> {
	const p: Record<string, unknown> = { resource: resourceValue(e.resource), operation: e.id };
	for (const f of e.fields) if (f.required && !f.internal) p[paramName(f)] = sampleValue(f);
	return { ...p, ...extra };
}

/** The proxy sees the operation's own request (not a login or a lookup). */
export const requestOf = {
	vos3000: (e: EndpointSpec) => (r: ProxiedRequest) => r.path === e.path,
	openVoxUc: (e: EndpointSpec) => (r: ProxiedRequest) => r.path.split('?')[0].endsWith(`/${e.path}`),
	ucm: (e: EndpointSpec) => (r: ProxiedRequest) => {
		try {
			return (JSON.parse(r.body) as { request?: { action?: string } }).request?.action === (e.wireAction ?? e.id);
		} catch {
			return false;
		}
	},
};

export const moneyOrCall = (eps: EndpointSpec[]) => eps.filter((e) => !e.hidden && (e.effect === 'money' || e.effect === 'call'));
