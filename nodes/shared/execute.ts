import { NodeOperationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeExecutionData, NodeApiError } from 'n8n-workflow';
import { isAmbiguousAnswer, OutcomeUnknownError, toNodeError, TransportError, wasNotSent } from './errors';
import { callOncePerExecution, callWithKey, tellBatchTruth, type KeyedOutcome } from './exactlyOnce';
import { checkIdempotencyKey } from './idempotency';
import { withSafeKeys } from './normalize';
import { buildRequest, ParameterReader, type BuiltRequest } from './request';
import { outputProtector } from './secrets';
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

/** Where a family reads its credential: an execution, or the editor loading a list (ILoadOptionsFunctions). */
export interface CredentialSource {
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string): Promise<T>;
}

/** What a family supplies to run its endpoint table as an n8n action node. */
export interface ActionFamily<Connection> {
	endpoints: EndpointSpec[];
	/** Reads the credential once per execution (or per list the editor loads). */
	connect(ctx: CredentialSource): Promise<Connection>;
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

export function outputItems(
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

/** Freezes plain objects and arrays, all the way down (a typed array cannot be frozen; wire bodies hold none). */
function deepFreeze<T>(value: T): T {
	const plain = Array.isArray(value) || (!!value && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value)));
	if (plain && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const v of Object.values(value)) deepFreeze(v);
	}
	return value;
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
	const fixedKey = ctx.getNode().parameters.idempotencyKey;
	if (keyedEndpoint && items.length > 1 && typeof fixedKey === 'string' && fixedKey.trim() && !fixedKey.startsWith('='))
		throw new NodeOperationError(ctx.getNode(), 'The Idempotency Key is the same text for every item, so only the first item would be applied', {
			description: 'Use an expression that names each payment, e.g. {{ $json.paymentId }}. Nothing was sent.',
		});
	// Key sets built once per execution; "Reveal Passwords" may differ per item (an expression).
	const protectors = [false, true].map((reveal) =>
		outputProtector({ passwordKeys: endpoint.secretOutputs, sessionKeys: family.sessionOutputKeys, reveal }),
	);
	// A read whose parameters hold no expression sends the same request for every item: built once, frozen (so its
	// body text is written once too, json.ts) and shared.
	let sharedRequest: BuiltRequest | undefined;
	let next = 0;
	let fatal: unknown;
	let fatalItem = -1;
	let fatalCause: unknown;

	const runOne = async (i: number) => {
		let req: BuiltRequest | undefined;
		try {
			const options = params.get<IDataObject>('options', i, {});
			req = sharedRequest ?? buildRequest(ctx, endpoint, i, params, options);
			if (!sharedRequest && endpoint.effect === 'read' && params.allFixed) sharedRequest = deepFreeze(req);
			const key = keyedEndpoint ? checkIdempotencyKey(params.get<unknown>('idempotencyKey', i, '')) : undefined;
			const send = (r: BuiltRequest) => callWithPolicy(family, conn, endpoint, r);
			const outcome = key
				? await callWithKey(family, conn, endpoint, req, key, send)
				: neverRetried(endpoint)
					? await callOncePerExecution(ctx, endpoint, i, req, send)
					: await send(req);
			const out: INodeExecutionData[] = [];
			for (const o of outputItems(family as ActionFamily<unknown>, endpoint, outcome, options.rawResponse === true)) {
				if ('key' in outcome) Object.assign(o.json, (outcome as KeyedOutcome).key);
				if ('earlier' in outcome) o.json.alreadyApplied = true;
				const json = protectors[options.revealPasswords === true ? 1 : 0](o.json, family.sessionSecrets?.(conn));
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
				if (nodeError.context.pbxCode !== undefined) json.code = nodeError.context.pbxCode;
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
