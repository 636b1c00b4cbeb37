/** Checks of data rows: footers, rows without a key, repeated keys, required cells, a sheet without schools. */
import type { CellGrid, CellValue } from '../grid';
import { a1, cellAt } from '../grid';
import type { Issue } from '../issues';
import type { SheetLayout } from '../layout';
import { isBlank } from './cell-values';
import { defineCheck, issue } from './define';

/** A 「县级指标」 label skipped as a footer (county.ts): one that starts with a footer word. */
export const FOOTER = /^(合计|小计|总计|注|说明)/;

export const requiredBlank = defineCheck({
  meta: { code: 'required-blank', severity: 'error', meaning: '必填项为空' },
  messages: {
    required: { text: '必填项「{{header}}」为空', fix: '请填写「{{header}}」' },
    resource: { text: '必填项「{{header}}」为空', fix: '请填写全校合计数；确实没有请填0' },
    stage: { text: '必填项「{{header}}」为空', fix: '请填写「{{header}}」，没有请填0' },
    seniorStudents: { text: '{{type}}须填写「{{header}}」（用于分摊共用的校舍和设备），当前为空', fix: '请填写高中在校生数，没有请填0' },
  },
});

export const missingCode = defineCheck({
  meta: { code: 'missing-code', severity: 'error', meaning: '有数据的行缺少学校标识码' },
  messages: { missing: { text: '第{{row}}行有数据但「{{header}}」为空，无法归属到学校', fix: '请填写「{{header}}」，或删除该行' } },
});

export const footerRow = defineCheck({
  meta: { code: 'footer-row', severity: 'warning', meaning: '合计、小计、总计、注、说明行，已忽略' },
  messages: { footer: { text: '第{{row}}行是合计、注或说明行，已忽略，不参与计算', fix: '如该行实为学校数据，请填写学校标识码' } },
});

export const extraColumnsOnly = defineCheck({
  meta: { code: 'extra-columns-only', severity: 'warning', meaning: '只在未识别的列（如序号列、辅助公式列）中有内容的行，按空行跳过' },
  messages: {
    one: { text: '第{{first}}行只在未识别的列中有内容（{{where}}），已按空行跳过', fix: '未识别的列不参与核验；如该行实为学校数据，请填在标准表头的列中，否则可删除这些内容' },
    many: {
      text: '第{{first}}行至第{{last}}行中有{{count}}行只在未识别的列中有内容（如{{where}}），已按空行跳过',
      fix: '未识别的列不参与核验；如这些行实为学校数据，请填在标准表头的列中，否则可删除这些内容',
    },
  },
});

export const duplicateCode = defineCheck({
  meta: { code: 'duplicate-code', severity: 'error', meaning: '学校标识码重复' },
  messages: { repeated: { text: '学校标识码“{{code}}”重复，与第{{row}}行相同', fix: '每所学校只填一行；请核对标识码，合并或删除重复行' } },
});

export const noSchools = defineCheck({
  meta: { code: 'no-schools', severity: 'error', meaning: '「学校基本信息」中没有学校' },
  messages: { none: { text: '「学校基本信息」中没有任何学校数据', fix: '请从表头下一行开始，每所学校填写一行' } },
});

/** Whether a row holds any non-blank cell (a hole in a sparse row is no cell, as for Array.prototype.some). */
function hasData(cells: readonly CellValue[] | undefined): boolean {
  if (!cells) return false;
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c];
    if (v === undefined && !(c in cells)) continue;
    if (!isBlank(v)) return true;
  }
  return false;
}

export function lastNonEmptyRow(grid: CellGrid): number {
  for (let r = grid.values.length - 1; r >= 0; r--) if (hasData(grid.values[r])) return r;
  return -1;
}

/**
 * A footer's text, spaces removed: it starts with 合计, 小计, 总计, 注, 说明 or 填报说明 (「注：本表由学校填写」,
 * 「填报说明：教学点由中心校代报」), or ends with 合计, 小计 or 总计, maybe followed by a bracket and a colon
 * (「全县合计」, 「城区小计」, 「乡村学校合计（12所）」). Only the ends of the text count: a school name with 合计
 * inside (「综合计算机学校」) is no footer.
 */
const FOOTER_START = /^(合计|小计|总计|注|说明|填报说明)/;
const FOOTER_END = /(合计|小计|总计)([(（][^()（）]*[)）])?[:：]?$/;

