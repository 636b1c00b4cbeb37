/**
 * Opening and saving .xlsx files in the browser: reading with the command line's own reader, writing with
 * exceljs (its browser bundle, inlined in the page by scripts/build-offline.ts).
 */
import type ExcelJS from 'exceljs';
import type { CellGrid, CellValue } from '../src/template/grid';
import { a1 } from '../src/template/grid';

export interface ExportCell {
  value: CellValue;
  format?: string | null;
  fill?: string | null;
  note?: string | null;
  bold?: boolean;
  fontColor?: string | null;
  /** Formula text ('=…'), kept with its last value. */
  formula?: string | null;
  /** Internal link target ('Sheet'!A1) of a hyperlink. */
  link?: string | null;
}

export interface ExportSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  rows: number;
  cols: number;
  cell(row: number, col: number): ExportCell;
  /** Column widths in characters, when known. */
  widths?: number[];
  frozenRows?: number;
}

async function exceljs(): Promise<typeof ExcelJS> {
  const m = await import('exceljs');
  return ((m as unknown as { default?: typeof ExcelJS }).default ?? m) as typeof ExcelJS;
}

export class OpenError extends Error {}

/**
 * Reads an .xlsx file into plain grids with the command line's own reader (src/hosts/xlsx/read.ts,
 * inflating with the browser's DecompressionStream), so the preview reads a file exactly as `validate`
 * does; a file that is not a workbook (a Word file, an .xls, an encrypted or zipped workbook) is an
 * OpenError saying in Chinese what it is.
 */
export async function readXlsx(data: ArrayBuffer, fileName: string): Promise<CellGrid[]> {
  const [{ readXlsx: readWorkbook, ReadFailure }, { browserInflateChunks }] = await Promise.all([
    import('../src/hosts/xlsx/read'),
    import('../src/hosts/xlsx/browser-inflate'),
  ]);
  try {
    return await readWorkbook(new Uint8Array(data), browserInflateChunks, fileName);
  } catch (e) {
    if (e instanceof ReadFailure) throw new OpenError(e.message);
    throw e;
  }
}

const argb = (hex: string) => `FF${hex.replace(/^#/, '').toUpperCase()}`;

/** Writes sheets (values, number formats, fills, notes) to an .xlsx file. */
export async function writeXlsx(sheets: readonly ExportSheet[]): Promise<Blob> {
  const Excel = await exceljs();
  const wb = new Excel.Workbook();
  wb.creator = '优质均衡核验（浏览器预览）';
  for (const sh of sheets) {
    const ws = wb.addWorksheet(sh.name, { state: sh.state });
    for (let r = 0; r < sh.rows; r++) {
      for (let c = 0; c < sh.cols; c++) {
        const x = sh.cell(r, c);
        const empty = x.value === null || x.value === '';
        if (empty && !x.fill && !x.note) continue;
        const cell = ws.getCell(a1(r, c));
        if (x.formula) cell.value = { formula: x.formula.replace(/^=/, ''), result: x.value ?? undefined } as ExcelJS.CellFormulaValue;
        else if (x.link && !empty) cell.value = { text: String(x.value), hyperlink: `#${x.link}` };
        else if (!empty) cell.value = x.value;
        if (x.format && x.format !== 'General') cell.numFmt = x.format;
        if (x.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(x.fill) } };
        if (x.note) cell.note = x.note;
        if (x.bold || x.fontColor) cell.font = { ...(x.bold ? { bold: true } : {}), ...(x.fontColor ? { color: { argb: argb(x.fontColor) } } : {}) };
      }
    }
    if (sh.frozenRows) ws.views = [{ state: 'frozen', ySplit: sh.frozenRows }];
    sh.widths?.forEach((w, c) => {
      if (w > 0) ws.getColumn(c + 1).width = w;
    });
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

// Saving a file is the same in the preview and the offline page: one implementation (offline/files.ts, no dependencies).
export { annotatedName, download } from '../offline/files';
