import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// Boundaries (ARCHITECTURE.md, "Dependencies point one way"). Each folder lists the imports it
// must not make. One of our folders is named either through `$lib/…` or relatively (`../…`,
// `../lib/…`), so both spellings are matched. tests/unit/lint-boundaries.spec.ts proves they fail.
/** Matches an import of one of our folders `names`, spelled `$lib/name…` or `../name…`. */
const ours = (...names) => `^(\\$lib/|(\\.{1,2}/)+(lib/)?)(${names.join('|')})(/|\\.|$)`;
const restrict = (files, patterns) => ({
	files,
	rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] }
});
const boundaries = [
	restrict(
		['src/lib/pipeline/**'],
		[
			{
				regex: '^(\\$(?!lib/pipeline/)|\\.\\./)',
				message: 'pipeline/ is pure: it imports nothing of ours but its own files.'
			}
		]
	),
	restrict(
		['src/lib/people/**'],
		[
			{
				regex: '^(\\$(?!lib/(people|pipeline)/)|\\.\\./(?!pipeline/))',
				message: 'people/ is pure: it imports nothing of ours but its own files and pipeline/.'
			}
		]
	),
	restrict(
		['src/lib/shared/**', 'src/lib/settings/**'],
		[
			{
				regex: '^(\\$(?!lib/(shared|settings|pipeline)/)|\\.\\./(?!(shared|settings)/))',
				message: 'shared/ and settings/ are read by every layer: they import only each other.'
			},
			{
				regex: '^\\$lib/pipeline/',
				allowTypeImports: true,
				message: 'shared/ and settings/ may import pipeline types only.'
			}
		]
	),
	restrict(
		['src/lib/db/**'],
		[
			{
				regex: ours(
					'components',
					'routes',
					'state',
					'batch',
					'workers',
					'export',
					'backup',
					'i18n',
					'paraglide'
				),
				message: 'db/ never imports UI, state, batch, export, backup, words or workers.'
			}
		]
	),
	restrict(
		['src/lib/backup/**'],
		[
			{
				regex: ours('components', 'routes', 'state', 'batch', 'workers', 'i18n', 'paraglide'),
				message:
					'backup/ reads and writes any Dexie database: no UI, state or workers, nor words (it reports problem codes).'
			}
		]
	),
	restrict(
		['src/workers/**', 'src/lib/workers/**'],
		[
			{
				regex: ours('components', 'routes', 'state', 'batch', 'i18n', 'paraglide'),
				message:
					'Workers never import components, state, routes or batch, nor words: they report codes.'
			}
		]
	),
	restrict(
		['src/routes/**'],
		[
			{
				regex: `${ours('db')}|^dexie$`,
				allowTypeImports: true,
				message:
					'Routes hold no queries: a page state class in $lib/state reads and writes the database.'
			}
		]
	),
	restrict(
		['src/lib/components/**'],
		[
			{
				regex: ours('workers', 'batch'),
				message:
					'Components never talk to workers or the scheduler: take data and callbacks as props.'
			},
			{
				regex: `${ours('db', 'export', 'backup')}|^dexie$`,
				allowTypeImports: true,
				message:
					'Components never touch the database: take records as props (`import type` is fine); a state class reads and writes.'
			}
		]
	)
];

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'static/vendor/',
			'test-results/',
			'bench/out/',
			'src/lib/paraglide/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: { allowDefaultProject: ['playwright.config.ts', 'src/service-worker.ts'] },
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error'
		}
	},
	...boundaries
);
