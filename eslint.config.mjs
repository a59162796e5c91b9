// Lint: n8n's official community-node rules (@n8n/eslint-plugin-community-nodes, the self-hosted set that
// `n8n-node lint` uses) plus eslint-plugin-n8n-nodes-base's community, credentials and nodes rule sets.
// The plugin pins eslint 9.29.0 and n8n-workflow >= 2 as peers; package.json "overrides" point those at the eslint
// and the n8n-workflow 1.x this package builds and tests with (the rules read source text only).
import tsParser from '@typescript-eslint/parser';
import { configs as communityConfigs } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const community = communityConfigs.recommendedWithoutN8nCloudSupport;

export default [
	{ ignores: ['dist/**', 'build/**', 'node_modules/**', '.n8n-local/**', 'test/**', 'scripts/**', 'examples/**', '*.js', '*.mjs'] },
	{
		files: ['package.json', 'credentials/**/*.ts', 'nodes/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: community.plugins,
		rules: {
			...community.rules,
			// By design: undici and fast-xml-parser (README "Why runtime dependencies").
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			// By design: the engine throws typed errors (PbxError, TransportError, FieldError, ...) that
			// shared/execute.ts turns into NodeApiError / NodeOperationError with the item, code and hint.
			'@n8n/community-nodes/require-node-api-error': 'off',
			// By design: package.json "overrides" only re-point this plugin's peer pins (see above); npm ignores
			// overrides in a package installed as a dependency, so users' installs are untouched.
			'@n8n/community-nodes/no-overrides-field': 'off',
			// By design: each icon is a filled tile with a white glyph, legible on light and dark themes alike.
			'@n8n/community-nodes/icon-prefer-themed-variants': 'off',
			// Not by design, pending the owners: package.json "author" has no email (they have published none).
			'@n8n/community-nodes/valid-author': 'off',
		},
	},
	{
		// By design: the IVR answer replies to the report that started its own workflow; no use to an AI agent.
		files: ['nodes/Vos3000/Vos3000IvrAnswer.node.ts'],
		rules: { '@n8n/community-nodes/node-usable-as-tool': 'off' },
	},
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
