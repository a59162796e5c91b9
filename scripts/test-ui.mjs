#!/usr/bin/env node
// npm run test:ui: a real-browser smoke test of the editor. Starts the emulators and an n8n the way `npm start` does
// (ephemeral ports, throw-away user folder), then drives the distribution's headless Chromium (apt-get install
// chromium) with playwright-core: log in, open every example workflow, open the operation with the most fields of
// each node, open one picker per family (its list must show exactly the family emulator's seed rows, its search box
// must narrow it, a pick must fill the field), and add each node of the package from the node panel (asserted on the
// canvas). Fails on "unknown node"/"Install this node" texts, a raw wire name as a parameter label, a browser console
// error that mentions the package, or any step that does not happen. Screenshots go to .ui-screenshots/ (git-ignored);
// the picker screenshots are listed at the end. PBX_N8N_VERSION=1.123.81 runs it against n8n 1.x.
//
//   npm run test:ui                 # builds first
//   npm run test:ui -- --no-build
//   npm run test:ui -- --no-build --panel-only   # pickers and node panel only (skips examples and rich operations)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, selectors } from 'playwright-core';
import { N8N_VERSION, ensureN8n } from './n8n/install.mjs';
import { OWNER, ROOT, createInstance, ensureOwner, importCredentials, importWorkflows, login, placePackage, prepareUserFolder, startN8n } from './n8n/instance.mjs';
import { compileEmulators, loadExamples, startEmulators, stopEmulators } from './n8n/families.mjs';
import { freePort } from './n8n/services.mjs';

const CHROMIUM = process.env.PBX_CHROMIUM || '/usr/bin/chromium';
const SHOTS = join(ROOT, '.ui-screenshots');
const args = new Set(process.argv.slice(2));
const log = (m) => process.stdout.write(`[test:ui] ${m}\n`);
const t0 = Date.now();
const problems = [];
const shots = [];
const pickerShots = [];
let lastPage;
const problem = (where, what) => {
	problems.push(`${where}: ${what}`);
	log(`PROBLEM ${where}: ${what}`);
};

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
// browser console errors that concern this package (its node types, credential types, icons, load-options calls)
const PACKAGE_HINT = new RegExp(`${pkg.name}|vos3000|openvox|grandstream|ucm|fiberme|fcm630a`, 'i');
const UNKNOWN_NODE = /Install this node|unknown node|node is not currently installed|could not be found/i;

/** The package's node descriptions, read from dist/ (the build the browser sees). */
function packageNodes() {
	const req = createRequire(join(ROOT, 'package.json'));
	return pkg.n8n.nodes.map((file) => {
		const mod = req(join(ROOT, file));
		const Cls = Object.values(mod).find((v) => typeof v === 'function' && v.prototype);
		const node = new Cls();
		const d = node.description ?? Object.values(node.nodeVersions).pop().description;
		return { type: `${pkg.name}.${d.name}`, ...d, listSearch: Object.keys(node.methods?.listSearch ?? {}) };
	});
}

const shown = (p, values) =>
	Object.entries(p.displayOptions?.show ?? {}).every(([k, allowed]) => !(k in values) || allowed.some((a) => a === values[k]));

/** The (resource, operation) of an action node showing the most top-level fields, with those fields. */
function richestOperation(desc) {
	const resource = desc.properties.find((p) => p.name === 'resource');
	if (!resource) return undefined;
	let best;
	for (const r of resource.options) {
		const op = desc.properties.find((p) => p.name === 'operation' && shown(p, { resource: r.value }));
		for (const o of op?.options ?? []) {
			const values = { resource: r.value, operation: o.value };
			const fields = desc.properties.filter((p) => !['resource', 'operation'].includes(p.name) && shown(p, values));
			if (!best || fields.length > best.fields.length) best = { resource: r, operation: o, fields };
		}
	}
	return best;
}

/** A label that is a wire name left raw: a property name verbatim, snake_case, camelCase or one lowercase token. */
function rawLabel(label, wireNames) {
	const l = label.replace(/\s*\*$/, '').trim();
	if (!l) return false;
	if (wireNames.has(l) && !/\s/.test(l) && l !== l.charAt(0).toUpperCase() + l.slice(1).toLowerCase()) return true;
	return /^[a-z][a-z0-9]*$/.test(l) || /^[A-Za-z0-9]+_[A-Za-z0-9_]+$/.test(l) || /^[a-z]+[A-Z][A-Za-z0-9]*$/.test(l);
}

