/**
 * Annotating a workbook by patching its package (issue 11 point 12, issue 15 point 2): the user's own bytes
 * with only these changes, every other part copied byte for byte and every other element of a changed part
 * left as it is:
 *
 *   - a marked cell gets a new cell format (xl/styles.xml: a copy of its format with a solid fill, appended;
 *     no existing format is edited) and only its `s` attribute changes (a cell written for an empty cell);
 *   - a marked cell without a note gets one (the sheet's comments part and legacy VML drawing, created or
 *     extended); a cell that has the user's note or a threaded comment keeps it byte for byte, and its
 *     explanation is listed in 「问题清单」 instead;
 *   - the generated sheets and the very hidden mark record are new worksheet parts.
 *
 * An earlier run is undone first, from the mark record: each marked cell's `s` back to what it was, our notes
 * removed, our sheets removed. Formats appended once are reused, so annotating the output again gives the
 * same package as annotating the original. Host-neutral: node passes zlib, the page its own inflate.
 */
import { decodeGenerated, decodeSettings, legacyGenerated, decodeStore, encodeGenerated, encodeStore, GENERATED_RECORD_SHEET, isOurs, isRecordSheet, keptOriginal, MARK_STORE_SHEET, noteText, placeGenerated, recordRowsOf, type Placement, type StoredLook } from '../../report/markstore';
import { FLAG_FILL, MARK_COLORS, type Mark, type MarkLevel, type SheetCell, type SheetGrid } from '../../report/model';
import { CELL_STYLES, withKeptNotes } from '../../report/sheets';
import type { CellGrid } from '../../template/grid';
import { columnLetter, parseA1 } from '../../template/grid';
import { sameExcelName } from '../../template/sheet-names';
import { GENERATED_SHEETS, LEGACY_GENERATED_SHEETS, SHEET_ISSUES_REPORT } from '../../template/schema';
import { CT_COMMENTS, CT_STYLES, CT_VML, CT_WORKSHEET, Package, REL_COMMENTS, REL_NS, REL_STYLES, REL_THREADED, REL_VML, REL_WORKSHEET, relsPartOf } from './package';
import { attr, escapeXml, findElement, findElements, removeAttr, rootPrefix, setAttr, startTag, unXstring, xstring, type Span } from './xml-edit';
import { writeZip, type DeflateRaw, type InflateRaw } from './zip';

/** A workbook the patcher cannot change safely: the message is Chinese, for the user. */
export class PatchError extends Error {}

/** Column 7 of the mark record: the exact earlier state of the cell in the package (JSON, for the program). */
export const EXACT_LOOK_HEADER = '原格式(程序用)';

/** Exact earlier state of a marked cell. */
interface ExactState {
  /** The cell's `s` attribute before ('' when it had none). */
  s: string;
  /** 0: the cell element existed; 1: it was written for the mark; 2: its row was written too; 3: it was written into an empty row (<row …/>). */
  k: 0 | 1 | 2 | 3;
  /** 1 when the product wrote the cell's note (the cell had none). */
  n: 0 | 1;
}

export interface PatchOutcome {
  bytes: Uint8Array;
  /** Cells of an earlier run restored first. */
  restored: number;
  /** Where each generated sheet went (a user's sheet of the same name stays: another name is used). */
  placements: Placement[];
  /** Marks whose cell kept the user's note: their explanation is in 「问题清单」 only. */
  keptNotes: Mark[];
  /**
   * The workbook holds macros (an .xlsm, or an .xltm saved as one): its copy must be named .xlsm to keep them,
   * and Excel refuses to open a macro-enabled package named .xlsx.
   */
  macros: boolean;
}

const MAIN_TYPES = {
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  template: 'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
  macroWorkbook: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  macroTemplate: 'application/vnd.ms-excel.template.macroEnabled.main+xml',
} as const;

/**
 * Whether the workbook is macro-enabled. A template (.xltx, .xltm) becomes a workbook, as Excel's 另存为 makes
 * it: only the workbook part's content type changes (Excel will not open a template's package under .xlsx).
 */
function workbookKind(pkg: Package, wbPart: string): { macros: boolean } {
  const type = pkg.contentType(wbPart);
  if (type === MAIN_TYPES.template) pkg.setContentType(wbPart, MAIN_TYPES.workbook);
  if (type === MAIN_TYPES.macroTemplate) pkg.setContentType(wbPart, MAIN_TYPES.macroWorkbook);
  return { macros: type === MAIN_TYPES.macroWorkbook || type === MAIN_TYPES.macroTemplate };
}

const NOTE_AUTHOR = '均衡核验';
const MAX_ROW_HEIGHT = 409.5;

// ---------------------------------------------------------------------------------------------------------
// The workbook part and its sheets.

interface SheetEntry {
  name: string;
  part: string;
  rid: string;
  state: string;
}

function workbookPartOf(pkg: Package): string {
  const root = pkg.rels('').length ? pkg.rels('') : [];
  const office = root.find((r) => /\/officeDocument$/.test(r.type));
  return office ? office.part : 'xl/workbook.xml';
}

function relIdOf(tag: string): string {
  const m = /\s([A-Za-z_][\w.-]*):id\s*=\s*"([^"]*)"/.exec(tag);
  return m ? m[2] : '';
}

function sheetsOf(pkg: Package, wbPart: string): SheetEntry[] {
  const xml = pkg.text(wbPart) ?? '';
  const p = rootPrefix(xml, 'workbook');
  const rels = pkg.rels(wbPart);
  const sec = findElement(xml, `${p}sheets`);
  if (!sec) return [];
  return findElements(xml, `${p}sheet`, sec.start + 1, sec.end).map((s) => {
    const tag = startTag(s);
    const rid = relIdOf(tag);
    return { name: attr(tag, 'name') ?? '', part: rels.find((r) => r.id === rid)?.part ?? '', rid, state: attr(tag, 'state') ?? 'visible' };
  });
}

const sameName = (a: string, b: string) => a === b || a.trim() === b.trim();

/** A relationship type, in the transitional or the strict (purl.oclc.org) namespace. */
const isType = (type: string, wanted: string) => type === wanted || type.slice(type.lastIndexOf('/')) === wanted.slice(wanted.lastIndexOf('/')) && /purl\.oclc\.org/.test(type);

// ---------------------------------------------------------------------------------------------------------
// Styles: find-or-append, never edit an existing entry.

const SECTION_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];
const CHILD: Record<string, string> = { numFmts: 'numFmt', fonts: 'font', fills: 'fill', borders: 'border', cellXfs: 'xf' };
const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

class Styles {
  readonly p: string;
  /** Parsed children per section, dropped whenever the part changes. */
  private kidsCache = new Map<string, Span[]>();
  private readonly memo = new Map<string, number>();
  private constructor(
    private readonly pkg: Package,
    private readonly part: string,
    private xml: string,
  ) {
    this.p = rootPrefix(xml, 'styleSheet');
  }

  static open(pkg: Package, wbPart: string): Styles {
    const rel = pkg.rels(wbPart).find((r) => isType(r.type, REL_STYLES));
    if (rel && pkg.has(rel.part)) return new Styles(pkg, rel.part, pkg.text(rel.part)!);
    const part = 'xl/styles.xml';
    pkg.set(part, MINIMAL_STYLES);
    if (!rel) pkg.addRel(wbPart, REL_STYLES, part);
    pkg.addOverride(part, CT_STYLES);
    return new Styles(pkg, part, MINIMAL_STYLES);
  }

  private section(name: string): Span | null {
    return findElement(this.xml, `${this.p}${name}`);
  }

  private children(name: string): Span[] {
    let kids = this.kidsCache.get(name);
    if (!kids) {
      const sec = this.section(name);
      kids = sec ? findElements(this.xml, `${this.p}${CHILD[name]}`, sec.start + 1, sec.end) : [];
      this.kidsCache.set(name, kids);
    }
    return kids;
  }

  /** The same answer for the same question while the part is unchanged by anything else. */
  cached(key: string, make: () => number): number {
    let v = this.memo.get(key);
    if (v === undefined) {
      v = make();
      this.memo.set(key, v);
    }
    return v;
  }

