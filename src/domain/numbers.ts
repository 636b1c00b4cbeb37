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
 * figure would look equal to (or on the wrong side of) the limit, so that "4.20 < 4.2" never shows.
 */
export function fixedAgainst(x: number | null | undefined, limit: number, digits: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  for (let d = digits; d <= 8; d++) {
    const shown = Number(x.toFixed(d));
    if ((x < limit && shown < limit) || (x > limit && shown > limit) || x === limit) return x.toFixed(d);
  }
  return String(x);
}
