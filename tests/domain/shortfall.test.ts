/**
 * Shortfalls (what the whole school must add, per indicator below its threshold) and the cheapest set of
 * indicators that makes a failing unit pass. Hand-computed cases read through the real template reader.
 */
import fc from 'fast-check';
import { evaluate, type UnitResult } from '../../src/domain/evaluate';
import { builtInProfile, INDICATOR_IDS, NATIONAL, type IndicatorId, type ResolvedProfile } from '../../src/domain/profile';
import { amountToReach, cheapestFix, cheapestUnitFix, DEFAULT_COST_MODEL, shortfallsOf } from '../../src/domain/shortfall';
import { analyse } from '../../src/report/build';
import { countyArb, gridsOf, row, type TSchool } from './issue6-fixtures';

function analysed(schools: TSchool[], profile: ResolvedProfile = NATIONAL, yuan = false) {
  const r = analyse(gridsOf(schools, yuan), profile);
  if (!r.ok) throw new Error(r.fatal.message);
  expect(r.analysis.report.summary.errors).toBe(0);
  return r.analysis;
}

function unit(schools: TSchool[], code: string, stage: '小学' | '初中', profile: ResolvedProfile = NATIONAL, yuan = false): UnitResult {
  const u = analysed(schools, profile, yuan).evaluation.units.find((x) => x.schoolCode === code && x.stage === stage);
  if (!u) throw new Error('no unit');
  return u;
}

/**
 * A 小学 of 1 000 students below every threshold (values 3.8, 0.7, 0.8, 4.0, 6.5, 1600, 2.0).
 * R4 = (4 500 − 500 室内体育用房) / 1 000 = 4.0 (national: the indoor part is counted in R5 only).
 */
const poor: TSchool = {
  code: '0360000001', name: '城关二小', type: '小学', A: 1000, B: null, C: null,
  teachingArea: 4500, indoor: 500, outdoor: 6000, equipYuan: 1_600_000, rooms: 20,
  rows: [row('小学', { pg: 10, ba: 20, as: 8, hs: 2, backbone: 7, pe: 4, music: 2, fine: 2 })],
};

