import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeEndpoints } from '../shared/execute';
import { fibermeFcm630aBrand } from '../ucm/brands';
import { ucmActionNode, ucmCredentialTest } from '../ucm/node';

// The brand's data lives in the UCM brand table; re-exported under the name existing imports use.
export const brand = fibermeFcm630aBrand;

const parts = ucmActionNode(fibermeFcm630aBrand, 'fibermeFcm630a');

export class FibermeFcm630a implements INodeType {
	description: INodeTypeDescription = {
		...parts.description(),
		icon: 'file:fiberme.svg',
		subtitle: parts.subtitle,
		usableAsTool: true,
		credentials: [{ name: 'fibermeFcm630aApi', required: true, testedBy: 'ucmApiTest' }],
	};

	methods = { credentialTest: { ucmApiTest: ucmCredentialTest(fibermeFcm630aBrand) }, listSearch: parts.listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeEndpoints(this, parts.family);
	}
}
