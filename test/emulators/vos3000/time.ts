/** VOS3000 emulator: the manual's time formats and calendar steps, in the server's (= this process's) local time. */
import { pad } from '../kit';
import { invalid } from './fields';

/** yyyyMMddHHmmss / yyyyMMdd in the server's (= this process's) local time zone. */
export function formatVosTime(ms: number, format: 'yyyyMMddHHmmss' | 'yyyyMMdd' = 'yyyyMMddHHmmss'): string {
	const d = new Date(ms);
	const day = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
	return format === 'yyyyMMdd' ? day : `${day}${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}
/** Parse yyyyMMddHHmmss or yyyyMMdd (local time); throws INVALID_PARAMETER naming the field. */
export function parseVosTime(value: string, format: 'yyyyMMddHHmmss' | 'yyyyMMdd', field = 'time'): number {
	const re = format === 'yyyyMMdd' ? /^(\d{4})(\d{2})(\d{2})$/ : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
	const m = re.exec(value);
	if (!m) throw invalid(`Invalid parameter ${field}: expected format ${format}`);
	const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1);
	const date = new Date(+y, +mo - 1, +d, +h, +mi, +s, 0);
	if (date.getMonth() !== +mo - 1 || date.getDate() !== +d || +h > 23 || +mi > 59 || +s > 59) throw invalid(`Invalid parameter ${field}: not a valid date`);
	return date.getTime();
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
