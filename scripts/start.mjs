#!/usr/bin/env node
// npm start: build the package, start the PBX emulators, install (once) and start a real n8n with the package,
// the emulator credentials and every example workflow loaded. Ctrl-C stops everything.
//
//   npm start                      # editor on http://127.0.0.1:5678/ (n8n 2.41.0)
//   PBX_N8N_VERSION=1.123.81 npm start   # another n8n version (installed once into its own cache folder)
//   npm start -- --fresh           # wipe this version's user folder first (new DB, new owner)
//   npm start -- --no-build        # skip `npm run build`
//   PBX_N8N_PORT=5679 npm start    # other port
//
// State lives in .n8n-local/user-n8n-<version>/ (DB, logs in n8n.log; one per version because n8n's database
// migrations only go forward); examples are re-imported on every start, so edit copies of them (or rename) if you
// want to keep changes. n8n itself is installed outside the clone: scripts/n8n/install.mjs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { N8N_VERSION, ensureN8n } from './n8n/install.mjs';
import {
	OWNER,
	ROOT,
	activateWorkflow,
	createInstance,
	ensureOwner,
	fullWebhookPath,
	importCredentials,
	importWorkflows,
	placePackage,
	prepareUserFolder,
	queryDb,
	startN8n,
	waitActivated,
} from './n8n/instance.mjs';
import { compileEmulators, loadExamples, startEmulators, stopEmulators } from './n8n/families.mjs';

const args = new Set(process.argv.slice(2));
const PORT = Number(process.env.PBX_N8N_PORT || 5678);
const log = (m) => process.stdout.write(`[start] ${m}\n`);

let emulators = [];
let server;
let stopping = false;

async function shutdown(code = 0) {
	if (stopping) return;
	stopping = true;
	log('stopping…');
	try {
		if (server) await server.stop();
	} catch (e) {
		log(`n8n stop: ${e.message}`);
	}
	await stopEmulators(emulators);
	log('stopped');
	process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
process.on('SIGHUP', () => shutdown(0));
// started through `npm start` and npm went away without passing a signal on: stop too
const parentPid = process.ppid;
setInterval(() => process.ppid !== parentPid && shutdown(0), 2000).unref();

async function main() {
	const t0 = Date.now();
	if (!args.has('--no-build')) {
		log('npm run build');
		const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
		if (b.status !== 0) throw new Error('build failed');
	}

	log('compiling emulators (tsconfig.emulators.json → build/)');
	compileEmulators({ log });
	emulators = await startEmulators({ ports: 'fixed', n8nPort: PORT, log });
	for (const s of emulators) log(s.family.hint(s.emu));

	await ensureN8n();

	const inst = createInstance({ userFolder: join(ROOT, '.n8n-local', `user-n8n-${N8N_VERSION}`), port: PORT, version: N8N_VERSION });
	prepareUserFolder(inst, { fresh: args.has('--fresh') });
	const placed = placePackage(inst);
	log(`package ${placed.name}@${placed.version} placed in ${placed.target} (${(placed.n8n.nodes || []).length} nodes, ${(placed.n8n.credentials || []).length} credentials)`);

	if (!(placed.n8n.nodes || []).length) log('note: package.json "n8n".nodes is empty — n8n will list no PBX nodes');

	const creds = emulators.flatMap((s) => s.credentials);
	if (creds.length) {
		log(`importing ${creds.length} credential(s): ${creds.map((c) => c.name).join(', ')}`);
		await importCredentials(inst, creds);
	}
	const examples = loadExamples();
	if (examples.length) {
		log(`importing ${examples.length} example workflow(s)`);
		await importWorkflows(inst, examples.map((e) => e.workflow));
		for (const ex of examples.filter((e) => e.activate)) {
			log(`activating "${ex.workflow.name}" (${ex.workflow.id})`);
			await activateWorkflow(inst, ex.workflow.id);
		}
	} else log('no examples/*.json yet');

	log(`starting n8n on ${inst.baseUrl} (log: ${inst.logFile})`);
	server = await startN8n(inst, { echo: true });
	await ensureOwner(inst);
	const inactive = await waitActivated(inst, server, examples.filter((e) => e.activate).map((e) => e.workflow.id));
	for (const m of inactive) log(`note: workflow ${m.id} not activated: ${m.why} (see the log above)`);
	server.exitPromise.then((e) => {
		if (!stopping) {
			log(`n8n exited unexpectedly (${JSON.stringify(e)})`);
			shutdown(1);
		}
	});

	const hooks = await queryDb(inst, 'SELECT "workflowId", "webhookPath", method, node, "webhookId" FROM webhook_entity').catch(() => []);
	const lines = [
		'',
		'================================================================================',
		`n8n ${N8N_VERSION} ${inst.baseUrl}/  is ready (${Math.round((Date.now() - t0) / 1000)} s; n8n itself ${Math.round(server.startMs / 1000)} s)`,
		`log in with  ${OWNER.email}  /  ${OWNER.password}`,
		'',
		...emulators.map((s) => `  ${s.family.hint(s.emu)}`),
		'',
	];
	if (examples.length) {
		lines.push('Try first:');
		for (const ex of examples) {
			const url = `${inst.baseUrl}/workflow/${ex.workflow.id}`;
			if (ex.manual) lines.push(`  • open "${ex.workflow.name}"  ${url}  and click "Execute workflow"`);
			else lines.push(`  • "${ex.workflow.name}"  ${url}${ex.activate ? '  (active)' : ''}`);
			for (const h of hooks.filter((h) => h.workflowId === ex.workflow.id)) {
				const path = fullWebhookPath(h);
				const note = /(^|\/):/.test(path) ? '   (replace the :segment, e.g. :page by a report page name)' : '';
				// sample body: the first e2e webhook case for this node (e.g. {"from":"1000","to":"1001"}), else {}
				const cases = ex.spec ? (Array.isArray(ex.spec.cases) ? ex.spec.cases : [ex.spec]) : [];
				const sample = cases.find((c) => c.action === 'webhook' && c.body !== undefined && (!c.node || c.node === h.node))?.body ?? {};
				const data = JSON.stringify(sample).replace(/'/g, `'\\''`);
				lines.push(`      curl -X ${h.method} -H 'content-type: application/json' -d '${data}' ${inst.baseUrl}/webhook/${path}${note}`);
			}
		}
	} else {
		lines.push('No example workflows yet: create a workflow, add a PBX node and pick the "… emulator" credential.');
	}
	lines.push('', 'Ctrl-C stops n8n and the emulators.', '================================================================================', '');
	process.stdout.write(lines.join('\n') + '\n');
}

main().catch(async (e) => {
	process.stderr.write(`[start] FAILED: ${e.stack || e.message}\n`);
	await shutdown(1);
});
