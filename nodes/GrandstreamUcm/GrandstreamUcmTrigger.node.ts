import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { pollUcm, ucmTriggerDescription, ucmTriggerSubtitle } from '../ucm/trigger';
import { ucmCredentialTest } from '../ucm/node';
import { grandstreamUcmBrand as brand } from '../ucm/brands';

export class GrandstreamUcmTrigger implements INodeType {
	description: INodeTypeDescription = {
		...ucmTriggerDescription(brand),
		icon: 'file:grandstream.svg',
		subtitle: ucmTriggerSubtitle,
		credentials: [{ name: 'grandstreamUcmApi', required: true, testedBy: 'ucmApiTest' }],
	};

	methods = { credentialTest: { ucmApiTest: ucmCredentialTest(brand) } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return pollUcm(this, brand);
	}
}
