/**
 * The Office.js adapter: `WorkbookHost` (api.ts) over the real global `Excel` and `Office` APIs.
 *
 * run() in four syncs for a typical county, whatever its size:
 *   1. read: sheet list with protection, the used ranges (values; number formats for 「县级指标」 only)
 *      of the template sheets, the mark record and its run lock; comments (with reply ids) when the host has them;
 *   1a. merged areas of the read windows (ExcelApi 1.13) in the same sync; only when Excel refuses them (over
 *      512 areas) is the read sent again without them;
 *   1b. the formula cells of the read windows (getSpecialCellsOrNullObject('Formulas'), ExcelApi 1.9) in the same
 *      sync, for the plan's「该单元格是公式」; dropped after the school sheets' first number formats when the
 *      response is too large (then not known, as before);
 *   2. lock and look: the run lock taken (the very hidden record sheet is made here, once), the fill of every
 *      cell about to be marked (RangeAreas of single cells, one query per chunk), the note of every cell marked
 *      now or before, the location of every comment, the extent and notes of the generated sheets to rewrite;
 *   3. marks: earlier marks restored, the record rewritten in place, new fills and notes;
 *   4. generated sheets: the product's own sheets cleared and rewritten in place (values, formats and merges
 *      cleared, our notes deleted; then values in one range, formats, styles, links, row heights, print setup),
 *      never deleted and added again: sheet deletion, addition, renaming and visibility changes clear Excel's
 *      undo history. A sheet is added only the first time (or when the user deleted it); the lock given back.
 * Steps 3 and 4 are packed by estimated request size (counted conservatively, bytes.ts): when one of them would
 * pass the budget the work is moved across the two syncs, then spread over more syncs (maxWriteSyncs), and only
 * then do notes give way to 问题清单. Without the Notes API, new comments go in one more sync of their own
 * (Excel refuses a comment on a cell holding a note the add-in cannot see; that must not undo the marks).
 * Nothing is written before every check (template read, protection, lock, size) has passed.
 *
 * Our notes and comments start with NOTE_MARKER, and only those are ever changed or deleted. A cell that holds
 * someone else's note or comment keeps it exactly (replies and @mentions included) and its explanation is only
 * in 问题清单 and the pane; one of ours that others replied to is never deleted (that would delete the replies).
 * Features are used only when both the host and the loaded office.js have them (capabilities()).
 */
import { analyse, type Analysis } from '../../report/build';
import { marksOf } from '../../report/marks';
import { decodeGenerated, decodeSettings, decodeStore, legacyGenerated, encodeGenerated, encodeStore, GENERATED_RECORD_SHEET, isOlderListRow, isOurs, isRecordSheet, keptOriginal, MARK_STORE_SHEET, NOTE_MARKER, NOTE_ORIGINAL, noteText, olderListRows, placeGenerated, type StoredLook } from '../../report/markstore';
import { FLAG_FILL, MARK_COLORS, type Mark, type SheetGrid } from '../../report/model';
import { CELL_STYLES, generatedSheets, gridMatrix } from '../../report/sheets';
import { a1, cellKey, columnLetter, parseA1, type CellGrid, type CellValue, type GridRange } from '../../template/grid';
import type { Fatal } from '../../template/issues';
import { SHEET_COUNTY, SHEET_SCHOOLS, SHEET_STAGES, SHEET_UNITS_REPORT } from '../../template/schema';
import { excelNameKey } from '../../template/sheet-names';
import { requestBytes, escapedJsonLength } from '../request-bytes';
import type { ClearOutcome, Phase, RunOptions, RunOutcome, WorkbookHost } from '../api';

export const SETTINGS_KEY = 'junheng.settings';
export { NOTE_MARKER, NOTE_ORIGINAL };

export interface ExcelHostOptions {
  /** Estimated request bytes allowed in one sync (Excel on the web refuses more than 5 MB). */
  requestBudget?: number;
  /**
   * Estimated response bytes allowed in one sync of the reads that can be split (number formats of the school sheets,
   * looks of the cells to mark); Excel on the web refuses a response over 5 MB.
   */
  responseBudget?: number;
  /** Longest address list passed to one getRanges call. */
  addressChunk?: number;
  /** Called with the plan of each run (estimated bytes of the look-up sync and of each write sync). */
  onPlan?: (plan: RunPlan) => void;
  /**
   * Most write syncs one run may use (default 8). Two are enough for a typical county; a large county in
   * which every school fails needs more to keep each request under the budget.
   */
  maxWriteSyncs?: number;
}

export interface RunPlan {
  notes: 'note' | 'comment' | 'sheet';
  /** Cells whose note is looked up one by one in sync 2. */
  noteLookups: number;
  lookupBytes: number;
  writeBytes: number[];
}

const DEFAULT_BUDGET = 3_800_000;
/**
 * The part of an input sheet that is read: far more rows than a county has (the benchmark's 30 000 school
 * units fit) within the 5 MB response of Excel on the web, and all the template columns. A value beyond it
 * (row 150 000) is named as stray content.
 */
const READ_ROWS = 40_000;
const READ_COLUMNS = 256;
/**
 * Number formats of the school sheets (a code kept as a number and shown as 0361230101 by its format, a date typed
 * into a number column): read with the values for the first FORMAT_ROWS rows and FORMAT_COLUMNS columns, which
 * covers a county of some 1 000 schools without another sync; the rest of a larger sheet is read in the next
 * sync(s), in blocks estimated to keep each response within the response budget (the formats of every cell
 * of a 10 000-school county would take the first read past the 5 MB response of Excel on the web).
 */
const FORMAT_ROWS = 1_500;
const FORMAT_COLUMNS = 64;
const DEFAULT_RESPONSE_BUDGET = 3_500_000;
/** Bytes of the response for one cell whose fill is looked up, less its sheet name (measured on the fake: about 110). */
const LOOK_RESPONSE_BYTES = 150;
/**
 * Errors of a read that may mean its window was too large: over the cell limit (RangeExceedsLimit in Microsoft's
 * table of error codes, "the cell count in the range has exceeded the maximum supported number"; the fake says
 * InvalidArgument, and either is taken), over the 5 MB of a response, or an internal error. Only a window of SUSPECT_CELLS or
 * more is then taken for the cause (the school sheet of a county of 30 000 school units, 23 template columns, is
 * about 700 000 cells).
 */
const SIZE_REFUSALS = new Set(['InvalidArgument', 'InvalidOperation', 'RangeExceedsLimit', 'ResponsePayloadSizeLimitExceeded', 'GeneralException']);
const SUSPECT_CELLS = 1_000_000;
const DEFAULT_MAX_WRITE_SYNCS = 8;
const DEFAULT_ADDRESS_CHUNK = 4000;
const INPUT_SHEETS = [SHEET_SCHOOLS, SHEET_STAGES, SHEET_COUNTY] as const;
/** Excel's largest row height in points. */
const MAX_ROW_HEIGHT = 409.5;
const BORDER_EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'] as const;

// ---- small helpers ---------------------------------------------------------------------------------

interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

const jsonBytes = (v: unknown) => escapedJsonLength(JSON.stringify(v) ?? '');
/** Estimated request bytes of one new proxy (object path + Instantiate action) and of one action. */
const PROXY = 170;
const ACTION = 110;

const keyOf = (sheet: string, address: string) => `${sheet}!${address.replace(/\$/g, '').toUpperCase()}`;
const quote = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

/** "学校基本信息!K12", "'a b'!$K$12" → its sheet and local address. */
function splitAddress(address: string): { sheet: string; local: string } {
  const bang = address.lastIndexOf('!');
  let sheet = bang >= 0 ? address.slice(0, bang) : '';
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1).replace(/\$/g, '').toUpperCase() };
}

function rectA1(r: Rect): string {
  const a = a1(r.r0, r.c0);
  return r.r0 === r.r1 && r.c0 === r.c1 ? a : `${a}:${a1(r.r1, r.c1)}`;
}

/** Cells → few rectangles: vertical runs per column, then runs of equal rows in adjacent columns. */
export function rectsOf(cells: readonly { row: number; col: number }[]): Rect[] {
  const byCol = new Map<number, number[]>();
  for (const { row, col } of cells) {
    const rows = byCol.get(col);
    if (rows) rows.push(row);
    else byCol.set(col, [row]);
  }
  const runs = new Map<string, number[]>();
  for (const [col, rows] of byCol) {
    const sorted = [...new Set(rows)].sort((a, b) => a - b);
    let start = sorted[0];
    for (let i = 1; i <= sorted.length; i++) {
      if (i < sorted.length && sorted[i] === sorted[i - 1] + 1) continue;
      const key = `${start}:${sorted[i - 1]}`;
      const cols = runs.get(key);
      if (cols) cols.push(col);
      else runs.set(key, [col]);
      start = sorted[i];
    }
  }
  const out: Rect[] = [];
  for (const [key, cols] of runs) {
    const [r0, r1] = key.split(':').map(Number);
    cols.sort((a, b) => a - b);
    let c0 = cols[0];
    for (let i = 1; i <= cols.length; i++) {
      if (i < cols.length && cols[i] === cols[i - 1] + 1) continue;
      out.push({ r0, r1, c0, c1: cols[i - 1] });
      c0 = cols[i];
    }
  }
  return out.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
}

/** Address lists of at most `max` characters each. */
export function chunkAddresses(addresses: readonly string[], max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const a of addresses) {
    if (cur && cur.length + 1 + a.length > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur},${a}` : a;
  }
  if (cur) out.push(cur);
  return out;
}


/**
 * An Excel error as a Fatal in plain Chinese: what went wrong, whether the workbook may have been
 * changed, and what to do. `wroteMaybe`: a write sync was sent and may have been applied, wholly or in
 * part (Excel keeps the actions of a failed batch that ran before the failing one).
 */
function fatalOf(e: unknown, wroteMaybe: boolean, command: 'run' | 'clear' = 'run'): Fatal {
  const code = typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : null;
  const msg = e instanceof Error ? e.message : String(e);
  const after = !wroteMaybe
    ? '本次没有修改工作簿。'
    : command === 'run'
      ? '工作簿可能已被部分修改：请再次运行核验，或点击「清除标记」恢复。'
      : '部分标记可能已被清除：请再次点击「清除标记」。';
  if (code === 'InvalidOperationInCellEditMode')
    return { code: 'excel-error', message: `Excel 正在编辑单元格（光标在单元格或编辑栏中），加载项此时不能读写工作簿。请按 Enter 或 Esc 结束编辑后重试。${after}` };
  if (code === 'InactiveWorkbook')
    return { code: 'excel-error', message: `此工作簿当前不是活动窗口（打开了多个工作簿时，Excel 只允许加载项操作当前窗口中的工作簿）。请切换到此工作簿的窗口后重试。${after}` };
  if (code === 'ItemAlreadyExists') return { code: 'excel-error', message: `${BUSY_TEXT}${after}` };
  if (code === 'AccessDenied')
    return { code: 'sheet-protected', message: `Excel 拒绝了修改（工作表或工作簿受保护，或正被他人编辑）。请撤销保护后重试。${after}` };
  if (code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded')
    return { code: 'excel-error', message: `数据量超过了 Excel 单次通信的上限（5 MB）。请改用 Excel 桌面版，或用命令行工具（annotate）生成标注副本。${after}` };
  if (code === 'ItemNotFound' || code === 'InvalidObjectPath')
    return { code: 'excel-error', message: `Excel 找不到要读写的工作表或单元格：可能有工作表在${command === 'run' ? '核验' : '清除标记'}过程中被删除或改名。请在操作完成前不要修改工作簿，然后重试。${after}` };
  if (code === 'GeneralException')
    return { code: 'excel-error', message: `Excel 内部错误（GeneralException），操作没有完成。请稍后重试；如果反复出现，请保存并重新打开工作簿，或用命令行工具（annotate）生成标注副本。${after}` };
  if (code) return { code: 'excel-error', message: `Excel 操作失败（错误代码 ${code}：${msg}）。请稍后重试。${after}` };
  return { code: 'excel-error', message: `核验时发生内部错误：${msg}。${after}` };
}

interface Capabilities {
  /** ExcelApi 1.9: RangeAreas, fill tintAndShade. */
  base: boolean;
  notes: boolean;
  comments: boolean;
  /**
   * ExcelApi 1.13 on the host: Range.getMergedAreasOrNullObject (the loaded office.js is checked on the range
   * proxy itself, where the method is queued).
   */
  merges: boolean;
}

/**
 * What this run may use: a feature only when the host supports its requirement set AND the loaded
 * office.js defines it. The intranet build's local copy of @microsoft/office-js (1.1.110, 2022) has no
 * Notes API, while a current Microsoft 365 answers isSetSupported('ExcelApi', '1.18') with true: there
 * `workbook.notes` is undefined, so the objects themselves are checked (the class, then the getter,
 * which is only touched once the host has said yes, so no request is queued for a set it lacks).
 */
export function capabilities(ctx: Excel.RequestContext): Capabilities {
  const req = typeof Office !== 'undefined' ? Office.context?.requirements : undefined;
  const has = (v: string) => !!req && req.isSetSupported('ExcelApi', v);
  const lib = (typeof Excel !== 'undefined' ? Excel : {}) as unknown as Record<string, unknown>;
  const wb = ctx.workbook as unknown as Record<string, unknown>;
  const notes = has('1.18') && typeof lib.NoteCollection === 'function' && wb.notes !== undefined && wb.notes !== null;
  const comments = has('1.10') && typeof lib.CommentCollection === 'function' && wb.comments !== undefined && wb.comments !== null;
  return { base: has('1.9'), notes, comments, merges: has('1.13') };
}

const TOO_OLD: Fatal = {
  code: 'excel-error',
  message: '当前 Excel 版本不支持本加载项所需的功能（ExcelApi 1.9）。请使用 Microsoft 365、Excel 2021 或网页版 Excel。本次没有修改工作簿。',
};

// ---- the run lock ------------------------------------------------------------------------------------

/**
 * A run in progress holds the lock: a token and the time in one cell of the (very hidden) mark record sheet,
 * taken in sync 2 and given back in the last write. Two runs at once (the ribbon and the pane, or two people
 * on a shared workbook) would otherwise read each other's mark colours as the user's fill and record them.
 * Taking it reads the cell and writes the token in one batch: Excel runs a batch's actions in order, so a run
 * that finds a value other than the one it saw in sync 1 knows another run took it meanwhile, puts that
 * value back and stops. A lock older than LOCK_TTL_MS (a run that died) is ignored.
 */
export const LOCK_CELL = 'Z1';
/** Columns of a record sheet before the lock cell's column (A:Y): what a rewrite clears. */
const RECORD_COLUMNS = 25;
export const LOCK_TTL_MS = 10 * 60_000;

const BUSY_TEXT =
  '另一次「一键校验」「生成汇总表」或「清除标记」正在进行（可能同时点击了功能区按钮和任务窗格，或有同事正在编辑此工作簿）。请等它完成后再试；若确实没有其他操作在进行，10 分钟后即可重新核验。';
const BUSY: Fatal = { code: 'excel-error', message: `${BUSY_TEXT}本次没有修改工作簿。` };

const cellText = (v: unknown) => (v === null || v === undefined ? '' : String(v));

function newToken(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}|${new Date().toISOString()}`;
}

