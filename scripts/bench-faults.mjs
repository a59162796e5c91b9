// Exactly-once benchmark (issue 8): VOS3000 Recharge (Pay) through n8n-core's real WorkflowExecute
// (test/harness/run.ts), with the fault proxy (test/emulators/faultProxy.ts) between the node and the emulator.
//
// 1,000 Recharge items; each Pay request meets one fault with 10 % probability per kind (seeded, so every run
// is the same): forward-then-drop, forward-then-502, forward-then-504, forward-then-200-HTML, delay past the
// node's timeout, reset before forwarding (60 % of Pay requests in all). Lookups (GetPayHistory) pass untouched.
// Node settings: Retry On Fail on (3 tries, n8n's default 1 s between tries), once with Continue On Fail (every
// item is tried) and once without (the batch stops on the first failed item). Each scenario runs without and with
// an Idempotency Key (the item's payment id), then the same items are run again as a new execution (a full re-run,
// after every delayed request has landed).
//
// Counted from the emulator's payment history, per item: applied (at least once), double charges (extra
// applications), applied-but-reported-failed (the node said failed / not applied, the PBX applied it), unknown
// (the node said "Outcome unknown"), and how many of those the PBX had in fact applied.
//
// Prints numbers, never fails on them. Usage: npm run bench:faults  (or: node scripts/bench-faults.mjs [--items N]
// [--seed N] [--timeout MS] [--delay MS])
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { compileForBench } from './bench/build.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, dflt) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : dflt;
};
const ITEMS = arg('items', 1000);
const SEED = arg('seed', 8);
const TIMEOUT_MS = arg('timeout', 200);
const DELAY_MS = arg('delay', 1500);

const require = compileForBench(ROOT);
const { runWorkflow } = require('./build/test/harness/run.js');
const { startVos3000Emulator } = require('./build/test/emulators/vos3000/index.js');
const { startFaultProxy, FAULT_KINDS } = require('./build/test/emulators/faultProxy.js');
const { keyOf } = require('./build/nodes/shared/idempotency.js');
const { closeAllPools } = require('./build/nodes/shared/http.js');

/** mulberry32: a small seeded PRNG, so every run meets the same faults. */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const emu = await startVos3000Emulator();
const proxy = await startFaultProxy(emu.url);
const creds = { vos3000Api: { scheme: 'http', host: '127.0.0.1', port: proxy.port, timeoutMs: TIMEOUT_MS } };
const accounts = ['1001', '1002'];

function planFaults() {
	const random = prng(SEED);
	const counts = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0]));
	proxy.plan = (req) => {
		if (req.path !== '/external/server/Pay') return undefined;
		const slot = Math.floor(random() * 10);
		const kind = FAULT_KINDS[slot];
		if (!kind) return undefined;
		counts[kind]++;
		return kind === 'delay' ? { kind, delayMs: DELAY_MS } : kind;
	};
	return counts;
}

async function execute(items, withKey, continueOnFail) {
	const parameters = {
		resource: 'payment',
		operation: 'pay',
		ownerName: '={{$json.account}}',
		ownerType: 2,
		money: 1,
		idempotencyKey: withKey ? '={{$json.paymentId}}' : '',
		additionalFields: { memo: withKey ? 'bench' : '={{$json.paymentId}}' },
	};
	const run = await runWorkflow({
		credentials: creds,
		items: items.map((json) => ({ json })),
		nodes: [
			{
				name: 'Recharge',
				type: 'vos3000',
				parameters,
				retryOnFail: true,
				maxTries: 3,
				...(continueOnFail ? { continueOnFail: true, onError: 'continueRegularOutput' } : {}),
			},
		],
	});
	const tasks = run.data.resultData.runData.Recharge ?? [];
	const out = tasks[tasks.length - 1]?.data?.main?.[0] ?? [];
	/** item -> what the node said about it in this execution */
	const said = new Map();
	for (const o of out) {
		const i = o.pairedItem?.item;
		if (typeof i !== 'number') continue;
		const e = o.json.error;
		said.set(i, e === undefined ? 'ok' : /^Outcome unknown/.test(e) ? 'unknown' : 'failed');
	}
	const error = run.data.resultData.error;
	if (error) {
		// The node stopped: the error says what became of each item (issue 8, item 4).
		const ctx = error.context ?? {};
		for (const a of ctx.appliedItems ?? []) said.set(a.item, 'ok');
		if (typeof ctx.stoppedItem === 'number') said.set(ctx.stoppedItem, /^Outcome unknown/.test(error.message) ? 'unknown' : 'failed');
	}
	return { said, stopped: !!error };
}

