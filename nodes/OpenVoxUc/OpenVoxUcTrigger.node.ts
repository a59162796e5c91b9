import { createHash } from 'node:crypto';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	Logger,
} from 'n8n-workflow';
import { eventAction, optionSubtitle } from '../shared/describe';
import { LoginRefusedError } from '../shared/errors';
import { LenientJsonError, parseJsonKeepingDuplicates } from '../shared/lenientJson';
import { normalizeReport } from '../shared/report';
import { clientIp, ipAllowed, rawBodyText, sendJson, type RawRequest, type RawResponse } from '../shared/webhook';
import { openVoxUcEvents } from './events';
import {
	ucConnection,
	ucLogin,
	ucRegistrations,
	ucSessionCall,
	ucSessions,
	type ReportRegistration,
	type UcConnection,
	type UcSession,
} from './protocol';

const OTHER = 'other';

/** Hashes of reports seen lately, per trigger: the PBX re-sends a report it did not get a 200 for. */
const recentReports = new Map<string, Map<string, number>>();

/** Vendor spellings kept as sent, with a corrected alias beside them. */
const FIELD_ALIASES: Record<string, string> = { callduraction: 'callDuration', talkduraction: 'talkDuration' };
const ACTION_ALIASES: Record<string, string> = { Tranfer: 'Transfer' };

/** The report address a trigger registers: the webhook URL as host:port/path (urltag 1 = absolute address). */
export function registrationFor(webhookUrl: string): ReportRegistration & { ipaddr: string } {
	const u = new URL(webhookUrl);
	const port = u.port || (u.protocol === 'https:' ? '443' : '80');
	return { url: `${u.hostname}:${port}${u.pathname}`, port, urltag: '1', version: '1.0.2', ipaddr: u.hostname };
}

interface Keeper {
	conn: UcConnection;
	session: UcSession;
	registration: ReportRegistration & { ipaddr: string };
	timer: ReturnType<typeof setInterval>;
	beats: number;
	reRegistrations: number;
	stopped: boolean;
}

/**
 * One keeper per active trigger (workflow, node, URL) in this process: heartbeats keep the token and the report
 * registration alive; a failed heartbeat re-registers with a new login. A refused login stops it (lockout risk).
 * A timer in the process rather than trigger() + registerCron: n8n runs a node that has trigger() through
 * executeTriggerNode when a test webhook fires, which would drop the webhook's data.
 */
export const keepers = new Map<string, Keeper>();

function keeperKey(ctx: IHookFunctions): string {
	return `${ctx.getWorkflow().id}|${ctx.getNode().name}|${ctx.getNodeWebhookUrl('default')}`;
}

