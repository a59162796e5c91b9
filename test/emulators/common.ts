/**
 * Helpers shared by the PBX emulators (VOS3000, OpenVox UC, UCM): test-only code, the same logic in each of them.
 */
import type * as http from 'node:http';
import { createHash } from 'node:crypto';

export const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

export const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export const xmlEsc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const csvCell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A mono 16-bit 8 kHz PCM WAV file holding a 440 Hz tone of the given length. */
export function makeWav(seconds = 0.5): Buffer {
	const rate = 8000;
	const samples = Math.max(1, Math.round(rate * seconds));
	const data = Buffer.alloc(samples * 2);
	for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000), i * 2);
	const h = Buffer.alloc(44);
	h.write('RIFF', 0, 'ascii');
	h.writeUInt32LE(36 + data.length, 4);
	h.write('WAVE', 8, 'ascii');
	h.write('fmt ', 12, 'ascii');
	h.writeUInt32LE(16, 16);
	h.writeUInt16LE(1, 20); // PCM
	h.writeUInt16LE(1, 22); // mono
	h.writeUInt32LE(rate, 24);
	h.writeUInt32LE(rate * 2, 28);
	h.writeUInt16LE(2, 32);
	h.writeUInt16LE(16, 34);
	h.write('data', 36, 'ascii');
	h.writeUInt32LE(data.length, 40);
	return Buffer.concat([h, data]);
}

/** A socket's remote address as a plain IPv4 string (IPv4-mapped and loopback IPv6 unwrapped). */
export function normIp(a: string | undefined): string {
	if (!a) return '127.0.0.1';
	if (a.startsWith('::ffff:')) return a.slice(7);
	if (a === '::1') return '127.0.0.1';
	return a;
}

/** `${ip}:${port}/${path}` (as the manuals write report URLs) or `http://...` -> absolute URL. */
export function absolutize(u: string): string {
	return /^https?:\/\//i.test(u) ? u : `http://${u.replace(/^\/+/, '')}`;
}

/** The request body as UTF-8 text; more than 5 MiB is refused. */
export function readBody(req: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size > 5 * 1024 * 1024) {
				reject(new Error('body too large'));
				req.destroy();
				return;
			}
			chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}
