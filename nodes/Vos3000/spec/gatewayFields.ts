/**
 * VOS3000 field definitions shared by the Mapping Gateway, Routing Gateway and Phone tables (identical in the
 * manual's sections 3.6, 3.11 and 3.16). Single fields end in Field, runs of fields that always come together in Fields.
 */
import type { EnumOption, FieldSpec } from '../../shared/spec';

/** Signaling protocols. */
export const protocolOptions: EnumOption[] = [
	{ value: 0, name: 'H323' },
	{ value: 1, name: 'SIP' },
];

/** Media relay (RTP forwarding) modes. */
export const rtpForwardOptions: EnumOption[] = [
	{ value: 0, name: 'Automatic' },
	{ value: 1, name: 'On / enabled' },
	{ value: 2, name: 'Off / disabled' },
	{ value: 3, name: 'Must be on' },
];

/** DTMF receive methods. */
export const dtmfReceiveOptions: EnumOption[] = [
	{ value: 0, name: 'All' },
	{ value: 10, name: 'RFC2833' },
	{ value: 20, name: 'Signaling' },
	{ value: 30, name: 'Off / disabled' },
];

/** P-Preferred-Identity / P-Asserted-Identity handling. */
const identityHeaderOptions: EnumOption[] = [
	{ value: 0, name: 'None' },
	{ value: 1, name: 'Pass-through' },
	{ value: 2, name: 'Caller number' },
];

/** Routing policies. */
export const routePolicyOptions: EnumOption[] = [
	{ value: 0, name: 'None' },
	{ value: 1, name: 'Connection (answer) rate' },
	{ value: 2, name: 'Lowest per-second rate' },
];

/** G729 negotiation modes. */
const g729SendModeOptions: EnumOption[] = [
	{ value: 0, name: 'Automatic' },
	{ value: 1, name: 'Negotiate G729a and G729 as G729' },
	{ value: 2, name: 'Negotiate G729a and G729 as G729a' },
	// The manual: "G729 (or G729 [sic])".
	{ value: 3, name: 'Offer G729 as both G729 and G729a in negotiation' },
];

/** How a G729/G723 annex parameter is filled in. */
const annexOptions: EnumOption[] = [
	{ value: 0, name: 'Automatic' },
	{ value: 1, name: 'annex=yes' },
	{ value: 2, name: 'annex=no' },
	{ value: 3, name: 'No annex parameter' },
	{ value: 4, name: 'Pass through the peer\'s annex value' },
];

/** Lock type of a gateway (a phone has two more lock types). */
export const gatewayLockTypeField: FieldSpec = {
	name: 'lockType',
	type: 'integer',
	description: 'Lock type',
	options: [
		{ value: 0, name: 'No lock' },
		{ value: 3, name: 'All locked' },
	],
};

/** Call permission level (numbered 1,2,4,5). */
export const callLevelField: FieldSpec = {
	name: 'callLevel',
	type: 'integer',
	description: 'Call permission level',
	options: [
		{ value: 1, name: 'On-net (intra-network) call' },
		{ value: 2, name: 'Local call' },
		{ value: 4, name: 'Domestic long distance' },
		{ value: 5, name: 'International long distance' },
	],
};

export const capacityField: FieldSpec = { name: 'capacity', type: 'integer', description: 'Line capacity (max concurrent calls)' };

export const priorityField: FieldSpec = { name: 'priority', type: 'integer', description: 'Priority' };

export const rtpForwardTypeField: FieldSpec = {
	name: 'rtpForwardType',
	type: 'integer',
	description: 'Media relay (RTP forwarding) type',
	options: rtpForwardOptions,
};

export const mediaCheckDirectionField: FieldSpec = {
	name: 'mediaCheckDirection',
	type: 'integer',
	description: 'Media interruption detection (only effective when media is relayed)',
	options: [
		{ value: 0, name: 'No detection' },
		{ value: 1, name: 'Check that media packets are sent to the remote end' },
		{ value: 2, name: 'Check that media packets are received from the remote end' },
		{ value: 3, name: 'Check for media packets in both directions' },
	],
};

export const calleeE164RestrictField: FieldSpec = {
	name: 'calleeE164Restrict',
	type: 'integer',
	description: 'Callee number restriction',
	options: [
		{ value: 0, name: 'No restriction' },
		{ value: 1, name: 'Callee must be an existing platform phone number' },
		{ value: 2, name: 'Callee must not be an existing platform phone number' },
	],
};

