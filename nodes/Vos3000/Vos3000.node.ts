import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeEndpoints } from '../shared/execute';
import { testVos3000Credential, vos3000ApiTest } from './credentialTest';
import { vos3000ActionNode } from './action';

export { vos3000Family } from './action';
export { testVos3000Credential };

const parts = vos3000ActionNode('vos3000');

export class Vos3000 implements INodeType {
	description: INodeTypeDescription = {
		...parts.description(),
		icon: 'file:vos3000.svg',
		subtitle: parts.subtitle,
		usableAsTool: true,
		credentials: [{ name: 'vos3000Api', required: true, testedBy: 'vos3000ApiTest' }],
	};

	methods = { credentialTest: { vos3000ApiTest }, listSearch: parts.listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeEndpoints(this, parts.family);
	}
}
