/**
 * Runs workflows through n8n-core's real WorkflowExecute (recipe: ../shared/n8n-notes.md §4.3):
 * real parameter resolution, expressions, item pairing, continueOnFail and error handling.
 */
import { mock } from 'jest-mock-extended';
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
// Not re-exported by n8n-core's index.
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	IConnections,
	WorkflowExecuteMode,
	INodeCredentialsDetails,
	IExecuteResponsePromiseData,
} from 'n8n-workflow';
import { families } from '../../nodes/families';
import { actionNodeEndpoints, type EndpointSpec } from '../../nodes/shared/spec';

const PREFIX = 'n8n-nodes-pbx.';

// n8n-core builds its SSHClientsManager (a 60 s cleanup interval) into every execution context and stops it only on
// process exit; stop it after each test file so jest's workers exit by themselves.
afterAll(() => Container.get(SSHClientsManager).onShutdown());

const lowerFirst = (name: string) => name[0].toLowerCase() + name.slice(1);

/** Every node and credential of the package, by type name, from the family registry (nodes/families.ts). */
export const nodeClasses: Record<string, new () => INodeType> = Object.fromEntries(
	families.flatMap((f) => f.nodes).map((path) => {
		const className = path.split('/').pop()!;
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		return [lowerFirst(className), require(`../../nodes/${path}.node`)[className] as new () => INodeType];
	}),
);
export const credentialClasses: Record<string, new () => ICredentialType> = Object.fromEntries(
	families.flatMap((f) => f.credentials).map((className) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		return [lowerFirst(className), require(`../../credentials/${className}.credentials`)[className] as new () => ICredentialType];
	}),
);

/** Every action node of the package (each family's actionNodes), with the endpoints it offers. */
export const actionNodes: Array<{ family: string; name: string; endpoints: EndpointSpec[] }> = families.flatMap((f) =>
	f.actionNodes.map((n) => ({ family: f.family, name: n.name, endpoints: actionNodeEndpoints(f.endpoints, n) })),
);

/** The action node type that offers an operation of a family (family key as in the catalog: vos3000, grandstream-ucm, ...). */
export function actionNodeFor(family: string, operation: string): string {
	const node = actionNodes.find((n) => n.family === family && n.endpoints.some((e) => e.id === operation && !e.hidden));
	if (!node) throw new Error(`${family}: no action node offers ${operation}`);
	return node.name;
}

export function registerNode(name: string, cls: new () => INodeType): void {
	nodeClasses[name] = cls;
}
export function registerCredential(name: string, cls: new () => ICredentialType): void {
	credentialClasses[name] = cls;
}

/** One instance per node type for the whole test process, as n8n loads each type once (descriptions are costly). */
const nodeInstances = new Map<string, INodeType>();

class TestNodeTypes implements INodeTypes {
	private readonly instances = nodeInstances;
	getByName(type: string): INodeType {
		return this.get(type);
	}
	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.get(type), version) as INodeType;
	}
	getKnownTypes() {
		return {};
	}
	private get(type: string): INodeType {
		let inst = this.instances.get(type);
		if (!inst) {
			const short = type.startsWith(PREFIX) ? type.slice(PREFIX.length) : type;
			const cls = nodeClasses[short];
			if (!cls) throw new Error(`Unknown node type ${type}`);
			inst = new cls();
			this.instances.set(type, inst);
		}
		return inst;
	}
}

export function testNodeTypes(): INodeTypes {
	return new TestNodeTypes();
}

/** additionalData for contexts built outside a run (poll, trigger): mocked except what nodes read. */
export function testAdditionalData(credentials: TestCredentials, executionId = 'p1'): IWorkflowExecuteAdditionalData {
	const additionalData = mock<IWorkflowExecuteAdditionalData>();
	(additionalData as any).evalLlmMockHandler = undefined;
	(additionalData as any).encryptedRunnerIdentity = undefined;
	additionalData.executionId = executionId;
	additionalData.credentialsHelper = new TestCredentialsHelper(credentials);
	return additionalData;
}

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly store: TestCredentials) {
		super();
	}
	getParentTypes(): string[] {
		return [];
	}
	getCredentialsProperties(type: string) {
		return new credentialClasses[type]().properties;
	}
	async getDecrypted(_a: unknown, _n: INodeCredentialsDetails, type: string): Promise<ICredentialDataDecryptedObject> {
		const c = this.store[type];
		if (!c) throw new Error(`No test credential of type ${type}`);
		return { ...c } as ICredentialDataDecryptedObject;
	}
	async authenticate(_c: ICredentialDataDecryptedObject, _t: string, opts: any) {
		return opts;
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return {};
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	async getCredentials(): Promise<any> {
		throw new Error('unused');
	}
	isCredentialUsableByNode() {
		return true;
	}
}

export interface WorkflowSpec {
	nodes: Array<Omit<INode, 'id' | 'typeVersion' | 'position'> & Partial<INode>>;
	connections?: IConnections;
	credentials?: TestCredentials;
	/** Items fed to the first node. */
	items?: INodeExecutionData[];
	mode?: WorkflowExecuteMode;
	/** n8n's 'sendResponse' lifecycle hook: what a node's this.sendResponse(...) hands to n8n. */
	onSendResponse?: (response: IExecuteResponsePromiseData) => void | Promise<void>;
}

