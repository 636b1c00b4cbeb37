/**
 * Real Excel hosts (issue 14, point 5): a cell in edit mode, another workbook active, two runs at once.
 *
 * What the fake models, after Microsoft's documentation:
 * - Excel.RunOptions.delayForCellEdit (https://learn.microsoft.com/javascript/api/excel/excel.runoptions): without it a
 *   batch sent while the user edits a cell "automatically fails" (InvalidOperationInCellEditMode, whose text the
 *   fake copies from office.js); with it the batch waits until the user leaves edit mode;
 * - Excel.ErrorCodes.inactiveWorkbook (https://learn.microsoft.com/javascript/api/excel/excel.errorcodes): the
 *   workbook of the add-in has lost the focus to another one;
 * - two runs at once (the ribbon and the pane, or two people on a shared workbook) interleave their batches: Excel
 *   has no lock of its own.
 * Every failure is a Chinese message saying what to do, never a raw English code.
 */
import { NATIONAL } from '../../../src/domain/profile';
import { createExcelHost, LOCK_CELL, SETTINGS_KEY } from '../../../src/hosts/excel/adapter';
import { FakeWorkbook, installFakeOffice, uninstallFakeOffice } from '../../../src/hosts/fake-excel';
import { decodeStore, MARK_STORE_SHEET } from '../../../src/report/markstore';
import { MARK_COLORS } from '../../../src/report/model';
import { generateCounty } from './county';
import { userPart } from './user-part';


afterEach(() => uninstallFakeOffice());

function open(): FakeWorkbook {
  const wb = FakeWorkbook.fromGrids(generateCounty(30));
  wb.setFill('学校基本信息', 'N6', '#00B050'); // a user's fill on a cell that gets marked
  installFakeOffice(wb);
  return wb;
}

const run = () => createExcelHost().run({ profile: NATIONAL });
const clear = () => createExcelHost().clearMarks();

const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0));
};

const noEnglishCode = (message: string) => expect(message).not.toMatch(/[A-Z][a-z]+[A-Z][A-Za-z]+|cell-editing|workbook/);

