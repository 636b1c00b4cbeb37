/**
 * Checks of a sheet's header: where it is (one row, or two with a group header), which column is which,
 * and which columns are missing or there twice.
 */
import type { ColumnSpec } from '../../domain/columns';
import type { CellGrid, CellValue } from '../grid';
import { a1, cellAt, columnLetter } from '../grid';
import type { Issue } from '../issues';
import type { SheetLayout } from '../layout';
import { normaliseHeader, splitMoneyUnit } from '../schema';
import { invisibleCharacters, invisibleIn, invisibleName, isBlank, parseNumber, ZERO_WIDTH } from './cell-values';
import { defineCheck, fatal, issue, render } from './define';

export const HEADER_SEARCH_ROWS = 10;

export const missingHeaderRow = defineCheck({
  meta: { code: 'missing-header-row', severity: 'fatal', meaning: '「学校基本信息」或「分学段信息」前10行中找不到表头行' },
  messages: {
    schools: { text: '工作表「{{sheet}}」前{{rows}}行中找不到表头「学校标识码」。请按标准模板填写表头' },
    stages: { text: '工作表「{{sheet}}」前{{rows}}行中找不到含「学校标识码」和「学段」的表头行。请按标准模板填写表头' },
  },
});

export const missingCountyHeader = defineCheck({
  meta: { code: 'missing-county-header', severity: 'warning', meaning: '「县级指标」前10行中找不到表头行，县级项目记为未填报' },
  messages: {
    missing: { text: '工作表「{{sheet}}」前{{rows}}行中找不到含「指标」和「数值」的表头行，县级指标均记为未填报', fix: '请按标准模板填写表头「指标」「数值」' },
  },
});

export const moneyUnitMissing = defineCheck({
  meta: { code: 'money-unit-missing', severity: 'warning', meaning: '金额列的表头没有写单位（万元或元），按万元读取' },
  messages: {
    missing: {
      text: '表头「{{header}}」没有写单位，按模板的万元读取',
      fix: '请在表头注明单位：填的是万元写“{{header}}(万元)”，填的是元写“{{header}}(元)”',
    },
  },
});

export const duplicateColumn = defineCheck({
  meta: { code: 'duplicate-column', severity: 'error', meaning: '同一表头出现在两列以上（含隐藏列），只读取其中一列（优先可见列）' },
  messages: {
    hidden: {
      text: '表头「{{header}}」出现在 {{columns}}，无法确定哪一列是正确的数据；已读取 {{chosen}} 列，{{others}} 列未读取',
      fix: '请核对这几列（隐藏的列可选中两侧的列后右键“取消隐藏”查看），删除过时的列，只保留一列',
    },
    visible: {
      text: '表头「{{header}}」出现在 {{columns}}，无法确定哪一列是正确的数据；已读取 {{chosen}} 列，{{others}} 列未读取',
      fix: '请删除或重命名重复的列，只保留一列',
    },
  },
});

export const missingColumn = defineCheck({
  meta: { code: 'missing-column', severity: 'fatal', meaning: '缺少必填列' },
  messages: {
    several: { text: '工作表「{{sheet}}」缺少{{count}}个必填列：「{{headers}}」（表头在第{{row}}行）。请按标准模板补上这些列后重试' },
    one: { text: '工作表「{{sheet}}」缺少必填列「{{header}}」{{near}}。请按标准模板补上该列后重试' },
    near: { text: '；{{cell}} 的表头「{{text}}」与之相近，请核对单位写法' },
  },
});

export const missingOptionalColumn = defineCheck({
  meta: { code: 'missing-optional-column', severity: 'warning', meaning: '缺少选填列，依赖它的项目记为未填报' },
  messages: {
    missing: { text: '未找到可选列「{{header}}」，依赖它的项目将记为未填报', fix: '如需评估相关项目，请按标准模板增加「{{header}}」列' },
    near: { text: '未找到可选列「{{header}}」，依赖它的项目将记为未填报；{{cell}} 的表头「{{text}}」与之相近，请核对单位写法', fix: '如该列就是「{{header}}」，请把表头改为「{{header}}」' },
  },
});

export const headerWithoutUnit = defineCheck({
  meta: { code: 'header-without-unit', severity: 'warning', meaning: '人数、个数、间数列的表头没有写单位（如「小学在校生数」），已按标准表头读取' },
  messages: { unit: { text: '表头「{{text}}」没有写单位，已按「{{header}}」读取', fix: '请把表头改为「{{header}}」' } },
});

