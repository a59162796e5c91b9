import type { EndpointSpec } from '../../shared/spec';

/** VOS3000 Mobile Area: manual sections 3.90, 3.91, 3.92. */
export const mobileAreaEndpoints: EndpointSpec[] = [
	{
		id: 'createMobileArea',
		resource: 'Mobile Area',
		operation: 'Create',
		action: 'Create or replace mobile number areas',
		description: 'Adds mobile prefix to area mappings; an existing prefix is overwritten.',
		section: '3.90',
		path: '/external/server/CreateMobileArea',
		method: 'POST',
		effect: 'create',
		fields: [
			{
				name: 'infoMobileAreas',
				type: 'object',
				list: true,
				required: true,
				description: 'Mobile number region entries (InfoMobileArea[])',
				children: [
					{ name: 'mobilePrefix', type: 'string', required: true, description: 'Mobile number prefix (exactly 7 digits), e.g. 1300000' },
					{ name: 'areaCode', type: 'string', required: true, description: 'Area code, e.g. 10 for Beijing' },
					{ name: 'areaName', type: 'string', description: 'Area name' },
					{ name: 'memo', type: 'string', description: 'Remark' },
				],
			},
		],
	},
	{
		id: 'deleteMobileArea',
		resource: 'Mobile Area',
		operation: 'Delete',
		action: 'Delete mobile number areas',
		description: 'Deletes mobile prefix to area mappings.',
		section: '3.91',
		path: '/external/server/DeleteMobileArea',
		method: 'POST',
		effect: 'delete',
		fields: [
			{ name: 'mobilePrefixes', type: 'string', list: true, required: true, description: 'Mobile number prefixes to delete' },
		],
	},
	{
		id: 'getMobileArea',
		resource: 'Mobile Area',
		operation: 'Get Many',
		action: 'Get mobile number areas',
		description: 'Returns the area of a mobile prefix, or all mappings when no prefix is given (large, no paging).',
		section: '3.92',
		path: '/external/server/GetMobileArea',
		method: 'POST',
		effect: 'read',
		records: 'infoMobileAreas',
		fields: [
			{ name: 'mobilePrefix', type: 'string', description: 'Mobile number prefix (not set: all regions)' },
		],
	},
];
