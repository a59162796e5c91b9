import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { describeEndpoints, optionSubtitle } from '../shared/describe';
import { openVoxUcPickers } from './pickers';
import { openVoxUcLabels } from './labels';
import { listSearchMethods } from '../shared/pickers';
import { executeEndpoints, type ActionFamily, type CredentialSource } from '../shared/execute';
import { openVoxUcCall, openVoxUcConnection, openVoxUcDownload, openVoxUcSessions, type OpenVoxUcConnection } from './protocol';
import { openVoxUcEndpoints } from './spec';
import { openVoxUcFamilySpec } from './family';
import { openVoxUcApiTest, testOpenVoxUcCredential } from './credentialTest';

const byId = new Map(openVoxUcEndpoints.map((e) => [e.id, e]));

export const openVoxUcFamily: ActionFamily<OpenVoxUcConnection> = {
	endpoints: openVoxUcEndpoints,
	async connect(ctx: CredentialSource) {
		return openVoxUcConnection(await ctx.getCredentials('openVoxUcApi'));
	},
	async call(conn, endpoint, req) {
		if (endpoint.binary && endpoint.uses) {
			const values = { ...req.body, ...req.query } as IDataObject;
			return openVoxUcDownload(conn, byId.get(endpoint.uses)!, endpoint, values);
		}
		// OpenVox UC has no 64-bit fields: its bodies never carry bigint values.
		return { json: await openVoxUcCall(conn, endpoint, req.body as IDataObject, req.query) };
	},
	envelopeKeys: ['status'],
	outcomeCheck: () =>
		'The PBX may or may not have acted on it: check the live calls (Call → Get Inbound / Get Outbound) or the CDRs before repeating it.',
	secrets: (conn) => [conn.passwordMd5, openVoxUcSessions.peek(conn.sessionKey)?.token],
	sessionOutputKeys: ['token'],
	sessionSecrets: (conn) => [conn.passwordMd5, openVoxUcSessions.peek(conn.sessionKey)?.token],
	concurrency: 4,
};

export { testOpenVoxUcCredential };

export class OpenVoxUc implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenVox UC',
		name: 'openVoxUc',
		icon: 'file:openvox.svg',
		group: ['transform'],
		version: 1,
		subtitle: optionSubtitle('operation', openVoxUcEndpoints.map((e) => ({ value: e.id, name: e.action }))),
		description: openVoxUcFamilySpec.actionNodes[0].description,
		defaults: { name: 'OpenVox UC' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'openVoxUcApi', required: true, testedBy: 'openVoxUcApiTest' }],
		properties: describeEndpoints(openVoxUcEndpoints, { labels: openVoxUcLabels, pickers: openVoxUcPickers }),
	};

	methods = {
		credentialTest: {
			openVoxUcApiTest,
		},
		listSearch: listSearchMethods(openVoxUcFamily, openVoxUcPickers),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeEndpoints(this, openVoxUcFamily);
	}
}
