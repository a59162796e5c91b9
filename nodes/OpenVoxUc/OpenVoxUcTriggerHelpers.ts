/**
 * The OpenVox UC Trigger's lifecycle, beside the node as n8n's Twilio and Stripe triggers keep theirs: registration
 * of the report address (webhook hooks), the keep-alive started by `trigger()`, and the reading of a pushed report
 * (allow-list, body, resend memory). The node file keeps the description and the shape of the emitted item.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, INodeExecutionData, ITriggerFunctions, ITriggerResponse, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { ResendFilter } from '../shared/dedupe';
import type { EventSpec } from '../shared/spec';
import { rawBodySize, rawBodyText, refuse, requestOf, sourceOf } from '../shared/webhook';
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
import { readReport, REPORT_LIMITS, reportIdentity } from './reports';

/** The answer the PBX wants for every report it may stop sending: it re-sends a report it gets no 200 for. */
export const REPORT_RECEIVED: IDataObject = { status: 'Success' };

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

export function scopeOf(ctx: { getWorkflow(): { id?: string }; getNode(): { name: string } }): string {
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

/** webhookMethods.checkExists: whether this trigger's report address is registered (its session is alive). */
export async function reportAddressRegistered(ctx: IHookFunctions): Promise<boolean> {
	const scope = scopeOf(ctx);
	if (isTest(ctx)) return testSessions.get(scope)?.url === ctx.getNodeWebhookUrl('default');
	const keeper = keepers.get(scope);
	if (keeper) return keeper.state === 'registered';
	const sessionKey = activated.get(scope);
	return sessionKey !== undefined && openVoxUcSessions.peek(sessionKey) !== undefined;
}

/** webhookMethods.create: registers the report address with a login that names it (the PBX has no other call). */
export async function registerReportAddress(ctx: IHookFunctions): Promise<boolean> {
	const scope = scopeOf(ctx);
	const url = ctx.getNodeWebhookUrl('default')!;
	const conn = openVoxUcConnection(await ctx.getCredentials('openVoxUcApi'));
	const fail = (error: unknown) =>
		new NodeOperationError(ctx.getNode(), `Could not register with the PBX: ${(error as Error).message}`, {
			description: (error as { hint?: string }).hint,
		});
	if (isTest(ctx)) {
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
	ctx.getWorkflowStaticData('node').reportUrl = url;
	if (conn.reportUrl && conn.reportUrl !== url) {
		ctx.logger?.warn(`OpenVox UC Trigger: the credential's Report URL ${conn.reportUrl} is registered, not this trigger's ${url}`);
	}
	openVoxUcRegistrations.set(conn.sessionKey, registrationFor(conn.reportUrl ?? url));
	// At n8n's start every main process calls create; the leader's keeper logs in right after.
	if (ctx.getActivationMode() === 'init') return true;
	try {
		await openVoxUcSessions.fresh(conn.sessionKey, () => openVoxUcLogin(conn));
	} catch (error) {
		openVoxUcRegistrations.delete(conn.sessionKey);
		throw fail(error);
	}
	activated.set(scope, conn.sessionKey);
	return true;
}

/** webhookMethods.delete: stops the keep-alive and logs out, which ends the registration. */
export async function releaseReportAddress(ctx: IHookFunctions): Promise<boolean> {
	const scope = scopeOf(ctx);
	if (isTest(ctx)) {
		const test = testSessions.get(scope);
		testSessions.delete(scope);
		if (test) await logout(test.conn, test.token, ctx.logger);
		return true;
	}
	keepers.get(scope)?.stop();
	keepers.delete(scope);
	activated.delete(scope);
	resendFilters.delete(scope);
	delete ctx.getWorkflowStaticData('node').reportUrl;
	let conn: OpenVoxUcConnection;
	try {
		conn = openVoxUcConnection(await ctx.getCredentials('openVoxUcApi'));
	} catch (error) {
		// Without a usable credential there is no session of ours to end; the PBX drops it after 30 minutes.
		ctx.logger?.warn(`OpenVox UC Trigger: not logged out: ${(error as Error).message}`);
		return true;
	}
	openVoxUcRegistrations.delete(conn.sessionKey);
	const session = openVoxUcSessions.peek(conn.sessionKey);
	openVoxUcSessions.clear(conn.sessionKey);
	if (session) await logout(conn, session.token, ctx.logger);
	return true;
}

/**
 * The keep-alive. n8n runs `trigger()` in its leader process only, and again in a new leader: so one keep-alive
 * per workflow whatever the number of n8n processes, surviving a leader change. A one-second cron lets the
 * keeper act when a heartbeat or a retry is due.
 */
export async function startKeepAlive(ctx: ITriggerFunctions): Promise<ITriggerResponse> {
	const scope = scopeOf(ctx);
	if (ctx.getMode() === 'manual') {
		// A test event: pass on the items webhook() just received (none if it came to another process).
		return {
			manualTriggerFunction: async () => {
				const items = testEvents.get(scope) ?? [[]];
				testEvents.delete(scope);
				ctx.emit(items);
			},
		};
	}
	const readConnection = async () => openVoxUcConnection(await ctx.getCredentials('openVoxUcApi'));
	const conn = await readConnection();
	const reportUrl = conn.reportUrl ?? (ctx.getWorkflowStaticData('node').reportUrl as string | undefined);
	if (!reportUrl) {
		throw new NodeOperationError(ctx.getNode(), 'No report address is known for this trigger', {
			description: "Set the Report URL in the OpenVox UC credential to this trigger's Production URL, or activate the workflow again.",
		});
	}
	const registration = registrationFor(reportUrl);
	openVoxUcRegistrations.set(conn.sessionKey, registration);
	keepers.get(scope)?.stop();
	const heartbeatSeconds = Number(ctx.getNodeParameter('options.heartbeatSeconds', 60)) || 60;
	const label = `OpenVox UC Trigger "${ctx.getNode().name}" (workflow ${ctx.getWorkflow().id})`;
	const keeper = new Keeper(conn, registration, { heartbeatMs: heartbeatSeconds * 1000 }, label, ctx.logger, readConnection);
	keepers.set(scope, keeper);
	activated.delete(scope);
	ctx.helpers.registerCron({ expression: '* * * * * *' }, () => void keeper.tick());
	void keeper.tick();
	return {
		// Shutdown or a leader change: stop beating, keep the registration (the next leader takes it over).
		closeFunction: async () => {
			keeper.stop();
			if (keepers.get(scope) === keeper) keepers.delete(scope);
		},
	};
}

export type PushReading = { refusal: IWebhookResponseData } | { report: IDataObject; type: string; text: string; ip: string };

/** A pushed report read: refused by hand (4xx) when its sender is not allowed or its body is unusable. */
export function readPush(ctx: IWebhookFunctions): PushReading {
	const failed = (status: number, message: string) => ({ refusal: refuse(ctx, status, { status: 'Failed', message }) });
	const { ip, allowed } = sourceOf(ctx);
	if (!allowed) return failed(403, `Source address ${ip} is not allowed to post reports here`);
	const req = requestOf(ctx);
	if (rawBodySize(req) > REPORT_LIMITS.maxBytes) return failed(413, `Report refused: the body is larger than ${REPORT_LIMITS.maxBytes} bytes`);
	const text = rawBodyText(req).trim();
	const reading = readReport(text);
	if (!reading.ok) return failed(reading.status, reading.message);
	return { report: reading.report, type: reading.type, text, ip };
}

/** A window option in milliseconds; 0 turns the check off (every report is new). */
function windowMs(ctx: IWebhookFunctions, option: string, fallback: number): number {
	const v = Number(ctx.getNodeParameter(`options.${option}`, fallback));
	return Number.isFinite(v) && v > 0 ? v * 1000 : -1;
}

/** True for a report this trigger already saw (a resend, see the README's delivery model). */
export function isResend(ctx: IWebhookFunctions, push: { report: IDataObject; type: string; text: string }, matches: EventSpec[]): boolean {
	const scope = scopeOf(ctx);
	let filter = resendFilters.get(scope);
	if (!filter) resendFilters.set(scope, (filter = new ResendFilter()));
	const id = reportIdentity(push.type, push.report, matches);
	const fresh =
		'identity' in id
			? filter.firstWithIdentity(id.identity, windowMs(ctx, 'duplicateWindowSeconds', 600))
			: filter.changesSubject(id.subject, push.text, windowMs(ctx, 'resendWindowSeconds', 30));
	return !fresh;
}

/** Keeps a test event's items for the manual `trigger()` run n8n starts next in this process. */
export function keepTestEvent(ctx: IWebhookFunctions, workflowData: INodeExecutionData[][]): void {
	if (ctx.getMode?.() === 'manual') testEvents.set(scopeOf(ctx), workflowData);
}
