/**
 * Formula cells in the add-in: the fake Excel's Range.getSpecialCellsOrNullObject('Formulas') as Excel documents it,
 * and the add-in reading which cells of the input sheets hold formulas with it (in the first read, no sync more),
 * so that the plan says, as the command line does, when a cell it adds to is a formula (conformance 04: 专任教师数
 * summing the 学历 columns).
 */
import { join } from 'node:path';
import { NATIONAL } from '../../../src/domain/profile';
import { createExcelHost } from '../../../src/hosts/excel/adapter';
import { FakeWorkbook, installFakeOffice, uninstallFakeOffice } from '../../../src/hosts/fake-excel';
import { readXlsxFile } from '../../../src/hosts/xlsx/node-read';
import { analyse } from '../../../src/report/build';
import { planOf } from '../../../src/report/plan';
import { a1, type CellGrid } from '../../../src/template/grid';
import { generateCounty } from './county';

afterEach(() => uninstallFakeOffice());

const CONFORMANCE = join(__dirname, '..', '..', 'fixtures', 'conformance');

async function areasOf(wb: FakeWorkbook, address: string, type: string, valueType?: string): Promise<string | null> {
  installFakeOffice(wb);
  try {
    return await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('S').getRange(address);
      const found = valueType ? range.getSpecialCellsOrNullObject(type as Excel.SpecialCellType, valueType as Excel.SpecialCellValueType) : range.getSpecialCellsOrNullObject(type as Excel.SpecialCellType);
      found.load('address');
      await ctx.sync();
      return found.isNullObject ? null : found.address;
    });
  } finally {
    uninstallFakeOffice();
  }
}

describe('the fake Excel: Range.getSpecialCellsOrNullObject', () => {
  function sheet(): FakeWorkbook {
    const wb = new FakeWorkbook();
    wb.addSheet('S');
    wb.setValue('S', 'A1', 1);
    wb.setValue('S', 'A2', 'text');
    for (const r of [2, 3, 4]) wb.setFormula('S', `B${r}`, `=A${r}*2`, r * 2);
    for (const r of [2, 3, 4]) wb.setFormula('S', `C${r}`, `=B${r}+1`, r * 2 + 1);
    wb.setFormula('S', 'C6', '=1/0', '#DIV/0!');
    wb.setFormula('S', 'D7', '="x"', 'x');
    return wb;
  }

  it('gives the formula cells as areas (runs of a row, joined with the same runs of the rows below), constants apart', async () => {
    expect(await areasOf(sheet(), 'A1:F10', 'Formulas')).toBe('S!B2:C4, S!C6, S!D7');
    expect(await areasOf(sheet(), 'A1:F10', 'Formulas', 'Errors')).toBe('S!C6');
    expect(await areasOf(sheet(), 'A1:F10', 'Formulas', 'Text')).toBe('S!D7');
    expect(await areasOf(sheet(), 'A1:F10', 'Constants')).toBe('S!A1:A2');
    expect(await areasOf(sheet(), 'A1:F10', 'Constants', 'Numbers')).toBe('S!A1');
    // Only within the range; none: a null object.
    expect(await areasOf(sheet(), 'C3:D10', 'Formulas')).toBe('S!C3:C4, S!C6, S!D7');
    expect(await areasOf(sheet(), 'E1:F10', 'Formulas')).toBeNull();
  });

  it('getSpecialCells fails with ItemNotFound when no cell matches; an unknown type is an invalid argument', async () => {
    installFakeOffice(sheet());
    const code = (fn: (r: Excel.Range) => Excel.RangeAreas) =>
      Excel.run(async (ctx) => {
        fn(ctx.workbook.worksheets.getItem('S').getRange('E1:F4')).load('address');
        await ctx.sync();
      }).then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
    expect(await code((r) => r.getSpecialCells('Formulas' as Excel.SpecialCellType))).toBe('ItemNotFound');
    expect(await code((r) => r.getSpecialCells('Formula' as Excel.SpecialCellType))).toBe('InvalidArgument');
  });
});

