/**
 * The built-in demonstration county (示例县): the three input sheets of the standard template filled in
 * for a fictional county of 41 schools, as plain grids. Pure and deterministic (a fixed-seed PRNG, no
 * Math.random, no I/O), so it runs in the browser preview as well as in the `sample` command.
 *
 * What the sample is built to show (tests/sample/county.test.ts asserts all of it):
 * - every school type: 小学, 初中, 九年一贯制学校, 完全中学 (with 高中), 十二年一贯制学校, 小学教学点 below and
 *   above 50 students, 特殊教育学校; 公办 and 民办; 城区, 镇区 and 乡村;
 * - a few units that fail the per-unit rule (one value below 85 % of its threshold, or only 5 of 7 met),
 *   and units that pass with 6 of 7;
 * - exactly one failing 差异系数 of the 14: 初中 R6 (生均教学仪器设备值), the county-town schools being
 *   far better equipped than the rural ones;
 * - exactly two numbers stored as text (warnings, not errors), a percentage-formatted (%) county cell,
 *   no error: `validate` exits 0;
 * - a 县级指标 sheet filled in completely, with passing and failing items.
 *
 * Each school is planned in SCHOOLS below (who it is, its students, and any deliberate shortfall); the
 * other numbers are drawn around the national thresholds and then made consistent (学历 columns add up
 * to 专任教师数, 骨干 and 体艺 teachers within 专任, whole rooms, areas with two decimals, money in 万元).
 */
import type { Locality, Ownership, SchoolType, Stage } from '../domain/model';
import type { CellGrid, CellValue } from '../template/grid';
import {
  COUNTY_ROWS,
  type CountyRowSpec,
  SCHOOL_COLUMNS,
  SHEET_COUNTY,
  SHEET_SCHOOLS,
  SHEET_STAGES,
  STAGE_COLUMNS,
} from '../template/schema';
import { countyGrid, fieldColumns, gridOf, prng } from './builder';

export const SAMPLE_COUNTY_NAME = '青山县';
export const SAMPLE_YEAR = 2024;
/** First six digits of every school code in the sample (10 digits in all, leading zero kept). */
export const SAMPLE_CODE_PREFIX = '036123';
/** 0-based row of the header in each input sheet of the sample (a title row sits above it). */
export const SAMPLE_HEADER_ROW = 1;

/** Header of the explanatory column of 「县级指标」 (ignored by the reader, shown to the person filling in). */
export const COUNTY_NOTE_HEADER = '填写要求';
/** Headers of 「县级指标」 in the template: the two key headers, the optional 备注, then the explanation. */
/** Column E 简要结论 (template 2017-v2): the conclusion of an evidence item, printed in 表Ⅳ/表Ⅴ. */
export const COUNTY_CONCLUSION_HEADER = '简要结论';
export const COUNTY_HEADERS = ['指标', '数值', '备注', COUNTY_NOTE_HEADER, COUNTY_CONCLUSION_HEADER] as const;

type IndicatorKey = 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R6' | 'R7';
const KEYS: readonly IndicatorKey[] = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'];

/**
 * National thresholds of the 2017 standard (standard-2017.md §3). Kept here rather than read from the
 * rule profile so that the sample's numbers never move when a profile is edited.
 */
const THRESHOLDS: Record<Stage, Record<IndicatorKey, number>> = {
  小学: { R1: 4.2, R2: 1, R3: 0.9, R4: 4.5, R5: 7.5, R6: 2000, R7: 2.3 },
  初中: { R1: 5.3, R2: 1, R3: 0.9, R4: 5.8, R5: 10.2, R6: 2500, R7: 2.4 },
};

type Tier = 'city' | 'town' | 'rural';
const TIER: Record<Locality, Tier> = { 城区: 'city', 镇区: 'town', 乡村: 'rural' };

/** Range of value ÷ threshold drawn for a unit that has no planned value (all at or above 1). */
const FACTORS: Record<Tier, Record<IndicatorKey, [number, number]>> = {
  city: { R1: [1.12, 1.3], R2: [1.25, 1.7], R3: [1.2, 1.5], R4: [1.05, 1.3], R5: [1.03, 1.25], R6: [1.35, 1.7], R7: [1.05, 1.25] },
  town: { R1: [1.15, 1.4], R2: [1.15, 1.5], R3: [1.08, 1.35], R4: [1.2, 1.5], R5: [1.2, 1.6], R6: [1.1, 1.35], R7: [1.06, 1.3] },
  rural: { R1: [1.25, 1.6], R2: [1.05, 1.35], R3: [1.03, 1.3], R4: [1.3, 1.75], R5: [1.3, 1.9], R6: [1.04, 1.28], R7: [1.1, 1.4] },
};

