/**
 * Backward compatibility (template-additions §5): a workbook of template 2017-v1 validates as before. The
 * baselines in tests/fixtures/v1-baseline are `validate --json` of each conformance workbook by the product
 * before the 2017-v2 inputs (commit 3891e79). Today's report keeps the exit status, every error, the units,
 * the balance and every item's verdict, message and cells, adds V1–V6 as 未填报 after SR, and gains only the
 * warnings the spec allows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliJson } from '../helpers/run-cli';

const FIXTURES = join(__dirname, '../fixtures');
const NAMES = ['01-worked-example', '02-exact-thresholds', '03-county-plain', '04-county-messy'];
/** The only codes a 2017-v1 workbook may gain (§5). */
const ALLOWED_NEW = new Set(['owner-type-defaulted', 'shenbao-blanks', 'item-not-filled', 'shenbao-rounded-to-threshold']);

describe.each(NAMES)('%s read as template 2017-v1', (name) => {
  const base = JSON.parse(readFileSync(join(FIXTURES, 'v1-baseline', `${name}.json`), 'utf8'));
  let got: { code: number; json: any };
  beforeAll(async () => {
    got = await cliJson('validate', join(FIXTURES, 'conformance', `${name}.xlsx`));
  }, 60000);

  it('keeps the exit status, the errors, the units, the exclusions and the balance', () => {
    expect(got.code).toBe(base.exit);
    const errors = (r: any) => r.issues.filter((i: any) => i.severity === 'error');
    expect(errors(got.json)).toEqual(errors(base));
    expect(got.json.summary.errors).toBe(base.summary.errors);
    expect({ ...got.json.summary, warnings: 0 }).toEqual({ ...base.summary, warnings: 0 });
    expect(got.json.units).toEqual(base.units);
    expect(got.json.excluded).toEqual(base.excluded);
    expect(got.json.balance).toEqual(base.balance);
  });

  it('keeps G1–G15, Q1–Q9 and SR exactly and adds V1–V6 as 未填报', () => {
    expect(got.json.items.slice(0, 25)).toEqual(base.items);
    expect(got.json.items.slice(25).map((i: any) => [i.id, i.category, i.passes])).toEqual(
      ['V1', 'V2', 'V3', 'V4', 'V5', 'V6'].map((id) => [id, '一票否决', null]),
    );
  });

  it('keeps every warning and gains only the allowed ones, with one grouped warning for V1–V6', () => {
    const key = (i: any) => `${i.severity} ${i.code} ${i.sheet}!${i.cell ?? ''} ${i.message}`;
    const before = new Set(base.issues.map(key));
    const added = got.json.issues.filter((i: any) => !before.has(key(i)));
    expect(base.issues.map(key).filter((k: string) => !got.json.issues.map(key).includes(k))).toEqual([]);
    expect(added.filter((i: any) => i.severity !== 'warning' || !ALLOWED_NEW.has(i.code))).toEqual([]);
    expect(added.filter((i: any) => i.code === 'item-not-filled').map((i: any) => i.message)).toEqual(['县级指标缺少一票否决6项（存在以考试方式招生等），V1至V6未填报']);
    // shenbao-blanks: one per official sheet with open cells, at most 7 (「一票否决」 is not one: its rows are the warning above)
    const blankSheets = added.filter((i: any) => i.code === 'shenbao-blanks').map((i: any) => i.sheet);
    expect(blankSheets.length).toBeGreaterThan(0);
    expect(blankSheets.filter((s: string, k: number) => blankSheets.indexOf(s) !== k || !['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ'].includes(s))).toEqual([]);
    expect(got.json.issues.filter((i: any) => i.code === 'missing-optional-column')).toEqual(base.issues.filter((i: any) => i.code === 'missing-optional-column'));
  });
});