/** The grids of a workbook read by the file reader, in a fake workbook with a formula wherever the file has one. */
function fakeOf(grids: readonly CellGrid[]): FakeWorkbook {
  const wb = FakeWorkbook.fromGrids(grids);
  for (const g of grids)
    for (const key of g.formulas ?? []) {
      const r = Math.floor(key / 16384);
      const c = key % 16384;
      const v = g.values[r]?.[c];
      wb.setFormula(g.name, a1(r, c), `=N(${typeof v === 'number' ? v : 0})`, v ?? null);
    }
  return wb;
}

describe('the add-in reads which input cells hold formulas', () => {
  it('conformance 04: the plan marks the same additions as formulas as the command line does (专任教师数, 分学段信息 column P)', async () => {
    const grids = await readXlsxFile(join(CONFORMANCE, '04-county-messy.xlsx'));
    const wb = fakeOf(grids);
    installFakeOffice(wb);
    const out = await createExcelHost().run({ profile: NATIONAL });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const cli = analyse(grids, NATIONAL);
    if (!cli.ok) throw new Error('04 is read by the command line');
    const flags = (additions: ReturnType<typeof planOf>['additions']) => additions.map((a) => `${a.sheet}!${a.cell} ${a.formula ? 'formula' : ''}`);
    const inExcel = planOf(out.analysis).additions;
    expect(flags(inExcel)).toEqual(flags(planOf(cli.analysis).additions));
    const formulas = inExcel.filter((a) => a.formula);
    expect(formulas.length).toBeGreaterThan(5);
    expect(new Set(formulas.map((a) => `${a.sheet} ${a.cell!.replace(/\d+$/, '')}`))).toEqual(new Set(['分学段信息 P']));
    // One read as before: no sync more for the formulas.
    const plain = FakeWorkbook.fromGrids(grids);
    uninstallFakeOffice();
    installFakeOffice(plain);
    const without = await createExcelHost().run({ profile: NATIONAL });
    expect(without.ok && without.syncs).toBe(out.syncs);
    if (without.ok) expect(planOf(without.analysis).additions.filter((a) => a.formula)).toEqual([]);
  }, 30_000);

  it('a read too large for one response drops the formats, then the formulas (not known, as before), and still reads', async () => {
    const grids = generateCounty(40);
    const stages = grids.find((g) => g.name === '分学段信息')!;
    /** The county with a formula in each of the first 60 number cells of 分学段信息. */
    const county = () => {
      const wb = FakeWorkbook.fromGrids(grids);
      let n = 0;
      stages.values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (typeof v === 'number' && n++ < 60) wb.setFormula(stages.name, a1(r, c), `=${v}`, v);
        }),
      );
      return wb;
    };
    const read = async (responseLimit?: number) => {
      const wb = county();
      installFakeOffice(wb, responseLimit ? { responseLimit } : {});
      try {
        const out = await createExcelHost().run({ profile: NATIONAL, applyMarks: false, writeSheets: false });
        if (!out.ok) throw new Error(out.fatal.message);
        return { formulas: out.analysis.read.layout.stages.formulas, responses: [...wb.responseSizes] };
      } finally {
        uninstallFakeOffice();
      }
    };
    const full = await read();
    expect(full.formulas?.size).toBe(60);
    // Refused with formats and formulas: read again without the formats, the formulas kept.
    const noFormats = await read(full.responses[0] - 1);
    expect(noFormats.formulas?.size).toBe(60);
    expect(noFormats.responses[1]).toBeLessThan(full.responses[0]);
    // Refused without the formats too: read again without the formulas, which are then not known (no flag in the plan).
    const neither = await read(noFormats.responses[1] - 1);
    expect(neither.formulas).toBeUndefined();
    expect(neither.responses[2]).toBeLessThan(noFormats.responses[1]);
  }, 30_000);
});
