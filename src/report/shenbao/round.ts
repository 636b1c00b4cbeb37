/**
 * Rounding for the official tables (shenbao.md §2.2): half away from zero on the decimal value, never
 * `toFixed` ((1.005).toFixed(2) is "1.00"). The value is first reduced to 15 significant digits, because a
 * value that is mathematically a tie often arrives a hair below it (5000.055 as 5000.054999999999).
 */
export function roundHalfUp(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const negative = x < 0;
  // Fast path (the tables round tens of thousands of values): scaled to the last kept place, a value whose
  // fraction is clearly not a tie rounds to the nearest integer whatever its last binary digits or the
  // 15-digit reduction, and that integer over 10^digits is the same double as the decimal string below.
  if (digits >= 0 && digits <= 15) {
    const p = 10 ** digits;
    const s = Math.abs(x) * p;
    if (s < 1e15) {
      const f = Math.floor(s);
      const frac = s - f;
      if (Math.abs(frac - 0.5) > 1e-7 + s * 1e-13) return signed((frac > 0.5 ? f + 1 : f) / p, negative);
    }
  }
  return roundDecimal(x, digits, negative);
}

/** roundHalfUp on the decimal digits of the value: exact for ties. Exported for the tests. */
export function roundDecimal(x: number, digits: number, negative = x < 0): number {
  const s = Math.abs(Number(x.toPrecision(15))).toExponential(14); // d.dddddddddddddde±n, exact decimal digits
  const m = /^(\d)\.(\d+)e([+-]\d+)$/.exec(s);
  if (!m) return x;
  const mantissa = m[1] + m[2]; // 15 digits
  const exp = Number(m[3]); // value = 0.mantissa × 10^(exp + 1)
  // Digits kept: those before the decimal point (exp + 1) plus `digits` after it.
  const keep = exp + 1 + digits;
  if (keep < 0) return negative ? -0 : 0;
  if (keep >= mantissa.length) return x < 0 ? -Math.abs(Number(x.toPrecision(15))) : Number(x.toPrecision(15));
  let kept = mantissa.slice(0, keep) || '0';
  const next = Number(mantissa[keep]);
  if (next >= 5) {
    // add one unit in the last kept place (as a decimal string, to stay exact)
    const arr = kept.split('').map(Number);
    let i = arr.length - 1;
    while (i >= 0) {
      if (arr[i] === 9) {
        arr[i] = 0;
        i--;
      } else {
        arr[i]++;
        break;
      }
    }
    kept = (i < 0 ? '1' : '') + arr.join('');
  }
  // `kept` holds the digits down to the last kept place, which is worth 10^(exp + 1 − keep).
  return signed(Number(`${kept}e${exp + 1 - keep}`), negative);
}

function signed(x: number, negative: boolean): number {
  return negative ? -x : x;
}

/** The number format that shows `digits` decimals: 0, 0.0, 0.00, 0.000. */
export function formatOf(digits: number): string {
  return digits === 0 ? '0' : `0.${'0'.repeat(digits)}`;
}

/** A rounded number as text in a sentence blank: the digits of the table, no spaces, no separators. */
export function printed(x: number, digits: number): string {
  return roundHalfUp(x, digits).toFixed(digits);
}