describe('shortfall of a plain 小学 (1 000 students)', () => {
  const u = unit([poor], poor.code, '小学');
  const sf = shortfallsOf(u, NATIONAL, { equipmentScale: 10000 });

  it('teachers: whole persons, a new 专任教师 per person (the denominator does not change)', () => {
    // R1: 38 teachers with 专科 or above ÷ 1000 × 100 = 3.8 < 4.2 → 42 − 38 = 4; floor 35.7 → already 38.
    expect(sf.R1).toEqual({ toThreshold: 4, toFloor: 0, column: '本科学历专任教师数(人)', unit: '人' });
    // R2: 7 骨干 → 10 needed (3); floor 8.5 → 9 (2).
    expect(sf.R2).toEqual({ toThreshold: 3, toFloor: 2, column: '县级及以上骨干教师数(人)', unit: '人' });
    // R3: 体育 4 + 音乐 2 + 美术 2 = 8 → 9 needed (1); floor 7.65 → 8 already. The subject with the fewest
    // teachers gets the new one (音乐 and 美术 tie at 2: 音乐 comes first in the template).
    expect(sf.R3).toEqual({ toThreshold: 1, toFloor: 0, column: '音乐专任教师数(人)', unit: '人' });
  });

  it('㎡, money in the column unit (万元) and whole rooms', () => {
    // R4: 4.5 × 1000 − (4500 − 500) = 500 ㎡; floor 3 825 < 4 000.
    expect(sf.R4).toEqual({ toThreshold: 500, toFloor: 0, column: '教学及辅助用房面积(㎡)', unit: '㎡' });
    // R5: (6000 + 500)/1000 = 6.5 → 7 500 − 6 500 = 1 000 ㎡ of 室外运动场地; floor 6 375 < 6 500.
    expect(sf.R5).toEqual({ toThreshold: 1000, toFloor: 0, column: '室外运动场地面积(㎡)', unit: '㎡' });
    // R6: 160 万元 → 1 600 元 per student: 2 000 000 − 1 600 000 = 400 000 元 = 40 万元; floor 1 700 000 → 10 万元.
    expect(sf.R6).toEqual({ toThreshold: 40, toFloor: 10, column: '教学仪器设备资产值(万元)', unit: '万元' });
    // R7: 20 rooms → 2.0 per hundred; 23 needed (3); floor 19.55 → 20 already.
    expect(sf.R7).toEqual({ toThreshold: 3, toFloor: 0, column: '网络多媒体教室数(间)', unit: '间' });
  });

  it('the cheapest set: all but one to the threshold, the one left out is the dearest (R4, 500 ㎡ = 150 万元)', () => {
    // Costs (万元): new teachers max(R1 4, R3 1) = 4 → 40 (leaving R1 at its floor saves 3 teachers = 30);
    // the 3 骨干 are designated among the 33 non-骨干 teachers (40 − 7): 3 × 0.5 = 1.5, no new teacher;
    // R4 500 × 0.3 = 150; R5 1000 × 0.05 = 50; R6 40 (floor 10: saves 30); R7 3 × 5 = 15 → leave R4: 146.5.
    const f = cheapestUnitFix(u, NATIONAL)!;
    expect(f.toThreshold).toEqual(['R1', 'R2', 'R3', 'R5', 'R6', 'R7']);
    expect(f.toFloor).toEqual([]);
    expect(f.cost).toBeCloseTo(146.5, 9);
    expect(f.amounts).toEqual({ teachers: 4, backbone: 3, arts: 1, teachingArea: 0, outdoorSportsArea: 1000, equipmentYuan: 400000, multimediaRooms: 3 });
  });

  it('a unit failing only R2, below its floor: 4 of its non-骨干 teachers are designated (2 万元), none hired', () => {
    // 1 000 students, 50 teachers of whom 5 are 骨干: R2 = 0.5 < 0.85. Floor: 9 骨干 (+4, 2 万元); threshold:
    // 10 (+5, 2.5 万元). 45 teachers are not 骨干, so no teacher is hired: 专任教师数 does not change.
    const one = unit([{ ...poor, teachingArea: 5000, outdoor: 8000, equipYuan: 2_500_000, rooms: 25, rows: [row('小学', { ba: 50, backbone: 5, pe: 10 })] }], poor.code, '小学');
    expect(one.passes).toBe(false);
    const f = cheapestUnitFix(one, NATIONAL)!;
    expect([f.toThreshold, f.toFloor]).toEqual([[], ['R2']]);
    expect(f.amounts).toEqual({ teachers: 0, backbone: 4, arts: 0, teachingArea: 0, outdoorSportsArea: 0, equipmentYuan: 0, multimediaRooms: 0 });
    expect(f.cost).toBeCloseTo(2, 9);
    expect(DEFAULT_COST_MODEL.backboneDesignation).toBe(0.5);
  });

  it('too few non-骨干 teachers: the rest of the 骨干 are new teachers (a profile asking 5 骨干 per hundred)', () => {
    // 1 000 students, 40 teachers (R1 4.0: floor 3.57 met, threshold 4.2 not), 30 骨干 (R2 3.0 < floor 4.25).
    // R2 to its floor needs 43 骨干 (+13) but only 10 teachers are not 骨干: 3 new teachers, who also bring
    // R1 to 4.3. Cost 3 × 10 + 13 × 0.5 = 36.5 (R1 at its floor and R2 to 50: 10 new teachers, 110).
    const p: ResolvedProfile = { ...NATIONAL, thresholds: { ...NATIONAL.thresholds, 小学: { ...NATIONAL.thresholds.小学, R2: 5 } } };
    const s40 = { ...poor, teachingArea: 5000, outdoor: 8000, equipYuan: 2_500_000, rooms: 25, rows: [row('小学', { ba: 40, backbone: 30, pe: 10 })] };
    const one = unit([s40], poor.code, '小学', p);
    const f = cheapestUnitFix(one, p)!;
    expect([f.toThreshold, f.toFloor]).toEqual([['R1'], ['R2']]);
    expect(f.amounts).toMatchObject({ teachers: 3, backbone: 13 });
    expect(f.cost).toBeCloseTo(36.5, 9);
  });

  it('R1 under the 本科 profile counts 研究生 + 本科 only: 30 → 42 (12), floor 35.7 → 36 (6)', () => {
    const p = builtInProfile('primary-bachelor');
    const s = shortfallsOf(unit([poor], poor.code, '小学', p), p, { equipmentScale: 10000 });
    expect(s.R1).toEqual({ toThreshold: 12, toFloor: 6, column: '本科学历专任教师数(人)', unit: '人' });
  });

  it('R6 in 元 when the header says (元)', () => {
    const s = shortfallsOf(unit([poor], poor.code, '小学', NATIONAL, true), NATIONAL, { equipmentScale: 1 });
    expect(s.R6).toEqual({ toThreshold: 400000, toFloor: 100000, column: '教学仪器设备资产值(元)', unit: '元' });
  });
});

