/**
 * Fuzz helper (no tests here): random corruptions of valid template workbooks, applied to an in-memory
 * workbook model that can be given to `analyse` as CellGrids or written to a real .xlsx with exceljs,
 * and the invariants every outcome must satisfy (issue 7, item 3).
 */
import { OFFICIAL_SHEETS } from '../../src/template/schema';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { CellGrid, CellValue, GridRange } from '../../src/template/grid';
import { countyArb, render } from '../property/county';

// ───────────────────────────── payloads ─────────────────────────────

/** A value put into a cell: a plain value, or something only a real workbook can hold. */
export type Payload =
  | CellValue
  | { date: string }
  | { error: string }
  | { formula: string; result: number | string | boolean | { error: string } | null }
  | { rich: string[] }
  | { link: string };

const ERRORS = ['#DIV/0!', '#N/A', '#REF!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!'];

export const payloadArb: fc.Arbitrary<Payload> = fc.oneof(
  // text
  fc.constantFrom('无', '不详', '一百二十', '见附件', '约 300', '12人', '3,5', '1e5', '0x10', '--1', '1.2.3', '１２３', ' 45 ', '1,234', '+7', '.5', '-3', '2,000.50'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('合计', '小计', '注：本表', '说明', '  ', '\u3000', '', '\n', '\t'),
  fc.constantFrom('学校标识码', '学段', '指标', '数值', '小学', '初中', '九年一贯制', '教学点', '特教学校', '完全中学', '是', '否', '公办', '民办', '乡村', '城区'),
  fc.constantFrom('😀', '\u0000', '\u202e反转', 'x'.repeat(5000), '学'.repeat(300), '=1+1', "'0123", '<b>1</b>', '{"a":1}'),
  // numbers that are wrong for a count or a measure
  fc.constantFrom(-1, -0.5, -1e308, -0, 0, 0.5, 1.5, 2.999999, 1e-320, 5e-324, 1e15, 2 ** 53 + 1, Number('12345678901234567890')),
  fc.constantFrom(1e308, Number.MAX_VALUE, 1e300, 1e200),
  fc.constantFrom('Infinity', '-Infinity', 'NaN', '1e308', '1e309', '999999999999999999999999'),
  fc.double({ noNaN: false }),
  fc.integer({ min: -1000, max: 100000 }),
  // logical, date, error, formula, rich text, hyperlink
  fc.boolean(),
  fc.constantFrom('TRUE', 'FALSE'),
  fc.constantFrom('2024-01-05', '2024-1-5', '2024-09-01T00:00:00.000Z', '2024/09/01', '45123'),
  fc.constantFrom<Payload>({ date: '2024-09-01' }, { date: '1900-01-01' }, { date: '9999-12-31' }),
  fc.constantFrom(...ERRORS).map((e) => ({ error: e })),
  fc.constantFrom(...ERRORS),
  fc.constantFrom<Payload>(
    { formula: 'SUM(A1:A2)', result: 42 },
    { formula: '1/0', result: { error: '#DIV/0!' } },
    { formula: 'A1&""', result: ' 17 ' },
    { formula: 'TRUE()', result: true },
    { formula: 'NOW()', result: null },
  ),
  fc.constantFrom<Payload>({ rich: ['12', '3'] }, { rich: ['学校', '标识码'] }, { rich: [] }),
  fc.constantFrom<Payload>({ link: '123' }, { link: '某小学' }),
  fc.constant(null),
);

/** The plain value a workbook adapter gives for a payload (what gridOf produces from exceljs). */
export function plain(p: Payload): CellValue {
  if (p === null || typeof p !== 'object') return p;
  if ('date' in p) return p.date;
  if ('error' in p) return p.error;
  if ('formula' in p) {
    const r = p.result;
    // a formula saved without its calculated value is read as its text (an error, not a blank)
    if (r === null || r === undefined) return `=${p.formula}`;
    return typeof r === 'object' ? r.error : r;
  }
  if ('rich' in p) return p.rich.join('');
  return p.link;
}

// ───────────────────────────── workbook model and mutations ─────────────────────────────

export interface WSheet {
  name: string;
  cells: Payload[][];
  formats: Record<string, string>;
  merges: [number, number, number, number][];
  hidden: number[];
}
export type WBook = WSheet[];

export function bookOf(grids: readonly CellGrid[]): WBook {
  return grids.map((g) => ({ name: g.name, cells: g.values.map((r) => [...r]), formats: {}, merges: [], hidden: [] }));
}

const nat = fc.nat({ max: 1000 });
const SHEET_NAMES = ['学校基本信息', '分学段信息', '县级指标', ' 学校基本信息 ', '学校基本信息2', '分学段', '县级指标 ', 'Sheet1', '问题清单', '学校达标情况', '填报说明', '学校基本信息（旧）', 'schools', '分学段信息 '];

export type Mutation =
  | { k: 'set'; s: number; r: number; c: number; v: Payload }
  | { k: 'setData'; s: number; r: number; c: number; v: Payload }
  | { k: 'blank'; s: number; r: number; c: number }
  | { k: 'deleteRow'; s: number; r: number }
  | { k: 'dupRow'; s: number; r: number }
  | { k: 'swapRows'; s: number; r: number; r2: number }
  | { k: 'insertRow'; s: number; r: number; v: Payload[] }
  | { k: 'merge'; s: number; r: number; c: number; h: number; w: number }
  | { k: 'hide'; s: number; r: number }
  | { k: 'addSheet'; name: string; copy: number | null }
  | { k: 'rename'; s: number; name: string }
  | { k: 'removeSheet'; s: number }
  | { k: 'header'; s: number; c: number; v: Payload }
  | { k: 'headerUnit'; s: number; c: number; unit: string }
  | { k: 'pushDown'; s: number; n: number }
  | { k: 'wide'; s: number; r: number; n: number; v: Payload }
  | { k: 'truncate'; s: number; r: number; len: number }
  | { k: 'clearSheet'; s: number }
  | { k: 'percent'; s: number; r: number; c: number }
  | { k: 'swapCols'; s: number; c: number; c2: number }
  | { k: 'farRow'; s: number; n: number; v: Payload }
  | { k: 'dupSheet'; s: number }
  | { k: 'emptyBook' };

const UNITS = ['(万元)', '(元)', '(千元)', '(人)', '(个)', '(间)', '(㎡)', '(m²)', '(亩)', '', '（万元）', '(%)', '(万 元)'];

export function mutationArb(o: { maxWide?: number; maxFar?: number } = {}): fc.Arbitrary<Mutation> {
  const maxWide = o.maxWide ?? 4000;
  const maxFar = o.maxFar ?? 20000;
  return fc.oneof(
    { weight: 60, arbitrary: fc.record({ k: fc.constant('set' as const), s: nat, r: nat, c: nat, v: payloadArb }) },
    { weight: 100, arbitrary: fc.record({ k: fc.constant('setData' as const), s: nat, r: nat, c: nat, v: payloadArb }) },
    { weight: 25, arbitrary: fc.record({ k: fc.constant('blank' as const), s: nat, r: nat, c: nat }) },
    { weight: 15, arbitrary: fc.record({ k: fc.constant('deleteRow' as const), s: nat, r: nat }) },
    { weight: 20, arbitrary: fc.record({ k: fc.constant('dupRow' as const), s: nat, r: nat }) },
    { weight: 10, arbitrary: fc.record({ k: fc.constant('swapRows' as const), s: nat, r: nat, r2: nat }) },
    { weight: 10, arbitrary: fc.record({ k: fc.constant('insertRow' as const), s: nat, r: nat, v: fc.array(payloadArb, { maxLength: 8 }) }) },
    { weight: 15, arbitrary: fc.record({ k: fc.constant('merge' as const), s: nat, r: nat, c: nat, h: fc.integer({ min: 1, max: 4 }), w: fc.integer({ min: 1, max: 4 }) }) },
    { weight: 10, arbitrary: fc.record({ k: fc.constant('hide' as const), s: nat, r: nat }) },
    { weight: 10, arbitrary: fc.record({ k: fc.constant('addSheet' as const), name: fc.constantFrom(...SHEET_NAMES), copy: fc.option(nat) }) },
    { weight: 10, arbitrary: fc.record({ k: fc.constant('rename' as const), s: nat, name: fc.constantFrom(...SHEET_NAMES) }) },
    { weight: 5, arbitrary: fc.record({ k: fc.constant('removeSheet' as const), s: nat }) },
    { weight: 25, arbitrary: fc.record({ k: fc.constant('header' as const), s: nat, c: nat, v: payloadArb }) },
    { weight: 15, arbitrary: fc.record({ k: fc.constant('headerUnit' as const), s: nat, c: nat, unit: fc.constantFrom(...UNITS) }) },
    { weight: 5, arbitrary: fc.record({ k: fc.constant('pushDown' as const), s: nat, n: fc.integer({ min: 1, max: 12 }) }) },
    { weight: 5, arbitrary: fc.record({ k: fc.constant('wide' as const), s: nat, r: nat, n: fc.integer({ min: 1, max: maxWide }), v: payloadArb }) },
    { weight: 10, arbitrary: fc.record({ k: fc.constant('truncate' as const), s: nat, r: nat, len: fc.nat({ max: 25 }) }) },
    { weight: 5, arbitrary: fc.record({ k: fc.constant('clearSheet' as const), s: nat }) },
    { weight: 10, arbitrary: fc.record({ k: fc.constant('percent' as const), s: nat, r: nat, c: nat }) },
    { weight: 10, arbitrary: fc.record({ k: fc.constant('swapCols' as const), s: nat, c: nat, c2: nat }) },
    { weight: 5, arbitrary: fc.record({ k: fc.constant('farRow' as const), s: nat, n: fc.integer({ min: 1, max: maxFar }), v: payloadArb }) },
    { weight: 5, arbitrary: fc.record({ k: fc.constant('dupSheet' as const), s: nat }) },
    { weight: 1, arbitrary: fc.constant({ k: 'emptyBook' as const }) },
  );
}

function headerRowOf(sh: WSheet): number {
  for (let r = 0; r < Math.min(10, sh.cells.length); r++)
    if ((sh.cells[r] ?? []).some((v) => typeof v === 'string' && ['学校标识码', '指标'].includes(v.replace(/\s/g, '')))) return r;
  return 0;
}
const width = (sh: WSheet) => Math.max(1, ...sh.cells.map((r) => r.length));

/** Applies one mutation in place (indices are taken modulo the current sizes). */
export function apply(book: WBook, m: Mutation): WBook {
  if (m.k === 'emptyBook') return [];
  if (m.k === 'addSheet') {
    const src = m.copy === null || book.length === 0 ? null : book[m.copy % book.length];
    book.push({ name: m.name, cells: src ? src.cells.map((r) => [...r]) : [['随便写的'], [1, 2, 3]], formats: {}, merges: [], hidden: [] });
    return book;
  }
  if (book.length === 0) return book;
  const sh = book[m.s % book.length];
  const rows = sh.cells.length;
  const row = (r: number) => r % (rows + 2);
  const col = (c: number) => c % (width(sh) + 2);
  const put = (r: number, c: number, v: Payload) => {
    while (sh.cells.length <= r) sh.cells.push([]);
    const line = sh.cells[r];
    while (line.length < c) line.push(null);
    line[c] = v;
  };
  switch (m.k) {
    case 'set':
      put(row(m.r), col(m.c), m.v);
      break;
    case 'setData': {
      const h = headerRowOf(sh);
      const dataRows = Math.max(1, rows - h - 1);
      put(h + 1 + (m.r % dataRows), m.c % width(sh), m.v);
      break;
    }
    case 'blank':
      if (rows) put(m.r % rows, m.c % width(sh), null);
      break;
    case 'deleteRow':
      if (rows) sh.cells.splice(m.r % rows, 1);
      break;
    case 'dupRow':
      if (rows) sh.cells.splice(m.r % rows, 0, [...sh.cells[m.r % rows]]);
      break;
    case 'swapRows':
      if (rows) {
        const a = m.r % rows;
        const b = m.r2 % rows;
        [sh.cells[a], sh.cells[b]] = [sh.cells[b], sh.cells[a]];
      }
      break;
    case 'insertRow':
      sh.cells.splice(row(m.r), 0, [...m.v]);
      break;
    case 'merge':
      sh.merges.push([row(m.r), col(m.c), m.h, m.w]);
      break;
    case 'hide':
      sh.hidden.push(row(m.r));
      break;
    case 'rename':
      sh.name = m.name;
      break;
    case 'removeSheet':
      book.splice(m.s % book.length, 1);
      break;
    case 'header':
      put(headerRowOf(sh), m.c % width(sh), m.v);
      break;
    case 'headerUnit': {
      const h = headerRowOf(sh);
      const c = m.c % width(sh);
      const v = sh.cells[h]?.[c];
      if (typeof v === 'string') put(h, c, v.replace(/[(（][^()（）]*[)）]$/, '') + m.unit);
      break;
    }
    case 'pushDown':
      sh.cells.unshift(...Array.from({ length: m.n }, (_, i) => (i === 0 ? ['标题：某县义务教育学校基本情况'] : [])));
      break;
    case 'wide': {
      const r = row(m.r);
      const start = width(sh);
      for (let i = 0; i < m.n; i++) put(r, start + i, i % 7 === 0 ? m.v : i);
      break;
    }
    case 'truncate':
      if (rows) sh.cells[m.r % rows] = sh.cells[m.r % rows].slice(0, m.len);
      break;
    case 'clearSheet':
      sh.cells = [];
      sh.merges = [];
      break;
    case 'percent':
      sh.formats[`${row(m.r)},${col(m.c)}`] = '0%';
      break;
    case 'swapCols': {
      const a = m.c % width(sh);
      const b = m.c2 % width(sh);
      for (const line of sh.cells) {
        while (line.length <= Math.max(a, b)) line.push(null);
        [line[a], line[b]] = [line[b], line[a]];
      }
      break;
    }
    case 'farRow':
      put(rows + m.n, 0, m.v);
      break;
    case 'dupSheet':
      book.push({ ...sh, cells: sh.cells.map((r) => [...r]), merges: [...sh.merges], hidden: [...sh.hidden] });
      break;
  }
  return book;
}

/** The CellGrids an adapter would give for a workbook model (merges keep only the master's value). */
export function gridsOfBook(book: WBook): CellGrid[] {
  return book.map((sh) => {
    const values: CellValue[][] = sh.cells.map((r) => r.map(plain));
    const numberFormats: (string | null)[][] = values.map((r) => r.map(() => null));
    for (const [key, f] of Object.entries(sh.formats)) {
      const [r, c] = key.split(',').map(Number);
      while (numberFormats.length <= r) numberFormats.push([]);
      numberFormats[r][c] = f;
    }
    for (const [r, c, h, w] of sh.merges)
      for (let i = r; i < r + h; i++) for (let j = c; j < c + w; j++) if ((i !== r || j !== c) && values[i] && j < values[i].length) values[i][j] = null;
    // The merged areas as writeXlsx writes them (no single cells, no overlaps): the grid contract's `merges`.
    const merges: GridRange[] = [];
    for (const [r, c, h, w] of sh.merges) {
      if (h * w < 2) continue;
      if (merges.some((m) => r <= m.bottom && m.top < r + h && c <= m.right && m.left < c + w)) continue;
      merges.push({ top: r, left: c, bottom: r + h - 1, right: c + w - 1 });
    }
    return { name: sh.name, values, numberFormats, merges };
  });
}

/** A valid county and a list of corruptions. */
export function corruptedBookArb(o: { maxMutations?: number; maxWide?: number; maxFar?: number; maxSchools?: number } = {}) {
  return fc
    .record({
      county: countyArb({ maxSchools: o.maxSchools ?? 10 }),
      seed: fc.integer(),
      yuan: fc.boolean(),
      mutations: fc.array(mutationArb(o), { minLength: 1, maxLength: o.maxMutations ?? 6 }),
    })
    .map((x) => {
      let book = bookOf(render(x.county, { seed: x.seed, yuan: x.yuan, textNumbers: 0.05, decorations: true }));
      for (const m of x.mutations) book = apply(book, m);
      return { ...x, book };
    });
}

// ───────────────────────────── writing a real .xlsx ─────────────────────────────

/** The workbook as it can be stored in .xlsx: no control characters in text, no non-finite numbers. */
export function storable(book: WBook): WBook {
  // eslint-disable-next-line no-control-regex -- control characters cannot be written into the sheet XML
  const clean = (p: Payload): Payload => (typeof p === 'string' ? p.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '') : typeof p === 'number' && !Number.isFinite(p) ? String(p) : p);
  return book.map((sh) => ({ ...sh, cells: sh.cells.map((r) => r.map(clean)) }));
}

