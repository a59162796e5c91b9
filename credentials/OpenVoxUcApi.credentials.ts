import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { connectionProperties } from '../nodes/shared/credentialFields';

export class OpenVoxUcApi implements ICredentialType {
	name = 'openVoxUcApi';

	displayName = 'OpenVox UC API';

	icon: Icon = 'file:../icons/openvox.svg';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-pbx#openvox-uc';

	properties: INodeProperties[] = [
		...connectionProperties({
			scheme: 'http',
			port: 9011,
			portHint: 'API port of the PBX (the manual documents 9011)',
		}),
		{
			displayName: 'API Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The API user set on the PBX page 二次开发接口 / API',
		},
		{
			displayName: 'API Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Sent only as its lowercase MD5, as the manual requires. Five wrong passwords in a row lock this n8n server out for 10 minutes: a refused login is never retried.',
		},
		{
			displayName: 'Request Format',
			name: 'format',
			type: 'options',
			options: [
				{ name: 'JSON', value: 'json' },
				{ name: 'XML', value: 'xml' },
			],
			default: 'json',
			description: 'The ?type= of every request; outputs are the same either way',
		},
		{
			displayName: 'Report Listener Port',
			name: 'reportPort',
			type: 'number',
			default: 5678,
			description:
				'Login must name the port where event reports are received. Actions send this (your n8n port); the OpenVox UC Trigger registers its own webhook address instead.',
		},
		{
			displayName: 'API Version Override',
			name: 'apiVersion',
			type: 'string',
			default: '',
			placeholder: 'v1.1.0',
			description:
				'Leave empty to use the version segment the manual gives for each endpoint (v0.0.1, v1.1.0, ...). Set it to force one segment for every request, for firmware that wants another.',
		},
	];
}
