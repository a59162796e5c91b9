import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeEndpoints } from '../shared/execute';
import { brandEndpoints, ucmCredentialTest, ucmDescription, ucmFamily, ucmListSearch, ucmSubtitle, type UcmBrand } from '../ucm/node';
import { fibermeActions } from '../ucm/spec';

/** The UCM actions the FIBERME FCM630A manual documents. */
export const brand: UcmBrand = {
	name: 'fibermeFcm630a',
	displayName: 'FIBERME FCM630A',
	credentialName: 'fibermeFcm630aApi',
	endpoints: brandEndpoints(fibermeActions),
};

const family = ucmFamily(brand);

export class FibermeFcm630a implements INodeType {
	description: INodeTypeDescription = {
		...ucmDescription(brand),
		icon: 'file:fiberme.svg',
		subtitle: ucmSubtitle(brand),
		usableAsTool: true,
		credentials: [{ name: 'fibermeFcm630aApi', required: true, testedBy: 'ucmApiTest' }],
	};

	methods = { credentialTest: { ucmApiTest: ucmCredentialTest(brand) }, listSearch: ucmListSearch(brand, family) };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeEndpoints(this, family);
	}
}
