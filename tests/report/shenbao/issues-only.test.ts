/**
 * `validate` asks only for the official tables' warnings (shenbaoIssues): 表Ⅱ-2 then builds no cells. The
 * warnings must be exactly those of the full tables, in the same order, on every workbook at hand and
 * every built-in profile (each changes thresholds, hence which values round to a threshold).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { builtInProfiles } from '../../../src/domain/profile';
import { readXlsxFile } from '../../../src/hosts/xlsx/node-read';
import { analyse, type Analysis } from '../../../src/report/build';
import { shenbaoIssues, shenbaoSheets } from '../../../src/report/shenbao/tables';
import { sampleCountyGrids } from '../../../src/sample/county';
import type { CellGrid } from '../../../src/template/grid';

const FIX = join(__dirname, '../../fixtures/conformance');

it('shenbaoIssues gives the warnings of shenbaoSheets, in order, without building 表Ⅱ-2', async () => {
  const workbooks: [string, CellGrid[]][] = [['sample', sampleCountyGrids()]];
  for (const f of readdirSync(FIX).filter((x) => x.endsWith('.xlsx')).sort()) workbooks.push([f, await readXlsxFile(join(FIX, f))]);
  const seen = new Set<string>();
  let compared = 0;
  for (const [name, grids] of workbooks)
    for (const profile of builtInProfiles()) {
      const r = analyse(grids, profile);
      if (!r.ok) throw new Error(`${name}: ${r.fatal.message}`);
      const a: Analysis = r.analysis;
      const full = shenbaoSheets(a).issues;
      expect({ name, profile: profile.id, issues: shenbaoIssues(a) }).toEqual({ name, profile: profile.id, issues: full });
      for (const i of full) seen.add(`${i.sheet} ${i.code}`);
      compared++;
    }
  expect(compared).toBeGreaterThanOrEqual(5 * 2);
  // Not a comparison of empty lists: 表Ⅱ-2's own warnings occur among these workbooks.
  expect([...seen].filter((k) => k.startsWith('表Ⅱ-2')).sort()).toEqual(['表Ⅱ-2 shenbao-blanks', '表Ⅱ-2 shenbao-rounded-to-threshold']);
  // 表Ⅱ-2's 举办者类型 defaulted from 办学性质 is said on 「学校基本信息」 (template-additions §1).
  expect(seen.has('学校基本信息 owner-type-defaulted')).toBe(true);
});
