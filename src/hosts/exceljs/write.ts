/**
 * Writing the standard template with exceljs: the input sheets (from plain grids, styled and with data
 * validation) and the 「填报说明」 sheet. Shared by `template` (blank grids) and `sample` (the
 * demonstration county), so the two files look the same.
 */
import ExcelJS from 'exceljs';
import { columnHint } from '../../domain/columns';
import { NATIONAL, type Profile } from '../../domain/profile';
import { INDICATORS } from '../../domain/rules/indicators';
import { formatValue } from '../../domain/rules/render';
import { COUNTY_NOTE_HEADER, countyRowNote } from '../../sample/county';
import type { CellGrid, CellValue } from '../../template/grid';
import { columnLetter } from '../../template/grid';
import {
  COUNTY_ROWS,
  type ColumnSpec,
  type CountyRowSpec,
  normaliseHeader,
  SCHOOL_COLUMNS,
  SHEET_COUNTY,
  SHEET_GUIDE,
  SHEET_SCHOOLS,
  SHEET_STAGES,
  STAGE_COLUMNS,
  TEMPLATE_VERSION,
} from '../../template/schema';

/** Data rows below the header that carry the input validations and prompts. */
export const INPUT_ROWS = 2000;

export const FILL_REQUIRED = 'FFDDEBF7';
export const FILL_OPTIONAL = 'FFEDEDED';
const BORDER_COLOR = 'FFA6A6A6';

/** The exceljs data validation model, with the prompt-only kind ('any') that the typings leave out. */
export type InputValidation = Omit<ExcelJS.DataValidation, 'type' | 'formulae'> & {
  type: ExcelJS.DataValidation['type'] | 'any';
  formulae?: unknown[];
};

interface DataValidationsApi {
  add(address: string, validation: InputValidation): void;
  model: Record<string, InputValidation | undefined>;
}

/** The worksheet's data validations (present in exceljs 4, missing from its typings). */
export function dataValidationsOf(ws: ExcelJS.Worksheet): DataValidationsApi {
  return (ws as unknown as { dataValidations: DataValidationsApi }).dataValidations;
}

/** Display width of a text in Excel column units: CJK and full-width characters count twice. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f㎡]/.test(ch) ? 2 : 1;
  return w;
}

const clip = (s: string, max: number) => ([...s].length <= max ? s : [...s].slice(0, max - 1).join('') + '…');

/** Student columns: required or not according to the school type (template.md "by type"). */
const BY_TYPE = new Set(['studentsPrimary', 'studentsJunior', 'studentsSenior']);

function requirementText(spec: ColumnSpec): string {
  if (BY_TYPE.has(spec.field)) return '按学校类型必填';
  return spec.required === 'yes' ? '必填' : spec.required === 'resource' ? '必填（特殊教育学校可不填）' : '选填';
}

/** Whether the header of a column is shown as required (blue): always, for resource rows, or by type. */
function shownRequired(spec: ColumnSpec): boolean {
  return spec.required !== 'no' || BY_TYPE.has(spec.field);
}

/** The validation (with its input prompt) of a column of 「学校基本信息」 or 「分学段信息」. */
export function columnValidation(spec: ColumnSpec, profile: Profile = NATIONAL): InputValidation {
  const prompt = {
    showInputMessage: true,
    promptTitle: clip(spec.header, 32),
    prompt: clip(`${requirementText(spec)}。${columnHint(spec, profile)}`, 250),
  };
  const stop = { showErrorMessage: true, errorStyle: 'stop', errorTitle: '输入有误' };
  switch (spec.kind) {
    case 'code':
      return {
        ...prompt, type: 'textLength', operator: 'equal', formulae: [10], allowBlank: true,
        showErrorMessage: true, errorStyle: 'warning', errorTitle: '请核对学校标识码',
        error: '学校标识码应为10位。请以文本填写并保留开头的0；确认无误可点“是”继续。',
      };
    case 'enum':
      return { ...prompt, ...stop, type: 'list', allowBlank: true, formulae: [`"${(spec.values ?? []).join(',')}"`], error: clip(`请从下拉列表中选择：${(spec.values ?? []).join('、')}`, 220) };
    case 'count': {
      const min = spec.field === 'classes' ? 1 : 0;
      return { ...prompt, ...stop, type: 'whole', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [min], error: min ? '请填写大于0的整数' : '请填写大于或等于0的整数' };
    }
    case 'number':
    case 'money':
      return { ...prompt, ...stop, type: 'decimal', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0], error: '请填写大于或等于0的数字（不要带单位）' };
    default:
      return { ...prompt, type: 'any' };
  }
}

