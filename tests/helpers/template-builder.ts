/**
 * Builds standard-template workbooks for tests (spec/template.md), written with exceljs.
 *
 * Headers and county labels are copied from the spec, not imported from src/, so that a drift in
 * src/template/schema.ts is caught by the tests; the sheets are laid out by the one county builder
 * (src/sample/builder.ts). The base county is small and valid: one 小学, one 初中
 * and one 九年一贯制学校, every unit and every item passing, no issue at all. Tests change single cells
 * and render the sheets with layout options (title rows, column order, header text, extra columns,
 * trailing rows, hidden rows), and ask the builder for the A1 address of any cell they changed.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCountySheet, buildSheet, type Column } from '../../src/sample/builder';

/** A cell as written: a value, a formula with its cached result, or a value with a number format. */
export type XCell =
  | string
  | number
  | boolean
  | null
  | { formula: string; result?: number | string }
  | { value: number | string; numFmt: string };

export interface SheetGrid {
  name: string;
  rows: XCell[][];
  /** 1-based rows to hide. */
  hiddenRows?: number[];
}

export const SCHOOL_HEADERS = {
  code: '学校标识码',
  name: '学校名称',
  type: '学校类型',
  ownership: '办学性质',
  locality: '城乡分类',
  boarding: '是否寄宿制学校',
  studentsPrimary: '小学在校生数(人)',
  studentsJunior: '初中在校生数(人)',
  studentsSenior: '高中在校生数(人)',
  migrantStudents: '随迁子女在校生数(人)',
  teachingArea: '教学及辅助用房面积(㎡)',
  indoorSportsArea: '其中室内体育用房面积(㎡)',
  outdoorSportsArea: '室外运动场地面积(㎡)',
  equipment: '教学仪器设备资产值(万元)',
  multimediaRooms: '网络多媒体教室数(间)',
  musicRooms: '音乐专用教室数(间)',
  musicRooms96: '其中面积不小于96㎡的音乐专用教室数(间)',
  artRooms: '美术专用教室数(间)',
  artRooms90: '其中面积不小于90㎡的美术专用教室数(间)',
  publicBudget: '年度公用经费预算(万元)',
  trainingSpend: '教师培训经费(万元)',
  fundedStudents: '核定公用经费学生数(人)',
} as const;
export type SchoolKey = keyof typeof SCHOOL_HEADERS;

export const STAGE_HEADERS = {
  code: '学校标识码',
  stage: '学段',
  classes: '班级数(个)',
  maxClassSize: '最大班额(人)',
  teachers: '专任教师数(人)',
  postgraduate: '研究生学历专任教师数(人)',
  bachelor: '本科学历专任教师数(人)',
  associate: '专科学历专任教师数(人)',
  highSchool: '高中及以下学历专任教师数(人)',
  backbone: '县级及以上骨干教师数(人)',
  pe: '体育专任教师数(人)',
  music: '音乐专任教师数(人)',
  fineArt: '美术专任教师数(人)',
  arts: '艺术专任教师数(人)',
  certified: '持有教师资格证专任教师数(人)',
  trained: '5年内完成360学时培训专任教师数(人)',
  zoned: '就近划片入学学生数(人)',
} as const;
export type StageKey = keyof typeof STAGE_HEADERS;

export const COUNTY_LABELS = {
  countyName: '区县名称',
  year: '统计年度',
  G7: '特殊教育学校生均公用经费(元)',
  teacherPay: '义务教育学校教师年平均工资收入(元)',
  civilServantPay: '当地公务员年平均工资收入(元)',
  eligibleExchange: '符合交流条件教师数(人)',
  exchanged: '交流轮岗教师数(人)',
  exchangedBackbone: '其中交流轮岗骨干教师数(人)',
  quotaPlan: '优质高中招生计划数(人)',
  quotaAllocated: '分配到初中学校的招生名额数(人)',
  migrantEligible: '符合条件的随迁子女数(人)',
  migrantPublic: '在公办学校和政府购买服务的民办学校就读的随迁子女数(人)',
  Q1: '初中三年巩固率(%)',
  Q2: '残疾儿童少年入学率(%)',
  level3: '质量监测学业水平达到Ⅲ级以上',
  gap: '质量监测校际差异率',
  SR: '社会认可度(%)',
  G1: '学校规划布局合理',
  G2: '城乡学校建设、编制、经费、装备标准统一',
  G10: '县级统筹分配各校教职工编制和岗位',
  Q3: '学校制定章程并实现管理与教学信息化',
  Q5: '教师熟练运用信息化手段组织教学',
  Q6: '德育工作和校园文化建设达到良好以上',
  Q7: '课程开齐开足、综合实践活动有效开展',
  Q8: '无过重课业负担',
  // 一票否决 (template 2017-v2), so that the base county has every item decided.
  V1: '存在以考试方式招生',
  V2: '存在违规择校行为',
  V3: '存在重点学校或重点班',
  V4: '存在“有编不补”或长期聘用编外教师的情况',
  V5: '教育系统存在重大安全责任事故和严重违纪违规事件；有弄虚作假行为',
  V6: '规范治理校外培训机构及减轻中小学课外负担不力',
} as const;
export type CountyKey = keyof typeof COUNTY_LABELS;

