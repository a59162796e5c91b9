/**
 * The two UCM brands: one API and one endpoint table, each brand offering the actions its own manual documents,
 * under its own node names and credential. Adding a brand is adding an entry here (and its node files).
 */
import type { EndpointSpec, FamilySpec } from '../shared/spec';
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
}

/** The table entries a brand's manual documents (by action name). */
export function brandEndpoints(actions: string[]): EndpointSpec[] {
	const documented = new Set(actions.map((a) => a.toLowerCase()));
	return ucmEndpoints.filter((e) => documented.has(String(e.wireAction ?? e.id).toLowerCase()) || (e.path && !e.wireAction));
}

/** The UCM actions the Grandstream UCM6xxx manual documents. */
export const grandstreamUcmBrand: UcmBrand = {
	name: 'grandstreamUcm',
	displayName: 'Grandstream UCM',
	credentialName: 'grandstreamUcmApi',
	endpoints: brandEndpoints(grandstreamActions),
};

/** The UCM actions the FIBERME FCM630A manual documents. */
export const fibermeFcm630aBrand: UcmBrand = {
	name: 'fibermeFcm630a',
	displayName: 'FIBERME FCM630A',
	credentialName: 'fibermeFcm630aApi',
	endpoints: brandEndpoints(fibermeActions),
};

/** `folder` names the brand's node folder, its action node and (with Api) its credential class. */
function ucmFamilySpec(family: string, brand: UcmBrand, folder: string): FamilySpec {
	return {
		family,
		displayName: brand.displayName,
		endpoints: brand.endpoints,
		events: ucmEvents,
		errorCodes: UCM_ERROR_CODES,
		wirePath: (e) => e.path,
		nodes: [`${folder}/${folder}`, `${folder}/${folder}Trigger`],
		credentials: [`${folder}Api`],
	};
}

export const grandstreamUcmFamilySpec = ucmFamilySpec('grandstream-ucm', grandstreamUcmBrand, 'GrandstreamUcm');
export const fibermeFcm630aFamilySpec = ucmFamilySpec('fiberme-fcm630a', fibermeFcm630aBrand, 'FibermeFcm630a');
