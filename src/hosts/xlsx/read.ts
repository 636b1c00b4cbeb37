/**
 * Our own .xlsx reader for the read path (command line, browser preview, tests): the file's bytes →
 * one CellGrid per worksheet, in the workbook's tab order. Pure TypeScript, no node imports: inflate is
 * injected (node: zlib, src/hosts/xlsx/node-zlib.ts; the page: DecompressionStream, browser-inflate.ts).
 *
 * The API is async (`readXlsx(bytes, inflate, name)`) because the browser's inflate is; node's
 * inflater yields small parts in one synchronous piece and streams only large ones, so there is no
 * separate sync path. Every part is inflated in chunks and scanned as it comes (src/hosts/xlsx/xml.ts):
 * no sheet is ever one giant string, and empty cells (formatted or not) are never stored.
 *
 * What a cell reads as (the same as the former exceljs reader, `gridsOf` in src/hosts/exceljs/read.ts, except
 * where that was wrong; each difference is named in tests/hosts/xlsx/read-equivalence.test.ts):
 * - a formula: its cached value, whatever it is (0, FALSE and "" included); without a cached value the
 *   text `=FORMULA`, or `=（共享公式）` for a cell of a shared formula that carries no formula text;
 * - numbers as numbers; a date is its serial (days since 1899-12-30), a 1904-system workbook's date
 *   serials shifted by 1462 days to that system; `t="d"` ISO dates as serials;
 * - shared, inline and rich strings as their text, runs joined, phonetic runs (rPh) left out, Excel's
 *   `_xHHHH_` escapes decoded (U+000B stays a U+000B: never change what the user wrote);
 * - booleans as booleans, error values as their text ("#N/A");
 * - a hyperlinked cell as its text; a merged area's value in its top-left cell only.
 * Number formats are per cell, built-in ids (14, 31 …) as their format code.
 *
 * Where the exceljs reader was wrong and this one differs (tests/hosts/xlsx/read.test.ts shows each):
 * a saved formula result 0, FALSE or "" (exceljs: the formula text); a shared-formula cell whose master it
 * had not seen (exceljs: null); a hyperlinked rich-text cell (exceljs: "[object Object]"); the East Asian
 * built-in formats 27–36 and 50–58 (exceljs: none, so 2024年3月15日 read as a plain number); `t="d"` ISO
 * dates (exceljs: 2024); cells and rows without `r`; `_xHHHH_` in inline strings (exceljs left it) and
 * phonetic runs in them (exceljs lost the cell and the rest of its row); a cached string result decoded
 * once (exceljs decoded entities twice); a boolean saved as "FALSE" (exceljs: true); a number cell that
 * holds no number (exceljs: NaN; here its text); date-times (exceljs rounded them to the millisecond);
 * stray content far outside the data (exceljs read it all); files with notes, tables or charts as
 * openpyxl writes them (exceljs refused them as damaged).
 *
 * Stray content (issue 11, 9b): a mark far to the right of or below the data (a ✓ in column XFD on every
 * row, a value in row 300 000) would make the grid millions of cells wide or long. Rule: the kept
 * columns run from column A to the last column with content before a gap of more than 64 empty columns
 * (counting from column A too: a sheet whose only content is in column XFD keeps nothing); the kept rows,
 * counting only cells in kept columns, run from row 1 to the last row with content before a gap of more
 * than 10 000 empty rows. Everything past either gap is left out of `values` and counted in
 * `grid.stray` (its first cell in reading order, and how many cells).
 * `hiddenColumns` lists hidden columns within the kept columns only (a "hide columns AA:XFD" is common).
 */
import { a1, cellKey, isDateFormat, type CellGrid, type CellValue, type GridRange } from '../../template/grid';
import type { Fatal } from '../../template/issues';
import { listZip, looksLikeZip, ZipError, type ZipEntry } from './zip';
import { attrOf, attrsOf, decodeXml, decodeXstring, XmlScanner, type XmlSink } from './xml';

/** Inflates a raw-deflate entry in chunks, in order (node: zlib; the page: DecompressionStream). */
export type ChunkedInflate = (raw: Uint8Array, size: number) => AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** A file that cannot be read as a workbook; `fatal` says what it is, in Chinese. */
export class ReadFailure extends Error {
  constructor(readonly fatal: Fatal) {
    super(fatal.message);
    this.name = 'ReadFailure';
  }
}

/** Columns and rows of empty space after which content counts as stray (see the file comment). */
export const STRAY_COLUMN_GAP = 64;
export const STRAY_ROW_GAP = 10_000;

const MAX_COLS = 16384;

// ---------------------------------------------------------------------------------------------------------
// What a file is when it is not a workbook

const GENERIC = (name: string) => `无法以 Excel 工作簿（.xlsx）打开「${name}」：文件已损坏，或不是 .xlsx 格式（.xls 或 .et 请先另存为 .xlsx）`;

