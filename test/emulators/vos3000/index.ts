/**
 * VOS3000 softswitch emulator (Kunshi/Linknat "VOS3000 V Web 接口说明书", document version 05, 2022-10-19).
 *
 * A loopback HTTP server (node:http only) that answers every interface of sections 3.1-3.92 (+ 5.1 PlayAudio) the
 * way the manual describes: `POST /external/server/<InterfaceName>` with a raw JSON body (whatever the
 * Content-Type), answer `{"retCode":0,...}` with the data as siblings of retCode, errors as
 * `{"retCode":<non-zero>,"exception":"..."}`, Content-Type `text/html;charset=UTF-8` (section 1).
 * State is kept in memory (see Vos3000State) and seeded with a small demo installation (see SEED).
 * It can also send the pushed reports of section 4 to a URL and script an IVR call (PushDtmfInfo/PushDtmfInfos).
 *
 * Wire names follow the Chinese manual (authoritative). Manual quirks followed (section numbers):
 *   3.5/3.65  one path GetAllCustomers, two contracts: `type` 1 -> infoCustomerBriefs, otherwise accounts String[];
 *             a request with 3.5's `Key` (and no `type`) gets 3.5's `accounts` as one comma-separated String.
 *   3.13/3.19 `names` is M but "not set: all gateways are returned": not enforced.
 *   3.7/3.9   callLevel 1,2,3,4 in ModifyPhone (1,2,4,5 in CreatePhone).
 *   3.26      availableTime must be 00:00 server time (0 = today 00:00, immediate); a one-off (rentType 3) order becomes
 *             an active package at once and the order is deleted; expireTime default Long.MAX_VALUE, written literally.
 *   3.32      generated `password` answered as Integer.
 *   3.47      InfoCdr uses lower-case callerip/calleeip; dates yyyyMMdd; 3.46/3.64 yyyyMMddHHmmss (server local time).
 *   3.51      flowNo >= 0 that already exists: neither recorded nor charged (still retCode 0).
 *   3.62      response key `InfoAvailableTime` with a capital I.
 *   3.70/3.73 list parameters accept String[] or a comma-separated String.
 *   3.85      `level` has no M/O mark: optional. 3.87 path printed "Delete IpLimit": spaces in names are ignored.
 *   3.88      infoAlarmCurrents typed as one InfoAlarmCurrent but described as a list: answered as an array (as 4.7).
 *   4.6       CustomerMoneyChange only for recharges and non-CDR deductions (not for call charges).
 *   4.4/4.7   pages are PhoneOnline and AlarmCurrentReport (PhoneOnlineReport/AlarmReport accepted as aliases).
 *
 * Emulator-only conventions (the manual documents no return-code table, only -10007):
 *   VOS_RET holds the codes used here; only NOT_FOUND (-10007, "Not found, operation failed.") is from the manual.
 *
 * Layout: one file per resource group of nodes/Vos3000/spec (account.ts, phone.ts, ... each with its handlers, helpers
 * and seed rows); api.ts the exported types and constants; state.ts the state and the demo installation; dispatch.ts
 * one request; push.ts section 4; this file the glue to the kit's server (faults, connections) and the request log.
 */
import { clearFaults, startKitServer, StateStore, type KitAnswer, type KitRequest } from '../kit';
import { MANUAL_EXAMPLES, type StartOptions, type Vos3000Emulator, type Vos3000Request } from './api';
import { accountHandlers } from './account';
import { alarmHandlers } from './alarm';
import { billingHandlers, simulateCdr } from './billing';
import { boundNumberHandlers } from './boundNumber';
import { currentCallHandlers } from './currentCall';
import { execute, toWire } from './dispatch';
import { ipLimitHandlers } from './ipLimit';
import { ivrHandlers } from './ivr';
import { ivrAudioHandlers } from './ivrAudio';
import { mappingGatewayHandlers } from './mappingGateway';
import { mobileAreaHandlers } from './mobileArea';
import { numberConversionHandlers } from './numberConversion';
import { numberGroupHandlers } from './numberGroup';
import { packageHandlers } from './package';
import { paymentHandlers } from './payment';
import { phoneHandlers } from './phone';
import { phoneCardHandlers } from './phoneCard';
import { phonebookHandlers } from './phonebook';
import { examplePush, Vos3000Pushes } from './push';
import { rateHandlers } from './rate';
import { reportHandlers } from './report';
import { routingGatewayHandlers } from './routingGateway';
import { emptyState, seedState, type Vos3000Ctx, type Vos3000Handler } from './state';
import { systemHandlers } from './system';
import { VOS3000_INTERFACES } from './tables';

export * from './api';
export type { Customer, PayRecord, Rec, Vos3000State } from './state';
export { formatVosTime, parseVosTime } from './time';
export { VOS3000_INTERFACES, REQUIRED as VOS3000_REQUIRED_FIELDS } from './tables';

