/** The built-in sample county as an .xlsx file, written exactly as the command line's `sample` writes it. */
import { sampleCountyGrids } from '../src/sample/county';
import { addGuideSheet, addInputSheet, createWorkbook } from '../src/hosts/exceljs/write';

export const SAMPLE_FILE_NAME = '青山县示例.xlsx';

export async function sampleWorkbookBytes(): Promise<Uint8Array> {
  const wb = createWorkbook();
  for (const grid of sampleCountyGrids()) addInputSheet(wb, grid);
  addGuideSheet(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
