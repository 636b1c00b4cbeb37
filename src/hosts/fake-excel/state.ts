/**
 * The in-memory workbook behind the fake Excel API: sheets, cells (value, formula, number format,
 * look), notes, comments, document settings. `FakeWorkbook` is the public face used by tests and by
 * the browser preview; `WorkbookState` is what the API proxies act on (with an undo journal, so that a
 * batch that fails at sync leaves nothing behind). No Node modules: this runs in the browser too.
 */
import type { CellGrid, CellValue } from '../../template/grid';
import { a1 } from '../../template/grid';
import { excelNameKey } from '../../template/sheet-names';
import { AddressError, cellCount, parseRef, qualified, rectAddress, type Rect } from './address';
import { fakeError, type FakeErrorCode } from './errors';

export type SheetVisibility = 'Visible' | 'Hidden' | 'VeryHidden';
export type Edge = 'top' | 'bottom' | 'left' | 'right';

export interface BorderLine {
  style: string;
  color: string;
  weight: string;
}

export interface Hyperlink {
  address?: string;
  documentReference?: string;
  textToDisplay?: string;
  screenTip?: string;
}

export interface NoteState {
  readonly id: number;
  readonly content: string;
  readonly author: string;
}

export interface CommentReplyState {
  readonly id: string;
  readonly content: string;
  readonly author: string;
}

export interface CommentMention {
  readonly id: number;
  readonly name: string;
  readonly email: string;
}

/**
 * A threaded comment: the first entry of a thread with its replies (Excel.Comment, ExcelApi 1.10). As in
 * Excel, deleting it deletes its replies, and setting its content stores plain text: its @mentions are lost.
 */
export interface CommentState {
  readonly id: string;
  readonly content: string;
  readonly author: string;
  readonly resolved: boolean;
  readonly replies: readonly CommentReplyState[];
  /** People mentioned in the content ("@张老师"); content type 'Mention' when there are any. */
  readonly mentions: readonly CommentMention[];
}

export interface FakeCommentOptions {
  author?: string;
  replies?: readonly { content: string; author: string }[];
  mentions?: readonly { name: string; email: string }[];
  resolved?: boolean;
}

/** One cell; every field optional (absent = Excel's default). Cells are replaced, never mutated. */
export interface FakeCell {
  readonly value?: string | number | boolean;
  readonly formula?: string;
  readonly numberFormat?: string;
  /** Solid fill colour #RRGGBB; absent = no fill. */
  readonly fill?: string;
  /** Lighter (to 1) or darker (to -1) than `fill` (RangeFill.tintAndShade); absent = 0. */
  readonly fillTint?: number;
  /** RangeFill.pattern other than 'Solid' (e.g. 'Gray50'), its colour and tint. */
  readonly fillPattern?: string;
  readonly fillPatternColor?: string;
  readonly fillPatternTint?: number;
  readonly fontColor?: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fontSize?: number;
  /** Font name (RangeFont.name); absent = the default (Calibri). */
  readonly fontName?: string;
  readonly wrap?: boolean;
  readonly hAlign?: string;
  readonly borders?: Readonly<Partial<Record<Edge, BorderLine>>>;
  readonly hyperlink?: Hyperlink;
  readonly note?: NoteState;
  readonly comment?: CommentState;
}

export interface SheetState {
  readonly id: string;
  name: string;
  visibility: SheetVisibility;
  protected: boolean;
  tabColor: string;
  frozenRows: number;
  frozenColumns: number;
  showGridlines: boolean;
  readonly cells: Map<number, FakeCell>;
  /** Column widths in points (absent = the default). */
  readonly widths: Map<number, number>;
  /** Merged areas (Range.merge), A1, in the order merged. */
  merges: string[];
  /** Custom row heights in points, by 0-based row (absent = the default, fitted to the content). */
  readonly heights: Map<number, number>;
  /** Print setup (Worksheet.pageLayout, ExcelApi 1.9). */
  page: PageSetup;
}

/** Worksheet.pageLayout as the fake keeps it. */
export interface PageSetup {
  orientation: 'Portrait' | 'Landscape';
  paperSize: string;
  /** PageLayoutZoomOptions: a scale, or pages to fit wide and tall (null = automatic). */
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  /** Side margins in points (Excel's 「常规」 0.7 in = 50.4 pt). */
  leftMargin: number;
  rightMargin: number;
  /** Manual horizontal page breaks (Worksheet.horizontalPageBreaks): the 0-based rows that start a page, sorted. */
  rowBreaks: number[];
}

export const DEFAULT_PAGE: Readonly<PageSetup> = Object.freeze({ orientation: 'Portrait', paperSize: 'Letter', zoom: Object.freeze({ scale: 100 }), leftMargin: 50.4, rightMargin: 50.4, rowBreaks: Object.freeze([]) as unknown as number[] });
export const DEFAULT_ROW_HEIGHT = 15;
/** Excel's largest row height in points. */
export const MAX_ROW_HEIGHT = 409.5;

/**
 * An operation after which Excel cannot undo (Ctrl+Z) what came before. Microsoft's list of the APIs without undo
 * support (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities, 2025-05) has
 * Worksheet.delete everywhere, and Worksheet.name and Worksheet.visibility in Excel on Windows and Mac (the fake
 * counts them everywhere, the stricter case); WorksheetCollection.add is undoable.
 */
