/**
 * The three generated sheets of template.md as plain grids: 「学校达标情况」 (表Ⅱ), 「校际均衡情况」 (表Ⅲ)
 * and 「问题清单」. Pure: every adapter (exceljs, Office.js, preview) writes these same grids.
 * Values are unrounded numbers with a display format; rounding is for display only.
 */
import { approxUp } from '../domain/numbers';
import { STAGES, type Stage } from '../domain/model';
import { INDICATOR_IDS, type IndicatorId } from '../domain/profile';
import { INDICATORS, indicatorRule, ITEMS, UNIT } from '../domain/rules';
import { renderMessage } from '../domain/rules/render';
import type { Profile } from '../domain/profile';
import { SHEET_BALANCE_REPORT, SHEET_ISSUES_REPORT, SHEET_UNITS_REPORT, WORKING_SHEET_WARNING, WORKING_TAB_COLOR } from '../template/schema';
import { compositeCvSentence, shenbaoSheets } from './shenbao/tables';
import type { Analysis } from './build';
import { itemPassWords, resourceConclusion, undecidedWord } from './labels';
import type { CellStyle, Mark, SheetCell, SheetCellValue, SheetGrid } from './model';
import type { ReportUnit } from './types';

/** Display formats (standard §7: values and means 2 decimals, CVs 3 decimals). */
export const FORMAT_VALUE = '0.00';
export const FORMAT_CV = '0.000';
export const FORMAT_COUNT = '0';

/** How each cell style looks, shared by the adapters so that every host shows the same sheets. */
export interface CellStyleSpec {
  /** Font name, e.g. 黑体. */
  font?: string;
  bold?: boolean;
  italic?: boolean;
  /** Font size in points. */
  size?: number;
  /** Font colour, #RRGGBB. */
  color?: string;
  /** Solid fill, #RRGGBB. */
  fill?: string;
  wrap?: boolean;
  align?: 'left' | 'center';
  border?: boolean;
}

export const CELL_STYLES: Record<CellStyle, CellStyleSpec> = {
  title: { bold: true, size: 14 },
  header: { bold: true, fill: '#DDEBF7', wrap: true, align: 'center', border: true },
  pass: { color: '#006100', fill: '#C6EFCE', align: 'center', border: true },
  fail: { color: '#9C0006', fill: '#FFC7CE', align: 'center', border: true },
  note: { italic: true, color: '#595959' },
  /** A plain table cell. */
  none: { border: true },
  formTitle: { font: '黑体', size: 14 },
  formHeader: { bold: true, wrap: true, align: 'center', border: true },
  formNumber: { align: 'center', border: true },
  formText: { wrap: true, align: 'left', border: true },
  formFootnote: { wrap: true, align: 'left' },
};

