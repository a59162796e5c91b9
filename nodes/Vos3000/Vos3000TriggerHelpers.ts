/**
 * The VOS3000 Trigger's lifecycle, beside the node as n8n's Twilio and Stripe triggers keep theirs: the response
 * mode, and the reading of a pushed report (allow-list, page, body). There is nothing to register: VOS3000 has no
 * registration API, the push address lives in its server.conf.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { JsonLimitError } from '../shared/errors';
import { parseWireJson } from '../shared/json';
import { renameProtoKeys } from '../shared/normalize';
import type { EventSpec } from '../shared/spec';
import { rawBodyText, refuse, requestOf, sourceOf } from '../shared/webhook';
import { parseAudioNames } from './ivr';
import { vos3000Events } from './events';

/** Report bodies are small flat objects (the deepest, AlarmCurrentReport, nests 2 levels). */
const MAX_REPORT_DEPTH = 32;
const MAX_REPORT_BYTES = 256 * 1024;

/** The acknowledgement VOS3000 expects for every report that is not an IVR key press. */
export const REPORT_RECEIVED: IDataObject = { retCode: 0 };

export const IVR_PAGES = vos3000Events.filter((e) => e.answer === 'workflow').map((e) => e.key);

/** True when the selected events include an IVR page: the webhook then holds answers (responseNode). */
export function holdsIvrAnswers(selected: string[]): boolean {
	return selected.some((page) => IVR_PAGES.includes(page));
}

/**
 * n8n's response mode, evaluated per request from the same Events parameter as `holdsIvrAnswers`: 'responseNode'
 * (IVR answers come from a later node, through n8n's own response path, from any queue-mode worker) only when an
 * IVR page is selected; otherwise 'onReceived', and n8n answers every report with webhook()'s webhookResponse.
 */
export const VOS3000_RESPONSE_MODE = `={{(${IVR_PAGES.map((p) => `($parameter["events"] || []).includes("${p}")`).join(' || ')}) ? "responseNode" : "onReceived"}}`;

/** Page name from the URL: "CallStateReport", "CallStateReport.jsp" (configurable suffix), any case. */
export function pageFromPath(segment: string): string | undefined {
	const bare = decodeURIComponent(segment).replace(/\.[A-Za-z0-9]+$/, '');
	return vos3000Events.find((e) => e.key.toLowerCase() === bare.toLowerCase())?.key;
}

export type PushReading = { refusal: IWebhookResponseData } | { event: EventSpec; body: IDataObject; ip: string };

/** A pushed report read: refused by hand (4xx) when its sender is not allowed, its page unknown or its body unusable. */
export function readPush(ctx: IWebhookFunctions): PushReading {
	const failed = (status: number, exception: string) => ({ refusal: refuse(ctx, status, { retCode: -1, exception }) });
	const { ip, allowed } = sourceOf(ctx);
	if (!allowed) return failed(403, `Source address ${ip} is not allowed to push reports here`);
	const segment = String((ctx.getParamsData() as IDataObject).page ?? '');
	const page = pageFromPath(segment);
	if (!page) return failed(404, `Unknown report page "${segment}". Expected one of: ${vos3000Events.map((e) => e.key).join(', ')}`);
	const text = rawBodyText(requestOf(ctx));
	if (!text.trim()) return failed(400, `Empty body for ${page}`);
	let body: unknown;
	try {
		// Exact: flowNo and other Java longs beyond 2^53 stay exact (as strings), as in action answers.
		body = parseWireJson(text, { limits: { maxDepth: MAX_REPORT_DEPTH, maxBytes: MAX_REPORT_BYTES } });
	} catch (error) {
		if (error instanceof JsonLimitError) return failed(error.limit === 'size' ? 413 : 400, `${page} refused: ${error.message}`);
		return failed(400, `Malformed JSON for ${page}: ${(error as Error).message}`);
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return failed(400, `The ${page} body must be a JSON object`);
	// raw stays untouched except "__proto__", which would otherwise vanish into the prototype in n8n's copies.
	return { event: vos3000Events.find((e) => e.key === page)!, body: renameProtoKeys(body) as IDataObject, ip };
}

/** The answer an IVR report gets when the workflow does not give one (unselected, failed, too late). */
export function defaultIvrAnswer(ctx: IWebhookFunctions): IDataObject {
	const answer: IDataObject = { retCode: ctx.getNodeParameter('ivrDefaultRetCode', -1) as number };
	const names = parseAudioNames(ctx.getNodeParameter('ivrDefaultAudioNames', ''));
	if (names.length) answer.audioNames = names;
	return answer;
}