export interface UndoClearingOp {
  op: 'delete' | 'rename' | 'visibility';
  sheet: string;
}

export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_FONT = { color: '#000000', size: 11, name: 'Calibri' } as const;

const KEY_COLS = 16384;
const EMPTY_CELL: FakeCell = Object.freeze({});
export const cellKey = (r: number, c: number): number => r * KEY_COLS + c;
export const keyRow = (k: number): number => Math.floor(k / KEY_COLS);
export const keyCol = (k: number): number => k % KEY_COLS;

function isEmptyCell(c: FakeCell): boolean {
  for (const k in c) if ((c as Record<string, unknown>)[k] !== undefined) return false;
  return true;
}

/** Normalises a colour the way Excel reports it: #RRGGBB upper case. */
export function normaliseColor(color: string): string {
  const s = color.trim();
  if (/^#?[0-9a-fA-F]{6}$/.test(s)) return `#${s.replace('#', '').toUpperCase()}`;
  const named: Record<string, string> = { white: '#FFFFFF', black: '#000000', red: '#FF0000', green: '#008000', blue: '#0000FF', yellow: '#FFFF00', orange: '#FFA500', gray: '#808080', grey: '#808080' };
  const n = named[s.toLowerCase()];
  if (n) return n;
  throw fakeError('InvalidArgument', 'RangeFill.color');
}

/** What a test or the preview sees of one cell. */
export interface FakeCellView {
  /** null when the cell is empty. */
  value: CellValue;
  formula: string | null;
  numberFormat: string;
  /** #RRGGBB, or null for no fill. */
  fill: string | null;
  /** #RRGGBB, or null for the automatic (default) colour. */
  fontColor: string | null;
  bold: boolean;
  italic: boolean;
  fontSize: number | null;
  /** Font name, or null for the default. */
  fontName: string | null;
  wrap: boolean;
  horizontalAlignment: string | null;
  borders: Partial<Record<Edge, string>>;
  /** Internal link target of a hyperlink or of a =HYPERLINK("#…") formula, else null. */
  link: string | null;
  note: string | null;
  comment: string | null;
}

export interface FakeSheetInfo {
  name: string;
  position: number;
  visibility: SheetVisibility;
  protected: boolean;
  tabColor: string;
  frozenRows: number;
  frozenColumns: number;
  /** Widths in points of the columns whose width was set, by column letter. */
  columnWidths: Record<string, number>;
  /** Merged areas, A1. */
  merges: string[];
  /** Custom row heights in points, by 1-based row number. */
  rowHeights: Record<number, number>;
  pageLayout: PageSetup;
}

/** A change committed by a sync (or by a setup helper): the sheets it touched. */
export interface FakeChange {
  sheets: string[];
  /** 'sync' for API batches, 'setup' for the helpers of FakeWorkbook. */
  source: 'sync' | 'setup';
}

export interface FakeSnapshot {
  structureProtected: boolean;
  activeSheet: string | null;
  sheets: (Pick<SheetState, 'name' | 'visibility' | 'protected' | 'tabColor' | 'frozenRows' | 'frozenColumns'> & {
    widths: Record<string, number>;
    /** Custom row heights by 0-based row. */
    heights: Record<string, number>;
    page: PageSetup;
    cells: Record<string, Record<string, unknown>>;
  })[];
  settings: Record<string, unknown>;
}

/** The mutable model the proxies act on. Internal to the fake. */
export class WorkbookState {
  readonly sheets: SheetState[] = [];
  activeSheetId: string | null = null;
  selection: { sheetId: string; rect: Rect } | null = null;
  structureProtected = false;
  /** Document settings as set in this session, and as last saved with the document. */
  readonly settings = new Map<string, unknown>();
  readonly savedSettings = new Map<string, unknown>();
  syncCount = 0;
  readonly requestSizes: number[] = [];
  readonly responseSizes: number[] = [];
  readonly listeners = new Set<(e: FakeChange) => void>();
  /** Number of actions (Instantiate actions included) of every sync so far. */
  readonly actionCounts: number[] = [];
  /** Operations of API batches that cleared Excel's undo history, in order. */
  readonly undoClearing: UndoClearingOp[] = [];
  /** Called as each sync starts, with its number (as syncCount counts), before its batch runs. */
  readonly syncHooks = new Set<(sync: number) => void>();
  /** Errors to raise in given syncs (by number), once each. */
  readonly faults = new Map<number, { code: FakeErrorCode; afterActions: number }>();
  author = '用户';
  /** The user is editing a cell (in the cell or the formula bar). */
  cellEdit = false;
  readonly cellEditWaiters: (() => void)[] = [];
  /** Another workbook has the focus (Excel answers InactiveWorkbook). */
  inactive = false;
  private nextSheet = 1;
  private nextNote = 1;
  private nextComment = 1;
  private readonly commentIndex = new Map<string, { sheet: SheetState; key: number }>();
  /** Undo entries of the batch being executed: closures, or [sheet, key, earlier cell] for cell writes. */
  private journal: ((() => void) | [SheetState, number, FakeCell | undefined])[] | null = null;
  private touched = new Set<SheetState>();

  // ---- batches -------------------------------------------------------------------------------------

  begin(): void {
    this.journal = [];
    this.touched = new Set();
  }

  commit(): void {
    this.journal = null;
    this.emit('sync');
  }

  rollback(): void {
    const j = this.journal ?? [];
    this.journal = null;
    for (let i = j.length - 1; i >= 0; i--) {
      const e = j[i];
      if (typeof e === 'function') e();
      else this.rawPut(e[0], e[1], e[2]);
    }
    this.touched = new Set();
  }

  emit(source: FakeChange['source']): void {
    if (this.touched.size === 0) return;
    const sheets = [...this.touched].map((s) => s.name);
    this.touched = new Set();
    for (const l of this.listeners) l({ sheets, source });
  }

  private record(undo: () => void): void {
    this.journal?.push(undo);
  }

  /** Sets a field of an object, journaled. */
  setField<T extends object, K extends keyof T>(obj: T, key: K, value: T[K], sheet?: SheetState): void {
    const old = obj[key];
    if (old === value) return;
    obj[key] = value;
    if (sheet) this.touched.add(sheet);
    this.record(() => {
      obj[key] = old;
    });
  }

  /** Notes an operation that clears the undo history (API batches only; undone with a rolled-back batch). */
  private clearsUndo(op: UndoClearingOp['op'], sheet: SheetState, location: string): void {
    if (location.startsWith('FakeWorkbook.')) return;
    this.undoClearing.push({ op, sheet: sheet.name });
    this.record(() => void this.undoClearing.pop());
  }

  /** Sets a custom row height in points (undefined: back to the default), journaled. */
  setHeight(sheet: SheetState, row: number, points: number | undefined): void {
    const old = sheet.heights.get(row);
    if (old === points) return;
    if (points === undefined) sheet.heights.delete(row);
    else sheet.heights.set(row, points);
    this.touched.add(sheet);
    this.record(() => (old === undefined ? sheet.heights.delete(row) : sheet.heights.set(row, old)));
  }

  /** Sets a column width in points, journaled. */
  setWidth(sheet: SheetState, col: number, points: number): void {
    const old = sheet.widths.get(col);
    if (old === points) return;
    sheet.widths.set(col, points);
    this.touched.add(sheet);
    this.record(() => (old === undefined ? sheet.widths.delete(col) : sheet.widths.set(col, old)));
  }

  // ---- sheets --------------------------------------------------------------------------------------

  /**
   * The sheet of that name, case as Excel ignores it: "Office requires that sheet names are case-insensitive unique in
   * any locale" ([MS-OI29500] 2.1.578), Unicode case included (「表ⅲ」 is 「表Ⅲ」; sheet-names.ts). Adding or renaming
   * to a name taken in this sense is refused (ItemAlreadyExists), as in Excel.
   */
  sheetByName(name: string): SheetState | undefined {
    const n = excelNameKey(name);
    return this.sheets.find((s) => excelNameKey(s.name) === n);
  }

  sheetById(id: string): SheetState | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  hasSheet(sheet: SheetState): boolean {
    return this.sheets.includes(sheet);
  }

  visibleSheets(): SheetState[] {
    return this.sheets.filter((s) => s.visibility === 'Visible');
  }

  static validSheetName(name: string): boolean {
    return name.length > 0 && name.length <= 31 && !/[[\]:*?/\\]/.test(name) && !name.startsWith("'") && !name.endsWith("'");
  }

  assertStructure(location: string): void {
    if (this.structureProtected) throw fakeError('AccessDenied', location);
  }

  assertWritable(sheet: SheetState, location: string): void {
    if (sheet.protected) throw fakeError('AccessDenied', location);
  }

  addSheet(name: string | undefined, location = 'WorksheetCollection.add'): SheetState {
    this.assertStructure(location);
    let n = name;
    if (n === undefined || n === '') {
      let i = this.sheets.length + 1;
      while (this.sheetByName(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    if (!WorkbookState.validSheetName(n)) throw fakeError('InvalidArgument', location);
    if (this.sheetByName(n)) throw fakeError('ItemAlreadyExists', location);
    const sheet: SheetState = {
      id: `{sheet-${this.nextSheet++}}`, name: n, visibility: 'Visible', protected: false, tabColor: '',
      frozenRows: 0, frozenColumns: 0, showGridlines: true, cells: new Map(), widths: new Map(), merges: [], heights: new Map(),
      page: { ...DEFAULT_PAGE, zoom: { ...DEFAULT_PAGE.zoom }, rowBreaks: [] },
    };
    this.sheets.push(sheet);
    if (this.activeSheetId === null) this.activeSheetId = sheet.id;
    this.touched.add(sheet);
    this.record(() => {
      const i = this.sheets.indexOf(sheet);
      if (i >= 0) this.sheets.splice(i, 1);
      if (this.activeSheetId === sheet.id) this.activeSheetId = this.sheets[0]?.id ?? null;
    });
    return sheet;
  }

  deleteSheet(sheet: SheetState, location = 'Worksheet.delete'): void {
    this.assertStructure(location);
    const i = this.sheets.indexOf(sheet);
    if (i < 0) throw fakeError('ItemNotFound', location);
    if (sheet.visibility === 'Visible' && this.visibleSheets().length === 1) throw fakeError('InvalidOperation', location);
    // As in Excel (Worksheet.delete): a very hidden sheet must be made hidden or visible before it can be deleted.
    if (sheet.visibility === 'VeryHidden') throw fakeError('InvalidOperation', location);
    const wasActive = this.activeSheetId;
    const wasSelection = this.selection;
    const comments: [string, { sheet: SheetState; key: number }][] = [];
    for (const [id, at] of this.commentIndex) if (at.sheet === sheet) comments.push([id, at]);
    for (const [id] of comments) this.commentIndex.delete(id);
    this.sheets.splice(i, 1);
    if (this.activeSheetId === sheet.id) {
      const next = this.sheets.slice(i).find((s) => s.visibility === 'Visible') ?? [...this.sheets.slice(0, i)].reverse().find((s) => s.visibility === 'Visible');
      this.activeSheetId = next?.id ?? null;
    }
    if (this.selection?.sheetId === sheet.id) this.selection = null;
    this.touched.add(sheet);
    this.clearsUndo('delete', sheet, location);
    this.record(() => {
      this.sheets.splice(i, 0, sheet);
      for (const [id, at] of comments) this.commentIndex.set(id, at);
      this.activeSheetId = wasActive;
      this.selection = wasSelection;
    });
  }

  renameSheet(sheet: SheetState, name: string, location = 'Worksheet.name'): void {
    if (name === sheet.name) return;
    this.assertStructure(location);
    if (!WorkbookState.validSheetName(name)) throw fakeError('InvalidArgument', location);
    const other = this.sheetByName(name);
    if (other && other !== sheet) throw fakeError('ItemAlreadyExists', location);
    this.clearsUndo('rename', sheet, location);
    this.setField(sheet, 'name', name, sheet);
  }

  setVisibility(sheet: SheetState, v: SheetVisibility, location = 'Worksheet.visibility'): void {
    if (v === sheet.visibility) return;
    if (!['Visible', 'Hidden', 'VeryHidden'].includes(v)) throw fakeError('InvalidArgument', location);
    this.assertStructure(location);
    if (v !== 'Visible' && sheet.visibility === 'Visible' && this.visibleSheets().length === 1) throw fakeError('InvalidOperation', location);
    this.clearsUndo('visibility', sheet, location);
    this.setField(sheet, 'visibility', v, sheet);
    if (v !== 'Visible' && this.activeSheetId === sheet.id) {
      const next = this.visibleSheets()[0];
      this.setField(this, 'activeSheetId', next ? next.id : null);
    }
  }

  activate(sheet: SheetState, location = 'Worksheet.activate'): void {
    if (sheet.visibility !== 'Visible') throw fakeError('InvalidOperation', location);
    this.setField(this, 'activeSheetId', sheet.id);
  }

  // ---- cells ---------------------------------------------------------------------------------------

  getCell(sheet: SheetState, r: number, c: number): FakeCell | undefined {
    return sheet.cells.get(cellKey(r, c));
  }

  /** Replaces a cell (undefined = empty), keeping the comment index and the journal. */
  putCell(sheet: SheetState, key: number, cell: FakeCell | undefined): void {
    const old = sheet.cells.get(key);
    if (old === cell) return;
    this.rawPut(sheet, key, cell);
    this.touched.add(sheet);
    this.journal?.push([sheet, key, old]);
  }

  private rawPut(sheet: SheetState, key: number, cell: FakeCell | undefined): void {
    const old = sheet.cells.get(key);
    if (old?.comment) this.commentIndex.delete(old.comment.id);
    if (cell === undefined || isEmptyCell(cell)) sheet.cells.delete(key);
    else sheet.cells.set(key, cell);
    if (cell?.comment) this.commentIndex.set(cell.comment.id, { sheet, key });
  }

  /** Replaces fields of a cell; a field set to undefined goes back to Excel's default. */
  patchCell(sheet: SheetState, r: number, c: number, patch: Partial<Record<keyof FakeCell, unknown>>): void {
    const key = cellKey(r, c);
    const old = sheet.cells.get(key);
    const next: Record<string, unknown> = old ? { ...old } : {};
    for (const k in patch) next[k] = (patch as Record<string, unknown>)[k];
    this.putCell(sheet, key, next as FakeCell);
  }

  /** Applies `fn` to every cell of the rectangles of a writable sheet. */
  writeCells(sheet: SheetState, rects: readonly Rect[], location: string, fn: (old: FakeCell, r: number, c: number) => Partial<Record<keyof FakeCell, unknown>> | null): void {
    this.assertWritable(sheet, location);
    for (const rect of rects) {
      if (cellCount(rect) > 5_000_000) throw fakeError('InvalidArgument', location);
      for (let r = rect.r0; r <= rect.r1; r++)
        for (let c = rect.c0; c <= rect.c1; c++) {
          const patch = fn(sheet.cells.get(cellKey(r, c)) ?? EMPTY_CELL, r, c);
          if (patch) this.patchCell(sheet, r, c, patch);
        }
    }
  }

  /**
   * Merges areas as Excel does: the value (or formula) of each area's top-left cell stays, the other cells are
   * emptied. An area overlapping an existing merged area is refused (InvalidOperation).
   */
  mergeAreas(sheet: SheetState, rects: readonly Rect[], location: string): void {
    if (!rects.length) return;
    const existing = sheet.merges.map((m) => parseRef(m).rect);
    const overlaps = (a: Rect, b: Rect) => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
    if (rects.some((r, i) => existing.some((e) => overlaps(e, r)) || rects.some((o, j) => j !== i && overlaps(o, r)))) throw fakeError('InvalidOperation', location);
    for (const rect of rects)
      for (const [k, cell] of [...sheet.cells]) {
        const r = keyRow(k);
        const c = keyCol(k);
        if (r < rect.r0 || r > rect.r1 || c < rect.c0 || c > rect.c1 || (r === rect.r0 && c === rect.c0)) continue;
        if (cell.value !== undefined || cell.formula !== undefined) this.patchCell(sheet, r, c, { value: undefined, formula: undefined });
      }
    this.setField(sheet, 'merges', [...sheet.merges, ...rects.map(rectAddress)], sheet);
  }

  /** Unmerges every merged area that overlaps the rectangle. */
  unmergeOver(sheet: SheetState, rect: Rect): void {
    const kept = sheet.merges.filter((m) => {
      const a = parseRef(m).rect;
      return !(a.r0 <= rect.r1 && rect.r0 <= a.r1 && a.c0 <= rect.c1 && rect.c0 <= a.c1);
    });
    if (kept.length !== sheet.merges.length) this.setField(sheet, 'merges', kept, sheet);
  }

  newNote(content: string): NoteState {
    return { id: this.nextNote++, content, author: this.author };
  }

  newComment(content: string, options: FakeCommentOptions = {}): CommentState {
    const id = `{comment-${this.nextComment++}}`;
    return {
      id, content, author: options.author ?? this.author, resolved: options.resolved ?? false,
      replies: (options.replies ?? []).map((r, i) => ({ id: `${id}-reply-${i + 1}`, content: r.content, author: r.author })),
      mentions: (options.mentions ?? []).map((m, i) => ({ id: i, name: m.name, email: m.email })),
    };
  }

  commentById(id: string): { sheet: SheetState; key: number } | undefined {
    return this.commentIndex.get(id);
  }

  /**
   * The bounding box of the used cells: with a value or formula (valuesOnly), or with anything but a note; only
   * those inside `within` when given (Range.getUsedRange).
   */
  usedRect(sheet: SheetState, valuesOnly: boolean, within?: Rect): Rect | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    for (const [k, cell] of sheet.cells) {
      const used = valuesOnly
        ? (cell.value !== undefined && cell.value !== '') || cell.formula !== undefined
        : Object.entries(cell).some(([f, v]) => v !== undefined && f !== 'note' && f !== 'comment');
      if (!used) continue;
      const r = keyRow(k);
      const c = keyCol(k);
      if (within && (r < within.r0 || r > within.r1 || c < within.c0 || c > within.c1)) continue;
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
    }
    return r1 < 0 ? null : { r0, c0, r1, c1 };
  }

  /** Every note or comment in sheet order, then row, then column. */
  annotations(kind: 'note' | 'comment', only?: SheetState): { sheet: SheetState; key: number; cell: FakeCell }[] {
    const out: { sheet: SheetState; key: number; cell: FakeCell }[] = [];
    for (const sheet of only ? [only] : this.sheets) {
      const keys: number[] = [];
      for (const [k, cell] of sheet.cells) if (cell[kind]) keys.push(k);
      keys.sort((a, b) => a - b);
      for (const k of keys) out.push({ sheet, key: k, cell: sheet.cells.get(k)! });
    }
    return out;
  }
}

/** The value a =HYPERLINK("target","text") formula shows, and its target. */
export function hyperlinkFormula(formula: string): { target: string; text: string } | null {
  const m = /^=HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:,\s*"((?:[^"]|"")*)"\s*)?\)$/i.exec(formula.trim());
  if (!m) return null;
  const target = m[1].replace(/""/g, '"');
  return { target, text: m[2] !== undefined ? m[2].replace(/""/g, '"') : target };
}

