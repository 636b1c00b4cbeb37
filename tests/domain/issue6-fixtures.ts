/**
 * Test helpers for issue 6 (shortfalls, contributions, plans): a small county model rendered into the
 * template's grids (so the real reader runs), a random-county arbitrary, and the application of a plan's
 * additions to grids, cell by cell, as a person would type them.
 */
import fc from 'fast-check';
import type { Plan } from '../../src/report/plan';
import { gridOf, positionalColumns } from '../../src/sample/builder';
import type { CellGrid, CellValue } from '../../src/template/grid';
import { parseA1 } from '../../src/template/grid';

export type Stage = '小学' | '初中';
export type Type = '小学' | '初中' | '九年一贯制学校' | '十二年一贯制学校' | '完全中学' | '小学教学点';

export interface TRow {
  stage: Stage;
  classes: number;
  pg: number;
  ba: number;
  as: number;
  hs: number;
  backbone: number;
  pe: number;
  music: number;
  fine: number;
  certified: number | null;
  trained: number | null;
}

export interface TSchool {
  code: string;
  name: string;
  type: Type;
  A: number | null;
  B: number | null;
  C: number | null;
  teachingArea: number;
  indoor: number;
  outdoor: number;
  /** 元 */
  equipYuan: number;
  rooms: number;
  rows: TRow[];
}

export const SCHOOL_HEADERS = [
  '学校标识码', '学校名称', '学校类型', '办学性质', '城乡分类', '小学在校生数(人)', '初中在校生数(人)', '高中在校生数(人)',
  '教学及辅助用房面积(㎡)', '其中室内体育用房面积(㎡)', '室外运动场地面积(㎡)', 'MONEY', '网络多媒体教室数(间)',
];
export const STAGE_HEADERS = [
  '学校标识码', '学段', '班级数(个)', '专任教师数(人)', '研究生学历专任教师数(人)', '本科学历专任教师数(人)', '专科学历专任教师数(人)',
  '高中及以下学历专任教师数(人)', '县级及以上骨干教师数(人)', '体育专任教师数(人)', '音乐专任教师数(人)', '美术专任教师数(人)',
  '持有教师资格证专任教师数(人)', '5年内完成360学时培训专任教师数(人)',
];

/** The two input sheets (no 「县级指标」: a warning only). Money in 万元 unless `yuan`. */
export function gridsOf(schools: readonly TSchool[], yuan = false): CellGrid[] {
  const sh = SCHOOL_HEADERS.map((h) => (h === 'MONEY' ? `教学仪器设备资产值(${yuan ? '元' : '万元'})` : h));
  const schoolRows: CellValue[][] = schools.map((s) => [
    s.code, s.name, s.type, '公办', '城区', s.A, s.B, s.C, s.teachingArea, s.indoor, s.outdoor, yuan ? s.equipYuan : s.equipYuan / 10000, s.rooms,
  ]);
  const stageRows: CellValue[][] = schools.flatMap((s) =>
    s.rows.map((r) => [
      s.code, r.stage, r.classes, r.pg + r.ba + r.as + r.hs, r.pg, r.ba, r.as, r.hs, r.backbone, r.pe, r.music, r.fine, r.certified, r.trained,
    ]),
  );
  return [gridOf('学校基本信息', positionalColumns(sh), schoolRows), gridOf('分学段信息', positionalColumns(STAGE_HEADERS), stageRows)];
}

/** A 学段 row with `teachers` teachers of whom `counting` have 本科 (the rest 高中及以下). */
export function row(stage: Stage, o: Partial<TRow> = {}): TRow {
  return { stage, classes: 10, pg: 0, ba: 0, as: 0, hs: 0, backbone: 0, pe: 0, music: 0, fine: 0, certified: null, trained: null, ...o };
}

// ─────────────────────────── random counties ───────────────────────────

const TYPES: readonly Type[] = ['小学', '小学', '初中', '初中', '九年一贯制学校', '十二年一贯制学校', '完全中学', '小学教学点'];

/** A value ÷ its threshold: mostly in [1, 2.2], often in [0.3, 1), sometimes exactly 0. */
const ratio = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.integer({ min: 30, max: 99 }).map((r) => r / 100) },
  { weight: 30, arbitrary: fc.integer({ min: 100, max: 220 }).map((r) => r / 100) },
);

const rowSeed = fc.record({ r1: ratio, r2: ratio, r3: ratio, extra: fc.integer({ min: 0, max: 6 }), filled: fc.boolean() });
const schoolSeed = fc.record({
  type: fc.constantFrom(...TYPES),
  A: fc.integer({ min: 60, max: 2000 }),
  B: fc.integer({ min: 60, max: 2000 }),
  C: fc.integer({ min: 0, max: 1500 }),
  r4: ratio, r5: ratio, r6: ratio, r7: ratio,
  indoorPct: fc.integer({ min: 0, max: 20 }),
  rows: fc.tuple(rowSeed, rowSeed),
});

