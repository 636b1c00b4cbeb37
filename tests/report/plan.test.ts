/**
 * The minimum plan (validate --json --plan): hand-computed plans, and plans applied cell by cell to the
 * sample county, a conformance county and random counties, then read and evaluated again by the real
 * reader and engine: no error, every unit passing, every CV under its limit, no item made worse.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { cvOf, greedyCv, minCvContinuous, minCvInteger, type CvUnit } from '../../src/domain/cvmin';
import { additionText, amountText, planOf, type Plan, type PlanAddition } from '../../src/report/plan';
import { builtInProfile, INDICATOR_IDS, NATIONAL, type ResolvedProfile } from '../../src/domain/profile';
import { integerResource, resourceShare, valueFactor } from '../../src/domain/shortfall';
import { analyse, type Analysis } from '../../src/report/build';
import { gridsOf as xlsxGrids, loadWorkbook } from '../../src/hosts/exceljs/read';
import type { CellGrid } from '../../src/template/grid';
import { cli, cliJson } from '../helpers/run-cli';
import { reportText } from '../../src/cli/text';
import { adviceOf } from '../../src/domain/advice';
import { writeGridsToXlsx } from '../helpers/workbook';
import { applyPlan, countyArb, gridsOf, row, type TSchool } from '../domain/issue6-fixtures';

const CONFORMANCE = join(__dirname, '..', 'fixtures', 'conformance');

function analysed(grids: readonly CellGrid[], profile: ResolvedProfile = NATIONAL): Analysis {
  const r = analyse(grids, profile);
  if (!r.ok) throw new Error(r.fatal.message);
  return r.analysis;
}

/** Applies the plan to the grids, reads and evaluates them again, and checks the promise of the plan. */
function expectPlanWorks(grids: readonly CellGrid[], profile: ResolvedProfile = NATIONAL): { plan: Plan; before: Analysis; after: Analysis } {
  const before = analysed(grids, profile);
  expect(before.report.summary.errors).toBe(0);
  const plan = planOf(before);
  expect(plan.remaining).toEqual([]);
  expect(plan.complete).toBe(true);
  for (const a of plan.additions) {
    expect(a.amount).toBeGreaterThan(0);
    if (a.unit === '人' || a.unit === '间') expect(Number.isInteger(a.amount)).toBe(true);
    expect(a.stage !== undefined).toBe(a.sheet === before.read.layout.stages.sheet);
  }
  // Typed in as the command line prints them (㎡ and money rounded up to two decimals), they work as well.
  const printed = analysed(applyPlan(grids, plan, (a) => Number(amountText(a).replace(a.unit, ''))), profile);
  expect(printed.report.units.filter((u) => u.passes !== true).map((u) => `${u.schoolName} ${u.stage}`)).toEqual([]);
  expect(printed.report.summary.resourcePasses).toBe(true);
  const after = analysed(applyPlan(grids, plan), profile);
  const r = after.report;
  expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  expect(r.units.filter((u) => u.passes !== true).map((u) => `${u.schoolName} ${u.stage}`)).toEqual([]);
  const failingCvs = Object.entries(r.balance).flatMap(([stage, b]) =>
    INDICATOR_IDS.filter((id) => b!.indicators[id].passes !== true).map((id) => `${stage} ${id} ${b!.indicators[id].cv}`),
  );
  expect(failingCvs).toEqual([]);
  expect(r.summary.resourcePasses).toBe(true);
  // No item that passed before fails after (new teachers are certified and trained where the row says).
  const was = new Map(before.report.items.map((i) => [i.id, i.passes] as const));
  expect(r.items.filter((i) => was.get(i.id) === true && i.passes !== true).map((i) => i.id)).toEqual([]);
  // Minimal: no single amount can be lowered alone (each of its cells: a new teacher from all the columns that
  // count him or her; a person or a room by one; ㎡ and money by a ten-thousandth).
  for (let i = 0; i < plan.additions.length; i++) {
    const lowered = lowerOne(plan.additions, i);
    if (!lowered) continue;
    const worse = analysed(applyPlan(grids, { additions: lowered }), profile).evaluation;
    const fails = worse.units.some((u) => u.passes !== true) || Object.values(worse.balance).some((b) => INDICATOR_IDS.some((id) => b!.indicators[id].passes !== true));
    if (!fails) throw new Error(`addition ${i} (${plan.additions[i].schoolName} ${plan.additions[i].cell} ${plan.additions[i].column} +${plan.additions[i].amount}) can be lowered alone`);
  }
  // The cost adds up the additions.
  const sum = (col: RegExp) => plan.additions.filter((a) => col.test(a.column)).reduce((s, a) => s + a.amount, 0);
  expect(sum(/^专任教师数/)).toBe(plan.cost.teachers);
  // 骨干 are designations: the 骨干 cell only, never more than the row's non-骨干 teachers plus its new ones.
  expect(sum(/^县级及以上骨干教师数/)).toBe(plan.cost.designations);
  for (const a of plan.additions) expect(a.kind).toBe(/^县级及以上骨干教师数/.test(a.column) ? 'designate' : 'add');
  expect(sum(/^教学及辅助用房面积/)).toBeCloseTo(plan.cost.teachingArea, 6);
  expect(sum(/^室外运动场地面积/)).toBeCloseTo(plan.cost.outdoorSportsArea, 6);
  expect(sum(/^网络多媒体教室数/)).toBe(plan.cost.multimediaRooms);
  const scale = before.read.layout.schools.scales.equipmentYuan ?? 10000;
  expect(sum(/^教学仪器设备资产值/) * scale).toBeCloseTo(plan.cost.equipmentYuan, 4);
  return { plan, before, after };
}