function tally(items, withKey, said) {
	const perItem = new Map();
	for (const p of emu.state.payHistory) {
		const id = withKey ? keyOf(p.memo) : p.memo;
		if (id) perItem.set(id, (perItem.get(id) ?? 0) + 1);
	}
	const t = { applied: 0, double: 0, extra: 0, reportedFailedButApplied: 0, unknown: 0, unknownApplied: 0, notTried: 0, failedNotApplied: 0 };
	items.forEach((it, i) => {
		const n = perItem.get(it.paymentId) ?? 0;
		if (n > 0) t.applied++;
		if (n > 1) {
			t.double++;
			t.extra += n - 1;
		}
		const s = said.get(i);
		if (s === undefined) t.notTried++;
		if (s === 'failed' && n > 0) t.reportedFailedButApplied++;
		if (s === 'failed' && n === 0) t.failedNotApplied++;
		if (s === 'unknown') {
			t.unknown++;
			if (n > 0) t.unknownApplied++;
		}
	});
	return t;
}

const row = (label, t, ms) =>
	console.log(
		`  ${label.padEnd(22)} applied ${String(t.applied).padStart(4)}/${ITEMS}  double charges ${String(t.double).padStart(3)} (+${t.extra})  ` +
			`applied-but-reported-failed ${String(t.reportedFailedButApplied).padStart(3)}  unknown ${String(t.unknown).padStart(3)} (PBX applied ${t.unknownApplied})  ` +
			`failed+not applied ${String(t.failedNotApplied).padStart(3)}  not tried ${String(t.notTried).padStart(4)}  ${(ms / 1000).toFixed(1)} s`,
	);

console.log(
	`\n${ITEMS} Recharge items, each Pay request: 10 % per fault kind (${FAULT_KINDS.join(', ')}), seed ${SEED}; node timeout ${TIMEOUT_MS} ms, delay ${DELAY_MS} ms; Retry On Fail 3 tries.`,
);
for (const continueOnFail of [true, false]) {
	console.log(`\n${continueOnFail ? 'Continue On Fail on' : 'Continue On Fail off (the batch stops on a failed item)'}:`);
	for (const withKey of [false, true]) {
		emu.reset();
		proxy.clear();
		const faults = planFaults();
		const items = Array.from({ length: ITEMS }, (_, i) => ({ account: accounts[i % accounts.length], paymentId: `pay-${continueOnFail ? 'c' : 's'}-${i}` }));
		console.log(` ${withKey ? 'with an Idempotency Key' : 'without a key'}:`);
		let said = new Map();
		for (const phase of ['first execution', 'full re-run']) {
			const t0 = performance.now();
			const r = await execute(items, withKey, continueOnFail);
			await proxy.idle();
			// What the user sees last for each item: this execution's word where it tried the item, else the earlier one.
			said = new Map([...said, ...r.said]);
			row(phase + (r.stopped ? ' (stopped)' : ''), tally(items, withKey, said), performance.now() - t0);
		}
		console.log(`    faults met: ${FAULT_KINDS.map((k) => `${k} ${faults[k]}`).join(', ')}; Pay requests ${emu.requests.filter((q) => q.name === 'Pay').length}, lookups ${emu.requests.filter((q) => q.name === 'GetPayHistory').length}`);
	}
}

await closeAllPools();
await proxy.close();
await emu.close();