/** Whether writeXlsx keeps every sheet name as it is (≤ 31 characters, no []:*?/\, unique ignoring case). */
export function namesStorable(book: WBook): boolean {
  return book.every((s) => s.name.length > 0 && s.name.length <= 31 && !/[[\]:*?/\\]/.test(s.name)) && new Set(book.map((s) => s.name.toLowerCase())).size === book.length;
}

function excelValue(p: Payload): ExcelJS.CellValue {
  if (p === null) return null;
  if (typeof p === 'number') return Number.isFinite(p) ? p : String(p);
  if (typeof p === 'string') return p;
  if (typeof p === 'boolean') return p;
  if ('date' in p) return new Date(`${p.date}T00:00:00Z`);
  if ('error' in p) return { error: p.error } as ExcelJS.CellErrorValue;
  if ('formula' in p) return { formula: p.formula, result: p.result as any };
  if ('rich' in p) return { richText: p.rich.map((text) => ({ text })) };
  return { text: p.link, hyperlink: 'https://example.org/' };
}

/** Names exceljs accepts (≤ 31 characters, no []:*?/\, unique ignoring case). */
function sheetName(name: string, used: Set<string>): string {
  let n = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  for (let i = 2; used.has(n.toLowerCase()); i++) n = `${name.slice(0, 28)}_${i}`;
  used.add(n.toLowerCase());
  return n;
}

