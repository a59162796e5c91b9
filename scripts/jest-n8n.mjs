#!/usr/bin/env node
// Runs the jest suite against the n8n-core / n8n-workflow of a real n8n install (default: the 2.x line that
// `npm start` uses; the devDependencies pin the 1.x line), on Node 24 as n8n 2.x requires.
//
//   node scripts/jest-n8n.mjs [jest args]                         # n8n 2.41.0's n8n-core + n8n-workflow
//   PBX_N8N_VERSION=1.123.81 node scripts/jest-n8n.mjs [jest args]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureN8n } from './n8n/install.mjs';

const { node, n8nDir, version } = await ensureN8n({ quiet: true });
const modules = join(n8nDir, 'node_modules');
const v = (name) => JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')).version;
console.log(`[jest-n8n] n8n ${version}: n8n-core ${v('n8n-core')}, n8n-workflow ${v('n8n-workflow')}, node ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}`);
const r = spawnSync(node, [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', join(ROOT, 'jest.n8n.config.js'), ...process.argv.slice(2)], {
	cwd: ROOT,
	stdio: 'inherit',
	// 1.x's logger is silent under jest by itself; 2.x's logs every node error to the console unless told
	env: { N8N_LOG_LEVEL: 'silent', ...process.env, PBX_JEST_N8N_MODULES: modules },
});
process.exit(r.status ?? 1);
