import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, ICredentialsDecrypted, IDataObject, INodeCredentialTestResult } from 'n8n-workflow';
import { openVoxUcCall, openVoxUcConnection } from './protocol';
import { openVoxUcEndpoints } from './spec';

const queryDeviceInfo = openVoxUcEndpoints.find((e) => e.id === 'queryDeviceInfo')!;

/** Logs in (a real login, shared with later actions) and reads the device info. */
export async function testOpenVoxUcCredential(creds: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	try {
		const conn = openVoxUcConnection(creds);
		const info = await openVoxUcCall(conn, queryDeviceInfo, {});
		const dev = (info.deviceinfo ?? {}) as IDataObject;
		const label = [dev.devicename, dev.firmwarever].filter(Boolean).join(', ');
		return { status: 'OK', message: `Logged in${label ? `: ${label}` : ''}` };
	} catch (error) {
		const e = error as { message?: string; hint?: string };
		return { status: 'Error', message: [e.message ?? String(error), e.hint].filter(Boolean).join('. ') };
	}
}

/** The credentialTest method of every node that uses the OpenVox UC credential (testedBy: 'openVoxUcApiTest'). */
export async function openVoxUcApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	return testOpenVoxUcCredential(credential.data ?? {});
}
