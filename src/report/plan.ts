/**
 * The minimum plan (issue 6, part 3; spec/cli.md «Plans»): which input cells to raise, and by how much,
 * so that every unit passes and every 差异系数 is under its limit.
 *
 * Method (also in the `method` string of the plan):
 * 1. Units. Every school with a failing unit gets the cheapest combination that makes its failing units
 *    pass (exact enumeration, `cheapestFix`: the two units of an 一贯制 school are chosen jointly, since
 *    one addition to a shared resource raises both).
 * 2. 差异系数. While a CV of some 学段 and indicator is over its limit, the least addition of that
 *    indicator's resource that brings it to the limit is computed from the current values (`cvmin.ts`:
 *    water-filling, exact when every unit's addition costs the same per point and student, generalised
 *    for split schools; only units below the county mean are raised, never above it; whole persons and
 *    rooms rounded by greedy completion and pruning) and added.
 *    Additions raise other values too (a shared resource raises the school's other 学段; a new
 *    体育/艺术 teacher, or one hired to be designated 骨干, has the counting degree and raises R1), so the CVs are re-checked until none is
 *    over, at most MAX_ROUNDS times.
 * 3. The additions are applied to a copy of the county and evaluated again by the engine; `complete` says
 *    whether every unit passes and every CV is under its limit.
 *
 * 骨干 (R2). 县级及以上骨干 is a title given to teachers already employed: more 骨干 are first designated
 * among the row's teachers who are not 骨干 yet (+1 in 县级及以上骨干教师数 only, 专任教师数 unchanged; cost:
 * training, `CostModel.backboneDesignation`), and teachers are hired for it only when the row has too few
 * (they are then designated too). The addition of the 骨干 cell says so (`kind: 'designate'`).
 *
 * Cells (spec/cli.md): a new teacher is +1 in 专任教师数 and +1 in 本科学历专任教师数 (the counting degree
 * for both 学段 under every profile); +1 in a 体育/音乐/美术 column where that is its purpose (the subject
 * with the fewest teachers first); and +1 in 持有教师资格证专任教师数 and in
 * 5年内完成360学时培训专任教师数 when the row fills those in, so that G12 and G9 keep their rate (the new
 * teacher is assumed certified and trained). Physical resources go to 教学及辅助用房面积, 室外运动场地面积,
 * 教学仪器设备资产值 (in the column's 万元 or 元) and 网络多媒体教室数 of the whole school; 其中室内体育用房面积
 * is never used (it would raise two columns at once).
 */
import { weightedCv } from '../domain/cv';
import { evaluate, type Evaluation, type UnitResult } from '../domain/evaluate';
import type { County, School, Stage, StageRow } from '../domain/model';
import { STAGES } from '../domain/model';
import { atMost } from '../domain/numbers';
import type { IndicatorId, Profile, ResolvedProfile } from '../domain/profile';
import { INDICATOR_IDS } from '../domain/profile';
import type { CellRef } from '../domain/refs';
import { CV, indicatorRule, UNIT } from '../domain/rules';
import { renderMessage } from '../domain/rules/render';
import { greedyCv, minCvContinuous, minCvInteger, type CvUnit } from '../domain/cvmin';
import {
  ARTS_SUBJECT_FIELDS,
  type ArtsSubjectField,
  cheapestFix,
  costOf,
  type CostModel,
  DEFAULT_COST_MODEL,
  designatableTeachers,
  equipmentScaleOf,
  integerResource,
  moneyHeader,
  NEW_TEACHER_DEGREE_FIELD,
  NO_AMOUNTS,
  nextArtsSubject,
  resourceShare,
  teachersForBackbone,
  valueFactor,
} from '../domain/shortfall';
import type { Layout } from '../template/layout';
import { locate } from '../template/layout';
import type { Issue } from '../template/issues';
import { SCHOOL_COLUMNS, STAGE_COLUMNS } from '../domain/columns';

export const MAX_ROUNDS = 20;

