/**
 * Every OpenVox UC operation, in the order resources appear in the node. Session endpoints are in session.ts.
 */
import type { EndpointSpec } from '../../shared/spec';
import { deviceEndpoints } from './device';
import { extensionEndpoints } from './extension';
import { trunkEndpoints } from './trunk';
import { inboundRouteEndpoints } from './inboundRoute';
import { outboundRouteEndpoints } from './outboundRoute';
import { conferenceEndpoints } from './conference';
import { ivrEndpoints } from './ivr';
import { queueEndpoints } from './queue';
import { pagingGroupEndpoints } from './pagingGroup';
import { callEndpoints } from './call';
import { voicemailEndpoints } from './voicemail';
import { recordingEndpoints } from './recording';
import { cdrEndpoints } from './cdr';
import { hotelEndpoints } from './hotel';

export { openVoxUcSessionEndpoints } from './session';

export const openVoxUcEndpoints: EndpointSpec[] = [
	...deviceEndpoints,
	...extensionEndpoints,
	...trunkEndpoints,
	...inboundRouteEndpoints,
	...outboundRouteEndpoints,
	...conferenceEndpoints,
	...ivrEndpoints,
	...queueEndpoints,
	...pagingGroupEndpoints,
	...callEndpoints,
	...voicemailEndpoints,
	...recordingEndpoints,
	...cdrEndpoints,
	...hotelEndpoints,
];
