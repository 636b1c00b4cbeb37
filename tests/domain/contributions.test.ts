/**
 * Contributions to a 差异系数: (P_i/P)(x_i − X̄)² ÷ S², and the CV with one unit at the county mean.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { contributions, contributionsOf, topContributionsOf } from '../../src/domain/contributions';
import type { Evaluation } from '../../src/domain/evaluate';
import { INDICATOR_IDS } from '../../src/domain/profile';
import { weightedCv } from '../../src/domain/cv';
import { NATIONAL } from '../../src/domain/profile';
import { analyse } from '../../src/report/build';
import { gridsOf as xlsxGrids, loadWorkbook } from '../../src/hosts/exceljs/read';
import { cliJson } from '../helpers/run-cli';
import { countyArb, gridsOf } from './issue6-fixtures';

const u = (schoolCode: string, value: number, students: number) => ({ schoolCode, schoolName: `学校${schoolCode}`, value, students });

describe('contributions, hand-computed', () => {
  it('two units: 100 students at 2, 300 at 6', () => {
    // X̄ = (200 + 1800)/400 = 5; deviations −3, +1; S² = 0.25 × 9 + 0.75 × 1 = 3 → shares 0.75, 0.25.
    // First at the mean: 5 and 6 → mean 5.75, var 0.25 × 0.5625 + 0.75 × 0.0625 = 0.1875 → CV √0.1875/5.75.
    // Second at the mean: 2 and 5 → mean 4.25, var 0.25 × 5.0625 + 0.75 × 0.5625 = 1.6875 → CV √1.6875/4.25.
    const c = contributions([u('A', 2, 100), u('B', 6, 300)]);
    expect(c.map((x) => x.schoolCode)).toEqual(['A', 'B']);
    expect(c[0].share).toBeCloseTo(0.75, 14);
    expect(c[1].share).toBeCloseTo(0.25, 14);
    expect(c[0].cvIfAtMean).toBeCloseTo(Math.sqrt(0.1875) / 5.75, 14);
    expect(c[1].cvIfAtMean).toBeCloseTo(Math.sqrt(1.6875) / 4.25, 14);
  });

  it('sorted by share, largest first: three units of 100 students at 1, 4, 10', () => {
    // X̄ = 5; squared deviations 16, 1, 25 (equal weights) → shares 16/42, 1/42, 25/42.
    const c = contributions([u('A', 1, 100), u('B', 4, 100), u('C', 10, 100)]);
    expect(c.map((x) => x.schoolCode)).toEqual(['C', 'A', 'B']);
    expect(c.map((x) => x.share)).toEqual([25 / 42, 16 / 42, 1 / 42].map((v) => expect.closeTo(v, 14)));
  });

  it('S = 0: every share 0 and every cvIfAtMean 0; mean 0: shares 0 and cvIfAtMean null', () => {
    const flat = contributions([u('A', 3, 10), u('B', 3, 20)]);
    expect(flat.map((x) => [x.share, x.cvIfAtMean])).toEqual([[0, 0], [0, 0]]);
    const zero = contributions([u('A', 0, 10), u('B', 0, 20)]);
    expect(zero.map((x) => [x.share, x.cvIfAtMean])).toEqual([[0, null], [0, null]]);
  });

  it('the ministry worked example (生均图书册数, 5 小学): shares add up to 1; the 89-student school carries 48.1 %', () => {
    const P = [45, 37, 89, 76, 55];
    const books = [279, 137, 935, 160, 402];
    const c = contributions(P.map((p, i) => u(String(i + 1), books[i] / p, p)));
    expect(c.reduce((a, x) => a + x.share, 0)).toBeCloseTo(1, 14);
    // X̄ = 1913/302; unit 3: (89/302)(935/89 − 1913/302)² ÷ S², S² = Σ (P_i/302)(x_i − X̄)².
    const mean = 1913 / 302;
    const S2 = P.reduce((a, p, i) => a + (p / 302) * (books[i] / p - mean) ** 2, 0);
    expect(c[0].schoolCode).toBe('3');
    expect(c[0].share).toBeCloseTo(((89 / 302) * (935 / 89 - mean) ** 2) / S2, 14);
    expect(c[0].share).toBeCloseTo(0.4813, 4); // S = 3.264 (standard §4): 5.1275 / 10.654
  });
});

describe('contributions, properties', () => {
  const units = fc.array(
    fc.record({ value: fc.double({ min: 0, max: 5000, noNaN: true }), students: fc.integer({ min: 1, max: 3000 }) }),
    { minLength: 1, maxLength: 30 },
  );

  it('shares add up to 1 (or are all 0) and cvIfAtMean equals a recomputation from scratch', () => {
    fc.assert(
      fc.property(units, (raw) => {
        const list = raw.map((r, i) => u(String(i), r.value, r.students));
        const c = contributions(list);
        const sum = c.reduce((a, x) => a + x.share, 0);
        const { mean, sd } = weightedCv(list);
        if (sd > 0) expect(sum).toBeCloseTo(1, 12);
        else expect(sum).toBe(0);
        for (let k = 1; k < c.length; k++) expect(c[k - 1].share).toBeGreaterThanOrEqual(c[k].share);
        for (const x of c) {
          const i = Number(x.schoolCode);
          const direct = weightedCv(list.map((v, j) => ({ value: j === i ? mean : v.value, students: v.students }))).cv;
          if (direct === null) expect(x.cvIfAtMean).toBeNull();
          else expect(x.cvIfAtMean!).toBeCloseTo(direct, 9);
        }
      }),
      { numRuns: 300, seed: 21 },
    );
  });

  it('in a county read through the template: one list per 学段 and indicator, one entry per unit', () => {
    fc.assert(
      fc.property(countyArb, ({ schools, yuan }) => {
        const r = analyse(gridsOf(schools, yuan), NATIONAL);
        if (!r.ok) throw new Error(r.fatal.message);
        const byStage = contributionsOf(r.analysis.evaluation);
        for (const [stage, b] of Object.entries(r.analysis.report.balance)) {
          const n = r.analysis.evaluation.units.filter((x) => x.stage === stage).length;
          for (const [id, i] of Object.entries(b!.indicators)) {
            expect(i.contributions).toEqual(byStage[stage as '小学']![id as 'R1'].map((c) => ({ schoolCode: c.schoolCode, share: c.share, cvIfAtMean: c.cvIfAtMean })));
            expect(i.contributions.length).toBe(i.cv === null && i.mean === null ? 0 : n);
          }
        }
      }),
      { numRuns: 25, seed: 22 },
    );
  });
});

describe('topContributionsOf', () => {
  // Few distinct values and student counts: many ties, which must keep input order as in the full list.
  const unitArb = fc.record({
    stage: fc.constantFrom('小学' as const, '初中' as const),
    students: fc.option(fc.integer({ min: 1, max: 4 }), { freq: 20 }),
    values: fc.array(fc.option(fc.constantFrom(0, 1, 2, 2.5, 7), { freq: 30 }), { minLength: 7, maxLength: 7 }),
  });
  const evaluationOf = (raw: { stage: '小学' | '初中'; students: number | null; values: (number | null)[] }[]): Evaluation => ({
    units: raw.map((r, i) => ({
      schoolCode: String(i), schoolName: `学校${i}`, stage: r.stage, students: r.students,
      indicators: Object.fromEntries(INDICATOR_IDS.map((id, k) => [id, { value: r.values[k] }])),
    })),
  }) as unknown as Evaluation;

  it('is contributionsOf cut to the limit, computed before or after it', () => {
    fc.assert(
      fc.property(fc.array(unitArb, { maxLength: 40 }), fc.constantFrom(0, 1, 3, 10, Infinity), (raw, limit) => {
        const fresh = topContributionsOf(evaluationOf(raw), limit);
        const e = evaluationOf(raw);
        const full = contributionsOf(e);
        const memo = topContributionsOf(e, limit);
        for (const cut of [fresh, memo]) {
          expect(Object.keys(cut)).toEqual(Object.keys(full));
          for (const [stage, byId] of Object.entries(full))
            for (const id of INDICATOR_IDS) {
              const t = cut[stage as '小学']![id];
              expect(t.top).toEqual(byId![id].slice(0, limit));
              expect(t.total).toBe(byId![id].length);
            }
        }
      }),
      { numRuns: 300, seed: 23 },
    );
  });
});

describe('in the JSON report', () => {
  const DIR = join(__dirname, '..', 'fixtures', 'conformance');

  it('validate --json lists balance[学段].indicators[id].contributions (worked example: 5 schools, sum 1)', async () => {
    const { json } = await cliJson('validate', join(DIR, '01-worked-example.xlsx'));
    const c = json.balance['小学'].indicators.R6.contributions;
    expect(c).toHaveLength(5);
    expect(c.reduce((a: number, x: any) => a + x.share, 0)).toBeCloseTo(1, 12);
    expect(Object.keys(c[0]).sort()).toEqual(['cvIfAtMean', 'schoolCode', 'share']);
  });

  it('a 48-school county: every indicator of both 学段 has one contribution per unit', async () => {
    const r = analyse(xlsxGrids(await loadWorkbook(join(DIR, '04-county-messy.xlsx'))), NATIONAL, { contributions: 'all' });
    if (!r.ok) throw new Error('fatal');
    for (const b of Object.values(r.analysis.report.balance))
      for (const i of Object.values(b!.indicators)) {
        expect(i.contributions).toHaveLength(b!.units);
        expect(i.contributionsTotal).toBe(b!.units);
        expect(i.contributions.reduce((a, x) => a + x.share, 0)).toBeCloseTo(1, 12);
      }
  });
});
