import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { describeEndpoints, optionSubtitle } from '../shared/describe';
import { vos3000Pickers } from './pickers';
import { vos3000Labels } from './labels';
import { listSearchMethods } from '../shared/pickers';
import { executeEndpoints, type ActionFamily, type CredentialSource } from '../shared/execute';
import { testVos3000Credential, vos3000ApiTest } from './credentialTest';
import { callVos3000, vos3000Connection, vos3000OutcomeCheck, type Vos3000Connection } from './protocol';
import { vos3000Endpoints } from './spec';
import { findVos3000Applied } from './idempotency';

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

export { testVos3000Credential };

export class Vos3000 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VOS3000',
		name: 'vos3000',
		icon: 'file:vos3000.svg',
		group: ['transform'],
		version: 1,
		subtitle: optionSubtitle('operation', vos3000Endpoints.map((e) => ({ value: e.id, name: e.action }))),
		description: 'Provision and bill on a VOS3000 softswitch: accounts, phones, gateways, rates, packages, cards, calls and CDRs',
		defaults: { name: 'VOS3000' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'vos3000Api', required: true, testedBy: 'vos3000ApiTest' }],
		properties: describeEndpoints(vos3000Endpoints, { labels: vos3000Labels, pickers: vos3000Pickers }),
	};

	methods = {
		credentialTest: {
			vos3000ApiTest,
		},
		listSearch: listSearchMethods(vos3000Family, vos3000Pickers),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeEndpoints(this, vos3000Family);
	}
}
