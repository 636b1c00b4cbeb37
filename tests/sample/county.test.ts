/**
 * The built-in demonstration county: what it is made of, and what the engine finds in it. Every number
 * here is a property of the fixed sample; a change to the sample that moves one of them must be
 * deliberate (and the README / preview text that describes the sample updated with it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIONAL } from '../../src/domain/profile';
import { analyse, type Analysis } from '../../src/report/build';
import {
  SAMPLE_CODE_PREFIX,
  SAMPLE_COUNTY_NAME,
  SAMPLE_HEADER_ROW,
  SAMPLE_SCHOOL_COUNT,
  SAMPLE_YEAR,
  sampleCountyGrids,
} from '../../src/sample/county';
import type { CellGrid } from '../../src/template/grid';
import { COUNTY_ROWS, SCHOOL_COLUMNS, SHEET_COUNTY, SHEET_SCHOOLS, SHEET_STAGES, STAGE_COLUMNS } from '../../src/template/schema';
import { cli, cliJson } from '../helpers/run-cli';
import { writeGridsToXlsx } from '../helpers/workbook';

const grids = sampleCountyGrids();
const sheet = (name: string): CellGrid => grids.find((g) => g.name === name)!;
const dataRows = (name: string) => sheet(name).values.slice(SAMPLE_HEADER_ROW + 1);
const col = (specs: readonly { field: string }[], field: string) => specs.findIndex((s) => s.field === field);

function analysed(): Analysis {
  const r = analyse(sampleCountyGrids(), NATIONAL);
  if (!r.ok) throw new Error(`sample unreadable: ${r.fatal.message}`);
  return r.analysis;
}
const analysis = analysed();
const report = analysis.report;

describe('composition of the sample county', () => {
  it('has the three input sheets, a title row, and the schema headers exactly', () => {
    expect(grids.map((g) => g.name)).toEqual([SHEET_SCHOOLS, SHEET_STAGES, SHEET_COUNTY]);
    expect(sheet(SHEET_SCHOOLS).values[SAMPLE_HEADER_ROW]).toEqual(SCHOOL_COLUMNS.map((c) => c.header));
    expect(sheet(SHEET_STAGES).values[SAMPLE_HEADER_ROW]).toEqual(STAGE_COLUMNS.map((c) => c.header));
    expect(sheet(SHEET_COUNTY).values[SAMPLE_HEADER_ROW].slice(0, 3)).toEqual(['指标', '数值', '备注']);
    expect(sheet(SHEET_SCHOOLS).values[0]).toEqual([`${SAMPLE_COUNTY_NAME}义务教育学校基本信息表（${SAMPLE_YEAR}年秋季学期）`]);
  });

  it('has 41 schools of every type, 公办 and 民办, in 城区, 镇区 and 乡村', () => {
    const rows = dataRows(SHEET_SCHOOLS);
    expect(rows).toHaveLength(41);
    expect(SAMPLE_SCHOOL_COUNT).toBe(41);
    const count = (field: string) => {
      const out: Record<string, number> = {};
      for (const r of rows) out[String(r[col(SCHOOL_COLUMNS, field)])] = (out[String(r[col(SCHOOL_COLUMNS, field)])] ?? 0) + 1;
      return out;
    };
    expect(count('type')).toEqual({ 小学: 20, 初中: 8, 九年一贯制学校: 5, 完全中学: 1, 十二年一贯制学校: 1, 小学教学点: 5, 特殊教育学校: 1 });
    expect(count('ownership')).toEqual({ 公办: 38, 民办: 3 });
    expect(count('locality')).toEqual({ 城区: 14, 镇区: 9, 乡村: 18 });
    expect(count('boarding')).toEqual({ 是: 13, 否: 28 });
  });

  it('gives every school a unique 10-digit text code with leading zero, used by its 学段 rows', () => {
    const codes = dataRows(SHEET_SCHOOLS).map((r) => r[0]);
    for (const c of codes) {
      expect(typeof c).toBe('string');
      expect(c).toMatch(/^0\d{9}$/);
      expect((c as string).startsWith(SAMPLE_CODE_PREFIX)).toBe(true);
    }
    expect(new Set(codes).size).toBe(41);
    const stageCodes = new Set(dataRows(SHEET_STAGES).map((r) => r[0]));
    expect([...stageCodes].every((c) => codes.includes(c))).toBe(true);
    // Every school but the 特殊教育学校 has 学段 rows: 40 schools, 46 rows (the 6 九年/十二年一贯制学校 have two).
    expect(stageCodes.size).toBe(40);
    expect(dataRows(SHEET_STAGES)).toHaveLength(46);
    const fmt = sheet(SHEET_SCHOOLS).numberFormats!;
    expect(fmt[SAMPLE_HEADER_ROW + 1][0]).toBe('@');
  });

  it('has 高中 students in the 完全中学 and the 十二年一贯制学校 only', () => {
    const senior = dataRows(SHEET_SCHOOLS)
      .filter((r) => r[col(SCHOOL_COLUMNS, 'studentsSenior')] !== null)
      .map((r) => [r[col(SCHOOL_COLUMNS, 'name')], r[col(SCHOOL_COLUMNS, 'type')], r[col(SCHOOL_COLUMNS, 'studentsSenior')]]);
    expect(senior).toEqual([
      ['青山县第一中学', '完全中学', 1860],
      ['青山县博雅外国语学校', '十二年一贯制学校', 380],
    ]);
  });

  it('is internally consistent in every 学段 row and school row', () => {
    const v = (r: readonly unknown[], f: string) => Number(r[col(STAGE_COLUMNS, f)] ?? 0);
    for (const r of dataRows(SHEET_STAGES)) {
      const degrees = v(r, 'teachersPostgraduate') + v(r, 'teachersBachelor') + v(r, 'teachersAssociate') + v(r, 'teachersHighSchool');
      expect(degrees).toBe(v(r, 'teachers'));
      expect(v(r, 'backboneTeachers')).toBeLessThanOrEqual(v(r, 'teachers'));
      expect(v(r, 'peTeachers') + v(r, 'musicTeachers') + v(r, 'fineArtTeachers') + v(r, 'artsTeachers')).toBeLessThanOrEqual(v(r, 'teachers'));
      expect(v(r, 'certifiedTeachers')).toBeLessThanOrEqual(v(r, 'teachers'));
      expect(v(r, 'trainedTeachers')).toBe(v(r, 'teachers'));
      expect(v(r, 'classes')).toBeGreaterThan(0);
    }
    for (const r of dataRows(SHEET_SCHOOLS)) {
      for (const f of ['multimediaRooms', 'musicRooms', 'musicRooms96', 'artRooms', 'artRooms90']) expect(Number.isInteger(r[col(SCHOOL_COLUMNS, f)])).toBe(true);
      for (const f of ['teachingArea', 'indoorSportsArea', 'outdoorSportsArea', 'equipmentYuan', 'publicBudgetYuan', 'trainingSpendYuan']) {
        const x = Number(r[col(SCHOOL_COLUMNS, f)]);
        expect(Math.abs(x * 100 - Math.round(x * 100))).toBeLessThan(1e-6);
      }
      expect(Number(r[col(SCHOOL_COLUMNS, 'indoorSportsArea')])).toBeLessThanOrEqual(Number(r[col(SCHOOL_COLUMNS, 'teachingArea')]));
    }
  });

  it('fills every 县级指标 row, with 是 and 否 evidence items and one percentage-formatted (%) cell', () => {
    const county = sheet(SHEET_COUNTY);
    const rows = county.values.slice(SAMPLE_HEADER_ROW + 1);
    expect(rows.map((r) => r[0])).toEqual(COUNTY_ROWS.map((r) => r.label));
    expect(rows.every((r) => r[1] !== null && r[1] !== '')).toBe(true);
    const yesno = rows.filter((_, i) => COUNTY_ROWS[i].kind === 'yesno').map((r) => r[1]);
    expect(yesno.filter((x) => x === '是')).toHaveLength(8);
    // Q7 否, and the six 一票否决 rows 否 (no such situation).
    expect(yesno.filter((x) => x === '否')).toHaveLength(7);
    // 简要结论 (column E) on the 8 evidence rows only.
    const conclusions = rows.flatMap((r, i) => (r[4] ? [COUNTY_ROWS[i].key] : []));
    expect(conclusions).toEqual(['G1', 'G2', 'G10', 'Q3', 'Q5', 'Q6', 'Q7', 'Q8']);
    const percentFormatted = county.numberFormats!.flatMap((r, i) => r.map((f, c) => (f && f.includes('%') ? `${i}:${c}` : null))).filter(Boolean);
    const recognitionRow = SAMPLE_HEADER_ROW + 1 + COUNTY_ROWS.findIndex((r) => r.key === 'recognition');
    expect(percentFormatted).toEqual([`${recognitionRow}:1`]);
    expect(county.values[recognitionRow][1]).toBe(0.923);
    // The (%) rule: 0.923 in a percentage-formatted cell is read as 92.3 %.
    expect(analysis.read.county.countyValues.recognition!.value).toBeCloseTo(92.3, 10);
  });

  it('is the same on every call, never uses Math.random, and returns copies', () => {
    const again = sampleCountyGrids();
    expect(again).toEqual(grids);
    again[0].values[SAMPLE_HEADER_ROW + 1][1] = 'changed';
    expect(sampleCountyGrids()[0].values[SAMPLE_HEADER_ROW + 1][1]).toBe('青山县城关第一小学');
    jest.isolateModules(() => {
      const spy = jest.spyOn(Math, 'random').mockImplementation(() => {
        throw new Error('Math.random used');
      });
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const fresh = require('../../src/sample/county') as typeof import('../../src/sample/county');
        expect(fresh.sampleCountyGrids()).toEqual(grids);
      } finally {
        spy.mockRestore();
      }
    });
  });
});

describe('what the engine finds in the sample', () => {
  it('reads it with no error and exactly two warnings (the two numbers stored as text): every 申报表 input is filled', () => {
    expect(report.summary.errors).toBe(0);
    expect(report.issues.map((i) => [i.severity, i.code, `${i.sheet}!${i.cell}`])).toEqual([
      ['warning', 'text-number', '学校基本信息!N32'],
      ['warning', 'text-number', '分学段信息!C23'],
    ]);
    // The cells themselves hold text: 室外运动场地面积 of 柳河乡中心小学, 班级数 of 白沙镇中学's 初中 row.
    const schools = sheet(SHEET_SCHOOLS);
    expect(schools.values[31][1]).toBe('青山县柳河乡中心小学');
    expect(schools.values[31][13]).toBe('5264.09');
    const stages = sheet(SHEET_STAGES);
    expect(stages.values[22].slice(0, 3)).toEqual(['0361230311', '初中', '16']);
  });

  it('has 43 units (28 小学, 15 初中), of which 38 pass', () => {
    expect(report.summary).toMatchObject({ units: 43, unitsPassing: 38, resourcePasses: false, balancePassing: 13, balanceTotal: 14 });
    expect(report.units.filter((u) => u.stage === '小学')).toHaveLength(28);
    expect(report.units.filter((u) => u.stage === '初中')).toHaveLength(15);
    expect(report.balance['小学']).toMatchObject({ units: 28, students: 19770 });
    expect(report.balance['初中']).toMatchObject({ units: 15, students: 10990 });
  });

  it('fails five units, each for a planned reason', () => {
    const failing = report.units
      .filter((u) => u.passes === false)
      .map((u) => ({
        name: u.schoolName,
        stage: u.stage,
        met: u.metCount,
        notMet: Object.entries(u.indicators).filter(([, i]) => !i.met).map(([k]) => k),
        belowFloor: Object.entries(u.indicators).filter(([, i]) => !i.aboveFloor).map(([k]) => k),
      }));
    expect(failing).toEqual([
      // 5 of 7: R4 and R5 short, both above 85 %.
      { name: '青山县城关第二小学', stage: '小学', met: 5, notMet: ['R4', 'R5'], belowFloor: [] },
      // 6 of 7, but the seventh below 85 % of its threshold.
      { name: '青山县育才学校', stage: '小学', met: 6, notMet: ['R2'], belowFloor: ['R2'] },
      { name: '青山县龙潭镇中学', stage: '初中', met: 6, notMet: ['R6'], belowFloor: ['R6'] },
      { name: '青山县马集乡中心小学', stage: '小学', met: 6, notMet: ['R3'], belowFloor: ['R3'] },
      { name: '青山县东岭乡桃园教学点', stage: '小学', met: 6, notMet: ['R7'], belowFloor: ['R7'] },
    ]);
    const value = (name: string, stage: string, id: 'R2' | 'R3' | 'R4' | 'R5' | 'R6' | 'R7') => report.units.find((u) => u.schoolName === name && u.stage === stage)!.indicators[id].value;
    expect(value('青山县城关第二小学', '小学', 'R4')).toBeCloseTo(7784.1 / 1860, 12);
    expect(value('青山县城关第二小学', '小学', 'R5')).toBeCloseTo(12555 / 1860, 12);
    expect(value('青山县育才学校', '小学', 'R2')).toBeCloseTo((5 * 100) / 860, 12);
    expect(value('青山县龙潭镇中学', '初中', 'R6')).toBeCloseTo((138 * 10000) / 690, 9);
    expect(value('青山县马集乡中心小学', '小学', 'R3')).toBeCloseTo((3 * 100) / 520, 12);
    expect(value('青山县东岭乡桃园教学点', '小学', 'R7')).toBeCloseTo(100 / 58, 12);
  });

  it('passes two units with 6 of 7 (the seventh between 85 % and 100 %)', () => {
    const sixOfSeven = report.units.filter((u) => u.passes === true && u.metCount === 6).map((u) => [u.schoolName, u.stage, Object.entries(u.indicators).find(([, i]) => !i.met)![0]]);
    expect(sixOfSeven).toEqual([
      ['青山县城关第一小学', '小学', 'R5'],
      ['青山县高坪乡中心学校', '初中', 'R1'],
    ]);
    expect(report.units.filter((u) => u.passes === true && u.metCount === 7)).toHaveLength(36);
  });

  it('has exactly one failing 差异系数 of 14: 初中 R6 at 0.48941612809566…', () => {
    const failing = Object.entries(report.balance).flatMap(([stage, b]) => Object.entries(b!.indicators).filter(([, i]) => i.passes !== true).map(([id, i]) => [stage, id, i.limit]));
    expect(failing).toEqual([['初中', 'R6', 0.45]]);
    const r6 = report.balance['初中']!.indicators.R6;
    expect(r6.cv).toBeCloseTo(0.48941612809566, 12);
    expect(r6.mean).toBeCloseTo(4985.900427995175, 8);
    const all = Object.values(report.balance).flatMap((b) => Object.values(b!.indicators));
    expect(all).toHaveLength(14);
    expect(all.every((i) => typeof i.cv === 'number')).toBe(true);
  });

  it('includes 教学点 of 50 students or more and excludes those below 50 and the 特殊教育学校', () => {
    expect(report.excluded).toEqual([
      { schoolCode: '0361230141', schoolName: '青山县特殊教育学校', reason: '特殊教育学校不参与资源配置指标和差异系数计算' },
      { schoolCode: '0361230331', schoolName: '青山县白沙镇沙坪教学点', stage: '小学', reason: '教学点在校生不足50人' },
      { schoolCode: '0361230531', schoolName: '青山县龙潭镇青龙教学点', stage: '小学', reason: '教学点在校生不足50人' },
      { schoolCode: '0361230631', schoolName: '青山县柳河乡黄泥湾教学点', stage: '小学', reason: '教学点在校生不足50人' },
    ]);
    const points = report.units.filter((u) => u.schoolName.endsWith('教学点')).map((u) => [u.schoolName, u.students]);
    expect(points).toEqual([
      ['青山县高坪乡李家坪教学点', 62],
      ['青山县东岭乡桃园教学点', 58],
    ]);
  });

  it('evaluates every item (none 未填报), with a mix of passing and failing ones', () => {
    const items = Object.fromEntries(report.items.map((i) => [i.id, i.passes]));
    expect(items).toEqual({
      G1: true, G2: true, G3: false, G4: false, G5: false, G6: true, G7: true, G8: true, G9: true, G10: true,
      G11: true, G12: false, G13: true, G14: true, G15: true,
      Q1: true, Q2: true, Q3: true, Q4: false, Q5: true, Q6: true, Q7: false, Q8: true, Q9: true, SR: true,
      V1: true, V2: true, V3: true, V4: true, V5: true, V6: true,
    });
    const cells = (id: string) => report.items.find((i) => i.id === id)!.cells;
    expect(cells('G4')).toEqual(['学校基本信息!H3']);
    expect(cells('G5')).toEqual(['分学段信息!E4']);
    expect(cells('Q4')).toEqual(['学校基本信息!V22']);
    expect(cells('Q7')).toEqual(['县级指标!B26']);
    expect(cells('G12')).toEqual(['分学段信息!Q14', '分学段信息!Q15']);
  });
});

describe('the sample through a real workbook file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sample-county-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('validates with exit 0 and the same report as in memory', async () => {
    const path = join(dir, 'sample-grids.xlsx');
    await writeGridsToXlsx(sampleCountyGrids(), path);
    const { code, json } = await cliJson('validate', path);
    expect(code).toBe(0);
    expect(json).toEqual(JSON.parse(JSON.stringify(report)));
    const text = await cli('validate', path);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('错误 0 个，警告 2 个；达标学校（学段）38/43；差异系数达标 13/14');
  });
});
