/**
 * Serves a trigger node's webhook on loopback the way n8n does: the raw body kept as req.rawBody, path
 * parameters from the `:name` segments of the node's webhook path, the node's webhook() called with a webhook
 * context, and the returned items run through the rest of the workflow by n8n-core's WorkflowExecute.
 * Also drives the webhook lifecycle (checkExists / create / delete) with a hook context.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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
} from 'n8n-workflow';
import { nodeClasses, runWorkflow, type WorkflowSpec } from './run';

export interface TriggerServerOptions {
	/** Short type name of the trigger, e.g. 'vos3000Trigger'. */
	trigger: string;
	parameters: IDataObject;
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
}

export interface TriggerServer {
	url: string;
	/** The production webhook URL n8n would show (with `:param` segments). */
	webhookUrl: string;
	runs: IRun[];
	staticData: IDataObject;
	/** Waits until `n` workflow runs have finished. */
	waitForRuns(n: number, timeoutMs?: number): Promise<IRun[]>;
	hook(method: 'checkExists' | 'create' | 'delete'): Promise<boolean>;
	/**
	 * Runs the node's `trigger()` as n8n's leader does for an active workflow: `registerCron` ticks every `tickMs`
	 * (n8n: each matching second), `close()` calls the returned closeFunction.
	 */
	startTrigger(opts?: { tickMs?: number }): Promise<{ crons: string[]; close(): Promise<void> }>;
	/** Lines the node logged through `this.logger` (level: message). */
	logs: string[];
	close(): Promise<void>;
}

function evaluatePath(template: string, params: IDataObject): string {
	if (!template.startsWith('=')) return template;
	// The description paths are small expressions over $parameter; evaluate them with the node's parameters.
	const body = template.slice(1).replace(/^\{\{|\}\}$/g, '');
	const fn = new Function('$parameter', `return (${body});`) as (p: IDataObject) => string;
	return String(fn(params));
}

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

function expressResponse(res: ServerResponse) {
	const api = {
		get headersSent() {
			return res.headersSent;
		},
		get writableEnded() {
			return res.writableEnded;
		},
		status(code: number) {
			res.statusCode = code;
			return api;
		},
		setHeader(name: string, value: string) {
			res.setHeader(name, value);
			return api;
		},
		end(body?: string) {
			res.end(body);
			return api;
		},
		json(body: unknown) {
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify(body));
			return api;
		},
		send(body: unknown) {
			res.end(typeof body === 'string' ? body : JSON.stringify(body));
			return api;
		},
	};
	return api;
}

export async function startTriggerServer(opts: TriggerServerOptions): Promise<TriggerServer> {
	const triggerName = opts.triggerName ?? 'Trigger';
	const webhookId = opts.webhookId ?? '11111111-2222-4333-8444-555555555555';
	const cls = nodeClasses[opts.trigger];
	const trigger: INodeType = new cls();
	const desc = trigger.description.webhooks![0];
	const pathTemplate = evaluatePath(String(desc.path), opts.parameters);
	const urlPrefix = opts.testMode ? 'webhook-test' : 'webhook';
	const mode = opts.testMode ? 'manual' : 'webhook';
	const logs: string[] = [];
	const logger = {
		debug() {},
		info: (m: string) => logs.push(`info: ${m}`),
		warn: (m: string) => logs.push(`warn: ${m}`),
		error: (m: string) => logs.push(`error: ${m}`),
	};
	const timers: Array<ReturnType<typeof setInterval>> = [];
	const runs: IRun[] = [];
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
				const ctx = {
					getRequestObject: () => expressReq,
					getResponseObject: () => expressResponse(res),
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
				let result: IWebhookResponseData;
				try {
					result = await trigger.webhook!.call(ctx as never);
				} catch (error) {
					res.statusCode = 500;
					res.end(JSON.stringify({ message: (error as Error).message }));
					return;
				}
				if (!result.noWebhookResponse && !res.headersSent) {
					res.statusCode = 200;
					res.end(JSON.stringify(result.webhookResponse ?? { message: 'Workflow was started' }));
				}
				if (result.workflowData) {
					const run = await runWorkflow({
						nodes: [node, ...(opts.downstream ?? [])],
						connections: opts.connections,
						credentials: opts.credentials,
						items: result.workflowData[0] as INodeExecutionData[],
						mode,
					});
					runs.push(run);
					waiters.splice(0).forEach((w) => w());
				}
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
		staticData,
		logs,
		async startTrigger({ tickMs = 50 } = {}) {
			const crons: string[] = [];
			const ctx = {
				...hookCtx,
				getMode: () => 'trigger',
				getActivationMode: () => opts.activationMode ?? 'activate',
				emit: () => undefined,
				emitError: (error: Error) => logs.push(`emitError: ${error.message}`),
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
