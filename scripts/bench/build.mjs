// Compiles the harness, emulators, nodes and credentials to build/ and prepares n8n-core to run outside jest:
// the one start-up step of `npm run bench` and `npm run bench:faults`.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Returns a `require` rooted at the project, with jest's globals shimmed, after compiling to build/. */
export function compileForBench(ROOT) {
	const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
	const t0 = performance.now();
	const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.bench.json')], { cwd: ROOT, encoding: 'utf8' });
	const out = (r.stdout + r.stderr).trim();
	// noEmitOnError is false: type-only problems (e.g. TS2589 in the harness' mock<>) still emit JS.
	if (r.status !== 0) console.log(`note: tsc -p tsconfig.bench.json reported (JS still emitted): ${out.split('\n').slice(0, 5).join(' | ')}`);
	console.log(`compiled build/ in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
	// n8n-core reads/writes its settings under N8N_USER_FOLDER: keep that inside build/, not ~/.n8n.
	process.env.N8N_USER_FOLDER ??= join(ROOT, 'build', 'bench-n8n');
	mkdirSync(process.env.N8N_USER_FOLDER, { recursive: true });
	process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';
	const require = createRequire(join(ROOT, 'package.json'));
	require('./scripts/bench/jest-shim.cjs');
	return require;
}
