/**
 * Issue 11 point 1: no item or indicator passes or fails on an input that carries an error. Each case puts
 * an error into one input cell of the base county (where every item and unit passes); the item, or the
 * indicator of the unit and its CV, is then null, and an item's message names the cell whose error blocks
 * it. A control case with a valid value in the same cell changes the result, so the cell really is an input.
 */
import { builtInProfile, NATIONAL } from '../../src/domain/profile';
import type { IndicatorId } from '../../src/domain/profile';
import { ITEMS } from '../../src/domain/rules/items';
import { analyse, type Analysis } from '../../src/report/build';
import { toCellGrids } from '../helpers/county-model';
import { inputOnly } from '../helpers/input-issues';
import { TemplateBuilder, type XCell } from '../helpers/template-builder';

const S1 = '0360000001'; // 城关小学, 城区, 1 000 小学生, 24 classes, 60 teachers
const S2 = '0360000002'; // 城关初中, 城区, 800 初中生
const S3 = '0360000003'; // 河西九年一贯制学校, 镇区

function analysis(b: TemplateBuilder): Analysis {
  const r = analyse(toCellGrids(b.grids()), NATIONAL);
  if (!r.ok) throw new Error(`fatal: ${r.fatal.message}`);
  return r.analysis;
}

type Edit = (b: TemplateBuilder) => TemplateBuilder;
type Cell = (b: TemplateBuilder) => string;

const school = (code: string, key: Parameters<TemplateBuilder['schoolCell']>[1], v: XCell): [Edit, Cell] => [
  (b) => b.setSchool(code, { [key]: v }),
  (b) => `学校基本信息!${b.schoolCell(code, key)}`,
];
const stage = (code: string, st: string, key: Parameters<TemplateBuilder['stageCell']>[2], v: XCell): [Edit, Cell] => [
  (b) => b.setStage(code, st, { [key]: v }),
  (b) => `分学段信息!${b.stageCell(code, st, key)}`,
];
const countyRow = (key: Parameters<TemplateBuilder['countyCell']>[0], v: XCell): [Edit, Cell] => [
  (b) => b.setCounty(key, v),
  (b) => `县级指标!${b.countyCell(key)}`,
];

/**
 * Per item: an error in one of its inputs (with the code the reader reports there), and a valid value
 * in the same cell that makes the item fail.
 */
const ITEM_CASES: [id: string, error: [Edit, Cell], code: string, failing: [Edit, Cell] | Edit][] = [
  ['G1', countyRow('G1', '也许'), 'bad-enum', countyRow('G1', '否')],
  ['G2', countyRow('G2', '#N/A'), 'formula-error', countyRow('G2', '否')],
  ['G3', school(S1, 'musicRooms96', -1), 'negative-number', school(S1, 'musicRooms96', 1)],
  ['G4', school(S1, 'studentsPrimary', '一千'), 'not-a-number', school(S1, 'studentsPrimary', 2001)],
  ['G5', stage(S1, '小学', 'maxClassSize', 45.5), 'not-whole-number', stage(S1, '小学', 'maxClassSize', 46)],
  // G6 concerns 乡村 小学: S1's 城乡分类 with an error may make it one.
  ['G6', school(S1, 'locality', '村'), 'bad-enum', (b) => b.setSchool(S1, { locality: '乡村', studentsPrimary: 80, fundedStudents: 90 })],
  ['G7', countyRow('G7', -6500), 'negative-number', countyRow('G7', 5999)],
  ['G8', countyRow('teacherPay', '九万八'), 'not-a-number', countyRow('teacherPay', 95999)],
  ['G9', stage(S1, '小学', 'trained', 61), 'trained-exceeds', stage(S1, '小学', 'trained', 59)],
  ['G10', countyRow('G10', '大致'), 'bad-enum', countyRow('G10', '否')],
  ['G11', countyRow('exchanged', '#REF!'), 'formula-error', countyRow('exchanged', 79)],
  ['G12', stage(S2, '初中', 'certified', 59.5), 'not-whole-number', stage(S2, '初中', 'certified', 59)],
  ['G13', stage(S2, '初中', 'zoned', 801), 'zoned-exceeds', stage(S2, '初中', 'zoned', 700)],
  ['G14', countyRow('quotaPlan', '#DIV/0!'), 'formula-error', countyRow('quotaPlan', 3401)],
  ['G15', countyRow('migrantPublic', '四千五'), 'not-a-number', countyRow('migrantPublic', 4000)],
  ['Q1', countyRow('Q1', { value: 97.2, numFmt: '0.0%' }), 'percent-over-100', countyRow('Q1', 94.9)],
  ['Q2', countyRow('Q2', '95.5%'), 'not-a-number', countyRow('Q2', 94)],
  ['Q3', countyRow('Q3', '#VALUE!'), 'formula-error', countyRow('Q3', '否')],
  ['Q4', school(S3, 'trainingSpend', -5), 'negative-number', school(S3, 'trainingSpend', 3)],
  ['Q5', countyRow('Q5', '基本'), 'bad-enum', countyRow('Q5', '否')],
  ['Q6', countyRow('Q6', '良'), 'bad-enum', countyRow('Q6', '否')],
  ['Q7', countyRow('Q7', '#NAME?'), 'formula-error', countyRow('Q7', '否')],
  ['Q8', countyRow('Q8', '较轻'), 'bad-enum', countyRow('Q8', '否')],
  ['Q9', countyRow('gap', 'x'), 'not-a-number', countyRow('gap', 0.15)],
  // The case of the issue: 91.2 typed into a percent-formatted cell is 9120 %.
  ['SR', countyRow('SR', { value: 91.2, numFmt: '0.0%' }), 'percent-over-100', countyRow('SR', 84.9)],
  ['V1', countyRow('V1', '不清楚'), 'bad-enum', countyRow('V1', '是')],
  ['V2', countyRow('V2', '#N/A'), 'formula-error', countyRow('V2', '是')],
  ['V3', countyRow('V3', 3), 'bad-enum', countyRow('V3', '是')],
  ['V4', countyRow('V4', '待定'), 'bad-enum', countyRow('V4', '是')],
  ['V5', countyRow('V5', '#VALUE!'), 'formula-error', countyRow('V5', '是')],
  ['V6', countyRow('V6', '也许'), 'bad-enum', countyRow('V6', '是')],
];

