import type { INodeListSearchResult, INodeProperties, INodeType } from 'n8n-workflow';
import { closeAllPools } from '../nodes/shared/http';
import { openVoxUcSessions, openVoxUcConnection } from '../nodes/OpenVoxUc/protocol';
import { ucmConnection, ucmSessions } from '../nodes/ucm/protocol';
import { actionNodeFor, actionNodes, listSearch, nodeClasses, runNode } from './harness/run';
import { waitFor } from './harness/wait';
import { startVos3000Emulator, type Vos3000Emulator } from './emulators/vos3000';
import { startOpenVoxUcEmulator, type OpenVoxUcEmulator } from './emulators/openvox-uc';
import { startUcmEmulator, type UcmEmulator } from './emulators/ucm';

afterAll(() => closeAllPools());

/** The property n8n shows for a field in one operation of a family (required ones at the top, optional ones in the collection). */
function propertyOf(family: string, operation: string, name: string): INodeProperties | undefined {
	const d = (new nodeClasses[actionNodeFor(family, operation)]() as INodeType).description;
	const shownFor = (p: INodeProperties) => {
		const show = p.displayOptions?.show?.operation ?? p.displayOptions?.show?.['/operation'];
		const hide = p.displayOptions?.hide?.['/operation'];
		return (!show || show.includes(operation)) && !hide?.includes(operation);
	};
	for (const p of d.properties) {
		if (!shownFor(p)) continue;
		if (p.name === name) return p;
		if (p.name === 'additionalFields') {
			const o = (p.options as INodeProperties[]).find((x) => x.name === name && shownFor(x));
			if (o) return o;
		}
	}
	return undefined;
}

const names = (r: INodeListSearchResult) => r.results.map((x) => x.value);

/** The list-search methods a node's pickers name. */
function searchMethodsNamed(d: INodeType['description']): string[] {
	const found = new Set<string>();
	const walk = (props: INodeProperties[]) => {
		for (const p of props) {
			for (const m of p.modes ?? []) if (m.typeOptions?.searchListMethod) found.add(m.typeOptions.searchListMethod);
			if (p.type === 'collection') walk(p.options as INodeProperties[]);
			if (p.type === 'fixedCollection') for (const o of p.options as Array<{ values: INodeProperties[] }>) walk(o.values);
		}
	};
	walk(d.properties);
	return [...found].sort();
}

/** The action node of a family whose pickers search with `method`. */
function nodeSearching(family: string, method: string): string {
	const node = actionNodes.find((n) => n.family === family && searchMethodsNamed(new nodeClasses[n.name]().description).includes(method));
	if (!node) throw new Error(`${family}: no node searches with ${method}`);
	return node.name;
}

it('each action node carries exactly the list searches its own pickers name', () => {
	for (const n of actionNodes) {
		const node = new nodeClasses[n.name]();
		expect([n.name, Object.keys(node.methods?.listSearch ?? {}).sort()]).toEqual([n.name, searchMethodsNamed(node.description)]);
	}
});

