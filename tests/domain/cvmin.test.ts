/**
 * The single-indicator CV solver (src/domain/cvmin.ts) against brute force on small cases, and the plain
 * greedy against it.
 */
import fc from 'fast-check';
import { weightedCv } from '../../src/domain/cv';
import { cvOf, greedyCv, minCvContinuous, minCvInteger, type CvUnit } from '../../src/domain/cvmin';

/** Smallest Σ z over whole additions z_i ∈ 0..K with CV ≤ limit (exhaustive; Infinity when none). */
function bruteInteger(units: readonly CvUnit[], limit: number, K: number): number {
  let best = Infinity;
  const z = units.map(() => 0);
  const walk = (i: number, sum: number) => {
    if (sum >= best) return;
    if (i === units.length) {
      const cv = cvOf(units, z);
      if (cv !== null && cv <= limit) best = sum;
      return;
    }
    for (let v = 0; v <= K; v++) {
      z[i] = v;
      walk(i + 1, sum + v);
    }
    z[i] = 0;
  };
  walk(0, 0);
  return best;
}

/**
 * Upper bound of the continuous optimum for three units: a grid over (a1, a2) in [0, D]², the least
 * feasible a3 for each found by scanning then bisecting; then the same on a finer grid around the best
 * cell. Independent of the solver's KKT reasoning.
 */
function bruteContinuous3(units: readonly CvUnit[], limit: number, D: number, steps: number, belowMeanOnly = false): number {
  const ok = (a: number[]) => {
    const cv = cvOf(units, a);
    if (cv === null || cv > limit) return false;
    if (!belowMeanOnly) return true;
    // The plan's rule: a raised unit ends at or below the county mean.
    const y = units.map((u, i) => u.value + a[i] / u.costPerPoint);
    const m = units.reduce((s, u, i) => s + y[i] * u.students, 0) / units.reduce((s, u) => s + u.students, 0);
    return y.every((v, i) => a[i] === 0 || v <= m * (1 + 1e-12));
  };
  const least3 = (a1: number, a2: number, cap: number): number | null => {
    let prev = 0;
    for (let k = 0; k <= 3 * steps; k++) {
      const a3 = (D * k) / (3 * steps);
      if (a1 + a2 + a3 >= cap) return null;
      if (ok([a1, a2, a3])) {
        if (k === 0) return 0;
        let lo = prev;
        let hi = a3;
        for (let it = 0; it < 50; it++) {
          const mid = (lo + hi) / 2;
          if (ok([a1, a2, mid])) hi = mid;
          else lo = mid;
        }
        return hi;
      }
      prev = a3;
    }
    return null;
  };
  let best = Infinity;
  let at: [number, number] = [0, 0];
  const search = (x0: number, y0: number, span: number) => {
    for (let i = 0; i <= steps; i++)
      for (let j = 0; j <= steps; j++) {
        const a1 = Math.max(0, x0 + (span * i) / steps);
        const a2 = Math.max(0, y0 + (span * j) / steps);
        if (a1 + a2 >= best) continue;
        const a3 = least3(a1, a2, best);
        if (a3 !== null && a1 + a2 + a3 < best) {
          best = a1 + a2 + a3;
          at = [a1, a2];
        }
      }
  };
  search(0, 0, D);
  const cell = D / steps;
  search(at[0] - cell, at[1] - cell, 2 * cell);
  return best;
}

