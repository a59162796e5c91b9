// End-to-end run of the built package inside a real n8n (see test/e2e/README.md). Entry point: scripts/e2e.mjs.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { CACHE, N8N_VERSION, ensureN8n } from '../../scripts/n8n/install.mjs';
import { freePort, startPostgres, startRedis } from '../../scripts/n8n/services.mjs';
import {
	ROOT,
	activateWorkflow,
	createInstance,
	ensureOwner,
	fullWebhookPath,
	importCredentials,
	importWorkflows,
	login,
	parseExecutionData,
	placePackage,
	prepareUserFolder,
	queryDb,
	closeDb,
	restGet,
	runN8nCli,
	startN8n,
	tempUserFolder,
	waitActivated,
} from '../../scripts/n8n/instance.mjs';
import { compileEmulators, loadExamples, startEmulators, stopEmulators } from '../../scripts/n8n/families.mjs';
import { watchLogins } from './logins.mjs';
import { matchSubset } from './match.mjs';

const log = (m) => process.stdout.write(`[e2e] ${m}\n`);

const results = [];
async function check(name, fn) {
	const t = Date.now();
	try {
		await fn();
		results.push({ name, ok: true });
		log(`PASS ${name} (${Date.now() - t} ms)`);
	} catch (e) {
		results.push({ name, ok: false, error: e.message });
		log(`FAIL ${name} (${Date.now() - t} ms)\n       ${String(e.message).split('\n').join('\n       ')}`);
	}
}

/** Reads the node/credential type names the package declares by loading its dist files (like n8n's loader). */
function declaredTypes(packageDir, pkg) {
	const req = createRequire(join(packageDir, 'package.json'));
	const read = (file, kind) => {
		const cls = basename(file).replace(/\.(node|credentials)\.js$/, '');
		try {
			const mod = req(join(packageDir, file));
			const C = mod[cls] ?? Object.values(mod).find((v) => typeof v === 'function');
			const obj = new C();
			return kind === 'node' ? obj.description?.name ?? obj.description?.defaultVersion : obj.name;
		} catch (e) {
			return { file, error: e.message.split('\n')[0] };
		}
	};
	return {
		nodes: (pkg.n8n?.nodes || []).map((f) => ({ file: f, name: read(f, 'node') })),
		credentials: (pkg.n8n?.credentials || []).map((f) => ({ file: f, name: read(f, 'cred') })),
	};
}

function substitute(value, vars) {
	if (typeof value === 'string') {
		return value.replace(/\{\{\s*([a-zA-Z]+)(?::([^}]*))?\s*\}\}/g, (m, key, arg) => {
			const v = vars(key, arg?.trim());
			return v === undefined ? m : String(v);
		});
	}
	if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
	return value;
}

async function maxExecutionId(inst) {
	const rows = await queryDb(inst, 'SELECT MAX(CAST(id AS INTEGER)) AS m FROM execution_entity');
	return rows[0]?.m ?? 0;
}

/** Waits for the first finished execution of workflowId with id > afterId; returns { row, data }. */
async function waitExecution(inst, workflowId, afterId, timeoutMs) {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const rows = await queryDb(
			inst,
			`SELECT e.id, e.status, e.mode, e.finished, d.data FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
			 WHERE e."workflowId" = ? AND CAST(e.id AS INTEGER) > ? ORDER BY CAST(e.id AS INTEGER) ASC LIMIT 1`,
			[workflowId, afterId],
		);
		const row = rows[0];
		if (row && !['new', 'running', 'waiting'].includes(row.status) && row.data) {
			return { row, data: parseExecutionData(inst, row.data) };
		}
		if (Date.now() > until) {
			throw new Error(row ? `execution ${row.id} still "${row.status}" after ${timeoutMs} ms` : `no execution of ${workflowId} within ${timeoutMs} ms`);
		}
		await new Promise((r) => setTimeout(r, 300));
	}
}

function nodeItems(data, nodeName) {
	const runs = data.resultData?.runData?.[nodeName];
	if (!runs?.length) return undefined;
	const run = runs[runs.length - 1];
	return (run.data?.main?.[0] ?? []).map((i) => i.json);
}