async function shot(page, name) {
	const file = join(SHOTS, `${String(shots.length + 1).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
	await page.screenshot({ path: file });
	shots.push(file);
	return file;
}

async function checkNoUnknownNode(page, where) {
	const text = await page.locator('body').innerText();
	const m = text.match(UNKNOWN_NODE);
	if (m) problem(where, `the editor shows "${m[0]}"`);
}

/** Labels of the parameters shown in the open node details view. */
async function ndvLabels(page) {
	return page.locator('[data-test-id="ndv"] [data-test-id="parameter-input-label"], [data-test-id="ndv"] .n8n-input-label label, [data-test-id="ndv"] label').allInnerTexts();
}

async function openNodeOnCanvas(page, name) {
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).first();
	if (await node.count()) await node.dblclick();
	else await page.getByText(name, { exact: true }).first().dblclick();
	await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'visible', timeout: 20_000 });
	await page.waitForTimeout(500); // parameters render after the panel
}

async function closeNdv(page) {
	await page.keyboard.press('Escape');
	await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
}

async function main() {
	if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (or set PBX_CHROMIUM)`);
	if (!args.has('--no-build')) {
		log('npm run build');
		const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
		if (b.status !== 0) throw new Error('build failed');
	}
	rmSync(SHOTS, { recursive: true, force: true });
	mkdirSync(SHOTS, { recursive: true });

	compileEmulators({ log });
	const port = await freePort();
	const emulators = await startEmulators({ ports: 'ephemeral', n8nPort: port, log });
	await ensureN8n({ quiet: true });
	const userFolder = mkdtempSync(join(tmpdir(), 'pbx-n8n-ui-'));
	const profile = mkdtempSync(join(tmpdir(), 'pbx-chromium-'));
	const inst = createInstance({ userFolder, port, version: N8N_VERSION });
	prepareUserFolder(inst);
	placePackage(inst);
	const creds = emulators.flatMap((s) => s.credentials);
	await importCredentials(inst, creds);
	const examples = loadExamples();
	await importWorkflows(inst, examples.map((e) => e.workflow));
	const server = await startN8n(inst);
	let browser;
	try {
		await ensureOwner(inst);
		log(`n8n ${N8N_VERSION} ready on ${inst.baseUrl} (${Math.round((Date.now() - t0) / 1000)} s)`);
		const cookie = await login(inst);
		const nodes = packageNodes();

		// one workflow per action node, set to its operation with the most fields (double-clicked below)
		const rich = [];
		for (const d of nodes) {
			const best = richestOperation(d);
			if (!best) continue;
			const cred = creds.find((c) => d.credentials?.some((dc) => dc.name === c.type));
			const nodeName = `${d.displayName} ${best.operation.name}`;
			const id = await createWorkflow(inst, cookie, `UI smoke: ${nodeName}`, {
				name: nodeName,
				type: d.type,
				typeVersion: latestVersion(d),
				parameters: { resource: best.resource.value, operation: best.operation.value },
				...(cred ? { credentials: { [cred.type]: { id: cred.id, name: cred.name } } } : {}),
			});
			rich.push({ d, best, nodeName, id });
		}

		selectors.setTestIdAttribute('data-test-id'); // n8n's attribute, as in its own playwright tests
		// a fresh profile: launchPersistentContext passes it as --user-data-dir
		const context = (browser = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			viewport: { width: 1600, height: 1000 },
			headless: true,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		}));
		const page = (lastPage = context.pages()[0] ?? (await context.newPage()));
		page.setDefaultTimeout(30_000);
		let step = 'login';
		page.on('console', (m) => {
			if (m.type() === 'error' && PACKAGE_HINT.test(m.text())) problem(step, `console error: ${m.text().slice(0, 300)}`);
		});
		page.on('pageerror', (e) => {
			if (PACKAGE_HINT.test(`${e.message}\n${e.stack}`)) problem(step, `page error: ${e.message.slice(0, 300)}`);
		});

		// log in through the sign-in form
		await page.goto(`${inst.baseUrl}/signin`);
		await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(OWNER.email);
		await page.locator('input[type="password"]').first().fill(OWNER.password);
		await page.locator('input[type="password"]').first().press('Enter');
		await page.waitForURL((u) => !/signin/.test(u.pathname), { timeout: 30_000 });
		log(`logged in as ${OWNER.email}`);

		// every example opens with all its nodes known
		for (const ex of args.has('--panel-only') ? [] : examples) {
			step = `example "${ex.workflow.name}"`;
			await page.goto(`${inst.baseUrl}/workflow/${ex.workflow.id}`);
			await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'visible' });
			const count = await page.locator('[data-test-id="canvas-node"]').count();
			if (count !== ex.workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length)
				problem(step, `${count} nodes on the canvas, ${ex.workflow.nodes.length} in the file`);
			await checkNoUnknownNode(page, step);
			log(`${step}: ${count} node(s), ${await shot(page, `example-${ex.base}`)}`);
			// open each package node of the example and check its labels
			for (const n of ex.workflow.nodes.filter((n) => n.type.startsWith(`${pkg.name}.`))) {
				const d = nodes.find((x) => x.type === n.type);
				await openNodeOnCanvas(page, n.name);
				await checkLabels(page, `${step} / ${n.name}`, d);
				await checkNoUnknownNode(page, `${step} / ${n.name}`);
				await closeNdv(page);
			}
		}

		// the operation with the most fields of each action node
		for (const r of args.has('--panel-only') ? [] : rich) {
			step = `${r.d.displayName} → ${r.best.resource.name} → ${r.best.operation.name} (${r.best.fields.length} fields)`;
			await page.goto(`${inst.baseUrl}/workflow/${r.id}`);
			await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'visible' });
			await openNodeOnCanvas(page, r.nodeName);
			const n = await checkLabels(page, step, r.d);
			await checkNoUnknownNode(page, step);
			log(`${step}: ${n} labels, ${await shot(page, `fields-${r.d.name}`)}`);
			await closeNdv(page);
		}

		// per family with pickers: a resource locator's list shows the emulator's seed rows, and a pick fills the field
		for (const c of pickerCases(nodes, emulators)) {
			step = `picker ${c.d.displayName} → ${c.resource.name} → ${c.operation.name} → ${c.locator.displayName}`;
			await checkPicker(page, inst, cookie, c, step);
		}

		// each node of the package from the node panel, asserted on the canvas afterwards
		for (const d of nodes) {
			step = `node panel "${d.displayName}"`;
			await addFromNodePanel(page, inst, nodes, d, step);
		}
	} catch (e) {
		if (lastPage) await shot(lastPage, 'failure').then((f) => log(`screenshot at the failure: ${f}`)).catch(() => {});
		throw e;
	} finally {
		if (browser) await browser.close().catch(() => {});
		await server.stop();
		await stopEmulators(emulators);
		rmSync(profile, { recursive: true, force: true });
		if (!problems.length) rmSync(userFolder, { recursive: true, force: true });
		else log(`n8n user folder kept: ${userFolder} (log: ${inst.logFile})`);
	}
}

