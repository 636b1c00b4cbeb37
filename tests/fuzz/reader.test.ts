/**
 * Fuzzing the template reader and the engine in memory (issue 7, item 3): random corruptions of valid
 * templates through `analyse(grids, profile)` never throw, give a fatal or a report, and every report
 * keeps the invariants of tests/fuzz/harness.ts. Fixed seeds: every run checks the same cases.
 */
import fc from 'fast-check';
import { builtInProfile, NATIONAL } from '../../src/domain/profile';
import { analyse } from '../../src/report/build';
import type { CellGrid } from '../../src/template/grid';
import { countyArb, render } from '../property/county';
import { checkFatal, checkReport, corruptedBookArb, gridsOfBook, inputTextOf, triggersKnownHang, withoutKnownBugs } from './harness';

export function violations(grids: CellGrid[], profileId = 'national'): string[] {
  let result;
  try {
    result = analyse(grids, profileId === 'national' ? NATIONAL : builtInProfile(profileId));
  } catch (e) {
    return [`analyse threw: ${(e as Error)?.stack ?? String(e)}`];
  }
  const text = inputTextOf(grids);
  if (!result.ok) return checkFatal(result.fatal, text);
  const v = checkReport(result.analysis.report, grids, text);
  try {
    JSON.parse(JSON.stringify(result.analysis.report));
  } catch (e) {
    v.push(`the report is not serialisable: ${String(e)}`);
  }
  return withoutKnownBugs(v, grids);
}

/** Cases run by this file, and cases skipped because of BUG-3 (printed at the end). */
let cases = 0;
let skipped = 0;
afterAll(() => {
  process.stdout.write(`reader fuzz: ${cases} cases run, ${skipped} skipped (BUG-3 hang)\n`);
});

/** The grids of a corrupted book, or a skipped case when they would hit BUG-3 (an endless loop). */
function usable(book: Parameters<typeof gridsOfBook>[0]): CellGrid[] {
  const grids = gridsOfBook(book);
  if (triggersKnownHang(grids)) skipped++;
  fc.pre(!triggersKnownHang(grids));
  cases++;
  return grids;
}

describe('reader fuzz (in memory)', () => {
  it('valid counties: no violations at all (baseline for the fuzzer)', () => {
    fc.assert(
      fc.property(countyArb(), fc.integer(), (county, seed) => {
        cases++;
        expect(violations(render(county, { seed, textNumbers: 0.05, decorations: true }))).toEqual([]);
      }),
      { seed: 9100, numRuns: 300 },
    );
  });

  it('1–6 random corruptions of a valid template (cells, rows, sheets, headers, merges, formats)', () => {
    fc.assert(
      fc.property(corruptedBookArb({ maxWide: 300, maxFar: 3000 }), ({ book }) => {
        expect(violations(usable(book))).toEqual([]);
      }),
      { seed: 9101, numRuns: 7000 },
    );
  });

  it('many corruptions at once (up to 25), under every built-in profile', () => {
    fc.assert(
      fc.property(corruptedBookArb({ maxMutations: 25, maxWide: 200, maxFar: 2000 }), fc.constantFrom('national', 'primary-bachelor', 'strict-scope'), ({ book }, profile) => {
        expect(violations(usable(book), profile)).toEqual([]);
      }),
      { seed: 9102, numRuns: 1500 },
    );
  });

  it('thousands of columns and far-away rows', () => {
    fc.assert(
      fc.property(corruptedBookArb({ maxMutations: 3, maxWide: 6000, maxFar: 60000, maxSchools: 4 }), ({ book }) => {
        expect(violations(usable(book))).toEqual([]);
      }),
      { seed: 9103, numRuns: 300 },
    );
  });

  it('structural edge cases: empty workbook, empty sheets, only headers, header in row 11, sheets with spaces', () => {
    const H1 = ['学校标识码', '学校名称', '学校类型', '办学性质', '城乡分类', '小学在校生数(人)', '教学及辅助用房面积(㎡)', '室外运动场地面积(㎡)', '教学仪器设备资产值(万元)', '网络多媒体教室数(间)'];
    const H2 = ['学校标识码', '学段', '班级数(个)', '专任教师数(人)', '研究生学历专任教师数(人)', '本科学历专任教师数(人)', '专科学历专任教师数(人)', '高中及以下学历专任教师数(人)', '县级及以上骨干教师数(人)', '体育专任教师数(人)', '音乐专任教师数(人)', '美术专任教师数(人)'];
    const S = (name: string, values: CellGrid['values']): CellGrid => ({ name, values });
    const books: CellGrid[][] = [
      [],
      [S('Sheet1', [])],
      [S('学校基本信息', []), S('分学段信息', [])],
      [S('学校基本信息', [H1]), S('分学段信息', [H2])],
      [S('学校基本信息', [H1]), S('分学段信息', [H2]), S('县级指标', [])],
      [S('学校基本信息', [H1]), S('分学段信息', [H2]), S('县级指标', [['指标', '数值']])],
      [S('学校基本信息', [...Array.from({ length: 10 }, () => []), H1]), S('分学段信息', [H2])],
      [S(' 学校基本信息 ', [H1, ['0001', '甲', '小学', '公办', '城区', 100, 1, 1, 1, 1]]), S('分学段信息\t', [H2, ['0001', '小学', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]])],
      [S('学校基本信息', [H1.slice(0, 3)]), S('分学段信息', [H2])],
      [S('学校基本信息', [H1, H1, H1]), S('分学段信息', [H2, H2])],
      [S('学校基本信息', [[...H1, ...H1], ['0001']]), S('分学段信息', [[...H2, ...H2]])],
      [S('学校基本信息', [H1, Array.from({ length: 16384 }, (_, i) => i)]), S('分学段信息', [H2])],
      [S('学校基本信息', [H1, ['合计'], ['注'], ['说明：'], [null, null, '小计']]), S('分学段信息', [H2])],
      [S('学校基本信息', [H1.map((h) => h.replace('(', '（').replace(')', '）'))]), S('分学段信息', [H2.map((h) => ` ${h}\n`)])],
      [S('学校基本信息', [H1.map((h) => h.replace(/\(.*\)/, ''))]), S('分学段信息', [H2])],
      [S('学校基本信息', [H1, ['0001', '甲', '九年一贯制', '公办', '城区', 10, 1, 1, 1, 1]]), S('分学段信息', [H2])],
      [S('学校基本信息', [H1, ['0001', '甲', '十二年一贯制', '公办', '城区', 10, 1, 1, 1, 1]]), S('分学段信息', [H2, ['0001', '初中', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]])],
      [S('学校基本信息', [H1, ['0001', '甲', '完全中学', '公办', '城区', null, 1, 1, 1, 1]]), S('分学段信息', [H2, ['0001', '初中', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]])],
    ];
    for (const grids of books) {
      cases++;
      expect([JSON.stringify(grids).slice(0, 200), violations(grids)]).toEqual([JSON.stringify(grids).slice(0, 200), []]);
    }
  });
});
