import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { pickerFor, toggleValues, type EndpointSpec, type EnumOption, type FieldSpec, type PickerSpec } from './spec';

/** Parameter names the node itself uses; a wire field with one of these names gets a prefix. */
const RESERVED = new Set(['resource', 'operation', 'additionalFields', 'options']);

/** The n8n parameter name of a top-level field (required or `upFront`). */
export function paramName(field: FieldSpec): string {
	return RESERVED.has(field.name) ? `field_${field.name}` : field.name;
}

const ACRONYMS = new Set(
	'id ip ivr cdr sip did dtmf url sn vm rtp sdp ldap nat lrn dod ppi pai uri sca dnd cid moh pms fxo fxs tls tcp udp sfu pin bcc rtx ipvt cc csv xml json gsm ilbc adpcm'.split(' '),
);

/** "limitMoney" -> "Limit Money", "e164" -> "E164", "caller_id" -> "Caller ID", "dids" -> "DIDs". */
export function humanize(name: string): string {
	const words = name
		.replace(/[_.-]+/g, ' ')
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.split(' ')
		.filter(Boolean);
	return words
		.map((w) => {
			const lower = w.toLowerCase();
			// Acronyms, and codec/standard names such as g729, h264, rfc4733, vp8.
			if (ACRONYMS.has(lower) || /^[a-z]{1,3}\d+[a-z\d]*$/.test(lower)) return w.toUpperCase();
			if (lower.endsWith('s') && ACRONYMS.has(lower.slice(0, -1))) return `${w.slice(0, -1).toUpperCase()}s`;
			return w[0].toUpperCase() + w.slice(1);
		})
		.join(' ');
}

export function resourceValue(resource: string): string {
	const words = resource.replace(/[^A-Za-z0-9 ]+/g, ' ').trim().split(/\s+/);
	return words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
}

/**
 * A family's reviewed display names. `fields`: keyed by wire name (or `parent.child` for one nested member).
 * `options`: enum option names keyed by wire field name, then by wire value; under '*' for a value in any field.
 */
export interface Labels {
	fields: Record<string, string>;
	options?: Record<string, Record<string, string>>;
}

const NO_LABELS: Labels = { fields: {} };

/** The field's display name: the table's own, else the family's label map, else its humanized wire name. */
export function fieldLabel(field: FieldSpec, labels: Labels = NO_LABELS, path = field.name): string {
	return field.displayName ?? labels.fields[path] ?? labels.fields[field.name] ?? humanize(field.name);
}

const capitalise = (text: string) => (/^[a-z](?![A-Z])/.test(text) ? text[0].toUpperCase() + text.slice(1) : text);

/** Verbs a boolean's description may start with: "Enable X" reads "Whether to enable X". */
const VERBS = new Set(
	'enable allow announce forward ring end send skip use keep bill verify check support sort record apply block play also authenticate join leave configure remove passthrough sync wait auto-answer display honour honor add pass negotiate convert charge hide show reject accept lock deduct count merge rewrite strip'.split(' '),
);

/** n8n's convention: a boolean's description says "Whether …". */
function whetherText(label: string, rawText: string | undefined): string {
	let text = rawText && plainToggleText(label, rawText);
	if (!text) return `Whether ${label} is on`;
	text = text.replace(/^(?:indicates|specifies|configures?|determines) whether\b/i, 'Whether');
	if (/^whether\b/i.test(text)) return capitalise(text);
	// "LRN lookup: true enable, false disable." -> "Whether LRN lookup is on".
	const named = /^([^:]{3,60}):\s*(?:true|false)\s+\w+[,;]\s*(?:true|false)\s+\w+\.?$/i.exec(text);
	if (named) {
		const what = /^[A-Z][a-z]/.test(named[1]) ? named[1][0].toLowerCase() + named[1].slice(1) : named[1];
		return VERBS.has(what.split(' ')[0]) ? `Whether to ${what}` : `Whether ${what} is on`;
	}
	const either = /^Either (.+?) or not\.?$/i.exec(text);
	if (either) return `Whether ${either[1]}`;
	const trueFalse = /^true:\s*(.+?)(?:[;,]\s*false:?\s*(.*))?$/is.exec(text);
	if (trueFalse) {
		const [, rawOn, offText] = trueFalse;
		const verb = VERBS.has(rawOn.split(/\s/)[0].toLowerCase());
		// "caller ID display on" -> "caller ID display is on"; "forward on busy on" -> "to forward on busy".
		let onText = rawOn.replace(/\.$/, '');
		if (verb) onText = onText.replace(/ on$/, '');
		else if (!/\b(is|are)\b/.test(onText)) onText = onText.replace(/ (on|allowed|required|enabled|disabled)$/, ' is $1');
		const head = verb ? `Whether to ${onText}` : `Whether ${onText}`;
		return offText && offText.length > 24 ? `${head}. Otherwise: ${offText}` : head;
	}
	const first = text.split(/\s/)[0].toLowerCase();
	if (VERBS.has(first)) return `Whether to ${text[0].toLowerCase()}${text.slice(1)}`;
	return `Whether ${label} is on. ${text}`;
}

