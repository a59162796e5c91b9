/** VOS3000 emulator: the manual's time formats (kit patterns) and calendar steps, in the server's local time. */
import { formatTime, parseTime } from '../kit';
import { invalid } from './fields';

type VosTimeFormat = 'yyyyMMddHHmmss' | 'yyyyMMdd';

/** yyyyMMddHHmmss / yyyyMMdd in the server's (= this process's) local time zone. */
export function formatVosTime(ms: number, format: VosTimeFormat = 'yyyyMMddHHmmss'): string {
	return formatTime(ms, format);
}
/** Parse yyyyMMddHHmmss or yyyyMMdd (local time); throws INVALID_PARAMETER naming the field. */
export function parseVosTime(value: string, format: VosTimeFormat, field = 'time'): number {
	const t = /^\d+$/.test(value) ? parseTime(value, format) : undefined;
	if (t === undefined) throw invalid(`Invalid parameter ${field}: expected format ${format}`);
	// the calendar rolls 20240230 over to March and 25:00 to the next day: a real date writes back the same day
	const [h, mi, s] = [value.slice(8, 10), value.slice(10, 12), value.slice(12, 14)].map(Number);
	if (formatTime(t, 'yyyyMMdd') !== value.slice(0, 8) || h > 23 || mi > 59 || s > 59) throw invalid(`Invalid parameter ${field}: not a valid date`);
	return t;
}
export const DAY_MS = 86400000;
export const startOfDay = (ms: number): number => {
	const d = new Date(ms);
	return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
};
export const addDays = (ms: number, n: number): number => {
	const d = new Date(ms);
	return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n).getTime();
};
export const addMonths = (ms: number, n: number): number => {
	const d = new Date(ms);
	return new Date(d.getFullYear(), d.getMonth() + n, 1).getTime();
};
