/**
 * Paging and sorting fields shared by every UCM list action (listAccount, listVoIPTrunk, listQueue, ...).
 * If item_num is left out, the PBX returns everything on page 1.
 */
import type { FieldSpec } from '../../shared/spec';

export const pageField: FieldSpec = { name: 'page', type: 'integer', description: 'Page number to return.' };

export const itemNumField: FieldSpec = {
	name: 'item_num',
	type: 'integer',
	description: 'Maximum number of items per page. If empty, all items are returned on page 1.',
};

export const sordField: FieldSpec = {
	name: 'sord',
	type: 'string',
	description: 'Sort order. The tables print "acs" for ascending; the examples send "asc".',
	options: [
		{ value: 'asc', name: 'Ascending' },
		{ value: 'desc', name: 'Descending' },
	],
};

export const sidxField: FieldSpec = { name: 'sidx', type: 'string', description: 'Field to sort by.' };
