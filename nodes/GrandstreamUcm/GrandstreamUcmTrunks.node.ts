import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeEndpoints } from '../shared/execute';
import { grandstreamUcmBrand } from '../ucm/brands';
import { ucmActionNode, ucmCredentialTest } from '../ucm/node';

const parts = ucmActionNode(grandstreamUcmBrand, 'grandstreamUcmTrunks');

/** Trunks and call routes of a Grandstream UCM (the brand table splits the resources). */
export class GrandstreamUcmTrunks implements INodeType {
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
