/**
 * The least resource that brings one 差异系数 (one 学段, one indicator) under its limit, adding only.
 *
 * Model. Units i have students P_i, value x_i, and a cost k_i: the resource (persons, ㎡, 元, rooms) needed
 * to raise x_i by one (k_i = P_i ÷ (c · s_i), with c = 100 for per-hundred indicators and s_i the unit's
 * share of its school's resource, 1 for teachers). With p_i = P_i / P the CV is
 * CV(y) = sqrt(Σ p_i (y_i − m)²) / m, m = Σ p_i y_i (standard §4). Find y ≥ x minimising Σ k_i (y_i − x_i)
 * subject to CV(y) ≤ L.
 *
 * Exact continuous solution. sd(y) is a weighted Euclidean norm of y − m·1 and m is linear, so the
 * feasible set {sd(y) − L·m(y) ≤ 0} is convex (a second-order cone) and the problem is convex. With
 * ∂sd/∂y_i = p_i (y_i − m)/sd and ∂m/∂y_i = p_i, the KKT conditions give, for t_i = k_i / P_i (resource
 * per point per student) and some θ ≥ 0:
 *     y_i = max(x_i, H − θ (t_i − t_min))              for a common level H.
 * 1. Equal costs per student (t_i all equal: every teacher-based indicator, and R4–R7 when no school is
 *    split) → θ plays no part and the optimum is WATER-FILLING: raise the lowest values to one common
 *    level H. Direct proof: for a given cost (i.e. a given new mean, since Σ k_i d_i ∝ Σ p_i d_i), the
 *    variance Σ p_i (y_i − m')² is minimised under d ≥ 0 exactly by a common level (the KKT conditions of
 *    that convex QP); and along water-filling dVar/dH = 2q(H − m) ≤ 0 (q = weight of the raised units,
 *    H ≤ m) while dm/dH = q ≥ 0, so CV falls monotonically with the cost: the first level where
 *    CV = L is the cheapest feasible point.
 * 2. Unequal costs (一贯制 / 完全中学 units, whose additions partly go to another 学段 or the 高中): for each
 *    θ the cheapest point on the curve H ↦ y(H, θ) is its first crossing of CV = L (found exactly: on each
 *    stretch between breakpoints the condition Σ p y² ≤ (1 + L²) m² is a quadratic in H), and the
 *    optimum is the minimum over θ (searched on a grid, then refined by golden section; θ = 0, plain
 *    water-filling, is always a candidate, so the result is never worse than water-filling).
 *    With unequal costs the unconstrained optimum may raise a cheap unit slightly ABOVE the mean (raising
 *    a unit near the mean lowers sd/m by raising m). The plan only raises units below the county mean and
 *    never above it: a θ whose curve does that is rejected. On 1 500 random cases this cost +0.05 % at
 *    worst against the unconstrained optimum (a lower bound), and nothing on the sample counties.
 *
 * Whole units (persons, rooms). The continuous optimum is rounded down, completed one unit at a time
 * where the CV falls most among the units below the mean (greedy), then every unit that can be taken back
 * without the CV going over the limit is taken back. tests/domain/cvmin.test.ts compares this with
 * exhaustive search on small cases.
 *
 * The plain greedy (one step at a time to the unit below the mean whose CV reduction per unit of resource
 * is largest, re-evaluated after every step) is here as well, for comparison.
 */
import { weightedCv } from './cv';

export interface CvUnit {
  value: number;
  students: number;
  /** Resource needed to raise this unit's value by 1 (> 0). */
  costPerPoint: number;
}

export interface CvSolution {
  /** Resource added per unit (same order as the input). */
  amounts: number[];
  /** Σ amounts. */
  total: number;
  /** CV after the additions (null: undefined). */
  cv: number | null;
}

export function cvOf(units: readonly CvUnit[], amounts?: readonly number[]): number | null {
  return weightedCv(units.map((u, i) => ({ value: u.value + (amounts ? amounts[i] / u.costPerPoint : 0), students: u.students }))).cv;
}