/** 专任教师 per 100 students of a 初中 with a planned R1 shortfall (its staff is of the usual size). */
const TEACHER_RATE: Record<Tier, [number, number]> = { city: [7.6, 8.4], town: [8.2, 9.2], rural: [9.0, 10.6] };

/** Planned average class size. */
const CLASS_SIZE: Record<Stage, Record<Tier, number>> = {
  小学: { city: 44, town: 40, rural: 36 },
  初中: { city: 48, town: 46, rural: 42 },
};

interface SchoolPlan {
  /** Last four digits of the code: town (2) + number (2). */
  seq: string;
  name: string;
  type: SchoolType;
  ownership: Ownership;
  locality: Locality;
  boarding: boolean;
  primary?: number;
  junior?: number;
  senior?: number;
  /** Planned value ÷ threshold of chosen indicators (deliberate shortfalls and the spread of 初中 R6). */
  set?: Partial<Record<Stage, Partial<Record<IndicatorKey, number>>>>;
  /** Largest class, where it is planned (G5). */
  maxClass?: Partial<Record<Stage, number>>;
  /** Music and art rooms: 'small' = rooms below 96 / 90 ㎡, 'none' = no such rooms (both fail G3). */
  rooms?: 'small' | 'none';
  /** 专任教师 without a teacher certificate, in each 学段 (G12). */
  uncertified?: number;
  /** Training spend ÷ budget, where it is planned (Q4). */
  trainingRate?: number;
  /** Has an indoor gym (室内体育用房). */
  gym?: boolean;
  /** Fields written as numbers stored as text (each gives one warning). */
  textSchool?: 'outdoorSportsArea';
  textStage?: { stage: Stage; field: 'classes' };
}

/**
 * The county. Towns: 01 城关镇 (the county town), 02 石桥镇, 03 白沙镇, 04 清水镇, 05 龙潭镇, 06 柳河乡,
 * 07 高坪乡, 08 马集乡, 09 杨柳乡, 10 东岭乡.
 */
