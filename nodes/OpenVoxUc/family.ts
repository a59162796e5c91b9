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
	credentials: ['OpenVoxUcApi'],
};
