/** Comparisons with the standard's relative tolerance (standard §7): unrounded values, ≥ passes at equality. */

export function atLeast(x: number, threshold: number, tolerance: number): boolean {
  return x >= threshold || Math.abs(x - threshold) <= tolerance * Math.max(Math.abs(x), Math.abs(threshold));
}

export function atMost(x: number, limit: number, tolerance: number): boolean {
  return x <= limit || Math.abs(x - limit) <= tolerance * Math.max(Math.abs(x), Math.abs(limit));
}

/** Strictly below ("低于"): equality within tolerance does not count as below. */
export function below(x: number, limit: number, tolerance: number): boolean {
  return x < limit && !(Math.abs(x - limit) <= tolerance * Math.max(Math.abs(x), Math.abs(limit)));
}

/** Display rounding only (never used before a comparison). */
export function fixed(x: number | null | undefined, digits: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x.toFixed(digits);
}
