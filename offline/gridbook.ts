/**
 * What the offline page shows of the open workbook: the sheets the worker read (values and number
 * formats), the marks of the last run drawn over them, and the generated sheets. The user's data itself
 * is never changed here; the download is made from the original file (annotatedWorkbookBytes).
 */
import { MARK_COLORS, FLAG_FILL, type Mark, type SheetGrid } from '../src/report/model';
import { CELL_STYLES } from '../src/report/sheets';
import { parseA1, type CellValue } from '../src/template/grid';
import type { CellLook, ShownBook } from './book';
import type { SheetHead } from './protocol';



interface Sheet {
  head: SheetHead;
  values: CellValue[][];
  formats: (string | null | undefined)[][] | null;
}

const EMPTY: CellLook = { value: null, format: null, fill: null, note: null };

export class GridBook implements ShownBook {
  private readonly sheets = new Map<string, Sheet>();
  private readonly order: string[] = [];
  private marks = new Map<string, Map<string, { fill: string; note: string }>>();
  private generated: SheetGrid[] = [];

  addSheet(head: SheetHead): void {
    if (!this.sheets.has(head.name)) this.order.push(head.name);
    this.sheets.set(head.name, { head, values: new Array(head.rows), formats: null });
  }

  addRows(sheet: string, start: number, values: CellValue[][], formats: (string | null | undefined)[][] | null): void {
    const s = this.sheets.get(sheet);
    if (!s) return;
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
    const mark = this.marks.get(sheet)?.get(`${row}:${col}`);
    return { value, format: s.formats?.[row]?.[col] ?? null, fill: mark?.fill ?? null, note: mark?.note ?? null };
  }

  columnWidths(sheet: string): Record<number, number> {
    const g = this.generated.find((x) => x.name === sheet);
    const out: Record<number, number> = {};
    // Excel characters to px: chars × 7 + 5.
    g?.widths.forEach((w, i) => (out[i] = w * 7 + 5));
    return out;
  }

  setMarks(marks: readonly Mark[]): void {
    const next = new Map<string, Map<string, { fill: string; note: string }>>();
    for (const m of marks) {
      let at: { row: number; col: number };
      try {
        at = parseA1(m.address);
      } catch {
        continue;
      }
      if (!next.has(m.sheet)) next.set(m.sheet, new Map());
      next.get(m.sheet)!.set(`${at.row}:${at.col}`, { fill: MARK_COLORS[m.level], note: m.note });
    }
    this.marks = next;
  }

  /** Removes the marks; returns how many cells were marked. */
  clearMarks(): number {
    let n = 0;
    for (const m of this.marks.values()) n += m.size;
    this.marks = new Map();
    return n;
  }

  setGenerated(sheets: readonly SheetGrid[]): void {
    this.generated = [...sheets];
  }

  hasSheet(name: string): boolean {
    return this.sheetNames().includes(name);
  }
}
