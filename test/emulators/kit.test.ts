// The emulator kit (test/emulators/kit): server, fault switches, reboot, sessions, lockout, state, pushes, time.
import * as http from 'node:http';
import {
	LoginGuard, Outbox, SessionStore, StateStore, dialPatternRegex, fieldReader, formatTime, parseTime, startKitServer, startReportReceiver, withDefaults,
	type KitServer, type SessionBase,
} from './kit';

function request(url: string, body = '', agent?: http.Agent): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: 'POST', agent }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
		});
		req.on('error', reject);
		req.end(body);
	});
}

describe('kit server', () => {
	let kit: KitServer;
	const applied: string[] = [];
	beforeAll(async () => {
		kit = await startKitServer({
			maxBodyBytes: 1024,
			handle: (r) => {
				applied.push(`${r.path} ${r.raw}`);
				return { body: `ok ${r.raw}`, op: r.path.slice(1) };
			},
			page: (status, text) => ({ status, body: `page ${status} ${text}` }),
			malformedBody: () => ({ body: '<html>NullPointerException</html>' }),
			notRunning: () => ({ body: 'booting' }),
		});
	});
	afterAll(() => kit.close());
	beforeEach(() => {
		applied.length = 0;
		for (const k of Object.keys(kit.faults)) delete (kit.faults as Record<string, unknown>)[k];
	});

	it('answers, applies the fault switches by operation, caps bodies', async () => {
		expect(await request(`${kit.url}/Pay`, 'a')).toEqual({ status: 200, body: 'ok a' });
		kit.faults.httpStatus = 403;
		expect((await request(`${kit.url}/Pay`, 'b')).status).toBe(403);
		expect(applied).toEqual(['/Pay a']);
		kit.faults.httpStatus = undefined;
		kit.faults.malformed = ['Pay'];
		expect(await request(`${kit.url}/Pay`, 'c')).toEqual({ status: 200, body: '<html>NullPointerException</html>' });
		kit.faults.dropAfterApply = ['Pay'];
		await expect(request(`${kit.url}/Pay`, 'd')).rejects.toThrow();
		expect(applied).toEqual(['/Pay a', '/Pay c', '/Pay d']);
		kit.faults.notRunningRequests = 1;
		kit.faults.dropAfterApply = undefined;
		kit.faults.malformed = undefined;
		expect((await request(`${kit.url}/Get`, 'e')).body).toBe('booting');
		expect((await request(`${kit.url}/Get`, 'f')).body).toBe('ok f');
		expect((await request(`${kit.url}/Get`, 'x'.repeat(2000))).status).toBe(413);
	});

	it('counts connections and comes back on the same port after a reboot', async () => {
		const agent = new http.Agent({ keepAlive: true });
		kit.dropConnections();
		await new Promise((r) => setTimeout(r, 20));
		const opened = kit.opened;
		await request(`${kit.url}/a`, '', agent);
		await request(`${kit.url}/a`, '', agent);
		expect(kit.opened).toBe(opened + 1);
		expect(kit.connections()).toBe(1);
		const port = kit.port;
		await kit.stop();
		expect(kit.connections()).toBe(0);
		await expect(request(`${kit.url}/a`, '', new http.Agent({ keepAlive: false }))).rejects.toThrow(/ECONNREFUSED/);
		await kit.start();
		expect(kit.port).toBe(port);
		agent.destroy();
		expect((await request(`${kit.url}/a`, 'z', new http.Agent({ keepAlive: false }))).body).toBe('ok z');
	});
});

describe('kit sessions and lockout', () => {
	it('expires idle sessions, after N uses, on revoke', () => {
		const limits = { idleMs: 60_000, expireEveryNRequests: 2 as number | undefined };
		const store = new SessionStore<SessionBase & { url?: string }>(() => limits);
		const s = store.issue({ token: 't1', ip: '127.0.0.1' });
		expect(store.use(undefined)).toBe('missing');
		expect(store.use('nope')).toBe('unknown');
		expect(store.use('t1')).toBe(s);
		expect(store.use('t1')).toBe(s);
		expect(store.use('t1')).toBe('expired');
		limits.expireEveryNRequests = undefined;
		store.issue({ token: 't2', ip: '127.0.0.1' });
		store.byToken.get('t2')!.lastUsed -= 61_000;
		expect(store.use('t2')).toBe('expired');
		store.issue({ token: 't3', ip: '127.0.0.1' });
		expect(store.count()).toBe(1);
		store.revoke('t3');
		expect(store.use('t3')).toBe('expired');
	});

	it('locks a caller out after the configured wrong logins, then lifts the lock', () => {
		const limits = { failures: 3, lockMs: 60_000 };
		const guard = new LoginGuard(() => limits);
		expect(guard.fail('ip')).toEqual({ remaining: 2 });
		expect(guard.fail('ip')).toEqual({ remaining: 1 });
		expect(guard.lockedForMs('ip')).toBe(0);
		expect(guard.fail('ip')).toEqual({ remaining: 0, lockedForMs: 60_000 });
		expect(guard.lockedForMs('ip')).toBeGreaterThan(59_000);
		expect(guard.lockedForMs('other')).toBe(0);
		guard.succeed('ip');
		expect(guard.lockedForMs('ip')).toBe(0);
	});
});

