// Build: tsc to dist/, then the static files n8n loads beside the compiled nodes (icons, codex JSON),
// and dist/catalog.js at the path the catalog contract names.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { stdio: 'inherit', cwd: root });

function walk(dir, fn) {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) walk(p, fn);
		else fn(p);
	}
}
let copied = 0;
for (const top of ['nodes', 'credentials', 'icons']) {
	const from = join(root, top);
	if (!existsSync(from)) continue;
	walk(from, (p) => {
		if (!/\.(svg|png|json)$/.test(p)) return;
		const to = join(dist, relative(root, p));
		mkdirSync(dirname(to), { recursive: true });
		cpSync(p, to);
		copied++;
	});
}
writeFileSync(join(dist, 'catalog.js'), "'use strict';\nmodule.exports = require('./nodes/catalog.js');\n");
console.log(`build: dist/ written, ${copied} static files copied`);
