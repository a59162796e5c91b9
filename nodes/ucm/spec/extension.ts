/**
 * UCM endpoint table: Extension.
 * Sources: grandstream-ucm6xxx-https-api.txt and fiberme-fcm630a-https-api.txt (the manuals win over the extractions).
 * Wire names are the manuals'; fields documented by only one brand are still offered (the PBX ignores what it does not know).
 */
import type { EndpointSpec, EnumOption, FieldSpec } from '../../shared/spec';
import { patchFields } from '../../shared/spec';
import { pageField, itemNumField, sordField, sidxField, telUriOptions, alertInfoOptions } from './common';

/** Yes, no, or the global voicemail setting. */
const voicemailDefaultOptions: EnumOption[] = [
	{ value: 'yes', name: 'yes' },
	{ value: 'no', name: 'no' },
	{ value: 'NULL', name: '"Default": the global voicemail setting (Voicemail page) is used' },
];

/** Call forward destination types. */
const forwardDestinationTypeOptions: EnumOption[] = [
	{ value: '0', name: 'None' },
	{ value: '1', name: 'Extension' },
	{ value: '2', name: 'Custom Number' },
	{ value: '3', name: 'Voicemail' },
	{ value: '4', name: 'Ring Group' },
	{ value: '5', name: 'Queues' },
	{ value: '6', name: 'Voicemail Group' },
];

/** Time conditions (0-6, 8). */
const timeConditionOptions: EnumOption[] = [
	{ value: '0', name: 'All Time' },
	{ value: '1', name: 'Office Time' },
	{ value: '2', name: 'Out of Office Time' },
	{ value: '3', name: 'Holiday' },
	{ value: '4', name: 'Out of Holiday' },
	{ value: '5', name: 'Out of office time or holiday' },
	{ value: '6', name: 'Specific time' },
	{ value: '8', name: 'Office time and out of holiday' },
];

/** One item of an extension's call-forward settings per presence status (sip_presence_settings). */
const presenceSettingsItem: FieldSpec[] = [
	{
		name: 'presence_status',
		type: 'string',
		description: 'Set the presence status of this extension. Default is Available. To set the transfer destination, configure call transfer.',
		options: [
			{ value: 'available', name: 'available' },
			{ value: 'away', name: 'away' },
			{ value: 'chat', name: 'chat' },
			{ value: 'dnd', name: 'dnd' },
			{ value: 'userdef', name: 'userdef' },
			{ value: 'unavailable', name: 'unavailable' },
		],
	},
	{
		name: 'cfb',
		type: 'string',
		description: 'Where calls go while the extension is busy (a target of the Call Forward Busy Destination Type).',
	},
	{
		name: 'cfn',
		type: 'string',
		description: 'Where calls not answered within the ring timeout go (a target of the Call Forward No Answer Destination Type). Not set: off.',
	},
	{
		name: 'cfu',
		type: 'string',
		description: 'Where all incoming calls go (a target of the Call Forward Unconditional Destination Type).',
	},
	{
		name: 'cfb_timetype',
		type: 'string',
		description: 'Call forward busy based on this time condition. CFB will be active only during the selected time condition. 0:All Time 1:Office Time 2:Out of Office Time 3:Holiday 4: Out of Holiday 5:Out of office time or holiday 6:Specific time 8:Office time and out of holiday.',
		options: timeConditionOptions,
	},
	{
		name: 'cfn_timetype',
		type: 'string',
		description: 'Call forward no answer based on this time condition. CFNA will be active only during the selected time condition. 0:All Time 1:Office Time 2:Out of Office Time 3:Holiday 4: Out of Holiday 5:Out of office time or holiday 6:Specific time.',
		options: [
			{ value: '0', name: 'All Time' },
			{ value: '1', name: 'Office Time' },
			{ value: '2', name: 'Out of Office Time' },
			{ value: '3', name: 'Holiday' },
			{ value: '4', name: 'Out of Holiday' },
			{ value: '5', name: 'Out of office time or holiday' },
			{ value: '6', name: 'Specific time' },
			// No meaning given in the cfn_timetype description; the other *_timetype fields use this one.
			{ value: '8', name: 'Office time and out of holiday' },
		],
	},
	{
		name: 'cfu_timetype',
		type: 'string',
		description: 'Call forward unconditional based on this time condition. CFU will be active only during the selected time condition. 0:All Time 1:Office Time 2:Out of Office Time 3:Holiday 4: Out of Holiday 5:Out of office time or holiday 6:Specific time 8:Office time and out of holiday.',
		options: timeConditionOptions,
	},
	{
		name: 'cfb_destination_type',
		type: 'string',
		description: 'Extension type of the CFB destination. If unspecified, CFB will be disabled.0: None 1: Extension 2: Custom Number 3: Voicemail 4: Ring Group 5: Queues 6: Voicemail Group',
		note: 'Type column empty in doc Mandatory column empty in doc',
		options: forwardDestinationTypeOptions,
	},
	{
		name: 'cfn_destination_type',
		type: 'string',
		description: 'Extension type of the CFNA destination. If unspecified, CFNA will be disabled. 0: None 1: Extension 2: Custom Number 3: Voicemail 4: Ring Group 5: Queues 6: Voicemail Group',
		note: 'Type column empty in doc Mandatory column empty in doc',
		options: forwardDestinationTypeOptions,
	},
	{
		name: 'cfu_destination_type',
		type: 'string',
		description: 'Extension type of the CFU destination. If unspecified, CFU will be disabled 0: None 1: Extension 2: Custom Number 3: Voicemail 4: Ring Group 5: Queues 6: Voicemail Group',
		note: 'Type column empty in doc Mandatory column empty in doc',
		options: forwardDestinationTypeOptions,
	},
];

