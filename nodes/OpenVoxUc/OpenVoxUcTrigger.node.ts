import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, INodeType, INodeTypeDescription, ITriggerFunctions, ITriggerResponse, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { eventAction, optionSubtitle } from '../shared/describe';
import { withSafeKeys } from '../shared/normalize';
import { normalizeReport } from '../shared/report';
import { ANSWER_WITH_WEBHOOK_RESPONSE, setupNotice, webhookTriggerOptions } from '../shared/webhook';
import { openVoxUcApiTest } from './credentialTest';
import { openVoxUcEvents, openVoxUcEventsFor } from './events';
import { liftParties } from './reports';
import {
	isResend,
	keepTestEvent,
	readPush,
	registerReportAddress,
	releaseReportAddress,
	REPORT_RECEIVED,
	reportAddressRegistered,
	startKeepAlive,
} from './OpenVoxUcTriggerHelpers';

const OTHER = 'other';

/** Vendor spellings kept as sent, with a corrected alias beside them. */
const FIELD_ALIASES: Record<string, string> = { callduraction: 'callDuration', talkduraction: 'talkDuration' };
const ACTION_ALIASES: Record<string, string> = { Tranfer: 'Transfer', CallTransfer: 'Transfer' };

export class OpenVoxUcTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenVox UC Trigger',
		name: 'openVoxUcTrigger',
		icon: 'file:openvox.svg',
		group: ['trigger'],
		version: 1,
		subtitle: optionSubtitle('events', openVoxUcEvents.map((e) => ({ value: e.id, name: e.title })), true),
		// n8n shows a trigger's description as the header of the whole OpenVox UC entry in the node panel.
		description:
			'Manage an OpenVox UC IP-PBX, and start workflows on its reports: calls ringing, answered, ended, new CDRs, extension status, transfers, boot',
		defaults: { name: 'OpenVox UC Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openVoxUcApi', required: true, testedBy: 'openVoxUcApiTest' }],
		// n8n answers every accepted report with webhook()'s webhookResponse, on receipt (before the run ends).
		webhooks: [{ name: 'default', httpMethod: 'POST', ...ANSWER_WITH_WEBHOOK_RESPONSE, path: 'report' }],
		properties: [
			setupNotice(
				'On activation this node logs in to the PBX with this webhook as the report address and keeps the session alive (in n8n\'s main process); on deactivation it logs out. The PBX must reach n8n at the Production URL above (set WEBHOOK_URL behind NAT or a proxy). In queue mode, put that URL in the credential\'s Report URL. Turn on extension status monitoring on the PBX API page for extension and ringing reports.',
			),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['newCdr'],
				options: [
					...openVoxUcEvents.map((e) => ({ name: e.title, value: e.id, description: e.description, action: eventAction(e.title) })),
					{ name: 'Any Other Report', value: OTHER, description: 'Reports whose action the manual does not list (newer firmware)', action: eventAction('Any Other Report') },
				],
			},
			webhookTriggerOptions(
				{
					displayName: 'Heartbeat Interval (Seconds)',
					name: 'heartbeatSeconds',
					type: 'number',
					default: 60,
					typeOptions: { minValue: 1 },
					description:
						'How often to renew the 30-minute session and the report registration. After a PBX restart, reports resume within about this time.',
				},
				{
					displayName: 'Duplicate Window (Seconds)',
					name: 'duplicateWindowSeconds',
					type: 'number',
					default: 600,
					typeOptions: { minValue: 0 },
					description:
						'A call report (same call ID, type and parties) or a call record (same call ID) seen again within this time is a resend: answered, not run again. 0 turns this off.',
				},
				{
					displayName: 'Resend Window (Seconds)',
					name: 'resendWindowSeconds',
					type: 'number',
					default: 30,
					typeOptions: { minValue: 0 },
					description:
						'A report without an ID (extension status, boot) that repeats the last one about the same extension or PBX within this time is a resend. A change in between always counts. 0 turns this off.',
				},
			),
		],
	};

	methods = { credentialTest: { openVoxUcApiTest } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return reportAddressRegistered(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return registerReportAddress(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return releaseReportAddress(this);
			},
		},
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return startKeepAlive(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const push = readPush(this);
		if ('refusal' in push) return push.refusal;
		const { report, type, ip } = push;
		const matches = openVoxUcEventsFor(type);
		// A resend or an unselected report is answered all the same: the PBX re-sends what it gets no 200 for.
		if (isResend(this, push, matches)) return { webhookResponse: REPORT_RECEIVED };
		const selected = this.getNodeParameter('events', []) as string[];
		const wanted = matches.length ? matches.some((e) => selected.includes(e.id)) : selected.includes(OTHER);
		if (!wanted) return { webhookResponse: REPORT_RECEIVED };

		const json: IDataObject = {
			event: type,
			eventIds: matches.map((e) => e.id),
			...normalizeReport(liftParties(report), matches.flatMap((e) => e.fields)),
		};
		if (ACTION_ALIASES[type]) json.eventName = ACTION_ALIASES[type];
		for (const [vendor, alias] of Object.entries(FIELD_ALIASES)) if (json[vendor] !== undefined) json[alias] = json[vendor];
		json.receivedAt = new Date().toISOString();
		json.sourceIp = ip;
		json.raw = withSafeKeys(report) as IDataObject;
		const workflowData = [[{ json }]];
		keepTestEvent(this, workflowData);
		return { workflowData, webhookResponse: REPORT_RECEIVED };
	}
}