function feasible(units: readonly CvUnit[], amounts: readonly number[], limit: number): boolean {
  const cv = cvOf(units, amounts);
  return cv !== null && cv <= limit;
}

function solution(units: readonly CvUnit[], amounts: number[]): CvSolution {
  return { amounts, total: amounts.reduce((a, b) => a + b, 0), cv: cvOf(units, amounts) };
}

/** First crossing of CV = limit along y_i = max(x_i, H − b_i); returns the level H (Infinity if none, which cannot happen for m > 0). */
function firstCrossing(x: readonly number[], p: readonly number[], b: readonly number[], limit: number): number {
  const n = x.length;
  const order = [...Array(n).keys()].sort((i, j) => x[i] + b[i] - (x[j] + b[j]) || i - j);
  const K = 1 + limit * limit;
  // Inactive sums (all inactive at first).
  let restPx = 0;
  let restPx2 = 0;
  for (let i = 0; i < n; i++) {
    restPx += p[i] * x[i];
    restPx2 += p[i] * x[i] * x[i];
  }
  let q = 0;
  let pb = 0;
  let pb2 = 0;
  const g = (H: number) => {
    const m = q * H - pb + restPx;
    const e2 = q * H * H - 2 * H * pb + pb2 + restPx2;
    return { m, g: e2 - K * m * m };
  };
  for (let k = 0; k < n; k++) {
    const i = order[k];
    // Activate unit i: the stretch starts at its breakpoint.
    q += p[i];
    pb += p[i] * b[i];
    pb2 += p[i] * b[i] * b[i];
    restPx -= p[i] * x[i];
    restPx2 -= p[i] * x[i] * x[i];
    const lo = x[i] + b[i];
    const hi = k + 1 < n ? x[order[k + 1]] + b[order[k + 1]] : Infinity;
    if (hi <= lo) continue;
    const atLo = g(lo);
    if (atLo.m > 0 && atLo.g <= 0) return lo;
    // g(H) = aH² + bbH + c on this stretch.
    const a = q - K * q * q;
    const bb = -2 * pb - 2 * K * q * (restPx - pb);
    const c = pb2 + restPx2 - K * (restPx - pb) * (restPx - pb);
    const roots: number[] = [];
    if (Math.abs(a) < 1e-15 * Math.max(1, Math.abs(bb), Math.abs(c))) {
      if (bb !== 0) roots.push(-c / bb);
    } else {
      const disc = bb * bb - 4 * a * c;
      if (disc >= 0) {
        const sq = Math.sqrt(disc);
        const r1 = (-bb - Math.sign(bb || 1) * sq) / (2 * a);
        const r2 = r1 !== 0 ? c / (a * r1) : (-bb + sq) / (2 * a);
        roots.push(r1, r2);
      }
    }
    roots.sort((u, v) => u - v);
    for (const r of roots) {
      if (!(r > lo) || r > hi) continue;
      // Polish: nudge up until the crossing is feasible in floating point.
      let h = r;
      for (let j = 0; j < 60; j++) {
        const v = g(h);
        if (v.m > 0 && v.g <= 0) return Math.min(h, hi);
        h += Math.max(Math.abs(h), 1e-300) * 2 ** (j - 52);
      }
    }
  }
  return Infinity;
}

function levelsOf(units: readonly CvUnit[], theta: number, limit: number): number[] | null {
  const P = units.reduce((a, u) => a + u.students, 0);
  const p = units.map((u) => u.students / P);
  const t = units.map((u) => u.costPerPoint / u.students);
  const tmin = Math.min(...t);
  const b = t.map((ti) => theta * (ti - tmin));
  const x = units.map((u) => u.value);
  const H = firstCrossing(x, p, b, limit);
  if (!Number.isFinite(H)) return null;
  const y = x.map((xi, i) => Math.max(xi, H - b[i]));
  // Only units below the county mean are raised, and never above it (the mean after the additions).
  // θ = 0 always satisfies this (the common level is at most the mean); some θ > 0 do not.
  const m = y.reduce((a, v, i) => a + v * p[i], 0);
  if (y.some((v, i) => v > x[i] && v > m * (1 + 1e-12))) return null;
  return units.map((u, i) => Math.max(0, (y[i] - x[i]) * u.costPerPoint));
}

