import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { eventAction, optionSubtitle } from '../shared/describe';
import type { EndpointSpec } from '../shared/spec';
import type { StatedInNodeClass, UcmBrand } from './node';
import { cdrCallEnd, cdrCallId } from './cdr';
import { ucmPolledEvents } from './events';
import { ucmCall, ucmConnection, type UcmConnection } from './protocol';

/**
 * The UCM manuals document no report payloads (Grandstream marks reports "not supported yet"), so this trigger
 * polls: new CDRs, extension status changes and calls starting or ending. State between polls lives in the
 * node's static data; the first poll only records where things stand, so activation does not replay history.
 */
const EVENTS = ucmPolledEvents.map((e) => ({ name: e.title, value: e.id, description: e.description }));

export const ucmTriggerSubtitle = optionSubtitle('event', EVENTS);

export function ucmTriggerDescription(brand: UcmBrand): Omit<INodeTypeDescription, StatedInNodeClass> {
	return {
		displayName: `${brand.displayName} Trigger`,
		name: `${brand.name}Trigger`,
		group: ['trigger'],
		version: 1,
		// n8n shows a trigger's description as the header of the brand's whole entry in the node panel.
		description: `Manage a ${brand.displayName} IP-PBX, and start workflows on its new CDRs, extension status changes or calls (polled)`,
		defaults: { name: `${brand.displayName} Trigger` },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
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

/** CDR times ("YYYY-MM-DD HH:MM:SS", the PBX's clock) as the cdrapi filter takes them, shifted by `deltaMs`. */
function cdrFilterTime(cdrTime: string, deltaMs = 0): string {
	const t = Date.parse(`${cdrTime.replace(' ', 'T')}Z`);
	if (Number.isNaN(t)) return cdrTime.replace(' ', 'T');
	return new Date(t + deltaMs).toISOString().slice(0, 19);
}

/**
 * Calls ending up to this long before the cursor are asked for again (and dropped when already seen): a grouped
 * call is written when its last leg ends, and a PBX may file it under an earlier leg's end.
 */
const CDR_OVERLAP_MS = 10 * 60 * 1000;
/**
 * Where the PBX cannot filter on the end time (see cdrEndFilter), calls are asked for by their start, this far
 * back from the cursor; a call longer than this that ends after the cursor is missed there.
 */
const START_FILTER_LOOKBACK_MS = 2 * 3600 * 1000;
/**
 * The cdrapi parameter that filters on the end time. The FIBERME manual prints "tineFilterType"; clients of
 * Grandstream firmware send "timeFilterType" (e.g. an Android UCM6xxx client, PbxApiClient.kt in
 * com.condoconta.grabrecording); older firmware has neither. cdrapi answers an unknown parameter with no records at
 * all (Grandstream UCM6100 CDR and REC API Guide: "Other errors which return no records include: Unknown
 * parameters"), so sending the wrong one silences the trigger for good.
 */
const END_FILTER_PARAMS = ['timeFilterType', 'tineFilterType'];

/**
 * Which of END_FILTER_PARAMS this PBX honours, found once with a call that lasted 2 s or more (start S, end E):
 * asked for calls ending in [S+1 s, E], it comes back only where the parameter works (a start filter leaves it
 * out, an unknown parameter returns nothing). null: neither; undefined: no such call yet, asked again next poll.
 * Kept in the trigger's static data.
 */
async function cdrEndFilter(conn: UcmConnection, endpoint: EndpointSpec, state: IDataObject): Promise<string | null | undefined> {
	if (typeof state.cdrEndFilter === 'string' || state.cdrEndFilter === null) return state.cdrEndFilter;
	const sample = (await records(conn, endpoint, { format: 'json', startTime: '2000-01-01T00:00', numRecords: '50' })).find((c) => {
		const start = Date.parse(`${String(c.start ?? '').replace(' ', 'T')}Z`);
		const end = Date.parse(`${cdrCallEnd(c).replace(' ', 'T')}Z`);
		return end - start >= 2000;
	});
	if (!sample) return undefined;
	const id = cdrCallId(sample);
	for (const param of END_FILTER_PARAMS) {
		const got = await records(conn, endpoint, {
			format: 'json',
			[param]: 'End',
			startTime: cdrFilterTime(String(sample.start), 1000),
			endTime: cdrFilterTime(cdrCallEnd(sample)),
		});
		if (got.some((c) => cdrCallId(c) === id)) return (state.cdrEndFilter = param);
	}
	return (state.cdrEndFilter = null);
}

/** cdrapi's maximum page; more pages are followed up to this many per poll (the rest come next poll). */
const CDR_PAGE = 1000;
const CDR_MAX_PAGES = 20;

function byId(brand: UcmBrand, id: string): EndpointSpec {
	const e = brand.endpoints.find((x) => x.id === id);
	if (!e) throw new Error(`${brand.displayName} has no ${id} action`);
	return e;
}

async function records(conn: UcmConnection, endpoint: EndpointSpec, body: IDataObject): Promise<IDataObject[]> {
	const out = await ucmCall(conn, endpoint, body as never, {});
	if (out.kind === 'calls') return out.calls;
	const keys = Array.isArray(endpoint.records) ? endpoint.records : endpoint.records ? [endpoint.records] : [];
	for (const k of keys) if (Array.isArray(out.json[k])) return out.json[k] as IDataObject[];
	return [];
}

/**
 * New calls since the cursor, each once. A call is the whole cdr_root entry (a grouped call's legs together): it is
 * identified by its main leg and placed in time by its last leg's end, so grouped calls move the cursor too.
 * State: `cdrCursor` (latest call end seen, filter format) and `cdrSeen` (call id -> end, for calls inside the overlap).
 */
async function pollCdrs(ctx: IPollFunctions, brand: UcmBrand, conn: UcmConnection, state: IDataObject): Promise<IDataObject[]> {
	const manual = ctx.getMode() === 'manual';
	const cursor = (state.cdrCursor as string | undefined) ?? new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 16);
	const endpoint = byId(brand, 'cdrapi');
	// Filter on the end time: a CDR is written when the call ends, so a long call can start before the cursor.
	// Without that filter, ask by start time further back (and remember what was seen that far back).
	const endFilter = await cdrEndFilter(conn, endpoint, manual ? { ...state } : state);
	const overlap = endFilter ? CDR_OVERLAP_MS : START_FILTER_LOOKBACK_MS;
	const since = state.cdrCursor ? cdrFilterTime(cursor, -overlap) : cursor;
	const filter = endFilter ? { [endFilter]: 'End' } : {};
	const list: IDataObject[] = [];
	for (let page = 0; page < CDR_MAX_PAGES; page++) {
		const got = await records(conn, endpoint, { format: 'json', startTime: since, ...filter, numRecords: String(CDR_PAGE), offset: String(page * CDR_PAGE) });
		list.push(...got);
		if (got.length < CDR_PAGE) break;
	}
	const seen = (state.cdrSeen && typeof state.cdrSeen === 'object' && !Array.isArray(state.cdrSeen) ? state.cdrSeen : {}) as Record<string, string>;
	// Earlier versions kept a list of the ids at the cursor.
	if (Array.isArray(state.cdrSeen)) for (const id of state.cdrSeen as string[]) seen[id] = cursor;
	const fresh = list.filter((c) => seen[cdrCallId(c)] === undefined);
	if (manual) return fresh.slice(-1);
	let latest = state.cdrCursor ? cursor : '';
	for (const c of list) {
		const end = cdrCallEnd(c);
		if (!end) continue;
		seen[cdrCallId(c)] = cdrFilterTime(end);
		if (cdrFilterTime(end) > latest) latest = cdrFilterTime(end);
	}
	state.cdrCursor = latest || cursor;
	const keepFrom = cdrFilterTime(state.cdrCursor as string, -overlap);
	state.cdrSeen = Object.fromEntries(Object.entries(seen).filter(([, end]) => end >= keepFrom));
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
