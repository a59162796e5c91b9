import { NodeHelpers } from 'n8n-workflow';
import type { ICredentialsDecrypted, ICredentialTestFunctions, INode, INodeCredentialTestResult, INodeType } from 'n8n-workflow';
import { closeAllPools } from '../nodes/shared/http';
import { actionNodes, credentialClasses, nodeClasses, runNode } from './harness/run';
import { actionNodeEndpoints } from '../nodes/shared/spec';
import { testVos3000Credential } from '../nodes/Vos3000/Vos3000.node';
import { testOpenVoxUcCredential } from '../nodes/OpenVoxUc/OpenVoxUc.node';
import { GrandstreamUcm, brand as grandstreamBrand } from '../nodes/GrandstreamUcm/GrandstreamUcm.node';
import { FibermeFcm630a, brand as fibermeBrand } from '../nodes/FibermeFcm630a/FibermeFcm630a.node';
import { vos3000Endpoints } from '../nodes/Vos3000/spec';
import { catalog } from '../nodes/catalog';
import { families as registry } from '../nodes/families';
import { startVos3000Emulator } from './emulators/vos3000';
import { startOpenVoxUcEmulator } from './emulators/openvox-uc';
import { startUcmEmulator } from './emulators/ucm';
import { ucmConnection, ucmSessions } from '../nodes/ucm/protocol';
import { resourceValue } from '../nodes/shared/describe';
import * as pkg from '../package.json';

afterAll(() => closeAllPools());

describe('node descriptions derived from the endpoint tables', () => {
	const families: Array<[string, INodeType, typeof vos3000Endpoints]> = actionNodes.map((n) => [n.name, new nodeClasses[n.name](), n.endpoints]);

	it('every operation of every family is offered by exactly one of its action nodes, each a node of the registry', () => {
		for (const f of registry) {
			const offered = f.endpoints.filter((e) => !e.hidden).map((e) => e.id);
			const inNodes = actionNodes.filter((n) => n.family === f.family).flatMap((n) => n.endpoints.filter((e) => !e.hidden).map((e) => e.id));
			expect([f.family, [...inNodes].sort()]).toEqual([f.family, [...offered].sort()]);
			for (const n of f.actionNodes) {
				expect(f.nodes.map((path) => path.split('/').pop()!)).toContain(n.name[0].toUpperCase() + n.name.slice(1));
				const resources = new Set(f.endpoints.map((e) => e.resource));
				expect([n.name, n.resources.filter((r) => !resources.has(r))]).toEqual([n.name, []]);
				// Exactly its own operations: a sibling's operation is unknown to it.
				const ops = new nodeClasses[n.name]().description.properties.filter((p) => p.name === 'operation');
				expect(ops.flatMap((p) => (p.options as Array<{ value: string }>).map((o) => o.value)).sort()).toEqual(
					actionNodeEndpoints(f.endpoints, n).filter((e) => !e.hidden).map((e) => e.id).sort(),
				);
			}
		}
	});

	it.each(families)('%s: every operation resolves its parameters and lists its required fields', (type, node, endpoints) => {
		const visible = endpoints.filter((e) => !e.hidden);
		for (const e of visible) {
			const params = { resource: resourceValue(e.resource), operation: e.id };
			const nodeObj = { name: 'n', type, typeVersion: 1, parameters: params } as unknown as INode;
			const resolved = NodeHelpers.getNodeParameters(node.description.properties, params, true, false, nodeObj, node.description);
			expect(resolved).not.toBeNull();
			const required = e.fields.filter((f) => f.required && !f.internal).map((f) => (['resource', 'operation', 'additionalFields', 'options'].includes(f.name) ? `field_${f.name}` : f.name));
			for (const name of required) expect(Object.keys(resolved!)).toContain(name);
			// The operation is offered under its resource.
			const op = node.description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === params.resource);
			expect(op?.options?.map((o) => (o as { value: string }).value)).toContain(e.id);
		}
	});

	it("package.json's n8n block lists exactly the registry's nodes and credentials", () => {
		expect([...pkg.n8n.nodes].sort()).toEqual(registry.flatMap((f) => f.nodes.map((n) => `dist/nodes/${n}.node.js`)).sort());
		expect([...pkg.n8n.credentials].sort()).toEqual(registry.flatMap((f) => f.credentials.map((c) => `dist/credentials/${c}.credentials.js`)).sort());
		expect(registry.map((f) => f.family)).toEqual(catalog.map((f) => f.family));
	});

	it('every node and credential in package.json exists in the sources, and every class is listed', () => {
		const listedNodes = pkg.n8n.nodes.map((p: string) => p.split('/').pop()!.replace('.node.js', ''));
		const listedCreds = pkg.n8n.credentials.map((p: string) => p.split('/').pop()!.replace('.credentials.js', ''));
		const nodeNames = Object.values(nodeClasses).map((c) => new c().description.name);
		const lowerFirst = (n: string) => n[0].toLowerCase() + n.slice(1);
		expect(listedNodes.map(lowerFirst).sort()).toEqual([...nodeNames].sort());
		expect(Object.keys(nodeClasses).sort()).toEqual([...nodeNames].sort());
		expect(listedCreds.map((c: string) => c[0].toLowerCase() + c.slice(1)).sort()).toEqual(Object.keys(credentialClasses).sort());
		for (const cls of Object.values(nodeClasses)) {
			const node = new cls();
			const d = node.description;
			expect(d.icon).toBeTruthy();
			// Every credential is the package's own and is tested by a method this node carries (n8n's "Test" button).
			for (const c of d.credentials ?? []) {
				expect([d.name, Object.keys(credentialClasses)]).toEqual([d.name, expect.arrayContaining([c.name])]);
				expect([d.name, typeof (node.methods?.credentialTest as Record<string, unknown> | undefined)?.[c.testedBy as string]]).toEqual([d.name, 'function']);
			}
			// The IVR answer replies to the report that started its own workflow: no use to an AI agent.
			if (!d.group.includes('trigger')) expect([d.name, d.usableAsTool]).toEqual([d.name, d.name === 'vos3000IvrAnswer' ? undefined : true]);
		}
	});

	it('the UCM node classes state the credential their brand entry connects with', () => {
		for (const brand of [grandstreamBrand, fibermeBrand]) {
			expect(brand.actionNodes[0].name).toBe(brand.name);
			for (const n of brand.actionNodes) {
				const d = new nodeClasses[n.name]().description;
				expect([n.name, d.name, d.credentials!.map((c) => c.name)]).toEqual([n.name, n.name, [brand.credentialName]]);
			}
		}
	});

	it('an action node runs only its own operations: a sibling node\'s operation is refused before any request', async () => {
		const r = await runNode('vos3000', { resource: 'routingGateway', operation: 'getGatewayRouting' }, { credentials: { vos3000Api: { scheme: 'http', host: '127.0.0.1', port: 9, timeoutMs: 500 } } });
		// n8n itself drops an operation value the node does not offer (port 9 would refuse a connection otherwise).
		expect(r.error?.message).toMatch(/Could not get parameter|Unknown operation/);
	});

	it('the catalog carries wire paths and wire field names for every endpoint and event', () => {
		const vos = catalog.find((f) => f.family === 'vos3000')!;
		expect(vos.endpoints.map((e) => e.id)).toEqual(vos3000Endpoints.map((e) => e.id));
		expect(vos.endpoints.find((e) => e.id === 'createCustomer')).toMatchObject({ path: '/external/server/CreateCustomer' });
		expect(vos.endpoints.find((e) => e.id === 'createCustomer')!.fields).toContain('infoCustomerAdditional.email');
		expect(vos.events.map((e) => e.key)).toContain('CallStateReport');
		const uc = catalog.find((f) => f.family === 'openvox-uc')!;
		expect(uc.endpoints.find((e) => e.id === 'downloadRecording')).toMatchObject({ path: '/api/v1.1.0/recording/download' });
		expect(uc.events.map((e) => e.key)).toContain('NewCdr');
	});
});