const SCHOOLS: readonly SchoolPlan[] = [
  // 城关镇 (城区)
  { seq: '0101', name: '青山县城关第一小学', type: '小学', ownership: '公办', locality: '城区', boarding: false, primary: 2150, set: { 小学: { R5: 0.92 } }, gym: true },
  { seq: '0102', name: '青山县城关第二小学', type: '小学', ownership: '公办', locality: '城区', boarding: false, primary: 1860, set: { 小学: { R4: 0.93, R5: 0.9 } }, maxClass: { 小学: 52 } },
  { seq: '0103', name: '青山县城关第三小学', type: '小学', ownership: '公办', locality: '城区', boarding: false, primary: 1420, gym: true },
  { seq: '0104', name: '青山县城关第四小学', type: '小学', ownership: '公办', locality: '城区', boarding: false, primary: 1260 },
  { seq: '0105', name: '青山县实验小学', type: '小学', ownership: '公办', locality: '城区', boarding: false, primary: 1980, gym: true },
  { seq: '0106', name: '青山县城关东关小学', type: '小学', ownership: '公办', locality: '城区', boarding: false, primary: 960 },
  { seq: '0107', name: '青山县启明小学', type: '小学', ownership: '民办', locality: '城区', boarding: false, primary: 640 },
  { seq: '0111', name: '青山县实验中学', type: '初中', ownership: '公办', locality: '城区', boarding: false, junior: 1680, set: { 初中: { R6: 3.6 } }, gym: true },
  { seq: '0112', name: '青山县城关中学', type: '初中', ownership: '公办', locality: '城区', boarding: false, junior: 1240, set: { 初中: { R6: 2.4 } }, gym: true },
  { seq: '0113', name: '青山县城北中学', type: '初中', ownership: '公办', locality: '城区', boarding: false, junior: 1100, set: { 初中: { R6: 2.2 } } },
  { seq: '0121', name: '青山县第一中学', type: '完全中学', ownership: '公办', locality: '城区', boarding: true, junior: 1050, senior: 1860, set: { 初中: { R6: 3.3 } }, gym: true },
  { seq: '0131', name: '青山县育才学校', type: '九年一贯制学校', ownership: '民办', locality: '城区', boarding: true, primary: 860, junior: 520, set: { 小学: { R2: 0.6 } }, uncertified: 2 },
  { seq: '0132', name: '青山县博雅外国语学校', type: '十二年一贯制学校', ownership: '民办', locality: '城区', boarding: true, primary: 720, junior: 640, senior: 380, gym: true },
  { seq: '0141', name: '青山县特殊教育学校', type: '特殊教育学校', ownership: '公办', locality: '城区', boarding: true, gym: true },
  // 石桥镇
  { seq: '0201', name: '青山县石桥镇中心小学', type: '小学', ownership: '公办', locality: '镇区', boarding: false, primary: 1120 },
  { seq: '0202', name: '青山县石桥镇第二小学', type: '小学', ownership: '公办', locality: '镇区', boarding: false, primary: 640 },
  { seq: '0211', name: '青山县石桥镇中学', type: '初中', ownership: '公办', locality: '镇区', boarding: true, junior: 980, gym: true },
  { seq: '0221', name: '青山县石桥镇王庄小学', type: '小学', ownership: '公办', locality: '乡村', boarding: false, primary: 186, rooms: 'small' },
  // 白沙镇
  { seq: '0301', name: '青山县白沙镇中心小学', type: '小学', ownership: '公办', locality: '镇区', boarding: false, primary: 890 },
  { seq: '0311', name: '青山县白沙镇中学', type: '初中', ownership: '公办', locality: '镇区', boarding: true, junior: 720, trainingRate: 0.038, textStage: { stage: '初中', field: 'classes' } },
  { seq: '0321', name: '青山县白沙镇河口小学', type: '小学', ownership: '公办', locality: '乡村', boarding: false, primary: 86, rooms: 'small' },
  { seq: '0331', name: '青山县白沙镇沙坪教学点', type: '小学教学点', ownership: '公办', locality: '乡村', boarding: false, primary: 31, rooms: 'none' },
  // 清水镇
  { seq: '0401', name: '青山县清水镇中心小学', type: '小学', ownership: '公办', locality: '镇区', boarding: false, primary: 760 },
  { seq: '0411', name: '青山县清水镇中心学校', type: '九年一贯制学校', ownership: '公办', locality: '镇区', boarding: true, primary: 520, junior: 610 },
  { seq: '0421', name: '青山县清水镇杨家湾小学', type: '小学', ownership: '公办', locality: '乡村', boarding: false, primary: 142, rooms: 'small' },
  // 龙潭镇
  { seq: '0501', name: '青山县龙潭镇中心小学', type: '小学', ownership: '公办', locality: '镇区', boarding: false, primary: 830 },
  { seq: '0511', name: '青山县龙潭镇中学', type: '初中', ownership: '公办', locality: '镇区', boarding: true, junior: 690, set: { 初中: { R6: 0.8 } } },
  { seq: '0521', name: '青山县龙潭镇马家小学', type: '小学', ownership: '公办', locality: '乡村', boarding: false, primary: 210, rooms: 'small' },
  { seq: '0531', name: '青山县龙潭镇青龙教学点', type: '小学教学点', ownership: '公办', locality: '乡村', boarding: false, primary: 44, rooms: 'none' },
  // 柳河乡
  { seq: '0601', name: '青山县柳河乡中心小学', type: '小学', ownership: '公办', locality: '乡村', boarding: false, primary: 430, textSchool: 'outdoorSportsArea' },
  { seq: '0611', name: '青山县柳河乡中心学校', type: '九年一贯制学校', ownership: '公办', locality: '乡村', boarding: true, primary: 260, junior: 380 },
  { seq: '0631', name: '青山县柳河乡黄泥湾教学点', type: '小学教学点', ownership: '公办', locality: '乡村', boarding: false, primary: 23, rooms: 'none' },
  // 高坪乡
  { seq: '0711', name: '青山县高坪乡中心学校', type: '九年一贯制学校', ownership: '公办', locality: '乡村', boarding: true, primary: 390, junior: 330, set: { 初中: { R1: 0.9 } } },
  { seq: '0731', name: '青山县高坪乡李家坪教学点', type: '小学教学点', ownership: '公办', locality: '乡村', boarding: false, primary: 62, rooms: 'none' },
  // 马集乡
  { seq: '0801', name: '青山县马集乡中心小学', type: '小学', ownership: '公办', locality: '乡村', boarding: false, primary: 520, set: { 小学: { R3: 0.7 } } },
  { seq: '0811', name: '青山县马集乡初级中学', type: '初中', ownership: '公办', locality: '乡村', boarding: true, junior: 450 },
  { seq: '0821', name: '青山县马集乡后沟小学', type: '小学', ownership: '公办', locality: '乡村', boarding: false, primary: 96, rooms: 'small' },
  // 杨柳乡
  { seq: '0901', name: '青山县杨柳乡中心小学', type: '小学', ownership: '公办', locality: '乡村', boarding: false, primary: 380 },
  { seq: '0911', name: '青山县杨柳乡中学', type: '初中', ownership: '公办', locality: '乡村', boarding: true, junior: 310 },
  // 东岭乡
  { seq: '1011', name: '青山县东岭乡中心学校', type: '九年一贯制学校', ownership: '公办', locality: '乡村', boarding: true, primary: 340, junior: 290 },
  { seq: '1031', name: '青山县东岭乡桃园教学点', type: '小学教学点', ownership: '公办', locality: '乡村', boarding: false, primary: 58, set: { 小学: { R7: 0.75 } }, rooms: 'none' },
];

