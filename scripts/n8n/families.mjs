// The package's families come from its family registry (nodes/families.ts, built to dist/nodes/families.js); this
// file adds, per family key, its emulator, where it listens for `npm start`, and the credentials (fixed ids) that
// the example workflows reference. Shared by scripts/start.mjs and scripts/e2e.mjs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { ROOT } from './install.mjs';

/** Emulators by family key. */
const EMULATORS = [
	{
		key: 'vos3000',
		source: 'test/emulators/vos3000/index.ts',
		exportName: 'startVos3000Emulator',
		startPort: 18080,
		/** Credentials the examples use: reference them as {"vos3000Api": {"id": "pbxVos3000Emu001", "name": "VOS3000 emulator"}} */
		credentials: ({ port }) => [
			{
				id: 'pbxVos3000Emu001',
				name: 'VOS3000 emulator',
				type: 'vos3000Api',
				data: { scheme: 'http', host: '127.0.0.1', port, allowSelfSigned: false, timeoutMs: 30000 },
			},
		],
		requests: (emu) => emu.requests,
		hint: (emu) => `VOS3000 emulator on ${emu.url} (no login; seeded demo customers/phones/gateways)`,
	},
	{
		key: 'openvox-uc',
		source: 'test/emulators/openvox-uc/index.ts',
		exportName: 'startOpenVoxUcEmulator',
		startPort: 19011,
		/** {"openVoxUcApi": {"id": "pbxOpenVoxUcEmu1", "name": "OpenVox UC emulator"}} */
		credentials: ({ port, n8nPort, emu, reportUrl }) => [
			{
				id: 'pbxOpenVoxUcEmu1',
				name: 'OpenVox UC emulator',
				type: 'openVoxUcApi',
				data: {
					scheme: 'http',
					host: '127.0.0.1',
					port,
					allowSelfSigned: false,
					timeoutMs: 30000,
					username: emu?.username ?? 'api',
					password: emu?.password ?? 'apipass1',
					format: 'json',
					reportPort: n8nPort,
					// queue mode: every process's login registers the trigger's Production URL (README "Running in queue mode")
					reportUrl: reportUrl ?? '',
					apiVersion: '',
				},
			},
		],
		requests: (emu) => emu.requests,
		hint: (emu) => `OpenVox UC emulator on ${emu.url} (API user ${emu.username} / ${emu.password})`,
	},
	...[
		{ key: 'grandstream-ucm', brand: 'grandstream', title: 'Grandstream UCM', type: 'grandstreamUcmApi', id: 'pbxGsUcmEmu0001', startPort: 18089 },
		{ key: 'fiberme-fcm630a', brand: 'fiberme', title: 'FIBERME FCM630A', type: 'fibermeFcm630aApi', id: 'pbxFcm630aEmu001', startPort: 18090 },
	].map(({ key, brand, title, type, id, startPort }) => ({
		key,
		// one emulator source for both brands (the FIBERME one refuses the Grandstream-only actions with -19)
		source: 'test/emulators/ucm/index.ts',
		exportName: 'startUcmEmulator',
		startOptions: { brand },
		startPort,
		/** {"grandstreamUcmApi": {"id": "pbxGsUcmEmu0001", "name": "Grandstream UCM emulator"}} /
		 *  {"fibermeFcm630aApi": {"id": "pbxFcm630aEmu001", "name": "FIBERME FCM630A emulator"}} */
		credentials: ({ port, emu }) => [
			{
				id,
				name: `${title} emulator`,
				type,
				data: {
					// the emulator serves plain HTTP (a real UCM: HTTPS on 8089)
					scheme: 'http',
					host: '127.0.0.1',
					port,
					allowSelfSigned: false,
					caCertificate: '',
					timeoutMs: 30000,
					username: emu?.username ?? 'cdrapi',
					password: emu?.password ?? 'cdrapi123',
					apiVersion: '1.0',
					busyWaitSeconds: -1,
				},
			},
		],
		// { action, path, body: { request: { action, cookie, ...params } }, cookie, at }
		requests: (emu) => emu.requests,
		hint: (emu) => `${title} emulator on ${emu.url}/api (API user ${emu.username} / ${emu.password}; extensions 1000-1005, 1003 unavailable)`,
	})),
];

/**
 * The registry's families (dist/nodes/families.js), each with its emulator when it has one. Without a built
 * package (dist/ missing) the emulators' own list stands in.
 */
