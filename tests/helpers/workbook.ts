/**
 * Test helper: writes plain grids to a real .xlsx file with exceljs, so that a reading-rule test can go
 * through the whole command line (`cli('validate', path)`) on exactly the cells it describes.
 *
 *   await writeGridsToXlsx([{ name: '学校基本信息', values: [['学校标识码', ...], ['0361230101', ...]] }], path);
 *
 * Input shape (a CellGrid of src/template/grid.ts is accepted as it is):
 * - `values[r][c]` is the cell at row r+1, column c+1. `null` or `undefined` leaves the cell empty.
 *   A string is written as text (so '0361230101' keeps its leading zero and '123' is a number stored
 *   as text); a number as a number; a boolean as TRUE/FALSE.
 * - A formula cell is `{ formula: 'B2*2', result: 84 }`: written with that cached result, which is what
 *   the reader sees (it never calculates). Without `result` the file has no cached value, as a workbook
 *   saved by a tool that does not calculate. Write the formula without the leading '='.
 * - `numberFormats[r][c]` (optional, parallel to values) sets the cell's number format, e.g. '0.0%' for a
 *   percentage cell, '@' for a text cell; it is applied to empty cells too.
 * - The sheets are written in the order given, with no styling.
 */
import ExcelJS from 'exceljs';
import type { CellValue } from '../../src/template/grid';

export interface FormulaCell {
  formula: string;
  result?: string | number | boolean;
}

export type HelperCell = CellValue | FormulaCell | undefined;

export interface HelperGrid {
  name: string;
  values: HelperCell[][];
  numberFormats?: (string | null | undefined)[][];
}

function isFormula(v: HelperCell): v is FormulaCell {
  return typeof v === 'object' && v !== null && 'formula' in v;
}

/** Builds the workbook in memory (for tests that want to change it further before saving). */
export function workbookOfGrids(grids: readonly HelperGrid[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const grid of grids) {
    const ws = wb.addWorksheet(grid.name);
    const rows = Math.max(grid.values.length, grid.numberFormats?.length ?? 0);
    for (let r = 0; r < rows; r++) {
      const values = grid.values[r] ?? [];
      const formats = grid.numberFormats?.[r] ?? [];
      const cols = Math.max(values.length, formats.length);
      for (let c = 0; c < cols; c++) {
        const v = values[c];
        const format = formats[c];
        if ((v === null || v === undefined) && !format) continue;
        const cell = ws.getCell(r + 1, c + 1);
        if (format) cell.numFmt = format;
        if (v === null || v === undefined) continue;
        cell.value = isFormula(v) ? (v.result === undefined ? { formula: v.formula } : { formula: v.formula, result: v.result }) as ExcelJS.CellFormulaValue : v;
      }
    }
  }
  return wb;
}

/** Writes the grids as one .xlsx workbook at `path` (overwriting it). */
export async function writeGridsToXlsx(grids: readonly HelperGrid[], path: string): Promise<void> {
  await workbookOfGrids(grids).xlsx.writeFile(path);
}