  /** Index of an identical entry, or of the entry appended. */
  add(name: string, element: string): number {
    let sec = this.section(name);
    const p = this.p;
    if (!sec) {
      const later = SECTION_ORDER.slice(SECTION_ORDER.indexOf(name) + 1).map((n) => this.section(n)).find((s) => s !== null);
      const at = later ? later.start : this.xml.lastIndexOf(`</${p}styleSheet>`);
      this.xml = `${this.xml.slice(0, at)}<${p}${name} count="0"></${p}${name}>${this.xml.slice(at)}`;
      this.kidsCache.clear();
      sec = this.section(name)!;
    } else if (sec.text.endsWith('/>')) {
      this.xml = `${this.xml.slice(0, sec.start)}${sec.text.slice(0, -2).replace(/\s+$/, '')}></${p}${name}>${this.xml.slice(sec.end)}`;
      this.kidsCache.clear();
      sec = this.section(name)!;
    }
    const kids = this.children(name);
    const same = kids.findIndex((k) => k.text === element);
    if (same >= 0) return same;
    const close = sec.end - `</${p}${name}>`.length;
    let open = startTag(sec);
    if (attr(open, 'count') !== null) open = setAttr(open, 'count', String(kids.length + 1));
    this.xml = this.xml.slice(0, sec.start) + open + this.xml.slice(sec.start + startTag(sec).length, close) + element + this.xml.slice(close);
    this.kidsCache.clear();
    return kids.length;
  }