describe('items: an input with an error gives 无法评估 (passes: null) naming the cell, never 达标 or 未达标', () => {
  it('covers every item of the catalogue', () => {
    expect(ITEM_CASES.map(([id]) => id)).toEqual(ITEMS.map((i) => i.id));
  });

  /** Items that use the same cell (a student count is also the whole of G13; a 城乡分类 decides G13's scope). */
  const ALSO: Record<string, string[]> = { G4: ['G13'], G6: ['G13'] };

  it.each(ITEM_CASES)('%s', (id, [edit, cellOf], code, failing) => {
    const failEdit = typeof failing === 'function' ? failing : failing[0];
    const before = analysis(TemplateBuilder.base()).report.items.find((i) => i.id === id)!;
    expect(before.passes).toBe(true);
    // Control: a valid value in the same cell fails the item.
    expect(analysis(failEdit(TemplateBuilder.base())).report.items.find((i) => i.id === id)!.passes).toBe(false);

    const b = edit(TemplateBuilder.base());
    const r = analysis(b).report;
    const cell = cellOf(b);
    const [sheet, a1] = cell.split('!');
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => `${i.sheet}!${i.cell} ${i.code}`)).toEqual([`${sheet}!${a1} ${code}`]);
    const item = r.items.find((i) => i.id === id)!;
    expect(item.passes).toBeNull();
    expect(item.message).toMatch(/^无法评估：/);
    expect(item.message).toContain(`${cell} 有错误，请先改正该单元格`);
    // The error is the one message at its cell: no 「为空」 warning besides it.
    expect(r.issues.filter((i) => `${i.sheet}!${i.cell}` === cell)).toHaveLength(1);
    // Every other item keeps its verdict.
    expect(r.items.filter((i) => i.passes !== true).map((i) => [i.id, i.passes])).toEqual([id, ...(ALSO[id] ?? [])].map((x) => [x, null]));
  });
});

