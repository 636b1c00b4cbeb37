/**
 * 差异系数 (standard §4): student-weighted, population form, pooled mean. The ministry's worked example
 * (5 小学, 生均图书册数) is the regression test, both through weightedCv and through the whole pipeline.
 */
import fc from 'fast-check';
import { weightedCv, weightedCvOf } from '../../src/domain/cv';
import { evaluate } from '../../src/domain/evaluate';
import { NATIONAL } from '../../src/domain/profile';
import { county, unitWith } from '../helpers/county-model';
import { cli, cliJson } from '../helpers/run-cli';
import { tempDir, TemplateBuilder, type SchoolRec, type StageRec } from '../helpers/template-builder';

const STUDENTS = [45, 37, 89, 76, 55];
const BOOKS = [279, 137, 935, 160, 402];
const VALUES = BOOKS.map((b, i) => b / STUDENTS[i]);
const INPUTS = VALUES.map((value, i) => ({ value, students: STUDENTS[i] }));

/** The two wrong formulas of §4, computed here so the test shows what they give. */
function unweightedCv(xs: number[], sample: boolean): number {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const ss = xs.reduce((a, x) => a + (x - m) ** 2, 0);
  return Math.sqrt(ss / (sample ? xs.length - 1 : xs.length)) / m;
}

describe('weightedCv: the ministry worked example', () => {
  const r = weightedCv(INPUTS);

  it('gives the pooled county mean 1913 / 302 = 6.334…', () => {
    expect(r.mean).toBeCloseTo(1913 / 302, 12);
    expect(r.mean.toFixed(3)).toBe('6.334');
  });

  it('gives S = 3.264 and CV = 0.5152566 (printed 0.52)', () => {
    expect(r.sd.toFixed(3)).toBe('3.264');
    expect(r.cv).toBeCloseTo(0.5152566, 7);
    expect(r.cv!.toFixed(2)).toBe('0.52');
    expect(r.cv!.toFixed(3)).toBe('0.515');
  });

  it('is not the unweighted CV 0.489', () => {
    expect(unweightedCv(VALUES, false).toFixed(3)).toBe('0.489');
    expect(Math.abs(r.cv! - unweightedCv(VALUES, false))).toBeGreaterThan(0.02);
  });

  it('is not the sample (n−1) CV 0.546', () => {
    expect(unweightedCv(VALUES, true).toFixed(3)).toBe('0.546');
    expect(Math.abs(r.cv! - unweightedCv(VALUES, true))).toBeGreaterThan(0.02);
  });

  it('does not depend on the order of the units', () => {
    const rev = weightedCv([...INPUTS].reverse());
    expect(rev.cv).toBeCloseTo(r.cv!, 14);
    expect(rev.mean).toBeCloseTo(r.mean, 14);
  });
});

describe('weightedCv: edge cases', () => {
  it('n = 1 gives CV 0 and the unit value as mean', () => {
    expect(weightedCv([{ value: 4.2, students: 300 }])).toEqual({ mean: 4.2, sd: 0, cv: 0 });
  });

  it('equal values give CV 0', () => {
    const r = weightedCv([
      { value: 3, students: 10 },
      { value: 3, students: 500 },
    ]);
    expect(r.cv).toBe(0);
    expect(r.mean).toBe(3);
  });

  it('a county mean of 0 makes the CV undefined (null), never 0', () => {
    expect(weightedCv([
      { value: 0, students: 10 },
      { value: 0, students: 20 },
    ])).toEqual({ mean: 0, sd: 0, cv: null });
    expect(weightedCv([{ value: 0, students: 10 }]).cv).toBeNull();
  });

  it('no units, or no students, give null', () => {
    expect(weightedCv([]).cv).toBeNull();
    expect(weightedCv([{ value: 5, students: 0 }]).cv).toBeNull();
  });

  it('weights each unit by its students: two units 1 and 3, with 300 and 100 students', () => {
    // mean = (300·1 + 100·3)/400 = 1.5; S² = 0.75·0.25 + 0.25·2.25 = 0.75; CV = sqrt(0.75)/1.5
    const r = weightedCv([
      { value: 1, students: 300 },
      { value: 3, students: 100 },
    ]);
    expect(r.mean).toBe(1.5);
    expect(r.sd).toBeCloseTo(Math.sqrt(0.75), 14);
    expect(r.cv).toBeCloseTo(Math.sqrt(0.75) / 1.5, 14);
  });
});

describe('a CV exactly at its limit passes ("不超过" is ≤)', () => {
  const v = { R1: 6, R2: 2, R3: 1, R4: 6, R5: 11, R6: 3000, R7: 3 };

  it('小学: R7 values 9 and 3 for equal students give CV 0.5 and pass', () => {
    const a = unitWith('1', '小学', 1000, { ...v, R7: 9 });
    const b = unitWith('2', '小学', 1000, { ...v, R7: 3 });
    const r7 = evaluate(county([a.school, b.school], [a.row, b.row]), NATIONAL).balance['小学']!.indicators.R7;
    expect(r7.cv).toBeCloseTo(0.5, 14);
    expect(r7.passes).toBe(true);
  });

  it('初中: R7 values 29 and 11 for equal students give CV 0.45 and pass; 30 and 11 fail', () => {
    const at = (x: number) => {
      const a = unitWith('1', '初中', 1000, { ...v, R7: x });
      const b = unitWith('2', '初中', 1000, { ...v, R7: 11 });
      return evaluate(county([a.school, b.school], [a.row, b.row]), NATIONAL).balance['初中']!.indicators.R7;
    };
    expect(at(29).cv).toBeCloseTo(0.45, 14);
    expect(at(29).passes).toBe(true);
    expect(at(30).cv).toBeCloseTo(19 / 41, 14);
    expect(at(30).passes).toBe(false);
  });
});

