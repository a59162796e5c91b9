import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeEndpoints } from '../shared/execute';
import { brandEndpoints, ucmCredentialTest, ucmDescription, ucmFamily, ucmListSearch, ucmSubtitle, type UcmBrand } from '../ucm/node';
import { grandstreamActions } from '../ucm/spec';

/** The UCM actions the Grandstream UCM6xxx manual documents. */
export const brand: UcmBrand = {
	name: 'grandstreamUcm',
	displayName: 'Grandstream UCM',
	credentialName: 'grandstreamUcmApi',
	endpoints: brandEndpoints(grandstreamActions),
};

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
