// Runs a script under Node 24 from the npm registry, installed once into .n8n-local/node24 (ignored folder).
// Usage: node scripts/node24.mjs <script> [args...]   (prints the binary path when called without arguments)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, '.n8n-local', 'node24');
export const node24 = join(dir, 'node_modules', 'node', 'bin', 'node');

export function ensureNode24() {
	if (existsSync(node24)) return node24;
	mkdirSync(dir, { recursive: true });
	if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{"name":"node24-runtime","private":true}\n');
	// The node package's install script links the binary; scripts must run for this one install.
	execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts=false', 'node@24'], { cwd: dir, stdio: 'inherit' });
	if (!existsSync(node24)) throw new Error(`Node 24 was not installed at ${node24}`);
	return node24;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const bin = ensureNode24();
	const args = process.argv.slice(2);
	if (!args.length) console.log(bin);
	else {
		const r = spawnSync(bin, args, { stdio: 'inherit', cwd: root });
		process.exit(r.status ?? 1);
	}
}
