import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { actionNodes, nodeClasses, runNode } from './harness/run';
import { humanize, type Labels } from '../nodes/shared/describe';
import { leafFieldNames, type EndpointSpec, type FieldSpec } from '../nodes/shared/spec';
import { vos3000Endpoints } from '../nodes/Vos3000/spec';
import { openVoxUcEndpoints } from '../nodes/OpenVoxUc/spec';
import { ucmEndpoints } from '../nodes/ucm/spec';
import { vos3000Labels } from '../nodes/Vos3000/labels';
import { openVoxUcLabels } from '../nodes/OpenVoxUc/labels';
import { ucmLabels } from '../nodes/ucm/labels';
import { closeAllPools } from '../nodes/shared/http';
import { startOpenVoxUcEmulator } from './emulators/openvox-uc';
import { openVoxUcSessions, openVoxUcConnection } from '../nodes/OpenVoxUc/protocol';

/**
 * Words (and the standard telephony acronyms) a wire name may be made of and still read as a label once
 * humanized: "limitMoney" -> "Limit Money" is fine, "hasvoicemail" -> "Hasvoicemail" is not. Reviewed by hand.
 */
const WORDS = new Set(
	`access account accounts action active add added additional address agent agents alarm alert alerting allow allowed
	announce answer area areas ask asserted assign attach audio auth authentication auto available balance bank barcode barge begin
	billing bind bits black book busy calculate call callback callee caller calls capacity card cause change channel check
	checkin checkout city class clean clearing code codec codecs codes collect color company condition conference
	congestion connect connected consumption contacts cost count create credit custom customer data date dates day days
	default delete deny department destination detect detection device dial digit direct direction directory display disturb do
	domain duration dynamic email enable encrypt encryption end endpoint enough equipment error event expire extension
	external failed failover failure fake family fast fax feature fee filter first flow for force format forward
	forwarding forwardings frequency from gateway gift group groups host idempotency identifiers identity if in inband inbound include
	incoming index indicator info intelligent interface interrupt interstate invalid invite item key keypress language
	last length level limit line link list listener local lock login lower mail mapping match max maximum media member
	members memo merge method min minimum minute mobile mode money monitor monitors monthly months multi multicast name
	names new no normal not number numbering of offline offset old on online options order other out outbound outgoing
	over owner page party passthrough password pattern payload percent period periodic permission phone phonebook pin pins
	plan policy port position post preferred prefix prefixes prepend presence presentation priority privacy privilege
	proceeding process product profit progress prompt prompts proportion protocol qualify quality query queue queues rate
	rates reason receive record recording records register registration relay remaining remote rent replace report
	request reserve response retries retry rewrite ring ringing room route routing rules same schedule scheduled screening
	seamless second secret send service session set sets setting settings setup short signal softswitch specific start state
	statistics status stop strategy strip style suffix suite support switch sync telephone time timeout timer times to
	token transaction transcoding transfer transferor transport trunk trunks trying tunneling type unable unconditional
	undetermined update upper use user username valid value variable verify voice voicemail wakeup wave week weekdays
	welcome whisperer whitelist write waiting filename
	id ids ip ips ivr sip dtmf did dids e164 e164s h323 h245 q931 rtp sdp ldap nat dnd cdr url sn vm sca t38 udptl olc ppi
	pai dod lrn cc bcc sfu webrtc g723 g729 sip100 sip183 uri tel annexa annexb
	network1 network2 network3 network4 network5 network6 network7 network8 network9 network10`
		.split(/\s+/)
		.filter(Boolean),
);

const readsAsWords = (wire: string) =>
	humanize(wire)
		.split(' ')
		.every((w) => WORDS.has(w.toLowerCase()));

const nodesOf = (family: string) => actionNodes.filter((n) => n.family === family).map((n) => n.name);

const families: Array<[string, string[], EndpointSpec[], Labels]> = [
	['vos3000', nodesOf('vos3000'), vos3000Endpoints, vos3000Labels],
	['openvox-uc', nodesOf('openvox-uc'), openVoxUcEndpoints, openVoxUcLabels],
	['ucm', [...nodesOf('grandstream-ucm'), ...nodesOf('fiberme-fcm630a')], ucmEndpoints, ucmLabels],
];

/** Every field property of a node (collections and fixed collections opened), without the node's own ones. */
function fieldProperties(node: INodeType): INodeProperties[] {
	const out: INodeProperties[] = [];
	const walk = (props: INodeProperties[]) => {
		for (const p of props) {
			if (p.type === 'collection') walk(p.options as INodeProperties[]);
			else if (p.type === 'fixedCollection') {
				out.push(p);
				for (const o of p.options as Array<{ values: INodeProperties[] }>) walk(o.values);
			} else if (!['resource', 'operation', 'notice'].includes(p.name) && p.type !== 'notice') out.push(p);
		}
	};
	walk(node.description.properties.filter((p) => p.name !== 'options'));
	return out;
}

const wireName = (p: INodeProperties) => p.name.replace(/^field_/, '');

