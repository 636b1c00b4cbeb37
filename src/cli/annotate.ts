/**
 * `annotate <workbook.xlsx> -o <out.xlsx>` (spec/cli.md): writes a copy of the workbook with the same marks
 * and generated sheets as the add-in. The exceljs adapter of the pipeline's last step:
 *
 *   1. undo the marks of an earlier run (from the very-hidden mark record) and drop the generated sheets;
 *   2. mark the input cells (fill + note), keeping each cell's earlier fill and note in the mark record;
 *   3. add 「学校达标情况」「校际均衡情况」「问题清单」.
 *
 * No user value is ever changed, and the input file is never written: annotating an annotated file gives
 * the same workbook as annotating the original.
 */
import ExcelJS from 'exceljs';
import { existsSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import type { ResolvedProfile } from '../domain/profile';
import { analyse, type Analysis } from '../report/build';
import { countMarks, marksOf } from '../report/marks';
import { decodeStore, encodeStore, MARK_STORE_SHEET, noteText as markNote, type StoredLook } from '../report/markstore';
import { MARK_COLORS, type Mark, type MarkLevel, type SheetGrid } from '../report/model';
import { CELL_STYLES, summarySheets } from '../report/sheets';
import { parseA1 } from '../template/grid';
import type { Fatal } from '../template/issues';
import { GENERATED_SHEETS } from '../template/schema';
import { ArgsError, type Args } from './args';
import type { Io } from './main';
import { gridsOf, loadWorkbook, plainValue, ReadFailure } from './xlsx';
import { loadProfile } from './profile-file';

/**
 * Extra column of the mark record, after the six shared ones: the exact exceljs fill and note of the cell
 * before it was marked (JSON), so that theme colours, patterns and formatted notes come back exactly.
 * The Office.js adapter ignores it and uses the #RRGGBB fill and the note text.
 */
export const EXACT_LOOK_HEADER = '原格式(程序用)';

type ExcelNote = ExcelJS.Cell['note'];

interface ExactLook {
  fill: ExcelJS.Fill | null;
  note: ExcelNote | null;
  /** The note text the mark set (to tell, when clearing, whether the note is still the mark's). */
  mark?: string;
}

// ---------------------------------------------------------------------------------------------------------
// exceljs internal hyperlinks. exceljs 4.4 writes `{ hyperlink: "#'Sheet'!A1" }` as an external relationship
// *and* a location ("#'Sheet'!A1##'Sheet'!A1" in Excel, a dead link in WPS), and drops location-only links
// when it reads a file. Patched once, narrowly: a target starting with '#' is written the way Excel writes an
// internal link (`<hyperlink ref location/>`, no relationship), and such a link is read back as '#'+location.

let linksPatched = false;

interface XformHyperlink {
  address: string;
  target?: string;
  rId?: string;
  tooltip?: string;
}
interface XformRel {
  Id: string;
  Type: string;
  Target: string;
  TargetMode?: string;
}
interface XformModel {
  hyperlinks?: XformHyperlink[];
  rels?: XformRel[];
  relationships?: XformRel[];
}
interface XmlStreamLike {
  leafNode(name: string, attributes: Record<string, string | undefined>): void;
}
type Method<M> = (this: unknown, model: M, ...rest: unknown[]) => void;

const HYPERLINK_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';

export function patchInternalHyperlinks(): void {
  if (linksPatched) return;
  linksPatched = true;
  const load = createRequire(require.resolve('exceljs'));
  const worksheetXform = load('./lib/xlsx/xform/sheet/worksheet-xform.js').prototype as { prepare: Method<XformModel>; reconcile: Method<XformModel> };
  const hyperlinkXform = load('./lib/xlsx/xform/sheet/hyperlink-xform.js').prototype as { render: (this: unknown, xml: XmlStreamLike, model: XformHyperlink) => void };

  const prepare = worksheetXform.prepare;
  worksheetXform.prepare = function (model, ...rest) {
    prepare.call(this, model, ...rest);
    const internal = new Set<string>();
    for (const h of model.hyperlinks ?? []) {
      if (typeof h.target !== 'string' || !h.target.startsWith('#')) continue;
      if (h.rId) internal.add(h.rId);
      h.target = h.target.slice(1);
      h.rId = undefined;
    }
    if (internal.size && model.rels) model.rels = model.rels.filter((r) => !internal.has(r.Id));
  };

  const render = hyperlinkXform.render;
  hyperlinkXform.render = function (xml, model) {
    if (model.rId === undefined && model.target) xml.leafNode('hyperlink', { ref: model.address, location: model.target, tooltip: model.tooltip });
    else render.call(this, xml, model);
  };

  const reconcile = worksheetXform.reconcile;
  worksheetXform.reconcile = function (model, ...rest) {
    (model.hyperlinks ?? []).forEach((h, i) => {
      if (h.rId || !h.target) return;
      const Id = `internal-link-${i}`;
      model.relationships = [...(model.relationships ?? []), { Id, Type: HYPERLINK_REL, Target: `#${h.target}` }];
      h.rId = Id;
    });
    reconcile.call(this, model, ...rest);
  };
}

// ---------------------------------------------------------------------------------------------------------
// Looks of cells: fill and note.

const SOLID = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hex.replace('#', '').toUpperCase()}` } });

/** #RRGGBB of a solid fill given as ARGB, '' for no fill or a fill that has no plain colour (theme, gradient). */
export function fillHex(fill: ExcelJS.Fill | undefined | null): string {
  if (!fill || fill.type !== 'pattern' || fill.pattern !== 'solid') return '';
  const argb = fill.fgColor?.argb;
  return typeof argb === 'string' && /^[0-9A-Fa-f]{8}$/.test(argb) ? `#${argb.slice(2).toUpperCase()}` : '';
}