/**
 * What an addition is for: a 学段's indicator brought to its threshold, to the floor (floorRatio of it),
 * or its 差异系数 brought under the limit. Data, rendered late (`reasonText`, the pane's `goalText`).
 */
export interface PlanReason {
  stage: Stage;
  indicator: IndicatorId;
  goal: 'threshold' | 'floor' | 'cv';
}

/** The order reasons are listed in (as the words used to sort: 「初中 R7 达标」 before 「小学 R1 达标」). */
const GOAL_ORDER: Record<PlanReason['goal'], string> = { threshold: '达标', floor: '达到', cv: '差异系数' };
const reasonKey = (r: PlanReason) => `${r.stage} ${r.indicator} ${GOAL_ORDER[r.goal]}`;

/** A set of reasons (each once). */
class Reasons {
  private readonly byKey = new Map<string, PlanReason>();
  add(r: PlanReason): void {
    this.byKey.set(reasonKey(r), r);
  }
  /** Sorted, as listed in the plan. */
  list(): PlanReason[] {
    return [...this.byKey.keys()].sort().map((k) => this.byKey.get(k)!);
  }
}

/** A reason in words: 「小学 R4 达标」, 「小学 R2 达到85%」 (the profile's floor), 「初中 R6 差异系数」. */
export function reasonText(r: PlanReason, profile: Profile): string {
  const params = { stage: r.stage, id: r.indicator };
  return r.goal === 'cv' ? renderMessage(CV, 'reason-cv', profile, params) : renderMessage(UNIT, `reason-${r.goal}`, profile, params);
}

/** A reason in the pane's longer words: 「小学部生均体育运动场馆达到标准值」, 「全县初中…差异系数降至上限以内」. */
export function goalText(r: PlanReason, profile: Profile): string {
  const params = { stage: r.stage, name: indicatorRule(r.indicator).shortName };
  return r.goal === 'cv' ? renderMessage(CV, 'goal-cv', profile, params) : renderMessage(UNIT, `goal-${r.goal}`, profile, params);
}

export interface PlanAddition {
  schoolCode: string;
  schoolName: string;
  /** Sheet name as in the workbook. */
  sheet: string;
  /** The 学段 row, for 「分学段信息」 columns only. */
  stage?: Stage;
  /** Template header of the column (money with the workbook's unit). */
  column: string;
  /** A1 address of the cell in the workbook. */
  cell: string | null;
  /** Amount to add, in the column's unit (whole for persons and rooms; ㎡ and money unrounded). */
  amount: number;
  unit: '人' | '㎡' | '万元' | '元' | '间';
  /** What the addition is for, as data (words: `reasonText`, e.g. 「小学 R4 达标」, 「初中 R6 差异系数」). */
  reasons: PlanReason[];
  /**
   * 'add': the amount is added (new teachers, ㎡, money, rooms). 'designate': the amount is the number of
   * teachers of the row given the 县级及以上骨干 title; only the 骨干 cell changes, not 专任教师数.
   */
  kind: 'add' | 'designate';
  /** For 'designate': how many are teachers already employed; the rest are new teachers of the same row in this plan. */
  existingTeachers?: number;
}

export interface PlanCost {
  /** New 专任教师 (persons). */
  teachers: number;
  /** Teachers designated 县级及以上骨干 (persons; most of them already employed). */
  designations: number;
  teachingArea: number;
  outdoorSportsArea: number;
  /** 教学仪器设备 in 元, whatever the column's unit. */
  equipmentYuan: number;
  multimediaRooms: number;
  /** Σ weight × amount, in 万元 (an indicative estimate). */
  estimate: number;
  /** The weights used, 万元 per person, ㎡, 元 and room. */
  weights: CostModel;
}

export interface Plan {
  additions: PlanAddition[];
  cost: PlanCost;
  method: string;
  /** The county with the additions applied passes every unit and every CV. */
  complete: boolean;
  /** What still fails after the plan (empty when complete), in Chinese. */
  remaining: string[];
}

