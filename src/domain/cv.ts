/**
 * The student-weighted, population-form 差异系数 (standard §4): pooled county mean, weights P_i/P, no n−1.
 */

export interface CvInput {
  /** The unit's indicator value x_i (already per student or per hundred students). */
  value: number;
  students: number;
}

export interface CvResult {
  /** Pooled county mean X̄ = Σ x_i·P_i / Σ P_i (equal to Σ numerators ÷ P). */
  mean: number;
  sd: number;
  /** null when the mean is 0 (undefined), never 0 in that case. */
  cv: number | null;
}

export function weightedCv(inputs: readonly CvInput[]): CvResult {
  return weightedCvOf(
    inputs.map((u) => u.value),
    inputs.map((u) => u.students),
  );
}

/** weightedCv over parallel arrays (value i, students i), for callers that hold a 学段's values by indicator. */
export function weightedCvOf(values: ArrayLike<number>, students: ArrayLike<number>): CvResult {
  const n = values.length;
  const { p, mean } = pooledMean(values, students);
  if (n === 0 || p === 0) return { mean: 0, sd: 0, cv: null };
  const sd = Math.sqrt(weightedVariance(values, students, p, mean));
  if (mean === 0) return { mean, sd, cv: null };
  return { mean, sd, cv: n === 1 ? 0 : sd / mean };
}

/**
 * S² = Σ (P_i/P)(x_i − X̄)², summed in unit order; with `parts`, each unit's term is kept there too (the
 * contributions' shares). A term is 0 when P is not positive.
 */
export function weightedVariance(values: ArrayLike<number>, students: ArrayLike<number>, p: number, mean: number, parts?: Float64Array): number {
  let variance = 0;
  for (let i = 0; i < values.length; i++) {
    const part = p > 0 ? (students[i] / p) * (values[i] - mean) ** 2 : 0;
    if (parts) parts[i] = part;
    variance += part;
  }
  return variance;
}

/**
 * P = Σ P_i and the pooled mean Σ x_i·P_i / P over parallel arrays (0 when there are no units or no
 * students), summed in unit order: the one place weightedCvOf and the contributions
 * (src/domain/contributions.ts) take them from.
 */
export function pooledMean(values: ArrayLike<number>, students: ArrayLike<number>): { p: number; mean: number } {
  const n = values.length;
  let p = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    p += students[i];
    total += values[i] * students[i];
  }
  return { p, mean: n === 0 || p === 0 ? 0 : total / p };
}
