import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { pollUcm, ucmTriggerDescription } from '../ucm/trigger';
import { brand } from './FibermeFcm630a.node';

export class FibermeFcm630aTrigger implements INodeType {
	description: INodeTypeDescription = ucmTriggerDescription(brand);

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return pollUcm(this, brand);
	}
}
