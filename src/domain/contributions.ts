/**
 * Each unit's contribution to a 差异系数 (issue 6, part 2).
 *
 * The weighted variance is S² = Σ_i (P_i/P)(x_i − X̄)², so unit i's share of it is
 * (P_i/P)(x_i − X̄)² ÷ S² (the shares add up to 1; all 0 when S = 0). `cvIfAtMean` is the CV recomputed
 * from scratch — pooled mean included, which moves too — with that one unit's value set to the current
 * county mean X̄ (spec/cli.md); null when that CV is undefined.
 */
import { pooledMean, weightedCvOf, weightedVariance, type CvInput } from './cv';
import type { Evaluation, IndicatorResult } from './evaluate';
import type { Stage } from './model';
import { STAGES } from './model';
import type { IndicatorId } from './profile';
import { INDICATOR_IDS } from './profile';

export interface Contribution {
  schoolCode: string;
  schoolName: string;
  /** The unit's value x_i. */
  value: number;
  /** (P_i/P)(x_i − X̄)² ÷ S². */
  share: number;
  /** CV with this unit's value set to the current mean. */
  cvIfAtMean: number | null;
}

export interface ContributionInput extends CvInput {
  schoolCode: string;
  schoolName: string;
}

/** What names a unit in a contribution. */
interface Named {
  schoolCode: string;
  schoolName: string;
}

/** The spread of one CV's units: the pooled mean, P, each unit's part of the variance and its share. */
interface Spread {
  mean: number;
  P: number;
  variance: number;
  parts: Float64Array;
  shares: Float64Array;
}

/** Sums in the order weightedCv and the former reduce calls used, so the same bits. */
function spreadOf(values: Float64Array, students: Float64Array): Spread {
  const n = values.length;
  // The mean and P as weightedCv computes them.
  const { p: P, mean } = pooledMean(values, students);
  const parts = new Float64Array(n);
  const variance = weightedVariance(values, students, P, mean, parts);
  const shares = new Float64Array(n);
  for (let i = 0; i < n; i++) shares[i] = variance > 0 ? parts[i] / variance : 0;
  return { mean, P, variance, parts, shares };
}

/**
 * The CV with unit i's value set to the mean m. With p_i = P_i/P the new mean is m' = m + p_i(m − x_i) and,
 * centring on m, the new variance is V − p_i(x_i − m)² − (m' − m)²: exact, O(1) per unit, so a county of
 * 10 000 schools costs no more than one CV per unit. When that difference loses most of its digits (the
 * unit carries nearly all the variance), the CV is recomputed directly from the changed values.
 */
function cvIfAtMean(values: Float64Array, students: Float64Array, i: number, s: Spread): number | null {
  const { mean, variance, P } = s;
  if (values.length === 1) return weightedCvOf([mean], students).cv;
  if (variance === 0) return mean === 0 ? null : 0;
  const d = (students[i] / P) * (mean - values[i]);
  const newMean = mean + d;
  const newVariance = variance - s.parts[i] - d * d;
  if (!(newVariance > 1e-6 * variance)) {
    const changed = Float64Array.from(values);
    changed[i] = mean;
    return weightedCvOf(changed, students).cv;
  }
  return newMean === 0 ? null : Math.sqrt(newVariance) / newMean;
}

function contributionAt(named: readonly Named[], values: Float64Array, students: Float64Array, s: Spread, i: number): Contribution {
  return { schoolCode: named[i].schoolCode, schoolName: named[i].schoolName, value: values[i], share: s.shares[i], cvIfAtMean: cvIfAtMean(values, students, i, s) };
}

/** Every unit's contribution, largest share first (ties keep input order). */
function allContributions(named: readonly Named[], values: Float64Array, students: Float64Array): Contribution[] {
  const n = values.length;
  if (n === 0) return [];
  const s = spreadOf(values, students);
  const shares = s.shares;
  // Sorted as indices (then one object per unit), ties in input order.
  const order: number[] = new Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => shares[b] - shares[a] || a - b);
  const out: Contribution[] = new Array(n);
  for (let k = 0; k < n; k++) out[k] = contributionAt(named, values, students, s, order[k]);
  return out;
}

/**
 * The first `limit` of allContributions without sorting them all: a pass that keeps the largest shares
 * (a later unit enters only with a strictly larger share, so ties keep input order). Shares that are not
 * finite fall back to the full sort, whose order they decide.
 */