export interface PlanInput {
  read: { county: County; layout: Layout; issues: readonly Issue[] };
  evaluation: Evaluation;
  profile: ResolvedProfile;
}

// ─────────────────────────── working state ───────────────────────────

interface RowAdd {
  /** New 专任教师. */
  teachers: number;
  /** 骨干 designations (existing non-骨干 teachers first, then new teachers). */
  backbone: number;
  arts: number;
  /** Non-骨干 teachers of the row before the plan. */
  available: number;
  reasons: Record<'teachers' | 'backbone' | 'arts', Reasons>;
}

type SchoolResource = 'teachingArea' | 'outdoorSportsArea' | 'equipmentYuan' | 'multimediaRooms';
const SCHOOL_RESOURCE: Record<'R4' | 'R5' | 'R6' | 'R7', SchoolResource> = {
  R4: 'teachingArea',
  R5: 'outdoorSportsArea',
  R6: 'equipmentYuan',
  R7: 'multimediaRooms',
};

type SchoolAdd = Record<SchoolResource, number> & { reasons: Record<SchoolResource, Reasons> };

class State {
  rows = new Map<string, RowAdd>();
  schools = new Map<string, SchoolAdd>();

  row(u: UnitResult): RowAdd {
    const key = `${u.schoolCode}|${u.stage}`;
    let r = this.rows.get(key);
    if (!r) {
      r = { teachers: 0, backbone: 0, arts: 0, available: designatableTeachers(u), reasons: { teachers: new Reasons(), backbone: new Reasons(), arts: new Reasons() } };
      this.rows.set(key, r);
    }
    return r;
  }

  school(code: string): SchoolAdd {
    let s = this.schools.get(code);
    if (!s) {
      s = {
        teachingArea: 0, outdoorSportsArea: 0, equipmentYuan: 0, multimediaRooms: 0,
        reasons: { teachingArea: new Reasons(), outdoorSportsArea: new Reasons(), equipmentYuan: new Reasons(), multimediaRooms: new Reasons() },
      };
      this.schools.set(code, s);
    }
    return s;
  }

  /** Raises one indicator's resource of a unit by `amount` (persons, ㎡, 元, rooms). */
  add(u: UnitResult, id: IndicatorId, amount: number, reason: PlanReason): void {
    if (!(amount > 0)) return;
    if (id === 'R1' || id === 'R2' || id === 'R3') {
      const r = this.row(u);
      if (id === 'R1') r.teachers += amount;
      else if (id === 'R2') r.backbone += amount;
      else r.arts += amount;
      const hires = Math.max(r.teachers, r.arts, teachersForBackbone(r.backbone, r.available));
      if (id !== 'R2' || hires > r.teachers) r.reasons.teachers.add(reason);
      r.teachers = hires;
      if (id === 'R2') r.reasons.backbone.add(reason);
      if (id === 'R3') r.reasons.arts.add(reason);
      return;
    }
    const key = SCHOOL_RESOURCE[id];
    const s = this.school(u.schoolCode);
    s[key] += amount;
    s.reasons[key].add(reason);
  }

  /** The resource of an indicator already added for a unit (for the unit's own row or school). */
  added(u: UnitResult, id: IndicatorId): number {
    if (id === 'R1' || id === 'R2' || id === 'R3') {
      const r = this.rows.get(`${u.schoolCode}|${u.stage}`);
      if (!r) return 0;
      return id === 'R1' ? r.teachers : id === 'R2' ? r.backbone : r.arts;
    }
    return this.schools.get(u.schoolCode)?.[SCHOOL_RESOURCE[id]] ?? 0;
  }

  value(u: UnitResult, id: IndicatorId): number | null {
    const numerator = u.numerators[id];
    const share = resourceShare(u, id);
    if (numerator === null || u.students === null || u.students <= 0 || share === null) return null;
    return (valueFactor(id) * (numerator + this.added(u, id) * share)) / u.students;
  }
}

// ─────────────────────────── the two phases ───────────────────────────