/** The county sheet's values and remarks, in the order of COUNTY_ROWS (keys must match the schema). */
const COUNTY_VALUES: Record<string, { value: CellValue; remark?: string; format?: string }> = {
  countyName: { value: SAMPLE_COUNTY_NAME },
  year: { value: SAMPLE_YEAR },
  specialEdFunding: { value: 6850, remark: '县财政局2024年决算数' },
  teacherPay: { value: 98650, remark: '县人社局、财政局核定' },
  civilServantPay: { value: 97200, remark: '县人社局、财政局核定' },
  eligibleExchange: { value: 612 },
  exchanged: { value: 68 },
  exchangedBackbone: { value: 15 },
  quotaPlan: { value: 2400, remark: '县第一中学、博雅外国语学校高中部' },
  quotaAllocated: { value: 1260 },
  migrantEligible: { value: 3680 },
  migrantPublic: { value: 3402 },
  retentionRate: { value: 96.8 },
  disabledEnrolment: { value: 96.5 },
  monitoringLevel3: { value: '是', remark: '2023年国家义务教育质量监测结果' },
  monitoringGap: { value: 0.13 },
  recognition: { value: 0.923, remark: '第三方机构问卷调查，有效问卷2860份', format: '0.0%' },
  G1: { value: '是' },
  G2: { value: '是' },
  G10: { value: '是' },
  Q3: { value: '是' },
  Q5: { value: '是' },
  Q6: { value: '是' },
  Q7: { value: '否', remark: '部分村小综合实践活动未有效开展，正在整改' },
  Q8: { value: '是' },
  // Template 2017-v2: 表Ⅰ, and the counts behind G7, G14, G15, Q1, Q2, Q9, 表Ⅵ and 一票否决, consistent with the rows above.
  population: { value: 56.32, remark: '县统计局2024年常住人口' },
  ruralPopulation: { value: 38.15 },
  townships: { value: 10 },
  villages: { value: 186 },
  gdpPerCapita: { value: 52680 },
  revenuePerCapita: { value: 3950 },
  ruralIncome: { value: 17860 },
  urbanIncome: { value: 36420 },
  // primaryStaff, juniorStaff: from the 专任教师 of the 学段 rows (build()).
  specialFundingTotal: { value: 1000100, remark: '146人 × 6850元' },
  specialStudents: { value: 146 },
  quotaRural: { value: 720 },
  migrantPublicOnly: { value: 3105 },
  migrantPurchased: { value: 297 },
  // (3132 − 46 + 58) ÷ (3250 − 2) = 96.8 %, the typed 初中三年巩固率.
  q1Graduates: { value: 3132 },
  q1Entrants: { value: 3250 },
  q1TransfersIn: { value: 46 },
  q1TransfersOut: { value: 58 },
  q1Deaths: { value: 2 },
  // 276 ÷ 286 = 96.5 %, the typed 残疾儿童少年入学率.
  disabledChildren: { value: 286 },
  disabledEnrolled: { value: 276 },
  disabledInSpecial: { value: 118 },
  // 2640 ÷ 2860 = 92.3 %, the typed 社会认可度.
  srSurveys: { value: 3000 },
  srValid: { value: 2860 },
  srSatisfied: { value: 2640 },
  srVisits: { value: 120 },
  srVisitsSatisfied: { value: 111 },
  srParentSurveys: { value: 1800 },
  srParentValid: { value: 1720 },
  srParentSatisfied: { value: 1590 },
  srParentVisits: { value: 60 },
  srParentVisitsSatisfied: { value: 56 },
  // 2023年监测: 体育、艺术 not in that cycle; the worst gap 0.13, as the typed 校际差异率.
  q9LevelChinese: { value: 'Ⅲ' },
  q9GapChinese: { value: 0.12 },
  q9LevelMath: { value: 'Ⅲ' },
  q9GapMath: { value: 0.13 },
  q9LevelScience: { value: 'Ⅳ' },
  q9GapScience: { value: 0.09 },
  q9LevelPE: { value: '未监测' },
  q9GapPE: { value: '未监测' },
  q9LevelArts: { value: '未监测' },
  q9GapArts: { value: '未监测' },
  q9LevelMoral: { value: 'Ⅲ' },
  q9GapMoral: { value: 0.11 },
  veto1: { value: '否' },
  veto2: { value: '否' },
  veto3: { value: '否' },
  veto4: { value: '否' },
  veto5: { value: '否' },
  veto6: { value: '否' },
};

