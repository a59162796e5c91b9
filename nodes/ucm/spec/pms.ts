/**
 * UCM endpoint table: Hotel PMS (legacy pmsapi, wrapped in /api).
 * Sources: grandstream-ucm6xxx-https-api.txt and fiberme-fcm630a-https-api.txt (the manuals win over the extractions).
 * Wire names are the manuals'; fields documented by only one brand are still offered (the PBX ignores what it does not know).
 */
import type { EndpointSpec, FieldSpec } from '../../shared/spec';

/** The room an operation is about. */
const roomFields: FieldSpec[] = [
	{ name: 'address', type: 'string', description: 'Identifier recognized by destination.' },
	{ name: 'room', type: 'string', description: 'Room number, source room.' },
];

/** Guest data of a check-in or an update. */
const guestFields: FieldSpec[] = [
	...roomFields,
	{ name: 'account', type: 'string', description: 'Account number.' },
	{ name: 'firstname', type: 'string', description: 'Firstname of guest.' },
	{ name: 'lastname', type: 'string', description: 'Lastname of guest.' },
	{ name: 'language', type: 'string', description: 'Language for account.' },
	{ name: 'vipcode', type: 'string', description: 'Vipcode.' },
	{ name: 'datein', type: 'string', description: 'Datein format YYYY/MM/DD hh:mm.' },
	{ name: 'dateout', type: 'string', description: 'Dateout format YYYY/MM/DD hh:mm.' },
	{ name: 'credit', type: 'string', description: 'Credit.' },
	{ name: 'cos', type: 'string', description: 'Call permission 1 < 2 < 3 < 4.' },
];

/** A sub-element the doc shows only in its examples. */
function exampleField(name: string): FieldSpec {
	return { name, type: 'string', note: 'Not described in the table; appears in the doc example.' };
}

/** One PMS operation element of `data`, sent as <pms_data_request><name>..</name></pms_data_request> or {"name":{..}}. */
function op(name: string, what: string, children: FieldSpec[]): FieldSpec {
	return {
		name,
		type: 'object',
		description: `${what} Sent as <pms_data_request><${name}>..</${name}></pms_data_request> (xml) or {"${name}":{..}} (json).`,
		children,
	};
}

export const pmsEndpoints: EndpointSpec[] = [
	{
		id: 'pmsapi',
		resource: 'Hotel',
		operation: 'Send PMS Command',
		action: 'Send a hotel (PMS) command',
		description: 'Sends a hotel property-management command: check in, update, move, wake-up call, check out, minibar, waiters, call forward or DND of a room.',
		section: 'Pmsapi',
		wireAction: 'pmsapi',
		textAnswer: true,
		method: 'POST',
		effect: 'modify',
		notes: 'Legacy PMS API wrapped in /api. data is sent as ONE string: XML <pms_data_request><op>…</op></pms_data_request> (format xml) or JSON {"op":{…}} (format json); fill exactly one operation. token = MD5 of the PMS user name and password (order not documented). Failure: status -1 with "error". Move: table r_room, example d_room.',
		fields: [
			{
				name: 'token',
				type: 'string',
				required: true,
				description: 'String consist of PMS username and password after md5 encryption.',
				secret: true,
			},
			{
				name: 'format',
				type: 'string',
				description: 'Type of data string.',
				options: [{ value: 'xml', name: 'xml' }, { value: 'json', name: 'json' }],
			},
			{
				name: 'data',
				type: 'string',
				required: true,
				description: 'The request as XML (<pms_data_request><checkin><room>100</room>…</checkin></pms_data_request>) or JSON ({"checkin": {"address": "2345", "room": "2345", "datein": "20180909", …}}). The members below are the documented operations and their elements.',
				children: [
					op('checkin', 'Check a guest in.', guestFields),
					op('update', 'Update guest data (example "Update").', guestFields),
					op('mov', 'Move a guest to another room (example "Mov").', [
						...roomFields,
						{ name: 'd_address', type: 'string', description: 'Mov: destination address.' },
						{
							name: 'd_room',
							type: 'string',
							description: 'Mov: destination room.', note: 'Named d_room in the "Mov" example; the table lists this as r_room ("Move: destination room").',
						},
					]),
					op('wakeup', 'Set/cancel a wake-up call (example "Wakeup").', [
						...roomFields,
						{
							name: 'w_action',
							type: 'string',
							description: '1 = set. 0 = cancel.',
							options: [{ value: '1', name: 'Set' }, { value: '0', name: 'Cancel' }],
						},
						{
							name: 'w_mode',
							type: 'string',
							description: '1 = single (default). 2 = daily.',
							options: [{ value: '1', name: 'Single (default)' }, { value: '2', name: 'Daily' }],
						},
						{
							name: 'w_date',
							type: 'string',
							description: 'Wakeup date, YYYYMMDD.', note: 'Table prints "YYYYMM DD".',
						},
						{ name: 'w_time', type: 'string', description: 'Wakeup time format HHMM.' },
					]),
					op('checkout', 'Check a guest out (example "Checkout").', roomFields),
					op('addminibar', 'Add a minibar (example "Add minibar").', [
						exampleField('barcode'),
						exampleField('barname'),
						exampleField('prompt'),
						exampleField('verifyskip'),
						exampleField('listgoods'),
					]),
					op('delminibar', 'Delete a minibar (example "Delete Minibar").', [
						exampleField('barcode'),
					]),
					op('addminibargoods', 'Add minibar goods (example "Add minibar goods").', [
						exampleField('goodscode'),
						exampleField('goodsname'),
					]),
					op('delminibargoods', 'Delete minibar goods (example "Delete minibar goods").', [
						exampleField('goodscode'),
					]),
					op('addminibarwaiter', 'Add a waiter/maid (example "Add waiter").', [
						exampleField('maidcode'),
						{ ...exampleField('password'), secret: true },
					]),
					op('delminibarwaiter', 'Delete a waiter/maid (example "Delete waiter").', [
						exampleField('maidcode'),
					]),
					op('cfu', 'Set call forward unconditional for a room (example "Callforward unconditional").', [
						...roomFields,
						{
							name: 'cfwt',
							type: 'string',
							description: 'Call-forward target number.',
							note: 'From the example; not described in the table.',
						},
					]),
					// The example ("DND") lacks the opening <dnd> tag.
					op('dnd', 'Set DND for a room.', [
						...roomFields,
						{
							name: 'status',
							type: 'string',
							description: 'DND status value.',
							note: 'example 0; meaning not documented',
						},
					]),
				],
			},
		],
	},
];
