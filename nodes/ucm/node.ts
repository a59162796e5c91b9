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
import { ucmPickers } from './pickers';
import { ucmLabels } from './labels';
import { listSearchMethods } from '../shared/pickers';
import { executeEndpoints, type ActionFamily, type CredentialSource } from '../shared/execute';
import type { EndpointSpec } from '../shared/spec';
import { ucmCall, ucmConnection, ucmSessions, type UcmConnection } from './protocol';
import { ucmEndpoints } from './spec';

/** A brand's view of the UCM API: the actions its manual documents. */
export interface UcmBrand {
	/** n8n node name, e.g. grandstreamUcm. */
	name: string;
	displayName: string;
	credentialName: string;
	icon: string;
	endpoints: EndpointSpec[];
}

export function ucmFamily(brand: UcmBrand): ActionFamily<UcmConnection> {
	return {
		endpoints: brand.endpoints,
		async connect(ctx: CredentialSource) {
			return ucmConnection(await ctx.getCredentials(brand.credentialName));
		},
		call: (conn, endpoint, req) => ucmCall(conn, endpoint, req.body, req.query),
		envelopeKeys: [],
		outcomeCheck: () => 'The PBX may or may not have acted on it: check the live calls (list bridged / unbridged channels) or the CDRs before repeating it.',
		secrets: (conn) => [conn.password, ucmSessions.peek(conn.sessionKey)?.cookie],
		// listUser/getUser carry each user's web session cookie.
		sessionOutputKeys: ['cookie'],
		sessionSecrets: (conn) => [ucmSessions.peek(conn.sessionKey)?.cookie],
		// The UCM refuses bursts (-45/-46/-57); its process-wide queue (queue.ts) decides what is really in flight.
		concurrency: 2,
	};
}

export function ucmDescription(brand: UcmBrand): INodeTypeDescription {
	return {
		displayName: brand.displayName,
		name: brand.name,
		icon: brand.icon as INodeTypeDescription['icon'],
		group: ['transform'],
		version: 1,
		subtitle: optionSubtitle('operation', brand.endpoints.map((e) => ({ value: e.id, name: e.action }))),
		description: `Manage a ${brand.displayName} IP-PBX over its HTTPS API: extensions, trunks, routes, queues, calls, CDRs, recordings and hotel features`,
		defaults: { name: brand.displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: brand.credentialName, required: true, testedBy: 'ucmApiTest' }],
		properties: describeEndpoints(brand.endpoints, { labels: ucmLabels, pickers: brandPickers(brand) }),
	};
}

/** The pickers whose list operation the brand's manual documents. */
function brandPickers(brand: UcmBrand) {
	return ucmPickers.filter((p) => brand.endpoints.some((e) => e.id === p.endpoint));
}

/** Logs in for real (challenge + login) and reads the system status. */
export async function testUcmCredential(creds: ICredentialDataDecryptedObject, statusEndpoint: EndpointSpec | undefined): Promise<INodeCredentialTestResult> {
	try {
		const conn = ucmConnection(creds);
		if (statusEndpoint) {
			const out = await ucmCall(conn, statusEndpoint, {}, {});
			const label = ['model_name', 'prog_version', 'part_number'].map((k) => (out.json as IDataObject)[k]).filter(Boolean).join(', ');
			return { status: 'OK', message: `Logged in${label ? `: ${label}` : ''}` };
		}
		return { status: 'OK', message: 'Logged in' };
	} catch (error) {
		const e = error as { message?: string; hint?: string };
		return { status: 'Error', message: [e.message ?? String(error), e.hint].filter(Boolean).join('. ') };
	}
}

/** The table entries a brand's manual documents (by action name). */
export function brandEndpoints(actions: string[]): EndpointSpec[] {
	const documented = new Set(actions.map((a) => a.toLowerCase()));
	return ucmEndpoints.filter((e) => documented.has(String(e.wireAction ?? e.id).toLowerCase()) || (e.path && !e.wireAction));
}

/** The action node class of a brand: the same code, the brand's own actions, names and credential. */
export function ucmNodeType(brand: UcmBrand): new () => INodeType {
	const family = ucmFamily(brand);
	const status = brand.endpoints.find((e) => e.wireAction === 'getSystemStatus');
	return class implements INodeType {
		description: INodeTypeDescription = ucmDescription(brand);

		methods = {
			credentialTest: {
				async ucmApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
					return testUcmCredential(credential.data ?? {}, status);
				},
			},
			listSearch: listSearchMethods(family, brandPickers(brand)),
		};

		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return executeEndpoints(this, family);
		}
	};
}
