/**
 * UCM endpoint table: Extension Group and PIN Group.
 * Sources: grandstream-ucm6xxx-https-api.txt and fiberme-fcm630a-https-api.txt (the manuals win over the extractions).
 * Wire names are the manuals'; fields documented by only one brand are still offered (the PBX ignores what it does not know).
 */
import type { EndpointSpec } from '../../shared/spec';
import { pageField, itemNumField, sordField, sidxField } from './common';

export const groupEndpoints: EndpointSpec[] = [
	{
		id: 'listExtensionGroup',
		resource: 'Extension Group',
		operation: 'Get Many',
		action: 'List extension groups',
		description: 'Lists the extension groups with their members.',
		section: 'Extension Groups > listExtensionGroup',
		wireAction: 'listExtensionGroup',
		method: 'POST',
		effect: 'read',
		records: 'extension_group',
		fields: [
			pageField,
			sordField,
			sidxField,
			itemNumField,
			{
				name: 'options',
				type: 'string',
				description: 'Information to return, comma-separated; empty: all. Any of: group_name, members, group_id.',
			},
		],
	},
	{
		id: 'listPinSets',
		resource: 'PIN Group',
		operation: 'Get Many',
		action: 'List PIN groups',
		description: 'Lists the PIN groups (PIN sets) used to authorise outbound calls.',
		section: 'PIN Groups > listPinSets',
		wireAction: 'listPinSets',
		method: 'POST',
		effect: 'read',
		records: 'pin_sets_id',
		notes: 'The list key is pin_sets_id, like each record\'s id.',
		fields: [
			pageField,
			sordField,
			sidxField,
			itemNumField,
			{
				name: 'options',
				type: 'string',
				description: 'Information to return, comma-separated; empty: all. Any of: pin_sets_id, pin_sets_name, record_in_cdr.',
			},
		],
	},
];