function unitPhase(evaluation: Evaluation, profile: ResolvedProfile, model: CostModel, state: State): void {
  const bySchool = new Map<string, UnitResult[]>();
  for (const u of evaluation.units) {
    if (u.passes !== false) continue;
    const list = bySchool.get(u.schoolCode) ?? [];
    list.push(u);
    bySchool.set(u.schoolCode, list);
  }
  for (const units of bySchool.values()) {
    const fix = cheapestFix(units, profile, model);
    if (!fix) continue;
    for (const f of fix.units) {
      const u = units.find((x) => x.stage === f.stage)!;
      const reasonOf = (id: IndicatorId): PlanReason => ({ stage: u.stage, indicator: id, goal: f.toThreshold.includes(id) ? 'threshold' : 'floor' });
      const r = state.row(u);
      const row = fix.rows[u.stage]!;
      const ids = [...f.toThreshold, ...f.toFloor];
      // Teachers of the row: the row's maximum (already combined over R1–R3).
      if (row.teachers > r.teachers) r.teachers = row.teachers;
      if (row.backbone > r.backbone) r.backbone = row.backbone;
      if (row.arts > r.arts) r.arts = row.arts;
      for (const id of ids) {
        if (id === 'R1' || id === 'R2' || id === 'R3') {
          // 骨干 are designated; new teachers are for 骨干 only when the row has too few.
          if (id !== 'R2' || teachersForBackbone(row.backbone, r.available) > 0) r.reasons.teachers.add(reasonOf(id));
          if (id === 'R2') r.reasons.backbone.add(reasonOf(id));
          if (id === 'R3') r.reasons.arts.add(reasonOf(id));
        } else {
          const key = SCHOOL_RESOURCE[id];
          const s = state.school(u.schoolCode);
          s[key] = Math.max(s[key], fix.school[key]);
          s.reasons[key].add(reasonOf(id));
        }
      }
    }
  }
}

/** How the CV step is solved: the exact method (default), or plain greedy (for comparison only). */
export type CvMethod = 'exact' | 'greedy';

/**
 * Plain greedy for comparison: one person or room at a time, or continuous steps of 1/200 of what bringing
 * every unit below the mean up to the mean would take, each to the unit whose CV falls most.
 */
function greedySolve(cvUnits: CvUnit[], id: IndicatorId, limit: number) {
  if (integerResource(id)) return greedyCv(cvUnits, limit, { integer: true, step: 1 });
  const P = cvUnits.reduce((a, u) => a + u.students, 0);
  const mean = cvUnits.reduce((a, u) => a + u.value * u.students, 0) / P;
  const toMean = cvUnits.reduce((a, u) => a + Math.max(0, mean - u.value) * u.costPerPoint, 0);
  return greedyCv(cvUnits, limit, { integer: false, step: toMean / 200 });
}

/** One failing CV, solved and added; returns false when it could not be solved. */
function fixCv(units: UnitResult[], id: IndicatorId, limit: number, state: State, method: CvMethod = 'exact'): boolean {
  const c = valueFactor(id);
  const cvUnits: CvUnit[] = [];
  for (const u of units) {
    const value = state.value(u, id);
    const share = resourceShare(u, id);
    if (value === null || share === null || !(share > 0)) return false;
    cvUnits.push({ value, students: u.students!, costPerPoint: u.students! / (c * share) });
  }
  const sol = method === 'greedy' ? greedySolve(cvUnits, id, limit) : integerResource(id) ? minCvInteger(cvUnits, limit) : minCvContinuous(cvUnits, limit);
  if (!sol) return false;
  units.forEach((u, i) => state.add(u, id, sol.amounts[i], { stage: u.stage, indicator: id, goal: 'cv' }));
  return true;
}