describe('R4 and 室内体育用房 (indoorSportsInR4)', () => {
  const school: TSchool = { ...poor, teachingArea: 5000, indoor: 1000 };
  it('subtracted (national, P10): (5000 − 1000)/1000 = 4.0 → 500 ㎡ more 教学及辅助用房 (the indoor part stays)', () => {
    expect(shortfallsOf(unit([school], school.code, '小学'), NATIONAL, { equipmentScale: 10000 }).R4).toEqual({
      toThreshold: 500, toFloor: 0, column: '教学及辅助用房面积(㎡)', unit: '㎡',
    });
  });
  it('counted in both (profile indoor-count-in-both): 5000/1000 = 5.0, no R4 shortfall', () => {
    const p = builtInProfile('indoor-count-in-both');
    expect(shortfallsOf(unit([school], school.code, '小学', p), p, { equipmentScale: 10000 }).R4).toBeUndefined();
  });
});

describe('a 九年一贯制 school: 600 小学生, 400 初中生, shares 600/1040 and 440/1040', () => {
  const nine: TSchool = {
    code: '0360000002', name: '实验学校', type: '九年一贯制学校', A: 600, B: 400, C: null,
    teachingArea: 4680, indoor: 0, outdoor: 12000, equipYuan: 3_000_000, rooms: 20,
    rows: [
      row('小学', { ba: 30, backbone: 8, pe: 8 }),
      row('初中', { ba: 25, backbone: 6, pe: 6 }),
    ],
  };
  const a = analysed([nine]);
  const primary = a.evaluation.units.find((u) => u.stage === '小学')!;
  const junior = a.evaluation.units.find((u) => u.stage === '初中')!;

  it('初中部 R4: 4680 × 440/1040 = 1980 ㎡ → 4.95; X = (5.8 × 400 − 1980) ÷ (440/1040) = 803.63… ㎡ for the whole school', () => {
    const sf = shortfallsOf(junior, NATIONAL, { equipmentScale: 10000 });
    expect(sf.R4!.toThreshold).toBeCloseTo((340 * 1040) / 440, 9);
    expect(sf.R4!.toFloor).toBe(0);
    expect(primary.indicators.R4.met).toBe(true); // 4680 × 600/1040 = 2700 → exactly 4.5
  });

  it('R7 whole rooms after dividing by the share: 小学部 4 (floor 1), 初中部 3 (floor 0)', () => {
    // 小学部: 20 × 600/1040 = 11.54 rooms → 1.92 per hundred; 24 rooms → 13.85 → 2.31 ≥ 2.3 but 23 → 2.21;
    // floor 1.955 × 6 = 11.73: 21 rooms → 12.12 ✓. 初中部: 20 × 440/1040 = 8.46 → 2.12; 23 → 2.43 ✓, 22 → 2.33.
    expect(shortfallsOf(primary, NATIONAL, { equipmentScale: 10000 }).R7).toEqual({ toThreshold: 4, toFloor: 1, column: '网络多媒体教室数(间)', unit: '间' });
    expect(shortfallsOf(junior, NATIONAL, { equipmentScale: 10000 }).R7).toEqual({ toThreshold: 3, toFloor: 0, column: '网络多媒体教室数(间)', unit: '间' });
  });

  it('the cheapest joint fix: 3 rooms for the school serve both units (R7 to the threshold for 初中, its floor for 小学)', () => {
    const f = cheapestFix([primary, junior], NATIONAL)!;
    expect(f.school.multimediaRooms).toBe(3);
    expect(f.school.teachingArea).toBe(0);
    expect(f.cost).toBeCloseTo(15, 9);
    expect(f.units.map((x) => [x.stage, x.toThreshold, x.toFloor])).toEqual([
      ['小学', [], ['R7']],
      ['初中', ['R7'], []],
    ]);
    // Alone, each unit shows its own cheapest fix in the report.
    const report = a.report.units;
    expect(report.map((u) => u.cheapestFix)).toEqual([
      { toThreshold: [], toFloor: ['R7'], cost: 5 },
      { toThreshold: ['R7'], toFloor: [], cost: 15 },
    ]);
    expect(report[1].shortfall.R4!.column).toBe('教学及辅助用房面积(㎡)');
  });
});