/**
 * The additions with the i-th lowered as a person would take one unit of it back: a new teacher (专任教师数) out of
 * every column of the row that counts him or her (学历, 持证, 培训), unless the row's new 体育/艺术 or 骨干
 * teachers need him or her; one 骨干 designation or one 体育/艺术 teacher (still employed); a room; ㎡ and
 * money by a ten-thousandth. null when the addition cannot be lowered that way.
 */
function lowerOne(additions: readonly PlanAddition[], i: number): PlanAddition[] | null {
  const a = additions[i];
  const out = additions.map((x) => ({ ...x }));
  const rowOf = (x: PlanAddition) => `${x.sheet}|${x.cell?.replace(/^[A-Z]+/, '')}`;
  if (a.unit === '㎡' || a.unit === '万元' || a.unit === '元') {
    out[i].amount = a.amount * (1 - 1e-4);
    return out;
  }
  if (a.unit === '间' || a.kind === 'designate' || /^(体育|音乐|美术)专任教师数/.test(a.column)) {
    out[i].amount = a.amount - 1;
    return out;
  }
  if (!/^专任教师数/.test(a.column)) return null; // the other columns of a new teacher go with 专任教师数
  const same = out.filter((x) => rowOf(x) === rowOf(a));
  const arts = same.filter((x) => /^(体育|音乐|美术)专任教师数/.test(x.column)).reduce((n, x) => n + x.amount, 0);
  const designated = same.find((x) => x.kind === 'designate');
  const forBackbone = designated ? designated.amount - (designated.existingTeachers ?? designated.amount) : 0;
  if (a.amount - 1 < Math.max(arts, forBackbone)) return null;
  for (const x of same) if (/^(专任教师数|本科学历专任教师数|持有教师资格证专任教师数|5年内完成360学时培训专任教师数)/.test(x.column)) x.amount -= 1;
  return out;
}

// R4 = (4 500 − 500 室内体育用房) / 1 000 = 4.0, between its floor 3.825 and 4.5.
const poor: TSchool = {
  code: '0360000001', name: '城关二小', type: '小学', A: 1000, B: null, C: null,
  teachingArea: 4500, indoor: 500, outdoor: 6000, equipYuan: 1_600_000, rooms: 20,
  rows: [row('小学', { pg: 10, ba: 20, as: 8, hs: 2, backbone: 7, pe: 4, music: 2, fine: 2, certified: 40, trained: 38 })],
};

