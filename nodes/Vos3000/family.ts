import type { FamilySpec } from '../shared/spec';
import { vos3000Events } from './events';
import { vos3000Endpoints } from './spec';

export const vos3000FamilySpec: FamilySpec = {
	family: 'vos3000',
	displayName: 'VOS3000',
	endpoints: vos3000Endpoints,
	events: vos3000Events,
	// The manual has no return-code table: the PBX's `exception` text explains each code.
	errorCodes: {},
	wirePath: (e) => e.path,
	nodes: ['Vos3000/Vos3000', 'Vos3000/Vos3000Trigger', 'Vos3000/Vos3000IvrAnswer', 'Vos3000/Vos3000CdrTrigger'],
	credentials: ['Vos3000Api'],
};