describe('a 完全中学: 500 初中生, 500 高中生, 初中 share 500/1100', () => {
  const complete: TSchool = {
    code: '0360000003', name: '第二中学', type: '完全中学', A: null, B: 500, C: 500,
    teachingArea: 8000, indoor: 0, outdoor: 8000, equipYuan: 2_000_000, rooms: 30,
    rows: [row('初中', { ba: 30, backbone: 6, pe: 5 })],
  };
  it('R6: 200 万元 × 5/11 ÷ 500 = 1818.18 元; 75 万元 to 2500 (the 高中 takes 6/11), 33.75 万元 to 2125', () => {
    const sf = shortfallsOf(unit([complete], complete.code, '初中'), NATIONAL, { equipmentScale: 10000 });
    expect(sf.R6!.toThreshold).toBeCloseTo(75, 9);
    expect(sf.R6!.toFloor).toBeCloseTo(33.75, 9);
    expect(sf.R6!.unit).toBe('万元');
  });
  it('R5: 8000 × 5/11 = 3636.36 ㎡ → 7.27; 3220 ㎡ of 室外运动场地 to 10.2, 1537 ㎡ to 8.67', () => {
    const sf = shortfallsOf(unit([complete], complete.code, '初中'), NATIONAL, { equipmentScale: 10000 });
    expect(sf.R5!.toThreshold).toBeCloseTo(3220, 8);
    expect(sf.R5!.toFloor).toBeCloseTo(1537, 8);
  });
});

describe('exact thresholds', () => {
  it('42 teachers for 1 000 小学生 is exactly 4.2: no R1 shortfall; 41 needs one', () => {
    const at = { ...poor, rows: [row('小学', { ba: 42, backbone: 10, pe: 9 })] };
    expect(shortfallsOf(unit([at], at.code, '小学'), NATIONAL, { equipmentScale: 10000 }).R1).toBeUndefined();
    const below = { ...poor, rows: [row('小学', { ba: 41, backbone: 10, pe: 9 })] };
    expect(shortfallsOf(unit([below], below.code, '小学'), NATIONAL, { equipmentScale: 10000 }).R1).toEqual({ toThreshold: 1, toFloor: 0, column: '本科学历专任教师数(人)', unit: '人' });
  });
});

