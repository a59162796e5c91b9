#!/usr/bin/env node
// npm run test:e2e — runs the built package inside a real n8n (installed once into .n8n-local/) with the PBX
// emulators, checks that every node/credential of package.json's "n8n" block is loaded and runs the example
// workflows as described by examples/<name>.e2e.json. Format and options: test/e2e/README.md.
//
//   npm run test:e2e                 # build + run; prints "N passed, M failed"; exit 1 on any failure
//   npm run test:e2e -- --no-build   # use the existing dist/
//   npm run test:e2e -- --keep       # keep the temp n8n user folder (kept anyway when something fails)
//   PBX_E2E_ECHO=1 …                 # echo n8n's log
import { runE2E } from '../test/e2e/run.mjs';

const args = new Set(process.argv.slice(2));
runE2E({ build: !args.has('--no-build'), keep: args.has('--keep') }).then(
	(ok) => process.exit(ok ? 0 : 1),
	(e) => {
		console.error(e);
		process.exit(1);
	},
);
