/** Checks of merged cells over data rows. */
import type { ColumnSpec } from '../../domain/columns';
import type { CellGrid, CellValue } from '../grid';
import { a1, cellAt, rangeA1 } from '../grid';
import type { Issue } from '../issues';
import type { SheetLayout } from '../layout';
import { isBlank } from './cell-values';
import { defineCheck, issue } from './define';

export const mergedCells = defineCheck({
  meta: { code: 'merged-cells', severity: 'warning', meaning: '学校标识码、学校名称等文字列（或「县级指标」中“是/否”等文字项的数值）的合并单元格跨多行，已将其值用于所跨的每一行' },
  messages: {
    spread: {
      text: '「{{header}}」{{range}} 是跨{{rows}}行的合并单元格，已将“{{value}}”用于第{{first}}至{{last}}行',
      fix: '建议取消合并，在每一行分别填写，以免排序、筛选时出错',
    },
  },
});

export const mergedNumber = defineCheck({
  meta: { code: 'merged-number', severity: 'error', meaning: '数值列（或「县级指标」中要填数字的行）的合并单元格跨多行，无法确定各行的数值' },
  messages: {
    number: { text: '「{{header}}」{{range}} 是跨{{rows}}行的合并单元格，无法确定第{{first}}至{{last}}行各自的数值', fix: '请取消合并，并在每一行分别填写该行的数值' },
  },
});

export const mergesUnchecked = defineCheck({
  meta: { code: 'merges-unchecked', severity: 'warning', meaning: '当前 Excel 无法读取合并单元格，未检查数据行中的合并单元格' },
  messages: {
    unsupported: {
      text: '当前 Excel 不支持读取合并单元格（需要 ExcelApi 1.13），未检查工作表「{{sheet}}」中的合并单元格：若学校标识码、学校名称等合并跨多行，被合并的行会缺少该值',
      fix: '请确认数据行中没有合并单元格（有则取消合并，在每一行分别填写），或改用 Microsoft 365、网页版 Excel 或命令行工具核验',
    },
    tooMany: {
      text: 'Excel 未能读出合并单元格（例如一个工作表的合并区域超过 512 个时，Excel 无法一次读出），未检查工作表「{{sheet}}」中的合并单元格：若学校标识码、学校名称等合并跨多行，被合并的行会缺少该值',
      fix: '请取消数据区中的合并单元格（在每一行分别填写），或用命令行工具核验',
    },
  },
});

/**
 * Merged cells over data rows. A key, name or other text (学校标识码 merged over a 一贯制 school's two rows)
 * is read into every row the merge covers, with a warning; a number merged over several rows cannot be
 * given to any one row: an error at the merge, and the cells of every covered row are not used.
 */
export function applyMerges(grid: CellGrid, layout: SheetLayout, specs: readonly ColumnSpec[], issues: Issue[]): { grid: CellGrid; blocked: Set<string> } {
  const blocked = new Set<string>();
  const byCol = new Map<number, ColumnSpec>();
  for (const spec of specs) if (layout.columns[spec.field] !== undefined) byCol.set(layout.columns[spec.field], spec);
  let values: CellValue[][] | null = null;
  if (grid.mergesUnread) issues.push(issue(mergesUnchecked, grid.mergesUnread === 'too-many' ? 'tooMany' : 'unsupported', { sheet: grid.name }, grid.name));
  for (const m of grid.merges ?? []) {
    if (m.top <= layout.headerRow || m.bottom === m.top) continue;
    const spec = byCol.get(m.left);
    if (!spec) continue;
    const v = cellAt(grid, m.top, m.left);
    // An empty merge (formatting over blank rows) gives nothing to any row.
    if (isBlank(v)) continue;
    if (spec.kind === 'code' || spec.kind === 'text' || spec.kind === 'enum') {
      // Only rows that hold data of their own: a merge reaching into empty rows makes no phantom row.
      const rows: number[] = [];
      for (let r = m.top + 1; r <= m.bottom; r++) if ((grid.values[r] ?? []).some((x) => !isBlank(x))) rows.push(r);
      if (rows.length === 0) continue;
      values ??= grid.values.map((x) => x.slice());
      for (const r of rows) {
        const row = values[r];
        while (row.length < m.left) row.push(null);
        row[m.left] = v;
      }
      const data = { header: spec.header, range: rangeA1(m), rows: m.bottom - m.top + 1, value: String(v).trim().slice(0, 30), first: m.top + 1, last: rows[rows.length - 1] + 1 };
      issues.push(issue(mergedCells, 'spread', data, grid.name, a1(m.top, m.left)));
    } else {
      for (let r = m.top; r <= m.bottom; r++) blocked.add(`${r},${m.left}`);
      const data = { header: spec.header, range: rangeA1(m), rows: m.bottom - m.top + 1, first: m.top + 1, last: m.bottom + 1 };
      issues.push(issue(mergedNumber, 'number', data, grid.name, a1(m.top, m.left)));
    }
  }
  return { grid: values ? { ...grid, values } : grid, blocked };
}
