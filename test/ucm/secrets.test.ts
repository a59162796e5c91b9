/**
 * Secrets and TLS for the UCM nodes, through WorkflowExecute: passwords masked in outputs unless revealed, the
 * session cookie never in outputs or errors, certificate pinning, and a readable error for an HTTP-only port.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { closeAllPools } from '../../nodes/shared/http';
import { ucmConnection, ucmSessions } from '../../nodes/ucm/protocol';
import { actionNodeFor, runNode } from '../harness/run';
import { startUcmEmulator, type UcmEmulator } from '../emulators/ucm';

const certDir = path.join(__dirname, '..', 'emulators', 'ucm-cert');
const tls = { key: fs.readFileSync(path.join(certDir, 'key.pem'), 'utf8'), cert: fs.readFileSync(path.join(certDir, 'cert.pem'), 'utf8') };
/** The emulator certificate names localhost and 127.0.0.1 only. */
const fingerprint = new X509Certificate(tls.cert).fingerprint256;

describe('UCM secrets in outputs and errors', () => {
	let emu: UcmEmulator;
	let creds: Record<string, unknown>;
	const ucm = (parameters: Record<string, unknown>, opts: { continueOnFail?: boolean } = {}) =>
		runNode(actionNodeFor('grandstream-ucm', String(parameters.operation)), parameters, { credentials: { grandstreamUcmApi: creds as never }, ...opts });

	beforeEach(async () => {
		emu = await startUcmEmulator();
		creds = { scheme: 'http', host: '127.0.0.1', port: emu.port, username: emu.username, password: emu.password };
	});
	afterEach(async () => {
		ucmSessions.clear(ucmConnection(creds as never).sessionKey);
		await closeAllPools();
		await emu.close();
	});

	it('Get Extension masks SIP and voicemail passwords unless "Reveal Passwords" is on', async () => {
		const masked = await ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '1001' });
		expect(masked.error).toBeUndefined();
		expect(masked.json[0]).toMatchObject({ extension: '1001', secret: '********', vmsecret: '********', user_outrt_passwd: null });
		expect(JSON.stringify(masked.json)).not.toContain('Sec#1001x');
		const shown = await ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '1001', options: { revealPasswords: true } });
		expect(shown.json[0]).toMatchObject({ secret: 'Sec#1001x', vmsecret: '1001' });
	});

	it('a trunk password is masked too, and a masked password sent back is refused before anything is sent', async () => {
		const trunk = await ucm({ resource: 'sipTrunk', operation: 'getSIPTrunk', trunk: '1' });
		expect(trunk.json[0]).toMatchObject({ trunk_name: 'provider', secret: '********' });
		const before = emu.requests.length;
		const back = await ucm({ resource: 'extension', operation: 'updateSIPAccount', extension: '1001', additionalFields: { secret: '********' } });
		expect(back.error?.message).toMatch(/Field "secret" is the mask "\*{8}" of a password/);
		expect(emu.requests.slice(before).filter((q) => q.action === 'updateSIPAccount')).toHaveLength(0);
	});

	it('the user list never shows a session cookie', async () => {
		await ucm({ resource: 'extension', operation: 'listAccount' });
		const cookie = [...emu.sessions.keys()][0];
		emu.state.users.get('admin')!.cookie = cookie;
		const users = await ucm({ resource: 'user', operation: 'listUser' });
		expect(users.error).toBeUndefined();
		expect(users.json[0]).toMatchObject({ user_name: 'admin', cookie: '[redacted]' });
		expect(JSON.stringify(users.json)).not.toContain(cookie);
	});

	it('the cookie is redacted when the PBX quotes the request in its error text', async () => {
		emu.options.echoRequestInErrors = true;
		const r = await ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '4321' });
		const cookie = [...emu.sessions.keys()][0];
		expect(cookie).toMatch(/^sid/);
		expect(r.error?.message).toMatch(/-16/);
		expect(JSON.stringify(r.error)).not.toContain(cookie);
		const c = await ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '4321' }, { continueOnFail: true });
		expect(String(c.json[0].error)).toMatch(/-16.*No such item/);
		expect(JSON.stringify(c.json)).not.toContain(cookie);
		// The same quoted as an HTML page instead of the API's JSON.
		emu.options.echoRequestInErrors = 'html';
		const html = await ucm({ resource: 'extension', operation: 'getSIPAccount', extension: '4321' });
		expect(html.error?.message).toMatch(/not the API's JSON: "<p>\{/);
		expect(JSON.stringify(html.error)).not.toContain(cookie);
	});
});