export async function writeXlsx(book: WBook, path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const used = new Set<string>();
  for (const sh of storable(book)) {
    const ws = wb.addWorksheet(sheetName(sh.name, used));
    sh.cells.forEach((line, r) => {
      line.forEach((v, c) => {
        if (v !== null && c < 16384) ws.getCell(r + 1, c + 1).value = excelValue(v);
      });
    });
    for (const [key, f] of Object.entries(sh.formats)) {
      const [r, c] = key.split(',').map(Number);
      ws.getCell(r + 1, c + 1).numFmt = f;
    }
    const taken: [number, number, number, number][] = [];
    for (const [r, c, h, w] of sh.merges) {
      if (h * w < 2) continue;
      if (taken.some(([r2, c2, h2, w2]) => r < r2 + h2 && r2 < r + h && c < c2 + w2 && c2 < c + w)) continue; // exceljs refuses overlaps
      taken.push([r, c, h, w]);
      ws.mergeCells(r + 1, c + 1, r + h, c + w);
    }
    for (const r of sh.hidden) ws.getRow(r + 1).hidden = true;
  }
  await wb.xlsx.writeFile(path);
}

// ───────────────────────────── invariants ─────────────────────────────

const CJK = /[\u3400-\u9fff]/;
const STACK = /(^|\n)\s+at\s|\b[A-Z][A-Za-z]*Error\b|Error:/;

