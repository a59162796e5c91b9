// The jest suite against the n8n-core / n8n-workflow that a real n8n install ships (scripts/jest-n8n.mjs sets
// PBX_JEST_N8N_MODULES to <cache>/n8n-<version>/node_modules), so interface changes in another n8n line show up as
// failures. Their own dependencies resolve inside that install.
const { join } = require('node:path');
const base = require('./jest.config.js');

const modules = process.env.PBX_JEST_N8N_MODULES;
if (!modules) throw new Error('PBX_JEST_N8N_MODULES is not set: run this config through `node scripts/jest-n8n.mjs`');

module.exports = {
	...base,
	moduleNameMapper: {
		...(base.moduleNameMapper ?? {}),
		'^n8n-core$': join(modules, 'n8n-core'),
		// The harness stops n8n-core's SSHClientsManager timer through these (test/harness/run.ts).
		'^n8n-core/(.*)$': join(modules, 'n8n-core', '$1'),
		'^@n8n/di$': join(modules, '@n8n', 'di'),
		'^n8n-workflow$': join(modules, 'n8n-workflow'),
	},
};
