import type { EndpointSpec } from '../../shared/spec';
import { accountEndpoints } from './account';
import { phoneEndpoints } from './phone';
import { paymentEndpoints } from './payment';
import { packageEndpoints } from './package';
import { phoneCardEndpoints } from './phoneCard';
import { boundNumberEndpoints } from './boundNumber';
import { rateEndpoints } from './rate';
import { mappingGatewayEndpoints } from './mappingGateway';
import { routingGatewayEndpoints } from './routingGateway';
import { currentCallEndpoints } from './currentCall';
import { ivrEndpoints } from './ivr';
import { ivrAudioEndpoints } from './ivrAudio';
import { reportEndpoints } from './report';
import { billingEndpoints } from './billing';
import { phonebookEndpoints } from './phonebook';
import { numberConversionEndpoints } from './numberConversion';
import { numberGroupEndpoints } from './numberGroup';
import { mobileAreaEndpoints } from './mobileArea';
import { ipLimitEndpoints } from './ipLimit';
import { alarmEndpoints } from './alarm';
import { systemEndpoints } from './system';

/** Every VOS3000 endpoint (manual sections 3.1-3.92 and 5.1), resources in menu order. */
export const vos3000Endpoints: EndpointSpec[] = [
	...accountEndpoints,
	...phoneEndpoints,
	...paymentEndpoints,
	...packageEndpoints,
	...phoneCardEndpoints,
	...boundNumberEndpoints,
	...rateEndpoints,
	...mappingGatewayEndpoints,
	...routingGatewayEndpoints,
	...currentCallEndpoints,
	...ivrEndpoints,
	...ivrAudioEndpoints,
	...reportEndpoints,
	...billingEndpoints,
	...phonebookEndpoints,
	...numberConversionEndpoints,
	...numberGroupEndpoints,
	...mobileAreaEndpoints,
	...ipLimitEndpoints,
	...alarmEndpoints,
	...systemEndpoints,
];

export { accountEndpoints };
export { phoneEndpoints };
export { paymentEndpoints };
export { packageEndpoints };
export { phoneCardEndpoints };
export { boundNumberEndpoints };
export { rateEndpoints };
export { mappingGatewayEndpoints };
export { routingGatewayEndpoints };
export { currentCallEndpoints };
export { ivrEndpoints };
export { ivrAudioEndpoints };
export { reportEndpoints };
export { billingEndpoints };
export { phonebookEndpoints };
export { numberConversionEndpoints };
export { numberGroupEndpoints };
export { mobileAreaEndpoints };
export { ipLimitEndpoints };
export { alarmEndpoints };
export { systemEndpoints };
