/** `sample -o <sample.xlsx>`: the built-in demonstration county, written like a filled-in standard template. */
import { sampleCountyWorkbook } from '../hosts/exceljs/workbooks';
import { SAMPLE_COUNTY_NAME, SAMPLE_SCHOOL_COUNT } from '../sample/county';
import { SHEET_GUIDE } from '../template/schema';
import type { Args } from './args';
import type { Io } from './io';
import { outputPath, saveWorkbook } from './write-file';

export async function sampleCommand(args: Args, io: Io): Promise<number> {
  const out = outputPath(args, 'sample');
  const wb = sampleCountyWorkbook();
  await saveWorkbook(wb, out);
  const sheets = wb.worksheets.map((w) => w.name);
  if (args.json) io.stdout(JSON.stringify({ command: 'sample', output: out, sheets, county: SAMPLE_COUNTY_NAME, schools: SAMPLE_SCHOOL_COUNT }, null, 1) + '\n');
  else
    io.stdout(
      `已写出示例县「${SAMPLE_COUNTY_NAME}」（${SAMPLE_SCHOOL_COUNT} 所学校，演示数据）：${out}\n` +
        `工作表：${sheets.filter((s) => s !== SHEET_GUIDE).join('、')}，以及「${SHEET_GUIDE}」。\n` +
        `核验它：npm run --silent cli -- validate ${out}\n`,
    );
  return 0;
}
