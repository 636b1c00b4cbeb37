/** Checks of 「县级指标」: the rows (known, once) and their values (numbers, 是/否, percentages). */
import type { CountyValue } from '../../domain/model';
import { plainNumber } from '../../domain/rules/render';
import type { CellGrid, CellValue } from '../grid';
import { a1, cellAt, formatAt, rangeA1 } from '../grid';
import type { Issue } from '../issues';
import type { SheetLayout } from '../layout';
import { CONCLUSION_ROWS, COUNTY_ROWS, normaliseHeader, splitMoneyUnit } from '../schema';
import { badCellIssue, badEnum, formulaWithoutValue, isBlank, isErrorValue, negativeNumber, notWholeNumber, parseNumber, parseText, parseYesNo, textNumber, type Parsed } from './cell-values';
import { render } from './define';
import { defineCheck, issue } from './define';
import { countyHeaderRow, normalisedCell } from './header';
import { mergedCells, mergedNumber } from './merges';
import { FOOTER, lastNonEmptyRow } from './rows';

export const unknownCountyRow = defineCheck({
  meta: { code: 'unknown-county-row', severity: 'warning', meaning: '未识别的县级指标行，已忽略' },
  messages: {
    noLabel: { text: '第{{row}}行有数值但「指标」为空，已忽略', fix: '请填写指标名称或删除该行' },
    unknown: { text: '未识别的指标「{{label}}」，已忽略', fix: '请核对指标名称是否与标准模板一致' },
  },
});

export const duplicateCountyRow = defineCheck({
  meta: { code: 'duplicate-county-row', severity: 'warning', meaning: '县级指标行重复，只用第一行' },
  messages: { repeated: { text: '指标「{{label}}」重复出现，已使用第{{row}}行', fix: '请删除重复的行' } },
});

export const percentAsFraction = defineCheck({
  meta: { code: 'percent-as-fraction', severity: 'warning', meaning: '百分比行填写了不大于1的小数，按百分数读取，请确认' },
  messages: {
    fraction: { text: '「{{label}}」填写为 {{value}}，按 {{value}}% 读取；如果本意是 {{percent}}%，请改写', fix: '百分比请填写百分数的数值（如 96 表示 96%），或把单元格设为百分比格式' },
  },
});

export const percentOver100 = defineCheck({
  meta: { code: 'percent-over-100', severity: 'error', meaning: '百分比超过100%' },
  messages: {
    number: { text: '「{{label}}」为 {{value}}%，超过100%', fix: '请核对百分比' },
    formatted: {
      text: '「{{label}}」为 {{value}}%，超过100%（单元格为百分比格式，填写的 {{written}} 显示为 {{value}}%）',
      fix: '百分比格式的单元格请填写小数（如 0.912 显示为 91.2%），或把单元格格式改为“常规”后填写百分数的数值',
    },
  },
});

export const ratioOutOfRange = defineCheck({
  meta: { code: 'ratio-out-of-range', severity: 'error', meaning: '校际差异率不小于1（应填小数）' },
  messages: { over: { text: '「{{label}}」为{{value}}，应为小于1的小数', fix: '校际差异率填小数，如0.12' } },
});

export const conclusionNotUsed = defineCheck({
  meta: { code: 'conclusion-not-used', severity: 'warning', meaning: '「简要结论」填在申报表没有简要结论的行上，已忽略' },
  messages: {
    rows: { text: '「简要结论」只用于8项佐证材料（G1、G2、G10、Q3、Q5至Q8），{{cells}}中的文字已忽略', fix: '请把结论写在相应佐证项目的行上，或删除这些文字' },
  },
});

export const NOT_MONITORED = '未监测';
const LEVELS: Readonly<Record<string, number>> = { Ⅰ: 1, Ⅱ: 2, Ⅲ: 3, Ⅳ: 4, I: 1, II: 2, III: 3, IV: 4, '1': 1, '2': 2, '3': 3, '4': 4, 一: 1, 二: 2, 三: 3, 四: 4 };

/** A 学业水平: Ⅰ–Ⅳ (I–IV, 1–4, 一–四, with an optional 级 or 水平) as 1–4, or 「未监测」. */
export function parseLevel(v: CellValue): Parsed<number | string> {
  if (isBlank(v)) return { kind: 'blank' };
  if (isErrorValue(v)) return parseNumber(v) as Parsed<never>;
  const formula = formulaWithoutValue(v);
  if (formula) return formula;
  const text = normaliseHeader(String(v)).toUpperCase();
  if (text === NOT_MONITORED) return { kind: 'ok', value: NOT_MONITORED };
  const bare = text.replace(/^(.+?)(级|水平)$/, '$1');
  if (bare in LEVELS) return { kind: 'ok', value: LEVELS[bare] };
  const { message, fix } = render(badEnum, 'level', { text: String(v).trim().slice(0, 30) });
  return { kind: 'bad', code: 'bad-enum', message, fix: fix ?? '' };
}

