import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';
import { PbxError, TransportError } from '../shared/errors';
import { callVos3000, vos3000Connection } from './protocol';

/** A harmless read that proves the web access list admits this n8n. */
export async function testVos3000Credential(creds: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	try {
		await callVos3000(vos3000Connection(creds), '/external/server/GetSoftSwitch', {});
		return { status: 'OK', message: 'Connected: VOS3000 answered GetSoftSwitch' };
	} catch (error) {
		if (error instanceof PbxError && error.httpCode) return { status: 'Error', message: `${error.message}. ${error.hint ?? ''}`.trim() };
		if (error instanceof TransportError && error.kind === 'reset')
			return {
				status: 'Error',
				message:
					'VOS3000 closed the connection without answering. Most likely this n8n server\'s IP is not on the web access list (Interface management → Web access control, directory /external/server).',
			};
		return { status: 'Error', message: error instanceof Error ? error.message : String(error) };
	}
}

/** The credentialTest method of every node that uses the VOS3000 credential (testedBy: 'vos3000ApiTest'). */
export async function vos3000ApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	return testVos3000Credential(credential.data ?? {});
}