  /** The numFmtId of a format code: built in, existing, or appended. */
  numFmt(code: string | undefined): number {
    if (!code || code === 'General') return 0;
    const builtin: Record<string, number> = { '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '@': 49 };
    if (builtin[code] !== undefined) return builtin[code];
    const kids = this.children('numFmts');
    const hit = kids.find((k) => attr(startTag(k), 'formatCode') === code);
    if (hit) return Number(attr(startTag(hit), 'numFmtId'));
    const id = Math.max(163, ...kids.map((k) => Number(attr(startTag(k), 'numFmtId')) || 0)) + 1;
    this.add('numFmts', `<${this.p}numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return id;
  }

  xfCount(): number {
    return this.children('cellXfs').length;
  }

  xf(i: number): string | null {
    return this.children('cellXfs')[i]?.text ?? null;
  }

  /**
   * Two formats alike but for their fill: the same number format, font, border, cell style, alignment and
   * protection (the apply* flags are hints and are not compared).
   */
  sameButFill(a: number, b: number): boolean {
    const key = (i: number) => {
      const xf = this.xf(i);
      if (xf === null) return null;
      const open = startTag(xf);
      return `${['numFmtId', 'fontId', 'borderId', 'xfId'].map((n) => attr(open, n) ?? '0').join('|')}|${xf.slice(open.length)}`;
    };
    const k = key(a);
    return k !== null && k === key(b);
  }

  /** `base` with the fill (fillId, applyFill) of format `from`, exactly (a tint or pattern included). */
  xfWithFillOf(base: number, from: number): number {
    return this.cached(`xfof|${base}|${from}`, () => {
      const src = this.xf(base)!;
      const open = startTag(src);
      const fromOpen = startTag(this.xf(from)!);
      let tag = setAttr(open, 'fillId', attr(fromOpen, 'fillId') ?? '0');
      const apply = attr(fromOpen, 'applyFill');
      tag = apply === null ? removeAttr(tag, 'applyFill') : setAttr(tag, 'applyFill', apply);
      return this.add('cellXfs', tag + src.slice(open.length));
    });
  }

  /** #RRGGBB of a format's solid fill, '' when none or not a plain colour. */
  fillHexOfXf(i: number): string {
    const xf = this.xf(i);
    if (!xf) return '';
    const fill = this.children('fills')[Number(attr(startTag(xf), 'fillId') ?? '0')]?.text ?? '';
    const pattern = findElement(fill, `${this.p}patternFill`);
    if (!pattern || attr(startTag(pattern), 'patternType') !== 'solid') return '';
    const fg = findElement(fill, `${this.p}fgColor`);
    const rgb = fg ? attr(startTag(fg), 'rgb') : null;
    return rgb && /^[0-9A-Fa-f]{8}$/.test(rgb) ? `#${rgb.slice(2).toUpperCase()}` : '';
  }

  solidFill(hex: string): number {
    const p = this.p;
    return this.add('fills', `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="FF${hex.replace('#', '').toUpperCase()}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`);
  }

  /** A copy of format `base` with another fill ('' = no fill). */
  xfWithFill(base: number, hex: string): number {
    return this.cached(`xf|${base}|${hex}`, () => this.makeXfWithFill(base, hex));
  }

  private makeXfWithFill(base: number, hex: string): number {
    const p = this.p;
    const src = this.xf(base) ?? this.xf(0) ?? `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const fill = hex ? this.solidFill(hex) : 0;
    const open = startTag(src);
    let tag = setAttr(open, 'fillId', String(fill));
    tag = hex ? setAttr(tag, 'applyFill', '1') : removeAttr(tag, 'applyFill');
    return this.add('cellXfs', tag + src.slice(open.length));
  }

  save(): void {
    this.pkg.set(this.part, this.xml);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Cells of a sheet part.

interface RowPos {
  n: number;
  span: Span;
  /** End of the start tag. */
  open: number;
  selfClosing: boolean;
  hasR: boolean;
}
interface CellPos {
  col: number;
  span: Span;
  tag: string;
  hasR: boolean;
}

function colOf(ref: string): number {
  return parseA1(ref).col;
}

function scanRows(xml: string, p: string): { rows: RowPos[]; data: Span | null } {
  const data = findElement(xml, `${p}sheetData`);
  if (!data) return { rows: [], data: null };
  let prev = 0;
  const rows = findElements(xml, `${p}row`, data.start + 1, data.end).map((span) => {
    const tag = startTag(span);
    const r = attr(tag, 'r');
    const n = r ? Number(r) : prev + 1;
    prev = n;
    return { n, span, open: span.start + tag.length, selfClosing: span.text.endsWith('/>') && tag === span.text, hasR: r !== null };
  });
  return { rows, data };
}

function scanCells(xml: string, p: string, row: RowPos): CellPos[] {
  if (row.selfClosing) return [];
  let prev = -1;
  return findElements(xml, `${p}c`, row.open, row.span.end).map((span) => {
    const tag = startTag(span);
    const r = attr(tag, 'r');
    const col = r ? colOf(r) : prev + 1;
    prev = col;
    return { col, span, tag, hasR: r !== null };
  });
}

/** The first row numbered above n (rows are in order, as the format requires). */
function firstRowAfter(rows: readonly RowPos[], n: number): RowPos | undefined {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].n > n) hi = mid;
    else lo = mid + 1;
  }
  return rows[lo];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits in one pass (an insertion goes before a replacement at the same place). */
function applyEdits(xml: string, edits: Edit[]): string {
  if (!edits.length) return xml;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: string[] = [];
  let at = 0;
  for (const e of sorted) {
    out.push(xml.slice(at, e.start), e.text);
    at = e.end;
  }
  out.push(xml.slice(at));
  return out.join('');
}

/** The style a cell without an element shows: the row's (customFormat) or the column's. */
function inheritedStyle(xml: string, p: string, row: RowPos | null, col: number): string {
  if (row) {
    const tag = startTag(row.span);
    if (attr(tag, 'customFormat') === '1' && attr(tag, 's') !== null) return attr(tag, 's')!;
  }
  const cols = findElement(xml, `${p}cols`);
  if (cols)
    for (const c of findElements(xml, `${p}col`, cols.start + 1, cols.end)) {
      const t = startTag(c);
      if (Number(attr(t, 'min')) <= col + 1 && col + 1 <= Number(attr(t, 'max')) && attr(t, 'style') !== null) return attr(t, 'style')!;
    }
  return '';
}

const NO_R = (sheet: string) =>
  new PatchError(`工作表「${sheet}」中有不带位置（r 属性）的行或单元格，无法在其中准确地加上标记。请在 Excel 或 WPS 中打开该文件并另存为 .xlsx 后重试。`);

interface Located {
  row: RowPos | null;
  cell: CellPos | null;
}

/**
 * Sets the `s` of the given cells (writing a cell, or a row, where there is none). `style(current, located)`
 * returns the new `s`; returns what existed before for each address.
 */
type Restyle = (before: { s: string; located: Located }) => string | null;

function restyleCells(xml: string, p: string, sheet: string, targets: Map<string, Restyle>): { xml: string; before: Map<string, { s: string; k: ExactState['k'] }> } {
  const { rows, data } = scanRows(xml, p);
  if (!data) throw new PatchError(`工作表「${sheet}」的内容无法读取（缺少 sheetData），无法加上标记。`);
  const byRow = new Map<number, { col: number; address: string }[]>();
  for (const address of targets.keys()) {
    const { row, col } = parseA1(address);
    byRow.set(row + 1, [...(byRow.get(row + 1) ?? []), { col, address }]);
  }
  const edits: Edit[] = [];
  const before = new Map<string, { s: string; k: ExactState['k'] }>();
  const rowByN = new Map(rows.map((r) => [r.n, r] as const));
  const newRows = new Map<number, { at: number; rows: Map<number, string[]> }>();
  for (const [n, wanted] of [...byRow].sort((a, b) => a[0] - b[0])) {
    wanted.sort((a, b) => a.col - b.col);
    const row = rowByN.get(n) ?? null;
    if (!row) {
      const next = firstRowAfter(rows, n);
      const at = next ? next.span.start : data.text.endsWith('/>') ? data.start : data.end - `</${p}sheetData>`.length;
      const cells = wanted.flatMap((w) => {
        const inherited = inheritedStyle(xml, p, null, w.col);
        const s = targets.get(w.address)!({ s: inherited, located: { row: null, cell: null } });
        if (s === null) return [];
        before.set(w.address, { s: inherited, k: 2 });
        return [`<${p}c r="${w.address}"${s ? ` s="${s}"` : ''}/>`];
      });
      if (!cells.length) continue;
      if (next && !next.hasR) throw NO_R(sheet);
      const slot = newRows.get(at) ?? { at, rows: new Map() };
      slot.rows.set(n, cells);
      newRows.set(at, slot);
      continue;
    }
    const cells = scanCells(xml, p, row);
    const inserts = new Map<number, string[]>();
    for (const w of wanted) {
      const cell = cells.find((c) => c.col === w.col) ?? null;
      if (cell) {
        const s = attr(cell.tag, 's') ?? '';
        const next = targets.get(w.address)!({ s, located: { row, cell } });
        before.set(w.address, { s, k: 0 });
        if (next !== null && next !== s) edits.push({ start: cell.span.start, end: cell.span.start + cell.tag.length, text: next ? setAttr(cell.tag, 's', next) : removeAttr(cell.tag, 's') });
        continue;
      }
      const following = cells.find((c) => c.col > w.col);
      const inherited = inheritedStyle(xml, p, row, w.col);
      const s = targets.get(w.address)!({ s: inherited, located: { row, cell: null } });
      if (s === null) continue;
      if (following && !following.hasR) throw NO_R(sheet);
      before.set(w.address, { s: inherited, k: row.selfClosing ? 3 : 1 });
      const at = following ? following.span.start : row.selfClosing ? -1 : row.span.end - `</${p}row>`.length;
      inserts.set(at, [...(inserts.get(at) ?? []), `<${p}c r="${w.address}"${s ? ` s="${s}"` : ''}/>`]);
    }
    for (const [at, list] of inserts) {
      if (at === -1) edits.push({ start: row.span.start, end: row.span.end, text: `${row.span.text.slice(0, -2).replace(/\s+$/, '')}>${list.join('')}</${p}row>` });
      else edits.push({ start: at, end: at, text: list.join('') });
    }
  }
  for (const slot of newRows.values()) {
    const text = [...slot.rows].sort((a, b) => a[0] - b[0]).map(([n, cells]) => `<${p}row r="${n}">${cells.join('')}</${p}row>`).join('');
    if (data.text.endsWith('/>') && slot.at === data.start) edits.push({ start: data.start, end: data.end, text: `${data.text.slice(0, -2).replace(/\s+$/, '')}>${text}</${p}sheetData>` });
    else edits.push({ start: slot.at, end: slot.at, text });
  }
  return { xml: applyEdits(xml, edits), before };
}

/** Removes cells the product wrote (self-closing, no value), and their row when it holds nothing else. */
function removeWrittenCells(xml: string, p: string, written: readonly { address: string; k: ExactState['k'] }[]): string {
  if (!written.length) return xml;
  const addresses = written.map((w) => w.address);
  const intoEmpty = new Set(written.filter((w) => w.k === 3).map((w) => parseA1(w.address).row + 1));
  const { rows } = scanRows(xml, p);
  const want = new Map<number, Set<number>>();
  for (const a of addresses) {
    const { row, col } = parseA1(a);
    want.set(row + 1, (want.get(row + 1) ?? new Set()).add(col));
  }
  const edits: Edit[] = [];
  for (const row of rows) {
    const cols = want.get(row.n);
    if (!cols) continue;
    const cells = scanCells(xml, p, row);
    const gone = cells.filter((c) => cols.has(c.col) && c.span.text === c.tag && c.tag.endsWith('/>') && /^<[\w:]*c r="[A-Z]+\d+"( s="\d+")?\/>$/.test(c.tag));
    if (!gone.length) continue;
    const rowTag = startTag(row.span);
    if (gone.length === cells.length && new RegExp(`^<${p}row r="${row.n}">$`).test(rowTag)) edits.push({ start: row.span.start, end: row.span.end, text: '' });
    else if (gone.length === cells.length && intoEmpty.has(row.n)) edits.push({ start: row.span.start, end: row.span.end, text: `${rowTag.slice(0, -1)}/>` });
    else for (const c of gone) edits.push({ start: c.span.start, end: c.span.end, text: '' });
  }
  return applyEdits(xml, edits);
}

// ---------------------------------------------------------------------------------------------------------
// Notes: the legacy comments part and VML drawing of a sheet.

interface SheetNotes {
  commentsPart: string | null;
  /** Existing notes by address: their plain text and span in the comments part. */
  notes: Map<string, { text: string; span: Span }>;
  threaded: Set<string>;
}

function commentText(comment: string): string {
  const text = findElement(comment, `${rootPrefixOf(comment)}text`);
  if (!text) return '';
  // Runs' <t> elements, not the phonetic runs.
  return [...text.text.replace(/<([\w]+:)?rPh[\s\S]*?<\/([\w]+:)?rPh>/g, '').matchAll(/<(?:[\w]+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w]+:)?t>/g)].map((m) => unXstring(m[1])).join('');
}

function rootPrefixOf(el: string): string {
  const m = /^<([\w.-]+:)?/.exec(el);
  return m?.[1] ?? '';
}

function notesOf(pkg: Package, sheetPart: string): SheetNotes {
  const rels = pkg.rels(sheetPart);
  const commentsPart = rels.find((r) => isType(r.type, REL_COMMENTS) && pkg.has(r.part))?.part ?? null;
  const notes = new Map<string, { text: string; span: Span }>();
  if (commentsPart) {
    const xml = pkg.text(commentsPart)!;
    const p = rootPrefix(xml, 'comments');
    for (const c of findElements(xml, `${p}comment`)) notes.set((attr(startTag(c), 'ref') ?? '').toUpperCase(), { text: commentText(c.text), span: c });
  }
  const threaded = new Set<string>();
  for (const r of rels.filter((x) => isType(x.type, REL_THREADED) && pkg.has(x.part))) {
    for (const m of (pkg.text(r.part) ?? '').matchAll(/<(?:[\w]+:)?threadedComment\s[^>]*?ref="([^"]+)"/g)) threaded.add(m[1].toUpperCase());
  }
  return { commentsPart, notes, threaded };
}

/** One run of note text, in the font Excel gives notes. */
function noteRun(cp: string, text: string): string {
  return `<${cp}r><${cp}rPr><${cp}sz val="9"/><${cp}color indexed="81"/><${cp}rFont val="宋体"/><${cp}charset val="134"/></${cp}rPr><${cp}t xml:space="preserve">${xstring(text)}</${cp}t></${cp}r>`;
}

const VML_NS = { v: 'urn:schemas-microsoft-com:vml', o: 'urn:schemas-microsoft-com:office:office', x: 'urn:schemas-microsoft-com:office:excel' } as const;

/** The prefixes a VML drawing uses for its three namespaces: v, o and x as Excel writes; ns1, ns0 and ns2 as openpyxl does. */
interface VmlPrefixes {
  v: string;
  o: string;
  x: string;
}

/**
 * The prefixes bound on the drawing's root <xml> (the usual ones where a namespace is not declared there), and
 * the root with declarations added for those missing, so that the shapes added are always well-formed XML.
 */
function vmlPrefixes(vml: string): { prefixes: VmlPrefixes; vml: string } {
  const root = /<xml\b[^>]*>/.exec(vml);
  const prefixes = { v: 'v', o: 'o', x: 'x' };
  if (!root) return { prefixes, vml };
  let missing = '';
  for (const k of ['v', 'o', 'x'] as const) {
    const bound = new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*["']${VML_NS[k].replace(/[.]/g, '\\.')}["']`).exec(root[0]);
    if (bound) prefixes[k] = bound[1];
    else if (!new RegExp(`xmlns:${k}\\s*=`).test(root[0])) missing += ` xmlns:${k}="${VML_NS[k]}"`;
  }
  if (!missing) return { prefixes, vml };
  const end = root.index + root[0].length - (root[0].endsWith('/>') ? 2 : 1);
  return { prefixes, vml: vml.slice(0, end) + missing + vml.slice(end) };
}

function vmlShapetype({ v, o }: VmlPrefixes): string {
  return `<${v}:shapetype id="_x0000_t202" coordsize="21600,21600" ${o}:spt="202" path="m,l,21600r21600,l21600,xe"><${v}:stroke joinstyle="miter"/><${v}:path gradientshapeok="t" ${o}:connecttype="rect"/></${v}:shapetype>`;
}

function vmlShape(id: number, row: number, col: number, { v, o, x }: VmlPrefixes): string {
  return (
    `<${v}:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:216pt;height:90pt;z-index:${id % 1024};visibility:hidden" fillcolor="#ffffe1" ${o}:insetmode="auto">` +
    `<${v}:fill color2="#ffffe1"/><${v}:shadow on="t" color="black" obscured="t"/><${v}:path ${o}:connecttype="none"/><${v}:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></${v}:textbox>` +
    `<${x}:ClientData ObjectType="Note"><${x}:MoveWithCells/><${x}:SizeWithCells/><${x}:Anchor>${col + 1}, 15, ${Math.max(0, row - 1)}, 2, ${col + 5}, 15, ${row + 5}, 16</${x}:Anchor><${x}:AutoFill>False</${x}:AutoFill><${x}:Row>${row}</${x}:Row><${x}:Column>${col}</${x}:Column></${x}:ClientData></${v}:shape>`
  );
}

/**
 * The shapes of a drawing (<v:shape>, whatever its prefix), each with the cell it is anchored to when it is
 * a note (ObjectType="Note"). A prefix may be bound on the shape itself rather than on the root: openpyxl writes
 * `<ns0:shape xmlns:ns0="urn:schemas-microsoft-com:vml">`, where ns0 means another namespace on the element
 * before it. Reading only the root's prefixes took such a drawing for empty and removed it with the user's notes.
 */
function vmlShapes(vml: string): { span: Span; note: { row: number; col: number } | null }[] {
  const root = /<xml\b[^>]*>/.exec(vml)?.[0] ?? '';
  const nsOf = (prefix: string, tag: string) => {
    const binding = new RegExp(`xmlns:${prefix.replace(/[.]/g, '\\.')}\\s*=\\s*["']([^"']*)["']`);
    return binding.exec(tag)?.[1] ?? binding.exec(root)?.[1];
  };
  const out: { span: Span; note: { row: number; col: number } | null }[] = [];
  const re = /<([\w.-]+):shape(?=[\s/>])/g;
  for (let m = re.exec(vml); m; m = re.exec(vml)) {
    const prefix = m[1];
    const span = findElement(vml, `${prefix}:shape`, m.index);
    if (!span) break;
    re.lastIndex = span.end;
    // Another namespace's element of that local name is kept as a shape (the drawing is not empty) but is no note.
    if (nsOf(prefix, startTag(span)) !== VML_NS.v) {
      out.push({ span, note: null });
      continue;
    }
    const row = /<(?:[\w.-]+:)?Row>\s*(\d+)\s*<\/(?:[\w.-]+:)?Row>/.exec(span.text);
    const col = /<(?:[\w.-]+:)?Column>\s*(\d+)\s*<\/(?:[\w.-]+:)?Column>/.exec(span.text);
    const note = row && col && /ObjectType\s*=\s*["']Note["']/.test(span.text) ? { row: Number(row[1]), col: Number(col[1]) } : null;
    out.push({ span, note });
  }
  return out;
}

/** The part of the sheet's legacy drawing (from its <legacyDrawing r:id>), or null. */
function legacyDrawingOf(pkg: Package, sheetPart: string, xml: string, p: string): { part: string; span: Span; rid: string } | null {
  const el = findElement(xml, `${p}legacyDrawing`);
  if (!el) return null;
  const rid = relIdOf(startTag(el));
  const part = pkg.rels(sheetPart).find((r) => r.id === rid)?.part;
  return part && pkg.has(part) ? { part, span: el, rid } : null;
}

/** Where <legacyDrawing> goes among the worksheet's children (CT_Worksheet order). */
function legacyDrawingSlot(xml: string, p: string): number {
  for (const n of ['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts']) {
    const i = xml.indexOf(`<${p}${n}`);
    if (i >= 0 && /[\s/>]/.test(xml[i + p.length + n.length + 1])) return i;
  }
  const from = Math.max(xml.lastIndexOf(`</${p}sheetData>`), xml.lastIndexOf(`</${p}conditionalFormatting>`), xml.lastIndexOf(`</${p}hyperlinks>`));
  const ext = xml.indexOf(`<${p}extLst`, from);
  return ext >= 0 ? ext : xml.lastIndexOf(`</${p}worksheet>`);
}

function maxShapeNumbers(pkg: Package): { idmap: number } {
  let idmap = 0;
  for (const n of pkg.names()) {
    if (!/\.vml$/i.test(n)) continue;
    for (const m of (pkg.text(n) ?? '').matchAll(/<(?:[\w.-]+:)?idmap\b[^>]*\bdata\s*=\s*["']([^"']*)["']/g)) for (const d of m[1].split(/[\s,]+/)) idmap = Math.max(idmap, Number(d) || 0);
  }
  return { idmap };
}

/** Adds notes to a sheet; returns the sheet XML (with <legacyDrawing> when one was added). */
function addNotes(pkg: Package, sheetPart: string, xml: string, items: readonly { address: string; text: string }[]): string {
  if (!items.length) return xml;
  const p = rootPrefix(xml, 'worksheet');
  // Comments part.
  let commentsPart = pkg.rels(sheetPart).find((r) => isType(r.type, REL_COMMENTS) && pkg.has(r.part))?.part ?? null;
  if (!commentsPart) {
    commentsPart = pkg.free('xl/comments', '.xml');
    pkg.set(commentsPart, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors></authors><commentList></commentList></comments>');
    pkg.addRel(sheetPart, REL_COMMENTS, commentsPart);
    pkg.addOverride(commentsPart, CT_COMMENTS);
  }
  let cx = pkg.text(commentsPart)!;
  const cp = rootPrefix(cx, 'comments');
  if (!findElement(cx, `${cp}authors`)) cx = cx.replace(new RegExp(`(<${cp}comments[^>]*>)`), `$1<${cp}authors></${cp}authors>`);
  cx = cx.replace(new RegExp(`<${cp}authors\\s*/>`), `<${cp}authors></${cp}authors>`);
  const authors = findElements(cx, `${cp}author`);
  let author = authors.findIndex((a) => unXstring(a.text.replace(/^<[^>]*>|<\/[^>]*>$/g, '')) === NOTE_AUTHOR);
  if (author < 0) {
    author = authors.length;
    const at = cx.indexOf(`</${cp}authors>`);
    cx = `${cx.slice(0, at)}<${cp}author>${NOTE_AUTHOR}</${cp}author>${cx.slice(at)}`;
  }
  if (!findElement(cx, `${cp}commentList`)) {
    const at = cx.lastIndexOf(`</${cp}comments>`);
    cx = `${cx.slice(0, at)}<${cp}commentList></${cp}commentList>${cx.slice(at)}`;
  }
  cx = cx.replace(new RegExp(`<${cp}commentList\\s*/>`), `<${cp}commentList></${cp}commentList>`);
  const comments = items
    .map((i) => `<${cp}comment ref="${i.address}" authorId="${author}"><${cp}text>${noteRun(cp, i.text)}</${cp}text></${cp}comment>`)
    .join('');
  const at = cx.lastIndexOf(`</${cp}commentList>`);
  pkg.set(commentsPart, cx.slice(0, at) + comments + cx.slice(at));

  // VML drawing.
  let out = xml;
  let drawing = legacyDrawingOf(pkg, sheetPart, out, p);
  if (!drawing) {
    const part = pkg.free('xl/drawings/vmlDrawing', '.vml');
    const { idmap } = maxShapeNumbers(pkg);
    pkg.set(
      part,
      `<xml xmlns:v="${VML_NS.v}" xmlns:o="${VML_NS.o}" xmlns:x="${VML_NS.x}"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idmap + 1}"/></o:shapelayout>${vmlShapetype({ v: 'v', o: 'o', x: 'x' })}</xml>`,
    );
    pkg.addOverride(part, CT_VML);
    const rid = pkg.addRel(sheetPart, REL_VML, part);
    // The relationships prefix of the root, or one declared on the new element itself (as openpyxl does).
    const rp = relPrefix(out, p);
    const slot = legacyDrawingSlot(out, p);
    out = `${out.slice(0, slot)}<${p}legacyDrawing ${rp ? `${rp}:id` : `xmlns:r="${REL_NS}" r:id`}="${rid}"/>${out.slice(slot)}`;
    drawing = legacyDrawingOf(pkg, sheetPart, out, p)!;
  }
  const bound = vmlPrefixes(pkg.text(drawing.part)!);
  const px = bound.prefixes;
  let vml = bound.vml;
  if (!/\bid\s*=\s*["']_x0000_t202["']/.test(vml)) {
    const layout = vml.indexOf(`</${px.o}:shapelayout>`);
    const at2 = layout >= 0 ? layout + `</${px.o}:shapelayout>`.length : vml.lastIndexOf('</xml>');
    vml = vml.slice(0, at2) + vmlShapetype(px) + vml.slice(at2);
  }
  const idmapM = /<(?:[\w.-]+:)?idmap\b[^>]*\bdata\s*=\s*["'](\d+)/.exec(vml);
  let next = Math.max((idmapM ? Number(idmapM[1]) : 1) * 1024, ...[...vml.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1]))) + 1;
  const shapes = items.map((i) => {
    const { row, col } = parseA1(i.address);
    return vmlShape(next++, row, col, px);
  });
  const end = vml.lastIndexOf('</xml>');
  if (end < 0) throw new PatchError('工作表的批注绘图部件（VML）无法识别，无法加上批注。请在 Excel 或 WPS 中打开该文件并另存为 .xlsx 后重试。');
  pkg.set(drawing.part, vml.slice(0, end) + shapes.join('') + vml.slice(end));
  return out;
}

/** The prefix bound to the relationships namespace on the root element, or ''. */
function relPrefix(xml: string, p: string): string {
  const root = new RegExp(`<${p}worksheet[^>]*>`).exec(xml)?.[0] ?? '';
  const m = new RegExp(`xmlns:([\\w.-]+)="${REL_NS.replace(/[.]/g, '\\.')}"`).exec(root);
  return m ? m[1] : '';
}

/** Removes the product's notes (those starting with the marker) from a sheet; a kept original goes back. */
function removeOurNotes(pkg: Package, sheetPart: string, xml: string, touched: Set<string>): string {
  const commentsRel = pkg.rels(sheetPart).find((r) => isType(r.type, REL_COMMENTS) && pkg.has(r.part));
  if (!commentsRel) return xml;
  let cx = pkg.text(commentsRel.part)!;
  const cp = rootPrefix(cx, 'comments');
  const removed: { row: number; col: number }[] = [];
  const edits: Edit[] = [];
  for (const c of findElements(cx, `${cp}comment`)) {
    const text = commentText(c.text);
    if (!isOurs(text)) continue;
    touched.add((attr(startTag(c), 'ref') ?? '').toUpperCase());
    const original = keptOriginal(text);
    if (original !== null) {
      const open = startTag(c);
      edits.push({ start: c.start, end: c.end, text: `${open}<${cp}text>${noteRun(cp, original)}</${cp}text></${cp}comment>` });
    } else {
      edits.push({ start: c.start, end: c.end, text: '' });
      const ref = attr(startTag(c), 'ref');
      if (ref) removed.push(parseA1(ref));
    }
  }
  if (!edits.length) return xml;
  cx = applyEdits(cx, edits);
  // Our author, when it is the last one and nothing uses it any more.
  const authors = findElements(cx, `${cp}author`);
  const last = authors[authors.length - 1];
  if (last && last.text.includes(`>${NOTE_AUTHOR}<`) && !new RegExp(`authorId="${authors.length - 1}"`).test(cx)) cx = cx.slice(0, last.start) + cx.slice(last.end);
  const p = rootPrefix(xml, 'worksheet');
  let out = xml;
  const drawing = legacyDrawingOf(pkg, sheetPart, xml, p);
  if (drawing && removed.length) {
    let vml = pkg.text(drawing.part)!;
    const shapeEdits: Edit[] = [];
    for (const { span, note } of vmlShapes(vml)) if (note && removed.some((r) => r.row === note.row && r.col === note.col)) shapeEdits.push({ start: span.start, end: span.end, text: '' });
    vml = applyEdits(vml, shapeEdits);
    // The part goes only when no shape of any kind is left (the user's own shapes stay with it).
    if (vmlShapes(vml).length === 0) {
      pkg.remove(drawing.part);
      pkg.removeOverride(drawing.part);
      pkg.removeRel(sheetPart, drawing.rid);
      out = out.slice(0, drawing.span.start) + out.slice(drawing.span.end);
    } else pkg.set(drawing.part, vml);
  }
  if (!findElement(cx, `${cp}comment`) && findElements(cx, `${cp}author`).length === 0) {
    pkg.remove(commentsRel.part);
    pkg.removeOverride(commentsRel.part);
    pkg.removeRel(sheetPart, commentsRel.id);
  } else pkg.set(commentsRel.part, cx);
  if (pkg.text(relsPartOf(sheetPart))?.match(/<Relationships[^>]*>\s*<\/Relationships>\s*$/)) pkg.remove(relsPartOf(sheetPart));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Sheets: removing the product's, adding new ones.

function removeSheet(pkg: Package, wbPart: string, name: string): void {
  let xml = pkg.text(wbPart)!;
  const p = rootPrefix(xml, 'workbook');
  const sec = findElement(xml, `${p}sheets`)!;
  const list = findElements(xml, `${p}sheet`, sec.start + 1, sec.end);
  const index = list.findIndex((s) => attr(startTag(s), 'name') === name);
  if (index < 0) return;
  const el = list[index];
  const rid = relIdOf(startTag(el));
  const part = pkg.rels(wbPart).find((r) => r.id === rid)?.part;
  xml = xml.slice(0, el.start) + xml.slice(el.end);
  // Sheet-local names of the removed sheet go; those of later sheets move down by one.
  const names = findElement(xml, `${p}definedNames`);
  if (names) {
    const edits: Edit[] = [];
    for (const d of findElements(xml, `${p}definedName`, names.start + 1, names.end)) {
      const tag = startTag(d);
      const local = attr(tag, 'localSheetId');
      if (local === null) continue;
      if (Number(local) === index) edits.push({ start: d.start, end: d.end, text: '' });
      else if (Number(local) > index) edits.push({ start: d.start, end: d.start + tag.length, text: setAttr(tag, 'localSheetId', String(Number(local) - 1)) });
    }
    xml = applyEdits(xml, edits);
    xml = xml.replace(new RegExp(`<${p}definedNames(\\s*) ></${p}definedNames>`), `<${p}definedNames$1/>`).replace(new RegExp(`<${p}definedNames></${p}definedNames>`), '');
  }
  const view = findElement(xml, `${p}workbookView`);
  if (view) {
    const tag = startTag(view);
    const active = Number(attr(tag, 'activeTab') ?? '0');
    if (active > index) xml = xml.slice(0, view.start) + setAttr(tag, 'activeTab', String(active - 1)) + xml.slice(view.start + tag.length);
  }
  pkg.set(wbPart, xml);
  pkg.removeRel(wbPart, rid);
  if (part) {
    // The sheet's own notes (comments part and VML drawing) go with it: nothing else refers to them.
    for (const r of pkg.rels(part))
      if (!r.external && /\/(comments|vmlDrawing)$/.test(r.type) && r.part) {
        pkg.remove(r.part);
        pkg.removeOverride(r.part);
      }
    pkg.remove(part);
    pkg.removeOverride(part);
    pkg.remove(relsPartOf(part));
  }
}

function addSheet(pkg: Package, wbPart: string, name: string, sheetXml: string, state: 'visible' | 'veryHidden', titleRows = 0): string {
  // Excel opens no workbook with two sheets of one name, case as Excel ignores it (「表Ⅲ」 and 「表ⅲ」, sheet-names.ts):
  // placeGenerated never chooses such a name; a file that would have one is not written.
  const taken = sheetsOf(pkg, wbPart).find((s) => sameExcelName(s.name, name));
  if (taken) throw new PatchError(`工作簿中已有工作表「${taken.name}」，Excel 视为与要写入的「${name}」同名（工作表名称不区分大小写），无法写入。`);
  const part = pkg.free('xl/worksheets/sheet', '.xml');
  pkg.set(part, sheetXml);
  pkg.addOverride(part, CT_WORKSHEET);
  const rid = pkg.addRel(wbPart, REL_WORKSHEET, part);
  const xml = pkg.text(wbPart)!;
  const p = rootPrefix(xml, 'workbook');
  const sec = findElement(xml, `${p}sheets`)!;
  const list = findElements(xml, `${p}sheet`, sec.start + 1, sec.end);
  const ids = list.map((s) => Number(attr(startTag(s), 'sheetId')) || 0);
  // The relationships prefix declared on the root, or a declaration on the element itself (openpyxl's way).
  const root = new RegExp(`<${p}workbook[^>]*>`).exec(xml)?.[0] ?? '';
  const declared = new RegExp(`xmlns:([\\w.-]+)="${REL_NS.replace(/[.]/g, '\\.')}"`).exec(root)?.[1];
  const ref = declared ? `${declared}:id` : `xmlns:r="${REL_NS}" r:id`;
  const el = `<${p}sheet name="${escapeXml(name)}" sheetId="${Math.max(0, ...ids) + 1}"${state === 'veryHidden' ? ' state="veryHidden"' : ''} ${ref}="${rid}"/>`;
  const at = sec.end - `</${p}sheets>`.length;
  let out = xml.slice(0, at) + el + xml.slice(at);
  if (titleRows > 0) out = addPrintTitles(out, p, list.length, name, titleRows);
  pkg.set(wbPart, out);
  return part;
}

/**
 * The header rows printed on every page (the sheet-local name _xlnm.Print_Titles), appended to
 * <definedNames>, which is created after <sheets> (and <functionGroups>, <externalReferences>) when absent.
 * Removing the sheet removes the name again (removeSheet).
 */
function addPrintTitles(xml: string, p: string, index: number, name: string, rows: number): string {
  const el = `<${p}definedName name="_xlnm.Print_Titles" localSheetId="${index}">${escapeXml(`'${name.replace(/'/g, "''")}'!$1:$${rows}`)}</${p}definedName>`;
  const names = findElement(xml, `${p}definedNames`);
  if (names && !names.text.endsWith('/>')) {
    const at = names.end - `</${p}definedNames>`.length;
    return xml.slice(0, at) + el + xml.slice(at);
  }
  // An empty <definedNames/> is opened with a space before '>' (after the spacing it had before '/>', as in
  // openpyxl's <definedNames />) so that removing the last name restores it exactly (removeSheet); a section
  // created here has none and goes away with its last name.
  if (names) {
    const spacing = /^<[^\s/>]+(\s*)\/>$/.exec(names.text)?.[1] ?? '';
    return xml.slice(0, names.start) + `<${p}definedNames${spacing} >${el}</${p}definedNames>` + xml.slice(names.end);
  }
  const after = Math.max(...[`</${p}sheets>`, `</${p}functionGroups>`, `</${p}externalReferences>`].map((t) => {
    const i = xml.indexOf(t);
    return i < 0 ? -1 : i + t.length;
  }));
  return xml.slice(0, after) + `<${p}definedNames>${el}</${p}definedNames>` + xml.slice(after);
}

// ---------------------------------------------------------------------------------------------------------
// Writing a generated sheet.

function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function linesIn(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(textWidth(part) / usable)), 0);
}

