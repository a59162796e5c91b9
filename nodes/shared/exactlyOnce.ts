/**
 * Money and calls exactly once: items remembered across n8n's Retry On Fail within one execution, idempotency keys
 * (lookup first, marker in the request, reconciliation after a lost answer), and the truth about a stopped batch.
 */
import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeApiError } from 'n8n-workflow';
import { FieldError, markNotSent, NotAppliedError, OutcomeUnknownError, PbxError, TransportError, wasNotSent } from './errors';
import type { ActionFamily, AppliedLookup, CallOutcome } from './execute';
import { serialised, withKeyMarker } from './idempotency';
import { stringifyWire, type BuiltRequest } from './request';
import type { EndpointSpec } from './spec';

/** Sends one request with the engine's retry policy. */
type Send = (req: BuiltRequest) => Promise<CallOutcome>;

/**
 * Money and call items already sent in this execution, by execution, node, run, item and request. n8n's Retry
 * On Fail runs the node again with the same items (after any failure, or when the first output item holds an
 * error): an item applied by an earlier try is returned, not sent again, and one whose outcome was unknown stays
 * unknown. Kept an hour, bounded.
 */
const earlierTries = new Map<string, { at: number; outcome?: CallOutcome; unknown?: OutcomeUnknownError }>();
const EARLIER_TRY_MS = 60 * 60 * 1000;
const EARLIER_TRY_MAX = 50_000;

function earlierTryKey(ctx: IExecuteFunctions, endpoint: EndpointSpec, item: number, req: BuiltRequest): string | undefined {
	const execution = ctx.getExecutionId?.();
	if (!execution) return undefined;
	const runIndex = (ctx as unknown as { runIndex?: number }).runIndex ?? 0;
	const request = createHash('sha256').update(stringifyWire(req.body)).update(JSON.stringify(req.query)).digest('hex');
	return [execution, ctx.getNode().name, runIndex, item, endpoint.id, request].join('|');
}

function rememberTry(key: string | undefined, entry: { outcome?: CallOutcome; unknown?: OutcomeUnknownError }): void {
	if (!key) return;
	const now = Date.now();
	earlierTries.delete(key);
	earlierTries.set(key, { at: now, ...entry });
	for (const [k, v] of earlierTries) {
		if (earlierTries.size <= EARLIER_TRY_MAX && now - v.at < EARLIER_TRY_MS) break;
		earlierTries.delete(k);
	}
}

/** A money or call item without a key: sent once per execution, whatever n8n retries. */
export async function callOncePerExecution(
	ctx: IExecuteFunctions,
	endpoint: EndpointSpec,
	item: number,
	req: BuiltRequest,
	send: Send,
): Promise<CallOutcome & { earlier?: boolean }> {
	const key = earlierTryKey(ctx, endpoint, item, req);
	const earlier = key ? earlierTries.get(key) : undefined;
	if (earlier && Date.now() - earlier.at < EARLIER_TRY_MS) {
		if (earlier.outcome) return { ...earlier.outcome, earlier: true };
		if (earlier.unknown) throw new OutcomeUnknownError(endpoint.action, earlier.unknown.cause, earlier.unknown.check, true);
	}
	try {
		const outcome = await send(req);
		rememberTry(key, { outcome });
		return outcome;
	} catch (error) {
		if (error instanceof OutcomeUnknownError) rememberTry(key, { unknown: error });
		throw error;
	}
}

/**
 * A wait that timed out (ours, or a proxy's 504/408): the request may still be queued or running at the PBX, so
 * a history without it proves nothing yet. Any other lost answer came after the PBX (or a proxy) was done with it.
 */
function mayStillBeInFlight(cause: Error): boolean {
	if (cause instanceof TransportError) return cause.kind === 'timeout';
	return cause instanceof PbxError && (cause.httpCode === 504 || cause.httpCode === 408);
}

/** How a keyed money operation ended, added to its output items. */
export interface KeyedOutcome extends CallOutcome {
	key: { idempotencyKey: string; alreadyApplied: boolean; confirmedFromHistory?: boolean };
}

/**
 * A money operation with an idempotency key: one at a time per PBX, operation and key in this process; the PBX is
 * asked first (the guard across processes and re-runs), the key is recorded with the request, and a lost answer is
 * settled by asking again.
 */