/**
 * A toggle's text without the manual's title repeating the label and a leading "yes:" ("Call waiting yes: Allows
 * calls ..." -> "Allows calls ..."), "Enable/disable X" as "Enable X"; empty when nothing else is said.
 */
function plainToggleText(label: string, text: string): string {
	let t = text.trim();
	const lead = t.slice(0, label.length);
	const rest = t.slice(label.length);
	// Not where the label is a verb phrase ("Enable LDAP yes: ..." reads "Whether to enable LDAP ...").
	const title = !VERBS.has(label.split(' ')[0].toLowerCase()) && /^(\.|\s+([Yy]es\s*:|[A-Z][a-z]+ [a-z])|$)/.test(rest);
	if (words(lead) === words(label) && title) t = rest.replace(/^[.\s]+/, '');
	t = t.replace(/^(?:yes|on|enabled?)\s*:\s*/i, '').replace(/^Enable\/disable\s+/i, 'Enable ');
	return t ? capitalise(t) : '';
}

/** Letters and digits only, lower case: "Caller-ID name." and "caller ID Name" say the same. */
const words = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

/**
 * The table's description without what the label already says: none when it only repeats the label or wire
 * name ("Protocol."), and without the manual's column title in front ("Ring time Configure the number of ...").
 */
function ownText(field: FieldSpec, label: string, boolean: boolean): string | undefined {
	const text = field.description?.trim();
	if (!text || [label, field.name].some((l) => words(text) === words(l))) return undefined;
	// A toggle's title reads as the start of its "Whether to ..." sentence.
	if (boolean) return text;
	const lead = text.slice(0, label.length + 1);
	// A sentence follows ("Configure the ..."), not the rest of a longer title ("Enable Feature Codes If ...").
	if (words(lead) === words(label) && /^\s[A-Z][a-z]*,? [a-z]/.test(text.slice(label.length))) return text.slice(label.length + 1);
	const title = leadingTitle(text, label, [...label.split(/[\s/-]+/), ...humanize(field.name).split(' ')]);
	return title ? text.slice(title.length + 1) : text;
}

const JOINERS = new Set('of on to for the and in or after with from at by a an'.split(' '));
/** "Max" and "Maximum", "Authenticate" and "Authentication": the same word for a title. */
const sameWord = (a: string, b: string) => {
	const n = Math.min(a.length, b.length);
	return a === b || (n >= 3 && a.slice(0, n) === b.slice(0, n)) || (n >= 6 && a.slice(0, n - 2) === b.slice(0, n - 2));
};

/**
 * The manual's column title in front of its sentence ("Maximum Call Duration The maximum call duration ...",
 * "Sync LDAP Port The TCP port ..."), when its words are this field's label or wire name; undefined otherwise.
 */
