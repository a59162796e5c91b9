import { isIP } from 'node:net';

/** The request as n8n hands it to webhook(): express Request with n8n's raw body. */
export interface RawRequest {
	rawBody?: Buffer;
	body?: unknown;
	ip?: string;
	socket?: { remoteAddress?: string };
	headers: Record<string, string | string[] | undefined>;
}

/** The raw body text whatever the content type (VOS3000 sends JSON as text/html). */
export function rawBodyText(req: RawRequest): string {
	if (req.rawBody && req.rawBody.length) return req.rawBody.toString('utf8');
	if (typeof req.body === 'string') return req.body;
	if (req.body && typeof req.body === 'object' && Object.keys(req.body).length) return JSON.stringify(req.body);
	return '';
}

/** Size of the raw body in bytes, known before it is decoded (so an oversized body is refused unread). */
export function rawBodySize(req: RawRequest): number {
	if (req.rawBody) return req.rawBody.length;
	return typeof req.body === 'string' ? Buffer.byteLength(req.body) : 0;
}

export function clientIp(req: RawRequest): string {
	const ip = req.ip || req.socket?.remoteAddress || '';
	return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

function ipv4ToInt(ip: string): number {
	return ip.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

/** Allow-list of addresses and IPv4 CIDR ranges, comma or space separated; empty = everyone. */
export function ipAllowed(ip: string, allowList: string): boolean {
	const entries = allowList.split(/[\s,]+/).filter(Boolean);
	if (!entries.length) return true;
	for (const entry of entries) {
		const [net, bitsText] = entry.split('/');
		if (bitsText === undefined) {
			if (net === ip || (net === 'localhost' && (ip === '127.0.0.1' || ip === '::1'))) return true;
			continue;
		}
		if (isIP(net) !== 4 || isIP(ip) !== 4) continue;
		const bits = Number(bitsText);
		if (!Number.isInteger(bits) || bits < 0 || bits > 32) continue;
		const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
		if ((ipv4ToInt(net) & mask) === (ipv4ToInt(ip) & mask)) return true;
	}
	return false;
}

/** Minimal view of express's Response that the triggers use. */
export interface RawResponse {
	headersSent?: boolean;
	writableEnded?: boolean;
	status(code: number): RawResponse;
	setHeader(name: string, value: string): unknown;
	end(body?: string): unknown;
}

export function sendJson(res: RawResponse, status: number, body: unknown): boolean {
	if (res.headersSent || res.writableEnded) return false;
	res.status(status);
	res.setHeader('content-type', 'application/json; charset=utf-8');
	res.end(JSON.stringify(body));
	return true;
}
