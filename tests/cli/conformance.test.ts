/**
 * The public conformance workbooks (computed independently of this product) reproduced to a relative
 * 1e-9, every true/false exactly; the same comparison as shared/conformance/compare.mjs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliJson } from '../helpers/run-cli';

const DIR = join(__dirname, '..', 'fixtures', 'conformance');
const IDS = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'];
const close = (a: unknown, b: number) => typeof a === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

function differences(got: any, exp: any): string[] {
  const d: string[] = [];
  const units = new Map<string, any>((got.units || []).map((u: any) => [`${u.schoolCode}|${u.stage}`, u]));
  for (const u of exp.units) {
    const key = `${u.schoolCode}|${u.stage}`;
    const g = units.get(key);
    if (!g) {
      d.push(`unit ${key} missing`);
      continue;
    }
    units.delete(key);
    if (!close(g.students, u.students)) d.push(`${key} students ${g.students}, expected ${u.students}`);
    for (const k of IDS) {
      const gi = g.indicators?.[k];
      const ei = u.indicators[k];
      if (!close(gi?.value, ei.value)) d.push(`${key} ${k} value ${gi?.value}, expected ${ei.value}`);
      for (const f of ['met', 'aboveFloor']) if (gi?.[f] !== ei[f]) d.push(`${key} ${k} ${f}`);
    }
    if (g.metCount !== u.metCount) d.push(`${key} metCount`);
    if (g.passes !== u.passes) d.push(`${key} passes`);
  }
  for (const key of units.keys()) d.push(`unit ${key} should not be there`);
  const excluded = new Set((got.excluded || []).map((e: any) => `${e.schoolCode}|${e.stage ?? ''}`));
  for (const e of exp.excluded) if (!excluded.has(`${e.schoolCode}|${e.stage ?? ''}`)) d.push(`${e.schoolCode} not excluded`);
  for (const [stage, b] of Object.entries<any>(exp.balance)) {
    const gb = got.balance?.[stage];
    if (!gb) {
      d.push(`balance ${stage} missing`);
      continue;
    }
    if (gb.units !== b.units || gb.students !== b.students) d.push(`balance ${stage} units/students`);
    for (const k of IDS) {
      const g = gb.indicators?.[k];
      const e = b.indicators[k];
      for (const f of ['mean', 'cv']) if (!close(g?.[f], e[f])) d.push(`balance ${stage} ${k} ${f} ${g?.[f]}, expected ${e[f]}`);
      if (g?.limit !== e.limit) d.push(`balance ${stage} ${k} limit`);
      if (g?.passes !== e.passes) d.push(`balance ${stage} ${k} passes`);
    }
  }
  const items = new Map<string, any>((got.items || []).map((i: any) => [i.id, i]));
  for (const { id, passes } of exp.items) if (items.get(id)?.passes !== passes) d.push(`item ${id} passes ${items.get(id)?.passes}, expected ${passes}`);
  return d;
}

describe.each(['01-worked-example', '02-exact-thresholds', '03-county-plain', '04-county-messy'])('conformance %s', (name) => {
  it('matches the independently computed results and exits 0', async () => {
    const { code, json } = await cliJson('validate', join(DIR, `${name}.xlsx`));
    const expected = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8'));
    expect(differences(json, expected)).toEqual([]);
    expect(code).toBe(0);
    expect(json.summary.errors).toBe(0);
  });
});

it('reports the ministry worked example CV as 0.5152566…, not the unweighted 0.489 or the n−1 0.546', async () => {
  const { json } = await cliJson('validate', join(DIR, '01-worked-example.xlsx'));
  const cv = json.balance['小学'].indicators.R6.cv;
  expect(cv).toBeCloseTo(0.5152566, 7);
  expect(Math.abs(cv - 0.489)).toBeGreaterThan(0.02);
  expect(Math.abs(cv - 0.546)).toBeGreaterThan(0.02);
  expect(json.balance['小学'].indicators.R6.passes).toBe(false);
});
