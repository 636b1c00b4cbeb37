/**
 * A sheet as plain cell values, the one input shape of the template reader.
 * Excel (Office.js), exceljs and the preview's in-browser workbook all produce it.
 * `values[r][c]` is the cell at row r+1, column c+1 (the grid always starts at A1).
 */
export type CellValue = string | number | boolean | null;

export interface CellGrid {
  /** Sheet name as it appears on the tab. */
  name: string;
  values: CellValue[][];
  /**
   * Number formats parallel to `values`; optional (only percentages and dates are read from them). A row may
   * end before its values do (the .xlsx reader stops at the last cell that has a format): read with `formatAt`.
   */
  numberFormats?: (string | null | undefined)[][];
  /** Merged areas, 0-based and inclusive (the value sits in the top-left cell; the others are null). */
  merges?: GridRange[];
  /**
   * The host could not read the merged areas (an Excel without ExcelApi 1.13, or more merged areas than it returns
   * at once): `merges` is then unknown, not empty, and the reader says so (merges-unchecked).
   */
  mergesUnread?: 'unsupported' | 'too-many';
  /** Tab visibility; absent means visible. */
  visibility?: 'visible' | 'hidden' | 'veryHidden';
  /** 0-based indices of hidden columns. */
  hiddenColumns?: number[];
  /**
   * Cells holding a formula (`cellKey`), where the host says: the .xlsx reader does; the add-in does not read
   * formulas (absent: not known). The plan tells such a cell apart (it changes with the cells it refers to).
   */
  formulas?: ReadonlySet<number>;
  /**
   * Content the reader left out because it lies far outside the data (a stray mark in column XFD, a value
   * in row 300 000): the first such cell's A1 address and how many cells were left out.
   */
  stray?: { cell: string; count: number };
}

/** A rectangle of cells, 0-based, inclusive. */
export interface GridRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One number for a 0-based cell (row × 16 384 + column: Excel's widest sheet), as `CellGrid.formulas` keeps them. */
export function cellKey(row: number, col: number): number {
  return row * 16384 + col;
}

/** A1 address of a 0-based row and column. */
export function a1(row: number, col: number): string {
  return columnLetter(col) + String(row + 1);
}

/** A merged area in A1 notation: 「B3:C3」, or its one cell. */
export function rangeA1(m: GridRange): string {
  return m.left === m.right && m.top === m.bottom ? a1(m.top, m.left) : `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`;
}

/** Column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based row and column of an A1 address ("K12" → {row: 11, col: 10}). */
export function parseA1(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`not an A1 address: ${address}`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export function cellAt(grid: CellGrid, row: number, col: number): CellValue {
  const r = grid.values[row];
  if (!r) return null;
  const v = r[col];
  return v === undefined ? null : v;
}

export function formatAt(grid: CellGrid, row: number, col: number): string {
  return grid.numberFormats?.[row]?.[col] ?? '';
}

/**
 * Whether a number format shows a date or a time (yyyy-mm-dd, m/d, [h]:mm, 年月日 …): quoted text,
 * escaped characters and [colour]/[locale] sections are ignored; General and plain number formats are not.
 */
export function isDateFormat(format: string | null | undefined): boolean {
  if (!format || /^general$/i.test(format)) return false;
  const bare = format.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, '');
  return /[ymdhs年月日]/i.test(bare) || /\[(h|m|s)\]/i.test(format);
}

/** Characters a number format shows as they are, without quotes (Excel's list, less those with another meaning here). */
const PLAIN_LITERALS = new Set(['$', '-', '+', '(', ')', ':', '!', '^', '&', "'", '~', '{', '}', '<', '>', '=', ' ']);

/**
 * The text Excel shows for a whole number ≥ 0 in a number format made of digit placeholders (0, #) and literal
 * text: `0000000000` pads 361230101 to 0361230101, `"0"#########` and `\0#########` put a literal 0 before it,
 * `0000-000000` shows 0361-230101. A 0 placeholder shows a digit or 0, a # shows a digit or nothing; the first
 * placeholder takes every digit beyond the placeholders. Null for anything not rendered exactly here (General,
 * decimals, thousands separators, ?, exponents, fill and space characters, conditions, currency in brackets,
 * a fraction), and for a format that shows no digit at all: the caller then reads the number as it is.
 * Only the first section is used (the one for positive numbers); zero, which a third section may show otherwise,
 * is not rendered when there is more than one section.
 */
export function wholeNumberAsShown(n: number, format: string | null | undefined): string | null {
  if (!format || /^general$/i.test(format) || !Number.isSafeInteger(n) || n < 0) return null;
  const parts: (string | 0)[] = []; // literal text, or 0 for a placeholder (its kind in `kinds`)
  const kinds: string[] = [];
  let sections = 1;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === ';') {
      sections++;
      break;
    }
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      if (end < 0) return null;
      parts.push(format.slice(i + 1, end));
      i = end;
    } else if (ch === '\\') {
      if (i + 1 >= format.length) return null;
      parts.push(format[++i]);
    } else if (ch === '[') {
      const end = format.indexOf(']', i);
      if (end < 0) return null;
      // A colour ([Red], [Color10]) or a locale without a currency sign ([$-804]) changes nothing in the text.
      if (!/^\[([a-z]+|color\d+|\$-[0-9a-f]+)\]$/i.test(format.slice(i, end + 1))) return null;
      i = end;
    } else if (ch === '0' || ch === '#') {
      parts.push(0);
      kinds.push(ch);
    } else if (PLAIN_LITERALS.has(ch)) parts.push(ch);
    else return null;
  }
  if (kinds.length === 0 || (sections > 1 && n === 0)) return null;
  // Digits from the first 0 placeholder on are always shown; # placeholders before it show only real digits.
  const firstZero = kinds.indexOf('0');
  const minDigits = firstZero < 0 ? 0 : kinds.length - firstZero;
  const digits = (n === 0 ? '' : String(n)).padStart(minDigits, '0');
  if (digits === '') return null;
  // Placeholder j (from the left) shows the digit at its place from the right; the first one shows all that is left.
  let out = '';
  let j = 0;
  for (const p of parts) {
    if (p !== 0) {
      out += p;
      continue;
    }
    const k = kinds.length - 1 - j; // places from the right
    if (j === 0) out += digits.slice(0, Math.max(0, digits.length - k));
    else if (digits.length - 1 - k >= 0) out += digits[digits.length - 1 - k];
    j++;
  }
  return out;
}

