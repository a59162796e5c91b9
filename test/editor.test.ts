import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workflow } from 'n8n-workflow';
import type { INode, INodeProperties, INodePropertyOptions, INodeType, INodeTypes } from 'n8n-workflow';
import { actionNodes, nodeClasses, credentialClasses } from './harness/run';

const ROOT = join(__dirname, '..');

/** What the canvas shows under a node: n8n resolves `subtitle` as an expression over the node's parameters. */
function subtitleOf(type: string, parameters: Record<string, unknown>): unknown {
	const node = new nodeClasses[type]();
	const types: INodeTypes = {
		getByName: () => node,
		getByNameAndVersion: () => node,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const n: INode = { id: '1', name: 'N', type, typeVersion: 1, position: [0, 0], parameters: parameters as never };
	const workflow = new Workflow({ nodes: [n], connections: {}, active: false, nodeTypes: types });
	return workflow.expression.getSimpleParameterValue(n, node.description.subtitle!, 'internal', {});
}

describe('the editor shows words, not internal ids', () => {
	it.each([
		['vos3000', { resource: 'account', operation: 'getCustomer' }, 'Get accounts by number, phone or agent'],
		['openVoxUc', { resource: 'extension', operation: 'queryExtension' }, 'Get extension settings'],
		['grandstreamUcm', { resource: 'extension', operation: 'getSIPAccount' }, "Get an extension's settings"],
		['fibermeFcm630a', { resource: 'extension', operation: 'listAccount' }, 'List extensions'],
		['vos3000Routing', { resource: 'routingGateway', operation: 'getGatewayRouting' }, 'Get routing gateways'],
		['grandstreamUcmTrunks', { resource: 'sipTrunk', operation: 'listVoIPTrunk' }, 'List VoIP trunks'],
		['fibermeFcm630aCallFeatures', { resource: 'queue', operation: 'listQueue' }, 'List call queues'],
		['vos3000Trigger', { events: ['CallStateReport', 'PushDtmfInfo'] }, 'Call State Change, IVR Key Press'],
		['openVoxUcTrigger', { events: ['newCdr'] }, 'New Call Record'],
		['grandstreamUcmTrigger', { event: 'newCdr' }, 'New CDR'],
	])('%s: the canvas subtitle of %j reads %j', (type, parameters, expected) => {
		expect(subtitleOf(type, parameters)).toBe(expected);
	});

	it('an unknown operation (a newer table) still shows its id rather than nothing', () => {
		expect(subtitleOf('vos3000', { resource: 'account', operation: 'somethingNew' })).toBe('somethingNew');
	});

	it.each(['vos3000Trigger', 'openVoxUcTrigger', 'grandstreamUcmTrigger', 'fibermeFcm630aTrigger'])(
		'%s: the node panel lists each event as "On <event>" (n8n start-cased the option name otherwise)',
		(type) => {
			const d = new nodeClasses[type]().description;
			const events = d.properties.find((p) => ['event', 'events'].includes(p.displayName.toLowerCase()))!;
			for (const o of events.options as INodePropertyOptions[]) {
				expect(o.action).toMatch(/^On [A-Z]/);
				expect(o.action).not.toMatch(/\((PushDtmfInfo|CallStateReport|PhoneOnline|CustomerMoneyChange|AlarmCurrentReport|PushDtmfInfos)\)/);
			}
		},
	);

	it('a trigger merged with its action node in the node panel describes both (n8n shows the trigger description as the header)', () => {
		for (const [trigger, action] of [
			['vos3000Trigger', 'vos3000'],
			['openVoxUcTrigger', 'openVoxUc'],
			['grandstreamUcmTrigger', 'grandstreamUcm'],
			['fibermeFcm630aTrigger', 'fibermeFcm630a'],
		]) {
			const t = new nodeClasses[trigger]().description.description;
			expect([trigger, t]).toEqual([trigger, expect.stringMatching(/^(Provision|Manage)/)]);
			expect(new nodeClasses[action]().description.name).toBe(trigger.replace('Trigger', ''));
		}
	});

	it.each(actionNodes.map((n) => n.name))('%s: Additional Fields are listed alphabetically', (type) => {
		const node: INodeType = new nodeClasses[type]();
		for (const c of node.description.properties.filter((p) => p.name === 'additionalFields')) {
			const names = (c.options as INodeProperties[]).map((o) => o.displayName);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
	});

	it('every documentation link points at a README heading', () => {
		// GitHub's and npm's heading anchors: lowercase, punctuation dropped, spaces to hyphens.
		const slug = (h: string) =>
			h
				.trim()
				.toLowerCase()
				.replace(/[^\w\- ]/g, '')
				.replace(/ /g, '-');
		const anchors = new Set(
			readFileSync(join(ROOT, 'README.md'), 'utf8')
				.split('\n')
				.filter((l) => /^#{1,6} /.test(l))
				.map((l) => slug(l.replace(/^#+ /, ''))),
		);
		const urls: string[] = [];
		for (const dir of readdirSync(join(ROOT, 'nodes')).filter((d) => !d.includes('.')))
			for (const f of readdirSync(join(ROOT, 'nodes', dir)).filter((x) => x.endsWith('.node.json'))) {
				const text = readFileSync(join(ROOT, 'nodes', dir, f), 'utf8');
				urls.push(...[...text.matchAll(/"url":\s*"([^"]+)"/g)].map((m) => m[1]));
			}
		for (const cls of Object.values(credentialClasses)) urls.push(String(new cls().documentationUrl ?? ''));
		const missing = urls.filter((u) => u.includes('#') && !anchors.has(u.split('#')[1]));
		expect(urls.length).toBeGreaterThan(8);
		expect(missing).toEqual([]);
	});
});