export function noteText(note: ExcelNote | undefined | null): string {
  if (note === undefined || note === null) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

function setFill(cell: ExcelJS.Cell, fill: ExcelJS.Fill | null): void {
  // exceljs shares one style object between cells read with the same style: never mutate it, replace it.
  const style: Partial<ExcelJS.Style> = { ...cell.style };
  if (fill) style.fill = fill;
  else delete style.fill;
  cell.style = style;
}

function setNote(cell: ExcelJS.Cell, note: ExcelNote | null): void {
  if (note !== null && note !== undefined && note !== '') cell.note = note;
  // exceljs has no API to remove a note; `note = undefined` would write an empty comment.
  else (cell as unknown as { _comment?: unknown })._comment = undefined;
}

function sheetByName(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  return wb.getWorksheet(name) ?? wb.worksheets.find((w) => w.name.trim() === name.trim());
}

function cellAtAddress(ws: ExcelJS.Worksheet, address: string): ExcelJS.Cell | null {
  try {
    const { row, col } = parseA1(address);
    return ws.getCell(row + 1, col + 1);
  } catch {
    return null;
  }
}

function parseExact(text: string): ExactLook | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as ExactLook;
    return v && typeof v === 'object' && 'fill' in v && 'note' in v ? v : null;
  } catch {
    return null;
  }
}

/** Restores every cell listed in the mark record and removes the record. Returns the number of cells restored. */
export function clearEarlierMarks(wb: ExcelJS.Workbook): number {
  const store = wb.worksheets.find((w) => w.name.trim() === MARK_STORE_SHEET);
  if (!store) return 0;
  const rows: unknown[][] = [];
  store.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= 7; c++) cells.push(plainValue(row.getCell(c).value));
    rows[n - 1] = cells;
  });
  const records: { look: StoredLook; exact: ExactLook | null }[] = [];
  for (const r of rows) {
    if (!r) continue;
    const [look] = decodeStore([r]);
    if (look) records.push({ look, exact: parseExact(typeof r[6] === 'string' ? r[6] : '') });
  }
  let restored = 0;
  // Backwards, so that for a cell listed twice the first (oldest) record wins.
  for (const { look, exact } of [...records].reverse()) {
    const ws = sheetByName(wb, look.sheet);
    const cell = ws && cellAtAddress(ws, look.address);
    if (!cell) continue;
    // Only a cell that still shows the mark is restored: if the user refilled it, or rows were inserted so that
    // the address now names another cell, the user's look stays as it is.
    const colours = look.level in MARK_COLORS ? [MARK_COLORS[look.level as MarkLevel]] : Object.values(MARK_COLORS);
    const marked = colours.map((c) => c.toUpperCase()).includes(fillHex(cell.style?.fill));
    const noted = exact?.mark !== undefined ? noteText(cell.note) === exact.mark : marked;
    if (marked) setFill(cell, exact ? exact.fill : look.fill ? SOLID(look.fill) : null);
    if (noted) setNote(cell, exact ? exact.note : look.hadNote ? look.note : null);
    if (marked || noted) restored++;
  }
  wb.removeWorksheet(store.id);
  return restored;
}


/**
 * Applies the marks. Returns the rows of the mark record (header first; none when nothing was marked):
 * the six shared columns of markstore.ts and the exact earlier look.
 */
