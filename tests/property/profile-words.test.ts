/**
 * Issue 12: under any profile, the words say the applied profile's numbers. A county where G5, G7 and a
 * unit's floor fail is analysed under random valid profiles (every numeric value of `items` and the
 * floor changed from the national one); no sentence the product writes (item messages, advice, notes of
 * the marks, the 表Ⅱ/表Ⅲ/问题清单 cells, the 申报表 tables, the validate summary, the plan's reasons) may print a national
 * value that the profile changed. Fixed seed, so a failure is reproducible.
 */
import fc from 'fast-check';
import { adviceOf } from '../../src/domain/advice';
import { NATIONAL, resolveProfile, type ResolvedProfile } from '../../src/domain/profile';
import { analyse } from '../../src/report/build';
import { marksOf } from '../../src/report/marks';
import { planOf } from '../../src/report/plan';
import { summarySheets } from '../../src/report/sheets';
import { shenbaoSheets } from '../../src/report/shenbao/tables';
import { reportText } from '../../src/cli/text';
import { toCellGrids } from '../helpers/county-model';
import { TemplateBuilder } from '../helpers/template-builder';

const S1 = '0360000001';

/** A value different from `national`, drawn from [lo, hi] with `digits` decimals. */
const other = (national: number, lo: number, hi: number, digits = 0) => {
  const k = 10 ** digits;
  return fc.integer({ min: Math.round(lo * k), max: Math.round(hi * k) }).map((n) => n / k).filter((x) => Math.abs(x - national) > 1e-9);
};

const profileArb = fc.record({
  floorRatio: other(NATIONAL.floorRatio, 0.55, 0.95, 2),
  teachingPointMinStudents: other(NATIONAL.scope.teachingPointMinStudents, 20, 80),
  G3: fc.record({ musicRoomArea: other(96, 60, 140), artRoomArea: other(90, 60, 140), classesPerRoom: other(12, 6, 20) }),
  G4: fc.record({ single: other(NATIONAL.items.G4.single, 1200, 3000), through: other(NATIONAL.items.G4.through, 1500, 3500) }),
  G5: fc.record({ 小学: other(NATIONAL.items.G5.小学, 30, 44), 初中: other(NATIONAL.items.G5.初中, 51, 60) }),
  G6: fc.record({ minFundedStudents: other(NATIONAL.items.G6.minFundedStudents, 60, 150) }),
  G7: fc.record({ minFunding: other(NATIONAL.items.G7.minFunding, 7000, 12000) }),
  G9: fc.record({ rate: other(NATIONAL.items.G9.rate, 0.6, 0.99, 2) }),
  G11: fc.record({ exchangeRate: other(NATIONAL.items.G11.exchangeRate, 0.03, 0.3, 2), backboneRate: other(NATIONAL.items.G11.backboneRate, 0.05, 0.4, 2) }),
  G12: fc.record({ rate: other(NATIONAL.items.G12.rate, 0.6, 0.99, 2) }),
  G13: fc.record({ 小学: other(NATIONAL.items.G13.小学, 0.6, 0.99, 2), 初中: other(NATIONAL.items.G13.初中, 0.6, 0.99, 2) }),
  G14: fc.record({ rate: other(NATIONAL.items.G14.rate, 0.3, 0.7, 2) }),
  G15: fc.record({ rate: other(NATIONAL.items.G15.rate, 0.6, 0.99, 2) }),
  Q1: fc.record({ minPercent: other(NATIONAL.items.Q1.minPercent, 80, 99) }),
  Q2: fc.record({ minPercent: other(NATIONAL.items.Q2.minPercent, 80, 99) }),
  Q4: fc.record({ rate: other(NATIONAL.items.Q4.rate, 0.01, 0.2, 2) }),
  Q9: fc.record({ maxGap: other(NATIONAL.items.Q9.maxGap, 0.05, 0.3, 2) }),
  SR: fc.record({ minPercent: other(NATIONAL.items.SR.minPercent, 70, 99) }),
});

type Drawn = typeof profileArb extends fc.Arbitrary<infer T> ? T : never;

