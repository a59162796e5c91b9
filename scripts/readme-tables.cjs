#!/usr/bin/env node
'use strict';
// The README's operation, event and manual-note tables, generated from the endpoint tables (the one source of
// truth for every endpoint). Rewrites the blocks between markers such as
//   <!-- operations:vos3000 --> … <!-- /operations:vos3000 -->
// (kinds: operations, events, notes; one block of each kind per family in the catalog).
//
//   npm run readme                          # build, then rewrite README.md
//   node scripts/readme-tables.cjs          # rewrite README.md from the existing dist/
//   node scripts/readme-tables.cjs --check  # exit 1 if README.md is out of date
//
// CommonJS on purpose: test/readme.test.ts requires this same file under ts-jest and feeds it the TypeScript
// tables (loadFamilies(<repo root>)), while this CLI feeds it the built ones (loadFamilies(<repo>/dist)).
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const KINDS = ['operations', 'events', 'notes', 'keys'];
/** Kinds a family has a block of only when its table has such entries. */
const hasKind = (kind, fam) => kind !== 'keys' || fam.endpoints.some((e) => e.idempotency);

/** Loads the catalog and each family's tables (nodes/families: the family registry) from `base` (repo root under ts-jest, or dist/). */
function loadFamilies(base) {
	const { catalog } = require(join(base, 'nodes', 'catalog'));
	const { families } = require(join(base, 'nodes', 'families'));
	return catalog.map((entry) => {
		const spec = families.find((f) => f.family === entry.family);
		if (!spec || !Array.isArray(spec.endpoints) || !Array.isArray(spec.events)) throw new Error(`readme-tables: tables of "${entry.family}" not found`);
		return { family: entry.family, catalog: entry, endpoints: spec.endpoints, events: spec.events, actionNodes: spec.actionNodes ?? [] };
	});
}