export function normalisedCell(v: CellValue): string {
  return typeof v === 'string' ? normaliseHeader(v) : v === null ? '' : normaliseHeader(String(v));
}

/** Where a sheet's header sits: its rows (one, or two with a group header) and the text of each column. */
export interface Header {
  /** First and last header row (0-based); data starts below `end`. */
  row: number;
  end: number;
  /** Per column, the normalised texts to match, best first. */
  texts: string[][];
}

/** The value of a cell, or of the merge that covers it (a group header spread over its columns). */
function mergedValue(grid: CellGrid, row: number, col: number): CellValue {
  const v = cellAt(grid, row, col);
  if (!isBlank(v)) return v;
  const m = grid.merges?.find((x) => x.top <= row && row <= x.bottom && x.left <= col && col <= x.right);
  return m ? cellAt(grid, m.top, m.left) : v;
}

function rowWidth(grid: CellGrid, ...rows: number[]): number {
  return Math.max(0, ...rows.map((r) => (grid.values[r] ?? []).length));
}

/** Texts of a one-row header, or of a two-row one (group header `top` above the sub-headers `sub`). */
function headerTexts(grid: CellGrid, top: number | null, sub: number): string[][] {
  const out: string[][] = [];
  const width = rowWidth(grid, sub, ...(top === null ? [] : [top]));
  for (let c = 0; c < width; c++) {
    const s = normalisedCell(top === null ? cellAt(grid, sub, c) : mergedValue(grid, sub, c));
    const t = top === null ? '' : normalisedCell(mergedValue(grid, top, c));
    // A cell merged down over both rows shows the same text in both: it is one header, not two.
    const both = t === s ? [s] : [s, t + s, s + t, s ? '' : t];
    out.push([...new Set(both.filter(Boolean))]);
  }
  return out;
}

/** Whether row `n` continues the header of row `r`: text only, and blank under the key headers. */
function continuesHeader(grid: CellGrid, r: number, n: number, keys: string[]): boolean {
  const cells = grid.values[n] ?? [];
  if (!cells.some((v) => !isBlank(v))) return false;
  if (cells.some((v) => !isBlank(v) && (typeof v !== 'string' || parseNumber(v).kind === 'ok'))) return false;
  const head = (grid.values[r] ?? []).map(normalisedCell);
  return keys.every((k) => isBlank(cellAt(grid, n, head.indexOf(k))));
}

/** Whether a header cell of row `r` is merged down over row r+1 (the two rows are one header). */
function mergedHeader(grid: CellGrid, r: number): boolean {
  return (grid.merges ?? []).some((m) => m.top === r && m.bottom === r + 1);
}

/**
 * Finds the header: the first of rows 1–10 that holds the key headers; with a group header (a merged cell
 * above the sub-headers, or the sub-headers below the key headers), the two rows together, so that the
 * second header row is never read as data.
 */
function findHeader(grid: CellGrid, keys: string[], specs: readonly ColumnSpec[]): Header | null {
  const r = findHeaderRow(grid, keys);
  if (r < 0) return null;
  const single: Header = { row: r, end: r, texts: headerTexts(grid, null, r) };
  const count = (h: Header) => Object.keys(matchColumns(h.texts, specs).columns).length;
  let best = single;
  let bestCount = count(single);
  if (continuesHeader(grid, r, r + 1, keys)) {
    const below: Header = { row: r, end: r + 1, texts: headerTexts(grid, r, r + 1) };
    const n = count(below);
    if (n > bestCount || (n === bestCount && mergedHeader(grid, r))) [best, bestCount] = [below, n];
  }
  if (r > 0 && best === single) {
    const above: Header = { row: r - 1, end: r, texts: headerTexts(grid, r - 1, r) };
    const n = count(above);
    if (n > bestCount) [best, bestCount] = [above, n];
  }
  return best;
}

/** The header of 「学校基本信息」 (key 学校标识码) or 「分学段信息」 (学校标识码 and 学段); none is fatal. */
export function requireHeader(grid: CellGrid, sheet: 'schools' | 'stages', specs: readonly ColumnSpec[]): Header {
  const header = findHeader(grid, sheet === 'schools' ? ['学校标识码'] : ['学校标识码', '学段'], specs);
  if (!header) throw fatal(missingHeaderRow, sheet, { sheet: grid.name, rows: HEADER_SEARCH_ROWS }, grid.name, 'A1');
  return header;
}

