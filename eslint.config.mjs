import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';

const HOSTS_AND_UI = ['cli', 'hosts', 'taskpane', 'commands', 'sample'];
const IO_AND_UI_PACKAGES = ['exceljs', 'react', 'react-dom', 'react-dom/*', '@fluentui/*', 'node:*', 'fs', 'path', 'zlib', 'child_process'];
const UI_PACKAGES = ['react', 'react-dom', 'react-dom/*', '@fluentui/*'];

/**
 * `no-restricted-imports` for each layer: the folders above it (or beside it) and the packages it must not use.
 * Folder names are matched as path segments, so `excel` (the Office adapter) is not `fake-excel` or `exceljs`.
 */
function layerRules() {
  const layer = (folder, forbidden, extra = IO_AND_UI_PACKAGES) => ({
    files: [`src/${folder}/**/*.ts`, `src/${folder}/**/*.tsx`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidden.map((f) => ({ group: [`**/${f}`, `**/${f}/**`], message: `src/${folder} must not import ${f} (layers: see README「架构」).` })),
            ...(extra.length ? [{ group: extra, message: `src/${folder} is pure: no I/O, Office, exceljs or UI packages.` }] : []),
          ],
        },
      ],
    },
  });
  const ABOVE_HOSTS = ['cli', 'taskpane', 'commands'];
  return [
    layer('domain', ['template', 'report', ...HOSTS_AND_UI]),
    layer('template', ['report', ...HOSTS_AND_UI]),
    layer('report', HOSTS_AND_UI),
    // The hosts, each in its own folder and none importing another: the Office.js adapter (excel), the fake Excel
    // it runs on in tests and the preview (fake-excel), the exceljs writer (exceljs), our own .xlsx package
    // reader and patcher shared by the command line and the page (xlsx). api.ts and request-bytes.ts are shared.
    layer('hosts/excel', [...ABOVE_HOSTS, 'fake-excel', 'exceljs', 'xlsx'], ['exceljs', 'node:*', 'fs', 'zlib', ...UI_PACKAGES]),
    layer('hosts/fake-excel', [...ABOVE_HOSTS, 'excel', 'exceljs', 'xlsx'], ['exceljs', 'node:*', 'fs', 'zlib', ...UI_PACKAGES]),
    layer('hosts/exceljs', [...ABOVE_HOSTS, 'excel', 'fake-excel'], UI_PACKAGES),
    layer('hosts/xlsx', [...ABOVE_HOSTS, 'excel', 'fake-excel', 'exceljs'], UI_PACKAGES),
    layer('taskpane', ['cli', 'commands', 'fake-excel', 'exceljs', 'xlsx'], ['exceljs', 'node:*']),
    layer('commands', ['cli', 'fake-excel', 'exceljs', 'xlsx'], ['exceljs', 'node:*', ...UI_PACKAGES]),
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
  // domain → template → report → hosts (hosts/excel, hosts/fake-excel, hosts/exceljs, hosts/xlsx), cli → taskpane, commands.
  ...layerRules(),
  // Microsoft's Office.js rules (load before read, sync after load, isNullObject, no sync in a loop) on the code that
  // talks to Excel. Only the plugin's rules: its recommended set also brings prettier, which this project does not use.
  {
    files: ['src/hosts/excel/**/*.ts', 'src/taskpane/**/*.ts', 'src/taskpane/**/*.tsx', 'src/commands/**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/call-sync-after-load': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'error',
      'office-addins/no-office-initialize': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
    },
  },
  // The adapter syncs through a counting wrapper (`sync()`, which also keeps the request budget), and the plugin
  // recognises only a literal `context.sync()`: its two sync-order rules cannot see those syncs. Reading before a
  // sync is caught instead by the fake Excel, which throws PropertyNotLoaded as Excel does (tests/hosts/excel).
  {
    files: ['src/hosts/excel/adapter.ts'],
    rules: { 'office-addins/call-sync-after-load': 'off', 'office-addins/call-sync-before-read': 'off' },
  },
  {
    files: ['tests/**/*.ts', 'tests/**/*.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
