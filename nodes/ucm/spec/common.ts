/**
 * Paging and sorting fields shared by every UCM list action (listAccount, listVoIPTrunk, listQueue, ...).
 * If item_num is left out, the PBX returns everything on page 1.
 */
import type { EnumOption, FieldSpec } from '../../shared/spec';

export const pageField: FieldSpec = { name: 'page', type: 'integer', description: 'Page number to return.' };

export const itemNumField: FieldSpec = {
	name: 'item_num',
	type: 'integer',
	description: 'Maximum number of items per page. If empty, all items are returned on page 1.',
};

export const sordField: FieldSpec = {
	name: 'sord',
	type: 'string',
	description: 'Sort order.',
	note: 'The tables print "acs" for ascending; the examples send "asc".',
	options: [
		{ value: 'asc', name: 'Ascending' },
		{ value: 'desc', name: 'Descending' },
	],
};

export const sidxField: FieldSpec = { name: 'sidx', type: 'string', description: 'Field to sort by.' };

/** TEL URI modes (extension and SIP trunk). */
export const telUriOptions: EnumOption[] = [
	{ value: 'disabled', name: 'disabled' },
	{ value: 'user_phone', name: 'A "User=Phone" parameter is attached to the Request-Line and "TO" header to indicate the E.164 number' },
	{ value: 'enabled', name: '"Tel:" will be used instead of "SIP:" in the SIP request (cannot be combined with Remove OBP from Route)' },
];

/** Alert-info ring tones (extension, queue and IVR). */
export const alertInfoOptions: EnumOption[] = [
	{ value: 'none', name: 'none' },
	{ value: 'ring1', name: 'ring1' },
	{ value: 'ring2', name: 'ring2' },
	{ value: 'ring3', name: 'ring3' },
	{ value: 'ring4', name: 'ring4' },
	{ value: 'ring5', name: 'ring5' },
	{ value: 'ring6', name: 'ring6' },
	{ value: 'ring7', name: 'ring7' },
	{ value: 'ring8', name: 'ring8' },
	{ value: 'ring9', name: 'ring9' },
	{ value: 'ring10', name: 'ring10' },
	{ value: 'Bellcore-dr1', name: 'Bellcore-dr1' },
	{ value: 'Bellcore-dr2', name: 'Bellcore-dr2' },
	{ value: 'Bellcore-dr3', name: 'Bellcore-dr3' },
	{ value: 'Bellcore-dr4', name: 'Bellcore-dr4' },
	{ value: 'Bellcore-dr5', name: 'Bellcore-dr5' },
	{ value: 'custom', name: 'custom' },
];