/** First characters of the words a footer starts with (FOOTER_START), and the last one of the words it ends with. */
const FOOTER_FIRST = new Set(['合', '小', '总', '注', '说', '填']);

export function isFooterText(text: string): boolean {
  const t = text.replace(/[\s\u3000]+/g, '');
  // Most texts (codes, school names) neither start with a footer word nor hold 计: said without a regex.
  if (!FOOTER_FIRST.has(t.charAt(0)) && !t.includes('计')) return false;
  return FOOTER_START.test(t) || FOOTER_END.test(t);
}

/**
 * A footer row (template.md): its first non-blank cell among the first three is a footer's text (isFooterText),
 * and the row has no school code of its own. A row with a code is a school whatever its name says (the footer
 * warning's fix is to fill in the code): only the code cell itself may hold the footer's text (「全县合计」 in column A).
 */
function isFooter(grid: CellGrid, row: number, keyCol: number): boolean {
  const cells = grid.values[row] ?? [];
  for (let c = 0; c < Math.min(3, cells.length); c++) {
    const v = cells[c];
    if (isBlank(v)) continue;
    if (typeof v !== 'string' || !isFooterText(v)) return false;
    return c === keyCol || isBlank(cellAt(grid, row, keyCol));
  }
  return false;
}

/** The first non-blank cell of a row outside the template's columns (a row with no content in them). */
function firstExtraCell(grid: CellGrid, row: number, known: readonly number[]): number {
  const cells = grid.values[row] ?? [];
  for (let c = 0; c < cells.length; c++) if (!known.includes(c) && !isBlank(cellAt(grid, row, c))) return c;
  return -1;
}

/**
 * Iterates data rows: skips empty rows, reports footers and rows without a key; yields rows that hold data.
 * A row whose only content is in columns the template does not have (a 序号 column numbered past the last
 * school, a helper formula dragged down and showing 0) is empty as far as the template goes (template.md:
 * unknown extra columns are ignored): skipped, with one warning for the sheet naming the first such cell.
 */
export function dataRows(grid: CellGrid, layout: SheetLayout, keyField: string, keyHeader: string, issues: Issue[]): number[] {
  const last = lastNonEmptyRow(grid);
  const rows: number[] = [];
  const keyCol = layout.columns[keyField];
  const known = Object.values(layout.columns);
  const extraOnly: number[] = [];
  let firstExtra: { row: number; col: number } | null = null;
  for (let r = layout.headerRow + 1; r <= last; r++) {
    if (!hasData(grid.values[r])) continue;
    if (isFooter(grid, r, keyCol)) {
      issues.push(issue(footerRow, 'footer', { row: r + 1 }, grid.name, a1(r, 0)));
      continue;
    }
    if (isBlank(cellAt(grid, r, keyCol))) {
      if (known.every((c) => isBlank(cellAt(grid, r, c)))) {
        extraOnly.push(r);
        firstExtra ??= { row: r, col: firstExtraCell(grid, r, known) };
        continue;
      }
      issues.push(issue(missingCode, 'missing', { row: r + 1, header: keyHeader }, grid.name, a1(r, keyCol)));
      continue;
    }
    rows.push(r);
  }
  if (firstExtra) {
    const cell = a1(firstExtra.row, firstExtra.col);
    const header = cellAt(grid, layout.headerRow, firstExtra.col);
    const value = String(cellAt(grid, firstExtra.row, firstExtra.col)).trim().slice(0, 20);
    const where = isBlank(header) ? `${cell}的“${value}”` : `「${String(header).trim().slice(0, 20)}」列${cell}的“${value}”`;
    const data = { first: extraOnly[0] + 1, last: extraOnly[extraOnly.length - 1] + 1, count: extraOnly.length, where };
    issues.push(issue(extraColumnsOnly, extraOnly.length === 1 ? 'one' : 'many', data, grid.name, cell));
  }
  return rows;
}

/** A 「学校基本信息」 sheet without any school: the error sits below its header. */
export function checkSomeSchools(count: number, sheet: string, layout: SheetLayout, issues: Issue[]): void {
  if (count === 0) issues.push(issue(noSchools, 'none', {}, sheet, a1(layout.headerRow + 1, 0)));
}
