/**
 * Each unit's contribution to a 差异系数 (issue 6, part 2).
 *
 * The weighted variance is S² = Σ_i (P_i/P)(x_i − X̄)², so unit i's share of it is
 * (P_i/P)(x_i − X̄)² ÷ S² (the shares add up to 1; all 0 when S = 0). `cvIfAtMean` is the CV recomputed
 * from scratch — pooled mean included, which moves too — with that one unit's value set to the current
 * county mean X̄ (spec/cli.md); null when that CV is undefined.
 */
import { weightedCv, type CvInput } from './cv';
import type { Evaluation } from './evaluate';
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

/**
 * The CV with unit i's value set to the mean m. With p_i = P_i/P the new mean is m' = m + p_i(m − x_i) and,
 * centring on m, the new variance is V − p_i(x_i − m)² − (m' − m)²: exact, O(1) per unit, so a county of
 * 10 000 schools costs no more than one CV per unit. When that difference loses most of its digits (the
 * unit carries nearly all the variance), the CV is recomputed directly from the changed values.
 */
function cvIfAtMean(units: readonly CvInput[], i: number, mean: number, variance: number, part: number, P: number): number | null {
  if (units.length === 1) return weightedCv([{ value: mean, students: units[0].students }]).cv;
  if (variance === 0) return mean === 0 ? null : 0;
  const d = (units[i].students / P) * (mean - units[i].value);
  const newMean = mean + d;
  const newVariance = variance - part - d * d;
  if (!(newVariance > 1e-6 * variance))
    return weightedCv(units.map((v, j) => (j === i ? { value: mean, students: v.students } : { value: v.value, students: v.students }))).cv;
  return newMean === 0 ? null : Math.sqrt(newVariance) / newMean;
}

/** Contributions of the units of one 学段 and indicator, largest share first (ties keep input order). */
export function contributions(units: readonly ContributionInput[]): Contribution[] {
  if (units.length === 0) return [];
  const { mean } = weightedCv(units);
  const P = units.reduce((a, u) => a + u.students, 0);
  const parts = units.map((u) => (P > 0 ? (u.students / P) * (u.value - mean) ** 2 : 0));
  const variance = parts.reduce((a, b) => a + b, 0);
  const shares = parts.map((x) => (variance > 0 ? x / variance : 0));
  // Sorted as indices (then one object per unit), ties in input order.
  const order = units.map((_, i) => i);
  order.sort((a, b) => shares[b] - shares[a] || a - b);
  return order.map((i) => ({
    schoolCode: units[i].schoolCode,
    schoolName: units[i].schoolName,
    value: units[i].value,
    share: shares[i],
    cvIfAtMean: cvIfAtMean(units, i, mean, variance, parts[i], P),
  }));
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
    table = computeContributions(e);
    computed.set(e, table);
  }
  return table;
}

function computeContributions(e: Evaluation): ContributionTable {
  const out: Partial<Record<Stage, Record<IndicatorId, Contribution[]>>> = {};
  for (const stage of STAGES) {
    const us = e.units.filter((u) => u.stage === stage);
    if (us.length === 0) continue;
    const byId = {} as Record<IndicatorId, Contribution[]>;
    for (const id of INDICATOR_IDS) {
      const complete = us.every((u) => u.students !== null && u.indicators[id].value !== null);
      byId[id] = complete
        ? contributions(us.map((u) => ({ schoolCode: u.schoolCode, schoolName: u.schoolName, value: u.indicators[id].value!, students: u.students! })))
        : [];
    }
    out[stage] = byId;
  }
  return out;
}
