/**
 * The seven resource indicators (standard §3, §7): what each counts, per hundred or per student, every
 * threshold of both 学段 reached exactly (≥, with the 1e-9 relative tolerance), and the 85 % floors.
 */
import { evaluate, type UnitResult } from '../../src/domain/evaluate';
import type { Stage } from '../../src/domain/model';
import { builtInProfile, INDICATOR_IDS, NATIONAL } from '../../src/domain/profile';
import { INDICATORS } from '../../src/domain/rules/indicators';
import { county, school, stageRow, unitWith, type UnitValues } from '../helpers/county-model';

const THRESHOLDS: Record<Stage, UnitValues> = {
  小学: { R1: 4.2, R2: 1, R3: 0.9, R4: 4.5, R5: 7.5, R6: 2000, R7: 2.3 },
  初中: { R1: 5.3, R2: 1, R3: 0.9, R4: 5.8, R5: 10.2, R6: 2500, R7: 2.4 },
};
const FLOORS: Record<Stage, UnitValues> = {
  小学: { R1: 3.57, R2: 0.85, R3: 0.765, R4: 3.825, R5: 6.375, R6: 1700, R7: 1.955 },
  初中: { R1: 4.505, R2: 0.85, R3: 0.765, R4: 4.93, R5: 8.67, R6: 2125, R7: 2.04 },
};
const STAGES: Stage[] = ['小学', '初中'];

function evalOne(stage: Stage, students: number, v: UnitValues): UnitResult {
  const { school: s, row } = unitWith('3600000001', stage, students, v);
  const e = evaluate(county([s], [row]), NATIONAL);
  expect(e.units).toHaveLength(1);
  return e.units[0];
}

describe('a unit\'s results are what the report prints (spec/cli.md), nothing more', () => {
  it('every indicator holds value, threshold, met, aboveFloor in that order, known or not; numerators apart', () => {
    const known = evalOne('小学', 1000, THRESHOLDS.小学);
    const { school: s, row } = unitWith('3600000002', '小学', 1000, THRESHOLDS.小学);
    const unknown = evaluate(county([{ ...s, studentsPrimary: null }], [row]), NATIONAL).units[0];
    expect(unknown.indicators.R1.value).toBeNull();
    for (const u of [known, unknown]) for (const id of INDICATOR_IDS) expect(Object.keys(u.indicators[id])).toEqual(['value', 'threshold', 'met', 'aboveFloor']);
    expect(Object.keys(known.numerators)).toEqual([...INDICATOR_IDS]);
    expect(known.numerators.R1).toBeCloseTo(42, 9);
  });
});

describe('catalogue', () => {
  it('has R1–R7 with the official names, per-100 and shared flags', () => {
    expect(INDICATORS.map((r) => [r.id, r.name, r.per100, r.shared])).toEqual([
      ['R1', '每百名学生拥有高于规定学历教师数', true, false],
      ['R2', '每百名学生拥有县级以上骨干教师数', true, false],
      ['R3', '每百名学生拥有体育、艺术（美术、音乐）专任教师数', true, false],
      ['R4', '生均教学及辅助用房面积', false, true],
      ['R5', '生均体育运动场馆面积', false, true],
      ['R6', '生均教学仪器设备值', false, true],
      ['R7', '每百名学生拥有网络多媒体教室数', true, true],
    ]);
  });

  it('national thresholds are those of §3', () => {
    for (const st of STAGES) expect(NATIONAL.thresholds[st]).toEqual(THRESHOLDS[st]);
  });

  it('the 85 % floors are those listed in §3', () => {
    for (const st of STAGES)
      for (const id of INDICATOR_IDS) expect(NATIONAL.floorRatio * NATIONAL.thresholds[st][id]).toBeCloseTo(FLOORS[st][id], 10);
  });
});

describe.each(STAGES)('%s: every threshold reached exactly passes', (stage) => {
  // 1 000 students: 42 (or 53) teachers, 10 骨干, 9 体育艺术, 4 500 ㎡ …, 23 (or 24) rooms.
  const u = evalOne(stage, 1000, THRESHOLDS[stage]);

  it.each(INDICATOR_IDS)('%s equals its threshold and is met', (id) => {
    expect(u.indicators[id].value).toBeCloseTo(THRESHOLDS[stage][id], 12);
    expect(u.indicators[id].threshold).toBe(THRESHOLDS[stage][id]);
    expect(u.indicators[id].met).toBe(true);
    expect(u.indicators[id].aboveFloor).toBe(true);
  });

  it('the unit meets 7 of 7 and passes', () => {
    expect(u.metCount).toBe(7);
    expect(u.passes).toBe(true);
  });

  it.each(INDICATOR_IDS)('%s one unit below its threshold is not met', (id) => {
    // 1 teacher / room, or 1 ㎡ / 1 元, fewer for 1 000 students.
    const v = { ...THRESHOLDS[stage] };
    v[id] -= ['R1', 'R2', 'R3', 'R7'].includes(id) ? 0.1 : 0.001;
    const w = evalOne(stage, 1000, v);
    expect(w.indicators[id].met).toBe(false);
    expect(w.indicators[id].aboveFloor).toBe(true);
    expect(w.metCount).toBe(6);
    expect(w.passes).toBe(true);
  });
});

