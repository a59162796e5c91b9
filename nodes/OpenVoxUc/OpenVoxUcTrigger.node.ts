import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { eventAction, optionSubtitle } from '../shared/describe';
import { ResendFilter } from '../shared/dedupe';
import { withSafeKeys } from '../shared/normalize';
import { normalizeReport } from '../shared/report';
import { clientIp, ipAllowed, rawBodySize, rawBodyText, sendJson, type RawRequest, type RawResponse } from '../shared/webhook';
import { openVoxUcApiTest } from './credentialTest';
import { openVoxUcEvents, openVoxUcEventsFor } from './events';
import { Keeper } from './keeper';
import {
	registrationFor,
	openVoxUcConnection,
	openVoxUcLogin,
	openVoxUcRegistrations,
	openVoxUcSessionCall,
	openVoxUcSessions,
	type OpenVoxUcConnection,
} from './protocol';
import { liftParties, readReport, REPORT_LIMITS, reportIdentity } from './reports';

const OTHER = 'other';

/** Vendor spellings kept as sent, with a corrected alias beside them. */
const FIELD_ALIASES: Record<string, string> = { callduraction: 'callDuration', talkduraction: 'talkDuration' };
const ACTION_ALIASES: Record<string, string> = { Tranfer: 'Transfer', CallTransfer: 'Transfer' };

/** Resend memory per trigger (workflow and node) in this process; n8n gives nodes no store shared by processes. */
const resendFilters = new Map<string, ResendFilter>();

/**
 * The keep-alive of each active trigger in this process, by workflow and node. Only n8n's leader runs `trigger()`,
 * so only the leader has keepers.
 */
export const keepers = new Map<string, Keeper>();

/** Triggers whose activation login registered the address in this process, until the keeper takes over. */
const activated = new Map<string, string>();

/** Logins made for the editor's test URL ("Listen for test event"), kept apart from the shared session. */
const testSessions = new Map<string, { conn: OpenVoxUcConnection; token: string; url: string }>();

/**
 * Items of a test event, handed from webhook() to trigger(): n8n runs a test event through the trigger node's
 * `trigger()` in manual mode instead of passing the webhook's items on, in the process that received the event.
 */
const testEvents = new Map<string, INodeExecutionData[][]>();

function scopeOf(ctx: { getWorkflow(): { id?: string }; getNode(): { name: string } }): string {
	return `${ctx.getWorkflow().id}|${ctx.getNode().name}`;
}

/** The editor's test URL: registered in activation mode `manual`; removal is recognised by the URL it registered. */
function isTest(ctx: IHookFunctions): boolean {
	const url = ctx.getNodeWebhookUrl('default') ?? '';
	return ctx.getActivationMode() === 'manual' || url.includes('/webhook-test/') || testSessions.get(scopeOf(ctx))?.url === url;
}