const states = new WeakMap<FakeWorkbook, WorkbookState>();

/** The internal state of a FakeWorkbook (for the proxies; not part of the public API). */
export function stateOf(wb: FakeWorkbook): WorkbookState {
  return states.get(wb)!;
}

function viewOf(cell: FakeCell | undefined): FakeCellView {
  const c = cell ?? {};
  let link: string | null = null;
  if (c.hyperlink?.documentReference) link = c.hyperlink.documentReference;
  else if (c.formula) {
    const h = hyperlinkFormula(c.formula);
    if (h && h.target.startsWith('#')) link = h.target.slice(1);
  }
  const borders: Partial<Record<Edge, string>> = {};
  for (const [e, b] of Object.entries(c.borders ?? {})) if (b) borders[e as Edge] = b.style;
  return {
    value: c.value === undefined || c.value === '' ? null : c.value,
    formula: c.formula ?? null,
    numberFormat: c.numberFormat ?? 'General',
    fill: c.fill ?? null,
    fontColor: c.fontColor ?? null,
    bold: c.bold ?? false,
    italic: c.italic ?? false,
    fontSize: c.fontSize ?? null,
    fontName: c.fontName ?? null,
    wrap: c.wrap ?? false,
    horizontalAlignment: c.hAlign ?? null,
    borders,
    link,
    note: c.note?.content ?? null,
    comment: c.comment?.content ?? null,
  };
}

