/**
 * The README's 申报表 profile example (L14 1/blank, L8 「——」, a local G7 amount) is a working profile: written to a
 * file as the README shows it, the `shenbao` command applies each option to the sample county's tables.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readXlsxFile } from '../../../src/hosts/xlsx/node-read';
import { cli } from '../../helpers/run-cli';
import { tempDir } from '../../helpers/template-builder';

jest.setTimeout(120_000);
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const README = readFileSync(join(__dirname, '../../../README.md'), 'utf8');

async function tablesOf(profile?: string) {
  const sample = tmp.file('sample.xlsx');
  expect((await cli('sample', '-o', sample)).code).toBe(0);
  const out = tmp.file(`${profile ? 'local' : 'national'}.xlsx`);
  expect((await cli('shenbao', sample, '-o', out, ...(profile ? ['--profile', profile] : []))).code).toBe(0);
  const grids = await readXlsxFile(out);
  return (name: string, a1: string) => {
    const g = grids.find((x) => x.name === name)!;
    return g.values[Number(a1.slice(1)) - 1]?.[a1.charCodeAt(0) - 65] ?? null;
  };
}

describe('README 申报表: the profile options', () => {
  it('the example profile in the 申报表 section writes 1/blank in 表Ⅱ-2 L14, 「——」 in 表Ⅲ L8 and the local G7 amount', async () => {
    const block = [...README.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes('"shenbao"'));
    expect(block).toBeDefined();
    const path = tmp.file('my-city.json');
    writeFileSync(path, block!);
    const national = await tablesOf();
    const local = await tablesOf(path);
    // 表Ⅱ-2 N4:N11 (L14): 是/否 by default, 1 or blank with passMark "1"
    const l14 = (t: typeof local) => Array.from({ length: 8 }, (_, i) => t('表Ⅱ-2', `N${i + 4}`));
    expect(l14(national)).toEqual(['是', '否', '是', '是', '是', '是', '是', '否']);
    expect(l14(local)).toEqual([1, null, 1, 1, 1, 1, 1, null]);
    // 表Ⅲ J5/J7 (L8 综合): the mean of the 7 CVs by default, 「——」 with compositeCv "dash"
    expect([local('表Ⅲ', 'J5'), local('表Ⅲ', 'J7')]).toEqual(['——', '——']);
    expect([typeof national('表Ⅲ', 'J5'), typeof national('表Ⅲ', 'J7')]).toEqual(['number', 'number']);
    // 表Ⅳ-7 (row 9): the label and the verdict follow items.G7.minFunding; the sample's 6850 元 meets 6000, not 8000
    expect([national('表Ⅳ', 'A9'), national('表Ⅳ', 'C9')]).toEqual(['7.特殊教育学校生均公用经费不低于6000元', '是']);
    expect([local('表Ⅳ', 'A9'), local('表Ⅳ', 'C9')]).toEqual(['7.特殊教育学校生均公用经费不低于8000元', '否']);
    expect(String(local('表Ⅳ', 'B9'))).toContain('特殊教育学校生均公用经费为6850元');
  });
});