/** Wording of maintainers' remarks on the manual, which belong in a field's `note`. */
const INTERNAL_NOTE =
	/[^"]{0,60}(\bdoc\b|the (doc|pdf|table)\b|in the manual|example request|printed as|line wrap|\[sic\]|typo|copy.paste|copy error|presumably|unverified|not stated|no own description|mandatory column|note column|wire name (taken|spelled)|note text|example sends|examples use|while the field is|list of the enum|example returns)[^"]{0,40}/gi;

describe.each(families)('%s labels', (_family, nodeTypes, endpoints, labels) => {
	const nodes = nodeTypes.map((t) => new nodeClasses[t]());

	it('no label is the capitalised wire name of a name that is not words', () => {
		const raw: string[] = [];
		for (const node of nodes)
			for (const p of fieldProperties(node)) {
				const wire = wireName(p);
				if (p.displayName === humanize(wire) && !readsAsWords(wire)) raw.push(`${node.description.name}: ${wire} -> "${p.displayName}"`);
			}
		expect([...new Set(raw)]).toEqual([]);
	});

	it('a label that is not the humanized wire name names the wire name in its description', () => {
		for (const node of nodes)
			for (const p of fieldProperties(node)) {
				if (p.displayName !== humanize(wireName(p))) expect(p.description).toContain(`Wire name: \`${wireName(p)}\``);
			}
	});

	it('every label map entry names a wire field of the family', () => {
		const names = new Set<string>();
		const add = (fields: FieldSpec[], prefix = '') => {
			for (const f of fields) {
				names.add(f.name);
				names.add(prefix + f.name);
				if (f.children) add(f.children, `${prefix}${f.name}.`);
			}
		};
		for (const e of endpoints) add(e.fields);
		expect(Object.keys(labels.fields).filter((k) => !names.has(k))).toEqual([]);
		expect(Object.keys(labels.options ?? {}).filter((k) => k !== '*' && !names.has(k))).toEqual([]);
		expect(endpoints.flatMap((e) => leafFieldNames(e.fields)).length).toBeGreaterThan(0);
	});

	it('descriptions carry no internal notes; booleans say "Whether"; option names are short and capitalised', () => {
		for (const node of nodes) {
			const text = JSON.stringify(node.description.properties);
			expect(text).not.toMatch(/\[DOC NOTE|Values: Required\./);
			// Remarks about the manual itself (gaps, misprints, guesses) live in the table's `note`, not in the editor.
			expect(text.match(INTERNAL_NOTE) ?? []).toEqual([]);
			for (const p of fieldProperties(node)) {
				if (p.type === 'boolean') expect([wireName(p), p.description]).toEqual([wireName(p), expect.stringMatching(/^Whether\b/)]);
				if (p.type === 'options')
					for (const o of p.options as INodePropertyOptions[]) {
						expect([wireName(p), o.name]).toEqual([wireName(p), expect.stringMatching(/^[^a-z]/)]);
						expect(o.name.length).toBeLessThanOrEqual(48);
					}
				// yes/no and on/off choices are toggles.
				if (p.type === 'options') {
					const values = (p.options as INodePropertyOptions[]).map((o) => String(o.value)).sort().join();
					expect([wireName(p), values]).not.toEqual([wireName(p), expect.stringMatching(/^(no,yes|off,on)$/)]);
				}
			}
		}
	});
});

describe('toggles send the PBX its own words', () => {
	afterAll(() => closeAllPools());

	it('OpenVox UC: on/off and yes/no toggles reach the wire as "on"/"off" and "yes"/"no"', async () => {
		const emu = await startOpenVoxUcEmulator();
		const creds = { openVoxUcApi: { scheme: 'http', host: '127.0.0.1', port: emu.port, username: emu.username, password: emu.password } };
		try {
			const edit = await runNode(
				'openVoxUc',
				{ resource: 'extension', operation: 'updateExtension', extid: '1000', additionalFields: { hasvoicemail: false, dnd: true } },
				{ credentials: creds },
			);
			expect(edit.error).toBeUndefined();
			const sent = emu.requests.filter((r) => r.path === 'extension/update').pop()!;
			expect(sent.body).toMatchObject({ hasvoicemail: 'off', dnd: 'on' });
			// An expression may still give the wire word itself.
			const again = await runNode(
				'openVoxUc',
				{ resource: 'extension', operation: 'updateExtension', extid: '1000', additionalFields: { hasvoicemail: '={{ "on" }}' } },
				{ credentials: creds },
			);
			expect(again.error).toBeUndefined();
			expect(emu.requests.filter((r) => r.path === 'extension/update').pop()!.body).toMatchObject({ hasvoicemail: 'on' });
			const dial = await runNode(
				'openVoxUc',
				{ resource: 'call', operation: 'dialExtension', caller: '1000', callee: '1001', additionalFields: { autoanswer: true } },
				{ credentials: creds },
			);
			expect(dial.error).toBeUndefined();
			expect(emu.requests.filter((r) => r.path === 'extension/dial_extension').pop()?.body).toMatchObject({ autoanswer: 'yes' });
		} finally {
			openVoxUcSessions.clear(openVoxUcConnection(creds.openVoxUcApi as never).sessionKey);
			await closeAllPools();
			await emu.close();
		}
	});
});