describe('minCvContinuous (water-filling)', () => {
  it('raises the lowest values to one common level, hand-computed', () => {
    // Two units of 100 students each, values 1 and 3, one point of value costs 100 (k = P).
    // Mean 2, sd 1, CV 0.5. Raising the low one to h: mean (h+3)/2, sd (3−h)/2, CV (3−h)/(3+h) = 0.2 ⇒ h = 2.
    const units: CvUnit[] = [
      { value: 1, students: 100, costPerPoint: 100 },
      { value: 3, students: 100, costPerPoint: 100 },
    ];
    const s = minCvContinuous(units, 0.2)!;
    expect(s.amounts[0]).toBeCloseTo(100, 9);
    expect(s.amounts[1]).toBe(0);
    expect(s.cv!).toBeLessThanOrEqual(0.2);
    expect(s.cv!).toBeCloseTo(0.2, 12);
  });

  it('raises two low units to the same level, hand-computed', () => {
    // Values 1, 1, 5 with 100 students each: mean 7/3. Level h for the two: mean (2h+5)/3,
    // var = (2/3)(h−m)² + (1/3)(5−m)² with m − h = (5−h)/3 ⇒ sd = (5−h)·√2/3, CV = √2(5−h)/(2h+5) = 0.1
    // ⇒ h = (5√2 − 0.5)/(√2 + 0.2).
    const units: CvUnit[] = [1, 1, 5].map((v) => ({ value: v, students: 100, costPerPoint: 100 }));
    const s = minCvContinuous(units, 0.1)!;
    const h = (5 * Math.SQRT2 - 0.5) / (Math.SQRT2 + 0.2);
    expect(s.amounts[0]).toBeCloseTo((h - 1) * 100, 8);
    expect(s.amounts[1]).toBeCloseTo((h - 1) * 100, 8);
    expect(s.amounts[2]).toBe(0);
  });

  it('gives nothing when the CV is already under the limit, null when it is undefined', () => {
    expect(minCvContinuous([{ value: 2, students: 10, costPerPoint: 10 }, { value: 2.1, students: 10, costPerPoint: 10 }], 0.5)!.total).toBe(0);
    expect(minCvContinuous([{ value: 0, students: 10, costPerPoint: 10 }, { value: 0, students: 10, costPerPoint: 10 }], 0.5)).toBeNull();
  });

  const unitArb = fc.record({
    value: fc.double({ min: 0.2, max: 10, noNaN: true }),
    students: fc.integer({ min: 50, max: 2000 }),
    share: fc.constantFrom(1, 1, 0.6, 0.45),
  });

  it('equals brute force on three units with equal cost per point and student (the proof case)', () => {
    fc.assert(
      fc.property(fc.array(unitArb, { minLength: 3, maxLength: 3 }), fc.double({ min: 0.05, max: 0.4, noNaN: true }), (raw, limit) => {
        const units = raw.map((u) => ({ value: u.value, students: u.students, costPerPoint: u.students }));
        const s = minCvContinuous(units, limit);
        fc.pre(s !== null && s.total > 0);
        // Every addition of an optimum is at most the optimum's total, itself at most s.total when s is
        // feasible (checked): the box [0, s.total]³ holds the optimum.
        const brute = bruteContinuous3(units, limit, s!.total * 1.001, 40);
        expect(s!.cv!).toBeLessThanOrEqual(limit);
        expect(s!.total).toBeLessThanOrEqual(brute * (1 + 1e-9));
        // …and it is water-filling: the raised units end at one level, the others at or above it.
        const y = units.map((u, i) => u.value + s!.amounts[i] / u.costPerPoint);
        const raised = y.filter((_, i) => s!.amounts[i] > 0);
        const level = Math.max(...raised);
        for (const v of raised) expect(v).toBeCloseTo(level, 9);
        y.forEach((v, i) => {
          if (s!.amounts[i] === 0) expect(v).toBeGreaterThanOrEqual(level - 1e-9);
        });
      }),
      { numRuns: 15, seed: 6 },
    );
  });

  it('is never worse than brute force (raised units at or below the mean) when split schools make some points dearer', () => {
    fc.assert(
      fc.property(fc.array(unitArb, { minLength: 3, maxLength: 3 }), fc.double({ min: 0.05, max: 0.4, noNaN: true }), (raw, limit) => {
        const units = raw.map((u) => ({ value: u.value, students: u.students, costPerPoint: u.students / u.share }));
        const s = minCvContinuous(units, limit);
        fc.pre(s !== null && s.total > 0);
        const brute = bruteContinuous3(units, limit, s!.total * 1.001, 40, true);
        expect(s!.cv!).toBeLessThanOrEqual(limit);
        expect(s!.total).toBeLessThanOrEqual(brute * (1 + 1e-9));
      }),
      { numRuns: 15, seed: 7 },
    );
  });

  it('is at most the plain greedy (continuous steps)', () => {
    fc.assert(
      fc.property(fc.array(unitArb, { minLength: 2, maxLength: 8 }), fc.double({ min: 0.05, max: 0.4, noNaN: true }), (raw, limit) => {
        const units = raw.map((u) => ({ value: u.value, students: u.students, costPerPoint: u.students / u.share }));
        const s = minCvContinuous(units, limit);
        fc.pre(s !== null && s.total > 0);
        const g = greedyCv(units, limit, { integer: false, step: s!.total / 50 })!;
        expect(g.cv!).toBeLessThanOrEqual(limit);
        expect(s!.total).toBeLessThanOrEqual(g.total * (1 + 1e-9));
      }),
      { numRuns: 40, seed: 8 },
    );
  });
});

