import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { holdForAnswer } from '../shared/answers';
import { eventAction, optionSubtitle } from '../shared/describe';
import { normalizeReport } from '../shared/report';
import { ANSWER_WITH_WEBHOOK_RESPONSE, responseOf, sendJson, setupNotice, webhookTriggerOptions } from '../shared/webhook';
import { isIvrAnswer } from './ivr';
import { vos3000Events } from './events';
import {
	defaultIvrAnswer,
	holdsIvrAnswers,
	IVR_PAGES,
	readPush,
	REPORT_RECEIVED,
	VOS3000_RESPONSE_MODE,
} from './Vos3000TriggerHelpers';

export class Vos3000Trigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VOS3000 Trigger',
		name: 'vos3000Trigger',
		icon: 'file:vos3000.svg',
		group: ['trigger'],
		version: 1,
		subtitle: optionSubtitle('events', vos3000Events.map((e) => ({ value: e.key, name: eventAction(e.title, e.key).slice(3) })), true),
		// n8n shows a trigger's description as the header of the whole VOS3000 entry in the node panel.
		description:
			'Provision and bill on a VOS3000 softswitch, and start workflows on its pushed reports: phones online/offline, call states, balance changes, alarms and IVR key presses',
		defaults: { name: 'VOS3000 Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// n8n answers with webhook()'s webhookResponse; while an IVR page is selected the mode is 'responseNode'
				// (see VOS3000_RESPONSE_MODE), and webhook() answers the reports it does not hold itself.
				...ANSWER_WITH_WEBHOOK_RESPONSE,
				responseMode: VOS3000_RESPONSE_MODE,
				// isFullPath: n8n only routes a path with ":param" segments when it is a full path (stored without the
				// webhookId, which n8n puts in front of the URL itself): /webhook/<webhookId>/[<secret>/]<page>.
				isFullPath: true,
				path: '={{$parameter["pathSecret"] ? $parameter["pathSecret"] + "/:page" : ":page"}}',
			},
		],
		properties: [
			setupNotice(
				'On the VOS3000 server, set OUT_POST_URL in /home/kunshi/vos3000/etc/server.conf to the Production URL above without its last part ":page" (keep the trailing slash), run "vos3000d reload", then switch on what you need: system parameters EXTERNAL_WEB_SEND_PHONE_ONLINE (phones), EXTERNAL_CUSTOMER_MONEY_REPORT (balances), EXTERNAL_WEB_ALARM_CURRENT (alarms); "call state notification" on each phone (call states); IVR menus that push key presses (IVR).',
			),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['CallStateReport'],
				options: vos3000Events.map((e) => ({ name: e.title, value: e.key, description: e.description, action: eventAction(e.title, e.key) })),
				description: 'The reports that start this workflow. Others are acknowledged and ignored.',
			},
			{
				displayName:
					'Key-press reports wait for your answer: end the workflow with a "VOS3000 IVR Answer" node that sets retCode (the IVR branch) and audio names. Until it runs, the caller hears the IVR waiting.',
				name: 'ivrNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { events: IVR_PAGES } },
			},
			{
				displayName: 'Default IVR Answer Code',
				name: 'ivrDefaultRetCode',
				type: 'number',
				default: -1,
				displayOptions: { show: { events: IVR_PAGES } },
				description:
					'The retCode sent when the workflow fails or does not answer in time. A code with no branch in the IVR flow makes VOS3000 run its default flow.',
			},
			{
				displayName: 'Default IVR Audio Names',
				name: 'ivrDefaultAudioNames',
				type: 'string',
				default: '',
				displayOptions: { show: { events: IVR_PAGES } },
				description: 'Comma-separated audio names sent with the default answer (optional)',
			},
			{
				displayName: 'IVR Answer Time Limit (Ms)',
				name: 'ivrTimeoutMs',
				type: 'number',
				default: 3000,
				typeOptions: { minValue: 100 },
				displayOptions: { show: { events: IVR_PAGES } },
				description: 'How long the caller may wait for the workflow before the default answer goes back',
			},
			{
				displayName: 'Secret Path Segment',
				name: 'pathSecret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Pushes carry no authentication. A hard-to-guess segment here becomes part of the URL you give VOS3000; requests without it get 404.',
			},
			webhookTriggerOptions(),
		],
	};

	webhookMethods = {
		default: {
			// VOS3000 has no registration API: the push address lives in server.conf, set by the operator.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const push = readPush(this);
		if ('refusal' in push) return push.refusal;
		const { event, body, ip } = push;
		const page = event.key;
		const selected = this.getNodeParameter('events', []) as string[];
		const isIvr = event.answer === 'workflow';
		if (!selected.includes(page)) return { webhookResponse: isIvr ? defaultIvrAnswer(this) : REPORT_RECEIVED };
		const json: IDataObject = {
			event: page,
			eventTitle: event.title,
			...normalizeReport(body, event.fields),
			receivedAt: new Date().toISOString(),
			sourceIp: ip,
			raw: body,
		};
		const workflowData = [[{ json }]];
		if (!isIvr) {
			if (!holdsIvrAnswers(selected)) return { workflowData, webhookResponse: REPORT_RECEIVED };
			// 'responseNode' (an IVR page is selected too): n8n would answer only when the run ends, so answer now.
			sendJson(responseOf(this), 200, REPORT_RECEIVED);
			return { workflowData, noWebhookResponse: true };
		}
		const timeoutMs = (this.getNodeParameter('ivrTimeoutMs', 3000) as number) || 3000;
		json.ivrAnswerDeadline = new Date(Date.now() + timeoutMs).toISOString();
		const logger = this.logger;
		holdForAnswer(responseOf(this), {
			defaultBody: defaultIvrAnswer(this),
			timeoutMs,
			isAnswer: isIvrAnswer,
			onSettled: (outcome, elapsedMs) => logger.debug(`VOS3000 IVR report ${page} answered (${outcome}) after ${elapsedMs} ms`, { outcome, elapsedMs }),
		});
		// n8n holds the request open until the VOS3000 IVR Answer node (or the guard) answers it.
		return { workflowData };
	}
}