describe('hand-computed plans', () => {
  it('one poor 小学: 4 new teachers (1 音乐), 3 existing teachers designated 骨干, 1000 ㎡ of field, 40 万元, 3 rooms; R4 left at its floor', () => {
    const { plan } = expectPlanWorks(gridsOf([poor]));
    const cells = plan.additions.map((a) => [a.sheet, a.cell, a.column, a.amount, a.stage ?? null]);
    expect(cells).toEqual([
      ['学校基本信息', 'K2', '室外运动场地面积(㎡)', 1000, null],
      ['学校基本信息', 'L2', '教学仪器设备资产值(万元)', 40, null],
      ['学校基本信息', 'M2', '网络多媒体教室数(间)', 3, null],
      ['分学段信息', 'D2', '专任教师数(人)', 4, '小学'],
      ['分学段信息', 'F2', '本科学历专任教师数(人)', 4, '小学'],
      ['分学段信息', 'I2', '县级及以上骨干教师数(人)', 3, '小学'],
      ['分学段信息', 'K2', '音乐专任教师数(人)', 1, '小学'],
      ['分学段信息', 'M2', '持有教师资格证专任教师数(人)', 4, '小学'],
      ['分学段信息', 'N2', '5年内完成360学时培训专任教师数(人)', 4, '小学'],
    ]);
    expect(plan.cost).toMatchObject({ teachers: 4, designations: 3, teachingArea: 0, outdoorSportsArea: 1000, equipmentYuan: 400000, multimediaRooms: 3 });
    // 4 × 10 + 3 × 0.5 (training) + 1000 × 0.05 + 40 + 3 × 5.
    expect(plan.cost.estimate).toBeCloseTo(146.5, 9);
    // The new teachers are for R1 and R3; R2 is met by designating 3 of the 33 teachers who are not 骨干.
    expect(plan.additions[3].reasons).toEqual([{ stage: '小学', indicator: 'R1', goal: 'threshold' }, { stage: '小学', indicator: 'R3', goal: 'threshold' }]);
    expect(plan.additions[5]).toMatchObject({ kind: 'designate', existingTeachers: 3, reasons: [{ stage: '小学', indicator: 'R2', goal: 'threshold' }] });
    expect(additionText(plan.additions[5])).toBe('认定 3 名现有教师为县级及以上骨干教师（不增加专任教师）');
    expect(additionText(plan.additions[3])).toBe('新增 4 名专任教师');
    expect(additionText(plan.additions[0])).toBeNull();
    expect(plan.method).toContain('先从本校该学段现有的非骨干专任教师中认定');
    expect(plan.method).toContain('注水法');
  });

  it('a 九年一贯制 school: 3 rooms serve both units (初中部 to 2.43, 小学部 above its floor)', () => {
    const nine: TSchool = {
      code: '0360000002', name: '实验学校', type: '九年一贯制学校', A: 600, B: 400, C: null,
      teachingArea: 4680, indoor: 0, outdoor: 12000, equipYuan: 3_000_000, rooms: 20,
      rows: [row('小学', { ba: 30, backbone: 8, pe: 8 }), row('初中', { ba: 25, backbone: 6, pe: 6 })],
    };
    const { plan } = expectPlanWorks(gridsOf([nine]));
    expect(plan.additions.map((a) => [a.cell, a.column, a.amount, a.reasons])).toEqual([['M2', '网络多媒体教室数(间)', 3, [{ stage: '初中', indicator: 'R7', goal: 'threshold' }, { stage: '小学', indicator: 'R7', goal: 'floor' }]]]);
    expect(plan.cost.estimate).toBeCloseTo(15, 9);
  });

  it('a failing CV only: two 小学 of 1000 at 2000 and 7000 元 per student (CV 0.556) → water-filling to 2333.33 元', () => {
    // Raising the first to h: CV = (7000 − h)/(7000 + h) = 0.5 ⇒ h = 7000/3; 1000 × (7000/3 − 2000) 元 = 33.33 万元.
    const base = (code: string, name: string, equipYuan: number): TSchool => ({
      code, name, type: '小学', A: 1000, B: null, C: null, teachingArea: 5000, indoor: 0, outdoor: 8000, equipYuan, rooms: 25,
      rows: [row('小学', { ba: 50, backbone: 12, pe: 10 })],
    });
    const { plan, before } = expectPlanWorks(gridsOf([base('0360000010', '甲校', 2_000_000), base('0360000011', '乙校', 7_000_000)]));
    expect(before.report.balance['小学']!.indicators.R6.cv).toBeCloseTo(2500 / 4500, 12);
    expect(plan.additions).toHaveLength(1);
    expect(plan.additions[0]).toMatchObject({ schoolCode: '0360000010', cell: 'L2', column: '教学仪器设备资产值(万元)', unit: '万元', reasons: [{ stage: '小学', indicator: 'R6', goal: 'cv' }] });
    expect(plan.additions[0].amount).toBeCloseTo(100 / 3, 9);
  });

  it('a 小学 short of 骨干 only: 4 of its teachers designated, 专任教师数 unchanged (2 万元, not 4 new teachers)', () => {
    // 1 000 students, 50 teachers, 5 骨干: R2 0.5 < floor 0.85 → 9 骨干 (+4); everything else met.
    const s: TSchool = { ...poor, teachingArea: 5000, outdoor: 8000, equipYuan: 2_500_000, rooms: 25, rows: [row('小学', { ba: 50, backbone: 5, pe: 10 })] };
    const { plan, after } = expectPlanWorks(gridsOf([s]));
    expect(plan.additions.map((a) => [a.sheet, a.cell, a.column, a.amount, a.kind, a.existingTeachers])).toEqual([
      ['分学段信息', 'I2', '县级及以上骨干教师数(人)', 4, 'designate', 4],
    ]);
    expect(plan.cost).toMatchObject({ teachers: 0, designations: 4 });
    expect(plan.cost.estimate).toBeCloseTo(2, 9);
    expect(after.read.county.stageRows[0]).toMatchObject({ teachers: 50, backboneTeachers: 9 });
  });

  it('a 骨干 差异系数 beyond the non-骨干 teachers: 35 designated, 22 new teachers designated too', () => {
    // 甲校: 1 000 students, 200 teachers, all 骨干 (R2 20; only 45 count for R1). 乙校: 1 000 students, 45
    // teachers, 10 骨干 (R2 1). CV (20 − 1)/(20 + 1) = 0.905 > 0.5; water-filling raises 乙校 to 20/3:
    // 67 骨干 (+57). 乙校 has 35 non-骨干 teachers: 22 new teachers (本科), all 57 designated.
    const base = { type: '小学' as const, A: 1000, B: null, C: null, teachingArea: 5000, indoor: 0, outdoor: 8000, equipYuan: 2_500_000, rooms: 25 };
    const jia: TSchool = { ...base, code: '0360000010', name: '甲校', rows: [row('小学', { ba: 45, hs: 155, backbone: 200, pe: 10 })] };
    const yi: TSchool = { ...base, code: '0360000011', name: '乙校', rows: [row('小学', { ba: 45, backbone: 10, pe: 10 })] };
    const { plan, after } = expectPlanWorks(gridsOf([jia, yi]));
    expect(plan.additions.map((a) => [a.schoolName, a.cell, a.column, a.amount, a.kind, a.existingTeachers])).toEqual([
      ['乙校', 'D3', '专任教师数(人)', 22, 'add', undefined],
      ['乙校', 'F3', '本科学历专任教师数(人)', 22, 'add', undefined],
      ['乙校', 'I3', '县级及以上骨干教师数(人)', 57, 'designate', 35],
    ]);
    expect(plan.cost).toMatchObject({ teachers: 22, designations: 57 });
    expect(plan.cost.estimate).toBeCloseTo(22 * 10 + 57 * 0.5, 9);
    expect(additionText(plan.additions[2])).toBe('认定 35 名现有教师和 22 名新增专任教师为县级及以上骨干教师');
    expect(after.read.county.stageRows[1]).toMatchObject({ teachers: 67, backboneTeachers: 67 });
  });

  it('no plan while the workbook has errors; what cannot be evaluated is said as such, not as failing', () => {
    const grids = gridsOf([poor]);
    grids[1].values[1][3] = 41; // 专任教师数 no longer the sum of the 学历 columns
    const a = analysed(grids);
    const plan = planOf(a);
    expect(plan.additions).toEqual([]);
    expect(plan.complete).toBe(false);
    expect(plan.method).toBe('工作簿有1个错误，改正后才能计算达标方案。');
    expect(plan.remaining).toContain('城关二小 小学 无法评估（相关数据有错误）');
    expect(plan.remaining).toContain('小学 每百名学生拥有高于规定学历教师数 差异系数无法计算（相关数据有错误）');
    expect(plan.remaining.filter((m) => /未达标/.test(m))).toEqual([]);
  });

  it('takes back what a later step made unnecessary: 甲小学 needs no 室外运动场地 once the R4 差异系数 raises its R4', () => {
    // 甲: R4 4.0 and R5 7.0 (below 4.5 and 7.5): step 1 adds 500 ㎡ of field (R5 to 7.5). The 小学 R4 差异系数
    // (乙 at 30 ㎡ a student) then raises 甲's R4 to 11.25, above 4.5: 甲 passes six of seven without the field.
    const ok = (code: string, name: string, P: number, teachingArea: number, outdoor: number): TSchool => ({
      code, name, type: '小学', A: P, B: null, C: null, teachingArea, indoor: 0, outdoor, equipYuan: 2400 * P, rooms: Math.floor((2.76 * P) / 100) + 1,
      rows: [row('小学', { ba: Math.floor((5.04 * P) / 100) + 1, backbone: Math.floor((1.2 * P) / 100) + 1, pe: Math.floor((1.08 * P) / 100) + 1 })],
    });
    const grids = gridsOf([ok('0360000001', '甲小学', 1000, 4000, 7000), ok('0360000002', '乙小学', 500, 15000, 4500), ok('0360000003', '丙小学', 1000, 4600, 9000)]);
    const { plan } = expectPlanWorks(grids);
    expect(plan.additions.map((a) => [a.schoolName, a.column, a.amount])).toEqual([
      ['甲小学', '教学及辅助用房面积(㎡)', 7250],
      ['丙小学', '教学及辅助用房面积(㎡)', 6650],
    ]);
    // Without the take-back, the 500 ㎡ of field (25 万元) stays.
    const whole = planOf(analysed(grids), undefined, { takeBack: false });
    expect(whole.additions.map((a) => [a.schoolName, a.column, a.amount])).toContainEqual(['甲小学', '室外运动场地面积(㎡)', 500]);
    expect(whole.cost.estimate - plan.cost.estimate).toBeCloseTo(25, 6);
  });
});

