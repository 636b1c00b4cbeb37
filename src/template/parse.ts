/** Typed parsing of single cells: numbers, numbers stored as text, enumerations. */
import type { CellValue } from './grid';

export type Parsed<T> =
  | { kind: 'blank' }
  /** asText: a number stored as text; invisible: the invisible characters removed from the text (U+200B …). */
  | { kind: 'ok'; value: T; asText?: boolean; invisible?: string[] }
  | { kind: 'bad'; code: string; message: string; fix: string };

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

/** The invisible characters of a text, as 「U+200B」 names (each once, in order). */
export function invisibleIn(text: string, which: RegExp = INVISIBLE): string[] {
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
  return { kind: 'bad', code: 'formula-error', message: `公式结果为错误值“${v.trim()}”`, fix: '请检查该单元格的公式或引用，使其得出正确的值（或直接填写值）' };
}

function fullWidthToAscii(s: string): string {
  return s.replace(/[\uff10-\uff19\uff0e\uff0c\uff0b\uff0d]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * No input of the template comes near 10^12 (a trillion ㎡, 元 or persons); larger numbers are typing
 * or unit mistakes, and would overflow the sums of squares behind a CV.
 */
export const MAX_NUMBER = 1e12;

function tooLarge(v: number): Parsed<never> {
  return { kind: 'bad', code: 'number-too-large', message: `数值 ${v} 过大，超出合理范围`, fix: '请核对数值和单位（是否多输了位数，或把元当成了万元）' };
}

export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/** Reads a number from a cell: a real number, or a number stored as text (asText = true, a warning). */
export function parseNumber(v: CellValue): Parsed<number> {
  if (v === null || isBlank(v)) return { kind: 'blank' };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'bad', code: 'not-a-number', message: '不是有效数字', fix: '请填写数字' };
    if (Math.abs(v) > MAX_NUMBER) return tooLarge(v);
    return { kind: 'ok', value: v };
  }
  if (typeof v === 'boolean') return { kind: 'bad', code: 'not-a-number', message: `填写的是逻辑值“${v ? 'TRUE' : 'FALSE'}”，不是数字`, fix: '请填写数字' };
  const raw = String(v);
  const text = fullWidthToAscii(raw.trim());
  if (text.startsWith('='))
    return { kind: 'bad', code: 'formula-no-value', message: `是公式“${text.slice(0, 40)}”，但文件中没有它的计算结果`, fix: '请在 Excel 或 WPS 中打开文件，重新计算（F9）后保存，再核验' };
  if (ERROR_TEXT.test(text)) return { kind: 'bad', code: 'formula-error', message: `公式结果为错误值“${text}”`, fix: '请检查该单元格的公式，使其得出数字' };
  if (invisibleIn(text, ZERO_WIDTH).length && NUMERIC_TEXT.test(text.replace(ZERO_WIDTH, ''))) {
    const n = Number(text.replace(ZERO_WIDTH, '').replace(/,/g, ''));
    return Math.abs(n) > MAX_NUMBER ? tooLarge(n) : { kind: 'ok', value: n, asText: true, invisible: invisibleIn(text, ZERO_WIDTH) };
  }
  if (DATE_TEXT.test(text)) return { kind: 'bad', code: 'date-value', message: `填写的是日期“${text}”，不是数字`, fix: '请将单元格格式改为“常规”或“数值”后重新填写数字' };
  if (NUMERIC_TEXT.test(text)) {
    const n = Number(text.replace(/,/g, ''));
    return Math.abs(n) > MAX_NUMBER || !Number.isFinite(n) ? tooLarge(n) : { kind: 'ok', value: n, asText: true };
  }
  return { kind: 'bad', code: 'not-a-number', message: `“${raw.trim().slice(0, 30)}”不是数字`, fix: '请只填写数字，不要带单位或文字说明' };
}

/** Reads text (numbers become their decimal text); an error value (#N/A …) is a formula error. */
export function parseText(v: CellValue): Parsed<string> {
  if (isBlank(v)) return { kind: 'blank' };
  if (typeof v === 'number') return { kind: 'ok', value: String(v) };
  if (typeof v === 'boolean') return { kind: 'ok', value: v ? 'TRUE' : 'FALSE' };
  if (isErrorValue(v)) return errorValue(String(v));
  return { kind: 'ok', value: String(v).trim() };
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
  const value = text.trim();
  return invisible.length ? { kind: 'ok', value, invisible } : { kind: 'ok', value };
}

/** Reads an enumerated value, accepting aliases; spaces inside are ignored. */
export function parseEnum(v: CellValue, values: readonly string[], aliases: Readonly<Record<string, string>> = {}): Parsed<string> {
  if (isBlank(v)) return { kind: 'blank' };
  if (isErrorValue(v)) return errorValue(String(v));
  const text = String(v).replace(/[\s\u3000]+/g, '').replace(ZERO_WIDTH, '');
  const invisible = invisibleIn(String(v), ZERO_WIDTH);
  if (invisible.length && (values.includes(text) || text in aliases)) return { kind: 'ok', value: values.includes(text) ? text : aliases[text], invisible };
  if (values.includes(text)) return { kind: 'ok', value: text };
  if (text in aliases) return { kind: 'ok', value: aliases[text] };
  return {
    kind: 'bad',
    code: 'bad-enum',
    message: `“${String(v).trim().slice(0, 30)}”不是可选值`,
    fix: `请从下列值中选择：${values.join('、')}`,
  };
}

const YES = new Set(['是', '有', 'Y', 'YES', '√', '达到', '达标', 'TRUE']);
const NO = new Set(['否', '无', 'N', 'NO', '×', '未达到', '未达标', 'FALSE']);

export function parseYesNo(v: CellValue): Parsed<boolean> {
  if (isBlank(v)) return { kind: 'blank' };
  if (typeof v === 'boolean') return { kind: 'ok', value: v };
  if (isErrorValue(v)) return errorValue(String(v));
  const text = String(v).replace(/[\s\u3000]+/g, '').replace(ZERO_WIDTH, '').toUpperCase();
  if (YES.has(text)) return { kind: 'ok', value: true };
  if (NO.has(text)) return { kind: 'ok', value: false };
  return { kind: 'bad', code: 'bad-enum', message: `“${String(v).trim().slice(0, 30)}”不是“是”或“否”`, fix: '请填写“是”或“否”' };
}
