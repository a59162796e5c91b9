import { type EnumOption, omitFields, patchFields, type EndpointSpec, type FieldSpec } from '../../shared/spec';

/** Account types. */
const accountTypeOptions: EnumOption[] = [
	{ value: 0, name: 'Ordinary account' },
	{ value: 1, name: 'Phone card' },
	{ value: 2, name: 'Settlement (clearing) account' },
];

/** InfoCustomerAdditional */
const infoCustomerAdditionalFields: FieldSpec[] = [
	{
		name: 'cardType',
		type: 'integer',
		description: 'ID document type. Default: ID card',
		options: [
			{ value: 0, name: 'ID card' },
			{ value: 1, name: 'Passport' },
			{ value: 2, name: 'Military officer ID' },
			{ value: 3, name: 'Employee ID' },
			{ value: 4, name: 'Student ID' },
			{ value: 5, name: 'Other document' },
		],
	},
	{ name: 'cardNumber', type: 'string', description: 'ID document number' },
	{ name: 'address', type: 'string', description: 'Address' },
	{ name: 'postCode', type: 'string', description: 'Postal code' },
	{ name: 'linkMan', type: 'string', description: 'Contact person' },
	{ name: 'telephone', type: 'string', description: 'Telephone number' },
	{ name: 'fax', type: 'string', description: 'Fax' },
	{ name: 'email', type: 'string', description: 'E-mail address (reports are sent here)' },
	{ name: 'emailCc', type: 'string', description: 'Report e-mail CC address' },
	{ name: 'emailBcc', type: 'string', description: 'Report e-mail BCC address' },
	{
		name: 'reportType',
		type: 'integer',
		description: 'Report e-mail frequency. Default: Do not send',
		options: [
			{ value: 0, name: 'Do not send' },
			{ value: 1, name: 'Daily' },
			{ value: 2, name: 'Weekly' },
			{ value: 3, name: 'Monthly' },
		],
	},
	{ name: 'companyName', type: 'string', description: 'Company name' },
	{ name: 'bank', type: 'string', description: 'Bank name' },
];

/** Account settings, shared by Create and Modify (Modify has no money and its own wording for a few fields). */
const customerFields: FieldSpec[] = [
	{ name: 'account', type: 'string', required: true, description: 'Account number (unique, visible identifier)' },
	{ name: 'name', type: 'string', required: true, description: 'Account name' },
	{ name: 'money', type: 'number', description: 'Initial balance when opening the account (default 0)' },
	{ name: 'limitMoney', type: 'number', description: 'Initial overdraft limit (default 0)' },
	{ name: 'feeRateGroup', type: 'string', description: 'Rate group (billing rate)' },
	{
		name: 'type',
		type: 'integer',
		description: 'Account type. Default: Ordinary account',
		options: accountTypeOptions,
	},
	{
		name: 'lockType',
		type: 'integer',
		description: 'Lock type. Default: Unlocked',
		options: [
			{ value: 0, name: 'Unlocked' },
			{ value: 1, name: 'Locked' },
		],
	},
	{ name: 'agentAccount', type: 'string', description: 'Agent account' },
	{ name: 'phoneBookLimit', type: 'integer', description: 'Phonebook size limit (default 0)' },
	{ name: 'validTime', type: 'long', description: 'Account validity (expiry) time, ms since 1970-01-01 UTC. Special values: 0 = Use the expiry time determined by system parameters' },
	{
		name: 'ctdBillingType',
		type: 'integer',
		description: 'Agent callback (click-to-dial) billing mode. Default: Normal',
		options: [
			{ value: 0, name: 'Normal' },
			{ value: 1, name: 'Traffic-based' },
		],
	},
	{ name: 'memo', type: 'string', description: 'Remarks' },
	{
		name: 'infoCustomerAdditional',
		type: 'object',
		description: 'Account supplementary information.',
		note: 'Nested InfoCustomerAdditional object.',
		children: infoCustomerAdditionalFields,
	},
];

