import type { PickerSpec } from '../shared/spec';

/** The lists the editor offers for VOS3000 fields that name an existing account, phone, gateway or rate group. */
export const vos3000Pickers: PickerSpec[] = [
	{
		id: 'account',
		displayName: 'Account',
		endpoint: 'getAllCustomers',
		body: { type: 1 },
		value: 'account',
		fields: ['account', 'accounts', 'customerAccount', 'agentAccount'],
		resource: 'Account',
		example: '1001',
	},
	// No read lists every phone (GetPhone needs numbers or accounts): the list holds the registered ones.
	{ id: 'phone', displayName: 'Online Phone', endpoint: 'getAllPhoneOnline', value: 'value', fields: ['e164', 'e164s'], resource: 'Phone', example: '88880001' },
	// The manual marks "names" mandatory but says "if not set, all ... gateways are returned".
	{ id: 'routingGateway', displayName: 'Routing Gateway', endpoint: 'getGatewayRouting', value: 'name', label: ['prefix'], fields: ['names'], only: ['Routing Gateway'], example: 'gw-out-1' },
	{ id: 'mappingGateway', displayName: 'Mapping Gateway', endpoint: 'getGatewayMapping', value: 'name', label: ['account'], fields: ['names'], only: ['Mapping Gateway'], example: 'gw-in-1' },
	{ id: 'rateGroup', displayName: 'Rate Group', endpoint: 'getFeeRateGroup', value: 'name', fields: ['feeRateGroup'], example: 'default' },
	{ id: 'rateGroupName', displayName: 'Rate Group', endpoint: 'getFeeRateGroup', value: 'name', fields: ['names'], only: ['Rate'], example: 'default' },
];