/** Makes a continuous solution feasible in floating point (tiny proportional nudges). */
function settle(units: readonly CvUnit[], amounts: number[], limit: number): number[] {
  let a = amounts;
  for (let j = 0; j < 60 && !feasible(units, a, limit); j++) a = amounts.map((v) => v * (1 + 2 ** (j - 50)));
  return a;
}

/**
 * The exact least addition (continuous resource) that brings the CV to the limit; nothing when it is
 * already at or under the limit. Null when the CV is undefined (mean 0) or there are no units.
 * `plainWaterFilling` skips the θ search (one common level whatever the costs), for comparison.
 */
export function minCvContinuous(units: readonly CvUnit[], limit: number, opts: { plainWaterFilling?: boolean } = {}): CvSolution | null {
  if (units.length === 0) return null;
  const zero = units.map(() => 0);
  const cv0 = cvOf(units, zero);
  if (cv0 === null) return null;
  if (cv0 <= limit) return solution(units, zero);
  const cost = (a: number[] | null) => (a ? a.reduce((s, v) => s + v, 0) : Infinity);
  const t = units.map((u) => u.costPerPoint / u.students);
  const tmin = Math.min(...t);
  const tmax = Math.max(...t);
  let best = levelsOf(units, 0, limit);
  if (!opts.plainWaterFilling && tmax - tmin > 1e-12 * tmax) {
    const gaps = t.map((v) => v - tmin).filter((v) => v > 1e-12 * tmax);
    const xs = units.map((u) => u.value);
    const mean = units.reduce((s, u) => s + u.value * u.students, 0) / units.reduce((s, u) => s + u.students, 0);
    const Theta = (4 * (Math.max(...xs) + mean)) / Math.min(...gaps);
    const J = 48;
    const grid = [...Array(J + 1).keys()].map((j) => Theta * (j / J) ** 2);
    const costs = grid.map((th) => cost(levelsOf(units, th, limit)));
    let j0 = 0;
    for (let j = 1; j <= J; j++) if (costs[j] < costs[j0]) j0 = j;
    let lo = grid[Math.max(0, j0 - 1)];
    let hi = grid[Math.min(J, j0 + 1)];
    const phi = (Math.sqrt(5) - 1) / 2;
    let c1 = hi - phi * (hi - lo);
    let c2 = lo + phi * (hi - lo);
    let f1 = cost(levelsOf(units, c1, limit));
    let f2 = cost(levelsOf(units, c2, limit));
    for (let it = 0; it < 60; it++) {
      if (f1 <= f2) {
        hi = c2;
        c2 = c1;
        f2 = f1;
        c1 = hi - phi * (hi - lo);
        f1 = cost(levelsOf(units, c1, limit));
      } else {
        lo = c1;
        c1 = c2;
        f1 = f2;
        c2 = lo + phi * (hi - lo);
        f2 = cost(levelsOf(units, c2, limit));
      }
    }
    for (const th of [grid[j0], c1, c2]) {
      const a = levelsOf(units, th, limit);
      if (cost(a) < cost(best)) best = a;
    }
  }
  if (!best) return null;
  return solution(units, settle(units, best, limit));
}

/** Units whose value (with the additions z) is below the mean: the only ones the steps may raise. */
function belowMean(units: readonly CvUnit[], z: readonly number[]): boolean[] {
  const y = units.map((u, i) => u.value + z[i] / u.costPerPoint);
  const P = units.reduce((a, u) => a + u.students, 0);
  const m = units.reduce((a, u, i) => a + y[i] * u.students, 0) / P;
  return y.map((v) => v < m);
}

