/**
 * Shared resources of 一贯制 and 完全中学 are split by weighted students (standard §5), never rounded.
 * The spec's example: 166 小学生, 210 初中生, 23 226 (books) → 9 711.627… and 13 514.373….
 */
import { NATIONAL, resolveProfile } from '../../src/domain/profile';
import { schoolStageStudents, splitWeights, unitShare } from '../../src/domain/split';
import { analyse } from '../../src/report/build';
import { school, toCellGrids } from '../helpers/county-model';
import { TemplateBuilder } from '../helpers/template-builder';

const TOTAL = 23226;
const A = 166;
const B = 210;

describe('九年一贯制 (1 : 1.1)', () => {
  const students = { 小学: A, 初中: B, 高中: 0 };
  const p = unitShare('九年一贯制学校', '小学', students, NATIONAL)!;
  const j = unitShare('九年一贯制学校', '初中', students, NATIONAL)!;

  it('gives 166/397 and 231/397', () => {
    expect(p).toBeCloseTo(166 / 397, 15);
    expect(j).toBeCloseTo(231 / 397, 15);
  });

  it('splits 23 226 into 9 711.627… and 13 514.373…, not the rounded 9 711 / 13 515', () => {
    expect(TOTAL * p).toBeCloseTo(9711.627204030226, 9);
    expect(TOTAL * j).toBeCloseTo(13514.372795969774, 9);
    expect((TOTAL * p).toFixed(3)).toBe('9711.627');
    expect((TOTAL * j).toFixed(3)).toBe('13514.373');
    expect(Math.abs(TOTAL * j - 13515)).toBeGreaterThan(0.5);
  });

  it('the two parts add up to the whole', () => {
    expect(TOTAL * p + TOTAL * j).toBeCloseTo(TOTAL, 9);
    expect(p + j).toBeCloseTo(1, 15);
  });
});

describe('十二年一贯制 (1 : 1.1 : 1.32)', () => {
  it('without 高中 students gives the 九年一贯制 split of the example', () => {
    const s = { 小学: A, 初中: B, 高中: 0 };
    expect(TOTAL * unitShare('十二年一贯制学校', '小学', s, NATIONAL)!).toBeCloseTo(9711.627204030226, 9);
    expect(TOTAL * unitShare('十二年一贯制学校', '初中', s, NATIONAL)!).toBeCloseTo(13514.372795969774, 9);
  });

  it('with 100 高中 students: 166/529 and 231/529, the rest (132/529) is 高中 and out of scope', () => {
    const s = { 小学: A, 初中: B, 高中: 100 };
    const p = unitShare('十二年一贯制学校', '小学', s, NATIONAL)!;
    const j = unitShare('十二年一贯制学校', '初中', s, NATIONAL)!;
    expect(TOTAL * p).toBeCloseTo((TOTAL * 166) / 529, 9);
    expect(TOTAL * j).toBeCloseTo((TOTAL * 231) / 529, 9);
    expect(TOTAL * p + TOTAL * j + (TOTAL * 132) / 529).toBeCloseTo(TOTAL, 9);
  });
});

describe('完全中学 (初中 : 高中 = 1 : 1.2)', () => {
  it('with 210 初中 and 166 高中: 初中 share 210 / (210 + 199.2)', () => {
    const s = { 小学: 0, 初中: B, 高中: A };
    const j = unitShare('完全中学', '初中', s, NATIONAL)!;
    expect(j).toBeCloseTo(210 / 409.2, 15);
    expect(TOTAL * j).toBeCloseTo((TOTAL * 210) / 409.2, 9);
    expect((TOTAL * j).toFixed(3)).toBe('11919.501');
    expect(TOTAL * j + (TOTAL * 199.2) / 409.2).toBeCloseTo(TOTAL, 9);
  });

  it('without 高中 students the whole school is the 初中 unit', () => {
    expect(unitShare('完全中学', '初中', { 小学: 0, 初中: B, 高中: 0 }, NATIONAL)).toBe(1);
  });

  it('has no 小学 share', () => {
    expect(unitShare('完全中学', '小学', { 小学: 0, 初中: B, 高中: A }, NATIONAL)).toBe(0);
  });
});