/**
 * An in-memory Excel workbook. Build one from grids, inspect it, and drive it through the fake
 * Office.js API (`installFakeOffice`). Setup helpers change it directly (no sync, no protection check).
 */
export class FakeWorkbook {
  constructor(options: { author?: string } = {}) {
    const s = new WorkbookState();
    if (options.author) s.author = options.author;
    states.set(this, s);
  }

  /** A workbook with one sheet per grid, values and number formats from the grid; the first sheet active. */
  static fromGrids(grids: readonly CellGrid[], options: { author?: string } = {}): FakeWorkbook {
    const wb = new FakeWorkbook(options);
    for (const g of grids) wb.addSheet(g.name, g);
    return wb;
  }

  private get s(): WorkbookState {
    return stateOf(this);
  }

  private sheet(name: string): SheetState {
    const sh = this.s.sheetByName(name);
    if (!sh) throw new Error(`FakeWorkbook: no sheet named ${name}`);
    return sh;
  }

  private rectOf(address: string): Rect {
    try {
      return parseRef(address).rect;
    } catch (e) {
      if (e instanceof AddressError) throw new Error(`FakeWorkbook: not an address: ${address}`);
      throw e;
    }
  }

  private setup(fn: () => void): void {
    fn();
    this.s.emit('setup');
  }