function gridStyle(styles: Styles, c: SheetCell, wrap: boolean): number {
  const key = `grid|${c.style ?? 'none'}|${c.format ?? ''}|${wrap}|${c.link ? 1 : 0}|${c.flag ? 1 : 0}`;
  return styles.cached(key, () => makeGridStyle(styles, c, wrap));
}

function makeGridStyle(styles: Styles, c: SheetCell, wrap: boolean): number {
  const spec = CELL_STYLES[c.style ?? 'none'];
  const p = styles.p;
  const color = c.link ? 'FF0563C1' : spec.color ? `FF${spec.color.replace('#', '').toUpperCase()}` : null;
  const font = styles.add(
    'fonts',
    `<${p}font>${spec.bold ? `<${p}b/>` : ''}${spec.italic ? `<${p}i/>` : ''}${c.link ? `<${p}u/>` : ''}<${p}sz val="${spec.size ?? 11}"/>${color ? `<${p}color rgb="${color}"/>` : ''}<${p}name val="${escapeXml(spec.font ?? '等线')}"/><${p}family val="2"/><${p}charset val="134"/></${p}font>`,
  );
  const fillHex = c.flag ? FLAG_FILL : spec.fill;
  const fill = fillHex ? styles.solidFill(fillHex) : 0;
  const thin = (side: string) => `<${p}${side} style="thin"><${p}color rgb="FFBFBFBF"/></${p}${side}>`;
  const border = spec.border ? styles.add('borders', `<${p}border>${thin('left')}${thin('right')}${thin('top')}${thin('bottom')}<${p}diagonal/></${p}border>`) : 0;
  const numFmt = styles.numFmt(c.format);
  // Numbers follow their style's alignment too: the official tables centre them (shenbao.md §2.7), as the
  // Office.js adapter does.
  const horizontal = spec.align ? ` horizontal="${spec.align}"` : '';
  return styles.add(
    'cellXfs',
    `<${p}xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><${p}alignment${horizontal} vertical="center"${wrap ? ' wrapText="1"' : ''}/></${p}xf>`,
  );
}