/** VOS3000 Account: manual sections 3.1, 3.2, 3.3, 3.4, 3.65. */
export const accountEndpoints: EndpointSpec[] = [
	{
		id: 'createCustomer',
		resource: 'Account',
		operation: 'Create',
		action: 'Create an account',
		description: 'Opens a billing account (customer). The optional money field is credited as the initial balance; this is the only place a balance can be set without a recharge.',
		section: '3.1',
		path: '/external/server/CreateCustomer',
		method: 'POST',
		// An opening balance (money) is credited here: treated as money, never retried.
		effect: 'money',
		idempotency: {
			keyField: 'memo',
			lookup: 'the account (GetCustomer): its memo starts with the key',
			limits: 'VOS3000 refuses a second account of the same number, so the opening balance is credited at most once whatever the key; the key lets a repeat return the account instead of that refusal, until someone changes the account memo.',
		},
		notes: 'money (initial balance) exists only here; ModifyCustomer has no money field, use Pay to change a balance.',
		fields: customerFields,
	},
	{
		id: 'modifyCustomer',
		resource: 'Account',
		operation: 'Update',
		action: 'Update an account',
		description: 'Changes the settings of an account identified by its account number. Send only the fields that should change; the balance cannot be changed here (use Recharge).',
		section: '3.2',
		path: '/external/server/ModifyCustomer',
		method: 'POST',
		effect: 'modify',
		notes: 'limitMoney is described as the "initial overdraft limit" (copied from CreateCustomer); it sets the overdraft limit.',
		fields: patchFields(omitFields(customerFields, ['money']), {
			account: { description: 'Account number (unique, visible identifier) of the account to modify' },
			name: { required: undefined },
			limitMoney: { description: 'Overdraft limit', note: 'The manual\'s text is copied from CreateCustomer: "initial overdraft limit when opening an account".' },
			validTime: { description: 'Account validity / expiry time (ms since 1970-01-01 UTC)' },
			ctdBillingType: { description: 'Agent callback (click-to-dial) billing mode' },
		}),
	},
	{
		id: 'deleteCustomer',
		resource: 'Account',
		operation: 'Delete',
		action: 'Delete an account',
		description: 'Deletes the billing account identified by its account number.',
		section: '3.3',
		path: '/external/server/DeleteCustomer',
		method: 'POST',
		effect: 'delete',
		fields: [
			{ name: 'account', type: 'string', required: true, description: 'Billing account number (unique, visible identifier)' },
		],
	},
	{
		id: 'getCustomer',
		resource: 'Account',
		operation: 'Get',
		action: 'Get accounts by number, phone or agent',
		description: 'Returns full account records (balance, overdraft limit, rate group, validity, bound numbers) for the given account numbers, phone numbers or agent. At least one of accounts, e164s and filterAgentAccount must be set.',
		section: '3.4',
		path: '/external/server/GetCustomer',
		method: 'POST',
		effect: 'read',
		records: 'infoCustomers',
		notes: 'InfoCustomer.money is the current balance (its description is copied from CreateCustomer).',
		fields: [
			{ name: 'accounts', type: 'string', list: true, description: 'Account numbers (at least one of accounts, e164s, filterAgentAccount must be given)' },
			{ name: 'e164s', type: 'string', list: true, description: 'Phone numbers whose accounts are returned' },
			{
				name: 'filterAgentAccount',
				type: 'object',
				description: 'Agent filter: return only this agent\'s subordinate accounts (FilterAgentAccount)',
				children: [
					{ name: 'filterAgentAccount', type: 'string', required: true, description: 'Agent account number' },
					{
						name: 'querySonMode',
						type: 'integer',
						required: true,
						description: 'Which subordinate accounts to return',
						options: [
							{ value: 0, name: 'All subordinate accounts (recursive)' },
							{ value: 1, name: 'Direct subordinate accounts only' },
						],
					},
				],
			},
			{
				name: 'type',
				type: 'integer',
				description: 'Account type filter',
				options: accountTypeOptions,
			},
		],
	},
	{
		id: 'getAllCustomers',
		resource: 'Account',
		operation: 'Get Many',
		action: 'Get all accounts (numbers or balances)',
		description: 'Lists every account on the system: just the account numbers (type 0, default) or brief records with balance and overdraft limit (type 1, answered in infoCustomerBriefs). No paging; the answer can be large.',
		section: '3.65',
		path: '/external/server/GetAllCustomers',
		method: 'POST',
		effect: 'read',
		records: ['infoCustomerBriefs', 'accounts'],
		notes: 'The path is documented twice: 3.5 (request Key, response accounts as a String) and 3.65 (request type, response accounts String[] or infoCustomerBriefs). One operation with both fields; accounts may come back as a String or a String[].',
		fields: [
			{
				name: 'type',
				type: 'integer',
				description: 'What to return; not set is the same as 0',
				options: [
					{ value: 0, name: 'Account numbers only (accounts)' },
					{ value: 1, name: 'Brief records with balance and limit (infoCustomerBriefs)' },
				],
			},
			{ name: 'Key', type: 'integer', description: 'Documented only in 3.5 as "query all accounts" (type integer); meaning undocumented, normally left unset' },
		],
	},
];