async function logout(conn: OpenVoxUcConnection, token: string, logger?: { info(m: string): void }): Promise<void> {
	try {
		await openVoxUcSessionCall(conn, 'logout', token);
	} catch (error) {
		// The token may already be gone (PBX reboot, expiry): the session is over either way.
		logger?.info(`OpenVox UC Trigger: logout: ${(error as Error).message}`);
	}
}

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
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'report' }],
		properties: [
			{
				displayName:
					'On activation this node logs in to the PBX with this webhook as the report address and keeps the session alive (in n8n\'s main process); on deactivation it logs out. The PBX must reach n8n at the Production URL above (set WEBHOOK_URL behind NAT or a proxy). In queue mode, put that URL in the credential\'s Report URL. Turn on extension status monitoring on the PBX API page for extension and ringing reports.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
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
						placeholder: '192.0.2.10',
						description: 'Only these addresses (IPv4 CIDR ranges allowed) may post reports; others get 403. Empty: any address.',
					},
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
				],
			},
		],
	};

	methods = { credentialTest: { openVoxUcApiTest } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const scope = scopeOf(this);
				if (isTest(this)) return testSessions.get(scope)?.url === this.getNodeWebhookUrl('default');
				const keeper = keepers.get(scope);
				if (keeper) return keeper.state === 'registered';
				const sessionKey = activated.get(scope);
				return sessionKey !== undefined && openVoxUcSessions.peek(sessionKey) !== undefined;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const scope = scopeOf(this);
				const url = this.getNodeWebhookUrl('default')!;
				const conn = openVoxUcConnection(await this.getCredentials('openVoxUcApi'));
				const fail = (error: unknown) =>
					new NodeOperationError(this.getNode(), `Could not register with the PBX: ${(error as Error).message}`, {
						description: (error as { hint?: string }).hint,
					});
				if (isTest(this)) {
					// A login of its own: the shared session keeps the production address.
					try {
						const session = await openVoxUcLogin(conn, registrationFor(url));
						testSessions.set(scope, { conn, token: session.token, url });
					} catch (error) {
						throw fail(error);
					}
					return true;
				}
				// Kept with the workflow, so the keeper of a new leader knows the address too.
				this.getWorkflowStaticData('node').reportUrl = url;
				if (conn.reportUrl && conn.reportUrl !== url) {
					this.logger?.warn(`OpenVox UC Trigger: the credential's Report URL ${conn.reportUrl} is registered, not this trigger's ${url}`);
				}
				openVoxUcRegistrations.set(conn.sessionKey, registrationFor(conn.reportUrl ?? url));
				// At n8n's start every main process calls create; the leader's keeper logs in right after.
				if (this.getActivationMode() === 'init') return true;
				try {
					await openVoxUcSessions.fresh(conn.sessionKey, () => openVoxUcLogin(conn));
				} catch (error) {
					openVoxUcRegistrations.delete(conn.sessionKey);
					throw fail(error);
				}
				activated.set(scope, conn.sessionKey);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const scope = scopeOf(this);
				if (isTest(this)) {
					const test = testSessions.get(scope);
					testSessions.delete(scope);
					if (test) await logout(test.conn, test.token, this.logger);
					return true;
				}
				keepers.get(scope)?.stop();
				keepers.delete(scope);
				activated.delete(scope);
				resendFilters.delete(scope);
				delete this.getWorkflowStaticData('node').reportUrl;
				let conn: OpenVoxUcConnection;
				try {
					conn = openVoxUcConnection(await this.getCredentials('openVoxUcApi'));
				} catch (error) {
					// Without a usable credential there is no session of ours to end; the PBX drops it after 30 minutes.
					this.logger?.warn(`OpenVox UC Trigger: not logged out: ${(error as Error).message}`);
					return true;
				}
				openVoxUcRegistrations.delete(conn.sessionKey);
				const session = openVoxUcSessions.peek(conn.sessionKey);
				openVoxUcSessions.clear(conn.sessionKey);
				if (session) await logout(conn, session.token, this.logger);
				return true;
			},
		},
	};

	/**
	 * The keep-alive. n8n runs `trigger()` in its leader process only, and again in a new leader: so one keep-alive
	 * per workflow whatever the number of n8n processes, surviving a leader change. A one-second cron lets the
	 * keeper act when a heartbeat or a retry is due.
	 */
	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const scope = scopeOf(this);
		if (this.getMode() === 'manual') {
			// A test event: pass on the items webhook() just received (none if it came to another process).
			return {
				manualTriggerFunction: async () => {
					const items = testEvents.get(scope) ?? [[]];
					testEvents.delete(scope);
					this.emit(items);
				},
			};
		}
		const readConnection = async () => openVoxUcConnection(await this.getCredentials('openVoxUcApi'));
		const conn = await readConnection();
		const reportUrl = conn.reportUrl ?? (this.getWorkflowStaticData('node').reportUrl as string | undefined);
		if (!reportUrl) {
			throw new NodeOperationError(this.getNode(), 'No report address is known for this trigger', {
				description: "Set the Report URL in the OpenVox UC credential to this trigger's Production URL, or activate the workflow again.",
			});
		}
		const registration = registrationFor(reportUrl);
		openVoxUcRegistrations.set(conn.sessionKey, registration);
		keepers.get(scope)?.stop();
		const heartbeatSeconds = Number(this.getNodeParameter('options.heartbeatSeconds', 60)) || 60;
		const label = `OpenVox UC Trigger "${this.getNode().name}" (workflow ${this.getWorkflow().id})`;
		const keeper = new Keeper(conn, registration, { heartbeatMs: heartbeatSeconds * 1000 }, label, this.logger, readConnection);
		keepers.set(scope, keeper);
		activated.delete(scope);
		this.helpers.registerCron({ expression: '* * * * * *' }, () => void keeper.tick());
		void keeper.tick();
		return {
			// Shutdown or a leader change: stop beating, keep the registration (the next leader takes it over).
			closeFunction: async () => {
				keeper.stop();
				if (keepers.get(scope) === keeper) keepers.delete(scope);
			},
		};
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject() as unknown as RawRequest;
		const res = this.getResponseObject() as unknown as RawResponse;
		const refuse = (status: number, message: string): IWebhookResponseData => {
			sendJson(res, status, { status: 'Failed', message });
			return { noWebhookResponse: true };
		};
		const ip = clientIp(req);
		if (!ipAllowed(ip, (this.getNodeParameter('options.allowedIps', '') as string) ?? '')) {
			return refuse(403, `Source address ${ip} is not allowed to post reports here`);
		}
		if (rawBodySize(req) > REPORT_LIMITS.maxBytes) return refuse(413, `Report refused: the body is larger than ${REPORT_LIMITS.maxBytes} bytes`);
		const text = rawBodyText(req).trim();
		const reading = readReport(text);
		if (!reading.ok) return refuse(reading.status, reading.message);
		const { report, type } = reading;

		// Answer at once: the PBX re-sends reports it gets no 200 for.
		sendJson(res, 200, { status: 'Success' });

		const matches = openVoxUcEventsFor(type);
		const scope = scopeOf(this);
		let filter = resendFilters.get(scope);
		if (!filter) resendFilters.set(scope, (filter = new ResendFilter()));
		const id = reportIdentity(type, report, matches);
		const fresh =
			'identity' in id
				? filter.firstWithIdentity(id.identity, windowMs(this, 'duplicateWindowSeconds', 600))
				: filter.changesSubject(id.subject, text, windowMs(this, 'resendWindowSeconds', 30));
		if (!fresh) return { noWebhookResponse: true };

		const selected = this.getNodeParameter('events', []) as string[];
		const wanted = matches.length ? matches.some((e) => selected.includes(e.id)) : selected.includes(OTHER);
		if (!wanted) return { noWebhookResponse: true };

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
		if (this.getMode?.() === 'manual') testEvents.set(scope, workflowData);
		return { workflowData, noWebhookResponse: true };
	}
}

/** A window option in milliseconds; 0 turns the check off (every report is new). */
function windowMs(ctx: IWebhookFunctions, option: string, fallback: number): number {
	const v = Number(ctx.getNodeParameter(`options.${option}`, fallback));
	return Number.isFinite(v) && v > 0 ? v * 1000 : -1;
}
