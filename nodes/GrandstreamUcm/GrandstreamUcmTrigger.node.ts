import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { pollUcm, ucmTriggerDescription } from '../ucm/trigger';
import { brand } from './GrandstreamUcm.node';

export class GrandstreamUcmTrigger implements INodeType {
	description: INodeTypeDescription = ucmTriggerDescription(brand);

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return pollUcm(this, brand);
	}
}