/** Caller and callee number format checks. */
export const e164CheckFields: FieldSpec[] = [
	{ name: 'callerE164CheckEnable', type: 'boolean', description: 'true: check that the caller number is well-formed; false: do not check' },
	{ name: 'callerE164CheckCity', type: 'boolean', description: 'true: caller number may be a city (fixed-line) number; false: may not' },
	{ name: 'callerE164CheckMobile', type: 'boolean', description: 'true: caller number may be a mobile number; false: may not' },
	{ name: 'callerE164CheckOther', type: 'boolean', description: 'true: caller number may be neither city nor mobile; false: may not' },
	{ name: 'calleeE164CheckEnable', type: 'boolean', description: 'true: check that the callee number is well-formed; false: do not check' },
	{ name: 'calleeE164CheckCity', type: 'boolean', description: 'true: callee number may be a city (fixed-line) number; false: may not' },
	{ name: 'calleeE164CheckMobile', type: 'boolean', description: 'true: callee number may be a mobile number; false: may not' },
	{ name: 'calleeE164CheckOther', type: 'boolean', description: 'true: callee number may be neither city nor mobile; false: may not' },
];

/** Maximum call duration bounds. */
export const maxCallDurationFields: FieldSpec[] = [
	{ name: 'maxCallDurationLower', type: 'integer', description: 'Maximum call duration, lower bound (seconds); >0 = value. Special values: -1 = Use the system parameter value (must be set consistently with maxCallDurationUpper); 0 = No limit (must be set consistently with maxCallDurationUpper)' },
	{ name: 'maxCallDurationUpper', type: 'integer', description: 'Maximum call duration, upper bound (seconds); >0 = value. Special values: -1 = Use the system parameter value (must be set consistently with maxCallDurationLower); 0 = No limit (must be set consistently with maxCallDurationLower)' },
];

/** Same-city and mobile-area call restrictions. */
export const areaRestrictionFields: FieldSpec[] = [
	{ name: 'denySameCityCodesAllow', type: 'boolean', description: 'true: allow same-city calls for the area codes in denySameCityCodes; false: forbid them' },
	{ name: 'denySameCityCodes', type: 'text', description: 'Area codes for the same-city call restriction (comma-separated)' },
	{ name: 'checkMobileAreaAllow', type: 'boolean', description: 'true: allow calls to mobile numbers of the cities in checkMobileArea; false: forbid them' },
	{ name: 'checkMobileArea', type: 'text', description: 'Area codes for the mobile-number call restriction (comma-separated)' },
];

/** Area code added to mobile numbers. */
export const rewriteRulesInMobileAreaFields: FieldSpec[] = [
	{ name: 'rewriteRulesInMobileAreaAllow', type: 'boolean', description: 'true: add the area code to mobile numbers of the cities in rewriteRulesInMobileArea; false: do not' },
	{ name: 'rewriteRulesInMobileArea', type: 'text', description: 'Regions whose mobile numbers get the area code added (comma-separated)' },
];

/** Where SIP messages go, and DTMF methods and payload types. */
export const sipAddressAndDtmfFields: FieldSpec[] = [
	{
		name: 'sipResponseAddressMethod',
		type: 'integer',
		description: 'Address to which SIP responses are sent',
		options: [
			{ value: 0, name: 'Respond to the source address of the original request' },
			{ value: 1, name: 'Respond to the source IP of the original request, but to the port given in the Via header' },
			{ value: 2, name: 'Respond to the address given in the Via header' },
		],
	},
	{
		name: 'sipRequestAddressMethod',
		type: 'integer',
		description: 'Address to which SIP requests are sent',
		options: [
			{ value: 0, name: 'Send requests to the source address of the original request' },
			{ value: 1, name: 'Send requests to the source IP of the original request, but to the port given in the Contact header' },
			{ value: 2, name: 'Send requests to the address given in the Contact header' },
		],
	},
	{
		name: 'dtmfSendMethodH323',
		type: 'integer',
		description: 'DTMF method the softswitch uses to send DTMF over H323',
		options: [
			{ value: 0, name: 'Automatic' },
			{ value: 10, name: 'RFC2833' },
			{ value: 20, name: 'H.245 alphanumeric' },
			{ value: 30, name: 'H.245 signal' },
			{ value: 40, name: 'Q.931 keypad' },
			{ value: 60, name: 'Off / disabled' },
		],
	},
	{
		name: 'dtmfSendMethodSIP',
		type: 'integer',
		description: 'DTMF method the softswitch uses to send DTMF over SIP',
		options: [
			{ value: 0, name: 'Automatic' },
			{ value: 10, name: 'RFC2833' },
			{ value: 50, name: 'SIP Info' },
			{ value: 60, name: 'Off / disabled' },
		],
	},
	{
		name: 'dtmfReceiveMethod',
		type: 'integer',
		description: 'DTMF method the softswitch accepts from the caller',
		options: dtmfReceiveOptions,
	},
	{ name: 'dtmfSendPayloadTypeH323', type: 'integer', description: 'RFC2833 DTMF payload type used with H323' },
	{ name: 'dtmfSendPayloadTypeSIP', type: 'integer', description: 'RFC2833 DTMF payload type used with SIP' },
	{ name: 'dtmfReceivePayloadType', type: 'integer', description: 'RFC2833 DTMF payload type the softswitch expects when receiving DTMF' },
];

