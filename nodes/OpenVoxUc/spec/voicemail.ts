/**
 * OpenVox UC endpoint table: Voicemail.
 * Source: openvox-uc-http-api-zh.txt (the manual wins over the extraction). Wire names are the manual's.
 */
import type { EndpointSpec } from '../../shared/spec';

export const voicemailEndpoints: EndpointSpec[] = [
	{
		id: 'queryVoicemail',
		resource: 'Voicemail',
		operation: 'Get Many',
		action: 'List voicemail messages',
		description: 'Lists the voicemail messages of one, several or all extensions (leave the extension empty for all).',
		section: '语音留言 (Voicemail) > 查询语音留言 (Query voicemail)',
		path: 'voicemail/query',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'read',
		records: 'voicemails',
		fields: [
			{
				name: 'extid',
				type: 'string',
				description: 'Extension number(s) whose voicemail to list: one ("1000"), several separated by commas ("1000,1001"), or empty for all extensions.',
			},
		],
	},
	{
		id: 'deleteVoicemail',
		resource: 'Voicemail',
		operation: 'Delete',
		action: 'Delete voicemail messages',
		description: 'Deletes one voicemail message of an extension, or all of them ("all").',
		section: '语音留言 (Voicemail) > 删除语音留言 (Delete voicemail)',
		path: 'voicemail/delete',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'delete',
		notes: '"all" deletes the files "of the specified voicemail status", but no status field is documented. The example JSON has a trailing comma.',
		fields: [
			{ name: 'extid', type: 'integer', required: true, description: 'Extension whose voicemail file(s) are deleted.' },
			{
				name: 'voicemailfile',
				type: 'string',
				required: true,
				description: 'Voicemail file name (e.g. "msg0000.wav"), or "all" to delete all messages of the extension.',
			},
		],
	},
	{
		id: 'getVoicemailRandom',
		resource: 'Voicemail',
		operation: 'Get Download Random',
		action: 'Get a one-time download key for a voicemail message',
		description: 'First step of a voicemail download: asks the PBX for a one-time key for the file.',
		section: '语音留言 (Voicemail) > 下载语音留言 (Download voicemail)',
		path: 'voicemail/get_random',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'read',
		hidden: true,
		notes: 'The examples use v1.1.0 and have a trailing comma. No validity period is given for voicemail keys.',
		fields: [
			{ name: 'extid', type: 'integer', required: true, description: 'Extension whose voicemail file is to be downloaded.' },
			{ name: 'voicemailfile', type: 'string', required: true, description: 'Voicemail file name.' },
			{
				name: 'allowedip',
				type: 'string',
				description: 'IP address of one more device allowed to download the file (one address only). Empty or left out: only the integration server itself may download it.',
			},
		],
	},
	{
		id: 'downloadVoicemail',
		resource: 'Voicemail',
		operation: 'Download',
		action: 'Download a voicemail message',
		description: 'Downloads a voicemail file (WAV) of an extension as binary data.',
		section: '语音留言 (Voicemail) > 下载语音留言 > 语音留言下载链接示例 (Voicemail download link)',
		path: 'voicemail/download',
		version: 'v0.0.1',
		method: 'GET',
		effect: 'read',
		binary: true,
		uses: 'getVoicemailRandom',
		notes: 'The link template says v0.0.1 and port "{https port}" with http://; its example uses v1.1.0 on port 9011 and leaves out voicemailstatus.',
		fields: [
			{ name: 'extid', type: 'integer', required: true, description: 'Extension whose voicemail file to download.', in: 'query' },
			{
				name: 'voicemailfile',
				type: 'string',
				required: true,
				description: 'Voicemail file name, as listed by "Get Many" (e.g. "msg0000.wav").',
				in: 'query',
			},
			{
				name: 'voicemailstatus',
				type: 'string',
				description: 'Voicemail status (folder). Leave empty unless your firmware needs it.',
				note: 'Only in the manual\'s link template, never explained.',
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
