#!/usr/bin/env node
// Installs a private Node 24 and a real n8n into a per-version cache OUTSIDE the clone, so fresh clones (CI) and
// version switches do not reinstall.
//
//   node scripts/n8n/install.mjs                          # default n8n version; idempotent (<1 s when cached)
//   PBX_N8N_VERSION=1.123.81 node scripts/n8n/install.mjs # another version, in its own folder
//   node scripts/n8n/install.mjs --force                  # reinstall even if the marker says it is done
//   node scripts/n8n/install.mjs --print-dir              # print the cache folder and exit
//
// Layout (cache = $PBX_N8N_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-pbx):
//   <cache>/node24/node_modules/node/bin/node        (npm package "node@24", its postinstall fetches the binary)
//   <cache>/n8n-<version>/node_modules/n8n/bin/n8n   (one folder per n8n version)
//   <cache>/<dir>/.install-complete.json             (marker, written only after a successful install)
//
// Recipes (why): n8n 1.123.x pins xlsx to a cdn.sheetjs.com URL this registry cannot reach → override to 0.18.5.
// n8n 2.x pulls @confluentinc/kafka-javascript, whose install script downloads a binary and fails here → install with
// scripts off and rebuild only sqlite3 (isolated-vm ships a Node 24 prebuild). Both need Node 22/24 (isolated-vm ABI).
// The project .npmrc has ignore-scripts=true; each folder gets its own package.json + .npmrc and npm is called with
// an explicit --ignore-scripts so the root config does not decide.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Project-local state (npm start's n8n user folder); installs live in CACHE. */
export const LOCAL = join(ROOT, '.n8n-local');
export const CACHE = resolve(process.env.PBX_N8N_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'n8n-nodes-pbx'));
/** Versions this project is tested against (CI runs the e2e on both). Most users run 2.x, hence the default. */
export const TESTED_VERSIONS = ['2.41.0', '1.123.81'];
export const DEFAULT_N8N_VERSION = '2.41.0';
export const N8N_VERSION = process.env.PBX_N8N_VERSION || DEFAULT_N8N_VERSION;
export const N8N_MAJOR = Number(N8N_VERSION.split('.')[0]);
export const NODE_RANGE = process.env.PBX_N8N_NODE_VERSION || '24';

export const NODE24_DIR = join(CACHE, 'node24');
export const NODE24_BIN_DIR = join(NODE24_DIR, 'node_modules', 'node', 'bin');
export const NODE24 = join(NODE24_BIN_DIR, 'node');

/** Install recipe per n8n major (see header). */
export function n8nRecipe(version) {
	if (Number(version.split('.')[0]) >= 2) return { overrides: {}, ignoreScripts: true, rebuild: ['sqlite3'] };
	return { overrides: { xlsx: '0.18.5' }, ignoreScripts: false, rebuild: [] };
}

export function n8nPaths(version = N8N_VERSION) {
	const dir = join(CACHE, `n8n-${version}`);
	return { dir, bin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n') };
}
export const N8N_DIR = n8nPaths().dir;
export const N8N_BIN = n8nPaths().bin;

const MARKER = '.install-complete.json';
const LOCAL_NPMRC = 'fund=false\naudit=false\nupdate-notifier=false\n';

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

export function fmtTime(ms) {
	const s = Math.round(ms / 1000);
	return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

function dirSizeMb(dir) {
	if (!existsSync(dir)) return 0;
	const r = spawnSync('du', ['-sm', dir], { encoding: 'utf8' });
	const n = parseInt((r.stdout || '').split(/\s/)[0], 10);
	return Number.isFinite(n) ? n : 0;
}

/** Runs npm in `cwd` with Node 24 (if present) first on PATH; prints progress every ~20 s. */
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
		}, 20_000);
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

async function installN8n(version, force) {
	const { dir, bin } = n8nPaths(version);
	const recipe = n8nRecipe(version);
	const expect = { n8n: version, recipe };
	if (!force && markerOk(dir, expect) && existsSync(bin)) return { cached: true };
	log(`installing n8n@${version} into ${dir} (first time: 3-12 min, 2-3 GB)`);
	mkdirSync(dir, { recursive: true });
	rmSync(join(dir, MARKER), { force: true });
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify({ name: 'pbx-local-n8n', private: true, dependencies: { n8n: version }, overrides: recipe.overrides }, null, 2) + '\n',
	);
	writeFileSync(join(dir, '.npmrc'), LOCAL_NPMRC);
	const npmOpts = { pathPrefix: NODE24_BIN_DIR, label: `n8n ${version}` };
	const { ms: installMs } = await runNpm(['install', `--ignore-scripts=${recipe.ignoreScripts}`, '--no-audit', '--no-fund'], dir, npmOpts);
	let rebuildMs = 0;
	if (recipe.rebuild.length) {
		({ ms: rebuildMs } = await runNpm(['rebuild', '--ignore-scripts=false', ...recipe.rebuild], dir, npmOpts));
	}
	if (!existsSync(bin)) throw new Error(`npm finished but ${bin} is missing`);
	const v = spawnSync(NODE24, [bin, '--version'], { encoding: 'utf8', env: { ...process.env, N8N_USER_FOLDER: join(dir, 'version-probe') } });
	rmSync(join(dir, 'version-probe'), { recursive: true, force: true });
	const printed = (v.stdout || '').trim().split('\n').pop();
	if (printed !== version) throw new Error(`n8n --version printed "${printed}" (expected ${version})\n${v.stderr}`);
	const ms = installMs + rebuildMs;
	const node = spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout.trim();
	writeFileSync(join(dir, MARKER), JSON.stringify({ ...expect, node, ms, installMs, rebuildMs, sizeMb: dirSizeMb(join(dir, 'node_modules')), at: new Date().toISOString() }, null, 2) + '\n');
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

/** One installer per folder at a time (npm start, test:e2e and CI may all trigger the same first install). */
async function withLock(name, fn) {
	mkdirSync(CACHE, { recursive: true });
	const lock = join(CACHE, `${name}.lock`);
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
			if (!announced) log(`waiting for another install of ${name} (pid ${pid}) to finish…`);
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

export async function ensureNode24({ force = false } = {}) {
	await withLock('node24', () => installNode24(force));
	return NODE24;
}

/** Ensures Node 24 + n8n@version are installed. Returns paths. Safe to call repeatedly and concurrently. */
export async function ensureN8n({ force = false, quiet = false, version = N8N_VERSION } = {}) {
	const t0 = Date.now();
	const a = await withLock('node24', () => installNode24(force));
	const b = await withLock(`n8n-${version}`, () => installN8n(version, force));
	const { dir, bin } = n8nPaths(version);
	if (!quiet || !a.cached || !b.cached) {
		log(`ready (${a.cached && b.cached ? 'cached' : 'installed'}, ${fmtTime(Date.now() - t0)}): node ${NODE24}, n8n ${version} ${bin}`);
	}
	return { node: NODE24, nodeBinDir: NODE24_BIN_DIR, n8nBin: bin, n8nDir: dir, version, major: Number(version.split('.')[0]) };
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
	if (process.argv.includes('--print-dir')) {
		console.log(CACHE);
	} else {
		ensureN8n({ force: process.argv.includes('--force') }).catch((e) => {
			console.error(`[n8n-install] FAILED: ${e.message}`);
			process.exit(1);
		});
	}
}
