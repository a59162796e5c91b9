// Redis and PostgreSQL from the distribution's packages, each started as this run's own process on a free loopback
// port with its data in a temp folder (never the system services). Used by `npm run test:e2e -- --queue`.
//
//   const redis = await startRedis();        // { host, port, stop() }
//   const pg = await startPostgres();        // { host, port, user, password, database, stop() }
//
// Missing binaries are installed with apt-get (CI runs as root); PostgreSQL refuses to run as root, so as root its
// processes run as the "postgres" user the package creates.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const log = (m) => process.stdout.write(`[services] ${m}\n`);

export function freePort(host = '127.0.0.1') {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, host, () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

function which(bin) {
	const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

function aptInstall(packages) {
	if (process.getuid?.() !== 0) throw new Error(`${packages.join(', ')} missing and not root: install them with apt-get install ${packages.join(' ')}`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	log(`apt-get install ${packages.join(' ')}`);
	let r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env, stdio: 'inherit' });
	if (r.status !== 0) {
		spawnSync('apt-get', ['update'], { env, stdio: 'inherit' });
		r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env, stdio: 'inherit' });
	}
	if (r.status !== 0) throw new Error(`apt-get install ${packages.join(' ')} failed`);
}

function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const versions = readdirSync(base)
		.filter((v) => existsSync(join(base, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(base, versions[0], 'bin') : undefined;
}

/** Whether something accepts TCP connections on host:port (a service is up, or a port is taken). */
export function tcpOpen(host, port) {
	return new Promise((r) => {
		const s = netConnect({ host, port });
		s.once('connect', () => {
			s.destroy();
			r(true);
		});
		s.once('error', () => r(false));
	});
}

/** Spawns a long-running service; resolves once `ready()` is true; rejects if it exits first. */
async function startService(name, cmd, args, { ready, timeoutMs = 60_000, env = process.env }) {
	const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const keep = (d) => (output = (output + d).slice(-20_000));
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	let exited;
	const exitPromise = new Promise((r) => child.on('exit', (code, signal) => r((exited = { code, signal }))));
	const until = Date.now() + timeoutMs;
	while (!(await ready())) {
		if (exited) throw new Error(`${name} exited during start-up (${JSON.stringify(exited)}):\n${output.slice(-3000)}`);
		if (Date.now() > until) {
			child.kill('SIGKILL');
			throw new Error(`${name} not ready within ${timeoutMs} ms:\n${output.slice(-3000)}`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	const stop = async (signal = 'SIGTERM') => {
		if (!exited) {
			child.kill(signal);
			const t = setTimeout(() => !exited && child.kill('SIGKILL'), 15_000);
			await exitPromise;
			clearTimeout(t);
		}
	};
	process.on('exit', () => !exited && child.kill('SIGKILL'));
	return { child, stop, output: () => output };
}

export async function startRedis({ host = '127.0.0.1' } = {}) {
	let bin = which('redis-server');
	if (!bin) {
		aptInstall(['redis-server']);
		bin = which('redis-server');
	}
	const port = await freePort(host);
	const dir = mkdtempSync(join(tmpdir(), 'pbx-redis-'));
	const svc = await startService('redis-server', bin, ['--bind', host, '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'], {
		ready: () => tcpOpen(host, port),
	});
	const version = (spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout || '').match(/v=(\S+)/)?.[1];
	log(`redis ${version ?? ''} on ${host}:${port} (pid ${svc.child.pid})`);
	return {
		host,
		port,
		version,
		pid: svc.child.pid,
		stop: async () => {
			await svc.stop();
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

export async function startPostgres({ host = '127.0.0.1', database = 'n8n' } = {}) {
	let bin = postgresBinDir();
	if (!bin) {
		aptInstall(['postgresql']);
		bin = postgresBinDir();
		if (!bin) throw new Error('postgresql installed but no /usr/lib/postgresql/<version>/bin/postgres found');
	}
	const asRoot = process.getuid?.() === 0;
	// postgres refuses to run as root: drop to the package's "postgres" user (setpriv execs, so the pid is postgres's)
	const runAs = (cmd, args) => {
		if (!asRoot) return [cmd, args];
		const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
		const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout);
		if (!uid) throw new Error('running as root but there is no "postgres" user (the postgresql package creates it)');
		return ['setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--', cmd, ...args]];
	};
	const dir = mkdtempSync(join(tmpdir(), 'pbx-postgres-'));
	if (asRoot) {
		const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
		const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout);
		chownSync(dir, uid, gid);
	}
	const data = join(dir, 'data');
	const user = 'n8n';
	const password = 'n8n-e2e-password';
	const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
	const [icmd, iargs] = runAs(join(bin, 'initdb'), ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
	const init = spawnSync(icmd, iargs, { encoding: 'utf8', env, cwd: dir });
	if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);
	const port = await freePort(host);
	// a throwaway test database: durability settings off for speed
	const [pcmd, pargs] = runAs(join(bin, 'postgres'), [
		'-D', data, '-p', String(port), '-k', dir, '-c', `listen_addresses=${host}`,
		'-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
	]);
	const svc = await startService('postgres', pcmd, pargs, { env, ready: () => tcpOpen(host, port) });
	// the server accepts TCP before it accepts logins: createdb retries until it answers
	const until = Date.now() + 30_000;
	for (;;) {
		const [ccmd, cargs] = runAs(join(bin, 'createdb'), ['-h', host, '-p', String(port), '-U', user, database]);
		const r = spawnSync(ccmd, cargs, { encoding: 'utf8', env, cwd: dir });
		if (r.status === 0) break;
		if (Date.now() > until) throw new Error(`createdb failed: ${r.stderr}`);
		await new Promise((res) => setTimeout(res, 300));
	}
	const version = bin.split('/').at(-2);
	log(`postgresql ${version} on ${host}:${port} (pid ${svc.child.pid}, data ${data})`);
	return {
		host,
		port,
		user,
		password,
		database,
		version,
		pid: svc.child.pid,
		// SIGINT = postgres "fast shutdown"
		stop: async () => {
			await svc.stop('SIGINT');
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
