// Helpers to run a real n8n (installed by ./install.mjs) with this package loaded as a community package.
// Used by scripts/start.mjs (npm start) and scripts/e2e.mjs (npm run test:e2e). Recipe: /work/shared/n8n-notes.md §5.4.
//
//   const inst = createInstance({ userFolder, port, version }); // plain object, nothing started
//   prepareUserFolder(inst, { fresh: true });               // mkdir, optionally wipe
//   placePackage(inst);                                     // <user>/.n8n/nodes/node_modules/n8n-nodes-pbx
//   await importCredentials(inst, [{ id, name, type, data }]);
//   await importWorkflows(inst, ['examples/a.json', ...]);  // or importWorkflow(inst, file)
//   await activateWorkflow(inst, 'wfId');
//   const srv = await startN8n(inst);                       // waits for /healthz + "Editor is now accessible"
//   await waitActivated(inst, srv, ['wfId']);              // 2.x activates published workflows after start-up
//   await ensureOwner(inst); const cookie = await login(inst);
//   await srv.stop();
import { spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { N8N_VERSION, NODE24, NODE24_BIN_DIR, ROOT, n8nPaths } from './install.mjs';
import { freePort, tcpOpen } from './services.mjs';

export { ROOT };
export const ENCRYPTION_KEY = 'n8n-nodes-pbx-local-key-0123456789';
/** pid → label ("worker1", "main execute") of every n8n process started here (test/e2e/logins.mjs reads it). */
export const n8nPids = new Map();
/** Owner account created on first start so the editor opens on a login page instead of the owner-signup form. */
export const OWNER = {
	email: process.env.PBX_N8N_EMAIL || 'admin@example.com',
	password: process.env.PBX_N8N_PASSWORD || 'PbxAdmin123',
	firstName: 'PBX',
	lastName: 'Admin',
};

/**
 * One n8n process and its user folder. `command`: start (main), worker or webhook. `db`: undefined = SQLite in the
 * user folder, or { host, port, user, password, database } = PostgreSQL. `redis`: { host, port } = queue mode.
 * `webhookUrl`: the public address of webhooks (WEBHOOK_URL; in queue mode the webhook process).
 */
export function createInstance({
	userFolder,
	port = 5678,
	host = '127.0.0.1',
	version = N8N_VERSION,
	command = 'start',
	db,
	redis,
	webhookUrl,
	name = command === 'start' ? 'main' : command,
	packageDir = process.env.PBX_PACKAGE_DIR || ROOT,
	logPrefix = '[n8n]',
	extraEnv = {},
}) {
	const folder = resolve(userFolder);
	const baseUrl = `http://${host}:${port}`;
	return {
		userFolder: folder,
		dotN8n: join(folder, '.n8n'),
		dbFile: join(folder, '.n8n', 'database.sqlite'),
		port,
		host,
		baseUrl,
		webhookUrl: webhookUrl ?? baseUrl,
		version,
		major: Number(version.split('.')[0]),
		n8nBin: n8nPaths(version).bin,
		command,
		name,
		db,
		redis,
		packageDir: resolve(packageDir),
		logPrefix,
		extraEnv,
		logFile: join(folder, 'n8n.log'),
	};
}

/**
 * Environment for every n8n process of this instance (notes §5.2/§5.4). `brokerPort`: 2.x always starts a task-runner
 * broker (default 5679) in `start`, `worker`, `webhook` and `execute`, so processes running side by side each need one.
 */
export function n8nEnv(inst, { brokerPort } = {}) {
	const env = { ...process.env };
	for (const k of Object.keys(env)) if (/^(npm_|N8N_|DB_|QUEUE_|WEBHOOK_URL$|EXECUTIONS_|OFFLOAD_)/.test(k)) delete env[k];
	const database = inst.db
		? {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: inst.db.host,
				DB_POSTGRESDB_PORT: String(inst.db.port),
				DB_POSTGRESDB_DATABASE: inst.db.database,
				DB_POSTGRESDB_USER: inst.db.user,
				DB_POSTGRESDB_PASSWORD: inst.db.password,
			}
		: { DB_TYPE: 'sqlite', DB_SQLITE_POOL_SIZE: '2' };
	const queue = inst.redis
		? {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: inst.redis.host,
				QUEUE_BULL_REDIS_PORT: String(inst.redis.port),
				// workers answer /healthz on their own port (readiness check, and no clash with the main's 5678)
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(inst.port),
			}
		: { EXECUTIONS_MODE: 'regular' };
	const runners =
		inst.major >= 2
			? { N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1', ...(brokerPort ? { N8N_RUNNERS_BROKER_PORT: String(brokerPort) } : {}) }
			: { N8N_RUNNERS_ENABLED: 'false' };
	return {
		...env,
		PATH: `${NODE24_BIN_DIR}:${process.env.PATH}`,
		N8N_USER_FOLDER: inst.userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_PORT: String(inst.port),
		N8N_LISTEN_ADDRESS: inst.host,
		N8N_HOST: inst.host,
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${inst.baseUrl}/`,
		WEBHOOK_URL: `${inst.webhookUrl.replace(/\/$/, '')}/`,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_PUBLIC_API_DISABLED: 'false',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_LEVEL: process.env.PBX_N8N_LOG_LEVEL || 'info',
		NODE_ENV: 'production',
		...runners,
		...database,
		...queue,
		...inst.extraEnv,
	};
}

export function prepareUserFolder(inst, { fresh = false } = {}) {
	if (fresh) rmSync(inst.userFolder, { recursive: true, force: true });
	mkdirSync(inst.dotN8n, { recursive: true });
	return inst;
}

export function tempUserFolder(prefix = 'pbx-n8n-e2e-') {
	return mkdtempSync(join(tmpdir(), prefix));
}

/** Resolves `name` the way Node does from `fromDir` (walks up node_modules folders). */
function resolvePackageDir(name, fromDir) {
	let dir = fromDir;
	for (;;) {
		const candidate = join(dir, 'node_modules', name);
		if (existsSync(join(candidate, 'package.json'))) return candidate;
		const up = dirname(dir);
		if (up === dir) return undefined;
		dir = up;
	}
}

/**
 * Copies the built package (package.json + dist/) to <user>/.n8n/nodes/node_modules/<name>/ — the place a real
 * community-package install uses, so node types are "<name>.<node>" — together with its runtime dependencies
 * (transitively, flattened into the package's own node_modules, taken from the project's node_modules).
 */
export function placePackage(inst) {
	const pkg = JSON.parse(readFileSync(join(inst.packageDir, 'package.json'), 'utf8'));
	if (!existsSync(join(inst.packageDir, 'dist'))) throw new Error(`${inst.packageDir}/dist is missing: run the build first`);
	const target = join(inst.dotN8n, 'nodes', 'node_modules', pkg.name);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	cpSync(join(inst.packageDir, 'package.json'), join(target, 'package.json'));
	cpSync(join(inst.packageDir, 'dist'), join(target, 'dist'), { recursive: true, dereference: true });
	for (const extra of ['README.md', 'LICENSE', 'LICENSE.md']) {
		if (existsSync(join(inst.packageDir, extra))) cpSync(join(inst.packageDir, extra), join(target, extra));
	}
	const copied = [];
	const queue = Object.keys(pkg.dependencies || {}).map((name) => ({ name, from: inst.packageDir }));
	const seen = new Set();
	while (queue.length) {
		const { name, from } = queue.shift();
		if (seen.has(name)) continue;
		seen.add(name);
		const src = resolvePackageDir(name, from) ?? resolvePackageDir(name, ROOT);
		if (!src) throw new Error(`runtime dependency "${name}" not found in node_modules (run npm ci)`);
		cpSync(src, join(target, 'node_modules', name), { recursive: true, dereference: true });
		const depPkg = JSON.parse(readFileSync(join(src, 'package.json'), 'utf8'));
		copied.push(`${name}@${depPkg.version}`);
		for (const d of Object.keys(depPkg.dependencies || {})) queue.push({ name: d, from: src });
	}
	// n8n's nodes folder is an npm project of its own (community installs run npm there)
	const nodesPkg = join(inst.dotN8n, 'nodes', 'package.json');
	if (!existsSync(nodesPkg)) writeFileSync(nodesPkg, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2) + '\n');
	const np = JSON.parse(readFileSync(nodesPkg, 'utf8'));
	np.dependencies = { ...(np.dependencies || {}), [pkg.name]: pkg.version };
	writeFileSync(nodesPkg, JSON.stringify(np, null, 2) + '\n');
	return { target, name: pkg.name, version: pkg.version, n8n: pkg.n8n || {}, dependencies: copied };
}

/** Runs one n8n CLI command to completion. Resolves {code, stdout, stderr}; rejects on non-zero unless allowFail. */
export async function runN8nCli(inst, args, { allowFail = false, timeoutMs = 120_000, env = {} } = {}) {
	const brokerPort = inst.major >= 2 ? await freePort(inst.host) : undefined;
	return new Promise((resolvePromise, reject) => {
		const child = spawn(NODE24, [inst.n8nBin, ...args], {
			cwd: inst.userFolder,
			env: { ...n8nEnv(inst, { brokerPort }), ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		n8nPids.set(child.pid, `${inst.name} ${args[0]}`);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const r = { code: code ?? (signal ? 128 : 1), stdout, stderr };
			if (r.code !== 0 && !allowFail) {
				reject(new Error(`n8n ${args.join(' ')} exited with ${code ?? signal}\n${(stdout + stderr).slice(-4000)}`));
			} else resolvePromise(r);
		});
	});
}

/**
 * Imports credentials (plain, unencrypted `data`; n8n encrypts them with ENCRYPTION_KEY on import).
 * list: [{ id, name, type, data }]
 */
export async function importCredentials(inst, list) {
	if (!list.length) return;
	const file = join(inst.userFolder, 'import-credentials.json');
	writeFileSync(file, JSON.stringify(list, null, 2));
	try {
		await runN8nCli(inst, ['import:credentials', `--input=${file}`]);
	} finally {
		rmSync(file, { force: true });
	}
}

/** Imports one workflow file (must carry an "id" if you want to address it later). */
export async function importWorkflow(inst, file) {
	await runN8nCli(inst, ['import:workflow', `--input=${resolve(file)}`]);
}

/** Imports many workflow objects in ONE n8n call (each n8n call costs ~3-4 s of start-up). */
export async function importWorkflows(inst, workflows) {
	if (!workflows.length) return;
	const dir = join(inst.userFolder, 'import-workflows');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	workflows.forEach((wf, i) => writeFileSync(join(dir, `${String(i).padStart(3, '0')}.json`), JSON.stringify(wf, null, 2)));
	try {
		await runN8nCli(inst, ['import:workflow', '--separate', `--input=${dir}`]);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Marks the workflow active (1.x `update:workflow --active=true`) or publishes it (2.x `publish:workflow`, which
 * replaced it); takes effect at the next `n8n start`.
 */
export async function activateWorkflow(inst, id) {
	if (inst.major >= 2) await runN8nCli(inst, ['publish:workflow', `--id=${id}`]);
	else await runN8nCli(inst, ['update:workflow', `--id=${id}`, '--active=true']);
}

async function httpOk(url, timeoutMs = 2000) {
	try {
		const r = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
		return r.ok;
	} catch {
		return false;
	}
}

const liveChildren = new Set();
process.on('exit', () => {
	for (const c of liveChildren) {
		try {
			c.kill('SIGTERM');
		} catch {
			/* already gone */
		}
	}
});


/** A previous run that was killed hard may have left its n8n behind: stop it if the pid file proves it is ours. */
async function stopStale(inst) {
	const pidFile = join(inst.userFolder, 'n8n.pid');
	if (!existsSync(pidFile)) return;
	const pid = Number(readFileSync(pidFile, 'utf8').trim());
	rmSync(pidFile, { force: true });
	let cmd = '';
	try {
		cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
	} catch {
		return;
	}
	if (!cmd.includes(inst.n8nBin) || !cmd.includes(inst.command)) return;
	process.stdout.write(`${inst.logPrefix} stopping n8n left over from a previous run (pid ${pid})\n`);
	try {
		process.kill(pid, 'SIGTERM');
	} catch {
		return;
	}
	for (let i = 0; i < 60; i++) {
		await new Promise((r) => setTimeout(r, 250));
		try {
			process.kill(pid, 0);
		} catch {
			return;
		}
	}
	try {
		process.kill(pid, 'SIGKILL');
	} catch {
		/* gone */
	}
}

/** The line each n8n command prints once it serves (checked in the 1.123.81 and 2.41.0 sources). */
const READY_LINE = {
	start: /Editor is now accessible via/,
	worker: /n8n worker is now ready/,
	webhook: /Webhook listener waiting for requests/,
};

/**
 * Starts `n8n <inst.command>` and waits until /healthz answers and its ready line was printed (1.x activates workflows
 * before "Editor is now accessible"; 2.x after it: see waitActivated). n8n writes straight into <user>/n8n.log (so it
 * never dies of a broken pipe); with echo=true new lines are also copied to the console.
 * Returns { child, url, startMs, log(), stop() }.
 */
export async function startN8n(inst, { echo = false, timeoutMs = 120_000 } = {}) {
	await stopStale(inst);
	if (await tcpOpen(inst.host, inst.port)) {
		throw new Error(`${inst.host}:${inst.port} is already in use — stop whatever listens there or choose another port`);
	}
	const started = Date.now();
	const logStart = existsSync(inst.logFile) ? statSync(inst.logFile).size : 0;
	const fd = openSync(inst.logFile, 'a');
	const brokerPort = inst.major >= 2 ? await freePort(inst.host) : undefined;
	const child = spawn(NODE24, [inst.n8nBin, inst.command], {
		cwd: inst.userFolder,
		env: n8nEnv(inst, { brokerPort }),
		stdio: ['ignore', fd, fd],
	});
	closeSync(fd);
	liveChildren.add(child);
	n8nPids.set(child.pid, inst.name);
	writeFileSync(join(inst.userFolder, 'n8n.pid'), String(child.pid));
	let pos = logStart;
	let output = '';
	let partial = '';
	const pump = () => {
		try {
			const size = statSync(inst.logFile).size;
			if (size <= pos) return;
			const buf = Buffer.alloc(size - pos);
			const rfd = openSync(inst.logFile, 'r');
			readSync(rfd, buf, 0, buf.length, pos);
			closeSync(rfd);
			pos = size;
			const s = buf.toString();
			output += s;
			if (output.length > 2_000_000) output = output.slice(-1_000_000);
			if (echo) {
				const lines = (partial + s).split('\n');
				partial = lines.pop();
				for (const line of lines) if (line.trim()) process.stdout.write(`${inst.logPrefix} ${line}\n`);
			}
		} catch {
			/* file vanished */
		}
	};
	const pumpTimer = setInterval(pump, 200);
	let exited = null;
	const exitPromise = new Promise((r) =>
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			liveChildren.delete(child);
			rmSync(join(inst.userFolder, 'n8n.pid'), { force: true });
			r(exited);
		}),
	);
	const stop = async (graceMs = 20_000) => {
		if (!exited) {
			child.kill('SIGTERM');
			const t = setTimeout(() => !exited && child.kill('SIGKILL'), graceMs);
			await exitPromise;
			clearTimeout(t);
		}
		pump();
		clearInterval(pumpTimer);
	};
	for (;;) {
		pump();
		if (exited) {
			await stop();
			throw new Error(`n8n exited during start-up (${JSON.stringify(exited)}):\n${output.slice(-4000)}`);
		}
		if (READY_LINE[inst.command].test(output) && (await httpOk(`${inst.baseUrl}/healthz`))) break;
		if (Date.now() - started > timeoutMs) {
			await stop();
			throw new Error(`n8n did not become ready within ${timeoutMs} ms:\n${output.slice(-4000)}`);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	return {
		child,
		url: inst.baseUrl,
		startMs: Date.now() - started,
		log: () => (pump(), output),
		stop,
		exited: () => exited,
		exitPromise,
	};
}

/**
 * Waits until n8n has activated each workflow id; returns [{ id, why }] for those that did not activate within
 * timeoutMs. 1.x activates before "Editor is now accessible" and logs "Activated workflow … (ID: <id>)". 2.x hands
 * published workflows to its publication service, which activates them just after that line, logs it only at debug
 * level and records the outcome in workflow_publication_outbox (status pending → in_progress → completed /
 * partial_success / failed): read there.
 */
export async function waitActivated(inst, server, ids, timeoutMs = 60_000) {
	const until = Date.now() + timeoutMs;
	const check = async () => {
		if (inst.major < 2) {
			const lines = server.log().split('\n').filter((l) => /Activated workflow/.test(l));
			return ids.filter((id) => !lines.some((l) => l.includes(`(ID: ${id})`))).map((id) => ({ id, why: 'no "Activated workflow" line in the log' }));
		}
		const rows = await queryDb(inst, 'SELECT "workflowId", status, "errorMessage" FROM workflow_publication_outbox ORDER BY id').catch(() => []);
		return ids.flatMap((id) => {
			const mine = rows.filter((r) => r.workflowId === id);
			const last = mine.at(-1);
			if (!last) return [{ id, why: 'no workflow_publication_outbox record', final: false }];
			if (last.status === 'completed') return [];
			return [{ id, why: `publication ${last.status}${last.errorMessage ? `: ${last.errorMessage}` : ''}`, final: !['pending', 'in_progress'].includes(last.status) }];
		});
	};
	for (;;) {
		const missing = await check();
		if (!missing.length || Date.now() > until || missing.every((m) => m.final)) return missing.map(({ id, why }) => ({ id, why }));
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** POST /rest/owner/setup once (fresh instance); afterwards the editor shows a login form for OWNER. */
export async function ensureOwner(inst, owner = OWNER) {
	const s = await fetch(`${inst.baseUrl}/rest/settings`).then((r) => r.json());
	const um = s?.data?.userManagement ?? {};
	if (um.showSetupOnFirstLoad === false) return { created: false };
	const r = await fetch(`${inst.baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': 'pbx-scripts' },
		body: JSON.stringify(owner),
	});
	if (!r.ok) throw new Error(`owner setup failed: HTTP ${r.status} ${await r.text()}`);
	return { created: true };
}

/** Logs in as OWNER; returns the Cookie header value to send with REST calls. */
export async function login(inst, owner = OWNER) {
	const r = await fetch(`${inst.baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': 'pbx-scripts' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password }),
	});
	if (!r.ok) throw new Error(`login failed: HTTP ${r.status} ${await r.text()}`);
	const cookies = r.headers.getSetCookie ? r.headers.getSetCookie() : [r.headers.get('set-cookie')];
	return cookies
		.filter(Boolean)
		.map((c) => c.split(';')[0])
		.join('; ');
}

/** GET with the login cookie; returns parsed JSON. */
export async function restGet(inst, cookie, path) {
	const r = await fetch(`${inst.baseUrl}${path}`, { headers: { cookie, 'browser-id': 'pbx-scripts' } });
	if (!r.ok) throw new Error(`GET ${path}: HTTP ${r.status} ${(await r.text()).slice(0, 500)}`);
	return r.json();
}

/**
 * The path under /webhook/ of a webhook_entity row. Dynamic webhooks (a path with ":param" segments, registered with
 * isFullPath) are stored as webhookId + the path without it; static ones carry the full path.
 */
export function fullWebhookPath(h) {
	const p = String(h.webhookPath).replace(/^\//, '');
	return h.webhookId && !p.startsWith(`${h.webhookId}/`) ? `${h.webhookId}/${p}` : p;
}

/** require() inside the instance's n8n install (pg, flatted: n8n's own copies). */
function n8nRequire(inst, name) {
	return createRequire(join(dirname(inst.n8nBin), '..', 'package.json'))(name);
}

const pgPools = new Map();

/**
 * Runs SQL against the instance's database: SQLite through Node 24's node:sqlite (read-only, in a child process),
 * PostgreSQL through n8n's own `pg`. Write identifiers quoted ("workflowId") and parameters as `?`.
 * Returns rows as objects; execution_data.data is returned raw (flatted): see parseExecutionData.
 */
export async function queryDb(inst, sql, params = []) {
	if (inst.db) {
		const key = `${inst.db.host}:${inst.db.port}/${inst.db.database}`;
		let pool = pgPools.get(key);
		if (!pool) {
			const { Pool } = n8nRequire(inst, 'pg');
			pool = new Pool({ ...inst.db, max: 2 });
			pgPools.set(key, pool);
		}
		let n = 0;
		const r = await pool.query(sql.replace(/\?/g, () => `$${++n}`), params);
		return r.rows;
	}
	return new Promise((resolvePromise, reject) => {
		const code = `
const { DatabaseSync } = require('node:sqlite');
const [file, sql, params] = JSON.parse(process.argv[1]);
const db = new DatabaseSync(file, { readOnly: true });
db.exec('PRAGMA busy_timeout = 5000');
const rows = db.prepare(sql).all(...params);
process.stdout.write(JSON.stringify(rows, (k, v) => (typeof v === 'bigint' ? Number(v) : v)));
`;
		const child = spawn(NODE24, ['--no-warnings', '-e', code, JSON.stringify([inst.dbFile, sql, params])], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('close', (c) => {
			if (c !== 0) return reject(new Error(`sqlite query failed: ${err}`));
			try {
				resolvePromise(JSON.parse(out || '[]'));
			} catch (e) {
				reject(e);
			}
		});
	});
}

/** Closes the PostgreSQL connections queryDb opened. */
export async function closeDb() {
	const pools = [...pgPools.values()];
	pgPools.clear();
	await Promise.allSettled(pools.map((p) => p.end()));
}

/** execution_data.data is stored with "flatted"; n8n ships that module. */
export function parseExecutionData(inst, raw) {
	return n8nRequire(inst, 'flatted').parse(raw);
}