function cvPhase(evaluation: Evaluation, profile: ResolvedProfile, state: State, method: CvMethod): void {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = false;
    for (const stage of STAGES) {
      const units = evaluation.units.filter((u) => u.stage === stage);
      if (units.length === 0) continue;
      const limit = profile.cvLimits[stage];
      for (const id of INDICATOR_IDS) {
        const values = units.map((u) => state.value(u, id));
        if (values.some((v) => v === null)) continue;
        const cv = weightedCv(units.map((u, i) => ({ value: values[i]!, students: u.students! }))).cv;
        if (cv === null || atMost(cv, limit, profile.tolerance)) continue;
        if (fixCv(units, id, limit, state, method)) changed = true;
      }
    }
    if (!changed) return;
  }
}

// ─────────────────────────── cells ───────────────────────────

interface CellChange {
  ref: CellRef;
  schoolCode: string;
  stage?: Stage;
  /** In internal units (元 for money). */
  amount: number;
  reasons: Reasons;
  /** 骨干 designations: how many of them are teachers already employed. */
  existingTeachers?: number;
}

function filled(row: StageRow, field: 'certifiedTeachers' | 'trainedTeachers'): boolean {
  return row[field] !== null && !row.bad.has(field);
}

/** The cell changes of a state, in template terms (internal units). */
function changesOf(county: County, state: State): CellChange[] {
  const out: CellChange[] = [];
  const rows = new Map<string, StageRow>(county.stageRows.map((r) => [`${r.code}|${r.stage}`, r]));
  for (const s of county.schools) {
    const a = state.schools.get(s.code);
    if (!a) continue;
    for (const key of ['teachingArea', 'outdoorSportsArea', 'equipmentYuan', 'multimediaRooms'] as const)
      if (a[key] > 0) out.push({ ref: { sheet: 'schools', row: s.row, field: key }, schoolCode: s.code, amount: a[key], reasons: a.reasons[key] });
  }
  for (const [key, a] of state.rows) {
    const row = rows.get(key);
    if (!row || (a.teachers <= 0 && a.backbone <= 0)) continue;
    const at = (field: string, amount: number, reasons: Reasons, extra: Partial<CellChange> = {}) => {
      if (amount > 0) out.push({ ref: { sheet: 'stages', row: row.row, field }, schoolCode: row.code, stage: row.stage, amount, reasons, ...extra });
    };
    at('teachers', a.teachers, a.reasons.teachers);
    at(NEW_TEACHER_DEGREE_FIELD, a.teachers, a.reasons.teachers);
    at('backboneTeachers', a.backbone, a.reasons.backbone, { existingTeachers: Math.min(a.backbone, a.available) });
    const subjects = distributeArts(row, a.arts);
    for (const f of ARTS_SUBJECT_FIELDS) at(f, subjects[f], a.reasons.arts);
    if (filled(row, 'certifiedTeachers')) at('certifiedTeachers', a.teachers, a.reasons.teachers);
    if (filled(row, 'trainedTeachers')) at('trainedTeachers', a.teachers, a.reasons.teachers);
  }
  return out;
}

/** New 体育/艺术 teachers one by one to the subject with the fewest teachers (ties: 体育, 音乐, 美术). */
export function distributeArts(row: StageRow, n: number): Record<ArtsSubjectField, number> {
  const counts = { peTeachers: 0, musicTeachers: 0, fineArtTeachers: 0 };
  for (const f of ARTS_SUBJECT_FIELDS) counts[f] = row.bad.has(f) ? 0 : (row[f] ?? 0);
  const out = { peTeachers: 0, musicTeachers: 0, fineArtTeachers: 0 };
  for (let i = 0; i < n; i++) {
    const f = nextArtsSubject(counts);
    counts[f]++;
    out[f]++;
  }
  return out;
}

/** The county with the changes applied (a copy; the input is not changed). */
export function applyChanges(county: County, changes: readonly { ref: CellRef; amount: number }[]): County {
  const schools = county.schools.map((s) => ({ ...s }));
  const stageRows = county.stageRows.map((r) => ({ ...r }));
  const schoolAt = new Map(schools.map((s) => [s.row, s] as const));
  const rowAt = new Map(stageRows.map((r) => [r.row, r] as const));
  for (const c of changes) {
    const target = (c.ref.sheet === 'schools' ? schoolAt.get(c.ref.row) : rowAt.get(c.ref.row)) as unknown as Record<string, number | null> | undefined;
    if (!target) continue;
    target[c.ref.field] = (target[c.ref.field] ?? 0) + c.amount;
  }
  return { ...county, schools: schools as School[], stageRows: stageRows as StageRow[] };
}

