import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { sendHeldAnswer } from '../shared/answers';
import { parseAudioNames } from './Vos3000Trigger.node';

/**
 * Answers a VOS3000 IVR key-press report (PushDtmfInfo / PushDtmfInfos) held open by the VOS3000 Trigger.
 * n8n's own "Respond to Webhook" refuses to run behind a community trigger, hence this node.
 */
export class Vos3000IvrAnswer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VOS3000 IVR Answer',
		name: 'vos3000IvrAnswer',
		icon: 'file:vos3000.svg',
		group: ['output'],
		version: 1,
		subtitle: '={{"retCode " + $parameter["retCode"]}}',
		description: 'Tells a VOS3000 IVR where the caller goes next: the answer to a key-press report',
		defaults: { name: 'VOS3000 IVR Answer' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Not an AI tool: it answers the report that started this very workflow, which an agent cannot choose.
		properties: [
			{
				displayName: 'Return Code',
				name: 'retCode',
				type: 'number',
				default: 0,
				required: true,
				description: 'The retCode sent back: selects the branch of the IVR flow configured for this code',
			},
			{
				displayName: 'Audio Names',
				name: 'audioNames',
				type: 'string',
				default: '',
				description: 'Audio names handed to the IVR flow (comma-separated, or an array from an expression)',
			},
			{
				displayName: 'Answer ID',
				name: 'answerId',
				type: 'string',
				default: '={{ $json.ivrAnswerId ?? $("VOS3000 Trigger").first().json.ivrAnswerId }}',
				required: true,
				description: 'Which waiting report to answer: the ivrAnswerId of the VOS3000 Trigger item. Change the node name in the expression if you renamed the trigger.',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		const answered = new Set<string>();
		for (let i = 0; i < items.length; i++) {
			const id = String(this.getNodeParameter('answerId', i, '') ?? '');
			if (!id) throw new NodeOperationError(this.getNode(), 'No answer ID: this workflow was not started by a VOS3000 IVR report', { itemIndex: i });
			const retCode = this.getNodeParameter('retCode', i) as number;
			if (typeof retCode !== 'number' || !Number.isInteger(retCode)) {
				throw new NodeOperationError(this.getNode(), `Field "retCode" must be a whole number (item ${i})`, { itemIndex: i });
			}
			let audioNames: string[];
			try {
				audioNames = parseAudioNames(this.getNodeParameter('audioNames', i, ''));
			} catch {
				throw new NodeOperationError(this.getNode(), `Field "audioNames" is not a valid list (item ${i})`, { itemIndex: i });
			}
			const answer: IDataObject = { retCode };
			if (audioNames.length) answer.audioNames = audioNames;
			// One report gets one answer: later items for the same report pass through untouched.
			let sent = false;
			let outcome = 'already answered by an earlier item';
			if (!answered.has(id)) {
				answered.add(id);
				const result = sendHeldAnswer(id, answer);
				if (result === 'unknown') {
					throw new NodeOperationError(this.getNode(), `No VOS3000 IVR report is waiting for answer ID ${id}`, {
						itemIndex: i,
						description:
							'The report was answered already, or this n8n runs the workflow in another process than the one that received it (queue mode): IVR answers need the regular execution mode.',
					});
				}
				sent = result === 'sent';
				outcome = sent ? 'sent' : 'too late: the default answer had already gone back';
			}
			out.push({ json: { ...items[i].json, ivrAnswer: { ...answer, sent, outcome } }, pairedItem: { item: i } });
		}
		return [out];
	}
}
