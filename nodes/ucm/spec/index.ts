/**
 * Every UCM operation (Grandstream UCM6xxx and FIBERME FCM630A share one API), in the order resources appear in the
 * node: ONE entry per action. Session endpoints (challenge, login, logout) are in session.ts.
 * grandstreamActions / fibermeActions are the wire actions each brand's manual documents (or names), session excluded.
 */
import type { EndpointSpec } from '../../shared/spec';
import { systemEndpoints } from './system';
import { extensionEndpoints } from './extension';
import { waveEndpoints } from './wave';
import { trunkEndpoints } from './trunk';
import { outboundRouteEndpoints } from './outboundRoute';
import { inboundRouteEndpoints } from './inboundRoute';
import { callEndpoints } from './call';
import { queueEndpoints } from './queue';
import { pagingGroupEndpoints } from './pagingGroup';
import { ivrEndpoints } from './ivr';
import { userEndpoints } from './user';
import { groupEndpoints } from './group';
import { cdrEndpoints } from './cdr';
import { pmsEndpoints } from './pms';

export { ucmSessionEndpoints } from './session';

export const ucmEndpoints: EndpointSpec[] = [
	...systemEndpoints,
	...extensionEndpoints,
	...waveEndpoints,
	...trunkEndpoints,
	...outboundRouteEndpoints,
	...inboundRouteEndpoints,
	...callEndpoints,
	...queueEndpoints,
	...pagingGroupEndpoints,
	...ivrEndpoints,
	...userEndpoints,
	...groupEndpoints,
	...cdrEndpoints,
	...pmsEndpoints,
];

/** Actions of the Grandstream UCM6xxx manual (documented, or only named in its API queries table). */
export const grandstreamActions: string[] = [
	'getSystemStatus', 'getSystemGeneralStatus', 'addSIPAccountAndUser', 'deleteUser', 'listAccount',
	'getSIPAccount', 'updateSIPAccount', 'cleanTerminalChatInformation', 'getSIPAccountQR', 'listVoIPTrunk',
	'addSIPTrunk', 'getSIPTrunk', 'updateSIPTrunk', 'deleteSIPTrunk', 'listAnalogTrunk', 'addAnalogTrunk',
	'getAnalogTrunk', 'updateAnalogTrunk', 'deleteAnalogTrunk', 'addSLATrunk', 'updateSLATrunk',
	'listDigitalTrunk', 'listOutboundRoute', 'addOutboundRoute', 'getOutboundRoute', 'updateOutboundRoute',
	'deleteOutboundRoute', 'listInboundRoute', 'addInboundRoute', 'getInboundRoute', 'updateInboundRoute',
	'deleteInboundRoute', 'playPromptByOrg', 'listBridgedChannels', 'listUnBridgedChannels', 'Hangup',
	'callbarge', 'listQueue', 'getQueue', 'updateQueue', 'addQueue', 'deleteQueue', 'loginLogoffQueueAgent',
	'pauseUnpauseQueueAgent', 'listPaginggroup', 'addPaginggroup', 'getPaginggroup', 'updatePaginggroup',
	'deletePaginggroup', 'MulticastPaging', 'MulticastPagingHangup', 'listIVR', 'addIVR', 'getIVR', 'updateIVR',
	'deleteIVR', 'cdrapi', 'recapi', 'pmsapi', 'queueapi', 'mute', 'unmute', 'hold', 'unhold', 'dialExtension',
	'dialOutbound', 'callTransfer', 'transferNumberInbound', 'transferNumberOutbound', 'dialIVR',
	'dialIVROutbound', 'dialQueue', 'dialRinggroup', 'dialOutboundTwo', 'listUser', 'getUser', 'updateUser',
	'listExtensionGroup', 'listPinSets', 'refuseCall', 'acceptCall', 'applyChanges', 'deleteDigitalTrunk',
	'addDigitalTrunk', 'getDogitalTrunk', 'updateDigitalTrunk',
];

/**
 * Actions of the FIBERME FCM630A manual: a subset of the Grandstream ones (no addSIPAccountAndUser, deleteUser,
 * Wave, analog, SLA or digital trunk actions).
 */
export const fibermeActions: string[] = [
	'getSystemStatus', 'getSystemGeneralStatus', 'listAccount', 'getSIPAccount', 'updateSIPAccount',
	'listVoIPTrunk', 'addSIPTrunk', 'getSIPTrunk', 'updateSIPTrunk', 'deleteSIPTrunk', 'listOutboundRoute',
	'addOutboundRoute', 'getOutboundRoute', 'updateOutboundRoute', 'deleteOutboundRoute', 'listInboundRoute',
	'addInboundRoute', 'getInboundRoute', 'updateInboundRoute', 'deleteInboundRoute', 'playPromptByOrg',
	'listBridgedChannels', 'listUnBridgedChannels', 'Hangup', 'callbarge', 'mute', 'unmute', 'hold', 'unhold',
	'dialExtension', 'dialOutbound', 'callTransfer', 'transferNumberInbound', 'transferNumberOutbound',
	'dialIVR', 'dialIVROutbound', 'dialQueue', 'dialRinggroup', 'dialOutboundTwo', 'refuseCall', 'acceptCall',
	'listQueue', 'getQueue', 'updateQueue', 'addQueue', 'deleteQueue', 'loginLogoffQueueAgent',
	'pauseUnpauseQueueAgent', 'addPaginggroup', 'listPaginggroup', 'getPaginggroup', 'updatePaginggroup',
	'deletePaginggroup', 'MulticastPaging', 'MulticastPagingHangup', 'addIVR', 'listIVR', 'getIVR', 'updateIVR',
	'deleteIVR', 'listUser', 'getUser', 'updateUser', 'listExtensionGroup', 'listPinSets', 'cdrapi', 'recapi',
	'pmsapi', 'queueapi', 'applyChanges',
];
