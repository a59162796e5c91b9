/** Asterisk dial patterns, as both Asterisk-based PBXs (OpenVox UC, UCM) match outbound routes with them. */

/**
 * An Asterisk pattern (X = 0-9, Z = 1-9, N = 2-9, [..] = one of, `.` = one or more, `!` = zero or more) as a
 * RegExp matching the whole number. The leading `_` that marks a pattern in Asterisk is the caller's business.
 */
export function dialPatternRegex(p: string): RegExp {
	let out = '';
	for (let i = 0; i < p.length; i++) {
		const c = p[i];
		if (c === 'X' || c === 'x') out += '[0-9]';
		else if (c === 'Z' || c === 'z') out += '[1-9]';
		else if (c === 'N' || c === 'n') out += '[2-9]';
		else if (c === '.') out += '.+';
		else if (c === '!') out += '.*';
		else if (c === '[') {
			const j = p.indexOf(']', i);
			if (j < 0) out += '\\[';
			else {
				out += `[${p.slice(i + 1, j).replace(/[\\^\]]/g, '\\$&')}]`;
				i = j;
			}
		} else out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	}
	return new RegExp(`^${out}$`);
}