/** Expectations about all items of a node: an array, or an operator object with $contains / $len. */
const wantsAllItems = (want) => Array.isArray(want) || (want !== null && typeof want === 'object' && ('$contains' in want || '$len' in want));

function checkExecution(exp, { row, data }) {
	const errors = [];
	const err = data.resultData?.error;
	const wantStatus = exp.status ?? 'success';
	if (row.status !== wantStatus) {
		errors.push(`status "${row.status}", expected "${wantStatus}"${err ? `: ${err.message}${err.description ? ` — ${err.description}` : ''}` : ''}`);
	}
	if (exp.error !== undefined) {
		const msg = `${err?.message ?? ''} ${err?.description ?? ''}`;
		if (!msg.includes(exp.error)) errors.push(`error "${msg.trim()}" does not contain "${exp.error}"`);
	}
	if (exp.output !== undefined) {
		const last = data.resultData?.lastNodeExecuted;
		const items = last ? nodeItems(data, last) : undefined;
		const actual = wantsAllItems(exp.output) ? items : items?.[0];
		const d = matchSubset(actual, exp.output, `output(${last})`);
		if (d) errors.push(d);
	}
	for (const [node, want] of Object.entries(exp.nodes ?? {})) {
		const items = nodeItems(data, node);
		if (!items) {
			errors.push(`node "${node}" did not run (ran: ${Object.keys(data.resultData?.runData ?? {}).join(', ')})`);
			continue;
		}
		const d = matchSubset(wantsAllItems(want) ? items : items[0], want, `nodes["${node}"]`);
		if (d) errors.push(d);
	}
	for (const [node, want] of Object.entries(exp.itemCounts ?? {})) {
		const items = nodeItems(data, node);
		const d = matchSubset(items?.length ?? 0, want, `itemCounts["${node}"]`);
		if (d) errors.push(d);
	}
	if (exp.notRun) {
		for (const node of exp.notRun) if (data.resultData?.runData?.[node]) errors.push(`node "${node}" ran but should not have`);
	}
	return errors;
}

/** Values of the {{…}} placeholders of a case (test/e2e/README.md). */
function caseVars({ inst, webhookBase, emulators, hooks }, ex) {
	const wfId = ex.workflow.id;
	return (key, arg) => {
		if (key === 'n8nUrl') return inst.baseUrl;
		if (key === 'webhookUrl' || key === 'webhookPath' || key === 'webhookBaseUrl') {
			const h = hooks.find((h) => h.workflowId === wfId && (!arg || h.node === arg));
			if (!h) return undefined;
			const path = fullWebhookPath(h);
			if (key === 'webhookPath') return path;
			if (key === 'webhookUrl') return `${webhookBase}/webhook/${path}`;
			// webhookBaseUrl: the URL without its trailing ":param" segments, with a trailing slash — what a PBX that
			// appends a page name to a configured address (VOS3000 OUT_POST_URL) is given.
			const segs = path.split('/');
			while (segs.length && segs[segs.length - 1].startsWith(':')) segs.pop();
			return `${webhookBase}/webhook/${segs.join('/')}/`;
		}
		if (key === 'emulatorUrl') return emulators.find((s) => s.family.key === arg)?.emu.url;
		return undefined;
	};
}

