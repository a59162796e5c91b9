/**
 * OpenVox UC sessions through WorkflowExecute: token expiry in the middle of big batches, refused logins, and the
 * no-retry rule for call operations (a session-expired answer is the one safe resend).
 */
import { closeAllPools } from '../../nodes/shared/http';
import { md5Hex, openVoxUcSessions } from '../../nodes/OpenVoxUc/protocol';
import { OPENVOX_UC_SEED, makeWav, startOpenVoxUcEmulator, type OpenVoxUcEmulator } from '../emulators/openvox-uc';
import { binaryBytes, credsFor, forgetSession, sessionKey, startDroppingProxy, startReportSink, uc, type UcCreds } from './helpers';

let emu: OpenVoxUcEmulator;
let sink: Awaited<ReturnType<typeof startReportSink>>;
let creds: UcCreds;
const pristineOptions = () => ({ ...emu.options });
let savedOptions: OpenVoxUcEmulator['options'];
const originalPush = Array.prototype.push;

beforeAll(async () => {
	emu = await startOpenVoxUcEmulator();
	sink = await startReportSink();
	savedOptions = pristineOptions();
});
afterAll(async () => {
	await closeAllPools();
	await emu.close();
	await sink.close();
});
beforeEach(() => {
	emu.reset();
	Object.assign(emu.options, savedOptions);
	creds = credsFor(emu, sink.port);
	forgetSession(creds);
});
afterEach(() => {
	// undo any request watcher a test installed
	emu.requests.push = originalPush;
});

/** Calls `onRequest(n, path)` for the n-th API request (1-based, logins not counted) as the emulator receives it. */
function watchRequests(onRequest: (n: number, path: string) => void): void {
	let n = 0;
	const requests = emu.requests;
	requests.push = function (this: typeof requests, ...rows: typeof requests) {
		for (const r of rows) if (r.path !== 'login') onRequest(++n, r.path);
		return originalPush.apply(this, rows);
	};
}

const seedExts = OPENVOX_UC_SEED.extensions.map((e) => e.extnumber);
const batch = (n: number) => Array.from({ length: n }, (_, i) => ({ ext: seedExts[i % seedExts.length] }));
const getExt = { resource: 'extension', operation: 'queryExtension', additionalFields: { extid: '={{$json.ext}}' } };

describe('OpenVox UC token expiry during a 500-item batch', () => {
	it.each(['json', 'xml'] as const)('(%s) the PBX expires the token after every 200 requests: two shared re-logins, no failed item', async (format) => {
		creds.format = format;
		emu.options.expireEveryNRequests = 200;
		const items = batch(500);
		const r = await uc(creds, getExt, { items });

		expect(r.error).toBeUndefined();
		expect(r.json).toHaveLength(500);
		expect(r.json.filter((j) => j.error !== undefined)).toEqual([]);
		// every output belongs to its item, in order
		r.json.forEach((j, i) => expect(j.extnumber).toBe(items[i].ext));
		expect(r.items.map((it) => (it.pairedItem as { item: number }).item)).toEqual(items.map((_, i) => i));

		// the first login plus exactly two re-logins, on the emulator and in the node's own count
		expect(emu.logins).toBe(3);
		expect(emu.loginAttempts).toBe(3);
		expect(openVoxUcSessions.stats(sessionKey(creds)).logins).toBe(3);
		const queries = emu.requests.filter((q) => q.path === 'extension/query');
		expect(new Set(queries.map((q) => q.query.token)).size).toBe(3);
		// each refused request (at most one per worker in flight) was resent once; every item answered once
		const refused = queries.length - 500;
		expect(refused).toBeGreaterThanOrEqual(2);
		expect(refused).toBeLessThanOrEqual(2 * 4);
		expect(queries.every((q) => q.format === format)).toBe(true);
	});

	it('the PBX drops every token twice (after the 150th and 350th request): still two re-logins and 500 good items', async () => {
		watchRequests((n) => {
			if (n === 150 || n === 350) emu.expireTokens();
		});
		const items = batch(500);
		const r = await uc(creds, getExt, { items });
		expect(r.error).toBeUndefined();
		expect(r.json).toHaveLength(500);
		r.json.forEach((j, i) => expect(j.extnumber).toBe(items[i].ext));
		expect(emu.logins).toBe(3);
		expect(openVoxUcSessions.stats(sessionKey(creds)).logins).toBe(3);
	});

	it('a token that expired between two executions is renewed once and reused by the next execution', async () => {
		await uc(creds, getExt, { items: batch(3) });
		emu.expireTokens();
		const r = await uc(creds, getExt, { items: batch(20) });
		expect(r.error).toBeUndefined();
		expect(r.json).toHaveLength(20);
		const again = await uc(creds, getExt, { items: batch(5) });
		expect(again.json).toHaveLength(5);
		expect(emu.logins).toBe(2);
	});

	it('stale answers that arrive after the re-login reuse the new token instead of logging in again', async () => {
		const proxy = await startDroppingProxy(emu);
		try {
			const viaProxy = { ...creds, port: proxy.port };
			forgetSession(viaProxy);
			await uc(viaProxy, getExt, { items: batch(1) });
			emu.expireTokens();
			// four requests are in flight with the old token; the first refusal comes back at once, the other three
			// only once the re-login is long done
			let refusals = 0;
			proxy.delay = (_url, answer) => (/"errno"\s*:\s*"20006"/.test(answer) ? 80 * refusals++ : 0);
			const r = await uc(viaProxy, getExt, { items: batch(8) });
			expect(r.error).toBeUndefined();
			expect(r.json.map((j) => j.extnumber)).toEqual(batch(8).map((b) => b.ext));
			expect(refusals).toBe(4);
			expect(emu.logins).toBe(2);
			expect(openVoxUcSessions.stats(sessionKey(viaProxy)).logins).toBe(2);
		} finally {
			await proxy.close();
		}
	});
});