  // ---- statistics ----------------------------------------------------------------------------------

  /** Number of context.sync() calls so far (including Excel.run's final implicit sync). */
  get syncCount(): number {
    return this.s.syncCount;
  }

  /** Size in bytes (UTF-8 JSON) of the request of every sync so far, in order. */
  get requestSizes(): readonly number[] {
    return this.s.requestSizes;
  }

  /** Size in bytes of the response of every sync so far. */
  get responseSizes(): readonly number[] {
    return this.s.responseSizes;
  }

  resetStats(): void {
    this.s.syncCount = 0;
    this.s.requestSizes.length = 0;
    this.s.responseSizes.length = 0;
    this.s.actionCounts.length = 0;
    this.s.undoClearing.length = 0;
  }

  /**
   * The operations of the add-in's batches after which Excel can no longer undo (sheets deleted, renamed, hidden or
   * unhidden), in order since the workbook was made or resetStats.
   */
  get undoClearingOps(): readonly string[] {
    return this.s.undoClearing.map((o) => `${o.op} ${o.sheet}`);
  }

  /** Number of actions (one Instantiate action per proxy, one per load, set or method) of every sync so far. */
  get actionCounts(): readonly number[] {
    return this.s.actionCounts;
  }

  /**
   * Runs `hook` as each sync starts (with its number, as syncCount counts), before its batch runs: the
   * moment at which a user's edit between two syncs lands (e.g. `deleteSheet`). Returns a function that
   * removes the hook.
   */
  beforeSync(hook: (sync: number) => void): () => void {
    this.s.syncHooks.add(hook);
    return () => this.s.syncHooks.delete(hook);
  }

