/**
 * The two UCM brands: one API and one endpoint table, each brand offering the actions its own manual documents,
 * under its own node names and credential. Adding a brand is adding an entry here (and its node files).
 */
import type { ActionNodeSpec, EndpointSpec, FamilySpec } from '../shared/spec';
import { ucmEvents } from './events';
import { UCM_ERROR_CODES } from './protocol';
import { fibermeActions, grandstreamActions, ucmEndpoints } from './spec';

/** A brand's view of the UCM API: the actions its manual documents. */
export interface UcmBrand {
	/** n8n node name, e.g. grandstreamUcm. */
	name: string;
	displayName: string;
	credentialName: string;
	endpoints: EndpointSpec[];
	actionNodes: ActionNodeSpec[];
}

/** The table entries a brand's manual documents (by action name). */
export function brandEndpoints(actions: string[]): EndpointSpec[] {
	const documented = new Set(actions.map((a) => a.toLowerCase()));
	return ucmEndpoints.filter((e) => documented.has(String(e.wireAction ?? e.id).toLowerCase()) || (e.path && !e.wireAction));
}

/**
 * A brand's action nodes, as the UCM web UI groups its menus: one node would be ~166 KB (Grandstream) or ~146 KB
 * (FIBERME), so the trunks and routes (Extension/Trunk → VoIP Trunks, Call Routes) and the call features (Call
 * Features → Call Queue, Paging/Intercom, IVR) are nodes of their own. Each lists the resources the brand has.
 */
function ucmActionNodes(name: string, displayName: string, endpoints: EndpointSpec[]): ActionNodeSpec[] {
	const has = (resource: string) => endpoints.some((e) => e.resource === resource && !e.hidden);
	const nodes: ActionNodeSpec[] = [
		{
			name,
			displayName,
			description: `Manage a ${displayName} IP-PBX over its HTTPS API: extensions, users, live calls, CDRs, recordings and hotel features`,
			resources: ['System', 'Extension', 'Wave', 'Call', 'User', 'Extension Group', 'PIN Group', 'CDR', 'Recording', 'Hotel'],
		},
		{
			name: `${name}Trunks`,
			displayName: `${displayName} Trunks & Routes`,
			description: `Manage the trunks and call routes of a ${displayName} IP-PBX: SIP and other trunks, outbound and inbound routes`,
			resources: ['SIP Trunk', 'Analog Trunk', 'SLA Trunk', 'Digital Trunk', 'Outbound Route', 'Inbound Route'],
		},
		{
			name: `${name}CallFeatures`,
			displayName: `${displayName} Call Features`,
			description: `Manage the call features of a ${displayName} IP-PBX: call queues, paging/intercom groups and IVRs`,
			resources: ['Queue', 'Paging Group', 'IVR'],
		},
	];
	return nodes.map((n) => ({ ...n, resources: n.resources.filter(has) }));
}

function ucmBrand(name: string, displayName: string, actions: string[]): UcmBrand {
	const endpoints = brandEndpoints(actions);
	return { name, displayName, credentialName: `${name}Api`, endpoints, actionNodes: ucmActionNodes(name, displayName, endpoints) };
}

/** The UCM actions the Grandstream UCM6xxx manual documents. */
export const grandstreamUcmBrand: UcmBrand = ucmBrand('grandstreamUcm', 'Grandstream UCM', grandstreamActions);

/** The UCM actions the FIBERME FCM630A manual documents. */
export const fibermeFcm630aBrand: UcmBrand = ucmBrand('fibermeFcm630a', 'FIBERME FCM630A', fibermeActions);

/** `folder` names the brand's node folder, its action node and (with Api) its credential class. */
function ucmFamilySpec(family: string, brand: UcmBrand, folder: string): FamilySpec {
	return {
		family,
		displayName: brand.displayName,
		endpoints: brand.endpoints,
		events: ucmEvents,
		errorCodes: UCM_ERROR_CODES,
		wirePath: (e) => e.path,
		nodes: [...brand.actionNodes.map((n) => `${folder}/${n.name[0].toUpperCase()}${n.name.slice(1)}`), `${folder}/${folder}Trigger`],
		actionNodes: brand.actionNodes,
		credentials: [`${folder}Api`],
	};
}

export const grandstreamUcmFamilySpec = ucmFamilySpec('grandstream-ucm', grandstreamUcmBrand, 'GrandstreamUcm');
export const fibermeFcm630aFamilySpec = ucmFamilySpec('fiberme-fcm630a', fibermeFcm630aBrand, 'FibermeFcm630a');