describe('properties on random counties', () => {
  /** The value of one indicator after adding `amount` of its resource to the unit's row or school. */
  function valueAfter(u: UnitResult, id: IndicatorId, amount: number, profile: ResolvedProfile): number | null {
    const s = { ...u.school };
    const r = u.row ? { ...u.row } : null;
    if (r && (id === 'R1' || id === 'R2' || id === 'R3')) {
      r.teachers = (r.teachers ?? 0) + amount;
      r.teachersBachelor = (r.teachersBachelor ?? 0) + amount;
      if (id === 'R2') r.backboneTeachers = (r.backboneTeachers ?? 0) + amount;
      if (id === 'R3') r.peTeachers = (r.peTeachers ?? 0) + amount;
    }
    if (id === 'R4') s.teachingArea = (s.teachingArea ?? 0) + amount;
    if (id === 'R5') s.outdoorSportsArea = (s.outdoorSportsArea ?? 0) + amount;
    if (id === 'R6') s.equipmentYuan = (s.equipmentYuan ?? 0) + amount;
    if (id === 'R7') s.multimediaRooms = (s.multimediaRooms ?? 0) + amount;
    const e = evaluate({ schools: [s], stageRows: r ? [r] : [], countyValues: {}, hasCountySheet: false }, profile);
    return e.units.find((x) => x.stage === u.stage)?.indicators[id].value ?? null;
  }

  it('adding toThreshold reaches the threshold (and one person or room less does not); the same for toFloor', () => {
    fc.assert(
      fc.property(countyArb, fc.constantFrom('national', 'primary-bachelor', 'strict-scope'), ({ schools, yuan }, pid) => {
        const profile = builtInProfile(pid);
        const a = analysed(schools, profile, yuan);
        const scale = yuan ? 1 : 10000;
        for (const u of a.evaluation.units) {
          const sf = shortfallsOf(u, profile, { equipmentScale: scale });
          for (const id of INDICATOR_IDS) {
            const ind = u.indicators[id];
            expect(sf[id] === undefined).toBe(ind.met !== false);
            const s = sf[id];
            if (!s) continue;
            const whole = id === 'R6' ? s.toThreshold * scale : s.toThreshold;
            const floor = id === 'R6' ? s.toFloor * scale : s.toFloor;
            const tol = (x: number, t: number) => x >= t * (1 - 1e-9);
            expect(tol(valueAfter(u, id, whole, profile)!, ind.threshold)).toBe(true);
            expect(tol(valueAfter(u, id, floor, profile)!, 0.85 * ind.threshold)).toBe(true);
            expect(s.toFloor).toBeLessThanOrEqual(s.toThreshold);
            if (ind.aboveFloor) expect(s.toFloor).toBe(0);
            if (id === 'R1' || id === 'R2' || id === 'R3' || id === 'R7') {
              expect(Number.isInteger(s.toThreshold)).toBe(true);
              expect(valueAfter(u, id, whole - 1, profile)! < ind.threshold * (1 - 1e-9)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 40, seed: 61 },
    );
  });

  it('the cheapest fix makes the unit pass and no other choice of indicators is cheaper (brute force over amounts)', () => {
    fc.assert(
      fc.property(countyArb, ({ schools, yuan }) => {
        const a = analysed(schools, NATIONAL, yuan);
        for (const u of a.evaluation.units.filter((x) => x.passes === false)) {
          const f = cheapestUnitFix(u, NATIONAL)!;
          // Every indicator below the threshold is either raised to it or (at most 7 − 6 = 1 of them) left
          // at or above its floor.
          const below = INDICATOR_IDS.filter((id) => u.indicators[id].met === false);
          expect(below.length - f.toThreshold.length).toBeLessThanOrEqual(1);
          for (const id of below) if (!f.toThreshold.includes(id)) expect(u.indicators[id].aboveFloor === false).toBe(f.toFloor.includes(id));
          // Brute force: each single indicator left out (or none), costs recomputed independently. 骨干 are
          // designated among the teachers who are not 骨干 (0.5 each); teachers are hired for them only
          // beyond those.
          const need = (id: IndicatorId, t: number) => amountToReach(u, id, t, NATIONAL)!;
          const nonBackbone = Math.max(0, (u.row!.teachers ?? 0) - (u.row!.backboneTeachers ?? 0));
          let best = Infinity;
          for (const out of [null, ...below]) {
            const amt = (id: IndicatorId) => (!below.includes(id) ? 0 : id === out ? need(id, 0.85 * u.indicators[id].threshold) : need(id, u.indicators[id].threshold));
            const w = DEFAULT_COST_MODEL;
            const cost = Math.max(amt('R1'), amt('R3'), amt('R2') - nonBackbone) * w.teacher + amt('R2') * w.backboneDesignation + amt('R4') * w.teachingArea + amt('R5') * w.outdoorSportsArea + amt('R6') * w.equipmentYuan + amt('R7') * w.multimediaRooms;
            best = Math.min(best, cost);
          }
          expect(f.cost).toBeCloseTo(best, 6);
        }
      }),
      { numRuns: 40, seed: 62 },
    );
  });
});