function cellXml(ref: string, value: SheetCell['value'], s: number, keepEmpty = false): string {
  const st = s ? ` s="${s}"` : '';
  if (value === null || (value === '' && !keepEmpty)) return `<c r="${ref}"${st}/>`;
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${st}><v>${value}</v></c>` : `<c r="${ref}"${st} t="inlineStr"><is><t>—</t></is></c>`;
  if (typeof value === 'boolean') return `<c r="${ref}"${st} t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${st} t="inlineStr"><is><t xml:space="preserve">${xstring(value.slice(0, 32767))}</t></is></c>`;
}

const WORKSHEET_OPEN = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

/** A generated sheet as worksheet XML, in the look of the other adapters (CELL_STYLES). */
export function generatedSheetXml(g: SheetGrid, styles: Styles): string {
  const rows: string[] = [];
  const links: string[] = [];
  // A merged area's top-left cell wraps in the width of all its columns, over all its rows.
  const spans = new Map<string, { width: number; rows: number }>();
  const covered = new Set<string>();
  for (const m of g.merges ?? []) {
    const [from, to] = m.split(':');
    const a = parseA1(from);
    const b = parseA1(to ?? from);
    if (!a || !b) continue;
    let width = 0;
    for (let c = a.col; c <= b.col; c++) width += g.widths[c] ?? 10;
    spans.set(`${a.row},${a.col}`, { width, rows: b.row - a.row + 1 });
    for (let r = a.row; r <= b.row; r++) for (let c = a.col; c <= b.col; c++) if (r !== a.row || c !== a.col) covered.add(`${r},${c}`);
  }
  g.rows.forEach((row, r) => {
    let lines = 1;
    let size = 11;
    const cells: string[] = [];
    row.forEach((c, col) => {
      if (c === undefined || c === null) return;
      // A cell with neither value nor style is a gap in the form: nothing is written (no border).
      if (c.style === undefined && (c.value === null || c.value === '') && !c.flag) return;
      const spec = CELL_STYLES[c.style ?? 'none'];
      const text = c.value === null ? '' : String(c.value);
      const span = spans.get(`${r},${col}`);
      const width = span?.width ?? g.widths[col] ?? 10;
      const nextTaken = row.slice(col + 1).some((x) => x && x.value !== null && x.value !== '');
      const inTable = c.style !== 'title' && c.style !== 'note' && c.style !== 'formTitle';
      // A footnote outside a merged area runs on over the empty cells to its right rather than wrapping in one column.
      const wrap = (spec.wrap === true && !(c.style === 'formFootnote' && !span)) || (inTable && typeof c.value === 'string' && (nextTaken || col >= g.widths.length - 1) && textWidth(text) > width - 1);
      if (wrap && !covered.has(`${r},${col}`)) lines = Math.max(lines, Math.ceil(linesIn(text, width) / (span?.rows ?? 1)));
      size = Math.max(size, spec.size ?? 11);
      const ref = `${columnLetter(col)}${r + 1}`;
      cells.push(cellXml(ref, c.value, gridStyle(styles, c, wrap)));
      if (c.link) links.push(`<hyperlink ref="${ref}" location="${escapeXml(c.link)}" tooltip="${escapeXml(`转到 ${c.link}`)}"/>`);
    });
    const fixed = g.rowHeights?.[r];
    const ht = fixed !== undefined ? Math.min(MAX_ROW_HEIGHT, fixed) : lines > 1 || size > 11 ? Math.min(MAX_ROW_HEIGHT, Math.ceil(lines * size * 1.35 + 4)) : null;
    if (cells.length || ht) rows.push(`<row r="${r + 1}"${ht ? ` ht="${ht}" customHeight="1"` : ''}>${cells.join('')}</row>`);
  });
  const top = `A${g.frozenRows + 1}`;
  const view =
    g.frozenRows > 0
      ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${g.frozenRows}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>`
      : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const cols = g.widths.length ? `<cols>${g.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` : '';
  return (
    WORKSHEET_OPEN +
    `<sheetPr>${g.tabColor ? `<tabColor rgb="FF${g.tabColor.replace('#', '').toUpperCase()}"/>` : ''}<pageSetUpPr fitToPage="1"/></sheetPr>` +
    view +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    cols +
    (rows.length ? `<sheetData>${rows.join('')}</sheetData>` : '<sheetData/>') +
    (g.merges?.length ? `<mergeCells count="${g.merges.length}">${g.merges.map((m) => `<mergeCell ref="${escapeXml(m)}"/>`).join('')}</mergeCells>` : '') +
    (links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '') +
    // A landscape table gets Excel's 「窄」 margins, so that a wide form prints larger (fit to one page wide).
    (g.landscape ? '<pageMargins left="0.25" right="0.25" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' : '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>') +
    `<pageSetup paperSize="9" orientation="${g.landscape ? 'landscape' : 'portrait'}" fitToHeight="0"/>` +
    (g.rowBreaks?.length ? `<rowBreaks count="${g.rowBreaks.length}" manualBreakCount="${g.rowBreaks.length}">${g.rowBreaks.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join('')}</rowBreaks>` : '') +
    '</worksheet>'
  );
}

