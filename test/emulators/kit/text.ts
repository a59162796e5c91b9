/** Small encodings the emulators share: md5, random tokens, XML and CSV escaping, report addresses. */
import { createHash, randomBytes } from 'node:crypto';

export const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

/** `bytes` random bytes as lower-case hex (16 bytes: a 32-hex token). */
export const randomHex = (bytes = 16): string => randomBytes(bytes).toString('hex');

export const xmlEsc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const csvCell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** `${ip}:${port}/${path}` (as the manuals write report URLs) or `http://...` -> absolute URL. */
export function absolutize(u: string): string {
	return /^https?:\/\//i.test(u) ? u : `http://${u.replace(/^\/+/, '')}`;
}
