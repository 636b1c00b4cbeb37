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
 * 3. Take-back (`prunePhase`): the amounts later additions made unnecessary are lowered, the costliest first,
 *    as far as everything still passes (no single amount can then be lowered alone).
 * 4. The additions are applied to a copy of the county and evaluated again by the engine; `complete` says
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
import { atLeast, atMost } from '../domain/numbers';
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
import { MAX_NUMBER } from '../template/checks/cell-values';
import { cellKey } from '../template/grid';
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
  /**
   * The cell holds a formula (a 专任教师数 summing the 学历 columns, say): it changes with the cells it refers to,
   * and typing the amount over it would replace the formula. Only where the host says which cells are formulas
   * (the command line and the offline page from the file; the add-in from getSpecialCellsOrNullObject("Formulas")).
   */
  formula?: true;
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
  /**
   * What to know before using the plan, in Chinese: values the checks call doubtful (the plan is computed with
   * them as they are), and additions that would take a cell past the reader's limit (the plan is then not complete).
   */
  cautions: string[];
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

  /** The amounts (reasons shared: they are not changed after the two steps). */
  copy(): State {
    const c = new State();
    for (const [k, r] of this.rows) c.rows.set(k, { ...r });
    for (const [k, s] of this.schools) c.schools.set(k, { ...s });
    return c;
  }

  restore(from: State): void {
    const c = from.copy();
    this.rows = c.rows;
    this.schools = c.schools;
  }

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

// ─────────────────────────── the take-back step ───────────────────────────

/** One amount of the plan that may be taken back: a row's new teachers, 骨干 or 体育/艺术 teachers, or a school's resource. */
type PlanVar =
  | { kind: 'row'; key: string; field: 'teachers' | 'backbone' | 'arts'; id: IndicatorId; units: UnitResult[] }
  | { kind: 'school'; code: string; field: SchoolResource; id: IndicatorId; units: UnitResult[] };

const ROW_INDICATOR = { teachers: 'R1', backbone: 'R2', arts: 'R3' } as const;
const SCHOOL_INDICATOR: Record<SchoolResource, IndicatorId> = { teachingArea: 'R4', outdoorSportsArea: 'R5', equipmentYuan: 'R6', multimediaRooms: 'R7' };

/**
 * Step 3: the additions later steps made unnecessary are taken back. Each step adds on top of the earlier ones:
 * a 差异系数 addition may bring a school's indicator to its threshold, so that what step 1 added for another
 * indicator is no longer needed; the new 体育/艺术 or 骨干 teachers of a later step have the counting degree and
 * raise R1 after its 差异系数 was brought under the limit; a school's shared resource, added for one 学段's
 * 差异系数, raises the other 学段's. So every amount, the costliest first, is lowered as far as everything that
 * passes with the plan still passes (whole persons and rooms; ㎡ and money to a billionth of the amount), in
 * passes until none changes (at most three): no single amount can then be lowered alone. A continuous amount is
 * only lowered by more than a millionth of it (less is the engine's tolerance, not a saving).
 *
 * The check is incremental: a unit passes on its seven values (at least minMet at the threshold, none below
 * the floor), and each 差异系数 is kept as the sums Σp, Σp·x and Σp·x² of its 学段, so that one trial costs the
 * units of one school. Returns whether any amount was lowered; the engine then evaluates the result again
 * (planOf): should it disagree, the plan is kept as it was before this step.
 */