function recordSheetXml(rows: readonly string[][]): string {
  const body = rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(`${columnLetter(c)}${r + 1}`, v, 0, true)).join('')}</row>`).join('');
  return `${WORKSHEET_OPEN}<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>${body}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

// ---------------------------------------------------------------------------------------------------------
// The whole step.

interface Recorded {
  look: StoredLook;
  exact: ExactState | null;
}

function readRecord(grids: readonly CellGrid[]): { cells: Recorded[]; generated: string[]; legacy: boolean; present: boolean; settings: Record<string, unknown> | null } {
  const { store: rows, list: listRows } = recordRowsOf(grids);
  if (!rows) return { cells: [], generated: decodeGenerated([], listRows).sheets, legacy: false, present: false, settings: null };
  const cells: Recorded[] = [];
  for (const r of rows) {
    const [look] = decodeStore([r]);
    if (!look) continue;
    let exact: ExactState | null = null;
    try {
      const j = JSON.parse(String(r[6] ?? '')) as Partial<ExactState>;
      if (j && typeof j === 'object' && typeof j.s === 'string' && (j.k === 0 || j.k === 1 || j.k === 2 || j.k === 3)) exact = { s: j.s, k: j.k, n: j.n === 1 ? 1 : 0 };
    } catch {
      // an older record (exceljs look) or none: restored by colour
    }
    cells.push({ look, exact });
  }
  const { sheets, legacy } = decodeGenerated(rows, listRows);
  return { cells, generated: sheets, legacy, present: true, settings: decodeSettings(rows) };
}

