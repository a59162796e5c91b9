// Lint: eslint-plugin-n8n-nodes-base's community, credentials and nodes rule sets (self-hosted rules).
// @n8n/eslint-plugin-community-nodes is not used: 0.32 requires n8n-workflow >= 2 and eslint 9.29.0 exactly as
// peers, while this package builds and tests against n8n 1.x (the n8n this registry can install). Its
// no-runtime-dependencies rule would fail on purpose anyway: see README "Why runtime dependencies".
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

export default [
	{ ignores: ['dist/**', 'build/**', 'node_modules/**', '.n8n-local/**', 'test/**', 'scripts/**', 'examples/**', '*.js', '*.mjs'] },
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Our documentation lives in the README on npm, not on docs.n8n.io.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-documentation-url-not-http-url': 'off',
		},
	},
	{
		// Endpoint tables (spec/, events.ts) are data, not INodeProperties: the UI is generated from them.
		files: ['nodes/**/*.node.ts'],
		languageOptions: { parser: tsParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-execute-block-missing-continue-on-fail': 'off', // handled in shared/execute.ts
			'n8n-nodes-base/node-resource-description-filename-against-convention': 'off',
			// Switched off in n8n's own community-node lint config too: NodeConnectionTypes.Main is right.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-max-value-present': 'off',
		},
	},
];