/** H323 fast start and H245 options. */
export const h323SetupFields: FieldSpec[] = [
	{ name: 'h323FastStart', type: 'boolean', description: 'true: enable H323 fast start; false: disable' },
	{ name: 'h323H245Tunneling', type: 'boolean', description: 'true: enable H245 tunneling; false: disable' },
	{ name: 'h323H245InSetup', type: 'boolean', description: 'true: include H245 in the H323 Setup message; false: do not' },
];

/** T.38, SIP session timer and 100rel support. */
export const t38AndSipTimerFields: FieldSpec[] = [
	{ name: 'h323T38', type: 'boolean', description: 'true: support T.38 signaling with H323; false: ignore it' },
	{ name: 'sipTimer', type: 'boolean', description: 'true: support SIP session timers (RFC 4028); false: forbid' },
	{ name: 'sip100Rel', type: 'boolean', description: 'true: support SIP 100rel; false: forbid' },
	{ name: 'sipT38', type: 'boolean', description: 'true: support SIP T.38; false: forbid' },
];

export const sipPrivacySupportField: FieldSpec = { name: 'sipPrivacySupport', type: 'boolean', description: 'true: honour the Privacy header; false: ignore it' };

/** Privacy, P-Preferred-Identity and P-Asserted-Identity header handling. */
export const sipIdentityHeaderFields: FieldSpec[] = [
	{
		name: 'sipPrivacy',
		type: 'integer',
		description: 'Privacy header handling',
		options: [
			{ value: 0, name: 'None' },
			{ value: 1, name: 'Pass-through' },
			{ value: 2, name: 'id' },
			{ value: 3, name: 'none' },
		],
	},
	{
		name: 'sipPPreferredIdentity',
		type: 'integer',
		description: 'P-Preferred-Identity header handling',
		options: identityHeaderOptions,
	},
	{
		name: 'sipPAssertedIdentity',
		type: 'integer',
		description: 'P-Asserted-Identity header handling',
		options: identityHeaderOptions,
	},
];

/** Number transformation, allowed number lengths and caller/callee number groups. */
export const numberLimitFields: FieldSpec[] = [
	{ name: 'groupE164Change', type: 'boolean', description: 'true: enable the number transformation (号码变换) function; false: disable' },
	{ name: 'callerAllowLength', type: 'integer', description: 'Bit mask of allowed caller-number lengths. Bits: 0 = All lengths allowed; 1<<x = Numbers of length x are allowed (x < 32); combine bits with OR' },
	{ name: 'calleeAllowLength', type: 'integer', description: 'Bit mask of allowed callee-number lengths. Bits: 0 = All lengths allowed; 1<<x = Numbers of length x are allowed (x < 32); combine bits with OR' },
	{ name: 'callerLimitE164GroupsAllow', type: 'boolean', description: 'true: the number groups in callerLimitE164Groups are allowed as caller numbers; false: they are forbidden' },
	{ name: 'callerLimitE164Groups', type: 'string', description: 'Caller number groups (comma-separated)' },
	{ name: 'calleeLimitE164GroupsAllow', type: 'boolean', description: 'true: the number groups in calleeLimitE164Groups are allowed as callee numbers; false: they are forbidden' },
	{ name: 'calleeLimitE164Groups', type: 'string', description: 'Callee number groups (comma-separated)' },
];