/** 简要结论 (column E) of the 8 evidence rows, as 表Ⅳ and 表Ⅴ print them. */
const CONCLUSIONS: Readonly<Record<string, string>> = {
  G1: '学校布局规划经县政府批准实施，布局合理',
  G2: '执行全省统一的城乡学校建设、编制、经费、装备标准',
  G10: '县教育局在核定编制总额内统筹分配各校编制和岗位',
  Q3: '各校均制定章程，管理与教学信息化全覆盖',
  Q5: '教师普遍运用信息化手段组织教学',
  Q6: '德育工作和校园文化建设评估均为良好以上',
  Q7: '部分村小综合实践活动未有效开展，正在整改',
  Q8: '作业总量和考试次数符合规定，无过重课业负担',
};

/** The explanation of a 「县级指标」 row shown in the template's 填写要求 column. */
export function countyRowNote(spec: CountyRowSpec): string {
  const unit = /\((元|人|%)\)$/.exec(spec.label)?.[1];
  let what: string;
  if (spec.key.startsWith('veto')) return `存在该情形填“是”，不存在填“否”；填“是”即一票否决；用于 ${spec.feeds}`;
  if (spec.key === 'population' || spec.key === 'ruralPopulation') return `按常住人口统计，单位：万人，可保留两位小数；用于 ${spec.feeds}`;
  switch (spec.kind) {
    case 'count':
      what = `整数，单位：${/\((人|个|份)\)$/.exec(spec.label)?.[1] ?? '个'}`;
      break;
    case 'level':
      what = '从下拉列表选择Ⅰ、Ⅱ、Ⅲ、Ⅳ；该科没有监测结果的选“未监测”';
      break;
    case 'ratio-or-na':
      what = '填小数，如 0.12（不是百分数）；该科没有监测结果的填“未监测”';
      break;
    case 'text':
      what = '文本';
      break;
    case 'yesno':
      what = '从下拉列表选择“是”或“否”';
      break;
    case 'ratio':
      what = '填小数，如 0.12（不是百分数）';
      break;
    case 'percent':
      what = '填百分数的数值，如 96.5 表示 96.5%；也可填 0.965 并设为百分比格式';
      break;
    default:
      what = spec.key === 'year' ? '四位年份，如 2024' : unit === '元' ? '单位：元' : unit === '人' ? '整数，单位：人' : '数值';
  }
  if (spec.feeds) return `${what}；用于 ${spec.feeds}`;
  return spec.item ? `${what}；用于 ${spec.item}` : what;
}

const SEED = 20240901;

const ceil2 = (x: number) => Math.ceil(x * 100 - 1e-7) / 100;
const round2 = (x: number) => Math.round(x * 100) / 100;

type SchoolRow = Record<string, CellValue>;
type StageRowOut = Record<string, CellValue>;

interface Built {
  school: SchoolRow;
  stages: StageRowOut[];
}

/** Weight of each 学段 in the split of shared resources (national profile, standard §5). */
function stageWeight(type: SchoolType, stage: Stage): number {
  if (stage === '初中' && (type === '九年一贯制学校' || type === '十二年一贯制学校')) return 1.1;
  return 1;
}

