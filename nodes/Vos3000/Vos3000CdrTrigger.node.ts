import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions, JsonObject } from 'n8n-workflow';
import { PbxError } from '../shared/errors';
import { vos3000ApiTest } from './credentialTest';
import { callVos3000, vos3000Connection, type Vos3000Connection } from './protocol';

/*
 * VOS3000 pushes no CDRs; carriers poll GetCdr (3.47) to feed billing and CRM. GetCdr takes whole days
 * (yyyyMMdd, the server's time zone), has no paging and is meant for batch use, so each poll asks only for the days
 * that can hold new records, in windows no longer than the PBX accepts (-10033 shrinks them), and remembers:
 * - `watermark`: records that stopped more than the late margin before it have all been emitted;
 * - `recent`: flowNo -> stop of the records emitted inside that margin (a CDR written late still comes, once);
 * - `since`: the activation time; nothing that stopped before it is replayed.
 */
/** A call can start on an earlier day than it stops; GetCdr may select by start. */
const LONGEST_CALL_MS = 6 * 3600 * 1000;
/** Requests per poll: catch-up after downtime goes on at the next poll, where this one stopped. */
const MAX_QUERIES_PER_POLL = 12;
/** Not in the manual (which has no return-code table); what VOS3000 answers when the date range is too long. */
export const QUERY_INTERVAL_TOO_LONG = '-10033';

interface CdrState extends IDataObject {
	since: number;
	watermark: number;
	recent: Record<string, number>;
	daysPerQuery: number;
}

/** yyyyMMdd of `ms` in `timeZone`. */
export function dayIn(ms: number, timeZone: string): string {
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms));
	const get = (t: string) => parts.find((p) => p.type === t)!.value;
	return `${get('year')}${get('month')}${get('day')}`;
}

/** Calendar arithmetic on yyyyMMdd (no time zone involved). */
export function addDays(day: string, n: number): string {
	const d = new Date(Date.UTC(+day.slice(0, 4), +day.slice(4, 6) - 1, +day.slice(6, 8) + n));
	return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** The earliest instant day `day` can begin anywhere (UTC+14): a safe lower bound without the zone's offset. */
const earliestStartOf = (day: string) => Date.UTC(+day.slice(0, 4), +day.slice(4, 6) - 1, +day.slice(6, 8)) - 14 * 3600 * 1000;

const stopOf = (r: IDataObject) => Number(r.stop);
const idOf = (r: IDataObject) => String(r.flowNo);

export class Vos3000CdrTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VOS3000 CDR Trigger',
		name: 'vos3000CdrTrigger',
		icon: 'file:vos3000.svg',
		group: ['trigger'],
		version: 1,
		subtitle: 'New CDRs',
		description: 'Starts a workflow for each new call record (CDR) on a VOS3000, polled with GetCdr',
		defaults: { name: 'VOS3000 CDR Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'vos3000Api', required: true, testedBy: 'vos3000ApiTest' }],
		properties: [
			{
				displayName:
					"GetCdr is expensive on the VOS3000 (the manual reserves it for batch accounting): poll every few minutes, not every minute. Days are the server's days: set this workflow's time zone (Settings) to the VOS3000 server's (a few hours off is tolerated).",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Accounts',
				name: 'accounts',
				type: 'string',
				default: '',
				placeholder: '1001, 1002',
				description: 'Comma-separated account numbers whose CDRs to watch. Empty: every account (read with GetAllCustomers at each poll).',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Days per Query',
						name: 'daysPerQuery',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 2,
						description:
							'Longest date range of one GetCdr request (a poll usually asks for today and tomorrow). A PBX that refuses a range as too long (-10033) makes the trigger halve it and remember that.',
					},
					{
						displayName: 'Late CDR Margin (Minutes)',
						name: 'lateMarginMinutes',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 10,
						description: 'CDRs written up to this long after a later-ending call was already seen are still emitted (the CDR queue writes out of order)',
					},
				],
			},
		],
	};

	methods = { credentialTest: { vos3000ApiTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// A failing poll throws: n8n records it, and a failure while n8n starts is retried by n8n's own queued
		// activation (1.x and 2.x); the checkpoint stays where it was, so the next good poll catches up.
		return await pollCdrs.call(this);
	}
}

