/**
 * Fills with a tint or a pattern (issue 14, point 4). A theme colour such as "Blue, Accent 1, Lighter 60%" is read
 * through the API as a colour and a tintAndShade of 0.6; a patterned fill as a pattern ('Gray50'), its colour and
 * tint (Excel.RangeFill, ExcelApi 1.9: https://learn.microsoft.com/javascript/api/excel/excel.rangefill). Restoring
 * the colour alone would leave the cell a different shade; 清除标记 restores all of it. "No fill" reads as #FFFFFF
 * with tintAndShade null and pattern 'None', as the fake reports it.
 */
import { NATIONAL } from '../../../src/domain/profile';
import { createExcelHost, EXACT_FILL_HEADER } from '../../../src/hosts/excel/adapter';
import { FakeWorkbook, installFakeOffice, uninstallFakeOffice } from '../../../src/hosts/fake-excel';
import { MARK_STORE_SHEET } from '../../../src/report/markstore';
import { MARK_COLORS } from '../../../src/report/model';
import { generateCounty } from './county';
import { userPart } from './user-part';


afterEach(() => uninstallFakeOffice());

const run = () => createExcelHost().run({ profile: NATIONAL });

describe('a marked cell with a tinted or patterned fill', () => {
  it('gets back its colour, tint and pattern from 清除标记, also after a second run', async () => {
    const wb = FakeWorkbook.fromGrids(generateCounty(30));
    wb.setFill('学校基本信息', 'N6', '#4472C4', { tint: 0.6 }); // marked
    wb.setFill('学校基本信息', 'N13', '#70AD47', { tint: -0.25, pattern: 'Gray50', patternColor: '#FF0000', patternTint: 0.4 }); // marked
    wb.setFill('学校基本信息', 'B5', '#FFC000', { tint: 0.8 }); // not marked
    installFakeOffice(wb);
    const original = userPart(wb);
    expect(original.sheets.find((s) => s.name === '学校基本信息')!.cells.N6).toMatchObject({ fill: '#4472C4', fillTint: 0.6 });

    expect((await run()).ok).toBe(true);
    expect(wb.cell('学校基本信息', 'N6').fill).toBe(MARK_COLORS.fail);
    expect(wb.snapshot().sheets.find((s) => s.name === '学校基本信息')!.cells.N6.fillTint).toBeUndefined();
    expect(wb.grid(MARK_STORE_SHEET).values[0][7]).toBe(EXACT_FILL_HEADER);
    // A second run keeps the earlier look (from the record, not from the marked cell).
    expect((await run()).ok).toBe(true);

    expect(await createExcelHost().clearMarks()).toMatchObject({ ok: true });
    expect(userPart(wb)).toEqual(original);
  });

  it('the fake: a tint reads apart from the colour; setting the colour resets it; clear removes all', async () => {
    const wb = FakeWorkbook.fromGrids([{ name: 'S', values: [['a', 'b']] }]);
    wb.setFill('S', 'A1', '#4472C4', { tint: 0.6, pattern: 'Gray25', patternColor: '#000000' });
    installFakeOffice(wb);
    await Excel.run(async (ctx) => {
      const f = ctx.workbook.worksheets.getItem('S').getRange('A1').format.fill;
      const none = ctx.workbook.worksheets.getItem('S').getRange('B1').format.fill;
      f.load('color,tintAndShade,pattern,patternColor');
      none.load('color,tintAndShade,pattern');
      await ctx.sync();
      expect([f.color, f.tintAndShade, f.pattern, f.patternColor]).toEqual(['#4472C4', 0.6, 'Gray25', '#000000']);
      expect([none.color, none.tintAndShade, none.pattern]).toEqual(['#FFFFFF', null, 'None']);
      f.color = '#FF0000';
      await ctx.sync();
      f.load('tintAndShade,pattern');
      await ctx.sync();
      expect([f.tintAndShade, f.pattern]).toEqual([0, 'Gray25']);
      f.clear();
      await ctx.sync();
    });
    expect(wb.snapshot().sheets[0].cells.A1).toEqual({ value: 'a' });
  });
});
