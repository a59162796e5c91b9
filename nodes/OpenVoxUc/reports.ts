/**
 * Reading an OpenVox UC report body, and what makes two reports the same (the delivery model in the README).
 */
import type { IDataObject } from 'n8n-workflow';
import { JsonLimitError, LenientJsonError } from '../shared/errors';
import { parseWireJson } from '../shared/json';
import type { EventSpec } from '../shared/spec';

/** Reports are a few hundred bytes; a call with a hundred parties stays far below these. */
export const REPORT_LIMITS = { maxBytes: 256 * 1024, maxDepth: 32 };

export type ReportReading =
	| { ok: true; report: IDataObject; type: string }
	| { ok: false; status: number; message: string };

/** Checks size and depth before parsing, then parses (repeated keys become lists) and finds the report type. */
export function readReport(text: string): ReportReading {
	const trimmed = text.trim();
	if (!trimmed) return { ok: false, status: 400, message: 'Empty report body' };
	let body: unknown;
	try {
		body = parseWireJson(trimmed, { limits: REPORT_LIMITS, keepDuplicateKeys: true });
	} catch (error) {
		if (error instanceof JsonLimitError) return { ok: false, status: error.limit === 'size' ? 413 : 400, message: `Report refused: ${error.message}` };
		return { ok: false, status: 400, message: `Malformed report: ${error instanceof LenientJsonError ? error.message : String(error)}` };
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, status: 400, message: 'A report must be a JSON object' };
	const report = body as IDataObject;
	const type = typeOf(report.action) ?? typeOf(report.event);
	if (!type) return { ok: false, status: 400, message: 'The report has no "action" (or "event") naming its type' };
	return { ok: true, report, type };
}

function typeOf(v: unknown): string | undefined {
	return (typeof v === 'string' || typeof v === 'number') && String(v).trim() ? String(v).trim() : undefined;
}

/** Reports about one call: a call id plus what happened is unique, so a repeat of it is a resend. */
const CALL_EVENTS = new Set(['callAlert', 'callRing', 'callAnswer', 'callAnswered', 'callHangup', 'callTransferred', 'callFailed']);
/** What tells two reports of one call and one type apart (the callee- and caller-side ANSWER differ only in order). */
const CALL_PARTS = ['ext', 'inbound', 'outbound', 'call', 'members', 'reason'];

export type ReportIdentity = { identity: string } | { subject: string };

/**
 * Call reports and CDRs carry their own identity; state reports (extension status, boot, unknown types) only a
 * subject, whose last state a resend repeats.
 */
export function reportIdentity(type: string, report: IDataObject, events: EventSpec[]): ReportIdentity {
	const t = type.toLowerCase();
	const str = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
	const sn = str(report.sn);
	const callid = str(report.callid);
	if (events.some((e) => e.id === 'newCdr')) {
		const id = callid || str(report.cdrid);
		if (id) return { identity: [t, sn, id, str(report.timestart), str(report.callfrom), str(report.callto)].join('|') };
	} else if (callid && events.some((e) => CALL_EVENTS.has(e.id))) {
		return { identity: [t, sn, callid, ...CALL_PARTS.map((k) => str(report[k]))].join('|') };
	}
	if (events.some((e) => e.id === 'extensionStatus')) return { subject: [t, sn, str(report.extension)].join('|') };
	return { subject: [t, sn].join('|') };
}

/**
 * Yeastar firmware wraps the parties in `call: [{ext}, {inbound}, ...]` (API v1) or `members: [...]` (API v2,
 * `ext.number`); the manual's examples put `ext`, `inbound` and `outbound` at the top level. The top-level shape is
 * filled from the wrapper when the report has none, so a workflow reads the same keys from any firmware.
 */
export function liftParties(report: IDataObject): IDataObject {
	const wrapper = Array.isArray(report.call) ? report.call : Array.isArray(report.members) ? report.members : undefined;
	if (!wrapper || report.ext !== undefined || report.inbound !== undefined || report.outbound !== undefined) return report;
	const extids: unknown[] = [];
	const out: IDataObject = { ...report };
	for (const member of wrapper) {
		if (!member || typeof member !== 'object') continue;
		const m = member as IDataObject;
		const ext = m.ext as IDataObject | undefined;
		if (ext && typeof ext === 'object') extids.push(ext.extid ?? ext.number);
		for (const leg of ['inbound', 'outbound'] as const) if (m[leg] && typeof m[leg] === 'object' && out[leg] === undefined) out[leg] = m[leg];
	}
	if (extids.length) out.ext = { extid: extids.length === 1 ? (extids[0] as string) : (extids as string[]) };
	return out;
}
