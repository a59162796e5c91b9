/**
 * Grandstream UCM6xxx / FIBERME FCM630A HTTPS API emulator, written from `grandstream-ucm6xxx-https-api.txt` (cut short)
 * and `fiberme-fcm630a-https-api.txt` (complete, same API, with the error-code table, "Table 75").
 *
 * A loopback server (node:http, or node:https when given `tls`) that behaves as the manuals say:
 *   - `POST /api`, body `{"request":{"action":..,"cookie":..,..params}}`, HTTP 200 always, answer
 *     `{"response":{..},"status":0}` or `{"status":<negative Table 75 code>}`;
 *   - challenge (16 digits) -> login with token = md5(challenge + password) -> cookie `sid<n>-<unix s>` carried in the
 *     body of every other request; 10 min idle timeout; logout; `remain_num` / `remain_time` on failed logins and an IP
 *     ban after `lockoutFailures` failures;
 *   - every action of both manuals, with state; actions only the Grandstream manual documents answer -19 on FIBERME;
 *   - the legacy cdrapi (csv/xml/json), recapi (binary WAV), pmsapi (XML or JSON in `data`) and queueapi (xml/json/csv)
 *     as actions of /api (as the manuals document them) and, for convenience, as `GET|POST /cdrapi?...` etc.;
 *   - burst protection (`maxConcurrent`): -45 / -46 / -57 when too many requests are in flight;
 *   - system/call reports POSTed to the login `url` when calls happen (format assumed: the manuals document none).
 *
 * One file per resource group, as nodes/ucm/spec/: session, system, extension, wave, trunk, outboundRoute,
 * inboundRoute, call (with liveCalls: calls in progress, CDRs and reports), queue, pagingGroup, ivr, user, group,
 * cdr, recording, pms; emulator.ts puts them on the kit's server (../kit), state.ts holds the seed, api.ts the
 * request and answer shapes.
 */
import { EmulatedUcm, type UcmEmulator, type UcmStartOptions } from './emulator';
import type { UcmBrand } from './api';

export { makeWav } from '../kit';
export { parseUcmTime, type UcmBrand } from './api';
export { UCM_CDR_COLUMNS, cdrCallerMatcher } from './cdr';
export { UCM_GRANDSTREAM_ONLY_ACTIONS, type UcmEmulator, type UcmOptions, type UcmStartOptions } from './emulator';
export type { UcmCall, UcmLeg } from './liveCalls';
export { ucmPatternToRegex } from './outboundRoute';
export { parsePmsData, UCM_DEFAULT_PMS_PASSWORD, UCM_DEFAULT_PMS_USERNAME, type UcmPmsRoom } from './pms';
export { makeTar, UCM_RECORDING_DIRS, type UcmRecording } from './recording';
export { UCM_DEFAULT_PASSWORD, UCM_DEFAULT_USERNAME, type UcmSession } from './session';
export { UCM_SEED, type UcmState } from './state';
export { UCM_QR_PNG_BASE64 } from './wave';

export async function startUcmEmulator(opts: UcmStartOptions = {}): Promise<UcmEmulator> {
	const emu = new EmulatedUcm(opts.host ?? '127.0.0.1', opts.tls, opts);
	await emu.listen(opts.port ?? 0);
	return emu;
}

if (require.main === module) {
	const port = Number(process.env.PORT ?? 9012);
	const brand = (process.env.UCM_BRAND === 'fiberme' ? 'fiberme' : 'grandstream') as UcmBrand;
	startUcmEmulator({ port, host: process.env.HOST ?? '127.0.0.1', brand })
		.then((e) => {
			// eslint-disable-next-line no-console
			console.log(`UCM emulator (${e.brand}) on ${e.url}/api (user ${e.username} / password ${e.password})`);
		})
		.catch((err: unknown) => {
			// eslint-disable-next-line no-console
			console.error(err);
			process.exit(1);
		});
}
