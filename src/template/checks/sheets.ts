/** Checks of the workbook's sheets: which sheet plays each role of the template, and what lies far outside the data. */
import type { CellGrid } from '../grid';
import { datesAsText } from '../grid';
import type { Issue } from '../issues';
import { isRecordSheet, SHEET_COUNTY, SHEET_SCHOOLS, SHEET_STAGES } from '../schema';
import { excelNameKey } from '../sheet-names';
import { defineCheck, fatal, issue } from './define';

export const duplicateSheet = defineCheck({
  meta: { code: 'duplicate-sheet', severity: 'error', meaning: '有名称只差空格或大小写的工作表（如隐藏的旧表），只读取可见的一个' },
  messages: {
    hiddenCopy: {
      text: '工作簿中有{{count}}个名称只差空格或大小写的工作表：{{list}}；已读取可见的「{{visible}}」，隐藏的「{{hidden}}」未读取',
      fix: '请核对隐藏的工作表（右键工作表标签→“取消隐藏”），删除过时的一个，只保留一个',
    },
  },
});

export const ambiguousSheet = defineCheck({
  meta: { code: 'ambiguous-sheet', severity: 'fatal', meaning: '有多个名称只差空格或大小写的工作表，且不是恰好一个可见' },
  messages: { ambiguous: { text: '工作簿中有{{count}}个名称只差空格或大小写的工作表：{{list}}，无法确定读取哪一个。请删除多余的工作表，只保留一个「{{name}}」' } },
});

export const missingSheet = defineCheck({
  meta: { code: 'missing-sheet', severity: 'fatal', meaning: '缺少必需的工作表' },
  messages: { missing: { text: '工作簿缺少工作表「{{missing}}」。现有工作表：{{present}}。请使用标准填报模板' } },
});

export const strayContent = defineCheck({
  meta: { code: 'stray-content', severity: 'warning', meaning: '远离数据区的单元格中有内容，已忽略' },
  messages: {
    stray: {
      text: '工作表「{{sheet}}」在远离数据区的 {{cell}} 等{{count}}个单元格中有内容，已忽略，未参与核验',
      fix: '请确认这些单元格中没有需要的数据，然后删除它们（可按 Ctrl+End 定位到最后一个单元格，选中多余的行或列后右键“删除”）',
    },
  },
});

export const missingCountySheet = defineCheck({
  meta: { code: 'missing-county-sheet', severity: 'warning', meaning: '没有「县级指标」工作表，县级项目记为未填报' },
  messages: {
    missing: {
      text: '工作簿没有「县级指标」工作表，政府保障程度、教育质量和社会认可度中依赖县级数据的项目均记为未填报',
      fix: '如需评估这些项目，请按标准模板增加「县级指标」工作表',
    },
  },
});

/** A sheet name for matching: spaces (and invisible characters) anywhere removed, case folded as Excel folds it. */
function sheetKey(name: string): string {
  return excelNameKey(name.replace(/[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+/g, ''));
}

const isVisible = (g: CellGrid) => (g.visibility ?? 'visible') === 'visible';

/**
 * The sheet of a template role. Two sheets whose names differ only by spaces or case (a hidden stale copy
 * beside the visible one) are an error naming both: the visible one is read; with no single visible one,
 * the workbook cannot be read (fatal).
 */
export function findSheet(grids: readonly CellGrid[], name: string, issues: Issue[]): CellGrid | undefined {
  const key = sheetKey(name);
  const found = grids.filter((g) => sheetKey(g.name) === key);
  if (found.length <= 1) return found[0];
  const shown = (g: CellGrid) => `「${g.name}」${g.visibility === 'hidden' || g.visibility === 'veryHidden' ? '（隐藏）' : ''}`;
  const list = found.map(shown).join('、');
  const visible = found.filter(isVisible);
  if (visible.length !== 1) throw fatal(ambiguousSheet, 'ambiguous', { count: found.length, list, name }, found[0].name);
  const hidden = found.filter((g) => !isVisible(g));
  const data = { count: found.length, list, visible: visible[0].name, hidden: hidden.map((g) => g.name).join('」「') };
  issues.push(issue(duplicateSheet, 'hiddenCopy', data, visible[0].name));
  return visible[0];
}

/**
 * The sheets of the template's roles (dates in them as text), content far from their data reported; a
 * missing 「学校基本信息」 or 「分学段信息」 is fatal.
 */
export function checkSheetsAndStray(grids: readonly CellGrid[], issues: Issue[]): { schoolsGrid: CellGrid; stagesGrid: CellGrid; countyGrid?: CellGrid } {
  const schoolsGrid = datesAsText(findSheet(grids, SHEET_SCHOOLS, issues));
  const stagesGrid = datesAsText(findSheet(grids, SHEET_STAGES, issues));
  const countyGrid = datesAsText(findSheet(grids, SHEET_COUNTY, issues));
  for (const g of [schoolsGrid, stagesGrid, countyGrid])
    if (g?.stray) issues.push(issue(strayContent, 'stray', { sheet: g.name, cell: g.stray.cell, count: g.stray.count }, g.name));
  const missing = [schoolsGrid ? null : SHEET_SCHOOLS, stagesGrid ? null : SHEET_STAGES].filter((n): n is string => n !== null);
  if (missing.length) throw fatal(missingSheet, 'missing', { missing: missing.join('」「'), present: grids.map((g) => g.name).filter((n) => !isRecordSheet(n)).join('、') || '无' }, missing[0]);
  return { schoolsGrid: schoolsGrid!, stagesGrid: stagesGrid!, countyGrid };
}

export function checkCountySheet(grid: CellGrid | undefined, issues: Issue[]): void {
  if (!grid) issues.push(issue(missingCountySheet, 'missing', {}, SHEET_COUNTY));
}
