import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { connectionProperties, loginProperties } from '../nodes/shared/credentialFields';

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
		...loginProperties({
			usernameNote: 'The API user set on the PBX page 二次开发接口 / API',
			passwordNote: 'Sent only as its lowercase MD5, as the manual requires. Five wrong passwords in a row lock this n8n server out for 10 minutes: a refused login is never retried.',
		}),
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
			displayName: 'Report URL',
			name: 'reportUrl',
			type: 'string',
			default: '',
			placeholder: 'https://n8n.example.com/webhook/1a2b3c4d-…/report',
			description:
				"Where the PBX posts its reports: the OpenVox UC Trigger's Production URL. Every login from every n8n process (actions on queue-mode workers too) registers this address. Empty: the trigger registers its own Production URL, and actions in the same n8n process repeat it.",
		},
		{
			displayName: 'Report Listener Port',
			name: 'reportPort',
			type: 'number',
			default: 5678,
			description:
				'Login must name the port where event reports are received. Sent only when no report address is known (no Report URL and no active trigger in this n8n process).',
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
