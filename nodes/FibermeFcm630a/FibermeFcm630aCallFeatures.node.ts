import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeEndpoints } from '../shared/execute';
import { fibermeFcm630aBrand } from '../ucm/brands';
import { ucmActionNode, ucmCredentialTest } from '../ucm/node';

const parts = ucmActionNode(fibermeFcm630aBrand, 'fibermeFcm630aCallFeatures');

/** Queues, paging/intercom groups and IVRs of a FIBERME FCM630A (the brand table splits the resources). */
export class FibermeFcm630aCallFeatures implements INodeType {
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
