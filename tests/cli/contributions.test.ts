/**
 * The JSON report lists the 10 largest contributors to each CV by default (issue 16: a 10 000-unit county
 * had 140 000 of them, 41 % of a 15 MB report); `--contributions` lists all. Contributions are computed
 * once per evaluation, whichever output asks for them.
 */
import { join } from 'node:path';
import { contributionsOf } from '../../src/domain/contributions';
import { NATIONAL } from '../../src/domain/profile';
import { analyse, TOP_CONTRIBUTORS } from '../../src/report/build';
import { sampleCountyGrids } from '../../src/sample/county';
import { cliJson } from '../helpers/run-cli';

const MESSY = join(__dirname, '../fixtures/conformance/04-county-messy.xlsx');

describe('contributions in the JSON report', () => {
  it('default: the 10 largest per CV, in order, with the total; --contributions: every unit, the same first 10', async () => {
    const top = (await cliJson('validate', MESSY)).json;
    const all = (await cliJson('validate', MESSY, '--contributions')).json;
    expect(TOP_CONTRIBUTORS).toBe(10);
    for (const stage of ['小学', '初中']) {
      for (const id of ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7']) {
        const t = top.balance[stage].indicators[id];
        const a = all.balance[stage].indicators[id];
        expect(a.contributions).toHaveLength(top.balance[stage].units);
        expect(t.contributionsTotal).toBe(top.balance[stage].units);
        expect(a.contributionsTotal).toBe(top.balance[stage].units);
        expect(t.contributions).toHaveLength(Math.min(10, top.balance[stage].units));
        expect(t.contributions).toEqual(a.contributions.slice(0, 10));
        for (let i = 1; i < a.contributions.length; i++) expect(a.contributions[i - 1].share).toBeGreaterThanOrEqual(a.contributions[i].share);
        // shares of all units add up to 1 when the CV is defined and non-zero
        if (a.cv) expect(a.contributions.reduce((s: number, c: any) => s + c.share, 0)).toBeCloseTo(1, 9);
      }
    }
    expect(top.balance['小学'].units).toBeGreaterThan(10);
    expect(JSON.stringify(top).length).toBeLessThan(JSON.stringify(all).length);
  });

  it('are computed once per evaluation (the text advice reuses what the report computed)', () => {
    const r = analyse(sampleCountyGrids(), NATIONAL);
    if (!r.ok) throw new Error(r.fatal.message);
    expect(contributionsOf(r.analysis.evaluation)).toBe(contributionsOf(r.analysis.evaluation));
  });
});
