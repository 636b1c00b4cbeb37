/**
 * The 申报表 counts the schools of G3 (表Ⅳ-3) and Q4 (表Ⅴ-9) from the checks the evaluation already made: each
 * per-school check runs once per analysis, not again for the tables (it was a fifth of 表Ⅳ's time at 10 000 units).
 */
import { NATIONAL, builtInProfile } from '../../../src/domain/profile';
import { G3 } from '../../../src/domain/rules/g3-music-art-rooms';
import { Q4 } from '../../../src/domain/rules/q4-training-funding';
import { analyse } from '../../../src/report/build';
import { sampleCountyGrids } from '../../../src/sample/county';

describe('the 申报表 reuses the evaluation’s item checks', () => {
  afterEach(() => jest.restoreAllMocks());

  it('G3 and Q4 run once per analysis (the values of 表Ⅳ-3 and 表Ⅴ-9 are checked in official.test.ts)', () => {
    const g3 = jest.spyOn(G3, 'checks');
    const q4 = jest.spyOn(Q4, 'checks');
    const r = analyse(sampleCountyGrids(), NATIONAL);
    if (!r.ok) throw new Error(r.fatal.message);
    expect(g3).toHaveBeenCalledTimes(1);
    expect(q4).toHaveBeenCalledTimes(1);
    // Another profile is another evaluation: its own checks, once.
    const again = analyse(sampleCountyGrids(), builtInProfile('strict-scope'));
    expect(again.ok).toBe(true);
    expect(g3).toHaveBeenCalledTimes(2);
    expect(q4).toHaveBeenCalledTimes(2);
  });
});
