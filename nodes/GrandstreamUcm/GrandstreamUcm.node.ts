import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeEndpoints } from '../shared/execute';
import { grandstreamUcmBrand } from '../ucm/brands';
import { ucmCredentialTest, ucmDescription, ucmFamily, ucmListSearch, ucmSubtitle } from '../ucm/node';

// The brand's data lives in the UCM brand table; re-exported under the name existing imports use.
export const brand = grandstreamUcmBrand;

const family = ucmFamily(brand);

export class GrandstreamUcm implements INodeType {
	description: INodeTypeDescription = {
		...ucmDescription(brand),
		icon: 'file:grandstream.svg',
		subtitle: ucmSubtitle(brand),
		usableAsTool: true,
		credentials: [{ name: 'grandstreamUcmApi', required: true, testedBy: 'ucmApiTest' }],
	};

	methods = { credentialTest: { ucmApiTest: ucmCredentialTest(brand) }, listSearch: ucmListSearch(brand, family) };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeEndpoints(this, family);
	}
}