export function applyMarks(wb: ExcelJS.Workbook, marks: readonly Mark[]): string[][] {
  const looks: StoredLook[] = [];
  const exact: string[] = [];
  for (const m of marks) {
    const ws = sheetByName(wb, m.sheet);
    const cell = ws && cellAtAddress(ws, m.address);
    if (!cell) continue;
    const fill = cell.style?.fill ?? null;
    const note = cell.note ?? null;
    looks.push({ sheet: m.sheet, address: m.address, level: m.level, fill: fillHex(fill), hadNote: note !== null, note: noteText(note) });
    const text = markNote(m.note, note !== null && noteText(note) ? noteText(note) : null);
    exact.push(JSON.stringify({ fill, note, mark: text } satisfies ExactLook));
    setFill(cell, SOLID(MARK_COLORS[m.level]));
    setNote(cell, text);
  }
  if (!looks.length) return [];
  return encodeStore(looks).map((row, i) => [...row, i === 0 ? EXACT_LOOK_HEADER : exact[i - 1]]);
}

/** Writes the mark record as the last sheet, very hidden (not listed even in 「取消隐藏」). */
export function writeMarkStore(wb: ExcelJS.Workbook, rows: readonly string[][]): void {
  if (!rows.length) return;
  const store = wb.addWorksheet(MARK_STORE_SHEET, { state: 'veryHidden' });
  for (const row of rows) store.addRow(row);
}

// ---------------------------------------------------------------------------------------------------------
// Generated sheets.

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFBFBFBF' } };

/** Display width of a text in character units (CJK and full-width characters count 2). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function linesIn(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(textWidth(part) / usable)), 0);
}

export function writeGeneratedSheet(wb: ExcelJS.Workbook, g: SheetGrid): ExcelJS.Worksheet {
  const top = `A${g.frozenRows + 1}`;
  const ws = wb.addWorksheet(g.name, {
    views: g.frozenRows > 0 ? [{ state: 'frozen', xSplit: 0, ySplit: g.frozenRows, topLeftCell: top, activeCell: top }] : [{ state: 'normal' }],
  });
  g.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  // Printed as the official tables are: A4 landscape, one page wide, the header rows repeated on every page.
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  if (g.frozenRows > 0) ws.pageSetup.printTitlesRow = `1:${g.frozenRows}`;
  g.rows.forEach((row, r) => {
    let lines = 1;
    let size = 11;
    row.forEach((c, col) => {
      if (c === undefined || c === null) return;
      const cell = ws.getCell(r + 1, col + 1);
      const spec = CELL_STYLES[c.style ?? 'none'];
      const text = c.value === null ? '' : String(c.value);
      const width = g.widths[col] ?? 10;
      // Long text in a table wraps within its column when the next cell is taken or it is the last column;
      // otherwise (and always for titles and notes) it may run on into the empty cells beside it.
      const nextTaken = row.slice(col + 1).some((x) => x && x.value !== null && x.value !== '');
      const inTable = c.style !== 'title' && c.style !== 'note';
      const wrap = spec.wrap === true || (inTable && typeof c.value === 'string' && (nextTaken || col >= g.widths.length - 1) && textWidth(text) > width - 1);
      if (wrap) lines = Math.max(lines, linesIn(text, width));
      size = Math.max(size, spec.size ?? 11);
      cell.value = c.link ? { text, hyperlink: `#${c.link}`, tooltip: `转到 ${c.link}` } : c.value;
      const style: Partial<ExcelJS.Style> = {
        font: {
          name: '等线', size: spec.size ?? 11, bold: spec.bold, italic: spec.italic,
          ...(c.link ? { color: { argb: 'FF0563C1' }, underline: true } : spec.color ? { color: { argb: argb(spec.color) } } : {}),
        },
        // Numbers keep Excel's right alignment, so that a coloured value lines up with its column.
        alignment: { vertical: 'middle', horizontal: typeof c.value === 'string' ? spec.align : undefined, wrapText: wrap || undefined },
      };
      if (c.format) style.numFmt = c.format;
      if (spec.fill) style.fill = SOLID(spec.fill);
      if (spec.border) style.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
      cell.style = style;
    });
    if (lines > 1 || size > 11) ws.getRow(r + 1).height = Math.ceil(lines * size * 1.35 + 4);
  });
  return ws;
}

// ---------------------------------------------------------------------------------------------------------
// The whole step, and the command.

export interface AnnotateOutcome {
  analysis: Analysis;
  marks: Mark[];
  /** Cells of an earlier run whose look was restored first. */
  restored: number;
}

function activeSheetName(wb: ExcelJS.Workbook): string | undefined {
  const i = wb.views?.[0]?.activeTab ?? 0;
  return wb.worksheets[i]?.name;
}

/** Keeps the user's active sheet (or the first visible one) active and selected, never a hidden sheet. */
function fixViews(wb: ExcelJS.Workbook, active: string | undefined): void {
  const sheets = wb.worksheets;
  let i = sheets.findIndex((w) => w.name === active && w.state === 'visible');
  if (i < 0) i = Math.max(0, sheets.findIndex((w) => w.state === 'visible'));
  const first = Math.max(0, sheets.findIndex((w) => w.state === 'visible'));
  const base = wb.views?.[0] ?? { x: 0, y: 0, width: 20000, height: 12000, visibility: 'visible' as const };
  wb.views = [{ ...base, activeTab: i, firstSheet: Math.min(first, i) } as ExcelJS.WorkbookView];
  sheets.forEach((w, n) => {
    const views = w.views && w.views.length ? w.views : [{}];
    w.views = views.map((v, k) => (k === 0 ? { ...v, tabSelected: n === i } : v)) as ExcelJS.WorksheetView[];
  });
}