/** A number format that scales by 100 (0%, 0.0%); a quoted or escaped % (0"%", 0\%) is only a literal sign. */
function isPercentFormat(fmt: string): boolean {
  return fmt.replace(/"[^"]*"|\\./g, '').includes('%');
}

type CountyRowSpec = (typeof COUNTY_ROWS)[number];

/** The row a normalised label names, and the scale of its amount: a 元 row written in 万元 is that row × 10 000. */
function rowSpec(label: string, specs: ReadonlyMap<string, CountyRowSpec>): { spec: CountyRowSpec | undefined; scale: number } {
  const spec = specs.get(label);
  if (spec) return { spec, scale: 1 };
  const m = splitMoneyUnit(label);
  const money = m.scale !== null ? specs.get(`${m.base}(元)`) : undefined;
  return money ? { spec: money, scale: m.scale! } : { spec: undefined, scale: 1 };
}

/**
 * Merged cells over the 「数值」 column of several rows (one 「是」 merged over a block of 是/否 rows): Excel shows the
 * value against every row, the file holds it in the top cell only. When every row under the merge takes a word
 * (是/否, a level, a text), the value is read into each of them with a merged-cells warning, as the school sheets do
 * (checks/merges.ts); over a row that takes a number it cannot be, and the merge is a merged-number error with none
 * of its rows given a value (`blocked`). `spread`: the value each covered row reads instead of its own cell.
 */
function countyValueMerges(
  grid: CellGrid,
  headerRow: number,
  labelCol: number,
  valueCol: number,
  specs: ReadonlyMap<string, CountyRowSpec>,
  issues: Issue[],
): { spread: Map<number, CellValue>; blocked: Set<number> } {
  const spread = new Map<number, CellValue>();
  const blocked = new Set<number>();
  for (const m of grid.merges ?? []) {
    // A merge whose top-left cell is the 数值 cell (as checks/merges.ts takes the column of a merge's left edge):
    // a note merged across the sheet below the rows, or a label merged over its value, is not a value.
    if (m.top <= headerRow || m.bottom === m.top || m.left !== valueCol) continue;
    const v = cellAt(grid, m.top, m.left);
    if (isBlank(v)) continue;
    // The rows under it that name a 县级指标 row (万元 labels as readCounty finds them); none: not the data.
    const rows: { r: number; kind: string }[] = [];
    for (let r = m.top; r <= m.bottom; r++) {
      const label = cellAt(grid, r, labelCol);
      const spec = isBlank(label) ? undefined : rowSpec(normaliseHeader(String(label)), specs).spec;
      if (spec) rows.push({ r, kind: spec.kind });
    }
    if (rows.length === 0) continue;
    const data = { header: '数值', range: rangeA1(m), rows: m.bottom - m.top + 1, first: m.top + 1, last: m.bottom + 1 };
    if (rows.every((x) => x.kind === 'yesno' || x.kind === 'level' || x.kind === 'text')) {
      for (const { r } of rows) if (r !== m.top) spread.set(r, v);
      issues.push(issue(mergedCells, 'spread', { ...data, value: String(v).trim().slice(0, 30) }, grid.name, a1(m.top, valueCol)));
    } else {
      // as in the school sheets, no row under the merge gets its number, the top one neither: their values are
      // unknown because of this error (items 无法评估, naming it), not blank
      for (let r = m.top; r <= m.bottom; r++) blocked.add(r);
      issues.push(issue(mergedNumber, 'number', data, grid.name, a1(m.top, valueCol)));
    }
  }
  return { spread, blocked };
}

