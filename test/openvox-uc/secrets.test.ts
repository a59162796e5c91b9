/**
 * Passwords in OpenVox UC outputs, through WorkflowExecute: the extension, SIP trunk, conference and queue queries
 * answer passwords in clear text (manual: 查询分机设置 / 查询 SIP 中继 examples), masked unless revealed.
 */
import { closeAllPools } from '../../nodes/shared/http';
import { startOpenVoxUcEmulator, type OpenVoxUcEmulator } from '../emulators/openvox-uc';
import { credsFor, forgetSession, startReportSink, uc, type UcCreds } from './helpers';

let emu: OpenVoxUcEmulator;
let sink: Awaited<ReturnType<typeof startReportSink>>;
let creds: UcCreds;

beforeAll(async () => {
	emu = await startOpenVoxUcEmulator();
	sink = await startReportSink();
	creds = credsFor(emu, sink.port);
});
afterAll(async () => {
	forgetSession(creds);
	await closeAllPools();
	await emu.close();
	await sink.close();
});

it('extension, trunk, conference and queue passwords are masked by default and shown on request', async () => {
	const reads = [
		[{ resource: 'extension', operation: 'queryExtension', additionalFields: { extid: '1000' } }, ['registerpassword', 'userpassword', 'vmsecret']],
		[{ resource: 'sipTrunk', operation: 'querySipTrunk', trunkname: 'to-provider' }, ['password']],
		[{ resource: 'conference', operation: 'queryConference', number: '6500' }, ['participantepassword', 'moderatorpassword']],
		[{ resource: 'queue', operation: 'queryQueue', additionalFields: { queueid: '6700' } }, ['password']],
	] as const;
	for (const [params, keys] of reads) {
		const masked = await uc(creds, params);
		expect(masked.error?.message).toBeUndefined();
		for (const k of keys) expect([params.operation, k, masked.json[0][k]]).toEqual([params.operation, k, '********']);
		const shown = await uc(creds, { ...params, options: { revealPasswords: true } });
		for (const k of keys) expect(shown.json[0][k]).not.toBe('********');
		expect(shown.json[0][keys[0]]).toBeTruthy();
	}
});