/** Minimum profit margin and maximum per-second rate limits. */
export const profitLimitFields: FieldSpec[] = [
	{ name: 'minProfitPercentEnable', type: 'boolean', description: 'Enable the minimum profit margin limit' },
	{ name: 'minProfitPercent', type: 'integer', description: 'Minimum profit margin in percent (10 means 10%); range -10000 to 10000' },
	{ name: 'maxSecondRatesEnable', type: 'boolean', description: 'Maximum per-second rate limit: true on, false off' },
	{ name: 'maxSecondRates', type: 'number', description: 'Maximum per-second rate (for a per-minute rate of 0.6 set 0.01)' },
];

/** G729/G723 negotiation and H323/SIP codec lists. */
export const codecFields: FieldSpec[] = [
	{
		name: 'h323G729SendMode',
		type: 'integer',
		description: 'H323 G729 negotiation mode',
		options: g729SendModeOptions,
	},
	{
		name: 'sipG729SendMode',
		type: 'integer',
		description: 'SIP G729 negotiation mode',
		options: g729SendModeOptions,
	},
	{
		name: 'sipG729Annexb',
		type: 'integer',
		description: 'How the G729 annexb parameter is filled in',
		options: annexOptions,
	},
	{
		name: 'sipG723Annexa',
		type: 'integer',
		description: 'How the G723 annexa parameter is filled in',
		options: annexOptions,
	},
	{ name: 'h323CodecAssign', type: 'boolean', description: 'true: restrict H323 audio/video codecs to h323Codecs; false: softswitch negotiates automatically' },
	{ name: 'h323Codecs', type: 'string', list: true, description: 'H323 audio/video codec list' },
	{ name: 'sipCodecAssign', type: 'boolean', description: 'true: restrict SIP audio/video codecs to sipCodecs; false: softswitch negotiates automatically' },
	{ name: 'sipCodecs', type: 'string', list: true, description: 'SIP audio/video codec list' },
];

/** Codec transcoding and in-band DTMF. */
export const transcodingAndInbandDtmfFields: FieldSpec[] = [
	{ name: 'audioCodecTranscodingEnable', type: 'boolean', description: 'true: allow codec transcoding; false: do not' },
	{ name: 'rtpIncludeDtmfInband', type: 'boolean', description: 'true: the media contains in-band DTMF; false: it does not' },
	{ name: 'rtpNeedDtmfInband', type: 'boolean', description: 'true: DTMF must additionally be sent in-band; false: no additional in-band DTMF' },
];

/** Dial plan for call-forwarding signaling. */
export const forwardSignalRewriteFields: FieldSpec[] = [
	{ name: 'forwardSignalRewriteE164GroupEnable', type: 'boolean', description: 'true: enable the dial plan for call-forwarding signaling; false: disable' },
	{ name: 'forwardSignalRewriteE164Group', type: 'string', description: 'Number group used by the call-forwarding signaling dial plan' },
];

export const softswitchNameField: FieldSpec = { name: 'softswitchName', type: 'string', description: 'Softswitch name (not set: belongs to no softswitch; empty string: belongs to all softswitches)' };

/** LRN lookup. */
export const lrnFields: FieldSpec[] = [
	{ name: 'lrnEnable', type: 'boolean', description: 'LRN lookup: true enable, false disable' },
	{ name: 'lrnEatPrefixLength', type: 'integer', description: 'Length of the callee-number prefix to ignore for the LRN lookup' },
	{
		name: 'lrnFailureAction',
		type: 'integer',
		description: 'Behaviour when the LRN lookup fails',
		options: [
			{ value: 0, name: 'Reject the call' },
			{ value: 1, name: 'Continue with the original number' },
		],
	},
	{ name: 'lrnInterstateBillingPrefix', type: 'string', description: 'Billing prefix for inter-region (interstate) calls after LRN lookup' },
	{ name: 'lrnUndeterminedBillingPrefix', type: 'string', description: 'Billing prefix when, after LRN lookup, the region of one or both numbers cannot be determined' },
];

export const memoField: FieldSpec = { name: 'memo', type: 'string', description: 'Remarks' };

export const mediaRecordField: FieldSpec = { name: 'mediaRecord', type: 'boolean', description: 'Call recording: true on, false off' };

export const dynamicBlackListField: FieldSpec = { name: 'dynamicBlackListInStandalone', type: 'boolean', description: 'Enable the dynamic blacklist in standalone mode: true on, false off' };

export const calculateRouteQualityField: FieldSpec = {
	name: 'calculateRouteQuality',
	type: 'integer',
	description: 'Real-time route quality calculation',
	options: [
		{ value: 0, name: 'Default' },
		{ value: 1, name: 'On / enabled' },
		{ value: 2, name: 'Off / disabled' },
	],
};
