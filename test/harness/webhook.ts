/**
 * Serves a trigger node's webhook on loopback the way n8n does: the raw body kept as req.rawBody, path
 * parameters from the `:name` segments of the node's webhook path, the node's webhook() called with a webhook
 * context, and the returned items run through the rest of the workflow by n8n-core's WorkflowExecute.
 * Also drives the webhook lifecycle (checkExists / create / delete) with a hook context.
 *
 * The response follows n8n's executeWebhook (packages/cli/src/webhooks/webhook-helpers.ts and
 * webhook-request-handler.ts of n8n 1.123.81 and 2.41.0, read from their npm tarballs): the first answer wins;
 * the description's responseMode / responseData / responseCode are evaluated by n8n-workflow's own expression
 * engine from the node's parameters (defaults filled in), with n8n's fallbacks ('onReceived', 'firstEntryJson',
 * 200); `noWebhookResponse` means n8n writes nothing; without workflowData n8n answers the `webhookResponse` (or
 * "Webhook call received"); with workflowData, `onReceived` answers the responseData if it is set and not empty
 * (left out it is the literal 'firstEntryJson'), else the `webhookResponse`, else "Workflow was started", 1.x before
 * the run starts and 2.x once it has started; `responseNode` ignores `webhookResponse` and holds the request
 * until a node's sendResponse reaches it through the 'sendResponse' hook (`relay: 'queue'` carries it the way a
 * worker's answer travels: JSON-encoded, on a later tick); when the run ends without an answer, 1.x resolves the
 * held response with `{}` (an empty 200) and 2.x answers a failed run with 500 "Error in workflow", an answer-less
 * one with an empty 200; and setupResponseNodePromise's `process.nextTick(() => res.end())` after an answer.
 */
import { createServer, ServerResponse, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	IWebhookResponseData,
	IExecuteResponsePromiseData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { nodeClasses, runWorkflow, testNodeTypes, type WorkflowSpec } from './run';

export interface TriggerServerOptions {
	/** Short type name of the trigger, e.g. 'vos3000Trigger'. */
	trigger: string;
	parameters: Record<string, unknown>;
	/** Nodes after the trigger (the trigger is added as the first node, named `triggerName`). */
	downstream?: WorkflowSpec['nodes'];
	connections?: IConnections;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	triggerName?: string;
	webhookId?: string;
	/** Serve the editor's test URL (`/webhook-test/…`) and run events in manual mode, as "Listen for test event" does. */
	testMode?: boolean;
	/** What `getActivationMode()` answers in the lifecycle hooks (default `activate`; n8n's start is `init`). */
	activationMode?: string;
	/** Which n8n line's end-of-run handling to follow (default 2, what most users run). */
	n8nLine?: 1 | 2;
	/** How a node's sendResponse reaches the request: in-process (regular mode) or through the queue (worker). */
	relay?: 'regular' | 'queue';
}

export interface TriggerServer {
	url: string;
	/** The production webhook URL n8n would show (with `:param` segments). */
	webhookUrl: string;
	runs: IRun[];
	/** Errors thrown while n8n wrote an answer (ERR_HTTP_HEADERS_SENT...): must stay empty. */
	writeErrors: Error[];
	/** What the node logged through `this.logger` (webhook(), hooks, trigger()), in order. */
	logs: Array<{ level: string; message: string; meta?: IDataObject }>;
	staticData: IDataObject;
	/** Waits until `n` workflow runs have finished. */
	waitForRuns(n: number, timeoutMs?: number): Promise<IRun[]>;
	hook(method: 'checkExists' | 'create' | 'delete'): Promise<boolean>;
	/**
	 * Runs the node's `trigger()` as n8n's leader does for an active workflow: `registerCron` ticks every `tickMs`
	 * (n8n: each matching second), `close()` calls the returned closeFunction.
	 */
	startTrigger(opts?: { tickMs?: number }): Promise<{ crons: string[]; close(): Promise<void> }>;
	/** The same as `level: message` lines. */
	readonly logLines: string[];
	close(): Promise<void>;
}

/** n8n 2.x resolves a held response with this frozen object when the run ended without a sendResponse. */
const ENDED_WITHOUT_RESPONSE = Object.freeze({}) as IExecuteResponsePromiseData;

function matchPath(template: string, path: string): IDataObject | undefined {
	const t = template.split('/').filter(Boolean);
	const p = path.split('/').filter(Boolean);
	if (t.length !== p.length) return undefined;
	const params: IDataObject = {};
	for (let i = 0; i < t.length; i++) {
		if (t[i].startsWith(':')) params[t[i].slice(1)] = decodeURIComponent(p[i]);
		else if (t[i] !== p[i]) return undefined;
	}
	return params;
}

/**
 * express's Response as express makes it: the request's own ServerResponse with express's methods on a prototype
 * between it and http.ServerResponse.prototype (express: `Object.setPrototypeOf(res, app.response)`). As in express,
 * json() and send() go through `this.setHeader`/`this.end`, and node's own end() calls `this.writeHead`, so a node
 * that shadows methods on the instance meets the same consequences as under n8n.
 */
const expressResponseProto = Object.create(ServerResponse.prototype, {
	status: {
		value(this: ServerResponse, code: number) {
			this.statusCode = code;
			return this;
		},
		writable: true,
	},
	header: {
		value(this: ServerResponse, name: string, value: string) {
			this.setHeader(name, value);
			return this;
		},
		writable: true,
	},
	json: {
		value(this: ServerResponse & { send(b: unknown): unknown }, body: unknown) {
			if (!this.getHeader('content-type')) this.setHeader('content-type', 'application/json; charset=utf-8');
			return this.send(JSON.stringify(body) ?? '');
		},
		writable: true,
	},
	send: {
		value(this: ServerResponse & { json(b: unknown): unknown }, body: unknown) {
			if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) return this.json(body);
			this.end(body === undefined ? undefined : (body as string | Buffer));
			return this;
		},
		writable: true,
	},
});

