/** Cell text as the grid shows it: a small subset of Excel number formats (display only). */
import type { CellValue } from '../src/template/grid';

export function cellText(value: CellValue, format?: string | null): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  const f = (format ?? '').trim();
  const pct = /^0(?:\.(0+))?%$/.exec(f);
  if (pct) return `${(value * 100).toFixed(pct[1]?.length ?? 0)}%`;
  const fixed = /^(?:#,##)?0(?:\.(0+))?$/.exec(f);
  if (fixed) return value.toFixed(fixed[1]?.length ?? 0);
  if (Number.isInteger(value)) return String(value);
  // General: at most 10 significant digits, like Excel's column display.
  return String(Number(value.toPrecision(10)));
}

/** Whether a value is shown right-aligned (numbers), as Excel does. */
export function isNumeric(value: CellValue): boolean {
  return typeof value === 'number';
}
