import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { executeEndpoints } from '../shared/execute';
import { testUcmCredential, ucmDescription, ucmFamily, type UcmBrand } from '../ucm/node';
import { grandstreamActions, ucmEndpoints } from '../ucm/spec';

const documented = new Set(grandstreamActions.map((a) => a.toLowerCase()));

/** The UCM actions the Grandstream UCM6xxx manual documents. */
export const brand: UcmBrand = {
	name: 'grandstreamUcm',
	displayName: 'Grandstream UCM',
	credentialName: 'grandstreamUcmApi',
	icon: 'file:grandstream.svg',
	endpoints: ucmEndpoints.filter((e) => documented.has(String(e.wireAction ?? e.id).toLowerCase()) || (e.path && !e.wireAction)),
};

const family = ucmFamily(brand);

export class GrandstreamUcm implements INodeType {
	description: INodeTypeDescription = ucmDescription(brand);

	methods = {
		credentialTest: {
			async ucmApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				return testUcmCredential(credential.data ?? {}, brand.endpoints.find((e) => e.wireAction === 'getSystemStatus'));
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeEndpoints(this, family);
	}
}
