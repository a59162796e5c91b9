/**
 * The types of an endpoint table. One entry per documented endpoint is the single source of truth:
 * node properties (describe.ts), validation and the wire body (request.ts), the README tables and
 * dist/catalog.js are all derived from it. Nothing in here knows a PBX family.
 */

/** Wire value types. `long` is an epoch-millisecond or other 64-bit integer; `text` a long string. */
export type FieldType = 'string' | 'text' | 'integer' | 'long' | 'number' | 'boolean' | 'object' | 'json';

export interface EnumOption {
	/** The wire value, typed as the PBX expects it (number for int enums, string otherwise). */
	value: string | number | boolean;
	/** The manual's meaning, shown as the option name. */
	name: string;
}

export interface FieldSpec {
	/** Exact wire name (the Chinese VOS3000 manual wins on spelling). */
	name: string;
	type: FieldType;
	/** The wire value is an array of `type` (of objects when `children` is set). */
	list?: boolean;
	required?: boolean;
	/**
	 * Shown up front like a required field, but may be left empty and is then not sent: a filter the manual marks
	 * mandatory while saying that leaving it out returns everything.
	 */
	upFront?: boolean;
	/** Human label; derived from `name` when absent. */
	displayName?: string;
	description?: string;
	options?: EnumOption[];
	/** Members of an object (or of each object of a list). */
	children?: FieldSpec[];
	/** Secret values (passwords, PINs): masked in the UI, never echoed into errors. */
	secret?: boolean;
	/** Maintainers' note on the manual (a gap or error found while reading it): kept with the field, never shown in the editor. */
	note?: string;
	/** Filled in by the code (e.g. a one-time download key), not a parameter; listed in the catalog. */
	internal?: boolean;
	/** Where the value goes: the JSON/XML body (default) or the URL query string. */
	in?: 'body' | 'query';
	/** Default shown in the UI for required fields. */
	default?: string | number | boolean;
	/** Minimum value for numbers, maximum string length, and similar documented limits. */
	min?: number;
	max?: number;
	maxLength?: number;
	/** Id of the family picker that lists existing values of this field (see PickerSpec). */
	picker?: string;
}

/**
 * A list the editor offers for a field that names an existing thing (an extension, a trunk, an account): filled
 * by one of the family's own read operations, through the same session layer as the operations.
 */
export interface PickerSpec {
	/** camelCase id; the node's list-search method is `<id>Search`. */
	id: string;
	/** What is listed, singular: "Extension". */
	displayName: string;
	/** Endpoint id of the read that lists them. */
	endpoint: string;
	/** Body fields sent with that read. */
	body?: Record<string, string | number | boolean>;
	/** Record key holding the value the field takes. */
	value: string;
	/** Record keys shown beside the value in the list, e.g. the name. */
	label?: string[];
	/** Wire names of the fields that take this value, wherever they appear... */
	fields: string[];
	/** ...except in the operations that create a new one of this resource (a new extension is typed, not picked)... */
	resource?: string;
	/** ...and in these resources or endpoint ids, where the same wire name means something else (an IVR's own "extension")... */
	except?: string[];
	/** ...or only in these resources ("names" are gateway names under Routing Gateway only). */
	only?: string[];
	/** An example for the ID mode's placeholder. */
	example?: string;
}

/**
 * What an endpoint does to the world. `money` and `call` are never retried automatically: a
 * timeout on them is reported as "outcome unknown".
 */
export type Effect = 'read' | 'create' | 'modify' | 'delete' | 'money' | 'call';

export interface EndpointSpec {
	/** camelCase unique id within the family (matches ../shared/spec ids where they exist). */
	id: string;
	/** Resource display name, e.g. "Account". Resources appear in the order of their first endpoint. */
	resource: string;
	/** Operation display name within the resource, e.g. "Create", "Get Many". */
	operation: string;
	/** One line for the operation picker and AI tools, e.g. "Create an account". */
	action: string;
	description?: string;
	/** Manual section, e.g. "3.1". */
	section?: string;
	/** HTTP path on the wire (VOS3000, OpenVox UC). */
	path?: string;
	/** Action name in the body (UCM families). */
	wireAction?: string;
	/** API version segment where the path carries one (OpenVox UC). */
	version?: string;
	method?: 'GET' | 'POST';
	fields: FieldSpec[];
	effect: Effect;
	/** Response key that holds the records (several: the first present wins): each record becomes one item. */
	records?: string | string[];
	/**
	 * Answer keys (at any depth) that hold passwords (SIP, voicemail, trunk, PINs): masked in outputs unless the
	 * node's "Reveal Passwords" option is on.
	 */
	secretOutputs?: string[];
	/** The endpoint answers with a file, output as n8n binary data. */
	binary?: boolean;
	/** Free text for the README and notes: quirks, doc errors. */
	notes?: string;
	/** Not offered as an operation of its own (a step of another one), but still part of the catalog. */
	hidden?: boolean;
	/** The answer may be CSV or XML text instead of the API's JSON (a legacy API's format option): one item. */
	textAnswer?: boolean;
	/** A money operation that takes an Idempotency Key (see IdempotencySpec). */
	idempotency?: IdempotencySpec;
	/** Id of an endpoint called first by this operation (e.g. a one-time download token before a download). */
	uses?: string;
}

/**
 * How a money operation is made safe to repeat: with a caller's key, the node looks for what the key already
 * applied before sending, and asks again after a lost answer. The family supplies the lookup.
 */