export interface PatchInput {
  /** The user's file. */
  bytes: Uint8Array;
  /** Its sheets as read (for the mark record of an earlier run). */
  grids: readonly CellGrid[];
  marks: readonly Mark[];
  /** The generated sheets, under their own names. */
  sheets: readonly SheetGrid[];
  inflateRaw: InflateRaw;
  deflateRaw?: DeflateRaw;
  /** Only undo an earlier run (「清除标记」): restore the cells, remove the product's notes and sheets. */
  clear?: boolean;
  /**
   * The pane's settings to keep in the record (the page's rule profile and options); absent: those of the
   * earlier record are kept as they were (the command line does not change them).
   */
  settings?: Record<string, unknown> | null;
}

export function annotatePackage(input: PatchInput): PatchOutcome {
  const pkg = new Package(input.bytes, input.inflateRaw);
  const wbPart = workbookPartOf(pkg);
  if (!pkg.has(wbPart)) throw new PatchError('文件中没有工作簿内容（xl/workbook.xml），不是有效的 .xlsx 文件。');
  const { macros } = workbookKind(pkg, wbPart);
  const styles = Styles.open(pkg, wbPart);
  const record = readRecord(input.grids);
  const sheetList = () => sheetsOf(pkg, wbPart);
  const sheetXml = new Map<string, string>();
  const partOf = (name: string) => {
    const list = sheetList();
    return (list.find((s) => s.name === name) ?? list.find((s) => sameName(s.name, name)))?.part ?? null;
  };
  const xmlOf = (part: string) => sheetXml.get(part) ?? pkg.text(part) ?? '';

  // ---- 1. undo an earlier run ----
  const restoredCells = new Set<string>();
  const markFills = new Set(Object.values(MARK_COLORS).map((c) => c.toUpperCase()));
  const bySheet = new Map<string, Recorded[]>();
  for (const r of record.cells) bySheet.set(r.look.sheet, [...(bySheet.get(r.look.sheet) ?? []), r]);
  // Our notes are taken off every sheet with a recorded or a new mark (also when a record was lost).
  const noteSheets = new Set<string>([...record.cells.map((r) => r.look.sheet), ...input.marks.map((m) => m.sheet)]);
  for (const [sheet, list] of bySheet) {
    const part = partOf(sheet);
    if (!part || !pkg.has(part)) continue;
    let xml = xmlOf(part);
    const p = rootPrefix(xml, 'worksheet');
    const targets = new Map<string, Restyle>();
    const written: { address: string; k: ExactState['k'] }[] = [];
    // The first record of a cell wins (the earliest look).
    const seen = new Set<string>();
    for (const r of list) {
      const address = r.look.address.toUpperCase();
      if (seen.has(address)) continue;
      seen.add(address);
      targets.set(address, ({ s, located }) => {
        if (!located.cell) return null;
        const current = Number(s || '0');
        const level = r.look.level as MarkLevel;
        const colours = level in MARK_COLORS ? [MARK_COLORS[level].toUpperCase()] : [...markFills];
        // Only a cell that still shows the mark is restored: a cell the user refilled keeps the user's look.
        if (!colours.includes(styles.fillHexOfXf(current))) return null;
        restoredCells.add(`${sheet}!${address}`);
        const e = r.exact;
        // The format the cell had, exactly, unless the user changed more than the fill since the mark (a number
        // format, a font): then only the mark's fill is taken off and the user's later formatting stays.
        const original = Number(e?.s || '0');
        if (!e || original >= styles.xfCount() || styles.fillHexOfXf(original) !== r.look.fill.toUpperCase()) return String(styles.xfWithFill(current, r.look.fill));
        if (!styles.sameButFill(current, original)) return String(styles.xfWithFillOf(current, original));
        if (e.k > 0) written.push({ address, k: e.k });
        return e.s;
      });
    }
    xml = restyleCells(xml, p, sheet, targets).xml;
    xml = removeWrittenCells(xml, p, written);
    sheetXml.set(part, xml);
  }
  for (const sheet of noteSheets) {
    const part = partOf(sheet);
    if (!part || !pkg.has(part)) continue;
    const touched = new Set<string>();
    let xml = removeOurNotes(pkg, part, xmlOf(part), touched);
    // A cell that had one of our notes but no record (the record was lost, e.g. the sheets copied into another
    // workbook) and still shows a mark colour: its fill was ours too, and goes, or it would stay orange for good.
    const unrecorded = [...touched].filter((a) => !restoredCells.has(`${sheet}!${a}`));
    if (unrecorded.length) {
      const targets = new Map<string, Restyle>();
      for (const a of unrecorded)
        targets.set(a, ({ s, located }) => (located.cell && markFills.has(styles.fillHexOfXf(Number(s || '0'))) ? String(styles.xfWithFill(Number(s || '0'), '')) : null));
      xml = restyleCells(xml, rootPrefix(xml, 'worksheet'), sheet, targets).xml;
    }
    sheetXml.set(part, xml);
    for (const a of touched) restoredCells.add(`${sheet}!${a}`);
  }
  const restored = restoredCells.size;
  for (const [part, xml] of sheetXml) pkg.set(part, xml);
  sheetXml.clear();

  // Sheets: the product's generated ones and the record go; a user's sheet of the same name stays.
  const existing = sheetList().map((s) => s.name).filter((n) => !isRecordSheet(n));
  const removeRecords = () => {
    for (const s of sheetList()) if (isRecordSheet(s.name)) removeSheet(pkg, wbPart, s.name);
  };
  const marksSheets = new Set(input.marks.map((m) => m.sheet));
  if (input.clear) {
    for (const n of record.generated) if (existing.includes(n)) removeSheet(pkg, wbPart, n);
    if (record.legacy) for (const n of existing) if (([...GENERATED_SHEETS, ...LEGACY_GENERATED_SHEETS] as readonly string[]).includes(n.trim())) removeSheet(pkg, wbPart, n);
    removeRecords();
    styles.save();
    return { bytes: pkg.write(input.deflateRaw), restored, placements: [], keptNotes: [], macros };
  }
  const placements = placeGenerated(
    input.sheets.map((g) => g.name),
    existing,
    record.generated,
    record.legacy,
    existing.filter((n) => marksSheets.has(n)),
  );
  for (const pl of placements) for (const n of pl.replaces) removeSheet(pkg, wbPart, n);
  // Migration: the working sheets under their names before issue 13 (学校达标情况…) go when the product made them.
  const migrated = existing.filter((n) => legacyGenerated(n, record.generated, record.legacy) && !placements.some((pl) => pl.replaces.includes(n)));
  for (const n of migrated) removeSheet(pkg, wbPart, n);
  removeRecords();

  // ---- 2. mark ----
  const looks: StoredLook[] = [];
  const exact: ExactState[] = [];
  const keptNotes: Mark[] = [];
  const marksBySheet = new Map<string, Mark[]>();
  for (const m of input.marks) marksBySheet.set(m.sheet, [...(marksBySheet.get(m.sheet) ?? []), m]);
  for (const [sheet, list] of marksBySheet) {
    const part = partOf(sheet);
    if (!part || !pkg.has(part)) continue;
    let xml = xmlOf(part);
    const p = rootPrefix(xml, 'worksheet');
    const notes = notesOf(pkg, part);
    const unique = new Map<string, Mark>();
    for (const m of list) if (!unique.has(m.address.toUpperCase())) unique.set(m.address.toUpperCase(), m);
    const targets = new Map<string, Restyle>();
    for (const [address, m] of unique) targets.set(address, ({ s }) => String(styles.xfWithFill(Number(s || '0'), MARK_COLORS[m.level])));
    const res = restyleCells(xml, p, sheet, targets);
    xml = res.xml;
    const newNotes: { address: string; text: string }[] = [];
    for (const [address, m] of unique) {
      const b = res.before.get(address)!;
      const note = notes.notes.get(address);
      const user = note !== undefined || notes.threaded.has(address);
      looks.push({ sheet: m.sheet, address: m.address, level: m.level, fill: styles.fillHexOfXf(Number(b.s || '0')), hadNote: user, note: note?.text ?? '' });
      exact.push({ s: b.s, k: b.k, n: user ? 0 : 1 });
      if (user) keptNotes.push(m);
      else newNotes.push({ address, text: noteText(m.note, null) });
    }
    xml = addNotes(pkg, part, xml, newNotes);
    pkg.set(part, xml);
  }

  // ---- 3. generated sheets and the record ----
  const written: string[] = [];
  input.sheets.forEach((g, i) => {
    const name = placements[i].name;
    const grid = g.name === SHEET_ISSUES_REPORT ? withKeptNotes(g, keptNotes) : g;
    const part = addSheet(pkg, wbPart, name, generatedSheetXml({ ...grid, name }, styles), 'visible', grid.frozenRows);
    if (grid.notes?.length) pkg.set(part, addNotes(pkg, part, pkg.text(part)!, grid.notes));
    written.push(name);
  });
  // Sheets of an earlier run not written again this time (none today) stay the product's.
  const stillOurs = record.generated.filter((n) => !placements.some((pl) => pl.replaces.includes(n)) && existing.includes(n) && !migrated.includes(n));
  const settings = input.settings === undefined ? record.settings : input.settings;
  const rows = encodeStore(looks, settings).map((row, i) => [...row, i === 0 ? EXACT_LOOK_HEADER : i <= exact.length ? JSON.stringify(exact[i - 1]) : '']);
  addSheet(pkg, wbPart, MARK_STORE_SHEET, recordSheetXml(rows), 'veryHidden');
  addSheet(pkg, wbPart, GENERATED_RECORD_SHEET, recordSheetXml(encodeGenerated([...written, ...stillOurs])), 'veryHidden');
  styles.save();
  return { bytes: pkg.write(input.deflateRaw), restored, placements, keptNotes, macros };
}

