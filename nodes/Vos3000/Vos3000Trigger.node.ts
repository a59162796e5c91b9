import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { holdForAnswer, type GuardedResponse } from '../shared/answers';
import { eventAction, optionSubtitle } from '../shared/describe';
import { JsonLimitError } from '../shared/errors';
import { renameProtoKeys } from '../shared/normalize';
import { normalizeReport } from '../shared/report';
import { parseWireJson } from '../shared/json';
import { isIvrAnswer, parseAudioNames } from './ivr';
import { clientIp, ipAllowed, rawBodyText, sendJson, type RawRequest, type RawResponse } from '../shared/webhook';
import { vos3000Events } from './events';

/** Report bodies are small flat objects (the deepest, AlarmCurrentReport, nests 2 levels). */
const MAX_REPORT_DEPTH = 32;
const MAX_REPORT_BYTES = 256 * 1024;

const IVR_PAGES = vos3000Events.filter((e) => e.answer === 'workflow').map((e) => e.key);

/** Page name from the URL: "CallStateReport", "CallStateReport.jsp" (configurable suffix), any case. */
export function pageFromPath(segment: string): string | undefined {
	const bare = decodeURIComponent(segment).replace(/\.[A-Za-z0-9]+$/, '');
	return vos3000Events.find((e) => e.key.toLowerCase() === bare.toLowerCase())?.key;
}

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
				// IVR answers come from a later node through n8n's own response path (works from queue-mode workers);
				// every other report is acknowledged by webhook() itself (noWebhookResponse).
				responseMode: 'responseNode',
				// isFullPath: n8n only routes a path with ":param" segments when it is a full path (stored without the
				// webhookId, which n8n puts in front of the URL itself): /webhook/<webhookId>/[<secret>/]<page>.
				isFullPath: true,
				path: '={{$parameter["pathSecret"] ? $parameter["pathSecret"] + "/:page" : ":page"}}',
			},
		],
		properties: [
			{
				displayName:
					'On the VOS3000 server, set OUT_POST_URL in /home/kunshi/vos3000/etc/server.conf to the Production URL above without its last part ":page" (keep the trailing slash), run "vos3000d reload", then switch on what you need: system parameters EXTERNAL_WEB_SEND_PHONE_ONLINE (phones), EXTERNAL_CUSTOMER_MONEY_REPORT (balances), EXTERNAL_WEB_ALARM_CURRENT (alarms); "call state notification" on each phone (call states); IVR menus that push key presses (IVR).',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
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
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Allowed Source IPs',
						name: 'allowedIps',
						type: 'string',
						default: '',
						placeholder: '203.0.113.10, 198.51.100.0/24',
						description: 'Only these addresses (IPv4 CIDR ranges allowed) may push; others get 403 and start nothing. Empty: any address.',
					},
				],
			},
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
		const req = this.getRequestObject() as unknown as RawRequest;
		const res = this.getResponseObject() as unknown as RawResponse;
		const refuse = (status: number, exception: string): IWebhookResponseData => {
			sendJson(res, status, { retCode: -1, exception });
			return { noWebhookResponse: true };
		};
		const ip = clientIp(req);
		if (!ipAllowed(ip, (this.getNodeParameter('options.allowedIps', '') as string) ?? '')) {
			return refuse(403, `Source address ${ip} is not allowed to push reports here`);
		}
		const segment = String((this.getParamsData() as IDataObject).page ?? '');
		const page = pageFromPath(segment);
		if (!page) {
			return refuse(404, `Unknown report page "${segment}". Expected one of: ${vos3000Events.map((e) => e.key).join(', ')}`);
		}
		const text = rawBodyText(req);
		if (!text.trim()) return refuse(400, `Empty body for ${page}`);
		let body: unknown;
		try {
			// Exact: flowNo and other Java longs beyond 2^53 stay exact (as strings), as in action answers.
			body = parseWireJson(text, { limits: { maxDepth: MAX_REPORT_DEPTH, maxBytes: MAX_REPORT_BYTES } });
		} catch (error) {
			if (error instanceof JsonLimitError) return refuse(error.limit === 'size' ? 413 : 400, `${page} refused: ${error.message}`);
			return refuse(400, `Malformed JSON for ${page}: ${(error as Error).message}`);
		}
		if (!body || typeof body !== 'object' || Array.isArray(body)) return refuse(400, `The ${page} body must be a JSON object`);
		// raw stays untouched except "__proto__", which would otherwise vanish into the prototype in n8n's copies.
		body = renameProtoKeys(body);

		const event = vos3000Events.find((e) => e.key === page)!;
		const selected = this.getNodeParameter('events', []) as string[];
		const isIvr = event.answer === 'workflow';
		const defaultAnswer = (): IDataObject => {
			const answer: IDataObject = { retCode: this.getNodeParameter('ivrDefaultRetCode', -1) as number };
			const names = parseAudioNames(this.getNodeParameter('ivrDefaultAudioNames', ''));
			if (names.length) answer.audioNames = names;
			return answer;
		};
		if (!selected.includes(page)) {
			sendJson(res, 200, isIvr ? defaultAnswer() : { retCode: 0 });
			return { noWebhookResponse: true };
		}
		const json: IDataObject = {
			event: page,
			eventTitle: event.title,
			...normalizeReport(body as IDataObject, event.fields),
			receivedAt: new Date().toISOString(),
			sourceIp: ip,
			raw: body as IDataObject,
		};
		if (!isIvr) {
			sendJson(res, 200, { retCode: 0 });
			return { workflowData: [[{ json }]], noWebhookResponse: true };
		}
		const timeoutMs = (this.getNodeParameter('ivrTimeoutMs', 3000) as number) || 3000;
		json.ivrAnswerDeadline = new Date(Date.now() + timeoutMs).toISOString();
		const logger = this.logger;
		holdForAnswer(res as unknown as GuardedResponse, {
			defaultBody: defaultAnswer(),
			timeoutMs,
			isAnswer: isIvrAnswer,
			onSettled: (outcome, elapsedMs) => logger.debug(`VOS3000 IVR report ${page} answered (${outcome}) after ${elapsedMs} ms`, { outcome, elapsedMs }),
		});
		// n8n holds the request open until the VOS3000 IVR Answer node (or the guard) answers it.
		return { workflowData: [[{ json }]] };
	}
}
