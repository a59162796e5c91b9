/**
 * The package's machine-readable catalog, derived from the same endpoint tables as the nodes:
 * for each family, every endpoint with its wire path/action and wire field names (`parent.child`),
 * and every pushed report with its wire key. Exported as `dist/catalog.js`.
 */
import { leafFieldNames, type EndpointSpec, type EventSpec } from './shared/spec';
import { vos3000Endpoints } from './Vos3000/spec';
import { vos3000Events } from './Vos3000/events';
import { openVoxUcEndpoints } from './OpenVoxUc/spec';
import { openVoxUcEvents } from './OpenVoxUc/events';
import { brand as grandstreamUcm } from './GrandstreamUcm/GrandstreamUcm.node';
import { brand as fibermeFcm630a } from './FibermeFcm630a/FibermeFcm630a.node';
import { ucmEvents } from './ucm/events';

export interface CatalogEndpoint {
	id: string;
	resource: string;
	operation: string;
	path?: string;
	action?: string;
	effect: string;
	fields: string[];
	required: string[];
}
export interface CatalogEvent {
	id: string;
	key: string;
	/** Other spellings of `key` that firmware sends for the same report. */
	aliases?: string[];
	title: string;
	fields: string[];
}
export interface CatalogFamily {
	family: string;
	endpoints: CatalogEndpoint[];
	events: CatalogEvent[];
}

function endpointEntry(e: EndpointSpec, wirePath: (e: EndpointSpec) => string | undefined): CatalogEndpoint {
	return {
		id: e.id,
		resource: e.resource,
		operation: e.operation,
		path: wirePath(e),
		action: e.wireAction,
		effect: e.effect,
		fields: leafFieldNames(e.fields),
		required: e.fields.filter((f) => f.required).map((f) => f.name),
	};
}

function eventEntry(e: EventSpec): CatalogEvent {
	return { id: e.id, key: e.key, ...(e.aliases ? { aliases: e.aliases } : {}), title: e.title, fields: leafFieldNames(e.fields) };
}

export const catalog: CatalogFamily[] = [
	{
		family: 'vos3000',
		endpoints: vos3000Endpoints.map((e) => endpointEntry(e, (x) => x.path)),
		events: vos3000Events.map(eventEntry),
	},
	{
		family: 'openvox-uc',
		endpoints: openVoxUcEndpoints.map((e) => endpointEntry(e, (x) => `/api/${x.version ?? 'v0.0.1'}/${x.path}`)),
		events: openVoxUcEvents.map(eventEntry),
	},
	...[
		['grandstream-ucm', grandstreamUcm],
		['fiberme-fcm630a', fibermeFcm630a],
	].map(([family, brand]) => ({
		family: family as string,
		endpoints: (brand as typeof grandstreamUcm).endpoints.map((e) => endpointEntry(e, (x) => x.path)),
		events: ucmEvents.map(eventEntry),
	})),
];
