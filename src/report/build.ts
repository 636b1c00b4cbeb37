/** Report building: template read + evaluation → the Report of spec/cli.md. */
import { topContributionsOf } from '../domain/contributions';
import { evaluate, type Evaluation } from '../domain/evaluate';
import { itemText, type ItemResult } from '../domain/rules/items';
import { cheapestUnitFix, equipmentScaleOf, shortfallsOf } from '../domain/shortfall';
import type { ResolvedProfile } from '../domain/profile';
import { INDICATOR_IDS } from '../domain/profile';
import type { CellRef } from '../domain/refs';
import type { CellGrid } from '../template/grid';
import type { Issue } from '../template/issues';
import { locate, type Layout } from '../template/layout';
import { readTemplate, type TemplateRead } from '../template/read';
import { readSettingsOf } from '../template/checks/additions';
import { COUNTY_ROWS, OFFICIAL_SHEETS, SCHOOL_COLUMNS, STAGE_COLUMNS } from '../template/schema';
import { sameExcelName } from '../template/sheet-names';
import { decodeGenerated, isRecordSheet, recordRowsOf } from './markstore';
import { shenbaoIssues } from './shenbao/tables';
import type { Analysis, AnalysisResult } from './analysis';
import type { Report, ReportBalance, ReportIndicator, ReportItem } from './types';

export type { Analysis, AnalysisResult };

export function refAddress(layout: Layout, ref: CellRef): string | null {
  const at = locate(layout, ref);
  return at ? `${at.sheet}!${at.cell}` : null;
}

function fieldHeader(ref: CellRef, read: TemplateRead): string {
  if (ref.sheet === 'schools') return SCHOOL_COLUMNS.find((c) => c.field === ref.field)?.header ?? ref.field;
  if (ref.sheet === 'stages') return STAGE_COLUMNS.find((c) => c.field === ref.field)?.header ?? ref.field;
  const key = Object.entries(read.county.countyValues).find(([, v]) => v?.row === ref.row)?.[0];
  const label = COUNTY_ROWS.find((r) => r.key === key)?.label;
  return label ? `${label}」的「数值` : `县级指标第${ref.row + 1}行的数值`;
}

const ISSUE_ORDER = { error: 0, warning: 1 } as const;

/** Warnings for blank item inputs, one per cell (naming every item it leaves 未填报), and for absent county rows. */
function itemBlankIssues(evaluation: Evaluation, read: TemplateRead): Issue[] {
  const { layout } = read;
  const byCell = new Map<string, { ref: CellRef; items: string[] }>();
  const out: Issue[] = [];
  // The six 一票否决 rows all absent (a workbook of template 2017-v1): one warning instead of six.
  const vetoes = evaluation.items.filter((i) => i.category === '一票否决');
  const allVetoesAbsent = read.county.hasCountySheet && vetoes.length > 0 && vetoes.every((i) => i.passes === null && i.missingRows.length > 0);
  if (allVetoesAbsent)
    out.push({
      severity: 'warning', code: 'item-not-filled', sheet: layout.county?.sheet ?? '县级指标',
      message: `县级指标缺少一票否决${vetoes.length}项（${COUNTY_ROWS.find((r) => r.key === 'veto1')!.label}等），${vetoes[0].id}至${vetoes[vetoes.length - 1].id}未填报`,
      fix: '请在「县级指标」中增加一票否决各行，存在该情形填“是”，不存在填“否”',
    });
  for (const item of evaluation.items) {
    if (item.passes !== null) continue;
    if (allVetoesAbsent && item.category === '一票否决') continue;
    for (const ref of item.blanks) {
      const at = locate(layout, ref);
      if (!at) continue;
      const key = `${at.sheet}!${at.cell}`;
      const e = byCell.get(key) ?? { ref, items: [] };
      if (!e.items.includes(item.id)) e.items.push(item.id);
      byCell.set(key, e);
    }
    // Without a 「县级指标」 sheet the one missing-county-sheet warning says it all.
    for (const key of read.county.hasCountySheet ? item.missingRows : []) {
      const label = COUNTY_ROWS.find((r) => r.key === key)?.label ?? key;
      out.push({
        severity: 'warning', code: 'item-not-filled', sheet: layout.county?.sheet ?? '县级指标',
        message: `县级指标缺少「${label}」，${item.id} ${item.name}未填报，该项无法评估`,
        fix: `如需评估 ${item.id}，请在「县级指标」中增加「${label}」一行并填写数值`,
      });
    }
  }
  for (const [key, { ref, items }] of byCell) {
    const [sheet, cell] = key.split('!');
    const what = `「${fieldHeader(ref, read)}」`;
    out.push({
      severity: 'warning', code: 'item-not-filled', sheet, cell,
      message: `${what}为空，${items.join('、')} 未填报，该项无法评估`,
      // The 督导评估 needs every item: a blank is not optional, only not assessable (issue 11, point 17).
      fix: '督导评估需要此项数据，请填写此单元格',
    });
  }
  return out;
}

