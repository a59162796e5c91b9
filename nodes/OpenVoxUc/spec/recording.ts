/**
 * OpenVox UC endpoint table: Recording.
 * Source: openvox-uc-http-api-zh.txt (the manual wins over the extraction). Wire names are the manual's.
 */
import type { EndpointSpec } from '../../shared/spec';

export const recordingEndpoints: EndpointSpec[] = [
	{
		id: 'getRecordingRandom',
		resource: 'Recording',
		operation: 'Get Download Random',
		action: 'Get a one-time download key for a recording',
		description: 'First step of a recording download: asks the PBX for a one-time key for the file.',
		section: '语音留言 (Voicemail) > 下载录音文件 (Download recording file)',
		path: 'recording/get_random',
		version: 'v0.0.1',
		method: 'POST',
		effect: 'read',
		hidden: true,
		notes: 'The key is valid 30 seconds and for one download only.',
		fields: [
			{
				name: 'recording',
				type: 'string',
				required: true,
				description: 'Global recording file name (obtained from the "recording" parameter of the NewCdr call-record report).',
			},
			{
				name: 'allowedip',
				type: 'string',
				description: 'IP address of one more device allowed to download the file (one address only). Empty or left out: only the integration server itself may download it.',
			},
		],
	},
	{
		id: 'downloadRecording',
		resource: 'Recording',
		operation: 'Download',
		action: 'Download a call recording',
		description: 'Downloads a call recording file by the file name from the New Call Record report, as binary data.',
		section: '下载录音文件 > 全局录音下载链接 (Global recording download link)',
		path: 'recording/download',
		version: 'v1.1.0',
		method: 'GET',
		effect: 'read',
		binary: true,
		uses: 'getRecordingRandom',
		notes: 'The download is v1.1.0 while its get_random is v0.0.1. The key is valid 30 seconds and for one download only.',
		fields: [
			{
				name: 'recording',
				type: 'string',
				required: true,
				description: 'Recording file name, from the "recording" field of the New Call Record report (e.g. "exten-101-106-20200505-042135-1588641695.1772.wav").',
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
