import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { actionNodeParts } from '../shared/actionNode';
import { ucmPickers } from './pickers';
import { ucmLabels } from './labels';
import type { ActionFamily, CallOutcome, CredentialSource } from '../shared/execute';
import type { EndpointSpec } from '../shared/spec';
import { ucmCall, ucmConnection, ucmSessions, type UcmAnswer, type UcmConnection } from './protocol';
import type { UcmBrand } from './brands';

export { brandEndpoints, type UcmBrand } from './brands';

/**
 * What each node class states literally, so n8n's community lint can check it (icon, subtitle, tool use, credential
 * and its test): the shared builders leave these out.
 */
export type { StatedInNodeClass } from '../shared/actionNode';

/** The engine's view of a UCM answer: a file as binary, a text as one item, grouped CDR calls as the records. */
function callOutcome(answer: UcmAnswer): CallOutcome {
	switch (answer.kind) {
		case 'file':
			return { json: answer.json, binary: answer.file };
		case 'text':
			return { json: answer.json, single: true };
		case 'calls':
			return { json: answer.json, records: answer.calls };
		default:
			return { json: answer.json };
	}
}

export function ucmFamily(brand: UcmBrand): ActionFamily<UcmConnection> {
	return {
		endpoints: brand.endpoints,
		async connect(ctx: CredentialSource) {
			return ucmConnection(await ctx.getCredentials(brand.credentialName));
		},
		call: async (conn, endpoint, req) => callOutcome(await ucmCall(conn, endpoint, req.body, req.query)),
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

/** An action node of the brand (its entry in brands.ts), by node name: its description, execution and list searches. */
export function ucmActionNode(brand: UcmBrand, name: string) {
	const node = brand.actionNodes.find((n) => n.name === name);
	if (!node) throw new Error(`${brand.displayName}: no action node ${name}`);
	return { node, ...actionNodeParts(ucmFamily(brand), node, { labels: ucmLabels, pickers: brandPickers(brand) }) };
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

/** The node's credentialTest method for a brand (n8n calls it with the credential being edited). */
export function ucmCredentialTest(brand: UcmBrand) {
	const status = brand.endpoints.find((e) => e.wireAction === 'getSystemStatus');
	return async function (this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
		return testUcmCredential(credential.data ?? {}, status);
	};
}
