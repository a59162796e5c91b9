/**
 * Saved workflows keep working: every parameter a node version offered (its path, type and option values, and
 * the operations it is shown for) is recorded in parameters.snapshot.json. A later table edit that renames,
 * retypes, hides or drops one of them, or drops an option value, fails here unless the node gets a new version
 * (n8n's `version` array or a VersionedNodeType, with the old version still loading).
 *
 * New parameters, operations, option values and node versions are additions: `UPDATE_PARAMETER_SNAPSHOT=1 npx jest
 * test/parameters.test.ts` writes them into the snapshot, and only them (a breaking change still fails).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeHelpers } from 'n8n-workflow';
import type { INode, INodeParameters, INodeProperties, INodePropertyOptions, INodeType, INodeTypeDescription, IVersionedNodeType } from 'n8n-workflow';
import { nodeClasses } from './harness/run';

const SNAPSHOT = join(__dirname, 'parameters.snapshot.json');
const EXAMPLES = join(__dirname, '..', 'examples');
const PREFIX = 'n8n-nodes-pbx.';

interface Parameter {
	type: string;
	/** Option values offered (options / multiOptions). */
	options?: Array<string | number | boolean>;
}
interface Variant {
	options?: Array<string | number | boolean>;
	/** The operations ("resource/operation") it is shown for. */
	operations: string[];
}
/** node@version -> "path|type" -> its variants (one per distinct option list). */
type Snapshot = Record<string, Record<string, Variant[]>>;

function versionsOf(type: INodeType | IVersionedNodeType): Array<[number, INodeTypeDescription]> {
	if ('nodeVersions' in type) return Object.entries(type.nodeVersions).map(([v, t]) => [Number(v), t.description]);
	const d = type.description;
	return (Array.isArray(d.version) ? d.version : [d.version]).map((v) => [v, d]);
}

/** The operations of a description ("resource/operation"), or "*" for a node without them. */
function operationsOf(d: INodeTypeDescription): Array<{ key: string; values: INodeParameters }> {
	const ops = d.properties.filter((p) => p.name === 'operation');
	if (!ops.length) return [{ key: '*', values: {} }];
	return ops.flatMap((op) =>
		(op.options as INodePropertyOptions[]).map((o) => {
			const resource = op.displayOptions?.show?.resource?.[0] as string | undefined;
			return { key: `${resource ?? ''}/${String(o.value)}`, values: { ...(resource ? { resource } : {}), operation: o.value } };
		}),
	);
}

/**
 * Every parameter shown for one operation, by path (collections and fixed collections opened). `all`: every
 * parameter whatever the other values (nodes without operations show parameters by their other settings).
 */
function visibleParameters(d: INodeTypeDescription, version: number, set: INodeParameters, all = false): Map<string, Parameter> {
	const node = { name: 'n', type: d.name, typeVersion: version, parameters: set } as unknown as INode;
	const root = NodeHelpers.getNodeParameters(d.properties, set, true, false, node, d) ?? set;
	const out = new Map<string, Parameter>();
	const walk = (props: INodeProperties[], values: INodeParameters, prefix: string) => {
		for (const p of props) {
			if (p.type === 'notice' || (!all && !NodeHelpers.displayParameter(values, p, node, d, root))) continue;
			const path = prefix + p.name;
			const param: Parameter = { type: p.type };
			if (p.type === 'options' || p.type === 'multiOptions') param.options = (p.options as INodePropertyOptions[]).map((o) => o.value);
			out.set(path, param);
			if (p.type === 'collection') walk(p.options as INodeProperties[], {}, `${path}.`);
			if (p.type === 'fixedCollection')
				for (const group of p.options as Array<{ name: string; values: INodeProperties[] }>) walk(group.values, {}, `${path}.${group.name}.`);
		}
	};
	walk(d.properties, root, '');
	return out;
}

function currentSnapshot(): { snapshot: Snapshot; visible: Map<string, Map<string, Map<string, Parameter>>> } {
	const snapshot: Snapshot = {};
	const visible = new Map<string, Map<string, Map<string, Parameter>>>();
	for (const cls of Object.values(nodeClasses)) {
		const type = new cls() as INodeType | IVersionedNodeType;
		for (const [version, d] of versionsOf(type)) {
			const id = `${d.name}@${version}`;
			const entries: Snapshot[string] = {};
			const byOperation = new Map<string, Map<string, Parameter>>();
			for (const { key, values } of operationsOf(d)) {
				const params = visibleParameters(d, version, values, key === '*');
				byOperation.set(key, params);
				for (const [path, p] of params) {
					const variants = (entries[`${path}|${p.type}`] ??= []);
					const same = variants.find((v) => JSON.stringify(v.options) === JSON.stringify(p.options));
					if (same) same.operations.push(key);
					else variants.push(p.options ? { options: p.options, operations: [key] } : { operations: [key] });
				}
			}
			snapshot[id] = entries;
			visible.set(id, byOperation);
		}
	}
	return { snapshot, visible };
}

/** What a saved workflow of the snapshot's time would lose now. */
function breakingChanges(saved: Snapshot, visible: Map<string, Map<string, Map<string, Parameter>>>): string[] {
	const problems: string[] = [];
	for (const [id, entries] of Object.entries(saved)) {
		const now = visible.get(id);
		if (!now) {
			problems.push(`${id}: this node version no longer loads`);
			continue;
		}
		for (const [entryKey, variants] of Object.entries(entries)) {
			const [path, type] = entryKey.split('|');
			for (const variant of variants)
				for (const op of variant.operations) {
					const params = now.get(op);
					if (!params) {
						problems.push(`${id}: operation ${op} is gone`);
						continue;
					}
					const p = params.get(path);
					if (!p) problems.push(`${id} ${op}: parameter ${path} is gone or hidden`);
					else if (p.type !== type) problems.push(`${id} ${op}: parameter ${path} changed type ${type} -> ${p.type}`);
					else {
						const lost = (variant.options ?? []).filter((v) => !p.options?.includes(v));
						if (lost.length) problems.push(`${id} ${op}: parameter ${path} lost option values ${lost.join(', ')}`);
					}
				}
		}
	}
	return [...new Set(problems)];
}

