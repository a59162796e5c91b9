import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { ucmCredentialProperties } from '../nodes/ucm/credential';

export class GrandstreamUcmApi implements ICredentialType {
	name = 'grandstreamUcmApi';

	displayName = 'Grandstream UCM API';

	icon: Icon = 'file:../icons/grandstream.svg';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-pbx#grandstream-ucm-and-fiberme-fcm630a';

	properties: INodeProperties[] = ucmCredentialProperties('Grandstream UCM6xxx');
}