  /**
   * Makes sync number `sync` (as syncCount counts; resetStats restarts the count) fail with `code` once,
   * after `afterActions` of its actions have run (0: before any). What those actions did is rolled back,
   * unless the fake was installed with `partialBatches`.
   */
  failSync(sync: number, code: FakeErrorCode, afterActions = 0): void {
    this.s.faults.set(sync, { code, afterActions });
  }

  /**
   * The user starts editing a cell (types into it, or into the formula bar) and stays in edit mode until
   * endCellEdit. Meanwhile a batch fails with InvalidOperationInCellEditMode, or with Excel.run's
   * `delayForCellEdit` waits until the edit ends (Excel.RunOptions,
   * https://learn.microsoft.com/javascript/api/excel/excel.runoptions).
   */
  startCellEdit(): void {
    this.s.cellEdit = true;
  }

  endCellEdit(): void {
    this.s.cellEdit = false;
    for (const w of this.s.cellEditWaiters.splice(0)) w();
  }

  /** Another workbook window has the focus: every batch fails with InactiveWorkbook until setActive(true). */
  setActive(active: boolean): void {
    this.s.inactive = !active;
  }

  /** Called after every committed change; returns a function that stops listening. */
  onChange(listener: (e: FakeChange) => void): () => void {
    this.s.listeners.add(listener);
    return () => this.s.listeners.delete(listener);
  }

  // ---- inspection ----------------------------------------------------------------------------------

  /** Sheet names in tab order, hidden and very hidden sheets included. */
  sheetNames(): string[] {
    return this.s.sheets.map((s) => s.name);
  }

  sheetInfo(name: string): FakeSheetInfo | null {
    const sh = this.s.sheetByName(name);
    if (!sh) return null;
    const columnWidths: Record<string, number> = {};
    for (const [c, w] of [...sh.widths].sort((a, b) => a[0] - b[0])) columnWidths[rectAddress({ r0: 0, r1: 0, c0: c, c1: c }).replace(/\d+$/, '')] = w;
    return {
      name: sh.name, position: this.s.sheets.indexOf(sh), visibility: sh.visibility, protected: sh.protected, tabColor: sh.tabColor,
      frozenRows: sh.frozenRows, frozenColumns: sh.frozenColumns, columnWidths, merges: [...sh.merges],
      rowHeights: Object.fromEntries([...sh.heights].sort((a, b) => a[0] - b[0]).map(([r, h]) => [r + 1, h])),
      pageLayout: { ...sh.page, zoom: { ...sh.page.zoom }, rowBreaks: [...sh.page.rowBreaks] },
    };
  }