describe('saved workflows keep working', () => {
	const { snapshot, visible } = currentSnapshot();

	it('no parameter of a recorded node version was renamed, retyped, hidden or dropped', () => {
		const saved: Snapshot = existsSync(SNAPSHOT) ? JSON.parse(readFileSync(SNAPSHOT, 'utf8')) : {};
		const problems = breakingChanges(saved, visible);
		if (process.env.UPDATE_PARAMETER_SNAPSHOT && !problems.length) {
			// Additions only: what was recorded stays, new operations/parameters/values/versions are added.
			const merged: Snapshot = structuredClone(snapshot);
			for (const [id, entries] of Object.entries(saved))
				for (const [k, variants] of Object.entries(entries)) {
					const now = (merged[id][k] ??= []);
					for (const v of variants) if (!now.some((n) => JSON.stringify(n) === JSON.stringify(v))) now.push(v);
				}
			const sorted = Object.fromEntries(
				Object.keys(merged)
					.sort()
					.map((id) => [id, Object.fromEntries(Object.keys(merged[id]).sort().map((k) => [k, merged[id][k]]))]),
			);
			// One line per parameter: reviewable diffs.
			const text = Object.entries(sorted)
				.map(([id, entries]) => `\t${JSON.stringify(id)}: {\n${Object.entries(entries).map(([k, v]) => `\t\t${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n\t}`)
				.join(',\n');
			writeFileSync(SNAPSHOT, `{\n${text}\n}\n`);
		}
		expect(problems).toEqual([]);
	});

	it('every node version of the package is in the snapshot', () => {
		const saved: Snapshot = JSON.parse(readFileSync(SNAPSHOT, 'utf8'));
		expect(Object.keys(snapshot).filter((id) => !saved[id])).toEqual([]);
	});

	it('the guard fails on a rename, a retype and a dropped option value', () => {
		const id = 'openVoxUc@1';
		const renamed = structuredClone(snapshot);
		renamed[id]['additionalFields.notThereAnyMore|string'] = [{ operations: ['extension/addExtension'] }];
		renamed[id]['additionalFields.hasvoicemail|string'] = [{ operations: ['extension/addExtension'] }];
		renamed[id]['additionalFields.monitormode|options'] = [{ operations: ['extension/addExtension'], options: ['Telepathy'] }];
		const problems = breakingChanges({ [id]: renamed[id] }, visible);
		expect(problems).toHaveLength(3);
		expect(problems).toEqual(expect.arrayContaining([
			`${id} extension/addExtension: parameter additionalFields.notThereAnyMore is gone or hidden`,
			`${id} extension/addExtension: parameter additionalFields.hasvoicemail changed type string -> boolean`,
			`${id} extension/addExtension: parameter additionalFields.monitormode lost option values Telepathy`,
		]));
	});

	const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json') && !f.endsWith('.e2e.json'));
	it.each(examples)('example %s: every parameter of a package node is shown for its operation, with a value of its type', (file) => {
		const workflow = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as { nodes: INode[] };
		const problems: string[] = [];
		for (const n of workflow.nodes.filter((x) => x.type.startsWith(PREFIX))) {
			const id = `${n.type.slice(PREFIX.length)}@${n.typeVersion}`;
			const byOperation = visible.get(id);
			if (!byOperation) {
				problems.push(`${n.name}: no node ${id}`);
				continue;
			}
			const p = n.parameters as INodeParameters;
			const key = p.operation === undefined ? '*' : `${String(p.resource ?? '')}/${String(p.operation)}`;
			const params = byOperation.get(key) ?? byOperation.get(`${key.split('/')[0]}/${String(p.operation)}`);
			if (!params) {
				problems.push(`${n.name}: no operation ${key}`);
				continue;
			}
			const check = (path: string, value: unknown) => {
				const param = params.get(path);
				if (!param) {
					problems.push(`${n.name}: ${path} is not a parameter of ${key}`);
					return;
				}
				// A picker's value is { __rl, mode, value } (a bare string shows as an unknown value in the editor).
				if (param.type === 'resourceLocator' && (typeof value !== 'object' || value === null || !(value as { __rl?: boolean }).__rl))
					problems.push(`${n.name}: ${path} must be a resource locator value, is ${JSON.stringify(value)}`);
				if (typeof value === 'string' && value.startsWith('=')) return;
				if (param.type === 'boolean' && typeof value !== 'boolean') problems.push(`${n.name}: ${path} must be true/false, is ${JSON.stringify(value)}`);
				if (param.type === 'number' && typeof value !== 'number') problems.push(`${n.name}: ${path} must be a number, is ${JSON.stringify(value)}`);
				if (param.type === 'options' && !param.options!.includes(value as string)) problems.push(`${n.name}: ${path} = ${JSON.stringify(value)} is not offered`);
			};
			for (const [name, value] of Object.entries(p)) {
				// pollTimes: n8n adds it to every polling node itself (NodeHelpers.applySpecialNodeParameters).
				if (name === 'resource' || name === 'operation' || name === 'pollTimes') continue;
				const param = params.get(name);
				if (param?.type === 'collection' && value && typeof value === 'object') {
					for (const [k, v] of Object.entries(value)) check(`${name}.${k}`, v);
				} else check(name, value);
			}
		}
		expect(problems).toEqual([]);
	});
});