function weightedStudents(p: SchoolPlan): number {
  const a = p.primary ?? 0;
  const b = p.junior ?? 0;
  const c = p.senior ?? 0;
  switch (p.type) {
    case '九年一贯制学校':
      return a + 1.1 * b;
    case '十二年一贯制学校':
      return a + 1.1 * b + 1.32 * c;
    case '完全中学':
      return b + 1.2 * c;
    default:
      return a + b;
  }
}

function buildSchool(p: SchoolPlan, rnd: () => number): Built {
  const tier = TIER[p.locality];
  const between = (lo: number, hi: number) => lo + (hi - lo) * rnd();
  const code = SAMPLE_CODE_PREFIX + p.seq;
  const stages: Stage[] = [];
  if (p.primary) stages.push('小学');
  if (p.junior) stages.push('初中');
  const studentsOf = (st: Stage) => (st === '小学' ? p.primary! : p.junior!);

  // Target values (value ÷ threshold drawn, or planned) per unit and indicator.
  const target: Partial<Record<Stage, Record<IndicatorKey, { value: number; planned: boolean }>>> = {};
  for (const st of stages) {
    const t = {} as Record<IndicatorKey, { value: number; planned: boolean }>;
    for (const k of KEYS) {
      const [lo, hi] = FACTORS[tier][k];
      const drawn = between(lo, hi);
      const planned = p.set?.[st]?.[k];
      t[k] = { value: (planned ?? drawn) * THRESHOLDS[st][k], planned: planned !== undefined };
    }
    target[st] = t;
  }

  // 分学段信息: one row per 学段.
  const stageRows: StageRowOut[] = [];
  let totalClasses = 0;
  for (const st of stages) {
    const P = studentsOf(st);
    const t = target[st]!;
    const count = (k: IndicatorKey) => {
      const exact = (t[k].value * P) / 100;
      return t[k].planned ? Math.round(exact) : Math.ceil(exact - 1e-9);
    };
    const classes = p.type === '小学教学点' ? Math.max(1, Math.ceil(P / 16)) : st === '小学' && P < 250 ? 6 : Math.ceil(P / CLASS_SIZE[st][tier]);
    totalClasses += classes;
    const limit = st === '小学' ? 45 : 50;
    const avg = Math.ceil(P / classes);
    const maxClassSize = p.maxClass?.[st] ?? Math.min(limit, avg + Math.floor(rnd() * 4));
    // 专任教师 and 学历: the teachers above the statutory degree (小学: 专科 and above, 初中: 本科 and above)
    // come from the R1 target; a few teachers below it complete the staff. Small schools get at least
    // enough teachers for their classes. A planned R1 shortfall is a staff of the usual size with too
    // few 本科 teachers.
    const minTeachers = p.type === '小学教学点' ? classes + 1 : Math.ceil(classes * (st === '小学' ? 1.3 : 2.2));
    let teachers: number;
    let postgraduate: number;
    let bachelor: number;
    let associate: number;
    let highSchool: number;
    if (st === '小学') {
      highSchool = Math.floor(count('R1') * between(0, 0.03));
      const higher = Math.max(count('R1'), minTeachers - highSchool);
      teachers = higher + highSchool;
      postgraduate = Math.floor(higher * between(0, 0.04));
      bachelor = Math.round((higher - postgraduate) * between(0.55, 0.8));
      associate = higher - postgraduate - bachelor;
    } else {
      let higher = count('R1');
      highSchool = rnd() < 0.3 ? 1 : 0;
      if (t.R1.planned) {
        const [lo, hi] = TEACHER_RATE[tier];
        teachers = Math.max(minTeachers, Math.ceil((P * between(lo, hi)) / 100));
        associate = teachers - higher - highSchool;
      } else {
        associate = Math.round(higher * between(0.04, 0.12));
        teachers = Math.max(higher + associate + highSchool, minTeachers);
        higher = teachers - associate - highSchool;
      }
      postgraduate = Math.floor(higher * between(0.02, 0.09));
      bachelor = higher - postgraduate;
    }
    const backbone = Math.min(teachers, count('R2'));
    const arts = Math.min(teachers - 1, count('R3'));
    const pe = Math.ceil(arts * 0.45);
    const music = Math.floor((arts - pe) / 2);
    const combined = arts >= 8 ? 1 : 0;
    const fineArt = arts - pe - music - combined;
    const zonedApplies = p.locality !== '乡村' && p.ownership === '公办' && !p.boarding;
    const zoned = st === '小学'
      ? zonedApplies ? P : Math.round(P * between(0.8, 0.95))
      : zonedApplies ? Math.min(P, Math.ceil(P * between(0.96, 0.99))) : Math.round(P * between(0.72, 0.9));
    const textClasses = p.textStage && p.textStage.stage === st && p.textStage.field === 'classes';
    stageRows.push({
      code,
      stage: st,
      classes: textClasses ? String(classes) : classes,
      maxClassSize,
      // 年级数 and 超过标准班额的班级数 (template 2017-v2), consistent with 最大班额 (no random draw: the
      // other figures of the sample stay as they were).
      grades: st === '小学' ? (p.type === '小学教学点' ? 3 : 6) : 3,
      oversizeClasses: maxClassSize > limit ? Math.max(1, Math.min(classes, maxClassSize - limit)) : 0,
      teachers,
      teachersPostgraduate: postgraduate,
      teachersBachelor: bachelor,
      teachersAssociate: associate,
      teachersHighSchool: highSchool,
      backboneTeachers: backbone,
      peTeachers: pe,
      musicTeachers: music,
      fineArtTeachers: fineArt,
      artsTeachers: combined,
      certifiedTeachers: teachers - (p.uncertified ?? 0),
      trainedTeachers: teachers,
      zonedAdmissions: zoned,
    });
  }

  // 学校基本信息: shared physical resources for the whole school, sized so that each unit gets at least
  // its target after the split (value of a unit = whole-school amount × stage weight ÷ weighted students).
  const W = weightedStudents(p);
  const rate = (k: IndicatorKey) => Math.max(...stages.map((st) => target[st]![k].value / stageWeight(p.type, st)));
  const planned = (k: IndicatorKey) => stages.some((st) => target[st]![k].planned);
  const school: SchoolRow = {
    code,
    name: p.name,
    type: p.type,
    ownership: p.ownership,
    // 举办者类型 (template 2017-v2): the county's own schools 7, the private ones 10.
    ownerType: p.ownership === '民办' ? '10 民办' : '7 县级教育部门',
    locality: p.locality,
    boarding: p.boarding ? '是' : '否',
    studentsPrimary: p.primary ?? null,
    studentsJunior: p.junior ?? null,
    studentsSenior: p.senior ?? null,
  };
  const total = (p.primary ?? 0) + (p.junior ?? 0) + (p.senior ?? 0);
  const migrantRate = tier === 'city' ? between(0.12, 0.25) : tier === 'town' ? between(0.05, 0.12) : between(0.01, 0.05);
  if (p.type === '特殊教育学校') {
    // Out of the resource computation: the school's own figures, for completeness.
    Object.assign(school, {
      migrantStudents: null, teachingArea: 4260.5, indoorSportsArea: 620, outdoorSportsArea: 3100, equipmentYuan: 215.6,
      multimediaRooms: 16, musicRooms: 1, musicRooms96: 1, artRooms: 1, artRooms90: 1,
      publicBudgetYuan: 96.4, trainingSpendYuan: 6.1, fundedStudents: null,
    });
    return { school, stages: [] };
  }
  // R4 counts 教学及辅助用房 less its 室内体育用房 (standard §3, P10): the gym comes on top of the R4 area.
  const netTeachingArea = planned('R4') ? round2(rate('R4') * W) : ceil2(rate('R4') * W);
  const indoor = p.gym ? round2(netTeachingArea * between(0.06, 0.1)) : 0;
  const teachingArea = round2(netTeachingArea + indoor);
  const sports = rate('R5') * W;
  const outdoor = planned('R5') ? round2(sports - indoor) : ceil2(sports - indoor);
  const equipment = planned('R6') ? round2((rate('R6') * W) / 10000) : ceil2((rate('R6') * W) / 10000);
  const roomsExact = (rate('R7') * W) / 100;
  const multimedia = planned('R7') ? Math.max(1, Math.round(roomsExact)) : Math.ceil(roomsExact - 1e-9);
  const needRooms = Math.ceil(totalClasses / 12);
  const musicRooms = p.rooms === 'none' ? 0 : needRooms + (tier === 'city' && rnd() < 0.5 ? 1 : 0);
  const artRooms = p.rooms === 'none' ? 0 : needRooms + (tier === 'city' && rnd() < 0.5 ? 1 : 0);
  const funded = (p.type === '小学教学点' || (p.type === '小学' && p.locality === '乡村')) && total < 100 ? 100 : null;
  const budgetStudents = Math.max(p.primary ?? 0, funded ?? 0) * 650 + (p.junior ?? 0) * 850 + (p.senior ?? 0) * 1100;
  const budget = ceil2((budgetStudents * between(1.05, 1.35)) / 10000);
  const training = p.trainingRate !== undefined ? round2(budget * p.trainingRate) : ceil2(budget * between(0.055, 0.085));
  Object.assign(school, {
    migrantStudents: Math.floor(total * migrantRate),
    teachingArea,
    indoorSportsArea: indoor,
    outdoorSportsArea: p.textSchool === 'outdoorSportsArea' ? String(outdoor) : outdoor,
    equipmentYuan: equipment,
    multimediaRooms: multimedia,
    musicRooms,
    musicRooms96: p.rooms === 'small' ? 0 : musicRooms,
    artRooms,
    artRooms90: p.rooms === 'small' ? 0 : artRooms,
    publicBudgetYuan: budget,
    trainingSpendYuan: training,
    fundedStudents: funded,
  });
  return { school, stages: stageRows };
}

