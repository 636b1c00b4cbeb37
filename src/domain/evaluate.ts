/**
 * The pipeline's domain step: scope → units (with splits) → R1–R7 → per-unit rule → CVs → items.
 * Pure: no I/O, no cells (inputs are referred to by CellRef).
 */
import { weightedCvOf } from './cv';
import type { County, School, SchoolType, Stage, StageRow } from './model';
import { SCHOOL_TYPES, STAGES, TYPE_STAGES } from './model';
import { atLeast, atMost } from './numbers';
import type { IndicatorId, ResolvedProfile } from './profile';
import { INDICATOR_IDS } from './profile';
import type { CellRef } from './refs';
import { INDICATORS, UNIT, type UnitInputs } from './rules';
import { firstRowOf, stageRowsByCode, type Check } from './rules/item-kit';
import { evaluateItems, type ItemResult } from './rules/items';
import { renderMessage } from './rules/render';
import { schoolStageStudents, splitWeights, unitShare } from './split';

export interface IndicatorResult {
  value: number | null;
  threshold: number;
  met: boolean | null;
  aboveFloor: boolean | null;
}

export interface UnitResult {
  schoolCode: string;
  schoolName: string;
  stage: Stage;
  students: number | null;
  /** Share of the school's physical resources (1 for single-part schools). */
  share: number | null;
  /** The indicators' results; the report shows these very objects, so they hold only what it prints. */
  indicators: Record<IndicatorId, IndicatorResult>;
  /** Each indicator's numerator (teachers, ㎡, 元, rooms) for the unit, after the split; null when an input is blank or bad. */
  numerators: Record<IndicatorId, number | null>;
  metCount: number | null;
  passes: boolean | null;
  school: School;
  row: StageRow | null;
}

export interface Exclusion {
  schoolCode: string;
  schoolName: string;
  stage?: Stage;
  reason: string;
}

export interface BalanceIndicator {
  mean: number | null;
  cv: number | null;
  limit: number;
  passes: boolean | null;
}

export interface StageBalance {
  units: number;
  students: number;
  indicators: Record<IndicatorId, BalanceIndicator>;
}

export interface Evaluation {
  units: UnitResult[];
  excluded: Exclusion[];
  balance: Partial<Record<Stage, StageBalance>>;
  items: ItemResult[];
  /** Each item's checks (school by school for G3, Q4), as its verdict was made from them. */
  itemChecks: ReadonlyMap<string, readonly Check[]>;
  /** All units pass and every CV passes; null when a value or a CV is unknown. */
  resourcePasses: boolean | null;
}

function stageStudentsOf(s: School, stage: Stage): number | null {
  const field = stage === '小学' ? 'studentsPrimary' : 'studentsJunior';
  if (s.bad.has(field)) return null;
  return s[field];
}

/**
 * The stages a school contributes units for: from its type, or, for an unusable type, every stage whose
 * student count is positive or itself unusable — and every stage when none is known. Such units have no
 * values, so the CVs of their stages are null: never a CV computed over the other schools only.
 */
function schoolStages(s: School): readonly Stage[] {
  if (s.type) return TYPE_STAGE_LIST[s.type];
  const field = (st: Stage) => (st === '小学' ? 'studentsPrimary' : 'studentsJunior');
  const possible = STAGES.filter((st) => s.bad.has(field(st)) || (stageStudentsOf(s, st) ?? 0) > 0);
  return possible.length ? possible : [...STAGES];
}

/** What the CVs of a 学段 read: its units' students (0 when unknown) and each indicator's values, in unit order. */
interface StageColumns {
  students: number[];
  studentsKnown: boolean;
  /** The students of the units summed in unit order (unknown as 0), as StageBalance.students. */
  total: number;
  /** Per indicator (INDICATORS order): the values while all are known. */
  values: number[][];
  /** Per indicator: no unit lacks the value. */
  complete: boolean[];
}