describe('UCM certificate pinning and scheme mistakes', () => {
	let emu: UcmEmulator | undefined;
	afterEach(async () => {
		await closeAllPools();
		await emu?.close();
		emu = undefined;
	});
	const run = (creds: Record<string, unknown>) =>
		runNode('grandstreamUcm', { resource: 'system', operation: 'getSystemStatus' }, { credentials: { grandstreamUcmApi: creds as never } });

	it('the right fingerprint passes although the certificate names another host; the CA check alone fails there', async () => {
		// 127.0.0.2 is loopback too, but not in the certificate (localhost, 127.0.0.1).
		emu = await startUcmEmulator({ host: '127.0.0.2', tls });
		const base = { scheme: 'https', host: '127.0.0.2', port: emu.port, username: emu.username, password: emu.password };
		const byCa = await run({ ...base, caCertificate: tls.cert });
		expect(byCa.error?.message).toMatch(/ALTNAME|does not match|not in the cert/i);
		const pinned = await run({ ...base, certificateFingerprint: fingerprint.toLowerCase() });
		expect(pinned.error?.message).toBeUndefined();
		expect(pinned.json[0]).toHaveProperty(['part-number']);
		ucmSessions.clear(ucmConnection(base as never).sessionKey);
	});

	it('a wrong fingerprint fails with a clear message and nothing is sent', async () => {
		emu = await startUcmEmulator({ host: '127.0.0.2', tls });
		const wrong = fingerprint.replace(/^../, fingerprint.startsWith('00') ? '11' : '00');
		const r = await run({ scheme: 'https', host: '127.0.0.2', port: emu.port, username: emu.username, password: emu.password, certificateFingerprint: wrong, allowSelfSigned: true });
		expect(r.error?.message).toContain(`fingerprint ${fingerprint}, not the pinned ${wrong}`);
		expect(r.error?.message).toMatch(/Nothing was sent/);
		expect(r.error?.description).toMatch(/new certificate/);
		expect(emu.requests).toHaveLength(0);
	});

	it('every credential of the package offers the pin (shared connection fields), shown for HTTPS', async () => {
		const { credentialClasses } = await import('../harness/run');
		for (const [name, Cls] of Object.entries(credentialClasses)) {
			const prop = new Cls().properties.find((p) => p.name === 'certificateFingerprint');
			expect([name, prop?.displayName, prop?.displayOptions]).toEqual([name, 'Certificate Fingerprint (SHA-256)', { show: { scheme: ['https'] } }]);
		}
	});

	it('a fingerprint that is not one is refused before connecting', async () => {
		emu = await startUcmEmulator({ tls });
		const r = await run({ scheme: 'https', host: '127.0.0.1', port: emu.port, username: emu.username, password: emu.password, certificateFingerprint: 'C6:C7:0E' });
		expect(r.error?.message).toMatch(/Certificate Fingerprint must be a SHA-256 fingerprint/);
		expect(emu.requests).toHaveLength(0);
	});

	it('an HTTP credential pointed at an HTTPS port behind nginx says so', async () => {
		// nginx's answer to plain HTTP on an HTTPS port (nginx src/http/ngx_http_special_response.c, ngx_http_error_497_page).
		const server = http.createServer((_req, res) => {
			res.writeHead(400, { 'Content-Type': 'text/html' });
			res.end('<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>The plain HTTP request was sent to HTTPS port</center>\r\n</body>\r\n</html>\r\n');
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
		try {
			const r = await run({ scheme: 'http', host: '127.0.0.1', port: (server.address() as AddressInfo).port, username: 'cdrapi', password: 'cdrapi123' });
			expect(r.error?.message).toMatch(/This port speaks HTTPS, not plain HTTP/);
			expect(r.error?.description).toMatch(/Scheme to HTTPS/);
		} finally {
			await closeAllPools();
			await new Promise((r) => server.close(r));
		}
	});

	it('an HTTPS credential pointed at a plain-HTTP port says so', async () => {
		emu = await startUcmEmulator();
		const r = await run({ scheme: 'https', host: '127.0.0.1', port: emu.port, username: emu.username, password: emu.password });
		expect(r.error?.message).toMatch(/This port speaks plain HTTP, not HTTPS/);
		expect(r.error?.message).not.toMatch(/wrong version number|ssl3_get_record|OpenSSL/i);
		expect(r.error?.description).toMatch(/Scheme to HTTP/);
	});
});
