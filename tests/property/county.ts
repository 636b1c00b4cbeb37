/**
 * Test helper (no tests here): random valid counties as a plain model, their rendering into the three
 * template sheets (CellGrid[]), and an independent implementation of the formulas of
 * standard-2017.md §2–§5 and §7 (written from the spec text, not from src/domain).
 *
 * Everything random in a rendering comes from a seed, so a failing case is reproducible.
 */
import fc from 'fast-check';
import { countyGrid, gridOf, positionalColumns, prng } from '../../src/sample/builder';
import type { CellGrid, CellValue } from '../../src/template/grid';

export type Stage = '小学' | '初中';
export const STAGES: readonly Stage[] = ['小学', '初中'];
export type SchoolType = '小学' | '初中' | '九年一贯制学校' | '十二年一贯制学校' | '完全中学' | '小学教学点' | '特殊教育学校';
export const TYPES: readonly SchoolType[] = ['小学', '初中', '九年一贯制学校', '十二年一贯制学校', '完全中学', '小学教学点', '特殊教育学校'];
export const IDS = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'] as const;
export type Id = (typeof IDS)[number];

/** Which 学段 a type has (§2), written out from the spec. */
export const HAS: Record<SchoolType, { 小学: boolean; 初中: boolean; 高中: boolean }> = {
  小学: { 小学: true, 初中: false, 高中: false },
  初中: { 小学: false, 初中: true, 高中: false },
  九年一贯制学校: { 小学: true, 初中: true, 高中: false },
  十二年一贯制学校: { 小学: true, 初中: true, 高中: true },
  完全中学: { 小学: false, 初中: true, 高中: true },
  小学教学点: { 小学: true, 初中: false, 高中: false },
  特殊教育学校: { 小学: false, 初中: false, 高中: false },
};

// ───────────────────────────── model ─────────────────────────────

export interface GStageRow {
  stage: Stage;
  classes: number;
  maxClass: number | null;
  pg: number;
  ba: number;
  as: number;
  hs: number;
  backbone: number;
  pe: number;
  music: number;
  fine: number;
  /** 艺术专任教师数, optional (blank = 0). */
  arts: number | null;
  certified: number | null;
  trained: number | null;
  zoned: number | null;
}

export interface GSchool {
  code: string;
  name: string;
  type: SchoolType;
  ownership: '公办' | '民办';
  locality: '城区' | '镇区' | '乡村';
  boarding: boolean | null;
  A: number | null;
  B: number | null;
  C: number | null;
  migrant: number | null;
  teachingArea: number | null;
  indoor: number | null;
  outdoor: number | null;
  /** 教学仪器设备资产值 in 元 (the rendering writes 万元 = 元 ÷ 10 000 unless told to write 元). */
  equipYuan: number | null;
  rooms: number | null;
  musicRooms: number | null;
  musicRooms96: number | null;
  artRooms: number | null;
  artRooms90: number | null;
  budgetYuan: number | null;
  trainingYuan: number | null;
  funded: number | null;
  stages: GStageRow[];
}

export interface GCounty {
  schools: GSchool[];
  /** 「县级指标」 rows as [label, value]; null = no such sheet. */
  countyRows: [string, CellValue][] | null;
}

// ───────────────────────────── generation ─────────────────────────────

/** Mostly a rate in [min, max] (around the thresholds), sometimes exactly 0 (a county mean of 0 → CV undefined). */
const rate = (min: number, max: number) => fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min, max }), weight: 15 });

