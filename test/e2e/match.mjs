// Deep "subset" matcher for e2e expectations (format in test/e2e/README.md).
// Returns undefined when `actual` matches `expected`, otherwise a one-line description of the first difference.
//   objects: every key of expected must match (extra keys in actual are fine)
//   arrays:  element i of expected must match element i of actual (actual may be longer);
//            {"$contains": [..]} instead: every listed element must match SOME element of actual
//   scalars: strict equality
//   operators (an object whose only keys start with $):
//     {"$exists": true|false} {"$type": "string|number|boolean|object|array|null"} {"$regex": "re", "$flags": "i"}
//     {"$gt": n} {"$gte": n} {"$lt": n} {"$lte": n} {"$ne": v} {"$in": [..]} {"$len": n} {"$contains": [..]}
const OPS = new Set(['$exists', '$type', '$regex', '$flags', '$gt', '$gte', '$lt', '$lte', '$ne', '$in', '$len', '$contains']);

function typeOf(v) {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'array';
	return typeof v;
}

function isOp(e) {
	return e && typeof e === 'object' && !Array.isArray(e) && Object.keys(e).length > 0 && Object.keys(e).every((k) => OPS.has(k));
}

const show = (v) => {
	const s = JSON.stringify(v);
	return s === undefined ? 'undefined' : s.length > 200 ? s.slice(0, 200) + '…' : s;
};

export function matchSubset(actual, expected, path = '') {
	const at = path || '(root)';
	if (isOp(expected)) {
		for (const [op, arg] of Object.entries(expected)) {
			switch (op) {
				case '$exists':
					if ((actual !== undefined) !== arg) return `${at}: expected ${arg ? 'to exist' : 'to be absent'}, got ${show(actual)}`;
					break;
				case '$type':
					if (typeOf(actual) !== arg) return `${at}: expected type ${arg}, got ${typeOf(actual)} ${show(actual)}`;
					break;
				case '$regex':
					if (typeof actual !== 'string' && typeof actual !== 'number') return `${at}: expected a string matching /${arg}/, got ${show(actual)}`;
					if (!new RegExp(arg, expected.$flags ?? '').test(String(actual))) return `${at}: ${show(actual)} does not match /${arg}/`;
					break;
				case '$flags':
					break;
				case '$gt':
					if (!(actual > arg)) return `${at}: expected > ${arg}, got ${show(actual)}`;
					break;
				case '$gte':
					if (!(actual >= arg)) return `${at}: expected >= ${arg}, got ${show(actual)}`;
					break;
				case '$lt':
					if (!(actual < arg)) return `${at}: expected < ${arg}, got ${show(actual)}`;
					break;
				case '$lte':
					if (!(actual <= arg)) return `${at}: expected <= ${arg}, got ${show(actual)}`;
					break;
				case '$ne':
					if (matchSubset(actual, arg) === undefined) return `${at}: expected not ${show(arg)}`;
					break;
				case '$in':
					if (!arg.some((a) => matchSubset(actual, a) === undefined)) return `${at}: ${show(actual)} not in ${show(arg)}`;
					break;
				case '$len':
					if (actual == null || actual.length !== arg) return `${at}: expected length ${arg}, got ${actual?.length} ${show(actual)}`;
					break;
				case '$contains':
					if (!Array.isArray(actual)) return `${at}: expected an array, got ${show(actual)}`;
					for (const want of arg) {
						if (!actual.some((a) => matchSubset(a, want) === undefined)) return `${at}: no element matches ${show(want)} (got ${show(actual)})`;
					}
					break;
			}
		}
		return undefined;
	}
	if (Array.isArray(expected)) {
		if (!Array.isArray(actual)) return `${at}: expected an array, got ${show(actual)}`;
		if (actual.length < expected.length) return `${at}: expected at least ${expected.length} elements, got ${actual.length}: ${show(actual)}`;
		for (let i = 0; i < expected.length; i++) {
			const d = matchSubset(actual[i], expected[i], `${path}[${i}]`);
			if (d) return d;
		}
		return undefined;
	}
	if (expected && typeof expected === 'object') {
		if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return `${at}: expected an object, got ${show(actual)}`;
		for (const [k, v] of Object.entries(expected)) {
			const d = matchSubset(actual[k], v, path ? `${path}.${k}` : k);
			if (d) return d;
		}
		return undefined;
	}
	if (actual !== expected) return `${at}: expected ${show(expected)}, got ${show(actual)}`;
	return undefined;
}
