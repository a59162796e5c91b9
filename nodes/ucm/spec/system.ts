/**
 * UCM endpoint table: System.
 * Sources: grandstream-ucm6xxx-https-api.txt and fiberme-fcm630a-https-api.txt (the manuals win over the extractions).
 * Wire names are the manuals'; fields documented by only one brand are still offered (the PBX ignores what it does not know).
 */
import type { EndpointSpec } from '../../shared/spec';

export const systemEndpoints: EndpointSpec[] = [
	{
		id: 'getSystemStatus',
		resource: 'System',
		operation: 'Get Status',
		action: 'Get the system status',
		description: 'Returns the part number, serial number, system time, uptime and idle time of the PBX.',
		section: 'Get System Configuration > getSystemStatus',
		wireAction: 'getSystemStatus',
		method: 'POST',
		effect: 'read',
		fields: [],
	},
	{
		id: 'getSystemGeneralStatus',
		resource: 'System',
		operation: 'Get General Status',
		action: 'Get model and firmware versions',
		description: 'Returns the product model and the firmware versions (base, program, boot, core, recovery, language). Useful to tell a Grandstream UCM from a FIBERME FCM630A.',
		section: 'Get System Configuration > getSystemGeneralStatus',
		wireAction: 'getSystemGeneralStatus',
		method: 'POST',
		effect: 'read',
		notes: 'Grandstream also returns gswave-version; product-model reads "UCM…" or "FCM630A…".',
		fields: [],
	},
	{
		id: 'applyChanges',
		resource: 'System',
		operation: 'Apply Changes',
		action: 'Apply pending configuration changes',
		description: 'Makes pending configuration changes (need_apply "yes" in an answer) take effect, like the Apply Changes button of the web UI.',
		section: 'applyChanges',
		wireAction: 'applyChanges',
		method: 'POST',
		effect: 'modify',
		notes: 'Fails with -69 while a conference runs and -98 while digital calls are up; -45/-46/-57 mean retry later.',
		fields: [],
	},
];