const stageSeed = fc.record({
  pg: rate(0, 200), // teachers per 10 000 students (i.e. per 100 × 100)
  ba: rate(200, 900),
  as: rate(0, 450),
  hs: fc.integer({ min: 0, max: 100 }),
  backbone: rate(60, 300),
  pe: rate(30, 100),
  music: fc.integer({ min: 0, max: 60 }),
  fine: fc.integer({ min: 0, max: 60 }),
  arts: fc.option(fc.integer({ min: 0, max: 30 }), { freq: 3 }),
  perClass: fc.integer({ min: 8, max: 55 }),
  extraMax: fc.option(fc.integer({ min: 0, max: 8 }), { freq: 5 }),
  certifiedGap: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 4 }),
  trainedGap: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 4 }),
  zonedGap: fc.option(fc.integer({ min: 0, max: 100 }), { freq: 4 }),
});
type StageSeed = typeof stageSeed extends fc.Arbitrary<infer T> ? T : never;

const schoolSeed = fc.record({
  type: fc.constantFrom(...TYPES),
  ownership: fc.constantFrom<'公办' | '民办'>('公办', '公办', '公办', '民办'),
  locality: fc.constantFrom<'城区' | '镇区' | '乡村'>('城区', '镇区', '乡村'),
  boarding: fc.option(fc.boolean(), { freq: 4 }),
  A: fc.integer({ min: 1, max: 2400 }),
  B: fc.integer({ min: 1, max: 2400 }),
  C: fc.integer({ min: 0, max: 2000 }),
  tp: fc.integer({ min: 1, max: 140 }),
  area: rate(300, 1400), // hundredths of ㎡ per student
  indoorPct: fc.integer({ min: 0, max: 100 }),
  outdoor: rate(500, 2000),
  equip: rate(1300, 5000), // 元 per student
  rooms: rate(150, 500), // per 10 000 students
  migrantPct: fc.option(fc.integer({ min: 0, max: 100 }), { freq: 4 }),
  music: fc.option(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { freq: 4 }),
  art: fc.option(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { freq: 4 }),
  budget: fc.option(fc.tuple(fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 100 })), { freq: 4 }),
  funded: fc.option(fc.integer({ min: 0, max: 300 }), { freq: 3 }),
  specialFilled: fc.boolean(),
  stages: fc.tuple(stageSeed, stageSeed),
});
type SchoolSeed = typeof schoolSeed extends fc.Arbitrary<infer T> ? T : never;

function stageRowOf(stage: Stage, P: number, s: StageSeed): GStageRow {
  const r = (rate: number) => Math.round((rate * P) / 10000);
  const pg = r(s.pg), ba = r(s.ba), as = r(s.as), hs = r(s.hs);
  const teachers = pg + ba + as + hs;
  const pe = Math.min(r(s.pe), teachers);
  const music = Math.min(r(s.music), teachers - pe);
  const fine = Math.min(r(s.fine), teachers - pe - music);
  const arts = s.arts === null ? null : Math.min(r(s.arts), teachers - pe - music - fine);
  const classes = Math.max(1, Math.ceil(P / s.perClass));
  return {
    stage, classes, pg, ba, as, hs, pe, music, fine, arts,
    maxClass: s.extraMax === null ? null : Math.ceil(P / classes) + s.extraMax,
    backbone: Math.min(r(s.backbone), teachers),
    certified: s.certifiedGap === null ? null : Math.max(0, teachers - s.certifiedGap),
    trained: s.trainedGap === null ? null : Math.max(0, teachers - s.trainedGap),
    zoned: s.zonedGap === null ? null : Math.max(0, P - s.zonedGap),
  };
}

export function codeOf(i: number): string {
  return `0${String(361000000 + i * 37)}`; // 10 characters, a leading zero that must survive
}