/** Violations of "a Chinese message with what is wrong and where, never a stack trace". */
export function badMessage(what: string, s: unknown, inputText: string): string[] {
  if (typeof s !== 'string' || s.length === 0) return [`${what}: not a message: ${JSON.stringify(s)}`];
  const out: string[] = [];
  if (!CJK.test(s)) out.push(`${what}: no Chinese: ${s.slice(0, 200)}`);
  if (STACK.test(s)) out.push(`${what}: looks like a JS error or stack trace: ${s.slice(0, 300)}`);
  for (const junk of ['undefined', '[object ', 'NaN', 'Infinity'])
    if (s.includes(junk) && !inputText.includes(junk)) out.push(`${what}: contains “${junk}” that is not in the input: ${s.slice(0, 300)}`);
  return out;
}

/** Every text and number of the input, to tell echoed input from the program's own junk. */
export function inputTextOf(grids: readonly CellGrid[]): string {
  const parts: string[] = [];
  for (const g of grids) {
    parts.push(g.name);
    for (const r of g.values) for (const v of r) if (v !== null && v !== undefined) parts.push(String(v));
  }
  return parts.join('\u0001');
}

const A1 = /^([A-Z]{1,3})([1-9]\d*)$/;
function decodeA1(cell: string): { row: number; col: number } | null {
  const m = A1.exec(cell);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** A cell "exists in the input" when its sheet is there and it lies within the sheet's used range (+1 row for "the row below the header"). */
export function badCell(what: string, sheet: unknown, cell: unknown, grids: readonly CellGrid[]): string[] {
  if (typeof sheet !== 'string' || !sheet) return [`${what}: no sheet`];
  // The 申报表's warnings point at the official table the product writes (表Ⅱ-2!E4), not at an input sheet.
  if ((OFFICIAL_SHEETS as readonly string[]).includes(sheet)) return typeof cell === 'string' && decodeA1(cell) ? [] : [`${what}: cell ${JSON.stringify(cell)}`];
  const g = grids.find((x) => x.name === sheet);
  if (!g) return [`${what}: sheet 「${sheet}」 is not in the workbook (${grids.map((x) => x.name).join('|')})`];
  if (typeof cell !== 'string') return [`${what}: cell ${JSON.stringify(cell)}`];
  const a = decodeA1(cell);
  if (!a) return [`${what}: “${cell}” is not an A1 address`];
  const w = Math.max(1, ...g.values.map((r) => r.length));
  if (a.row > Math.max(g.values.length, 1) || a.col >= Math.max(w, 1) || a.col >= 16384 || a.row >= 1048576) return [`${what}: ${sheet}!${cell} lies outside the sheet (${g.values.length} rows × ${w} columns)`];
  return [];
}

function nonFinite(x: unknown, path: string, out: string[]): void {
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) out.push(`${path} = ${x} (cannot be written as JSON; --json would print null)`);
  } else if (Array.isArray(x)) x.forEach((v, i) => nonFinite(v, `${path}[${i}]`, out));
  else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) nonFinite(v, `${path}.${k}`, out);
}