/** Adds one whole unit of resource at a time where the CV falls most, until it is at or under the limit. */
function completeGreedy(units: readonly CvUnit[], start: number[], limit: number, maxSteps: number): number[] | null {
  const z = [...start];
  for (let step = 0; step < maxSteps; step++) {
    if (feasible(units, z, limit)) return z;
    const low = belowMean(units, z);
    let bestI = -1;
    let bestCv = Infinity;
    for (let i = 0; i < z.length; i++) {
      if (!low[i]) continue;
      z[i]++;
      const cv = cvOf(units, z);
      z[i]--;
      if (cv !== null && cv < bestCv) {
        bestCv = cv;
        bestI = i;
      }
    }
    if (bestI < 0) return null;
    z[bestI]++;
  }
  return feasible(units, z, limit) ? z : null;
}

/** Takes back whole units while the CV stays at or under the limit (largest additions first). */
function prune(units: readonly CvUnit[], z: number[], limit: number): number[] {
  const out = [...z];
  let changed = true;
  while (changed) {
    changed = false;
    const order = [...out.keys()].filter((i) => out[i] > 0).sort((i, j) => out[j] - out[i] || i - j);
    for (const i of order) {
      out[i]--;
      if (feasible(units, out, limit)) {
        changed = true;
        break;
      }
      out[i]++;
    }
  }
  return out;
}

/**
 * The least WHOLE addition (persons, rooms): continuous optimum rounded down, completed greedily, then
 * pruned. Null when the CV is undefined or no completion was found within the step budget.
 */
export function minCvInteger(units: readonly CvUnit[], limit: number): CvSolution | null {
  const cont = minCvContinuous(units, limit);
  if (!cont) return null;
  if (cont.total === 0) return cont;
  const start = cont.amounts.map((a) => Math.floor(a + 1e-9));
  const budget = units.length * 4 + Math.ceil(cont.total) * 2 + 100;
  const z = completeGreedy(units, start, limit, budget) ?? completeGreedy(units, cont.amounts.map((a) => Math.ceil(a)), limit, budget);
  if (!z) return null;
  return solution(units, prune(units, z, limit));
}

/**
 * Plain greedy, for comparison: from the current values, repeatedly add one step of resource to the unit
 * whose CV falls most per unit of resource. Whole units when `step` is 1 and `integer`; otherwise
 * continuous steps of `step` resource units, the last one cut to just reach the limit.
 */
export function greedyCv(units: readonly CvUnit[], limit: number, opts: { integer: boolean; step: number; maxSteps?: number }): CvSolution | null {
  const z = units.map(() => 0);
  if (cvOf(units, z) === null) return null;
  const max = opts.maxSteps ?? 1_000_000;
  for (let s = 0; s < max; s++) {
    if (feasible(units, z, limit)) return solution(units, z);
    const low = belowMean(units, z);
    let bestI = -1;
    let bestCv = Infinity;
    for (let i = 0; i < z.length; i++) {
      if (!low[i]) continue;
      const keep = z[i];
      z[i] = keep + opts.step;
      const cv = cvOf(units, z);
      z[i] = keep;
      if (cv !== null && cv < bestCv) {
        bestCv = cv;
        bestI = i;
      }
    }
    if (bestI < 0) return null;
    if (!opts.integer && bestCv <= limit) {
      // Cut the last step: bisection on the fraction of the step.
      const keep = z[bestI];
      let lo = 0;
      let hi = opts.step;
      for (let it = 0; it < 100; it++) {
        const mid = (lo + hi) / 2;
        z[bestI] = keep + mid;
        if (feasible(units, z, limit)) hi = mid;
        else lo = mid;
      }
      z[bestI] = keep + hi;
      return solution(units, z);
    }
    z[bestI] += opts.step;
  }
  return null;
}
