// Description weight: the JSON size of each node's description as n8n serves it in /types/nodes.json (and of the
// AI-tool twin n8n derives from a usableAsTool node: same properties plus "Tool Description", as
// packages/cli/src/tool-generation/convert-node-to-ai-tool.ts in n8n-io/n8n does it), and the CPU n8n spends
// walking the properties on every execution: NodeHelpers.getNodeParameters (as `new Workflow()` does for each
// node) plus getNodeParametersIssues (as WorkflowExecute does before running a node). "slim" is the least a
// description could be for the same parameters: only the properties shown for that operation.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';

/** The AI-tool twin's description, built the way n8n builds it. */
function toolTwin(description) {
	const d = structuredClone(description);
	d.name += 'Tool';
	d.inputs = [];
	d.outputs = ['ai_tool'];
	d.displayName += ' Tool';
	delete d.usableAsTool;
	d.properties.unshift(
		{
			displayName: 'Tool Description',
			name: 'descriptionType',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Set Automatically', value: 'auto', description: 'Automatically set based on resource and operation' },
				{ name: 'Set Manually', value: 'manual', description: 'Manually set the description' },
			],
			default: 'auto',
		},
		{
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			default: d.description,
			required: true,
			typeOptions: { rows: 2 },
			description: 'Explain to the LLM what this tool does, a good, specific description would allow LLMs to produce expected results much more often',
			displayOptions: { show: { descriptionType: ['manual'] } },
		},
	);
	d.codex = { categories: ['AI'], subcategories: { AI: ['Tools'], Tools: ['Other Tools'] } };
	return d;
}

/**
 * CPU microseconds per call of fn: the best of 7 rounds of ~60 ms after a warm-up. CPU time, not wall time, and
 * the best round: on a shared machine the process is descheduled at random.
 */
function perCall(fn, rounds = 7, ms = 60) {
	for (let i = 0; i < 50; i++) fn();
	let best = Infinity;
	for (let r = 0; r < rounds; r++) {
		let n = 0;
		const t0 = performance.now();
		const c0 = process.cpuUsage();
		while (performance.now() - t0 < ms) {
			for (let i = 0; i < 10; i++) fn();
			n += 10;
		}
		const c = process.cpuUsage(c0);
		best = Math.min(best, (c.user + c.system) / n);
	}
	return best;
}

export async function benchDescriptions(root) {
	const require = createRequire(join(root, 'package.json'));
	const { NodeHelpers } = require('n8n-workflow');
	const pkg = require('./package.json');
	console.log('\n== Node descriptions: bytes in /types/nodes.json and per-execution parameter cost (target: < 100 KB, < 0.5 ms) ==');
	console.log(`  ${'node'.padEnd(26)} ${'bytes'.padStart(8)} ${'tool twin'.padStart(10)} ${'props'.padStart(6)}   per execution: full / slim / overhead (operation, parameters set)`);
	for (const file of pkg.n8n.nodes) {
		const mod = require(join(root, file));
		for (const cls of Object.values(mod)) {
			if (typeof cls !== 'function' || !cls.prototype) continue;
			let description;
			try {
				description = new cls().description;
			} catch {
				continue;
			}
			if (!description?.properties) continue;
			const bytes = JSON.stringify(description).length;
			const twin = description.usableAsTool ? JSON.stringify(toolTwin(description)).length : undefined;
			const kb = (b) => (b === undefined ? '-' : `${(b / 1024).toFixed(1)} KB`);
			let cost = '';
			const ops = description.properties.filter((p) => p.name === 'operation');
			if (ops.length) {
				// The operation with the most optional fields, with its required fields and three optional ones set.
				let best;
				for (const op of ops)
					for (const o of op.options) {
						const parameters = { resource: op.displayOptions.show.resource[0], operation: o.value };
						const node = { name: 'n', type: description.name, typeVersion: 1, parameters, position: [0, 0], id: 'n' };
						const collection = description.properties.find(
							(p) => p.name === 'additionalFields' && NodeHelpers.displayParameter(parameters, p, node, description),
						);
						const shown = (collection?.options ?? []).filter((f) => NodeHelpers.displayParameter(parameters, f, node, description, parameters));
						if (!best || shown.length > best.shown.length) best = { parameters, node, shown, collection };
					}
				const { parameters, node, shown, collection } = best;
				const top = description.properties.filter((p) => p.name !== 'additionalFields' && NodeHelpers.displayParameter(parameters, p, node, description));
				for (const p of top) if (p.required && !(p.name in parameters)) parameters[p.name] = p.type === 'number' ? 1 : p.type === 'boolean' ? true : p.type === 'collection' ? {} : p.default || 'x';
				parameters.additionalFields = Object.fromEntries(shown.slice(0, 3).map((f) => [f.name, f.default]));
				const slim = {
					...description,
					properties: [...top, ...(collection && shown.length ? [{ ...collection, options: shown }] : [])],
				};
				const walk = (d) => () => {
					NodeHelpers.getNodeParameters(d.properties, parameters, false, false, node, d);
					NodeHelpers.getNodeParametersIssues(d.properties, node, d);
				};
				const full = perCall(walk(description));
				const least = perCall(walk(slim));
				const set = Object.keys(parameters).filter((k) => k !== 'additionalFields').length + Object.keys(parameters.additionalFields).length;
				cost = `${(full / 1000).toFixed(3)} / ${(least / 1000).toFixed(3)} / ${((full - least) / 1000).toFixed(3)} ms (${parameters.operation}, ${set})`;
			}
			console.log(`  ${description.name.padEnd(26)} ${kb(bytes).padStart(8)} ${kb(twin).padStart(10)} ${String(description.properties.length).padStart(6)}   ${cost}`);
		}
	}
}
