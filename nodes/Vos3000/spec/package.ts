import { patchFields, type EndpointSpec, type FieldSpec } from '../../shared/spec';

/** Whose package (order) it is. */
const ownerTypeField: FieldSpec = {
	name: 'ownerType',
	type: 'integer',
	required: true,
	description: 'Owner type',
	options: [
		{ value: 2, name: 'Account' },
		{ value: 6, name: 'Phone' },
	],
};

/** The account or phone whose packages are read. */
const ownerFields: FieldSpec[] = [{ name: 'ownerName', type: 'string', required: true, description: 'Owner name' }, ownerTypeField];

/** Package order terms, shared by Create Order and Update Order (Update words expireTime and rentPercent its own way). */
const suiteOrderTermsFields: FieldSpec[] = [
	{ name: 'expireTime', type: 'long', description: 'Expiry time (ms since 1970-01-01 GMT). Not set or 9223372036854775807: unlimited. For one-time packages (rentType 3): if not set, expiry = availableTime + rentPeriod*1000; if set, this value is used. A one-time package order is converted into an effective package immediately and the order is deleted automatically' },
	{ name: 'priority', type: 'integer', description: 'Priority (not set or 2147483647: no priority)' },
	{
		name: 'failedProcessMode',
		type: 'integer',
		description: 'Handling when the account balance is insufficient to pay the rent. Default: Wait for the next recharge',
		options: [
			{ value: 0, name: 'Wait for the next recharge' },
			{ value: 1, name: 'Wait for the next rent period (only valid when the package rent unit is day or month)' },
			{ value: 2, name: 'Delete' },
		],
	},
	{ name: 'rentPercent', type: 'number', description: 'Rent percentage (default 100)' },
	{ name: 'memo', type: 'string', description: 'Order remark' },
];

