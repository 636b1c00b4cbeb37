/**
 * The two workbooks the page makes from nothing, as .xlsx bytes (made in the worker): the built-in sample county
 * (「打开示例县」) and the blank standard template (「下载空白模板」), built by the same code as the command line's
 * `sample` and `template` (src/hosts/exceljs/workbooks.ts), so the files have the same sheets, cells and formats.
 */
import { blankTemplateWorkbook, sampleCountyWorkbook, workbookBytes } from '../src/hosts/exceljs/workbooks';

export const SAMPLE_FILE_NAME = '青山县示例.xlsx';
/** The name the command line's usage and README give the blank template (`template -o 空白模板.xlsx`). */
export const TEMPLATE_FILE_NAME = '空白模板.xlsx';

export const sampleWorkbookBytes = (): Promise<Uint8Array> => workbookBytes(sampleCountyWorkbook());

export const templateWorkbookBytes = (): Promise<Uint8Array> => workbookBytes(blankTemplateWorkbook());