/**
 * Annotates a workbook in memory: clears an earlier run, marks, adds the generated sheets. When the workbook
 * cannot be read as the template, returns the fatal problem and leaves the workbook untouched.
 */
export function annotateWorkbook(wb: ExcelJS.Workbook, profile: ResolvedProfile): AnnotateOutcome | { fatal: Fatal } {
  const result = analyse(gridsOf(wb), profile);
  if (!result.ok) return { fatal: result.fatal };
  const active = activeSheetName(wb);
  const restored = clearEarlierMarks(wb);
  for (const w of [...wb.worksheets]) if ((GENERATED_SHEETS as readonly string[]).includes(w.name.trim())) wb.removeWorksheet(w.id);
  const marks = marksOf(result.analysis);
  const record = applyMarks(wb, marks);
  for (const g of summarySheets(result.analysis)) writeGeneratedSheet(wb, g);
  writeMarkStore(wb, record);
  fixViews(wb, active);
  return { analysis: result.analysis, marks, restored };
}

function comparable(p: string): string {
  return process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p;
}

/** Whether two paths name the same file (same resolved path, symlink target or hard link). */
export function sameFile(a: string, b: string): boolean {
  const real = (p: string) => {
    const abs = resolve(p);
    try {
      return realpathSync(abs);
    } catch {
      try {
        return join(realpathSync(dirname(abs)), basename(abs));
      } catch {
        return abs;
      }
    }
  };
  if (comparable(real(a)) === comparable(real(b))) return true;
  try {
    if (existsSync(a) && existsSync(b)) {
      const sa = statSync(a);
      const sb = statSync(b);
      return sa.ino !== 0 && sa.ino === sb.ino && sa.dev === sb.dev;
    }
  } catch {
    // unreadable: not provably the same file
  }
  return false;
}

export async function annotateCommand(args: Args, io: Io): Promise<number> {
  if (!args.file) throw new ArgsError('annotate 需要一个工作簿文件路径');
  if (!args.out) throw new ArgsError('annotate 需要用 -o 指定输出文件，例如：annotate 工作簿.xlsx -o 核验结果.xlsx');
  if (!/\.xlsx$/i.test(args.out)) throw new ArgsError(`输出文件「${args.out}」应以 .xlsx 结尾`);
  if (sameFile(args.file, args.out))
    throw new ReadFailure({
      code: 'output-is-input',
      message: `输出文件「${args.out}」就是输入文件本身。annotate 不会覆盖原工作簿，请用 -o 指定另一个文件名`,
    });
  // Loaded when run: main.ts imports the command registry, which imports this file.
  const profile = loadProfile(args.profile);
  patchInternalHyperlinks();
  const wb = await loadWorkbook(args.file);
  const outcome = annotateWorkbook(wb, profile);
  if ('fatal' in outcome) throw new ReadFailure(outcome.fatal);

  const out = resolve(args.out);
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  try {
    writeFileSync(tmp, buffer);
    renameSync(tmp, out);
  } finally {
    if (existsSync(tmp)) unlinkSync(tmp);
  }

  const { report } = outcome.analysis;
  const counts = countMarks(outcome.marks);
  const s = report.summary;
  if (args.json) {
    io.stdout(JSON.stringify({ output: args.out, marks: { total: outcome.marks.length, ...counts }, restored: outcome.restored, summary: s }, null, 1) + '\n');
  } else {
    const lines = [
      `已写入「${args.out}」`,
      ...(outcome.restored ? [`已先清除上次核验留下的标记 ${outcome.restored} 处`] : []),
      `标记单元格 ${outcome.marks.length} 个：错误 ${counts.error} 个（红色），未达标指标或项目的数据 ${counts.fail} 个（橙色），警告 ${counts.warning} 个（黄色）；说明见各单元格批注`,
      `已生成工作表：${GENERATED_SHEETS.map((n) => `「${n}」`).join('')}`,
      `错误 ${s.errors} 个，警告 ${s.warnings} 个；达标学校（学段）${s.unitsPassing}/${s.units}；差异系数达标 ${s.balancePassing}/${s.balanceTotal}`,
    ];
    if (s.errors) lines.push('请先改正「问题清单」中的错误，再重新核验');
    io.stdout(lines.join('\n') + '\n');
  }
  return s.errors > 0 ? 1 : 0;
}