describe('plans applied to whole counties and validated again', () => {
  it('the built-in sample county (src/sample/county.ts), or the messy conformance county when it is absent', async () => {
    const sample = join(__dirname, '..', '..', 'src', 'sample', 'county.ts');
    let grids: CellGrid[];
    if (existsSync(sample)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      grids = await Promise.resolve(require('../../src/sample/county').sampleCountyGrids());
    } else grids = xlsxGrids(await loadWorkbook(join(CONFORMANCE, '04-county-messy.xlsx')));
    const { plan, before } = expectPlanWorks(grids);
    expect(before.report.summary.resourcePasses).toBe(false);
    expect(plan.additions.length).toBeGreaterThan(0);
  });

  it.each(['01-worked-example', '03-county-plain', '04-county-messy'])('conformance workbook %s', async (name) => {
    const grids = xlsxGrids(await loadWorkbook(join(CONFORMANCE, `${name}.xlsx`)));
    const { before } = expectPlanWorks(grids);
    expect(before.report.summary.resourcePasses).toBe(false);
  });

  it.each(['national', 'primary-bachelor', 'strict-scope'])('random counties under the %s profile', (pid) => {
    const profile = builtInProfile(pid);
    fc.assert(
      fc.property(countyArb, ({ schools, yuan }) => {
        expectPlanWorks(gridsOf(schools, yuan), profile);
      }),
      { numRuns: 30, seed: pid.length },
    );
  });
});