describe('kit state, fields, time, pushes', () => {
	it('resets to a deep clone of the seed, in place', () => {
		const store = new StateStore({ rows: [{ a: 1 }], byId: new Map([['x', { n: 1 }]]), buf: Buffer.from('ab') });
		const held = store.state;
		held.rows[0].a = 2;
		held.byId.get('x')!.n = 5;
		store.reset();
		expect(store.state).toBe(held);
		expect(held.rows[0].a).toBe(1);
		expect(held.byId.get('x')!.n).toBe(1);
		expect(store.reset().rows).not.toBe(store.fresh().rows);
	});

	it('reads required fields with the family error', () => {
		const f = fieldReader({ missing: (n) => new Error(`missing ${n}`) });
		expect(f.need({ a: ' 1 ', b: 2 }, 'a', 'b')).toEqual(['1', '2']);
		expect(() => f.need({ a: '  ' }, 'a')).toThrow('missing a');
		expect(f.opt({ a: { x: 1 } }, 'a')).toBeUndefined();
		expect(fieldReader({ missing: () => new Error(), objects: 'json' }).opt({ a: { x: 1 } }, 'a')).toBe('{"x":1}');
	});

	it('writes and reads the PBX time formats', () => {
		const t = new Date(2024, 4, 2, 10, 10, 9).getTime();
		expect(formatTime(t, 'yyyy-MM-dd HH:mm:ss')).toBe('2024-05-02 10:10:09');
		expect(formatTime(t, 'yyyyMMddHHmmss')).toBe('20240502101009');
		expect(formatTime(t, 'yyyy-MMM-dd-HH:mm:ss')).toBe('2024-May-02-10:10:09');
		expect(parseTime('20240502101009', 'yyyyMMddHHmmss')).toBe(t);
		expect(parseTime('2024-May-02-10:10:09', 'yyyy-MMM-dd-HH:mm:ss')).toBe(t);
		expect(parseTime('2024-05-02 10:10:09', 'yyyy-MM-dd HH:mm:ss', { utc: true })).toBe(Date.UTC(2024, 4, 2, 10, 10, 9));
		expect(parseTime('2024-05-02', 'yyyy-MM-dd HH:mm:ss')).toBeUndefined();
	});

	it('pushes in order and records each answer', async () => {
		// the first report is answered late: an ordered outbox still delivers the second after it
		const seen: string[] = [];
		const receiver = await startReportReceiver(async (_n, r) => {
			if (r.body === 'one') await new Promise((t) => setTimeout(t, 50));
			seen.push(r.body);
			return { status: r.body === 'bad' ? 500 : 200, body: '{"ok":true}' };
		});
		const url = `${receiver.url}/r`;
		const out = new Outbox({ ordered: true, timeoutMs: () => 5_000 });
		void out.queue(() => out.post(url, 'one'));
		void out.queue(() => out.post(url, 'two'));
		void out.queue(() => out.post(url, 'bad'));
		await out.idle();
		expect(seen).toEqual(['one', 'two', 'bad']);
		expect(out.sent.map((s) => [s.body, s.result.status])).toEqual([['one', 200], ['two', 200], ['bad', 500]]);
		expect(out.sent[0].result.json).toEqual({ ok: true });
		await receiver.close();
		expect((await out.post(url, 'gone')).status).toBe(0);
	});
});

describe('kit dial patterns', () => {
	it('matches Asterisk patterns on the whole number', () => {
		expect(dialPatternRegex('9NXXXXXX').test('92345678')).toBe(true);
		expect(dialPatternRegex('9NXXXXXX').test('91345678')).toBe(false);
		expect(dialPatternRegex('X.').test('1')).toBe(false);
		expect(dialPatternRegex('X.').test('12')).toBe(true);
		expect(dialPatternRegex('1[35-7]X!').test('160')).toBe(true);
		expect(dialPatternRegex('1[35-7]X!').test('140')).toBe(false);
		expect(dialPatternRegex('+1').test('+1')).toBe(true);
	});
});

describe('kit options', () => {
	it('takes the set options over the defaults and nothing else', () => {
		const d = { a: 1, b: undefined as number | undefined, c: 'x' };
		expect(withDefaults(d, { a: 2, b: undefined, port: 9 } as Partial<typeof d>)).toEqual({ a: 2, b: undefined, c: 'x' });
	});
});