/** Extension settings, shared by Create and Update. */
const sipAccountFields: FieldSpec[] = [
	{
		name: 'extension',
		type: 'string',
		required: true,
		description: 'The extension to update. Values: 2-18 digits.',
	},
	{
		name: 'hasvoicemail',
		type: 'string',
		description: 'Indicates whether voicemail is enabled or disabled.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{ name: 'cidnumber', type: 'string', description: 'Caller ID number Values: 2-32 digit.' },
	{
		name: 'secret',
		type: 'string',
		description: 'SIP/IAX password. Values: 4-32 alphanumeric characters or special characters ~!@#$%^*,.',
		secret: true,
	},
	{ name: 'vmsecret', type: 'string', description: 'Voicemail password Values: 4-32 digits.', secret: true },
	{
		name: 'skip_vmsecret',
		type: 'string',
		description: 'Skip Voicemail Password Verification yes: When user dials My Voicemail, the password verification IVR is skipped.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'ring_timeout',
		type: 'integer',
		description: 'Ring Timeout when set to NULL, the system default ring timeout is used. Values: Value between 3 and 600. Can be set to “null”. When set to null, global settings will be used.',
	},
	{
		name: 'auto_record',
		type: 'string',
		description: 'Auto record All Calls: All incoming calls to this extension will be recorded. OFF: This extension\'s calls will not be recorded. external: All external calls of the extension will be recorded. internal: All internal calls of the extension will be recorded.',
		options: [
			{ value: 'all', name: 'All incoming calls to the extension will be recorded' },
			{ value: 'external', name: 'Only calls to external numbers will be recorded' },
			{ value: 'internal', name: 'Only calls to internal numbers will be recorded' },
			{ value: 'off', name: 'No calls will be recorded' },
		],
	},
	{
		name: 'encryption',
		type: 'string',
		description: 'SRTP encryption mode. Set whether to turn on SRTP mode to encrypt RTP streams. Support: Enable but not forced.',
		options: [
			{ value: 'no', name: 'no' },
			{ value: 'yes', name: 'yes' },
			{ value: 'support', name: 'Enable but not forced' },
		],
	},
	{
		name: 'faxdetect',
		type: 'string',
		description: 'Fax mode. no (default): fax features off; yes (fax detection): fax signals from this user or trunk are detected during a call and the fax is emailed to the user\'s address (else the fax page\'s default address).',
		options: [{ value: 'no', name: 'Disable fax related features (default)' }, { value: 'yes', name: 'yes' }],
	},
	{
		name: 'sendtofax',
		type: 'string',
		description: 'Send fax to the email address. yes: The received fax will be sent to the email address set for the user. If the user\'s email address is not configured, the fax will be sent to the default email address set on the fax page.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'strategy_ipacl',
		type: 'integer',
		description: 'Who may register to this extension. Local Network: the local network segments (by default the device\'s own, up to 10 more subnets); Specific IP Address: one given IP (not for WebRTC users).',
		options: [
			{ value: '0', name: 'Allow All: any IP address' },
			{ value: '1', name: 'Local Network: only the subnets local_network1-10' },
			{ value: '2', name: 'Specific IP address (specific_ip)' },
		],
	},
	{
		name: 'local_network1',
		type: 'string',
		description: 'Local subnet. When the policy is 1, that is, the local subnet, you can set up to 10 local subnets. Values: IP address Format: xxx.xxx.xxx .0 or :/16.',
	},
	{
		name: 'local_network2',
		type: 'string',
		description: 'Another subnet allowed to register when IP Access Strategy is Local Network (up to 10).',
		note: 'No own description in the table; see local_network1.',
	},
	{
		name: 'local_network3',
		type: 'string',
		description: 'Another subnet allowed to register when IP Access Strategy is Local Network (up to 10).',
		note: 'No own description in the table; see local_network1.',
	},
	{
		name: 'local_network4',
		type: 'string',
		description: 'Another subnet allowed to register when IP Access Strategy is Local Network (up to 10).',
		note: 'No own description in the table; see local_network1.',
	},
	{
		name: 'local_network5',
		type: 'string',
		description: 'Another subnet allowed to register when IP Access Strategy is Local Network (up to 10).',
		note: 'No own description in the table; see local_network1.',
	},
	{
		name: 'local_network6',
		type: 'string',
		description: 'Another subnet allowed to register when IP Access Strategy is Local Network (up to 10).',
		note: 'No own description in the table; see local_network1.',
	},
	{
		name: 'local_network7',
		type: 'string',
		description: 'Another subnet allowed to register when IP Access Strategy is Local Network (up to 10).',
		note: 'No own description in the table; see local_network1.',
	},
	{
		name: 'local_network8',
		type: 'string',
		description: 'Another subnet allowed to register when IP Access Strategy is Local Network (up to 10).',
		note: 'No own description in the table; see local_network1.',
	},
	{
		name: 'local_network9',
		type: 'string',
		description: 'Another subnet allowed to register when IP Access Strategy is Local Network (up to 10).',
		note: 'No own description in the table; see local_network1.',
	},
	{
		name: 'local_network10',
		type: 'string',
		description: 'Another subnet allowed to register when IP Access Strategy is Local Network (up to 10).',
		note: 'No own description in the table; see local_network1.',
	},
	{
		name: 'specific_ip',
		type: 'string',
		description: 'When the policy is 2, that is, Special IP Address, Format is xxx.xxx.xxx.xxx or xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:xxxx. Values: IP address.',
	},
	{
		name: 'allow',
		type: 'string',
		description: 'The extension’s supported codecs. Several codecs can be configured for a single extension.',
		options: [
			{ value: 'ulaw', name: 'ulaw' },
			{ value: 'alaw', name: 'alaw' },
			{ value: 'gsm', name: 'gsm' },
			{ value: 'g726', name: 'g726' },
			{ value: 'g722', name: 'g722' },
			{ value: 'g729', name: 'g729' },
			{ value: 'h264', name: 'h264' },
			{ value: 'ilbc', name: 'ilbc' },
			{ value: 'g726aal2', name: 'g726aal2' },
			{ value: 'adpcm', name: 'adpcm' },
			{ value: 'g723', name: 'g723' },
			{ value: 'h263', name: 'h263' },
			{ value: 'h263p', name: 'h263p' },
			{ value: 'vp8', name: 'vp8' },
			{ value: 'opus', name: 'opus' },
			{ value: 'h265', name: 'h265' },
			{ value: 'rtx', name: 'rtx' },
		],
	},
	{
		name: 'dnd',
		type: 'string',
		description: 'Do Not Disturb. yes: All calls will be ignored, and the call forward unconditional/ no answer/ busy of the extension will not take effect.',
		options: [
			{ value: 'yes', name: 'All calls will be ignored and the extension\'s call forwarding rules will not take effect' },
			{ value: 'no', name: 'no' },
		],
	},
	{
		name: 'dnd_timetype',
		type: 'integer',
		description: 'Do not disturb time condition. DND will take effect only when this condition is satisfied. 0: All Time 1: Office Time 2: Out of Office Time 3: Holiday 4: Out of Holiday 5: Out of office time or holiday 6: Specific time 8: Office time and out of holiday.',
		options: timeConditionOptions,
	},
	{
		name: 'permission',
		type: 'string',
		description: 'Select outbound permission. internal: internal internal-local: local internal-local-national: nationwide internal-local-national-international: international.',
		options: [
			{ value: 'internal', name: 'Internal' },
			{ value: 'internal-local', name: 'Local' },
			{ value: 'internal-local-national', name: 'Nationwide' },
			{ value: 'internal-local-national-international', name: 'International' },
		],
	},
	{
		name: 'nat',
		type: 'string',
		description: 'For a UCM on a public IP talking to devices behind NAT (e.g. a broadband router). One-way audio usually points to the NAT configuration or the SIP/RTP ports of the firewall.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'bypass_outrt_auth',
		type: 'string',
		description: 'Skip trunk authentication. yes: When dialing an external line, the user does not need to enter a password; bytime: dial an external line in the set time condition, the user does not need to enter a password.',
		options: [
			{ value: 'no', name: 'no' },
			{ value: 'yes', name: 'Users will not need to enter a password when dialing out of a trunk' },
			{ value: 'bytime', name: 'Users will not need to enter a password when dialing out of a trunk only during the specified time condition (skip_auth_timetype)' },
		],
	},
	{
		name: 'skip_auth_timetype',
		type: 'integer',
		description: 'Time condition for Skip the trunk authentication: skipping the trunk authentication can only take effect after this condition is satisfied. 0: All Time 1 : Office Time 2: Out of Office Time 3: Holiday 4: Out of Holiday 5: Out of office time or holiday 6: Specific time 8: Office time and out of holiday',
		note: 'Wire name taken as "skip_auth_timetype": table prints "skip_auth_time_type"; the getSIPAccount example/table use skip_auth_timetype.',
		options: timeConditionOptions,
	},
	{
		name: 't38_udptl',
		type: 'string',
		description: 'Whether to support T.38 UDPTL.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'directmedia',
		type: 'string',
		description: 'Whether the PBX redirects the RTP media to flow directly between caller and callee instead of through itself (not always possible to negotiate)',
		options: [
			{ value: 'yes', name: 'The PBX will attempt to redirect RTP media streams so that they are only between caller and callee' },
			{ value: 'no', name: 'The PBX will route RTP media streams from SIP endpoints through itself' },
		],
	},
	{
		name: 'dtmfmode',
		type: 'string',
		description: 'Default mode of sending DTMF signal. The DTMF signal is carried by the info method of SIP signaling. Inband: Requires 64kbit codec PCMU and PCMA. Auto: Adaptive preference is for RFC2833, followed by inband.',
		options: [
			{ value: 'rfc4733', name: 'Signaling is transmitted as audio but is encoded separately from the audio stream' },
			{ value: 'info', name: 'Signaling is transmitted through SIP messages' },
			{ value: 'inband', name: 'Signaling is transmitted in audio streams. Requires PCMU and PCMA codec support' },
			{ value: 'auto', name: 'Selects the signaling to use based on negotiation. Priority: RFC4733, Inband, Info' },
			{ value: 'rfc2833', name: 'rfc2833' },
		],
	},
	{
		name: 'enable_qualify',
		type: 'string',
		description: 'Enable keeping-alive. Yes: The PBX periodically sends SIP OPTION signaling to detect if the host is online.',
		options: [
			{ value: 'yes', name: 'The PBX periodically sends SIP OPTION messages to the extension endpoint to monitor the connection' },
			{ value: 'no', name: 'no' },
		],
	},
	{
		name: 'qualifyfreq',
		type: 'integer',
		description: 'Keep-alive Frequency. When the host is on, set the interval of sending keep-alive messages measured in seconds. Values: 1-3600.',
	},
	{
		name: 'authid',
		type: 'string',
		description: 'Authentication ID. This is the SIP service subscriber\'s ID used for authentication. If not configured, the Extension Number will be used for authentication. Values: Up to 32 characters excluding space., ;?:\\ "(<>@,\\V[. ={}).].',
	},
	{
		name: 'tel_uri',
		type: 'string',
		description: 'Tel: "Tel:" instead of "SIP:" in SIP requests (not together with Remove OBP from Route). User Phone: for a phone with a PSTN number, "User=Phone" marks the E.164 number.',
		options: telUriOptions,
	},
	{
		name: 'enablehotdesk',
		type: 'string',
		description: 'Support Hot-desking Mode yes: SIP Password will accept only alphanumeric characters; Extension will be used for AuthID.',
		options: [
			{ value: 'no', name: 'no' },
			{ value: 'yes', name: 'SIP Password will accept only alphanumeric characters; Extension will be used for AuthID' },
		],
	},
	{
		name: 'user_outrt_passwd',
		type: 'string',
		description: 'Personal password for outbound calls. Values: 4-10 digits.',
		note: 'Printed as "user_outtrt_pas swd" in the PDF table (line wrap). Wire name taken as "user_outrt_passwd": the getSIPAccount example has user_outrt_passwd.',
		secret: true,
	},
	{
		name: 'out_of_service',
		type: 'string',
		description: 'Whether to disable this extension yes: disable no: enable.',
		options: [{ value: 'yes', name: 'The extension is disabled' }, { value: 'no', name: 'The extension is enabled' }],
	},
	{
		name: 'mohsuggest',
		type: 'string',
		description: 'Music on Hold. Specify which Music on Hold class to suggest to the bridged channel when putting them on hold. Values: default, ringbacktone_default, MoH playlist name, etc.',
	},
	{
		name: 'en_ringboth',
		type: 'string',
		description: 'Ring the extension and the external number at the same time. With a register trunk for outbound calls the caller sees the registered number; only the main trunk is used, not the failover trunk.',
		options: [{ value: 'no', name: 'no' }, { value: 'yes', name: 'yes' }],
	},
	{
		name: 'external_number',
		type: 'string',
		description: 'Set the external number for Ring Simultaneously. "-" is the connection character and will be ignored. Values: Up to 32 alphanumeric characters and special characters +-*#.',
	},
	{
		name: 'use_callee_dod_on_fwd_rb',
		type: 'string',
		description: 'Yes: Use the callee\'s DOD number as callerID on Outgoing Forwarding or Ring Simultaneously calls.',
		options: [{ value: 'no', name: 'no' }, { value: 'yes', name: 'yes' }],
	},
	{
		name: 'use_callee_dod_on_fm',
		type: 'string',
		description: 'Use Callee DOD for Follow Me Use the callee DOD number as CID if configured Follow Me numbers are external numbers.',
		options: [{ value: 'no', name: 'no' }, { value: 'yes', name: 'yes' }],
	},
	{
		name: 'ringboth_timetype',
		type: 'integer',
		description: 'Time Condition for Ring Simultaneously 0: All Time 1: Office Time 2: Out of Office Time3: Holiday 4: Out of Holiday 5: Out of office time or holiday 6: Specific time 8: Office time and out of holiday',
		note: 'Wire name taken as "ringboth_timetype": table prints "ringboth_timestype"; the getSIPAccount example/table use ringboth_timetype.',
		options: timeConditionOptions,
	},
	{
		name: 'enable_ldap',
		type: 'string',
		description: 'Enable LDAP yes: If enabled, the extension will be added to LDAP Phonebook PBX lists.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'max_contacts',
		type: 'integer',
		description: 'Concurrent Registrations The maximum endpoints which can be registered to this extension. Value: 1-10. Values: Value between 1 and 10.',
	},
	{
		name: 'custom_autoanswer',
		type: 'string',
		description: 'Custom Call-info for Auto Answer yes: If checked, the invite message sent to the extension will contain a Call-info header to indicate auto answer.',
		options: [{ value: 'no', name: 'no' }, { value: 'yes', name: 'yes' }],
	},
	{
		name: 'sca_enable',
		type: 'string',
		description: 'Enable SCA.',
		options: [{ value: 'no', name: 'no' }, { value: 'yes', name: 'yes' }],
	},
	{
		name: 'call_waiting',
		type: 'string',
		description: 'Call waiting yes: Allows calls to the extension even when it is already in a call. This only works if the caller is directly dialing the extension. If disabled, the CC service and busy in-call forward will not work.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'emergcidnumber',
		type: 'string',
		description: 'Emergency Calls CID CallerID number that will be used when calling out and receiving direct callbacks. Values: 2-32 alphanumeric characters.',
	},
	{
		name: 'enable_webrtc',
		type: 'string',
		description: 'Enable WebRTC Support Enable registration and call from WebRTC.',
		options: [{ value: 'yes', name: 'yes' }, { value: 'no', name: 'no' }],
	},
	{
		name: 'alertinfo',
		type: 'string',
		description: 'Alert-info When present in an INVITE request, the Alert-info header field specifies an alternative ring tone to the UAS.',
		note: 'Type column empty in doc Mandatory column empty in doc The doc value list lacks a comma between "Bellcore-dr2" and "Bellcore-dr3"; split here.',
		options: alertInfoOptions,
	},
	{
		name: 'limitime',
		type: 'integer',
		description: 'Maximum Call Duration The maximum call duration (in seconds). The default value 0 means no limit. Values: Value between 0 and 86400.',
	},
	{
		name: 'dndwhitelist',
		type: 'string',
		description: 'DND whitelist Multiple numbers are supported and separated by commas.',
	},
	{
		name: 'fwdwhitelist',
		type: 'string',
		description: 'Forward Whitelist Set extension numbers, multiple can be separated by commas. Calls from users in the forward whitelist will not be forwarded.',
	},
	{
		name: 'callbarging_monitor',
		type: 'string',
		description: 'Set up Allow call-barging list. Members of the list can spy on this extension via feature codes. Multiple extensions can be set, separated by commas.',
	},
	{
		name: 'seamless_transfer_members',
		type: 'string',
		description: 'Set up Allow to seamless transfer list. Members of the list can seamlessly transfer via feature code. Multiple extensions can be set, separated by commas.',
	},
	{
		name: 'sip_presence_settings',
		type: 'object',
		list: true,
		description: 'Call-forward settings per presence status: one item per status (presence_status) with its own targets, destination types and time conditions. E.g. when available, forward busy calls to extension 6000; when unavailable, forward unanswered calls to the custom number 12345.',
		children: presenceSettingsItem,
	},
	{
		name: 'vm_attach',
		type: 'string',
		description: 'Send voicemail to email NULL: the global setting will be used. Values: yes, no If set to NULL, global setting will be used.',
		note: 'Listed flat in the updateSIPAccount table; getSIPAccount returns it inside a "voicemail" object - the doc does not say whether updates must nest it under "voicemail". Unverified. Whether NULL means JSON null or the string "NULL" is not stated; the getSIPAccount example returns JSON null.',
		options: voicemailDefaultOptions,
	},
	{
		name: 'vm_reserve',
		type: 'string',
		description: 'Keep Voicemail after Emailing Only applies if extension-level is enabled or global Send Voicemail to Email is enabled and extension-level is default. NULL: the global setting will be used. Values: Yes, no, NULL If set to NULL, global setting will be used.',
		note: 'Listed flat in the updateSIPAccount table; getSIPAccount returns it inside a "voicemail" object - the doc does not say whether updates must nest it under "voicemail". Unverified. Whether NULL means JSON null or the string "NULL" is not stated; the getSIPAccount example returns JSON null.',
		options: voicemailDefaultOptions,
	},
];

export const extensionEndpoints: EndpointSpec[] = [
	{
		id: 'addSIPAccountAndUser',
		resource: 'Extension',
		operation: 'Create',
		action: 'Create an extension',
		description: 'Creates a SIP extension together with its user account. Takes effect after System > Apply Changes. Grandstream UCM only (not in the FIBERME manual).',
		section: 'Extension > Add SIPAccountAndUser',
		wireAction: 'addSIPAccountAndUser',
		method: 'POST',
		effect: 'create',
		notes: 'Example sends presence_settings where get/update use sip_presence_settings; extra example keys user_password, wave_privilege_id, language.',
		fields: [
			{
				name: 'user_password',
				type: 'string',
				description: 'Password of the user account created with the extension (example "Abc123456!").',
				note: 'Present only in the doc\'s example request; not described in any parameter table. Presumably the user account\'s password (the action name is addSIPAccountAndUser) - meaning not stated.',
				secret: true,
			},
			{
				name: 'wave_privilege_id',
				type: 'string',
				description: 'Wave privilege profile ID (example "0").',
				note: 'Present only in the doc\'s example request; not described in any parameter table. Meaning not stated (presumably a Wave privilege profile id).',
			},
			{
				name: 'language',
				type: 'string',
				description: 'Example "ch".',
				note: 'Present only in the doc\'s example request; not described in any parameter table. Meaning not stated.',
			},
			{
				name: 'presence_settings',
				type: 'object',
				list: true,
				description: 'Call-forward settings per presence status (available, away, chat, userdef, unavailable), one item per status.',
				note: 'Present only in the doc\'s example request; not described in any parameter table. The example sends the per-presence-status call-forward settings under the key "presence_settings" (5 items) whereas getSIPAccount/updateSIPAccount use "sip_presence_settings". Which key is accepted is not stated; the example mixes string and int values ("0" and 0) and null for cfb/cfn/cfu. Members: the sip_presence_settings items.',
				children: presenceSettingsItem,
			},
			...patchFields(sipAccountFields, {
			dtmfmode: { options: [
					{ value: 'rfc4733', name: 'Signaling is transmitted as audio but is encoded separately from the audio stream' },
					{ value: 'info', name: 'Signaling is transmitted through SIP messages' },
					{ value: 'inband', name: 'Signaling is transmitted in audio streams. Requires PCMU and PCMA codec support' },
					{ value: 'auto', name: 'Selects the signaling to use based on negotiation. Priority: RFC4733, Inband, Info' },
				] },
		}),
		],
	},
	{
		id: 'deleteUser',
		resource: 'Extension',
		operation: 'Delete',
		action: 'Delete an extension',
		description: 'Deletes a SIP extension (identified by its number in user_name). Takes effect after System > Apply Changes. Grandstream UCM only.',
		section: 'Extension > deleteUser',
		wireAction: 'deleteUser',
		method: 'POST',
		effect: 'delete',
		fields: [
			{ name: 'user_name', type: 'string', required: true, description: 'The extension number.' },
		],
	},
	{
		id: 'listAccount',
		resource: 'Extension',
		operation: 'Get Many',
		action: 'List extensions',
		description: 'Lists the extensions with their number, type, name, status and address, page by page.',
		section: 'Extension > listAccount',
		wireAction: 'listAccount',
		method: 'POST',
		effect: 'read',
		records: 'account',
		notes: 'Doc options "urgemsg"/"newms" are the response fields urgmsg/newmsg.',
		fields: [
			pageField,
			itemNumField,
			sordField,
			sidxField,
			{
				name: 'options',
				type: 'string',
				description: 'Information to return, comma-separated; empty: all. Any of: extension, account_type, fullname, out_of_service, status, addr, urgemsg, newms, oldmsg.',
			},
		],
	},
	{
		id: 'getSIPAccount',
		resource: 'Extension',
		operation: 'Get',
		action: 'Get an extension\'s settings',
		description: 'Returns the full configuration of one extension. Name fields in the request to get only those back.',
		section: 'Extension > getSIPAccount',
		wireAction: 'getSIPAccount',
		method: 'POST',
		effect: 'read',
		secretOutputs: ['secret', 'vmsecret', 'user_outrt_passwd', 'user_password'],
		records: 'extension',
		notes: 'Answers contain the SIP, voicemail and outbound-route passwords in clear text. Grandstream also returns cti_feature_privilege.',
		fields: [
			{
				name: 'extension',
				type: 'string',
				required: true,
				description: 'Specify which extension\'s configuration to retrieve. Values: Existing extension number.',
			},
		],
	},
	{
		id: 'updateSIPAccount',
		resource: 'Extension',
		operation: 'Update',
		action: 'Update an extension',
		description: 'Changes the settings of an existing extension; fields left out stay unchanged. Apply the changes afterwards (System > Apply Changes).',
		section: 'Extension > updateSIPAccount',
		wireAction: 'updateSIPAccount',
		method: 'POST',
		effect: 'modify',
		notes: 'Presence edits must send the whole sip_presence_settings list. dtmfmode: FIBERME lists rfc2833, Grandstream rfc4733.',
		fields: sipAccountFields,
	},
];
