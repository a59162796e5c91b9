/**
 * The README's operation, event and note tables are generated from the endpoint tables by
 * scripts/readme-tables.cjs. This runs the same generator on the TypeScript tables and fails when README.md
 * is out of date: run `npm run readme`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const { loadFamilies, updateReadme, firstDifference } = require('../scripts/readme-tables.cjs') as {
	loadFamilies(base: string): unknown[];
	updateReadme(readme: string, families: unknown[]): string;
	firstDifference(a: string, b: string): string;
};

const root = join(__dirname, '..');

describe('README.md', () => {
	it('has the generated operation, event and note tables of every family, up to date', () => {
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		const generated = updateReadme(readme, loadFamilies(root));
		if (generated !== readme) {
			throw new Error(`README.md is out of date: run \`npm run readme\`. First difference at ${firstDifference(readme, generated)}`);
		}
	});

	it('documents every operation and event of the catalog', () => {
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		const { catalog } = require('../nodes/catalog') as typeof import('../nodes/catalog');
		const missing: string[] = [];
		for (const family of catalog) {
			for (const e of family.events) if (!readme.includes(`\`${e.key}\``)) missing.push(`${family.family} event ${e.key}`);
			for (const e of family.endpoints) if (!readme.includes(`${e.path ?? e.action}\``)) missing.push(`${family.family} ${e.id}`);
		}
		expect(missing).toEqual([]);
	});
});
