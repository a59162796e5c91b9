/**
 * OpenVox UC (UC300/UC500/UC501) HTTP API emulator, written from `openvox-uc-http-api-zh.txt`, built on the kit
 * (../kit). What it does, file by file:
 *   emulator.ts  the API server: login (md5 password, 32-hex token, 30 min idle, 5 wrong passwords lock the IP for
 *                10 minutes), JSON or XML bodies, dispatch, downloads behind a `random` (30 s; single use for recordings)
 *   pbx.ts       the PBX: state, calls, CDRs and the ten documented reports POSTed to the address registered at
 *                login/heartbeat (well-formed when login asked for `"version":"1.0.2"`, else the legacy format with
 *                duplicate `"ext"` keys)
 *   <group>.ts   the handlers of one resource group, as nodes/OpenVoxUc/spec/<group>.ts
 *   seed.ts      the data it starts with;  wire.ts  the manual's JSON/XML/report formats;  types.ts  its API
 * The manual has no errno table (only `30003` appears, in the login failure example); the codes answered are those
 * of the Yeastar S-Series table (handler.ts UcErrno), of which the UC API is a rebrand.
 */
import { Emulator } from './emulator';
import type { OpenVoxUcEmulator, StartOptions } from './types';

export { makeWav } from '../kit';
export * from './types';
export { OPENVOX_UC_CDR_COLUMNS, OPENVOX_UC_DEFAULT_PASSWORD, OPENVOX_UC_DEFAULT_USERNAME, OPENVOX_UC_SEED, OPENVOX_UC_SN } from './seed';
export { parseJsonLenient, parseXml, serializeReport, toXml } from './wire';

export async function startOpenVoxUcEmulator(opts: StartOptions = {}): Promise<OpenVoxUcEmulator> {
	const emu = new Emulator(opts.host ?? '127.0.0.1', opts);
	await emu.listen(opts.port ?? 0);
	return emu;
}

if (require.main === module) {
	const port = Number(process.env.PORT ?? 9011);
	startOpenVoxUcEmulator({ port, host: process.env.HOST ?? '127.0.0.1' })
		.then((e) => {
			// eslint-disable-next-line no-console
			console.log(`OpenVox UC emulator on ${e.url} (user ${e.username} / password ${e.password})`);
		})
		.catch((err: unknown) => {
			// eslint-disable-next-line no-console
			console.error(err);
			process.exit(1);
		});
}
