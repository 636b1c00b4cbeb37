/**
 * Checks of single cells: numbers, numbers stored as text, formulas without a value or with an error,
 * dates, enumerations, whole numbers, invisible characters, and the typed parsing that finds them.
 */
import type { ColumnSpec } from '../../domain/columns';
import type { CellValue } from '../grid';
import { a1, formatAt, wholeNumberAsShown } from '../grid';
import type { Issue } from '../issues';
import type { SheetLayout } from '../layout';
import { defineCheck, fill, issueAt, render, type Data, type RowCtx } from './define';

export const textNumber = defineCheck({
  meta: { code: 'text-number', severity: 'warning', meaning: '以文本形式存储的数字，已按数字读取' },
  messages: {
    cell: { text: '「{{header}}」是以文本形式存储的数字“{{text}}”，已按数字 {{value}} 读取', fix: '建议将单元格转换为数字（选中后点“转换为数字”），以免其他公式漏算' },
    county: { text: '「{{header}}」是以文本形式存储的数字，已按 {{value}} 读取', fix: '建议将单元格转换为数字' },
  },
});

export const notANumber = defineCheck({
  meta: { code: 'not-a-number', severity: 'error', meaning: '数值列中填写了非数字内容' },
  messages: {
    notFinite: { text: '不是有效数字', fix: '请填写数字' },
    boolean: { text: '填写的是逻辑值“{{value}}”，不是数字', fix: '请填写数字' },
    text: { text: '“{{text}}”不是数字', fix: '请只填写数字，不要带单位或文字说明' },
  },
});

export const formulaError = defineCheck({
  meta: { code: 'formula-error', severity: 'error', meaning: '公式结果为错误值（如 #DIV/0!）' },
  messages: {
    value: { text: '公式结果为错误值“{{value}}”', fix: '请检查该单元格的公式或引用，使其得出正确的值（或直接填写值）' },
    number: { text: '公式结果为错误值“{{value}}”', fix: '请检查该单元格的公式，使其得出数字' },
  },
});

export const formulaNoValue = defineCheck({
  meta: { code: 'formula-no-value', severity: 'error', meaning: '公式没有计算结果（文件保存时未计算）' },
  messages: { formula: { text: '是公式“{{formula}}”，但文件中没有它的计算结果', fix: '请在 Excel 或 WPS 中打开文件，重新计算（F9）后保存，再核验' } },
});

export const dateValue = defineCheck({
  meta: { code: 'date-value', severity: 'error', meaning: '数值列中填写了日期' },
  messages: { date: { text: '填写的是日期“{{text}}”，不是数字', fix: '请将单元格格式改为“常规”或“数值”后重新填写数字' } },
});

export const numberTooLarge = defineCheck({
  meta: { code: 'number-too-large', severity: 'error', meaning: '数值超过 10¹²，超出合理范围' },
  messages: { large: { text: '数值 {{value}} 过大，超出合理范围', fix: '请核对数值和单位（是否多输了位数，或把元当成了万元）' } },
});

export const negativeNumber = defineCheck({
  meta: { code: 'negative-number', severity: 'error', meaning: '负数' },
  messages: { negative: { text: '「{{header}}」为负数 {{value}}', fix: '请填写大于或等于0的数' } },
});

export const notWholeNumber = defineCheck({
  meta: { code: 'not-whole-number', severity: 'error', meaning: '人数、班级数、教室数不是整数' },
  messages: { fraction: { text: '「{{header}}」应为整数，填写的是 {{value}}', fix: '人数、班级数、教室数请填写整数' } },
});

