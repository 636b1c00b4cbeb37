import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const HOSTS_AND_UI = ['cli', 'excel', 'hosts', 'taskpane', 'commands', 'sample'];
const IO_AND_UI_PACKAGES = ['exceljs', 'react', 'react-dom', 'react-dom/*', '@fluentui/*', 'node:*', 'fs', 'path', 'zlib', 'child_process'];

/** `no-restricted-imports` for each layer: the folders above it and every I/O or UI package. */
function layerRules() {
  const layer = (folder, forbidden, extra = IO_AND_UI_PACKAGES) => ({
    files: [`src/${folder}/**/*.ts`, `src/${folder}/**/*.tsx`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidden.map((f) => ({ group: [`**/${f}`, `**/${f}/**`], message: `src/${folder} must not import src/${f} (layers: see README「架构」).` })),
            ...(extra.length ? [{ group: extra, message: `src/${folder} is pure: no I/O, Office, exceljs or UI packages.` }] : []),
          ],
        },
      ],
    },
  });
  return [
    layer('domain', ['template', 'report', ...HOSTS_AND_UI]),
    layer('template', ['report', ...HOSTS_AND_UI]),
    layer('report', HOSTS_AND_UI),
    // The xlsx package reader/writer is shared by the command line and the page: no node modules except its node-zlib adapter.
    layer('hosts', ['cli', 'excel', 'taskpane', 'commands'], []),
    layer('excel', ['cli', 'taskpane', 'commands', 'hosts'], ['exceljs', 'node:*', 'react', '@fluentui/*']),
    layer('taskpane', ['cli', 'commands'], ['exceljs', 'node:*']),
  ];
}

export default tseslint.config(
  { ignores: ['dist/', 'dist-preview/', 'dist-offline/', 'build/', 'node_modules/', 'coverage/', 'artifacts/', 'tests/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser, Office: 'readonly', Excel: 'readonly', OfficeExtension: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Layers (README「架构」): the functional core never imports a host, a UI or I/O. Lower layers first:
  // domain → template → report → hosts (excel, hosts/xlsx, cli) → taskpane, commands.
  ...layerRules(),
  {
    files: ['tests/**/*.ts', 'tests/**/*.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