function schoolOf(i: number, s: SchoolSeed): GSchool {
  const has = HAS[s.type];
  const A = s.type === '小学教学点' ? s.tp : has.小学 ? s.A : null;
  const B = has.初中 ? s.B : null;
  const C = has.高中 ? s.C : null;
  const total = (A ?? 0) + (B ?? 0) + (C ?? 0);
  const special = s.type === '特殊教育学校';
  const resources = !special || s.specialFilled;
  const teachingArea = resources ? Math.round(s.area * Math.max(total, 30)) / 100 : null;
  const stages: GStageRow[] = [];
  if (A !== null) stages.push(stageRowOf('小学', A, s.stages[0]));
  if (B !== null) stages.push(stageRowOf('初中', B, s.stages[1]));
  const music = s.music && [Math.max(...s.music), Math.min(...s.music)];
  const art = s.art && [Math.max(...s.art), Math.min(...s.art)];
  return {
    code: codeOf(i),
    name: `${i + 1}号${s.type}`,
    type: s.type,
    ownership: s.ownership,
    locality: s.locality,
    boarding: s.boarding,
    A, B, C,
    migrant: s.migrantPct === null || special ? null : Math.floor((s.migrantPct * total) / 100),
    teachingArea,
    indoor: teachingArea === null ? null : Math.floor(teachingArea * s.indoorPct) / 100,
    outdoor: resources ? Math.round(s.outdoor * Math.max(total, 30)) / 100 : null,
    equipYuan: resources ? Math.round((s.equip * Math.max(total, 30)) / 100) * 100 : null,
    rooms: resources ? Math.round((s.rooms * Math.max(total, 30)) / 10000) : null,
    musicRooms: music ? music[0] : null,
    musicRooms96: music ? music[1] : null,
    artRooms: art ? art[0] : null,
    artRooms90: art ? art[1] : null,
    budgetYuan: s.budget ? s.budget[0] * 100 : null,
    trainingYuan: s.budget ? s.budget[0] * s.budget[1] : null, // budget[1] % of the budget
    funded: s.funded,
    stages,
  };
}

const countyRowsArb: fc.Arbitrary<[string, CellValue][] | null> = fc.option(
  fc.record({
    name: fc.constantFrom('测试县', '某某区', '城关县'),
    pay: fc.tuple(fc.integer({ min: 60000, max: 150000 }), fc.integer({ min: 60000, max: 150000 })),
    special: fc.integer({ min: 3000, max: 9000 }),
    exchange: fc.tuple(fc.integer({ min: 10, max: 1000 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
    quota: fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 100 })),
    migrant: fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 100 })),
    percents: fc.tuple(fc.integer({ min: 800, max: 1000 }), fc.integer({ min: 800, max: 1000 }), fc.integer({ min: 700, max: 1000 })),
    gap: fc.integer({ min: 0, max: 30 }),
    yesno: fc.array(fc.constantFrom('是', '否', '是'), { minLength: 9, maxLength: 9 }),
    keep: fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
  }).map((c) => {
    const [elig, exPct, bbPct] = c.exchange;
    const exchanged = Math.floor((elig * exPct) / 100);
    const rows: [string, CellValue][] = [
      ['区县名称', c.name],
      ['统计年度', 2024],
      ['特殊教育学校生均公用经费(元)', c.special],
      ['义务教育学校教师年平均工资收入(元)', c.pay[0]],
      ['当地公务员年平均工资收入(元)', c.pay[1]],
      ['符合交流条件教师数(人)', elig],
      ['交流轮岗教师数(人)', exchanged],
      ['其中交流轮岗骨干教师数(人)', Math.floor((exchanged * bbPct) / 100)],
      ['优质高中招生计划数(人)', c.quota[0]],
      ['分配到初中学校的招生名额数(人)', Math.floor((c.quota[0] * c.quota[1]) / 100)],
      ['符合条件的随迁子女数(人)', c.migrant[0]],
      ['在公办学校和政府购买服务的民办学校就读的随迁子女数(人)', Math.floor((c.migrant[0] * c.migrant[1]) / 100)],
      ['初中三年巩固率(%)', c.percents[0] / 10],
      ['残疾儿童少年入学率(%)', c.percents[1] / 10],
      ['质量监测学业水平达到Ⅲ级以上', c.yesno[0]],
      ['质量监测校际差异率', c.gap / 100],
      ['社会认可度(%)', c.percents[2] / 10],
      ['学校规划布局合理', c.yesno[1]],
      ['城乡学校建设、编制、经费、装备标准统一', c.yesno[2]],
      ['县级统筹分配各校教职工编制和岗位', c.yesno[3]],
      ['学校制定章程并实现管理与教学信息化', c.yesno[4]],
      ['教师熟练运用信息化手段组织教学', c.yesno[5]],
      ['德育工作和校园文化建设达到良好以上', c.yesno[6]],
      ['课程开齐开足、综合实践活动有效开展', c.yesno[7]],
      ['无过重课业负担', c.yesno[8]],
    ];
    return rows.filter((_, i) => c.keep[i]);
  }),
  { freq: 5 },
);