type Deferred<T> = { promise: Promise<T>; resolve(v: T): void; settled: boolean };
function deferred<T>(): Deferred<T> {
	let resolve!: (v: T) => void;
	const promise = new Promise<T>((r) => (resolve = r));
	const d: Deferred<T> = {
		promise,
		settled: false,
		resolve(v: T) {
			if (d.settled) return;
			d.settled = true;
			resolve(v);
		},
	};
	return d;
}

export async function startTriggerServer(opts: TriggerServerOptions): Promise<TriggerServer> {
	const triggerName = opts.triggerName ?? 'Trigger';
	const webhookId = opts.webhookId ?? '11111111-2222-4333-8444-555555555555';
	const cls = nodeClasses[opts.trigger];
	const trigger: INodeType = new cls();
	const desc = trigger.description.webhooks![0];
	const urlPrefix = opts.testMode ? 'webhook-test' : 'webhook';
	const mode = opts.testMode ? 'manual' : 'webhook';
	const logs: TriggerServer['logs'] = [];
	const logAt =
		(level: string) =>
		(message: string, meta?: IDataObject): void => {
			logs.push({ level, message, meta });
		};
	const logger = { debug: logAt('debug'), info: logAt('info'), warn: logAt('warn'), error: logAt('error') };
	const timers: Array<ReturnType<typeof setInterval>> = [];
	const runs: IRun[] = [];
	const writeErrors: Error[] = [];
	const n8nLine = opts.n8nLine ?? 2;
	const relay = opts.relay ?? 'regular';
	const waiters: Array<() => void> = [];
	const staticData: IDataObject = {};
	const node: INode = {
		id: 't',
		name: triggerName,
		type: `n8n-nodes-pbx.${opts.trigger}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: opts.parameters as INode['parameters'],
		webhookId,
		credentials: Object.fromEntries(Object.keys(opts.credentials ?? {}).map((t) => [t, { id: t, name: t }])),
	};
	// evaluateResponseOptions (webhook-helpers): n8n's own expression engine on the node as n8n's Workflow holds it.
	const described = new Workflow({ id: 'w1', nodes: [structuredClone(node)], connections: {}, nodeTypes: testNodeTypes(), active: false, settings: {} });
	const describedNode = described.nodes[triggerName];
	// NodeHelpers.getNodeWebhookPath: the path is an expression over $parameter too.
	const pathTemplate = String(described.expression.getSimpleParameterValue(describedNode, desc.path, mode, {}));
	const responseMode = String(described.expression.getSimpleParameterValue(describedNode, desc.responseMode, mode, {}, undefined, 'onReceived'));
	const responseCode = Number(described.expression.getSimpleParameterValue(describedNode, desc.responseCode as string | undefined, mode, {}, undefined, 200));
	const responseData = described.expression.getComplexParameterValue(describedNode, desc.responseData, mode, {}, undefined, 'firstEntryJson');
	if (responseMode !== 'onReceived' && responseMode !== 'responseNode') throw new Error(`The harness does not model responseMode '${responseMode}'`);
	const getNodeParameter = (name: string, fallback?: unknown) => {
		const v = name.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as IDataObject)[k] : undefined), opts.parameters);
		return v === undefined ? fallback : v;
	};

	let baseUrl = '';
	const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			void (async () => {
				const prefix = `/${urlPrefix}/${webhookId}/`;
				const url = new URL(req.url ?? '/', 'http://x');
				const params = url.pathname.startsWith(prefix) ? matchPath(pathTemplate, url.pathname.slice(prefix.length)) : undefined;
				if (!params || req.method !== desc.httpMethod) {
					res.statusCode = 404;
					res.end(JSON.stringify({ message: 'The requested webhook is not registered.' }));
					return;
				}
				const rawBody = Buffer.concat(chunks);
				const expressReq = Object.assign(req, { rawBody, body: {}, ip: req.socket.remoteAddress, params, query: Object.fromEntries(url.searchParams) });
				const response = Object.setPrototypeOf(res, expressResponseProto) as ServerResponse & { status(c: number): unknown; json(b: unknown): unknown; send(b: unknown): unknown };
				// n8n's compression middleware (on-headers) wraps writeHead on the instance and sets headers from it.
				const writeHead = res.writeHead;
				res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
					this.setHeader('vary', 'Accept-Encoding');
					return writeHead.apply(this, args);
				} as ServerResponse['writeHead'];
				const ctx = {
					getRequestObject: () => expressReq,
					getResponseObject: () => response,
					getNodeParameter,
					getParamsData: () => params,
					getQueryData: () => expressReq.query,
					getHeaderData: () => req.headers,
					getBodyData: () => ({}),
					getWorkflowStaticData: () => staticData,
					getNode: () => node,
					getWorkflow: () => ({ id: 'w1', name: 'test', active: true }),
					getWebhookName: () => 'default',
					getNodeWebhookUrl: () => `${baseUrl}/webhook/${webhookId}/${pathTemplate}`,
					getCredentials: async (type: string) => opts.credentials?.[type],
					getMode: () => mode,
					helpers: { returnJsonArray: (x: IDataObject[]) => x.map((json) => ({ json })) },
					logger,
				};
				// n8n's responseCallback: the first call answers, later ones are ignored (a settled promise).
				let answered = false;
				const respond = (data: unknown, code = responseCode, headers?: IDataObject) => {
					if (answered) return;
					answered = true;
					try {
						response.status(code);
						for (const [k, v] of Object.entries(headers ?? {})) response.setHeader(k, String(v));
						if (typeof data === 'string') response.send(data);
						else response.json(data);
					} catch (error) {
						// n8n's handler catches it and tries an error page, which throws again: a crash to report.
						writeErrors.push(error as Error);
					}
				};
				let result: IWebhookResponseData;
				try {
					result = await trigger.webhook!.call(ctx as never);
				} catch (error) {
					respond({ message: (error as Error).message }, 500);
					return;
				}
				if (result.noWebhookResponse) answered = true;
				if (!result.workflowData) {
					respond(result.webhookResponse ?? { message: 'Webhook call received' });
					return;
				}
				// extractWebhookOnReceivedResponse: responseData first (a string, sent as it is), then webhookResponse.
				const onReceivedBody = () =>
					responseData === 'noData' ? undefined : responseData ? responseData : (result.webhookResponse ?? { message: 'Workflow was started' });
				if (responseMode === 'onReceived' && n8nLine === 1) respond(onReceivedBody());
				const held = responseMode === 'responseNode' ? deferred<IExecuteResponsePromiseData>() : undefined;
				const relayed: Array<Promise<void>> = [];
				void held?.promise.then((r) => {
					if (r === ENDED_WITHOUT_RESPONSE) return;
					const full = r as { body?: unknown; headers?: IDataObject; statusCode?: number };
					respond(full.body, full.statusCode ?? 200, full.headers);
					process.nextTick(() => {
						try {
							response.end();
						} catch (error) {
							writeErrors.push(error as Error);
						}
					});
				});
				const running = runWorkflow({
					nodes: [node, ...(opts.downstream ?? [])],
					connections: opts.connections,
					credentials: opts.credentials,
					items: result.workflowData[0] as INodeExecutionData[],
					mode,
					onSendResponse: async (r) => {
						if (!held) return;
						if (relay === 'regular') return held.resolve(r);
						// A worker's answer: JSON through Redis, handled by the main process on a later tick, but before
						// the job's completion message (Redis keeps their order).
						const copy = JSON.parse(JSON.stringify(r)) as IExecuteResponsePromiseData;
						relayed.push(new Promise<void>((ok) => setTimeout(() => (held.resolve(copy), ok()), 5)));
					},
				});
				// 2.x answers once WorkflowRunner.run has started the execution (shouldDeferOnReceivedResponse).
				if (responseMode === 'onReceived' && n8nLine === 2) {
					await new Promise((r) => setImmediate(r));
					respond(onReceivedBody());
				}
				const run = await running;
				// End of the run in the process holding the request (ActiveExecutions + executeWebhook's then()).
				await Promise.all(relayed);
				if (held) held.resolve(n8nLine === 1 ? {} : ENDED_WITHOUT_RESPONSE);
				await new Promise((r) => setTimeout(r, relay === 'queue' ? 10 : 0));
				if (run.data.resultData.error) respond({ message: 'Error in workflow' }, 500);
				else if (responseMode !== 'onReceived') respond(undefined);
				runs.push(run);
				waiters.splice(0).forEach((w) => w());
			})();
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const hookCtx = {
		getNodeParameter,
		getNode: () => node,
		getNodeWebhookUrl: () => `${baseUrl}/${urlPrefix}/${webhookId}/${pathTemplate}`,
		getWebhookName: () => 'default',
		getWorkflowStaticData: () => staticData,
		getCredentials: async (type: string) => opts.credentials?.[type],
		getActivationMode: () => opts.activationMode ?? (opts.testMode ? 'manual' : 'activate'),
		getMode: () => (opts.testMode ? 'manual' : 'trigger'),
		getWorkflow: () => ({ id: 'w1', name: 'test', active: true }),
		logger,
	};

	return {
		url: baseUrl,
		webhookUrl: `${baseUrl}/${urlPrefix}/${webhookId}/${pathTemplate}`,
		runs,
		writeErrors,
		logs,
		get logLines() {
			return logs.map((l) => `${l.level}: ${l.message}`);
		},
		staticData,
		async startTrigger({ tickMs = 50 } = {}) {
			const crons: string[] = [];
			const ctx = {
				...hookCtx,
				getMode: () => 'trigger',
				getActivationMode: () => opts.activationMode ?? 'activate',
				emit: () => undefined,
				emitError: (error: Error) => logs.push({ level: 'emitError', message: error.message }),
				helpers: {
					registerCron: (cron: { expression: string }, onTick: () => void) => {
						crons.push(cron.expression);
						const timer = setInterval(onTick, tickMs);
						timer.unref?.();
						timers.push(timer);
					},
				},
			};
			const response = await trigger.trigger!.call(ctx as never);
			return {
				crons,
				close: async () => {
					for (const t of timers.splice(0)) clearInterval(t);
					await response?.closeFunction?.();
				},
			};
		},
		async waitForRuns(n: number, timeoutMs = 5000) {
			const deadline = Date.now() + timeoutMs;
			while (runs.length < n) {
				if (Date.now() > deadline) throw new Error(`expected ${n} runs, got ${runs.length}`);
				await new Promise<void>((r) => {
					waiters.push(r);
					setTimeout(r, 50);
				});
			}
			return runs;
		},
		async hook(method) {
			return trigger.webhookMethods!.default![method].call(hookCtx as never);
		},
		close: () => {
			for (const t of timers.splice(0)) clearInterval(t);
			return new Promise<void>((r) => server.close(() => r()));
		},
	};
}

/** Output items of a node in a run. */
export function outputOf(run: IRun, nodeName: string): IDataObject[] {
	return (run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? []).map((i) => i.json);
}
