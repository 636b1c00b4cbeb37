/**
 * What the offline page shows of the open workbook: the sheets the worker read (values and number
 * formats), the marks of the last run drawn over them, and the generated sheets. The user's data itself
 * is never changed here; the download is made from the original file (annotatedWorkbookBytes).
 */
import { MARK_COLORS, FLAG_FILL, type SheetGrid } from '../src/report/model';
import { CELL_STYLES } from '../src/report/sheets';
import type { CellValue } from '../src/template/grid';
import type { CellLook, ShownBook } from './book';
import { markAt, type PackedMarks, type PackedSheetMarks } from './packed-marks';
import type { SheetHead } from './protocol';

interface Sheet {
  head: SheetHead;
  values: CellValue[][];
  formats: (string | null | undefined)[][] | null;
}

const EMPTY: CellLook = { value: null, format: null, fill: null, note: null };
const NO_MARKS: PackedMarks = { sheets: [], text: '', noteStarts: new Uint32Array(1), count: 0 };

export class GridBook implements ShownBook {
  private readonly sheets = new Map<string, Sheet>();
  private readonly order: string[] = [];
  private marks = NO_MARKS;
  private marksOf = new Map<string, PackedSheetMarks>();
  private generated: SheetGrid[] = [];
  private content = 0;

  contentVersion(): number {
    return this.content;
  }

  addSheet(head: SheetHead): void {
    this.content++;
    if (!this.sheets.has(head.name)) this.order.push(head.name);
    this.sheets.set(head.name, { head, values: new Array(head.rows), formats: null });
  }

  addRows(sheet: string, start: number, values: CellValue[][], formats: (string | null | undefined)[][] | null): void {
    const s = this.sheets.get(sheet);
    if (!s) return;
    this.content++;
    for (let i = 0; i < values.length; i++) s.values[start + i] = values[i];
    if (formats) {
      if (!s.formats) s.formats = new Array(s.head.rows);
      for (let i = 0; i < formats.length; i++) s.formats[start + i] = formats[i];
    }
  }

  /** Visible sheets of the file, then the generated ones (a generated name replaces the file's sheet). */
  sheetNames(): string[] {
    const gen = this.generated.map((g) => g.name);
    return [...this.order.filter((n) => this.sheets.get(n)!.head.visibility === 'visible' && !gen.includes(n)), ...gen];
  }

  size(sheet: string): { rows: number; cols: number } {
    const g = this.generated.find((x) => x.name === sheet);
    if (g) return { rows: g.rows.length, cols: Math.max(g.widths.length, ...g.rows.map((r) => r.length)) };
    const s = this.sheets.get(sheet);
    return s ? { rows: s.head.rows, cols: s.head.cols } : { rows: 0, cols: 0 };
  }

  cell(sheet: string, row: number, col: number): CellLook {
    const g = this.generated.find((x) => x.name === sheet);
    if (g) {
      const c = g.rows[row]?.[col];
      if (!c) return EMPTY;
      const spec = CELL_STYLES[c.style ?? 'none'];
      return { value: c.value, format: c.format ?? null, fill: c.flag ? FLAG_FILL : spec.fill ?? null, note: null, bold: spec.bold };
    }
    const s = this.sheets.get(sheet);
    if (!s) return EMPTY;
    const value = s.values[row]?.[col] ?? null;
    const mark = markAt(this.marks, this.marksOf.get(sheet), row, col);
    return { value, format: s.formats?.[row]?.[col] ?? null, fill: mark ? MARK_COLORS[mark.level] : null, note: mark?.note ?? null };
  }

  columnWidths(sheet: string): Record<number, number> {
    const g = this.generated.find((x) => x.name === sheet);
    const out: Record<number, number> = {};
    // Excel characters to px: chars × 7 + 5.
    g?.widths.forEach((w, i) => (out[i] = w * 7 + 5));
    return out;
  }

  setMarks(marks: PackedMarks): void {
    this.marks = marks;
    this.marksOf = new Map(marks.sheets.map((m) => [m.sheet, m]));
  }

  /** Removes the marks; returns how many cells were marked. */
  clearMarks(): number {
    const n = this.marks.sheets.reduce((sum, m) => sum + m.cells.length, 0);
    this.setMarks(NO_MARKS);
    return n;
  }

  setGenerated(sheets: readonly SheetGrid[]): void {
    this.content++;
    this.generated = [...sheets];
  }

  hasSheet(name: string): boolean {
    return this.sheetNames().includes(name);
  }
}
