import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { pollUcm, ucmTriggerDescription, ucmTriggerSubtitle } from '../ucm/trigger';
import { ucmCredentialTest } from '../ucm/node';
import { fibermeFcm630aBrand as brand } from '../ucm/brands';

export class FibermeFcm630aTrigger implements INodeType {
	description: INodeTypeDescription = {
		...ucmTriggerDescription(brand),
		icon: 'file:fiberme.svg',
		subtitle: ucmTriggerSubtitle,
		credentials: [{ name: 'fibermeFcm630aApi', required: true, testedBy: 'ucmApiTest' }],
	};

	methods = { credentialTest: { ucmApiTest: ucmCredentialTest(brand) } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return pollUcm(this, brand);
	}
}
