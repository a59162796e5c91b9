import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	formatVosTime,
	LONG_MAX_LITERAL,
	MANUAL_EXAMPLES,
	SEED,
	startVos3000Emulator,
	VOS3000_INTERFACES,
	VOS_RET,
	type Vos3000Emulator,
} from './vos3000';

interface Answer {
	status: number;
	text: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json: any;
	contentType: string | null;
}

let emu: Vos3000Emulator;

async function call(name: string, body: unknown, raw?: string): Promise<Answer> {
	const res = await fetch(`${emu.url}/external/server/${name}`, {
		method: 'POST',
		headers: { 'Content-Type': 'text/html;charset=UTF-8' },
		body: raw ?? JSON.stringify(body),
	});
	const text = await res.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, text, json, contentType: res.headers.get('content-type') };
}

/** A local receiver for pushes: records what it got, answers with `answer(page, body)`. */
async function receiver(answer: (page: string, body: Record<string, unknown>) => unknown = () => ({ retCode: 0 })) {
	const got: Array<{ page: string; body: Record<string, unknown>; contentType?: string }> = [];
	const srv = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const page = (req.url ?? '').split('/').pop() ?? '';
			const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
			got.push({ page, body, contentType: req.headers['content-type'] });
			const out = JSON.stringify(answer(page, body));
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(out);
		});
	});
	await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
	const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/vos`;
	return { url, got, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

beforeAll(async () => {
	emu = await startVos3000Emulator();
});
afterAll(async () => {
	await emu.close();
});
beforeEach(() => emu.reset());

describe('VOS3000 emulator: envelope', () => {
	it('answers with text/html;charset=UTF-8 and retCode 0 plus data as siblings', async () => {
		const a = await call('GetCustomer', { accounts: [SEED.accounts.alice] });
		expect(a.status).toBe(200);
		expect(a.contentType).toBe(MANUAL_EXAMPLES.contentType);
		expect(a.json.retCode).toBe(0);
		expect(a.json.infoCustomers[0]).toMatchObject({ account: '1001', money: 100, feeRateGroup: 'default' });
		expect(emu.requests.at(-1)).toMatchObject({ name: 'GetCustomer', body: { accounts: ['1001'] }, contentType: 'text/html;charset=UTF-8' });
	});

	it('answers an unknown record with the manual example verbatim (-10007)', async () => {
		const a = await call('GetCustomer', { accounts: ['no-such-account'] });
		expect(a.text).toBe(MANUAL_EXAMPLES.notFound);
		expect((await call('DeletePhone', { e164: '999999' })).json).toEqual({ retCode: -10007, exception: 'Not found, operation failed.' });
	});

	it('rejects a missing M field, naming it', async () => {
		const a = await call('CreateCustomer', { account: 'x1' });
		expect(a.json.retCode).toBe(VOS_RET.MISSING_PARAMETER);
		expect(a.json.exception).toContain('name');
		const b = await call('CreateLimitE164', { limitE164GroupName: SEED.limitE164Group, infoLimitE164s: [{ memo: 'no number' }] });
		expect(b.json.retCode).not.toBe(0);
		expect(b.json.exception).toContain('infoLimitE164s[0].e164');
		expect(emu.state.customers.has('x1')).toBe(false);
	});

	it('rejects invalid JSON with a non-zero retCode', async () => {
		const a = await call('GetCustomer', undefined, '{"accounts": [');
		expect(a.status).toBe(200);
		expect(a.json.retCode).not.toBe(0);
		expect(typeof a.json.exception).toBe('string');
	});

	it('parses the raw body whatever the content type, and 404s unknown interfaces', async () => {
		const res = await fetch(`${emu.url}/external/server/GetSoftSwitch`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '' });
		expect(((await res.json()) as { infoSoftSwitches: Array<{ name: string }> }).infoSoftSwitches[0].name).toBe(SEED.softswitchName);
		expect((await call('NoSuchInterface', {})).status).toBe(404);
		// 3.87 prints the path with a space
		expect((await fetch(`${emu.url}/external/server/Delete%20IpLimit`, { method: 'POST', body: JSON.stringify({ ips: '203.0.113.0' }) }).then((r) => r.json() as Promise<{ retCode: number }>)).retCode).toBe(0);
	});

	it('handles every documented interface without an internal error', async () => {
		expect(VOS3000_INTERFACES.length).toBe(91);
		for (const name of VOS3000_INTERFACES) {
			const a = await call(name, {});
			expect(a.status).toBe(200);
			expect(typeof a.json.retCode).toBe('number');
			expect(a.json.retCode).not.toBe(-1);
		}
	});
});

describe('VOS3000 emulator: accounts and money', () => {
	it('create account -> get -> pay -> balance and pay history', async () => {
		const before = formatVosTime(Date.now() - 1000);
		expect((await call('CreateCustomer', { account: 'c100', name: 'Carol', money: 25, feeRateGroup: 'default' })).json).toEqual({ retCode: 0 });
		expect((await call('CreateCustomer', { account: 'c100', name: 'Carol' })).json.retCode).toBe(VOS_RET.ALREADY_EXISTS);
		const got = await call('GetCustomer', { accounts: ['c100'] });
		expect(got.json.infoCustomers[0]).toMatchObject({ account: 'c100', name: 'Carol', money: 25, limitMoney: 0, canceled: false, bindedE164s: [] });
		expect(got.json.infoCustomers[0].infoCustomerAdditional).toHaveProperty('cardType', 0);

		const pay = await call('Pay', { ownerName: 'c100', ownerType: 2, money: 10.5, memo: 'top-up' });
		expect(pay.json.retCode).toBe(0);
		expect(pay.json.infoPay).toMatchObject({ account: 'c100', money: 35.5, payMoney: 10.5 });
		expect(emu.state.customers.get('c100')?.money).toBe(35.5);

		const hist = await call('GetPayHistory', { account: 'c100', beginTime: before, endTime: formatVosTime(Date.now() + 1000) });
		expect(hist.json.infoPayHistorys).toEqual([
			expect.objectContaining({ account: 'c100', fee: 25, type: 2, customerMoney: 25 }),
			expect.objectContaining({ account: 'c100', fee: 10.5, type: 0, payType: 0, customerMoney: 35.5, memo: 'top-up' }),
		]);
		const none = await call('GetPayHistory', { account: 'c100', beginTime: '20000101000000', endTime: '20000102000000' });
		expect(none.json.infoPayHistorys).toEqual([]);
		expect((await call('GetPayHistory', { account: 'c100', beginTime: '2024-01-01', endTime: '20240102000000' })).json.retCode).toBe(VOS_RET.INVALID_PARAMETER);
	});

	it('pays through a phone owner (ownerType 6) and by phone card, which is consumed', async () => {
		expect((await call('Pay', { ownerName: SEED.phones.bob1, ownerType: 6, money: 1 })).json.infoPay.account).toBe('1002');
		const card = await call('PayByPhoneCard', { ownerName: '1001', ownerType: 2, pin: SEED.phoneCard.pin, password: SEED.phoneCard.password });
		expect(card.json.infoPay).toMatchObject({ account: '1001', money: 150, payMoney: 50 });
		expect(emu.state.payHistory.at(-1)).toMatchObject({ account: '1001', payType: 2, fee: 50 });
		expect((await call('PayByPhoneCard', { ownerName: '1001', ownerType: 2, pin: SEED.phoneCard.pin })).json.retCode).not.toBe(0);
		expect((await call('GetPhoneCard', { pin: SEED.phoneCard.pin })).json.infoPhoneCard).toMatchObject({ usedAccount: '1001', money: 50 });
		expect((await call('PayByPhoneCard', { ownerName: '1001', ownerType: 2, pin: SEED.phoneCard2.pin, password: 'wrong' })).json.retCode).toBe(VOS_RET.PASSWORD_ERROR);
	});

	it('GetAllCustomers serves both 3.65 and 3.5 contracts', async () => {
		expect((await call('GetAllCustomers', {})).json.accounts).toEqual(['1001', '1002']);
		expect((await call('GetAllCustomers', { type: 1 })).json.infoCustomerBriefs[1]).toEqual({ account: '1002', money: 50.5, limitMoney: 10 });
		expect((await call('GetAllCustomers', { Key: 1 })).json.accounts).toBe('1001,1002');
	});

	it('CDRs, reports and available time are computed from the seed', async () => {
		const today = formatVosTime(Date.now(), 'yyyyMMdd');
		const yesterday = formatVosTime(Date.now() - 86400000, 'yyyyMMdd');
		const cdrs = await call('GetCdr', { accounts: ['1001', '1002'], beginTime: yesterday, endTime: today });
		expect(cdrs.json.infoCdrs.length).toBeGreaterThanOrEqual(3);
		expect(cdrs.json.infoCdrs[0]).toHaveProperty('callerip');
		const onlyBob = await call('GetCdr', { accounts: ['1002'], beginTime: yesterday, endTime: today });
		expect(onlyBob.json.infoCdrs.every((c: { account: string }) => c.account === '1002')).toBe(true);
		const rep = await call('GetReportCustomerFee', { accounts: ['1001'], period: -2, beginTime: yesterday, endTime: today });
		expect(rep.json.infoReportCustomerFees[0]).toHaveProperty('cdrCount');
		const avail = await call('GetAvailableTime', { billingName: SEED.phones.alice1, billingMode: 0, calleeE164: '8613800138000' });
		expect(avail.json.InfoAvailableTime).toMatchObject({ account: '1001', timeRemain: 60000 }); // 100 / 0.1 per minute
		expect((await call('CreateCdr', { billingMode: 0, callerE164: SEED.phones.alice1, calleeE164: '8613800138000', billingTime: 61, flowNo: 5 })).json.retCode).toBe(0);
		expect(emu.state.customers.get('1001')?.money).toBe(99.8);
		await call('CreateCdr', { billingMode: 0, callerE164: SEED.phones.alice1, calleeE164: '8613800138000', billingTime: 61, flowNo: 5 });
		expect(emu.state.customers.get('1001')?.money).toBe(99.8); // duplicate flowNo: not charged
	});

	it('writes Long.MAX_VALUE literally', async () => {
		const a = await call('GetSuiteOrder', { ownerName: '1001', ownerType: 2 });
		expect(a.text).toContain(`"expireTime":${LONG_MAX_LITERAL}`);
	});
});

describe('VOS3000 emulator: calls', () => {
	it('lists and disconnects current calls', async () => {
		const a = await call('GetCurrentCall', {});
		expect(a.json.infoCurrentCalls.map((c: { callId: number }) => c.callId)).toEqual([...SEED.currentCallIds]);
		expect(a.json.infoCurrentCalls[0].keepTime).toBeGreaterThan(0);
		expect(a.json.infoCurrentCalls[1].keepTime).toBe(-5);
		expect((await call('DisconnectCurrentCall', { callIds: [SEED.currentCallIds[0]] })).json.retCode).toBe(0);
		expect((await call('GetCurrentCall', {})).json.infoCurrentCalls).toHaveLength(1);
		expect((await call('DisconnectCurrentCall', { callIds: [424242] })).json.retCode).toBe(-10007);
	});

	it('CallBack returns transactionId/callIdentifier and records the call; DisconnectIvrCall ends it', async () => {
		const bad = await call('CallBack', { callerE164: SEED.phones.alice1, calleeE164s: '8613800138000', accessE164: SEED.accessE164, accessE164Password: 'nope' });
		expect(bad.json.retCode).toBe(VOS_RET.PASSWORD_ERROR);
		const ok = await call('CallBack', { callerE164: SEED.phones.alice1, calleeE164s: '8613800138000', accessE164: SEED.accessE164, accessE164Password: SEED.accessE164Password, transactionId: 'tx-1_A' });
		expect(ok.json).toMatchObject({ retCode: 0, transactionId: 'tx-1_A' });
		expect(typeof ok.json.callIdentifier).toBe('string');
		expect(emu.state.ivrCalls.has(ok.json.callIdentifier)).toBe(true);
		expect((await call('GetCurrentCall', { callerE164s: [SEED.phones.alice1] })).json.infoCurrentCalls).toHaveLength(2);
		expect((await call('DisconnectIvrCall', { callIdentifiers: [ok.json.callIdentifier] })).json.retCode).toBe(0);
		expect(emu.state.ivrCalls.size).toBe(0);
		const play = await call('PlayAudio', { audioes: 'welcome,goodbye', callee: '1002001', accessE164: SEED.accessE164, accessE164Password: SEED.accessE164Password });
		expect(play.json.retCode).toBe(0);
		expect(play.json.callIdentifier).toBeTruthy();
	});
});

describe('VOS3000 emulator: faults', () => {
	it('wraps answers in a one-element array', async () => {
		emu.faults.arrayWrap = true;
		const a = await call('GetPerformance', {});
		expect(Array.isArray(a.json)).toBe(true);
		expect(a.json[0]).toEqual({ retCode: 0, infoPerformance: { callSize: 2, cdrQueueSize: 0 } });
	});

	it('dropAfterApply applies the request but gives no answer', async () => {
		emu.faults.dropAfterApply = ['Pay'];
		await expect(call('Pay', { ownerName: '1001', ownerType: 2, money: 5 })).rejects.toThrow();
		expect(emu.state.customers.get('1001')?.money).toBe(105);
		expect(emu.state.payHistory.at(-1)).toMatchObject({ account: '1001', fee: 5 });
		expect((await call('GetCustomer', { accounts: ['1001'] })).json.infoCustomers[0].money).toBe(105);
	});

	it('answers malformed (non-JSON) bodies for the listed interfaces', async () => {
		emu.faults.malformed = ['GetSoftSwitch'];
		const a = await call('GetSoftSwitch', {});
		expect(a.status).toBe(200);
		expect(a.json).toBeUndefined();
		expect(a.text.length).toBeGreaterThan(0);
		expect((await call('GetPerformance', {})).json.retCode).toBe(0);
	});

	it('answers an HTTP status (web access list) without applying', async () => {
		emu.faults.httpStatus = 403;
		const a = await call('Pay', { ownerName: '1001', ownerType: 2, money: 5 });
		expect(a.status).toBe(403);
		expect(emu.state.customers.get('1001')?.money).toBe(100);
	});

	it('delays answers', async () => {
		emu.faults.delayMs = 150;
		const t = Date.now();
		await call('GetPerformance', {});
		expect(Date.now() - t).toBeGreaterThanOrEqual(140);
	});

	it('counts TCP connections (keep-alive reuse)', async () => {
		const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
		const before = emu.connections();
		const one = () =>
			new Promise<number>((resolve, reject) => {
				const req = http.request(`${emu.url}/external/server/GetPerformance`, { method: 'POST', agent, headers: { 'Content-Type': 'text/html;charset=UTF-8' } }, (res) => {
					res.resume();
					res.on('end', () => resolve(res.statusCode ?? 0));
				});
				req.on('error', reject);
				req.end('{}');
			});
		for (let i = 0; i < 5; i++) expect(await one()).toBe(200);
		expect(emu.connections() - before).toBe(1);
		agent.destroy();
	});
});

describe('VOS3000 emulator: pushes (section 4)', () => {
	it('pushes a report to a local server with the documented fields and content type', async () => {
		const r = await receiver();
		try {
			const res = await emu.push(r.url, 'CallStateReport');
			expect(res).toMatchObject({ status: 200, json: { retCode: 0 } });
			expect(r.got[0].page).toBe('CallStateReport');
			expect(r.got[0].contentType).toBe('text/html;charset=UTF-8');
			expect(Object.keys(r.got[0].body).sort()).toEqual(
				['callId', 'callState', 'eventTime', 'callerE164', 'calleeE164', 'callerGatewayId', 'calleeGatewayId', 'callerIp', 'calleeIp', 'callerLocalIp', 'calleeLocalIp', 'transactionId', 'callIdentifier'].sort(),
			);
			await emu.push(r.url, 'AlarmReport'); // alias of AlarmCurrentReport
			expect(r.got[1].page).toBe('AlarmCurrentReport');
			expect(Array.isArray(r.got[1].body.infoAlarmCurrents)).toBe(true);
			await emu.push(r.url, 'CustomerMoneyChange', { account: '1002', money: 1.5 });
			expect(r.got[2].body).toEqual({ account: '1002', money: 1.5 });
			expect(emu.pushes).toHaveLength(3);
		} finally {
			await r.close();
		}
	});

	it('scripts an IVR call and stops when the retCode has no branch', async () => {
		const r = await receiver((_page, body) => (body.dtmf === '9' ? { retCode: 7 } : { retCode: 0, audioNames: ['menu_main'] }));
		try {
			const steps = await emu.ivrCall(r.url, { callerE164: '13800138000', dtmf: ['1', '9', '2'] });
			expect(steps).toHaveLength(2);
			expect(steps[0].sent).toMatchObject({ callerE164: '13800138000', calleeE164: SEED.accessE164, accessE164: SEED.accessE164, menuName: 'menu1', dtmf: '1' });
			expect(steps[1].answer.json).toEqual({ retCode: 7 });
			const multi = await emu.ivrCall(r.url, { callerE164: '13800138000', dtmf: ['1', '2'], multiple: true });
			expect(multi).toHaveLength(2);
			expect(r.got.at(-1)?.page).toBe('PushDtmfInfos');
			expect((multi[1].sent as { infoDtmfs: unknown[] }).infoDtmfs).toEqual([
				{ menuName: 'menu1', dtmf: '1' },
				{ menuName: 'menu2', dtmf: '2' },
			]);
		} finally {
			await r.close();
		}
	});

	it('pushes CustomerMoneyChange by itself after a recharge when OUT_POST_URL is set', async () => {
		const r = await receiver();
		try {
			emu.outPostUrl = r.url;
			await call('Pay', { ownerName: '1002', ownerType: 2, money: 4.5 });
			await emu.pushIdle();
			expect(r.got).toEqual([expect.objectContaining({ page: 'CustomerMoneyChange', body: { account: '1002', money: 55 } })]);
		} finally {
			emu.outPostUrl = undefined;
			await r.close();
		}
	});
});
