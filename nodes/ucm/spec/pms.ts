/**
 * UCM endpoint table: Hotel PMS (legacy pmsapi, wrapped in /api).
 * Sources: grandstream-ucm6xxx-https-api.txt and fiberme-fcm630a-https-api.txt (the manuals win over the extractions).
 * Wire names are the manuals'; fields documented by only one brand are still offered (the PBX ignores what it does not know).
 */
import type { EndpointSpec } from '../../shared/spec';

export const pmsEndpoints: EndpointSpec[] = [
	{
		id: 'pmsapi',
		resource: 'Hotel',
		operation: 'Send PMS Command',
		action: 'Send a hotel (PMS) command',
		description: 'Sends a hotel property-management command: check in, update, move, wake-up call, check out, minibar, waiters, call forward or DND of a room.',
		section: 'Pmsapi',
		wireAction: 'pmsapi',
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
				description: 'String in xml or json format. xml: <pms_data_request><checkin><address>1000</address><room>100</room><account>123456</account><firstname>John</firstname><lastname>Doe</lastname><language>EN</language><vipcode>2</vipcode><datein>2010/01/01 10:00</datein><dateout>2010/01/07 11:00</dateout><credit>9999900</credit><cos>3</cos></checkin></pms_data_request>; json: {"checkin": {"address": "2345", "room": "2345", "account": "2345", "datein": "20180909", "dateout": "20180910", "language": "en", "firstname": "fiberme", "lastname": "stream", "vipcode": "1234", "cos": "1", "credit": "100"}}. Children below list the documented operation elements and their sub-elements.',
				children: [
					{
						name: 'checkin',
						type: 'object',
						description: 'Check a guest in (main example; the table\'s XML and JSON samples are check-ins). Sent as <pms_data_request><checkin>..</checkin></pms_data_request> (xml) or {"checkin":{..}} (json).',
						children: [
							{ name: 'address', type: 'string', description: 'Identifier recognized by destination.' },
							{ name: 'room', type: 'string', description: 'Room number, source room.' },
							{ name: 'account', type: 'string', description: 'Account number.' },
							{ name: 'firstname', type: 'string', description: 'Firstname of guest.' },
							{ name: 'lastname', type: 'string', description: 'Lastname of guest.' },
							{ name: 'language', type: 'string', description: 'Language for account.' },
							{ name: 'vipcode', type: 'string', description: 'Vipcode.' },
							{ name: 'datein', type: 'string', description: 'Datein format YYYY/MM/DD hh:mm.' },
							{ name: 'dateout', type: 'string', description: 'Dateout format YYYY/MM/DD hh:mm.' },
							{ name: 'credit', type: 'string', description: 'Credit.' },
							{ name: 'cos', type: 'string', description: 'Call permission 1 < 2 < 3 < 4.' },
						],
					},
					{
						name: 'update',
						type: 'object',
						description: 'Update guest data (example "Update"). Sent as <pms_data_request><update>..</update></pms_data_request> (xml) or {"update":{..}} (json).',
						children: [
							{ name: 'address', type: 'string', description: 'Identifier recognized by destination.' },
							{ name: 'room', type: 'string', description: 'Room number, source room.' },
							{ name: 'account', type: 'string', description: 'Account number.' },
							{ name: 'firstname', type: 'string', description: 'Firstname of guest.' },
							{ name: 'lastname', type: 'string', description: 'Lastname of guest.' },
							{ name: 'language', type: 'string', description: 'Language for account.' },
							{ name: 'vipcode', type: 'string', description: 'Vipcode.' },
							{ name: 'datein', type: 'string', description: 'Datein format YYYY/MM/DD hh:mm.' },
							{ name: 'dateout', type: 'string', description: 'Dateout format YYYY/MM/DD hh:mm.' },
							{ name: 'credit', type: 'string', description: 'Credit.' },
							{ name: 'cos', type: 'string', description: 'Call permission 1 < 2 < 3 < 4.' },
						],
					},
					{
						name: 'mov',
						type: 'object',
						description: 'Move a guest to another room (example "Mov"). Sent as <pms_data_request><mov>..</mov></pms_data_request> (xml) or {"mov":{..}} (json).',
						children: [
							{ name: 'address', type: 'string', description: 'Identifier recognized by destination.' },
							{ name: 'room', type: 'string', description: 'Room number, source room.' },
							{ name: 'd_address', type: 'string', description: 'Mov: destination address.' },
							{
								name: 'd_room',
								type: 'string',
								description: 'Destination room in the "Mov" example; the table lists this as r_room ("Move: destination room").',
							},
						],
					},
					{
						name: 'wakeup',
						type: 'object',
						description: 'Set/cancel a wake-up call (example "Wakeup"). Sent as <pms_data_request><wakeup>..</wakeup></pms_data_request> (xml) or {"wakeup":{..}} (json).',
						children: [
							{ name: 'address', type: 'string', description: 'Identifier recognized by destination.' },
							{ name: 'room', type: 'string', description: 'Room number, source room.' },
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
								description: 'Wakeup date format YYYYMMDD (table prints "YYYYMM DD")',
							},
							{ name: 'w_time', type: 'string', description: 'Wakeup time format HHMM.' },
						],
					},
					{
						name: 'checkout',
						type: 'object',
						description: 'Check a guest out (example "Checkout"). Sent as <pms_data_request><checkout>..</checkout></pms_data_request> (xml) or {"checkout":{..}} (json).',
						children: [
							{ name: 'address', type: 'string', description: 'Identifier recognized by destination.' },
							{ name: 'room', type: 'string', description: 'Room number, source room.' },
						],
					},
					{
						name: 'addminibar',
						type: 'object',
						description: 'Add a minibar (example "Add minibar"). Sent as <pms_data_request><addminibar>..</addminibar></pms_data_request> (xml) or {"addminibar":{..}} (json).',
						children: [
							{
								name: 'barcode',
								type: 'string',
								description: 'Not described in the table; appears in the doc example.',
							},
							{
								name: 'barname',
								type: 'string',
								description: 'Not described in the table; appears in the doc example.',
							},
							{
								name: 'prompt',
								type: 'string',
								description: 'Not described in the table; appears in the doc example.',
							},
							{
								name: 'verifyskip',
								type: 'string',
								description: 'Not described in the table; appears in the doc example.',
							},
							{
								name: 'listgoods',
								type: 'string',
								description: 'Not described in the table; appears in the doc example.',
							},
						],
					},
					{
						name: 'delminibar',
						type: 'object',
						description: 'Delete a minibar (example "Delete Minibar"). Sent as <pms_data_request><delminibar>..</delminibar></pms_data_request> (xml) or {"delminibar":{..}} (json).',
						children: [
							{
								name: 'barcode',
								type: 'string',
								description: 'Not described in the table; appears in the doc example.',
							},
						],
					},
					{
						name: 'addminibargoods',
						type: 'object',
						description: 'Add minibar goods (example "Add minibar goods"). Sent as <pms_data_request><addminibargoods>..</addminibargoods></pms_data_request> (xml) or {"addminibargoods":{..}} (json).',
						children: [
							{
								name: 'goodscode',
								type: 'string',
								description: 'Not described in the table; appears in the doc example.',
							},
							{
								name: 'goodsname',
								type: 'string',
								description: 'Not described in the table; appears in the doc example.',
							},
						],
					},
					{
						name: 'delminibargoods',
						type: 'object',
						description: 'Delete minibar goods (example "Delete minibar goods"). Sent as <pms_data_request><delminibargoods>..</delminibargoods></pms_data_request> (xml) or {"delminibargoods":{..}} (json).',
						children: [
							{
								name: 'goodscode',
								type: 'string',
								description: 'Not described in the table; appears in the doc example.',
							},
						],
					},
					{
						name: 'addminibarwaiter',
						type: 'object',
						description: 'Add a waiter/maid (example "Add waiter"). Sent as <pms_data_request><addminibarwaiter>..</addminibarwaiter></pms_data_request> (xml) or {"addminibarwaiter":{..}} (json).',
						children: [
							{
								name: 'maidcode',
								type: 'string',
								description: 'Not described in the table; appears in the doc example.',
							},
							{
								name: 'password',
								type: 'string',
								description: 'Not described in the table; appears in the doc example.',
								secret: true,
							},
						],
					},
					{
						name: 'delminibarwaiter',
						type: 'object',
						description: 'Delete a waiter/maid (example "Delete waiter"). Sent as <pms_data_request><delminibarwaiter>..</delminibarwaiter></pms_data_request> (xml) or {"delminibarwaiter":{..}} (json).',
						children: [
							{
								name: 'maidcode',
								type: 'string',
								description: 'Not described in the table; appears in the doc example.',
							},
						],
					},
					{
						name: 'cfu',
						type: 'object',
						description: 'Set call forward unconditional for a room (example "Callforward unconditional"). Sent as <pms_data_request><cfu>..</cfu></pms_data_request> (xml) or {"cfu":{..}} (json).',
						children: [
							{ name: 'address', type: 'string', description: 'Identifier recognized by destination.' },
							{ name: 'room', type: 'string', description: 'Room number, source room.' },
							{
								name: 'cfwt',
								type: 'string',
								description: 'Call-forward target number (from the example; not described in the table).',
							},
						],
					},
					{
						name: 'dnd',
						type: 'object',
						description: 'Set DND for a room (example "DND"; the example lacks the opening <dnd> tag). Sent as <pms_data_request><dnd>..</dnd></pms_data_request> (xml) or {"dnd":{..}} (json).',
						children: [
							{ name: 'address', type: 'string', description: 'Identifier recognized by destination.' },
							{ name: 'room', type: 'string', description: 'Room number, source room.' },
							{
								name: 'status',
								type: 'string',
								description: 'DND status value (example 0; meaning not documented).',
							},
						],
					},
				],
			},
		],
	},
];
