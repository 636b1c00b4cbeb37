/**
 * The ribbon's function commands on the fake Excel: 一键校验 marks, writes the generated sheets and shows
 * 问题清单 with its summary selected, using the settings saved with the workbook; 清除标记 restores;
 * a workbook that is not the template gets a dialog and is left unchanged.
 */
import { FakeWorkbook, installFakeOffice, uninstallFakeOffice } from '../../src/excel/fake';
import { SETTINGS_KEY } from '../../src/excel/adapter';
import { builtInProfile } from '../../src/domain/profile';
import { sampleCountyGrids } from '../../src/sample/county';
import { a1 } from '../../src/template/grid';

type Handler = (arg: unknown) => void;

interface Harness {
  wb: FakeWorkbook;
  associated: Map<string, (event: { completed(): void }) => Promise<void>>;
  dialogs: { url: string; handlers: Map<string, Handler>; closed: boolean }[];
  /** The undo notices shown (confirm dialogs), answered with `answer`. */
  confirms: { url: string; closed: boolean }[];
}

/** `answer`: how the user answers the undo notice ('continue', 'cancel', or null: closed with ×). */
async function setup(wb: FakeWorkbook, answer: string | null = 'continue'): Promise<Harness> {
  const fake = installFakeOffice(wb);
  const associated = new Map<string, (event: { completed(): void }) => Promise<void>>();
  const dialogs: Harness['dialogs'] = [];
  const confirms: Harness['confirms'] = [];
  const office = fake.Office as any;
  office.actions = { associate: (name: string, fn: any) => associated.set(name, fn) };
  office.EventType = { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' };
  office.context.ui = {
    displayDialogAsync: (url: string, _options: unknown, cb: (r: unknown) => void) => {
      const d = { url, handlers: new Map<string, Handler>(), closed: false };
      if (new URL(url).searchParams.get('confirm') === '1') {
        confirms.push(d);
        setTimeout(() => (answer === null ? d.handlers.get('dialogEventReceived')!({ error: 12006 }) : d.handlers.get('dialogMessageReceived')!({ message: answer })), 0);
      } else dialogs.push(d);
      cb({
        status: 'succeeded',
        value: { addEventHandler: (type: string, h: Handler) => d.handlers.set(type, h), close: () => (d.closed = true) },
      });
    },
  };
  // A fresh copy of the module registers its functions with this fake Office.
  await jest.isolateModulesAsync(async () => {
    await import('../../src/commands/commands');
  });
  return { wb, associated, dialogs, confirms };
}

function event() {
  return { completed: jest.fn() };
}

afterEach(() => uninstallFakeOffice());

describe('ribbon commands', () => {
  test('register validateWorkbook and clearMarks', async () => {
    const h = await setup(FakeWorkbook.fromGrids(sampleCountyGrids()));
    expect([...h.associated.keys()].sort()).toEqual(['clearMarks', 'validateWorkbook']);
  });

  test('一键校验 marks the workbook, writes the three sheets and selects the summary of 问题清单', async () => {
    const h = await setup(FakeWorkbook.fromGrids(sampleCountyGrids()));
    const e = event();
    await h.associated.get('validateWorkbook')!(e);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(h.dialogs).toHaveLength(0);
    for (const s of ['学校达标情况', '校际均衡情况', '问题清单']) expect(h.wb.sheetNames()).toContain(s);
    expect(h.wb.activeSheet()).toBe('问题清单');
    expect(h.wb.selection()).toMatch(/问题清单'?!\$?A\$?2$/);
    expect(String(h.wb.cell('问题清单', 'A2').value)).toMatch(/错误 0 个，警告 2 个/);
    expect(h.wb.notes().length).toBeGreaterThan(0);
  });

  test('一键校验 uses the rule settings saved with the workbook', async () => {
    const wb = FakeWorkbook.fromGrids(sampleCountyGrids());
    const h = await setup(wb);
    const office = (globalThis as any).Office;
    office.context.document.settings.set(SETTINGS_KEY, { version: 1, profile: 'strict-scope', options: { teachingPointMinStudents: 30 } });
    await h.associated.get('validateWorkbook')!(event());
    const line = String(wb.cell('问题清单', 'A2').value);
    expect(line).toContain(builtInProfile('strict-scope').name);
    expect(line).toContain('本工作簿调整');
  });

  test('清除标记 restores every marked cell', async () => {
    const h = await setup(FakeWorkbook.fromGrids(sampleCountyGrids()));
    await h.associated.get('validateWorkbook')!(event());
    expect(h.wb.notes().length).toBeGreaterThan(0);
    const e = event();
    await h.associated.get('clearMarks')!(e);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(h.wb.notes()).toEqual([]);
    for (const sheet of ['学校基本信息', '分学段信息', '县级指标']) {
      const grid = h.wb.grid(sheet);
      grid.values.forEach((row, r) => row.forEach((_v, c) => expect(h.wb.cell(sheet, a1(r, c)).fill).toBeNull()));
    }
  });

  test('before the first write of the session, a dialog says Excel cannot undo it; 取消 or × changes nothing', async () => {
    for (const answer of ['cancel', null]) {
      const wb = FakeWorkbook.fromGrids(sampleCountyGrids());
      const h = await setup(wb, answer);
      const before = JSON.stringify(wb.snapshot());
      const e = event();
      await h.associated.get('validateWorkbook')!(e);
      expect(e.completed).toHaveBeenCalledTimes(1);
      expect(h.confirms).toHaveLength(1);
      const url = new URL(h.confirms[0].url);
      expect(url.searchParams.get('dialog')).toBe('修改工作簿前请注意');
      expect(url.searchParams.get('message')).toMatch(/Excel 不能撤销这些修改（Ctrl\+Z 无效）.*「清除标记」/);
      expect(h.confirms[0].closed).toBe(true);
      expect(JSON.stringify(wb.snapshot())).toBe(before);
      uninstallFakeOffice();
    }
  });

  test('继续: the command runs, and later commands of the session ask no more', async () => {
    const h = await setup(FakeWorkbook.fromGrids(sampleCountyGrids()));
    await h.associated.get('validateWorkbook')!(event());
    expect(h.confirms).toHaveLength(1);
    expect(h.wb.notes().length).toBeGreaterThan(0);
    await h.associated.get('clearMarks')!(event());
    await h.associated.get('validateWorkbook')!(event());
    expect(h.confirms).toHaveLength(1);
  });

  test('a second click while a command runs gets a dialog, not a second run', async () => {
    const h = await setup(FakeWorkbook.fromGrids(sampleCountyGrids()));
    const first = h.associated.get('validateWorkbook')!(event());
    const e2 = event();
    const second = h.associated.get('validateWorkbook')!(e2);
    for (let i = 0; i < 50 && h.dialogs.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(h.dialogs).toHaveLength(1);
    expect(new URL(h.dialogs[0].url).searchParams.get('message')).toMatch(/还没有完成/);
    h.dialogs[0].handlers.get('dialogMessageReceived')!({ message: 'close' });
    await Promise.all([first, second]);
    expect(e2.completed).toHaveBeenCalledTimes(1);
    expect(h.confirms).toHaveLength(1);
  });

  test('a workbook that is not the template: a Chinese dialog, nothing changed, completed after the dialog closes', async () => {
    const wb = FakeWorkbook.fromGrids([{ name: 'Sheet1', values: [['随便写点什么']] }]);
    const h = await setup(wb);
    const before = JSON.stringify(wb.snapshot());
    const e = event();
    const done = h.associated.get('validateWorkbook')!(e);
    for (let i = 0; i < 50 && h.dialogs.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(h.dialogs).toHaveLength(1);
    const url = new URL(h.dialogs[0].url);
    expect(url.searchParams.get('dialog')).toMatch(/无法按标准模板读取/);
    expect(url.searchParams.get('message')).toMatch(/[\u4e00-\u9fff]/);
    expect(e.completed).not.toHaveBeenCalled();
    h.dialogs[0].handlers.get('dialogEventReceived')!({ error: 12006 });
    await done;
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(h.dialogs[0].closed).toBe(true);
    expect(JSON.stringify(wb.snapshot())).toBe(before);
  });
});