/** An item's message under the profile; one left 无法评估 by errors names the cells whose error blocks it. */
function itemMessage(i: ItemResult, layout: Layout, profile: ResolvedProfile): string {
  const at = i.passes === null ? [...new Set(i.errors.map((r) => refAddress(layout, r)).filter((x): x is string => x !== null))] : [];
  return itemText(i, profile, at);
}

function fixOf(u: Evaluation['units'][number], profile: ResolvedProfile): Report['units'][number]['cheapestFix'] {
  const f = cheapestUnitFix(u, profile);
  return f ? { toThreshold: f.toThreshold, toFloor: f.toFloor, cost: f.cost } : null;
}

/** Contributors listed per CV in the report unless all are asked for (a county of 10 000 units has 140 000). */
export const TOP_CONTRIBUTORS = 10;

export interface ReportOptions {
  /** 'top': the TOP_CONTRIBUTORS largest per CV (default); 'all': every unit. */
  contributions?: 'top' | 'all';
  /**
   * The sheets an earlier run recorded as generated, when the host reads its record itself (the add-in).
   * Otherwise the record is read from the grids (the sheet 「均衡核验_标记记录」).
   */
  generatedBefore?: readonly string[];
  /**
   * The official tables go into a new workbook (the `shenbao` command), not into this one: no sheet of the input
   * can stand in their way, so none is reported as shenbao-sheet-exists and none is blocked.
   */
  newWorkbook?: boolean;
}

/** The evaluation's balance with each indicator's contributions (a copy; the evaluation is not changed). */
function balanceWithContributions(evaluation: Evaluation, options: ReportOptions): Report['balance'] {
  const limit = options.contributions === 'all' ? Infinity : TOP_CONTRIBUTORS;
  const contributions = topContributionsOf(evaluation, limit);
  const out: Report['balance'] = {};
  for (const [stage, b] of Object.entries(evaluation.balance) as [keyof Report['balance'], NonNullable<Evaluation['balance'][keyof Evaluation['balance']]>][]) {
    const indicators = {} as ReportBalance['indicators'];
    for (const id of INDICATOR_IDS) {
      const cut = contributions[stage]?.[id];
      indicators[id] = {
        ...b.indicators[id],
        // The fields of the report contract only.
        contributions: (cut?.top ?? []).map((c) => ({ schoolCode: c.schoolCode, share: c.share, cvIfAtMean: c.cvIfAtMean })),
        contributionsTotal: cut?.total ?? 0,
      };
    }
    out[stage] = { ...b, indicators };
  }
  return out;
}

export function buildReport(read: TemplateRead, evaluation: Evaluation, profile: ResolvedProfile, options: ReportOptions = {}): Report {
  const { layout } = read;
  const issues = [...read.issues, ...itemBlankIssues(evaluation, read)];
  issues.sort((a, b) => ISSUE_ORDER[a.severity] - ISSUE_ORDER[b.severity]);
  const errors = issues.filter((i) => i.severity === 'error').length;
  const equipmentScale = equipmentScaleOf(layout.schools.scales);
  const units = evaluation.units.map((u) => {
    // The evaluation's own results: they hold exactly the report's fields, in its order (spec/cli.md).
    const indicators: Record<(typeof INDICATOR_IDS)[number], ReportIndicator> = u.indicators;
    return {
      schoolCode: u.schoolCode, schoolName: u.schoolName, stage: u.stage, students: u.students,
      indicators, metCount: u.metCount, passes: u.passes,
      cell: refAddress(layout, { sheet: 'schools', row: u.school.row, field: 'code' }) ?? '',
      shortfall: shortfallsOf(u, profile, { equipmentScale }),
      cheapestFix: fixOf(u, profile),
    };
  });
  const items: ReportItem[] = evaluation.items.map((i) => ({
    id: i.id, name: i.name, category: i.category, kind: i.kind, passes: i.passes, message: itemMessage(i, layout, profile),
    cells: i.cells.map((r) => refAddress(layout, r)).filter((x): x is string => x !== null),
  }));
  const balanceVerdicts = Object.values(evaluation.balance).flatMap((b) => Object.values(b!.indicators).map((i) => i.passes));
  const cv = read.county.countyValues;
  return {
    standard: '2017',
    profile: profile.id,
    profileName: profile.name,
    profileOverrides: profile.overrides,
    indoorSportsInR4: profile.indoorSportsInR4,
    county: {
      name: typeof cv.countyName?.value === 'string' ? cv.countyName.value : null,
      year: typeof cv.year?.value === 'number' ? cv.year.value : null,
    },
    summary: {
      errors,
      warnings: issues.length - errors,
      units: units.length,
      unitsPassing: units.filter((u) => u.passes === true).length,
      resourcePasses: errors > 0 ? null : evaluation.resourcePasses,
      balancePassing: balanceVerdicts.filter((v) => v === true).length,
      balanceTotal: balanceVerdicts.length,
    },
    units,
    excluded: evaluation.excluded.map((e) => ({ ...e })),
    balance: balanceWithContributions(evaluation, options),
    items,
    issues,
  };
}

