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

  it('values that come back null (a read above the cell limit) give a Chinese message naming the cell, not an exception', async () => {
    const wb = FakeWorkbook.fromGrids(generateCounty(20));
    installFakeOffice(wb, { nullValuesOverLimit: true });
    // Make Excel answer null by a used range over five million cells inside the window (30 000 rows × 200 columns,
    // within the 40 000-row window).
    wb.setValue('学校基本信息', 'GR29999', 'y');
    const out = await run();
    expect(out).toMatchObject({ ok: false, fatal: { code: 'excel-error', sheet: '学校基本信息', cell: 'GR29999' } });
    expect(out.ok ? '' : out.fatal.message).toMatch(/^工作表「学校基本信息」的 GR29999 单元格有内容（“y”），远在数据区之外，.*超出了 Excel 单次读取的上限。.*本次没有修改工作簿。$/);
  });
});

/**
 * A value far from the data but inside the read window (40 000 rows × 256 columns, itself twice the five million
 * cells of one read): reading the window fails (over the cell limit, or over the 5 MB of a response on the web), and
 * the sheet and the cell are named instead of Excel's error.
 */
describe('a value far from the data inside the read window', () => {
  it.each([
    ['学校基本信息', 'XFD40000', 'x', '40,000 行'],
    ['学校基本信息', 'IV40000', '误填', '40,000 行、256 列'],
    ['学校基本信息', 'IV20000', 0, '20,000 行、256 列'],
    ['学校基本信息', 'CV30000', 'x', '30,000 行、100 列'],
    ['分学段信息', 'AZ39999', 'x', '39,999 行、52 列'],
    ['县级指标', 'IV39000', 'x', '39,000 行、256 列'],
  ])('%s!%s: a Chinese message naming the sheet and the cell; nothing changed; deleted, the run completes', async (sheet, cell, value, size) => {
    const wb = FakeWorkbook.fromGrids(generateCounty(20));
    wb.setValue(sheet, cell, value);
    installFakeOffice(wb);
    const before = wb.snapshot();
    const out = await run();
    expect(out).toMatchObject({ ok: false, fatal: { code: 'excel-error', sheet, cell } });
    const message = out.ok ? '' : out.fatal.message;
    expect(message).toContain(`工作表「${sheet}」的 ${cell} 单元格有内容（“${value}”），远在数据区之外`);
    expect(message).toContain(size);
    expect(message).toMatch(/删除.*本次没有修改工作簿。$/);
    expect(message).not.toMatch(/InvalidArgument|5 MB/);
    expect(wb.snapshot()).toEqual(before);
    wb.setValue(sheet, cell, null);
    expect((await run()).ok).toBe(true);
  });

  it('the same when Excel answers the read with RangeExceedsLimit (its documented code for a range over the cell limit)', async () => {
    const wb = FakeWorkbook.fromGrids(generateCounty(20));
    wb.setValue('学校基本信息', 'XFD40000', 'x');
    installFakeOffice(wb, { limitErrorCode: 'RangeExceedsLimit' });
    const before = wb.snapshot();
    const out = await run();
    expect(out).toMatchObject({ ok: false, fatal: { code: 'excel-error', sheet: '学校基本信息', cell: 'XFD40000' } });
    expect(out.ok ? '' : out.fatal.message).not.toMatch(/RangeExceedsLimit|错误代码/);
    expect(wb.snapshot()).toEqual(before);
  });

  it('in a sheet found only after trimming spaces (「学校基本信息 」), read in a sync of its own', async () => {
    const wb = FakeWorkbook.fromGrids(generateCounty(20).map((g) => (g.name === '学校基本信息' ? { ...g, name: '学校基本信息 ' } : g)));
    wb.setValue('学校基本信息 ', 'IV40000', 'x');
    installFakeOffice(wb);
    expect(await run()).toMatchObject({ ok: false, fatal: { code: 'excel-error', sheet: '学校基本信息 ', cell: 'IV40000' } });
  });

  it('of a stray row and a stray column, the one whose removal shrinks the read more is named', async () => {
    const wb = FakeWorkbook.fromGrids(generateCounty(20));
    installFakeOffice(wb);
    // A1:EZ30000: without row 30 000 the read is A1:EZ22; without column EZ it is A1:W30000.
    wb.setValue('学校基本信息', 'D30000', 'a');
    wb.setValue('学校基本信息', 'EZ5', 'b');
    expect(await run()).toMatchObject({ ok: false, fatal: { sheet: '学校基本信息', cell: 'D30000' } });
    // A1:EZ39000 with the data down to row 39 000 in column A: without column EZ it is A1:W39000, without row 39 000
    // it is still A1:EZ38023.
    wb.setValue('学校基本信息', 'D30000', null);
    for (let r = 23; r <= 39000; r += 1000) wb.setValue('学校基本信息', `A${r}`, r);
    wb.setValue('学校基本信息', 'A39000', 'end');
    expect(await run()).toMatchObject({ ok: false, fatal: { sheet: '学校基本信息', cell: 'EZ5' } });
  });

  it('a read too large without a stray part (the content itself reaches there): Excel\'s error as it is, no cell named', async () => {
    const wb = FakeWorkbook.fromGrids(generateCounty(20));
    // Column IV filled down to row 4 000 and row 4 000 filled across: no empty row or column parts them from the data.
    for (let r = 1; r <= 4000; r++) wb.setValue('学校基本信息', `IV${r}`, r);
    for (let c = 0; c < 256; c++) wb.setValue('学校基本信息', `${c < 26 ? '' : String.fromCharCode(64 + Math.floor(c / 26))}${String.fromCharCode(65 + (c % 26))}4000`, c);
    for (let r = 24; r < 4000; r++) wb.setValue('学校基本信息', `A${r}`, r);
    installFakeOffice(wb, { responseLimit: 2_000_000 });
    const out = await run();
    expect(out.ok).toBe(false);
    expect(out.ok ? null : out.fatal).toEqual({ code: 'excel-error', message: '数据量超过了 Excel 单次通信的上限（5 MB）。请改用 Excel 桌面版，或用命令行工具（annotate）生成标注副本。本次没有修改工作簿。' });
  });
});
