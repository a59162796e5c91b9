#!/usr/bin/env node
// Installs a private Node 24 and a real n8n into <project>/.n8n-local/ (git-ignored).
//
//   node scripts/n8n/install.mjs            # idempotent; a second run takes well under a second
//   node scripts/n8n/install.mjs --force    # reinstall even if the marker says it is done
//
// Layout:
//   .n8n-local/node24/node_modules/node/bin/node     (npm package "node@24", postinstall fetches the binary)
//   .n8n-local/n8n/node_modules/.bin/n8n             (n8n@N8N_VERSION, "overrides": {"xlsx": "0.18.5"})
//   .n8n-local/<dir>/.install-complete.json          (marker, written only after a successful install)
//
// Why: n8n@1.123.x needs Node 22/24 (isolated-vm ships prebuilds only for those ABIs) and its
// n8n-nodes-base pins xlsx to a cdn.sheetjs.com URL that this registry cannot reach (notes §5.3).
// The project root .npmrc has ignore-scripts=true; both folders get their own package.json + .npmrc
// (so the root config does not apply) and npm is also called with --ignore-scripts=false.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LOCAL = join(ROOT, '.n8n-local');
export const N8N_VERSION = process.env.PBX_N8N_VERSION || '1.123.81';
export const NODE_RANGE = process.env.PBX_N8N_NODE_VERSION || '24';
export const N8N_OVERRIDES = { xlsx: '0.18.5' };

export const NODE24_DIR = join(LOCAL, 'node24');
export const NODE24_BIN_DIR = join(NODE24_DIR, 'node_modules', 'node', 'bin');
export const NODE24 = join(NODE24_BIN_DIR, 'node');
export const N8N_DIR = join(LOCAL, 'n8n');
export const N8N_BIN = join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');

const MARKER = '.install-complete.json';
const LOCAL_NPMRC = 'ignore-scripts=false\nfund=false\naudit=false\nupdate-notifier=false\n';

function log(msg) {
	process.stdout.write(`[n8n-install] ${msg}\n`);
}