const cell = (text) => String(text ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim();
const code = (text) => '`' + String(text).replace(/\|/g, '\\|') + '`';

function leafNames(fields, prefix = '') {
	const out = [];
	for (const f of fields) {
		const name = prefix ? `${prefix}.${f.name}` : f.name;
		if (f.children && f.children.length) out.push(...leafNames(f.children, name));
		else out.push(name);
	}
	return out;
}

function wirePath(fam, endpoint) {
	const entry = fam.catalog.endpoints.find((e) => e.id === endpoint.id);
	const path = (entry && (entry.path || entry.action)) || endpoint.path || endpoint.wireAction || '';
	return endpoint.method === 'GET' ? `GET ${path}` : path;
}

function operationsTable(fam) {
	const byId = new Map(fam.endpoints.map((e) => [e.id, e]));
	const visible = fam.endpoints.filter((e) => !e.hidden);
	const resources = [];
	for (const e of visible) if (!resources.includes(e.resource)) resources.push(e.resource);
	// A family split into several action nodes says which node offers each resource.
	const split = fam.actionNodes.length > 1;
	const nodeOf = (resource) => fam.actionNodes.find((n) => n.resources.includes(resource));
	const rows = split
		? ['| Node | Resource | Operation | What it does | Wire path | Required fields | Never retried |', '| --- | --- | --- | --- | --- | --- | --- |']
		: ['| Resource | Operation | What it does | Wire path | Required fields | Never retried |', '| --- | --- | --- | --- | --- | --- |'];
	// Grouped by node, each node's resources in table order.
	const ordered = split ? fam.actionNodes.flatMap((n) => resources.filter((r) => nodeOf(r) === n)) : resources;
	if (split) {
		const lost = resources.filter((r) => !nodeOf(r));
		if (lost.length) throw new Error(`readme-tables: ${fam.family}: resources in no action node: ${lost.join(', ')}`);
	}
	for (const resource of ordered) {
		const node = split ? `${cell(nodeOf(resource).displayName)} | ` : '';
		for (const e of visible.filter((x) => x.resource === resource)) {
			let path = code(wirePath(fam, e));
			const first = e.uses && byId.get(e.uses);
			if (first) path = `${code(wirePath(fam, first))}, then ${path}`;
			const required = e.fields.filter((f) => f.required && !f.internal).map((f) => code(f.name));
			const what = cell(e.action) + (e.binary ? ' (file as binary data)' : '');
			const never = e.effect === 'money' || e.effect === 'call' ? e.effect : '';
			rows.push(`| ${node}${cell(resource)} | ${cell(e.operation)} | ${what} | ${path} | ${required.join(', ')} | ${never} |`);
		}
	}
	return rows.join('\n');
}

function eventsTable(fam) {
	const rows = ['| Event | Wire key | Fields |', '| --- | --- | --- |'];
	for (const e of fam.events) {
		const title = cell(e.title) + (e.answer === 'workflow' ? ' (the workflow answers it)' : '');
		const keys = [e.key, ...(e.aliases ?? [])].map(code).join(', ');
		rows.push(`| ${title} | ${keys} | ${leafNames(e.fields).map(code).join(', ')} |`);
	}
	return rows.join('\n');
}

function notesList(fam) {
	const lines = [];
	for (const e of fam.endpoints) {
		if (!e.notes) continue;
		const where = `${e.resource} → ${e.operation}${e.hidden ? ' (a step of another operation)' : ''}`;
		lines.push(`- **${cell(where)}** (${code(wirePath(fam, e))}): ${cell(e.notes)}`);
	}
	return lines.length ? lines.join('\n') : '_No notes._';
}

function keysTable(fam) {
	const rows = ['| Operation | The key is kept in | Checked before sending and after a lost answer | Limits |', '| --- | --- | --- | --- |'];
	for (const e of fam.endpoints.filter((x) => x.idempotency)) {
		const k = e.idempotency;
		const kept = k.keyField ? `${code(k.keyField)} (${code('[n8n-key:<key>]')} first, then your own text)` : 'nowhere (no caller text)';
		rows.push(`| ${cell(`${e.resource} → ${e.operation}`)} (${code(wirePath(fam, e))}) | ${kept} | ${cell(k.lookup)} | ${cell(k.limits)} |`);
	}
	return rows.join('\n');
}

function render(kind, fam) {
	if (kind === 'operations') return operationsTable(fam);
	if (kind === 'keys') return keysTable(fam);
	if (kind === 'events') return eventsTable(fam);
	return notesList(fam);
}

/** Returns `readme` with every generated block replaced; throws when a family's markers are missing. */
function updateReadme(readme, families) {
	let out = readme;
	const missing = [];
	for (const fam of families) {
		for (const kind of KINDS) {
			if (!hasKind(kind, fam)) continue;
			const open = `<!-- ${kind}:${fam.family} -->`;
			const close = `<!-- /${kind}:${fam.family} -->`;
			const start = out.indexOf(open);
			const end = out.indexOf(close);
			if (start < 0 || end < start) {
				missing.push(`${open} … ${close}`);
				continue;
			}
			out = `${out.slice(0, start + open.length)}\n${render(kind, fam)}\n${out.slice(end)}`;
		}
	}
	if (missing.length) throw new Error(`README.md lacks the markers:\n  ${missing.join('\n  ')}`);
	return out;
}

/** First differing line, for a readable failure message. */
function firstDifference(a, b) {
	const x = a.split('\n');
	const y = b.split('\n');
	for (let i = 0; i < Math.max(x.length, y.length); i++) {
		if (x[i] !== y[i]) return `line ${i + 1}:\n  README:    ${x[i] ?? '(end of file)'}\n  generated: ${y[i] ?? '(end of file)'}`;
	}
	return '';
}

module.exports = { KINDS, loadFamilies, updateReadme, firstDifference };

if (require.main === module) {
	const root = join(__dirname, '..');
	const dist = join(root, 'dist');
	if (!existsSync(join(dist, 'nodes', 'catalog.js'))) {
		console.error('readme-tables: dist/ not built; run `npm run readme` (builds first) or `npm run build`');
		process.exit(1);
	}
	const file = join(root, 'README.md');
	const readme = readFileSync(file, 'utf8');
	const updated = updateReadme(readme, loadFamilies(dist));
	if (process.argv.includes('--check')) {
		if (updated !== readme) {
			console.error(`README.md is out of date; run \`npm run readme\`. First difference at ${firstDifference(readme, updated)}`);
			process.exit(1);
		}
		console.log('README.md tables are up to date');
	} else if (updated !== readme) {
		writeFileSync(file, updated);
		console.log('README.md tables rewritten');
	} else {
		console.log('README.md tables already up to date');
	}
}
