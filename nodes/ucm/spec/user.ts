/**
 * UCM endpoint table: User.
 * Sources: grandstream-ucm6xxx-https-api.txt and fiberme-fcm630a-https-api.txt (the manuals win over the extractions).
 * Wire names are the manuals'; fields documented by only one brand are still offered (the PBX ignores what it does not know).
 */
import type { EndpointSpec } from '../../shared/spec';
import { pageField, itemNumField, sordField, sidxField } from './common';

export const userEndpoints: EndpointSpec[] = [
	{
		id: 'listUser',
		records: ['records', 'user_id'],
		resource: 'User',
		operation: 'Get Many',
		action: 'List users',
		description: 'Lists the PBX users (the people behind extensions) page by page.',
		section: 'User Information > listUser',
		wireAction: 'listUser',
		method: 'POST',
		effect: 'read',
		secretOutputs: ['user_password'],
		notes: 'The example answers with "response" as a bare array of users (paging counts in a separate object). Answers include other sessions\' cookies and login IPs.',
		fields: [
			pageField,
			sordField,
			sidxField,
			itemNumField,
			{
				name: 'options',
				type: 'string',
				description: 'Information to return, comma-separated; empty: all. Any of: department, first_name, last_name, email, language, fax, family_number, phone_number, login_time, ip.',
			},
		],
	},
	{
		id: 'getUser',
		resource: 'User',
		operation: 'Get',
		action: 'Get a user',
		description: 'Returns one user\'s details by user name.',
		section: 'User Information > getUser',
		wireAction: 'getUser',
		method: 'POST',
		effect: 'read',
		secretOutputs: ['user_password'],
		records: 'user_name',
		notes: 'The user object is nested under the key "user_name".',
		fields: [
			{ name: 'user_name', type: 'string', required: true, description: 'Username.' },
		],
	},
	{
		id: 'updateUser',
		resource: 'User',
		operation: 'Update',
		action: 'Update a user',
		description: 'Changes a user\'s name, department, e-mail and phone numbers. Takes effect after System > Apply Changes.',
		section: 'User Information > updateUser',
		wireAction: 'updateUser',
		method: 'POST',
		effect: 'modify',
		fields: [
			{ name: 'user_name', type: 'string', required: true, description: 'Username.' },
			{ name: 'department', type: 'string', description: 'The Department that the user belongs to.' },
			{ name: 'fax', type: 'string', description: 'User fax.' },
			{
				name: 'email',
				type: 'string',
				description: 'The Email address of this user. For example, "bobjones@bobjones.null".',
			},
			{ name: 'first_name', type: 'string', description: 'The first Name of the user.' },
			{ name: 'last_name', type: 'string', description: 'The last Name of the user.' },
			{ name: 'family_number', type: 'string', description: 'User family phone number.' },
			{ name: 'phone_number', type: 'string', description: 'User phone number.' },
			{ name: 'user_id', type: 'integer', description: 'User id.' },
		],
	},
];