const SHEET_LEVEL = new Set(['missing-county-sheet', 'item-not-filled', 'owner-type-defaulted']);
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** All invariants of a fatal: kebab code, Chinese message, not an internal error. */
export function checkFatal(fatal: any, inputText: string): string[] {
  const v: string[] = [];
  if (!fatal || typeof fatal.code !== 'string' || !KEBAB.test(fatal.code)) v.push(`fatal code ${JSON.stringify(fatal?.code)}`);
  if (fatal?.code === 'unexpected') v.push(`fatal 'unexpected' = an uncaught exception inside the program: ${fatal.message}`);
  v.push(...badMessage('fatal.message', fatal?.message, inputText));
  if (fatal?.cell !== undefined && !A1.test(fatal.cell)) v.push(`fatal cell ${fatal.cell}`);
  return v;
}

/** All invariants of a report (the JSON of cli.md) read from `grids`. */
export function checkReport(report: any, grids: readonly CellGrid[], inputText: string): string[] {
  const v: string[] = [];
  nonFinite(report, 'report', v);
  const errors = report.issues.filter((i: any) => i.severity === 'error').length;
  if (report.summary.errors !== errors) v.push(`summary.errors ${report.summary.errors} ≠ ${errors}`);
  if (report.summary.warnings !== report.issues.length - errors) v.push('summary.warnings');
  if (errors > 0 && report.summary.resourcePasses !== null) v.push('resourcePasses must be null while errors remain');
  if (report.summary.units !== report.units.length) v.push('summary.units');
  report.issues.forEach((i: any, n: number) => {
    const what = `issue ${n} [${i.code}] ${i.sheet}!${i.cell}`;
    if (i.severity !== 'error' && i.severity !== 'warning') v.push(`${what}: severity ${i.severity}`);
    if (typeof i.code !== 'string' || !KEBAB.test(i.code)) v.push(`${what}: code`);
    v.push(...badMessage(`${what} message`, i.message, inputText));
    if (i.fix !== undefined) v.push(...badMessage(`${what} fix`, i.fix, inputText));
    if (i.cell === undefined) {
      if (!SHEET_LEVEL.has(i.code)) v.push(`${what}: no cell, but not a sheet-level problem: ${i.message}`);
      if (typeof i.sheet !== 'string' || !i.sheet) v.push(`${what}: no sheet`);
    } else v.push(...badCell(what, i.sheet, i.cell, grids));
  });
  const address = (what: string, s: string) => {
    const at = s.lastIndexOf('!');
    return at < 0 ? [`${what}: “${s}” is not Sheet!A1`] : badCell(what, s.slice(0, at), s.slice(at + 1), grids);
  };
  for (const u of report.units) {
    v.push(...address(`unit ${u.schoolCode} ${u.stage} cell`, u.cell));
    // 0 students only for a school whose type is unusable (an error): it gets a value-less unit per 学段
    if (!(typeof u.students === 'number' && u.students >= 0) && u.students !== null) v.push(`unit ${u.schoolCode}: students ${u.students}`);
    if (u.students === 0 && report.summary.errors === 0) v.push(`unit ${u.schoolCode} ${u.stage}: 0 students and no error`);
    if (u.metCount !== null && !(u.metCount >= 0 && u.metCount <= 7)) v.push(`unit metCount ${u.metCount}`);
  }
  for (const it of report.items) {
    v.push(...badMessage(`item ${it.id} message`, it.message, inputText));
    for (const c of it.cells) v.push(...address(`item ${it.id} cell`, c));
  }
  for (const e of report.excluded) v.push(...badMessage(`excluded ${e.schoolCode} reason`, e.reason, inputText));
  for (const [stage, b] of Object.entries<any>(report.balance))
    for (const [id, i] of Object.entries<any>(b.indicators)) {
      if (i.cv !== null && !(i.cv >= 0)) v.push(`balance ${stage} ${id} cv ${i.cv}`);
      if (i.cv === null && i.passes !== null) v.push(`balance ${stage} ${id}: passes ${i.passes} without a CV`);
    }
  v.push(...droppedRows(report, grids));
  v.push(...nullsWithoutErrors(report));
  const rows = report.units.map((u: any) => decodeA1(String(u.cell).slice(String(u.cell).lastIndexOf('!') + 1))?.row ?? -1);
  if (rows.some((r: number, i: number) => i > 0 && r < rows[i - 1])) v.push(`units are not in sheet order: rows ${rows.join(',')}`);
  return v;
}