let executionCount = 0;

export async function runWorkflow(spec: WorkflowSpec): Promise<IRun> {
	const nodes: INode[] = spec.nodes.map((n, i) => ({
		id: String(i + 1),
		typeVersion: 1,
		position: [i * 200, 0],
		...n,
		type: n.type.includes('.') ? n.type : PREFIX + n.type,
		credentials:
			n.credentials ??
			Object.fromEntries(Object.keys(spec.credentials ?? {}).map((t) => [t, { id: t, name: t }])),
	}));
	const workflow = new Workflow({
		id: 'w1',
		nodes,
		connections: spec.connections ?? {},
		nodeTypes: new TestNodeTypes(),
		active: false,
		settings: {},
	});
	const mode = spec.mode ?? 'manual';
	// Each run is a new execution, as in n8n (a re-run or a Retry of an execution gets a new id).
	const executionId = `e${++executionCount}`;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, mock());
	let done!: (r: IRun) => void;
	const finished = new Promise<IRun>((r) => (done = r));
	hooks.addHandler('workflowExecuteAfter', (run: IRun) => done(run));
	if (spec.onSendResponse) hooks.addHandler('sendResponse', spec.onSendResponse as never);
	// (mock({ hooks }) would make tsc expand DeepPartial of the hooks type without end)
	const additionalData = mock<IWorkflowExecuteAdditionalData>();
	additionalData.hooks = hooks;
	(additionalData as any).evalLlmMockHandler = undefined;
	(additionalData as any).encryptedRunnerIdentity = undefined;
	additionalData.executionId = executionId;
	additionalData.credentialsHelper = new TestCredentialsHelper(spec.credentials ?? {});
	const runExecutionData: IRunExecutionData = {
		resultData: { runData: {} },
		executionData: {
			metadata: {},
			contextData: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: nodes[0], data: { main: [spec.items ?? [{ json: {} }]] }, source: null }],
		},
	} as unknown as IRunExecutionData;
	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	return finished;
}

export interface NodeRun {
	run: IRun;
	/** Output items of the node (first output). */
	items: INodeExecutionData[];
	json: IDataObject[];
	/** The node's error, when the run failed. */
	error?: { message: string; description?: string | null; [k: string]: unknown };
}

/** Credentials by type, as tests write them (emulator settings are plain records). */
export type TestCredentials = Record<string, Record<string, unknown>>;

/** Runs one node of the package on `items` (default one empty item) and returns its output. */
export async function runNode(
	type: string,
	parameters: Record<string, unknown>,
	opts: { credentials?: TestCredentials; items?: Array<Record<string, unknown>>; continueOnFail?: boolean } = {},
): Promise<NodeRun> {
	const run = await runWorkflow({
		nodes: [
			{
				name: 'Node',
				type,
				parameters: parameters as INode['parameters'],
				continueOnFail: opts.continueOnFail,
				onError: opts.continueOnFail ? 'continueRegularOutput' : undefined,
			},
		],
		credentials: opts.credentials,
		items: (opts.items ?? [{}]).map((json) => ({ json: json as IDataObject })),
	});
	const taskData = run.data.resultData.runData.Node?.[0];
	const items = taskData?.data?.main?.[0] ?? [];
	const err = (taskData?.error ?? run.data.resultData.error) as NodeRun['error'] | undefined;
	return { run, items, json: items.map((i) => i.json), error: err };
}

/**
 * What the editor does to fill a picker: n8n's DynamicNodeParametersService.getResourceLocatorResults builds a
 * LoadOptionsContext for a temporary node with the credential and the panel's current parameters, then calls
 * the node type's methods.listSearch[method](filter, paginationToken).
 */
export async function listSearch(
	type: string,
	method: string,
	opts: { credentials: TestCredentials; parameters?: Record<string, unknown>; filter?: string; path?: string },
): Promise<INodeListSearchResult> {
	const nodeTypes = new TestNodeTypes();
	const fullType = type.includes('.') ? type : PREFIX + type;
	const node: INode = {
		id: '1',
		name: 'Node',
		type: fullType,
		typeVersion: 1,
		position: [0, 0],
		parameters: (opts.parameters ?? {}) as INode['parameters'],
		credentials: Object.fromEntries(Object.keys(opts.credentials).map((t) => [t, { id: t, name: t }])),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, nodeTypes, active: false, settings: {} });
	const additionalData = mock<IWorkflowExecuteAdditionalData>();
	(additionalData as any).evalLlmMockHandler = undefined;
	(additionalData as any).encryptedRunnerIdentity = undefined;
	additionalData.credentialsHelper = new TestCredentialsHelper(opts.credentials);
	additionalData.currentNodeParameters = node.parameters;
	const ctx = new LoadOptionsContext(workflow, node, additionalData, opts.path ?? 'parameters');
	const nodeType = nodeTypes.getByNameAndVersion(fullType, 1);
	const fn = nodeType.methods?.listSearch?.[method];
	if (!fn) throw new Error(`${type} has no listSearch method ${method}`);
	return fn.call(ctx, opts.filter);
}