export const badEnum = defineCheck({
  meta: { code: 'bad-enum', severity: 'error', meaning: '不在可选值之内（学校类型、办学性质、城乡分类、学段、是/否）' },
  messages: {
    enum: { text: '“{{text}}”不是可选值', fix: '请从下列值中选择：{{values}}' },
    yesNo: { text: '“{{text}}”不是“是”或“否”', fix: '请填写“是”或“否”' },
    yesNoVeto: { text: '“{{text}}”在这一行含义不明（是指存在这种情况，还是指没有问题？）', fix: '请填写“是”（存在这种情况）或“否”（不存在）' },
    ownerType: { text: '“{{text}}”不是可选的举办者类型', fix: '请从下拉列表选择1至10的代码，如“7 县级教育部门”' },
    level: { text: '“{{text}}”不是可选的学业水平', fix: '请填写Ⅰ、Ⅱ、Ⅲ、Ⅳ之一；该科没有监测结果的填“未监测”' },
  },
});

export const codeAsNumber = defineCheck({
  meta: { code: 'code-as-number', severity: 'warning', meaning: '学校标识码以数字存储且显示不足10位，前导0可能已丢失（数字格式如“0000000000”显示的前导0照常读取）' },
  messages: { number: { text: '「{{header}}」以数字形式存储（{{value}}），前导0可能已丢失', fix: '请将该列设为文本格式，并按10位标识码重新填写' } },
});

/** Warnings about how a value was read: the value is used, but a cell with an error there carries the error only. */
const READING_WARNINGS: ReadonlySet<string> = new Set(['text-number', 'invisible-characters', 'code-full-width', 'near-whole-number']);

/**
 * One cell, one message (issue 11, point 16): a warning about how a cell's value was read (a number stored as
 * text, invisible characters, float noise) is dropped where a later check found an error at the same cell (the
 * text number that breaks a cross-check, the code with a zero-width space that repeats another school's): the
 * error is the more fundamental message, the one the user must act on. Issues at other cells are kept in order.
 */
export function oneMessagePerCell(issues: Issue[]): void {
  const errors = new Set<string>();
  for (const i of issues) if (i.severity === 'error' && i.cell) errors.add(`${i.sheet}!${i.cell}`);
  if (!errors.size) return;
  let w = 0;
  for (const i of issues) if (!(i.severity === 'warning' && i.cell && READING_WARNINGS.has(i.code) && errors.has(`${i.sheet}!${i.cell}`))) issues[w++] = i;
  issues.length = w;
}

export const invisibleCharacters = defineCheck({
  meta: { code: 'invisible-characters', severity: 'warning', meaning: '学校标识码、可选值或表头中有不可见字符（零宽空格、BOM、不换行空格等），已去除后读取' },
  messages: {
    value: { text: '「{{header}}」含有不可见字符（{{chars}}），已去除后按“{{value}}”读取', fix: '请在编辑栏中重新输入该值，去掉不可见字符（常见于从网页或其他系统复制的内容）' },
    header: { text: '表头「{{header}}」含有不可见字符（{{chars}}），已去除后识别', fix: '请在编辑栏中重新输入该表头，去掉不可见字符' },
  },
});

export const codeFullWidth = defineCheck({
  meta: { code: 'code-full-width', severity: 'warning', meaning: '学校标识码中有全角数字或字母（中文输入法输入），已按半角读取' },
  messages: {
    wide: { text: '「{{header}}」“{{typed}}”中有全角数字或字母，已按“{{value}}”读取', fix: '请切换到英文（半角）输入后重新输入标识码，以便其他系统也能对上' },
  },
});

export const nearWholeNumber = defineCheck({
  meta: { code: 'near-whole-number', severity: 'warning', meaning: '人数、班级数、教室数与整数只差计算误差（如 16.000000000000004），已按整数读取' },
  messages: { noise: { text: '「{{header}}」为 {{value}}，与整数 {{whole}} 只差计算误差，已按 {{whole}} 读取', fix: '单元格显示了小数；如为公式结果，可用 ROUND 函数取整，或把单元格格式设为不显示小数' } },
});

