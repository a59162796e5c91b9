import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { parseAudioNames } from './ivr';

const TRIGGER_TYPE = /(^|\.)vos3000Trigger$/;

/**
 * Answers a VOS3000 IVR key-press report (PushDtmfInfo / PushDtmfInfos) through n8n's own response path (the
 * trigger's responseMode is "responseNode" while an IVR page is selected), so it works on any queue-mode worker.
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
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const report = ivrReport(this);
		const out: INodeExecutionData[] = [];
		let answered = false;
		for (let i = 0; i < items.length; i++) {
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
			// One report gets one answer: later items pass through untouched.
			let ivrAnswer: IDataObject = { ...answer, sent: false, outcome: 'already answered by an earlier item' };
			if (!answered) {
				answered = true;
				const deadline = Date.parse(String(report.ivrAnswerDeadline ?? ''));
				// Late is not an error: the trigger's process already sent the default answer, and drops this one.
				const late = Number.isFinite(deadline) && Date.now() >= deadline;
				await this.sendResponse({ body: answer, headers: { 'content-type': 'application/json; charset=utf-8' }, statusCode: 200 });
				ivrAnswer = late
					? { ...answer, sent: false, outcome: 'too late: the default answer had already gone back' }
					: { ...answer, sent: true, outcome: 'sent' };
			}
			out.push({ json: { ...items[i].json, ivrAnswer }, pairedItem: { item: i } });
		}
		return [out];
	}
}

/** The IVR report item of the VOS3000 Trigger that started this run (whatever the trigger is named). */
function ivrReport(ctx: IExecuteFunctions): IDataObject {
	const trigger = ctx.getParentNodes(ctx.getNode().name).find((n) => TRIGGER_TYPE.test(n.type));
	let item: IDataObject | undefined;
	if (trigger) {
		try {
			item = (ctx.getWorkflowDataProxy(0).$(trigger.name).first() as INodeExecutionData | undefined)?.json;
		} catch {
			item = undefined;
		}
	}
	if (!item?.ivrAnswerDeadline) {
		throw new NodeOperationError(ctx.getNode(), 'This run was not started by a VOS3000 IVR report: there is nothing to answer', {
			description: 'Put this node after a VOS3000 Trigger listening to IVR Key Press (PushDtmfInfo or PushDtmfInfos).',
		});
	}
	return item;
}
