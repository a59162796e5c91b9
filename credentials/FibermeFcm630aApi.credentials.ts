import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { ucmCredentialProperties } from '../nodes/ucm/credential';

export class FibermeFcm630aApi implements ICredentialType {
	name = 'fibermeFcm630aApi';

	displayName = 'FIBERME FCM630A API';

	icon: Icon = 'file:../icons/fiberme.svg';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-pbx#grandstream-ucm-and-fiberme-fcm630a';

	properties: INodeProperties[] = ucmCredentialProperties('FIBERME FCM630A');
}
