/** Chinese sentences for the pane and the 备注 of 表Ⅱ (adviceOf). */
import { adviceOf, approx } from '../../src/domain/advice';
import { builtInProfile, NATIONAL, type ResolvedProfile } from '../../src/domain/profile';
import { analyse } from '../../src/report/build';
import { gridsOf, row, type TSchool } from './issue6-fixtures';

function adviceFor(schools: TSchool[], profile: ResolvedProfile = NATIONAL, yuan = false) {
  const r = analyse(gridsOf(schools, yuan), profile);
  if (!r.ok) throw new Error(r.fatal.message);
  return adviceOf(r.analysis);
}

/** A 小学 that meets every threshold comfortably, 1 207 students; override what a test needs. */
const good = (o: Partial<TSchool> = {}): TSchool => ({
  code: '0360000001', name: '城关二小', type: '小学', A: 1207, B: null, C: null,
  teachingArea: 6000, indoor: 0, outdoor: 10000, equipYuan: 3_000_000, rooms: 30,
  rows: [row('小学', { ba: 60, backbone: 15, pe: 12 })],
  ...o,
});

describe('adviceOf', () => {
  it('the issue example: 3.91 ㎡ against 4.5 ㎡, about 713 ㎡ for the whole school (712.1 rounded up)', () => {
    // 4719.4 / 1207 = 3.91002…; 4.5 × 1207 − 4719.4 = 712.1 ㎡.
    const a = adviceFor([good({ teachingArea: 4719.4 })]);
    expect(a.map((x) => x.text)).toEqual(['城关二小 小学部 生均教学及辅助用房面积 3.91㎡，低于 4.5㎡，全校需增加约 713㎡']);
    expect(a[0]).toMatchObject({ kind: 'indicator', stage: '小学', schoolCode: '0360000001', indicator: 'R4' });
  });

  it('below 85 %: the floor and what reaching it takes; a failing unit gets its cheapest fix', () => {
    // 骨干 8 of 1207: 0.66 < 0.85 → 13 needed for 1.0 (+5), 11 for 0.85 (+3: 10.26 → 11). 52 of the 60
    // teachers are not 骨干: they are designated (0.5 万元 each, training), nobody is hired.
    const a = adviceFor([good({ rows: [row('小学', { ba: 60, backbone: 8, pe: 12 })] })]);
    expect(a.map((x) => x.text)).toEqual([
      '城关二小 小学部 每百名学生拥有县级以上骨干教师数 0.66人，低于 1人，需认定 5 名现有教师为县级及以上骨干教师（低于标准值的85%即 0.85人，至少需认定 3 名现有教师）',
      '城关二小 小学部 未达标（6项达到标准值，1项低于85%）：最经济的补足办法是使县级以上骨干教师达到标准值的85%，估算约 1.5 万元',
    ]);
  });

  it('骨干 beyond the teachers who are not 骨干 yet: the rest are new teachers, designated too', () => {
    // 1 207 students need 13 骨干 (+5 from 8). 10 teachers: 2 are not 骨干 → 2 designated, 3 new teachers;
    // 8 teachers, all 骨干 → 5 new teachers.
    const r2 = (teachers: number) =>
      adviceFor([good({ rows: [row('小学', { ba: teachers, backbone: 8, pe: 8 })] })]).find((x) => x.indicator === 'R2')!.text;
    expect(r2(10)).toBe('城关二小 小学部 每百名学生拥有县级以上骨干教师数 0.66人，低于 1人，需认定 2 名现有教师为县级及以上骨干教师，另新增 3 名专任教师并认定为骨干教师（低于标准值的85%即 0.85人，至少需认定 2 名现有教师并新增 1 名专任教师）');
    expect(r2(8)).toBe('城关二小 小学部 每百名学生拥有县级以上骨干教师数 0.66人，低于 1人，现有专任教师均已是骨干教师，需新增 5 名专任教师并认定为县级及以上骨干教师（低于标准值的85%即 0.85人，至少需新增 3 名专任教师）');
  });

  it('a value just under the threshold is not printed as equal to it; R1 names the counting degree', () => {
    // 50 teachers with 专科 or above for 1 191 students: 4.198… < 4.2 (shown 4.198, not 4.20).
    const a = adviceFor([good({ A: 1191, rows: [row('小学', { as: 50, backbone: 15, pe: 12 })] })]);
    expect(a[0].text).toBe('城关二小 小学部 每百名学生拥有高于规定学历教师数 4.198人，低于 4.2人，需增加 1 名专科及以上学历专任教师');
    const b = adviceFor([good({ A: 1191, rows: [row('小学', { ba: 50, backbone: 15, pe: 12 })] })], builtInProfile('primary-bachelor'));
    expect(b[0].text).toBe('城关二小 小学部 每百名学生拥有高于规定学历教师数 4.198人，低于 4.2人，需增加 1 名本科及以上学历专任教师');
  });

  it('money in the column unit; 元 of 10 000 or more shown in 万元', () => {
    // 1 207 × 2000 − 2 000 000 = 414 000 元.
    expect(adviceFor([good({ equipYuan: 2_000_000 })])[0].text).toBe('城关二小 小学部 生均教学仪器设备值 1657.00元，低于 2000元，全校需增加教学仪器设备约 41.4万元（低于标准值的85%即 1700元，至少需增加约 5.19万元）');
    expect(adviceFor([good({ equipYuan: 2_000_000 })], NATIONAL, true)[0].text).toBe('城关二小 小学部 生均教学仪器设备值 1657.00元，低于 2000元，全校需增加教学仪器设备约 41.4万元（低于标准值的85%即 1700元，至少需增加约 5.19万元）');
    // 1 207 × 2000 − 2 410 000 = 4 000 元: 0.4 万元 in a 万元 workbook, 4000 元 in a 元 workbook.
    expect(adviceFor([good({ equipYuan: 2_410_000 })])[0].text).toBe('城关二小 小学部 生均教学仪器设备值 1996.69元，低于 2000元，全校需增加教学仪器设备约 0.4万元');
    expect(adviceFor([good({ equipYuan: 2_410_000 })], NATIONAL, true)[0].text).toBe('城关二小 小学部 生均教学仪器设备值 1996.69元，低于 2000元，全校需增加教学仪器设备约 4000元');
  });

  it('a failing CV: who contributes, and the CV with the lowest contributor at the mean', () => {
    const school = (code: string, name: string, equipYuan: number): TSchool => ({ ...good({ code, name, A: 1000, equipYuan }) });
    const a = adviceFor([school('0360000010', '甲校', 2_000_000), school('0360000011', '乙校', 7_000_000)]);
    // Mean 4500, CV 2500/4500 = 0.556; equal weights: each 50 %; 甲校 at 4500: 4500 and 7000 → CV 1250/5750 = 0.217.
    expect(a.filter((x) => x.kind === 'cv').map((x) => x.text)).toEqual([
      '小学 生均教学仪器设备值 差异系数 0.556，高于 0.5；差异主要来自 甲校（2000.00元，占50%）、乙校（7000.00元，占50%）；若 甲校 提高到县均值 4500.00元，差异系数可降至 0.217',
    ]);
  });

  it('nothing to say about a county that meets the standard', () => {
    expect(adviceFor([good()])).toEqual([]);
  });
});

