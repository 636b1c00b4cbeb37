/** Comparisons with the standard's relative tolerance (standard §7): unrounded values, ≥ passes at equality. */

export function atLeast(x: number, threshold: number, tolerance: number): boolean {
  // Most values pass plainly (true only when neither is NaN; the same answer as below).
  if (x >= threshold) return true;
  if (Number.isNaN(x) || Number.isNaN(threshold)) return false;
  if (!Number.isFinite(x) || !Number.isFinite(threshold)) return x >= threshold;
  return x >= threshold || Math.abs(x - threshold) <= tolerance * Math.max(Math.abs(x), Math.abs(threshold));
}

export function atMost(x: number, limit: number, tolerance: number): boolean {
  if (x <= limit) return true;
  if (Number.isNaN(x) || Number.isNaN(limit)) return false;
  if (!Number.isFinite(x) || !Number.isFinite(limit)) return x <= limit;
  return x <= limit || Math.abs(x - limit) <= tolerance * Math.max(Math.abs(x), Math.abs(limit));
}

/** Strictly below ("低于"): equality within tolerance does not count as below. */
export function below(x: number, limit: number, tolerance: number): boolean {
  if (!Number.isFinite(x) || !Number.isFinite(limit)) return x < limit;
  return x < limit && !(Math.abs(x - limit) <= tolerance * Math.max(Math.abs(x), Math.abs(limit)));
}

/** Display rounding only (never used before a comparison). */
export function fixed(x: number | null | undefined, digits: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x.toFixed(digits);
}

/**
 * Display of a value next to a limit it misses: rounded to `digits`, with more digits when the rounded
 * figure would look equal to (or on the wrong side of) the limit, so that "4.20 < 4.2" never shows. Several
 * limits (a threshold and its 85 % floor): the figure stands on the right side of each, so that a value just
 * under the floor is never shown as the floor itself ("4.93, 低于85%即4.93").
 */
export function fixedAgainst(x: number | null | undefined, limit: number | readonly number[], digits: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const limits = typeof limit === 'number' ? [limit] : limit;
  // At a limit within floating noise (1699.9999999999998 against 1 700, as the engine's tolerance has it): any
  // figure will do, as for a value equal to it.
  const at = (l: number) => Math.abs(x - l) <= 1e-9 * Math.max(Math.abs(x), Math.abs(l));
  for (let d = digits; d <= 8; d++) {
    const shown = Number(x.toFixed(d));
    if (limits.every((l) => at(l) || (x < l && shown < l) || (x > l && shown > l))) return x.toFixed(d);
  }
  return x.toFixed(digits);
}

/** The limits an indicator value is shown against: its threshold and the floor (floorRatio × threshold). */
export function indicatorLimits(threshold: number, floorRatio: number): readonly number[] {
  return [threshold, floorRatio * threshold];
}

/**
 * A positive amount to add, shown with about three significant figures and rounded **up** at the figure shown,
 * so that adding the printed amount is always enough (4.5818 → 4.59, 2392.39 → 2393, 0.001818 → 0.0019).
 */
export function approxUp(x: number): string {
  if (!(x > 0)) return '0';
  const step = x >= 100 ? 1 : x >= 10 ? 0.1 : x >= 1 ? 0.01 : 10 ** (Math.floor(Math.log10(x)) - 1);
  const digits = Math.max(0, -Math.round(Math.log10(step)));
  // Within floating noise of a figure (0.1 + 0.2 for 0.3): that figure.
  const up = Math.ceil(x / step - 1e-9) * step;
  const s = up.toFixed(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
