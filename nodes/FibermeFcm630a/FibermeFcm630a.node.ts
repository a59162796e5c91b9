import { brandEndpoints, ucmNodeType, type UcmBrand } from '../ucm/node';
import { fibermeActions } from '../ucm/spec';

/** The UCM actions the FIBERME FCM630A manual documents. */
export const brand: UcmBrand = {
	name: 'fibermeFcm630a',
	displayName: 'FIBERME FCM630A',
	credentialName: 'fibermeFcm630aApi',
	icon: 'file:fiberme.svg',
	endpoints: brandEndpoints(fibermeActions),
};

export const FibermeFcm630a = ucmNodeType(brand);
