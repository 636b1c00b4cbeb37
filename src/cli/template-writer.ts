/**
 * `template -o <blank.xlsx>`: the blank standard template (template.md): the three input sheets with their
 * headers, dropdowns, validations and input hints, the 县级指标 labels, and the 「填报说明」 sheet.
 */
import { countyRowNote, COUNTY_HEADERS } from '../sample/county';
import type { CellGrid } from '../template/grid';
import { COUNTY_ROWS, SCHOOL_COLUMNS, SHEET_COUNTY, SHEET_GUIDE, SHEET_SCHOOLS, SHEET_STAGES, STAGE_COLUMNS } from '../template/schema';
import type { Args } from './args';
import type { Io } from './io';
import { addGuideSheet, addInputSheet, createWorkbook } from '../hosts/exceljs/write';
import { outputPath, saveWorkbook } from './write-file';

/** 0-based header row of the blank template's input sheets (row 1 holds a title). */
export const TEMPLATE_HEADER_ROW = 1;

/** The blank template's input sheets as grids: a title row, the header, and for 县级指标 every item row. */
export function blankTemplateGrids(): CellGrid[] {
  const note = `第${TEMPLATE_HEADER_ROW + 1}行表头请勿修改；填写前请先阅读「${SHEET_GUIDE}」`;
  return [
    { name: SHEET_SCHOOLS, values: [[`学校基本信息（每所学校填一行；${note}）`], SCHOOL_COLUMNS.map((c) => c.header)] },
    { name: SHEET_STAGES, values: [[`分学段信息（每所学校的每个学段填一行；${note}）`], STAGE_COLUMNS.map((c) => c.header)] },
    {
      name: SHEET_COUNTY,
      values: [[`县级指标（在“数值”列逐项填写；${note}）`], [...COUNTY_HEADERS], ...COUNTY_ROWS.map((r) => [r.label, null, null, countyRowNote(r)])],
    },
  ];
}

export async function templateCommand(args: Args, io: Io): Promise<number> {
  const out = outputPath(args, 'template');
  const wb = createWorkbook();
  for (const grid of blankTemplateGrids()) addInputSheet(wb, grid);
  addGuideSheet(wb);
  await saveWorkbook(wb, out);
  const sheets = wb.worksheets.map((w) => w.name);
  if (args.json) io.stdout(JSON.stringify({ command: 'template', output: out, sheets }, null, 1) + '\n');
  else io.stdout(`已写出空白标准模板：${out}\n工作表：${sheets.join('、')}。请先阅读「${SHEET_GUIDE}」，再按表头填写。\n`);
  return 0;
}
