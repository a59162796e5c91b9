/**
 * The package's machine-readable catalog, derived from the same endpoint tables as the nodes:
 * for each family, every endpoint with its wire path/action and wire field names (`parent.child`),
 * and every pushed report with its wire key. Exported as `dist/catalog.js`.
 */
import { families } from './families';
import { leafFieldNames, type EndpointSpec, type EventSpec } from './shared/spec';

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

export const catalog: CatalogFamily[] = families.map((f) => ({
	family: f.family,
	endpoints: f.endpoints.map((e) => endpointEntry(e, f.wirePath)),
	events: f.events.map(eventEntry),
}));