async function beat(k: Keeper, logger?: Logger): Promise<void> {
	if (k.stopped) return;
	try {
		// Actions share the token; if one of them logged in again, beat with the newest.
		k.session = ucSessions.peek(k.conn.sessionKey) ?? k.session;
		await ucSessionCall(k.conn, 'heartbeat', k.session.token, {
			ipaddr: k.registration.ipaddr,
			port: k.registration.port,
			url: k.registration.url,
			urltag: k.registration.urltag,
		});
		k.beats++;
	} catch (error) {
		if (k.stopped) return;
		try {
			k.session = await ucSessions.fresh(k.conn.sessionKey, () => ucLogin(k.conn, k.registration));
			k.reRegistrations++;
			logger?.info(`OpenVox UC Trigger: heartbeat failed (${(error as Error).message}); registered again`);
		} catch (loginError) {
			logger?.error(`OpenVox UC Trigger: could not register again: ${(loginError as Error).message}`);
			if (loginError instanceof LoginRefusedError) {
				k.stopped = true;
				clearInterval(k.timer);
			}
		}
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
		credentials: [{ name: 'openVoxUcApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'report' }],
		properties: [
			{
				displayName:
					'On activation this node logs in to the PBX with this webhook as the report address and keeps the session alive; on deactivation it logs out. The PBX must reach n8n at the Production URL above (set WEBHOOK_URL behind NAT or a proxy). Turn on extension status monitoring on the PBX API page for extension and ringing reports.',
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
						default: 300,
						typeOptions: { minValue: 1 },
						description: 'How often to renew the 30-minute session and the report registration',
					},
					{
						displayName: 'Duplicate Window (Seconds)',
						name: 'duplicateWindowSeconds',
						type: 'number',
						default: 600,
						typeOptions: { minValue: 0 },
						description: 'A report identical to one received within this time is a resend: answered, not run again. 0 turns this off.',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const k = keepers.get(keeperKey(this));
				return k !== undefined && !k.stopped;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const key = keeperKey(this);
				const conn = ucConnection(await this.getCredentials('openVoxUcApi'));
				const registration = registrationFor(this.getNodeWebhookUrl('default')!);
				let session: UcSession;
				try {
					ucRegistrations.set(conn.sessionKey, registration);
					session = await ucSessions.fresh(conn.sessionKey, () => ucLogin(conn, registration));
				} catch (error) {
					ucRegistrations.delete(conn.sessionKey);
					throw new NodeOperationError(this.getNode(), `Could not register with the PBX: ${(error as Error).message}`, {
						description: (error as { hint?: string }).hint,
					});
				}
				const seconds = Number(this.getNodeParameter('options.heartbeatSeconds', 300)) || 300;
				const logger = this.logger;
				const previous = keepers.get(key);
				if (previous) clearInterval(previous.timer);
				const keeper = { conn, session, registration, beats: 0, reRegistrations: 0, stopped: false } as Keeper;
				keeper.timer = setInterval(() => void beat(keeper, logger), seconds * 1000);
				keeper.timer.unref?.();
				keepers.set(key, keeper);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const key = keeperKey(this);
				const k = keepers.get(key);
				if (!k) return true;
				k.stopped = true;
				clearInterval(k.timer);
				keepers.delete(key);
				ucRegistrations.delete(k.conn.sessionKey);
				const session = ucSessions.peek(k.conn.sessionKey) ?? k.session;
				ucSessions.clear(k.conn.sessionKey);
				try {
					await ucSessionCall(k.conn, 'logout', session.token);
				} catch (error) {
					// The token may already be gone (PBX reboot, expiry): the session is over either way.
					this.logger?.info(`OpenVox UC Trigger: logout: ${(error as Error).message}`);
				}
				return true;
			},
		},
	};

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
		const text = rawBodyText(req);
		if (!text.trim()) return refuse(400, 'Empty report body');
		let body: unknown;
		try {
			body = parseJsonKeepingDuplicates(text.trim());
		} catch (error) {
			return refuse(400, `Malformed report: ${error instanceof LenientJsonError ? error.message : String(error)}`);
		}
		if (!body || typeof body !== 'object' || Array.isArray(body)) return refuse(400, 'A report must be a JSON object');
		const report = body as IDataObject;
		const action = String(report.action ?? report.event ?? '');
		if (!action) return refuse(400, 'The report has no "action" (or "event") naming its type');

		// Answer at once: the PBX re-sends reports it gets no 200 for.
		sendJson(res, 200, { status: 'Success' });

		const window = Number(this.getNodeParameter('options.duplicateWindowSeconds', 600));
		if (window > 0) {
			const scope = `${this.getWorkflow().id}|${this.getNode().name}`;
			let seen = recentReports.get(scope);
			if (!seen) recentReports.set(scope, (seen = new Map()));
			const now = Date.now();
			for (const [h, at] of seen) if (now - at > window * 1000) seen.delete(h);
			const hash = createHash('sha256').update(text.trim()).digest('hex');
			if (seen.has(hash)) return { noWebhookResponse: true };
			seen.set(hash, now);
		}

		const matches = openVoxUcEvents.filter((e) => e.key.toLowerCase() === action.toLowerCase());
		const selected = this.getNodeParameter('events', []) as string[];
		const wanted = matches.length ? matches.some((e) => selected.includes(e.id)) : selected.includes(OTHER);
		if (!wanted) return { noWebhookResponse: true };

		const fields = matches.flatMap((e) => e.fields);
		const json: IDataObject = {
			event: action,
			eventIds: matches.map((e) => e.id),
			...normalizeReport(report, fields),
		};
		if (ACTION_ALIASES[action]) json.eventName = ACTION_ALIASES[action];
		for (const [vendor, alias] of Object.entries(FIELD_ALIASES)) if (json[vendor] !== undefined) json[alias] = json[vendor];
		json.receivedAt = new Date().toISOString();
		json.sourceIp = ip;
		json.raw = report;
		return { workflowData: [[{ json }]], noWebhookResponse: true };
	}
}
