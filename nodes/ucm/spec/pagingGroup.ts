/**
 * UCM endpoint table: Paging/Intercom.
 * Sources: grandstream-ucm6xxx-https-api.txt and fiberme-fcm630a-https-api.txt (the manuals win over the extractions).
 * Wire names are the manuals'; fields documented by only one brand are still offered (the PBX ignores what it does not know).
 */
import type { EndpointSpec, FieldSpec } from '../../shared/spec';
import { patchFields } from '../../shared/spec';
import { pageField, itemNumField, sordField, sidxField } from './common';

/** Paging Group settings, shared by Create and Update. */
const pagingGroupFields: FieldSpec[] = [
	{ name: 'extension', type: 'string', required: true, description: 'Extension.' },
	{ name: 'paginggroup_name', type: 'string', required: true, description: 'Paging group name.' },
	{
		name: 'paginggroup_type',
		type: 'string',
		required: true,
		description: 'Type: 1way: 1-way paging 2way: 2-way intercom 3way: multicast paging annoucement: announcement paging.',
		options: [
			{ value: '1way', name: '1-way paging' },
			{ value: '2way', name: '2-way intercom' },
			{ value: '3way', name: 'Multicast paging' },
			{ value: 'annoucement', name: 'Announcement paging (spelled "annoucement" in the updatePaginggroup table; "announcement" in the other tables)' },
		],
	},
	{ name: 'custom_prompt', type: 'string', description: 'Custom Prompt.' },
	{
		name: 'replace_caller_id',
		type: 'string',
		description: 'Replace Display Name If enabled, the FCM will replace the caller display name with Paging/Intercom name.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'multicast_ip',
		type: 'string',
		description: 'Multicast IP Address The allowed multicast IP address range is 224.0.1.0 - 238.255.255.255.',
	},
	{ name: 'multicast_port', type: 'integer', description: 'Port.' },
	{
		name: 'limitime',
		type: 'integer',
		description: 'Maximum Call Duration In seconds. Default is 0 means no limit.',
	},
	{ name: 'custom_date', type: 'string', description: 'Date.' },
	{ name: 'time', type: 'string', description: 'Time, HH:MM.' },
	{
		name: 'enable',
		type: 'string',
		description: 'Enable. Whether to enable announcement paging.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{ name: 'members', type: 'string', description: 'Members that need paging/intercom.' },
	{ name: 'paginggroup', type: 'string', required: true, description: 'Paging group number.' },
	{
		name: 'old_multicast_ip',
		type: 'string',
		description: 'Multicast ip address set before The allowed multicast IP address range is 224.0.1.0 - 238.255.255.255.',
	},
	{ name: 'old_multicast_port', type: 'string', description: 'Multicast port set before.' },
	{
		name: 'number_allowed',
		type: 'string',
		description: 'Paging/Intercom Whitelist Only selected extensions will be able to initiate paging/intercom calls. If no extension is selected, all extensions will be able to initiate paging/intercom calls.',
	},
];

export const pagingGroupEndpoints: EndpointSpec[] = [
	{
		id: 'listPaginggroup',
		resource: 'Paging Group',
		operation: 'Get Many',
		action: 'List paging/intercom groups',
		description: 'Lists the paging and intercom groups.',
		section: 'Paging/Intercom > listPaginggroup',
		wireAction: 'listPaginggroup',
		method: 'POST',
		effect: 'read',
		records: 'paginggroup',
		fields: [
			pageField,
			sordField,
			sidxField,
			itemNumField,
			{
				name: 'options',
				type: 'string',
				description: 'Information to return, comma-separated; empty: all. Any of: paginggroup_name, paginggroup_type, extension, custom_prompt, replacement_caller_id, multicast_ip, multicast_port, limitime, custom_date, time, enable, members.',
				note: 'Option list includes "replacement_caller_id" while the field is replace_caller_id.',
			},
		],
	},
	{
		id: 'addPaginggroup',
		resource: 'Paging Group',
		operation: 'Create',
		action: 'Create a paging/intercom group',
		description: 'Creates a paging or intercom group. Takes effect after System > Apply Changes.',
		section: 'Paging/Intercom > addPaginggroup',
		wireAction: 'addPaginggroup',
		method: 'POST',
		effect: 'create',
		notes: 'Table marks paginggroup mandatory; the example does not send it.',
		fields: patchFields(pagingGroupFields, {
			paginggroup_type: { options: [
					{ value: '1way', name: '1-way paging' },
					{ value: '2way', name: '2-way intercom' },
					{ value: '3way', name: 'Multicast paging' },
					{ value: 'announcement', name: 'Announcement paging' },
				] },
		}),
	},
	{
		id: 'getPaginggroup',
		resource: 'Paging Group',
		operation: 'Get',
		action: 'Get a paging/intercom group',
		description: 'Returns the settings of one paging or intercom group.',
		section: 'Paging/Intercom > getPaginggroup',
		wireAction: 'getPaginggroup',
		method: 'POST',
		effect: 'read',
		records: 'paginggroup',
		fields: [
			{ name: 'paginggroup', type: 'string', required: true, description: 'Paging/intercom group number.' },
		],
	},
	{
		id: 'updatePaginggroup',
		resource: 'Paging Group',
		operation: 'Update',
		action: 'Update a paging/intercom group',
		description: 'Changes a paging or intercom group; fields left out stay unchanged. Takes effect after System > Apply Changes.',
		section: 'Paging/Intercom > updatePaginggroup',
		wireAction: 'updatePaginggroup',
		method: 'POST',
		effect: 'modify',
		fields: pagingGroupFields,
	},
	{
		id: 'deletePaginggroup',
		resource: 'Paging Group',
		operation: 'Delete',
		action: 'Delete a paging/intercom group',
		description: 'Deletes a paging or intercom group. Takes effect after System > Apply Changes.',
		section: 'Paging/Intercom > deletePaginggroup',
		wireAction: 'deletePaginggroup',
		method: 'POST',
		effect: 'delete',
		fields: [
			{ name: 'paginggroup', type: 'string', required: true, description: 'Paging/intercom group number.' },
		],
	},
	{
		id: 'multicastPaging',
		resource: 'Paging Group',
		operation: 'Start Multicast Paging',
		action: 'Start a multicast page',
		description: 'Starts a multicast paging call from an extension to a multicast paging group.',
		section: 'Paging/Intercom > MulticastPaging',
		wireAction: 'MulticastPaging',
		method: 'POST',
		effect: 'call',
		fields: [
			{ name: 'pagingnum', type: 'string', required: true, description: 'Multicast paging number.' },
			{ name: 'caller', type: 'string', required: true, description: 'The extension used to initiate the page.' },
		],
	},
	{
		id: 'multicastPagingHangup',
		resource: 'Paging Group',
		operation: 'Stop Multicast Paging',
		action: 'End a multicast page',
		description: 'Ends an ongoing multicast paging call.',
		section: 'Paging/Intercom > MulticastPagingHangup',
		wireAction: 'MulticastPagingHangup',
		method: 'POST',
		effect: 'call',
		fields: [
			{ name: 'pagingnum', type: 'string', required: true, description: 'Multicast paging number.' },
		],
	},
];