describe('pickers: the editor lists existing things through the same session layer (listSearch against the emulators)', () => {
	describe('VOS3000', () => {
		let emu: Vos3000Emulator;
		let credentials: Record<string, Record<string, unknown>>;
		beforeAll(async () => {
			emu = await startVos3000Emulator();
			credentials = { vos3000Api: { scheme: 'http', host: '127.0.0.1', port: emu.port, timeoutMs: 5000 } };
		});
		afterAll(async () => {
			await closeAllPools();
			await emu.close();
		});

		it('lists accounts, online phones, routing and mapping gateways and rate groups', async () => {
			expect(names(await listSearch(nodeSearching('vos3000', 'accountSearch'), 'accountSearch', { credentials: credentials as never }))).toEqual(['1001', '1002']);
			expect(names(await listSearch(nodeSearching('vos3000', 'phoneSearch'), 'phoneSearch', { credentials: credentials as never }))).toEqual(expect.arrayContaining(['8000']));
			expect(names(await listSearch(nodeSearching('vos3000', 'routingGatewaySearch'), 'routingGatewaySearch', { credentials: credentials as never }))).toEqual(['gw-route-cn', 'gw-route-intl']);
			expect(names(await listSearch(nodeSearching('vos3000', 'mappingGatewaySearch'), 'mappingGatewaySearch', { credentials: credentials as never }))).toEqual(['gw-map-office']);
			expect(names(await listSearch(nodeSearching('vos3000', 'rateGroupSearch'), 'rateGroupSearch', { credentials: credentials as never }))).toEqual(['default', 'vip']);
			// The list search box filters on what the list shows.
			expect(names(await listSearch(nodeSearching('vos3000', 'routingGatewaySearch'), 'routingGatewaySearch', { credentials: credentials as never, filter: 'INTL' }))).toEqual(['gw-route-intl']);
		});

		it('offers the pickers where a field names an existing thing, and not where a new one is created', () => {
			expect(propertyOf('vos3000', 'getCustomer', 'accounts')).toMatchObject({ type: 'resourceLocator' });
			expect(propertyOf('vos3000', 'createCustomer', 'account')?.type).toBe('string');
			expect(propertyOf('vos3000', 'createPhone', 'account')).toMatchObject({ type: 'resourceLocator' });
			expect(propertyOf('vos3000', 'getGatewayRouting', 'names')).toMatchObject({
				type: 'resourceLocator',
				modes: expect.arrayContaining([expect.objectContaining({ typeOptions: expect.objectContaining({ searchListMethod: 'routingGatewaySearch' }) })]),
			});
			expect(propertyOf('vos3000', 'getGatewayMapping', 'names')).toMatchObject({
				modes: expect.arrayContaining([expect.objectContaining({ typeOptions: expect.objectContaining({ searchListMethod: 'mappingGatewaySearch' }) })]),
			});
		});

		it('a picked value (list or ID mode, or an expression) reaches the wire as the plain value', async () => {
			const r = await runNode(
				'vos3000',
				{ resource: 'account', operation: 'getCustomer', additionalFields: { accounts: { __rl: true, mode: 'list', value: '1002' } } },
				{ credentials: credentials as never },
			);
			expect(r.error).toBeUndefined();
			expect(r.json.map((j) => j.account)).toEqual(['1002']);
			const byExpression = await runNode(
				'vos3000',
				{ resource: 'account', operation: 'getCustomer', additionalFields: { accounts: { __rl: true, mode: 'id', value: '={{ "100" + "1" }}' } } },
				{ credentials: credentials as never },
			);
			expect(byExpression.json.map((j) => j.account)).toEqual(['1001']);
		});
	});

	describe('OpenVox UC', () => {
		let emu: OpenVoxUcEmulator;
		let credentials: Record<string, Record<string, unknown>>;
		beforeAll(async () => {
			emu = await startOpenVoxUcEmulator();
			credentials = { openVoxUcApi: { scheme: 'http', host: '127.0.0.1', port: emu.port, username: emu.username, password: emu.password } };
		});
		afterAll(async () => {
			openVoxUcSessions.clear(openVoxUcConnection(credentials.openVoxUcApi as never).sessionKey);
			await closeAllPools();
			await emu.close();
		});

		it('lists extensions, trunks, IVRs, queues and live outbound calls with one login', async () => {
			const c = { credentials: credentials as never };
			const ext = await listSearch('openVoxUc', 'extensionSearch', c);
			expect(names(ext)).toEqual(expect.arrayContaining(['1000', '1001', '1002']));
			expect(ext.results.find((x) => x.value === '1000')?.name).toMatch(/^1000 \(Alice/);
			expect(names(await listSearch('openVoxUc', 'trunkSearch', c))).toEqual(['to-provider', 'to-branch']);
			expect(names(await listSearch('openVoxUc', 'ivrSearch', c)).length).toBeGreaterThan(0);
			expect(names(await listSearch('openVoxUc', 'queueSearch', c))).toEqual(['6700']);
			expect(names(await listSearch('openVoxUc', 'outboundCallSearch', c))).toEqual([]);
			const dial = await runNode('openVoxUc', { resource: 'call', operation: 'dialOutbound', extid: '1000', outto: '5550100' }, c);
			expect(dial.error).toBeUndefined();
			const calls = await waitFor(async () => {
				const found = names(await listSearch('openVoxUc', 'outboundCallSearch', c));
				return found.length ? found : undefined;
			}, 10000);
			expect(calls).toHaveLength(1);
			expect(emu.logins).toBe(1);
		});

		it('a wrong password is reported with the PBX code and without the password', async () => {
			const wrong = { openVoxUcApi: { ...credentials.openVoxUcApi, password: 'Wrong-Pa55' } };
			const error = await listSearch('openVoxUc', 'extensionSearch', { credentials: wrong as never }).catch((e: Error) => e);
			expect(error).toBeInstanceOf(Error);
			expect((error as Error).message).toMatch(/20003/);
			expect(JSON.stringify(error)).not.toContain('Wrong-Pa55');
			openVoxUcSessions.clear(openVoxUcConnection(wrong.openVoxUcApi as never).sessionKey);
		});

		it('offers the pickers on the fields that name them', () => {
			expect(propertyOf('openvox-uc', 'updateExtension', 'extid')).toMatchObject({ type: 'resourceLocator' });
			expect(propertyOf('openvox-uc', 'hangupOutbound', 'outboundid')).toMatchObject({ type: 'resourceLocator' });
			expect(propertyOf('openvox-uc', 'addSipTrunk', 'trunkname')?.type).toBe('string');
			expect(propertyOf('openvox-uc', 'deleteSipTrunk', 'trunkname')).toMatchObject({ type: 'resourceLocator' });
		});
	});

	describe.each(['grandstream', 'fiberme'] as const)('%s UCM', (brand) => {
		let emu: UcmEmulator;
		let credentials: Record<string, Record<string, unknown>>;
		const type = brand === 'grandstream' ? 'grandstreamUcm' : 'fibermeFcm630a';
		const family = brand === 'grandstream' ? 'grandstream-ucm' : 'fiberme-fcm630a';
		const search = (method: string, c: Parameters<typeof listSearch>[2]) => listSearch(nodeSearching(family, method), method, c);
		beforeAll(async () => {
			emu = await startUcmEmulator({ brand });
			credentials = { [`${type}Api`]: { scheme: 'http', host: '127.0.0.1', port: emu.port, username: emu.username, password: emu.password } };
		});
		afterAll(async () => {
			ucmSessions.clear(ucmConnection(credentials[`${type}Api`] as never).sessionKey);
			await closeAllPools();
			await emu.close();
		});

		it('lists extensions, trunks, queues, IVRs, paging groups, outbound routes and live calls', async () => {
			const c = { credentials: credentials as never };
			const ext = await search('extensionSearch', c);
			expect(names(ext)).toEqual(['1000', '1001', '1002', '1003', '1004', '1005']);
			expect(ext.results[0].name).toBe('1000 (Alice, Idle)');
			expect(names(await search('extensionSearch', { ...c, filter: 'bob' }))).toEqual(['1001']);
			expect(names(await search('trunkSearch', c))).toEqual(['1', '2']);
			expect(names(await search('queueSearch', c))).toEqual(['6500']);
			expect(names(await search('ivrSearch', c))).toEqual(['ivr-1']);
			expect(names(await search('outboundRouteSearch', c))).toEqual(['1', '2']);
			if (brand === 'grandstream') expect(names(await search('pagingGroupSearch', c))).toEqual(['8004', '8005']);
			expect(names(await search('liveCallSearch', c))).toEqual([]);
			const dial = await runNode(type, { resource: 'call', operation: 'dialExtension', caller: '1000', callee: '1001' }, c);
			expect(dial.error).toBeUndefined();
			const live = await waitFor(async () => {
				const found = (await search('liveCallSearch', c)).results;
				return found.length ? found : undefined;
			}, 10000);
			expect(live[0].name).toMatch(/^PJSIP\/1000-\w+ \(1000, 1001\)$/);
			// The picked channel hangs the call up.
			const hangup = await runNode(type, { resource: 'call', operation: 'hangup', channel: { __rl: true, mode: 'list', value: live[0].value } }, c);
			expect(hangup.error).toBeUndefined();
			expect(emu.logins).toBe(1);
		});

		it('offers the pickers where the wire name names an existing thing, not an IVR or paging group number', () => {
			expect(propertyOf(family, 'getSIPAccount', 'extension')).toMatchObject({ type: 'resourceLocator' });
			expect(propertyOf(family, 'hangup', 'channel')).toMatchObject({ type: 'resourceLocator' });
			expect(propertyOf(family, 'playPromptByOrg', 'channel')?.type).toBe('string');
			expect(propertyOf(family, 'updateIVR', 'extension')?.type).toBe('string');
			expect(propertyOf(family, 'getSIPTrunk', 'trunk')).toMatchObject({ type: 'resourceLocator' });
		});
	});
});
