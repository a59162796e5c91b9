/**
 * UCM endpoint table: CDR and recordings (legacy cdrapi/recapi, wrapped in /api).
 * Sources: grandstream-ucm6xxx-https-api.txt and fiberme-fcm630a-https-api.txt (the manuals win over the extractions).
 * Wire names are the manuals'; fields documented by only one brand are still offered (the PBX ignores what it does not know).
 */
import type { EndpointSpec } from '../../shared/spec';

export const cdrEndpoints: EndpointSpec[] = [
	{
		id: 'cdrapi',
		resource: 'CDR',
		operation: 'Get Many',
		action: 'Get call detail records',
		description: 'Returns call detail records filtered by time, caller, duration and so on: one item per call (JSON, default), or CSV/XML text. With "delete" it also deletes them.',
		section: 'cdrapi',
		wireAction: 'cdrapi',
		textAnswer: true,
		method: 'POST',
		effect: 'read',
		records: 'cdr_root',
		notes: 'Legacy CDR API wrapped in /api. Answers without the JSON envelope: csv (the PBX default) or xml as text, json as {"cdr_root":[…]} with string values, where a call through a ring group, queue or transfer is one entry {"main_cdr":{…},"sub_cdr_1":{…},…} (not in the manuals; seen in public API clients). Max 1000 per call, page with offset. Table prints "tineFilterType".',
		fields: [
			{
				name: 'format',
				type: 'string',
				required: true,
				description: 'Output format. JSON (the default here) gives one item per call, a grouped call (ring group, queue, transfer) with its other legs in "sub_cdrs"; CSV and XML come as one item holding the text. The PBX itself defaults to CSV.',
				note: 'Mandatory per the table although its note says "Default is csv".',
				options: [{ value: 'json', name: 'JSON (one item per call)' }, { value: 'csv', name: 'CSV (text)' }, { value: 'xml', name: 'XML (text)' }],
				default: 'json',
			},
			{
				name: 'numRecords',
				type: 'integer',
				description: 'Returned records amount. Default is 1000, which is also the maximum allowed. Values: [0,1000.].',
			},
			{
				name: 'offset',
				type: 'integer',
				description: 'The number of records that need to be skipped, use together with numRecords. Accept all records when multiple responses show up. Default is 0. Values: number.',
			},
			{
				name: 'caller',
				type: 'string',
				description: 'Caller or callee number filter: extensions separated by commas, ranges (5302-5304), or patterns where \'@\' stands for any digits and \'_\' for one character, e.g. 5300,5302-5304,_4@. 0-0 matches non-numeric and empty numbers.',
			},
			{
				name: 'startTime',
				type: 'string',
				required: true,
				description: 'Calls that started from this time on (whatever their answer or hang-up time); null: no limit. Default date 2000-01-01, default time 0:00 UTC; a \'+\' in a timezone must be sent as \'%2B\'. Values: YYYY-MM-DDTHH:MM[:SS[.SSS]] or HH:MM[:SS[.SSS]].',
				note: 'Typed int and mandatory in the table, but the value is a date/time string (see http://www.w3.org/TR/NODE-datetime).',
			},
			{
				name: 'endTime',
				type: 'string',
				description: 'End of the start-time filter range: calls that started up to this time. If null there is no limit; default date 2000-01-01, default time 0:00 UTC; \'+\' in a timezone must be sent as \'%2B\'. Values: same formats as startTime.',
				note: 'The doc\'s table row for endTime is merged with startTime (it has no own mandatory/type/note); the startTime note applies to both.',
			},
			{
				name: 'minDur',
				type: 'integer',
				description: 'Filter is based on call duration. Values: Number(in seconds).',
			},
			{
				name: 'maxDur',
				type: 'string',
				description: 'Upper bound of the call-duration filter (seconds).',
				note: 'The table row is merged with minDur (no own mandatory/type/note); minDur note: "Filter is based on call duration."',
			},
			{ name: 'answeredby', type: 'string', description: 'Callee.' },
			{
				name: 'tineFilterType',
				type: 'string',
				description: 'Whether the time filter applies to the start or the end time.',
				note: 'Printed "tineFilterType"; probably a typo of timeFilterType (no other spelling appears in this doc).',
				options: [{ value: 'Start', name: 'Start' }, { value: 'End', name: 'End' }],
			},
			{ name: 'callerName', type: 'string', description: 'Caller name.', note: 'No description in the doc table.' },
			{ name: 'delete', type: 'string', description: 'Delete CDR records.' },
		],
	},
	{
		id: 'recapi',
		resource: 'Recording',
		operation: 'Download',
		action: 'Download a call recording',
		description: 'Downloads recording files (call, emergency, conference, queue or SCA recordings) as binary data.',
		section: 'Recapi',
		wireAction: 'recapi',
		method: 'POST',
		effect: 'read',
		binary: true,
		notes: 'Legacy recording API wrapped in /api. Success answers with the audio file itself (e.g. .wav), not JSON; without filename and filedir it lists the recording folders. Doc value list lacks the comma in "emergency meetme".',
		fields: [
			{
				name: 'filedir',
				type: 'string',
				description: 'Which type of record file to obtain. Multiple can be separated commas. If filename and filedir are null at the same time, the supported filedir list will be returned. If only filename is set, filedir is set to monitor as default.',
				options: [
					{ value: 'monitor', name: 'monitor' },
					// Printed "emergency meetme" without a comma: may be one value or two.
					{ value: 'emergency', name: 'emergency' },
					{ value: 'meetme', name: 'meetme' },
					{ value: 'queue', name: 'queue' },
					{ value: 'sca', name: 'sca' },
				],
			},
			{
				name: 'filename',
				type: 'string',
				description: 'If only filedir is set, all csv files of the corresponding type will be returned. When multiple files are downloaded, they are separated by commas.',
			},
		],
	},
];
