/**
 * The host contract: what the task pane and the ribbon commands need from a spreadsheet, and all they get.
 * The Office.js adapter (src/hosts/excel/adapter.ts) implements it over Excel; the fake Excel
 * (src/hosts/fake-excel) lets it run in tests and the preview. Nothing here names Office.js.
 *
 * A second spreadsheet host (WPS 表格's add-in API, whose ET object model is synchronous:
 * `Application.ActiveWorkbook.Sheets.Item(name).UsedRange.Value2`) implements WorkbookHost the same way, from
 * the same pure parts: read the three input sheets into CellGrids (src/template/grid.ts: values, number
 * formats, merges, visibility), call analyse() (src/report/build.ts), marksOf() (src/report/marks.ts) for the
 * cells to mark and generatedSheets() (src/report/sheets.ts) for the tables to write, and keep the mark
 * record in the very hidden sheet of src/report/markstore.ts (encodeStore/decodeStore), so that marks written
 * by one host are cleared by the other. tests/hosts/contract.ts is the suite such a host must pass
 * (describeHostContract), as the Office.js adapter does in tests/hosts/excel/contract.test.ts.
 */
import type { ResolvedProfile } from '../domain/profile';
import type { ShownAnalysis } from '../report/analysis';
import type { Fatal } from '../template/issues';

export type Phase = '读取' | '校验' | '计算' | '标记' | '生成汇总';

export interface RunOptions {
  profile: ResolvedProfile;
  /** Called as each phase starts (for the pane's progress). */
  onPhase?: (phase: Phase) => void;
  /** Write the three generated sheets (default true). */
  writeSheets?: boolean;
  /** Apply marks to input cells (default true). */
  applyMarks?: boolean;
  /**
   * Time (Date.now()) by which the run must end, e.g. a ribbon command's runtime limit: past it, no further
   * write is started and the run stops with a Chinese message, the record true to the cells.
   */
  deadline?: number;
}

/** `A`: what the host gives of the analysis (the add-in's hosts all of it, the offline page a computed one). */
export type RunOutcome<A extends ShownAnalysis = ShownAnalysis> =
  | {
      ok: true;
      analysis: A;
      marks: number;
      notesVia: 'note' | 'comment' | 'sheet';
      /**
       * Marked cells that already held someone's note or comment: it was left exactly as it was, and their
       * explanation is only in 问题清单 and the pane.
       */
      keptForUser?: number;
      syncs: number;
      /** Generated sheets written under another name because the user has a sheet of that name (kept). */
      renamedSheets?: { sheet: string; writtenAs: string }[];
    }
  /** The workbook is not the template (fatal), or Excel refused (protected sheet, API error): nothing was changed. */
  | { ok: false; fatal: Fatal; syncs: number };

export type ClearOutcome = { ok: true; restored: number; syncs: number } | { ok: false; fatal: Fatal; syncs: number };

export interface WorkbookHost {
  /** Read, validate, clear earlier marks, apply marks and write 表Ⅱ/表Ⅲ/问题清单: at most 4 sync() calls. */
  run(options: RunOptions): Promise<RunOutcome>;
  /** Restore every marked cell's earlier look and remove the mark record. */
  clearMarks(): Promise<ClearOutcome>;
  /** Select a cell (from a 问题清单 entry or the pane); false when the workbook has no such sheet (yet). */
  select(sheet: string, address: string): Promise<boolean | void>;
  /** Settings saved with the workbook (rule profile and options), or null. */
  loadSettings(): Promise<Record<string, unknown> | null>;
  saveSettings(settings: Record<string, unknown>): Promise<void>;
}