function prunePhase(evaluation: Evaluation, profile: ResolvedProfile, model: CostModel, state: State): boolean {
  // What passes with the whole plan is decided as the engine decides it (its tolerance); a trial must pass within a
  // quarter of it, so that an amount lowered to the edge is not refused by the engine's own arithmetic (its two-pass
  // 差异系数 differs from the sums here by about the tolerance: a review saw 0.5000000005 against 0.5 refused).
  const tol = profile.tolerance;
  let trialTol = tol;
  const units = evaluation.units.filter((u) => u.students !== null && u.students > 0);
  const slot = new Map<UnitResult, number>(units.map((u, i) => [u, i]));
  const K = INDICATOR_IDS.length;
  // Current values of every unit, as the plan leaves them (NaN where unknown).
  const values = new Float64Array(units.length * K);
  units.forEach((u, i) => INDICATOR_IDS.forEach((id, k) => (values[i * K + k] = state.value(u, id) ?? NaN)));
  const floors = (u: UnitResult, k: number) => profile.floorRatio * u.indicators[INDICATOR_IDS[k]].threshold;
  const unitPasses = (u: UnitResult): boolean => {
    const i = slot.get(u)!;
    let met = 0;
    for (let k = 0; k < K; k++) {
      const x = values[i * K + k];
      if (Number.isNaN(x)) return false;
      const threshold = u.indicators[INDICATOR_IDS[k]].threshold;
      if (atLeast(x, threshold, trialTol)) met++;
      else if (!atLeast(x, floors(u, k), trialTol)) return false;
    }
    return met >= profile.minMet;
  };
  // The sums of each 学段's 差异系数 (Σp, Σp·x, Σp·x²), and whether it passes with the whole plan.
  const sums = new Map<string, { p: number; px: number; pxx: number; limit: number; enforced: boolean }>();
  const cvKey = (stage: Stage, k: number) => `${stage}|${k}`;
  const cvPasses = (c: { p: number; px: number; pxx: number; limit: number }) => {
    if (!(c.p > 0)) return false;
    const mean = c.px / c.p;
    if (!(mean > 0)) return false;
    const variance = Math.max(0, c.pxx / c.p - mean * mean);
    return atMost(Math.sqrt(variance) / mean, c.limit, trialTol);
  };
  for (const stage of STAGES) {
    const stageUnits = units.filter((u) => u.stage === stage);
    if (!stageUnits.length || stageUnits.length !== evaluation.units.filter((u) => u.stage === stage).length) continue;
    for (let k = 0; k < K; k++) {
      const c = { p: 0, px: 0, pxx: 0, limit: profile.cvLimits[stage], enforced: false };
      let known = true;
      for (const u of stageUnits) {
        const x = values[slot.get(u)! * K + k];
        if (Number.isNaN(x)) known = false;
        c.p += u.students!;
        c.px += u.students! * x;
        c.pxx += u.students! * x * x;
      }
      c.enforced = known && cvPasses(c);
      sums.set(cvKey(stage, k), c);
    }
  }
  // Only what passes with the whole plan is kept passing (a unit the plan could not fix is left out of the check).
  const enforcedUnit = new Set(units.filter(unitPasses));
  trialTol = tol / 4;

  // The amounts to try, the costliest first.
  const unitsOf = new Map<string, UnitResult[]>();
  for (const u of units) {
    const list = unitsOf.get(u.schoolCode) ?? [];
    list.push(u);
    unitsOf.set(u.schoolCode, list);
  }
  const unitAt = new Map<string, UnitResult>(units.map((u) => [`${u.schoolCode}|${u.stage}`, u]));
  const vars: PlanVar[] = [];
  for (const [key, r] of state.rows) {
    const u = unitAt.get(key);
    if (!u) continue;
    for (const field of ['arts', 'backbone', 'teachers'] as const) if (r[field] > 0) vars.push({ kind: 'row', key, field, id: ROW_INDICATOR[field], units: [u] });
  }
  for (const [code, a] of state.schools)
    for (const field of Object.keys(SCHOOL_INDICATOR) as SchoolResource[])
      if (a[field] > 0) vars.push({ kind: 'school', code, field, id: SCHOOL_INDICATOR[field], units: unitsOf.get(code) ?? [] });
  const amountOf = (v: PlanVar) => (v.kind === 'row' ? state.rows.get(v.key)![v.field] : state.schools.get(v.code)![v.field]);
  const setAmount = (v: PlanVar, x: number) => {
    if (v.kind === 'row') state.rows.get(v.key)![v.field] = x;
    else state.schools.get(v.code)![v.field] = x;
  };
  const weight = (v: PlanVar) => (v.kind === 'row' ? (v.field === 'teachers' ? model.teacher : v.field === 'backbone' ? model.backboneDesignation : 0) : model[v.field]);
  const lowest = (v: PlanVar) => {
    if (v.kind !== 'row' || v.field !== 'teachers') return 0;
    const r = state.rows.get(v.key)!;
    return Math.max(r.arts, teachersForBackbone(r.backbone, r.available));
  };

  /** Sets the amount and brings the cached values and sums up to date; returns whether everything kept passes. */
  const apply = (v: PlanVar, x: number): boolean => {
    setAmount(v, x);
    const k = INDICATOR_IDS.indexOf(v.id);
    let ok = true;
    for (const u of v.units) {
      const i = slot.get(u)!;
      const before = values[i * K + k];
      const after = state.value(u, v.id) ?? NaN;
      values[i * K + k] = after;
      const c = sums.get(cvKey(u.stage, k));
      if (c) {
        c.px += u.students! * (after - before);
        c.pxx += u.students! * (after * after - before * before);
      }
      if (enforcedUnit.has(u) && !unitPasses(u)) ok = false;
    }
    for (const u of v.units) {
      const c = sums.get(cvKey(u.stage, k));
      if (c?.enforced && !cvPasses(c)) ok = false;
    }
    return ok;
  };

  let any = false;
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    const order = vars.map((v) => ({ v, cost: amountOf(v) * weight(v) })).sort((a, b) => b.cost - a.cost);
    for (const { v } of order) {
      const current = amountOf(v);
      const floor = lowest(v);
      if (!(current > floor)) continue;
      const integer = v.kind === 'row' || integerResource(v.id);
      if (apply(v, floor)) {
        changed = true;
        continue;
      }
      // Most amounts are tight: a little less already fails.
      const near = integer ? current - 1 : current * (1 - 1e-6);
      if (near <= floor || !apply(v, near)) {
        apply(v, current);
        continue;
      }
      // floor fails, a little less than the amount passes: the least amount between them that passes.
      let lo = floor;
      let hi = near;
      for (let step = 0; step < 60; step++) {
        if (integer ? hi - lo <= 1 : hi - lo <= current * 1e-9) break;
        const mid = integer ? Math.floor((lo + hi) / 2) : (lo + hi) / 2;
        if (apply(v, mid)) hi = mid;
        else lo = mid;
      }
      apply(v, hi);
      changed = true;
    }
    if (!changed) break;
    any = true;
  }
  return any;
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
  const targetOf = rowTargets(schools, stageRows);
  for (const c of changes) {
    const target = targetOf(c.ref);
    if (!target) continue;
    target[c.ref.field] = (target[c.ref.field] ?? 0) + c.amount;
  }
  return { ...county, schools: schools as School[], stageRows: stageRows as StageRow[] };
}