export const fatalOf = {
  generic: (name: string): Fatal => ({ code: 'not-xlsx', message: GENERIC(name) }),
  damaged: (name: string): Fatal => ({
    code: 'not-xlsx',
    message: `无法以 Excel 工作簿（.xlsx）打开「${name}」：文件已损坏（内容不完整或有误，可能没有下载或复制完整）。请重新获取或从备份恢复该文件，或在 Excel 中打开并修复后另存为 .xlsx 再试`,
  }),
  empty: (name: string): Fatal => ({
    code: 'not-xlsx',
    message: `「${name}」是空文件（0 字节），不是 Excel 工作簿：可能没有保存完，或没有下载或复制完整。请重新获取该文件，或在 Excel 中重新保存后再试`,
  }),
  encrypted: (name: string): Fatal => ({
    code: 'file-encrypted',
    message: `「${name}」设有打开密码（文件已加密），无法读取。请在 Excel 中用密码打开它，在「文件 → 信息 → 保护工作簿 → 用密码进行加密」中清空密码并确定，保存后再试`,
  }),
  oldXls: (name: string): Fatal => ({
    code: 'file-old-format',
    message: `「${name}」是旧版 Excel 97-2003（.xls）或 WPS（.et）格式的工作簿，不是 .xlsx。请在 Excel 或 WPS 中打开它，另存为「Excel 工作簿（*.xlsx）」后再试`,
  }),
  htmlXls: (name: string): Fatal => ({
    code: 'file-old-format',
    message: `「${name}」是网页（HTML）或 XML 格式的表格（常见于系统导出的 .xls），不是 .xlsx。请在 Excel 或 WPS 中打开它，另存为「Excel 工作簿（*.xlsx）」后再试`,
  }),
  xlsb: (name: string): Fatal => ({
    code: 'file-old-format',
    message: `「${name}」是 Excel 二进制工作簿（.xlsb），不是 .xlsx。请在 Excel 中打开它，另存为「Excel 工作簿（*.xlsx）」后再试`,
  }),
  ods: (name: string): Fatal => ({
    code: 'file-ods',
    message: `「${name}」是 OpenDocument 电子表格（.ods，LibreOffice 或 WPS 等保存），不是 .xlsx。请打开它，另存为「Excel 工作簿（*.xlsx）」后再试`,
  }),
  archive: (name: string, inner: string[]): Fatal => ({
    code: 'file-archive',
    message: inner.length
      ? `「${name}」是一个压缩包，里面有 ${inner.slice(0, 3).map((n) => `「${n}」`).join('、')}${inner.length > 3 ? ` 等 ${inner.length} 个文件` : ''}，不是工作簿本身。请先解压，再选择其中的 .xlsx 文件`
      : `「${name}」是一个压缩包（zip），不是 Excel 工作簿。请先解压，再选择其中的 .xlsx 文件`,
  }),
  notExcel: (name: string, kind: string): Fatal => ({
    code: 'file-not-excel',
    message: `「${name}」是${kind}，不是 Excel 工作簿（可能只是改了扩展名）。请选择用 Excel 或 WPS 表格保存的 .xlsx 文件`,
  }),
};

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(b: Uint8Array, sig: readonly number[]): boolean {
  return b.length >= sig.length && sig.every((x, i) => b[i] === x);
}

