/** VOS3000 emulator, alarms (manual 3.85, 3.88): current alarms and their AlarmCurrentReport push (4.7). */
import { INT_MAX } from './api';
import { clone, has, int, num, oneOf, str } from './fields';
import type { Rec, Vos3000Handler, Vos3000State } from './state';

/** The alarm every installation shows in the demo (also the example AlarmCurrentReport when there is none). */
export const exampleAlarm = (now: number): Rec => ({ id: 1, type: 20003, level: 1, name: 'CPU usage', startTime: now - 600000, value: 85, upper: 80, lower: 0, memo: 'CPU above 80%' });

export function seedAlarms(s: Vos3000State, now: number): void {
	s.alarms.push(exampleAlarm(now));
}

export const alarmHandlers: Record<string, Vos3000Handler> = {
	// 3.85 (level has no M/O mark: optional, default 0)
	CreateAlarm(b, ctx) {
		const { state } = ctx;
		const id = ++state.seq.alarm;
		const alarm: Rec = { id, type: 0, level: oneOf('level', int(b, 'level', 0), [0, 1, 2, 3]), name: str(b, 'name'), startTime: num(b, 'startTime', Date.now()), value: num(b, 'value', INT_MAX), memo: str(b, 'alarmInfo', '') };
		if (has(b, 'stopTime')) alarm.stopTime = num(b, 'stopTime');
		if (has(b, 'upper')) alarm.upper = num(b, 'upper');
		if (has(b, 'lower')) alarm.lower = num(b, 'lower');
		state.alarms.push(alarm);
		if (state.systemParameters.EXTERNAL_WEB_ALARM_CURRENT) ctx.autoPush('AlarmCurrentReport', { infoAlarmCurrents: clone(state.alarms) });
		return {};
	},
	// 3.88 (typed InfoAlarmCurrent, described as a list; answered as an array like 4.7)
	GetAlarmCurrent(_b, { state }) {
		return { infoAlarmCurrents: state.alarms.map(clone) };
	},
};
