/** The shared test helper tests/helpers/workbook.ts: what it writes is what the command line reads. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SAMPLE_HEADER_ROW, sampleCountyGrids } from '../../src/sample/county';
import { SCHOOL_COLUMNS } from '../../src/template/schema';
import { cliJson } from '../helpers/run-cli';
import { type HelperGrid, writeGridsToXlsx } from '../helpers/workbook';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'workbook-helper-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AREA = SCHOOL_COLUMNS.findIndex((c) => c.field === 'teachingArea');
const INDOOR = SCHOOL_COLUMNS.findIndex((c) => c.field === 'indoorSportsArea');
const first = SAMPLE_HEADER_ROW + 1;

it('writes text, numbers, number formats and formulas with their cached result', async () => {
  const path = join(dir, 'cells.xlsx');
  await writeGridsToXlsx(
    [{ name: 'S', values: [['0012', 12, true, { formula: 'B1*2', result: 24 }, { formula: 'B1*3' }, null, 0.5]], numberFormats: [[null, null, null, null, null, '@', '0%']] }],
    path,
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet('S')!;
  expect(ws.getCell('A1').value).toBe('0012');
  expect(ws.getCell('B1').value).toBe(12);
  expect(ws.getCell('C1').value).toBe(true);
  expect(ws.getCell('D1').value).toEqual({ formula: 'B1*2', result: 24 });
  expect(ws.getCell('E1').value).toEqual({ formula: 'B1*3' });
  expect(ws.getCell('F1').numFmt).toBe('@');
  expect(ws.getCell('G1').numFmt).toBe('0%');
});

it('a formula cell is read by its cached result; without one it is a formula-no-value error, not a blank', async () => {
  const withResult: HelperGrid[] = sampleCountyGrids();
  const area = withResult[0].values[first][AREA] as number;
  withResult[0].values[first][AREA] = { formula: `${area}*1`, result: area };
  const path = join(dir, 'formula.xlsx');
  await writeGridsToXlsx(withResult, path);
  const { code, json } = await cliJson('validate', path);
  expect(code).toBe(0);
  expect(json.summary.errors).toBe(0);
  const indoor = withResult[0].values[first][INDOOR] as number;
  expect(indoor).toBeGreaterThan(0);
  expect(json.units[0].indicators.R4.value).toBeCloseTo((area - indoor) / 2150, 12);

  const noResult: HelperGrid[] = sampleCountyGrids();
  noResult[0].values[first][AREA] = { formula: `${area}*1` };
  const path2 = join(dir, 'formula-no-result.xlsx');
  await writeGridsToXlsx(noResult, path2);
  const r2 = await cliJson('validate', path2);
  expect(r2.code).toBe(1);
  expect(r2.json.issues.filter((i: any) => i.severity === 'error')).toEqual([
    expect.objectContaining({ code: 'formula-no-value', sheet: '学校基本信息', cell: `L${first + 1}` }),
  ]);
});
