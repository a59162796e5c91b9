/**
 * Time stamps in the PBXs' fixed-width formats, written and read with one pattern language: yyyy MMM MM dd HH mm ss
 * (MMM = Jan..Dec); any other character stands for itself. Local time unless `utc`.
 */
export const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TOKENS = /yyyy|MMM|MM|dd|HH|mm|ss/g;

export function formatTime(ms: number, pattern: string, o: { utc?: boolean } = {}): string {
	const d = new Date(ms);
	const u = o.utc === true;
	const month = u ? d.getUTCMonth() : d.getMonth();
	const parts: Record<string, string> = {
		yyyy: pad(u ? d.getUTCFullYear() : d.getFullYear(), 4),
		MMM: MONTHS[month],
		MM: pad(month + 1),
		dd: pad(u ? d.getUTCDate() : d.getDate()),
		HH: pad(u ? d.getUTCHours() : d.getHours()),
		mm: pad(u ? d.getUTCMinutes() : d.getMinutes()),
		ss: pad(u ? d.getUTCSeconds() : d.getSeconds()),
	};
	return pattern.replace(TOKENS, (t) => parts[t]);
}

/** The time `text` writes in `pattern`, or undefined when it does not match (or is no real date). */
export function parseTime(text: string, pattern: string, o: { utc?: boolean } = {}): number | undefined {
	const order: string[] = [];
	const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(TOKENS, (t) => {
		order.push(t);
		return t === 'MMM' ? `(${MONTHS.join('|')})` : `(\\d{${t.length}})`;
	});
	const m = new RegExp(`^${source}$`).exec(text.trim());
	if (!m) return undefined;
	const v: Record<string, number> = { yyyy: 1970, MM: 1, dd: 1, HH: 0, mm: 0, ss: 0 };
	order.forEach((t, i) => {
		if (t === 'MMM') v.MM = MONTHS.indexOf(m[i + 1]) + 1;
		else v[t] = Number(m[i + 1]);
	});
	const args = [v.yyyy, v.MM - 1, v.dd, v.HH, v.mm, v.ss] as const;
	const t = o.utc ? Date.UTC(...args) : new Date(...args).getTime();
	return Number.isNaN(t) ? undefined : t;
}
