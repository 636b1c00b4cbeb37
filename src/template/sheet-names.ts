/**
 * How Excel compares sheet names. [MS-OI29500] 2.1.578 (Part 1 §18.2.19, sheet): "Office requires that sheet names
 * are case-insensitive unique in any locale"
 * (https://learn.microsoft.com/openspecs/office_standards/ms-oi29500/ebf12ea5-2bb4-4af5-ab26-563f22d3f895).
 * Case is Unicode case, not only A–Z: the Roman numerals of the 申报表 names have lower-case forms
 * (「表Ⅲ」 U+2162 and 「表ⅲ」 U+2172 are one name to Excel), as have full-width Latin letters (Ｓ/ｓ).
 */

/** One code point folded: upper-cased, then lower-cased, each step only where it maps to a single code point. */
function foldPoint(c: string): string {
  const single = (s: string) => s.length > 0 && [...s].length === 1;
  const upper = c.toUpperCase();
  const base = single(upper) ? upper : c;
  const lower = base.toLowerCase();
  return single(lower) ? lower : base;
}

/**
 * A key under which two sheet names are equal exactly when Excel takes them for the same name. Folding through
 * the upper case as well joins forms that differ only in lower case (σ and final ς, ǅ and ǆ), so the key errs on
 * the side of "same": a name it calls free is free in any locale.
 */
export function excelNameKey(name: string): string {
  let out = '';
  for (const c of name) out += c.charCodeAt(0) < 0x80 ? c.toLowerCase() : foldPoint(c);
  return out;
}

/** Whether Excel takes two sheet names for the same one. */
export function sameExcelName(a: string, b: string): boolean {
  return a === b || excelNameKey(a) === excelNameKey(b);
}
