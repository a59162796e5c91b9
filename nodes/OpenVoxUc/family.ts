import type { FamilySpec } from '../shared/spec';
import { openVoxUcEvents } from './events';
import { OPENVOX_UC_ERRNO } from './protocol';
import { openVoxUcEndpoints } from './spec';

export const openVoxUcFamilySpec: FamilySpec = {
	family: 'openvox-uc',
	displayName: 'OpenVox UC',
	endpoints: openVoxUcEndpoints,
	events: openVoxUcEvents,
	errorCodes: OPENVOX_UC_ERRNO,
	wirePath: (e) => `/api/${e.version ?? 'v0.0.1'}/${e.path}`,
	nodes: ['OpenVoxUc/OpenVoxUc', 'OpenVoxUc/OpenVoxUcTrigger'],
	// Light enough (~60 KB) for one node.
	actionNodes: [
		{
			name: 'openVoxUc',
			displayName: 'OpenVox UC',
			description:
				'Manage an OpenVox UC IP-PBX (Yeastar S-Series API): extensions, trunks, routes, queues, IVR, calls, recordings, voicemail, CDRs and hotel features',
			resources: [...new Set(openVoxUcEndpoints.filter((e) => !e.hidden).map((e) => e.resource))],
		},
	],
	credentials: ['OpenVoxUcApi'],
};