describe('the CV step against plain greedy on the conformance county (each failing CV, current values)', () => {
  it('the exact step never needs more than greedy', async () => {
    const a = analysed(xlsxGrids(await loadWorkbook(join(CONFORMANCE, '04-county-messy.xlsx'))));
    let compared = 0;
    for (const [stage, b] of Object.entries(a.evaluation.balance)) {
      const units = a.evaluation.units.filter((u) => u.stage === stage);
      for (const id of INDICATOR_IDS) {
        if (b!.indicators[id].passes !== false) continue;
        const cvUnits: CvUnit[] = units.map((u) => ({
          value: u.indicators[id].value!, students: u.students!, costPerPoint: u.students! / (valueFactor(id) * resourceShare(u, id)!),
        }));
        const limit = b!.indicators[id].limit;
        const exact = integerResource(id) ? minCvInteger(cvUnits, limit)! : minCvContinuous(cvUnits, limit)!;
        const greedy = greedyCv(cvUnits, limit, integerResource(id) ? { integer: true, step: 1 } : { integer: false, step: exact.total / 100 })!;
        expect(cvOf(cvUnits, exact.amounts)!).toBeLessThanOrEqual(limit);
        expect(exact.total).toBeLessThanOrEqual(greedy.total * (1 + 1e-9));
        compared++;
      }
    }
    expect(compared).toBe(10);
  });
});

