// Helpers to run a real n8n (installed by ./install.mjs) with this package loaded as a community package.
// Used by scripts/start.mjs (npm start) and scripts/e2e.mjs (npm run test:e2e). Recipe: /work/shared/n8n-notes.md §5.4.
//
//   const inst = createInstance({ userFolder, port });      // plain object, nothing started
//   prepareUserFolder(inst, { fresh: true });               // mkdir, optionally wipe
//   placePackage(inst);                                     // <user>/.n8n/nodes/node_modules/n8n-nodes-pbx
//   await importCredentials(inst, [{ id, name, type, data }]);
//   await importWorkflows(inst, ['examples/a.json', ...]);  // or importWorkflow(inst, file)
//   await activateWorkflow(inst, 'wfId');
//   const srv = await startN8n(inst);                       // waits for /healthz + "Editor is now accessible"
//   await ensureOwner(inst); const cookie = await login(inst);
//   await srv.stop();
import { spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { N8N_BIN, NODE24, NODE24_BIN_DIR, ROOT } from './install.mjs';

export { ROOT };
export const ENCRYPTION_KEY = 'n8n-nodes-pbx-local-key-0123456789';
/** Owner account created on first start so the editor opens on a login page instead of the owner-signup form. */
export const OWNER = {
	email: process.env.PBX_N8N_EMAIL || 'admin@example.com',
	password: process.env.PBX_N8N_PASSWORD || 'PbxAdmin123',
	firstName: 'PBX',
	lastName: 'Admin',
};

export function createInstance({ userFolder, port = 5678, host = '127.0.0.1', packageDir = process.env.PBX_PACKAGE_DIR || ROOT, logPrefix = '[n8n]', extraEnv = {} }) {
	const folder = resolve(userFolder);
	return {
		userFolder: folder,
		dotN8n: join(folder, '.n8n'),
		dbFile: join(folder, '.n8n', 'database.sqlite'),
		port,
		host,
		baseUrl: `http://${host}:${port}`,
		packageDir: resolve(packageDir),
		logPrefix,
		extraEnv,
		logFile: join(folder, 'n8n.log'),
	};
}

/** Environment for every n8n process of this instance (notes §5.2/§5.4). */
export function n8nEnv(inst) {
	const env = { ...process.env };
	for (const k of Object.keys(env)) if (/^(npm_|N8N_|DB_|WEBHOOK_URL$|EXECUTIONS_)/.test(k)) delete env[k];
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
		WEBHOOK_URL: `${inst.baseUrl}/`,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_PUBLIC_API_DISABLED: 'false',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
		EXECUTIONS_MODE: 'regular',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_LEVEL: process.env.PBX_N8N_LOG_LEVEL || 'info',
		NODE_ENV: 'production',
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
export function runN8nCli(inst, args, { allowFail = false, timeoutMs = 120_000, env = {} } = {}) {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(NODE24, [N8N_BIN, ...args], {
			cwd: inst.userFolder,
			env: { ...n8nEnv(inst), ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
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

/** 1.x: marks the workflow active in the DB; takes effect at the next `n8n start` (2.x would be publish:workflow). */
export async function activateWorkflow(inst, id) {
	await runN8nCli(inst, ['update:workflow', `--id=${id}`, '--active=true']);
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

function portBusy(host, port) {
	return new Promise((r) => {
		const s = netConnect({ host, port });
		s.once('connect', () => {
			s.destroy();
			r(true);
		});
		s.once('error', () => r(false));
	});
}

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
	if (!cmd.includes(N8N_BIN) || !cmd.includes('start')) return;
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

/**
 * Starts `n8n start` and waits until /healthz answers and the "Editor is now accessible" line was printed
 * (workflow activation happens before it). n8n writes straight into <user>/n8n.log (so it never dies of a broken
 * pipe); with echo=true new lines are also copied to the console. Returns { child, url, startMs, log(), stop() }.
 */
export async function startN8n(inst, { echo = false, timeoutMs = 120_000 } = {}) {
	await stopStale(inst);
	if (await portBusy(inst.host, inst.port)) {
		throw new Error(`${inst.host}:${inst.port} is already in use — stop whatever listens there or choose another port`);
	}
	const started = Date.now();
	const logStart = existsSync(inst.logFile) ? statSync(inst.logFile).size : 0;
	const fd = openSync(inst.logFile, 'a');
	const child = spawn(NODE24, [N8N_BIN, 'start'], {
		cwd: inst.userFolder,
		env: n8nEnv(inst),
		stdio: ['ignore', fd, fd],
	});
	closeSync(fd);
	liveChildren.add(child);
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
		if (/Editor is now accessible via/.test(output) && (await httpOk(`${inst.baseUrl}/healthz`))) break;
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

/**
 * Runs SQL against the instance's sqlite DB with Node 24's node:sqlite (no python needed).
 * Returns rows as objects. Columns named `data` of execution_data are returned raw (flatted); see parseExecutionData.
 */
export function querySqlite(inst, sql, params = []) {
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

let flattedParse;
/** execution_data.data is stored with "flatted"; n8n ships that module. */
export async function parseExecutionData(raw) {
	if (!flattedParse) {
		const { createRequire } = await import('node:module');
		const req = createRequire(join(dirname(N8N_BIN), '..', 'package.json'));
		flattedParse = req('flatted').parse;
	}
	return flattedParse(raw);
}