/** Quotes a sheet name for a reference: 'It''s'!A1. */
export function sheetRef(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

const cell = (value: SheetCellValue, more: Omit<SheetCell, 'value'> = {}): SheetCell => ({ value, ...more });
const header = (texts: readonly string[]): SheetCell[] => texts.map((t) => cell(t, { style: 'header' }));
const dash = '—';
/** Ideographic space between the parts of an information line. */
const GAP = '\u3000';

function verdictCell(v: boolean | null, yes = '达标', no = '未达标', none = '无法判断'): SheetCell {
  return v === true ? cell(yes, { style: 'pass' }) : v === false ? cell(no, { style: 'fail' }) : cell(none, { style: 'none' });
}

function numberCell(x: number | null, format: string, style: CellStyle = 'none'): SheetCell {
  return x === null || !Number.isFinite(x) ? cell(dash, { style }) : cell(x, { format, style });
}

/** A threshold as printed: at most 4 decimals, no trailing zeros. */
function plain(x: number): string {
  return String(Number(x.toFixed(4)));
}

function countyLine(a: Analysis): string {
  const r = a.report;
  return `${WORKING_SHEET_WARNING}区县：${r.county.name ?? '（未填）'}${GAP}统计年度：${r.county.year ?? '（未填）'}${GAP}规则：${r.profileName}`;
}

/** 备注 of a unit row: 「达标：R1,R2,R4,R5,R6,R7；达到85%：R3」, then what is below the floor or not computable. */
export function unitRemark(u: ReportUnit, profile: Profile): string {
  const met: string[] = [];
  const floor: string[] = [];
  const below: string[] = [];
  const unknown: string[] = [];
  for (const id of INDICATOR_IDS) {
    const i = u.indicators[id];
    if (i.met === null) unknown.push(id);
    else if (i.met) met.push(id);
    else if (i.aboveFloor) floor.push(id);
    else below.push(id);
  }
  const words = (id: string, ids: string[] = []) => renderMessage(UNIT, id, profile, { ids: ids.join(',') });
  const parts: string[] = [];
  if (met.length) parts.push(words('remark-met', met));
  if (floor.length) parts.push(words('remark-floor', floor));
  if (below.length) parts.push(words('remark-below', below));
  if (unknown.length) parts.push(words('remark-unknown', unknown));
  if (u.passes === false && below.length === 0 && unknown.length === 0) parts.push(words('remark-few'));
  return parts.join('；');
}

/**
 * The shortfall in the input's own units (issue 6), kept short: 表Ⅱ has one row per unit, and the pane's
 * 「差距与建议」 gives the full sentences. Areas, equipment and rooms are for the whole school.
 */
export function shortfallRemark(u: ReportUnit): string {
  const parts = INDICATOR_IDS.flatMap((id) => {
    const sf = u.shortfall?.[id];
    return sf ? [`${indicatorRule(id).resource.name}${sf.unit === '人' || sf.unit === '间' ? sf.toThreshold : approxUp(sf.toThreshold)}${sf.unit}`] : [];
  });
  return parts.length ? `达到标准值需增加（面积、设备、教室按全校）：${parts.join('，')}` : '';
}

/**
 * An indicator as the working sheets name it (shenbao.md §12): its R-code, its name in the form's words (R2's
 * 「县级及以上」) and unit, and the official columns it fills, so that a working column can be matched to the form:
 * 「R1 每百名学生拥有高于规定学历教师数(人)（表Ⅱ-2 L7，表Ⅲ L1）」. 表Ⅱ-1 uses 表Ⅲ's L-codes.
 */
export function workingIndicatorName(id: IndicatorId): string {
  const rule = indicatorRule(id);
  const k = INDICATOR_IDS.indexOf(id);
  return `${rule.id} ${rule.name.replace('县级以上', '县级及以上')}(${rule.unit})（表Ⅱ-2 L${k + 7}，表Ⅲ L${k + 1}）`;
}

/** Where an item's verdict is in the 申报表: 表Ⅳ-n for G_n, 表Ⅴ-n for Q_n, 表Ⅵ for SR, 「一票否决」 n for V_n. */
export function officialItemPlace(id: string): string {
  const n = /\d+$/.exec(id)?.[0] ?? '';
  if (id.startsWith('G')) return `表Ⅳ-${n}`;
  if (id.startsWith('Q')) return `表Ⅴ-${n}`;
  if (id.startsWith('V')) return `一票否决${n}`;
  return '表Ⅵ';
}

function thresholdsText(a: Analysis, id: IndicatorId): string {
  const t = a.profile.thresholds;
  return `小学≥${plain(t['小学'][id])}，初中≥${plain(t['初中'][id])}`;
}

function unitsSheet(a: Analysis): SheetGrid {
  const r = a.report;
  const rows: SheetCell[][] = [];
  rows.push([cell('核验 义务教育学校资源配置达标情况', { style: 'title' })]);
  rows.push([
    cell(
      `${countyLine(a)}${GAP}达标学校（学段）：${r.summary.unitsPassing}/${r.summary.units}${GAP}达标规则：${renderMessage(UNIT, 'rule-line', a.profile)}`,
      { style: 'note' },
    ),
  ]);
  rows.push(
    header([
      '学校标识码', '学校名称（表Ⅱ-2 L2）', '学段', '在校生数(人)（表Ⅱ-2 L4）',
      ...INDICATORS.map((rule) => `${workingIndicatorName(rule.id)}\n${thresholdsText(a, rule.id)}`),
      '达标项数', '是否达标（表Ⅱ-2 L14）', '备注',
    ]),
  );
  r.units.forEach((u) => {
    rows.push([
      cell(u.schoolCode, { style: 'none' }),
      cell(u.schoolName, { style: 'none' }),
      cell(u.stage, { style: 'none' }),
      numberCell(u.students, FORMAT_COUNT),
      ...INDICATOR_IDS.map((id) => numberCell(u.indicators[id].value, FORMAT_VALUE, u.indicators[id].met === false ? 'fail' : 'none')),
      u.metCount === null ? cell(dash, { style: 'none' }) : cell(u.metCount, { format: FORMAT_COUNT, style: 'none' }),
      verdictCell(u.passes),
      cell([unitRemark(u, a.profile), shortfallRemark(u)].filter(Boolean).join('\n'), { style: 'none' }),
    ]);
  });
  if (r.units.length === 0) rows.push([cell('没有参与资源配置计算的学校（学段）', { style: 'note' })]);
  if (r.excluded.length) {
    rows.push([]);
    rows.push([cell('不参与资源配置指标和差异系数计算的学校', { style: 'title' })]);
    rows.push(header(['学校标识码', '学校名称', '学段', '原因']));
    for (const e of r.excluded)
      rows.push([cell(e.schoolCode, { style: 'none' }), cell(e.schoolName, { style: 'none' }), cell(e.stage ?? '全校', { style: 'none' }), cell(e.reason, { style: 'none' })]);
  }
  return { name: SHEET_UNITS_REPORT, rows, widths: [14, 24, 8, 10, 16, 16, 16, 16, 16, 16, 16, 8, 10, 48], frozenRows: 3 };
}

function balanceSheet(a: Analysis): SheetGrid {
  const r = a.report;
  const s = r.summary;
  const conclusion = resourceConclusion(s);
  const rows: SheetCell[][] = [];
  rows.push([cell('核验 县域义务教育学校校际均衡情况', { style: 'title' })]);
  rows.push([cell(`${countyLine(a)}${GAP}差异系数达标：${s.balancePassing}/${s.balanceTotal}${GAP}资源配置结论：${conclusion}`, { style: 'note' })]);
  rows.push(header(['学段', '指标', '县均值', '差异系数', '差异系数上限', '是否达标', '说明']));
  const stages = STAGES.filter((st): st is Stage => r.balance[st] !== undefined);
  for (const stage of stages) {
    const b = r.balance[stage]!;
    for (const rule of INDICATORS) {
      const i = b.indicators[rule.id];
      let why: string | null = null;
      if (i.cv === null) why = i.mean === 0 ? '县均值为0，差异系数无定义' : '有学校（学段）的数据有错误，未计算差异系数';
      else if (rule.id === INDICATORS[0].id) why = `${b.units}个学校（学段），在校生${b.students}人`;
      rows.push([
        cell(stage, { style: 'none' }),
        cell(workingIndicatorName(rule.id), { style: 'none' }),
        numberCell(i.mean, FORMAT_VALUE),
        numberCell(i.cv, FORMAT_CV, i.passes === false ? 'fail' : 'none'),
        cell(i.limit, { format: FORMAT_CV, style: 'none' }),
        verdictCell(i.passes),
        cell(why, { style: 'none' }),
      ]);
    }
    // 表Ⅲ L8 综合: the mean of the 7 unrounded CVs, for information only (shenbao.md §6, §12)
    const cvs = INDICATOR_IDS.map((id) => b.indicators[id].cv);
    const composite = cvs.every((x): x is number => x !== null) ? cvs.reduce((sum, x) => sum + x, 0) / cvs.length : null;
    rows.push([
      cell(stage, { style: 'none' }),
      cell('综合（表Ⅲ L8）：7项差异系数的平均值', { style: 'none' }),
      cell(dash, { style: 'none' }),
      numberCell(composite, FORMAT_CV),
      cell(dash, { style: 'none' }),
      cell('不作判断', { style: 'none' }),
      cell(composite === null ? '有差异系数未能计算，综合值未计算' : compositeCvSentence(a.profile), { style: 'none' }),
    ]);
  }
  if (stages.length === 0) rows.push([cell('没有参与计算的学校（学段），未计算差异系数', { style: 'note' })]);
  rows.push([]);
  rows.push([cell('政府保障程度、教育质量、社会认可度', { style: 'title' })]);
  // Same columns as above where it matters: the verdict under 是否达标, the message under 说明.
  rows.push(header(['编号', '项目', '类别', '评估方式', '条款', '结果', '说明']));
  for (const item of r.items) {
    const none = undecidedWord(item);
    const words = itemPassWords(item);
    const source = ITEMS.find((i) => i.id === item.id)?.source.replace(/^教督〔2017〕6号\s*/, '') ?? '';
    rows.push([
      cell(item.id, { style: 'none' }),
      cell(`${item.name}（${officialItemPlace(item.id)}）`, { style: 'none' }),
      cell(item.category, { style: 'none' }),
      cell(item.kind === 'computed' ? '按数据计算' : '县级填报“是/否”', { style: 'none' }),
      cell(source, { style: 'none' }),
      verdictCell(item.passes, words.pass, words.fail, none),
      cell(item.message, { style: 'none' }),
    ]);
  }
  return { name: SHEET_BALANCE_REPORT, rows, widths: [8, 76, 14, 16, 16, 10, 56], frozenRows: 3 };
}

function issuesSheet(a: Analysis): SheetGrid {
  const r = a.report;
  const layout = a.read.layout;
  const known = new Set([layout.schools.sheet, layout.stages.sheet, ...(layout.county ? [layout.county.sheet] : [])]);
  const rows: SheetCell[][] = [];
  rows.push([cell('问题清单', { style: 'title' })]);
  rows.push([cell(`${countyLine(a)}${GAP}错误 ${r.summary.errors} 个，警告 ${r.summary.warnings} 个（点击单元格地址可跳转到该单元格）`, { style: 'note' })]);
  rows.push(header(['严重程度', '工作表', '单元格', '规则代码', '说明', '建议']));
  for (const i of r.issues) {
    const link = i.cell && known.has(i.sheet) ? sheetRef(i.sheet, i.cell) : undefined;
    rows.push([
      i.severity === 'error' ? cell('错误', { style: 'fail' }) : cell('警告', { style: 'none' }),
      cell(i.sheet, { style: 'none' }),
      cell(i.cell ?? dash, { style: 'none', ...(link ? { link } : {}) }),
      cell(i.code, { style: 'none' }),
      cell(i.message, { style: 'none' }),
      cell(i.fix ?? null, { style: 'none' }),
    ]);
  }
  if (r.issues.length === 0) rows.push([cell('未发现错误或警告', { style: 'pass' })]);
  return { name: SHEET_ISSUES_REPORT, rows, widths: [10, 14, 10, 24, 60, 50], frozenRows: 3 };
}

/** The three working sheets (「核验_…」, grey tab), in the order they are added to the workbook. */
export function summarySheets(analysis: Analysis): SheetGrid[] {
  return [unitsSheet(analysis), balanceSheet(analysis), issuesSheet(analysis)].map((g) => ({ ...g, tabColor: WORKING_TAB_COLOR, landscape: true }));
}

/** The official 申报表 tables to write: all of them but those a user's own sheet already has the name of. */
export function officialSheets(analysis: Analysis): SheetGrid[] {
  const blocked = analysis.officialBlocked ?? [];
  return shenbaoSheets(analysis).sheets.filter((g) => !blocked.includes(g.name));
}

/**
 * Every generated sheet, in the order they are added after the user's sheets (shenbao.md §1): the official
 * tables, then the working sheets. The one list the add-in, `annotate` and the browser write.
 */
export function generatedSheets(analysis: Analysis): SheetGrid[] {
  return [...officialSheets(analysis), ...summarySheets(analysis)];
}

/** A SheetGrid as rectangular arrays, the shape Office.js `range.values` / `numberFormat` want. */
export interface GridMatrix {
  /** Rows × columns; '' where the grid has no cell. */
  values: (string | number | boolean)[][];
  /** Number format of every cell; 'General' where none. */
  formats: string[][];
  /** null where the grid has no cell (no border, no fill). */
  styles: (CellStyle | null)[][];
  /** Cells with an internal link, 0-based. */
  links: { row: number; col: number; target: string; text: string }[];
  columns: number;
}

export function gridMatrix(grid: SheetGrid): GridMatrix {
  const columns = Math.max(grid.widths.length, ...grid.rows.map((r) => r.length), 1);
  const values: (string | number | boolean)[][] = [];
  const formats: string[][] = [];
  const styles: (CellStyle | null)[][] = [];
  const links: GridMatrix['links'] = [];
  grid.rows.forEach((row, r) => {
    const v: (string | number | boolean)[] = [];
    const f: string[] = [];
    const s: (CellStyle | null)[] = [];
    for (let c = 0; c < columns; c++) {
      const x = row[c];
      v.push(x?.value ?? '');
      f.push(x?.format ?? 'General');
      s.push(x ? (x.style ?? 'none') : null);
      if (x?.link) links.push({ row: r, col: c, target: x.link, text: String(x.value ?? '') });
    }
    values.push(v);
    formats.push(f);
    styles.push(s);
  });
  return { values, formats, styles, links, columns };
}

const LEVEL_TEXT: Record<Mark['level'], string> = { error: '错误', fail: '未达标', warning: '警告' };

/**
 * 「问题清单」 with the explanations of marked cells whose note could not be written because the cell
 * already has the user's note or a threaded comment (kept as it is): one row each, below the issues.
 */
export function withKeptNotes(grid: SheetGrid, kept: readonly Mark[]): SheetGrid {
  if (!kept.length) return grid;
  const rows = [...grid.rows, [], [cell('已有批注的单元格：原批注保持不变，标记说明列在这里', { style: 'title' })], header(['严重程度', '工作表', '单元格', '规则代码', '说明', '建议'])];
  for (const m of kept)
    rows.push([
      m.level === 'error' ? cell(LEVEL_TEXT[m.level], { style: 'fail' }) : cell(LEVEL_TEXT[m.level], { style: 'none' }),
      cell(m.sheet, { style: 'none' }),
      cell(m.address, { style: 'none', link: sheetRef(m.sheet, m.address) }),
      cell(dash, { style: 'none' }),
      cell(m.note, { style: 'none' }),
      cell(null, { style: 'none' }),
    ]);
  return { ...grid, rows };
}
