/**
 * The catalogue of codes: every code used in src/ is in it, the README's table is generated from it, every
 * check's messages fill from their placeholders, and every issue the reader emits has its catalogued
 * severity (here over the fuzz corpus and the conformance workbooks; tests/helpers/catalogue-guard.ts does
 * the same for every workbook the other tests read through readTemplate or validate --json).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gridsOf, loadWorkbook } from '../../src/hosts/exceljs/read';
import { CHECKS } from '../../src/template/checks';
import { negativeNumber } from '../../src/template/checks/cell-values';
import { fill, issue } from '../../src/template/checks/define';
import type { Issue } from '../../src/template/issues';
import { ISSUE_CODES } from '../../src/template/codes';
import { readTemplate } from '../../src/template/read';
import { BEGIN, codesTable, END, README, withCodesTable } from '../../scripts/codes-table';
import { corruptedBookArb, gridsOfBook } from '../fuzz/harness';
import { severityMismatches } from '../helpers/catalogue-guard';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

const SRC = join(__dirname, '..', '..', 'src');

it('every code literal used for an issue or fatal in src/ is in the catalogue', () => {
  const used = new Set<string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/code: '([a-z][a-z0-9-]*)'/g)) used.add(m[1]);
    for (const m of text.matchAll(/'(?:error|warning)', '([a-z][a-z0-9-]*)'/g)) used.add(m[1]);
  }
  expect(used.size).toBeGreaterThan(30);
  const missing = [...used].filter((c) => !(c in ISSUE_CODES));
  expect(missing).toEqual([]);
});

it('the README table of codes is the one scripts/codes-table.ts generates (run `npx tsx scripts/codes-table.ts`)', () => {
  const readme = readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf(BEGIN) + BEGIN.length, readme.indexOf(END)).trim();
  expect(section).toBe(codesTable());
  expect(withCodesTable(readme)).toBe(readme);
  for (const code of Object.keys(ISSUE_CODES)) expect(section).toContain(`| \`${code}\` |`);
});

it('the table lists every catalogued code once, with its severity in Chinese, fatal codes last', () => {
  const rows = codesTable().split('\n').slice(2);
  expect(rows).toHaveLength(Object.keys(ISSUE_CODES).length);
  expect(rows).toContain('| `missing-header-row` | 中止（命令行退出状态 2） | 「学校基本信息」或「分学段信息」前10行中找不到表头行 |');
  expect(rows).toContain('| `missing-county-header` | 警告 | 「县级指标」前10行中找不到表头行，县级项目记为未填报 |');
  const firstFatal = rows.findIndex((r) => r.includes('中止'));
  expect(rows.slice(firstFatal).every((r) => r.includes('中止'))).toBe(true);
});

it('the checks: unique codes, each module message with a text, and placeholders named like identifiers', () => {
  const codes = CHECKS.map((c) => c.meta.code);
  expect(new Set(codes).size).toBe(codes.length);
  for (const c of CHECKS) {
    expect(c.meta.meaning).toMatch(/\p{Script=Han}/u);
    for (const m of Object.values(c.messages) as { text: string; fix?: string }[]) {
      expect(m.text.length).toBeGreaterThan(0);
      if (c.meta.severity !== 'fatal') expect(m.fix ?? '(part of another message)').not.toBe('');
      for (const t of [m.text, m.fix ?? '']) expect(t.replace(/\{\{\w+\}\}/g, '')).not.toMatch(/\{\{|\}\}/);
    }
  }
});

it('fill: every placeholder from the data, once over the template (a value holding {{x}} is kept as written)', () => {
  expect(fill('「{{header}}」为负数 {{value}}', { header: '{{value}}', value: -1 })).toBe('「{{value}}」为负数 -1');
  expect(() => fill('{{missing}}', {})).toThrow('no value for {{missing}}');
});

describe('every issue the reader emits has its catalogued severity', () => {
  it('over the fuzz corpus (300 corrupted templates, fixed seed)', () => {
    const seen = new Set<string>();
    for (const { book } of fc.sample(corruptedBookArb({ maxSchools: 6 }), { seed: 12, numRuns: 300 })) {
      const r = readTemplate(gridsOfBook(book));
      const issues = r.ok ? r.issues : [];
      for (const i of issues) seen.add(i.code);
      if (!r.ok) seen.add(r.fatal.code);
      expect(severityMismatches(issues, r.ok ? null : r.fatal)).toEqual([]);
    }
    // The corpus reaches many checks: the test is not vacuous.
    expect(seen.size).toBeGreaterThan(15);
  });

  it('over the conformance workbooks', async () => {
    const dir = join(__dirname, '..', 'fixtures', 'conformance');
    const files = readdirSync(dir).filter((f) => f.endsWith('.xlsx'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const r = readTemplate(gridsOf(await loadWorkbook(join(dir, f))));
      expect(severityMismatches(r.ok ? r.issues : [], r.ok ? null : r.fatal)).toEqual([]);
    }
  });

  it('a mismatch is found (the guard is not vacuous)', () => {
    expect(severityMismatches([{ code: 'missing-header-row', severity: 'warning' }, { code: 'no-such-code', severity: 'error' }], { code: 'text-number' })).toEqual([
      'missing-header-row: emitted as warning, catalogued as fatal',
      'no-such-code: not in the catalogue',
      'text-number: a fatal, catalogued as warning',
    ]);
  });
});

it('an unknown code or message id is a type error (checked by tsc over tests/)', () => {
  // @ts-expect-error 'no-such-code' is not an IssueCode
  const i: Issue = { severity: 'error', code: 'no-such-code', sheet: '学校基本信息', message: '' };
  // @ts-expect-error 'negative' is the only message of negative-number
  const bad = () => issue(negativeNumber, 'positive', { header: 'x', value: 1 }, '学校基本信息', 'A1');
  expect(i.code).toBe('no-such-code');
  expect(issue(negativeNumber, 'negative', { header: '班级数(个)', value: -1 }, '分学段信息', 'C2')).toEqual({
    severity: 'error', code: 'negative-number', sheet: '分学段信息', cell: 'C2', message: '「班级数(个)」为负数 -1', fix: '请填写大于或等于0的数',
  });
  expect(bad).toThrow();
});