/** Display formats of the input columns: codes as text, areas and 万元 amounts with two decimals. */
function columnFormat(kind: string): string | null {
  if (kind === 'code') return '@';
  if (kind === 'number' || kind === 'money') return '0.00';
  return null;
}

/** A table of the template under a title row; a number stored as text sits in a cell formatted as text, as in Excel. */
function tableGrid(
  name: string,
  title: string,
  specs: readonly { field: string; header: string; kind: string }[],
  rows: readonly Record<string, CellValue>[],
): CellGrid {
  const asText = (kind: string, v: CellValue) => typeof v === 'string' && kind !== 'code' && kind !== 'text' && kind !== 'enum';
  const columns = fieldColumns(specs).map((c, i) => ({ ...c, format: (r: Readonly<Record<string, CellValue | undefined>>) => (asText(specs[i].kind, r[specs[i].field] ?? null) ? '@' : columnFormat(specs[i].kind)) }));
  return gridOf(name, columns, rows, { title: [[title]] });
}

let cache: CellGrid[] | null = null;

function build(): CellGrid[] {
  const rnd = prng(SEED);
  const built = SCHOOLS.map((p) => buildSchool(p, rnd));
  const schools = tableGrid(
    SHEET_SCHOOLS,
    `${SAMPLE_COUNTY_NAME}义务教育学校基本信息表（${SAMPLE_YEAR}年秋季学期）`,
    SCHOOL_COLUMNS,
    built.map((b) => b.school),
  );
  const stages = tableGrid(
    SHEET_STAGES,
    `${SAMPLE_COUNTY_NAME}义务教育学校分学段信息表（${SAMPLE_YEAR}年秋季学期）`,
    STAGE_COLUMNS,
    built.flatMap((b) => b.stages),
  );
  const staff = (stage: string) => {
    const teachers = built.flatMap((b) => b.stages).filter((r) => r.stage === stage).reduce((a, r) => a + Number(r.teachers), 0);
    return { value: Math.ceil(teachers * 1.08) };
  };
  const values: typeof COUNTY_VALUES = { ...COUNTY_VALUES, primaryStaff: staff('小学'), juniorStaff: staff('初中') };
  const countyRows = COUNTY_ROWS.map((spec) => {
    const v = values[spec.key];
    const conclusion = CONCLUSIONS[spec.key];
    return { label: spec.label, value: v?.value ?? null, remark: v?.remark ?? null, more: conclusion ? [countyRowNote(spec), conclusion] : [countyRowNote(spec)], format: v?.format ?? null };
  });
  const county = countyGrid(SHEET_COUNTY, countyRows, { title: [[`${SAMPLE_COUNTY_NAME}县级指标（${SAMPLE_YEAR}年）`]], headers: COUNTY_HEADERS });
  return [schools, stages, county];
}

/**
 * The three input sheets of the demonstration county (学校基本信息, 分学段信息, 县级指标), each with a
 * title row above the header (SAMPLE_HEADER_ROW). Always the same content; each call returns a fresh copy
 * that the caller may change.
 */
export function sampleCountyGrids(): CellGrid[] {
  cache ??= build();
  return cache.map((g) => ({
    name: g.name,
    values: g.values.map((r) => [...r]),
    numberFormats: g.numberFormats?.map((r) => [...r]),
  }));
}

/** Number of schools in the sample (rows of 「学校基本信息」). */
export const SAMPLE_SCHOOL_COUNT = SCHOOLS.length;
