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
	REPORT_TRANSPORT_HINT,
	reportsNotOverHttp,
	type OpenVoxUcConnection,
} from './protocol';
import { readReport, REPORT_LIMITS, reportIdentity } from './reports';

/** The answer to every report the trigger accepts: the PBX sends a report again until it gets a 200. */
export const REPORT_RECEIVED: IDataObject = { status: 'Success' };

/**
 * What this process holds for one trigger (workflow and node). n8n gives nodes no store shared by processes, and
 * only its leader runs `trigger()`, so only the leader has a keeper.
 */
interface TriggerState {
	/** The keep-alive, from `trigger()` until its close or the deactivation. */
	keeper?: Keeper;
	/** The session of the activation login, until the keeper takes it over. */
	activatedSessionKey?: string;
	/** Resend memory of the reports this process received. */
	resendFilter?: ResendFilter;
	/** The login made for the editor's test URL ("Listen for test event"), apart from the shared session. */
	testSession?: { conn: OpenVoxUcConnection; token: string; url: string };
	/**
	 * A test event's items, handed from webhook() to trigger(): n8n runs a test event through the trigger node's
	 * `trigger()` in manual mode instead of passing the webhook's items on, in the process that received it.
	 */
	testEvent?: INodeExecutionData[][];
}

const triggers = new Map<string, TriggerState>();

function stateOf(scope: string): TriggerState {
	let state = triggers.get(scope);
	if (!state) triggers.set(scope, (state = {}));
	return state;
}

/** Sets fields of a trigger's state; a state left with nothing in it is dropped. */
function update(scope: string, fields: Partial<TriggerState>): void {
	const state = Object.assign(stateOf(scope), fields);
	if (Object.values(state).every((v) => v === undefined)) triggers.delete(scope);
}

/** The keep-alives running in this process. */
export function activeKeepers(): Keeper[] {
	return [...triggers.values()].flatMap((t) => (t.keeper ? [t.keeper] : []));
}

function scopeOf(ctx: { getWorkflow(): { id?: string }; getNode(): { name: string } }): string {
	return `${ctx.getWorkflow().id}|${ctx.getNode().name}`;
}

/** The editor's test URL: registered in activation mode `manual`; removal is recognised by the URL it registered. */
function isTest(ctx: IHookFunctions): boolean {
	const url = ctx.getNodeWebhookUrl('default') ?? '';
	return ctx.getActivationMode() === 'manual' || url.includes('/webhook-test/') || triggers.get(scopeOf(ctx))?.testSession?.url === url;
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
	const state = triggers.get(scope);
	if (isTest(ctx)) return state?.testSession?.url === ctx.getNodeWebhookUrl('default');
	if (state?.keeper) return state.keeper.state === 'registered';
	const sessionKey = state?.activatedSessionKey;
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
		let session;
		try {
			session = await openVoxUcLogin(conn, registrationFor(url));
		} catch (error) {
			throw fail(error);
		}
		const notHttp = reportsNotOverHttp(session);
		if (notHttp) {
			await logout(conn, session.token, ctx.logger);
			throw new NodeOperationError(ctx.getNode(), notHttp, { description: REPORT_TRANSPORT_HINT });
		}
		update(scope, { testSession: { conn, token: session.token, url } });
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
	let session;
	try {
		session = await openVoxUcSessions.fresh(conn.sessionKey, () => openVoxUcLogin(conn));
	} catch (error) {
		openVoxUcRegistrations.delete(conn.sessionKey);
		throw fail(error);
	}
	// A trigger that would never hear anything fails its activation instead (the token stays for actions).
	const notHttp = reportsNotOverHttp(session);
	if (notHttp) {
		openVoxUcRegistrations.delete(conn.sessionKey);
		throw new NodeOperationError(ctx.getNode(), notHttp, { description: REPORT_TRANSPORT_HINT });
	}
	update(scope, { activatedSessionKey: conn.sessionKey });
	return true;
}

/** webhookMethods.delete: stops the keep-alive and logs out, which ends the registration. */
export async function releaseReportAddress(ctx: IHookFunctions): Promise<boolean> {
	const scope = scopeOf(ctx);
	if (isTest(ctx)) {
		const test = triggers.get(scope)?.testSession;
		update(scope, { testSession: undefined });
		if (test) await logout(test.conn, test.token, ctx.logger);
		return true;
	}
	triggers.get(scope)?.keeper?.stop();
	update(scope, { keeper: undefined, activatedSessionKey: undefined, resendFilter: undefined });
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
				const items = triggers.get(scope)?.testEvent ?? [[]];
				update(scope, { testEvent: undefined });
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
	triggers.get(scope)?.keeper?.stop();
	const heartbeatSeconds = Number(ctx.getNodeParameter('options.heartbeatSeconds', 60)) || 60;
	const label = `OpenVox UC Trigger "${ctx.getNode().name}" (workflow ${ctx.getWorkflow().id})`;
	const keeper = new Keeper(conn, registration, { heartbeatMs: heartbeatSeconds * 1000 }, label, ctx.logger, readConnection);
	update(scope, { keeper, activatedSessionKey: undefined });
	ctx.helpers.registerCron({ expression: '* * * * * *' }, () => void keeper.tick());
	void keeper.tick();
	return {
		// Shutdown or a leader change: stop beating, keep the registration (the next leader takes it over).
		closeFunction: async () => {
			keeper.stop();
			if (triggers.get(scope)?.keeper === keeper) update(scope, { keeper: undefined });
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
	const state = stateOf(scope);
	const filter = (state.resendFilter ??= new ResendFilter());
	const id = reportIdentity(push.type, push.report, matches);
	const fresh =
		'identity' in id
			? filter.firstWithIdentity(id.identity, windowMs(ctx, 'duplicateWindowSeconds', 600))
			: filter.changesSubject(id.subject, push.text, windowMs(ctx, 'resendWindowSeconds', 30));
	return !fresh;
}

/** Keeps a test event's items for the manual `trigger()` run n8n starts next in this process. */
export function keepTestEvent(ctx: IWebhookFunctions, workflowData: INodeExecutionData[][]): void {
	if (ctx.getMode?.() === 'manual') update(scopeOf(ctx), { testEvent: workflowData });
}