describe('OpenVox UC refused logins are never retried', () => {
	const wrongPassword = 'Wr0ng#Secret-42';

	it('a wrong password makes one login attempt for a whole batch, says why, and never shows the password', async () => {
		const bad = { ...creds, password: wrongPassword };
		forgetSession(bad);
		const r = await uc(bad, getExt, { items: batch(12), continueOnFail: true });

		expect(emu.loginAttempts).toBe(1);
		expect(emu.logins).toBe(0);
		expect(emu.requests.filter((q) => q.path !== 'login')).toHaveLength(0);
		expect(r.json).toHaveLength(12);
		for (const j of r.json) {
			expect(j.code).toBe('20003');
			expect(j.error).toMatch(/20003/);
			expect(j.error).toMatch(/invalid username or password/i);
			expect(j.description).toMatch(/Not retried/i);
			expect(j.description).toMatch(/locks this IP out/i);
		}
		const everything = JSON.stringify(r.run);
		expect(everything).not.toContain(wrongPassword);
		expect(everything).not.toContain(md5Hex(wrongPassword));
		// the emulator did receive the md5, so the check above would have caught it leaking back
		expect(JSON.stringify(emu.requests)).toContain(md5Hex(wrongPassword));

		// without continueOnFail the node fails with the same explanation, and the refusal is remembered: no new attempt
		const again = await uc(bad, getExt, { items: batch(3) });
		expect(again.error?.message).toMatch(/20003/);
		expect(again.error?.description).toMatch(/Not retried/i);
		const errText = JSON.stringify(again.error) + String(again.error?.message) + String(again.error?.description);
		expect(errText).not.toContain(wrongPassword);
		expect(errText).not.toContain(md5Hex(wrongPassword));
		expect(emu.loginAttempts).toBe(1);
		expect(openVoxUcSessions.stats(sessionKey(bad))).toEqual({ logins: 0, refusals: 1 });

		// the right password is another credential: it logs in at once
		const good = await uc(creds, getExt, { items: batch(2) });
		expect(good.error).toBeUndefined();
		expect(emu.loginAttempts).toBe(2);
	});

	it('an IP lockout answer (20002) is reported as such and not retried either', async () => {
		// five different wrong passwords lock the IP out (each is its own credential, so each is tried once)
		for (let i = 0; i < 5; i++) {
			const bad = { ...creds, password: `${wrongPassword}-${i}` };
			forgetSession(bad);
			const r = await uc(bad, getExt, { items: batch(2) });
			expect(r.error?.message).toMatch(/20003/);
		}
		expect(emu.loginAttempts).toBe(5);
		const r = await uc(creds, getExt, { items: batch(8), continueOnFail: true });
		expect(emu.loginAttempts).toBe(6);
		expect(r.json.every((j) => j.code === '20002')).toBe(true);
		expect(r.json[0].error).toMatch(/locked out/i);
		expect(r.json[0].description).toMatch(/wait 10 minutes/i);
		// help.yeastar.com/en/s-series-developer-v2/api-v2/login.html: the block can be lifted on the web interface.
		expect(r.json[0].description).toMatch(/remove the blocked API IP on the PBX web interface/);
		expect(JSON.stringify(r.run)).not.toContain(creds.password);
	});
});