describe('a cell in edit mode', () => {
  it('the run waits until the user leaves the cell (delayForCellEdit), then completes', async () => {
    const wb = open();
    wb.startCellEdit();
    let settled = false;
    const pending = run().then((o) => ((settled = true), o));
    await ticks(20);
    expect(settled).toBe(false);
    expect(wb.syncCount).toBe(1); // the first batch is waiting
    wb.endCellEdit();
    const out = await pending;
    expect(out).toMatchObject({ ok: true });
    expect(wb.cell('学校基本信息', 'N6').fill).toBe(MARK_COLORS.fail);
  });

  it('the settings saved in the record are read after the edit, not lost (delayForCellEdit)', async () => {
    const wb = FakeWorkbook.fromGrids(generateCounty(20));
    const fake = installFakeOffice(wb);
    fake.Office.context.document.settings.set(SETTINGS_KEY, { version: 1, profile: 'strict-scope', options: {} });
    expect((await run()).ok).toBe(true);
    // The file opened where Office's document settings are absent (saved by the offline page): only the record has them.
    fake.Office.context.document.settings.remove(SETTINGS_KEY);
    const host = createExcelHost();
    const idle = await host.loadSettings();
    expect(idle).toMatchObject({ profile: 'strict-scope' });
    wb.startCellEdit();
    const pending = host.loadSettings();
    await ticks(20);
    wb.endCellEdit();
    expect(await pending).toEqual(idle);
  });

  it('清除标记 waits too', async () => {
    const wb = open();
    expect((await run()).ok).toBe(true);
    wb.startCellEdit();
    const pending = clear();
    await ticks(20);
    wb.endCellEdit();
    expect(await pending).toMatchObject({ ok: true });
    expect(wb.cell('学校基本信息', 'N6').fill).toBe('#00B050');
  });

  it('if Excel still refuses (InvalidOperationInCellEditMode): a Chinese message saying to press Enter or Esc', async () => {
    const wb = open();
    const before = wb.snapshot();
    wb.failSync(1, 'InvalidOperationInCellEditMode');
    const out = await run();
    expect(out.ok).toBe(false);
    const message = out.ok ? '' : out.fatal.message;
    expect(message).toBe('Excel 正在编辑单元格（光标在单元格或编辑栏中），加载项此时不能读写工作簿。请按 Enter 或 Esc 结束编辑后重试。本次没有修改工作簿。');
    noEnglishCode(message);
    expect(wb.snapshot()).toEqual(before);
  });

  it('the fake: without delayForCellEdit a batch fails with the real code and text', async () => {
    const wb = open();
    wb.startCellEdit();
    await expect(Excel.run(async (ctx) => {
      ctx.workbook.worksheets.load('items');
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode', message: 'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.' });
  });
});

describe('another workbook active', () => {
  it('a Chinese message saying to switch to this workbook; nothing changed', async () => {
    const wb = open();
    const before = wb.snapshot();
    wb.setActive(false);
    for (const out of [await run(), await clear()]) {
      expect(out.ok).toBe(false);
      const message = out.ok ? '' : out.fatal.message;
      expect(message).toMatch(/^此工作簿当前不是活动窗口.*请切换到此工作簿的窗口后重试。/);
      noEnglishCode(message);
    }
    expect(wb.snapshot()).toEqual(before);
    wb.setActive(true);
    expect((await run()).ok).toBe(true);
  });
});

describe('two runs at once', () => {
  it('the second is refused with a Chinese message; the record keeps the user’s fill, so 清除标记 restores it', async () => {
    const wb = open();
    const original = userPart(wb);
    const [a, b] = await Promise.all([run(), run()]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const refused = (a.ok ? b : a) as Extract<typeof a, { ok: false }>;
    expect(refused.fatal.message).toMatch(/^另一次「一键校验」「生成汇总表」或「清除标记」正在进行.*本次没有修改工作簿。$/);
    noEnglishCode(refused.fatal.message);
    const stored = decodeStore(wb.grid(MARK_STORE_SHEET).values);
    expect(stored.find((l) => l.sheet === '学校基本信息' && l.address === 'N6')?.fill).toBe('#00B050');
    expect(stored.every((l) => !Object.values(MARK_COLORS).includes(l.fill))).toBe(true);
    expect(wb.cell(MARK_STORE_SHEET, LOCK_CELL).value).toBeNull(); // given back
    expect(await clear()).toMatchObject({ ok: true });
    expect(userPart(wb)).toEqual(original);
  });

  it('清除标记 clicked while a run is marking is refused; afterwards it works', async () => {
    const wb = open();
    const original = userPart(wb);
    let c: ReturnType<typeof clear> | null = null;
    const stop = wb.beforeSync((n) => {
      if (n === 3 && !c) c = clear(); // the run has taken the lock in sync 2 and is about to mark
    });
    const r = await run();
    stop();
    expect(r.ok).toBe(true);
    expect(await c).toMatchObject({ ok: false, fatal: { code: 'excel-error' } });
    expect(await clear()).toMatchObject({ ok: true });
    expect(userPart(wb)).toEqual(original);
  });

  it('a lock left by a run that died more than 10 minutes ago is ignored', async () => {
    const wb = open();
    expect((await run()).ok).toBe(true);
    wb.setValue(MARK_STORE_SHEET, LOCK_CELL, `dead|${new Date(Date.now() - 11 * 60_000).toISOString()}`);
    expect(await run()).toMatchObject({ ok: true });
    wb.setValue(MARK_STORE_SHEET, LOCK_CELL, `live|${new Date(Date.now() - 60_000).toISOString()}`);
    const out = await run();
    expect(out).toMatchObject({ ok: false });
    expect(await clear()).toMatchObject({ ok: false });
  });

  it('a refused or failed run gives the lock back', async () => {
    const wb = open();
    wb.failSync(3, 'GeneralException');
    expect((await run()).ok).toBe(false);
    expect(wb.sheetNames()).not.toContain(MARK_STORE_SHEET); // made by this run, empty: removed again
    expect((await run()).ok).toBe(true);
    wb.failSync(wb.syncCount + 3, 'GeneralException');
    expect((await run()).ok).toBe(false);
    expect(wb.cell(MARK_STORE_SHEET, LOCK_CELL).value).toBeNull();
    expect((await run()).ok).toBe(true);
  });
});

describe('text that Excel would convert (the fake converts it as Excel does)', () => {
  it('school names like 3-15, 2024-01-05, -x and +1 stay text in the generated sheets', async () => {
    const wb = open();
    const names = ['3-15', '2024-01-05', '-x', '+1'];
    names.forEach((n, i) => wb.setValue('学校基本信息', `B${3 + i}`, n));
    expect((await run()).ok).toBe(true);
    const shown = wb.grid('核验_学校达标').values.flat();
    for (const n of names) expect([n, shown.includes(n)]).toEqual([n, true]);
  });
});
