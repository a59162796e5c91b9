import { coerce } from '../nodes/shared/request';
import { parseJsonExact, parseJsonKeepingDuplicates, stringifyWire } from '../nodes/shared/json';
import type { FieldSpec } from '../nodes/shared/spec';

describe('wire values', () => {
	it('keeps Java longs beyond 2^53 exact both ways', () => {
		const f: FieldSpec = { name: 'expireTime', type: 'long' };
		const v = coerce(f, '9223372036854775807', 'expireTime', []);
		expect(stringifyWire({ expireTime: v!, memo: 'a"b' })).toBe('{"expireTime":9223372036854775807,"memo":"a\\"b"}');
		expect(parseJsonExact('{"expireTime":9223372036854775807,"t":1795341551280,"s":"12345678901234567890"}')).toEqual({
			expireTime: '9223372036854775807',
			t: 1795341551280,
			s: '12345678901234567890',
		});
	});

	it('accepts dates for epoch-millisecond fields', () => {
		expect(coerce({ name: 'validTime', type: 'long' }, '2030-01-01T00:00:00Z', 'validTime', [])).toBe(Date.UTC(2030, 0, 1));
	});

	it('reads lists as comma-separated text, JSON text or arrays', () => {
		const f: FieldSpec = { name: 'e164s', type: 'string', list: true };
		expect(coerce(f, '1001, 1002,,', 'e164s', [])).toEqual(['1001', '1002']);
		expect(coerce(f, '["a","b"]', 'e164s', [])).toEqual(['a', 'b']);
		expect(coerce(f, [1001], 'e164s', [])).toEqual(['1001']);
	});

	it('builds nested objects and lists of objects, dropping unset members', () => {
		const f: FieldSpec = {
			name: 'infoGiftTimes',
			type: 'object',
			list: true,
			children: [
				{ name: 'prefix', type: 'string', required: true },
				{ name: 'giftTime', type: 'integer' },
			],
		};
		expect(coerce(f, { items: [{ prefix: '86', giftTime: '60' }, { prefix: '1', giftTime: '' }] }, 'infoGiftTimes', [])).toEqual([
			{ prefix: '86', giftTime: 60 },
			{ prefix: '1' },
		]);
		expect(() => coerce(f, { items: [{ giftTime: 5 }] }, 'infoGiftTimes', [])).toThrow('Field "infoGiftTimes[0].prefix" is required');
	});

	it('enforces the documented options and keeps their wire type', () => {
		const f: FieldSpec = { name: 'ownerType', type: 'integer', options: [{ value: 2, name: 'Account' }, { value: 6, name: 'Phone' }] };
		expect(coerce(f, '6', 'ownerType', [])).toBe(6);
		expect(() => coerce(f, 3, 'ownerType', [])).toThrow(/must be one of 2 \(Account\), 6 \(Phone\)/);
	});
});

describe('reports with repeated keys', () => {
	it('turns repeated keys into a list and stays strict otherwise', () => {
		expect(parseJsonKeepingDuplicates('{"a":1,"ext":{"x":"1"},"ext":{"x":"2"},"ext":{"x":"3"}}')).toEqual({ a: 1, ext: [{ x: '1' }, { x: '2' }, { x: '3' }] });
		expect(() => parseJsonKeepingDuplicates('{"a":1,}')).toThrow(/position/);
		expect(() => parseJsonKeepingDuplicates('{"a":1} x')).toThrow(/after the JSON value/);
		const proto = parseJsonKeepingDuplicates('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.keys(proto)).toEqual(['__proto__']);
	});
});

describe('wire JSON codec', () => {
	it('reads doubles with 16 or more decimals (a Java double such as 0.30000000000000004) beside exact longs', () => {
		// Before: the long-marking pass read the fraction digits as an integer and quoted them, so the answer was "not JSON".
		expect(parseJsonExact('{"money":0.30000000000000004,"n":[-9223372036854775808,1e300,12345678901234567.5]}')).toEqual({
			money: 0.30000000000000004,
			n: ['-9223372036854775808', 1e300, 12345678901234567.5],
		});
		expect(parseJsonExact('{"money":0.30000000000000004}')).toEqual({ money: 0.30000000000000004 });
		expect(parseJsonExact('{"s":"9223372036854775807","t":9007199254740991}')).toEqual({ s: '9223372036854775807', t: 9007199254740991 });
		expect(() => parseJsonExact('{"a":1,}')).toThrow(SyntaxError);
	});

	it('writes bodies as JSON.stringify does, bigints exact, toJSON values as their toJSON', () => {
		const when = new Date(Date.UTC(2030, 0, 1));
		expect(stringifyWire({ a: 'x', b: [1, { c: null }], d: when as never })).toBe(JSON.stringify({ a: 'x', b: [1, { c: null }], d: when }));
		expect(stringifyWire({ list: [{ id: 2n ** 63n - 1n }] })).toBe('{"list":[{"id":9223372036854775807}]}');
		const proto = BigInt.prototype as unknown as { toJSON?: () => string };
		proto.toJSON = function () {
			return `${this.toString()}n`;
		};
		try {
			expect(stringifyWire({ id: 2n ** 63n - 1n })).toBe('{"id":9223372036854775807}');
		} finally {
			delete proto.toJSON;
		}
	});
});
