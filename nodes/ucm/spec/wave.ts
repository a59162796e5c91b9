/**
 * UCM endpoint table: Wave (Grandstream Wave softphone).
 * Sources: grandstream-ucm6xxx-https-api.txt and fiberme-fcm630a-https-api.txt (the manuals win over the extractions).
 * Wire names are the manuals'; fields documented by only one brand are still offered (the PBX ignores what it does not know).
 */
import type { EndpointSpec } from '../../shared/spec';

export const waveEndpoints: EndpointSpec[] = [
	{
		id: 'cleanTerminalChatInformation',
		resource: 'Wave',
		operation: 'Clear Chat History',
		action: 'Clear a Wave user\'s chat history',
		description: 'Deletes the chat history of an extension\'s Grandstream Wave client. Grandstream UCM only.',
		section: 'Wave > cleanTerminalChatInformation',
		wireAction: 'cleanTerminalChatInformation',
		method: 'POST',
		effect: 'delete',
		notes: 'Doc tables are titled "chatTerminalChatInformation".',
		fields: [
			{ name: 'extension', type: 'integer', required: true, description: 'User’s extension number.' },
		],
	},
	{
		id: 'getSIPAccountQR',
		resource: 'Wave',
		operation: 'Get Login QR Code',
		action: 'Get the Wave login QR code of an extension',
		description: 'Returns the QR code that logs the Grandstream Wave app into an extension, as an image file. Grandstream UCM only.',
		section: 'Wave > getSIPAccountQR',
		wireAction: 'getSIPAccountQR',
		method: 'POST',
		effect: 'read',
		binary: true,
		notes: 'The image comes back Base64-encoded in response.qr_base; the example decodes to a PNG (the doc says .jpg).',
		fields: [
			{ name: 'extension', type: 'integer', required: true, description: 'User’s extension number.' },
		],
	},
];