  cell(sheet: string, address: string): FakeCellView {
    const r = this.rectOf(address);
    return viewOf(this.s.getCell(this.sheet(sheet), r.r0, r.c0));
  }

  /** The sheet's values and number formats from A1 to the end of its used range (valuesOnly), as a grid. */
  grid(sheet: string): CellGrid {
    const sh = this.sheet(sheet);
    const used = this.s.usedRect(sh, true);
    const values: CellValue[][] = [];
    const numberFormats: (string | null)[][] = [];
    if (used)
      for (let r = 0; r <= used.r1; r++) {
        const v: CellValue[] = [];
        const f: (string | null)[] = [];
        for (let c = 0; c <= used.c1; c++) {
          const cell = this.s.getCell(sh, r, c);
          v.push(cell?.value === undefined || cell.value === '' ? null : cell.value);
          f.push(cell?.numberFormat ?? null);
        }
        values.push(v);
        numberFormats.push(f);
      }
    return { name: sh.name, values, numberFormats };
  }

  /** A1 address of the used range (valuesOnly by default), or null when the sheet is empty. */
  usedRange(sheet: string, valuesOnly = true): string | null {
    const r = this.s.usedRect(this.sheet(sheet), valuesOnly);
    return r ? rectAddress(r) : null;
  }

  notes(): { sheet: string; address: string; content: string; author: string }[] {
    return this.s.annotations('note').map(({ sheet, key, cell }) => ({
      sheet: sheet.name, address: a1(Math.floor(key / 16384), key % 16384), content: cell.note!.content, author: cell.note!.author,
    }));
  }

  comments(): { sheet: string; address: string; id: string; content: string; author: string; replies: { content: string; author: string }[]; mentions: string[] }[] {
    return this.s.annotations('comment').map(({ sheet, key, cell }) => ({
      sheet: sheet.name, address: a1(Math.floor(key / 16384), key % 16384), id: cell.comment!.id, content: cell.comment!.content, author: cell.comment!.author,
      replies: cell.comment!.replies.map((r) => ({ content: r.content, author: r.author })), mentions: cell.comment!.mentions.map((m) => m.name),
    }));
  }

  activeSheet(): string | null {
    return this.s.activeSheetId ? (this.s.sheetById(this.s.activeSheetId)?.name ?? null) : null;
  }

  /** The selected range as 'Sheet!A1', or null. */
  selection(): string | null {
    const sel = this.s.selection;
    const sh = sel ? this.s.sheetById(sel.sheetId) : undefined;
    return sel && sh ? qualified(sh.name, sel.rect) : null;
  }

  get structureProtected(): boolean {
    return this.s.structureProtected;
  }

  /** Document settings as last saved with saveAsync. */
  savedSettings(): Record<string, unknown> {
    return Object.fromEntries(this.s.savedSettings);
  }

  /**
   * Everything a user could see or that the add-in could change, as plain JSON (note and comment
   * identifiers left out): compare two snapshots to show that nothing changed.
   */
  snapshot(): FakeSnapshot {
    return {
      structureProtected: this.s.structureProtected,
      activeSheet: this.activeSheet(),
      sheets: this.s.sheets.map((sh) => {
        const cells: Record<string, Record<string, unknown>> = {};
        for (const k of [...sh.cells.keys()].sort((a, b) => a - b)) {
          const c = sh.cells.get(k)!;
          const plain: Record<string, unknown> = {};
          for (const [f, v] of Object.entries(c)) {
            if (v === undefined) continue;
            if (f === 'note') plain.note = { content: (v as NoteState).content, author: (v as NoteState).author };
            else if (f === 'comment') {
              const cm = v as CommentState;
              plain.comment = {
                content: cm.content, author: cm.author, resolved: cm.resolved,
                replies: cm.replies.map((r) => ({ content: r.content, author: r.author })), mentions: cm.mentions.map((m) => ({ name: m.name, email: m.email })),
              };
            }
            else plain[f] = JSON.parse(JSON.stringify(v));
          }
          cells[a1(keyRow(k), keyCol(k))] = plain;
        }
        const widths: Record<string, number> = {};
        for (const [c, w] of [...sh.widths].sort((a, b) => a[0] - b[0])) widths[String(c)] = w;
        const heights: Record<string, number> = {};
        for (const [r, h] of [...sh.heights].sort((a, b) => a[0] - b[0])) heights[String(r)] = h;
        return {
          name: sh.name, visibility: sh.visibility, protected: sh.protected, tabColor: sh.tabColor, frozenRows: sh.frozenRows,
          frozenColumns: sh.frozenColumns, widths, heights, page: { ...sh.page, zoom: { ...sh.page.zoom }, rowBreaks: [...sh.page.rowBreaks] }, cells,
        };
      }),
      settings: JSON.parse(JSON.stringify(Object.fromEntries(this.s.savedSettings))),
    };
  }

  // ---- setup ---------------------------------------------------------------------------------------