function headerOf(ref: CellRef, equipmentScale: number): string {
  if (ref.sheet === 'schools') {
    if (ref.field === 'equipmentYuan') return moneyHeader('equipmentYuan', equipmentScale);
    return SCHOOL_COLUMNS.find((c) => c.field === ref.field)?.header ?? ref.field;
  }
  return STAGE_COLUMNS.find((c) => c.field === ref.field)?.header ?? ref.field;
}

function unitOf(ref: CellRef, equipmentScale: number): PlanAddition['unit'] {
  if (ref.sheet === 'stages') return '人';
  if (ref.field === 'equipmentYuan') return equipmentScale === 1 ? '元' : '万元';
  if (ref.field === 'multimediaRooms') return '间';
  return '㎡';
}

// ─────────────────────────── the plan ───────────────────────────

/**
 * What an addition of the plan means, in Chinese: 「认定 3 名现有教师为县级及以上骨干教师」 for a
 * designation (「认定 35 名现有教师和 22 名新增专任教师为…」 when the row had too few), 「新增 2 名专任教师」 for the
 * 专任教师数 cell; null for the other cells (their column and amount say it).
 */
export function additionText(a: Pick<PlanAddition, 'kind' | 'existingTeachers' | 'amount' | 'column'>): string | null {
  if (a.kind === 'designate') {
    const existing = a.existingTeachers ?? a.amount;
    const fresh = a.amount - existing;
    if (existing === 0) return `认定 ${a.amount} 名新增专任教师为县级及以上骨干教师（现有教师均已是骨干教师）`;
    if (fresh > 0) return `认定 ${existing} 名现有教师和 ${fresh} 名新增专任教师为县级及以上骨干教师`;
    return `认定 ${existing} 名现有教师为县级及以上骨干教师（不增加专任教师）`;
  }
  if (a.column === STAGE_COLUMNS.find((c) => c.field === 'teachers')!.header) return `新增 ${a.amount} 名专任教师`;
  return null;
}

function methodText(model: CostModel, profile: Profile): string {
  return (
    '分两步求最少追加量。' +
    `第一步，对每所有未达标学段的学校，精确枚举“${renderMessage(UNIT, 'plan-rule', profile)}”的各种补足组合（一贯制学校两个学段合并计算，共用校舍设备取两学段所需的较大值），` +
    `按成本权重（新增专任教师每人${model.teacher}万元，认定骨干教师每人${model.backboneDesignation}万元（培训费），教学及辅助用房每平方米${model.teachingArea}万元，室外运动场地每平方米${model.outdoorSportsArea}万元，教学仪器设备按金额，网络多媒体教室每间${model.multimediaRooms}万元）取估算成本最低者。` +
    '县级及以上骨干教师是对在职教师的认定：先从本校该学段现有的非骨干专任教师中认定（只增加骨干教师数，不增加专任教师数），现有教师不够时才新增专任教师并认定。' +
    '新增教师均为本科学历专任教师（持证、已完成培训），需要时同时计为体育、音乐、美术教师，一名新教师可同时满足几项。' +
    '第二步，对仍超过限值的差异系数，只向低于县均值的学校追加该项资源，且追加后不超过县均值：把最低的若干学校提高到同一水平（注水法，各校每提高一个单位所需资源与学生数成正比时为精确最优；一贯制学校和完全中学的追加有一部分分摊到其他学段，按分摊比例修正各校的提高水平）；' +
    '教师和教室先取连续解的整数部分，再逐个补到差异系数达标，并去掉多余的。共用校舍设备会同时提高同校另一学段，故反复核算，直至所有差异系数达标。' +
    '面积和金额未取整；追加后的数据已由核验引擎重新计算。'
  );
}

