/** Device: deviceinfo/query (nodes/OpenVoxUc/spec/device.ts). */
import { formatTime } from '../kit';
import { UC_TIME, UC_UPTIME, type Handler } from './handler';

export const deviceRoutes: Record<string, Handler> = {
	'deviceinfo/query'() {
		const d = this.state.device;
		return {
			deviceinfo: {
				devicename: d.devicename, sn: d.sn, hardwarever: d.hardwarever, firmwarever: d.firmwarever,
				systemtime: formatTime(Date.now(), UC_TIME), uptime: formatTime(this.state.startedAt, UC_UPTIME), extensionstatus: `${this.state.extensions.size}/300`,
			},
		};
	},
};