describe('the examples of the brief', () => {
  it('9 体育艺术 teachers for 1 000 students is R3 = 0.9 and met', () => {
    const s = school({ code: '1', studentsPrimary: 1000 });
    const r = stageRow({ code: '1', stage: '小学', peTeachers: 3, musicTeachers: 3, fineArtTeachers: 3, artsTeachers: null });
    const u = evaluate(county([s], [r]), NATIONAL).units[0];
    expect(u.indicators.R3.value).toBe(0.9);
    expect(u.indicators.R3.met).toBe(true);
  });

  it('42 teachers above the 小学 degree for 1 000 小学生 is R1 = 4.2 and met', () => {
    const s = school({ code: '1', studentsPrimary: 1000 });
    const r = stageRow({ code: '1', stage: '小学', teachersPostgraduate: 2, teachersBachelor: 20, teachersAssociate: 20, teachersHighSchool: 5 });
    const u = evaluate(county([s], [r]), NATIONAL).units[0];
    expect(u.indicators.R1.value).toBe(4.2);
    expect(u.indicators.R1.met).toBe(true);
  });
});

describe('floating point: a value mathematically equal to the threshold passes', () => {
  it('九年一贯制 10 / 14 students, 114.3 ㎡: 小学 R4 is 4.5 (4.499999999999999 in floating point) and met', () => {
    const s = school({ code: '1', type: '九年一贯制学校', studentsPrimary: 10, studentsJunior: 14, teachingArea: 114.3 });
    const u = evaluate(county([s], []), NATIONAL).units[0];
    expect(u.indicators.R4.value).not.toBe(4.5);
    expect(u.indicators.R4.value).toBeCloseTo(4.5, 12);
    expect(u.indicators.R4.met).toBe(true);
  });

  it('九年一贯制 110 / 150 students, 6 rooms: 初中 R7 is 2.4 (2.3999999999999995) and met', () => {
    const s = school({ code: '1', type: '九年一贯制学校', studentsPrimary: 110, studentsJunior: 150, multimediaRooms: 6 });
    const u = evaluate(county([s], []), NATIONAL).units[1];
    expect(u.stage).toBe('初中');
    expect(u.indicators.R7.value).not.toBe(2.4);
    expect(u.indicators.R7.value).toBeCloseTo(2.4, 12);
    expect(u.indicators.R7.met).toBe(true);
  });

  it('a difference larger than the tolerance is not met (4.5 − 1e-8 for R4)', () => {
    const s = school({ code: '1', studentsPrimary: 100, teachingArea: 450 - 1e-6 });
    const u = evaluate(county([s], []), NATIONAL).units[0];
    expect(u.indicators.R4.met).toBe(false);
  });
});

describe.each(STAGES)('%s: the 85 %% floors', (stage) => {
  // 20 000 students make every floor a whole number of teachers and rooms.
  it.each(INDICATOR_IDS)('%s exactly at its floor (others at threshold): 6 met, above floor, unit passes', (id) => {
    const u = evalOne(stage, 20000, { ...THRESHOLDS[stage], [id]: FLOORS[stage][id] });
    expect(u.indicators[id].value).toBeCloseTo(FLOORS[stage][id], 12);
    expect(u.indicators[id].met).toBe(false);
    expect(u.indicators[id].aboveFloor).toBe(true);
    expect(u.metCount).toBe(6);
    expect(u.passes).toBe(true);
  });

  it.each(INDICATOR_IDS)('%s one unit below its floor: below floor, unit fails', (id) => {
    const per100 = ['R1', 'R2', 'R3', 'R7'].includes(id);
    // one teacher / room, or one ㎡ / 元, fewer for 20 000 students
    const u = evalOne(stage, 20000, { ...THRESHOLDS[stage], [id]: FLOORS[stage][id] - (per100 ? 0.005 : 0.00005) });
    expect(u.indicators[id].aboveFloor).toBe(false);
    expect(u.metCount).toBe(6);
    expect(u.passes).toBe(false);
  });
});

