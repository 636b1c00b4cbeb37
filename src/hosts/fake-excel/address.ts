/** A1 addresses as the Excel API writes and reads them: sheet-qualified, quoted, ranges, lists. */
import { columnLetter } from '../../template/grid';

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

/** A rectangle of cells, 0-based, inclusive. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export class AddressError extends Error {}

/** Whether a sheet name must be quoted in a reference (spaces, punctuation, a leading digit, ...). */
function needsQuotes(name: string): boolean {
  return !/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^R\d*C\d*$/i.test(name);
}

export function quoteSheet(name: string): string {
  return needsQuotes(name) ? `'${name.replace(/'/g, "''")}'` : name;
}

/** "Sheet!A1", "'My sheet'!A1:B2" or "A1" → the sheet (unquoted) and the local part. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const s = address.trim();
  if (s.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < s.length) {
      if (s[i] === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += s[i];
      i++;
    }
    if (s[i] !== "'" || s[i + 1] !== '!') throw new AddressError(address);
    return { sheet: name, local: s.slice(i + 2) };
  }
  const bang = s.lastIndexOf('!');
  if (bang < 0) return { local: s };
  return { sheet: s.slice(0, bang), local: s.slice(bang + 1) };
}

function colIndex(letters: string): number {
  let c = 0;
  for (const ch of letters.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c - 1;
}

function part(p: string): { row?: number; col?: number } {
  const m = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/.exec(p.trim());
  if (!m || (!m[1] && !m[2])) throw new AddressError(p);
  const out: { row?: number; col?: number } = {};
  if (m[1]) out.col = colIndex(m[1]);
  if (m[2]) out.row = Number(m[2]) - 1;
  return out;
}

/** The local part of a reference: A1, A1:B2, $A$1, A:C (whole columns), 3:5 (whole rows). */
export function parseLocal(local: string): Rect {
  const [a, b, extra] = local.split(':');
  if (extra !== undefined || !a) throw new AddressError(local);
  const p = part(a);
  const q = b === undefined ? p : part(b);
  const whole = (x: { row?: number; col?: number }) => x.row === undefined || x.col === undefined;
  if (b === undefined && whole(p)) throw new AddressError(local);
  let rect: Rect;
  if (p.row === undefined && q.row === undefined && p.col !== undefined && q.col !== undefined) rect = { r0: 0, r1: MAX_ROWS - 1, c0: p.col, c1: q.col };
  else if (p.col === undefined && q.col === undefined && p.row !== undefined && q.row !== undefined) rect = { r0: p.row, r1: q.row, c0: 0, c1: MAX_COLUMNS - 1 };
  else if (p.row !== undefined && p.col !== undefined && q.row !== undefined && q.col !== undefined) rect = { r0: p.row, c0: p.col, r1: q.row, c1: q.col };
  else throw new AddressError(local);
  const norm = { r0: Math.min(rect.r0, rect.r1), r1: Math.max(rect.r0, rect.r1), c0: Math.min(rect.c0, rect.c1), c1: Math.max(rect.c0, rect.c1) };
  if (norm.r0 < 0 || norm.c0 < 0 || norm.r1 >= MAX_ROWS || norm.c1 >= MAX_COLUMNS) throw new AddressError(local);
  return norm;
}

export function parseRef(address: string): { sheet?: string; rect: Rect } {
  const { sheet, local } = splitSheet(address);
  return { sheet, rect: parseLocal(local) };
}

/** Splits "A1:B2, C3; D4" into its parts (commas or semicolons outside quotes). */
export function splitList(list: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (ch === "'") quoted = !quoted;
    if (!quoted && (ch === ',' || ch === ';')) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** "A1", "A1:B2", "A:B" (whole columns) or "3:5" (whole rows). */
export function rectAddress(r: Rect): string {
  if (r.r0 === 0 && r.r1 === MAX_ROWS - 1) return `${columnLetter(r.c0)}:${columnLetter(r.c1)}`;
  if (r.c0 === 0 && r.c1 === MAX_COLUMNS - 1) return `${r.r0 + 1}:${r.r1 + 1}`;
  const a = `${columnLetter(r.c0)}${r.r0 + 1}`;
  return r.r0 === r.r1 && r.c0 === r.c1 ? a : `${a}:${columnLetter(r.c1)}${r.r1 + 1}`;
}

export function qualified(sheet: string, r: Rect): string {
  return `${quoteSheet(sheet)}!${rectAddress(r)}`;
}

export function cellCount(r: Rect): number {
  return (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1);
}