/**
 * cli.md: `value` is null only when the unit has an error that prevents computing it; `cv` is null only
 * when it is undefined (county mean 0) or errors prevent it; resourcePasses agrees with the verdicts.
 */
function nullsWithoutErrors(report: any): string[] {
  if (report.summary.errors > 0) return [];
  const v: string[] = [];
  const verdicts: (boolean | null)[] = [];
  for (const u of report.units) {
    for (const [id, i] of Object.entries<any>(u.indicators)) if (i.value === null) v.push(`no errors, yet ${u.schoolCode} ${u.stage} ${id} value is null`);
    verdicts.push(u.passes);
  }
  for (const [stage, b] of Object.entries<any>(report.balance))
    for (const [id, i] of Object.entries<any>(b.indicators)) {
      if (i.mean === null) v.push(`no errors, yet balance ${stage} ${id} mean is null`);
      if (i.cv === null && i.mean !== 0) v.push(`no errors, yet balance ${stage} ${id} cv is null with mean ${i.mean}`);
      verdicts.push(i.passes);
    }
  const expected = verdicts.includes(false) ? false : verdicts.includes(null) ? null : true;
  if (report.summary.resourcePasses !== expected) v.push(`resourcePasses ${report.summary.resourcePasses}, the verdicts say ${expected}`);
  return v;
}

