// Lint for TypeScript (typescript-eslint's recommended rules) and Lit templates (eslint-plugin-lit),
// plus the house rules: record text is never markup, nothing is evaluated.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import globals from 'globals';

/** Syntax the house forbids everywhere: record text is never markup, nothing is evaluated. */
const houseSyntax = [
  {
    selector: 'CallExpression[callee.name=/^unsafe(HTML|SVG)$/]',
    message: 'Record text is never rendered as markup.',
  },
  {
    selector: 'AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]',
    message: 'Record text is never rendered as markup.',
  },
  {
    selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
    message: 'Record text is never rendered as markup.',
  },
  { selector: "NewExpression[callee.name='Function']", message: 'No eval: the kit runs under a strict CSP.' },
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'storybook-static/**',
      'test-results/**',
      'test/hosts/.generated/**',
      '**/custom-elements.json',
      'packages/govuk-prototype-kit/server/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  litConfigs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', ...houseSyntax],
      // Prettier wraps code at 120 columns; comments are wrapped by hand. Only a string, template or
      // regular expression literal may run past it (breaking one would change the text).
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      'lit/no-template-bind': 'error',
      'lit/no-useless-template-literals': 'error',
      'lit/attribute-value-entities': 'error',
      'lit/binding-positions': 'error',
      'lit/no-duplicate-template-bindings': 'error',
      'lit/no-property-change-update': 'error',
    },
  },
  {
    // Written by packages/react/scripts/generate.mjs from the manifests' descriptions, line for line.
    files: ['packages/react/src/**'],
    rules: { 'max-len': 'off' },
  },
  {
    files: [
      '**/*.mjs',
      '.storybook/**',
      'scripts/**',
      'test/bench/**',
      'test/support/**/*.mjs',
      'packages/ssr/**',
      'packages/govuk-prototype-kit/src/render.ts',
      'test/hosts/ssr/pages.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // CommonJS: what the GOV.UK Prototype Kit requires, and a preload for its server.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/test/**/*.ts', 'test/**/*.ts'],
    languageOptions: { globals: { ...globals.mocha } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': [
        'error',
        ...houseSyntax,
        // open-wc's waitUntil gives up after one second: on a busy machine that fails a test that would pass.
        ...[
          "CallExpression[callee.name='waitUntil'][arguments.length<3]",
          "CallExpression[callee.name='waitUntil'] > ObjectExpression.arguments:nth-child(3):not(:has(Property[key.name='timeout']))",
        ].map((selector) => ({
          selector,
          message: 'waitUntil gives up after 1 s: pass { timeout }, or use until() from test/support/dom.ts (20 s).',
        })),
      ],
    },
  },
);