export interface IdempotencySpec {
	/** Wire field where the key is recorded, as a marker in front of the caller's own text; absent when the PBX keeps no caller text for this operation. */
	keyField?: string;
	/** What the node reads to find an application of the key (README, errors). */
	lookup: string;
	/** What that check cannot tell (README). */
	limits?: string;
}

export interface EventSpec {
	/** camelCase id. */
	id: string;
	/** Wire key that tells this report apart: page name, report action or report type. */
	key: string;
	/** Other spellings of `key` that real firmware sends for the same report (matched case-insensitively). */
	aliases?: string[];
	/** Display name in the event picker. */
	title: string;
	description?: string;
	fields: FieldSpec[];
	/** `workflow`: the answer is computed by the workflow (IVR); `ack`: acknowledged at once. */
	answer?: 'ack' | 'workflow';
}

/**
 * One PBX family (or brand) of the package: the one entry from which the catalog, the README tables, the test
 * harness, `npm start`/e2e and the check of package.json's `n8n` block are derived (nodes/families.ts lists them).
 */
export interface FamilySpec {
	/** Family key of the catalog contract: vos3000 | grandstream-ucm | fiberme-fcm630a | openvox-uc. */
	family: string;
	displayName: string;
	endpoints: EndpointSpec[];
	events: EventSpec[];
	/** PBX error code -> the manual's meaning (empty where the manual has no table). */
	errorCodes: Record<string, string>;
	/** The wire path the catalog shows for an endpoint (undefined: the endpoint is named by its action). */
	wirePath(endpoint: EndpointSpec): string | undefined;
	/** Node modules under nodes/ without `.node.ts`, each exporting the class named like the file. */
	nodes: string[];
	/**
	 * The family's action nodes, each offering some of its resources (all on the family's one credential): one node
	 * per family would pass n8n's ~100 KB a node description should stay under, so the heavy families are split the
	 * way the PBX's own menus are. Every offered endpoint is in exactly one of them (test/describe.test.ts).
	 */
	actionNodes: ActionNodeSpec[];
	/** Credential classes (credentials/<Name>.credentials.ts exports class <Name>, type name <name>). */
	credentials: string[];
}

/** One action node of a family: the resources (and with them the operations) it offers. */
export interface ActionNodeSpec {
	/** n8n node type name; the class is this name with a capital first letter. */
	name: string;
	displayName: string;
	/** The node panel's one line. */
	description: string;
	/** Resource display names of the endpoint table (the node lists them in the table's order). */
	resources: string[];
}

/** The endpoints an action node offers (a hidden step goes with the resource it is filed under). */
export function actionNodeEndpoints(endpoints: EndpointSpec[], node: ActionNodeSpec): EndpointSpec[] {
	return endpoints.filter((e) => node.resources.includes(e.resource));
}

/**
 * A two-valued yes/no or on/off field, shown as a toggle: the wire values for on and off. The PBX still gets
 * exactly its own words.
 */
export function toggleValues(field: FieldSpec): { on: string; off: string } | undefined {
	if (field.options?.length !== 2 || field.children) return undefined;
	const values = field.options.map((o) => o.value);
	for (const [on, off] of [
		['yes', 'no'],
		['on', 'off'],
	])
		if (values.includes(on) && values.includes(off)) return { on, off };
	return undefined;
}

/** The picker a field of an endpoint offers: the table's own, else the first of the family's that takes its wire name there. */
export function pickerFor(pickers: PickerSpec[], endpoint: EndpointSpec, field: FieldSpec): PickerSpec | undefined {
	if (field.children || !['string', 'integer', 'long', 'text'].includes(field.type) || field.options?.length) return undefined;
	if (field.picker) return pickers.find((p) => p.id === field.picker);
	return pickers.find(
		(p) =>
			p.fields.includes(field.name) &&
			!p.except?.includes(endpoint.resource) &&
			!p.except?.includes(endpoint.id) &&
			(!p.only || p.only.includes(endpoint.resource)) &&
			// A new extension (trunk, ...) is typed: picking an existing one would only collide.
			!(p.resource === endpoint.resource && (endpoint.effect === 'create' || /^(Create|Add)\b/.test(endpoint.operation))),
	);
}

/** `parent.child` wire names of every leaf field, for the catalog contract. */
export function leafFieldNames(fields: FieldSpec[], prefix = ''): string[] {
	const out: string[] = [];
	for (const f of fields) {
		const name = prefix ? `${prefix}.${f.name}` : f.name;
		if (f.children?.length) out.push(...leafFieldNames(f.children, name));
		else out.push(name);
	}
	return out;
}

/** `fields` without the named ones (a table that lacks a field or two of its sibling's). */
export function omitFields(fields: FieldSpec[], names: string[]): FieldSpec[] {
	for (const n of names) if (!fields.some((f) => f.name === n)) throw new Error(`omitFields: no field ${n}`);
	return fields.filter((f) => !names.includes(f.name));
}

/** `fields` with the named ones changed key by key, keeping key order (an `undefined` value drops the key). */
export function patchFields(fields: FieldSpec[], patches: Record<string, Partial<FieldSpec>>): FieldSpec[] {
	for (const n of Object.keys(patches)) if (!fields.some((f) => f.name === n)) throw new Error(`patchFields: no field ${n}`);
	return fields.map((f) => {
		const patch = patches[f.name];
		if (!patch) return f;
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries({ ...f, ...patch })) if (v !== undefined) out[k] = v;
		return out as unknown as FieldSpec;
	});
}