function profileOf(d: Drawn): ResolvedProfile {
  const { floorRatio, teachingPointMinStudents, ...items } = d;
  return resolveProfile({ id: 'random', name: '随机配置', floorRatio, scope: { teachingPointMinStudents }, items });
}

/** The county: S1's 小学 fails G5 (its class size never the national limit) and R2 below the floor, G7 fails. */
function county(p: ResolvedProfile): TemplateBuilder {
  return TemplateBuilder.base()
    .setStage(S1, '小学', { maxClassSize: p.items.G5.小学 + (p.items.G5.小学 + 1 === NATIONAL.items.G5.小学 ? 2 : 1), backbone: 3 })
    .setCounty('G7', p.items.G7.minFunding - 150);
}

/** National displays that must not be printed once the profile changes them: [label, text forms]. */
function staleForms(p: ResolvedProfile): [string, string[]][] {
  // A form that is also how an applied value prints (G11's 5% when Q4's national rate is 5%) is not stale.
  const applied = new Set(formsOf(p, NATIONAL).flatMap(([, fs]) => fs));
  return formsOf(NATIONAL, p).map(([label, fs]): [string, string[]] => [label, fs.filter((f) => !applied.has(f))]);
}

/** The displays of `from`'s values where `to` differs. */
function formsOf(from: ResolvedProfile, to: ResolvedProfile): [string, string[]][] {
  const n = from.items;
  const NATIONAL = from;
  const p = to;
  const pct = (x: number) => `${Number((x * 100).toFixed(4))}%`;
  const out: [string, string[]][] = [];
  const push = (label: string, national: number, applied: number, forms: string[]) => {
    if (national !== applied) out.push([label, forms]);
  };
  push('floorRatio', NATIONAL.floorRatio, p.floorRatio, [pct(NATIONAL.floorRatio)]);
  push('scope.teachingPointMinStudents', NATIONAL.scope.teachingPointMinStudents, p.scope.teachingPointMinStudents, [`${NATIONAL.scope.teachingPointMinStudents}人`]);
  push('G4.single', n.G4.single, p.items.G4.single, [`${n.G4.single}人`]);
  push('G4.through', n.G4.through, p.items.G4.through, [`${n.G4.through}人`]);
  push('G5.小学', n.G5.小学, p.items.G5.小学, [`${n.G5.小学}人`]);
  push('G5.初中', n.G5.初中, p.items.G5.初中, [`${n.G5.初中}人`]);
  push('G6', n.G6.minFundedStudents, p.items.G6.minFundedStudents, [`${n.G6.minFundedStudents}名`]);
  push('G7', n.G7.minFunding, p.items.G7.minFunding, [`${n.G7.minFunding}元`]);
  push('G3.classesPerRoom', n.G3.classesPerRoom, p.items.G3.classesPerRoom, [`每${n.G3.classesPerRoom}个班`]);
  push('G3.musicRoomArea', n.G3.musicRoomArea, p.items.G3.musicRoomArea, [`音乐教室面积不小于${n.G3.musicRoomArea}㎡`]);
  push('G3.artRoomArea', n.G3.artRoomArea, p.items.G3.artRoomArea, [`美术教室面积不小于${n.G3.artRoomArea}㎡`]);
  push('Q9', n.Q9.maxGap, p.items.Q9.maxGap, [`低于${n.Q9.maxGap}`]);
  for (const [label, nat, applied] of [
    ['G9', n.G9.rate, p.items.G9.rate], ['G11.exchangeRate', n.G11.exchangeRate, p.items.G11.exchangeRate],
    ['G11.backboneRate', n.G11.backboneRate, p.items.G11.backboneRate], ['G12', n.G12.rate, p.items.G12.rate],
    ['G13.小学', n.G13.小学, p.items.G13.小学], ['G13.初中', n.G13.初中, p.items.G13.初中], ['G14', n.G14.rate, p.items.G14.rate],
    ['G15', n.G15.rate, p.items.G15.rate], ['Q4', n.Q4.rate, p.items.Q4.rate],
  ] as const) push(label, nat, applied, [pct(nat), `${Number((nat * 100).toFixed(1)).toFixed(1)}%`]);
  for (const [label, nat, applied] of [
    ['Q1', n.Q1.minPercent, p.items.Q1.minPercent], ['Q2', n.Q2.minPercent, p.items.Q2.minPercent], ['SR', n.SR.minPercent, p.items.SR.minPercent],
  ] as const) push(label, nat, applied, [`${nat}%`]);
  return out;
}