const EMPTY_COST = (model: CostModel): PlanCost => ({
  teachers: 0, designations: 0, teachingArea: 0, outdoorSportsArea: 0, equipmentYuan: 0, multimediaRooms: 0, estimate: 0, weights: { ...model },
});

/** What still fails in an evaluation, in Chinese. */
function failuresOf(e: Evaluation, profile: Profile): string[] {
  const out: string[] = [];
  for (const u of e.units) if (u.passes !== true) out.push(`${u.schoolName} ${u.stage} 未达标`);
  for (const stage of STAGES) {
    const b = e.balance[stage];
    if (!b) continue;
    for (const id of INDICATOR_IDS)
      if (b.indicators[id].passes !== true) out.push(renderMessage(CV, 'remaining', profile, { stage, name: indicatorRule(id).name }));
  }
  return out;
}

/** The minimum plan for an analysed workbook (no plan while the workbook has errors). */
export function planOf(input: PlanInput, model: CostModel = DEFAULT_COST_MODEL, opts: { cvMethod?: CvMethod } = {}): Plan {
  const { read, evaluation, profile } = input;
  const errors = read.issues.filter((i) => i.severity === 'error').length;
  if (errors > 0)
    return {
      additions: [], cost: EMPTY_COST(model), complete: false, remaining: failuresOf(evaluation, profile),
      method: `工作簿有${errors}个错误，改正后才能计算达标方案。`,
    };
  const state = new State();
  unitPhase(evaluation, profile, model, state);
  cvPhase(evaluation, profile, state, opts.cvMethod ?? 'exact');

  const changes = changesOf(read.county, state);
  const after = evaluate(applyChanges(read.county, changes), profile);
  const remaining = failuresOf(after, profile);

  const scale = equipmentScaleOf(read.layout.schools.scales);
  const names = new Map(read.county.schools.map((s) => [s.code, s.name] as const));
  const colIndex = (ref: CellRef) => read.layout[ref.sheet]?.columns[ref.field] ?? 0;
  const sorted = [...changes].sort(
    (a, b) => (a.ref.sheet === b.ref.sheet ? 0 : a.ref.sheet === 'schools' ? -1 : 1) || a.ref.row - b.ref.row || colIndex(a.ref) - colIndex(b.ref),
  );
  const additions: PlanAddition[] = sorted.map((c) => {
    const at = locate(read.layout, c.ref);
    const sheet = read.layout[c.ref.sheet]?.sheet ?? '';
    const money = c.ref.field === 'equipmentYuan';
    return {
      schoolCode: c.schoolCode,
      schoolName: names.get(c.schoolCode) ?? '',
      sheet,
      ...(c.stage ? { stage: c.stage } : {}),
      column: headerOf(c.ref, scale),
      cell: at ? at.cell : null,
      amount: money ? c.amount / scale : c.amount,
      unit: unitOf(c.ref, scale),
      reasons: c.reasons.list(),
      kind: c.existingTeachers === undefined ? 'add' : 'designate',
      ...(c.existingTeachers === undefined ? {} : { existingTeachers: c.existingTeachers }),
    };
  });

  let teachers = 0;
  let designations = 0;
  for (const r of state.rows.values()) {
    teachers += r.teachers;
    designations += r.backbone;
  }
  const sum = (k: SchoolResource) => [...state.schools.values()].reduce((a, s) => a + s[k], 0);
  const totals = {
    teachers,
    designations,
    teachingArea: sum('teachingArea'),
    outdoorSportsArea: sum('outdoorSportsArea'),
    equipmentYuan: sum('equipmentYuan'),
    multimediaRooms: sum('multimediaRooms'),
  };
  return {
    additions,
    cost: { ...totals, estimate: costOf({ ...NO_AMOUNTS, ...totals, backbone: designations }, model), weights: { ...model } },
    method: methodText(model, profile),
    complete: remaining.length === 0,
    remaining,
  };
}
