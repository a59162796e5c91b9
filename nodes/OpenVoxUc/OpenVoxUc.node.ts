import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { describeEndpoints, optionSubtitle } from '../shared/describe';
import { openVoxUcPickers } from './pickers';
import { openVoxUcLabels } from './labels';
import { listSearchMethods } from '../shared/pickers';
import { executeEndpoints, type ActionFamily, type CredentialSource } from '../shared/execute';
import { ucCall, ucConnection, ucDownload, ucSessions, type UcConnection } from './protocol';
import { openVoxUcEndpoints } from './spec';

const byId = new Map(openVoxUcEndpoints.map((e) => [e.id, e]));

export const openVoxUcFamily: ActionFamily<UcConnection> = {
	endpoints: openVoxUcEndpoints,
	async connect(ctx: CredentialSource) {
		return ucConnection(await ctx.getCredentials('openVoxUcApi'));
	},
	async call(conn, endpoint, req) {
		if (endpoint.binary && endpoint.uses) {
			const values = { ...req.body, ...req.query } as IDataObject;
			return ucDownload(conn, byId.get(endpoint.uses)!, endpoint, values);
		}
		// OpenVox UC has no 64-bit fields: its bodies never carry bigint values.
		return { json: await ucCall(conn, endpoint, req.body as IDataObject, req.query) };
	},
	envelopeKeys: ['status'],
	outcomeCheck: () =>
		'The PBX may or may not have acted on it: check the live calls (Call → Get Inbound / Get Outbound) or the CDRs before repeating it.',
	secrets: (conn) => [conn.passwordMd5, ucSessions.peek(conn.sessionKey)?.token],
	sessionOutputKeys: ['token'],
	sessionSecrets: (conn) => [conn.passwordMd5, ucSessions.peek(conn.sessionKey)?.token],
	concurrency: 4,
};

/** Logs in (a real login, shared with later actions) and reads the device info. */
export async function testOpenVoxUcCredential(creds: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	try {
		const conn = ucConnection(creds);
		const info = await ucCall(conn, byId.get('queryDeviceInfo')!, {});
		const dev = (info.deviceinfo ?? {}) as IDataObject;
		const label = [dev.devicename, dev.firmwarever].filter(Boolean).join(', ');
		return { status: 'OK', message: `Logged in${label ? `: ${label}` : ''}` };
	} catch (error) {
		const e = error as { message?: string; hint?: string };
		return { status: 'Error', message: [e.message ?? String(error), e.hint].filter(Boolean).join('. ') };
	}
}

export class OpenVoxUc implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenVox UC',
		name: 'openVoxUc',
		icon: 'file:openvox.svg',
		group: ['transform'],
		version: 1,
		subtitle: optionSubtitle('operation', openVoxUcEndpoints.map((e) => ({ value: e.id, name: e.action }))),
		description:
			'Manage an OpenVox UC IP-PBX (Yeastar S-Series API): extensions, trunks, routes, queues, IVR, calls, recordings, voicemail, CDRs and hotel features',
		defaults: { name: 'OpenVox UC' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'openVoxUcApi', required: true, testedBy: 'openVoxUcApiTest' }],
		properties: describeEndpoints(openVoxUcEndpoints, { labels: openVoxUcLabels, pickers: openVoxUcPickers }),
	};

	methods = {
		credentialTest: {
			async openVoxUcApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				return testOpenVoxUcCredential(credential.data ?? {});
			},
		},
		listSearch: listSearchMethods(openVoxUcFamily, openVoxUcPickers),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeEndpoints(this, openVoxUcFamily);
	}
}
