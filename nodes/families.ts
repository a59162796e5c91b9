/**
 * Every PBX family of the package, in catalog order. Adding a family is adding its FamilySpec here: the catalog,
 * the README tables, the test harness, `npm start`/e2e and the package.json check (test/nodes.test.ts) follow.
 */
import type { FamilySpec } from './shared/spec';
import { vos3000FamilySpec } from './Vos3000/family';
import { openVoxUcFamilySpec } from './OpenVoxUc/family';
import { fibermeFcm630aFamilySpec, grandstreamUcmFamilySpec } from './ucm/brands';

export const families: FamilySpec[] = [vos3000FamilySpec, openVoxUcFamilySpec, grandstreamUcmFamilySpec, fibermeFcm630aFamilySpec];