export async function callWithKey<C>(
	family: ActionFamily<C>,
	conn: C,
	endpoint: EndpointSpec,
	req: BuiltRequest,
	key: string,
	send: Send,
): Promise<KeyedOutcome> {
	const spec = endpoint.idempotency!;
	const find = family.findApplied!.bind(family);
	return serialised(`${family.pbxIdentity?.(conn) ?? ''}|${endpoint.id}|${key}`, async () => {
		const before = await find(conn, endpoint, req, key).catch((error: unknown) => Promise.reject(markNotSent(error)));
		if (before.applied) return { json: before.record, key: { idempotencyKey: key, alreadyApplied: true } };
		const sent = spec.keyField ? { ...req, body: { ...req.body, [spec.keyField]: withKeyMarker(key, req.body[spec.keyField]) } } : req;
		try {
			return { ...(await send(sent)), key: { idempotencyKey: key, alreadyApplied: false } };
		} catch (error) {
			if (!(error instanceof OutcomeUnknownError)) throw error;
			let after: AppliedLookup;
			try {
				after = await find(conn, endpoint, sent, key);
			} catch (lookupError) {
				const why = lookupError instanceof Error ? lookupError.message : String(lookupError);
				throw new OutcomeUnknownError(endpoint.action, error.cause, `${error.check} The node asked the PBX (${spec.lookup}) but could not tell: ${why}. Running the item again with the same key is safe: it checks first.`);
			}
			if (after.applied) return { json: after.record, key: { idempotencyKey: key, alreadyApplied: false, confirmedFromHistory: true } };
			if (mayStillBeInFlight(error.cause))
				throw new OutcomeUnknownError(
					endpoint.action,
					error.cause,
					`The node asked the PBX (${spec.lookup}): ${after.evidence} yet, but the request may still be on its way or in progress (a wait timed out). Run the item again later with the same key: the node checks first.`,
				);
			throw new NotAppliedError(endpoint.action, error.cause, after.evidence);
		}
	});
}

const itemRange = (from: number, to: number) => (from === to ? `item ${from}` : `items ${from}-${to}`);

/** What became of the item a batch stopped on. */
function stopReason(error: unknown): string {
	if (error instanceof OutcomeUnknownError) return 'outcome unknown (check the PBX before running it again)';
	if (error instanceof NotAppliedError) return 'not applied (the PBX shows it did not apply)';
	if (error instanceof FieldError || wasNotSent(error) || (error instanceof TransportError && !error.sent)) return 'not sent';
	if (error instanceof PbxError) return 'refused by the PBX (not applied)';
	return 'failed';
}

/**
 * A money or call batch stopped on one item: n8n drops the node's output, so the error itself says which items
 * were applied (with their results), which one stopped it and which were never sent.
 */
export function tellBatchTruth(error: NodeApiError, stopped: number, cause: unknown, results: INodeExecutionData[][], total: number): void {
	const applied = results.map((r, i) => ({ item: i, json: r?.map((x) => x.json) })).filter((r) => r.item < stopped && r.json);
	const parts = [applied.length ? `${itemRange(0, stopped - 1)} applied` : 'no item applied before it', `item ${stopped} ${stopReason(cause)}`];
	if (stopped + 1 < total) parts.push(`${itemRange(stopped + 1, total - 1)} never sent`);
	const summary = `Batch stopped: ${parts.join('; ')}.`;
	error.message = `${error.message}. ${summary}`;
	const listed = applied.slice(0, 100).map((a) => `item ${a.item}: ${JSON.stringify(a.json.length === 1 ? a.json[0] : a.json).slice(0, 300)}`);
	if (applied.length > listed.length) listed.push(`... and ${applied.length - listed.length} more (the error's context.appliedItems has them all)`);
	error.description = [error.description, summary, listed.length ? `Applied items (do not run them again without an Idempotency Key):\n${listed.join('\n')}` : '']
		.filter(Boolean)
		.join('\n\n');
	error.context = {
		...(error.context ?? {}),
		appliedItems: applied as unknown as IDataObject[],
		stoppedItem: stopped,
		stoppedItemOutcome: stopReason(cause),
		neverSentItems: stopped + 1 < total ? [stopped + 1, total - 1] : [],
	};
}