export interface CountyArbOptions {
  minSchools?: number;
  maxSchools?: number;
}

/** A random valid county: every number internally consistent, every required cell filled. */
export function countyArb(o: CountyArbOptions = {}): fc.Arbitrary<GCounty> {
  return fc
    .record({
      seeds: fc.array(schoolSeed, { minLength: o.minSchools ?? 1, maxLength: o.maxSchools ?? 24 }),
      countyRows: countyRowsArb,
    })
    .map(({ seeds, countyRows }) => ({ schools: seeds.map((s, i) => schoolOf(i, s)), countyRows }));
}

// ───────────────────────────── rendering ─────────────────────────────

/** A small deterministic PRNG (mulberry32), the county builder's. */
export { prng };

function shuffle<T>(xs: readonly T[], rnd: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Spellings of one header that the reader must accept (template.md: normalisation). */
function variant(header: string, rnd: () => number): string {
  let h = header;
  if (rnd() < 0.3) h = h.replace(/\(/g, '（').replace(/\)/g, '）');
  if (rnd() < 0.2) h = h.replace(/㎡/g, ['m²', 'm2', '平方米'][Math.floor(rnd() * 3)]);
  if (rnd() < 0.15) h = h.slice(0, 2) + ' ' + h.slice(2);
  if (rnd() < 0.1) h = h.replace(/\(|（/, '\n$&');
  return h;
}

export interface RenderOptions {
  /** Drives column order, header spellings, row order, title rows, numbers stored as text. */
  seed: number;
  /** Write 教学仪器设备资产值 and the other money columns in 元 instead of 万元. */
  yuan?: boolean;
  /** Keep rows and columns in model order (no shuffling). */
  fixedOrder?: boolean;
  /** Probability that a numeric cell is written as text (a warning, same value). */
  textNumbers?: number;
  /** Insert empty rows, title rows and a 合计 footer. */
  decorations?: boolean;
}

type Col<T> = [header: string, get: (x: T) => CellValue];

const wan = (y: number | null) => (y === null ? null : y / 10000);

function schoolCols(yuan: boolean): Col<GSchool>[] {
  const money = (base: string, get: (s: GSchool) => number | null): Col<GSchool> => [`${base}(${yuan ? '元' : '万元'})`, (s) => (yuan ? get(s) : wan(get(s)))];
  return [
    ['学校标识码', (s) => s.code],
    ['学校名称', (s) => s.name],
    ['学校类型', (s) => s.type],
    ['办学性质', (s) => s.ownership],
    ['城乡分类', (s) => s.locality],
    ['是否寄宿制学校', (s) => (s.boarding === null ? null : s.boarding ? '是' : '否')],
    ['小学在校生数(人)', (s) => s.A],
    ['初中在校生数(人)', (s) => s.B],
    ['高中在校生数(人)', (s) => s.C],
    ['随迁子女在校生数(人)', (s) => s.migrant],
    ['教学及辅助用房面积(㎡)', (s) => s.teachingArea],
    ['其中室内体育用房面积(㎡)', (s) => s.indoor],
    ['室外运动场地面积(㎡)', (s) => s.outdoor],
    money('教学仪器设备资产值', (s) => s.equipYuan),
    ['网络多媒体教室数(间)', (s) => s.rooms],
    ['音乐专用教室数(间)', (s) => s.musicRooms],
    ['其中面积不小于96㎡的音乐专用教室数(间)', (s) => s.musicRooms96],
    ['美术专用教室数(间)', (s) => s.artRooms],
    ['其中面积不小于90㎡的美术专用教室数(间)', (s) => s.artRooms90],
    money('年度公用经费预算', (s) => s.budgetYuan),
    money('教师培训经费', (s) => s.trainingYuan),
    ['核定公用经费学生数(人)', (s) => s.funded],
  ];
}

type StageRowOf = GStageRow & { code: string };
const STAGE_COLS: Col<StageRowOf>[] = [
  ['学校标识码', (r) => r.code],
  ['学段', (r) => r.stage],
  ['班级数(个)', (r) => r.classes],
  ['最大班额(人)', (r) => r.maxClass],
  ['专任教师数(人)', (r) => r.pg + r.ba + r.as + r.hs],
  ['研究生学历专任教师数(人)', (r) => r.pg],
  ['本科学历专任教师数(人)', (r) => r.ba],
  ['专科学历专任教师数(人)', (r) => r.as],
  ['高中及以下学历专任教师数(人)', (r) => r.hs],
  ['县级及以上骨干教师数(人)', (r) => r.backbone],
  ['体育专任教师数(人)', (r) => r.pe],
  ['音乐专任教师数(人)', (r) => r.music],
  ['美术专任教师数(人)', (r) => r.fine],
  ['艺术专任教师数(人)', (r) => r.arts],
  ['持有教师资格证专任教师数(人)', (r) => r.certified],
  ['5年内完成360学时培训专任教师数(人)', (r) => r.trained],
  ['就近划片入学学生数(人)', (r) => r.zoned],
];

function sheet<T>(name: string, cols: Col<T>[], items: readonly T[], o: RenderOptions, rnd: () => number, textOk: (header: string) => boolean): CellGrid {
  // The random draws in this order (columns, titles, headers, rows, blank rows and text numbers, footer) keep the fixed-seed corpora.
  const order = o.fixedOrder ? cols : shuffle(cols, rnd);
  const withExtra = !o.fixedOrder && rnd() < 0.3 ? [...order.slice(0, 3), ['备注', () => '—'] as Col<T>, ...order.slice(3)] : order;
  const title: CellValue[][] = [];
  if (o.decorations) {
    const titles = Math.floor(rnd() * 4);
    for (let i = 0; i < titles; i++) title.push(i === 0 ? [`某县${name}（${i}）`] : i === 1 ? [] : ['填报单位：（盖章）', null, '填报日期：']);
  }
  const header = withExtra.map(([h]) => (o.fixedOrder ? h : variant(h, rnd)));
  const insertBefore: Record<number, CellValue[][]> = {};
  const records = (o.fixedOrder ? items : shuffle(items, rnd)).map((item, i) => {
    if (o.decorations && rnd() < 0.05) insertBefore[i] = [[]];
    return withExtra.map(([h, get]) => {
      const v = get(item);
      if (typeof v === 'number' && textOk(h) && o.textNumbers && rnd() < o.textNumbers) return ` ${v} `;
      return v;
    });
  });
  const trailer = o.decorations && rnd() < 0.2 ? [['合计', null, null]] : [];
  return gridOf(name, positionalColumns(header), records, { title, insertBefore, trailer });
}

/** All the 学段 rows of a county, with the school code. */
export function stageRowsOf(c: GCounty): StageRowOf[] {
  return c.schools.flatMap((s) => s.stages.map((r) => ({ ...r, code: s.code })));
}

/** The county as the three template sheets. */
export function render(c: GCounty, o: RenderOptions): CellGrid[] {
  const rnd = prng(o.seed);
  const textOk = (h: string) => !/元/.test(h); // money written as text is read the same, but keep it numeric
  const grids: CellGrid[] = [
    sheet('学校基本信息', schoolCols(!!o.yuan), c.schools, o, rnd, textOk),
    sheet('分学段信息', STAGE_COLS, stageRowsOf(c), o, rnd, textOk),
  ];
  if (c.countyRows) {
    const rows = o.fixedOrder ? c.countyRows : shuffle(c.countyRows, rnd);
    grids.push(countyGrid('县级指标', rows.map(([l, v]) => ({ label: o.fixedOrder ? l : variant(l, rnd), value: v }))));
  }
  return o.fixedOrder ? grids : shuffle(grids, rnd);
}

// ───────────────────────────── the independent oracle ─────────────────────────────

export const THRESHOLDS: Record<Stage, Record<Id, number>> = {
  小学: { R1: 4.2, R2: 1, R3: 0.9, R4: 4.5, R5: 7.5, R6: 2000, R7: 2.3 },
  初中: { R1: 5.3, R2: 1, R3: 0.9, R4: 5.8, R5: 10.2, R6: 2500, R7: 2.4 },
};
export const CV_LIMITS: Record<Stage, number> = { 小学: 0.5, 初中: 0.45 };

export interface OracleOptions {
  /** 小学 R1 cut: 专科及以上 (national) or 本科及以上. */
  primaryCut: '专科' | '本科';
  includePrivate: boolean;
  /** Subtract 室内体育用房 from 教学及辅助用房 for R4 (P10). */
  subtractIndoor: boolean;
}
export const NATIONAL_OPTIONS: OracleOptions = { primaryCut: '专科', includePrivate: true, subtractIndoor: true };

/** §2/§3 "at least" with the §7 relative tolerance 1e-9. */
export function reaches(x: number, t: number): boolean {
  return x >= t || t - x <= 1e-9 * Math.max(Math.abs(x), Math.abs(t));
}

/** §5: the unit's share of the whole school's physical resources, from the weights of the table. */
export function oracleShare(type: SchoolType, stage: Stage, A: number, B: number, C: number): number {
  if (type === '九年一贯制学校') {
    const w = A + 1.1 * B;
    return stage === '小学' ? A / w : (1.1 * B) / w;
  }
  if (type === '十二年一贯制学校') {
    const w = A + 1.1 * B + 1.32 * C;
    return stage === '小学' ? A / w : (1.1 * B) / w;
  }
  if (type === '完全中学') return B / (B + 1.2 * C);
  return 1;
}

export interface OracleUnit {
  code: string;
  stage: Stage;
  students: number;
  share: number;
  /** R_ik of §4: the numerator of the indicator (× 100 for the per-hundred ones). */
  numerators: Record<Id, number>;
  values: Record<Id, number>;
  met: Record<Id, boolean>;
  aboveFloor: Record<Id, boolean>;
  metCount: number;
  passes: boolean;
}

export interface OracleBalance {
  units: number;
  students: number;
  indicators: Record<Id, { mean: number; cv: number | null; passes: boolean | null }>;
}

export interface OracleResult {
  units: OracleUnit[];
  excluded: { code: string; stage?: Stage }[];
  balance: Partial<Record<Stage, OracleBalance>>;
}

/** §4, written out: pooled mean ΣR/ΣP, weights P_i/P, population form, n = 1 → 0, X̄ = 0 → undefined. */
export function oracleCv(units: readonly { students: number; numerator: number }[]): { mean: number; cv: number | null } {
  const P = units.reduce((a, u) => a + u.students, 0);
  const mean = units.reduce((a, u) => a + u.numerator, 0) / P;
  if (mean === 0) return { mean, cv: null };
  if (units.length === 1) return { mean, cv: 0 };
  let s2 = 0;
  for (const u of units) {
    const x = u.numerator / u.students;
    s2 += (u.students / P) * (x - mean) * (x - mean);
  }
  return { mean, cv: Math.sqrt(s2) / mean };
}

export function oracle(c: GCounty, opt: OracleOptions = NATIONAL_OPTIONS): OracleResult {
  const units: OracleUnit[] = [];
  const excluded: { code: string; stage?: Stage }[] = [];
  for (const s of c.schools) {
    if (s.type === '特殊教育学校') {
      excluded.push({ code: s.code });
      continue;
    }
    if (!opt.includePrivate && s.ownership === '民办') {
      excluded.push({ code: s.code });
      continue;
    }
    for (const row of s.stages) {
      const stage = row.stage;
      const P = (stage === '小学' ? s.A : s.B)!;
      if (s.type === '小学教学点' && P < 50) {
        excluded.push({ code: s.code, stage });
        continue;
      }
      const share = oracleShare(s.type, stage, s.A ?? 0, s.B ?? 0, s.C ?? 0);
      const degree = stage === '小学' && opt.primaryCut === '专科' ? row.pg + row.ba + row.as : row.pg + row.ba;
      const indoor = s.indoor ?? 0;
      const whole: Record<Id, number> = {
        R1: degree * 100,
        R2: row.backbone * 100,
        R3: (row.pe + row.music + row.fine + (row.arts ?? 0)) * 100,
        R4: opt.subtractIndoor ? s.teachingArea! - indoor : s.teachingArea!,
        R5: s.outdoor! + indoor,
        R6: s.equipYuan!,
        R7: s.rooms! * 100,
      };
      const numerators = {} as Record<Id, number>;
      const values = {} as Record<Id, number>;
      const met = {} as Record<Id, boolean>;
      const aboveFloor = {} as Record<Id, boolean>;
      for (const id of IDS) {
        // Teachers are reported per 学段 (never split); physical resources are split by share.
        numerators[id] = id === 'R1' || id === 'R2' || id === 'R3' ? whole[id] : whole[id] * share;
        values[id] = numerators[id] / P;
        met[id] = reaches(values[id], THRESHOLDS[stage][id]);
        aboveFloor[id] = reaches(values[id], 0.85 * THRESHOLDS[stage][id]);
      }
      const metCount = IDS.filter((id) => met[id]).length;
      units.push({ code: s.code, stage, students: P, share, numerators, values, met, aboveFloor, metCount, passes: metCount >= 6 && IDS.every((id) => aboveFloor[id]) });
    }
  }
  const balance: Partial<Record<Stage, OracleBalance>> = {};
  for (const stage of STAGES) {
    const us = units.filter((u) => u.stage === stage);
    if (!us.length) continue;
    const indicators = {} as OracleBalance['indicators'];
    for (const id of IDS) {
      const r = oracleCv(us.map((u) => ({ students: u.students, numerator: u.numerators[id] })));
      indicators[id] = { mean: r.mean, cv: r.cv, passes: r.cv === null ? null : r.cv <= CV_LIMITS[stage] || r.cv - CV_LIMITS[stage] <= 1e-9 * r.cv };
    }
    balance[stage] = { units: us.length, students: us.reduce((a, u) => a + u.students, 0), indicators };
  }
  return { units, excluded, balance };
}

// ───────────────────────────── comparison ─────────────────────────────

/** Equal to a relative 1e-9 (an absolute 1e-12 for values near 0, e.g. a CV of identical units). */
export function close(a: number | null | undefined, b: number | null | undefined): boolean {
  if (b === null || b === undefined) return a === null || a === undefined;
  if (typeof a !== 'number') return false;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) || Math.abs(a - b) <= 1e-12;
}

/** Differences between a report (the JSON of cli.md) and the oracle, as readable lines. */
export function differences(report: any, exp: OracleResult): string[] {
  const d: string[] = [];
  const got = new Map<string, any>(report.units.map((u: any) => [`${u.schoolCode}|${u.stage}`, u]));
  for (const u of exp.units) {
    const key = `${u.code}|${u.stage}`;
    const g = got.get(key);
    if (!g) {
      d.push(`unit ${key} missing`);
      continue;
    }
    got.delete(key);
    if (g.students !== u.students) d.push(`${key} students ${g.students}, expected ${u.students}`);
    for (const id of IDS) {
      const gi = g.indicators[id];
      if (!close(gi.value, u.values[id])) d.push(`${key} ${id} value ${gi.value}, expected ${u.values[id]}`);
      if (gi.threshold !== THRESHOLDS[u.stage][id]) d.push(`${key} ${id} threshold ${gi.threshold}`);
      if (gi.met !== u.met[id]) d.push(`${key} ${id} met ${gi.met}, expected ${u.met[id]} (value ${u.values[id]})`);
      if (gi.aboveFloor !== u.aboveFloor[id]) d.push(`${key} ${id} aboveFloor ${gi.aboveFloor}, expected ${u.aboveFloor[id]}`);
    }
    if (g.metCount !== u.metCount) d.push(`${key} metCount ${g.metCount}, expected ${u.metCount}`);
    if (g.passes !== u.passes) d.push(`${key} passes ${g.passes}, expected ${u.passes}`);
  }
  for (const k of got.keys()) d.push(`unit ${k} should not be there`);
  const ex = new Set(report.excluded.map((e: any) => `${e.schoolCode}|${e.stage ?? ''}`));
  for (const e of exp.excluded) if (!ex.delete(`${e.code}|${e.stage ?? ''}`)) d.push(`${e.code}|${e.stage ?? ''} not excluded`);
  for (const k of ex) d.push(`${k} excluded, should not be`);
  const stages = new Set([...Object.keys(report.balance), ...Object.keys(exp.balance)]);
  for (const stage of stages as Set<Stage>) {
    const gb = report.balance[stage];
    const eb = exp.balance[stage];
    if (!gb || !eb) {
      d.push(`balance ${stage}: ${gb ? 'present' : 'missing'}, expected ${eb ? 'present' : 'absent'}`);
      continue;
    }
    if (gb.units !== eb.units || gb.students !== eb.students) d.push(`balance ${stage} units ${gb.units}/${eb.units} students ${gb.students}/${eb.students}`);
    for (const id of IDS) {
      const g = gb.indicators[id];
      const e = eb.indicators[id];
      if (!close(g.mean, e.mean)) d.push(`balance ${stage} ${id} mean ${g.mean}, expected ${e.mean}`);
      if (!close(g.cv, e.cv)) d.push(`balance ${stage} ${id} cv ${g.cv}, expected ${e.cv}`);
      if (g.limit !== CV_LIMITS[stage]) d.push(`balance ${stage} ${id} limit ${g.limit}`);
      if (g.passes !== e.passes) d.push(`balance ${stage} ${id} passes ${g.passes}, expected ${e.passes} (cv ${e.cv})`);
    }
  }
  return d;
}

/** A school at a given position, e.g. for building special counties by hand. */
export function plainSchool(i: number, type: SchoolType, patch: Partial<GSchool>): GSchool {
  return {
    code: codeOf(i), name: `${i + 1}号${type}`, type, ownership: '公办', locality: '城区', boarding: false,
    A: null, B: null, C: null, migrant: null, teachingArea: 0, indoor: 0, outdoor: 0, equipYuan: 0, rooms: 0,
    musicRooms: null, musicRooms96: null, artRooms: null, artRooms90: null, budgetYuan: null, trainingYuan: null, funded: null,
    stages: [],
    ...patch,
  };
}

export function plainStage(stage: Stage, patch: Partial<GStageRow>): GStageRow {
  return {
    stage, classes: 1, maxClass: null, pg: 0, ba: 0, as: 0, hs: 0, backbone: 0, pe: 0, music: 0, fine: 0, arts: null,
    certified: null, trained: null, zoned: null, ...patch,
  };
}
