#!/usr/bin/env node
// npm run test:e2e — runs the built package inside a real n8n (installed once into the per-version cache, see
// scripts/n8n/install.mjs) with the PBX emulators, checks that every node/credential of package.json's "n8n" block is
// loaded and runs the example workflows as described by examples/<name>.e2e.json. Format and options:
// test/e2e/README.md.
//
//   npm run test:e2e                 # build + run; prints "N passed, M failed"; exit 1 on any failure
//   npm run test:e2e -- --no-build   # use the existing dist/
//   npm run test:e2e -- --keep       # keep the temp n8n user folders (kept anyway when something fails)
//   npm run test:e2e -- --queue      # queue mode: Redis + PostgreSQL, n8n main + 2 workers + webhook process
//   PBX_N8N_VERSION=1.123.81 …       # another n8n version (default: scripts/n8n/install.mjs DEFAULT_N8N_VERSION)
//   PBX_E2E_ECHO=1 …                 # echo n8n's log
import { runE2E } from '../test/e2e/run.mjs';

const args = new Set(process.argv.slice(2));
const known = new Set(['--no-build', '--keep', '--queue']);
for (const a of args) if (!known.has(a)) (console.error(`unknown option ${a} (known: ${[...known].join(' ')})`), process.exit(2));
runE2E({ build: !args.has('--no-build'), keep: args.has('--keep'), queue: args.has('--queue') }).then(
	(ok) => process.exit(ok ? 0 : 1),
	(e) => {
		console.error(e);
		process.exit(1);
	},
);