/** VOS3000 Package: manual sections 3.23, 3.24, 3.25, 3.26, 3.27, 3.28, 3.29, 3.30, 3.31. */
export const packageEndpoints: EndpointSpec[] = [
	{
		id: 'createSuite',
		resource: 'Package',
		operation: 'Create',
		action: 'Create a package',
		description: 'Creates a rate package (suite) with its rent, minimum consumption, gift money and gifted talk time; returns the new package id.',
		section: '3.23',
		path: '/external/server/CreateSuite',
		method: 'POST',
		effect: 'create',
		notes: 'rentType 3 (one-time): rentPeriod is the number of usable seconds.',
		fields: [
			{ name: 'name', type: 'string', required: true, description: 'Package name' },
			{ name: 'rentPeriod', type: 'integer', required: true, description: 'Rent period length in rentType units (must be > 0); for one-time packages (rentType 3) the number of usable seconds' },
			{
				name: 'rentType',
				type: 'integer',
				required: true,
				description: 'Rent type (unit of rentPeriod)',
				options: [
					{ value: 0, name: 'Day' },
					{ value: 1, name: 'Month' },
					{ value: 2, name: 'Year' },
					{ value: 3, name: 'One-time (rentPeriod then means the number of usable seconds)' },
				],
			},
			{ name: 'nonholonomicOrder', type: 'boolean', required: true, description: 'true: allow partial (non-full-period) subscription; false: do not' },
			{ name: 'rentFee', type: 'number', required: true, description: 'Rent' },
			{ name: 'minConsumption', type: 'number', required: true, description: 'Minimum consumption amount' },
			{ name: 'lowerConsumption', type: 'number', required: true, description: 'Consumption lower bound for the package to take effect' },
			{ name: 'giftMoney', type: 'number', required: true, description: 'Gift (bonus) money' },
			{
				name: 'infoGiftTimes',
				type: 'object',
				list: true,
				description: 'Gifted free talk time entries (InfoGiftTime[])',
				children: [
					{ name: 'prefix', type: 'text', required: true, description: 'Area prefixes (comma-separated)' },
					{ name: 'startTime', type: 'integer', required: true, description: 'Start of the daily window in seconds since 00:00 (0-86400)' },
					{ name: 'endTime', type: 'integer', required: true, description: 'End of the daily window in seconds since 00:00 (0-86400)' },
					{ name: 'giftTime', type: 'integer', required: true, description: 'Gifted free seconds' },
					{ name: 'billingTime', type: 'integer', required: true, description: 'Billing period (seconds) applied to the gifted time' },
					{ name: 'memo', type: 'string', description: 'Remark' },
				],
			},
			{ name: 'memo', type: 'string', description: 'Remark' },
		],
	},
	{
		id: 'deleteSuite',
		resource: 'Package',
		operation: 'Delete',
		action: 'Delete a package',
		description: 'Deletes a package by id. By default it refuses while orders or effective packages depend on it; force=1 deletes and cancels them.',
		section: '3.24',
		path: '/external/server/DeleteSuite',
		method: 'POST',
		effect: 'delete',
		fields: [
			{ name: 'id', type: 'integer', required: true, description: 'Package id' },
			{
				name: 'force',
				type: 'integer',
				description: 'Force deletion. Default: Do not force deletion; dependencies are checked',
				options: [
					{ value: 0, name: 'Do not force deletion; dependencies are checked' },
					{ value: 1, name: 'Force deletion and cancel dependencies' },
				],
			},
		],
	},
	{
		id: 'getSuite',
		resource: 'Package',
		operation: 'Get Many',
		action: 'Get packages',
		description: 'Returns the given packages, or all packages when no ids are given.',
		section: '3.25',
		path: '/external/server/GetSuite',
		method: 'POST',
		effect: 'read',
		records: 'infoSuites',
		fields: [
			{ name: 'ids', type: 'integer', list: true, description: 'Package ids (not set: all packages)' },
		],
	},
	{
		id: 'createSuiteOrder',
		resource: 'Package',
		operation: 'Create Order',
		action: 'Subscribe an account or phone to a package',
		description: 'Orders a package for an account or phone; the package rent is charged to the owner balance (failedProcessMode decides what happens when it is insufficient). Returns the order id. Set the Idempotency Key so that a repeat or a lost answer never orders twice.',
		section: '3.26',
		path: '/external/server/CreateSuiteOrder',
		method: 'POST',
		effect: 'money',
		idempotency: {
			keyField: 'memo',
			lookup: "the owner's package orders (GetSuiteOrder): the order memo starts with the key",
			limits: 'One-time packages (rentType 3) are refused with a key: VOS3000 deletes their order once it takes effect, so nothing could show the key later. An order deleted by hand no longer shows it either.',
		},
		notes: 'availableTime must be 00:00 of the server time zone (0 = today, effective immediately). One-time packages become effective at once and the order is removed.',
		fields: [
			{ name: 'ownerName', type: 'string', required: true, description: 'Owner name (account number or phone number according to ownerType)' },
			ownerTypeField,
			{ name: 'suiteId', type: 'integer', required: true, description: 'Package id' },
			{ name: 'availableTime', type: 'long', required: true, description: 'Effective time (ms since 1970-01-01 UTC); must be 00:00 in the server time zone. Special values: 0 = Effective from 00:00 today (server time zone), i.e. immediately' },
			...suiteOrderTermsFields,
		],
	},
	{
		id: 'modifySuiteOrder',
		resource: 'Package',
		operation: 'Update Order',
		action: 'Update a package order',
		description: 'Changes the expiry, priority, insufficient-balance handling, rent percentage or remark of a package order.',
		section: '3.27',
		path: '/external/server/ModifySuiteOrder',
		method: 'POST',
		effect: 'modify',
		notes: 'expireTime must be 00:00 of the server time zone; 9223372036854775807 = no expiry.',
		fields: [
			{ name: 'id', type: 'integer', required: true, description: 'Package order id' },
			...patchFields(suiteOrderTermsFields, {
				expireTime: { description: 'Expiry time (ms since 1970-01-01 UTC; must be 00:00 in the server time zone). Special values: 9223372036854775807 = No limit (Long.MAX_VALUE)' },
				rentPercent: { description: 'Rent percentage' },
			}),
		],
	},
	{
		id: 'deleteSuiteOrder',
		resource: 'Package',
		operation: 'Delete Order',
		action: 'Delete a package order',
		description: 'Deletes a package order by id.',
		section: '3.28',
		path: '/external/server/DeleteSuiteOrder',
		method: 'POST',
		effect: 'delete',
		fields: [
			{ name: 'id', type: 'integer', required: true, description: 'Package order id' },
		],
	},
	{
		id: 'getSuiteOrder',
		resource: 'Package',
		operation: 'Get Orders',
		action: 'Get the package orders of an account or phone',
		description: 'Returns the package orders of one account or phone.',
		section: '3.29',
		path: '/external/server/GetSuiteOrder',
		method: 'POST',
		effect: 'read',
		records: 'infoSuiteOrders',
		fields: [
			...ownerFields,
		],
	},
	{
		id: 'getCurrentSuite',
		resource: 'Package',
		operation: 'Get Effective',
		action: 'Get the effective packages of an account or phone',
		description: 'Returns the packages currently in effect for one account or phone, with their remaining gift money and talk time.',
		section: '3.30',
		path: '/external/server/GetCurrentSuite',
		method: 'POST',
		effect: 'read',
		records: 'infoCurrentSuites',
		fields: [
			...ownerFields,
		],
	},
	{
		id: 'deleteCurrentSuite',
		resource: 'Package',
		operation: 'Delete Effective',
		action: 'Delete an effective package',
		description: 'Removes a package that is in effect; the id is the effective-package id from Get Effective, not the order id.',
		section: '3.31',
		path: '/external/server/DeleteCurrentSuite',
		method: 'POST',
		effect: 'delete',
		fields: [
			{ name: 'id', type: 'integer', required: true, description: 'Effective package id (from GetCurrentSuite)' },
		],
	},
];