export function findHeaderRow(grid: CellGrid, keys: string[]): number {
  const limit = Math.min(HEADER_SEARCH_ROWS, grid.values.length);
  for (let r = 0; r < limit; r++) {
    const row = grid.values[r] ?? [];
    const texts = new Set(row.map(normalisedCell));
    if (keys.every((k) => texts.has(k))) return r;
  }
  return -1;
}

/** The header row of 「县级指标」 (指标, 数值), or -1 with a warning: the county items are then not filled. */
export function countyHeaderRow(grid: CellGrid, issues: Issue[]): number {
  const r = findHeaderRow(grid, ['指标', '数值']);
  if (r < 0) issues.push(issue(missingCountyHeader, 'missing', { sheet: grid.name, rows: HEADER_SEARCH_ROWS }, grid.name, 'A1'));
  return r;
}

interface ColumnMatch {
  columns: Record<string, number>;
  scales: Record<string, number>;
  /** Every column matching each field, in sheet order (more than one is an error). */
  all: Record<string, number[]>;
  /** Money fields whose header gives no unit (read as 万元, the template's unit). */
  unitless: string[];
  /** Fields read from a header without its unit (header-without-unit), with the text matched. */
  loose: Record<string, string>;
}

/** The units of a count column: a header without one cannot mean another unit (a count of 万人 says so). */
const COUNT_UNIT = /\((人|个|间)\)$/;

/** Matches header texts (per column, best first) to the columns of a sheet spec. */
function matchColumns(texts: string[][], specs: readonly ColumnSpec[]): ColumnMatch {
  const byHeader = new Map<string, ColumnSpec>();
  for (const spec of specs) {
    const n = normaliseHeader(spec.header);
    byHeader.set(spec.kind === 'money' ? splitMoneyUnit(n).base : n, spec);
  }
  const lookup = (n: string): { spec: ColumnSpec; scale: number | null } | null => {
    const spec = byHeader.get(n);
    if (spec) return { spec, scale: null };
    const m = splitMoneyUnit(n);
    const cand = byHeader.get(m.base);
    return cand && cand.kind === 'money' && m.scale !== null ? { spec: cand, scale: m.scale } : null;
  };
  // A count column's header without its unit (小学在校生数 for 小学在校生数(人)): read as that column when the
  // sheet has no column under the full header, with a warning at the header.
  const byBare = new Map<string, ColumnSpec>();
  for (const spec of specs) {
    const n = normaliseHeader(spec.header);
    const bare = n.replace(COUNT_UNIT, '');
    if (bare !== n && !byHeader.has(bare)) byBare.set(bare, spec);
  }
  const out: ColumnMatch = { columns: {}, scales: {}, all: {}, unitless: [], loose: {} };
  const bareHits: { spec: ColumnSpec; c: number; text: string }[] = [];
  texts.forEach((candidates, c) => {
    let hit: ReturnType<typeof lookup> = null;
    for (const n of candidates) if ((hit = lookup(n))) break;
    if (!hit) {
      const text = candidates.find((n) => byBare.has(n));
      if (text !== undefined) bareHits.push({ spec: byBare.get(text)!, c, text });
      return;
    }
    const { spec, scale } = hit;
    (out.all[spec.field] ??= []).push(c);
    if (spec.field in out.columns) return;
    out.columns[spec.field] = c;
    if (spec.kind === 'money') out.scales[spec.field] = scale ?? 10000;
    if (spec.kind === 'money' && scale === null) out.unitless.push(spec.field);
  });
  for (const { spec, c, text } of bareHits) {
    if (spec.field in out.columns && !(spec.field in out.loose)) continue;
    (out.all[spec.field] ??= []).push(c);
    if (spec.field in out.columns) continue;
    out.columns[spec.field] = c;
    out.loose[spec.field] = text;
  }
  return out;
}