describe('approx (display only)', () => {
  it.each([
    [712.13, '712'],
    [34.49, '34.5'],
    [8.625, '8.63'],
    [5.1, '5.1'],
    [0.0042, '0.0042'],
    [0, '0'],
  ])('%p → %s', (x, s) => expect(approx(x)).toBe(s));
});

describe('amounts to add are rounded up at the figure shown (typing the printed amount is enough)', () => {
  it('approxUp: about three significant figures, never below the amount', () => {
    const { approxUp } = jest.requireActual<typeof import('../../src/domain/numbers')>('../../src/domain/numbers');
    expect([4.5818, 2392.39, 19.9018, 12.039, 0.001818, 712.1, 41.4, 0.4, 5.19, 4000].map(approxUp)).toEqual(['4.59', '2393', '20', '12.1', '0.0019', '713', '41.4', '0.4', '5.19', '4000']);
    // A figure computed a hair above what it is (floating point) stays that figure.
    expect(approxUp(0.1 + 0.2)).toBe('0.3');
    expect(approxUp(4.59 + 1e-12)).toBe('4.59');
    for (const x of [0.00123, 0.0456, 0.789, 3.14159, 27.77, 999.01, 123456.7]) expect(Number(approxUp(x))).toBeGreaterThanOrEqual(x);
  });

  it('4.5818 万元 to add (as in conformance 03) is printed as 4.59 万元, not 4.58', () => {
    // 2 000 元 × 1 207 − 2 368 182 = 45 818 元.
    expect(adviceFor([good({ equipYuan: 2_368_182 })])[0].text).toBe('城关二小 小学部 生均教学仪器设备值 1962.04元，低于 2000元，全校需增加教学仪器设备约 4.59万元');
  });

  it('a value just under the 85 % floor is not shown as the floor itself (初中 R4 4.92999 against 5.8, floor 4.93)', () => {
    const { fixedAgainst, indicatorLimits } = jest.requireActual<typeof import('../../src/domain/numbers')>('../../src/domain/numbers');
    expect(fixedAgainst(4.92999, 5.8, 2)).toBe('4.93');
    expect(fixedAgainst(4.92999, indicatorLimits(5.8, 0.85), 2)).toBe('4.92999');
    // Above the floor, below the threshold: two decimals as before.
    expect(fixedAgainst(5.2, indicatorLimits(5.8, 0.85), 2)).toBe('5.20');
    expect(fixedAgainst(4.931, indicatorLimits(5.8, 0.85), 2)).toBe('4.931');
    // At the floor within floating noise (the engine counts it as at the floor): the usual two decimals.
    expect(fixedAgainst(1699.9999999999998, indicatorLimits(2000, 0.85), 2)).toBe('1700.00');
    expect(fixedAgainst(4.930000000000001, indicatorLimits(5.8, 0.85), 2)).toBe('4.93');
  });
});
