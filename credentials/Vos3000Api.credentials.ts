import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { connectionProperties, legacyTlsProperty } from '../nodes/shared/credentialFields';

export class Vos3000Api implements ICredentialType {
	name = 'vos3000Api';

	displayName = 'VOS3000 API';

	icon: Icon = 'file:../icons/vos3000.svg';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-pbx#vos3000';

	properties: INodeProperties[] = [
		{
			displayName:
				'VOS3000 has no API login: it admits callers by IP. Add the n8n server address under Interface management → Web access control for the directory /external/server.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		...connectionProperties({
			scheme: 'http',
			portHint: 'HTTP or HTTPS port of the VOS3000 web server. The manual documents no default: installations often keep Tomcat\'s 8080, but ask your VOS3000 installer',
		}),
		legacyTlsProperty('VOS3000 2.1.x runs its web server on Java 6, which speaks TLS 1.0 at most.'),
	];
}
