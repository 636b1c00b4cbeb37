/**
 * Messages between the offline page (main thread) and its worker (offline/worker.ts). The worker holds the
 * user's file and its grids; the page holds only what it shows.
 */
import type { ResolvedProfile } from '../src/domain/profile';
import type { ComputedAnalysis } from '../src/report/analysis';
import type { SheetGrid } from '../src/report/model';
import type { CellValue, GridRange } from '../src/template/grid';
import type { Fatal } from '../src/template/issues';
import type { Phase } from '../src/hosts/api';
import type { Part } from './chunked';
import type { PackedMarks } from './packed-marks';

/** A run's result as the page gets it: the analysis without what only the worker needs, advice and plan computed. */
export interface RanResult {
  analysis: ComputedAnalysis;
  sheets: SheetGrid[] | null;
}

export type ToWorker =
  | { type: 'open'; id: number; bytes: ArrayBuffer; fileName: string }
  | { type: 'sample'; id: number }
  | { type: 'run'; id: number; profile: ResolvedProfile; writeSheets: boolean }
  /** The annotated copy; `settings` (the pane's, as saved with the workbook) go into its mark record. */
  | { type: 'download'; id: number; profile: ResolvedProfile; settings: Record<string, unknown> | null }
  /** The official 申报表 tables as a new workbook (the `shenbao` command's bytes). */
  | { type: 'shenbao'; id: number; profile: ResolvedProfile }
  /** The blank standard template (the `template` command's workbook); needs no open workbook. */
  | { type: 'template'; id: number };

export interface SheetHead {
  name: string;
  visibility: 'visible' | 'hidden' | 'veryHidden';
  rows: number;
  cols: number;
  merges: GridRange[];
}

export type FromWorker =
  | { type: 'hello'; inWorker: boolean; href: string }
  | { type: 'progress'; id: number; text: string; fraction: number | null }
  | { type: 'sheet'; id: number; head: SheetHead }
  | { type: 'rows'; id: number; sheet: string; start: number; values: CellValue[][]; formats: (string | null | undefined)[][] | null }
  /** `settings`: those the file's mark record keeps (a copy downloaded earlier), or null. */
  | { type: 'opened'; id: number; fileName: string; sheets: number; settings: Record<string, unknown> | null }
  | { type: 'phase'; id: number; phase: Phase }
  /** A slice of a long array of the next 'ran' result (offline/chunked.ts). */
  | { type: 'part'; id: number; part: Part }
  /** `result` is a skeleton of RanResult whose long arrays came as parts before it; the marks' arrays are transferred. */
  | { type: 'ran'; id: number; ok: true; result: unknown; marks: PackedMarks }
  | { type: 'ran'; id: number; ok: false; fatal: Fatal }
  /** `notice`: what the page says once the file is downloaded (the 申报表 of a workbook with errors), or none. */
  | { type: 'bytes'; id: number; bytes: ArrayBuffer; fileName: string; notice?: string; /** The annotated copy of a macro-enabled workbook (.xlsm). */ macros?: boolean }
  | { type: 'failed'; id: number; message: string };

/** Rows per 'rows' message: small enough that the page unpacks each message in a few milliseconds. */
export const ROWS_PER_MESSAGE = 400;
