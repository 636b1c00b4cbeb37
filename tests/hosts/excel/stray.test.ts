/**
 * Huge or stray used ranges (issue 14, point 6). One value typed far below the data (row 150 000 or 300 000) makes
 * Excel's used range that tall: reading it would pass the five million cells of one read ("a range is limited to
 * five million cells for get operations", https://learn.microsoft.com/office/dev/add-ins/excel/performance#payload-size-limit-best-practices)
 * or the 5 MB of Excel on the web. The add-in reads only the part from A1 that a county can fill and names the
 * stray cell, in Chinese, saying to delete it. Values that come back null (above the limits) are not dereferenced.
 */
import { NATIONAL } from '../../../src/domain/profile';
import { createExcelHost } from '../../../src/hosts/excel/adapter';
import { FakeWorkbook, installFakeOffice, uninstallFakeOffice } from '../../../src/hosts/fake-excel';
import { generateCounty } from './county';

afterEach(() => uninstallFakeOffice());

const run = () => createExcelHost().run({ profile: NATIONAL });

describe('a value far from the data', () => {
  it.each([
    ['学校基本信息', 'D150000', 'x', '150,000 行'],
    ['分学段信息', 'B300000', '备注', '300,000 行'],
  ])('%s!%s: a Chinese message naming the cell and saying to delete it; nothing changed', async (sheet, cell, value, rows) => {
    const wb = FakeWorkbook.fromGrids(generateCounty(20));
    wb.setValue(sheet, cell, value);
    installFakeOffice(wb);
    const before = wb.snapshot();
    const out = await run();
    expect(out).toMatchObject({ ok: false, fatal: { code: 'excel-error', sheet, cell } });
    const message = out.ok ? '' : out.fatal.message;
    expect(message).toContain(`工作表「${sheet}」的 ${cell} 单元格有内容（“${value}”），远在数据区之外`);
    expect(message).toContain(rows);
    expect(message).toMatch(/删除.*本次没有修改工作簿。$/);
    expect(wb.snapshot()).toEqual(before);
    expect(Math.max(...wb.responseSizes)).toBeLessThan(5_000_000);
    wb.setValue(sheet, cell, null);
    expect((await run()).ok).toBe(true);
  });

  it('a value far to the right (column XFD) is named too', async () => {
    const wb = FakeWorkbook.fromGrids(generateCounty(20));
    wb.setValue('县级指标', 'XFD3', 1);
    installFakeOffice(wb);
    const out = await run();
    expect(out).toMatchObject({ ok: false, fatal: { sheet: '县级指标', cell: 'XFD3' } });
  });

  it('values that come back null (a read above the cell limit) give a Chinese message, not an exception', async () => {
    const wb = FakeWorkbook.fromGrids(generateCounty(20));
    installFakeOffice(wb, { nullValuesOverLimit: true });
    // The window itself is within the limit; make Excel answer null by a used range over five million cells
    // inside the window (30 000 rows × 200 columns, within the 40 000-row window).
    wb.setValue('学校基本信息', 'GR29999', 'y');
    const out = await run();
    expect(out.ok).toBe(false);
    expect(out.ok ? '' : out.fatal.message).toMatch(/^Excel 没有返回工作表「学校基本信息」的内容.*本次没有修改工作簿。$/);
  });
});