describe('credential tests', () => {
	it('VOS3000: a harmless read succeeds; a refused IP is explained', async () => {
		const emu = await startVos3000Emulator();
		const creds = { scheme: 'http', host: '127.0.0.1', port: emu.port, timeoutMs: 2000 };
		expect(await testVos3000Credential(creds)).toMatchObject({ status: 'OK' });
		emu.faults.httpStatus = 403;
		const refused = await testVos3000Credential(creds);
		expect(refused.status).toBe('Error');
		expect(refused.message).toMatch(/Web access control/);
		await closeAllPools();
		await emu.close();
		const down = await testVos3000Credential(creds);
		expect(down).toMatchObject({ status: 'Error', message: expect.stringMatching(/Cannot reach/) });
	});

	// Through the node's own credentialTest method, as n8n's "Test" button calls it (the credential's testedBy).
	it.each([
		['grandstream', GrandstreamUcm],
		['fiberme', FibermeFcm630a],
	] as const)('UCM (%s): the node\'s credential test logs in for real; a wrong password says why, without the password', async (brandKey, Node) => {
		const emu = await startUcmEmulator({ brand: brandKey });
		const node = new Node();
		const testedBy = node.description.credentials![0].testedBy as string;
		const test = (node.methods!.credentialTest as Record<string, (this: ICredentialTestFunctions, c: ICredentialsDecrypted) => Promise<INodeCredentialTestResult>>)[testedBy];
		const run = (password: string) =>
			test.call({} as ICredentialTestFunctions, {
				id: 'c1',
				name: 'UCM',
				type: node.description.credentials![0].name,
				data: { scheme: 'http', host: '127.0.0.1', port: emu.port, username: emu.username, password },
			});
		try {
			expect(await run(emu.password)).toMatchObject({ status: 'OK', message: expect.stringMatching(/^Logged in/) });
			expect(emu.logins).toBe(1);
			const attempts = emu.loginAttempts;
			const bad = await run('Wr0ng-pass!');
			expect(bad.status).toBe('Error');
			expect(bad.message).toMatch(/-37/);
			expect(bad.message).not.toMatch(/Wr0ng-pass!/);
			expect(bad.message).not.toContain(emu.password);
			// One attempt: a wrong password is never retried (the UCM locks the IP out after a few).
			expect(emu.loginAttempts - attempts).toBe(1);
			expect(emu.logins).toBe(1);
		} finally {
			for (const password of [emu.password, 'Wr0ng-pass!']) ucmSessions.clear(ucmConnection({ scheme: 'http', host: '127.0.0.1', port: emu.port, username: emu.username, password }).sessionKey);
			await closeAllPools();
			await emu.close();
		}
	});

	it('OpenVox UC: logs in and reads the device; a wrong password says why, without the password', async () => {
		const emu = await startOpenVoxUcEmulator();
		const ok = await testOpenVoxUcCredential({ scheme: 'http', host: '127.0.0.1', port: emu.port, username: emu.username, password: emu.password });
		expect(ok).toMatchObject({ status: 'OK', message: expect.stringMatching(/Logged in/) });
		const bad = await testOpenVoxUcCredential({ scheme: 'http', host: '127.0.0.1', port: emu.port, username: emu.username, password: 'Secr3t-wrong' });
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/20003/);
		expect(bad.message).toMatch(/locks this IP out/);
		expect(bad.message).not.toMatch(/Secr3t-wrong/);
		await closeAllPools();
		await emu.close();
	});
});