describe('what each indicator counts', () => {
  const base = () => ({
    s: school({
      code: '1', type: '九年一贯制学校', studentsPrimary: 200, studentsJunior: 100,
      teachingArea: 1000, indoorSportsArea: 100, outdoorSportsArea: 2000, equipmentYuan: 620000, multimediaRooms: 31,
    }),
    rows: [
      stageRow({ code: '1', stage: '小学', teachersPostgraduate: 1, teachersBachelor: 4, teachersAssociate: 5, teachersHighSchool: 2, backboneTeachers: 3, peTeachers: 1, musicTeachers: 1, fineArtTeachers: 1, artsTeachers: 1 }),
      stageRow({ code: '1', stage: '初中', teachersPostgraduate: 2, teachersBachelor: 6, teachersAssociate: 4, teachersHighSchool: 0, backboneTeachers: 2, peTeachers: 2, musicTeachers: 1, fineArtTeachers: 0, artsTeachers: null }),
    ],
  });
  // weighted students 200 + 110 = 310; shares 200/310 and 110/310
  const { s, rows } = base();
  const [p, j] = evaluate(county([s], rows), NATIONAL).units;

  it('R1: 小学 counts 研究生 + 本科 + 专科 (10), 初中 研究生 + 本科 (8), per hundred students', () => {
    expect(p.numerators.R1).toBe(10);
    expect(p.indicators.R1.value).toBe(5);
    expect(j.numerators.R1).toBe(8);
    expect(j.indicators.R1.value).toBe(8);
  });

  it('R2: 骨干 per hundred students', () => {
    expect(p.indicators.R2.value).toBe(1.5);
    expect(j.indicators.R2.value).toBe(2);
  });

  it('R3: 体育 + 音乐 + 美术 + 艺术 per hundred students, blank 艺术 = 0', () => {
    expect(p.numerators.R3).toBe(4);
    expect(p.indicators.R3.value).toBe(2);
    expect(j.numerators.R3).toBe(3);
    expect(j.indicators.R3.value).toBe(3);
  });

  it('R4: 教学及辅助用房 less its 室内体育用房, per student after the split (national, standard §3 P10)', () => {
    expect(p.indicators.R4.value).toBeCloseTo(900 / 310, 12);
    expect(j.indicators.R4.value).toBeCloseTo((900 * 1.1) / 310, 12);
  });

  it('R4 under the profile indoor-count-in-both (the earlier default): 室内体育用房 counted in R4 as well', () => {
    const [p2, j2] = evaluate(county([s], rows), builtInProfile('indoor-count-in-both')).units;
    expect(p2.indicators.R4.value).toBeCloseTo(1000 / 310, 12);
    expect(j2.indicators.R4.value).toBeCloseTo((1000 * 1.1) / 310, 12);
    expect(p2.indicators.R5.value).toBe(p.indicators.R5.value);
  });

  it('R4 with a blank 室内体育用房 subtracts nothing (a blank counts as 0 there, as in R5)', () => {
    const t = school({ code: '2', studentsPrimary: 100, teachingArea: 600, outdoorSportsArea: 800, indoorSportsArea: null });
    expect(evaluate(county([t], []), NATIONAL).units[0].indicators.R4.value).toBe(6);
  });

  it('R5: 室外运动场地 + 室内体育用房 per student', () => {
    expect(p.indicators.R5.value).toBeCloseTo(2100 / 310, 12);
    expect(j.indicators.R5.value).toBeCloseTo((2100 * 1.1) / 310, 12);
  });

  it('R6: 元 per student', () => {
    expect(p.indicators.R6.value).toBeCloseTo(620000 / 310, 9);
    expect(j.indicators.R6.value).toBeCloseTo((620000 * 1.1) / 310, 9);
  });

  it('R7: rooms per hundred students', () => {
    expect(p.indicators.R7.value).toBeCloseTo(10, 12);
    expect(j.indicators.R7.value).toBeCloseTo(11, 12);
  });

  it('R5 with a blank 室内体育用房 counts the outdoor area alone', () => {
    const t = school({ code: '2', studentsPrimary: 100, outdoorSportsArea: 800, indoorSportsArea: null });
    expect(evaluate(county([t], []), NATIONAL).units[0].indicators.R5.value).toBe(8);
  });

  it('strict-scope subtracts 室内体育用房 from R4 (and still counts it in R5)', () => {
    const { s: s2, rows: r2 } = base();
    const [p2] = evaluate(county([s2], r2), builtInProfile('strict-scope')).units;
    expect(p2.indicators.R4.value).toBeCloseTo(900 / 310, 12);
    expect(p2.indicators.R5.value).toBeCloseTo(2100 / 310, 12);
  });

  it('primary-bachelor counts only 研究生 + 本科 for 小学 R1 (5 per 200)', () => {
    const { s: s2, rows: r2 } = base();
    const [p2, j2] = evaluate(county([s2], r2), builtInProfile('primary-bachelor')).units;
    expect(p2.indicators.R1.value).toBe(2.5);
    expect(j2.indicators.R1.value).toBe(8);
  });

  it('a missing 学段 row leaves R1–R3 null and computes R4–R7', () => {
    const { s: s2 } = base();
    const [p2] = evaluate(county([s2], []), NATIONAL).units;
    expect([p2.indicators.R1.value, p2.indicators.R2.value, p2.indicators.R3.value]).toEqual([null, null, null]);
    expect(p2.indicators.R7.value).toBeCloseTo(10, 12);
    expect(p2.metCount).toBeNull();
    expect(p2.passes).toBeNull();
  });
});
