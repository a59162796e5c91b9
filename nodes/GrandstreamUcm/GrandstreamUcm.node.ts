import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeEndpoints } from '../shared/execute';
import { grandstreamUcmBrand } from '../ucm/brands';
import { ucmActionNode, ucmCredentialTest } from '../ucm/node';

// The brand's data lives in the UCM brand table; re-exported under the name existing imports use.
export const brand = grandstreamUcmBrand;

const parts = ucmActionNode(grandstreamUcmBrand, 'grandstreamUcm');

export class GrandstreamUcm implements INodeType {
	description: INodeTypeDescription = {
		...parts.description(),
		icon: 'file:grandstream.svg',
		subtitle: parts.subtitle,
		usableAsTool: true,
		credentials: [{ name: 'grandstreamUcmApi', required: true, testedBy: 'ucmApiTest' }],
	};

	methods = { credentialTest: { ucmApiTest: ucmCredentialTest(grandstreamUcmBrand) }, listSearch: parts.listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeEndpoints(this, parts.family);
	}
}