export type SchoolRec = Partial<Record<SchoolKey, XCell>>;
export type StageRec = Partial<Record<StageKey, XCell>>;

export const SHEETS = { schools: '学校基本信息', stages: '分学段信息', county: '县级指标' } as const;

/** Column letters of a 0-based index (written here, not imported, to stay independent of src/). */
export function colLetter(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export interface SheetOptions<K extends string> {
  /** Rows written above the header row (titles, notes). */
  title?: XCell[][];
  /** Columns in this order; columns left out are not written. Default: the spec's order. */
  order?: K[];
  /** Header text written instead of the canonical one. */
  headerText?: Partial<Record<K, string>>;
  /** Columns appended after the known ones. */
  extra?: { header: string; value?: XCell }[];
  /** Raw rows written after the data rows (footers, stray rows); each is a full row from column A. */
  trailer?: XCell[][];
  /** Raw rows inserted before the data row of this 0-based data index. */
  insertBefore?: Record<number, XCell[][]>;
  /** 0-based data indexes whose row is hidden. */
  hidden?: number[];
}

export interface CountyOptions {
  title?: XCell[][];
  trailer?: XCell[][];
}

export interface RenderOptions {
  schools?: SheetOptions<SchoolKey>;
  stages?: SheetOptions<StageKey>;
  county?: CountyOptions;
  /** Leave a sheet out of the workbook. */
  omit?: ('schools' | 'stages' | 'county')[];
  /** Sheets added after the three template sheets. */
  extraSheets?: SheetGrid[];
  /** Sheet names used instead of the canonical ones. */
  sheetNames?: Partial<Record<'schools' | 'stages' | 'county', string>>;
}

interface Rendered {
  grid: SheetGrid;
  /** 1-based row of each data record. */
  rowOf: number[];
  /** 0-based column of each key. */
  colOf: Record<string, number>;
}

function renderTable<K extends string>(
  name: string,
  headers: Record<K, string>,
  records: Partial<Record<K, XCell>>[],
  o: SheetOptions<K> = {},
): Rendered {
  const keys = o.order ?? (Object.keys(headers) as K[]);
  const columns: Column<Partial<Record<K, XCell>>, XCell>[] = keys.map((k) => ({ header: o.headerText?.[k] ?? headers[k], value: (rec) => (rec[k] === undefined ? null : rec[k]!) }));
  const colOf: Record<string, number> = {};
  keys.forEach((k, i) => (colOf[k] = i));
  const { rows, rowOf } = buildSheet(columns, records, { title: o.title, extra: o.extra, insertBefore: o.insertBefore, trailer: o.trailer }, null);
  const hiddenRows = records.flatMap((_, i) => (o.hidden?.includes(i) ? [rowOf[i]] : []));
  return { grid: { name, rows, hiddenRows }, rowOf, colOf };
}

/** The base county: valid, every unit passing, every item passing, no issue. */
export function baseSchools(): SchoolRec[] {
  return [
    {
      code: '0360000001', name: '城关小学', type: '小学', ownership: '公办', locality: '城区', boarding: '否',
      studentsPrimary: 1000, studentsJunior: null, studentsSenior: null, migrantStudents: 50,
      teachingArea: 6000, indoorSportsArea: 500, outdoorSportsArea: 8000, equipment: 250, multimediaRooms: 30,
      musicRooms: 2, musicRooms96: 2, artRooms: 2, artRooms90: 2, publicBudget: 100, trainingSpend: 6, fundedStudents: null,
    },
    {
      code: '0360000002', name: '城关初中', type: '初中', ownership: '公办', locality: '城区', boarding: '否',
      studentsPrimary: null, studentsJunior: 800, studentsSenior: null, migrantStudents: 40,
      teachingArea: 6000, indoorSportsArea: 600, outdoorSportsArea: 9000, equipment: 240, multimediaRooms: 24,
      musicRooms: 2, musicRooms96: 2, artRooms: 2, artRooms90: 2, publicBudget: 100, trainingSpend: 6, fundedStudents: null,
    },
    {
      // 小学 400, 初中 300 → weighted 730; shares 400/730 and 330/730.
      code: '0360000003', name: '河西九年一贯制学校', type: '九年一贯制学校', ownership: '公办', locality: '镇区', boarding: '否',
      studentsPrimary: 400, studentsJunior: 300, studentsSenior: null, migrantStudents: 10,
      teachingArea: 4380, indoorSportsArea: 400, outdoorSportsArea: 7630, equipment: 182.5, multimediaRooms: 22,
      musicRooms: 2, musicRooms96: 2, artRooms: 2, artRooms90: 2, publicBudget: 80, trainingSpend: 5, fundedStudents: null,
    },
  ];
}

export function baseStages(): StageRec[] {
  return [
    {
      code: '0360000001', stage: '小学', classes: 24, maxClassSize: 45, teachers: 60, postgraduate: 2, bachelor: 40, associate: 15, highSchool: 3,
      backbone: 15, pe: 6, music: 3, fineArt: 3, arts: 0, certified: 60, trained: 60, zoned: 1000,
    },
    {
      code: '0360000002', stage: '初中', classes: 16, maxClassSize: 50, teachers: 60, postgraduate: 5, bachelor: 50, associate: 5, highSchool: 0,
      backbone: 12, pe: 5, music: 2, fineArt: 2, arts: 0, certified: 60, trained: 60, zoned: 780,
    },
    {
      code: '0360000003', stage: '小学', classes: 10, maxClassSize: 42, teachers: 28, postgraduate: 0, bachelor: 20, associate: 7, highSchool: 1,
      backbone: 6, pe: 3, music: 1, fineArt: 1, arts: 0, certified: 28, trained: 28, zoned: 400,
    },
    {
      code: '0360000003', stage: '初中', classes: 7, maxClassSize: 46, teachers: 25, postgraduate: 1, bachelor: 22, associate: 2, highSchool: 0,
      backbone: 5, pe: 2, music: 1, fineArt: 1, arts: 0, certified: 25, trained: 25, zoned: 290,
    },
  ];
}

export function baseCountyRows(): [string, XCell][] {
  const v: Record<CountyKey, XCell> = {
    countyName: '测试县', year: 2025, G7: 6500, teacherPay: 98000, civilServantPay: 96000,
    eligibleExchange: 800, exchanged: 90, exchangedBackbone: 20, quotaPlan: 3000, quotaAllocated: 1700,
    migrantEligible: 5000, migrantPublic: 4500, Q1: 97.2, Q2: 95.5, level3: '是', gap: 0.12, SR: 91.3,
    G1: '是', G2: '是', G10: '是', Q3: '是', Q5: '是', Q6: '是', Q7: '是', Q8: '是',
    V1: '否', V2: '否', V3: '否', V4: '否', V5: '否', V6: '否',
  };
  return (Object.keys(COUNTY_LABELS) as CountyKey[]).map((k) => [COUNTY_LABELS[k], v[k]]);
}

export class TemplateBuilder {
  schools: SchoolRec[] = baseSchools();
  stages: StageRec[] = baseStages();
  county: [string, XCell][] = baseCountyRows();

  /** The base county (see baseSchools). */
  static base(): TemplateBuilder {
    return new TemplateBuilder();
  }

  /** An empty county: no schools, no 学段 rows, the base county sheet. */
  static empty(): TemplateBuilder {
    const b = new TemplateBuilder();
    b.schools = [];
    b.stages = [];
    return b;
  }

  school(code: string): SchoolRec {
    const s = this.schools.find((x) => x.code === code);
    if (!s) throw new Error(`no school ${code}`);
    return s;
  }

  stage(code: string, stage: string): StageRec {
    const r = this.stages.find((x) => x.code === code && x.stage === stage);
    if (!r) throw new Error(`no stage row ${code} ${stage}`);
    return r;
  }

  setSchool(code: string, values: SchoolRec): this {
    Object.assign(this.school(code), values);
    return this;
  }

  setStage(code: string, stage: string, values: StageRec): this {
    Object.assign(this.stage(code, stage), values);
    return this;
  }

  /** Sets the 数值 of a county row; `undefined` removes the row. */
  setCounty(key: CountyKey, value: XCell | undefined): this {
    const label = COUNTY_LABELS[key];
    const i = this.county.findIndex(([l]) => l === label);
    if (value === undefined) {
      if (i >= 0) this.county.splice(i, 1);
    } else if (i >= 0) this.county[i] = [label, value];
    else this.county.push([label, value]);
    return this;
  }

  removeStage(code: string, stage: string): this {
    this.stages = this.stages.filter((x) => !(x.code === code && x.stage === stage));
    return this;
  }

  private renderAll(o: RenderOptions = {}) {
    const names = { ...SHEETS, ...o.sheetNames };
    const schools = renderTable(names.schools, SCHOOL_HEADERS, this.schools, o.schools);
    const stages = renderTable(names.stages, STAGE_HEADERS, this.stages, o.stages);
    const countyRows = buildCountySheet<XCell>(
      this.county.map(([label, value]) => ({ label, value })),
      { title: o.county?.title, trailer: o.county?.trailer },
    ).rows;
    const county: SheetGrid = { name: names.county, rows: countyRows };
    return { schools, stages, county, countyTitle: o.county?.title?.length ?? 0 };
  }

  grids(o: RenderOptions = {}): SheetGrid[] {
    const r = this.renderAll(o);
    const out: SheetGrid[] = [];
    if (!o.omit?.includes('schools')) out.push(r.schools.grid);
    if (!o.omit?.includes('stages')) out.push(r.stages.grid);
    if (!o.omit?.includes('county')) out.push(r.county);
    out.push(...(o.extraSheets ?? []));
    return out;
  }

  /** A1 address of a school's cell under the given layout options. */
  schoolCell(code: string, key: SchoolKey, o: RenderOptions = {}): string {
    const r = this.renderAll(o).schools;
    const i = this.schools.findIndex((s) => s.code === code);
    if (i < 0 || r.colOf[key] === undefined) throw new Error(`no cell ${code} ${key}`);
    return `${colLetter(r.colOf[key])}${r.rowOf[i]}`;
  }

  /** A1 address of a 学段 row's cell under the given layout options. */
  stageCell(code: string, stage: string, key: StageKey, o: RenderOptions = {}): string {
    const r = this.renderAll(o).stages;
    const i = this.stages.findIndex((s) => s.code === code && s.stage === stage);
    if (i < 0 || r.colOf[key] === undefined) throw new Error(`no cell ${code} ${stage} ${key}`);
    return `${colLetter(r.colOf[key])}${r.rowOf[i]}`;
  }

  /** A1 address of the 数值 cell of a county row. */
  countyCell(key: CountyKey, o: RenderOptions = {}): string {
    const i = this.county.findIndex(([l]) => l === COUNTY_LABELS[key]);
    if (i < 0) throw new Error(`no county row ${key}`);
    return `B${this.renderAll(o).countyTitle + 2 + i}`;
  }

  async write(path: string, o: RenderOptions = {}): Promise<string> {
    await writeGrids(this.grids(o), path);
    return path;
  }
}

/** Writes grids to an .xlsx file with exceljs. */
export async function writeGrids(grids: readonly SheetGrid[], path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const g of grids) {
    const ws = wb.addWorksheet(g.name);
    g.rows.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v === null || v === undefined) return;
        const cell = ws.getCell(r + 1, c + 1);
        if (typeof v === 'object' && 'numFmt' in v) {
          cell.value = v.value;
          cell.numFmt = v.numFmt;
        } else if (typeof v === 'object') {
          cell.value = { formula: v.formula, result: v.result } as ExcelJS.CellFormulaValue;
        } else cell.value = v;
      });
    });
    for (const h of g.hiddenRows ?? []) ws.getRow(h).hidden = true;
  }
  await wb.xlsx.writeFile(path);
}

/** A fresh temporary directory, and a function that removes it. */
export function tempDir(): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'yzjh-test-'));
  return { dir, file: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