function topContributions(named: readonly Named[], values: Float64Array, students: Float64Array, limit: number): Contribution[] {
  const n = values.length;
  if (n === 0) return [];
  if (!(limit < n)) return allContributions(named, values, students);
  const s = spreadOf(values, students);
  const shares = s.shares;
  const top: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = shares[i];
    if (!Number.isFinite(x)) return allContributions(named, values, students).slice(0, limit);
    if (top.length === limit) {
      if (!(x > shares[top[limit - 1]])) continue;
      top.pop();
    }
    let at = top.length;
    while (at > 0 && shares[top[at - 1]] < x) at--;
    top.splice(at, 0, i);
  }
  return top.map((i) => contributionAt(named, values, students, s, i));
}

/** Contributions of the units of one 学段 and indicator, largest share first (ties keep input order). */
export function contributions(units: readonly ContributionInput[]): Contribution[] {
  return allContributions(units, Float64Array.from(units, (u) => u.value), Float64Array.from(units, (u) => u.students));
}

type ContributionTable = Partial<Record<Stage, Record<IndicatorId, Contribution[]>>>;

/** One computation per evaluation: the JSON report, the text advice and the pane all ask for it. */
const computed = new WeakMap<Evaluation, ContributionTable>();

/**
 * Contributions for every 学段 and indicator of an evaluation; an empty list where the CV cannot be
 * computed because a value or a student count is unknown. Computed once per evaluation (do not mutate).
 */
export function contributionsOf(e: Evaluation): ContributionTable {
  let table = computed.get(e);
  if (!table) {
    table = tableOf(e, allContributions);
    computed.set(e, table);
  }
  return table;
}

/** The largest contributors of one CV and how many units it has contributions for. */
export interface TopContributions {
  /** The first `limit` of contributionsOf's list (all of it when the limit is Infinity; do not mutate). */
  top: Contribution[];
  /** The length of contributionsOf's list. */
  total: number;
}

/**
 * contributionsOf cut to the first `limit` of each list, without building (or sorting) the rest: what a
 * report that shows only the top contributors needs.
 */
export function topContributionsOf(e: Evaluation, limit: number): Partial<Record<Stage, Record<IndicatorId, TopContributions>>> {
  const full = limit === Infinity ? contributionsOf(e) : computed.get(e);
  const out: Partial<Record<Stage, Record<IndicatorId, TopContributions>>> = {};
  if (full) {
    for (const stage of STAGES) {
      const byId = full[stage];
      if (!byId) continue;
      const cut = {} as Record<IndicatorId, TopContributions>;
      for (const id of INDICATOR_IDS) cut[id] = { top: limit === Infinity ? byId[id] : byId[id].slice(0, limit), total: byId[id].length };
      out[stage] = cut;
    }
    return out;
  }
  const table = tableOf(e, (named, values, students) => ({ top: topContributions(named, values, students, limit), total: values.length }), () => ({ top: [], total: 0 }));
  return table;
}

/** A unit's results in the order of INDICATOR_IDS (R1 … R7), read by name rather than by a key that changes. */
function resultsInOrder(v: Record<IndicatorId, IndicatorResult>): IndicatorResult[] {
  return [v.R1, v.R2, v.R3, v.R4, v.R5, v.R6, v.R7];
}

/**
 * A table by 学段 and indicator of `make` over each CV's values and students (in unit order); what `empty`
 * makes (a fresh [] by default) where a value or a student count is unknown.
 */
function tableOf<T>(
  e: Evaluation,
  make: (named: readonly Named[], values: Float64Array, students: Float64Array) => T,
  empty?: () => T,
): Partial<Record<Stage, Record<IndicatorId, T>>> {
  const out: Partial<Record<Stage, Record<IndicatorId, T>>> = {};
  for (const stage of STAGES) {
    const us = e.units.filter((u) => u.stage === stage);
    const n = us.length;
    if (n === 0) continue;
    const students = new Float64Array(n);
    let studentsKnown = true;
    for (let i = 0; i < n; i++) {
      const p = us[i].students;
      if (p === null) studentsKnown = false;
      else students[i] = p;
    }
    // Every indicator's values in one pass over the units, each unit's results read by name.
    const columns: (Float64Array | null)[] = INDICATOR_IDS.map(() => (studentsKnown ? new Float64Array(n) : null));
    for (let i = 0; studentsKnown && i < n; i++) {
      const results = resultsInOrder(us[i].indicators);
      for (let k = 0; k < results.length; k++) {
        const column = columns[k];
        if (column === null) continue;
        const v = results[k].value;
        if (v === null) columns[k] = null;
        else column[i] = v;
      }
    }
    const byId = {} as Record<IndicatorId, T>;
    INDICATOR_IDS.forEach((id, k) => {
      const values = columns[k];
      byId[id] = values ? make(us, values, students) : empty ? empty() : ([] as T);
    });
    out[stage] = byId;
  }
  return out;
}
