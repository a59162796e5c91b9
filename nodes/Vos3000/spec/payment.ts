import type { EndpointSpec, FieldSpec } from '../../shared/spec';

/** What is recharged. */
const ownerTypeField: FieldSpec = {
	name: 'ownerType',
	type: 'integer',
	required: true,
	description: 'Type of the object named by ownerName',
	options: [
		{ value: 2, name: 'Account' },
		{ value: 6, name: 'Platform phone' },
		{ value: 11, name: 'Active phone card number (PIN)' },
		{ value: 25, name: 'Bound number' },
		{ value: 44, name: 'Mapping gateway' },
	],
};

/** VOS3000 Payment: manual sections 3.22, 3.58. */
export const paymentEndpoints: EndpointSpec[] = [
	{
		id: 'pay',
		resource: 'Payment',
		operation: 'Recharge',
		action: 'Recharge an account',
		description: 'Credits money to an account, phone, active phone card, bound number or mapping gateway and returns the payment record. Moves money immediately: set the Idempotency Key (e.g. the upstream payment ID) so that a repeat or a lost answer never charges twice.',
		section: '3.22',
		path: '/external/server/Pay',
		method: 'POST',
		effect: 'money',
		idempotency: {
			keyField: 'memo',
			lookup: 'the payment history (GetPayHistory) of the recharged account: the memo starts with the key',
			limits: 'A recharge of a phone, card, bound number or mapping gateway is looked up under the account it belongs to (one extra read).',
		},
		records: 'infoPay',
		notes: 'VOS3000 has no idempotency key of its own (the node keeps its key in memo). A negative amount deducts: the manual does not say so, field clients use it, and the pay history shows it as type 1 (deduction); a key names one direction, a recharge key is refused for a deduction. Triggers the CustomerMoneyChange push when enabled.',
		fields: [
			{ name: 'ownerName', type: 'string', required: true, description: 'Name of the object to recharge (account number, phone number, active card PIN, bound number or mapping gateway name according to ownerType)' },
			ownerTypeField,
			{ name: 'money', type: 'number', required: true, description: 'Recharge amount' },
			{ name: 'memo', type: 'string', description: 'Recharge remark' },
		],
	},
	{
		id: 'payByPhoneCard',
		resource: 'Payment',
		operation: 'Recharge With Card',
		action: 'Recharge with a prepaid card',
		description: 'Consumes a recharge (phone) card and credits its value to the target account, phone or card. A card can be used once; set the Idempotency Key so a lost answer is settled from the payment history.',
		section: '3.58',
		path: '/external/server/PayByPhoneCard',
		method: 'POST',
		effect: 'money',
		idempotency: {
			keyField: 'memo',
			lookup: 'the payment history (GetPayHistory) of the recharged account: the memo starts with the key',
			limits: 'The card itself can be used once: VOS3000 refuses a second use whatever the key.',
		},
		records: 'infoPay',
		fields: [
			{ name: 'ownerName', type: 'string', required: true, description: 'Name of the object to recharge (according to ownerType)' },
			ownerTypeField,
			{ name: 'pin', type: 'string', required: true, description: 'Phone (recharge) card number' },
			{ name: 'password', type: 'string', secret: true, description: 'Card password; if not set only the card number is verified' },
			{ name: 'memo', type: 'string', description: 'Recharge remark' },
		],
	},
];