const T = { 小学: [4.2, 1, 0.9, 4.5, 7.5, 2000, 2.3], 初中: [5.3, 1, 0.9, 5.8, 10.2, 2500, 2.4] } as const;

function rowOf(stage: Stage, P: number, s: { r1: number; r2: number; r3: number; extra: number; filled: boolean }): TRow {
  const t = T[stage];
  const counting = Math.round((s.r1 * t[0] * P) / 100);
  const backbone = Math.round((s.r2 * t[1] * P) / 100);
  const arts = Math.round((s.r3 * t[2] * P) / 100);
  const hs = s.extra + Math.max(0, backbone - counting, arts - counting);
  const teachers = counting + hs;
  const pe = Math.ceil(arts / 2);
  const music = Math.floor((arts - pe) / 2);
  return {
    stage, classes: Math.max(1, Math.ceil(P / 45)), pg: Math.floor(counting / 4), ba: counting - Math.floor(counting / 4), as: 0, hs,
    backbone, pe, music, fine: arts - pe - music,
    certified: s.filled ? teachers : null, trained: s.filled ? teachers : null,
  };
}

export function schoolOf(i: number, s: typeof schoolSeed extends fc.Arbitrary<infer X> ? X : never): TSchool {
  const has = {
    小学: s.type !== '初中' && s.type !== '完全中学',
    初中: s.type === '初中' || s.type === '九年一贯制学校' || s.type === '十二年一贯制学校' || s.type === '完全中学',
    高中: s.type === '十二年一贯制学校' || s.type === '完全中学',
  };
  const A = has.小学 ? (s.type === '小学教学点' ? Math.min(s.A, 120) : s.A) : null;
  const B = has.初中 ? s.B : null;
  const C = has.高中 ? s.C : null;
  // Resources sized on the school's weighted students, around the 小学 or 初中 thresholds.
  const ref = has.初中 && !has.小学 ? T.初中 : T.小学;
  const size = (A ?? 0) + 1.1 * (B ?? 0) + 1.3 * (C ?? 0);
  const teachingArea = Math.round(s.r4 * ref[3] * size * 100) / 100;
  const rows: TRow[] = [];
  if (A !== null) rows.push(rowOf('小学', A, s.rows[0]));
  if (B !== null) rows.push(rowOf('初中', B, s.rows[1]));
  return {
    code: `0${String(360000000 + i * 7)}`,
    name: `${i + 1}号${s.type}`,
    type: s.type,
    A, B, C,
    teachingArea,
    indoor: Math.floor(teachingArea * s.indoorPct) / 100,
    outdoor: Math.round(s.r5 * ref[4] * size * 10) / 10,
    equipYuan: Math.round(s.r6 * ref[5] * size),
    rooms: Math.round((s.r7 * ref[6] * size) / 100),
    rows,
  };
}

/** A random valid county of 2–14 schools (every type with compulsory students; sizes from 60 students). */
export const countyArb: fc.Arbitrary<{ schools: TSchool[]; yuan: boolean }> = fc
  .record({ seeds: fc.array(schoolSeed, { minLength: 2, maxLength: 14 }), yuan: fc.boolean() })
  .map(({ seeds, yuan }) => ({ schools: seeds.map((s, i) => schoolOf(i, s)), yuan }));

// ─────────────────────────── applying a plan ───────────────────────────

function numberOf(v: CellValue): number {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return 0;
  const n = typeof v === 'number' ? v : Number(String(v).trim().replace(/,/g, ''));
  if (!Number.isFinite(n)) throw new Error(`not a number: ${String(v)}`);
  return n;
}

/** A copy of the grids with every addition of the plan typed into its cell (old value + amount). */
/**
 * The grids with the plan's additions typed in: `amountOf` gives what is typed for each (default: the amount as
 * computed; the tests also type what the command line prints).
 */
export function applyPlan(grids: readonly CellGrid[], plan: Pick<Plan, 'additions'>, amountOf: (a: Plan['additions'][number]) => number = (a) => a.amount): CellGrid[] {
  const out = grids.map((g) => ({ ...g, values: g.values.map((r) => [...r]) }));
  for (const a of plan.additions) {
    const g = out.find((x) => x.name === a.sheet);
    if (!g || !a.cell) throw new Error(`no cell for ${JSON.stringify(a)}`);
    const { row, col } = parseA1(a.cell);
    while (g.values.length <= row) g.values.push([]);
    const r = g.values[row];
    while (r.length <= col) r.push(null);
    r[col] = numberOf(r[col]) + amountOf(a);
  }
  return out;
}
