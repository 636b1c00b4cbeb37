/** Where each field of the template sits in the workbook: what turns a CellRef into sheet + A1. */
import type { CellRef } from '../domain/refs';
import { a1, type GridRange } from './grid';

export interface SheetLayout {
  /** Sheet name as found in the workbook (untrimmed). */
  sheet: string;
  /** 0-based header row. */
  headerRow: number;
  /** 0-based column of each field found in the header. */
  columns: Record<string, number>;
  /** Scale of money columns: 1 for 元, 10 000 for 万元. */
  scales: Record<string, number>;
  /** The sheet's formula cells (`cellKey`), when the host says (CellGrid.formulas). */
  formulas?: ReadonlySet<number>;
  /** The sheet's merged areas (CellGrid.merges), when it has any: a mark on a covered cell goes to the area's top-left. */
  merges?: readonly GridRange[];
}

export interface Layout {
  schools: SheetLayout;
  stages: SheetLayout;
  /** Absent when the workbook has no 「县级指标」 sheet. */
  county?: SheetLayout;
}

/** Sheet and A1 cell of a reference, or null when that column or sheet is absent. */
export function locate(layout: Layout, ref: CellRef): { sheet: string; cell: string } | null {
  const s = layout[ref.sheet];
  if (!s || ref.row < 0) return null;
  const col = s.columns[ref.field];
  if (col === undefined) return null;
  return { sheet: s.sheet, cell: a1(ref.row, col) };
}