describe('minCvInteger (whole persons and rooms)', () => {
  const small = fc.record({
    count: fc.integer({ min: 0, max: 6 }),
    students: fc.integer({ min: 50, max: 400 }),
    share: fc.constantFrom(1, 1, 0.55),
  });

  it('equals the exhaustive optimum on small counties, and is never more than plain greedy', () => {
    fc.assert(
      fc.property(fc.array(small, { minLength: 2, maxLength: 4 }), fc.double({ min: 0.15, max: 0.45, noNaN: true }), (raw, limit) => {
        // Per-hundred values of whole counts (teachers or rooms): value = 100·count·share/P, one more = 100·share/P.
        const units: CvUnit[] = raw.map((u) => ({ value: (100 * u.count * u.share) / u.students, students: u.students, costPerPoint: u.students / (100 * u.share) }));
        const cv0 = cvOf(units);
        fc.pre(cv0 !== null && cv0 > limit);
        const s = minCvInteger(units, limit);
        expect(s).not.toBeNull();
        expect(s!.amounts.every((a) => Number.isInteger(a) && a >= 0)).toBe(true);
        expect(s!.cv!).toBeLessThanOrEqual(limit);
        // An optimum adds at most its total, at most s.total, to any one unit: 0..s.total is exhaustive.
        expect(s!.total).toBe(bruteInteger(units, limit, s!.total));
        const g = greedyCv(units, limit, { integer: true, step: 1 })!;
        expect(s!.total).toBeLessThanOrEqual(g.total);
      }),
      { numRuns: 60, seed: 9 },
    );
  });

  it('a hand-computed case: 3 schools, R2-like counts 0, 2, 6 for 100, 200, 300 students, limit 0.3', () => {
    // Values 0, 1, 2 per hundred; mean (0 + 2 + 6)/600 × 100 = 1.333…
    const units: CvUnit[] = [
      { value: 0, students: 100, costPerPoint: 1 },
      { value: 1, students: 200, costPerPoint: 2 },
      { value: 2, students: 300, costPerPoint: 3 },
    ];
    const s = minCvInteger(units, 0.3)!;
    // One addition is not enough: +1 to the first school gives 1, 1, 2 (mean 1.5, var 0.25, CV 0.333);
    // +1 to the second gives 0, 1.5, 2 (CV 0.456); +1 to the third 0, 1, 2.33 (CV 0.6). Two are:
    // +1 to each of the first two gives 1, 1.5, 2: mean 5/3, var (1/6)(4/9) + (2/6)(1/36) + (3/6)(1/9)
    // = 5/36, CV (√5/6)/(5/3) = √5/10 = 0.2236 (and +2 to the first gives 2, 1, 2, CV 0.2828, also 2).
    expect(bruteInteger(units, 0.3, 6)).toBe(2);
    expect(s.amounts).toEqual([1, 1, 0]);
    expect(s.cv).toBeCloseTo(Math.sqrt(5) / 10, 12);
    expect(weightedCv([{ value: 1, students: 100 }, { value: 1.5, students: 200 }, { value: 2, students: 300 }]).cv).toBeCloseTo(Math.sqrt(5) / 10, 12);
  });
});