/**
 * "No row that holds data is ever dropped silently": every data row of 「学校基本信息」 becomes a unit,
 * an excluded school, or has an issue in that row (or is among the rows one extra-columns-only warning names).
 */
function droppedRows(report: any, grids: readonly CellGrid[]): string[] {
  const g = grids.find((x) => x.name.trim() === '学校基本信息');
  if (!g) return [];
  const norm = (x: CellValue) => (x === null ? '' : String(x).replace(/[\s\u3000\u00a0]+/g, ''));
  let h = -1;
  for (let r = 0; r < Math.min(10, g.values.length) && h < 0; r++) if ((g.values[r] ?? []).some((x) => norm(x) === '学校标识码')) h = r;
  if (h < 0) return [];
  const keyCol = (g.values[h] ?? []).findIndex((x) => norm(x) === '学校标识码');
  const issueRows = new Set(report.issues.filter((i: any) => i.sheet === g.name && i.cell).map((i: any) => decodeA1(i.cell)?.row));
  // Rows with content only in unknown columns are named together by one extra-columns-only warning (第a行至第b行).
  const extraOnly: [number, number][] = report.issues
    .filter((i: any) => i.sheet === g.name && i.code === 'extra-columns-only')
    .map((i: any) => /第(\d+)行(?:至第(\d+)行)?/.exec(i.message)!)
    .map((m: RegExpExecArray) => [Number(m[1]) - 1, Number(m[2] ?? m[1]) - 1]);
  const namedTogether = (r: number) => extraOnly.some(([a, b]) => r >= a && r <= b);
  const unitRows = new Set(report.units.map((u: any) => decodeA1(u.cell.slice(u.cell.lastIndexOf('!') + 1))?.row));
  const excluded = new Set(report.excluded.map((e: any) => e.schoolCode));
  const out: string[] = [];
  for (let r = h + 1; r < g.values.length; r++) {
    const line = g.values[r] ?? [];
    if (!line.some((x) => norm(x) !== '')) continue;
    const code = line[keyCol];
    const codeText = code === null || code === undefined ? '' : typeof code === 'boolean' ? (code ? 'TRUE' : 'FALSE') : String(code).trim();
    if (issueRows.has(r) || unitRows.has(r) || excluded.has(codeText) || namedTogether(r)) continue;
    out.push(`学校基本信息 row ${r + 1} holds data (${JSON.stringify(line.slice(0, 4))}…) but is neither a unit, nor excluded, nor has an issue`);
  }
  return out;
}

