// Runs a script under Node 24 from the npm registry, installed once into the per-user cache shared with the n8n
// installs (scripts/n8n/install.mjs: ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-pbx/node24), so fresh clones reuse it.
// Usage: node scripts/node24.mjs <script> [args...]   (prints the binary path when called without arguments)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ROOT, ensureNode24 } from './n8n/install.mjs';

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const bin = await ensureNode24();
	const args = process.argv.slice(2);
	if (!args.length) console.log(bin);
	else {
		const r = spawnSync(bin, args, { stdio: 'inherit', cwd: ROOT });
		process.exit(r.status ?? 1);
	}
}