  /**
   * Adds a sheet at the end, filled from a grid (values from A1; numberFormats where given; its merged areas merged,
   * which keeps only the value of each area's top-left cell, as Excel does).
   */
  addSheet(name: string, grid?: CellGrid): void {
    this.setup(() => {
      const sh = this.s.addSheet(name, 'FakeWorkbook.addSheet');
      if (!grid) return;
      grid.values.forEach((row, r) =>
        row.forEach((v, c) => {
          const nf = grid.numberFormats?.[r]?.[c];
          const cell: Record<string, unknown> = {};
          if (v !== null && v !== undefined && v !== '') cell.value = v;
          if (nf && nf !== 'General') cell.numberFormat = nf;
          if (Object.keys(cell).length) sh.cells.set(cellKey(r, c), cell as FakeCell);
        }),
      );
      this.s.mergeAreas(sh, (grid.merges ?? []).map((m) => ({ r0: m.top, c0: m.left, r1: m.bottom, c1: m.right })), 'FakeWorkbook.addSheet');
    });
  }

  /** Merges a range as the user would (Home → Merge & Center): only the top-left cell's value stays. */
  merge(sheet: string, address: string): void {
    const rect = this.rectOf(address);
    this.setup(() => this.s.mergeAreas(this.sheet(sheet), [rect], 'FakeWorkbook.merge'));
  }

  setValue(sheet: string, address: string, value: CellValue): void {
    const r = this.rectOf(address);
    this.setup(() => this.s.patchCell(this.sheet(sheet), r.r0, r.c0, { value: value === null ? undefined : value, formula: undefined }));
  }

  /** A formula the user typed, with the value Excel calculated for it (the fake does not calculate). */
  setFormula(sheet: string, address: string, formula: string, value: CellValue): void {
    const r = this.rectOf(address);
    if (!formula.startsWith('=')) throw new Error(`FakeWorkbook: not a formula: ${formula}`);
    this.setup(() => this.s.patchCell(this.sheet(sheet), r.r0, r.c0, { value: value === null ? undefined : value, formula }));
  }

  setNumberFormat(sheet: string, address: string, format: string | null): void {
    const r = this.rectOf(address);
    this.setup(() => this.s.patchCell(this.sheet(sheet), r.r0, r.c0, { numberFormat: format ?? undefined }));
  }

  /**
   * The fill of every cell of the address: a colour, with a tint ("Blue, Accent 1, Lighter 60%" is a colour with
   * tintAndShade 0.6) and a pattern as given; null removes the fill.
   */
  setFill(sheet: string, address: string, color: string | null, look: { tint?: number; pattern?: string; patternColor?: string; patternTint?: number } = {}): void {
    const rect = this.rectOf(address);
    const sh = this.sheet(sheet);
    const patch =
      color === null
        ? { fill: undefined, fillTint: undefined, fillPattern: undefined, fillPatternColor: undefined, fillPatternTint: undefined }
        : {
            fill: normaliseColor(color), fillTint: look.tint || undefined, fillPattern: look.pattern && look.pattern !== 'Solid' ? look.pattern : undefined,
            fillPatternColor: look.patternColor ? normaliseColor(look.patternColor) : undefined, fillPatternTint: look.patternTint || undefined,
          };
    this.setup(() => {
      for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) this.s.patchCell(sh, r, c, patch);
    });
  }

  setFontColor(sheet: string, address: string, color: string | null): void {
    const r = this.rectOf(address);
    this.setup(() => this.s.patchCell(this.sheet(sheet), r.r0, r.c0, { fontColor: color === null ? undefined : normaliseColor(color) }));
  }

  /** A note (legacy comment) on one cell; null removes it. */
  setNote(sheet: string, address: string, text: string | null): void {
    const r = this.rectOf(address);
    this.setup(() => this.s.patchCell(this.sheet(sheet), r.r0, r.c0, { note: text === null ? undefined : this.s.newNote(text) }));
  }

  /**
   * A threaded comment on one cell (by the workbook's author unless `options.author`, with replies and @mentions
   * as given); null removes it. Excel keeps one note or one comment per cell, which this setup helper does not check.
   */
  setComment(sheet: string, address: string, text: string | null, options: FakeCommentOptions = {}): void {
    const r = this.rectOf(address);
    this.setup(() => this.s.patchCell(this.sheet(sheet), r.r0, r.c0, { comment: text === null ? undefined : this.s.newComment(text, options) }));
  }

  /**
   * Deletes a sheet as the user (or a macro, for a very hidden sheet) would: no structure protection
   * check, hidden sheets included. Use it from `beforeSync` to delete a sheet while the add-in works.
   */
  deleteSheet(sheet: string): void {
    this.setup(() => {
      const sh = this.sheet(sheet);
      const was = this.s.structureProtected;
      this.s.structureProtected = false;
      try {
        if (sh.visibility === 'VeryHidden') sh.visibility = 'Hidden';
        this.s.deleteSheet(sh, 'FakeWorkbook.deleteSheet');
      } finally {
        this.s.structureProtected = was;
      }
    });
  }

  setSheetProtected(sheet: string, on = true): void {
    this.setup(() => this.s.setField(this.sheet(sheet), 'protected', on, this.sheet(sheet)));
  }

  setStructureProtected(on = true): void {
    this.s.structureProtected = on;
  }

  setVisibility(sheet: string, visibility: SheetVisibility): void {
    this.setup(() => this.s.setField(this.sheet(sheet), 'visibility', visibility, this.sheet(sheet)));
  }

  setActiveSheet(sheet: string): void {
    this.s.activeSheetId = this.sheet(sheet).id;
  }
}
