/**
 * `sample -o <file>`: the demonstration county written like a filled-in standard template, read back with
 * exceljs, and validated through the command line with the same report as the grids in memory.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { dataValidationsOf } from '../../src/hosts/exceljs/write';
import { NATIONAL } from '../../src/domain/profile';
import { analyse } from '../../src/report/build';
import { SAMPLE_HEADER_ROW, sampleCountyGrids } from '../../src/sample/county';
import { COUNTY_ROWS, SCHOOL_COLUMNS, SHEET_COUNTY, SHEET_GUIDE, SHEET_SCHOOLS, SHEET_STAGES, STAGE_COLUMNS } from '../../src/template/schema';
import { cli, cliJson } from '../helpers/run-cli';

let dir: string;
let path: string;
let wb: ExcelJS.Workbook;
let template: ExcelJS.Workbook;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sample-cmd-'));
  path = join(dir, '示例县.xlsx');
  const r = await cli('sample', '-o', path);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`已写出示例县「青山县」（41 所学校，演示数据）：${path}`);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const blank = join(dir, 'blank.xlsx');
  expect((await cli('template', '-o', blank)).code).toBe(0);
  template = new ExcelJS.Workbook();
  await template.xlsx.readFile(blank);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const headerRow = SAMPLE_HEADER_ROW + 1;
const rowValues = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

describe('sample: arguments', () => {
  it('without -o exits 2 with a Chinese message', async () => {
    const r = await cli('sample');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('错误：sample 需要用 -o 指定要写出的文件，例如：npm run --silent cli -- sample -o 示例县.xlsx');
  });

  it('refuses a path that does not end in .xlsx, and writes nothing', async () => {
    const out = join(dir, 'sample.xls');
    const r = await cli('sample', '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`输出文件「${out}」的扩展名不是 .xlsx`);
    expect(existsSync(out)).toBe(false);
  });

  it('with --json reports what it wrote as one JSON document', async () => {
    const out = join(dir, 'json.xlsx');
    const r = await cli('sample', '-o', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ command: 'sample', output: out, sheets: [SHEET_SCHOOLS, SHEET_STAGES, SHEET_COUNTY, SHEET_GUIDE], county: '青山县', schools: 41 });
  });
});

describe('sample: the written workbook', () => {
  it('holds the three input sheets with the sample values, then the guide', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET_SCHOOLS, SHEET_STAGES, SHEET_COUNTY, SHEET_GUIDE]);
    const schools = wb.getWorksheet(SHEET_SCHOOLS)!;
    expect(rowValues(schools, headerRow)).toEqual(SCHOOL_COLUMNS.map((c) => c.header));
    expect(rowValues(wb.getWorksheet(SHEET_STAGES)!, headerRow)).toEqual(STAGE_COLUMNS.map((c) => c.header));
    expect(schools.getCell('A1').value).toBe('青山县义务教育学校基本信息表（2024年秋季学期）');
    expect(schools.actualRowCount).toBe(headerRow + 41);
    expect(wb.getWorksheet(SHEET_STAGES)!.actualRowCount).toBe(headerRow + 46);
    expect(rowValues(wb.getWorksheet(SHEET_COUNTY)!, headerRow + 1).slice(0, 2)).toEqual(['区县名称', '青山县']);
    expect(wb.getWorksheet(SHEET_COUNTY)!.actualRowCount).toBe(headerRow + COUNTY_ROWS.length);
  });

  it('writes codes as text with their leading zero, in text-formatted cells', () => {
    for (const name of [SHEET_SCHOOLS, SHEET_STAGES]) {
      const ws = wb.getWorksheet(name)!;
      const cell = ws.getCell(`A${headerRow + 1}`);
      expect(cell.value).toBe('0361230101');
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe('@');
    }
  });

  it('keeps the two numbers stored as text as text, and the 社会认可度 cell as a percentage', () => {
    expect(wb.getWorksheet(SHEET_SCHOOLS)!.getCell('N32').value).toBe('5264.09');
    expect(wb.getWorksheet(SHEET_STAGES)!.getCell('C23').value).toBe('16');
    const county = wb.getWorksheet(SHEET_COUNTY)!;
    const row = headerRow + 1 + COUNTY_ROWS.findIndex((r) => r.key === 'recognition');
    expect(county.getCell(`A${row}`).value).toBe('社会认可度(%)');
    expect(county.getCell(`B${row}`).value).toBe(0.923);
    expect(county.getCell(`B${row}`).numFmt).toBe('0.0%');
  });

  it('has the same header styling, widths from the schema or wider, frozen panes and validations as the blank template', () => {
    for (const name of [SHEET_SCHOOLS, SHEET_STAGES, SHEET_COUNTY]) {
      const s = wb.getWorksheet(name)!;
      const t = template.getWorksheet(name)!;
      const headers = rowValues(t, headerRow).length;
      for (let c = 1; c <= headers; c++) {
        const a = s.getCell(headerRow, c);
        const b = t.getCell(headerRow, c);
        expect([name, c, a.value, a.font, a.fill, a.alignment, a.border]).toEqual([name, c, b.value, b.font, b.fill, b.alignment, b.border]);
        expect(s.getColumn(c).width!).toBeGreaterThanOrEqual(t.getColumn(c).width!);
      }
      expect(s.views).toEqual(t.views);
      const dv = dataValidationsOf(s).model;
      const dvt = dataValidationsOf(t).model;
      expect(Object.keys(dv).sort()).toEqual(Object.keys(dvt).sort());
      for (const k of Object.keys(dvt)) expect([name, k, dv[k]]).toEqual([name, k, dvt[k]]);
    }
    // The widest school name widens its column beyond the schema's 22.
    expect(wb.getWorksheet(SHEET_SCHOOLS)!.getColumn(2).width).toBe(26);
  });

  it('merges the title row across the header', () => {
    const ws = wb.getWorksheet(SHEET_SCHOOLS)!;
    expect(ws.getCell('W1').isMerged).toBe(true);
    expect(ws.getCell('X1').isMerged).toBe(false);
    expect(ws.getCell('A1').font?.bold).toBe(true);
  });
});

describe('sample: validate', () => {
  it('exits 0 with the same report as analysing the grids in memory', async () => {
    const { code, json } = await cliJson('validate', path);
    expect(code).toBe(0);
    const memory = analyse(sampleCountyGrids(), NATIONAL);
    if (!memory.ok) throw new Error(memory.fatal.message);
    expect(json).toEqual(JSON.parse(JSON.stringify(memory.analysis.report)));
    // The sample fills every 2017-v2 input (举办者类型, 年级数, the new 县级指标 rows): the 申报表 raises nothing.
    expect(json.issues.filter((i: { code: string }) => i.code.startsWith('shenbao-') || i.code === 'owner-type-defaulted')).toEqual([]);
    expect(json.summary).toMatchObject({ errors: 0, warnings: 2, units: 43, unitsPassing: 38, balancePassing: 13, balanceTotal: 14 });
  });

  it('prints the readable summary with exit 0', async () => {
    const r = await cli('validate', path);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('区县：青山县    统计年度：2024');
    expect(r.stdout).toContain('未达标  青山县城关第二小学（0361230102）小学  达标 5/7');
    expect(r.stdout).toContain('R6 生均教学仪器设备值  县均值 4985.90  差异系数 0.489（≤0.45） 未达标');
  });
});