// ---------------------------------------------------------------------------------------------------------
// A new workbook of generated sheets only (the `shenbao` command): a minimal package, the same sheet writer.

const NEW_WORKBOOK: Record<string, string> = {
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
  '_rels/.rels':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/workbook.xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="0"/></bookViews><sheets></sheets></workbook>',
  'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>',
};

/** A new .xlsx holding only `sheets` (at least one), written as annotate writes its generated sheets. */
export function sheetsWorkbook(sheets: readonly SheetGrid[], inflateRaw: InflateRaw, deflateRaw?: DeflateRaw): Uint8Array {
  if (!sheets.length) throw new PatchError('没有可写出的工作表。');
  const enc = new TextEncoder();
  const empty = writeZip(Object.entries(NEW_WORKBOOK).map(([name, text]) => ({ name, data: enc.encode(text) })));
  const pkg = new Package(empty, inflateRaw);
  const wbPart = 'xl/workbook.xml';
  const styles = Styles.open(pkg, wbPart);
  for (const g of sheets) {
    const part = addSheet(pkg, wbPart, g.name, generatedSheetXml(g, styles), 'visible', g.frozenRows);
    if (g.notes?.length) pkg.set(part, addNotes(pkg, part, pkg.text(part)!, g.notes));
  }
  styles.save();
  return pkg.write(deflateRaw);
}