/** Every sentence the product writes for an analysis, labelled by where it comes from. */
function sentences(p: ResolvedProfile): { where: string; text: string }[] {
  const r = analyse(toCellGrids(county(p).grids()), p);
  if (!r.ok) throw new Error(r.fatal.message);
  const a = r.analysis;
  const out: { where: string; text: string }[] = [];
  for (const i of a.report.items) out.push({ where: `item ${i.id}`, text: i.message });
  const advice = adviceOf(a);
  for (const x of advice) out.push({ where: 'advice', text: x.text });
  for (const m of marksOf(a)) out.push({ where: `mark ${m.sheet}!${m.address}`, text: m.note });
  for (const g of [...summarySheets(a), ...shenbaoSheets(a).sheets])
    g.rows.forEach((row, ri) => row.forEach((c, ci) => {
      // Header rows name the template's input columns (their canonical headers), not the profile.
      if (typeof c?.value !== 'string' || c.style === 'header') return;
      // 表Ⅳ/表Ⅴ column B holds the county's data (a rate of 100.0% is a value, not the national 100%); only the
      // sentences that print a threshold of the profile are checked: 表Ⅳ-4, 5, 6 (rows 6–8) and 表Ⅴ-4 (row 7).
      if (ci === 1 && ((g.name === '表Ⅳ' && ![5, 6, 7].includes(ri)) || (g.name === '表Ⅴ' && ri !== 6))) return;
      out.push({ where: `sheet ${g.name} row ${ri + 1}`, text: c.value });
    }));
  const plan = planOf(a);
  out.push({ where: 'validate text', text: reportText(a.report, 'x.xlsx', advice, plan) });
  return out;
}

/** Where a national value the profile changed is still printed. */
function stale(p: ResolvedProfile): string[] {
  const forms = staleForms(p);
  const found: string[] = [];
  for (const s of sentences(p))
    for (const [label, fs] of forms)
      for (const f of fs) {
        // A form must stand alone: 「45人」 inside 「145人」 is a data value, not the national limit.
        const at = s.text.indexOf(f);
        if (at >= 0 && !/[\d.]/.test(s.text[at - 1] ?? '')) found.push(`${label} ${f} in ${s.where}: ${s.text.slice(Math.max(0, at - 40), at + 40)}`);
      }
  return found;
}

describe('words rendered from the applied profile (issue 12)', () => {
  it('no national value that the profile changed is printed anywhere', () => {
    fc.assert(
      fc.property(profileArb, (d) => {
        expect(stale(profileOf(d))).toEqual([]);
      }),
      { seed: 12, numRuns: 12 },
    );
  });

  it('the three known wrong outputs: G5 at 40, G7 at 8000 元, floorRatio 0.9', () => {
    const p = resolveProfile({ id: 'p', name: '省级', floorRatio: 0.9, items: { G5: { 小学: 40 }, G7: { minFunding: 8000 } } });
    const r = analyse(toCellGrids(county(p).grids()), p);
    if (!r.ok) throw new Error(r.fatal.message);
    const item = (id: string) => r.analysis.report.items.find((i) => i.id === id)!.message;
    expect(item('G5')).toBe('未达标：小学、初中所有班级学生数分别不超过40人、50人。城关小学小学最大班额41人（上限40人）；河西九年一贯制学校小学最大班额42人（上限40人）');
    expect(item('G7')).toBe('未达标：特殊教育学校生均公用经费不低于8000元。7850元（标准8000元）');
    const floor = adviceOf(r.analysis).find((a) => a.indicator === 'R2')!.text;
    expect(floor).toContain('低于标准值的90%即 0.9人');
    expect(floor).not.toContain('85%');
  });
});