describe('the case of the issue: 社会认可度 91.2 in a percent-formatted cell', () => {
  it('is an error at the cell that says why, and SR is 无法评估 pointing at it', () => {
    const b = TemplateBuilder.base().setCounty('SR', { value: 91.2, numFmt: '0.0%' });
    const { report, read } = analysis(b);
    const cell = b.countyCell('SR');
    // Input issues only (the 申报表's warnings about the first template's missing inputs are elsewhere).
    expect(inputOnly(report.issues).map((i) => [i.severity, i.code, i.cell, i.message])).toEqual([
      ['error', 'percent-over-100', cell, '「社会认可度(%)」为 9120%，超过100%（单元格为百分比格式，填写的 91.2 显示为 9120%）'],
    ]);
    expect(read.county.countyValues.recognition).toEqual({ value: null, row: Number(cell.slice(1)) - 1, error: true });
    const sr = report.items.find((i) => i.id === 'SR')!;
    expect(sr).toMatchObject({ passes: null, message: `无法评估：社会认可度达到85%以上。县级指标!${cell} 有错误，请先改正该单元格` });
  });
});

describe('scope and rows behind an item', () => {
  it('a school whose 学校类型 has an error leaves G3, G4 and Q4 无法评估, not passed over the other schools', () => {
    const b = TemplateBuilder.base().setSchool(S2, { type: '中学' });
    const r = analysis(b).report;
    const cell = `学校基本信息!${b.schoolCell(S2, 'type')}`;
    for (const id of ['G3', 'G4', 'Q4']) {
      const i = r.items.find((x) => x.id === id)!;
      expect([id, i.passes, i.message.includes(cell)]).toEqual([id, null, true]);
    }
  });

  it('a school whose 是否寄宿制学校 has an error leaves G13 无法评估 (it may not be concerned)', () => {
    const b = TemplateBuilder.base().setSchool(S1, { boarding: '走读' });
    const g13 = analysis(b).report.items.find((x) => x.id === 'G13')!;
    expect(g13.passes).toBeNull();
    expect(g13.message).toContain(`学校基本信息!${b.schoolCell(S1, 'boarding')} 有错误`);
  });

  it('a 学段 row lost to an error (学段 #N/A) leaves G3, G5, G9 and G12 无法评估, pointing at the school', () => {
    const b = TemplateBuilder.base().setStage(S3, '初中', { stage: '#N/A' });
    const r = analysis(b).report;
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => `${i.sheet}!${i.cell} ${i.code}`)).toEqual([
      `分学段信息!${b.stageCell(S3, '#N/A', 'stage')} formula-error`,
      `学校基本信息!${b.schoolCell(S3, 'code')} missing-stage-row`,
    ]);
    for (const id of ['G3', 'G5', 'G9', 'G12', 'G13']) {
      const i = r.items.find((x) => x.id === id)!;
      expect([id, i.passes, i.message]).toEqual([id, null, expect.stringContaining(`学校基本信息!${b.schoolCell(S3, 'code')} 有错误`)]);
    }
  });

  it('with a 学段 row lost, G3 still fails when the rows present already need more rooms than there are', () => {
    const b = TemplateBuilder.base().setStage(S3, '初中', { stage: '#N/A' }).setSchool(S3, { musicRooms96: 0 });
    const g3 = analysis(b).report.items.find((x) => x.id === 'G3')!;
    expect(g3.passes).toBe(false);
    expect(g3.cells).toEqual([`学校基本信息!${b.schoolCell(S3, 'musicRooms96')}`]);
  });

  it('an item that fails on a valid input still fails when another input has an error', () => {
    const b = TemplateBuilder.base().setSchool(S1, { musicRooms96: -1 }).setSchool(S2, { artRooms90: 0 });
    const g3 = analysis(b).report.items.find((x) => x.id === 'G3')!;
    expect(g3.passes).toBe(false);
    expect(g3.cells).toEqual([`学校基本信息!${b.schoolCell(S2, 'artRooms90')}`]);
  });
});

/** Per indicator: an error in one input of 城关小学 (小学), and a valid value that changes the indicator. */
const INDICATOR_CASES: [IndicatorId, [Edit, Cell], code: string, valid: Edit][] = [
  ['R1', stage(S1, '小学', 'bachelor', -1), 'negative-number', (b) => b.setStage(S1, '小学', { bachelor: 30, highSchool: 13 })],
  ['R2', stage(S1, '小学', 'backbone', '十五'), 'not-a-number', (b) => b.setStage(S1, '小学', { backbone: 5 })],
  ['R3', stage(S1, '小学', 'pe', 6.5), 'not-whole-number', (b) => b.setStage(S1, '小学', { pe: 4 })],
  ['R4', school(S1, 'teachingArea', '#DIV/0!'), 'formula-error', (b) => b.setSchool(S1, { teachingArea: 5000 })],
  ['R5', school(S1, 'outdoorSportsArea', -8000), 'negative-number', (b) => b.setSchool(S1, { outdoorSportsArea: 7000 })],
  ['R6', school(S1, 'equipment', '二百五十'), 'not-a-number', (b) => b.setSchool(S1, { equipment: 200 })],
  ['R7', school(S1, 'multimediaRooms', 30.5), 'not-whole-number', (b) => b.setSchool(S1, { multimediaRooms: 25 })],
];

