/**
 * What the adapters apply to a workbook, as plain data: marks on input cells and generated sheets.
 * The Office.js adapter, the exceljs `annotate` command and the preview all apply these same lists.
 */

/** error: an input error (red); fail: an input behind a failing indicator or item (orange); warning (yellow). */
export type MarkLevel = 'error' | 'fail' | 'warning';

export interface Mark {
  sheet: string;
  /** A1 address of one cell. */
  address: string;
  level: MarkLevel;
  /** Chinese explanation shown in the cell's note or comment (all reasons for that cell, joined). */
  note: string;
}

/** Fill colours of the mark levels (ARGB without alpha, as Office.js wants: #RRGGBB). */
export const MARK_COLORS: Record<MarkLevel, string> = {
  error: '#FFC7CE',
  fail: '#FFD8A8',
  warning: '#FFF2B3',
};

export type SheetCellValue = string | number | boolean | null;

export type CellStyle =
  | 'header'
  | 'title'
  | 'pass'
  | 'fail'
  | 'none'
  | 'note'
  /** The official 申报表 (shenbao.md §2.7): 黑体 14 title, bold wrapped centred header, bordered body. */
  | 'formTitle'
  | 'formHeader'
  | 'formNumber'
  | 'formText'
  | 'formFootnote';

export interface SheetCell {
  value: SheetCellValue;
  /** Number format, e.g. '0.00' for values, '0.000' for CVs. */
  format?: string;
  style?: CellStyle;
  /** Internal link target, "'Sheet'!A1", for 问题清单 → cell. */
  link?: string;
  /** A failing value in an official table: dark fill (FLAG_FILL), font unchanged (shenbao.md §2.7). */
  flag?: boolean;
}

/** The dark fill of a failing value in the official tables. */
export const FLAG_FILL = '#BFBFBF';

/** A generated sheet as a plain grid; row 0 is the title row. */
export interface SheetGrid {
  name: string;
  rows: SheetCell[][];
  /** Column widths in characters. */
  widths: number[];
  /** Number of rows frozen at the top. */
  frozenRows: number;
  /** Merged ranges, A1 ("A2:B3"). */
  merges?: string[];
  /** Notes to put on cells, where the host can write notes (never cell values). */
  notes?: { address: string; text: string }[];
  /** Tab colour, #RRGGBB. */
  tabColor?: string;
  /** Row heights in points, by 0-based row. */
  rowHeights?: Record<number, number>;
  /**
   * Print setup. Every generated sheet prints on A4, fit to one page wide; `landscape` turns the page and uses
   * Excel's 「窄」 margins (left/right 0.25 in), for the wide official tables.
   */
  landscape?: boolean;
  /** Manual page breaks: the 0-based rows that start a new printed page (表Ⅳ's second header, as the form). */
  rowBreaks?: number[];
}