function readJson(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

function fmtTime(ms) {
	const s = Math.round(ms / 1000);
	return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

function dirSizeMb(dir) {
	if (!existsSync(dir)) return 0;
	const r = spawnSync('du', ['-sm', dir], { encoding: 'utf8' });
	const n = parseInt((r.stdout || '').split(/\s/)[0], 10);
	return Number.isFinite(n) ? n : 0;
}

/** Runs npm in `cwd` with Node 24 (if present) first on PATH; prints progress every ~10 s. */
function runNpm(args, cwd, { pathPrefix, label }) {
	return new Promise((resolvePromise, reject) => {
		const env = { ...process.env };
		if (pathPrefix) env.PATH = `${pathPrefix}:${env.PATH}`;
		// do not let a parent `npm run` leak its config (e.g. npm_config_ignore_scripts=true) into this install
		for (const k of Object.keys(env)) if (/^npm_config_/i.test(k)) delete env[k];
		const started = Date.now();
		const child = spawn('npm', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let tail = '';
		const keep = (chunk) => {
			tail = (tail + chunk.toString()).slice(-8000);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const nm = join(cwd, 'node_modules');
		const timer = setInterval(() => {
			log(`${label}: ${fmtTime(Date.now() - started)} elapsed, node_modules ${dirSizeMb(nm)} MB so far`);
		}, 10_000);
		child.on('error', (e) => {
			clearInterval(timer);
			reject(e);
		});
		child.on('close', (code) => {
			clearInterval(timer);
			const ms = Date.now() - started;
			if (code === 0) resolvePromise({ ms, output: tail });
			else reject(new Error(`${label}: npm ${args.join(' ')} exited with ${code} after ${fmtTime(ms)}\n${tail}`));
		});
	});
}

function markerOk(dir, expect) {
	const m = readJson(join(dir, MARKER));
	if (!m) return false;
	return Object.entries(expect).every(([k, v]) => JSON.stringify(m[k]) === JSON.stringify(v));
}

async function installNode24(force) {
	const expect = { range: NODE_RANGE };
	if (!force && markerOk(NODE24_DIR, expect) && existsSync(NODE24)) return { cached: true };
	log(`installing node@${NODE_RANGE} into ${NODE24_DIR}`);
	mkdirSync(NODE24_DIR, { recursive: true });
	rmSync(join(NODE24_DIR, MARKER), { force: true });
	writeFileSync(
		join(NODE24_DIR, 'package.json'),
		JSON.stringify({ name: 'pbx-local-node24', private: true, dependencies: { node: NODE_RANGE } }, null, 2) + '\n',
	);
	writeFileSync(join(NODE24_DIR, '.npmrc'), LOCAL_NPMRC);
	const { ms } = await runNpm(['install', '--ignore-scripts=false', '--no-audit', '--no-fund', `node@${NODE_RANGE}`], NODE24_DIR, {
		label: 'node24',
	});
	if (!existsSync(NODE24)) throw new Error(`node@${NODE_RANGE} installed but ${NODE24} is missing (did its postinstall run?)`);
	const version = spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout.trim();
	if (!/^v24\./.test(version) && NODE_RANGE === '24') throw new Error(`unexpected node version ${version}`);
	writeFileSync(join(NODE24_DIR, MARKER), JSON.stringify({ ...expect, version, ms, at: new Date().toISOString() }, null, 2) + '\n');
	log(`node ${version} installed in ${fmtTime(ms)}`);
	return { cached: false, ms };
}

async function installN8n(force) {
	const expect = { n8n: N8N_VERSION, overrides: N8N_OVERRIDES };
	if (!force && markerOk(N8N_DIR, expect) && existsSync(N8N_BIN)) return { cached: true };
	log(`installing n8n@${N8N_VERSION} into ${N8N_DIR} (first time: ~3-4 min, ~1.8 GB)`);
	mkdirSync(N8N_DIR, { recursive: true });
	rmSync(join(N8N_DIR, MARKER), { force: true });
	writeFileSync(
		join(N8N_DIR, 'package.json'),
		JSON.stringify(
			{ name: 'pbx-local-n8n', private: true, dependencies: { n8n: N8N_VERSION }, overrides: N8N_OVERRIDES },
			null,
			2,
		) + '\n',
	);
	writeFileSync(join(N8N_DIR, '.npmrc'), LOCAL_NPMRC);
	const { ms } = await runNpm(['install', '--ignore-scripts=false', '--no-audit', '--no-fund'], N8N_DIR, {
		pathPrefix: NODE24_BIN_DIR,
		label: 'n8n',
	});
	if (!existsSync(N8N_BIN)) throw new Error(`npm finished but ${N8N_BIN} is missing`);
	const v = spawnSync(NODE24, [N8N_BIN, '--version'], { encoding: 'utf8', env: { ...process.env, N8N_USER_FOLDER: join(LOCAL, 'version-probe') } });
	const version = (v.stdout || '').trim().split('\n').pop();
	if (version !== N8N_VERSION) throw new Error(`n8n --version printed "${version}" (expected ${N8N_VERSION})\n${v.stderr}`);
	writeFileSync(
		join(N8N_DIR, MARKER),
		JSON.stringify({ ...expect, node: spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout.trim(), ms, sizeMb: dirSizeMb(join(N8N_DIR, 'node_modules')), at: new Date().toISOString() }, null, 2) + '\n',
	);
	log(`n8n ${version} installed in ${fmtTime(ms)}`);
	return { cached: false, ms };
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** One installer at a time (npm start and npm run test:e2e may both trigger the first install). */
async function withLock(fn) {
	mkdirSync(LOCAL, { recursive: true });
	const lock = join(LOCAL, 'install.lock');
	let announced = false;
	for (;;) {
		try {
			writeFileSync(lock, String(process.pid), { flag: 'wx' });
			break;
		} catch {
			const pid = Number(readFileSync(lock, 'utf8'));
			if (!pid || !pidAlive(pid)) {
				rmSync(lock, { force: true });
				continue;
			}
			if (!announced) log(`waiting for another install (pid ${pid}) to finish…`);
			announced = true;
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(lock, { force: true });
	}
}

/** Ensures Node 24 + n8n are installed. Returns paths. Safe to call repeatedly. */
export async function ensureN8n({ force = false, quiet = false } = {}) {
	const t0 = Date.now();
	const { a, b } = await withLock(async () => ({ a: await installNode24(force), b: await installN8n(force) }));
	if (!quiet || !a.cached || !b.cached) {
		log(`ready (${a.cached && b.cached ? 'cached' : 'installed'}, ${fmtTime(Date.now() - t0)}): node ${NODE24}, n8n ${N8N_BIN}`);
	}
	return { node: NODE24, nodeBinDir: NODE24_BIN_DIR, n8nBin: N8N_BIN, n8nDir: N8N_DIR, version: N8N_VERSION };
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
	ensureN8n({ force: process.argv.includes('--force') }).catch((e) => {
		console.error(`[n8n-install] FAILED: ${e.message}`);
		process.exit(1);
	});
}
