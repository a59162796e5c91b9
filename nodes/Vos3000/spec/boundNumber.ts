import { patchFields, type EndpointSpec, type FieldSpec } from '../../shared/spec';

/** Bound number settings, shared by Create and Update (Update: pin optional, own wording). */
const boundNumberFields: FieldSpec[] = [
	{ name: 'e164', type: 'string', required: true, description: 'Number to bind' },
	{ name: 'pin', type: 'string', required: true, description: 'Active phone card number (PIN) the number is bound to' },
	{ name: 'displayE164', type: 'string', description: 'Outgoing caller display number' },
	{ name: 'rewriteRulesOutCallee', type: 'text', description: 'Outbound dial plan' },
	{ name: 'language', type: 'string', description: 'Language' },
	{ name: 'memo', type: 'string', description: 'Remark' },
];

/** VOS3000 Bound Number: manual sections 3.36, 3.37, 3.38, 3.39. */
export const boundNumberEndpoints: EndpointSpec[] = [
	{
		id: 'createBindedE164',
		resource: 'Bound Number',
		operation: 'Create',
		action: 'Bind a number to a phone card',
		description: 'Binds a number (typically a caller number) to an active phone card so calls from it are billed to the card without PIN entry.',
		section: '3.36',
		path: '/external/server/CreateBindedE164',
		method: 'POST',
		effect: 'create',
		fields: boundNumberFields,
	},
	{
		id: 'modifyBindedE164',
		resource: 'Bound Number',
		operation: 'Update',
		action: 'Update a bound number',
		description: 'Changes the card, display number, dial plan, language or remark of a bound number.',
		section: '3.37',
		path: '/external/server/ModifyBindedE164',
		method: 'POST',
		effect: 'modify',
		fields: patchFields(boundNumberFields, {
			e164: { description: 'Bound number' },
			pin: { required: undefined, description: 'Active phone card number (PIN)' },
		}),
	},
	{
		id: 'deleteBindedE164',
		resource: 'Bound Number',
		operation: 'Delete',
		action: 'Delete a bound number',
		description: 'Removes a bound number.',
		section: '3.38',
		path: '/external/server/DeleteBindedE164',
		method: 'POST',
		effect: 'delete',
		fields: [
			{ name: 'e164', type: 'string', required: true, description: 'Bound number' },
		],
	},
	{
		id: 'getBindedE164',
		resource: 'Bound Number',
		operation: 'Get Many',
		action: 'Get bound numbers',
		description: 'Returns bound numbers by number, by card or by account. At least one of e164s, pin and account must be set.',
		section: '3.39',
		path: '/external/server/GetBindedE164',
		method: 'POST',
		effect: 'read',
		records: 'infoBindedE164s',
		fields: [
			{ name: 'e164s', type: 'string', list: true, description: 'Bound numbers' },
			{ name: 'pin', type: 'string', description: 'Active phone card number' },
			{ name: 'account', type: 'string', description: 'Account number' },
		],
	},
];
