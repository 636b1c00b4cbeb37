/**
 * What the preview's grid shows of the in-memory workbook: sheets, values, fills, notes. One small
 * interface so that the grid does not depend on how the fake workbook stores cells.
 */
import type { WorkbookHost } from '../src/hosts/api';
import type { CellValue } from '../src/template/grid';
import type { ExportSheet } from './files';

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

export interface PreviewBook {
  /** The host the pane drives (the real adapter over the in-memory workbook). */
  host: WorkbookHost;
  /** Visible sheets in tab order. */
  sheetNames(): string[];
  /** Size of the used range from A1: rows and columns. */
  size(sheet: string): { rows: number; cols: number };
  /** The cell at a 0-based row and column. */
  cell(sheet: string, row: number, col: number): CellLook;
  /** Column widths in px that the workbook sets (generated sheets), by 0-based column. */
  columnWidths?(sheet: string): Record<number, number>;
  /** Called after every change the adapter makes (batched per sync). */
  onChange(cb: () => void): () => void;
  /** Every sheet (hidden ones too) with values, formats, fills and notes, for the download. */
  exportSheets(): ExportSheet[];
}