/** The checks whose problem the parsers below return (the caller says which cell). */
const PARSE_CHECKS = { notANumber, formulaError, formulaNoValue, dateValue, numberTooLarge, badEnum };
type ParseCheck = (typeof PARSE_CHECKS)[keyof typeof PARSE_CHECKS];
const BY_CODE = new Map<string, ParseCheck>(Object.values(PARSE_CHECKS).map((c) => [c.meta.code, c]));

export type Parsed<T> =
  | { kind: 'blank' }
  /**
   * asText: a number stored as text; invisible: the invisible characters removed from the text (U+200B …);
   * widened: a code as typed, with full-width digits or letters (「０３６１…」) that the value has in half width.
   */
  | { kind: 'ok'; value: T; asText?: boolean; invisible?: string[]; widened?: string }
  | { kind: 'bad'; code: ParseCheck['meta']['code']; message: string; fix: string };

function bad<C extends ParseCheck>(check: C, id: Parameters<typeof render<C>>[1], data: Data = {}): Parsed<never> {
  const { message, fix } = render(check, id, data);
  return { kind: 'bad', code: check.meta.code, message, fix: fix ?? '' };
}

/** The issue of a cell that did not parse: 「header」 and what is wrong, with the catalogue's severity. */
export function badCellIssue(p: Extract<Parsed<unknown>, { kind: 'bad' }>, header: string, sheet: string, cell: string): Issue {
  const check = BY_CODE.get(p.code)!;
  return { severity: check.meta.severity, code: p.code, sheet, cell, message: fill('「{{header}}」{{message}}', { header, message: p.message }), fix: p.fix };
}

const NUMERIC_TEXT = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$/;
const DATE_TEXT = /^\d{4}-\d{1,2}-\d{1,2}(T.*)?$/;
const ERROR_TEXT = /^#(DIV\/0!|N\/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!|GETTING_DATA|BLOCKED!|FIELD!|CONNECT!|BUSY!|UNKNOWN!)$/i;

/**
 * Characters that do not show in a cell but break a match: zero-width space, non-joiner and joiner, word
 * joiner, byte order mark, no-break space and full-width space.
 */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00a0\u3000]/g;
/** The zero-width ones only (the spaces are already read as spaces in headers and enumerations). */
export const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const ANY_INVISIBLE = new RegExp(INVISIBLE.source);
const ANY_ZERO_WIDTH = new RegExp(ZERO_WIDTH.source);