/** grids → template → domain → report, the whole pure pipeline. */
export function analyse(grids: readonly CellGrid[], profile: ResolvedProfile, options: ReportOptions = {}): AnalysisResult {
  // The reader's cross-checks with the profile's values (Q1 formula, 标准班额, Q9 limit), as the items use them.
  const read = readTemplate(grids, readSettingsOf(profile));
  if (!read.ok) return { ok: false, fatal: read.fatal };
  const evaluation = evaluate(read.county, profile);
  const base = buildReport(read, evaluation, profile, options);
  const clashes = options.newWorkbook ? [] : officialSheetClashes(grids, options.generatedBefore);
  const officialBlocked = clashes.map((c) => c.official);
  // The 申报表's warnings (blanks, rounding, a user's sheet with an official name) join the report's issues.
  const extra: Issue[] = [
    ...shenbaoIssues({ read, evaluation, profile, report: base }),
    ...clashes.map(({ official: name, sheet }): Issue =>
      sheet.trim() === name
        ? {
            severity: 'warning',
            code: 'shenbao-sheet-exists',
            sheet: name,
            message: `工作簿中已有工作表「${name}」，不是本程序生成的，未作改动；申报表「${name}」本次未生成`,
            fix: `如需本程序生成「${name}」，请将您自己的工作表改名后重新核验`,
          }
        : {
            // Only the case differs (「表ⅲ」): one name to Excel, so the user's sheet is named as it is.
            severity: 'warning',
            code: 'shenbao-sheet-exists',
            sheet,
            message: `工作簿中已有工作表「${sheet}」（与「${name}」只差大小写，Excel 视为同名），不是本程序生成的，未作改动；申报表「${name}」本次未生成`,
            fix: `如需本程序生成「${name}」，请将您自己的工作表「${sheet}」改名后重新核验`,
          },
    ),
  ];
  const report = extra.length ? withExtraIssues(base, extra) : base;
  return { ok: true, analysis: { read, evaluation, profile, report, officialBlocked } };
}

/** The report with more issues, sorted as the report sorts them, and the counts updated. */
function withExtraIssues(report: Report, extra: readonly Issue[]): Report {
  const issues = [...report.issues, ...extra];
  issues.sort((a, b) => ISSUE_ORDER[a.severity] - ISSUE_ORDER[b.severity]);
  const errors = issues.filter((i) => i.severity === 'error').length;
  return { ...report, issues, summary: { ...report.summary, errors, warnings: issues.length - errors } };
}

/**
 * The official tables whose name a sheet of the user already has: a sheet of that name (spaces around it, and
 * case as Excel ignores it: 「表ⅲ」 is 「表Ⅲ」, sheet-names.ts) that the product's record does not list as its own
 * (shenbao.md §1), with the user's sheet. Such a sheet is never touched and that table not written. The record's
 * names are matched exactly: a sheet of ours that someone renamed is theirs now.
 */
export function officialSheetClashes(grids: readonly CellGrid[], generatedBefore?: readonly string[]): { official: string; sheet: string }[] {
  const records = recordRowsOf(grids);
  const ours = generatedBefore ?? decodeGenerated(records.store ?? [], records.list).sheets;
  const names = grids.map((g) => g.name).filter((n) => !isRecordSheet(n) && !ours.includes(n));
  const out: { official: string; sheet: string }[] = [];
  for (const official of OFFICIAL_SHEETS as readonly string[]) {
    const sheet = names.find((n) => n.trim() === official) ?? names.find((n) => sameExcelName(n.trim(), official));
    if (sheet !== undefined) out.push({ official, sheet });
  }
  return out;
}

/** The official table names that a sheet of the user already has (officialSheetClashes). */
export function blockedOfficialSheets(grids: readonly CellGrid[], generatedBefore?: readonly string[]): string[] {
  return officialSheetClashes(grids, generatedBefore).map((c) => c.official);
}
