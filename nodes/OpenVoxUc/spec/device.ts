/**
 * OpenVox UC endpoint table: Device.
 * Source: openvox-uc-http-api-zh.txt (the manual wins over the extraction). Wire names are the manual's.
 */
import type { EndpointSpec } from '../../shared/spec';

export const deviceEndpoints: EndpointSpec[] = [
	{
		id: 'queryDeviceInfo',
		resource: 'Device',
		operation: 'Get',
		action: 'Get device information',
		description: 'Returns the device name, serial number, hardware and firmware versions, system time, uptime and the number of extensions in use.',
		section: '(heading missing in doc; presumably 查询设备信息 / Query device information)',
		path: 'deviceinfo/query',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'read',
		records: 'deviceinfo',
		notes: 'The manual has no heading for this section; its examples use v1.1.0 while the Endpoint line says v0.0.1.',
		fields: [],
	},
];
