/**
 * What the page's grid (WorkbookView) shows of a workbook, whichever host holds it: the offline page's
 * GridBook (sheets read by the worker, marks drawn over them) or the preview's fake Excel. One small interface,
 * so that the grid does not depend on how either stores cells.
 */
import type { CellValue } from '../src/template/grid';

export interface CellLook {
  value: CellValue;
  /** Number format ('General' or absent for none). */
  format?: string | null;
  /** Fill colour #RRGGBB, or null. */
  fill: string | null;
  /** The cell's note or comment text, or null. */
  note: string | null;
  bold?: boolean;
}

export interface ShownBook {
  /** Visible sheets in tab order. */
  sheetNames(): string[];
  /** Size of the used range from A1: rows and columns. */
  size(sheet: string): { rows: number; cols: number };
  /** The cell at a 0-based row and column. */
  cell(sheet: string, row: number, col: number): CellLook;
  /** Column widths in px that the workbook sets (generated sheets), by 0-based column. */
  columnWidths?(sheet: string): Record<number, number>;
  /**
   * A number that changes whenever a value or a sheet changes, but not with marks alone; the grid then keeps its
   * column widths across a run. Without it the grid measures them again on every change.
   */
  contentVersion?(): number;
}