function leadingTitle(text: string, label: string, names: string[]): string | undefined {
	const tokens = text.split(' ');
	const known = names.map((w) => w.toLowerCase()).filter((w) => w && !JOINERS.has(w));
	for (let i = 1; i < Math.min(tokens.length - 1, 7); i++) {
		const head = tokens.slice(0, i);
		if (!head.every((t, k) => /^[A-Z0-9][\w'’]*$/.test(t) || (k > 0 && JOINERS.has(t)))) return undefined;
		// The sentence starts with a capitalised word followed by a lower-case one ("The maximum", "If set").
		if (!/^[A-Z][a-z’']*,?$/.test(tokens[i]) || !/^[a-z("“]/.test(tokens[i + 1])) continue;
		// "Caller ID Number that ...": the title goes on.
		if (known.some((w) => sameWord(tokens[i].toLowerCase(), w))) continue;
		const significant = head.map((t) => t.toLowerCase()).filter((t) => !JOINERS.has(t));
		const matched = significant.filter((t) => known.some((w) => sameWord(t, w)));
		const covered = label.split(/[\s/-]+/).filter((w) => w && !JOINERS.has(w.toLowerCase()));
		// Most of the title is the label's words, and most of the label is in the title ("Ring Timeout when ..." is no title "Ring").
		if (
			significant.length &&
			matched.length * 3 >= significant.length * 2 &&
			covered.filter((w) => significant.some((t) => sameWord(t, w.toLowerCase()))).length * 3 >= covered.length * 2
		)
			return head.join(' ');
	}
	return undefined;
}

/** The manual's "Values: Value between 0 and 86400" says "Values: 0-86400". */
const tidy = (text: string | undefined) => text?.replace(/Values: Value between (-?\d+) ?(?:and|-) ?(-?\d+)/g, 'Values: $1-$2');

/**
 * The text without its list of numeric codes ("... 0: All Time 1: Office Time 2: ...") where the field's options
 * name each code already.
 */
function withoutCodeList(text: string | undefined, field: FieldSpec): string | undefined {
	const codes = (field.options ?? []).map((o) => String(o.value));
	if (!text || codes.length < 3 || !codes.every((c) => /^-?\d+$/.test(c))) return text;
	const at = (code: string) => text.search(new RegExp(`(^|[\\s.(])${code}\\s?[:=]`));
	const starts = codes.map(at).filter((i) => i >= 0);
	if (starts.length < Math.min(3, codes.length)) return text;
	const head = text.slice(0, Math.min(...starts)).trim().replace(/[\s,;:]+$/, '');
	return head.length >= 10 ? head : text;
}

function describeText(field: FieldSpec, label: string, boolean: boolean): string | undefined {
	const parts: string[] = [];
	const text = tidy(withoutCodeList(ownText(field, label, boolean), field));
	if (boolean) parts.push(whetherText(label, text));
	else if (text) parts.push(text);
	if (field.list && !field.children) parts.push('A list: comma-separated, or an array from an expression.');
	// Expressions and Extra Fields (JSON) use the wire name: say it where the label does not spell it out.
	if (label !== humanize(field.name)) parts.push(`Wire name: \`${field.name}\`.`);
	return parts.length ? parts.map((p) => (/[.!?)`]$/.test(p) ? p : `${p}.`)).join(' ') : undefined;
}

/**
 * An enum option as n8n shows it: a short capitalised name, the manual's longer sentence in its description.
 * "Ring All: ring all agents" -> "Ring All" + "Ring all agents"; "Default (use the system value)" -> "Default" +
 * "Use the system value"; a long sentence on a word-like value -> the humanized value + the sentence.
 */
function optionDisplay(o: EnumOption): { name: string; description?: string } {
	const text = o.name.trim().replace(/^"([^"]+)"/, '$1');
	// Copied raw from the manual ("ulaw", "dnd"): the value spelled as words.
	if (typeof o.value === 'string' && text === o.value && /^[a-z]/.test(text)) return { name: humanize(text) };
	const head = /^([^:()]{1,32}?):\s+(.+)$/s.exec(text);
	if (head && !/^\d+$/.test(head[1])) return { name: capitalise(head[1].trim()), description: capitalise(head[2]) };
	const paren = /^(.{1,32}?)\s+\(([^()]+)\)$/s.exec(text);
	if (paren) return { name: capitalise(paren[1]), description: capitalise(paren[2]) };
	const leading = /^\(([^()]+)\)\s+(.+)$/s.exec(text);
	if (leading) return { name: capitalise(typeof o.value === 'string' && o.value ? humanize(o.value) : leading[1]), description: capitalise(text) };
	// The manual's identifier for a standard value ("ProgressNotEndToEndISDN"): spelled as words, the identifier kept.
	if (/^[A-Z][a-z]+(?:[A-Z][a-z]+|[A-Z]{2,}(?![a-z]))+$/.test(text)) return { name: humanize(text), description: text };
	if (text.length <= 40) return { name: capitalise(text) };
	if (typeof o.value === 'string' && /^[A-Za-z][\w -]*$/.test(o.value)) return { name: humanize(o.value), description: text };
	const clause = text.split(/[;,]\s|\s\(/)[0];
	const short = clause.length <= 40 ? clause : `${clause.slice(0, 40).replace(/\s+\S*$/, '')}…`;
	return { name: capitalise(short), description: text };
}

function optionList(field: FieldSpec, labels: Labels): INodePropertyOptions[] {
	const own = labels.options?.[field.name] ?? {};
	const any = labels.options?.['*'] ?? {};
	const shown = field.options!.map((o) => {
		const display = optionDisplay(o);
		const name = own[String(o.value)] ?? any[String(o.value)];
		if (!name) return { ...display, value: o.value };
		return { name, value: o.value, description: o.name === name ? undefined : (display.description ?? o.name) };
	});
	// Two values shortened to one name: keep the manual's wording for those.
	const names = shown.map((o) => o.name);
	return shown.map((o, i) => {
		if (names.indexOf(o.name) === names.lastIndexOf(o.name)) return o.description && words(o.description) !== words(o.name) ? o : { name: o.name, value: o.value };
		return { name: capitalise(field.options![i].name), value: o.value };
	});
}

/** One field -> one n8n property. Objects become collections so that unset members are not sent. */
export function fieldProperty(field: FieldSpec, required: boolean, labels: Labels = NO_LABELS, path = field.name, picker?: PickerSpec): INodeProperties {
	const displayName = fieldLabel(field, labels, path);
	const toggle = !field.list && toggleValues(field);
	const base = {
		displayName,
		name: required ? paramName(field) : field.name,
		description: describeText(field, displayName, Boolean(toggle) || (field.type === 'boolean' && !field.options?.length && !field.list)),
		required: (required && !field.upFront) || undefined,
	};
	if (field.children?.length) {
		const childProps = field.children.map((c) => fieldProperty(c, false, labels, `${path}.${c.name}`));
		if (field.list) {
			return {
				...base,
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: `Add ${base.displayName}`,
				default: {},
				options: [{ displayName: base.displayName, name: 'items', values: childProps }],
			};
		}
		return { ...base, type: 'collection', placeholder: 'Add Field', default: {}, options: childProps };
	}
	if (toggle) return { ...base, type: 'boolean', default: field.default === toggle.on };
	if (picker) {
		// A list to pick from, an ID to type, or an expression (n8n's resource locator).
		return {
			...base,
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			modes: [
				{
					displayName: `From List`,
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: `${picker.id}Search`, searchable: true },
				},
				{ displayName: 'By ID', name: 'id', type: 'string', placeholder: picker.example ? `e.g. ${picker.example}` : undefined },
			],
		};
	}
	if (field.options?.length && !field.list) {
		return {
			...base,
			type: 'options',
			options: optionList(field, labels),
			default: field.default ?? field.options[0].value,
		};
	}
	if (field.list) return { ...base, type: 'string', default: '' };
	switch (field.type) {
		case 'boolean':
			return { ...base, type: 'boolean', default: field.default ?? false };
		case 'integer':
		case 'long':
		case 'number':
			return {
				...base,
				type: 'number',
				default: field.default ?? (required ? null : 0),
				typeOptions: field.type === 'number' ? { numberPrecision: 4 } : undefined,
			};
		case 'json':
			return { ...base, type: 'json', default: '{}' };
		case 'text':
			return { ...base, type: 'string', typeOptions: { rows: 3 }, default: field.default ?? '' };
		default:
			return {
				...base,
				type: 'string',
				typeOptions: field.secret ? { password: true } : undefined,
				default: field.default ?? '',
			};
	}
}

function resourcesInOrder(endpoints: EndpointSpec[]): string[] {
	const seen: string[] = [];
	for (const e of endpoints) if (!e.hidden && !seen.includes(e.resource)) seen.push(e.resource);
	return seen;
}

/** Property identity for merging: everything but where it is shown. */
const propertyKey = (p: INodeProperties) => JSON.stringify({ ...p, description: undefined });

/** One distinct optional-field property and the operations that offer it. */
interface Variant {
	property: INodeProperties;
	json: string;
	operations: Set<string>;
}

/**
 * The shortest displayOptions that show a collection option for exactly `shown` among the operations of its
 * collection `all`: none, the operations, the other operations hidden, or whole resources.
 */
function shownFor(shown: string[], all: string[], resourceOf: Map<string, string>): INodeProperties['displayOptions'] {
	if (shown.length === all.length) return undefined;
	const candidates: Array<NonNullable<INodeProperties['displayOptions']>> = [
		{ show: { '/operation': shown } },
		{ hide: { '/operation': all.filter((o) => !shown.includes(o)) } },
	];
	const resources = [...new Set(shown.map((o) => resourceOf.get(o)!))];
	if (all.filter((o) => resources.includes(resourceOf.get(o)!)).length === shown.length) candidates.push({ show: { '/resource': resources } });
	return candidates.reduce((a, b) => (JSON.stringify(b).length < JSON.stringify(a).length ? b : a));
}

/**
 * Most members a shared collection may have: n8n resolves every member of the chosen collection on each
 * execution (a node-wide collection of ~450 cost up to 1.9 ms); the largest operation has ~125 of its own.
 */
const MAX_MEMBERS = 200;

/** Operations that would share one collection, with what the byte estimate needs. */
interface Cluster {
	id: number;
	ops: string[];
	/** JSON bytes of the operations as a list (each with its quotes and comma). */
	opBytes: number;
	/** Per variant: how many of the operations offer it, and their share of opBytes. */
	variants: Map<Variant, { n: number; bytes: number }>;
	bytes: number;
}

/** Estimated JSON bytes of one collection (header, options, and each option's shortest show/hide list). */
function clusterBytes(ops: number, opBytes: number, variants: Cluster['variants']): number {
	let bytes = 200 + opBytes;
	for (const [v, { n, bytes: shown }] of variants) {
		bytes += v.json.length + 1;
		if (n < ops) bytes += 40 + Math.min(shown, opBytes - shown);
	}
	return bytes;
}

function mergeClusters(a: Cluster, b: Cluster, id: number): Cluster {
	const variants = new Map(a.variants);
	for (const [v, s] of b.variants) {
		const t = variants.get(v);
		variants.set(v, t ? { n: t.n + s.n, bytes: t.bytes + s.bytes } : s);
	}
	const opBytes = a.opBytes + b.opBytes;
	const ops = [...a.ops, ...b.ops];
	return { id, ops, opBytes, variants, bytes: clusterBytes(ops.length, opBytes, variants) };
}

/**
 * The "Additional Fields" collections: each operation sees exactly one, holding its optional fields. Operations
 * share a collection where that is smaller than apart (greedy merging by bytes saved): operations with the same
 * fields (create/update, or a gateway's settings under two resources) share every property, and an option
 * shown for some of a collection's operations carries the shortest displayOptions that say which. Operations
 * with a few fields of their own end up in one collection rather than one each (a collection's header and
 * operation list cost more than the options' show lists).
 */
function additionalFieldsCollections(optionalOps: Array<{ id: string; resource: string }>, variants: Variant[]): INodeProperties[] {
	const resourceOf = new Map(optionalOps.map((o) => [o.id, o.resource]));
	const order = new Map(optionalOps.map((o, i) => [o.id, i]));
	let clusters: Cluster[] = optionalOps.map((o, id) => {
		const bytes = o.id.length + 3;
		const own = new Map(variants.filter((v) => v.operations.has(o.id)).map((v) => [v, { n: 1, bytes }]));
		return { id, ops: [o.id], opBytes: bytes, variants: own, bytes: clusterBytes(1, bytes, own) };
	});
	let nextId = clusters.length;
	const savings = new Map<string, number>();
	const saving = (a: Cluster, b: Cluster) => {
		const key = `${a.id}|${b.id}`;
		let s = savings.get(key);
		if (s === undefined) {
			const merged = mergeClusters(a, b, -1);
			savings.set(key, (s = merged.variants.size > MAX_MEMBERS ? 0 : a.bytes + b.bytes - merged.bytes));
		}
		return s;
	};
	for (;;) {
		let best: [Cluster, Cluster, number] | undefined;
		for (let i = 0; i < clusters.length; i++)
			for (let j = i + 1; j < clusters.length; j++) {
				const s = saving(clusters[i], clusters[j]);
				if (s > 0 && (!best || s > best[2])) best = [clusters[i], clusters[j], s];
			}
		if (!best) break;
		const [a, b] = best;
		clusters = [...clusters.filter((c) => c !== a && c !== b), mergeClusters(a, b, nextId++)];
	}
	return clusters
		.map((c) => c.ops.sort((x, y) => order.get(x)! - order.get(y)!))
		.sort((a, b) => order.get(a[0])! - order.get(b[0])!)
		.map((ops) => {
			const options = variants
				.filter((v) => ops.some((o) => v.operations.has(o)))
				.map((v) => {
					const displayOptions = shownFor(
						ops.filter((o) => v.operations.has(o)),
						ops,
						resourceOf,
					);
					return displayOptions ? { ...v.property, displayOptions } : v.property;
				})
				.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.name.localeCompare(b.name));
			return {
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				displayOptions: { show: { operation: ops } },
				options,
			} satisfies INodeProperties;
		});
}

type DescribeOptions = { rawResponseOption?: boolean; labels?: Labels; pickers?: PickerSpec[] };

/** Built once per table (the collection grouping takes tens of ms); each node instance gets its own copy. */
const described = new WeakMap<EndpointSpec[], Array<{ opts: DescribeOptions; properties: INodeProperties[] }>>();

/**
 * Endpoint table -> the node's properties: resource, operation per resource, required fields, then
 * "Additional Fields" collections of the optional ones and an "Options" collection (extra JSON, raw output).
 *
 * One property per distinct field, shown for every operation that has it: n8n sends the whole description to
 * the editor and walks every property on each execution, so a property per (operation, field) pair made the
 * largest node ~290 KB and cost ~2 ms per execution. Within a resource, fields merge where all but the
 * description agree (the first description wins); across resources where everything agrees. Each operation
 * sees one "Additional Fields" collection (see additionalFieldsCollections), and a wire name whose type or
 * options differ between operations is one option per variant under the same name (n8n shows the one whose
 * displayOptions match).
 */
export function describeEndpoints(endpoints: EndpointSpec[], opts: DescribeOptions = {}): INodeProperties[] {
	const built = described.get(endpoints) ?? [];
	described.set(endpoints, built);
	// Pickers may be a fresh filter of the family's list on each call: the same pickers are the same options.
	const samePickers = (a: PickerSpec[] = [], b: PickerSpec[] = []) => a.length === b.length && a.every((p, i) => p === b[i]);
	let entry = built.find(
		(b) => b.opts.labels === opts.labels && samePickers(b.opts.pickers, opts.pickers) && b.opts.rawResponseOption === opts.rawResponseOption,
	);
	if (!entry) built.push((entry = { opts, properties: buildProperties(endpoints, opts) }));
	return structuredClone(entry.properties);
}

function buildProperties(endpoints: EndpointSpec[], opts: DescribeOptions): INodeProperties[] {
	const labels = opts.labels ?? NO_LABELS;
	const pickers = opts.pickers ?? [];
	const visible = endpoints.filter((e) => !e.hidden);
	const resources = resourcesInOrder(visible);
	const props: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map((r) => ({ name: r, value: resourceValue(r) })),
			default: resourceValue(resources[0]),
		},
	];
	for (const resource of resources) {
		const ops = visible.filter((e) => e.resource === resource);
		const options: INodePropertyOptions[] = ops
			.map((e) => ({ name: e.operation, value: e.id, action: e.action, description: e.description }))
			.sort((a, b) => a.name.localeCompare(b.name));
		props.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resourceValue(resource)] } },
			options,
			default: ops[0].id,
		});
	}

	// Required fields: within a resource the first description wins; across resources they merge only if all agrees
	// (a gateway's "Name" is not described as the account's).
	const required: Array<{ property: INodeProperties; json: string; operations: string[] }> = [];
	const requiredByResource = new Map<string, Map<string, (typeof required)[number]>>();
	// Optional fields: one variant per distinct property of a wire name, with the operations that offer it.
	const variants: Variant[] = [];
	const byResource = new Map<string, Map<string, Variant>>();
	const optionalOps: Array<{ id: string; resource: string }> = [];
	for (const e of visible) {
		const resource = resourceValue(e.resource);
		let ownRequired = requiredByResource.get(resource);
		if (!ownRequired) requiredByResource.set(resource, (ownRequired = new Map()));
		for (const f of e.fields.filter((x) => (x.required || x.upFront) && !x.internal)) {
			const property = fieldProperty(f, true, labels, f.name, pickerFor(pickers, e, f));
			const key = propertyKey(property);
			const json = JSON.stringify(property);
			let seen = ownRequired.get(key) ?? required.find((r) => r.json === json);
			if (!seen) required.push((seen = { property, json, operations: [] }));
			ownRequired.set(key, seen);
			seen.operations.push(e.id);
		}
		const fields = e.fields.filter((x) => !x.required && !x.upFront && !x.internal);
		if (!fields.length) continue;
		optionalOps.push({ id: e.id, resource });
		let own = byResource.get(resource);
		if (!own) byResource.set(resource, (own = new Map()));
		for (const f of fields) {
			const property = fieldProperty(f, false, labels, f.name, pickerFor(pickers, e, f));
			// Within a resource the first description wins; another resource's field merges only if all of it agrees.
			const key = propertyKey(property);
			const json = JSON.stringify(property);
			let variant = own.get(key) ?? variants.find((v) => v.json === json);
			if (!variant) variants.push((variant = { property, json, operations: new Set() }));
			own.set(key, variant);
			variant.operations.add(e.id);
		}
	}
	// Operation values are endpoint ids, unique in the node: the operation alone says where a field is shown.
	for (const { property, operations } of required) props.push({ ...property, displayOptions: { show: { operation: operations } } });
	props.push(...additionalFieldsCollections(optionalOps, variants));
	props.push(...idempotencyKeyProperties(visible));
	const optionList: INodeProperties[] = [
		{
			displayName: 'Extra Fields (JSON)',
			name: 'extraFields',
			type: 'json',
			default: '{}',
			description:
				'Fields the manual does not list (newer firmware), merged into the request as they are. Documented fields set above win only when not repeated here.',
		},
	];
	if (opts.rawResponseOption !== false) {
		optionList.push({
			displayName: 'Raw Response',
			name: 'rawResponse',
			type: 'boolean',
			default: false,
			description: 'Whether to output the PBX answer as one item, as received, instead of one item per record',
		});
	}
	const withPasswords = visible.filter((e) => e.secretOutputs?.length).map((e) => e.id);
	if (withPasswords.length) {
		optionList.push({
			displayName: 'Reveal Passwords',
			name: 'revealPasswords',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/operation': withPasswords } },
			description:
				'Whether to output the passwords in this answer (SIP, voicemail, trunk passwords, PINs) in clear text instead of "********". Warning: they are then stored in the execution data, shown to everyone who can open this workflow\'s executions, and passed to AI agents using this node as a tool.',
		});
	}
	props.push({
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: optionList,
	});
	return props;
}

/**
 * A node subtitle that shows the chosen option's label instead of its value (the canvas showed internal ids
 * such as "getCustomer"). Arrays rather than an object literal: `{` right after `{{` is not safe in every
 * n8n expression engine.
 */
export function optionSubtitle(parameter: string, options: Array<{ value: string; name: string }>, multiple = false): string {
	const values = JSON.stringify(options.map((o) => o.value));
	const names = JSON.stringify(options.map((o) => o.name));
	const label = (v: string) => `(${names}[${values}.indexOf(${v})] || ${v})`;
	const p = `$parameter[${JSON.stringify(parameter)}]`;
	return multiple ? `={{ (${p} || []).map(v => ${label('v')}).join(", ") }}` : `={{ ${label(p)} }}`;
}

/** The node panel's name of a trigger event: "On IVR Key Press" (n8n otherwise start-cases the option name). */
export function eventAction(title: string, key?: string): string {
	const bare = key ? title.replace(` (${key})`, '') : title;
	return `On ${bare}`;
}

/** The "Idempotency Key" parameter of the money operations whose table entry says where the key is checked. */
export function idempotencyKeyProperties(endpoints: EndpointSpec[]): INodeProperties[] {
	const keyed = endpoints.filter((e) => e.idempotency);
	if (!keyed.length) return [];
	return [
		{
			displayName: 'Idempotency Key',
			name: 'idempotencyKey',
			type: 'string',
			default: '',
			placeholder: '={{ $json.paymentId }}',
			displayOptions: { show: { operation: keyed.map((e) => e.id) } },
			description:
				'Recommended. A unique ID of this payment from the system that asked for it (e.g. the Stripe or PayPal payment ID), up to 64 characters without [ or ]. The node checks the PBX before sending and returns the existing record, marked alreadyApplied, instead of charging again; after a lost answer it asks the PBX whether it applied.',
		},
	];
}