describe('validate --json --plan', () => {
  it('adds the plan to the JSON report; without --plan there is none', async () => {
    const file = join(CONFORMANCE, '03-county-plain.xlsx');
    const r = await cli('validate', file, '--json', '--plan');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.plan.complete).toBe(true);
    expect(json.plan.additions.length).toBeGreaterThan(0);
    expect(Object.keys(json.plan.additions[0]).sort()).toEqual(['amount', 'cell', 'column', 'kind', 'reasons', 'schoolCode', 'schoolName', 'sheet', 'unit']);
    expect(Object.keys(json.plan.cost).sort()).toEqual(['designations', 'equipmentYuan', 'estimate', 'multimediaRooms', 'outdoorSportsArea', 'teachers', 'teachingArea', 'weights']);
    const plain = await cliJson('validate', file);
    expect(plain.json.plan).toBeUndefined();
    expect(plain.json.units[0].shortfall).toBeDefined();
  });

  it('the text prints ㎡ and money rounded up, never short of the plan (4.5818 万元 is 4.59, not 4.58)', async () => {
    const file = join(CONFORMANCE, '03-county-plain.xlsx');
    const text = (await cli('validate', file, '--plan')).stdout;
    const json = (await cliJson('validate', file, '--json', '--plan')).json;
    const printed = [...text.matchAll(/」 \+([0-9.]+)(㎡|万元|元|人|间)/g)].map((m) => Number(m[1]));
    const additions: PlanAddition[] = json.plan.additions;
    expect(printed).toHaveLength(additions.length);
    let fractional = 0;
    additions.forEach((a, i) => {
      expect(printed[i]).toBeGreaterThanOrEqual(a.amount - 1e-9 * a.amount);
      expect(printed[i] - a.amount).toBeLessThan(0.01);
      if (!Number.isInteger(a.amount)) fractional++;
    });
    expect(fractional).toBeGreaterThan(3);
  });

  it('an addition to a formula cell (04: 专任教师数 = the sum of the 学历 columns) says so, in the JSON and the text', async () => {
    const file = join(CONFORMANCE, '04-county-messy.xlsx');
    const json = (await cliJson('validate', file, '--json', '--plan')).json;
    const additions: PlanAddition[] = json.plan.additions;
    const formulas = additions.filter((a) => a.formula);
    expect(formulas.length).toBeGreaterThan(5);
    // Only the 专任教师数 cells of 分学段信息 are formulas in this workbook (column P).
    expect(new Set(formulas.map((a) => `${a.sheet} ${a.column} ${a.cell!.replace(/\d+$/, '')}`))).toEqual(new Set(['分学段信息 专任教师数(人) P']));
    expect(additions.filter((a) => !a.formula && /^专任教师数/.test(a.column))).toEqual([]);
    const p20 = additions.find((a) => a.cell === 'P20' && a.sheet === '分学段信息')!;
    expect(additionText(p20)).toBe(`新增 ${p20.amount} 名专任教师；该单元格是公式，不要直接改写为数值：补充它引用的单元格（或修改公式），使结果增加上述数量`);
    const text = (await cli('validate', file, '--plan')).stdout;
    expect(text).toContain(`分学段信息!P20「专任教师数(人)」 +${p20.amount}人：新增 ${p20.amount} 名专任教师；该单元格是公式，不要直接改写为数值：补充它引用的单元格（或修改公式），使结果增加上述数量`);
    // A workbook without formulas: no addition says so.
    const plain = (await cliJson('validate', join(CONFORMANCE, '03-county-plain.xlsx'), '--json', '--plan')).json;
    expect(plain.plan.additions.filter((a: PlanAddition) => a.formula)).toEqual([]);
  });

  it('cautions: a doubtful value (a digit typed twice) is named before the plan; a plan that would take a cell past 1 万亿 is not complete', async () => {
    const base = xlsxGrids(await loadWorkbook(join(CONFORMANCE, '03-county-plain.xlsx')));
    expect(planOf(analysed(base)).cautions).toEqual([]);
    /** 03 with 室外运动场地面积 of the school in data row `row` (1-based sheet row) set to `area`. */
    const withOutdoor = (row: number, area: number) =>
      base.map((g) => {
        if (g.name !== '学校基本信息') return g;
        const col = g.values[0].indexOf('室外运动场地面积(㎡)');
        const values = g.values.map((r, i) => (i === row - 1 ? r.map((v, j) => (j === col ? area : v)) : r));
        return { ...g, values };
      });
    // 九年一贯制1号 (row 2): 2 392 ㎡ short; typed ×1000 it is far above everyone, and the CVs follow it.
    const typo = analysed(withOutdoor(2, 12_000_000));
    expect(typo.read.issues.filter((i) => i.code === 'area-doubtful').map((i) => i.cell)).toEqual(['M2']);
    const plan = planOf(typo);
    expect(plan.cautions).toEqual([
      '数据中有1处数值明显异常（学校基本信息!M2，见问题清单中的警告），方案按填报的数值计算：一个多打了位数的数值会使全县的差异系数和方案大不相同，请先核对这些数值，改正后重新核验',
    ]);
    expect(plan.complete).toBe(true);
    const text = reportText(typo.report, '03.xlsx', adviceOf(typo), plan).split('\n');
    expect(text[text.findIndex((l) => l.startsWith('最小补充方案')) + 1]).toBe(`  注意：${plan.cautions[0]}`);
    // 9.9 × 10¹¹ ㎡ at a 教学点 of 54 pupils (row 19): levelling the others up to it takes more than 10¹² ㎡ in a cell.
    const huge = planOf(analysed(withOutdoor(19, 9.9e11)));
    expect(huge.complete).toBe(false);
    expect(huge.remaining).toEqual([]);
    expect(huge.cautions[1]).toMatch(/^追加后有\d+个单元格超过读取时的合理范围（1 万亿）：学校基本信息!M\d+「室外运动场地面积\(㎡\)」为 \d+\.\d\d 万亿；/);
    // Everything passes with it: the text says why it is not complete, not that something still fails.
    const hugeAnalysis = analysed(withOutdoor(19, 9.9e11));
    const heading = reportText(hugeAnalysis.report, '03.xlsx', [], huge).split('\n').find((l) => l.startsWith('最小补充方案'));
    expect(heading).toMatch(/：照此填写会超出读取范围，见下面的注意$/);
  });

  it('with errors, the text says no plan was computed and what cannot be evaluated now', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-text-'));
    try {
      const path = join(dir, 'errors.xlsx');
      const grids = gridsOf([poor]);
      grids[0].values[1][8] = -5; // 教学及辅助用房面积
      await writeGridsToXlsx(grids, path);
      const r = await cli('validate', path, '--plan');
      expect(r.stdout).toContain('最小补充方案：未计算。工作簿有1个错误，改正后才能计算达标方案。');
      expect(r.stdout).toContain('  目前：城关二小 小学 无法评估（相关数据有错误）');
      expect(r.stdout).toContain('  目前：小学 生均教学及辅助用房面积 差异系数无法计算（相关数据有错误）');
      expect(r.stdout).not.toMatch(/仍未达标|补充后仍未全部达标/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the text says which additions are designations (the 骨干 of a 小学 short of them only)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-text-'));
    try {
      const path = join(dir, 'backbone.xlsx');
      const s: TSchool = { ...poor, teachingArea: 5000, outdoor: 8000, equipYuan: 2_500_000, rooms: 25, rows: [row('小学', { ba: 50, backbone: 5, pe: 10 })] };
      await writeGridsToXlsx(gridsOf([s]), path);
      const r = await cli('validate', path, '--plan');
      expect(r.stdout).toContain('最小补充方案（1 处，估算约 2 万元）');
      expect(r.stdout).toContain('城关二小（0360000001）小学 分学段信息!I2「县级及以上骨干教师数(人)」 +4人：认定 4 名现有教师为县级及以上骨干教师（不增加专任教师）  小学 R2 达到85%');
      const json = await cliJson('validate', path, '--json', '--plan');
      expect(json.json.plan.additions).toEqual([expect.objectContaining({ column: '县级及以上骨干教师数(人)', amount: 4, kind: 'designate', existingTeachers: 4 })]);
      expect(json.json.plan.cost.weights.backboneDesignation).toBe(0.5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