function newColumns(): StageColumns {
  return { students: [], studentsKnown: true, total: 0, values: INDICATORS.map(() => []), complete: INDICATORS.map(() => true) };
}

/**
 * A unit's results (or numerators) by indicator id, from a list in INDICATORS order (one object of seven fields). INDICATORS
 * lists the ids of INDICATOR_IDS in the same order (tests/domain/rules/catalogue.test.ts).
 */
function indicatorsOf<T>(r: readonly T[]): Record<IndicatorId, T> {
  return { R1: r[0], R2: r[1], R3: r[2], R4: r[3], R5: r[4], R6: r[5], R7: r[6] };
}

/** The stages of each school type, in STAGES order (computed once). */
const TYPE_STAGE_LIST = {} as Record<SchoolType, readonly Stage[]>;
for (const t of SCHOOL_TYPES) TYPE_STAGE_LIST[t] = STAGES.filter((st) => TYPE_STAGES[t][st]);

export function evaluate(county: County, profile: ResolvedProfile): Evaluation {
  const tol = profile.tolerance;
  // The 学段 rows of each school code (also what evaluateItems groups them by).
  const rowsOf = stageRowsByCode(county.stageRows);

  // Each rule's threshold and floor (floorRatio × threshold) per 学段, computed once.
  const thresholdsOf = {} as Record<Stage, number[]>;
  const floorsOf = {} as Record<Stage, number[]>;
  for (const stage of STAGES) {
    thresholdsOf[stage] = INDICATORS.map((rule) => rule.threshold(profile, stage));
    floorsOf[stage] = thresholdsOf[stage].map((t) => profile.floorRatio * t);
  }

  // The types whose physical resources are split between parts (splitWeights is not null for them).
  const splits = new Set(SCHOOL_TYPES.filter((t) => splitWeights(t, profile)));

  const units: UnitResult[] = [];
  const excluded: Exclusion[] = [];
  /** Stages with a unit whose scope is unknown (a 办学性质 with an error when 民办 is left out): no CV. */
  const scopeUnknown = new Set<Stage>();
  // Per 学段, what the CVs read, gathered unit by unit (in the order of `units`).
  const columnsOf = {} as Record<Stage, StageColumns>;
  for (const stage of STAGES) columnsOf[stage] = newColumns();
  // One IndicatorResult per indicator of the unit at hand (reused: the unit's record copies them out).
  const results: IndicatorResult[] = new Array<IndicatorResult>(INDICATORS.length);
  const numerators: (number | null)[] = new Array<number | null>(INDICATORS.length);
  for (const s of county.schools) {
    if (s.type === '特殊教育学校') {
      excluded.push({ schoolCode: s.code, schoolName: s.name, reason: '特殊教育学校不参与资源配置指标和差异系数计算' });
      continue;
    }
    if (!profile.scope.includePrivate && s.ownership === '民办') {
      excluded.push({ schoolCode: s.code, schoolName: s.name, reason: '民办学校（按所选规则配置不纳入计算）' });
      continue;
    }
    // The school's students per part, asked only for the types that split (the share is 1 for the others).
    const partsKnown = !s.bad.has('studentsPrimary') && !s.bad.has('studentsJunior') && !s.bad.has('studentsSenior');
    const parts = partsKnown && s.type && splits.has(s.type) ? schoolStageStudents(s) : null;
    const ownershipUnknown = !profile.scope.includePrivate && s.bad.has('ownership');
    const schoolRows = rowsOf.get(s.code);
    for (const stage of schoolStages(s)) {
      if (ownershipUnknown) scopeUnknown.add(stage);
      const students = stageStudentsOf(s, stage);
      if (s.type === '小学教学点' && students !== null && students < profile.scope.teachingPointMinStudents) {
        excluded.push({ schoolCode: s.code, schoolName: s.name, stage, reason: renderMessage(UNIT, 'excluded-teaching-point', profile) });
        continue;
      }
      const share = !s.type || !partsKnown ? null : parts ? unitShare(s.type, stage, parts, profile) : 1;
      const row = firstRowOf(schoolRows, stage);
      const inputs: UnitInputs = { school: s, stage, row, share, profile };
      const thresholds = thresholdsOf[stage];
      const floors = floorsOf[stage];
      const columns = columnsOf[stage];
      let known = true;
      let met = 0;
      let allAboveFloor = true;
      for (let k = 0; k < INDICATORS.length; k++) {
        const rule = INDICATORS[k];
        const threshold = thresholds[k];
        const num = rule.numerator(inputs);
        numerators[k] = num;
        const value = num === null || students === null || students <= 0 ? null : rule.per100 ? (num * 100) / students : num / students;
        if (value === null) {
          results[k] = { value, threshold, met: null, aboveFloor: null };
          known = false;
          allAboveFloor = false;
          columns.complete[k] = false;
          continue;
        }
        const i: IndicatorResult = { value, threshold, met: atLeast(value, threshold, tol), aboveFloor: atLeast(value, floors[k], tol) };
        results[k] = i;
        if (i.met) met++;
        if (!i.aboveFloor) allAboveFloor = false;
        columns.values[k].push(value);
      }
      const metCount = known ? met : null;
      const passes = known ? metCount! >= profile.minMet && allAboveFloor : null;
      units.push({ schoolCode: s.code, schoolName: s.name, stage, students, share, indicators: indicatorsOf(results), numerators: indicatorsOf(numerators), metCount, passes, school: s, row });
      if (students === null) columns.studentsKnown = false;
      columns.students.push(students ?? 0);
      columns.total += students ?? 0;
    }
  }

  const balance: Partial<Record<Stage, StageBalance>> = {};
  for (const stage of STAGES) {
    const columns = columnsOf[stage];
    const n = columns.students.length;
    if (n === 0) continue;
    const indicators = {} as Record<IndicatorId, BalanceIndicator>;
    const limit = profile.cvLimits[stage];
    for (let k = 0; k < INDICATOR_IDS.length; k++) {
      const id = INDICATOR_IDS[k];
      if (!(columns.studentsKnown && !scopeUnknown.has(stage) && columns.complete[k])) {
        indicators[id] = { mean: null, cv: null, limit, passes: null };
        continue;
      }
      const r = weightedCvOf(columns.values[k], columns.students);
      indicators[id] = { mean: r.mean, cv: r.cv, limit, passes: r.cv === null ? null : atMost(r.cv, limit, tol) };
    }
    balance[stage] = { units: n, students: columns.total, indicators };
  }

  const itemChecks = new Map<string, Check[]>();
  const items = evaluateItems(county, profile, itemChecks, rowsOf);

  // false when a unit or a CV fails, else null when one is unknown, else true.
  let anyFalse = false;
  let anyNull = false;
  for (const u of units) {
    if (u.passes === false) anyFalse = true;
    else if (u.passes === null) anyNull = true;
  }
  for (const stage of STAGES)
    for (const id of INDICATOR_IDS) {
      const b = balance[stage]?.indicators[id];
      if (!b) continue;
      if (b.passes === false) anyFalse = true;
      else if (b.passes === null) anyNull = true;
    }
  const resourcePasses = anyFalse ? false : anyNull ? null : true;
  return { units, excluded, balance, items, itemChecks, resourcePasses };
}

/** The input cells behind one indicator of one unit (what a failing indicator marks). */
export function indicatorInputRefs(u: UnitResult, id: IndicatorId, profile: ResolvedProfile): CellRef[] {
  const rule = INDICATORS.find((r) => r.id === id)!;
  const f = rule.inputs({ school: u.school, stage: u.stage, row: u.row, share: u.share, profile });
  const refs: CellRef[] = f.schoolFields.map((field) => ({ sheet: 'schools' as const, row: u.school.row, field }));
  if (u.row) for (const field of f.stageFields) refs.push({ sheet: 'stages', row: u.row.row, field });
  return refs;
}