describe('indicators: an input with an error leaves the value, the unit verdict and the CV null', () => {
  const unitOf = (a: Analysis) => a.evaluation.units.find((u) => u.schoolCode === S1 && u.stage === '小学')!;

  it.each(INDICATOR_CASES)('%s', (id, [edit, cellOf], code, valid) => {
    const base = analysis(TemplateBuilder.base());
    expect(unitOf(base).passes).toBe(true);
    expect(base.evaluation.balance.小学!.indicators[id].passes).toBe(true);
    // Control: a valid value in the same cell changes the indicator.
    expect(unitOf(analysis(valid(TemplateBuilder.base()))).indicators[id].value).not.toBe(unitOf(base).indicators[id].value);

    const b = edit(TemplateBuilder.base());
    const a = analysis(b);
    expect(a.report.issues.filter((i) => i.severity === 'error').map((i) => `${i.sheet}!${i.cell} ${i.code}`)).toEqual([`${cellOf(b)} ${code}`]);
    const u = unitOf(a);
    expect(u.indicators[id]).toMatchObject({ value: null, met: null, aboveFloor: null });
    expect(u.passes).toBeNull();
    expect(u.metCount).toBeNull();
    expect(a.evaluation.balance.小学!.indicators[id]).toMatchObject({ cv: null, passes: null });
    expect(a.evaluation.resourcePasses).toBeNull();
    expect(a.report.summary.resourcePasses).toBeNull();
    // The other indicators of the unit are still computed.
    expect(Object.entries(u.indicators).filter(([k, v]) => k !== id && v.value === null)).toEqual([]);
  });

  it('a 学历 sum that differs from 专任教师数 leaves R1, G9 and G12 without a verdict', () => {
    const b = TemplateBuilder.base().setStage(S1, '小学', { bachelor: 39 });
    const a = analysis(b);
    expect(inputOnly(a.report.issues).map((i) => `${i.cell} ${i.code}`)).toEqual([`${b.stageCell(S1, '小学', 'teachers')} degree-sum-mismatch`]);
    expect(unitOf(a).indicators.R1.value).toBeNull();
    expect(unitOf(a).passes).toBeNull();
    for (const id of ['G9', 'G12']) {
      const i = a.report.items.find((x) => x.id === id)!;
      expect([id, i.passes, i.message]).toEqual([id, null, expect.stringContaining(`分学段信息!${b.stageCell(S1, '小学', 'teachers')} 有错误`)]);
    }
  });
});

describe('scope of the CVs', () => {
  const strict = builtInProfile('strict-scope');
  const run = (b: TemplateBuilder, p = strict) => {
    const r = analyse(toCellGrids(b.grids()), p);
    if (!r.ok) throw new Error(r.fatal.message);
    return r.analysis.evaluation;
  };

  it('with 民办 left out, a 办学性质 with an error leaves the CVs of that school’s 学段 unknown', () => {
    const before = run(TemplateBuilder.base());
    expect(Object.values(before.balance.初中!.indicators).map((i) => i.cv === null)).toEqual(Array(7).fill(false));
    const e = run(TemplateBuilder.base().setSchool(S2, { ownership: '#N/A' }));
    expect(Object.values(e.balance.初中!.indicators).map((i) => [i.cv, i.passes])).toEqual(Array(7).fill([null, null]));
    // The unit's own indicators do not depend on the scope; the 小学 CVs do not include S2.
    expect(e.units.find((u) => u.schoolCode === S2)!.passes).toBe(before.units.find((u) => u.schoolCode === S2)!.passes);
    expect(e.balance.小学).toEqual(before.balance.小学);
  });

  it('with 民办 counted (national), the same error does not touch the CVs', () => {
    const e = run(TemplateBuilder.base().setSchool(S2, { ownership: '#N/A' }), NATIONAL);
    expect(e.balance).toEqual(run(TemplateBuilder.base(), NATIONAL).balance);
  });
});