async function openNodeCreator(page) {
	const plus = page.locator('[data-test-id="canvas-add-button"], [data-test-id="node-creator-plus-button"]').first();
	await plus.waitFor({ state: 'visible', timeout: 20_000 });
	await plus.click();
	await page.locator('[data-test-id="node-creator-search-bar"]').first().waitFor({ state: 'visible', timeout: 15_000 });
}

async function checkLabels(page, where, d) {
	const wire = new Set();
	const walk = (props) => {
		for (const p of props ?? []) {
			wire.add(p.name);
			walk(p.options?.filter((o) => o.name && o.values).flatMap((o) => o.values));
			walk(p.options?.filter((o) => o.displayName));
		}
	};
	walk(d?.properties);
	const labels = (await ndvLabels(page)).map((l) => l.split('\n')[0].trim()).filter(Boolean);
	for (const l of new Set(labels)) if (rawLabel(l, wire)) problem(where, `parameter label "${l}" reads as a raw wire name`);
	return labels.length;
}

/** Polls an async check until it returns a truthy value (conditions, not fixed sleeps); throws naming `what`. */
async function until(check, timeoutMs, what) {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const v = await check();
		if (v) return v;
		if (Date.now() > end) throw new Error(`waited ${timeoutMs / 1000} s for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** Saves a one-node workflow through the REST API; returns its id. */
async function createWorkflow(inst, cookie, name, node) {
	const r = await fetch(`${inst.baseUrl}/rest/workflows`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json', 'browser-id': 'pbx-scripts' },
		// 1.x requires `active`
		body: JSON.stringify({ name, active: false, nodes: [{ id: '6b1c3e2a-0000-4000-8000-000000000001', position: [0, 0], ...node }], connections: {}, settings: {} }),
	});
	if (!r.ok) throw new Error(`create workflow "${name}": HTTP ${r.status} ${(await r.text()).slice(0, 300)}`);
	return (await r.json()).data.id;
}

const latestVersion = (d) => (Array.isArray(d.version) ? d.version.at(-1) : d.version);

/**
 * Adds node `d` from the node panel the way a user does: search, click the entry, then (for a node with
 * triggers/actions) click one of its own entries; asserts the node's details open and the node is on the canvas.
 */
async function addFromNodePanel(page, inst, nodes, d, step) {
	// n8n lists "X Trigger" under X's entry (section "Triggers"), so a trigger node is looked up by X's name there
	const base = d.displayName.replace(/ Trigger$/, '');
	const entry = base !== d.displayName && nodes.some((n) => n.displayName === base) ? base : d.displayName;
	try {
		await page.goto(`${inst.baseUrl}/workflow/new`);
		await openNodeCreator(page);
		const creator = page.getByTestId('node-creator');
		await page.getByTestId('node-creator-search-bar').first().fill(entry);
		const entryName = creator.getByTestId('node-creator-item-name').getByText(entry, { exact: true }).first();
		await entryName.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {
			throw new Error(`not found in the node panel by "${entry}"`);
		});
		await entryName.click();
		// a node without triggers/actions is added at once (1.x) or offers "Add to workflow" (2.x); otherwise its triggers
		// and actions are listed, each entry keyed "<node type>-<uuid>" (on an empty canvas the actions are folded)
		const ndv = page.getByTestId('ndv').first();
		const own = creator.locator(`[data-keyboard-nav-type="action"][data-keyboard-nav-id^="${d.type}-"]`);
		const folded = creator.locator('[data-category-collapsed="true"] > [data-test-id="node-creator-category-item"]');
		const addButton = creator.getByRole('button', { name: 'Add to workflow' });
		const state = await until(
			async () =>
				(await ndv.isVisible())
					? 'added'
					: (await addButton.isVisible())
						? 'button'
						: (await own.first().isVisible())
							? 'listed'
							: (await folded.count())
								? 'folded'
								: undefined,
			15_000,
			`"${entry}" to be added or to list its triggers/actions`,
		);
		if (state === 'button') {
			await addButton.click();
			await ndv.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {
				throw new Error('"Add to workflow" did not open the node');
			});
		} else if (state !== 'added') {
			for (let i = 0; i < 5 && !(await own.first().isVisible()) && (await folded.count()); i++) await folded.first().click();
			await own.first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {
				throw new Error(`"${entry}" lists no trigger/action of ${d.type}`);
			});
			const action = (await own.first().getByTestId('node-creator-item-name').innerText()).trim();
			await own.first().getByTestId('node-creator-item-name').click();
			await ndv.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {
				throw new Error(`picking "${action}" did not open the node`);
			});
		}
		await page.waitForTimeout(300); // parameters render after the panel
		await checkLabels(page, step, d);
		await checkNoUnknownNode(page, step);
		const file = await shot(page, `panel-${d.name}`);
		await closeNdv(page);
		await page
			.locator(`[data-test-id="canvas-node"][data-node-type="${d.type}"]`)
			.first()
			.waitFor({ state: 'visible', timeout: 10_000 })
			.catch(() => {
				throw new Error(`no ${d.type} node on the canvas after adding it`);
			});
		log(`${step}: added to the canvas, ${file}`);
	} catch (e) {
		problem(step, e.message.split('\n')[0]);
		log(`screenshot: ${await shot(page, `panel-failure-${d.name}`)}`);
	}
}

/** The picker each family's test opens, and the rows of the family's emulator seed the list must show. */
const PICKER_SEEDS = {
	vos3000: { picker: 'account', seed: (emu) => [...emu.state.customers.keys()] },
	'openvox-uc': { picker: 'extension', seed: (emu) => [...emu.state.extensions.keys()] },
	'grandstream-ucm': { picker: 'extension', seed: (emu) => [...emu.state.accounts.keys()] },
	'fiberme-fcm630a': { picker: 'extension', seed: (emu) => [...emu.state.accounts.keys()] },
};

/** One picker per family whose action node has list searches, on an operation that shows it. */
function pickerCases(nodes, emulators) {
	const cases = [];
	for (const s of emulators) {
		const cred = s.credentials[0];
		const d = nodes.find((n) => n.listSearch.length && n.credentials?.some((c) => c.name === cred?.type));
		if (!d) continue;
		const where = `picker ${d.displayName}`;
		const want = PICKER_SEEDS[s.family.key];
		if (!want) {
			problem(where, `family ${s.family.key} has pickers but no entry in PICKER_SEEDS (scripts/test-ui.mjs)`);
			continue;
		}
		const method = `${want.picker}Search`;
		const locator = d.properties.find((p) => p.type === 'resourceLocator' && p.modes?.some((m) => m.typeOptions?.searchListMethod === method));
		// Fields are shown by operation alone (operation values are unique per node): try every (resource, operation).
		const pairs = locator
			? d.properties
					.find((p) => p.name === 'resource')
					.options.flatMap((r) =>
						d.properties.filter((p) => p.name === 'operation' && shown(p, { resource: r.value })).flatMap((p) => p.options.map((o) => [r, o])),
					)
			: [];
		const [resource, operation] = pairs.find(([r, o]) => shown(locator, { resource: r.value, operation: o.value })) ?? [];
		if (!operation) {
			problem(where, `no operation shows a resource locator listing through ${method}`);
			continue;
		}
		cases.push({ d, family: s.family, cred, locator, resource, operation, seed: want.seed(s.emu).map(String) });
	}
	return cases;
}

/** Opens the picker's list, asserts it shows exactly the emulator's seed rows, picks one and checks the field. */
async function checkPicker(page, inst, cookie, c, step) {
	const valueOf = (text) => text.trim().replace(/ \(.*\)$/s, '');
	try {
		const nodeName = `${c.d.displayName} picker`;
		const id = await createWorkflow(inst, cookie, `UI smoke: ${step}`, {
			name: nodeName,
			type: c.d.type,
			typeVersion: latestVersion(c.d),
			parameters: { resource: c.resource.value, operation: c.operation.value },
			credentials: { [c.cred.type]: { id: c.cred.id, name: c.cred.name } },
		});
		await page.goto(`${inst.baseUrl}/workflow/${id}`);
		await page.getByTestId('canvas-node').first().waitFor({ state: 'visible' });
		await openNodeOnCanvas(page, nodeName);
		const field = page.getByTestId('ndv').getByTestId(`resource-locator-${c.locator.name}`).first();
		const input = field.getByTestId('rlc-input');
		await input.click();
		const items = page.getByTestId('rlc-item');
		await items.first().waitFor({ state: 'visible', timeout: 20_000 }).catch(() => {
			throw new Error('the list shows no rows');
		});
		const want = [...c.seed].sort().join(', ');
		let listed = '';
		await until(async () => (listed = (await items.allInnerTexts()).map(valueOf).sort().join(', ')) === want, 10_000, 'the list to settle').catch(() => {
			throw new Error(`the list shows [${listed}], the emulator's seed is [${want}]`);
		});
		const listShot = await shot(page, `picker-${c.family.key}-list`);
		// a row other than the first (highlighted by default), found through the list's search box as a user would
		const pick = c.seed[1] ?? c.seed[0];
		await page.getByPlaceholder('Search...', { exact: true }).first().fill(pick);
		await until(
			async () => {
				const rows = await items.allInnerTexts();
				return rows.some((r) => valueOf(r) === pick) && rows.every((r) => r.includes(pick));
			},
			10_000,
			`the list searched for "${pick}" to show only rows containing it`,
		);
		await items.filter({ hasText: new RegExp(`^\\s*${pick.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\(|\\s*$)`) }).first().click();
		await until(async () => valueOf(await input.inputValue()) === pick, 10_000, `the field to show the picked ${pick}`);
		const pickedShot = await shot(page, `picker-${c.family.key}-picked`);
		pickerShots.push(listShot, pickedShot);
		log(`${step}: lists the emulator's ${c.seed.length} seed rows, picked ${pick}: ${listShot}, ${pickedShot}`);
	} catch (e) {
		problem(step, e.message.split('\n')[0]);
		log(`screenshot: ${await shot(page, `picker-failure-${c.family.key}`)}`);
	} finally {
		await closeNdv(page);
	}
}

main()
	.then(() => {
		log(`${shots.length} screenshot(s) in ${SHOTS}`);
		if (pickerShots.length) log(`pickers in the editor:\n  ${pickerShots.join('\n  ')}`);
		log(`run time ${Math.round((Date.now() - t0) / 1000)} s`);
		if (problems.length) {
			log(`FAILED: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
			process.exit(1);
		}
		log('passed');
		process.exit(0);
	})
	.catch(async (e) => {
		process.stderr.write(`[test:ui] FAILED: ${e.stack || e.message}\n`);
		log(`run time ${Math.round((Date.now() - t0) / 1000)} s; screenshots so far in ${SHOTS}`);
		process.exit(1);
	});