/** Whether a lock value is held by a live run (written less than LOCK_TTL_MS ago). */
export function lockHeld(value: string, now = Date.now()): boolean {
  const at = Date.parse(value.slice(value.indexOf('|') + 1));
  return value.includes('|') && Number.isFinite(at) && now - at < LOCK_TTL_MS && at - now < LOCK_TTL_MS;
}

/** What Excel answers when it will not add a note or comment: the explanations then stay in 问题清单. */
const NOTES_REFUSED = new Set(['InvalidArgument', 'InvalidOperation', 'GeneralException', 'NotImplemented', 'ApiNotFound']);

/**
 * What an Excel answers that claims notes or comments but has them not (OfficeDev/office-js-docs-pr#2006): reading
 * the collection then fails, and run() and clearMarks() go on without notes and comments.
 */
/** Errors that may be the formula read's own (not a transient or cell-edit one): the read is tried again without it. */
const FORMULA_REFUSALS = new Set(['InvalidArgument', 'InvalidOperation', 'NotImplemented', 'ApiNotFound', 'ItemNotFound', 'AccessDenied', 'Unauthenticated']);

const notImplemented = (code: unknown): boolean => code === 'NotImplemented' || code === 'ApiNotFound';

/**
 * Gives the lock back after a run that stopped, if this run still holds it (best effort: it expires anyway). The
 * record sheets this run created and left empty are removed again, so that a refusal leaves the workbook as it was.
 */
async function releaseLock(token: string, created: boolean, createdList: boolean): Promise<void> {
  try {
    // delayForCellEdit: while the user edits a cell the batch waits instead of failing (the lock would stay).
    await Excel.run({ delayForCellEdit: true }, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(MARK_STORE_SHEET);
      ws.load('name');
      const listWs = ctx.workbook.worksheets.getItemOrNullObject(GENERATED_RECORD_SHEET);
      const listUsed = listWs.getUsedRangeOrNullObject(true);
      listUsed.load('address');
      await ctx.sync();
      if (ws.isNullObject) return;
      const cell = ws.getRange(LOCK_CELL);
      cell.load('values');
      const used = ws.getUsedRangeOrNullObject(true);
      used.load('address');
      await ctx.sync();
      if (cellText(cell.values[0]?.[0]) !== token) return;
      // The records this run made go only while both are as made (the mark record holding only the lock, the list
      // empty), together: the next run then makes them again in the same order.
      const storeBare = !used.isNullObject && splitAddress(used.address).local === LOCK_CELL;
      const listBare = listWs.isNullObject || listUsed.isNullObject;
      const remove = (!created || storeBare) && (!createdList || listBare);
      // Excel refuses to delete a very hidden sheet: hidden first.
      const drop = (sheet: Excel.Worksheet) => {
        sheet.visibility = 'Hidden';
        sheet.delete();
      };
      if (remove && created) drop(ws);
      else cell.values = [['']];
      if (remove && createdList && !listWs.isNullObject) drop(listWs);
      await ctx.sync();
    });
  } catch {
    // The lock expires after LOCK_TTL_MS.
  }
}

/** Queues the rewrite of the mark record in place (the sheet is created once): old rows cleared, new rows written. */
function writeStore(ws: Excel.Worksheet, rows: readonly (readonly string[])[]): void {
  ws.getRange('A:Y').clear('Contents');
  writeStoreRows(ws, rows, 0);
}

/** Queues rows of the mark record from row `from` (0-based), as text. */
function writeStoreRows(ws: Excel.Worksheet, rows: readonly (readonly string[])[], from: number): void {
  if (!rows.length) return;
  const range = ws.getRangeByIndexes(from, 0, rows.length, rows[0].length);
  range.numberFormat = rows.map((r) => r.map(() => '@'));
  range.values = rows.map((r) => [...r]);
}

/**
 * The rows of a record in blocks of about `bytes` each (at least one row, every block with the rows' full width),
 * so that a record of tens of thousands of marked cells can be spread over several syncs; each block with its JSON
 * size (the rows' sizes summed: a few bytes over the block's own, never under).
 */
function storeBlocks(rows: readonly (readonly string[])[], bytes: number): { from: number; rows: string[][]; bytes: number }[] {
  const out: { from: number; rows: string[][]; bytes: number }[] = [];
  let cur: string[][] = [];
  let acc = 0;
  rows.forEach((r, i) => {
    const size = jsonBytes([r]);
    if (cur.length && acc + size > bytes) {
      out.push({ from: i - cur.length, rows: cur, bytes: acc });
      cur = [];
      acc = 0;
    }
    cur.push([...r]);
    acc += size;
  });
  if (cur.length) out.push({ from: rows.length - cur.length, rows: cur, bytes: acc });
  return out;
}

/**
 * Queues the rewrite of the list of generated sheets in place: the new names first, then the rows below them
 * (up to `oldEnd`, the row after the old list) cleared, so that a batch Excel applies only in part never leaves
 * the list emptied.
 */
function writeList(ws: Excel.Worksheet, rows: readonly (readonly string[])[], oldEnd: number): void {
  if (rows.length) {
    const range = ws.getRangeByIndexes(0, 0, rows.length, 1);
    range.numberFormat = rows.map(() => ['@']);
    range.values = rows.map((r) => [r[0]]);
  }
  if (oldEnd > rows.length) ws.getRangeByIndexes(rows.length, 0, oldEnd - rows.length, RECORD_COLUMNS).clear('Contents');
}

/** The rows of a record with the exact-fill column H added (header, then one look per cell row; other rows empty). */
function withExactColumn(rows: string[][], exact: readonly string[]): string[][] {
  const pad = (r: string[]) => [...r, ...new Array(Math.max(0, EXACT_COLUMN - r.length)).fill('')];
  return rows.map((r, i) => [...pad(r), i === 0 ? EXACT_FILL_HEADER : (exact[i - 1] ?? '')]);
}

/**
 * The settings the record keeps (its 规则设置 row, which the offline page reads back): the pane's own, saved with the
 * workbook (Office settings), else those the record already had (written by the offline page), else none.
 */
function settingsFor(recordRows: readonly (readonly unknown[])[]): Record<string, unknown> | null {
  try {
    const v: unknown = Office.context.document.settings.get(SETTINGS_KEY);
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // No document settings in this host: the record's own row, if any.
  }
  return decodeSettings(recordRows);
}

// ---- fills with a tint or a pattern ----------------------------------------------------------------------

/**
 * A fill is restored with its tint and pattern, not only its colour: "Blue, Accent 1, Lighter 60%" reads as a
 * colour with tintAndShade 0.6 (RangeFill, ExcelApi 1.9, https://learn.microsoft.com/javascript/api/excel/excel.rangefill).
 * The shared record keeps the colour (column D, as the command line reads it); such a fill's whole look is kept
 * as JSON in column H under EXACT_FILL_HEADER, which only this adapter reads.
 */
export const EXACT_FILL_HEADER = '原填充（Office.js）';
const EXACT_COLUMN = 7;
const EXACT = 'exact:';

interface FillLook {
  color: string;
  tintAndShade: number;
  pattern: string;
  patternColor: string;
  patternTintAndShade: number;
}

/** The exact look of a fill as read, or null when its colour alone restores it. */
function exactLook(f: { color?: string | null; tintAndShade?: number | null; pattern?: string | null; patternColor?: string | null; patternTintAndShade?: number | null }): string | null {
  const pattern = f.pattern ?? 'Solid';
  if (pattern === 'None') return null;
  const tint = f.tintAndShade ?? 0;
  if (!tint && pattern === 'Solid') return null;
  const look: FillLook = {
    color: (f.color ?? '#FFFFFF').toUpperCase(), tintAndShade: tint, pattern, patternColor: (f.patternColor ?? '#000000').toUpperCase(),
    patternTintAndShade: f.patternTintAndShade ?? 0,
  };
  return JSON.stringify(look);
}

/** Exact looks kept in the record, by cell key. */
function storedExact(values: readonly (readonly unknown[])[] | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!values?.length || values[0]?.[EXACT_COLUMN] !== EXACT_FILL_HEADER) return out;
  for (const r of values.slice(1)) {
    const v = r[EXACT_COLUMN];
    if (typeof r[0] === 'string' && typeof r[1] === 'string' && typeof v === 'string' && v.startsWith('{')) out.set(keyOf(r[0], r[1]), v);
  }
  return out;
}

function applyFill(fill: Excel.RangeFill, value: string): void {
  if (!value) return fill.clear();
  if (!value.startsWith(EXACT)) return void (fill.color = value);
  const f = JSON.parse(value.slice(EXACT.length)) as FillLook;
  fill.color = f.color;
  if (f.pattern !== 'Solid') {
    fill.pattern = f.pattern as Excel.FillPattern;
    fill.patternColor = f.patternColor;
    if (f.patternTintAndShade) fill.patternTintAndShade = f.patternTintAndShade;
  }
  if (f.tintAndShade) fill.tintAndShade = f.tintAndShade;
}

// ---- the write plan --------------------------------------------------------------------------------

/** Per-sync helpers handed to each step: worksheet proxies fetched once per sync. */
class Batch {
  private sheets = new Map<string, Excel.Worksheet>();
  constructor(readonly ctx: Excel.RequestContext) {}

  sheet(name: string): Excel.Worksheet {
    let ws = this.sheets.get(name);
    if (!ws) {
      ws = this.ctx.workbook.worksheets.getItem(name);
      this.sheets.set(name, ws);
    }
    return ws;
  }

  remember(name: string, ws: Excel.Worksheet): void {
    this.sheets.set(name, ws);
  }
}

interface Step {
  bytes: number;
  queue(b: Batch): void;
}

/** Gives the run lock back, queued with the last write that must succeed (run() and a multi-sync clearMarks()). */
const RELEASE_LOCK: Step = {
  bytes: 3 * PROXY + 2 * ACTION + 40,
  queue: (b) => void (b.ctx.workbook.worksheets.getItemOrNullObject(MARK_STORE_SHEET).getRange(LOCK_CELL).values = [['']]),
};

/** Splits steps into `syncs` batches within the budget, keeping the two groups apart when they fit. */
export function packSteps(groups: readonly (readonly Step[])[], syncs: number, budget: number): Step[][] | null {
  const size = (s: readonly Step[]) => s.reduce((a, x) => a + x.bytes, 0);
  const nonEmpty = groups.filter((g) => g.length > 0);
  const all = nonEmpty.flat();
  if (all.length === 0) return [];
  if (nonEmpty.length === 1 || syncs === 1) {
    if (size(all) <= budget) return [all];
    if (syncs === 1) return null;
  } else if (nonEmpty.every((g) => size(g) <= budget)) return nonEmpty.map((g) => [...g]);
  const out: Step[][] = [];
  let cur: Step[] = [];
  let acc = 0;
  for (const s of all) {
    if (s.bytes > budget) return null;
    if (acc + s.bytes > budget) {
      out.push(cur);
      cur = [];
      acc = 0;
    }
    cur.push(s);
    acc += s.bytes;
  }
  out.push(cur);
  return out.length <= syncs ? out : null;
}

/** Fill steps: one getRanges per address chunk, per sheet and look ('' = no fill, '#RRGGBB', or EXACT + JSON). */
function fillSteps(cells: readonly { sheet: string; row: number; col: number; fill: string }[], chunk: number): Step[] {
  const groups = new Map<string, { sheet: string; fill: string; cells: { row: number; col: number }[] }>();
  for (const c of cells) {
    const k = `${c.sheet}\u0000${c.fill}`;
    const g = groups.get(k) ?? { sheet: c.sheet, fill: c.fill, cells: [] };
    g.cells.push(c);
    groups.set(k, g);
  }
  const steps: Step[] = [];
  for (const g of groups.values())
    for (const list of chunkAddresses(rectsOf(g.cells).map(rectA1), chunk))
      steps.push({
        bytes: 3 * PROXY + ACTION + requestBytes(list) + 20,
        queue: (b) => applyFill(b.sheet(g.sheet).getRanges(list).format.fill, g.fill),
      });
  return steps;
}

/**
 * How one generated sheet is written. A sheet of the product's own under that name (or the same name but for
 * spaces or case) is cleared and rewritten in place: deleting, adding, renaming or hiding a sheet clears Excel's
 * undo history, clearing and writing cells does not. Only when there is none is a sheet added; earlier
 * generated sheets under old names (migration) are deleted.
 */
export interface SheetPrep {
  /** The existing sheet rewritten in place (renamed to the grid's name when it differs), or null to add one. */
  reuse: string | null;
  /** Sheets of the product's own deleted with this writing (old names). */
  drop: readonly string[];
  /** Rows of the reused sheet's used range (formats included) before: their heights are fitted again. */
  oldRows: number;
  /** The notes on the reused sheet: ours (NOTE_MARKER) are deleted before the new ones are written. */
  oldNotes: readonly Excel.Note[];
  /**
   * Cells of the reused sheet that hold someone else's note or comment (kept as they are), or 'unknown' when the
   * comments could not be located: no note of ours is written there (Excel allows one note or comment per cell).
   */
  occupied?: ReadonlySet<string> | 'unknown';
}

