/**
 * The ribbon's function commands on the fake Excel: 一键校验 marks, writes the generated sheets and shows
 * 问题清单 with its summary selected, using the settings saved with the workbook; 清除标记 restores;
 * a workbook that is not the template gets a dialog and is left unchanged.
 */
import { FakeWorkbook, installFakeOffice, uninstallFakeOffice, type FakeOfficeOptions } from '../../src/hosts/fake-excel';
import { decodeStore, MARK_STORE_SHEET } from '../../src/report/markstore';
import { MARK_COLORS } from '../../src/report/model';
import { SETTINGS_KEY } from '../../src/hosts/excel/adapter';
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
  /** The module's time limits (scaled down by tests). */
  limits: { deadlineMs: number; watchdogMs: number };
}

/** `answer`: how the user answers the undo notice ('continue', 'cancel', or null: closed with ×). */
async function setup(wb: FakeWorkbook, answer: string | null = 'continue', options: FakeOfficeOptions = {}): Promise<Harness> {
  const fake = installFakeOffice(wb, options);
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
  let limits: Harness['limits'] = { deadlineMs: 0, watchdogMs: 0 };
  await jest.isolateModulesAsync(async () => {
    limits = (await import('../../src/commands/commands')).commandLimits;
  });
  return { wb, associated, dialogs, confirms, limits };
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
    for (const s of ['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单']) expect(h.wb.sheetNames()).toContain(s);
    expect(h.wb.activeSheet()).toBe('核验_问题清单');
    expect(h.wb.selection()).toMatch(/核验_问题清单'?!\$?A\$?2$/);
    expect(String(h.wb.cell('核验_问题清单', 'A2').value)).toMatch(/^核验用工作表，不是申报表.*错误 0 个，警告 2 个/);
    expect(h.wb.notes().length).toBeGreaterThan(0);
  });

  test('一键校验 with a user sheet named 核验_问题清单 shows the results (核验_问题清单(核验)), not the user’s sheet', async () => {
    const wb = FakeWorkbook.fromGrids(sampleCountyGrids());
    wb.addSheet('核验_问题清单', { name: '核验_问题清单', values: [['我的清单']] });
    const h = await setup(wb);
    await h.associated.get('validateWorkbook')!(event());
    expect(h.wb.sheetNames()).toContain('核验_问题清单(核验)');
    expect(h.wb.activeSheet()).toBe('核验_问题清单(核验)');
    expect(h.wb.cell('核验_问题清单', 'A1').value).toBe('我的清单');
    expect(String(h.wb.cell('核验_问题清单(核验)', 'A2').value)).toMatch(/^核验用工作表，不是申报表/);
  });

  test('一键校验 uses the rule settings saved with the workbook', async () => {
    const wb = FakeWorkbook.fromGrids(sampleCountyGrids());
    const h = await setup(wb);
    const office = (globalThis as any).Office;
    office.context.document.settings.set(SETTINGS_KEY, { version: 1, profile: 'strict-scope', options: { teachingPointMinStudents: 30 } });
    await h.associated.get('validateWorkbook')!(event());
    const line = String(wb.cell('核验_问题清单', 'A2').value);
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
      expect(url.searchParams.get('message')).toMatch(/请不要用 Ctrl\+Z 撤销这些修改.*「清除标记」/);
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

  describe('the runtime’s time limit', () => {
    // A function command must call event.completed() within the runtime's limit (five minutes:
    // https://learn.microsoft.com/office/dev/add-ins/design/add-in-commands). Here time is scaled down: each sync of
    // the fake takes 40 ms, the run's deadline is 100 ms and the watchdog 400 ms; the "runtime" allows 500 ms.
    const LIMIT = 500;
    async function timed(h: Harness): Promise<{ ms: number; e: { completed: jest.Mock } }> {
      const e = event();
      const t0 = Date.now();
      const done = h.associated.get('validateWorkbook')!(e);
      for (let i = 0; i < 200 && !e.completed.mock.calls.length; i++) {
        if (h.dialogs.length && !h.dialogs[0].closed) h.dialogs[0].handlers.get('dialogMessageReceived')!({ message: 'close' });
        await new Promise((r) => setTimeout(r, 10));
      }
      await done;
      return { ms: Date.now() - t0, e };
    }

    test('a slow Excel: the run stops at its deadline between writes, says so, and leaves the record true to the cells', async () => {
      const h = await setup(FakeWorkbook.fromGrids(sampleCountyGrids()), 'continue', { syncLatencyMs: 40 });
      h.limits.deadlineMs = 100;
      h.limits.watchdogMs = 400;
      const { ms, e } = await timed(h);
      expect(e.completed).toHaveBeenCalledTimes(1);
      expect(ms).toBeLessThan(LIMIT);
      expect(h.dialogs).toHaveLength(1);
      expect(new URL(h.dialogs[0].url).searchParams.get('message')).toMatch(/^Excel 响应太慢，核验没能在功能区命令的时限内完成/);
      // Whatever was marked is recorded with its earlier look: 清除标记 can restore it.
      const marked: string[] = [];
      for (const sheet of ['学校基本信息', '分学段信息', '县级指标']) {
        const g = h.wb.grid(sheet);
        g.values.forEach((row, r) => row.forEach((_v, c) => Object.values(MARK_COLORS).includes(h.wb.cell(sheet, a1(r, c)).fill ?? '') && marked.push(`${sheet}!${a1(r, c)}`)));
      }
      const recorded = h.wb.sheetNames().includes(MARK_STORE_SHEET) ? decodeStore(h.wb.grid(MARK_STORE_SHEET).values).map((l) => `${l.sheet}!${l.address}`) : [];
      expect(recorded).toEqual(expect.arrayContaining(marked));
    });

    test('an Excel that does not answer (a cell left in edit mode): the watchdog completes the command with a message', async () => {
      const wb = FakeWorkbook.fromGrids(sampleCountyGrids());
      const h = await setup(wb);
      h.limits.deadlineMs = 100;
      h.limits.watchdogMs = 300;
      wb.startCellEdit();
      const { ms, e } = await timed(h);
      expect(e.completed).toHaveBeenCalledTimes(1);
      expect(ms).toBeLessThan(LIMIT);
      expect(new URL(h.dialogs[0].url).searchParams.get('message')).toMatch(/^Excel 长时间没有响应/);
      wb.endCellEdit();
    });
  });

  test('office.js without its Excel part (a blocked script): a Chinese dialog, completed, nothing changed', async () => {
    const wb = FakeWorkbook.fromGrids(sampleCountyGrids());
    const h = await setup(wb);
    const before = JSON.stringify(wb.snapshot());
    const g = globalThis as { Excel?: unknown };
    const saved = g.Excel;
    delete g.Excel;
    try {
      for (const name of ['validateWorkbook', 'clearMarks']) {
        const e = event();
        const done = h.associated.get(name)!(e);
        for (let i = 0; i < 50 && h.dialogs.filter((d) => !d.closed).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
        const d = h.dialogs.find((x) => !x.closed)!;
        expect(new URL(d.url).searchParams.get('dialog')).toBe('未能加载 Excel 脚本');
        d.handlers.get('dialogMessageReceived')!({ message: 'close' });
        await done;
        expect(e.completed).toHaveBeenCalledTimes(1);
      }
    } finally {
      g.Excel = saved;
    }
    expect(h.confirms).toHaveLength(0);
    expect(JSON.stringify(wb.snapshot())).toBe(before);
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