/** An Excel date serial (days since 1899-12-30) as yyyy-mm-dd. */
export function serialDate(serial: number): string {
  const d = new Date(Math.round((serial - 25569) * 86400000));
  return Number.isNaN(d.getTime()) ? String(serial) : d.toISOString().slice(0, 10);
}

/**
 * The grid as the user sees it where dates are concerned: a number with a date format (Excel turned "3-15"
 * into a date, or the column is formatted as one) becomes the date text yyyy-mm-dd, so a number column
 * reports a date-value error and a text column reads the date it shows. Other cells are left as they are.
 */
export function datesAsText(grid: CellGrid | undefined): CellGrid | undefined {
  if (!grid?.numberFormats) return grid;
  const formats = grid.numberFormats;
  const isDate = new Map<string, boolean>();
  let values: CellValue[][] | null = null;
  let lastFormat = '';
  let lastIsDate: boolean | undefined = false;
  for (let r = 0; r < formats.length; r++) {
    const rowFormats = formats[r];
    const cells = grid.values[r];
    if (!rowFormats || !cells) continue;
    for (let c = 0; c < rowFormats.length; c++) {
      const v = cells[c];
      // Only a number can show as a date: the format of any other cell is not looked at.
      if (typeof v !== 'number') continue;
      const fmt = rowFormats[c];
      if (!fmt) continue;
      // Neighbouring cells mostly share their format: the last one's answer is kept at hand.
      if (fmt !== lastFormat) {
        lastFormat = fmt;
        lastIsDate = isDate.get(fmt);
        if (lastIsDate === undefined) isDate.set(fmt, (lastIsDate = isDateFormat(fmt)));
      }
      if (!lastIsDate) continue;
      values ??= grid.values.map((x) => x.slice());
      values[r][c] = serialDate(v);
    }
  }
  return values ? { ...grid, values } : grid;
}
