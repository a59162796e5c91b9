import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { PbxError, ProtocolError } from '../shared/errors';
import { transportFromCredentials } from '../shared/credentialFields';
import { send, type TransportOptions } from '../shared/http';
import { parseWireJson, stringifyWire, type WireObject } from '../shared/json';
import type { EndpointSpec } from '../shared/spec';

/** The only codes the manual gives (section 1); no return-code table exists in either language version. */
export const VOS3000_ERROR_CODES: Record<string, string> = {
	'0': 'Success',
	'-10007': 'Not found, operation failed',
};

const HINTS: Record<string, string> = {
	'-10007': 'The record named in the request does not exist on this VOS3000 (check the account, number or name).',
};

export interface Vos3000Connection {
	transport: TransportOptions;
}

export function vos3000Connection(creds: ICredentialDataDecryptedObject): Vos3000Connection {
	return { transport: transportFromCredentials(creds, 8) };
}

/** Parses a VOS3000 answer: raw JSON whatever the content type, a one-element array accepted. */
export function parseVos3000Answer(text: string): IDataObject {
	let parsed: unknown;
	try {
		parsed = parseWireJson(text);
	} catch {
		throw new ProtocolError(`VOS3000 answered with something that is not JSON: ${JSON.stringify(text.slice(0, 120))}`);
	}
	if (Array.isArray(parsed)) parsed = parsed[0];
	if (!parsed || typeof parsed !== 'object') throw new ProtocolError('VOS3000 answered with JSON that is not an object');
	return parsed as IDataObject;
}

/**
 * POST /external/server/<Name> with the raw JSON body and the content type section 1 prescribes
 * (text/html;charset=UTF-8). A non-zero retCode becomes a PbxError with the `exception` text.
 */
export async function callVos3000(conn: Vos3000Connection, path: string, body: WireObject): Promise<IDataObject> {
	const res = await send(conn.transport, {
		method: 'POST',
		path,
		headers: { 'content-type': 'text/html;charset=UTF-8', accept: 'application/json, text/html, */*' },
		body: stringifyWire(body),
	});
	if (res.status === 401 || res.status === 403) {
		throw new PbxError(
			`HTTP ${res.status}`,
			'Refused by the VOS3000 web server',
			undefined,
			'VOS3000 admits API callers by IP: add the n8n server address under Interface management → Web access control for /external/server.',
			res.status,
		);
	}
	if (res.status === 404) {
		throw new PbxError('HTTP 404', 'Interface not found', path, 'Check the port (web server, not the signalling port) and that this VOS3000 version has the interface.', 404);
	}
	if (res.status >= 400) throw new PbxError(`HTTP ${res.status}`, 'The VOS3000 web server answered with an error', undefined, undefined, res.status);
	const json = parseVos3000Answer(res.body.toString('utf8'));
	if (json.retCode === undefined) throw new ProtocolError('VOS3000 answered without a retCode');
	const code = String(json.retCode);
	if (code !== '0') {
		const exception = typeof json.exception === 'string' ? json.exception : undefined;
		throw new PbxError(code, VOS3000_ERROR_CODES[code], exception, HINTS[code]);
	}
	return json;
}

/** Where to look after a money or call operation whose answer was lost. */
export function vos3000OutcomeCheck(endpoint: EndpointSpec): string {
	const byPath: Record<string, string> = {
		'/external/server/CreateCustomer': 'Check whether the account exists (Account → Get) before creating it again: its opening balance may already be credited.',
		'/external/server/Pay': 'Check the payment history (Report → Get Payment History) for this account before recharging again.',
		'/external/server/PayByPhoneCard': 'Check the payment history (GetPayHistory) and the card (GetPhoneCard) before trying the card again.',
		'/external/server/PhoneCardActive': 'Check the card with GetPhoneCard before activating it again.',
		'/external/server/CreateSuiteOrder': "Check the account's package orders (GetSuiteOrder) before ordering again.",
		'/external/server/CreateCdr': 'Check the CDRs (GetCdr) and the balance before sending the record again.',
		'/external/server/CallBack': 'Check the current calls (GetCurrentCall) and CDRs before calling again.',
		'/external/server/PlayAudio': 'Check the current calls (GetCurrentCall) and CDRs before calling again.',
	};
	return (
		byPath[endpoint.path ?? ''] ??
		'The PBX may or may not have carried it out; check the current calls (GetCurrentCall) or the affected record before repeating it.'
	);
}