function families({ log = console.log } = {}) {
	const registry = join(ROOT, 'dist', 'nodes', 'families.js');
	if (!existsSync(registry)) {
		log(`note: ${registry} not found (run npm run build): starting every emulator`);
		return EMULATORS.map((e) => ({ title: e.key, ...e }));
	}
	const req = createRequire(join(ROOT, 'package.json'));
	return req(registry).families.map((f) => ({ key: f.family, title: f.displayName, ...EMULATORS.find((e) => e.key === f.family) }));
}

/** Compiles test/emulators/*.ts (not tests) to build/test/emulators/*.js with the project's TypeScript. */
export function compileEmulators({ log = console.log } = {}) {
	const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
	if (!EMULATORS.some((f) => existsSync(join(ROOT, f.source)))) return;
	const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.emulators.json')], { cwd: ROOT, encoding: 'utf8' });
	if (r.status !== 0) {
		// noEmitOnError is false: type errors still produce JS; report them and carry on
		log(`note: tsc -p tsconfig.emulators.json reported problems (JS was still emitted):\n${(r.stdout + r.stderr).trim().slice(0, 3000)}`);
	}
}

/**
 * Starts the emulator of every family whose source exists. ports: 'fixed' (startPort) or 'ephemeral' (0).
 * reportUrl: the OpenVox UC credential's Report URL (empty: the trigger registers its own).
 * Returns [{ family, emu, port, credentials }] and prints a note for skipped families.
 */
export async function startEmulators({ ports = 'fixed', n8nPort, reportUrl, log = console.log } = {}) {
	const req = createRequire(join(ROOT, 'package.json'));
	const started = [];
	for (const family of families({ log })) {
		if (!family.source) {
			log(`note: ${family.title}: no emulator in scripts/n8n/families.mjs — family skipped`);
			continue;
		}
		if (!existsSync(join(ROOT, family.source))) {
			log(`note: ${family.title}: ${family.source} not found — family skipped`);
			continue;
		}
		const js = join(ROOT, 'build', family.source.replace(/\.ts$/, '.js'));
		let mod;
		try {
			mod = req(js);
		} catch (e) {
			log(`note: ${family.title}: cannot load ${js} (${e.message.split('\n')[0]}) — family skipped`);
			continue;
		}
		const start = mod[family.exportName];
		if (typeof start !== 'function') {
			log(`note: ${family.title}: ${family.exportName} is not exported by ${family.source} — family skipped`);
			continue;
		}
		const emu = await start({ ...(family.startOptions ?? {}), host: '127.0.0.1', port: ports === 'fixed' ? family.startPort : 0 });
		const port = emu.port;
		started.push({ family, emu, port, credentials: family.credentials({ port, n8nPort, emu, reportUrl }) });
	}
	return started;
}

export async function stopEmulators(started) {
	await Promise.allSettled(started.map((s) => s.emu.close()));
}

// ------------------------------------------------------------------------------------------------- examples

export const EXAMPLES_DIR = process.env.PBX_EXAMPLES_DIR || join(ROOT, 'examples');

/** Deterministic workflow id for an example without one (n8n ids are 16 alphanumerics). */
export function exampleId(file) {
	return ('ex' + createHash('sha1').update(basename(file)).digest('hex')).slice(0, 16);
}

const NON_ACTIVATING = new Set(['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.executeWorkflowTrigger', 'n8n-nodes-base.errorTrigger']);

export function isTriggerNode(node) {
	if (NON_ACTIVATING.has(node.type)) return false;
	const short = node.type.split('.').pop();
	return /Trigger$/i.test(short) || node.type === 'n8n-nodes-base.webhook' || node.type === 'n8n-nodes-base.formTrigger';
}

/**
 * Reads examples/*.json (not *.e2e.json). Returns [{ file, base, workflow, spec, manual, trigger, activate }].
 * `workflow.id` is filled in when missing; `spec` is the parsed sibling <base>.e2e.json or undefined.
 */
export function loadExamples(dir = EXAMPLES_DIR) {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json') && !f.endsWith('.e2e.json'))
		.sort()
		.map((f) => {
			const file = join(dir, f);
			const workflow = JSON.parse(readFileSync(file, 'utf8'));
			if (!workflow.id) workflow.id = exampleId(file);
			const base = f.replace(/\.json$/, '');
			const specFile = join(dir, `${base}.e2e.json`);
			const spec = existsSync(specFile) ? JSON.parse(readFileSync(specFile, 'utf8')) : undefined;
			const nodes = workflow.nodes || [];
			const manual = nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger');
			const trigger = nodes.some(isTriggerNode);
			const activate = spec?.activate ?? (workflow.active === true || trigger);
			return { file, base, workflow, spec, specFile: spec ? specFile : undefined, manual, trigger, activate };
		});
}