async function pollCdrs(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const conn = vos3000Connection(await this.getCredentials('vos3000Api'));
	const timeZone = this.getTimezone() || 'UTC';
	const marginMs = Math.max(0, Number(this.getNodeParameter('options.lateMarginMinutes', 10)) || 0) * 60 * 1000;
	const now = Date.now();
	const manual = this.getMode() === 'manual';
	const stored = this.getWorkflowStaticData('node') as Partial<CdrState>;

	if (manual) {
		// "Fetch test event": the latest record of today, the checkpoint untouched.
		const accounts = await accountsToWatch(this, conn);
		const day = dayIn(now, timeZone);
		const list = await getCdrs(this, conn, accounts, addDays(day, -1), day);
		const latest = list.sort((a, b) => stopOf(b) - stopOf(a))[0];
		return latest ? [[{ json: cdrItem(latest) }]] : null;
	}
	if (typeof stored.watermark !== 'number') {
		// First poll (n8n runs it at activation): start here, do not replay the history. No request, so an
		// unreachable PBX does not fail the activation.
		Object.assign(stored, { since: now, watermark: now, recent: {}, daysPerQuery: configuredDays(this) } satisfies CdrState);
		return null;
	}
	const state = stored as CdrState;
	const accounts = await accountsToWatch(this, conn);
	state.daysPerQuery = Math.min(state.daysPerQuery || 1, configuredDays(this));
	const out: IDataObject[] = [];
	// Fixed for the whole poll: a long call seen in an early window must not hide the next days' records.
	const floor = Math.max(state.since, state.watermark - marginMs);
	// Up to tomorrow: a server some hours ahead of the workflow's zone is already there (an empty day costs little).
	const lastDay = addDays(dayIn(now, timeZone), 1);
	let day = dayIn(floor - LONGEST_CALL_MS, timeZone);
	let queries = 0;
	let failure: Error | undefined;
	while (day <= lastDay && queries < MAX_QUERIES_PER_POLL) {
		const last = [addDays(day, state.daysPerQuery - 1), lastDay].sort()[0];
		let list: IDataObject[];
		try {
			queries++;
			list = await getCdrs(this, conn, accounts, day, last);
		} catch (error) {
			if (error instanceof PbxError && error.code === QUERY_INTERVAL_TOO_LONG && state.daysPerQuery > 1) {
				state.daysPerQuery = Math.max(1, Math.floor(state.daysPerQuery / 2));
				continue;
			}
			failure = error as Error;
			break;
		}
		out.push(...takeNew(state, list, floor));
		day = addDays(last, 1);
	}
	// Only PBX times and calendar days move the checkpoint, never n8n's clock (the PBX's may differ). Every record
	// that stopped before `day` began has been read, whether GetCdr selects by start or by stop; when every day up
	// to tomorrow was read, days before yesterday are closed too, so a quiet PBX does not widen the range.
	const newest = out.reduce((m, r) => Math.max(m, stopOf(r)), state.watermark);
	const closed = day > lastDay ? Math.max(newest, earliestStartOf(addDays(lastDay, -2))) : earliestStartOf(day);
	state.watermark = Math.max(state.watermark, closed);
	forget(state, marginMs);
	if (failure) {
		// Records found before the failure go out (their checkpoint is saved with them); the rest come next poll.
		if (!out.length) throw asNodeError(this, failure);
		this.logger.warn(`VOS3000 CDR Trigger: GetCdr failed after ${out.length} new records; the rest follow at the next poll: ${failure.message}`);
	}
	if (!out.length) return null;
	return [out.sort((a, b) => stopOf(a) - stopOf(b)).map((r) => ({ json: cdrItem(r) }))];
}

function configuredDays(ctx: IPollFunctions): number {
	return Math.max(1, Math.floor(Number(ctx.getNodeParameter('options.daysPerQuery', 1)) || 1));
}

/** The records not emitted yet that stopped at or after `floor`; remembers them in `recent`. */
function takeNew(state: CdrState, list: IDataObject[], floor: number): IDataObject[] {
	const fresh: IDataObject[] = [];
	for (const r of list) {
		const stop = stopOf(r);
		if (!Number.isFinite(stop) || stop < floor || state.recent[idOf(r)] !== undefined) continue;
		state.recent[idOf(r)] = stop;
		fresh.push(r);
	}
	return fresh;
}

function forget(state: CdrState, marginMs: number): void {
	const floor = state.watermark - marginMs;
	for (const [id, stop] of Object.entries(state.recent)) if (stop < floor) delete state.recent[id];
}

function cdrItem(r: IDataObject): IDataObject {
	const iso = (v: unknown) => (Number.isFinite(Number(v)) && Number(v) > 0 ? new Date(Number(v)).toISOString() : undefined);
	return { event: 'newCdr', ...r, startIso: iso(r.start), stopIso: iso(r.stop) };
}

async function accountsToWatch(ctx: IPollFunctions, conn: Vos3000Connection): Promise<string[]> {
	const listed = String(ctx.getNodeParameter('accounts', '') ?? '')
		.split(/[\s,]+/)
		.filter(Boolean);
	if (listed.length) return listed;
	try {
		const all = await callVos3000(conn, '/external/server/GetAllCustomers', { type: 0 });
		const accounts = all.accounts;
		return Array.isArray(accounts) ? accounts.map(String) : String(accounts ?? '').split(',').filter(Boolean);
	} catch (error) {
		throw asNodeError(ctx, error as Error);
	}
}

async function getCdrs(ctx: IPollFunctions, conn: Vos3000Connection, accounts: string[], beginTime: string, endTime: string): Promise<IDataObject[]> {
	if (!accounts.length) return [];
	const answer = await callVos3000(conn, '/external/server/GetCdr', { accounts, beginTime, endTime });
	return Array.isArray(answer.infoCdrs) ? (answer.infoCdrs as IDataObject[]) : [];
}

function asNodeError(ctx: IPollFunctions, error: Error): Error {
	if (error instanceof PbxError) {
		const tooLong = error.code === QUERY_INTERVAL_TOO_LONG;
		return new NodeApiError(ctx.getNode(), { message: error.message } as JsonObject, {
			message: `VOS3000 GetCdr failed: ${error.message}`,
			description: tooLong
				? 'The VOS3000 refuses even a one-day range (-10033, query interval too long). Narrow the accounts watched by this trigger.'
				: (error.hint ?? undefined),
		});
	}
	return new NodeOperationError(ctx.getNode(), `VOS3000 GetCdr failed: ${error.message}`);
}
