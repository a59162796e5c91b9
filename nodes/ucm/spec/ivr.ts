/**
 * UCM endpoint table: IVR.
 * Sources: grandstream-ucm6xxx-https-api.txt and fiberme-fcm630a-https-api.txt (the manuals win over the extractions).
 * Wire names are the manuals'; fields documented by only one brand are still offered (the PBX ignores what it does not know).
 */
import type { EndpointSpec, FieldSpec } from '../../shared/spec';
import { omitFields, patchFields } from '../../shared/spec';
import { pageField, itemNumField, sordField, sidxField, alertInfoOptions } from './common';

/** IVR settings, shared by Create and Update. */
const ivrFields: FieldSpec[] = [
	{
		name: 'ivr',
		type: 'string',
		required: true,
		description: 'IVR ID, e.g. "ivr-1".',
		note: 'Example value "ivr-1" (the ivr_id), although the table calls it "IVR Number".',
	},
	{ name: 'ivr_name', type: 'string', required: true, description: 'IVR Name.' },
	{
		name: 'extension',
		type: 'string',
		required: true,
		description: 'IVR number, the extension number of automatic voice reply.',
	},
	{
		name: 'welcome_prompt',
		type: 'string',
		required: true,
		description: 'Prompt Initial tone that plays when the user enters the IVR.',
	},
	{
		name: 'response_timeout',
		type: 'integer',
		required: true,
		description: 'Response Timeout Timeout occurs when no DTMF entry is detected for the configured number of seconds after the IVR finishes playing the prompts.',
	},
	{
		name: 'digit_timeout',
		type: 'integer',
		required: true,
		description: 'Digit timeout After the user enters a digit, the user needs to enter the next digit within the timeout. If no digit is detected within the timeout, the PBX will consider the entries complete. The default timeout is 3 seconds.',
	},
	{
		name: 'timeout_prompt',
		type: 'string',
		required: true,
		description: 'Response Timeout Prompt Play the selected prompt if response timeout occurs.',
	},
	{
		name: 'invalid_prompt',
		type: 'string',
		required: true,
		note: 'Note column says "Maximum calling period. In seconds, default is 0, which means unlimited.": does not match the parameter (copy error).',
	},
	{
		name: 'tloop',
		type: 'integer',
		required: true,
		description: 'Response Timeout Prompt Repeats Number of times to repeat the prompt. After the final repeat, calls will be redirected to the Timeout destination (if configured) or dropped.',
	},
	{
		name: 'iloop',
		type: 'integer',
		required: true,
		description: 'Invalid Input Prompt Repeats Number of times to repeat the prompt. After the final repeat, calls will be redirected to the Invalid destination (if configured) or dropped.',
	},
	{
		name: 'dial_extension',
		type: 'string',
		description: 'Dial Other Extensions-extension.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'dial_conference',
		type: 'string',
		description: 'Dial Other Extensions-conference rooms.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'dial_queue',
		type: 'string',
		description: 'Dial Other Extensions-queues.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'dial_ringgroup',
		type: 'string',
		description: 'Dial Other Extensions-ring group.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'dial_vmgroup',
		type: 'string',
		description: 'Dial Other Extensions-voicemail group.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'dial_paginggroup',
		type: 'string',
		description: 'Dial Other Extensions-paging/intercom group.',
		note: 'Every IVR example prints "dial.paginggroup" instead - unverified which is the wire name.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'dial_fax',
		type: 'string',
		description: 'Dial Other Extensions-fax.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'dial_trunk',
		type: 'string',
		description: 'Dial trunk If enabled, users will be able to access trunks through this IVR. if using this feature, it is mandatory to configure permission.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'dial_directory',
		type: 'string',
		description: 'Dial Other Extensions-dial by name.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'permission',
		type: 'string',
		description: 'Permission internal-internal internal-local-local internal-local-national-national internal-local-national-international-international.',
		options: [
			{ value: 'internal', name: 'Internal' },
			{ value: 'internal-local', name: 'Local' },
			{ value: 'internal-local-national', name: 'National (nationwide)' },
			{ value: 'internal-local-national-international', name: 'International' },
		],
	},
	{ name: 'language', type: 'string', description: 'Language.' },
	{
		name: 'alertinfo',
		type: 'string',
		description: 'Alert-info When present in an INVITE request, the Alert-info header field specifies an alternative ring tone to the UAS.',
		options: alertInfoOptions,
	},
	{ name: 'replace_caller_id', type: 'string', description: 'Replace Display Name.' },
	{
		name: 'switch',
		type: 'string',
		description: 'IVR Black/Whitelist Only whitelisted numbers and numbers not blacklisted can be called from the IVR.',
		options: [
			{ value: 'no', name: 'Black/whitelist disabled' },
			{ value: 'white', name: 'Only numbers in the whitelist can access this IVR' },
			{ value: 'black', name: 'Numbers in the blacklist cannot access the IVR' },
		],
	},
	{ name: 'ivr_blackwhite_list', type: 'string', description: 'Internal Black/Whitelist.' },
	{
		name: 'ivr_out_blackwhite_list',
		type: 'string',
		description: 'External Blacklist/Whitelist Can be used only when Dial Trunk is enabled. Numbers will be added as follows: number1, number2, number3.',
	},
	{
		name: 'members',
		type: 'object',
		list: true,
		description: 'Key Pressing Events.',
		children: [
			{
				name: 'keypress',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
			{
				name: 'keypress_event',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
			{
				name: 'member_prompt',
				type: 'string',
				note: 'Not described in the doc table; appears in the doc example request.',
			},
		],
	},
	{
		name: 'dial_failed_back2menu',
		type: 'string',
		description: 'Example: "no".',
		note: 'Not described in the doc table; appears in the doc example request.',
	},
];

export const ivrEndpoints: EndpointSpec[] = [
	{
		id: 'listIVR',
		resource: 'IVR',
		operation: 'Get Many',
		action: 'List IVRs',
		description: 'Lists the IVRs (voice menus).',
		section: 'IVR > listIVR',
		wireAction: 'listIVR',
		method: 'POST',
		effect: 'read',
		records: 'ivr',
		fields: [
			pageField,
			sordField,
			sidxField,
			itemNumField,
			{
				name: 'options',
				type: 'string',
				description: 'Information to return, comma-separated; empty: all. Any of: ivr_id, ivr_name, extension, response_timeout, digit_timeout.',
			},
		],
	},
	{
		id: 'addIVR',
		resource: 'IVR',
		operation: 'Create',
		action: 'Create an IVR',
		description: 'Creates an IVR (voice menu). Takes effect after System > Apply Changes.',
		section: 'IVR > addIVR',
		wireAction: 'addIVR',
		method: 'POST',
		effect: 'create',
		fields: patchFields(omitFields(ivrFields, ['ivr', 'dial_failed_back2menu']), {
			members: { children: [
					{
						name: 'keypress',
						type: 'string',
						description: 'Example: "i".',
						note: 'Not described in the doc table; appears in the doc example request.',
					},
					{
						name: 'keypress_event',
						type: 'string',
						description: 'Example: "member_prompt".',
						note: 'Not described in the doc table; appears in the doc example request.',
					},
					{
						name: 'member_prompt',
						type: 'string',
						description: 'Example: "goodbye".',
						note: 'Not described in the doc table; appears in the doc example request.',
					},
				] },
		}),
	},
	{
		id: 'getIVR',
		resource: 'IVR',
		operation: 'Get',
		action: 'Get an IVR\'s settings',
		description: 'Returns the settings of one IVR by its id (e.g. "ivr-1"), with its key-press destinations.',
		section: 'IVR > getIVR',
		wireAction: 'getIVR',
		method: 'POST',
		effect: 'read',
		records: 'ivr',
		notes: 'The key-press destinations come back beside the record in "members".',
		fields: [
			{
				name: 'ivr',
				type: 'string',
				required: true,
				description: 'IVR ID, e.g. "ivr-1".',
				note: 'Example value "ivr-1" (the ivr_id), although the table calls it "IVR number".',
			},
		],
	},
	{
		id: 'updateIVR',
		resource: 'IVR',
		operation: 'Update',
		action: 'Update an IVR',
		description: 'Changes an IVR; fields left out stay unchanged. Takes effect after System > Apply Changes.',
		section: 'IVR > updateIVR',
		wireAction: 'updateIVR',
		method: 'POST',
		effect: 'modify',
		fields: ivrFields,
	},
	{
		id: 'deleteIVR',
		resource: 'IVR',
		operation: 'Delete',
		action: 'Delete an IVR',
		description: 'Deletes an IVR by its id (e.g. "ivr-1"), not its extension number. Takes effect after System > Apply Changes.',
		section: 'IVR > deleteIVR',
		wireAction: 'deleteIVR',
		method: 'POST',
		effect: 'delete',
		fields: [
			{
				name: 'ivr',
				type: 'string',
				required: true,
				description: 'Talked to development team. This is the IVR index, not extension. Will be changed to IVR extension in the future. Example value "ivr-1" (IVR id, not the IVR extension).',
			},
		],
	},
];
