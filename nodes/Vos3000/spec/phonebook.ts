import type { EndpointSpec, FieldSpec } from '../../shared/spec';

/** Phonebook entry settings, shared by Create and Update. */
const phonebookEntryFields: FieldSpec[] = [
	{ name: 'shortE164s', type: 'string', list: true, description: 'Short number list' },
	{ name: 'name', type: 'string', description: 'Name' },
	{ name: 'department', type: 'string', description: 'Department' },
	{
		name: 'deviceType',
		type: 'integer',
		description: 'Device type. Default: None',
		options: [
			{ value: 0, name: 'None' },
			{ value: 1, name: 'Mobile phone' },
			{ value: 2, name: 'Landline' },
			{ value: 3, name: 'IP phone' },
		],
	},
	{
		name: 'addressType',
		type: 'integer',
		description: 'Address type. Default: None',
		options: [
			{ value: 0, name: 'None' },
			{ value: 1, name: 'Office phone' },
			{ value: 2, name: 'Home phone' },
		],
	},
	{
		name: 'type',
		type: 'integer',
		description: 'Creation type. Default: Created by user',
		options: [
			{ value: 0, name: 'Created by user' },
			{ value: 1, name: 'Automatically remembered' },
		],
	},
	{ name: 'memo', type: 'string', description: 'Remark' },
];

/** VOS3000 Phonebook: manual sections 3.52, 3.53, 3.54, 3.55. */
export const phonebookEndpoints: EndpointSpec[] = [
	{
		id: 'getCustomerPhoneBook',
		resource: 'Phonebook',
		operation: 'Get Many',
		action: 'Get phonebook entries',
		description: 'Returns the phonebook entries of an account, or the entry of one number.',
		section: '3.52',
		path: '/external/server/GetCustomerPhoneBook',
		method: 'POST',
		effect: 'read',
		records: 'infoCustomerPhoneBooks',
		fields: [
			{ name: 'account', type: 'string', description: 'Account number' },
			{ name: 'e164', type: 'string', description: 'Phone number' },
		],
	},
	{
		id: 'createCustomerPhoneBook',
		resource: 'Phonebook',
		operation: 'Create',
		action: 'Create a phonebook entry',
		description: 'Adds a number with its short numbers to an account phonebook. With infoCustomerPhoneBookOverWrite it creates or replaces an entry instead.',
		section: '3.53',
		path: '/external/server/CreateCustomerPhoneBook',
		method: 'POST',
		effect: 'create',
		notes: 'InfoCustomerPhoneBookOverWrite.e164/shortE164 are typed int in the manual (String everywhere else); kept as documented, leading zeros may be lost.',
		fields: [
			{ name: 'account', type: 'string', required: true, description: 'Account number' },
			{ name: 'e164', type: 'string', description: 'Phone number. Required when infoCustomerPhoneBookOverWrite is not set; when it is set, this value (if given) is the new phone number of the overwritten entry' },
			{
				name: 'infoCustomerPhoneBookOverWrite',
				type: 'object',
				description: 'Create-or-replace (overwrite) mode; note: if no existing entry is replaced, the phone number is required',
				children: [
					{ name: 'e164', type: 'integer', description: 'Locate the existing entry to overwrite by phone number; must not be set together with shortE164 (typed int in both versions)' },
					{ name: 'shortE164', type: 'integer', description: 'Locate the existing entry to overwrite by short number (typed int in both versions)' },
				],
			},
			...phonebookEntryFields,
		],
	},
	{
		id: 'modifyCustomerPhoneBook',
		resource: 'Phonebook',
		operation: 'Update',
		action: 'Update a phonebook entry',
		description: 'Changes the phonebook entry identified by account and e164; newE164 renumbers it.',
		section: '3.54',
		path: '/external/server/ModifyCustomerPhoneBook',
		method: 'POST',
		effect: 'modify',
		fields: [
			{ name: 'account', type: 'string', required: true, description: 'Account number' },
			{ name: 'e164', type: 'string', required: true, description: 'Phone number of the entry to modify' },
			{ name: 'newE164', type: 'string', description: 'New phone number for the entry' },
			...phonebookEntryFields,
		],
	},
	{
		id: 'deleteCustomerPhoneBook',
		resource: 'Phonebook',
		operation: 'Delete',
		action: 'Delete phonebook entries',
		description: 'Deletes the given numbers from an account phonebook.',
		section: '3.55',
		path: '/external/server/DeleteCustomerPhoneBook',
		method: 'POST',
		effect: 'delete',
		fields: [
			{ name: 'account', type: 'string', required: true, description: 'Account number' },
			{ name: 'e164s', type: 'string', list: true, required: true, description: 'Phone numbers of the entries to delete' },
		],
	},
];
