import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeEndpoints } from '../shared/execute';
import { fibermeFcm630aBrand } from '../ucm/brands';
import { ucmCredentialTest, ucmDescription, ucmFamily, ucmListSearch, ucmSubtitle } from '../ucm/node';

// The brand's data lives in the UCM brand table; re-exported under the name existing imports use.
export const brand = fibermeFcm630aBrand;

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
