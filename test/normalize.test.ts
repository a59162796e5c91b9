import { checkJsonLimits, JsonLimitError } from '../nodes/shared/jsonGuard';
import { withSafeKeys } from '../nodes/shared/normalize';

describe('keys the expression sandbox refuses', () => {
	test('__proto__ is renamed, not swallowed into the prototype', () => {
		const out = withSafeKeys(JSON.parse('{"__proto__":{"a":1},"caller":"1001","callee":"2002","x":{"constructor":5}}')) as Record<string, any>;
		expect(out.protoValue).toEqual({ a: 1 });
		expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
		expect(out.callerNumber).toBe('1001');
		expect(out.calleeNumber).toBe('2002');
		expect(out.x.constructorValue).toBe(5);
		expect(Object.keys(out)).toEqual(['protoValue', 'callerNumber', 'calleeNumber', 'x']);
	});
	test('a value without refused keys is returned as is (no copy)', () => {
		const v = { a: { b: [1, { c: 2 }] } };
		expect(withSafeKeys(v)).toBe(v);
	});
});

describe('JSON limits checked before parsing', () => {
	test('deep nesting is refused in linear time', () => {
		expect(() => checkJsonLimits('['.repeat(100_000))).toThrow(JsonLimitError);
		expect(() => checkJsonLimits('{"a":'.repeat(65) + '1' + '}'.repeat(65))).toThrow(/deeper than 64/);
		expect(() => checkJsonLimits('{"a":'.repeat(64) + '1' + '}'.repeat(64))).not.toThrow();
	});
	test('brackets inside strings do not count', () => {
		expect(() => checkJsonLimits(JSON.stringify({ a: '['.repeat(1000), b: 'x\\"[[[' }))).not.toThrow();
	});
	test('size is refused', () => {
		expect(() => checkJsonLimits('"' + 'a'.repeat(2000) + '"', { maxBytes: 1000 })).toThrow(/larger than 1000/);
	});
});