/** Every interface of section 3 (+ 5.1), by name, in the menu order of nodes/Vos3000/spec. */
const HANDLERS: Record<string, Vos3000Handler> = {
	...accountHandlers,
	...phoneHandlers,
	...paymentHandlers,
	...packageHandlers,
	...phoneCardHandlers,
	...boundNumberHandlers,
	...rateHandlers,
	...mappingGatewayHandlers,
	...routingGatewayHandlers,
	...currentCallHandlers,
	...ivrHandlers,
	...ivrAudioHandlers,
	...reportHandlers,
	...billingHandlers,
	...phonebookHandlers,
	...numberConversionHandlers,
	...numberGroupHandlers,
	...mobileAreaHandlers,
	...ipLimitHandlers,
	...alarmHandlers,
	...systemHandlers,
};
// sanity: every documented interface has a handler, and every handler is a documented interface
for (const n of VOS3000_INTERFACES) if (!HANDLERS[n]) throw new Error(`VOS3000 emulator: no handler for ${n}`);
if (Object.keys(HANDLERS).length !== VOS3000_INTERFACES.length) throw new Error('VOS3000 emulator: a handler for an undocumented interface');

const CT = MANUAL_EXAMPLES.contentType;
const answer = (status: number, body: string): KitAnswer => ({ status, headers: { 'Content-Type': CT }, body });
/** Tomcat's error page, as the real web server answers what is not an interface. */
const page = (status: number, text: string): KitAnswer => answer(status, `<html><head><title>${status}</title></head><body><h1>HTTP Status ${status}</h1><p>${text}</p></body></html>`);
const INDEX_PAGE = `<html><head><title>VOS3000 emulator</title></head><body><h1>VOS3000 emulator</h1><p>POST a JSON body to one of:</p><ul>${VOS3000_INTERFACES.map((n) => `<li><code>POST /external/server/${n}</code></li>`).join('')}</ul></body></html>`;
const SERVLET_CRASH = '<html><body>java.lang.NullPointerException<br/>\tat com.kunshi.web.external.Server.service</body></html>';
const INTERFACE_PATH = /^\/external\/server\/([^/]+)\/?$/;
/** 3.87 prints "/external/server/Delete IpLimit": spaces in the name are ignored. */
const interfaceName = (path: string): string | undefined => {
	const m = INTERFACE_PATH.exec(path);
	return m ? decodeURIComponent(m[1]).replace(/\s+/g, '') : undefined;
};

export async function startVos3000Emulator(opts: StartOptions = {}): Promise<Vos3000Emulator> {
	const store = new StateStore(() => {
		const s = emptyState();
		if (opts.seed !== false) seedState(s);
		return s;
	});
	const state = store.state;
	const requests: Vos3000Request[] = [];
	const records = new WeakMap<KitRequest, Vos3000Request>();
	const pushes = new Vos3000Pushes(state, () => emu.outPostUrl);
	const ctx: Vos3000Ctx = { state, autoPush: (pg, body) => pushes.auto(pg, body) };

	const server = await startKitServer({
		host: opts.host,
		port: opts.port,
		tls: opts.tls,
		maxBodyBytes: 64 * 1024 * 1024,
		page,
		malformedBody: () => answer(200, SERVLET_CRASH),
		// every request is logged, also those a fault refuses
		onRequest(r) {
			const record: Vos3000Request = { name: interfaceName(r.path) ?? r.path, body: undefined, rawBody: r.raw, contentType: r.headers['content-type'], remote: r.req.socket.remoteAddress ?? '', at: r.at };
			records.set(r, record);
			requests.push(record);
		},
		handle(r) {
			if (r.method === 'GET' && (r.path === '/' || r.path.startsWith('/external/test/server'))) return answer(200, INDEX_PAGE);
			const name = interfaceName(r.path);
			const handler = name !== undefined && Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
			if (name === undefined || !handler) return page(404, `The requested resource (${r.path}) is not available.`);
			if (r.method !== 'POST') return page(405, `HTTP method ${r.method} is not supported by this URL`);
			const { answer: data, parsed } = execute(handler, ctx, name, r.raw);
			(records.get(r) as Vos3000Request).body = parsed;
			return { ...answer(200, toWire(server.faults.arrayWrap ? [data] : data)), op: name };
		},
	});

	const emu: Vos3000Emulator = {
		url: server.url,
		port: server.port,
		state,
		requests,
		faults: server.faults,
		pushes: pushes.log,
		outPostUrl: opts.outPostUrl,
		connections: () => server.opened,
		reset() {
			store.reset();
			requests.length = 0;
			pushes.clear();
			emu.outPostUrl = opts.outPostUrl;
			clearFaults(server.faults);
		},
		async close() {
			await pushes.idle();
			await server.close();
		},
		push: (baseUrl, pg, body) => pushes.push(baseUrl, pg, body),
		ivrCall: (baseUrl, o) => pushes.ivrCall(baseUrl, o),
		simulateCdr: (o) => simulateCdr(state, o),
		pushIdle: () => pushes.idle(),
		examplePush: (pg) => examplePush(state, pg),
	};
	return emu;
}