/** Reads the rows of 「县级指标」; null (with a warning) when its header is not found. */
export function readCounty(grid: CellGrid, issues: Issue[]): { values: Partial<Record<string, CountyValue>>; layout: SheetLayout } | null {
  const headerRow = countyHeaderRow(grid, issues);
  if (headerRow < 0) return null;
  const header = (grid.values[headerRow] ?? []).map(normalisedCell);
  const labelCol = header.indexOf('指标');
  const valueCol = header.indexOf('数值');
  const specs = new Map<string, CountyRowSpec>();
  for (const spec of COUNTY_ROWS) {
    specs.set(normaliseHeader(spec.label), spec);
    for (const alias of spec.aliases ?? []) specs.set(normaliseHeader(alias), spec);
  }
  const conclusionCol = header.indexOf('简要结论');
  const values: Partial<Record<string, CountyValue>> = {};
  const last = lastNonEmptyRow(grid);
  const { spread, blocked } = countyValueMerges(grid, headerRow, labelCol, valueCol, specs, issues);
  const unusedConclusions: string[] = [];
  for (let r = headerRow + 1; r <= last; r++) {
    const rawLabel = cellAt(grid, r, labelCol);
    if (isBlank(rawLabel)) {
      if (!isBlank(cellAt(grid, r, valueCol))) issues.push(issue(unknownCountyRow, 'noLabel', { row: r + 1 }, grid.name, a1(r, labelCol)));
      continue;
    }
    const n = normaliseHeader(String(rawLabel));
    const { spec, scale } = rowSpec(n, specs);
    if (!spec) {
      if (!FOOTER.test(n)) issues.push(issue(unknownCountyRow, 'unknown', { label: String(rawLabel).trim().slice(0, 40) }, grid.name, a1(r, labelCol)));
      continue;
    }
    if (values[spec.key]) {
      issues.push(issue(duplicateCountyRow, 'repeated', { label: spec.label, row: values[spec.key]!.row + 1 }, grid.name, a1(r, labelCol)));
      continue;
    }
    if (blocked.has(r)) {
      // under a merged-number merge: the error at the merge says it all (one message per cell)
      values[spec.key] = { value: null, row: r, error: true };
      continue;
    }
    const v = spread.has(r) ? spread.get(r)! : cellAt(grid, r, valueCol);
    const at = a1(r, valueCol);
    const label = spec.label;
    // One message per cell: an error replaces the warnings the same cell would get (text-number, percent-as-fraction).
    let error: Issue | null = null;
    let warning: Issue | null = null;
    let value: number | boolean | string | null = null;
    const badCell = (p: Extract<Parsed<unknown>, { kind: 'bad' }>) => badCellIssue(p, label, grid.name, at);
    if (spec.kind === 'text') {
      const p = parseText(v);
      if (p.kind === 'bad') error = badCell(p);
      value = p.kind === 'ok' ? p.value : null;
    } else if (spec.kind === 'yesno') {
      const p = parseYesNo(v, spec.item?.startsWith('V') === true);
      if (p.kind === 'bad') error = badCell(p);
      value = p.kind === 'ok' ? p.value : null;
    } else if (spec.kind === 'level') {
      const p = parseLevel(v);
      if (p.kind === 'bad') error = badCell(p);
      value = p.kind === 'ok' ? p.value : null;
    } else if (spec.kind === 'ratio-or-na' && typeof v === 'string' && normaliseHeader(v) === NOT_MONITORED) {
      value = NOT_MONITORED;
    } else {
      const p = parseNumber(v);
      if (p.kind === 'bad') error = badCell(p);
      else if (p.kind === 'ok') {
        if (p.asText) warning = issue(textNumber, 'county', { header: label, value: p.value }, grid.name, at);
        if (p.value < 0) error = issue(negativeNumber, 'negative', { header: label, value: p.value }, grid.name, at);
        else if (spec.kind === 'count' && !Number.isInteger(p.value)) error = issue(notWholeNumber, 'fraction', { header: label, value: p.value }, grid.name, at);
        else if (spec.kind === 'ratio-or-na' && p.value >= 1) error = issue(ratioOutOfRange, 'over', { label, value: p.value }, grid.name, at);
        else {
          value = p.value * scale;
          if (spec.kind === 'percent') {
            const fmt = formatAt(grid, r, valueCol);
            const formatted = isPercentFormat(fmt) && typeof v === 'number';
            if (formatted) value = Number((p.value * 100).toPrecision(15)); // 0.923 → 92.3, not 92.30000000000001
            else if (p.value > 0 && p.value <= 1) warning = issue(percentAsFraction, 'fraction', { label, value: plainNumber(p.value), percent: plainNumber(p.value * 100) }, grid.name, at);
            if (typeof value === 'number' && value > 100)
              error = issue(percentOver100, formatted ? 'formatted' : 'number', { label, value, written: p.value }, grid.name, at);
          }
        }
      }
    }
    if (error) issues.push(error);
    else if (warning) issues.push(warning);
    values[spec.key] = error ? { value: null, row: r, error: true } : { value, row: r };
    const c = conclusionCol >= 0 ? cellAt(grid, r, conclusionCol) : null;
    if (!isBlank(c)) {
      const text = String(c).trim();
      if ((CONCLUSION_ROWS as readonly string[]).includes(spec.key)) values[spec.key]!.conclusion = text;
      else unusedConclusions.push(a1(r, conclusionCol));
    }
  }
  if (unusedConclusions.length)
    issues.push(issue(conclusionNotUsed, 'rows', { cells: unusedConclusions.join('、') }, grid.name, unusedConclusions[0]));
  const columns: Record<string, number> = { label: labelCol, value: valueCol };
  if (conclusionCol >= 0) columns.conclusion = conclusionCol;
  return { values, layout: { sheet: grid.name, headerRow, columns, scales: {} } };
}