// ───────────────────────────── known bugs (each has its own failing test) ─────────────────────────────

/** The largest magnitude of any number in the input, numbers stored as text included. */

/**
 * BUG-1 (tests/fuzz/known-bugs.test.ts): finite but huge numbers (1e308 rooms, 1e305 万元, 1e160 ㎡) are
 * accepted by the reader and overflow in the computation to Infinity / NaN, which --json prints as null
 * without any error (a NaN CV even shows as `cv: null, passes: false`). The fuzzers drop exactly these violations when the input holds a number ≥ 1e100, so
 * that they keep looking for other bugs.
 */
export function withoutKnownBugs(violations: string[], _grids: readonly CellGrid[]): string[] {
  // BUG-1 is fixed (numbers above 10^12 are an error at their cell; comparisons handle non-finite values):
  // nothing is filtered any more.
  return violations;
}

/**
 * BUG-3 (tests/fuzz/known-bugs.test.ts): src/domain/shortfall.ts amountToReach loops forever (a − 1 === a
 * beyond 2^53) when a unit's 在校生数 (or a 高中在校生数 that shrinks its share) is about 1e17 or more, so
 * analyse and `validate` never return. A synchronous infinite loop cannot be timed out in-process, so
 * the fuzzers skip (fc.pre) exactly the inputs that put a number ≥ 1e15 into a 在校生数 column of
 * 「学校基本信息」, and count them.
 */
export function triggersKnownHang(_grids: readonly CellGrid[]): boolean {
  // BUG-3 is fixed (the integer search in amountToReach is bounded): no input is skipped any more.
  return false;
}

/** The inputs that used to hang (kept for the record of BUG-3). */
export function triggeredHangBefore(grids: readonly CellGrid[]): boolean {
  for (const g of grids) {
    if (g.name.trim() !== '学校基本信息') continue;
    const cols = new Set<number>();
    for (const r of g.values) r.forEach((v, c) => typeof v === 'string' && v.includes('在校生数') && cols.add(c));
    for (const r of g.values)
      for (const c of cols) {
        const v = r[c];
        const x = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim().replace(/,/g, '').replace(/[\uff10-\uff19]/g, (d) => String(d.charCodeAt(0) - 0xff10))) : NaN;
        if (Number.isFinite(x) && Math.abs(x) >= 1e15) return true;
      }
  }
  return false;
}

/** BUG-3 through a rule profile: a threshold or split weight of 1e308 or 1e-300 makes the same loop endless. */
export function profileTriggersKnownHang(_raw: unknown): boolean {
  return false; // BUG-3 is fixed.
}

/** The profiles that used to hang (kept for the record of BUG-3). */
export function profileTriggeredHangBefore(raw: unknown): boolean {
  const walk = (x: unknown): boolean =>
    typeof x === 'number' ? Math.abs(x) >= 1e15 || (x !== 0 && Math.abs(x) < 1e-12) : !!x && typeof x === 'object' && Object.values(x).some(walk);
  return walk(raw);
}