/** Whether a UTF-16LE name occurs in the bytes (a CFB directory stores stream names so). */
function hasUtf16(b: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  outer: for (let i = 0; i + text.length * 2 <= b.length; i++) {
    if (b[i] !== first || b[i + 1] !== 0) continue;
    for (let k = 1; k < text.length; k++) if (b[i + 2 * k] !== text.charCodeAt(k) || b[i + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

/** A file that is not a ZIP: an OLE compound file (encrypted OOXML or .xls/.et), an HTML/XML table, or other. */
function notZipFatal(b: Uint8Array, name: string): Fatal {
  if (b.length === 0) return fatalOf.empty(name);
  if (startsWith(b, CFB_MAGIC)) {
    // An encrypted .xlsx is a compound file holding the streams EncryptionInfo and EncryptedPackage.
    if (hasUtf16(b, 'EncryptedPackage') && hasUtf16(b, 'EncryptionInfo')) return fatalOf.encrypted(name);
    return fatalOf.oldXls(name);
  }
  const head = new TextDecoder('utf-8').decode(b.subarray(0, 2048)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<') && /<html|<table|urn:schemas-microsoft-com:office:spreadsheet|<workbook/.test(head)) return fatalOf.htmlXls(name);
  return fatalOf.generic(name);
}

const SPREADSHEET_FILE = /\.(xlsx|xlsm|xls|et|ods|csv)$/i;

/** A ZIP with no workbook part: say what it is. */
function notWorkbookFatal(entries: ZipEntry[], names: Map<string, ZipEntry>, name: string, text: (e: ZipEntry) => Promise<string>): Promise<Fatal> {
  return (async () => {
    const mimetype = names.get('mimetype');
    if (mimetype) {
      const m = (await text(mimetype)).trim();
      if (m === 'application/vnd.oasis.opendocument.spreadsheet') return fatalOf.ods(name);
      if (m.startsWith('application/vnd.oasis.opendocument.text')) return fatalOf.notExcel(name, 'OpenDocument 文本文档（.odt）');
      if (m.startsWith('application/vnd.oasis.opendocument.presentation')) return fatalOf.notExcel(name, 'OpenDocument 演示文稿（.odp）');
    }
    if (names.has('word/document.xml')) return fatalOf.notExcel(name, ' Word 文档');
    if (names.has('ppt/presentation.xml')) return fatalOf.notExcel(name, ' PowerPoint 演示文稿');
    if (names.has('xl/workbook.bin')) return fatalOf.xlsb(name);
    if (names.has('[content_types].xml')) return fatalOf.damaged(name);
    const inner = entries.map((e) => e.name.split('/').pop() ?? e.name).filter((n) => SPREADSHEET_FILE.test(n));
    return fatalOf.archive(name, inner);
  })();
}

// ---------------------------------------------------------------------------------------------------------
// Parts

/** Built-in number formats by id (ECMA-376 §18.8.30, with the zh-CN codes for the East Asian ids). */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午 h"时"mm"分"',
  35: '上午/下午 h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午 h"时"mm"分"',
  56: '上午/下午 h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

interface Rel {
  type: string;
  target: string;
}

/** Resolves a relationship target against the folder of its source part; "/xl/…" is from the root. */
function resolveTarget(sourcePart: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  const base = t.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** Parts are UTF-8; a part saved as UTF-16 (allowed by XML, written by a few old tools) starts with its BOM. */
function encodingOf(first: Uint8Array): string {
  return first[0] === 0xff && first[1] === 0xfe ? 'utf-16le' : first[0] === 0xfe && first[1] === 0xff ? 'utf-16be' : 'utf-8';
}

/** Decoded text of a run of raw chunks, scanned as they come. */
async function scan(entry: ZipEntry, inflate: ChunkedInflate, sink: XmlSink & { scanner?: XmlScanner }): Promise<void> {
  const scanner = new XmlScanner(sink);
  sink.scanner = scanner;
  let decoder: TextDecoder | null = null;
  let total = 0;
  const feed = (chunk: Uint8Array) => {
    if (!decoder) {
      if (chunk.length === 0) return;
      decoder = new TextDecoder(encodingOf(chunk));
    }
    total += chunk.length;
    scanner.feed(decoder.decode(chunk, { stream: true }));
  };
  // A part that is at hand in one piece (stored, or inflated whole: node, up to 32 MB) is decoded in one
  // call: TextDecoder's streaming mode costs about three times as much on a part of megabytes.
  const whole = (part: Uint8Array) => {
    if (part.length === 0) return;
    decoder = new TextDecoder(encodingOf(part));
    total += part.length;
    scanner.feed(decoder.decode(part));
  };
  if (entry.method === 0) whole(entry.raw);
  else if (entry.method === 8) {
    try {
      const chunks = inflate(entry.raw, entry.size);
      if (Array.isArray(chunks) && chunks.length === 1) whole(chunks[0] as Uint8Array);
      else for await (const chunk of chunks) feed(chunk);
    } catch (e) {
      if (e instanceof ReadFailure) throw e;
      throw new ZipError('corrupt', `cannot inflate ${entry.name}`);
    }
  } else throw new ZipError('method', `compression method ${entry.method} of ${entry.name}`);
  if (decoder) scanner.feed((decoder as TextDecoder).decode());
  if (total !== entry.size) throw new ZipError('corrupt', `size of ${entry.name}`);
}

class RelsSink implements XmlSink {
  rels = new Map<string, Rel>();
  open(name: string, attrs: string): void {
    if (name !== 'Relationship') return;
    const a = attrsOf(attrs);
    if (a.TargetMode === 'External' || !a.Id || !a.Target) return;
    this.rels.set(a.Id, { type: a.Type ?? '', target: a.Target });
  }
  close(): void {}
  text(): void {}
}

interface SheetRef {
  name: string;
  rid: string;
  state?: string;
}

class WorkbookSink implements XmlSink {
  sheets: SheetRef[] = [];
  date1904 = false;
  /** Whether the part is a workbook at all (a Word document's main part is not). */
  isWorkbook = false;
  open(name: string, attrs: string): void {
    if (name === 'workbook') this.isWorkbook = true;
    else if (name === 'workbookPr') {
      const v = attrOf(attrs, 'date1904');
      this.date1904 = v === '1' || v === 'true';
    } else if (name === 'sheet') {
      const a = attrsOf(attrs);
      const idKey = Object.keys(a).find((k) => /(^|:)id$/.test(k));
      this.sheets.push({ name: a.name ?? '', rid: idKey ? a[idKey] : '', state: a.state });
    }
  }
  close(): void {}
  text(): void {}
}

class StylesSink implements XmlSink {
  custom = new Map<number, string>();
  xfs: number[] = [];
  private inNumFmts = false;
  private inCellXfs = false;
  open(name: string, attrs: string, selfClosing: boolean): void {
    if (name === 'numFmts') this.inNumFmts = !selfClosing;
    else if (name === 'cellXfs') this.inCellXfs = !selfClosing;
    else if (name === 'numFmt' && this.inNumFmts) {
      const a = attrsOf(attrs);
      if (a.numFmtId !== undefined && a.formatCode !== undefined) this.custom.set(Number(a.numFmtId), a.formatCode);
    } else if (name === 'xf' && this.inCellXfs) this.xfs.push(Number(attrOf(attrs, 'numFmtId') ?? 0) || 0);
  }
  close(name: string): void {
    if (name === 'numFmts') this.inNumFmts = false;
    else if (name === 'cellXfs') this.inCellXfs = false;
  }
  text(): void {}

  /**
   * The number format of each cell style index; null for General (id 0) and for style 0, the workbook's
   * default style (LibreOffice gives it a custom "General"), as the exceljs reader gave none.
   */
  formats(): (string | null)[] {
    return this.xfs.map((id, i) => (id && i ? (this.custom.get(id) ?? BUILTIN_FORMATS[id] ?? null) : null));
  }
}

/** Shared strings: each <si>'s text, runs joined, phonetic runs left out. */
class SharedStringsSink implements XmlSink {
  scanner?: XmlScanner;
  strings: string[] = [];
  private cur: string[] = [];
  private inSi = false;
  private rph = 0;
  /** The root element was opened and closed (see SheetSink.whole). */
  private rootOpened = false;
  private rootClosed = false;
  get whole(): boolean {
    return this.rootOpened && this.rootClosed;
  }
  open(name: string, _attrs: string, selfClosing: boolean): void {
    if (name === 'sst') {
      this.rootOpened = true;
      this.rootClosed = selfClosing;
    } else if (name === 'si') {
      this.inSi = true;
      this.cur = [];
    } else if (name === 'rPh') {
      if (!selfClosing) this.rph++;
    } else if (name === 't' && this.inSi && this.rph === 0 && !selfClosing) this.scanner!.capture = true;
  }
  close(name: string): void {
    if (name === 't') this.scanner!.capture = false;
    else if (name === 'rPh') this.rph = Math.max(0, this.rph - 1);
    else if (name === 'sst') this.rootClosed = true;
    else if (name === 'si') {
      this.inSi = false;
      const raw = this.cur.length === 1 ? this.cur[0] : this.cur.join('');
      this.strings.push(decodeXstring(decodeXml(raw)));
    }
  }
  text(raw: string): void {
    this.cur.push(raw);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Worksheets

/** Growable parallel arrays of the non-empty cells of a sheet, in file order. */
class Cells {
  n = 0;
  rows: Int32Array;
  cols: Int32Array;
  styles: Int32Array;
  values: CellValue[] = [];
  /** `expected`: about how many cells the part holds; the arrays start at that size (at most 2^20) instead of doubling up to it. */
  constructor(expected: number) {
    const size = Math.max(1024, Math.min(expected, 1 << 20));
    this.rows = new Int32Array(size);
    this.cols = new Int32Array(size);
    this.styles = new Int32Array(size);
  }
  push(row: number, col: number, style: number, value: CellValue): void {
    if (this.n === this.rows.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.rows = grow(this.rows);
      this.cols = grow(this.cols);
      this.styles = grow(this.styles);
    }
    this.rows[this.n] = row;
    this.cols[this.n] = col;
    this.styles[this.n] = style;
    this.values.push(value);
    this.n++;
  }
}

/** The last kept column: up to the first gap of more than STRAY_COLUMN_GAP empty columns. */
function keptColumnEnd(cells: Cells): number {
  const { n, cols } = cells;
  const used = new Uint8Array(MAX_COLS);
  for (let i = 0; i < n; i++) used[Math.min(cols[i], MAX_COLS - 1)] = 1;
  let lastCol = -1;
  for (let c = 0; c < MAX_COLS; c++) {
    if (!used[c]) continue;
    if (c - lastCol - 1 > STRAY_COLUMN_GAP) break;
    lastCol = c;
  }
  return lastCol;
}

/** The last kept row: among cells in kept columns, up to the first gap of more than STRAY_ROW_GAP empty rows. */
function keptRowEnd(cells: Cells, lastCol: number): number {
  const { n, rows, cols } = cells;
  let k = 0;
  const keptRows = new Int32Array(n);
  for (let i = 0; i < n; i++) if (cols[i] <= lastCol) keptRows[k++] = rows[i];
  // Rows come in order in nearly every file: sort only when they do not.
  let inOrder = true;
  for (let i = 1; i < k && inOrder; i++) if (keptRows[i] < keptRows[i - 1]) inOrder = false;
  const sorted = inOrder ? keptRows.subarray(0, k) : keptRows.subarray(0, k).sort();
  let lastRow = -1;
  for (let i = 0; i < k; i++) {
    const r = sorted[i];
    if (r - lastRow - 1 > STRAY_ROW_GAP) break;
    lastRow = r;
  }
  return lastRow;
}

/** The kept cells as rows of values and of number formats; the cells beyond, counted with the first of them. */
function placeCells(
  cells: Cells,
  formats: readonly (string | null)[],
  lastRow: number,
  lastCol: number,
): { values: CellValue[][]; numberFormats: (string | null)[][]; stray: CellGrid['stray'] } {
  const { n, rows, cols, styles, values: vals } = cells;
  const values: CellValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  for (let r = 0; r <= lastRow; r++) {
    values.push([]);
    numberFormats.push([]);
  }
  let strayCount = 0;
  let strayRow = -1;
  let strayCol = -1;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const c = cols[i];
    if (c > lastCol || r > lastRow) {
      strayCount++;
      if (strayRow < 0 || r < strayRow || (r === strayRow && c < strayCol)) [strayRow, strayCol] = [r, c];
      continue;
    }
    const row = values[r];
    // Cells come left to right in nearly every file: appended, with nulls for the empty cells before them,
    // so that rows stay dense arrays (a hole would make V8 keep them as slower holey arrays).
    if (c >= row.length) {
      while (row.length < c) row.push(null);
      row.push(vals[i]);
    } else row[c] = vals[i];
    // A row's number formats end at its last cell that has one (most cells have none).
    const format = formats[styles[i]] ?? null;
    const fmt = numberFormats[r];
    if (c < fmt.length) fmt[c] = format;
    else if (format !== null) {
      while (fmt.length < c) fmt.push(null);
      fmt.push(format);
    }
  }
  return { values, numberFormats, stray: strayCount ? { cell: a1(strayRow, strayCol), count: strayCount } : undefined };
}

const TEXT_NONE = 0;
const TEXT_V = 1;
const TEXT_F = 2;
const TEXT_T = 3;

/** Column letters then row digits of an A1 reference ("AB12" → col 27, row 11); -1 where absent. */
function parseRef(ref: string): { col: number; row: number } {
  let i = 0;
  let col = 0;
  const n = ref.length;
  for (; i < n; i++) {
    let c = ref.charCodeAt(i);
    if (c === 36 /* $ */) continue;
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  let row = 0;
  let digits = false;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c === 36) continue;
    if (c < 48 || c > 57) break;
    row = row * 10 + (c - 48);
    digits = true;
  }
  return { col: col - 1, row: digits ? row - 1 : -1 };
}

function parseRange(ref: string): GridRange | null {
  const [a, b] = ref.split(':');
  const p = parseRef(a);
  const q = b ? parseRef(b) : p;
  if (p.col < 0 || p.row < 0 || q.col < 0 || q.row < 0) return null;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

/** An ISO 8601 date-time (a `t="d"` cell) as a serial; null when it is not one. */
function isoSerial(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(text.trim());
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0)) + Math.round(+(m[6] ?? 0) * 1000);
  return ms / 86400000 + 25569;
}

/** Whether `</v></c>` is at s[i] (the caller has checked that 8 characters remain). */
function closesValueAndCell(s: string, i: number): boolean {
  return (
    s.charCodeAt(i) === 60 && s.charCodeAt(i + 1) === 47 && s.charCodeAt(i + 2) === 118 && s.charCodeAt(i + 3) === 62 &&
    s.charCodeAt(i + 4) === 60 && s.charCodeAt(i + 5) === 47 && s.charCodeAt(i + 6) === 99 && s.charCodeAt(i + 7) === 62
  );
}

/** Exact powers of ten (10^0 … 10^22 are exact doubles). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The number written in s[from, to) when it is plain decimal digits with at most one point and a leading
 * minus ("12", "-3", "7.25"), at most 15 digits: exactly what parseFloat gives (an integer below 2^53 divided
 * by an exact power of ten is correctly rounded, as parseFloat is); NaN for anything else ("1E-3", "", " 1").
 * Negative zero stays negative zero, as parseFloat("-0") is.
 */
export function plainNumber(s: string, from: number, to: number): number {
  let i = from;
  const negative = i < to && s.charCodeAt(i) === 45; /* - */
  if (negative) i++;
  let m = 0;
  let digits = 0;
  let point = -1;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
    } else if (c === 46 /* . */ && point < 0) point = i;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const v = point < 0 ? m : m / POW10[to - point - 1];
  return negative ? -v : v;
}

/** A shared-string index written as 1–9 plain digits; -1 for anything else. */
function plainIndex(s: string, from: number, to: number): number {
  if (to <= from || to - from > 9) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** The r, s and t attributes of the <c> being read, parsed in one pass (the hottest tag of a sheet). */
const CELL = { r: '', s: '', t: '' };
function cellAttrs(raw: string): void {
  CELL.r = CELL.s = CELL.t = '';
  const n = raw.length;
  let i = 0;
  while (i < n) {
    const eq = raw.indexOf('=', i);
    if (eq < 0) return;
    let k = eq + 1;
    while (k < n && raw.charCodeAt(k) <= 32) k++;
    const quote = raw.charCodeAt(k);
    if (quote !== 34 && quote !== 39) return;
    const end = raw.indexOf(quote === 34 ? '"' : "'", k + 1);
    if (end < 0) return;
    const name = raw.slice(i, eq).trim();
    if (name.length === 1) {
      const v = raw.slice(k + 1, end);
      const value = v.indexOf('&') < 0 ? v : decodeXml(v, true);
      if (name === 'r') CELL.r = value;
      else if (name === 's') CELL.s = value;
      else if (name === 't') CELL.t = value;
    }
    i = end + 1;
  }
}

/** The attribute `attrAt` found: where its name starts and how long it is (0 at the tag's end), and its value's span. */
const ATTR = { name: 0, nameLength: 0, vs: 0, ve: 0 };

/**
 * The next attribute of a tag read by the fast path, from s[i] on: single spaces, then `name="value"` with a
 * value that holds no space, `=`, `'` or `&` (an entity or a quote-like form is left to the scanner, whose
 * attribute reading then gives the same values). Fills ATTR and returns the position past the closing quote;
 * at the tag's end (`>` or `/`) sets ATTR.nameLength to 0 and returns that position; -1 for anything else.
 */
function attrAt(s: string, i: number, n: number): number {
  while (i < n && s.charCodeAt(i) === 32) i++;
  if (i >= n) return -1;
  const ch = s.charCodeAt(i);
  if (ch === 62 /* > */ || ch === 47 /* / */) {
    ATTR.nameLength = 0;
    return i;
  }
  const nameStart = i;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 61 || c <= 32 || c === 62 || c === 47) break;
    i++;
  }
  if (i + 1 >= n || s.charCodeAt(i) !== 61 /* = */ || s.charCodeAt(i + 1) !== 34 /* " */) return -1;
  const vs = i + 2;
  // Attribute values are short: a loop beats a call to indexOf here.
  let ve = vs;
  for (; ve < n; ve++) {
    const c = s.charCodeAt(ve);
    if (c === 34) break;
    if (c === 32 || c === 61 || c === 39 || c === 38) return -1;
  }
  if (ve >= n) return -1;
  ATTR.name = nameStart;
  ATTR.nameLength = i - nameStart;
  ATTR.vs = vs;
  ATTR.ve = ve;
  return ve + 1;
}

class SheetSink implements XmlSink {
  scanner?: XmlScanner;
  readonly cells: Cells;
  readonly merges: GridRange[] = [];
  readonly hiddenCols: [number, number][] = [];
  /** The cells holding a formula (cellKey). */
  readonly formulaCells: number[] = [];
  private inSheetData = false;
  private row = -1;
  private col = -1;
  // the cell being read
  private cRow = 0;
  private cCol = 0;
  private cStyle = 0;
  private cType = '';
  private hasV = false;
  private vText = '';
  private hasF = false;
  private fText = '';
  private fType = '';
  private inIs = false;
  private hasIs = false;
  private rph = 0;
  private tText = '';
  private target = TEXT_NONE;
  /** The part's root element was opened and closed: a part cut short or not XML at all is a damaged file. */
  private rootOpened = false;
  private rootClosed = false;

  /** `partSize`: the sheet part's size in bytes; a usual cell takes some 20 of them (`<c r="D12" s="3"><v>9</v></c>`). */
  constructor(
    private readonly sst: readonly string[],
    private readonly formats: readonly (string | null)[],
    private readonly dateStyles: readonly boolean[],
    private readonly date1904: boolean,
    partSize: number,
  ) {
    this.cells = new Cells(Math.ceil(partSize / 16));
  }

  /** `<c`: most cells of a sheet take the fast path below. */
  readonly fastTag = 99;

  /**
   * From a `<c` on, the cells and row tags that follow one another directly, read straight from the text
   * without the scanner's strings per tag and without going back to the scanner between them: cells as
   * `cellAt` reads them, `</row>`, and `<row …>` as `rowAt` reads it. It stops at the first thing it does
   * not read itself (another element, text between tags, a cell or a tag of an unusual form, the end of the
   * chunk) and returns where: the scanner reads on from there, so both ways give the same cells
   * (tests/hosts/xlsx/read.test.ts and read-fast.test.ts, the fast path and the slow one side by side).
   */
  fast(s: string, lt: number, n: number): number {
    if (!this.inSheetData) return -1;
    let p = lt;
    for (;;) {
      const c1 = s.charCodeAt(p + 1);
      const e =
        c1 === 99 /* c */ ? this.cellAt(s, p, n)
        : c1 === 114 /* r */ ? this.rowAt(s, p, n)
        : c1 === 47 /* / */ && p + 5 < n && s.charCodeAt(p + 2) === 114 && s.charCodeAt(p + 3) === 111 && s.charCodeAt(p + 4) === 119 && s.charCodeAt(p + 5) === 62 ? p + 6 // </row>: nothing to do
        : -1;
      if (e < 0) return p === lt ? -1 : p;
      p = e;
      if (p >= n || s.charCodeAt(p) !== 60 /* < */) return p;
    }
  }

  /**
   * `<row r="7" …>` or `<row>` (attributes as `attrAt` reads them, one `r` as digits), as open('row') would
   * read it; -1 for any other form, before changing any state.
   */
  private rowAt(s: string, lt: number, n: number): number {
    let i = lt + 4;
    if (i >= n || s.charCodeAt(lt + 2) !== 111 /* o */ || s.charCodeAt(lt + 3) !== 119 /* w */) return -1;
    let ch = s.charCodeAt(i);
    if (ch !== 32 && ch !== 47 && ch !== 62) return -1; // not <row (<rowBreaks …)
    let r = -1;
    for (;;) {
      i = attrAt(s, i, n);
      if (i < 0) return -1;
      if (ATTR.nameLength === 0) break;
      const { vs, ve } = ATTR;
      if (ATTR.nameLength === 1 && s.charCodeAt(ATTR.name) === 114 /* r */) {
        if (r >= 0 || ve === vs || ve - vs > 9) return -1;
        r = 0;
        for (let k = vs; k < ve; k++) {
          const x = s.charCodeAt(k);
          if (x < 48 || x > 57) return -1;
          r = r * 10 + (x - 48);
        }
      }
    }
    ch = s.charCodeAt(i);
    let end: number;
    if (ch === 62) end = i + 1;
    else if (i + 1 < n && s.charCodeAt(i + 1) === 62) end = i + 2;
    else return -1;
    this.row = r > 0 ? r - 1 : this.row + 1;
    this.col = -1;
    return end;
  }

  /**
   * A cell of the usual forms read straight from the text:
   * `<c r="B7" s="3" t="s"><v>12</v></c>`, `<c r="B7" s="3"/>` and `<c r="B7"></c>`, attributes as `attrAt`
   * reads them, `r` as column letters and row digits, `s` as digits. Anything else (a formula, an inline string, other spacing, an entity, a cell not ending in
   * this chunk) returns -1 before changing any state, and the scanner reads the cell as usual.
   */
  private cellAt(s: string, lt: number, n: number): number {
    let i = lt + 2;
    let ch = s.charCodeAt(i);
    if (ch !== 32 && ch !== 47 && ch !== 62) return -1; // not <c (<col, <cfRule …)
    let col = -1;
    let row = -1;
    let style = 0;
    let type = '';
    for (;;) {
      i = attrAt(s, i, n);
      if (i < 0) return -1;
      if (ATTR.nameLength === 0) break;
      const { vs, ve } = ATTR;
      if (ATTR.nameLength === 1) {
        const name = s.charCodeAt(ATTR.name);
        if (name === 114 /* r */) {
          let k = vs;
          let c = 0;
          for (; k < ve && k - vs < 3; k++) {
            const x = s.charCodeAt(k);
            if (x < 65 || x > 90) break;
            c = c * 26 + (x - 64);
          }
          if (k === vs || k === ve || ve - k > 7) return -1;
          let r = 0;
          for (; k < ve; k++) {
            const x = s.charCodeAt(k);
            if (x < 48 || x > 57) return -1;
            r = r * 10 + (x - 48);
          }
          if (r === 0) return -1;
          col = c - 1;
          row = r - 1;
        } else if (name === 115 /* s */) {
          if (ve === vs || ve - vs > 9) return -1;
          style = 0;
          for (let k = vs; k < ve; k++) {
            const x = s.charCodeAt(k);
            if (x < 48 || x > 57) return -1;
            style = style * 10 + (x - 48);
          }
        } else if (name === 116 /* t */) type = s.slice(vs, ve);
      }
    }
    ch = s.charCodeAt(i);
    if (col < 0) return -1; // no r: the scanner's way
    let end: number;
    let text: string | null = null;
    if (ch === 47) {
      if (s.charCodeAt(i + 1) !== 62) return -1;
      end = i + 2;
    } else if (s.charCodeAt(i + 1) !== 60 /* < */) return -1;
    // `</c>` or `<v>` next (char codes: the hottest comparisons of the reader, spelled out).
    else if (i + 4 < n && s.charCodeAt(i + 2) === 47 && s.charCodeAt(i + 3) === 99 && s.charCodeAt(i + 4) === 62) end = i + 5;
    else if (i + 3 < n && s.charCodeAt(i + 2) === 118 && s.charCodeAt(i + 3) === 62) {
      let ve = i + 4;
      while (ve < n && s.charCodeAt(ve) !== 60) ve++;
      if (ve + 7 >= n || !closesValueAndCell(s, ve)) return -1;
      end = ve + 8;
      // The usual values, read from the characters without a string: a number cell and a shared string.
      const v = type === '' ? plainNumber(s, i + 4, ve) : type === 's' ? plainIndex(s, i + 4, ve) : -1;
      if (v === v && v !== -1) {
        this.row = this.cRow = row;
        this.col = this.cCol = col;
        this.cType = '\u0000';
        if (type === 's') {
          const shared = this.sst[v];
          if (shared !== undefined) this.cells.push(row, col, style, shared);
        } else this.cells.push(row, col, style, this.date1904 && this.dateStyles[style] ? v + 1462 : v);
        return end;
      }
      text = s.slice(i + 4, ve);
    } else return -1;
    // As open('c') and close('c') would have left it.
    this.row = this.cRow = row;
    this.col = this.cCol = col;
    if (text !== null) {
      this.cStyle = style;
      this.cType = type;
      this.hasV = true;
      this.hasF = this.hasIs = this.inIs = false;
      this.vText = text;
      this.fText = this.tText = this.fType = '';
      this.rph = 0;
      this.finishCell();
    }
    this.cType = '\u0000';
    return end;
  }

  open(name: string, attrs: string, selfClosing: boolean): void {
    if (this.inSheetData) {
      switch (name) {
        case 'c': {
          cellAttrs(attrs);
          const r = CELL.r;
          if (r) {
            const p = parseRef(r);
            this.cCol = p.col >= 0 ? p.col : this.col + 1;
            if (p.row >= 0) this.row = p.row;
          } else this.cCol = this.col + 1;
          if (this.row < 0) this.row = 0;
          this.cRow = this.row;
          this.col = this.cCol;
          if (selfClosing) {
            this.cType = '\u0000'; // nothing to read
            return;
          }
          this.cStyle = CELL.s ? parseInt(CELL.s, 10) || 0 : 0;
          this.cType = CELL.t;
          this.hasV = this.hasF = this.hasIs = this.inIs = false;
          this.vText = this.fText = this.tText = this.fType = '';
          this.rph = 0;
          return;
        }
        case 'v':
          this.hasV = true;
          if (!selfClosing) this.startText(TEXT_V);
          return;
        case 'f':
          this.hasF = true;
          this.fType = attrOf(attrs, 't') ?? '';
          if (!selfClosing) this.startText(TEXT_F);
          return;
        case 'is':
          this.inIs = this.hasIs = true;
          return;
        case 'rPh':
          if (!selfClosing) this.rph++;
          return;
        case 't':
          if (this.inIs && this.rph === 0 && !selfClosing) this.startText(TEXT_T);
          return;
        case 'row': {
          const r = attrOf(attrs, 'r');
          const n = r ? parseInt(r, 10) : NaN;
          this.row = n > 0 ? n - 1 : this.row + 1;
          this.col = -1;
          return;
        }
        default:
          return;
      }
    }
    switch (name) {
      case 'worksheet':
        this.rootOpened = true;
        this.rootClosed = selfClosing;
        return;
      case 'sheetData':
        this.inSheetData = !selfClosing;
        return;
      case 'col': {
        const hidden = attrOf(attrs, 'hidden');
        if (hidden !== '1' && hidden !== 'true') return;
        const min = parseInt(attrOf(attrs, 'min') ?? '', 10);
        const max = parseInt(attrOf(attrs, 'max') ?? '', 10);
        if (min > 0) this.hiddenCols.push([min - 1, (max >= min ? max : min) - 1]);
        return;
      }
      case 'mergeCell': {
        const ref = attrOf(attrs, 'ref');
        const range = ref ? parseRange(ref) : null;
        if (range) this.merges.push(range);
        return;
      }
      default:
        return;
    }
  }

  private startText(t: number): void {
    this.target = t;
    this.scanner!.capture = true;
  }

  close(name: string): void {
    if (!this.inSheetData) {
      if (name === 'worksheet') this.rootClosed = true;
      return;
    }
    switch (name) {
      case 'v':
      case 'f':
      case 't':
        this.target = TEXT_NONE;
        this.scanner!.capture = false;
        return;
      case 'rPh':
        this.rph = Math.max(0, this.rph - 1);
        return;
      case 'is':
        this.inIs = false;
        return;
      case 'c':
        if (this.cType !== '\u0000') this.finishCell();
        this.cType = '\u0000';
        return;
      case 'sheetData':
        this.inSheetData = false;
        return;
      default:
        return;
    }
  }

  text(raw: string): void {
    if (this.target === TEXT_V) this.vText += raw;
    else if (this.target === TEXT_F) this.fText += raw;
    else if (this.target === TEXT_T) this.tText += raw;
  }

  private number(text: string): CellValue {
    const v = parseFloat(text);
    if (Number.isNaN(v)) return decodeXml(text);
    // A 1904-system date: shift to the 1900 system's serial, as Excel and Office.js report dates.
    return this.date1904 && this.dateStyles[this.cStyle] ? v + 1462 : v;
  }

  private typed(text: string, t: string): CellValue {
    switch (t) {
      case 'str':
        return decodeXstring(decodeXml(text));
      case 'b': {
        // "1"/"0" as Excel writes; some tools write TRUE/FALSE (exceljs read "FALSE" as true).
        const x = text.trim().toLowerCase();
        return x === 'true' || (x !== 'false' && parseInt(x, 10) !== 0);
      }
      case 'e':
        return decodeXml(text).trim();
      case 'd':
        return isoSerial(text) ?? decodeXml(text);
      default:
        return this.number(text);
    }
  }

  private finishCell(): void {
    const t = this.cType;
    let value: CellValue;
    if (this.hasF && (this.fText !== '' || this.fType !== '')) {
      // A formula: its cached value (0, FALSE and "" too); without one, the formula text.
      if (this.cCol < 16384) this.formulaCells.push(cellKey(this.cRow, this.cCol)); // Excel's widest sheet: cellKey is unique within it
      if (this.hasV && (this.vText !== '' || t === 'str')) value = this.typed(this.vText, t);
      else value = this.fText !== '' ? `=${decodeXml(this.fText)}` : '=（共享公式）';
    } else if (this.hasIs) {
      value = decodeXstring(decodeXml(this.tText));
    } else if (!this.hasV) {
      return; // an empty cell, formatted or not
    } else if (t === 's') {
      const i = parseInt(this.vText, 10);
      const s = this.sst[i];
      if (s === undefined) return;
      value = s;
    } else if (t === 'inlineStr') {
      value = decodeXstring(decodeXml(this.vText));
    } else {
      if (this.vText === '' && t !== 'str') return;
      value = this.typed(this.vText, t);
    }
    this.cells.push(this.cRow, this.cCol, this.cStyle, value);
  }

  /** The grid, stray content left out (see the file comment). */
  /** Whether the part was a whole worksheet: its root element opened and closed. */
  get whole(): boolean {
    return this.rootOpened && this.rootClosed;
  }

  grid(name: string, state: string | undefined): CellGrid {
    // Each pass is its own function: V8 compiles a loop on its own while it runs (on-stack replacement), and the
    // passes after it in one function, never run yet, would then throw the compiled code away one by one.
    const lastCol = keptColumnEnd(this.cells);
    const lastRow = keptRowEnd(this.cells, lastCol);
    const { values, numberFormats, stray } = placeCells(this.cells, this.formats, lastRow, lastCol);
    const grid: CellGrid = { name, values, numberFormats };
    // Merged areas: the value stays in the top-left cell; the others are read as empty.
    const merges = this.merges.filter((m) => m.top <= lastRow && m.left <= lastCol && (m.bottom > m.top || m.right > m.left));
    for (const m of merges)
      for (let r = m.top; r <= Math.min(m.bottom, lastRow); r++) {
        const row = values[r];
        for (let c = m.left; c <= m.right && c < row.length; c++) if ((r !== m.top || c !== m.left) && row[c] !== null) row[c] = null;
      }
    if (merges.length) grid.merges = merges;
    if (state === 'hidden' || state === 'veryHidden') grid.visibility = state;
    const hidden = new Set<number>();
    for (const [lo, hi] of this.hiddenCols) for (let c = lo; c <= Math.min(hi, lastCol); c++) hidden.add(c);
    if (hidden.size) grid.hiddenColumns = [...hidden].sort((a, b) => a - b);
    if (stray) grid.stray = stray;
    const formulas = this.formulaCells.filter((k) => Math.floor(k / 16384) <= lastRow && k % 16384 <= lastCol);
    if (formulas.length) grid.formulas = new Set(formulas);
    return grid;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The workbook

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_STYLES = /\/styles$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;

/**
 * Every worksheet of an .xlsx file as a CellGrid, in tab order. A file that is not a readable workbook
 * throws a ReadFailure whose Chinese message says what the file is and what to do (`name` is how the
 * message names the file: its path on the command line, its name in the page).
 */
export async function readXlsx(bytes: Uint8Array, inflate: ChunkedInflate, name: string): Promise<CellGrid[]> {
  if (!looksLikeZip(bytes)) throw new ReadFailure(notZipFatal(bytes, name));
  try {
    return await readPackage(bytes, inflate, name);
  } catch (e) {
    if (e instanceof ReadFailure) throw e;
    if (e instanceof ZipError && e.reason === 'encrypted') throw new ReadFailure(fatalOf.archive(name, []));
    if (e instanceof ZipError) throw new ReadFailure(fatalOf.damaged(name));
    throw new ReadFailure(fatalOf.damaged(name));
  }
}

async function readPackage(bytes: Uint8Array, inflate: ChunkedInflate, name: string): Promise<CellGrid[]> {
  const entries = listZip(bytes);
  // Part names are matched without case and with either slash (some writers differ from the targets).
  const byName = new Map<string, ZipEntry>();
  for (const e of entries) byName.set(e.name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase(), e);
  const part = (path: string) => byName.get(path.toLowerCase());
  const readRels = async (source: string): Promise<Map<string, Rel>> => {
    const e = part(relsPathOf(source));
    if (!e) return new Map();
    const sink = new RelsSink();
    await scan(e, inflate, sink);
    return sink.rels;
  };
  const text = async (e: ZipEntry): Promise<string> => {
    const decoder = new TextDecoder('utf-8');
    if (e.method === 0) return decoder.decode(e.raw);
    let s = '';
    for await (const chunk of inflate(e.raw, e.size)) s += decoder.decode(chunk, { stream: true });
    return s + decoder.decode();
  };

  // The workbook part: from the package relationships, else the usual place.
  const rootRels = await readRels('');
  let workbookPath = [...rootRels.values()].filter((r) => REL_OFFICE_DOCUMENT.test(r.type)).map((r) => resolveTarget('', r.target))[0];
  if (!workbookPath || !part(workbookPath)) workbookPath = 'xl/workbook.xml';
  const workbookEntry = part(workbookPath);
  if (!workbookEntry) throw new ReadFailure(await notWorkbookFatal(entries, byName, name, text));

  const wb = new WorkbookSink();
  await scan(workbookEntry, inflate, wb);
  if (!wb.isWorkbook) throw new ReadFailure(await notWorkbookFatal(entries, byName, name, text));
  const wbRels = await readRels(workbookPath);
  const relOfType = (re: RegExp) => [...wbRels.values()].find((r) => re.test(r.type));

  // Number formats by cell style index.
  const stylesRel = relOfType(REL_STYLES);
  const stylesEntry = part(stylesRel ? resolveTarget(workbookPath, stylesRel.target) : 'xl/styles.xml');
  let formats: (string | null)[] = [];
  if (stylesEntry) {
    const sink = new StylesSink();
    await scan(stylesEntry, inflate, sink);
    formats = sink.formats();
  }
  const dateStyles = formats.map((f) => isDateFormat(f));

  const sstRel = relOfType(REL_SHARED_STRINGS);
  const sstEntry = part(sstRel ? resolveTarget(workbookPath, sstRel.target) : 'xl/sharedStrings.xml');
  let sst: string[] = [];
  if (sstEntry) {
    const sink = new SharedStringsSink();
    await scan(sstEntry, inflate, sink);
    // Cut short or not XML: the cells would silently lose their texts (the file is damaged).
    if (!sink.whole) throw new ZipError('corrupt', 'shared strings part is not a whole <sst>');
    sst = sink.strings;
  }

  const grids: CellGrid[] = [];
  for (const sheet of wb.sheets) {
    const rel = wbRels.get(sheet.rid);
    // Chart sheets and dialog sheets hold no cells; Office.js does not list them among the worksheets.
    if (rel && !REL_WORKSHEET.test(rel.type)) continue;
    const entry = rel ? part(resolveTarget(workbookPath, rel.target)) : undefined;
    if (!entry) throw new ZipError('corrupt', `no part for sheet ${sheet.name}`);
    const sink = new SheetSink(sst, formats, dateStyles, wb.date1904, entry.size);
    await scan(entry, inflate, sink);
    // Cut short or not XML: read, it would give rows that are not there (the file is damaged).
    if (!sink.whole) throw new ZipError('corrupt', `sheet ${sheet.name} is not a whole <worksheet>`);
    grids.push(sink.grid(sheet.name, sheet.state));
  }
  return grids;
}
