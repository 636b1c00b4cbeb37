/**
 * The two new workbooks the product writes: the blank standard template and the built-in sample county, each
 * built in one place for every caller. The command line writes them to disk (`template`, `sample`); the
 * offline page's worker gives the same workbooks as bytes (「下载空白模板」, 「打开示例县」).
 */
import type ExcelJS from 'exceljs';
import { COUNTY_HEADERS, countyRowNote, sampleCountyGrids } from '../../sample/county';
import type { CellGrid } from '../../template/grid';
import { COUNTY_ROWS, SCHOOL_COLUMNS, SHEET_COUNTY, SHEET_GUIDE, SHEET_SCHOOLS, SHEET_STAGES, STAGE_COLUMNS } from '../../template/schema';
import { NATIONAL, type Profile } from '../../domain/profile';
import { addGuideSheet, addInputSheet, createWorkbook } from './write';

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

/** A workbook of the standard template: these input sheets, then 「填报说明」, hints and guide under the profile. */
function templateLike(grids: CellGrid[], profile: Profile = NATIONAL): ExcelJS.Workbook {
  const wb = createWorkbook();
  for (const grid of grids) addInputSheet(wb, grid, profile);
  addGuideSheet(wb, profile);
  return wb;
}

/**
 * The blank standard template (template.md): what `template -o` writes and the page's 「下载空白模板」 gives;
 * `template --profile` prints the profile's values in the hints and the guide (template-additions §2: G5).
 */
export const blankTemplateWorkbook = (profile: Profile = NATIONAL): ExcelJS.Workbook => templateLike(blankTemplateGrids(), profile);

/** The sample county, laid out like a filled-in standard template: what `sample -o` writes and the page opens. */
export const sampleCountyWorkbook = (): ExcelJS.Workbook => templateLike(sampleCountyGrids());

/** The .xlsx bytes of a workbook (exceljs's own writer). */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
