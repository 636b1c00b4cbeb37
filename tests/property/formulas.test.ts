/**
 * Property tests (issue 7, item 2): random valid counties read from CellGrids give the indicators, the
 * per-unit verdicts and the CVs of an independent implementation of standard-2017.md §2–§5, §7
 * (tests/property/county.ts) to a relative 1e-9, under every built-in profile.
 */
import fc from 'fast-check';
import { builtInProfile } from '../../src/domain/profile';
import { analyse } from '../../src/report/build';
import type { CellGrid } from '../../src/template/grid';
import { countyArb, differences, oracle, oracleCv, oracleShare, render, type GCounty, type OracleOptions } from './county';

const PROFILES: [string, OracleOptions][] = [
  ['national', { primaryCut: '专科', includePrivate: true, subtractIndoor: true }],
  ['primary-bachelor', { primaryCut: '本科', includePrivate: true, subtractIndoor: true }],
  ['strict-scope', { primaryCut: '专科', includePrivate: false, subtractIndoor: true }],
  ['indoor-count-in-both', { primaryCut: '专科', includePrivate: true, subtractIndoor: false }],
];

export function reportOf(grids: CellGrid[], profileId = 'national') {
  const r = analyse(grids, builtInProfile(profileId));
  if (!r.ok) throw new Error(`fatal on a valid county: ${JSON.stringify(r.fatal)}`);
  return r.analysis.report;
}

const errorsOf = (report: any) => report.issues.filter((i: any) => i.severity === 'error').map((i: any) => `${i.sheet}!${i.cell} ${i.code} ${i.message}`);

describe('random valid counties against the independent formulas', () => {
  it.each(PROFILES)('profile %s: every value, verdict, mean and CV equals the oracle; no errors', (id, opt) => {
    fc.assert(
      fc.property(countyArb(), fc.integer(), fc.boolean(), (county: GCounty, seed, yuan) => {
        const report = reportOf(render(county, { seed, yuan, textNumbers: 0.05, decorations: true }), id);
        expect(errorsOf(report)).toEqual([]);
        expect(differences(report, oracle(county, opt))).toEqual([]);
      }),
      { seed: id === 'national' ? 20170601 : 20170602, numRuns: id === 'national' ? 400 : 120 },
    );
  });

  it('the oracle reproduces the ministry worked example (CV 0.5153) and the §5 split example', () => {
    const students = [45, 37, 89, 76, 55];
    const books = [279, 137, 935, 160, 402];
    const r = oracleCv(students.map((p, i) => ({ students: p, numerator: books[i] })));
    expect(r.mean).toBeCloseTo(6.334, 3);
    expect(r.cv!).toBeCloseTo(0.5153, 4);
    const share = oracleShare('九年一贯制学校', '小学', 166, 210, 0);
    expect(23226 * share).toBeCloseTo(9711.627, 3);
    expect(23226 * oracleShare('九年一贯制学校', '初中', 166, 210, 0)).toBeCloseTo(13514.373, 3);
  });
});