describe('OpenVox UC call operations are never retried', () => {
	const dial = { resource: 'call', operation: 'dialExtension', caller: '1000', callee: '1001' };

	beforeEach(() => {
		emu.options.callDurationMs = 60_000;
	});

	it('a session-expired answer to a dial leads to one re-login and one resend; one call is placed', async () => {
		await uc(creds, { resource: 'device', operation: 'queryDeviceInfo' });
		emu.expireTokens();
		const r = await uc(creds, dial);
		expect(r.error).toBeUndefined();
		expect(r.json).toEqual([{ success: true }]);
		const dials = emu.requests.filter((q) => q.path === 'extension/dial_extension');
		expect(dials).toHaveLength(2);
		expect(dials[0].query.token).not.toBe(dials[1].query.token);
		expect(emu.logins).toBe(2);
		expect([...emu.state.calls.values()].filter((c) => c.caller === '1000' && c.callee === '1001')).toHaveLength(1);
	});

	it('a dial whose answer is lost after the PBX placed the call is "outcome unknown" and sent once', async () => {
		const proxy = await startDroppingProxy(emu);
		try {
			const viaProxy = { ...creds, port: proxy.port };
			forgetSession(viaProxy);
			proxy.drop = /dial_extension/;
			const r = await uc(viaProxy, dial);
			expect(proxy.dropped).toHaveLength(1);
			expect(r.error?.message).toMatch(/Outcome unknown/);
			expect(r.error?.message).toMatch(/not retried/i);
			expect(r.error?.description).toMatch(/Get Inbound|Get Outbound|CDR/);
			expect(emu.requests.filter((q) => q.path === 'extension/dial_extension')).toHaveLength(1);
			// the PBX did act on it
			expect([...emu.state.calls.values()].filter((c) => c.caller === '1000')).toHaveLength(1);

			// the same lost answer on a read is retried once
			proxy.drop = /extension\/query/;
			const read = await uc(viaProxy, getExt, { items: [{ ext: '1002' }] });
			expect(emu.requests.filter((q) => q.path === 'extension/query')).toHaveLength(2);
			expect(read.error?.message).toMatch(/closed the connection/);
		} finally {
			await proxy.close();
		}
	});

	it('a batch of dials goes one at a time and stops at the first failure', async () => {
		const r = await uc(creds, { ...dial, caller: '={{$json.from}}', callee: '={{$json.to}}' }, {
			items: [{ from: '1000', to: '1001' }, { from: '1003', to: '1002' }, { from: '1002', to: '1004' }],
		});
		// 1003 is unavailable: the PBX answers 10008 and the third dial is not sent
		expect(r.error?.message).toMatch(/10008/);
		expect(r.error?.message).toMatch(/item 1/);
		expect(emu.requests.filter((q) => q.path === 'extension/dial_extension').map((q) => (q.body as { caller: string }).caller)).toEqual(['1000', '1003']);
	});
});

describe('OpenVox UC downloads and expiry', () => {
	it('a token that expires between the key and the file redoes both steps with a fresh key', async () => {
		const recording = OPENVOX_UC_SEED.recordings[0];
		let expired = false;
		watchRequests((_n, path) => {
			if (path === 'recording/download' && !expired) {
				expired = true;
				emu.expireTokens();
			}
		});
		const r = await uc(creds, { resource: 'recording', operation: 'downloadRecording', recording });
		expect(r.error).toBeUndefined();
		expect(binaryBytes(r.items[0].binary!.data).equals(makeWav(0.5))).toBe(true);
		const keys = emu.requests.filter((q) => q.path === 'recording/get_random');
		const downloads = emu.requests.filter((q) => q.path === 'recording/download');
		expect(keys).toHaveLength(2);
		expect(downloads).toHaveLength(2);
		expect(downloads[0].query.random).not.toBe(downloads[1].query.random);
		expect(emu.logins).toBe(2);
	});
});
