/**
 * Drives a polling trigger the way n8n's ActiveWorkflowManager does: one Workflow object for as long as the
 * workflow is active (its static data lives there between polls), n8n-core's real PollContext for each poll
 * (parameters, credentials through the credentials helper, static data, time zone, mode), and the node's poll()
 * called as TriggersAndPollers.runPoll calls it.
 */
import { mock } from 'jest-mock-extended';
import { PollContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeExecutionData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { testAdditionalData, testNodeTypes } from './run';

export interface Poller {
	/** One poll; `manual` is the editor's "Fetch Test Event". */
	poll(mode?: 'trigger' | 'manual'): Promise<INodeExecutionData[][] | null>;
	staticData(): IDataObject;
	logs: string[];
}

export function startPoller(
	type: string,
	parameters: IDataObject,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	timezone = 'UTC',
): Poller {
	const node: INode = {
		id: 'p',
		name: 'Poller',
		type: `n8n-nodes-pbx.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: Object.fromEntries(Object.keys(credentials).map((t) => [t, { id: t, name: t }])),
	};
	const nodeTypes = testNodeTypes();
	const workflow = new Workflow({ id: 'wpoll', nodes: [node], connections: {}, nodeTypes, active: true, settings: { timezone }, staticData: {} });
	const logs: string[] = [];
	return {
		logs,
		staticData: () => workflow.getStaticData('node', node),
		async poll(mode = 'trigger') {
			const additionalData: IWorkflowExecuteAdditionalData = testAdditionalData(credentials, mode);
			const ctx = new PollContext(workflow, node, additionalData, mode, 'activate');
			Object.defineProperty(ctx, 'logger', { value: { debug() {}, info() {}, error() {}, warn: (m: string) => logs.push(m) } });
			const nodeType = nodeTypes.getByNameAndVersion(node.type, 1);
			return nodeType.poll!.call(ctx);
		},
	};
}

export { mock };
