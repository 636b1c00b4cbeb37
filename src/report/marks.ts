/**
 * The marks on the user's input cells (design.md): one Mark per cell, from the input errors and
 * warnings, the inputs behind every indicator a unit does not reach, and the cells behind failing items.
 * Pure: the adapters (exceljs, Office.js, preview) apply the list and keep the earlier look themselves.
 */
import { fixed, fixedAgainst, indicatorLimits } from '../domain/numbers';
import { INDICATOR_IDS } from '../domain/profile';
import { indicatorInputRefs, type UnitResult } from '../domain/evaluate';
import { indicatorRule, UNIT } from '../domain/rules';
import { renderMessage } from '../domain/rules/render';
import type { Profile } from '../domain/profile';
import { requirementText } from '../domain/rules/items';
import type { CellRef } from '../domain/refs';
import { a1, parseA1, rangeA1 } from '../template/grid';
import { locate } from '../template/layout';
import type { Analysis } from './build';
import type { Mark, MarkLevel } from './model';

const RANK: Record<MarkLevel, number> = { error: 0, fail: 1, warning: 2 };

/** Separates the reasons joined in one note. */
export const NOTE_SEPARATOR = '\n';

interface Reason {
  level: MarkLevel;
  text: string;
}

interface Pending {
  sheet: string;
  address: string;
  row: number;
  col: number;
  reasons: Reason[];
}

/** Numbers as printed in a note: at most `digits` decimals, no trailing zeros (display only). */
function shown(x: number, digits = 2): string {
  return String(Number(fixed(x, digits)));
}

function issueText(level: 'error' | 'warning', message: string, fix: string | undefined): string {
  const head = level === 'error' ? '错误' : '警告';
  const m = message.replace(/[。；;，,\s]+$/, '');
  return fix ? `${head}：${m}。${fix.replace(/[。\s]+$/, '')}。` : `${head}：${m}。`;
}

function unitText(u: UnitResult, id: (typeof INDICATOR_IDS)[number], profile: Profile): string | null {
  const rule = indicatorRule(id);
  const ind = u.indicators[id];
  if (ind.value === null) return null;
  const words = (mid: string, params: Record<string, string | number> = {}) => renderMessage(UNIT, mid, profile, params);
  const split = rule.shared && u.share !== null && u.share < 1 ? words('mark-split', { share: shown(u.share * 100, 1), stage: u.stage }) : '';
  return words('mark', {
    school: u.schoolName, stage: u.stage, id, name: rule.name, value: fixedAgainst(ind.value, indicatorLimits(ind.threshold, profile.floorRatio), 2), vu: rule.unit, threshold: shown(ind.threshold, 4),
    floor: words(ind.aboveFloor ? 'mark-above-floor' : 'mark-below-floor'), split,
  });
}

/**
 * The marks of an analysis, one per cell, most severe level first wins (error > fail > warning), the notes
 * of every reason joined. Ordered by sheet (学校基本信息, 分学段信息, 县级指标), then row, then column.
 */
export function marksOf(analysis: Analysis): Mark[] {
  const { read, evaluation, profile, report } = analysis;
  const layout = read.layout;
  const cells = new Map<string, Pending>();
  // The input sheets under the names they have in this workbook (the reader also finds 「学校 基本信息 」 or
  // another case of the name), in the order of the template: only their cells are marked, never generated sheets.
  const inputSheets = [layout.schools.sheet, layout.stages.sheet, layout.county?.sheet].filter((n): n is string => n !== undefined);

  // Merged areas of the input sheets: Excel shows only an area's top-left cell, so a mark on a cell it covers goes
  // there, its note naming the covered cell.
  const merges = new Map([layout.schools, layout.stages, layout.county].flatMap((l) => (l?.merges ? [[l.sheet, l.merges] as const] : [])));
  const add = (sheet: string, cell: string, given: Reason) => {
    if (!inputSheets.includes(sheet)) return;
    let at: { row: number; col: number };
    try {
      at = parseA1(cell);
    } catch {
      return;
    }
    let address = cell;
    let reason = given;
    const m = merges.get(sheet)?.find((g) => at.row >= g.top && at.row <= g.bottom && at.col >= g.left && at.col <= g.right);
    if (m && (m.top !== at.row || m.left !== at.col)) {
      at = { row: m.top, col: m.left };
      address = a1(m.top, m.left);
      reason = { ...given, text: `${cell}（位于合并单元格 ${rangeA1(m)} 中，Excel 只显示 ${address}）：${given.text}` };
    }
    const key = `${sheet}\u0000${address}`;
    let p = cells.get(key);
    if (!p) {
      p = { sheet, address, row: at.row, col: at.col, reasons: [] };
      cells.set(key, p);
    }
    if (!p.reasons.some((r) => r.level === reason.level && r.text === reason.text)) p.reasons.push(reason);
  };
  const addRef = (ref: CellRef, reason: Reason) => {
    const at = locate(layout, ref);
    if (at) add(at.sheet, at.cell, reason);
  };

  for (const issue of report.issues) {
    if (!issue.cell) continue;
    add(issue.sheet, issue.cell, { level: issue.severity, text: issueText(issue.severity, issue.message, issue.fix) });
  }

  for (const u of evaluation.units) {
    for (const id of INDICATOR_IDS) {
      if (u.indicators[id].met !== false) continue;
      const text = unitText(u, id, profile);
      if (!text) continue;
      for (const ref of indicatorInputRefs(u, id, profile)) addRef(ref, { level: 'fail', text });
    }
  }

  const schoolByRow = new Map(read.county.schools.map((s) => [s.row, s] as const));
  const stageByRow = new Map(read.county.stageRows.map((r) => [r.row, r] as const));
  const nameByCode = new Map(read.county.schools.map((s) => [s.code, s.name] as const));
  const nameOf = (code: string) => nameByCode.get(code) ?? code;
  for (const item of evaluation.items) {
    if (item.passes !== false) continue;
    const requirement = requirementText(item.id, profile);
    for (const ref of item.cells) {
      let who = '县级指标';
      if (ref.sheet === 'schools') who = schoolByRow.get(ref.row)?.name ?? '该校';
      if (ref.sheet === 'stages') {
        const r = stageByRow.get(ref.row);
        who = r ? `${nameOf(r.code)} ${r.stage}` : '该学段';
      }
      addRef(ref, { level: 'fail', text: `${who}：${item.id} ${item.name}未达标。要求：${requirement}。` });
    }
  }

  const sheetRank = (sheet: string) => inputSheets.indexOf(sheet);
  return [...cells.values()]
    .sort((a, b) => sheetRank(a.sheet) - sheetRank(b.sheet) || a.row - b.row || a.col - b.col)
    .map((p) => {
      const reasons = [...p.reasons].sort((a, b) => RANK[a.level] - RANK[b.level]);
      return { sheet: p.sheet, address: p.address, level: reasons[0].level, note: reasons.map((r) => r.text).join(NOTE_SEPARATOR) };
    });
}

/** Marks counted by level (for summaries). */
export function countMarks(marks: readonly Mark[]): Record<MarkLevel, number> {
  const out: Record<MarkLevel, number> = { error: 0, fail: 0, warning: 0 };
  for (const m of marks) out[m.level]++;
  return out;
}