/** The steps that write one generated sheet; `onReused` gets the proxy of a reused sheet (null object when it vanished). */
function sheetSteps(
  grid: SheetGrid,
  prep: SheetPrep,
  chunk: number,
  blockBytes: number,
  notesApi: 'note' | 'comment' | 'sheet' = 'sheet',
  onReused?: (ws: Excel.Worksheet) => void,
): Step[] {
  const m = gridMatrix(grid);
  const rows = m.values.length;
  const cols = m.columns;
  const values: (string | number | boolean)[][] = m.values.map((r) => [...r]);
  const formats: string[][] = m.formats.map((r, i) => r.map((f, j) => (typeof m.values[i][j] === 'string' && m.values[i][j] !== '' ? '@' : f)));
  for (const l of m.links) {
    const text = l.text.replace(/"/g, '""');
    const target = `#${l.target}`.replace(/"/g, '""');
    values[l.row][l.col] = `=HYPERLINK("${target}","${text}")`;
    formats[l.row][l.col] = 'General';
  }
  let ws: Excel.Worksheet | null = null;
  const ourNotes = prep.oldNotes.filter((n) => isOurs(n.content));
  const steps: Step[] = [
    {
      bytes: (prep.drop.length + 1) * (PROXY + ACTION) + requestBytes(grid.name) * 2 + (prep.reuse !== null ? 6 * PROXY + 7 * ACTION + ourNotes.length * ACTION : 0),
      queue: (b) => {
        // OrNullObject: a sheet the user deleted since the read is simply gone already.
        for (const name of prep.drop) b.ctx.workbook.worksheets.getItemOrNullObject(name).delete();
        if (prep.reuse === null) {
          ws = b.ctx.workbook.worksheets.add(grid.name);
          b.remember(grid.name, ws);
          return;
        }
        // Cleared in place: values, formats, merges and our notes of the last run go; nothing stale remains when
        // the new content is smaller. (A sheet deleted since sync 2 is a null object here: made again afterwards.)
        const w = b.ctx.workbook.worksheets.getItemOrNullObject(prep.reuse);
        if (prep.reuse !== grid.name) w.name = grid.name;
        const all = w.getRange();
        all.unmerge();
        all.clear('Contents');
        all.clear('Formats');
        // From the last down: a note of a loaded collection is addressed by its index (Excel.Note has no id), so
        // deleting the first would move the others under the indexes the later deletes use.
        for (let k = ourNotes.length - 1; k >= 0; k--) ourNotes[k].delete();
        w.freezePanes.unfreeze();
        w.tabColor = '';
        ws = w;
        b.remember(grid.name, w);
        onReused?.(w);
      },
    },
  ];
  const sheet = (b: Batch) => ws ?? b.sheet(grid.name);
  // Values and formats in row blocks, so that the packer can split a large sheet between syncs.
  let start = 0;
  while (start < rows) {
    let end = start;
    let bytes = 0;
    while (end < rows && (end === start || bytes < blockBytes)) {
      bytes += jsonBytes(values[end]) + jsonBytes(formats[end]);
      end++;
    }
    const [r0, r1] = [start, end];
    steps.push({
      bytes: Math.ceil(bytes * 1.02) + PROXY + 2 * ACTION,
      queue: (b) => {
        const range = sheet(b).getRangeByIndexes(r0, 0, r1 - r0, cols);
        range.numberFormat = formats.slice(r0, r1);
        range.values = values.slice(r0, r1);
      },
    });
    start = end;
  }
  // Styles: one group of cells per attribute value.
  const attr = new Map<string, { kind: string; value: string | number | boolean; cells: { row: number; col: number }[] }>();
  const add = (kind: string, value: string | number | boolean | undefined, row: number, col: number) => {
    if (value === undefined || value === false) return;
    const k = `${kind}\u0000${String(value)}`;
    const g = attr.get(k) ?? { kind, value, cells: [] };
    g.cells.push({ row, col });
    attr.set(k, g);
  };
  m.styles.forEach((row, r) =>
    row.forEach((style, c) => {
      if (!style) return;
      const spec = CELL_STYLES[style];
      add('bold', spec.bold, r, c);
      add('italic', spec.italic, r, c);
      add('size', spec.size, r, c);
      add('font', spec.font, r, c);
      add('color', spec.color, r, c);
      add('fill', spec.fill, r, c);
      add('wrap', spec.wrap, r, c);
      add('align', spec.align, r, c);
      add('border', spec.border, r, c);
    }),
  );
  // A failing value of an official table: the dark fill, over its style's (shenbao.md §2.7).
  grid.rows.forEach((row, r) => row.forEach((c, col) => c?.flag && add('fill', FLAG_FILL, r, col)));
  for (const g of attr.values())
    for (const list of chunkAddresses(rectsOf(g.cells).map(rectA1), chunk)) {
      const perEdge = g.kind === 'border' ? BORDER_EDGES.length * (PROXY + ACTION) : 0;
      steps.push({
        bytes: 3 * PROXY + ACTION + requestBytes(list) + perEdge + 40,
        queue: (b) => {
          const format = sheet(b).getRanges(list).format;
          switch (g.kind) {
            case 'bold':
              format.font.bold = true;
              break;
            case 'italic':
              format.font.italic = true;
              break;
            case 'size':
              format.font.size = g.value as number;
              break;
            case 'font':
              format.font.name = g.value as string;
              break;
            case 'color':
              format.font.color = g.value as string;
              break;
            case 'fill':
              format.fill.color = g.value as string;
              break;
            case 'wrap':
              format.wrapText = true;
              break;
            case 'align':
              format.horizontalAlignment = g.value === 'center' ? 'Center' : 'Left';
              break;
            case 'border':
              for (const e of BORDER_EDGES) format.borders.getItem(e).style = 'Continuous';
              break;
          }
        },
      });
    }
  // Column widths, frozen rows, row heights and the print setup, as annotate's package writer sets them from the
  // same model: rows fit their content (a reused sheet's rows, down to its old last row, fitted again), then the
  // model's fixed heights (capped at Excel's 409.5 pt); A4, one page wide, landscape with narrow side margins where
  // the model says so, the model's page breaks (Worksheet.pageLayout and horizontalPageBreaks, ExcelApi 1.9; skipped
  // when the loaded office.js lacks them).
  const heights = Object.entries(grid.rowHeights ?? {}).map(([r, h]) => [Number(r), Math.min(MAX_ROW_HEIGHT, h)] as const);
  const fitRows = prep.reuse !== null ? Math.max(rows, prep.oldRows) : 0;
  steps.push({
    // The two margins, the page-break collection (a proxy, one removal, one action per break) on top.
    bytes: (grid.widths.length + heights.length + (fitRows > 0 ? 1 : 0)) * (2 * PROXY + ACTION) + 2 * PROXY + ACTION + PROXY + 3 * ACTION + 60 + PROXY + (3 + (grid.rowBreaks?.length ?? 0)) * ACTION,
    queue: (b) => {
      const s = sheet(b);
      grid.widths.forEach((w, c) => {
        s.getRange(`${columnLetter(c)}:${columnLetter(c)}`).format.columnWidth = Math.round((w * 7 + 5) * 0.75 * 100) / 100;
      });
      if (grid.frozenRows > 0) s.freezePanes.freezeRows(grid.frozenRows);
      if (fitRows > 0) s.getRange(`1:${fitRows}`).format.autofitRows();
      for (const [r, h] of heights) s.getRange(`${r + 1}:${r + 1}`).format.rowHeight = h;
      const page = (s as unknown as { pageLayout?: Excel.PageLayout }).pageLayout;
      if (page) {
        page.orientation = grid.landscape ? 'Landscape' : 'Portrait';
        page.paperSize = 'A4';
        page.zoom = { horizontalFitToPages: 1 };
        // Excel's 「窄」 side margins (0.25 in) for the wide landscape tables, 「常规」 (0.7 in) otherwise: in points.
        page.leftMargin = page.rightMargin = grid.landscape ? 18 : 50.4;
        // The form's page breaks (表Ⅳ's second header); a rewritten sheet's earlier breaks go first.
        const breaks = (s as unknown as { horizontalPageBreaks?: Excel.PageBreakCollection }).horizontalPageBreaks;
        if (breaks) {
          if (prep.reuse !== null) breaks.removePageBreaks();
          for (const r of grid.rowBreaks ?? []) breaks.add(`A${r + 1}`);
        }
      }
    },
  });
  // The form's merged areas, the tab colour, and the notes where the host has notes (never as comments:
  // a comment is a conversation, and the sheet is rewritten on every run).
  const merges = grid.merges ?? [];
  const occupied = prep.occupied;
  const notes = notesApi === 'note' && occupied !== 'unknown' ? (grid.notes ?? []).filter((n) => !occupied?.has(n.address)) : [];
  if (merges.length || grid.tabColor || notes.length)
    steps.push({
      bytes: (merges.length + notes.length + 1) * (2 * PROXY + ACTION) + requestBytes(merges.join(',')) + notes.reduce((n, x) => n + requestBytes(x.text) + 40, 0) + 40,
      queue: (b) => {
        const s = sheet(b);
        for (const m of merges) s.getRange(m).merge(false);
        if (grid.tabColor) s.tabColor = grid.tabColor;
        for (const n of notes) b.ctx.workbook.notes.add(`'${grid.name.replace(/'/g, "''")}'!${n.address}`, n.text);
      },
    });
  return steps;
}

// ---- reading ---------------------------------------------------------------------------------------

/** Whether the loaded office.js has Range.getMergedAreasOrNullObject (ExcelApi 1.13; a local copy may predate it). */
function hasMergedAreas(range: Excel.Range): boolean {
  return typeof (range as unknown as { getMergedAreasOrNullObject?: unknown }).getMergedAreasOrNullObject === 'function';
}

/**
 * The merged areas read with Range.getMergedAreasOrNullObject (loaded `areas/items/address`), 0-based. Excel
 * returns each merged area whose top-left cell lies in the range, whole; a null object when there is none. The
 * areas collection is read rather than the RangeAreas address, which older builds gave as top-left cells only
 * (https://github.com/OfficeDev/office-js/issues/1590).
 */
function mergesFrom(areas: Excel.RangeAreas | undefined): GridRange[] {
  if (!areas || areas.isNullObject) return [];
  const out: GridRange[] = [];
  for (const a of areas.areas.items) {
    const [from, to] = splitAddress(a.address).local.split(':');
    const p = parseA1(from);
    const q = to ? parseA1(to) : p;
    if (q.row > p.row || q.col > p.col) out.push({ top: p.row, left: p.col, bottom: q.row, right: q.col });
  }
  return out;
}

/**
 * A used range (loaded values, rowIndex and columnIndex) as a grid from A1, with its merged areas and its number
 * formats: `'range'`, the range's own (loaded numberFormat: 县级指标); rows of formats aligned with its values (the
 * school sheets, read apart: readFormats); null, none. Excel's "General" is kept as no format, as a file has it.
 */
function gridFrom(
  name: string,
  range: Excel.Range | null,
  formats: 'range' | readonly (readonly (string | null)[] | undefined)[] | null,
  merges: GridRange[] | CellGrid['mergesUnread'] = [],
): CellGrid {
  const mergeInfo = typeof merges === 'string' ? { mergesUnread: merges } : merges.length ? { merges } : {};
  if (!range || range.isNullObject) return { name, values: [], ...mergeInfo };
  const r0 = range.rowIndex;
  const c0 = range.columnIndex;
  const values: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  for (let r = 0; r < r0; r++) {
    values.push([]);
    numberFormats.push([]);
  }
  const fmts = formats === 'range' ? (Array.isArray(range.numberFormat) ? range.numberFormat : null) : formats;
  // Values come back null above Excel's cell limits: handled by the caller, never dereferenced here.
  (Array.isArray(range.values) ? range.values : []).forEach((row, i) => {
    const v: CellValue[] = new Array(c0).fill(null);
    const f: (string | null)[] = new Array(c0).fill(null);
    const rowFormats = fmts?.[i];
    row.forEach((x, j) => {
      v.push(x === '' || x === undefined ? null : (x as CellValue));
      const format = rowFormats?.[j];
      f.push(format && format !== 'General' ? format : null);
    });
    values.push(v);
    numberFormats.push(f);
  });
  // The values of a merged area sit in its top-left cell (Excel reads the others as empty).
  return fmts ? { name, values, numberFormats, ...mergeInfo } : { name, values, ...mergeInfo };
}

/**
 * The grid with the formula cells of its read window (loaded areas of getSpecialCellsOrNullObject('Formulas'); a
 * null object: none), keyed as CellGrid.formulas keeps them; the grid as it is when they were not read (not known).
 * Only cells inside the window count, whatever Excel returns.
 */
function withFormulas(grid: CellGrid, areas: Excel.RangeAreas | undefined): CellGrid {
  if (!areas) return grid;
  const formulas = new Set<number>();
  if (!areas.isNullObject)
    for (const item of areas.areas.items) {
      const [from, to = from] = splitAddress(item.address).local.split(':');
      let a: { row: number; col: number };
      let b: { row: number; col: number };
      try {
        a = parseA1(from);
        b = parseA1(to);
      } catch {
        return grid; // an address this reader does not know (whole rows or columns): not known, as before
      }
      for (let r = Math.max(0, a.row); r <= Math.min(b.row, READ_ROWS - 1); r++)
        for (let c = Math.max(0, a.col); c <= Math.min(b.col, READ_COLUMNS - 1); c++) formulas.add(cellKey(r, c));
    }
  return { ...grid, formulas };
}

/** A school sheet's read: its values (loaded), and the number formats of its first rows read with them, if any. */
interface FormatTarget {
  as: string;
  sheet: string;
  range: Excel.Range;
  first: Excel.Range | undefined;
}

/** A block of cells whose number formats are read, 0-based within a read window. */
interface FormatBlock {
  target: number;
  row: number;
  rows: number;
  col: number;
  cols: number;
}

/**
 * The number formats of the school sheets, aligned with their values: those read with the values (the first
 * FORMAT_ROWS rows), and the rest in blocks of rows, as many blocks in one sync as keep its response within
 * responseBudget by an estimate taken from the formats already read (no sync at all for a county of
 * about 1 000 schools). Only cells holding a number need a format (a date, a code shown with leading zeros, a
 * count shown with decimals), so a block spans the columns with numbers in its rows, and rows without one are
 * not read. Should Excel still refuse a response as too large, it is read again in half as much per sync.
 */
async function readFormats(
  targets: readonly FormatTarget[],
  sheetOf: (name: string) => Excel.Worksheet,
  sync: () => Promise<void>,
  responseBudget: number,
): Promise<Map<string, (string | null)[][]>> {
  const out = new Map<string, (string | null)[][]>();
  const grids: (string | null)[][][] = [];
  const blocks: FormatBlock[] = [];
  let sampleBytes = 0;
  let sampleCells = 0;
  targets.forEach((t, ti) => {
    const values: unknown[][] = !t.range.isNullObject && Array.isArray(t.range.values) ? t.range.values : [];
    const grid = values.map((r) => new Array<string | null>(r.length).fill(null));
    grids.push(grid);
    out.set(t.as, grid);
    // The first rows, read with the values (same window origin: both are the used range cut from A1).
    let coveredRows = 0;
    let coveredCols = 0;
    if (t.first && !t.first.isNullObject && Array.isArray(t.first.numberFormat)) {
      const dr = t.first.rowIndex - t.range.rowIndex;
      const dc = t.first.columnIndex - t.range.columnIndex;
      t.first.numberFormat.forEach((row, i) =>
        row.forEach((f, j) => {
          sampleBytes += requestBytes(f) + 3;
          sampleCells++;
          if (grid[dr + i] && dr + i >= 0 && dc + j >= 0 && dc + j < grid[dr + i].length) grid[dr + i][dc + j] = f;
        }),
      );
      if (dr === 0 && dc === 0) {
        coveredRows = t.first.rowCount;
        coveredCols = t.first.columnCount;
      }
    }
    // What is left: the columns right of the first read in its rows, and every column below it.
    const isNum = (r: number, c: number) => typeof values[r][c] === 'number';
    const span = (r: number, from: number): [number, number] | null => {
      let lo = -1;
      let hi = -1;
      for (let c = from; c < values[r].length; c++)
        if (isNum(r, c)) {
          if (lo < 0) lo = c;
          hi = c;
        }
      return lo < 0 ? null : [lo, hi];
    };
    for (let r = 0; r < values.length; r++) {
      const s = span(r, r < coveredRows ? coveredCols : 0);
      if (s) blocks.push({ target: ti, row: r, rows: 1, col: s[0], cols: s[1] - s[0] + 1 });
    }
  });
  if (!blocks.length) return out;
  // Bytes per cell of the response (quoted, comma, escaped as requests are counted), with room to spare.
  const perCell = Math.max(10, sampleCells ? sampleBytes / sampleCells : 10) * 1.25;
  // Rows of one target next to each other become one block over the union of their columns.
  const merged: FormatBlock[] = [];
  for (const b of blocks) {
    const last = merged[merged.length - 1];
    if (last && last.target === b.target && last.row + last.rows === b.row) {
      const lo = Math.min(last.col, b.col);
      const hi = Math.max(last.col + last.cols, b.col + b.cols);
      if ((last.rows + 1) * (hi - lo) * perCell + 2 * (last.rows + 1) <= responseBudget / 4) {
        last.rows++;
        last.col = lo;
        last.cols = hi - lo;
        continue;
      }
    }
    merged.push({ ...b });
  }
  const cost = (b: FormatBlock) => b.rows * (b.cols * perCell + 2) + 200;
  let queue = merged;
  let budget = responseBudget;
  while (queue.length) {
    // One sync: blocks while the estimate allows (always at least one).
    const batch: FormatBlock[] = [];
    let bytes = 0;
    while (queue.length && (batch.length === 0 || bytes + cost(queue[0]) <= budget)) {
      bytes += cost(queue[0]);
      batch.push(queue.shift()!);
    }
    const loads = batch.map((b) => {
      const t = targets[b.target];
      const range = sheetOf(t.sheet).getRangeByIndexes(t.range.rowIndex + b.row, t.range.columnIndex + b.col, b.rows, b.cols);
      range.load('numberFormat');
      return range;
    });
    try {
      await sync();
    } catch (e) {
      const tooLarge = (e as { code?: unknown } | null)?.code === 'ResponsePayloadSizeLimitExceeded';
      if (!tooLarge || (batch.length === 1 && batch[0].rows === 1)) throw e;
      // Read again in half as much per sync (a single block in two halves), ahead of the rest.
      budget = Math.max(1, bytes / 2);
      const b = batch[0];
      const again = batch.length > 1 ? batch : [{ ...b, rows: b.rows >> 1 }, { ...b, row: b.row + (b.rows >> 1), rows: b.rows - (b.rows >> 1) }];
      queue = [...again, ...queue];
      continue;
    }
    batch.forEach((b, i) => {
      const grid = grids[b.target];
      const got = loads[i].numberFormat;
      for (let r = 0; r < b.rows; r++) for (let c = 0; c < b.cols; c++) grid[b.row + r][b.col + c] = got?.[r]?.[c] ?? null;
    });
  }
  return out;
}

interface SheetItem {
  name: string;
  protected: boolean;
  visibility: 'visible' | 'hidden' | 'veryHidden';
}

/** Office.js sheet visibility as the grid has it (a hidden stale copy of an input sheet is told apart by it). */
function visibilityOf(v: string): SheetItem['visibility'] {
  return v === 'Hidden' ? 'hidden' : v === 'VeryHidden' ? 'veryHidden' : 'visible';
}

interface CurrentNote {
  content: string;
  /** The note or comment proxy (loaded in an earlier sync of the same run). */
  proxy: Excel.Note | Excel.Comment;
  kind: 'note' | 'comment';
  /** Replies to a comment (0 for a note). */
  replies: number;
}

// ---- the host --------------------------------------------------------------------------------------

export class ExcelWorkbookHost implements WorkbookHost {
  private readonly budget: number;
  private readonly responseBudget: number;
  private readonly chunk: number;
  private readonly onPlan?: (plan: RunPlan) => void;
  private readonly maxWriteSyncs: number;

  constructor(options: ExcelHostOptions = {}) {
    this.maxWriteSyncs = Math.max(2, options.maxWriteSyncs ?? DEFAULT_MAX_WRITE_SYNCS);
    this.budget = options.requestBudget ?? DEFAULT_BUDGET;
    this.responseBudget = options.responseBudget ?? DEFAULT_RESPONSE_BUDGET;
    this.chunk = options.addressChunk ?? DEFAULT_ADDRESS_CHUNK;
    this.onPlan = options.onPlan;
  }

  /** Bytes of one block of rows of a generated sheet (values and formats), so that the packer can split a sheet. */
  private blockBytes(): number {
    return Math.min(400_000, Math.floor(this.budget / 8));
  }

  async run(options: RunOptions): Promise<RunOutcome<Analysis>> {
    let syncs = 0;
    let writing = false;
    let written = 0;
    const lock = { token: newToken(), taken: false, created: false, createdList: false };
    try {
      // delayForCellEdit: a user typing in a cell makes the batch wait instead of failing
      // (Excel.RunOptions, https://learn.microsoft.com/javascript/api/excel/excel.runoptions).
      const out = await Excel.run({ delayForCellEdit: true }, async (ctx) => {
        const sync = async (write = false) => {
          syncs++;
          if (write) writing = true;
          await ctx.sync();
          if (write) written++;
        };
        return await this.runIn(ctx, options, sync, () => syncs, lock);
      });
      if (!out.ok && lock.taken) await releaseLock(lock.token, lock.created, lock.createdList);
      return out;
    } catch (e) {
      if (lock.taken) await releaseLock(lock.token, lock.created, lock.createdList);
      // A request over the size limit is refused whole: if it was the first write, nothing was changed.
      const refusedWhole = (e as { code?: unknown } | null)?.code === 'RequestPayloadSizeLimitExceeded' && written === 0;
      return { ok: false, fatal: fatalOf(e, writing && !refusedWhole), syncs };
    }
  }

  private async runIn(
    ctx: Excel.RequestContext,
    options: RunOptions,
    sync: (write?: boolean) => Promise<void>,
    syncCount: () => number,
    lock: { token: string; taken: boolean; created: boolean; createdList: boolean },
  ): Promise<RunOutcome<Analysis>> {
    let lastPhase: Phase | null = null;
    const phase = (p: Phase) => {
      if (p === lastPhase) return;
      lastPhase = p;
      options.onPhase?.(p);
    };
    const applyMarks = options.applyMarks ?? true;
    const late = () => options.deadline !== undefined && Date.now() > options.deadline;
    const tooSlow = (wrote: boolean): Fatal => ({
      code: 'excel-error',
      message: wrote
        ? 'Excel 响应太慢，核验没能在功能区命令的时限内完成：已写入的标记都已记入标记记录（可用「清除标记」恢复），其余标记或汇总表没有写完。请打开「核验面板」重新核验，或稍后再试。'
        : 'Excel 响应太慢，核验没能在功能区命令的时限内完成，已在写入前停止。请打开「核验面板」重新核验，或稍后再试。本次没有修改工作簿。',
    });
    const writeSheets = options.writeSheets ?? true;
    const caps = capabilities(ctx);
    if (!caps.base) return { ok: false, fatal: TOO_OLD, syncs: 0 };
    let api: 'note' | 'comment' | 'sheet' = caps.notes ? 'note' : caps.comments ? 'comment' : 'sheet';
    const wb = ctx.workbook;

    // ---- sync 1: read ----
    phase('读取');
    const sheets = wb.worksheets;
    const reads = new Map<string, Excel.Range>();
    const extents = new Map<string, { sheet: string; used: Excel.Range }>();
    /** Merged areas of each read window (ExcelApi 1.13), read in the same sync; else why they are unknown. */
    const mergeReads = new Map<string, Excel.RangeAreas>();
    /** The first rows' number formats of each school sheet (dropped, with formatsFirst, when the read is too large). */
    const formatReads = new Map<string, Excel.Range>();
    let formatsFirst = true;
    /**
     * The formula cells of each read window (Range.getSpecialCellsOrNullObject, ExcelApi 1.9), so that the plan can
     * say when a cell it adds to holds a formula; dropped (not known, as before) only when even without the formats
     * the read is too large.
     */
    const formulaReads = new Map<string, Excel.RangeAreas>();
    let formulasFirst = true;
    let mergesUnread: CellGrid['mergesUnread'] = caps.merges ? undefined : 'unsupported';
    const queueRead = (name: string, as: string) => {
      const used = sheets.getItemOrNullObject(name).getUsedRangeOrNullObject(true);
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      // Only the window from A1 is read: one value far down or far right (row 300 000) would make the used range
      // too large to read (five million cells, 5 MB on the web); such a stray cell is named instead (below).
      // Called on the used range (itself maybe a null object, as a chain of OrNullObject calls is) with an address,
      // so that no null object is ever passed as an argument.
      const r = used.getIntersectionOrNullObject(`A1:${columnLetter(READ_COLUMNS - 1)}${READ_ROWS}`);
      // Number formats: those of 县级指标 ((%) rows) with its values; those of a school sheet for its first
      // rows here and the rest after this sync (readFormats): all of them would take this read past the 5 MB
      // response of Excel on the web near 8 000 schools. A stale copy (as starts with \u0000) needs none.
      if (as === SHEET_COUNTY) r.load('values,numberFormat,rowIndex,columnIndex');
      else {
        r.load('values,rowIndex,columnIndex');
        if (formatsFirst && !as.startsWith('\u0000')) {
          const f = used.getIntersectionOrNullObject(`A1:${columnLetter(FORMAT_COLUMNS - 1)}${FORMAT_ROWS}`);
          f.load('numberFormat,rowIndex,columnIndex,rowCount,columnCount');
          formatReads.set(as, f);
        }
      }
      if (formulasFirst && !as.startsWith('\u0000')) {
        const fx = r.getSpecialCellsOrNullObject('Formulas');
        fx.areas.load('items/address');
        formulaReads.set(as, fx);
      }
      reads.set(as, r);
      extents.set(as, { sheet: name, used });
      // The merged areas whose top-left cell is in the window: a school name merged over a 一贯制 school's two
      // 分学段信息 rows sits in the first row only (ExcelApi 1.13, and only when the loaded office.js has it).
      if (mergesUnread) return;
      if (!hasMergedAreas(r)) mergesUnread = 'unsupported';
      else {
        const m = r.getMergedAreasOrNullObject();
        m.areas.load('items/address');
        mergeReads.set(as, m);
      }
    };
    const queueFirst = () => {
      sheets.load('items/name,items/visibility,items/protection/protected');
      wb.protection.load('protected');
      for (const name of INPUT_SHEETS) queueRead(name, name);
      const storeSheet = sheets.getItemOrNullObject(MARK_STORE_SHEET);
      const storeRange = storeSheet.getUsedRangeOrNullObject(true);
      storeRange.load('values');
      const lockRange = storeSheet.getRange(LOCK_CELL);
      lockRange.load('values');
      const listRange = sheets.getItemOrNullObject(GENERATED_RECORD_SHEET).getUsedRangeOrNullObject(true);
      listRange.load('values,rowIndex,rowCount');
      // Comments are read whenever the host has them, notes or not: a cell holds one note or one comment, and a
      // comment someone wrote (with its replies) is never touched. Reply ids tell whether one of ours has replies.
      const commentItems = caps.comments && applyMarks ? wb.comments : null;
      commentItems?.load('items/content,items/replies/items/id');
      // Counted without marks too: the notes of the generated sheets are looked up and written with this API.
      const noteCount = api === 'note' ? wb.notes.getCount() : null;
      return { storeSheet, storeRange, lockRange, listRange, commentItems, noteCount };
    };
    /**
     * A sync of reads that may include merged areas, notes and comments, each dropped in turn when Excel refuses it
     * (at most one more sync each, only then):
     * - Excel fails the whole batch when a range has more than 512 merged areas (the error code is not documented:
     *   an argument or operation error, as getRanges gives over its limit): the reads are queued again without
     *   merged areas and the data sheets say that merges were not checked;
     * - an Excel may claim ExcelApi 1.10 (or 1.18) and answer NotImplemented for the comments (or notes) collection
     *   itself, `workbook.comments` included (OfficeDev/office-js-docs-pr#2006; comments.add, OfficeDev/office-js#1847,
     *   is met in the write below): the run goes on without notes and comments, as when Excel refuses to add them,
     *   and the explanations are in 问题清单 and the pane only.
     * - the school sheets' first number formats may take a large county's read past the 5 MB of a response: they
     *   are dropped, and read with the rest afterwards (readFormats).
     * Other errors are reported as they are. Used for the first read (the only one that touches notes and comments:
     * capabilities() looked at both collections in it) and for the read of sheets found only after trimming
     * spaces, which may be the ones with too many merges.
     */
    const readSync = async (mergesQueued: boolean, notesQueued: boolean, requeue: () => void) => {
      for (;;) {
        const formatsQueued = formatReads.size > 0;
        const formulasQueued = formulaReads.size > 0;
        try {
          return await sync();
        } catch (e) {
          const code = (e as { code?: unknown } | null)?.code;
          if (formatsQueued && code === 'ResponsePayloadSizeLimitExceeded') {
            formatsFirst = false;
            formatReads.clear();
          } else if (formulasQueued && code === 'ResponsePayloadSizeLimitExceeded') {
            formulasFirst = false;
            formulaReads.clear();
          } else if (notesQueued && notImplemented(code)) {
            notesQueued = false;
            caps.notes = false;
            caps.comments = false;
            api = 'sheet';
          } else if (mergesQueued && (code === 'InvalidArgument' || code === 'InvalidOperation' || code === 'RangeExceedsLimit')) {
            mergesQueued = false;
            mergesUnread = 'too-many';
            mergeReads.clear();
          } else if (formulasQueued && typeof code === 'string' && FORMULA_REFUSALS.has(code)) {
            // Another refusal of a call while the formula cells are asked (the docs name none; VBA's SpecialCells fails
            // on some protected sheets): read again without them (not known, as before) before giving up.
            formulasFirst = false;
            formulaReads.clear();
          } else throw e;
          requeue();
        }
      }
    };
    let first = queueFirst();
    try {
      await readSync(mergeReads.size > 0, caps.notes || caps.comments, () => {
        reads.clear();
        extents.clear();
        mergeReads.clear();
        formatReads.clear();
        formulaReads.clear();
        first = queueFirst();
      });
    } catch (e) {
      // A read window over Excel's limits (a stray value far inside it): the sheet and the cell are named.
      const fatal = await this.oversizedRead(ctx, INPUT_SHEETS, e, sync);
      if (fatal) return { ok: false, syncs: syncCount(), fatal };
      throw e;
    }
    const { storeSheet, storeRange, lockRange, listRange, commentItems, noteCount } = first;

    const lockSeen = storeSheet.isNullObject ? '' : cellText(lockRange.values?.[0]?.[0]);
    if (lockHeld(lockSeen)) return { ok: false, syncs: syncCount(), fatal: BUSY };
    const items: SheetItem[] = sheets.items.map((s) => ({ name: s.name, protected: s.protection.protected, visibility: visibilityOf(s.visibility) }));
    const names = items.map((i) => i.name);
    // Sheets found only after trimming spaces: one more read (then steps 3 and 4 share one sync).
    const actual = new Map<string, string>();
    const extraReads: [name: string, as: string][] = [];
    // Several sheets whose names differ only by spaces or case (a hidden stale copy beside the visible one):
    // every one is read, so that the template reader names both and reads the visible one.
    // Case as Excel ignores it (「表ⅲ」 is 「表Ⅲ」, sheet-names.ts).
    const loose = (x: string) => excelNameKey(x.replace(/\s+/g, ''));
    const others = new Map<string, string>();
    for (const n of INPUT_SHEETS) {
      const candidates = items.filter((i) => loose(i.name) === loose(n));
      const chosen = candidates.length > 1 ? (candidates.find((i) => i.visibility === 'visible' && i.name.trim() === n) ?? candidates.find((i) => i.visibility === 'visible') ?? candidates[0]).name : names.includes(n) ? n : names.find((x) => x.trim() === n);
      if (!chosen) continue;
      actual.set(n, chosen);
      if (chosen !== n) extraReads.push([chosen, n]);
      for (const c of candidates)
        if (c.name !== chosen) {
          others.set(c.name, n);
          extraReads.push([c.name, `\u0000${c.name}`]);
        }
    }
    if (extraReads.length) {
      for (const [name, as] of extraReads) queueRead(name, as);
      try {
        await readSync(
          extraReads.some(([, as]) => mergeReads.has(as)),
          false,
          () => {
            for (const [, as] of extraReads) {
              formatReads.delete(as);
              formulaReads.delete(as);
            }
            for (const [name, as] of extraReads) queueRead(name, as);
          },
        );
      } catch (e) {
        const fatal = await this.oversizedRead(ctx, extraReads.map(([name]) => name), e, sync);
        if (fatal) return { ok: false, syncs: syncCount(), fatal };
        throw e;
      }
    }

    // A value beyond the window: find it (one more read) and say which cell it is.
    const beyond = [...extents.values()].filter(({ used }) => !used.isNullObject && (used.rowIndex + used.rowCount > READ_ROWS || used.columnIndex + used.columnCount > READ_COLUMNS));
    if (beyond.length) return { ok: false, syncs: syncCount(), fatal: await this.strayCell(beyond[0].sheet, beyond[0].used, sync) };
    for (const [role, r] of reads)
      if (!r.isNullObject && !Array.isArray(r.values)) {
        // Values that came back null (a read over Excel's cell limit): the stray cell named when there is one.
        const extent = extents.get(role);
        const fatal = extent ? await this.strayInWindow(ctx, extent.sheet, extent.used, sync) : null;
        return {
          ok: false,
          syncs: syncCount(),
          fatal: fatal ?? { code: 'excel-error', sheet: extent?.sheet, message: `Excel 没有返回工作表「${extent?.sheet ?? role}」的内容（数据区超出了 Excel 单次读取的上限）。请删除数据区以外的多余内容后重试。本次没有修改工作簿。` },
        };
      }

    // The school sheets' number formats beyond the first rows (a county of more than about 1 000 schools).
    const formats = await readFormats(
      [...reads].filter(([as]) => as !== SHEET_COUNTY && !as.startsWith('\u0000')).map(([as, range]) => ({ as, sheet: extents.get(as)?.sheet ?? as, range, first: formatReads.get(as) })),
      (name) => sheets.getItem(name),
      sync,
      this.responseBudget,
    );

    phase('校验');
    const grids: CellGrid[] = [];
    for (const item of items) {
      if (isRecordSheet(item.name)) continue;
      const role = INPUT_SHEETS.find((n) => actual.get(n) === item.name);
      const other = others.get(item.name);
      const merges = (as: string) => mergesUnread ?? mergesFrom(mergeReads.get(as));
      const grid = role
        ? withFormulas(gridFrom(item.name, reads.get(role) ?? null, role === SHEET_COUNTY ? 'range' : (formats.get(role) ?? null), merges(role)), formulaReads.get(role))
        : other
          ? gridFrom(item.name, reads.get(`\u0000${item.name}`) ?? null, other === SHEET_COUNTY ? 'range' : null, merges(`\u0000${item.name}`))
          : { name: item.name, values: [] };
      grids.push(item.visibility === 'visible' ? grid : { ...grid, visibility: item.visibility });
    }
    // The records say which sheets the product wrote: a user's own 「表Ⅲ」 is then known (shenbao-sheet-exists).
    const recordRows: unknown[][] = storeRange.isNullObject ? [] : storeRange.values;
    const listExists = names.includes(GENERATED_RECORD_SHEET);
    const listVisibility = items.find((i) => i.name === GENERATED_RECORD_SHEET)?.visibility;
    const generatedBefore = decodeGenerated(recordRows, listExists ? (listRange.isNullObject ? [] : listRange.values) : null);
    const result = analyse(grids, options.profile, { generatedBefore: generatedBefore.sheets });
    if (!result.ok) return { ok: false, fatal: result.fatal, syncs: syncCount() };
    const analysis: Analysis = result.analysis;

    phase('计算');
    const marks: Mark[] = applyMarks ? marksOf(analysis) : [];
    // Only sheets the product recorded as its own are replaced: a user's own 「问题清单」 stays, and the
    // product writes under another name (「问题清单(核验)」).
    const placements = placeGenerated(
      writeSheets ? generatedSheets(analysis).map((g) => g.name) : [],
      names.filter((n) => !isRecordSheet(n)),
      generatedBefore.sheets,
      generatedBefore.legacy,
      INPUT_SHEETS.map((i) => actual.get(i)).filter((n): n is string => n !== undefined),
    );
    const sheetGrids: SheetGrid[] = writeSheets ? generatedSheets(analysis).map((g, i) => ({ ...g, name: placements[i].name })) : [];
    // Migration: the working sheets an earlier version wrote under their old names (学校达标情况…) are deleted
    // with the new ones' writing; a user's sheet of such a name (not in the record) stays.
    const migrated = writeSheets ? names.filter((n) => legacyGenerated(n, generatedBefore.sheets, generatedBefore.legacy) && !placements.some((p) => p.replaces.includes(n))) : [];
    if (migrated.length) {
      const i = placements.findIndex((p) => p.base === SHEET_UNITS_REPORT);
      if (i >= 0) placements[i] = { ...placements[i], replaces: [...placements[i].replaces, ...migrated] };
    }
    // The sheets the new record lists: those written now, and earlier ones left in place.
    const generatedNames = [...sheetGrids.map((g) => g.name), ...generatedBefore.sheets.filter((n) => names.includes(n) && !placements.some((p) => p.replaces.includes(n)))];
    const storeExists = names.includes(MARK_STORE_SHEET);
    const stored: StoredLook[] = applyMarks && !storeRange.isNullObject ? decodeStore(storeRange.values).filter((l) => names.includes(l.sheet)) : [];

    // ---- checks before any write ----
    const protectedSheets = new Set(items.filter((i) => i.protected).map((i) => i.name));
    const touched = new Set<string>([...marks.map((m) => m.sheet), ...stored.map((s) => s.sheet)]);
    const blocked = [...touched].filter((n) => protectedSheets.has(n));
    if (blocked.length)
      return {
        ok: false,
        syncs: syncCount(),
        fatal: {
          code: 'sheet-protected', sheet: blocked[0],
          message: `工作表「${blocked.join('」「')}」受保护，无法标记其中的单元格。请在「审阅 → 撤销工作表保护」后重新核验。本次没有修改工作簿。`,
        },
      };
    // Earlier generated sheets are deleted and written anew: Excel would delete a protected one too
    // (sheet protection does not cover deletion), so a protected one stops the run instead.
    const replaced = new Map(sheetGrids.map((g, i) => [g.name, placements[i].replaces] as const));
    const lockedOutputs = [...replaced.values()].flat().filter((n) => protectedSheets.has(n));
    if (lockedOutputs.length)
      return {
        ok: false,
        syncs: syncCount(),
        fatal: {
          code: 'sheet-protected', sheet: lockedOutputs[0],
          message: `工作表「${lockedOutputs.join('」「')}」受保护，无法用本次结果更新。请在「审阅 → 撤销工作表保护」后重新核验（或在选项中不生成汇总工作表）。本次没有修改工作簿。`,
        },
      };
    const needsStructure = writeSheets || (applyMarks && (storeExists || marks.length > 0));
    if (needsStructure && wb.protection.protected)
      return {
        ok: false,
        syncs: syncCount(),
        fatal: { code: 'sheet-protected', message: '工作簿结构受保护，无法生成汇总工作表和标记记录。请在「审阅 → 保护工作簿」中取消保护后重新核验。本次没有修改工作簿。' },
      };

    if (late()) return { ok: false, syncs: syncCount(), fatal: tooSlow(false) };

    // ---- sync 2: the run lock, and the current look of the cells to mark or restore ----
    // The mark record sheet is created once, here, very hidden (never deleted: deleting and hiding sheets
    // cannot be undone in Excel, and it holds the lock).
    const lockIt = needsStructure || storeExists;
    let lockCheck: Excel.Range | null = null;
    let lockStore: Excel.Worksheet | null = null;
    if (lockIt) {
      let storeWs: Excel.Worksheet;
      // OrNullObject: a record deleted since the read (by a macro) is made again in the write.
      if (storeExists) storeWs = sheets.getItemOrNullObject(MARK_STORE_SHEET);
      else {
        storeWs = sheets.add(MARK_STORE_SHEET);
        storeWs.visibility = 'VeryHidden';
        lock.created = true;
      }
      // The list of generated sheets, its sibling, is made here too (hidden in the same run as the record: the
      // one run that clears the undo history), before anything is written that it must list.
      if (!listExists) {
        sheets.add(GENERATED_RECORD_SHEET).visibility = 'VeryHidden';
        lock.createdList = true;
      }
      lockStore = storeWs;
      lockCheck = storeWs.getRange(LOCK_CELL);
      lockCheck.load('values');
      storeWs.getRange(LOCK_CELL).values = [[lock.token]];
      lock.taken = true;
    }
    let lockSynced = false;
    // The product's own sheets that will be rewritten in place: their old extent and notes, looked up in this sync.
    const reuseOf = (g: SheetGrid, i: number) => {
      const existing = placements[i].replaces;
      return existing.find((n) => n === g.name) ?? existing.find((n) => loose(n) === loose(g.name)) ?? null;
    };
    const prepLookups = new Map<string, { sheet: Excel.Worksheet; used: Excel.Range; notes: Excel.NoteCollection | null; noteAt: Map<string, Excel.Note> }>();
    if (lockIt)
      sheetGrids.forEach((g, i) => {
        const reuse = reuseOf(g, i);
        if (reuse === null) return;
        const w = sheets.getItemOrNullObject(reuse);
        const used = w.getUsedRangeOrNullObject(false);
        used.load('rowIndex,rowCount');
        const notes = api === 'note' ? w.notes : null;
        notes?.load('items/content');
        // The note now at each cell the new sheet puts a note on: someone else's stays, and ours is not written there.
        const noteAt = new Map<string, Excel.Note>();
        if (api === 'note')
          for (const n of g.notes ?? []) {
            const at = wb.notes.getItemOrNullObject(`${quote(reuse)}!${n.address}`);
            at.load('content');
            noteAt.set(n.address, at);
          }
        prepLookups.set(g.name, { sheet: w, used, notes, noteAt });
      });
    const markByKey = new Map(marks.map((m) => [keyOf(m.sheet, m.address), m] as const));
    const storedByKey = new Map(stored.map((s) => [keyOf(s.sheet, s.address), s] as const));
    const toRead = marks.filter((m) => !storedByKey.has(keyOf(m.sheet, m.address)));
    const fills = new Map<string, string>();
    const exactFills = new Map<string, string>();
    const keptExact = applyMarks && !storeRange.isNullObject ? storedExact(storeRange.values) : new Map<string, string>();
    /** What each cell holds: its note (note mode, looked up) and its comment (located). */
    const notesAt = new Map<string, CurrentNote>();
    const commentsAt = new Map<string, CurrentNote>();
    /** Cells whose note is known (looked up, or the workbook has none). */
    const known = new Set<string>();
    let writeNotes = api !== 'sheet' && applyMarks;
    // Notes are looked up cell by cell (stored cells, and new ones when notes are written), unless the
    // workbook has none at all. Over the budget, new notes give way first, then the look-ups.
    const lookupCost = (c: { sheet: string; address: string }) => PROXY + ACTION + requestBytes(c.sheet) + c.address.length + 40;
    const storedCost = stored.reduce((a, c) => a + lookupCost(c), 0);
    const marksCost = toRead.reduce((a, c) => a + lookupCost(c), 0);
    const anyNotes = noteCount !== null && noteCount.value > 0;
    let lookupStored = api === 'note' && anyNotes;
    let lookupMarks = api === 'note' && anyNotes && writeNotes;
    const fillCost = toRead.length * 60;
    if (lookupMarks && fillCost + storedCost + marksCost > this.budget) {
      lookupMarks = false;
      writeNotes = false;
    }
    if (lookupStored && fillCost + storedCost > this.budget) lookupStored = false;
    // Comments: every comment is located (one getLocation each); too many, and no explanation is written
    // (a cell might hold someone's comment) and comments are left alone.
    const commentList = commentItems ? commentItems.items : [];
    let locateComments = commentList.length > 0;
    if (locateComments && fillCost + commentList.length * (2 * PROXY + 2 * ACTION) > this.budget) {
      locateComments = false;
      writeNotes = false;
    }
    if (api === 'note' && !anyNotes) for (const k of [...markByKey.keys(), ...storedByKey.keys()]) known.add(k);
    if (applyMarks && (marks.length || stored.length || commentList.length)) {
      phase('标记');
      const areaQueries: Excel.RangeCollection[] = [];
      // Excel reports touching cells of one getRanges as one area ("K5,K6" comes back as "K5:K6", whose fill is
      // null when the two differ): the cells are split by row and column parity, so no two in a list touch.
      const bySheet = new Map<string, string[]>();
      for (const m of toRead) {
        const { row, col } = parseA1(m.address);
        const k = `${m.sheet}\u0000${row % 2}${col % 2}`;
        const list = bySheet.get(k);
        if (list) list.push(m.address);
        else bySheet.set(k, [m.address]);
      }
      // The response is counted too (each cell's address and five fill properties, about 180 bytes): a county with
      // tens of thousands of marks has its looks read over more than one sync, each response within the budget.
      const lookBatches: { sheet: string; list: string }[][] = [[]];
      let lookBytes = 0;
      for (const [k, addrs] of bySheet) {
        const sheet = k.slice(0, k.indexOf('\u0000'));
        for (const list of chunkAddresses(addrs, this.chunk)) {
          const cells = list.split(',').length;
          const bytes = cells * (LOOK_RESPONSE_BYTES + 2 * requestBytes(sheet));
          if (lookBytes > 0 && lookBytes + bytes > this.responseBudget) {
            lookBatches.push([]);
            lookBytes = 0;
          }
          lookBatches[lookBatches.length - 1].push({ sheet, list });
          lookBytes += bytes;
        }
      }
      const queueLooks = (batch: readonly { sheet: string; list: string }[]) => {
        for (const { sheet, list } of batch) {
          const areas = sheets.getItem(sheet).getRanges(list).areas;
          areas.load(
            'items/address,items/format/fill/color,items/format/fill/tintAndShade,items/format/fill/pattern,items/format/fill/patternColor,items/format/fill/patternTintAndShade',
          );
          areaQueries.push(areas);
        }
      };
      queueLooks(lookBatches[0]);
      const noteLookups: { key: string; note: Excel.Note }[] = [];
      const locations: { comment: Excel.Comment; range: Excel.Range }[] = [];
      if (api === 'note') {
        const cells = new Map<string, { sheet: string; address: string }>();
        if (lookupStored) for (const s of stored) cells.set(keyOf(s.sheet, s.address), s);
        if (lookupMarks) for (const m of toRead) cells.set(keyOf(m.sheet, m.address), m);
        for (const [key, c] of cells) {
          const note = wb.notes.getItemOrNullObject(`${quote(c.sheet)}!${c.address}`);
          note.load('content');
          noteLookups.push({ key, note });
        }
      }
      if (locateComments) {
        for (const comment of commentList) {
          const range = comment.getLocation();
          range.load('address');
          locations.push({ comment, range });
        }
      }
      if (areaQueries.length || noteLookups.length || locations.length || lockCheck) {
        await sync();
        lockSynced = true;
      }
      for (const batch of lookBatches.slice(1)) {
        queueLooks(batch);
        await sync();
      }
      for (const areas of areaQueries)
        for (const a of areas.items) {
          const { sheet, local } = splitAddress(a.address);
          const f = a.format.fill;
          // An area of several cells all share the look read (a look that differs reads as null: left unknown).
          if (f.color === null) continue;
          const none = f.pattern === 'None' || ((f.tintAndShade === null || f.tintAndShade === undefined) && (f.color ?? '').toUpperCase() === '#FFFFFF');
          const exact = none ? null : exactLook(f);
          const [from, to] = local.split(':');
          const p = parseA1(from);
          const q = to ? parseA1(to) : p;
          for (let r = p.row; r <= q.row; r++)
            for (let c = p.col; c <= q.col; c++) {
              const key = keyOf(sheet, a1(r, c));
              fills.set(key, none ? '' : (f.color ?? '').toUpperCase());
              if (exact) exactFills.set(key, exact);
            }
        }
      for (const { key, note } of noteLookups) {
        known.add(key);
        if (!note.isNullObject) notesAt.set(key, { content: note.content, proxy: note, kind: 'note', replies: 0 });
      }
      for (const { comment, range } of locations) {
        const { sheet, local } = splitAddress(range.address);
        commentsAt.set(keyOf(sheet, local), { content: comment.content, proxy: comment, kind: 'comment', replies: comment.replies.items.length });
      }
    }
    if (lockCheck && !lockSynced) await sync();
    const preps = new Map<string, SheetPrep>();
    sheetGrids.forEach((g, i) => {
      const found = prepLookups.get(g.name);
      // A sheet to reuse that was deleted meanwhile is added instead.
      const reuse = found && !found.sheet.isNullObject ? reuseOf(g, i) : null;
      const used = found && reuse !== null && !found.used.isNullObject ? found.used : null;
      const occupied = new Set<string>();
      if (reuse !== null && found)
        for (const n of g.notes ?? []) {
          const note = found.noteAt.get(n.address);
          if ((note && !note.isNullObject && !isOurs(note.content)) || commentsAt.has(keyOf(reuse, n.address))) occupied.add(n.address);
        }
      // Comments not located (too many, or not read at all without marks): a cell of the new notes might hold one.
      const commentsUnknown = reuse !== null && caps.comments && !(applyMarks && commentItems !== null && (locateComments || commentItems.items.length === 0));
      preps.set(g.name, {
        reuse,
        drop: placements[i].replaces.filter((n) => n !== reuse),
        oldRows: used ? used.rowIndex + used.rowCount : 0,
        oldNotes: reuse !== null && found?.notes ? found.notes.items : [],
        occupied: commentsUnknown && (g.notes ?? []).length ? 'unknown' : occupied,
      });
    });
    /** Reused sheets written in the current batch: one deleted since sync 2 is made again after it. */
    const reusedNow: { grid: SheetGrid; ws: Excel.Worksheet }[] = [];
    const storeGone = storeExists && lockStore !== null && lockStore.isNullObject;
    if (storeGone) lock.taken = false;
    if (lockCheck && !storeGone && cellText(lockCheck.values?.[0]?.[0]) !== lockSeen) {
      // Another run took the lock between our read and our write: give it back and stop.
      lock.taken = false;
      sheets.getItem(MARK_STORE_SHEET).getRange(LOCK_CELL).values = [[cellText(lockCheck.values[0][0])]];
      await sync();
      return { ok: false, syncs: syncCount(), fatal: BUSY };
    }
    // Every comment's cell is known when all were located (or there are none).
    const commentsKnown = commentItems !== null && (locateComments || commentList.length === 0);
    /** The record sheet as the marks sync wrote it (to make it again if it vanished meanwhile). */
    const record: { proxy: Excel.Worksheet | null; rows: readonly (readonly string[])[] } = { proxy: null, rows: [] };
    const list: { proxy: Excel.Worksheet | null; rows: readonly (readonly string[])[] } = { proxy: null, rows: [] };
    /** Cells whose explanation stays in 问题清单 because someone else's note or comment is there. */
    const keptForUser = new Set<string>();

    // ---- plan the writes ----
    const plan = (withNotes: boolean) => {
      const markSteps: Step[] = [];
      /** Comments added where a note might sit unseen (no Notes API): their own batch, allowed to fail. */
      const addSteps: Step[] = [];
      keptForUser.clear();
      const fillCells: { sheet: string; row: number; col: number; fill: string }[] = [];
      const restoreCells: { sheet: string; row: number; col: number; fill: string }[] = [];
      /** Cells marked before and again now: restored first too when the record takes more than one block (below). */
      const remarked: { sheet: string; row: number; col: number; fill: string }[] = [];
      const noteOps: Step[] = [];
      const newStore: StoredLook[] = [];
      const newExact: string[] = [];
      const cells = new Set<string>([...markByKey.keys(), ...storedByKey.keys()]);
      // Our notes or comments left on cells that are neither marked nor recorded (a lost record) are removed too.
      for (const at of [notesAt, commentsAt]) for (const [k, c] of at) if (isOurs(c.content) && !protectedSheets.has(splitAddress(k).sheet)) cells.add(k);
      for (const key of cells) {
        const m = markByKey.get(key);
        const st = storedByKey.get(key);
        const note = notesAt.get(key);
        const comment = commentsAt.get(key);
        const where = m ?? st ?? { sheet: splitAddress(key).sheet, address: splitAddress(key).local };
        const baseFill = st ? st.fill : (fills.get(key) ?? '');
        const baseExact = st ? keptExact.get(key) : exactFills.get(key);
        const { row, col } = parseA1(where.address);
        const theirs = [note, comment].find((c) => c && !isOurs(c.content)) ?? null;
        if (m) {
          fillCells.push({ sheet: m.sheet, row, col, fill: MARK_COLORS[m.level] });
          const before = theirs ?? (st?.hadNote ? { content: st.note } : null);
          newStore.push({ sheet: m.sheet, address: m.address, level: m.level, fill: baseFill, hadNote: before !== null, note: before?.content ?? '' });
          newExact.push(baseExact ?? '');
          if (st) remarked.push({ sheet: st.sheet, row, col, fill: baseExact ? `${EXACT}${baseExact}` : baseFill });
        } else if (st) restoreCells.push({ sheet: st.sheet, row, col, fill: baseExact ? `${EXACT}${baseExact}` : baseFill });
        // What the cell can hold: nothing is decided on a cell whose note or comment is unknown.
        const noteKnown = api !== 'note' || known.has(key);
        const decidable = noteKnown && (commentsKnown || !caps.comments);
        const wanted = m && withNotes ? noteText(m.note, null) : null;
        let occupied = theirs !== null;
        for (const ours of [note, comment]) {
          if (!ours || !isOurs(ours.content)) continue;
          const original = keptOriginal(ours.content);
          if (original !== null) {
            // Written by an earlier version around someone's note: give the text back, as it was.
            noteOps.push({ bytes: PROXY + 2 * ACTION + requestBytes(original) + 10, queue: () => void (ours.proxy.content = original) });
            occupied = true;
          } else if (ours.kind === api && wanted !== null && decidable && !theirs) {
            if (ours.content !== wanted) noteOps.push({ bytes: PROXY + 2 * ACTION + requestBytes(wanted) + 10, queue: () => void (ours.proxy.content = wanted) });
            occupied = true;
          } else if (ours.replies > 0) {
            // Others replied to it: deleting it would delete their replies. Kept as it is.
            occupied = true;
          } else noteOps.push({ bytes: PROXY + 2 * ACTION, queue: () => ours.proxy.delete() });
        }
        if (m && withNotes && theirs) keptForUser.add(key);
        if (wanted === null || occupied || !decidable) continue;
        const address = `${quote(where.sheet)}!${where.address}`;
        const add: Step = {
          bytes: PROXY + ACTION + requestBytes(wanted) + requestBytes(address) + 20,
          queue: (b) => void (api === 'note' ? b.ctx.workbook.notes.add(address, wanted) : b.ctx.workbook.comments.add(address, wanted)),
        };
        if (api === 'comment') addSteps.push(add);
        else noteOps.push(add);
      }
      // The order keeps the record true to the cells when Excel applies only the start of a failed batch
      // (a sheet deleted meanwhile, an internal error): earlier marks are restored while the old record
      // still lists them, the new record (each cell with its look before) is written before any cell is
      // marked, and notes, which carry their own marker, come last.
      const writesRecord = lockIt && (stored.length > 0 || newStore.length > 0 || !storeRange.isNullObject);
      let rows: string[][] = [];
      if (writesRecord) {
        const settings = settingsFor(recordRows);
        rows = newStore.length || settings ? encodeStore(newStore, settings) : [];
        if (newExact.some(Boolean)) rows = withExactColumn(rows, newExact);
      }
      // In blocks of rows, so that the record of a county with tens of thousands of marked cells (4 MB at 31 000)
      // can be spread over several syncs like a generated sheet; every block is written before any cell is marked.
      const [head, ...rest] = writesRecord ? storeBlocks(rows, this.blockBytes()) : [];
      // The first block replaces the whole record: when more blocks follow (maybe in later syncs, or never when a
      // sync fails or the deadline passes), a cell marked before and again now would be marked but not recorded in
      // between. Every earlier mark is then restored first, and marked again after the record is written.
      markSteps.push(...fillSteps(rest.length ? [...restoreCells, ...remarked] : restoreCells, this.chunk));
      if (writesRecord) {
        markSteps.push({
          bytes: 5 * PROXY + 6 * ACTION + 2 * (head?.bytes ?? jsonBytes([])),
          queue: (b) => {
            const firstRows = head?.rows ?? [];
            if (!storeGone) {
              // OrNullObject: a record deleted since sync 2 is made again right after this sync (see below).
              const ws = b.ctx.workbook.worksheets.getItemOrNullObject(MARK_STORE_SHEET);
              record.proxy = ws;
              record.rows = rows;
              return writeStore(ws, firstRows);
            }
            const ws = b.ctx.workbook.worksheets.add(MARK_STORE_SHEET);
            b.remember(MARK_STORE_SHEET, ws);
            writeStore(ws, firstRows);
            ws.visibility = 'VeryHidden';
          },
        });
        for (const block of rest)
          markSteps.push({
            bytes: 4 * PROXY + 4 * ACTION + 2 * block.bytes,
            // The sheet made or found by the first block (in this batch or an earlier one). A null object (the record
            // deleted by a macro after the first block): the whole record is made again right after this sync.
            queue: (b) => {
              if (storeGone) return writeStoreRows(b.sheet(MARK_STORE_SHEET), block.rows, block.from);
              const ws = b.ctx.workbook.worksheets.getItemOrNullObject(MARK_STORE_SHEET);
              record.proxy = ws;
              writeStoreRows(ws, block.rows, block.from);
            },
          });
      }
      markSteps.push(...fillSteps(fillCells, this.chunk));
      // Note operations in runs of 200, so that the packer can split them.
      const runs = (ops: Step[]) => {
        const out: Step[] = [];
        for (let i = 0; i < ops.length; i += 200) {
          const run = ops.slice(i, i + 200);
          out.push({ bytes: run.reduce((a, s) => a + s.bytes, 0), queue: (b) => run.forEach((s) => s.queue(b)) });
        }
        return out;
      };
      markSteps.push(...runs(noteOps));
      return { markSteps, addSteps: runs(addSteps) };
    };

    // The official tables' notes (表Ⅲ 综合) go as notes where the host has them; they give way with the marks' notes.
    const generatedFor = (notes: boolean): Step[] => {
      const out: Step[] = [];
      for (const g of sheetGrids)
        out.push(...sheetSteps(g, preps.get(g.name)!, this.chunk, this.blockBytes(), notes ? api : 'sheet', (ws) => reusedNow.push({ grid: g, ws })));
      return out;
    };
    // The list of the product's sheets (「均衡核验_生成记录」, made in sync 2), written before anything it must name:
    // ahead of the marks (which rewrite a mark record of format 2 without its list) and of the generated sheets.
    // Sheets of ours to be deleted in this run stay listed until they are gone (a final rewrite drops them), so
    // that a batch Excel applies only in part never leaves a sheet of ours unlisted (it would be taken for the
    // user's). Made again at once if deleted meanwhile.
    const listSteps: Step[] = [];
    const listTail: Step[] = [];
    if (lockIt) {
      const oldEnd = listExists && !listRange.isNullObject ? listRange.rowIndex + listRange.rowCount : 0;
      const dropped = [...placements.flatMap((p, i) => p.replaces.filter((n) => n !== (sheetGrids[i] ? reuseOf(sheetGrids[i], i) : null))), ...migrated];
      const first = encodeGenerated([...generatedNames, ...dropped.filter((n) => names.includes(n) && !generatedNames.includes(n))]);
      const last = encodeGenerated(generatedNames);
      const step = (rows: string[][], end: number): Step => ({
        bytes: 5 * PROXY + 6 * ACTION + 2 * jsonBytes(rows),
        queue: (b) => {
          const ws = b.ctx.workbook.worksheets.getItemOrNullObject(GENERATED_RECORD_SHEET);
          list.proxy = ws;
          list.rows = rows;
          // Left visible by a batch Excel applied only in part (added, not yet hidden): hidden now.
          if (listExists && listVisibility !== 'veryHidden') ws.visibility = 'VeryHidden';
          writeList(ws, rows, end);
        },
      });
      listSteps.push(step(first, oldEnd));
      if (first.length !== last.length) listTail.push(step(last, first.length));
      // A mark record of format 2 keeps its list rows until it is rewritten; without marks it is not, so the rows
      // go here, once, after the list is written (the cell rows and their exact looks are kept as they are).
      if (!applyMarks && recordRows.some(isOlderListRow)) {
        const rows = recordRows.filter((r) => !isOlderListRow(r)).map((r) => r.slice(0, RECORD_COLUMNS).map((v) => (v === null || v === undefined ? '' : String(v))));
        listSteps.push({
          bytes: 4 * PROXY + 5 * ACTION + 2 * jsonBytes(rows),
          queue: (b) => writeStore(b.ctx.workbook.worksheets.getItemOrNullObject(MARK_STORE_SHEET), rows),
        });
      }
    }
    let generated: Step[] = [...generatedFor(api === 'note'), ...listTail];
    // The marks and the generated sheets in two write syncs when they fit (one after an extra read); else in
    // as many as the budget needs, up to maxWriteSyncs; only then do notes give way to 问题清单.
    const fewest = extraReads.length ? 1 : 2;
    let planned = applyMarks ? plan(writeNotes) : { markSteps: [], addSteps: [] };
    const pack = (syncs: number) => {
      const ahead = planned.markSteps.length > 0;
      const main = packSteps([[...(ahead ? listSteps : []), ...planned.markSteps], [...(ahead ? [] : listSteps), ...generated]], syncs, this.budget);
      const adds = packSteps([planned.addSteps], this.maxWriteSyncs, this.budget);
      return main && adds ? [...main, ...adds.map((b) => ({ steps: b, mayFail: true }))] : null;
    };
    let packed = pack(fewest) ?? pack(this.maxWriteSyncs);
    if (!packed && (writeNotes || api === 'note')) {
      writeNotes = false;
      planned = applyMarks ? plan(false) : planned;
      generated = [...generatedFor(false), ...listTail];
      packed = pack(fewest) ?? pack(this.maxWriteSyncs);
    }
    const batches = packed?.map((b) => (Array.isArray(b) ? { steps: b, mayFail: false } : b)) ?? null;
    this.onPlan?.({
      notes: writeNotes ? api : 'sheet',
      noteLookups: known.size + (locateComments ? commentList.length : 0),
      lookupBytes: fillCost + (lookupStored ? storedCost : 0) + (lookupMarks ? marksCost : 0) + prepLookups.size * (5 * PROXY + 3 * ACTION + 60),
      writeBytes: (batches ?? []).map((b) => b.steps.reduce((a, s) => a + s.bytes, 0)),
    });
    if (!batches) {
      const mb = ([...planned.markSteps, ...generated].reduce((a, s) => a + s.bytes, 0) / 1e6).toFixed(1);
      return {
        ok: false,
        syncs: syncCount(),
        fatal: { code: 'excel-error', message: `需要写入工作簿的内容约 ${mb} MB，超过了 Excel 单次通信的上限，无法完成标记和汇总。请用命令行工具（annotate）生成标注副本。本次没有修改工作簿。` },
      };
    }

    // The lock is given back with the last write that must succeed (not with new comments, which may be refused).
    if (lock.taken) {
      const last = [...batches].reverse().find((x) => !x.mayFail);
      if (last) last.steps.push(RELEASE_LOCK);
      else batches.unshift({ steps: [RELEASE_LOCK], mayFail: false });
    }

    // ---- syncs 3 and 4 (and 5 for new comments): write ----
    const generatedSet = new Set(generated);
    let notesVia: 'note' | 'comment' | 'sheet' = writeNotes ? (api as 'note' | 'comment') : 'sheet';
    let wrote = false;
    for (const [i, { steps, mayFail }] of batches.entries()) {
      // Past the deadline no further batch is started. Each batch ends with the record true to the cells, and
      // the lock goes with the last one: given back here (the caller releases it on failure).
      if (late()) return { ok: false, syncs: syncCount(), fatal: tooSlow(wrote && i > 0) };
      wrote = true;
      phase(steps.some((s) => generatedSet.has(s)) ? '生成汇总' : '标记');
      const b = new Batch(ctx);
      reusedNow.length = 0;
      for (const s of steps) s.queue(b);
      if (!mayFail) {
        await sync(true);
        const vanished = reusedNow.filter((r) => r.ws.isNullObject);
        if (vanished.length) {
          // A generated sheet deleted (by the user or a macro) after sync 2: written anew, in as many syncs as it needs.
          const again = vanished.flatMap(({ grid }) => sheetSteps(grid, { reuse: null, drop: [], oldRows: 0, oldNotes: [] }, this.chunk, this.blockBytes(), notesVia === 'note' ? 'note' : 'sheet'));
          for (const part of packSteps([again], this.maxWriteSyncs, this.budget) ?? [again]) {
            const b2 = new Batch(ctx);
            for (const s of part) s.queue(b2);
            await sync(true);
          }
        }
        // A record sheet deleted (by a macro) after sync 2: the marks are placed, so it is made again at once.
        for (const [r, name] of [[record, MARK_STORE_SHEET], [list, GENERATED_RECORD_SHEET]] as const)
          if (r.proxy && r.proxy.isNullObject) {
            r.proxy = null;
            const ws = ctx.workbook.worksheets.add(name);
            ws.visibility = 'VeryHidden';
            // The record of many marked cells in blocks, one sync each, as it was written.
            for (const block of storeBlocks(r.rows, this.blockBytes())) {
              writeStoreRows(ws, block.rows, block.from);
              await sync(true);
            }
            if (!r.rows.length) await sync(true);
          }
        continue;
      }
      // Without the Notes API a note is invisible, and Excel refuses a comment on a cell that holds one: the
      // explanations then stay in 问题清单 (comments added before the refusal carry our marker and are ours).
      // An Excel may also claim ExcelApi 1.10 and answer comments.add with NotImplemented (OfficeDev/office-js#1847).
      try {
        await sync(true);
      } catch (e) {
        const code = (e as { code?: unknown } | null)?.code;
        if (!(typeof code === 'string' && NOTES_REFUSED.has(code))) throw e;
        notesVia = 'sheet';
      }
    }
    const renamedSheets = placements.filter((p) => p.name !== p.base).map((p) => ({ sheet: p.base, writtenAs: p.name }));
    return { ok: true, analysis, marks: marks.length, notesVia, keptForUser: keptForUser.size, syncs: syncCount(), ...(renamedSheets.length ? { renamedSheets } : {}) };
  }

  /**
   * Why a read of the input sheets failed, when its window was too large for Excel: "a range is limited to five
   * million cells for get operations" on all platforms, and Excel on the web answers at most 5 MB
   * (https://learn.microsoft.com/office/dev/add-ins/excel/performance#payload-size-limit-best-practices; the
   * window, 40 000 rows by 256 columns, is twice the cell limit). The read refused, each sheet's used range is looked
   * up: one reaching beyond the window is named as before (strayCell); else the largest window, of a million cells or
   * more, is searched for a stray cell (strayInWindow). Null when the failure is not explained so: the caller reports
   * Excel's error as it is.
   */
  private async oversizedRead(ctx: Excel.RequestContext, names: readonly string[], e: unknown, sync: () => Promise<void>): Promise<Fatal | null> {
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !SIZE_REFUSALS.has(code)) return null;
    try {
      const extents = names.map((name) => {
        const used = ctx.workbook.worksheets.getItemOrNullObject(name).getUsedRangeOrNullObject(true);
        used.load('rowIndex,columnIndex,rowCount,columnCount');
        return { name, used };
      });
      await sync();
      const found = extents.filter(({ used }) => !used.isNullObject);
      const beyond = found.find(({ used }) => used.rowIndex + used.rowCount > READ_ROWS || used.columnIndex + used.columnCount > READ_COLUMNS);
      if (beyond) return await this.strayCell(beyond.name, beyond.used, sync);
      const cells = ({ used }: { used: Excel.Range }) => used.rowCount * used.columnCount;
      const largest = found.sort((a, b) => cells(b) - cells(a))[0];
      if (!largest || cells(largest) < SUSPECT_CELLS) return null;
      return await this.strayInWindow(ctx, largest.name, largest.used, sync);
    } catch {
      // Looking did not work either: Excel's first error is reported.
      return null;
    }
  }

  /**
   * The stray cell that makes a used range inside the read window too large to read: the content of its last row
   * (or last column) when empty rows (columns) part it from the rest, read with the used range of the rest
   * (Range.getUsedRangeOrNullObject, ExcelApi 1.4) in one sync. Of the two, the one whose removal shrinks the read
   * more is named. Null when neither is parted from the rest (the data itself is that large).
   */
  private async strayInWindow(ctx: Excel.RequestContext, sheet: string, used: Excel.Range, sync: () => Promise<void>): Promise<Fatal | null> {
    const [r0, c0] = [used.rowIndex, used.columnIndex];
    const [r1, c1] = [r0 + used.rowCount - 1, c0 + used.columnCount - 1];
    const ws = ctx.workbook.worksheets.getItem(sheet);
    const lastRow = ws.getRangeByIndexes(r1, c0, 1, c1 - c0 + 1);
    lastRow.load('values');
    const lastColumn = ws.getRangeByIndexes(r0, c1, r1 - r0 + 1, 1);
    lastColumn.load('values');
    const above = r1 > r0 ? ws.getRangeByIndexes(r0, c0, r1 - r0, c1 - c0 + 1).getUsedRangeOrNullObject(true) : null;
    above?.load('rowIndex,rowCount');
    const before = c1 > c0 ? ws.getRangeByIndexes(r0, c0, r1 - r0 + 1, c1 - c0).getUsedRangeOrNullObject(true) : null;
    before?.load('columnIndex,columnCount');
    await sync();
    const filled = (v: unknown) => v !== '' && v !== null && v !== undefined;
    const candidates: { row: number; col: number; value: unknown; saved: number }[] = [];
    // Empty rows between the last row and the rest (the whole height when the rest is empty).
    const rowGap = above && !above.isNullObject ? r1 - (above.rowIndex + above.rowCount) : r1 - r0;
    // (Values that come back null, over a limit, are no candidates.)
    const rowValues: unknown[] = Array.isArray(lastRow.values) ? lastRow.values[0] : [];
    const inRow = rowValues.findIndex(filled);
    if (rowGap > 0 && inRow >= 0) candidates.push({ row: r1, col: c0 + inRow, value: rowValues[inRow], saved: rowGap * (c1 - c0 + 1) });
    const colGap = before && !before.isNullObject ? c1 - (before.columnIndex + before.columnCount) : c1 - c0;
    const columnValues: unknown[] = Array.isArray(lastColumn.values) ? lastColumn.values.map((r) => r[0]) : [];
    const inColumn = columnValues.findIndex(filled);
    if (colGap > 0 && inColumn >= 0) candidates.push({ row: r0 + inColumn, col: c1, value: columnValues[inColumn], saved: colGap * (r1 - r0 + 1) });
    const stray = candidates.sort((a, b) => b.saved - a.saved)[0];
    if (!stray) return null;
    const at = a1(stray.row, stray.col);
    return {
      code: 'excel-error', sheet, cell: at,
      message: `工作表「${sheet}」的 ${at} 单元格有内容（“${String(stray.value).slice(0, 20)}”），远在数据区之外，使 Excel 需要读取 ${(r1 + 1).toLocaleString('en-US')} 行、${c1 + 1} 列，超出了 Excel 单次读取的上限。请确认它是误填的内容后删除（选中该单元格按 Delete，或删除整行/整列），然后重新核验。本次没有修改工作簿。`,
    };
  }

  /** The stray cell that makes a used range extend beyond the read window, as a Fatal naming it. */
  private async strayCell(sheet: string, used: Excel.Range, sync: () => Promise<void>): Promise<Fatal> {
    const rows = used.rowIndex + used.rowCount;
    // The last row (or column) of the used range holds the farthest value.
    const cells = rows > READ_ROWS ? used.getLastRow() : used.getLastColumn();
    cells.load('values,rowIndex,columnIndex');
    await sync();
    let at = '';
    let shown = '';
    if (Array.isArray(cells.values)) {
      cells.values.some((row, i) =>
        row.some((v, j) => {
          if (v === '' || v === null || v === undefined) return false;
          at = a1(cells.rowIndex + i, cells.columnIndex + j);
          shown = String(v).slice(0, 20);
          return true;
        }),
      );
    }
    const where = at ? `${at} 单元格有内容（“${shown}”）` : `第 ${rows} 行或第 ${columnLetter(used.columnIndex + used.columnCount - 1)} 列有内容`;
    return {
      code: 'excel-error', sheet, ...(at ? { cell: at } : {}),
      message: `工作表「${sheet}」的 ${where}，远在数据区之外，使 Excel 需要读取 ${rows.toLocaleString('en-US')} 行、${used.columnIndex + used.columnCount} 列。请确认它是误填的内容后删除（选中该单元格按 Delete，或删除整行/整列），然后重新核验。本次没有修改工作簿。`,
    };
  }

  async clearMarks(): Promise<ClearOutcome> {
    let syncs = 0;
    let writing = false;
    const token = newToken();
    let locked = false;
    try {
      return await Excel.run({ delayForCellEdit: true }, async (ctx): Promise<ClearOutcome> => {
        const caps = capabilities(ctx);
        if (!caps.base) return { ok: false, fatal: TOO_OLD, syncs: 0 };
        const wb = ctx.workbook;
        const sheets = wb.worksheets;
        const queue = () => {
          sheets.load('items/name,items/protection/protected');
          wb.protection.load('protected');
          const storeSheet = sheets.getItemOrNullObject(MARK_STORE_SHEET);
          const storeRange = storeSheet.getUsedRangeOrNullObject(true);
          storeRange.load('values');
          const lockRange = storeSheet.getRange(LOCK_CELL);
          lockRange.load('values');
          // Both kinds, whichever the host has: a workbook marked in Excel 2021 (comments) may be cleared in Microsoft 365.
          const noteItems = caps.notes ? wb.notes : null;
          noteItems?.load('items/content');
          const commentItems = caps.comments ? wb.comments : null;
          commentItems?.load('items/content,items/replies/items/id');
          return { storeSheet, storeRange, lockRange, noteItems, commentItems };
        };
        let read = queue();
        syncs++;
        try {
          await ctx.sync();
        } catch (e) {
          // An Excel that claims notes or comments but answers NotImplemented for them (as run() meets it): the fills
          // are restored without them, and the notes and comments stay as they are.
          const code = (e as { code?: unknown } | null)?.code;
          if (!((caps.notes || caps.comments) && notImplemented(code))) throw e;
          caps.notes = false;
          caps.comments = false;
          read = queue();
          syncs++;
          await ctx.sync();
        }
        const { storeSheet, storeRange, lockRange, noteItems, commentItems } = read;

        const names = sheets.items.map((s) => s.name);
        const storeExists = names.includes(MARK_STORE_SHEET);
        const stored = storeRange.isNullObject ? [] : decodeStore(storeRange.values).filter((l) => names.includes(l.sheet));
        const ours = [...(noteItems ? noteItems.items : []), ...(commentItems ? commentItems.items : [])].filter((n) => isOurs(n.content));
        if (!storeSheet.isNullObject && lockHeld(cellText(lockRange.values?.[0]?.[0]))) return { ok: false, fatal: BUSY, syncs };
        if (stored.length === 0 && storeRange.isNullObject && ours.length === 0) return { ok: true, restored: 0, syncs };
        // The sheets of our notes and comments (on a generated sheet such as 表Ⅲ too): one of them protected would make
        // Excel refuse the delete after the fills were already restored in the same batch.
        const isProtected = (n: string) => sheets.items.some((s) => s.name === n && s.protection.protected);
        let blocked = [...new Set(stored.map((s) => s.sheet))].filter(isProtected);
        if (!blocked.length && ours.length && sheets.items.some((s) => s.protection.protected)) {
          const located = ours.map((n) => {
            const range = n.getLocation();
            range.load('address');
            return range;
          });
          syncs++;
          await ctx.sync();
          blocked = [...new Set(located.map((r) => splitAddress(r.address).sheet))].filter(isProtected);
        }
        if (blocked.length)
          return {
            ok: false, syncs,
            fatal: { code: 'sheet-protected', sheet: blocked[0], message: `工作表「${blocked.join('」「')}」受保护，无法清除其中的标记。请撤销工作表保护后重试。本次没有修改工作簿。` },
          };

        const exact = storeRange.isNullObject ? new Map<string, string>() : storedExact(storeRange.values);
        const steps = fillSteps(
          stored.map((s) => {
            const e = exact.get(keyOf(s.sheet, s.address));
            return { sheet: s.sheet, ...parseA1(s.address), fill: e ? `${EXACT}${e}` : s.fill };
          }),
          this.chunk,
        );
        // Only what the add-in wrote is touched. One of our comments that others replied to is kept: deleting a
        // comment deletes its replies (Excel.Comment.delete).
        // From the last down: our notes are items of the loaded collection, addressed by index (Excel.Note has no
        // id); a delete moves the notes after it, never those before it. (Comments have ids: order is immaterial.)
        for (let k = ours.length - 1; k >= 0; k--) {
          const n = ours[k];
          const original = keptOriginal(n.content);
          if (original === null && 'replies' in n && n.replies.items.length > 0) continue;
          steps.push({
            bytes: PROXY + 2 * ACTION + 10 + (original === null ? 0 : requestBytes(original)),
            queue: () => (original !== null ? (n.content = original) : n.delete()),
          });
        }
        // The record is rewritten in place (the sheet stays, very hidden: no sheet is deleted or unhidden). The
        // generated sheets stay, and so does the knowledge that they are the product's (so that the next run
        // replaces them rather than taking them for the user's): the record then lists only them.
        // OrNullObject: a record deleted since the read is simply gone.
        // The list sheet (「均衡核验_生成记录」) is not touched; a record of format 2, which lists them itself, keeps its list.
        // Last, so that a run stopped part way (many marks take several syncs) leaves every cell not yet restored in it.
        if (storeExists && !storeRange.isNullObject) {
          const olderList = names.includes(GENERATED_RECORD_SHEET) ? [] : decodeGenerated(storeRange.values).sheets.filter((n) => names.includes(n));
          const settings = settingsFor(storeRange.values);
          const rows = olderList.length || settings ? [...encodeStore([], settings), ...olderListRows(olderList)] : [];
          steps.push({ bytes: 5 * PROXY + 6 * ACTION + 2 * jsonBytes(rows), queue: (b) => writeStore(b.ctx.workbook.worksheets.getItemOrNullObject(MARK_STORE_SHEET), rows) });
        }
        // In as many syncs as the request budget needs (one for a typical county): the record of a county with
        // tens of thousands of marked cells is written over several syncs, and cleared the same way.
        const parts = packSteps([steps], Number.MAX_SAFE_INTEGER, this.budget) ?? [steps];
        // Over several syncs the run lock is taken first (its own sync, as run() takes it), so that a run started
        // meanwhile from the pane or the ribbon waits instead of writing a record this clear then empties; given
        // back with the last write.
        if (parts.length > 1 && storeExists && !storeSheet.isNullObject) {
          const lockCell = ctx.workbook.worksheets.getItemOrNullObject(MARK_STORE_SHEET).getRange(LOCK_CELL);
          lockCell.load('values');
          lockCell.values = [[token]];
          syncs++;
          await ctx.sync();
          const seen = cellText(lockCell.values?.[0]?.[0]);
          if (seen !== cellText(lockRange.values?.[0]?.[0])) {
            // Another run took it between our read and now: given back, nothing else written.
            ctx.workbook.worksheets.getItem(MARK_STORE_SHEET).getRange(LOCK_CELL).values = [[seen]];
            syncs++;
            await ctx.sync();
            return { ok: false, fatal: BUSY, syncs };
          }
          locked = true;
          parts[parts.length - 1].push(RELEASE_LOCK);
        }
        for (const part of parts) {
          const b = new Batch(ctx);
          for (const s of part) s.queue(b);
          syncs++;
          writing = true;
          await ctx.sync();
        }
        locked = false;
        return { ok: true, restored: stored.length, syncs };
      });
    } catch (e) {
      // Stopped part way: the lock given back if still ours (it expires anyway).
      if (locked) await releaseLock(token, false, false);
      return { ok: false, fatal: fatalOf(e, writing, 'clear'), syncs };
    }
  }

  async select(sheet: string, address: string): Promise<boolean | void> {
    try {
      return await Excel.run({ delayForCellEdit: true }, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject(sheet);
        await ctx.sync();
        // No such sheet (a 申报表 table not written yet): the pane says so.
        if (ws.isNullObject) return false;
        ws.activate();
        ws.getRange(address).select();
        await ctx.sync();
        return true;
      });
    } catch {
      // The sheet or cell went while selecting: nothing to select.
    }
  }

  /**
   * The pane's settings saved with the workbook (Office settings); when there are none, those the offline page
   * kept in the mark record (its 规则设置 row), so a file checked in the page opens in Excel with the same rules.
   */
  async loadSettings(): Promise<Record<string, unknown> | null> {
    try {
      const v: unknown = Office.context.document.settings.get(SETTINGS_KEY);
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // No document settings here: look in the record.
    }
    try {
      // delayForCellEdit: while the user edits a cell the batch waits; failing, the saved settings would be lost.
      return await Excel.run({ delayForCellEdit: true }, async (ctx) => {
        const storeRange = ctx.workbook.worksheets.getItemOrNullObject(MARK_STORE_SHEET).getUsedRangeOrNullObject(true);
        storeRange.load('values');
        await ctx.sync();
        return storeRange.isNullObject ? null : decodeSettings(storeRange.values);
      });
    } catch {
      return null;
    }
  }

  async saveSettings(settings: Record<string, unknown>): Promise<void> {
    try {
      const s = Office.context.document.settings;
      s.set(SETTINGS_KEY, settings);
      await new Promise<void>((resolve) => s.saveAsync(() => resolve()));
    } catch {
      // Settings are a convenience: a failed save must not break the pane.
    }
  }
}

/** The host for the running Excel. */
export function createExcelHost(options: ExcelHostOptions = {}): ExcelWorkbookHost {
  return new ExcelWorkbookHost(options);
}