/** Matches the header to the columns of a sheet spec, reporting duplicate columns and invisible characters. */
export function mapColumns(grid: CellGrid, header: Header, specs: readonly ColumnSpec[], issues: Issue[]): SheetLayout {
  const { columns, scales, all, unitless, loose } = matchColumns(header.texts, specs);
  const hidden = new Set(grid.hiddenColumns ?? []);
  // 万元 and 元 are the mistake the officers make most: a money header without its unit is read as 万元, and said.
  for (const field of unitless) {
    const spec = specs.find((x) => x.field === field)!;
    issues.push(issue(moneyUnitMissing, 'missing', { header: splitMoneyUnit(normaliseHeader(spec.header)).base }, grid.name, a1(header.end, columns[field])));
  }
  const letter = (c: number) => `${columnLetter(c)} 列${hidden.has(c) ? '（隐藏）' : ''}`;
  for (const spec of specs) {
    const cols = all[spec.field] ?? [];
    if (cols.length < 2) continue;
    // A hidden copy (old values kept out of sight) is not read when a visible column exists.
    const chosen = cols.find((c) => !hidden.has(c)) ?? cols[0];
    columns[spec.field] = chosen;
    const others = cols.filter((c) => c !== chosen);
    const data = { header: spec.header, columns: cols.map(letter).join('、'), chosen: columnLetter(chosen), others: others.map((c) => columnLetter(c)).join('、') };
    issues.push(issue(duplicateColumn, cols.some((c) => hidden.has(c)) ? 'hidden' : 'visible', data, grid.name, a1(header.end, others[0])));
  }
  for (const spec of specs) {
    const text = loose[spec.field];
    if (text === undefined) continue;
    const c = columns[spec.field];
    // The sub-header's cell of a two-row header, or the one cell there is.
    const r = isBlank(cellAt(grid, header.end, c)) ? header.row : header.end;
    issues.push(issue(headerWithoutUnit, 'unit', { text, header: spec.header }, grid.name, a1(r, c)));
  }
  for (const c of Object.values(columns)) {
    for (let r = header.row; r <= header.end; r++) {
      const v = cellAt(grid, r, c);
      const found = typeof v === 'string' ? invisibleIn(v, ZERO_WIDTH) : [];
      if (!found.length) continue;
      const data = { header: String(v).replace(ZERO_WIDTH, '').trim(), chars: found.map(invisibleName).join('、') };
      issues.push(issue(invisibleCharacters, 'header', data, grid.name, a1(r, c)));
    }
  }
  return grid.formulas ? { sheet: grid.name, headerRow: header.end, columns, scales, formulas: grid.formulas } : { sheet: grid.name, headerRow: header.end, columns, scales };
}

/** Every required column is there (else fatal); a missing optional column is a warning. */
export function requireColumns(grid: CellGrid, layout: SheetLayout, specs: readonly ColumnSpec[], issues: Issue[]): void {
  const headerTexts = (grid.values[layout.headerRow] ?? []).map(normalisedCell);
  const missing = specs.filter((spec) => !(spec.field in layout.columns) && spec.required !== 'no');
  const at = a1(layout.headerRow, 0);
  if (missing.length > 1)
    throw fatal(missingColumn, 'several', { sheet: grid.name, count: missing.length, headers: missing.map((s) => s.header).join('」「'), row: layout.headerRow + 1 }, grid.name, at);
  for (const spec of specs) {
    if (spec.field in layout.columns) continue;
    // A header that is this one with another unit (教学及辅助用房面积(亩)): named, at its cell.
    const bare = normaliseHeader(spec.header).replace(/\(.*?\)/g, '');
    const near = headerTexts.findIndex((t) => t && t.replace(/\(.*?\)/g, '') === bare);
    const nearData = near >= 0 ? { cell: a1(layout.headerRow, near), text: String((grid.values[layout.headerRow] ?? [])[near]) } : null;
    if (spec.required === 'no') {
      // The additions of template 2017-v2 are reported by the 申报表 (shenbao-blanks), not here.
      if (spec.v2) continue;
      if (nearData) issues.push(issue(missingOptionalColumn, 'near', { header: spec.header, ...nearData }, grid.name, nearData.cell));
      else issues.push(issue(missingOptionalColumn, 'missing', { header: spec.header }, grid.name, at));
      continue;
    }
    const hint = nearData ? render(missingColumn, 'near', nearData).message : '';
    throw fatal(missingColumn, 'one', { sheet: grid.name, header: spec.header, near: hint }, grid.name, at);
  }
}
