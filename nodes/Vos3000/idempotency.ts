/**
 * What VOS3000 itself shows about an idempotency key (see IdempotencySpec in the money endpoints' tables):
 * Pay / PayByPhoneCard: the payment history's memo; CreateCustomer: the account's memo; CreateSuiteOrder: the
 * package orders' memo; PhoneCardActive: the card's used state (the API stores no caller text there).
 */
import type { IDataObject } from 'n8n-workflow';
import { FieldError, PbxError } from '../shared/errors';
import type { AppliedLookup } from '../shared/execute';
import { keyOf } from '../shared/idempotency';
import type { BuiltRequest, WireObject } from '../shared/request';
import type { EndpointSpec } from '../shared/spec';
import { callVos3000, type Vos3000Connection } from './protocol';

const api = (conn: Vos3000Connection, name: string, body: WireObject) => callVos3000(conn, `/external/server/${name}`, body);

/** -10007 (not found) is an answer here: nothing of that name exists. */
const orNotFound = (answer: Promise<IDataObject>) =>
	answer.catch((error: unknown) => {
		if (error instanceof PbxError && error.code === '-10007') return {} as IDataObject;
		throw error;
	});

const list = (json: IDataObject, key: string): IDataObject[] => {
	const v = json[key];
	return Array.isArray(v) ? (v as IDataObject[]) : v && typeof v === 'object' ? [v as IDataObject] : [];
};

/** yyyyMMddHHmmss in UTC; the server's zone is unknown, so callers widen ranges by a day either side. */
function vosTime(ms: number): string {
	return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The billing account a recharge of ownerName/ownerType lands on (the account whose pay history records it). */
async function payAccount(conn: Vos3000Connection, ownerName: string, ownerType: number): Promise<string> {
	const lookup: Record<number, [string, WireObject, string]> = {
		6: ['GetPhone', { e164s: [ownerName] }, 'infoPhones'],
		11: ['GetActivePhoneCard', { pins: [ownerName] }, 'infoActivePhoneCards'],
		25: ['GetBindedE164', { e164s: [ownerName] }, 'infoBindedE164s'],
		44: ['GetGatewayMapping', { names: [ownerName] }, 'infoGatewayMappings'],
	};
	if (ownerType === 2 || !lookup[ownerType]) return ownerName;
	const [name, body, records] = lookup[ownerType];
	const account = list(await api(conn, name, body), records)[0]?.account;
	if (typeof account !== 'string' || !account) throw new Error(`${name} found no account for ${ownerName}`);
	return account;
}

/** A key names one payment: the same key on a different request is a mistake upstream, not a repeat. */
function reusedKey(what: string): never {
	throw new FieldError('Idempotency Key', `was already used for ${what}; a key must name one payment`);
}

async function findPayment(conn: Vos3000Connection, body: WireObject, key: string, byCard: boolean): Promise<AppliedLookup> {
	const account = await payAccount(conn, String(body.ownerName), Number(body.ownerType));
	const day = 86_400_000;
	const history = await api(conn, 'GetPayHistory', { account, beginTime: '20000101000000', endTime: vosTime(Date.now() + 2 * day) });
	const hit = list(history, 'infoPayHistorys').find((h) => keyOf(h.memo) === key);
	if (!hit) return { applied: false, evidence: `the payment history of account ${account} has no payment with this key` };
	// Pay also deducts (a negative money; field clients use it so): history type 1 is a deduction, its fee may be
	// written without the sign. A deduction found for a recharge's key (or the reverse) is another payment.
	const fee = Number(hit.fee);
	const applied = Number(hit.type) === 1 && fee > 0 ? -fee : fee;
	if (!byCard && Math.abs(applied - Number(body.money)) > 1e-6)
		reusedKey(`${applied < 0 ? 'a deduction' : 'a recharge'} of ${Math.abs(applied)} ${applied < 0 ? 'from' : 'to'} account ${account}`);
	return { applied: true, record: { infoPay: { account: hit.account, money: hit.customerMoney, payMoney: byCard ? hit.fee : applied, payTime: hit.payTime, memo: hit.memo } } };
}

async function findCustomer(conn: Vos3000Connection, body: WireObject, key: string): Promise<AppliedLookup> {
	const account = String(body.account);
	const found = list(await orNotFound(api(conn, 'GetCustomer', { accounts: [account] })), 'infoCustomers').find((c) => c.account === account);
	if (found && keyOf(found.memo) === key) return { applied: true, record: { account: found.account, name: found.name, money: found.money, memo: found.memo } };
	// An account of that number without the key: the PBX refuses a second account of the same number.
	return { applied: false, evidence: found ? `account ${account} exists but was not created with this key` : `account ${account} does not exist` };
}

async function findSuiteOrder(conn: Vos3000Connection, body: WireObject, key: string): Promise<AppliedLookup> {
	const owner = { ownerName: body.ownerName as string, ownerType: body.ownerType as number };
	const hit = list(await api(conn, 'GetSuiteOrder', owner), 'infoSuiteOrders').find((o) => keyOf(o.memo) === key);
	if (hit && Number(hit.suiteId) !== Number(body.suiteId)) reusedKey(`an order of package ${String(hit.suiteId)}`);
	if (hit) return { applied: true, record: { ...hit } };
	const suite = list(await api(conn, 'GetSuite', { ids: [body.suiteId as number] }), 'infoSuites')[0];
	if (suite && Number(suite.rentType) === 3)
		throw new FieldError(
			'Idempotency Key',
			`cannot be checked for package ${String(body.suiteId)}: it is a one-time package, whose order VOS3000 deletes once it takes effect, so the key leaves no trace. Remove the key to order it without the exactly-once guarantee`,
		);
	return { applied: false, evidence: `the package orders of ${owner.ownerName} have none with this key` };
}

async function findCardActivation(conn: Vos3000Connection, body: WireObject): Promise<AppliedLookup> {
	const query: WireObject = { pin: body.pin as string };
	if (body.password !== undefined) query.password = body.password;
	const card = list(await api(conn, 'GetPhoneCard', query), 'infoPhoneCard')[0] ?? {};
	if (card.usedTime) return { applied: true, record: { pin: body.pin as string, usedTime: card.usedTime, usedAccount: card.usedAccount } };
	return { applied: false, evidence: `card ${String(body.pin)} is still unused` };
}

export async function findVos3000Applied(conn: Vos3000Connection, endpoint: EndpointSpec, req: BuiltRequest, key: string): Promise<AppliedLookup> {
	switch (endpoint.id) {
		case 'pay':
		case 'payByPhoneCard':
			return findPayment(conn, req.body, key, endpoint.id === 'payByPhoneCard');
		case 'createCustomer':
			return findCustomer(conn, req.body, key);
		case 'createSuiteOrder':
			return findSuiteOrder(conn, req.body, key);
		case 'phoneCardActive':
			return findCardActivation(conn, req.body);
		default:
			throw new Error(`No idempotency lookup for ${endpoint.id}`);
	}
}
