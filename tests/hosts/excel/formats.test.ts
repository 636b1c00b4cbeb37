/**
 * Number formats of the school sheets in the add-in (on the fake Excel, which returns each cell's numberFormat as
 * Excel does, "General" where none is set): a 学校标识码 kept as a number and shown with its leading zero by the
 * format 0000000000, and a date typed into a number column, are read as the command line reads them. The formats
 * of the first 1 500 rows come with the values; a larger sheet's others take one more read (or more, each response
 * within the limit).
 */
import { NATIONAL } from '../../../src/domain/profile';
import { createExcelHost } from '../../../src/hosts/excel/adapter';
import { FakeWorkbook, installFakeOffice, uninstallFakeOffice } from '../../../src/hosts/fake-excel';
import { analyse } from '../../../src/report/build';
import { a1, type CellGrid } from '../../../src/template/grid';
import { generateCounty } from './county';

afterEach(() => uninstallFakeOffice());

const run = () => createExcelHost().run({ profile: NATIONAL });

type Issue = { severity: string; code: string; sheet?: string; cell?: string };
const brief = (issues: readonly Issue[]) => issues.map((i) => `${i.severity} ${i.code} ${i.sheet ?? ''}!${i.cell ?? ''}`).sort();

/** Row and column of a header in a generated grid (a title row sits above the headers). */
function columnOf(grid: CellGrid, header: string): { headerRow: number; col: number } {
  for (let r = 0; r < 3; r++) {
    const c = grid.values[r]?.indexOf(header) ?? -1;
    if (c >= 0) return { headerRow: r, col: c };
  }
  throw new Error(`no header ${header} in ${grid.name}`);
}

/**
 * A county whose codes start with 0 (0310000005): text in 分学段信息, and in 学校基本信息 numbers shown through
 * the format 0000000000, as a county that typed them as numbers and formatted the column keeps them.
 */
function countyWithNumberCodes(schools: number): CellGrid[] {
  const grids = generateCounty(schools).map((g) => ({ ...g, values: g.values.map((r) => [...r]), numberFormats: g.numberFormats?.map((r) => [...r]) }));
  for (const g of grids) {
    if (g.name !== '学校基本信息' && g.name !== '分学段信息') continue;
    const { headerRow, col } = columnOf(g, '学校标识码');
    const formats: (string | null | undefined)[][] = g.numberFormats ?? [];
    g.numberFormats = formats;
    for (let r = headerRow + 1; r < g.values.length; r++) {
      const code = g.values[r][col];
      if (typeof code !== 'string') continue;
      const zeroed = `03${code.slice(2)}`;
      if (g.name === '学校基本信息') {
        g.values[r][col] = Number(zeroed);
        while (formats.length <= r) formats.push([]);
        formats[r][col] = '0000000000';
      } else g.values[r][col] = zeroed;
    }
  }
  return grids;
}

describe('a 学校标识码 kept as a number and shown through 0000000000', () => {
  it('is read as the code the cell shows: no unknown-code or missing-stage-row, the same issues as the command line', async () => {
    const grids = countyWithNumberCodes(30);
    const wb = FakeWorkbook.fromGrids(grids);
    installFakeOffice(wb);
    const out = await run();
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const codes = brief(out.analysis.report.issues).filter((i) => /unknown-code|missing-stage-row|code-as-number/.test(i));
    expect(codes).toEqual([]);
    expect(out.analysis.report.units[0].schoolCode).toBe('0310000000');
    // The command line reads the same cells with the same formats (its reader keeps them): the same issues.
    const cli = analyse(grids, NATIONAL);
    expect(cli.ok).toBe(true);
    if (cli.ok) expect(brief(out.analysis.report.issues)).toEqual(brief(cli.analysis.report.issues));
  });

  it('the same in a county of 3 000 schools, whose rows past the first 1 500 are formatted in a second read', async () => {
    const grids = countyWithNumberCodes(3000);
    const wb = FakeWorkbook.fromGrids(grids);
    installFakeOffice(wb);
    const out = await run();
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(brief(out.analysis.report.issues).filter((i) => /unknown-code|missing-stage-row|code-as-number/.test(i))).toEqual([]);
    expect(out.analysis.report.units.at(-1)?.schoolCode).toMatch(/^031000299\d$/);
    // Read, the formats beyond the first rows, the look of the cells to mark, the marks, the sheets.
    expect(out.syncs).toBe(5);
    expect(Math.max(...wb.responseSizes)).toBeLessThan(5_000_000);
  }, 60_000);
});

describe('a date typed into a number column of a school sheet', () => {
  /** 小学在校生数 of the school in `row` (0-based data row) set to 2023-09-01 (serial 45170) shown as a date. */
  function withDate(schools: number, dataRow: number): { grids: CellGrid[]; cell: string } {
    const grids = generateCounty(schools);
    const g = grids.find((x) => x.name === '学校基本信息')!;
    const { headerRow, col } = columnOf(g, '小学在校生数(人)');
    let r = headerRow + 1 + dataRow;
    while (typeof g.values[r][col] !== 'number') r++;
    g.values[r][col] = 45170;
    g.numberFormats = g.numberFormats ?? [];
    while (g.numberFormats.length <= r) g.numberFormats.push([]);
    g.numberFormats[r][col] = 'yyyy/m/d';
    return { grids, cell: a1(r, col) };
  }

  it.each([
    ['in the first rows (formats read with the values)', 20, 3],
    ['in row 2 800 of a county of 3 000 schools (formats read afterwards)', 3000, 2800],
  ])('%s: the date-value error at its cell, as the command line gives', async (_what, schools, dataRow) => {
    const { grids, cell } = withDate(schools, dataRow);
    const wb = FakeWorkbook.fromGrids(grids);
    installFakeOffice(wb);
    const out = await run();
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const dates = out.analysis.report.issues.filter((i) => i.code === 'date-value');
    expect(dates.map((i) => `${i.sheet}!${i.cell}`)).toEqual([`学校基本信息!${cell}`]);
    expect(dates[0].message).toContain('2023-09-01');
    const cli = analyse(grids, NATIONAL);
    if (cli.ok) expect(brief(out.analysis.report.issues)).toEqual(brief(cli.analysis.report.issues));
  }, 60_000);
});

describe('responses kept within the limit', () => {
  it('a limit that the first read with formats passes, and the estimate of the rest too: refused reads made smaller, the same result', async () => {
    const grids = countyWithNumberCodes(1000);
    const reference = FakeWorkbook.fromGrids(grids);
    installFakeOffice(reference);
    const expected = await run();
    uninstallFakeOffice();
    // The values alone take about 260 kB; with the first rows' formats the first read takes 670 kB, and the
    // formats alone about 390 kB.
    const limit = 300_000;
    const wb = FakeWorkbook.fromGrids(grids);
    installFakeOffice(wb, { responseLimit: limit });
    const out = await run();
    expect(out.ok && expected.ok).toBe(true);
    if (!out.ok || !expected.ok) return;
    expect(brief(out.analysis.report.issues)).toEqual(brief(expected.analysis.report.issues));
    expect(brief(out.analysis.report.issues).filter((i) => /unknown-code|missing-stage-row/.test(i))).toEqual([]);
    // Refused twice (the first read with formats; the formats in one read), each read again smaller: the values
    // alone, then the formats in two reads, each within the limit.
    expect(wb.responseSizes.filter((n) => n > limit)).toHaveLength(2);
    expect(out.syncs).toBe(expected.syncs + 4);
  }, 60_000);
});
