/** The IVR answer a workflow gives a held PushDtmfInfo(s) report: shared by the VOS3000 Trigger and IVR Answer nodes. */
import type { IDataObject } from 'n8n-workflow';

/** A body the IVR Answer node sent: anything else written to a held IVR request is one of n8n's own fallbacks. */
export function isIvrAnswer(body: unknown): boolean {
	return !!body && typeof body === 'object' && !Array.isArray(body) && Number.isInteger((body as IDataObject).retCode);
}

export function parseAudioNames(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String).filter(Boolean);
	if (typeof value !== 'string' || !value.trim()) return [];
	const t = value.trim();
	if (t.startsWith('[')) {
		const parsed = JSON.parse(t) as unknown;
		if (Array.isArray(parsed)) return parsed.map(String);
	}
	return t.split(',').map((s) => s.trim()).filter(Boolean);
}
