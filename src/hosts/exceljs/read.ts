/** The exceljs adapter: a saved .xlsx file → CellGrid per sheet (values and number formats). */
import ExcelJS from 'exceljs';
import type { CellGrid, CellValue } from '../../template/grid';
import { ReadFailure } from '../xlsx/read';

export { ReadFailure };

/** A date as Excel holds it: the serial number (days since 1899-12-30), as Office.js returns it too. */
function serial(d: Date): number | null {
  return Number.isNaN(d.getTime()) ? null : d.getTime() / 86400000 + 25569;
}

/** The number format given to a date cell that has none of its own. */
const DATE_FORMAT = 'yyyy-mm-dd';

/** A plain value of an exceljs cell value: formulas by their cached result, rich text joined. */
export function plainValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return serial(v);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      // A formula saved without its calculated value (by a tool that does not calculate): not a blank.
      if (r === undefined || r === null) return 'formula' in v && v.formula ? `=${v.formula}` : 'sharedFormula' in v ? '=（共享公式）' : null;
      if (typeof r === 'object' && r instanceof Date) return serial(r);
      if (typeof r === 'object' && 'error' in r) return String(r.error);
      return r as CellValue;
    }
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
  }
  return null;
}

export function gridOf(ws: ExcelJS.Worksheet): CellGrid {
  const values: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r: CellValue[] = [];
    const f: (string | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      // Merged cells: exceljs gives every cell of a merge the master's value; keep only the master.
      const v = cell.isMerged && cell.master !== cell ? null : plainValue(cell.value);
      r[col - 1] = v;
      const isDate = cell.value instanceof Date || (cell.type === ExcelJS.ValueType.Formula && cell.result instanceof Date);
      f[col - 1] = cell.numFmt || (isDate ? DATE_FORMAT : null);
    });
    for (let i = 0; i < r.length; i++) if (r[i] === undefined) r[i] = null;
    values[rowNumber - 1] = r;
    numberFormats[rowNumber - 1] = f;
  });
  for (let i = 0; i < values.length; i++) if (!values[i]) values[i] = [];
  // exceljs keeps merges by master address as 1-based ranges (not in its typings).
  const ranges = Object.values((ws as unknown as { _merges?: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges ?? {});
  const merges = ranges.map((m) => ({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 }));
  const hiddenColumns: number[] = [];
  (ws.columns ?? []).forEach((c, i) => {
    if (c?.hidden) hiddenColumns.push(i);
  });
  const visibility = ws.state === 'hidden' || ws.state === 'veryHidden' ? ws.state : 'visible';
  return { name: ws.name, values, numberFormats, merges, visibility, hiddenColumns };
}

export async function loadWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const fs = await import('node:fs');
  if (!fs.existsSync(path)) throw new ReadFailure({ code: 'file-not-found', message: `找不到文件「${path}」，请检查路径` });
  if (fs.statSync(path).isDirectory()) throw new ReadFailure({ code: 'file-not-found', message: `「${path}」是文件夹，不是 .xlsx 文件` });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch {
    throw new ReadFailure({ code: 'not-xlsx', message: `无法以 Excel 工作簿（.xlsx）打开「${path}」：文件已损坏，或不是 .xlsx 格式（.xls 或 .et 请先另存为 .xlsx）` });
  }
  return wb;
}

export function gridsOf(wb: ExcelJS.Workbook): CellGrid[] {
  return wb.worksheets.map(gridOf);
}

/**
 * The one function annotate reads a workbook's grids with: bytes → one CellGrid per sheet (the very hidden
 * mark record included). exceljs today; to be switched to the package reader (src/hosts/xlsx).
 */
/** The grids of a workbook's bytes, read with our own package reader (src/hosts/xlsx/read.ts). */

export { gridsOfBytes } from '../xlsx/node-read';
