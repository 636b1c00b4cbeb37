/**
 * The marks of a run as the worker sends them to the page: per sheet, the marked cells as sorted numbers
 * (row × 16 384 + column) in typed arrays, and each note once. At 10 000 schools a run marks some 30 000
 * cells: as objects they cost the page some 60 ms to index and 120 000 strings to unpack and collect; packed,
 * the arrays move without copying and a cell is found by binary search.
 */
import type { Mark, MarkLevel } from '../src/report/model';
import { parseA1 } from '../src/template/grid';

/** Excel's column count: a cell's key is row × COLS + column, exact in a double for every cell of a sheet. */
const COLS = 16384;
export const MARK_LEVELS: readonly MarkLevel[] = ['error', 'fail', 'warning'];

export interface PackedSheetMarks {
  sheet: string;
  /** Keys of the marked cells, ascending, each once. */
  cells: Float64Array;
  /** Index into MARK_LEVELS, per cell. */
  levels: Uint8Array;
  /** Index into PackedMarks.notes, per cell. */
  notes: Uint32Array;
}

export interface PackedMarks {
  sheets: PackedSheetMarks[];
  notes: string[];
  /** How many marks the run made (as the other hosts count them). */
  count: number;
}

/** Packs marks; `transfer` lists the buffers to move with the message. A cell marked twice keeps its last mark, as a sheet would. */
export function packMarks(marks: readonly Mark[]): { packed: PackedMarks; transfer: ArrayBuffer[] } {
  const notes: string[] = [];
  const noteIndex = new Map<string, number>();
  const bySheet = new Map<string, Map<number, { level: number; note: number }>>();
  for (const m of marks) {
    let at: { row: number; col: number };
    try {
      at = parseA1(m.address);
    } catch {
      continue;
    }
    let note = noteIndex.get(m.note);
    if (note === undefined) {
      noteIndex.set(m.note, (note = notes.length));
      notes.push(m.note);
    }
    let cells = bySheet.get(m.sheet);
    if (!cells) bySheet.set(m.sheet, (cells = new Map()));
    cells.set(at.row * COLS + at.col, { level: MARK_LEVELS.indexOf(m.level), note });
  }
  const sheets: PackedSheetMarks[] = [];
  const transfer: ArrayBuffer[] = [];
  for (const [sheet, cells] of bySheet) {
    const keys = Float64Array.from(cells.keys()).sort();
    const levels = new Uint8Array(keys.length);
    const noteOf = new Uint32Array(keys.length);
    keys.forEach((k, i) => {
      const c = cells.get(k)!;
      levels[i] = c.level;
      noteOf[i] = c.note;
    });
    sheets.push({ sheet, cells: keys, levels, notes: noteOf });
    transfer.push(keys.buffer, levels.buffer, noteOf.buffer);
  }
  return { packed: { sheets, notes, count: marks.length }, transfer };
}

/** The mark of a cell (0-based row and column), or null. */
export function markAt(marks: PackedMarks, sheet: PackedSheetMarks | undefined, row: number, col: number): { level: MarkLevel; note: string } | null {
  if (!sheet) return null;
  const key = row * COLS + col;
  let lo = 0;
  let hi = sheet.cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = sheet.cells[mid];
    if (k === key) return { level: MARK_LEVELS[sheet.levels[mid]], note: marks.notes[sheet.notes[mid]] };
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}
