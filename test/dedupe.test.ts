import { ResendFilter } from '../nodes/shared/dedupe';

describe('ResendFilter', () => {
	it('an identity repeats as a resend only within its window', () => {
		const f = new ResendFilter();
		expect(f.firstWithIdentity('bye|1.1', 1000, 0)).toBe(true);
		expect(f.firstWithIdentity('bye|1.1', 1000, 999)).toBe(false);
		expect(f.firstWithIdentity('bye|1.2', 1000, 999)).toBe(true);
		expect(f.firstWithIdentity('bye|1.1', 1000, 2500)).toBe(true);
		// Expired identities are dropped as newer ones come.
		expect(f.stats().identities).toBe(1);
	});

	it('a subject repeats as a resend only when the body equals its last one, within the window', () => {
		const f = new ResendFilter();
		const reg = '{"status":"Registered"}';
		const unreg = '{"status":"Unregistered"}';
		expect(f.changesSubject('ext|1000', reg, 30_000, 0)).toBe(true);
		expect(f.changesSubject('ext|1000', reg, 30_000, 10)).toBe(false);
		expect(f.changesSubject('ext|1000', unreg, 30_000, 20)).toBe(true);
		expect(f.changesSubject('ext|1000', reg, 30_000, 30)).toBe(true);
		expect(f.changesSubject('ext|1001', reg, 30_000, 40)).toBe(true);
		// Two reboots: the second BootUp after the window is a new report.
		expect(f.changesSubject('bootup|sn', '{"action":"BootUp"}', 30_000, 0)).toBe(true);
		expect(f.changesSubject('bootup|sn', '{"action":"BootUp"}', 30_000, 120_000)).toBe(true);
		// Resends do not stretch the window.
		expect(f.changesSubject('x', 'a', 100, 0)).toBe(true);
		expect(f.changesSubject('x', 'a', 100, 90)).toBe(false);
		expect(f.changesSubject('x', 'a', 100, 150)).toBe(true);
	});

	it('stays bounded and costs the same per report whatever the number remembered', () => {
		const f = new ResendFilter(10_000);
		const perReport = (n: number, offset: number) => {
			const t0 = process.hrtime.bigint();
			for (let i = 0; i < n; i++) f.firstWithIdentity(`newcdr|${offset + i}`, 600_000, offset + i);
			return Number(process.hrtime.bigint() - t0) / n / 1000;
		};
		perReport(20_000, 0);
		const small = perReport(20_000, 1_000_000);
		expect(f.stats().identities).toBe(10_000);
		console.log(`ResendFilter: ${small.toFixed(2)} µs per report with 10,000 identities remembered (100 reports/s for 10 min would be 60,000)`);
	});
});
