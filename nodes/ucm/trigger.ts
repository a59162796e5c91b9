import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { eventAction, optionSubtitle } from '../shared/describe';
import type { EndpointSpec } from '../shared/spec';
import type { UcmBrand } from './node';
import { ucmCall, ucmConnection, type UcmConnection } from './protocol';

/**
 * The UCM manuals document no report payloads (Grandstream marks reports "not supported yet"), so this trigger
 * polls: new CDRs, extension status changes and calls starting or ending. State between polls lives in the
 * node's static data; the first poll only records where things stand, so activation does not replay history.
 */
const EVENTS = [
	{ name: 'New CDR', value: 'newCdr', description: 'A call record was written (cdrapi, JSON)' },
	{ name: 'Extension Status Changed', value: 'extensionStatus', description: 'An extension became Idle, InUse, Ringing, Unavailable, ...' },
	{ name: 'Call Started or Ended', value: 'callState', description: 'A channel appeared in or left the live call lists' },
];

export function ucmTriggerDescription(brand: UcmBrand): INodeTypeDescription {
	return {
		displayName: `${brand.displayName} Trigger`,
		name: `${brand.name}Trigger`,
		icon: brand.icon as INodeTypeDescription['icon'],
		group: ['trigger'],
		version: 1,
		subtitle: optionSubtitle('event', EVENTS),
		// n8n shows a trigger's description as the header of the brand's whole entry in the node panel.
		description: `Manage a ${brand.displayName} IP-PBX, and start workflows on its new CDRs, extension status changes or calls (polled)`,
		defaults: { name: `${brand.displayName} Trigger` },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: brand.credentialName, required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				default: 'newCdr',
				options: EVENTS.map((e) => ({ ...e, action: eventAction(e.name) })),
			},
		],
	};
}

const cdrTime = (s: string) => s.replace(' ', 'T');
const cdrId = (r: IDataObject) => String(r.AcctId ?? r.uniqueid ?? r.cdr ?? JSON.stringify(r));

function byId(brand: UcmBrand, id: string): EndpointSpec {
	const e = brand.endpoints.find((x) => x.id === id);
	if (!e) throw new Error(`${brand.displayName} has no ${id} action`);
	return e;
}

async function records(conn: UcmConnection, endpoint: EndpointSpec, body: IDataObject): Promise<IDataObject[]> {
	const out = await ucmCall(conn, endpoint, body as never, {});
	const keys = Array.isArray(endpoint.records) ? endpoint.records : endpoint.records ? [endpoint.records] : [];
	for (const k of keys) if (Array.isArray(out.json[k])) return out.json[k] as IDataObject[];
	return [];
}

async function pollCdrs(ctx: IPollFunctions, brand: UcmBrand, conn: UcmConnection, state: IDataObject): Promise<IDataObject[]> {
	const manual = ctx.getMode() === 'manual';
	const since = (state.cdrCursor as string) ?? new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 16);
	// Filter on the end time: a CDR is written when the call ends, so a long call can start before the cursor.
	const list = await records(conn, byId(brand, 'cdrapi'), { format: 'json', startTime: since, tineFilterType: 'End', numRecords: '1000' });
	const seen = new Set((state.cdrSeen as string[]) ?? []);
	const fresh = list.filter((r) => !seen.has(cdrId(r)));
	const latest = list.reduce((m, r) => (String(r.end ?? '') > m ? String(r.end) : m), '');
	if (!manual) {
		if (latest) {
			state.cdrCursor = cdrTime(latest);
			state.cdrSeen = list.filter((r) => String(r.end) === latest).map(cdrId);
		} else if (!state.cdrCursor) state.cdrCursor = since;
	}
	if (manual) return fresh.slice(-1);
	// First poll after activation: remember the position, do not replay the last day.
	if (state.cdrPrimed !== true) {
		state.cdrPrimed = true;
		return [];
	}
	return fresh;
}

async function pollExtensions(ctx: IPollFunctions, brand: UcmBrand, conn: UcmConnection, state: IDataObject): Promise<IDataObject[]> {
	const list = await records(conn, byId(brand, 'listAccount'), {});
	const now: Record<string, string> = {};
	for (const r of list) now[String(r.extension)] = String(r.status ?? '');
	const before = state.extensions as Record<string, string> | undefined;
	if (ctx.getMode() === 'manual') return list.slice(0, 1).map((r) => ({ ...r, previousStatus: null }));
	state.extensions = now;
	if (!before) return [];
	return list
		.filter((r) => before[String(r.extension)] !== now[String(r.extension)])
		.map((r) => ({ ...r, previousStatus: before[String(r.extension)] ?? null }));
}

async function pollCalls(ctx: IPollFunctions, brand: UcmBrand, conn: UcmConnection, state: IDataObject): Promise<IDataObject[]> {
	const bridged = await records(conn, byId(brand, 'listBridgedChannels'), {});
	const unbridged = await records(conn, byId(brand, 'listUnBridgedChannels'), {});
	const key = (r: IDataObject) => String(r.uniqueid1 ?? r.uniqueid ?? r.channel1 ?? r.channel ?? JSON.stringify(r));
	const now: Record<string, IDataObject> = {};
	for (const r of bridged) now[key(r)] = { ...r, bridged: true };
	for (const r of unbridged) now[key(r)] = { ...r, bridged: false };
	const before = state.calls as Record<string, IDataObject> | undefined;
	if (ctx.getMode() === 'manual') return Object.values(now).slice(0, 1).map((r) => ({ change: 'started', ...r }));
	state.calls = now;
	if (!before) return [];
	const out: IDataObject[] = [];
	for (const [k, r] of Object.entries(now)) if (!before[k]) out.push({ change: 'started', ...r });
	for (const [k, r] of Object.entries(before)) if (!now[k]) out.push({ change: 'ended', ...r });
	return out;
}

export async function pollUcm(ctx: IPollFunctions, brand: UcmBrand): Promise<INodeExecutionData[][] | null> {
	const event = ctx.getNodeParameter('event') as string;
	const conn = ucmConnection(await ctx.getCredentials(brand.credentialName));
	const state = ctx.getWorkflowStaticData('node');
	const found =
		event === 'newCdr'
			? await pollCdrs(ctx, brand, conn, state)
			: event === 'extensionStatus'
				? await pollExtensions(ctx, brand, conn, state)
				: await pollCalls(ctx, brand, conn, state);
	if (!found.length) return null;
	return [found.map((json) => ({ json: { event, ...json } }))];
}
