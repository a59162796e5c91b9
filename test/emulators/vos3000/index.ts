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
 * one request; push.ts section 4; this file the HTTP server, fault switches and request log.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { MANUAL_EXAMPLES, type StartOptions, type Vos3000Emulator, type Vos3000Faults, type Vos3000Request } from './api';
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
import { emptyState, seedState, type Rec, type Vos3000Ctx, type Vos3000Handler } from './state';
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
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function send(res: http.ServerResponse, status: number, body: string): void {
	res.writeHead(status, { 'Content-Type': CT, 'Content-Length': Buffer.byteLength(body) });
	res.end(body);
}
/** Tomcat's error page, as the real web server answers what is not an interface. */
const html = (res: http.ServerResponse, status: number, text: string) =>
	send(res, status, `<html><head><title>${status}</title></head><body><h1>HTTP Status ${status}</h1><p>${text}</p></body></html>`);

export async function startVos3000Emulator(opts: StartOptions = {}): Promise<Vos3000Emulator> {
	const withSeed = opts.seed !== false;
	const state = emptyState();
	if (withSeed) seedState(state);
	const requests: Vos3000Request[] = [];
	const faults: Vos3000Faults = {};
	let connectionCount = 0;
	const sockets = new Set<Socket>();
	const pushes = new Vos3000Pushes(state, () => emu.outPostUrl);
	const ctx: Vos3000Ctx = { state, autoPush: (page, body) => pushes.auto(page, body) };

	const server = http.createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		let size = 0;
		try {
			for await (const c of req) {
				size += (c as Buffer).length;
				if (size > 64 * 1024 * 1024) {
					html(res, 413, 'Request entity too large');
					return;
				}
				chunks.push(c as Buffer);
			}
		} catch {
			return;
		}
		const raw = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', 'http://localhost');
		const m = /^\/external\/server\/([^/]+)\/?$/.exec(url.pathname);
		// 3.87 prints "/external/server/Delete IpLimit": spaces in the name are ignored
		const name = m ? decodeURIComponent(m[1]).replace(/\s+/g, '') : url.pathname;
		const record: Vos3000Request = { name, body: undefined, rawBody: raw, contentType: req.headers['content-type'], remote: req.socket.remoteAddress ?? '', at: Date.now() };
		requests.push(record);
		if (faults.delayMs) await sleep(faults.delayMs);
		if (faults.httpStatus && faults.httpStatus !== 200) {
			html(res, faults.httpStatus, faults.httpStatus === 403 ? 'Access to the specified resource has been forbidden.' : 'Error');
			return;
		}
		if (req.method === 'GET' && (url.pathname === '/' || url.pathname.startsWith('/external/test/server'))) {
			const list = VOS3000_INTERFACES.map((n) => `<li><code>POST /external/server/${n}</code></li>`).join('');
			send(res, 200, `<html><head><title>VOS3000 emulator</title></head><body><h1>VOS3000 emulator</h1><p>POST a JSON body to one of:</p><ul>${list}</ul></body></html>`);
			return;
		}
		const handler = m && Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
		if (!handler) {
			html(res, 404, `The requested resource (${url.pathname}) is not available.`);
			return;
		}
		if (req.method !== 'POST') {
			html(res, 405, `HTTP method ${req.method} is not supported by this URL`);
			return;
		}
		const { answer, parsed } = execute(handler, ctx, name, raw);
		record.body = parsed;
		if (faults.dropAfterApply?.includes(name)) {
			req.socket.destroy();
			return;
		}
		if (faults.malformed?.includes(name)) {
			send(res, 200, '<html><body>java.lang.NullPointerException<br/>\tat com.kunshi.web.external.Server.service</body></html>');
			return;
		}
		send(res, 200, toWire(faults.arrayWrap ? [answer] : answer));
	});
	server.keepAliveTimeout = 5000;
	server.on('connection', (s: Socket) => {
		connectionCount++;
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	const host = opts.host && opts.host !== '0.0.0.0' && opts.host !== '::' ? opts.host : '127.0.0.1';

	const emu: Vos3000Emulator = {
		url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
		port,
		state,
		requests,
		faults,
		pushes: pushes.log,
		outPostUrl: opts.outPostUrl,
		connections: () => connectionCount,
		reset() {
			const fresh = emptyState();
			if (withSeed) seedState(fresh);
			Object.assign(state, fresh);
			requests.length = 0;
			pushes.log.length = 0;
			emu.outPostUrl = opts.outPostUrl;
			for (const k of Object.keys(faults)) delete (faults as Rec)[k];
		},
		async close() {
			await emu.pushIdle();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				for (const s of sockets) s.destroy();
			});
		},
		push: (baseUrl, page, body) => pushes.push(baseUrl, page, body),
		ivrCall: (baseUrl, o) => pushes.ivrCall(baseUrl, o),
		simulateCdr: (o) => simulateCdr(state, o),
		pushIdle: () => pushes.idle(),
		examplePush: (page) => examplePush(state, page),
	};
	return emu;
}
