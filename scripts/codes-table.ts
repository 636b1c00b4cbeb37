/**
 * npx tsx scripts/codes-table.ts
 * Writes the README's table of issue codes (section 问题代码) from the catalogue (src/template/codes.ts:
 * the reader's checks in src/template/checks, then the codes other layers emit), between the markers below.
 * tests/template/codes.test.ts fails when the README's table differs from what this script writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ISSUE_CODES, type CodeInfo } from '../src/template/codes';

export const BEGIN = '<!-- codes-table: generated from src/template/codes.ts by `npx tsx scripts/codes-table.ts`; do not edit by hand -->';
export const END = '<!-- /codes-table -->';

const SEVERITY: Record<CodeInfo['severity'], string> = { error: '错误', warning: '警告', fatal: '中止（命令行退出状态 2）' };

/** The table: issues in catalogue order, then the fatal codes. */
export function codesTable(): string {
  const entries = Object.entries(ISSUE_CODES) as [string, CodeInfo][];
  const ordered = [...entries.filter(([, c]) => c.severity !== 'fatal'), ...entries.filter(([, c]) => c.severity === 'fatal')];
  return ['| 代码 | 严重程度 | 含义 |', '|---|---|---|', ...ordered.map(([code, c]) => `| \`${code}\` | ${SEVERITY[c.severity]} | ${c.meaning} |`)].join('\n');
}

/** The README with the table between the markers replaced by the generated one. */
export function withCodesTable(readme: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${BEGIN} … ${END} markers`);
  return `${readme.slice(0, start)}${BEGIN}\n${codesTable()}\n${readme.slice(end)}`;
}

export const README = join(__dirname, '..', 'README.md');

if (require.main === module) {
  const before = readFileSync(README, 'utf8');
  const after = withCodesTable(before);
  if (after === before) process.stdout.write('README.md: the table of codes is up to date\n');
  else {
    writeFileSync(README, after);
    process.stdout.write('README.md: the table of codes rewritten\n');
  }
}