async function runCase(ctx, ex, c) {
	const { inst, webhookBase, emulators, hooks } = ctx;
	const wfId = ex.workflow.id;
	c = substitute(c, caseVars(ctx, ex));
	const timeoutMs = c.timeoutMs ?? 30_000;
	const before = await maxExecutionId(inst);
	const reqMarks = Object.fromEntries(emulators.map((s) => [s.family.key, s.family.requests(s.emu)?.length ?? 0]));
	const errors = [];
	const action = c.action ?? (ex.manual ? 'execute' : 'none');

	if (action === 'execute') {
		await runN8nCli(inst, ['execute', `--id=${wfId}`, '--rawOutput'], { allowFail: true, timeoutMs: timeoutMs + 60_000 });
	} else if (action === 'webhook') {
		let path = c.path;
		if (!path) {
			const h = hooks.find((h) => h.workflowId === wfId && (!c.node || h.node === c.node) && (!c.method || h.method === c.method.toUpperCase()));
			if (!h) throw new Error(`no registered webhook for workflow ${wfId}${c.node ? ` node "${c.node}"` : ''} (is it active? webhooks: ${JSON.stringify(hooks.filter((x) => x.workflowId === wfId))})`);
			path = fullWebhookPath(h);
		}
		const method = (c.method ?? 'POST').toUpperCase();
		const url = /^https?:/.test(path) ? path : `${c.test ? inst.baseUrl : webhookBase}/${c.test ? 'webhook-test' : 'webhook'}/${path.replace(/^\//, '')}${c.query ? `?${new URLSearchParams(c.query)}` : ''}`;
		const headers = { ...(c.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(c.headers ?? {}) };
		const body = c.rawBody ?? (c.body !== undefined ? JSON.stringify(c.body) : undefined);
		const r = await fetch(url, { method, headers, body: method === 'GET' ? undefined : body, signal: AbortSignal.timeout(timeoutMs) });
		const text = await r.text();
		if (c.expectResponse) {
			const er = c.expectResponse;
			if (er.status !== undefined && r.status !== er.status) errors.push(`HTTP ${r.status}, expected ${er.status}: ${text.slice(0, 300)}`);
			for (const [k, v] of Object.entries(er.headers ?? {})) {
				const got = r.headers.get(k) ?? '';
				if (!got.includes(v)) errors.push(`response header ${k}: "${got}" does not contain "${v}"`);
			}
			if (er.body !== undefined) {
				if (typeof er.body === 'string') {
					if (!text.includes(er.body)) errors.push(`response body does not contain ${JSON.stringify(er.body)}: ${text.slice(0, 300)}`);
				} else {
					let json;
					try {
						json = JSON.parse(text);
					} catch {
						errors.push(`response body is not JSON: ${text.slice(0, 300)}`);
					}
					if (json !== undefined) {
						const d = matchSubset(json, er.body, 'response');
						if (d) errors.push(d);
					}
				}
			}
		} else if (r.status >= 400) errors.push(`HTTP ${r.status}: ${text.slice(0, 300)}`);
	} else if (action === 'emulator') {
		const s = emulators.find((x) => x.family.key === c.emulator?.family);
		if (!s) throw new Error(`emulator "${c.emulator?.family}" is not running (running: ${emulators.map((x) => x.family.key).join(', ') || 'none'})`);
		const fn = s.emu[c.emulator.method];
		if (typeof fn !== 'function') throw new Error(`emulator ${s.family.key} has no method "${c.emulator.method}"`);
		const answer = await fn.apply(s.emu, c.emulator.args ?? []);
		if (c.expectEmulatorResult !== undefined) {
			const d = matchSubset(answer, c.expectEmulatorResult, 'emulator result');
			if (d) errors.push(`${d}\n(emulator result: ${JSON.stringify(answer).slice(0, 400)})`);
		}
	} else if (action !== 'none') {
		throw new Error(`unknown action "${action}"`);
	}

	const wantExecution = c.expect !== undefined || action === 'execute';
	if (wantExecution && c.expect !== null) {
		const ex2 = await waitExecution(inst, wfId, before, timeoutMs);
		errors.push(...checkExecution(c.expect ?? {}, ex2));
	}
	for (const [family, wanted] of Object.entries(c.expectRequests ?? {})) {
		const s = emulators.find((x) => x.family.key === family);
		if (!s) {
			errors.push(`expectRequests: emulator "${family}" not running`);
			continue;
		}
		const got = (s.family.requests(s.emu) ?? []).slice(reqMarks[family]);
		for (const w of wanted) {
			if (!got.some((g) => !matchSubset(g, w, ''))) errors.push(`expectRequests.${family}: no request matches ${JSON.stringify(w)} (got ${got.length}: ${JSON.stringify(got.map((g) => g.name ?? g.path)).slice(0, 300)})`);
		}
	}
	if (errors.length) throw new Error(errors.join('\n'));
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Repeats an example's IVR call `n` times one after the other; every answer must match; prints p50/p99/max. */
async function ivrLatency(ctx, examples, n) {
	let found;
	for (const ex of examples) {
		const cases = ex.spec ? (Array.isArray(ex.spec.cases) ? ex.spec.cases : [ex.spec]) : [];
		const c = cases.find((k) => k.action === 'emulator' && k.emulator?.method === 'ivrCall' && k.expectEmulatorResult !== undefined && !k.skip);
		if (c) {
			found = { ex, c };
			break;
		}
	}
	if (!found) throw new Error('no example case calls the VOS3000 emulator\'s ivrCall with an expected answer');
	const { ex, c } = found;
	const s = ctx.emulators.find((x) => x.family.key === c.emulator.family);
	const args = substitute(c.emulator.args, caseVars(ctx, ex));
	const ms = [];
	const wrong = [];
	for (let i = 0; i < n; i++) {
		const t = performance.now();
		const answer = await s.emu.ivrCall(...args);
		ms.push(performance.now() - t);
		const d = matchSubset(answer, c.expectEmulatorResult, 'answer');
		if (d) wrong.push(`call ${i + 1}: ${d} (${JSON.stringify(answer).slice(0, 300)})`);
		if (wrong.length >= 5) break; // the IVR is broken, not slow: say so without waiting out every call
	}
	const sorted = [...ms].sort((a, b) => a - b);
	const fmt = (v) => `${Math.round(v)} ms`;
	log(`IVR answer latency (${ex.base}, ${ms.length} calls through ${ctx.webhookBase}): p50 ${fmt(percentile(sorted, 50))}, p99 ${fmt(percentile(sorted, 99))}, max ${fmt(sorted.at(-1))}, min ${fmt(sorted[0])}`);
	if (wrong.length) throw new Error(`${wrong.length} of ${ms.length} calls did not get the workflow's answer:\n${wrong.join('\n')}`);
}

/**
 * Starts the n8n processes of one topology. Regular: one `n8n start` on SQLite. Queue: Redis + PostgreSQL (own
 * processes), then main + 2 workers + a webhook process, each with its own user folder and its own copy of the
 * package (as separate hosts/containers would have). Returns { main, webhook, processes: [{ name, inst, server }] }.
 */
export async function startTopology({ queue, version, baseFolder, emulatorsFor, examples, services, state, echo }) {
	const mainPort = await freePort();
	const webhookPort = queue ? await freePort() : mainPort;
	const webhookUrl = `http://127.0.0.1:${webhookPort}`;
	// queue mode: the OpenVox UC credential names the trigger's Production URL, as the README tells users to
	const ucTrigger = examples.flatMap((e) => e.workflow.nodes ?? []).find((n) => /\.openVoxUcTrigger$/.test(n.type) && n.webhookId);
	const reportUrl = queue && ucTrigger ? `${webhookUrl}/webhook/${ucTrigger.webhookId}/report` : undefined;
	const emulators = await emulatorsFor(queue ? webhookPort : mainPort, reportUrl);
	const common = { version, webhookUrl };
	if (queue) {
		services.redis = await startRedis();
		services.postgres = await startPostgres();
		Object.assign(common, { redis: services.redis, db: services.postgres });
	}
	const roles = queue
		? [
				{ name: 'main', command: 'start', port: mainPort },
				{ name: 'webhook', command: 'webhook', port: webhookPort },
				{ name: 'worker1', command: 'worker', port: await freePort() },
				{ name: 'worker2', command: 'worker', port: await freePort() },
			]
		: [{ name: 'main', command: 'start', port: mainPort }];
	const processes = roles.map((r) => {
		const inst = createInstance({ ...common, userFolder: join(baseFolder, r.name), port: r.port, command: r.command, name: r.name, logPrefix: `[e2e n8n ${r.name}]` });
		prepareUserFolder(inst);
		const placed = placePackage(inst);
		return { ...r, inst, placed, server: undefined };
	});
	state.processes = processes;
	const main = processes[0];
	const creds = emulators.flatMap((s) => s.credentials);
	if (creds.length) await importCredentials(main.inst, creds);
	if (examples.length) await importWorkflows(main.inst, examples.map((e) => e.workflow));
	for (const ex of examples.filter((e) => e.activate)) await activateWorkflow(main.inst, ex.workflow.id);
	// the main runs the migrations on a fresh database before anyone else touches it
	main.server = await startN8n(main.inst, { echo });
	log(`${main.name} (n8n ${version} ${main.command}) ready on ${main.inst.baseUrl} in ${main.server.startMs} ms`);
	await Promise.all(
		processes.slice(1).map(async (p) => {
			p.server = await startN8n(p.inst, { echo });
			log(`${p.name} (n8n ${p.command}) ready on ${p.inst.baseUrl} in ${p.server.startMs} ms`);
		}),
	);
	return { emulators, processes, main, webhook: processes.find((p) => p.command === 'webhook') ?? main };
}

export async function runE2E({ build = true, keep = false, queue = false, version = N8N_VERSION } = {}) {
	const t0 = Date.now();
	const topologyName = `n8n ${version}${queue ? ' queue mode (main + 2 workers + webhook, Redis, PostgreSQL)' : ' regular'}`;
	let emulators = [];
	let topo;
	let baseFolder;
	const services = {};
	const state = { processes: [] };
	let logins;
	const cleanup = async () => {
		for (const p of [...state.processes].reverse()) if (p.server) await p.server.stop().catch(() => undefined);
		state.processes = [];
		await closeDb();
		await stopEmulators(emulators);
		emulators = [];
		for (const s of [services.redis, services.postgres]) if (s) await s.stop().catch(() => undefined);
		services.redis = services.postgres = undefined;
		if (baseFolder && !keep) rmSync(baseFolder, { recursive: true, force: true });
	};
	const onSignal = () => cleanup().then(() => process.exit(130));
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	try {
		if (build && !process.env.PBX_PACKAGE_DIR) {
			log('npm run build');
			const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
			if (b.status !== 0) throw new Error('build failed');
		}
		compileEmulators({ log });
		await ensureN8n({ quiet: true, version });
		log(`topology: ${topologyName}`);
		baseFolder = tempUserFolder();
		const examples = loadExamples();
		topo = await startTopology({
			queue,
			version,
			baseFolder,
			examples,
			services,
			state,
			echo: !!process.env.PBX_E2E_ECHO,
			emulatorsFor: async (n8nPort, reportUrl) => {
				emulators = await startEmulators({ ports: 'ephemeral', n8nPort, reportUrl, log });
				logins = watchLogins(emulators);
				return emulators;
			},
		});
		const inst = topo.main.inst;
		const server = topo.main.server;
		const pkg = { name: topo.main.placed.name, n8n: topo.main.placed.n8n };
		log(`user folders under ${baseFolder}, emulators: ${emulators.map((s) => `${s.family.key}@${s.port}`).join(', ') || 'none'}`);
		const notActivated = await waitActivated(inst, server, examples.filter((e) => e.activate).map((e) => e.workflow.id));
		const startupLog = topo.processes.map((p) => p.server.log()).join('\n');
		await ensureOwner(inst);
		const cookie = await login(inst);

		// ---- 1. every declared node and credential is loaded
		const declared = declaredTypes(inst.packageDir, { n8n: pkg.n8n });
		const nodeTypes = await restGet(inst, cookie, '/types/nodes.json');
		const credTypes = await restGet(inst, cookie, '/types/credentials.json');
		const loadedNodes = new Set(nodeTypes.map((n) => n.name));
		const loadedCreds = new Set(credTypes.map((c) => c.name));
		const ours = [...loadedNodes].filter((n) => n.startsWith(`${pkg.name}.`));
		await check(`package declares nodes in package.json "n8n" block`, () => {
			if (!declared.nodes.length) throw new Error('package.json "n8n".nodes is empty');
		});
		for (const n of declared.nodes) {
			await check(`node ${n.file} loaded`, () => {
				if (typeof n.name !== 'string') {
					if (ours.length < declared.nodes.length) throw new Error(`cannot read its name (${n.name.error}); n8n loaded only ${ours.length} node types of ${pkg.name}`);
					return;
				}
				if (!loadedNodes.has(`${pkg.name}.${n.name}`)) throw new Error(`"${pkg.name}.${n.name}" not in /types/nodes.json (package types loaded: ${ours.join(', ') || 'none'})`);
			});
		}
		for (const c of declared.credentials) {
			await check(`credential ${c.file} loaded`, () => {
				if (typeof c.name !== 'string') throw new Error(`cannot read its name: ${c.name.error}`);
				if (!loadedCreds.has(c.name)) throw new Error(`"${c.name}" not in /types/credentials.json`);
			});
		}
		await check('no load errors for the package in the n8n log', () => {
			const bad = startupLog
				.split('\n')
				// the install cache's own path (…/n8n-nodes-pbx/n8n-<version>/) is not the package
				.filter((l) => l.split(CACHE).join('<cache>').includes(pkg.name) && /error|fail|could not|cannot/i.test(l));
			if (bad.length) throw new Error(bad.slice(0, 10).join('\n'));
		});

		for (const ex of examples) {
			await check(`${ex.base}: every node type and credential type is known to n8n`, () => {
				const missing = [];
				for (const n of ex.workflow.nodes ?? []) {
					if (!loadedNodes.has(n.type)) missing.push(`node "${n.name}": type ${n.type}`);
					for (const c of Object.keys(n.credentials ?? {})) if (!loadedCreds.has(c)) missing.push(`node "${n.name}": credential type ${c}`);
				}
				if (missing.length) throw new Error(missing.join('\n'));
			});
		}

		// ---- 2. activation
		const hooks = await queryDb(inst, 'SELECT "workflowId", "webhookPath", method, node, "webhookId" FROM webhook_entity');
		for (const ex of examples.filter((e) => e.activate)) {
			await check(`${ex.base}: workflow activated`, () => {
				const text = server.log();
				const missing = notActivated.find((m) => m.id === ex.workflow.id);
				if (missing) {
					const related = text.split('\n').filter((l) => l.includes(ex.workflow.name) || l.includes(ex.workflow.id));
					throw new Error(`"${ex.workflow.name}" not activated (${missing.why})\n${related.slice(0, 10).join('\n')}`);
				}
			});
		}

		// ---- 3. example cases
		const ctx = { inst, webhookBase: topo.webhook.inst.baseUrl, emulators, hooks };
		for (const ex of examples) {
			let cases;
			if (ex.spec) cases = Array.isArray(ex.spec.cases) ? ex.spec.cases : [ex.spec];
			else if (ex.manual) cases = [{ name: 'runs without error', action: 'execute' }];
			else {
				log(`skip ${ex.base}: no ${ex.base}.e2e.json and no manual trigger`);
				continue;
			}
			for (const [i, c] of cases.entries()) {
				if (c.skip) {
					log(`skip ${ex.base}: ${c.name ?? `case ${i + 1}`} (${c.skip})`);
					continue;
				}
				await check(`${ex.base}: ${c.name ?? c.action ?? `case ${i + 1}`}`, () => runCase(ctx, ex, c));
			}
		}

		// ---- 4. IVR answer latency: the first ivrCall case with an expected answer, repeated (queue mode: 60 calls)
		const ivrCalls = Number(process.env.PBX_E2E_IVR_CALLS ?? (queue ? 60 : 0));
		if (ivrCalls > 0) await check(`IVR answer latency over ${ivrCalls} calls`, () => ivrLatency(ctx, examples, ivrCalls));
	} catch (e) {
		results.push({ name: 'e2e setup', ok: false, error: e.message });
		log(`FAIL e2e setup\n       ${String(e.stack || e.message).split('\n').join('\n       ')}`);
	} finally {
		if (results.some((r) => !r.ok)) keep = true;
		if (keep && baseFolder) log(`kept user folders under ${baseFolder} (n8n logs: ${join(baseFolder, '<process>', 'n8n.log')})`);
		await cleanup();
	}
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	for (const line of logins?.table() ?? []) log(`logins per process, ${line}`);
	log(`total ${Math.round((Date.now() - t0) / 1000)} s`);
	process.stdout.write(`${passed} passed, ${failed} failed (${topologyName})\n`);
	return failed === 0 && passed > 0;
}
