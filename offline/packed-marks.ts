/**
 * The marks of a run as the worker sends them to the page: per sheet, the marked cells as sorted numbers
 * (row × 16 384 + column) in typed arrays, and each note once, all of them in one string. At 10 000 schools a
 * run marks some 30 000 cells: as objects they cost the page some 60 ms to index and 120 000 strings to unpack
 * and collect; packed, the arrays move without copying, the 16 000 distinct notes arrive as one string, and a
 * cell is found by binary search.
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
  /** Index of the cell's note (see PackedMarks.noteStarts), per cell. */
  notes: Uint32Array;
}

export interface PackedMarks {
  sheets: PackedSheetMarks[];
  /** Every distinct note, one after another; note k is text.slice(noteStarts[k], noteStarts[k + 1]). */
  text: string;
  noteStarts: Uint32Array;
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
    // Past Excel's last column (no sheet has one): it would take the key of a cell of the next row.
    if (at.col >= COLS) continue;
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
  const noteStarts = new Uint32Array(notes.length + 1);
  notes.forEach((n, k) => (noteStarts[k + 1] = noteStarts[k] + n.length));
  transfer.push(noteStarts.buffer);
  return { packed: { sheets, text: notes.join(''), noteStarts, count: marks.length }, transfer };
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
    if (k === key) {
      const n = sheet.notes[mid];
      return { level: MARK_LEVELS[sheet.levels[mid]], note: marks.text.slice(marks.noteStarts[n], marks.noteStarts[n + 1]) };
    }
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}
