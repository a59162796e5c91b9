import { brandEndpoints, ucmNodeType, type UcmBrand } from '../ucm/node';
import { grandstreamActions } from '../ucm/spec';

/** The UCM actions the Grandstream UCM6xxx manual documents. */
export const brand: UcmBrand = {
	name: 'grandstreamUcm',
	displayName: 'Grandstream UCM',
	credentialName: 'grandstreamUcmApi',
	icon: 'file:grandstream.svg',
	endpoints: brandEndpoints(grandstreamActions),
};

export const GrandstreamUcm = ucmNodeType(brand);
