import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { PbxError } from '../shared/errors';
import { describeEndpoints, optionSubtitle } from '../shared/describe';
import { vos3000Pickers } from './pickers';
import { vos3000Labels } from './labels';
import { listSearchMethods } from '../shared/pickers';
import { executeEndpoints, type ActionFamily, type CredentialSource } from '../shared/execute';
import { TransportError } from '../shared/http';
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

/** A harmless read that proves the web access list admits this n8n. */
export async function testVos3000Credential(creds: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	try {
		await callVos3000(vos3000Connection(creds), '/external/server/GetSoftSwitch', {});
		return { status: 'OK', message: 'Connected: VOS3000 answered GetSoftSwitch' };
	} catch (error) {
		if (error instanceof PbxError && error.httpCode) return { status: 'Error', message: `${error.message}. ${error.hint ?? ''}`.trim() };
		if (error instanceof TransportError && error.kind === 'reset')
			return {
				status: 'Error',
				message:
					'VOS3000 closed the connection without answering. Most likely this n8n server\'s IP is not on the web access list (Interface management → Web access control, directory /external/server).',
			};
		return { status: 'Error', message: error instanceof Error ? error.message : String(error) };
	}
}

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
			async vos3000ApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				return testVos3000Credential(credential.data ?? {});
			},
		},
		listSearch: listSearchMethods(vos3000Family, vos3000Pickers),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeEndpoints(this, vos3000Family);
	}
}