/** Five 小学 whose 生均教学仪器设备值 (元) are the worked example's books per student. */
function workedExampleCounty(): TemplateBuilder {
  const b = TemplateBuilder.empty();
  STUDENTS.forEach((p, i) => {
    const code = `36000001${String(i).padStart(2, '0')}`;
    const s: SchoolRec = {
      code, name: `示例小学${i + 1}`, type: '小学', ownership: '公办', locality: '城区', boarding: '否',
      studentsPrimary: p, teachingArea: 5 * p, indoorSportsArea: 0, outdoorSportsArea: 8 * p, equipment: BOOKS[i], multimediaRooms: 1,
      musicRooms: 1, musicRooms96: 1, artRooms: 1, artRooms90: 1, publicBudget: 50, trainingSpend: 5,
    };
    const r: StageRec = {
      code, stage: '小学', classes: 2, maxClassSize: 45, teachers: 6, postgraduate: 0, bachelor: 5, associate: 1, highSchool: 0,
      backbone: 1, pe: 1, music: 0, fineArt: 0, arts: 0, certified: 6, trained: 6, zoned: p,
    };
    b.schools.push(s);
    b.stages.push(r);
  });
  return b;
}

describe('the worked example through the whole pipeline (workbook → CLI → JSON)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('gives the 小学 R6 差异系数 0.5152566 and fails the 0.50 limit', async () => {
    const file = await workedExampleCounty().write(tmp.file('worked.xlsx'), { schools: { headerText: { equipment: '教学仪器设备资产值(元)' } } });
    const { code, json } = await cliJson('validate', file);
    expect(code).toBe(0);
    const r6 = json.balance['小学'].indicators.R6;
    expect(r6.mean).toBeCloseTo(1913 / 302, 12);
    expect(r6.cv).toBeCloseTo(0.5152566, 7);
    expect(Math.abs(r6.cv - 0.489)).toBeGreaterThan(0.02);
    expect(Math.abs(r6.cv - 0.546)).toBeGreaterThan(0.02);
    expect(r6.limit).toBe(0.5);
    expect(r6.passes).toBe(false);
    expect(json.balance['小学'].units).toBe(5);
    expect(json.balance['小学'].students).toBe(302);
    expect(json.summary.resourcePasses).toBe(false);
  });

  it('prints the CV to 3 decimals and the mean to 2 in the readable summary', async () => {
    const file = await workedExampleCounty().write(tmp.file('worked-text.xlsx'), { schools: { headerText: { equipment: '教学仪器设备资产值(元)' } } });
    const r = await cli('validate', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  R6 生均教学仪器设备值  县均值 6.33  差异系数 0.515（≤0.5） 未达标\n');
  });

  it('a 学段 with a single unit has CV 0 for every indicator', async () => {
    const b = workedExampleCounty();
    b.schools.splice(1);
    b.stages.splice(1);
    const { json } = await cliJson('validate', await b.write(tmp.file('one.xlsx')));
    for (const id of ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7']) expect(json.balance['小学'].indicators[id].cv).toBe(0);
  });

  it('a county mean of 0 gives cv null and passes null, printed as —, never 0', async () => {
    const b = workedExampleCounty();
    for (const s of b.schools) s.multimediaRooms = 0;
    const file = await b.write(tmp.file('zero.xlsx'));
    const { json } = await cliJson('validate', file);
    const { mean, cv, limit, passes } = json.balance['小学'].indicators.R7;
    expect({ mean, cv, limit, passes }).toEqual({ mean: 0, cv: null, limit: 0.5, passes: null });
    expect(json.summary.resourcePasses).toBe(false);
    const text = await cli('validate', file);
    expect(text.stdout).toContain('  R7 每百名学生拥有网络多媒体教室数  县均值 0.00  差异系数 —（≤0.5） 未评估\n');
  });
});

/** The formula of §4 written out over unit objects, sums in unit order: what weightedCvOf must give bit for bit. */
function referenceCv(units: { value: number; students: number }[]): { mean: number; sd: number; cv: number | null } {
  let p = 0;
  let total = 0;
  for (const u of units) {
    p += u.students;
    total += u.value * u.students;
  }
  if (units.length === 0 || p === 0) return { mean: 0, sd: 0, cv: null };
  const mean = total / p;
  let variance = 0;
  for (const u of units) variance += (u.students / p) * (u.value - mean) ** 2;
  const sd = Math.sqrt(variance);
  if (mean === 0) return { mean, sd, cv: null };
  return { mean, sd, cv: units.length === 1 ? 0 : sd / mean };
}

describe('weightedCvOf (parallel arrays, used by evaluate and by weightedCv) is the formula bit for bit', () => {
  it('on any units, the worked example, one unit and none', () => {
    const same = (values: number[], students: number[]) => {
      const a = referenceCv(values.map((value, i) => ({ value, students: students[i] })));
      const b = weightedCvOf(Float64Array.from(values), Float64Array.from(students));
      for (const k of ['mean', 'sd', 'cv'] as const) if (!Object.is(a[k], b[k])) throw new Error(`${k}: ${a[k]} ≠ ${b[k]} for ${JSON.stringify([values, students])}`);
    };
    same(VALUES, STUDENTS);
    same([], []);
    same([3.5], [120]);
    same([0, 0], [10, 20]);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.integer({ min: 0, max: 5000 })), { maxLength: 40 }),
        (units) => same(units.map((u) => u[0]), units.map((u) => u[1])),
      ),
      { numRuns: 500, seed: 7 },
    );
  });
});