/** The validation (with its input prompt) of the 数值 cell of one 「县级指标」 row. */
export function countyValidation(spec: CountyRowSpec): InputValidation {
  const prompt = { showInputMessage: true, promptTitle: clip(spec.label, 32), prompt: clip(countyRowNote(spec), 250) };
  const stop = { showErrorMessage: true, errorStyle: 'stop', errorTitle: '输入有误', allowBlank: true };
  switch (spec.kind) {
    case 'yesno':
      return { ...prompt, ...stop, type: 'list', formulae: ['"是,否"'], error: '请从下拉列表中选择“是”或“否”' };
    case 'percent':
      return { ...prompt, ...stop, type: 'decimal', operator: 'between', formulae: [0, 100], error: '请填写0到100之间的百分数数值（如 96.5），或设为百分比格式后填写' };
    case 'ratio':
      return { ...prompt, ...stop, type: 'decimal', operator: 'between', formulae: [0, 1], error: '请填写0到1之间的小数（如 0.12）' };
    case 'count':
      return { ...prompt, ...stop, type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], error: '请填写大于或等于0的整数' };
    case 'level':
      return { ...prompt, ...stop, type: 'list', formulae: ['"Ⅰ,Ⅱ,Ⅲ,Ⅳ,未监测"'], error: '请从下拉列表中选择Ⅰ、Ⅱ、Ⅲ、Ⅳ或“未监测”' };
    case 'number':
      if (spec.key === 'year') return { ...prompt, ...stop, type: 'whole', operator: 'between', formulae: [2000, 2100], error: '请填写四位年份，如 2024' };
      if (spec.label.endsWith('(人)')) return { ...prompt, ...stop, type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], error: '请填写大于或等于0的整数' };
      return { ...prompt, ...stop, type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], error: '请填写大于或等于0的数字（不要带单位）' };
    default:
      return { ...prompt, type: 'any' };
  }
}

/** exceljs's default font; every font set here starts from it so that no cell falls back to another face. */
const BASE_FONT: Partial<ExcelJS.Font> = { name: 'Calibri', family: 2, size: 11 };

const thin = { style: 'thin' as const, color: { argb: BORDER_COLOR } };
const BOX: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

function styleHeaderCell(cell: ExcelJS.Cell, required: boolean): void {
  cell.font = { ...BASE_FONT, bold: true };
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: required ? FILL_REQUIRED : FILL_OPTIONAL } };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  cell.border = BOX;
}

function styleTitleRow(ws: ExcelJS.Worksheet, row: number, lastCol: number): void {
  const cell = ws.getCell(row + 1, 1);
  if (lastCol > 0) ws.mergeCells(row + 1, 1, row + 1, lastCol + 1);
  cell.font = { ...BASE_FONT, bold: true, size: 14 };
  cell.alignment = { horizontal: 'left', vertical: 'middle' };
  ws.getRow(row + 1).height = 26;
}

function writeValue(cell: ExcelJS.Cell, v: CellValue, format: string | null | undefined): void {
  if (format) cell.numFmt = format;
  if (v === null) return;
  cell.value = v;
}

type SheetKind = 'schools' | 'stages' | 'county' | 'other';

function kindOf(name: string): SheetKind {
  const n = name.trim();
  return n === SHEET_SCHOOLS ? 'schools' : n === SHEET_STAGES ? 'stages' : n === SHEET_COUNTY ? 'county' : 'other';
}

