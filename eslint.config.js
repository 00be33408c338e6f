// One lint gate with zero warnings. The layering of ../shared/architecture.md is enforced here:
// packages/rules imports nothing, packages/protocol imports only yjs and rules,
// apps/web never imports server code.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noNodeBuiltins = {
  group: ['node:*', 'fs', 'path', 'http', 'crypto', 'child_process', 'os', 'net'],
  message: 'Ce paquet est pur : aucune entrée/sortie.',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/build/**',
      '**/.svelte-kit/**',
      '**/.turbo/**',
      'data/**',
      'e2e/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    files: ['apps/web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['packages/rules/src/**'],
    ignores: ['packages/rules/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^[^.]', message: '@delib/rules est pur : il n’importe aucun paquet.' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/protocol/src/**'],
    ignores: ['packages/protocol/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noNodeBuiltins,
            {
              regex: '^(?!\\.|yjs$|@delib/rules$)',
              message: '@delib/protocol n’importe que yjs et @delib/rules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@delib/server', '@delib/server/*', '**/apps/server/**', '**/server/src/**'],
              message: 'apps/web n’importe jamais le code du serveur.',
            },
            noNodeBuiltins,
          ],
        },
      ],
    },
  },
);
