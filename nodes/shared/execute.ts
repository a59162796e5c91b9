import { createHash } from 'node:crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeApiError } from 'n8n-workflow';
import {
	FieldError,
	isAmbiguousAnswer,
	markNotSent,
	NotAppliedError,
	OutcomeUnknownError,
	PbxError,
	toNodeError,
	wasNotSent,
} from './errors';
import { TransportError } from './http';
import { checkIdempotencyKey, serialised, withKeyMarker } from './idempotency';
import { withSafeKeys } from './normalize';
import { buildRequest, ParameterReader, stringifyWire, type BuiltRequest } from './request';
import { protectOutput } from './secrets';
import type { EndpointSpec } from './spec';

/** What one call produced: the answer's data, and a file for download operations. */
export interface CallOutcome {
	json: IDataObject;
	/** The answer is not the usual record list (a CSV/XML text, a file): output it as one item. */
	single?: boolean;
	binary?: { data: Buffer; fileName: string; mimeType: string };
	/** The records, when the family reshaped them from the answer (`json` stays the answer as received). */
	records?: IDataObject[];
}

/** What the PBX shows about an idempotency key: the record it applied, or evidence that it applied none. */
export type AppliedLookup = { applied: true; record: IDataObject } | { applied: false; evidence: string };

/** What a family supplies to run its endpoint table as an n8n action node. */
export interface ActionFamily<Connection> {
	endpoints: EndpointSpec[];
	/** Reads the credential once per execution. */
	connect(ctx: IExecuteFunctions): Promise<Connection>;
	/** Sends one validated request; throws PbxError / TransportError / SessionExpiredError-handled errors. */
	call(connection: Connection, endpoint: EndpointSpec, request: BuiltRequest): Promise<CallOutcome>;
	/** Envelope keys dropped from outputs (retCode, status, ...). */
	envelopeKeys: string[];
	/** Where to look when a money or call operation's outcome is unknown. */
	outcomeCheck(endpoint: EndpointSpec): string;
	/** Secrets of the connection (passwords, tokens) to scrub from any error text. */
	secrets(connection: Connection): Array<string | undefined>;
	/** Items in flight at once for operations that are not money or call operations. */
	concurrency?: number;
	/**
	 * For endpoints with `idempotency`: asks the PBX what this key (or the record's state) shows was applied.
	 * `record` has the shape of the operation's answer. Throws when the PBX cannot tell.
	 */
	findApplied?(connection: Connection, endpoint: EndpointSpec, request: BuiltRequest, key: string): Promise<AppliedLookup>;
	/** Names the PBX (origin), so operations with one key on one PBX take turns in this process. */
	pbxIdentity?(connection: Connection): string;
	/** Output keys holding session credentials (cookie, token): always redacted. */
	sessionOutputKeys?: string[];
	/** The live session values (cookie, token), redacted wherever an answer echoes them. */
	sessionSecrets?(connection: Connection): Array<string | undefined>;
}

const neverRetried = (e: EndpointSpec) => e.effect === 'money' || e.effect === 'call';

/**
 * Sends with the retry policy: a read survives one stale keep-alive reset; money and calls never retry, and once
 * their request may have reached the PBX anything but a definite answer is "outcome unknown".
 */