/** The invisible characters of a text, as 「U+200B」 names (each once, in order). */
export function invisibleIn(text: string, which: RegExp = INVISIBLE): string[] {
  // Most texts have none: say so without building a regular expression (this runs on every code and choice).
  if (which === INVISIBLE ? !ANY_INVISIBLE.test(text) : which === ZERO_WIDTH ? !ANY_ZERO_WIDTH.test(text) : false) return [];
  const found = text.match(new RegExp(which.source, 'g')) ?? [];
  return [...new Set(found.map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`))];
}

/** Chinese name of an invisible character given as 「U+200B」. */
export function invisibleName(code: string): string {
  const names: Record<string, string> = {
    'U+200B': '零宽空格', 'U+200C': '零宽非连接符', 'U+200D': '零宽连接符', 'U+2060': '零宽不换行符',
    'U+FEFF': '字节顺序标记（BOM）', 'U+00A0': '不换行空格', 'U+3000': '全角空格',
  };
  return `${names[code] ?? '不可见字符'} ${code}`;
}

/** Whether a cell holds an Excel error value (#N/A, #DIV/0!, #REF! …), as readers give it: its text. */
export function isErrorValue(v: CellValue): boolean {
  return typeof v === 'string' && ERROR_TEXT.test(v.trim());
}

function errorValue(v: string): Parsed<never> {
  return bad(formulaError, 'value', { value: v.trim() });
}

/** The characters of `which` (a global class of full-width forms, U+FF01–FF5E) in their ASCII form. */
function halfWidth(s: string, which: RegExp): string {
  return s.replace(which, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Full-width digits and the signs of a number (． ， ＋ －). */
const FULL_WIDTH_NUMBER = /[\uff10-\uff19\uff0e\uff0c\uff0b\uff0d]/g;
/** Full-width digits and Latin letters (U+FF10–FF19, FF21–FF3A, FF41–FF5A), as a code may be typed. */
const FULL_WIDTH_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;
/** A code the fast path of parseRow cannot take as it is: an invisible or a full-width character in it. */
const CODE_TO_PARSE = new RegExp(`${INVISIBLE.source}|${FULL_WIDTH_ALNUM.source}`);

/**
 * No input of the template comes near 10^12 (a trillion ㎡, 元 or persons); larger numbers are typing
 * or unit mistakes, and would overflow the sums of squares behind a CV.
 */
export const MAX_NUMBER = 1e12;

function tooLarge(v: number): Parsed<never> {
  return bad(numberTooLarge, 'large', { value: v });
}

export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/** Reads a number from a cell: a real number, or a number stored as text (asText = true, a warning). */
export function parseNumber(v: CellValue): Parsed<number> {
  if (v === null || isBlank(v)) return { kind: 'blank' };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return bad(notANumber, 'notFinite');
    if (Math.abs(v) > MAX_NUMBER) return tooLarge(v);
    return { kind: 'ok', value: v };
  }
  if (typeof v === 'boolean') return bad(notANumber, 'boolean', { value: v ? 'TRUE' : 'FALSE' });
  const raw = String(v);
  const text = halfWidth(raw.trim(), FULL_WIDTH_NUMBER);
  if (text.startsWith('=')) return bad(formulaNoValue, 'formula', { formula: text.slice(0, 40) });
  if (ERROR_TEXT.test(text)) return bad(formulaError, 'number', { value: text });
  if (invisibleIn(text, ZERO_WIDTH).length && NUMERIC_TEXT.test(text.replace(ZERO_WIDTH, ''))) {
    const n = Number(text.replace(ZERO_WIDTH, '').replace(/,/g, ''));
    return Math.abs(n) > MAX_NUMBER ? tooLarge(n) : { kind: 'ok', value: n, asText: true, invisible: invisibleIn(text, ZERO_WIDTH) };
  }
  if (DATE_TEXT.test(text)) return bad(dateValue, 'date', { text });
  if (NUMERIC_TEXT.test(text)) {
    const n = Number(text.replace(/,/g, ''));
    return Math.abs(n) > MAX_NUMBER || !Number.isFinite(n) ? tooLarge(n) : { kind: 'ok', value: n, asText: true };
  }
  return bad(notANumber, 'text', { text: raw.trim().slice(0, 30) });
}

/**
 * A formula saved without its calculated value, as the file readers give it: the text `=FORMULA` (or
 * `=（共享公式）`). Checked in every kind of column (formula-no-value), not only where a number is expected: a
 * 学校名称 or 学段 formula must not be read as its own text.
 */
export function formulaWithoutValue(v: CellValue): Parsed<never> | null {
  if (typeof v !== 'string') return null;
  const text = v.trim();
  return text.startsWith('=') ? bad(formulaNoValue, 'formula', { formula: text.slice(0, 40) }) : null;
}

/** Reads text (numbers become their decimal text); an error value (#N/A …) is a formula error, a formula without a value too. */
export function parseText(v: CellValue): Parsed<string> {
  if (isBlank(v)) return { kind: 'blank' };
  if (typeof v === 'number') return { kind: 'ok', value: String(v) };
  if (typeof v === 'boolean') return { kind: 'ok', value: v ? 'TRUE' : 'FALSE' };
  if (isErrorValue(v)) return errorValue(String(v));
  return formulaWithoutValue(v) ?? { kind: 'ok', value: String(v).trim() };
}

/**
 * Reads an identifier (学校标识码): text with every invisible character removed (reported in `invisible`),
 * so that a code pasted from a web page matches the same code typed in the other sheet.
 */
export function parseCode(v: CellValue): Parsed<string> {
  if (typeof v !== 'string') return parseText(v);
  const invisible = invisibleIn(v);
  const text = invisible.length ? v.replace(INVISIBLE, '') : v;
  if (isBlank(text)) return { kind: 'blank' };
  if (isErrorValue(text)) return errorValue(text);
  const formula = formulaWithoutValue(text);
  if (formula) return formula;
  const typed = text.trim();
  // Digits and letters typed with a Chinese input method in full width (「０３６１２３０１０１」) are the code in half width.
  const value = halfWidth(typed, FULL_WIDTH_ALNUM);
  const widened = value !== typed ? { widened: typed } : {};
  return invisible.length ? { kind: 'ok', value, invisible, ...widened } : { kind: 'ok', value, ...widened };
}


/** Reads an enumerated value, accepting aliases; spaces inside are ignored. */
export function parseEnum(v: CellValue, values: readonly string[], aliases: Readonly<Record<string, string>> = {}, message: 'enum' | 'ownerType' = 'enum'): Parsed<string> {
  if (isBlank(v)) return { kind: 'blank' };
  if (isErrorValue(v)) return errorValue(String(v));
  const formula = formulaWithoutValue(v);
  if (formula) return formula;
  const text = String(v).replace(/[\s\u3000]+/g, '').replace(ZERO_WIDTH, '');
  const invisible = invisibleIn(String(v), ZERO_WIDTH);
  // An alias is an own key only: 「toString」 or 「constructor」 in a cell is not an alias of anything.
  const alias = Object.hasOwn(aliases, text);
  if (invisible.length && (values.includes(text) || alias)) return { kind: 'ok', value: values.includes(text) ? text : aliases[text], invisible };
  if (values.includes(text)) return { kind: 'ok', value: text };
  if (alias) return { kind: 'ok', value: aliases[text] };
  if (message !== 'enum') return bad(badEnum, message, { text: String(v).trim().slice(0, 30) });
  return bad(badEnum, 'enum', { text: String(v).trim().slice(0, 30), values: values.join('、') });
}

const YES = new Set(['是', '有', 'Y', 'YES', '√', '达到', '达标', 'TRUE']);
const NO = new Set(['否', '无', 'N', 'NO', '×', '未达到', '未达标', 'FALSE']);
/** Words of a verdict rather than of a fact: on a row asking whether something bad exists (一票否决) they read backwards. */
const VERDICT_WORDS = new Set(['达到', '达标', '未达到', '未达标']);

/**
 * 是/否 and their synonyms. `veto`: the row asks whether a bad situation exists (存在以考试方式招生…), where 「达标」
 * would be read as 是 (the county vetoed) while the user meant 「没有问题」: the verdict words are an error there.
 */
export function parseYesNo(v: CellValue, veto = false): Parsed<boolean> {
  if (isBlank(v)) return { kind: 'blank' };
  if (typeof v === 'boolean') return { kind: 'ok', value: v };
  if (isErrorValue(v)) return errorValue(String(v));
  const formula = formulaWithoutValue(v);
  if (formula) return formula;
  const text = String(v).replace(/[\s\u3000]+/g, '').replace(ZERO_WIDTH, '').toUpperCase();
  if (veto && VERDICT_WORDS.has(text)) return bad(badEnum, 'yesNoVeto', { text: String(v).trim().slice(0, 30) });
  if (YES.has(text)) return { kind: 'ok', value: true };
  if (NO.has(text)) return { kind: 'ok', value: false };
  return bad(badEnum, 'yesNo', { text: String(v).trim().slice(0, 30) });
}

/** A count within this distance of a whole number is that number (float noise from a formula or a tool). */
const WHOLE_TOLERANCE = 1e-9;

/** Whether a number format shows decimals (0.00, #,##0.0): a count with float noise then shows a fraction. */
function showsFraction(fmt: string): boolean {
  return /\.[0#?]/.test(fmt.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ''));
}

/**
 * How parseRow reads one column of a sheet, worked out once per sheet rather than once per cell: where the
 * column is, the scale of a money column, and for an enumeration the texts already parsed.
 */
export interface ColumnReader<F extends string = string> {
  spec: ColumnSpec<F>;
  /** 0-based column in the sheet; undefined when the sheet has no such column. */
  col: number | undefined;
  /** Scale of a money column: 1 for 元, 10 000 for 万元 (the default when the header says neither). */
  scale: number;
  /**
   * An enumeration's parse of each cell text seen so far: a column holds a handful of distinct texts, so each
   * is parsed once. The parse depends on the text alone, and its result is only read, never changed.
   */
  enumTexts: Map<string, Parsed<string>> | null;
}

/** The readers of a sheet's columns, in the order of the specs (the order of the fields and of their issues). */
export function columnReaders<F extends string>(layout: SheetLayout, specs: readonly ColumnSpec<F>[]): ColumnReader<F>[] {
  return specs.map((spec) => ({
    spec,
    col: layout.columns[spec.field],
    scale: layout.scales[spec.field] ?? 10000,
    enumTexts: spec.kind === 'enum' ? new Map<string, Parsed<string>>() : null,
  }));
}

/**
 * Parses the cells of one data row into `out`, the value of each column at its reader's position (null when
 * blank or wrong), reporting each problem at its cell. The caller builds its row object from `out`, which it
 * may reuse from row to row: every position is written.
 *
 * A plain cell (a number within range where a number is expected; a text that is not blank, not an error
 * value and not a formula without its value where a text is expected, without invisible characters for a code, as parseText and parseCode read
 * them; an enumeration text this column has already read cleanly) is read here directly; anything else goes through the full parse (parseCell), which reports it. Both give
 * the same value for a plain cell: the direct reading only skips building what a plain cell does not need.
 */
export function parseRow<F extends string>(ctx: RowCtx, readers: readonly ColumnReader<F>[], bad: Set<F>, out: unknown[]): void {
  const cells = ctx.grid.values[ctx.row];
  const blocked = ctx.blocked?.size ? ctx.blocked : null;
  for (let i = 0; i < readers.length; i++) {
    const reader = readers[i];
    const { spec, col } = reader;
    if (col === undefined) {
      out[i] = null;
      continue;
    }
    if (blocked !== null && blocked.has(`${ctx.row},${col}`)) {
      bad.add(spec.field);
      out[i] = null;
      continue;
    }
    const cell = cells === undefined ? undefined : cells[col];
    // An empty cell is blank for every kind of column.
    if (cell === undefined || cell === null) {
      out[i] = null;
      continue;
    }
    const kind = spec.kind;
    if (kind === 'count' || kind === 'number' || kind === 'money') {
      // A number ≥ 0 and ≤ MAX_NUMBER (whole, for a count): used as it is (a money column scaled to 元).
      if (typeof cell === 'number' && cell >= 0 && cell <= MAX_NUMBER && (kind !== 'count' || Number.isInteger(cell))) {
        out[i] = kind === 'money' ? cell * reader.scale : cell;
        continue;
      }
    } else if (kind === 'enum') {
      // A text parsed before in this column, to a value without invisible characters: that value.
      if (typeof cell === 'string') {
        const known = reader.enumTexts?.get(cell);
        if (known !== undefined && known.kind === 'ok' && known.invisible === undefined) {
          out[i] = known.value;
          continue;
        }
      }
    } else if (kind === 'code' || kind === 'text') {
      // A text that is not blank, not an error value (#N/A …) and, for a code, without invisible or full-width characters.
      if (typeof cell === 'string') {
        const text = cell.trim();
        const first = text.charCodeAt(0);
        if (text !== '' && first !== 0x23 /* # */ && first !== 0x3d /* = */ && (kind === 'text' || !CODE_TO_PARSE.test(cell))) {
          out[i] = text;
          continue;
        }
      }
    }
    out[i] = parseCell(ctx, reader, cell, bad);
  }
}

/** The full parse of one cell: its value, or null (blank, or wrong: then reported and the field marked bad). */
function parseCell<F extends string>(ctx: RowCtx, reader: ColumnReader<F>, v: CellValue, bad: Set<F>): unknown {
  const { spec } = reader;
  let p: Parsed<unknown>;
  switch (spec.kind) {
    case 'code': {
      // A code stored as a number and shown through a format such as 0000000000 is the text the cell shows.
      const shown = typeof v === 'number' ? wholeNumberAsShown(v, formatAt(ctx.grid, ctx.row, reader.col!)) : null;
      p = shown === null ? parseCode(v) : { kind: 'ok', value: shown };
      break;
    }
    case 'text':
      p = parseText(v);
      break;
    case 'enum': {
      const texts = reader.enumTexts;
      let e = typeof v === 'string' && texts ? texts.get(v) : undefined;
      if (e === undefined) {
        e = parseEnum(v, spec.values ?? [], spec.aliases, spec.enumMessage);
        if (typeof v === 'string' && texts) texts.set(v, e);
      }
      p = e;
      break;
    }
    default:
      p = parseNumber(v);
  }
  if (p.kind === 'blank') return null;
  const header = spec.header;
  if (p.kind === 'bad') {
    bad.add(spec.field);
    ctx.issues.push(badCellIssue(p, header, ctx.grid.name, a1(ctx.row, reader.col!)));
    return null;
  }
  let value = p.value;
  // One message per cell: a warning is given only when the value is accepted.
  let warning: (() => void) | null = null;
  if (p.invisible?.length) {
    const data = { header, chars: p.invisible.map(invisibleName).join('、'), value: String(value) };
    warning = () => issueAt(ctx, spec.field, invisibleCharacters, 'value', data);
  } else if (p.widened !== undefined) {
    const data = { header, typed: p.widened, value: String(value) };
    warning = () => issueAt(ctx, spec.field, codeFullWidth, 'wide', data);
  }
  if (typeof value === 'number') {
    let n: number = value;
    if (n < 0) {
      bad.add(spec.field);
      issueAt(ctx, spec.field, negativeNumber, 'negative', { header, value: n });
      return null;
    }
    if (spec.kind === 'count' && !Number.isInteger(n)) {
      const whole = Math.round(n);
      if (Math.abs(n - whole) > WHOLE_TOLERANCE) {
        bad.add(spec.field);
        issueAt(ctx, spec.field, notWholeNumber, 'fraction', { header, value: n });
        return null;
      }
      // Float noise (16.000000000000004 from a formula or another tool): the whole number, said only where the cell shows it.
      if (!p.asText && showsFraction(formatAt(ctx.grid, ctx.row, reader.col!))) {
        const data = { header, value: n, whole };
        warning = () => issueAt(ctx, spec.field, nearWholeNumber, 'noise', data);
      }
      n = whole;
    }
    if (p.asText) {
      const data = { header, text: String(v).replace(ZERO_WIDTH, '').trim(), value: n };
      warning = () => issueAt(ctx, spec.field, textNumber, 'cell', data);
    }
    value = spec.kind === 'money' ? n * reader.scale : n;
  }
  if (warning) warning();
  // A code stored as a number that shows fewer than 10 characters may have lost its leading zeros. One that shows
  // 10 (its format pads it, as 0000000000 does) is read as shown, without a warning: nothing is lost.
  if (spec.kind === 'code' && typeof v === 'number' && String(value).length < 10) issueAt(ctx, spec.field, codeAsNumber, 'number', { header, value: String(value) });
  return value;
}
