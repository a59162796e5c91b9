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
	nodes: ['Vos3000/Vos3000', 'Vos3000/Vos3000Routing', 'Vos3000/Vos3000Trigger', 'Vos3000/Vos3000IvrAnswer', 'Vos3000/Vos3000CdrTrigger'],
	// One node would be ~163 KB: the client's business menus (accounts, billing) in one, its gateway, number and call
	// menus in the other (~85 and ~80 KB).
	actionNodes: [
		{
			name: 'vos3000',
			displayName: 'VOS3000',
			description: 'Provision and bill on a VOS3000 softswitch: accounts, phones, payments, packages, cards, rates, CDRs and reports',
			resources: ['Account', 'Phone', 'Payment', 'Package', 'Phone Card', 'Bound Number', 'Rate', 'Report', 'Billing', 'Phonebook', 'Alarm', 'System'],
		},
		{
			name: 'vos3000Routing',
			displayName: 'VOS3000 Routing & Calls',
			description: 'Route and watch calls on a VOS3000 softswitch: gateways, number conversion, number groups, mobile areas, geofence, current calls and IVR calls',
			resources: ['Mapping Gateway', 'Routing Gateway', 'Number Conversion', 'Number Group', 'Mobile Area', 'Geofence', 'Current Call', 'IVR', 'IVR Audio'],
		},
	],
	credentials: ['Vos3000Api'],
};
