import type { EndpointSpec } from '../../shared/spec';

/** VOS3000 Geofence: manual sections 3.86, 3.87. */
export const ipLimitEndpoints: EndpointSpec[] = [
	{
		id: 'createIpLimit',
		resource: 'Geofence',
		operation: 'Create',
		action: 'Create a geofence IP range',
		description: 'Adds an IP range (start IP and count) to the geofence (IP area limit) table.',
		section: '3.86',
		path: '/external/server/CreateIpLimit',
		method: 'POST',
		effect: 'create',
		fields: [
			{ name: 'area', type: 'string', description: 'Area (region) name' },
			{ name: 'ip', type: 'string', required: true, description: 'Start IP address (IPv4, e.g. 1.1.1.1)' },
			{ name: 'count', type: 'integer', description: 'Number of IP addresses in the segment, counted from the start IP' },
			{ name: 'memo', type: 'string', description: 'Remark' },
		],
	},
	{
		id: 'deleteIpLimit',
		resource: 'Geofence',
		operation: 'Delete',
		action: 'Delete a geofence IP range',
		description: 'Deletes the geofence IP range that starts at the given IP.',
		section: '3.87',
		path: '/external/server/DeleteIpLimit',
		method: 'POST',
		effect: 'delete',
		notes: 'Both manuals print the path as "/external/server/Delete IpLimit" (with a space). ips is a single String.',
		fields: [
			{ name: 'ips', type: 'string', required: true, description: 'Start IP of the IP segment to delete (a single String despite the plural name)' },
		],
	},
];