/** The school or 学段 row a reference points to, as a record of its fields (undefined: no such row). */
function rowTargets(schools: readonly School[], stageRows: readonly StageRow[]): (ref: CellRef) => Record<string, number | null> | undefined {
  const schoolAt = new Map(schools.map((s) => [s.row, s] as const));
  const rowAt = new Map(stageRows.map((r) => [r.row, r] as const));
  return (ref) => (ref.sheet === 'schools' ? schoolAt.get(ref.row) : rowAt.get(ref.row)) as unknown as Record<string, number | null> | undefined;
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
export function additionText(a: Pick<PlanAddition, 'kind' | 'existingTeachers' | 'amount' | 'column' | 'formula'>): string | null {
  const what = additionWords(a);
  if (!a.formula) return what;
  return `${what ? `${what}；` : ''}该单元格是公式，不要直接改写为数值：补充它引用的单元格（或修改公式），使结果增加上述数量`;
}

function additionWords(a: Pick<PlanAddition, 'kind' | 'existingTeachers' | 'amount' | 'column'>): string | null {
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

/**
 * An addition's amount as it is to be typed in, with its unit: whole persons and rooms as they are; ㎡ and money
 * rounded *up* to two decimals (a hundredth's float noise, below 1e-7 of it, aside), so that adding the amount
 * shown is never short of the plan: rounded to the nearest, 4.5818 万元 shown as 4.58 left a school at R6 1 999.98 元.
 */
export function amountText(a: Pick<PlanAddition, 'amount' | 'unit'>): string {
  if (a.unit === '人' || a.unit === '间' || Number.isInteger(a.amount)) return `${a.amount}${a.unit}`;
  const up = (Math.ceil(a.amount * 100 - 1e-7) / 100).toFixed(2);
  return `${up.replace(/\.?0+$/, '')}${a.unit}`;
}

function methodText(model: CostModel, profile: Profile): string {
  return (
    '分三步求最少追加量。' +
    `第一步，对每所有未达标学段的学校，精确枚举“${renderMessage(UNIT, 'plan-rule', profile)}”的各种补足组合（一贯制学校两个学段合并计算，共用校舍设备取两学段所需的较大值），` +
    `按成本权重（新增专任教师每人${model.teacher}万元，认定骨干教师每人${model.backboneDesignation}万元（培训费），教学及辅助用房每平方米${model.teachingArea}万元，室外运动场地每平方米${model.outdoorSportsArea}万元，教学仪器设备按金额，网络多媒体教室每间${model.multimediaRooms}万元）取估算成本最低者。` +
    '县级及以上骨干教师是对在职教师的认定：先从本校该学段现有的非骨干专任教师中认定（只增加骨干教师数，不增加专任教师数），现有教师不够时才新增专任教师并认定。' +
    '新增教师均为本科学历专任教师（持证、已完成培训），需要时同时计为体育、音乐、美术教师，一名新教师可同时满足几项。' +
    '第二步，对仍超过限值的差异系数，只向低于县均值的学校追加该项资源，且追加后不超过县均值：把最低的若干学校提高到同一水平（注水法，各校每提高一个单位所需资源与学生数成正比时为精确最优；一贯制学校和完全中学的追加有一部分分摊到其他学段，按分摊比例修正各校的提高水平）；' +
    '教师和教室先取连续解的整数部分，再逐个补到差异系数达标，并去掉多余的。共用校舍设备会同时提高同校另一学段，故反复核算，直至所有差异系数达标。' +
    '第三步，收回后面的追加使之多余的部分（差异系数的追加可能已使某校另一项指标达标，为体育、艺术或骨干新增的教师也提高了学历指标，共用校舍设备也提高了另一学段）：按估算成本从高到低逐项减到仍全部达标的最小值，直至没有一项还能单独减少。' +
    '面积和金额未取整（显示时向上取到两位小数）；追加后的数据已由核验引擎重新计算。'
  );
}

const EMPTY_COST = (model: CostModel): PlanCost => ({
  teachers: 0, designations: 0, teachingArea: 0, outdoorSportsArea: 0, equipmentYuan: 0, multimediaRooms: 0, estimate: 0, weights: { ...model },
});

/** What still fails in an evaluation, in Chinese; what cannot be evaluated (an input error) said as such, not as failing. */
function failuresOf(e: Evaluation, profile: Profile): string[] {
  const out: string[] = [];
  for (const u of e.units)
    if (u.passes !== true) out.push(renderMessage(UNIT, u.passes === null ? 'remaining-unknown' : 'remaining', profile, { school: u.schoolName, stage: u.stage }));
  for (const stage of STAGES) {
    const b = e.balance[stage];
    if (!b) continue;
    for (const id of INDICATOR_IDS) {
      const passes = b.indicators[id].passes;
      if (passes !== true) out.push(renderMessage(CV, passes === null ? 'remaining-unknown' : 'remaining', profile, { stage, name: indicatorRule(id).name }));
    }
  }
  return out;
}

/** A plan, or why computing it failed (the message of what it threw), for a caller that shows either. */
export type PlanOutcome = Plan | { failed: string };

/** planOf, its failure caught and kept as the message to show. */
export function tryPlanOf(input: PlanInput): PlanOutcome {
  try {
    return planOf(input);
  } catch (e) {
    return { failed: e instanceof Error && e.message ? e.message : String(e) };
  }
}

/** The minimum plan for an analysed workbook (no plan while the workbook has errors). */
export function planOf(input: PlanInput, model: CostModel = DEFAULT_COST_MODEL, opts: { cvMethod?: CvMethod; takeBack?: boolean } = {}): Plan {
  const { read, evaluation, profile } = input;
  const errors = read.issues.filter((i) => i.severity === 'error').length;
  if (errors > 0)
    return {
      additions: [], cost: EMPTY_COST(model), complete: false, remaining: failuresOf(evaluation, profile), cautions: [],
      method: `工作簿有${errors}个错误，改正后才能计算达标方案。`,
    };
  const state = new State();
  unitPhase(evaluation, profile, model, state);
  cvPhase(evaluation, profile, state, opts.cvMethod ?? 'exact');
  const full = state.copy();
  let changes = changesOf(read.county, state);
  let applied = applyChanges(read.county, changes);
  let after = evaluate(applied, profile);
  if (opts.takeBack !== false && prunePhase(evaluation, profile, model, state)) {
    const pruned = changesOf(read.county, state);
    const prunedCounty = applyChanges(read.county, pruned);
    const check = evaluate(prunedCounty, profile);
    // Kept only when the engine agrees that nothing that passed with the whole plan fails.
    const before = new Set(failuresOf(after, profile));
    if (failuresOf(check, profile).every((f) => before.has(f))) {
      changes = pruned;
      applied = prunedCounty;
      after = check;
    } else state.restore(full);
  }
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
    const sheetLayout = read.layout[c.ref.sheet];
    const col = sheetLayout?.columns[c.ref.field];
    const formula = col !== undefined && sheetLayout?.formulas?.has(cellKey(c.ref.row, col)) === true;
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
      ...(formula ? { formula: true as const } : {}),
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
  const cautions = doubtfulCautions(read.issues);
  const beyond = beyondLimit(applied, additions, sorted, scale);
  if (beyond.length)
    cautions.push(`追加后有${beyond.length}个单元格超过读取时的合理范围（1 万亿）：${beyond.slice(0, 3).join('；')}${beyond.length > 3 ? '等' : ''}。照此填写后工作簿会有错误，请先核对数据中的异常值`);
  return {
    additions,
    cost: { ...totals, estimate: costOf({ ...NO_AMOUNTS, ...totals, backbone: designations }, model), weights: { ...model } },
    method: methodText(model, profile),
    complete: remaining.length === 0 && beyond.length === 0,
    remaining,
    cautions,
  };
}

/** The checks that call a value doubtful (it is used as read): a plan computed with it says so. */
const DOUBTFUL_CODES = new Set(['money-scale-doubtful', 'teachers-doubtful', 'area-doubtful']);

function doubtfulCautions(issues: readonly Issue[]): string[] {
  const doubtful = issues.filter((i) => DOUBTFUL_CODES.has(i.code));
  if (!doubtful.length) return [];
  const cells = doubtful.slice(0, 5).map((i) => (i.cell ? `${i.sheet ?? ''}!${i.cell}` : (i.sheet ?? '')));
  return [
    `数据中有${doubtful.length}处数值明显异常（${cells.join('、')}${doubtful.length > 5 ? '等' : ''}，见问题清单中的警告），方案按填报的数值计算：` +
      '一个多打了位数的数值会使全县的差异系数和方案大不相同，请先核对这些数值，改正后重新核验',
  ];
}

/** Additions after which the cell would hold more than the reader accepts (MAX_NUMBER), as 「sheet!cell「column」为 n」. */
function beyondLimit(applied: County, additions: readonly PlanAddition[], changes: readonly { ref: CellRef }[], scale: number): string[] {
  const targetOf = rowTargets(applied.schools, applied.stageRows);
  const out: string[] = [];
  changes.forEach((c, i) => {
    const v = targetOf(c.ref)?.[c.ref.field];
    if (typeof v !== 'number') return;
    const typed = c.ref.field === 'equipmentYuan' ? v / scale : v;
    const a = additions[i];
    if (typed > MAX_NUMBER) out.push(`${a.sheet}!${a.cell ?? '?'}「${a.column}」为 ${(typed / 1e12).toFixed(2)} 万亿`);
  });
  return out;
}
