/**
 * The preview's workbook: a FakeWorkbook (src/hosts/fake-excel) with the fake Office.js globals installed, so
 * that the real adapter (src/hosts/excel/adapter.ts) runs against it unchanged. The grid reads the fake's
 * cells (values, number formats, fills, notes) through ShownBook (offline/book.ts), as the offline page's grid does.
 */
import type { WorkbookHost } from '../src/hosts/api';
import { FakeRequestContext, FakeWorkbook, installFakeOffice } from '../src/hosts/fake-excel';
import type { CellGrid } from '../src/template/grid';
import { a1, parseA1 } from '../src/template/grid';
import type { CellLook, ShownBook } from '../offline/book';
import type { ExportCell, ExportSheet } from './files';
import { createExcelHost } from '../src/hosts/excel/adapter';

export interface FakePreviewBook extends ShownBook {
  workbook: FakeWorkbook;
  /** The host the pane drives (the real adapter over the in-memory workbook). */
  host: WorkbookHost;
  /** Called after every change the adapter makes (batched per sync). */
  onChange(cb: () => void): () => void;
  /** Every sheet (hidden ones too) with values, formats, fills and notes, for the download. */
  exportSheets(): ExportSheet[];
  /** The fake's active sheet and selected cell after a select (what the adapter really did). */
  selected(): { sheet: string; address: string } | null;
}

/**
 * Round-trip time added to every sync of the fake, as Excel on the web has: without it the whole run
 * finishes within one task and the pane's progress (读取, 校验, …) is never seen in the preview.
 */
export const SYNC_LATENCY_MS = 120;
let latencyAdded = false;

function addSyncLatency(): void {
  if (latencyAdded) return;
  latencyAdded = true;
  const proto = FakeRequestContext.prototype as unknown as { sync(this: FakeRequestContext): Promise<void> };
  const sync = proto.sync;
  proto.sync = async function (this: FakeRequestContext) {
    await new Promise((resolve) => setTimeout(resolve, SYNC_LATENCY_MS));
    return sync.call(this);
  };
}

/** End row and column (exclusive) of a sheet's used range, formats included. */
function sizeOf(wb: FakeWorkbook, sheet: string): { rows: number; cols: number } {
  const used = wb.usedRange(sheet, false);
  if (!used) return { rows: 0, cols: 0 };
  const end = parseA1(used.split(':').pop()!);
  return { rows: end.row + 1, cols: end.col + 1 };
}

/** Column width in Excel characters from points (Excel: px = chars × 7 + 5, points = px × 3/4). */
const pointsToChars = (pt: number) => Math.max(0, Math.round(((pt * 4) / 3 - 5) / 7));

export function createPreviewBook(grids: CellGrid[]): FakePreviewBook {
  addSyncLatency();
  const workbook = FakeWorkbook.fromGrids(grids);
  if (grids.length) workbook.setActiveSheet(grids[0].name);
  installFakeOffice(workbook);
  const host: WorkbookHost = createExcelHost();

  const look = (sheet: string, row: number, col: number): CellLook => {
    const v = workbook.cell(sheet, a1(row, col));
    return { value: v.value, format: v.numberFormat, fill: v.fill, note: v.note ?? v.comment, bold: v.bold };
  };

  const exportCell = (sheet: string, row: number, col: number): ExportCell => {
    const v = workbook.cell(sheet, a1(row, col));
    return { value: v.value, format: v.numberFormat, fill: v.fill, note: v.note ?? v.comment, bold: v.bold, formula: v.formula, link: v.link, fontColor: v.fontColor };
  };

  return {
    workbook,
    host,
    sheetNames: () => workbook.sheetNames().filter((n) => workbook.sheetInfo(n)?.visibility === 'Visible'),
    size: (sheet) => sizeOf(workbook, sheet),
    cell: look,
    columnWidths: (sheet) => {
      const info = workbook.sheetInfo(sheet);
      const out: Record<number, number> = {};
      for (const [letter, pt] of Object.entries(info?.columnWidths ?? {})) out[parseA1(`${letter}1`).col] = (pt * 4) / 3;
      return out;
    },
    onChange: (cb) => workbook.onChange(() => cb()),
    selected: () => {
      const sel = workbook.selection();
      if (!sel) return null;
      const at = sel.lastIndexOf('!');
      let sheet = sel.slice(0, at);
      if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
      return { sheet, address: sel.slice(at + 1).split(':')[0].replace(/\$/g, '') };
    },
    exportSheets: (): ExportSheet[] =>
      workbook.sheetNames().map((name) => {
        const info = workbook.sheetInfo(name)!;
        const { rows, cols } = sizeOf(workbook, name);
        const widths: number[] = [];
        for (const [letter, pt] of Object.entries(info.columnWidths)) widths[parseA1(`${letter}1`).col] = pointsToChars(pt);
        return {
          name,
          state: info.visibility === 'VeryHidden' ? 'veryHidden' : info.visibility === 'Hidden' ? 'hidden' : 'visible',
          rows,
          cols,
          cell: (r, c) => exportCell(name, r, c),
          widths,
          frozenRows: info.frozenRows,
        };
      }),
  };
}
