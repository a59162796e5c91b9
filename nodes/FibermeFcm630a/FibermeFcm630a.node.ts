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
import { fibermeActions, ucmEndpoints } from '../ucm/spec';

const documented = new Set(fibermeActions.map((a) => a.toLowerCase()));

/** The UCM actions the FIBERME FCM630A manual documents. */
export const brand: UcmBrand = {
	name: 'fibermeFcm630a',
	displayName: 'FIBERME FCM630A',
	credentialName: 'fibermeFcm630aApi',
	icon: 'file:fiberme.svg',
	endpoints: ucmEndpoints.filter((e) => documented.has(String(e.wireAction ?? e.id).toLowerCase()) || (e.path && !e.wireAction)),
};

const family = ucmFamily(brand);

export class FibermeFcm630a implements INodeType {
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
