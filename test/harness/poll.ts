/**
 * Drives a polling trigger the way n8n's ActiveWorkflowManager does: one Workflow object for as long as the
 * workflow is active (its static data lives there between polls), n8n-core's real PollContext for each poll
 * (parameters, credentials through the credentials helper, static data, time zone, mode), and the node's poll()
 * called as TriggersAndPollers.runPoll calls it.
 */
import { mock } from 'jest-mock-extended';
import { PollContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { testAdditionalData, testNodeTypes } from './run';

export interface Poller {
	/**
	 * One poll through this activation's PollContext (n8n 1.x builds one per activation and polls through it, the
	 * first poll during activation; 2.x's scheduled polls build one per poll). `manual` is the editor's "Fetch Test
	 * Event", a context of its own.
	 */
	poll(mode?: 'trigger' | 'manual'): Promise<INodeExecutionData[][] | null>;
	/** n8n restarted or the workflow was re-activated: a new PollContext, the saved static data kept. */
	reactivate(): void;
	staticData(): IDataObject;
	logs: string[];
}

export function startPoller(
	type: string,
	parameters: Record<string, unknown>,
	credentials: Record<string, Record<string, unknown>>,
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
	const context = (mode: 'trigger' | 'manual') => {
		const ctx = new PollContext(workflow, node, testAdditionalData(credentials, mode), mode, mode === 'manual' ? 'manual' : 'activate');
		Object.defineProperty(ctx, 'logger', { value: { debug() {}, info() {}, error() {}, warn: (m: string) => logs.push(m) } });
		return ctx;
	};
	let active = context('trigger');
	return {
		logs,
		staticData: () => workflow.getStaticData('node', node),
		reactivate() {
			active = context('trigger');
		},
		async poll(mode = 'trigger') {
			const nodeType = nodeTypes.getByNameAndVersion(node.type, 1);
			return nodeType.poll!.call(mode === 'manual' ? context('manual') : active);
		},
	};
}

export { mock };