describe('weights and edge cases', () => {
  it('national weights are 1 : 1.1, 1 : 1.2 and 1 : 1.1 : 1.32', () => {
    expect(splitWeights('九年一贯制学校', NATIONAL)).toEqual({ 小学: 1, 初中: 1.1 });
    expect(splitWeights('完全中学', NATIONAL)).toEqual({ 初中: 1, 高中: 1.2 });
    expect(splitWeights('十二年一贯制学校', NATIONAL)).toEqual({ 小学: 1, 初中: 1.1, 高中: 1.32 });
  });

  it('single-part school types take the whole school (share 1)', () => {
    for (const t of ['小学', '初中', '小学教学点'] as const) {
      expect(splitWeights(t, NATIONAL)).toBeNull();
      expect(unitShare(t, t === '初中' ? '初中' : '小学', { 小学: 10, 初中: 10, 高中: 0 }, NATIONAL)).toBe(1);
    }
  });

  it('a weighted total of 0 gives null, not a division by zero', () => {
    expect(unitShare('九年一贯制学校', '小学', { 小学: 0, 初中: 0, 高中: 0 }, NATIONAL)).toBeNull();
  });

  it('profile weights are used (1 : 1.3 here)', () => {
    const p = resolveProfile({ id: 'w', name: '权重示例', splitWeights: { nineYear: { 初中: 1.3 } } });
    expect(unitShare('九年一贯制学校', '初中', { 小学: A, 初中: B, 高中: 0 }, p)).toBeCloseTo(273 / 439, 15);
  });

  it('schoolStageStudents reads blanks as 0 and gives null when a count has an error', () => {
    expect(schoolStageStudents(school({ code: '1', studentsPrimary: A, studentsJunior: B }))).toEqual({ 小学: A, 初中: B, 高中: 0 });
    expect(schoolStageStudents(school({ code: '1', studentsPrimary: A, studentsJunior: null, bad: new Set(['studentsJunior']) }))).toBeNull();
  });
});

describe('the split in the pipeline (九年一贯制 with 166 / 210 students)', () => {
  const b = TemplateBuilder.base().setSchool('0360000003', { studentsPrimary: A, studentsJunior: B, equipment: TOTAL });
  b.setStage('0360000003', '小学', { zoned: A });
  b.setStage('0360000003', '初中', { zoned: 200 });
  const grids = toCellGrids(b.grids({ schools: { headerText: { equipment: '教学仪器设备资产值(元)' } } }));
  const result = analyse(grids, NATIONAL);
  if (!result.ok) throw new Error('fatal');
  const { evaluation, report } = result.analysis;
  const units = evaluation.units.filter((u) => u.schoolCode === '0360000003');

  it('gives one 小学 unit and one 初中 unit, each with its own students', () => {
    expect(units.map((u) => [u.stage, u.students])).toEqual([
      ['小学', A],
      ['初中', B],
    ]);
    expect(report.summary.errors).toBe(0);
  });

  it('the R6 numerators are 9 711.627… and 13 514.373… 元 and add up to 23 226', () => {
    expect(units[0].numerators.R6).toBeCloseTo(9711.627204030226, 8);
    expect(units[1].numerators.R6).toBeCloseTo(13514.372795969774, 8);
    expect(units[0].numerators.R6! + units[1].numerators.R6!).toBeCloseTo(TOTAL, 8);
  });

  it('the per-student values are 23 226 / 397 and 1.1 × 23 226 / 397', () => {
    expect(units[0].indicators.R6.value).toBeCloseTo(TOTAL / 397, 10);
    expect(units[1].indicators.R6.value).toBeCloseTo((1.1 * TOTAL) / 397, 10);
  });

  it('every shared resource (R4, R5, R7) is split with the same share; teachers are not split', () => {
    const s = b.school('0360000003');
    const whole = { R4: (s.teachingArea as number) - (s.indoorSportsArea as number), R5: (s.outdoorSportsArea as number) + (s.indoorSportsArea as number), R7: s.multimediaRooms as number };
    for (const id of ['R4', 'R5', 'R7'] as const) {
      expect(units[0].numerators[id]).toBeCloseTo((whole[id] * 166) / 397, 9);
      expect(units[1].numerators[id]).toBeCloseTo((whole[id] * 231) / 397, 9);
    }
    // 小学 row: 27 teachers 专科+, 初中 row: 23 本科+ — each from its own row, whole.
    expect(units[0].numerators.R1).toBe(27);
    expect(units[1].numerators.R1).toBe(23);
  });

  it('the whole school is in neither list: each 学段 balance counts only its own part', () => {
    expect(evaluation.balance['小学']!.students).toBe(1000 + A);
    expect(evaluation.balance['初中']!.students).toBe(800 + B);
  });
});
