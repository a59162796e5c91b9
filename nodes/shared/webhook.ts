import { isIP } from 'node:net';
import type { IDataObject, INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

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
	statusCode?: number;
	status(code: number): RawResponse;
	setHeader(name: string, value: string): unknown;
	end(body?: string): unknown;
}

/** n8n types these as express objects, which this package does not depend on: the one place they are narrowed. */
export function requestOf(ctx: IWebhookFunctions): RawRequest {
	return ctx.getRequestObject() as unknown as RawRequest;
}
export function responseOf(ctx: IWebhookFunctions): RawResponse {
	return ctx.getResponseObject() as unknown as RawResponse;
}

/**
 * Webhook description fields under which n8n (1.x and 2.x, webhook-helpers' executeWebhook) answers a report
 * with the `webhookResponse` webhook() returns, whether it starts a run or not (status: the description's
 * responseCode, 200). `responseData` must be set and empty: left out, n8n defaults it to 'firstEntryJson' and
 * writes that literal string as the body of every report that starts a run.
 */
export const ANSWER_WITH_WEBHOOK_RESPONSE = { responseMode: 'onReceived', responseData: '' } as const;

/** The "Allowed Source IPs" option of every webhook trigger (in `webhookTriggerOptions`, read by `sourceOf`). */
const allowedSourceIpsOption: INodeProperties = {
	displayName: 'Allowed Source IPs',
	name: 'allowedIps',
	type: 'string',
	default: '',
	placeholder: '203.0.113.10, 198.51.100.0/24',
	description: 'Only these addresses (IPv4 CIDR ranges allowed) may send reports; others get 403 and start nothing. Empty: any address.',
};

/** The setup steps at the top of a webhook trigger's panel, under its URLs. */
export function setupNotice(steps: string): INodeProperties {
	return { displayName: steps, name: 'setupNotice', type: 'notice', default: '' };
}

/** A webhook trigger's "Options" collection: the allow-list first, then the trigger's own options. */
export function webhookTriggerOptions(...own: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [allowedSourceIpsOption, ...own] };
}

/** The sender's address and whether the trigger's allow-list admits it. */
export function sourceOf(ctx: IWebhookFunctions): { ip: string; allowed: boolean } {
	const ip = clientIp(requestOf(ctx));
	return { ip, allowed: ipAllowed(ip, String(ctx.getNodeParameter('options.allowedIps', '') ?? '')) };
}

/**
 * A refusal, written by the node: n8n answers a `webhookResponse` with the status code of the webhook's description
 * (200), so a 4xx can only go out by hand, with `noWebhookResponse` telling n8n to write nothing.
 */
export function refuse(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	sendJson(responseOf(ctx), status, body);
	return { noWebhookResponse: true };
}

export function sendJson(res: RawResponse, status: number, body: unknown): boolean {
	if (res.headersSent || res.writableEnded) return false;
	res.status(status);
	res.setHeader('content-type', 'application/json; charset=utf-8');
	res.end(JSON.stringify(body));
	return true;
}