/** 0-based row (among rows 1–10) holding all the given header texts, or -1. */
function findHeaderRow(grid: CellGrid, keys: readonly string[]): number {
  for (let r = 0; r < Math.min(10, grid.values.length); r++) {
    const texts = new Set((grid.values[r] ?? []).map((v) => (typeof v === 'string' ? normaliseHeader(v) : '')));
    if (keys.every((k) => texts.has(k))) return r;
  }
  return -1;
}

/**
 * Adds one input sheet of the standard template to the workbook, from its grid: every value and number
 * format of the grid as given, the title rows above the header merged and enlarged, the header row bold
 * on a fill (blue for required columns, grey for optional ones) with the schema's hint as a note, column
 * widths, frozen header rows (and identifying columns), and on INPUT_ROWS rows below the header the
 * data validations and input prompts of each column. A sheet the template does not know is written plain.
 */
export function addInputSheet(wb: ExcelJS.Workbook, grid: CellGrid, profile: Profile = NATIONAL): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(grid.name);
  const kind = kindOf(grid.name);
  const specs: readonly ColumnSpec[] = kind === 'schools' ? SCHOOL_COLUMNS : kind === 'stages' ? STAGE_COLUMNS : [];
  const headerRow = kind === 'county' ? findHeaderRow(grid, ['指标', '数值']) : kind === 'other' ? -1 : findHeaderRow(grid, kind === 'stages' ? ['学校标识码', '学段'] : ['学校标识码']);
  const header = headerRow >= 0 ? grid.values[headerRow] ?? [] : [];
  const specAt = header.map((h) => (typeof h === 'string' ? specs.find((s) => normaliseHeader(s.header) === normaliseHeader(h)) : undefined));
  const lastCol = Math.max(header.length - 1, 0);

  // Column styles first, so that cells typed in later keep the format (学校标识码 as text).
  specAt.forEach((spec, c) => {
    if (spec?.kind === 'code') ws.getColumn(c + 1).numFmt = '@';
  });

  grid.values.forEach((row, r) => {
    row.forEach((v, c) => writeValue(ws.getCell(r + 1, c + 1), v, grid.numberFormats?.[r]?.[c]));
  });

  for (let r = 0; r < headerRow; r++) if ((grid.values[r] ?? []).some((v) => v !== null && v !== '')) styleTitleRow(ws, r, lastCol);

  if (headerRow < 0) {
    autoWidths(ws, grid, 0, () => undefined);
    return ws;
  }

  header.forEach((h, c) => {
    if (h === null || h === '') return;
    const spec = specAt[c];
    const cell = ws.getCell(headerRow + 1, c + 1);
    const countyKey = kind === 'county' && (h === '指标' || h === '数值');
    styleHeaderCell(cell, spec ? shownRequired(spec) : countyKey);
    if (spec) cell.note = `${requirementText(spec)}：${columnHint(spec, profile)}`;
  });

  const first = headerRow + 2;
  const last = headerRow + 1 + INPUT_ROWS;
  const dv = dataValidationsOf(ws);
  if (kind === 'county') {
    const labelCol = header.findIndex((h) => h === '指标');
    const valueCol = header.findIndex((h) => h === '数值');
    const noteCol = header.findIndex((h) => h === COUNTY_NOTE_HEADER);
    const byLabel = new Map(COUNTY_ROWS.map((s) => [normaliseHeader(s.label), s] as const));
    for (let r = headerRow + 1; r < grid.values.length; r++) {
      const label = grid.values[r]?.[labelCol];
      const spec = typeof label === 'string' ? byLabel.get(normaliseHeader(label)) : undefined;
      if (!spec) continue;
      dv.add(`${columnLetter(valueCol)}${r + 1}`, countyValidation(spec));
      ws.getCell(r + 1, valueCol + 1).alignment = { horizontal: spec.kind === 'yesno' || spec.kind === 'text' ? 'center' : 'right' };
      // The explanation column is guidance, not input: shown in grey.
      if (noteCol >= 0) ws.getCell(r + 1, noteCol + 1).font = { ...BASE_FONT, color: { argb: 'FF7F7F7F' } };
    }
    const widths: Record<string, number> = { 指标: 58, 数值: 14, 备注: 40, 简要结论: 40 };
    header.forEach((h, c) => (ws.getColumn(c + 1).width = typeof h === 'string' && widths[h] ? widths[h] : 66));
    ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow + 1, topLeftCell: `A${headerRow + 2}`, activeCell: `B${headerRow + 2}` }];
  } else {
    specAt.forEach((spec, c) => {
      if (spec) dv.add(`${columnLetter(c)}${first}:${columnLetter(c)}${last}`, columnValidation(spec, profile));
    });
    autoWidths(ws, grid, headerRow, (c) => specAt[c]?.width);
    ws.views = [{ state: 'frozen', xSplit: 2, ySplit: headerRow + 1, topLeftCell: `C${headerRow + 2}`, activeCell: `C${headerRow + 2}` }];
  }
  ws.getRow(headerRow + 1).height = headerHeight(ws, header);
  ws.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow + 1}:${headerRow + 1}` };
  return ws;
}

/** Widths from the schema (a minimum) widened to the longest data value, capped. */
function autoWidths(ws: ExcelJS.Worksheet, grid: CellGrid, headerRow: number, base: (c: number) => number | undefined): void {
  const cols = Math.max(0, ...grid.values.map((r) => r.length));
  for (let c = 0; c < cols; c++) {
    let w = base(c) ?? 10;
    for (let r = headerRow + 1; r < grid.values.length; r++) {
      const v = grid.values[r]?.[c];
      if (v !== null && v !== undefined) w = Math.max(w, textWidth(String(v)) + 2);
    }
    ws.getColumn(c + 1).width = Math.min(w, 40);
  }
}

/** Height of the header row so that the longest wrapped header fits. */
function headerHeight(ws: ExcelJS.Worksheet, header: readonly CellValue[]): number {
  let lines = 1;
  header.forEach((h, c) => {
    if (typeof h !== 'string') return;
    const width = ws.getColumn(c + 1).width ?? 10;
    lines = Math.max(lines, Math.ceil(textWidth(h) / Math.max(width - 1, 1)));
  });
  return Math.min(15 * lines + 6, 96);
}

interface GuideBlock {
  kind: 'title' | 'heading' | 'text' | 'table-head' | 'table-row';
  cells: string[];
}

/**
 * The ways of computing that a profile sets otherwise than the national standard (its numbers are printed where
 * they apply): who is counted, R1's degree, R4's 室内体育用房, G6's schools, Q1's formula. None under `national`.
 */
function ruleChoices(profile: Profile): string[] {
  const out: string[] = [];
  if (profile.scope.includePrivate !== NATIONAL.scope.includePrivate)
    out.push(profile.scope.includePrivate ? '· 民办学校参与资源配置指标和差异系数的计算（所用规则配置）。' : '· 民办学校不参与资源配置指标和差异系数的计算（所用规则配置不纳入民办学校），仍填在两张表中。');
  if (profile.primaryDegreeCut !== NATIONAL.primaryDegreeCut)
    out.push(`· R1 中小学“高于规定学历”的教师按${profile.primaryDegreeCut}及以上计（所用规则配置；国家标准为${NATIONAL.primaryDegreeCut}及以上），初中按本科及以上计。`);
  if (profile.indoorSportsInR4 !== NATIONAL.indoorSportsInR4)
    out.push(
      profile.indoorSportsInR4 === 'count-in-both'
        ? '· “其中室内体育用房面积”不从教学及辅助用房面积中扣除：同时计入 R4（生均教学及辅助用房面积）和 R5（生均体育运动场馆面积）（所用规则配置）。'
        : '· “其中室内体育用房面积”从教学及辅助用房面积中扣除后计算 R4，计入 R5（所用规则配置）。',
    );
  if (profile.items.G6.scope !== NATIONAL.items.G6.scope)
    out.push(
      profile.items.G6.scope === 'all-small'
        ? `· G6 按所有在校生不足${profile.items.G6.minFundedStudents}人的小学、初中和教学点计，不论城乡（所用规则配置）。`
        : `· G6 按在校生不足${profile.items.G6.minFundedStudents}人的村小学和教学点计（所用规则配置）。`,
    );
  if (profile.items.Q1.formula !== NATIONAL.items.Q1.formula)
    out.push(
      profile.items.Q1.formula === 'adjust-cohort'
        ? '· 初中三年巩固率按 毕业 ÷ (入学 + 转入 − 转出 − 死亡) 计算（所用规则配置）。'
        : '· 初中三年巩固率按 (毕业 − 转入 + 转出) ÷ (入学 − 死亡) 计算（所用规则配置）。',
    );
  return out;
}

/** The content of 「填报说明」 under a profile: how to fill in the template and what the tool computes. */
export function guideBlocks(profile: Profile = NATIONAL): GuideBlock[] {
  const b: GuideBlock[] = [];
  const title = (s: string) => b.push({ kind: 'title', cells: [s] });
  const heading = (s: string) => b.push({ kind: 'heading', cells: [s] });
  const text = (...lines: string[]) => lines.forEach((s) => b.push({ kind: 'text', cells: [s] }));
  const table = (head: string[], rows: string[][]) => {
    b.push({ kind: 'table-head', cells: head });
    rows.forEach((r) => b.push({ kind: 'table-row', cells: r }));
  };
  const t = profile.thresholds;

  title(`义务教育优质均衡发展核验\u3000标准填报模板（${TEMPLATE_VERSION}）填报说明`);
  heading('一、本模板的用途');
  text(
    '本模板依据《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）设计，每个区县每个统计年度填报一份。',
    '填好后，在 Excel 中打开“义务教育优质均衡核验”加载项点击“核验”，或在命令行运行 validate 命令，工具会逐校计算各项指标并列出问题；工具不会改动您填写的任何数值。',
  );
  // Local values are never presented as national ones (standard §8): a template written under another profile says so.
  if (profile.id !== NATIONAL.id) text(`本说明中的标准值和填写提示按规则配置「${profile.name}」写出，不是国家标准的默认值；核验时请选用同一规则配置。`);
  heading('二、需要填写的三张工作表');
  text(
    `1.「${SHEET_SCHOOLS}」：每所学校填一行，包括小学、初中、九年一贯制学校、十二年一贯制学校、完全中学、小学教学点和特殊教育学校。`,
    `2.「${SHEET_STAGES}」：每所学校的每个学段（小学、初中）填一行，填写班级数和专任教师数等。九年一贯制、十二年一贯制学校填两行（小学一行、初中一行）；完全中学只填初中一行；特殊教育学校不填。`,
    `3.「${SHEET_COUNTY}」：A列已列出全部指标，请在B列“数值”中逐项填写，可在“备注”列注明数据来源。没有填写的指标在结果中记为“未填报”。`,
    '第2行是表头，请勿修改文字或删除；列的先后顺序可以调整，也可以在右侧增加自己的列（工具会忽略）。第1行标题可以改成本县的名称。',
    '蓝色表头是必填列，灰色表头是选填列：选填列空白时，用到它的评估项记为“未填报”，不会被当作达标。',
    '选中单元格时会显示填写提示；学校类型、办学性质、举办者类型、城乡分类、是否寄宿制学校、学段、“是/否”项和质量监测学业水平可从下拉列表选择。',
  );
  heading('三、单位和填写要求');
  text(
    '· 学校标识码：10位，以文本填写，保留开头的0（该列已设为文本格式）。两张表中同一学校的标识码必须一致。',
    '· 人数、班级数、教室数：填整数。在校生数为学年初在籍学生数，不是招生数。',
    '· 面积：单位为平方米（㎡），可保留两位小数。“其中室内体育用房面积”是“教学及辅助用房面积”的一部分。',
    '· 金额：「学校基本信息」中的教学仪器设备资产值、年度公用经费预算、教师培训经费以“万元”为单位；如果您的数据以“元”为单位，把表头中的“(万元)”改为“(元)”即可，工具按表头的单位换算。「县级指标」中的金额以“元”为单位。',
    '· 百分比：「县级指标」中带“(%)”的行填百分数的数值，如 96.5 表示 96.5%；也可以填 0.965 并把单元格设为百分比格式。“质量监测校际差异率”填小数（如 0.12）。',
    '· 四类学历（研究生、本科、专科、高中及以下）专任教师数之和应等于专任教师数；骨干教师数，体育、音乐、美术、艺术教师数之和都不能超过专任教师数。',
    '· 以文本形式存储的数字可以读取，但会给出警告，建议转换为数字；公式单元格按计算结果读取；“合计”“小计”“注”“说明”开头的行不参与计算。',
  );
  heading('四、一贯制学校、完全中学、教学点和特殊教育学校');
  const w = profile.splitWeights;
  text(
    `· 九年一贯制、十二年一贯制学校和完全中学的校舍面积、运动场地、仪器设备值、网络多媒体教室只填全校合计数，工具按加权学生数分摊到各学段（小学:初中 = ${w.nineYear.小学}:${w.nineYear.初中}；十二年一贯制 小学:初中:高中 = ${w.twelveYear.小学}:${w.twelveYear.初中}:${w.twelveYear.高中}；完全中学 初中:高中 = ${w.completeSecondary.初中}:${w.completeSecondary.高中}）。因此完全中学和十二年一贯制学校必须填写高中在校生数（没有请填0）。`,
    '· 教师不分摊：在「分学段信息」中按学段分别填写各学段的专任教师。',
    profile.scope.teachingPointMinStudents > 0
      ? `· 小学教学点在校生不足${profile.scope.teachingPointMinStudents}人的，不参与资源配置指标和差异系数的计算；${profile.scope.teachingPointMinStudents}人及以上的作为一个小学单位参与计算。教学点仍参与政府保障程度等项目的评估。`
      : '· 小学教学点不论在校生多少，都作为一个小学单位参与资源配置指标和差异系数的计算（所用规则配置不设人数下限），也参与政府保障程度等项目的评估。',
    '· 特殊教育学校不参与资源配置指标和差异系数的计算：只在「学校基本信息」中填一行，各学段在校生数留空，不填「分学段信息」。',
  );
  heading('五、工具计算什么');
  text(
    `· 资源配置7项指标，按每所学校的每个学段（“学校单位”）分别计算。每个学校单位至少${profile.minMet}项达到标准、其余项不低于标准的${formatValue(profile.floorRatio, 'pct')}，为达标：`,
  );
  table(
    ['指标', '小学标准', '初中标准'],
    INDICATORS.map((r) => [`${r.id} ${r.name}${r.unit === '人' || r.unit === '间' ? `（每百名学生，${r.unit}）` : `（${r.unit}）`}`, `≥ ${t.小学[r.id]}`, `≥ ${t.初中[r.id]}`]),
  );
  text(
    `· 差异系数：每个学段每项指标按在校生数加权计算，小学不高于${profile.cvLimits.小学}，初中不高于${profile.cvLimits.初中}，7项分别判断。`,
    ...ruleChoices(profile),
    '· 政府保障程度15项、教育质量9项和社会认可度：能由数据计算的自动计算（如班额、学校规模、教师持证和培训、就近入学、巩固率），其余按「县级指标」中填写的“是/否”列出。',
    '· 结果写入申报表「表Ⅱ-1」「表Ⅱ-2」「表Ⅲ」和「核验_学校达标」「核验_校际均衡」「核验_问题清单」三张核验工作表，每次核验时重新生成，请勿在其中填写数据；有问题的单元格会标色并加批注，可以随时一键清除。',
  );
  heading('六、申报表（表Ⅰ—表Ⅵ）');
  text(
    '· 工具按申报表的格式写出「表Ⅰ」「表Ⅱ-1」「表Ⅱ-2」「表Ⅲ」「表Ⅳ」「表Ⅴ」「表Ⅵ」和「一票否决」，单元格位置与申报表相同。',
    '· 这些工作表每次核验时重新生成，请勿在其中填写或修改；需要时选中整块复制，在本县申报表中用“选择性粘贴—值和数字格式”粘贴。',
    `· 佐证材料项目（G1、G2、G10、Q3、Q5至Q8）的简要结论请填在「${SHEET_COUNTY}」的“简要结论”列（E列），不要直接写在表Ⅳ、表Ⅴ中。`,
    '· 新增的填报项对应的申报表：举办者类型、年级数 → 表Ⅱ-2；超过标准班额的班级数 → 表Ⅳ-5；人口、乡镇、收入、教职工数 → 表Ⅰ；特殊教育学校公用经费总额和在校生数 → 表Ⅳ-7；农村初中名额 → 表Ⅳ-14；随迁子女分项 → 表Ⅳ-15；巩固率五项人数 → 表Ⅴ-1；残疾儿童少年人数 → 表Ⅴ-2；各科质量监测 → 表Ⅴ-9；问卷和走访人数 → 表Ⅵ；一票否决6项 → 「一票否决」。',
    '· 这些项目都可以不填：不填时申报表中相应位置留空（“＿＿”），并在「问题清单」中提示，不影响核验结论。',
  );
  heading(`七、「${SHEET_SCHOOLS}」各列`);
  table(['列名（表头）', '是否必填', '填写说明'], SCHOOL_COLUMNS.map((s) => [s.header, requirementText(s), columnHint(s, profile)]));
  heading(`八、「${SHEET_STAGES}」各列`);
  table(['列名（表头）', '是否必填', '填写说明'], STAGE_COLUMNS.map((s) => [s.header, requirementText(s), columnHint(s, profile)]));
  heading(`九、「${SHEET_COUNTY}」各指标`);
  table(['指标', '对应评估项', '填写要求'], COUNTY_ROWS.map((s) => [s.label, s.item ?? (s.feeds ? s.feeds.split('、')[0] : '—'), countyRowNote(s).replace(/；用于 \S+$/, '')]));
  return b;
}

/** Adds the 「填报说明」 sheet (three columns; text lines span all three). */
export function addGuideSheet(wb: ExcelJS.Workbook, profile: Profile = NATIONAL): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(SHEET_GUIDE);
  const widths = [46, 26, 60];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const total = widths.reduce((a, x) => a + x, 0);
  let r = 1;
  for (const block of guideBlocks(profile)) {
    const row = ws.getRow(r);
    if (block.kind === 'table-head' || block.kind === 'table-row') {
      block.cells.forEach((v, c) => {
        const cell = row.getCell(c + 1);
        cell.value = v;
        cell.border = BOX;
        cell.alignment = { vertical: 'middle', wrapText: true };
        if (block.kind === 'table-head') {
          cell.font = { ...BASE_FONT, bold: true };
          cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL_REQUIRED } };
        }
      });
      const lines = Math.max(...block.cells.map((v, c) => Math.ceil(textWidth(v) / (widths[c] - 1))));
      row.height = Math.min(409.5, 16 * lines + 4);
    } else {
      ws.mergeCells(r, 1, r, 3);
      const cell = row.getCell(1);
      cell.value = block.cells[0];
      cell.alignment = { vertical: 'middle', wrapText: true };
      if (block.kind === 'title') {
        cell.font = { ...BASE_FONT, bold: true, size: 15 };
        row.height = 30;
      } else if (block.kind === 'heading') {
        cell.font = { ...BASE_FONT, bold: true, size: 12 };
        row.height = 24;
      } else {
        row.height = Math.min(409.5, 16 * Math.ceil(textWidth(block.cells[0]) / (total - 4)) + 4);
      }
    }
    r++;
  }
  ws.pageSetup = { orientation: 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return ws;
}

export function createWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '义务教育优质均衡核验';
  wb.created = new Date();
  wb.modified = wb.created;
  return wb;
}