async function callWithPolicy<C>(family: ActionFamily<C>, conn: C, endpoint: EndpointSpec, req: BuiltRequest): Promise<CallOutcome> {
	try {
		return await family.call(conn, endpoint, req);
	} catch (error) {
		if (neverRetried(endpoint)) {
			const mayHaveActed = !wasNotSent(error) && ((error instanceof TransportError && error.sent) || isAmbiguousAnswer(error));
			if (mayHaveActed) throw new OutcomeUnknownError(endpoint.action, error as Error, family.outcomeCheck(endpoint));
			throw error;
		}
		if (!(error instanceof TransportError)) throw error;
		if (endpoint.effect === 'read' && (error.kind === 'reset' || !error.sent)) return family.call(conn, endpoint, req);
		throw error;
	}
}

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
async function callOncePerExecution<C>(
	ctx: IExecuteFunctions,
	family: ActionFamily<C>,
	conn: C,
	endpoint: EndpointSpec,
	item: number,
	req: BuiltRequest,
): Promise<CallOutcome & { earlier?: boolean }> {
	const key = earlierTryKey(ctx, endpoint, item, req);
	const earlier = key ? earlierTries.get(key) : undefined;
	if (earlier && Date.now() - earlier.at < EARLIER_TRY_MS) {
		if (earlier.outcome) return { ...earlier.outcome, earlier: true };
		if (earlier.unknown) throw new OutcomeUnknownError(endpoint.action, earlier.unknown.cause, earlier.unknown.check, true);
	}
	try {
		const outcome = await callWithPolicy(family, conn, endpoint, req);
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
interface KeyedOutcome extends CallOutcome {
	key: { idempotencyKey: string; alreadyApplied: boolean; confirmedFromHistory?: boolean };
}

/**
 * A money operation with an idempotency key: one at a time per PBX, operation and key in this process; the PBX is
 * asked first (the guard across processes and re-runs), the key is recorded with the request, and a lost answer is
 * settled by asking again.
 */
async function callWithKey<C>(family: ActionFamily<C>, conn: C, endpoint: EndpointSpec, req: BuiltRequest, key: string): Promise<KeyedOutcome> {
	const spec = endpoint.idempotency!;
	const find = family.findApplied!.bind(family);
	return serialised(`${family.pbxIdentity?.(conn) ?? ''}|${endpoint.id}|${key}`, async () => {
		const before = await find(conn, endpoint, req, key).catch((error: unknown) => Promise.reject(markNotSent(error)));
		if (before.applied) return { json: before.record, key: { idempotencyKey: key, alreadyApplied: true } };
		const sent = spec.keyField ? { ...req, body: { ...req.body, [spec.keyField]: withKeyMarker(key, req.body[spec.keyField]) } } : req;
		try {
			return { ...(await callWithPolicy(family, conn, endpoint, sent)), key: { idempotencyKey: key, alreadyApplied: false } };
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

function outputItems(
	family: ActionFamily<unknown>,
	endpoint: EndpointSpec,
	outcome: CallOutcome,
	raw: boolean,
): Array<{ json: IDataObject; binary?: CallOutcome['binary'] }> {
	if (raw) return [{ json: outcome.json, binary: outcome.binary }];
	if (endpoint.records && !outcome.binary && !outcome.single) {
		const keys = Array.isArray(endpoint.records) ? endpoint.records : [endpoint.records];
		const list = outcome.records ?? outcome.json[keys.find((k) => outcome.json[k] !== undefined) ?? keys[0]];
		if (Array.isArray(list)) return list.map((r) => ({ json: withSafeKeys(typeof r === 'object' && r ? r : { value: r }) as IDataObject }));
		if (list && typeof list === 'object') return [{ json: withSafeKeys(list) as IDataObject }];
		if (list === undefined || list === null || list === '') return [];
	}
	const data: IDataObject = {};
	for (const [k, v] of Object.entries(outcome.json)) if (!family.envelopeKeys.includes(k)) data[k] = v;
	const json = (Object.keys(data).length ? withSafeKeys(data) : { success: true }) as IDataObject;
	return [{ json, binary: outcome.binary }];
}

/** The execute() of every family's action node: table lookup, validation, bounded concurrency, errors. */
export async function executeEndpoints<C>(ctx: IExecuteFunctions, family: ActionFamily<C>): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	if (items.length === 0) return [[]];
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const endpoint = family.endpoints.find((e) => e.id === operation);
	if (!endpoint) throw new NodeOperationError(ctx.getNode(), `Unknown operation "${operation}"`);
	const conn = await family.connect(ctx);
	const results: INodeExecutionData[][] = new Array(items.length);
	const params = new ParameterReader(ctx);
	const limit = neverRetried(endpoint) ? 1 : Math.max(1, family.concurrency ?? 8);
	const keyedEndpoint = !!endpoint.idempotency && !!family.findApplied;
	let next = 0;
	let fatal: unknown;
	let fatalItem = -1;
	let fatalCause: unknown;

	const runOne = async (i: number) => {
		let req: BuiltRequest | undefined;
		try {
			const options = params.get<IDataObject>('options', i, {});
			req = buildRequest(ctx, endpoint, i, params, options);
			const key = keyedEndpoint ? checkIdempotencyKey(params.get<unknown>('idempotencyKey', i, '')) : undefined;
			const outcome = key
				? await callWithKey(family, conn, endpoint, req, key)
				: neverRetried(endpoint)
					? await callOncePerExecution(ctx, family, conn, endpoint, i, req)
					: await callWithPolicy(family, conn, endpoint, req);
			const out: INodeExecutionData[] = [];
			for (const o of outputItems(family as ActionFamily<unknown>, endpoint, outcome, options.rawResponse === true)) {
				if ('key' in outcome) Object.assign(o.json, (outcome as KeyedOutcome).key);
				if ('earlier' in outcome) o.json.alreadyApplied = true;
				const json = protectOutput(o.json, {
					passwordKeys: endpoint.secretOutputs,
					sessionKeys: family.sessionOutputKeys,
					sessionValues: family.sessionSecrets?.(conn),
					reveal: options.revealPasswords === true,
				});
				const item: INodeExecutionData = { json, pairedItem: { item: i } };
				if (o.binary) {
					item.binary = {
						data: await ctx.helpers.prepareBinaryData(o.binary.data, o.binary.fileName, o.binary.mimeType),
					};
				}
				out.push(item);
			}
			results[i] = out;
		} catch (error) {
			const nodeError = toNodeError(ctx.getNode(), error, i, {
				operation: endpoint.action,
				secrets: [...family.secrets(conn), ...(req?.secrets ?? [])],
			});
			if (ctx.continueOnFail() && ctx.getNode().onError === 'continueErrorOutput') {
				// n8n sends an item to the error output only when "error" is its only key (it then adds the input
				// item's fields); with more keys it stayed on the success output.
				results[i] = [{ json: { error: nodeError.message }, pairedItem: { item: i } }];
			} else if (ctx.continueOnFail()) {
				const json: IDataObject = { error: nodeError.message };
				if (nodeError.description) json.description = nodeError.description;
				const pbxCode = (nodeError as unknown as { pbxCode?: string }).pbxCode;
				if (pbxCode !== undefined) json.code = pbxCode;
				results[i] = [{ json, pairedItem: { item: i } }];
			} else if (fatal === undefined) {
				fatal = nodeError;
				fatalItem = i;
				fatalCause = error;
			}
		}
	};

	const worker = async () => {
		while (fatal === undefined && next < items.length) await runOne(next++);
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	if (fatal !== undefined) {
		if (neverRetried(endpoint) && items.length > 1) tellBatchTruth(fatal as NodeApiError, fatalItem, fatalCause, results, items.length);
		throw fatal;
	}
	return [results.flat()];
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
function tellBatchTruth(error: NodeApiError, stopped: number, cause: unknown, results: INodeExecutionData[][], total: number): void {
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
