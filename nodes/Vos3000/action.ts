import { actionNodeParts } from '../shared/actionNode';
import type { ActionFamily, CredentialSource } from '../shared/execute';
import { vos3000FamilySpec } from './family';
import { findVos3000Applied } from './idempotency';
import { vos3000Labels } from './labels';
import { vos3000Pickers } from './pickers';
import { callVos3000, vos3000Connection, vos3000OutcomeCheck, type Vos3000Connection } from './protocol';
import { vos3000Endpoints } from './spec';

/** The whole table on the one VOS3000 credential; each action node runs its own part of it. */
export const vos3000Family: ActionFamily<Vos3000Connection> = {
	endpoints: vos3000Endpoints,
	async connect(ctx: CredentialSource) {
		return vos3000Connection(await ctx.getCredentials('vos3000Api'));
	},
	async call(conn, endpoint, req) {
		return { json: await callVos3000(conn, endpoint.path!, req.body) };
	},
	envelopeKeys: ['retCode', 'exception'],
	outcomeCheck: vos3000OutcomeCheck,
	secrets: () => [],
	concurrency: 8,
	findApplied: findVos3000Applied,
	pbxIdentity: (conn) => conn.transport.origin,
};

/** An action node of the family table (nodes/Vos3000/family.ts), by its node name. */
export function vos3000ActionNode(name: string) {
	const node = vos3000FamilySpec.actionNodes.find((n) => n.name === name);
	if (!node) throw new Error(`VOS3000: no action node ${name}`);
	return { node, ...actionNodeParts(vos3000Family, node, { labels: vos3000Labels, pickers: vos3000Pickers }) };
}
