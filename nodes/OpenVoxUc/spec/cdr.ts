/**
 * OpenVox UC endpoint table: CDR.
 * Source: openvox-uc-http-api-zh.txt (the manual wins over the extraction). Wire names are the manual's.
 */
import type { EndpointSpec } from '../../shared/spec';

export const cdrEndpoints: EndpointSpec[] = [
	{
		id: 'getCdrRandom',
		resource: 'CDR',
		operation: 'Get Download Random',
		action: 'Get a one-time download key for call records',
		description: 'First step of a call-record download: asks the PBX for a one-time key for the time range.',
		section: '语音留言 (Voicemail) > 下载通话记录 (Download call records)',
		path: 'cdr/get_random',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'read',
		hidden: true,
		notes: 'The key is valid 30 seconds. The request example is invalid JSON (unterminated endtime).',
		fields: [
			{
				name: 'extid',
				type: 'string',
				required: true,
				description: 'Extensions: "all" = call records of all extensions; a single extension number; or several comma-separated, e.g. "extid":"1000,1001,1002".',
			},
			{ name: 'starttime', type: 'string', required: true, description: 'Start of the period, yyyy-mm-dd hh:mm:ss.' },
			{ name: 'endtime', type: 'string', required: true, description: 'End of the period, yyyy-mm-dd hh:mm:ss.' },
			{
				name: 'allowedip',
				type: 'string',
				description: 'IP address of one more device allowed to download the file (one address only). Empty or left out: only the integration server itself may download it.',
			},
		],
	},
	{
		id: 'downloadCdr',
		resource: 'CDR',
		operation: 'Download',
		action: 'Download call records as CSV',
		description: 'Downloads the call detail records of some or all extensions for a time range as a CSV file.',
		section: '下载通话记录 > 通话记录下载链接 (CDR download link)',
		path: 'cdr/download',
		version: 'v0.0.1',
		method: 'GET',
		effect: 'read',
		binary: true,
		uses: 'getCdrRandom',
		notes: 'The times contain spaces and must be URL-encoded. The CSV columns are not documented.',
		fields: [
			{
				name: 'extid',
				type: 'string',
				required: true,
				description: 'Extensions: "all", one number, or several separated by commas ("1000,1001,1002").',
				in: 'query',
			},
			{
				name: 'starttime',
				type: 'string',
				required: true,
				description: "Start of the period, yyyy-mm-dd hh:mm:ss in the PBX's clock. An n8n date is taken at the time it shows; a bare day at 00:00:00.",
				in: 'query',
			},
			{
				name: 'endtime',
				type: 'string',
				required: true,
				description: "End of the period, yyyy-mm-dd hh:mm:ss in the PBX's clock. An n8n date is taken at the time it shows; a bare day at 23:59:59.",
				in: 'query',
			},
			{
				name: 'allowedip',
				type: 'string',
				description: 'IP address of one more device allowed to download the file. Empty: only the integration server itself may download it.',
			},
			{
				name: 'random',
				type: 'string',
				internal: true,
				in: 'query',
				description: 'One-time download key from the get_random step, filled in by the node.',
			},
		],
	},
];
