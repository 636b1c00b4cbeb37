/**
 * Failures inside Excel (issue 7, item 4), on the fake: a protected sheet or workbook, a sheet deleted
 * while the add-in works, a request or response over the size limit, an Excel error in the middle of a
 * run. Every outcome is a RunOutcome / ClearOutcome with a Chinese message — never an exception — and
 * each test says precisely how the workbook is left.
 *
 * run() is four syncs: 1 read, 2 look-up (fills, notes), 3 marks (earlier marks restored, the mark record
 * rewritten, cells marked, notes), 4 the generated sheets. The fake applies a failed batch not at all;
 * real Excel keeps what the actions before the failing one did, which the fake reproduces with
 * `partialBatches`. What the adapter guarantees:
 *   - a refusal found by the checks after sync 1 (protection, structure, size): nothing changed;
 *   - a failure in sync 1 or 2, or a request over the limit in sync 3: nothing changed;
 *   - a failure in sync 3: nothing changed on the fake; in real Excel possibly part of the marks, but the
 *     record lists every marked cell with its earlier look, so 「清除标记」 restores the user's sheets
 *     exactly and a new run gives the workbook a clean run gives;
 *   - a failure in sync 4: the marks are complete and recorded, the generated sheets are not (or, in real
 *     Excel, partly) replaced; the message says so, and a new run or 「清除标记」 puts it right.
 */
import { NATIONAL } from '../../../src/domain/profile';
import { createExcelHost, NOTE_MARKER, type ExcelHostOptions, type RunPlan } from '../../../src/hosts/excel/adapter';
import type { ClearOutcome, RunOptions, RunOutcome } from '../../../src/hosts/api';
import { FakeOfficeError, FakeWorkbook, installFakeOffice, uninstallFakeOffice, type FakeOfficeOptions, type FakeSnapshot } from '../../../src/hosts/fake-excel';
import { stateOf } from '../../../src/hosts/fake-excel/state';
import { decodeStore, GENERATED_RECORD_SHEET, MARK_STORE_SHEET } from '../../../src/report/markstore';
import { MARK_COLORS } from '../../../src/report/model';
import type { Fatal } from '../../../src/template/issues';
import type { CellGrid } from '../../../src/template/grid';
import { generateCounty } from './county';
import { GENERATED, userPart } from './user-part';

const INPUT = ['学校基本信息', '分学段信息', '县级指标'] as const;

afterEach(() => uninstallFakeOffice());

/**
 * A county of `n` schools with marks on every input sheet (县级指标!B15 fails too), a user fill and a
 * user note on cells that get marked and on cells that do not.
 */
function county(n = 30): CellGrid[] {
  return generateCounty(n).map((g) =>
    g.name === '县级指标' ? { ...g, values: g.values.map((r) => (r[0] === '残疾儿童少年入学率(%)' ? [r[0], 80, null] : r)) } : g,
  );
}

function open(grids: readonly CellGrid[], options: FakeOfficeOptions = {}): FakeWorkbook {
  const wb = FakeWorkbook.fromGrids(grids);
  wb.setFill('学校基本信息', 'N6', '#00B050'); // marked
  wb.setNote('分学段信息', 'D8', '用户批注：已核对'); // marked
  wb.setFill('学校基本信息', 'B5', '#FFFF00'); // not marked
  wb.setNote('县级指标', 'A2', '表头说明'); // not marked
  installFakeOffice(wb, options);
  return wb;
}

const run = (options: Partial<RunOptions> = {}, host: ExcelHostOptions = {}): Promise<RunOutcome> => createExcelHost(host).run({ profile: NATIONAL, ...options });
const clear = (): Promise<ClearOutcome> => createExcelHost().clearMarks();

/** Everything but the generated sheets and the mark record. */
/** A snapshot without one sheet (the one the user deleted). */
function without(s: FakeSnapshot, sheet: string): FakeSnapshot {
  return { ...s, sheets: s.sheets.filter((x) => x.name !== sheet) };
}

/** Input cells carrying a mark colour, as "sheet!A1". */
function markColoured(wb: FakeWorkbook): string[] {
  const colours = new Set<unknown>(Object.values(MARK_COLORS));
  return wb
    .snapshot()
    .sheets.filter((s) => (INPUT as readonly string[]).includes(s.name))
    .flatMap((s) => Object.entries(s.cells).filter(([, c]) => colours.has(c.fill)).map(([a]) => `${s.name}!${a}`))
    .sort();
}

/** Cells listed in the mark record, as "sheet!A1". */
function recorded(wb: FakeWorkbook): string[] {
  if (!wb.sheetNames().includes(MARK_STORE_SHEET)) return [];
  return decodeStore(wb.grid(MARK_STORE_SHEET).values).map((l) => `${l.sheet}!${l.address}`).sort();
}

function ours(wb: FakeWorkbook): string[] {
  return wb.notes().filter((n) => n.content.startsWith(NOTE_MARKER)).map((n) => `${n.sheet}!${n.address}`);
}

function generated(wb: FakeWorkbook): string[] {
  return wb.sheetNames().filter((n) => GENERATED.includes(n));
}

function failed(out: RunOutcome | ClearOutcome): Fatal {
  if (out.ok) throw new Error('expected the outcome to be a failure');
  return out.fatal;
}

/** Chinese, and none of Excel's English sentences. */
function expectChinese(message: string): void {
  expect(message).toMatch(/[\u4e00-\u9fff]{4}/);
  expect(message).not.toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
}

const UNCHANGED = /本次没有修改工作簿。$/;
const MAYBE_CHANGED = /工作簿可能已被部分修改：请再次运行核验，或点击「清除标记」恢复。$/;

/** Deletes `sheet` as the `sync`-th sync from now starts (i.e. right after the one before it). */
function deleteAt(wb: FakeWorkbook, sync: number, sheet: string): { readonly done: boolean } {
  const start = wb.syncCount;
  const state = { done: false };
  const stop = wb.beforeSync((n) => {
    if (n !== start + sync) return;
    wb.deleteSheet(sheet);
    state.done = true;
    stop();
  });
  return state;
}

/** The workbook a run without any failure gives (same grids, same user edits). */
async function cleanRun(grids: readonly CellGrid[], options: FakeOfficeOptions = {}): Promise<{ snapshot: FakeSnapshot; actions: readonly number[] }> {
  const wb = open(grids, options);
  // With comments (no Notes API) new comments go in a fifth sync of their own: a note the add-in cannot see
  // may make Excel refuse one, and that must not undo the marks.
  expect(await run()).toMatchObject({ ok: true, syncs: options.requirementSets?.ExcelApi === '1.17' ? 5 : 4 });
  uninstallFakeOffice();
  return { snapshot: wb.snapshot(), actions: [...wb.actionCounts] };
}

// ---- 1. protection -----------------------------------------------------------------------------------

describe('a protected sheet or workbook: refused before any write, the workbook exactly as it was', () => {
  it.each(INPUT)('an input sheet with cells to mark: 「%s」', async (sheet) => {
    const wb = open(county());
    wb.setSheetProtected(sheet);
    const before = wb.snapshot();
    const out = await run();
    expect(out).toMatchObject({ ok: false, syncs: 1, fatal: { code: 'sheet-protected', sheet } });
    expect(failed(out).message).toBe(`工作表「${sheet}」受保护，无法标记其中的单元格。请在「审阅 → 撤销工作表保护」后重新核验。本次没有修改工作簿。`);
    expect(wb.snapshot()).toEqual(before);
    expect(wb.syncCount).toBe(1);
  });

  it('two protected input sheets are both named', async () => {
    const wb = open(county());
    wb.setSheetProtected('分学段信息');
    wb.setSheetProtected('学校基本信息');
    const before = wb.snapshot();
    const { message } = failed(await run());
    expect(message).toMatch(/^工作表「学校基本信息」「分学段信息」受保护/);
    expect(wb.snapshot()).toEqual(before);
  });

  it('an input sheet that holds only earlier marks (the new run would restore them) is refused too', async () => {
    const wb = open(county());
    expect(await run()).toMatchObject({ ok: true });
    wb.setValue('县级指标', 'B15', 97); // the county mark goes away
    wb.setSheetProtected('县级指标');
    const before = wb.snapshot();
    expect(await run()).toMatchObject({ ok: false, fatal: { code: 'sheet-protected', sheet: '县级指标' } });
    expect(wb.snapshot()).toEqual(before);
  });

  it('a protected input sheet the run neither marks nor restores does not stop it', async () => {
    const wb = open(generateCounty(30)); // 县级指标 all passing
    wb.setSheetProtected('县级指标');
    expect(await run()).toMatchObject({ ok: true });
    expect(wb.sheetInfo('县级指标')?.protected).toBe(true);
  });

  it('a generated sheet left from an earlier run and protected since', async () => {
    const wb = open(county());
    expect(await run()).toMatchObject({ ok: true });
    wb.setSheetProtected('核验_学校达标');
    wb.setValue('学校基本信息', 'K8', -1); // a new mark, so that a run would change cells too
    const before = wb.snapshot();
    const out = await run();
    expect(out).toMatchObject({ ok: false, syncs: 1, fatal: { code: 'sheet-protected', sheet: '核验_学校达标' } });
    const { message } = failed(out);
    expect(message).toMatch(/^工作表「核验_学校达标」受保护，无法用本次结果更新。请在「审阅 → 撤销工作表保护」后重新核验/);
    expect(message).toMatch(UNCHANGED);
    expect(wb.snapshot()).toEqual(before);

    // Without the generated sheets the run does not touch it, and goes ahead.
    expect(await run({ writeSheets: false })).toMatchObject({ ok: true });
    expect(without(wb.snapshot(), MARK_STORE_SHEET).sheets.find((s) => s.name === '核验_学校达标')).toEqual(before.sheets.find((s) => s.name === '核验_学校达标'));
    expect(wb.cell('学校基本信息', 'K8').fill).toBe(MARK_COLORS.error);
  });

  it('workbook structure protection, on a fresh workbook and on one marked before', async () => {
    const wb = open(county());
    wb.setStructureProtected(true);
    let before = wb.snapshot();
    let out = await run();
    expect(out).toMatchObject({ ok: false, syncs: 1, fatal: { code: 'sheet-protected' } });
    expect(failed(out).message).toBe('工作簿结构受保护，无法生成汇总工作表和标记记录。请在「审阅 → 保护工作簿」中取消保护后重新核验。本次没有修改工作簿。');
    expect(wb.snapshot()).toEqual(before);

    wb.setStructureProtected(false);
    expect(await run()).toMatchObject({ ok: true });
    wb.setStructureProtected(true);
    before = wb.snapshot();
    expect(await run()).toMatchObject({ ok: false, fatal: { code: 'sheet-protected' } });
    out = await run({ writeSheets: false }); // the mark record is a sheet too
    expect(out).toMatchObject({ ok: false, fatal: { code: 'sheet-protected' } });
    expect(wb.snapshot()).toEqual(before);
    // 清除标记 deletes no sheet (the record is emptied in place), so structure protection does not stop it.
    expect(await clear()).toMatchObject({ ok: true, restored: 10 });
    expect(markColoured(wb)).toEqual([]);
  });

  it('clearMarks on a protected sheet is refused, naming it; once unprotected it restores everything', async () => {
    const wb = open(county());
    const original = userPart(wb);
    expect(await run()).toMatchObject({ ok: true });
    wb.setSheetProtected('分学段信息');
    const before = wb.snapshot();
    const out = await clear();
    expect(out).toMatchObject({ ok: false, syncs: 1, fatal: { code: 'sheet-protected', sheet: '分学段信息' } });
    expect(failed(out).message).toBe('工作表「分学段信息」受保护，无法清除其中的标记。请撤销工作表保护后重试。本次没有修改工作簿。');
    expect(wb.snapshot()).toEqual(before);

    wb.setSheetProtected('分学段信息', false);
    expect(await clear()).toMatchObject({ ok: true, restored: 10 });
    expect(userPart(wb)).toEqual(original);
  });

  it('clearMarks with a generated sheet that holds one of our notes (表Ⅲ) protected since: refused naming it, nothing changed', async () => {
    const wb = open(county());
    const original = userPart(wb);
    expect(await run()).toMatchObject({ ok: true });
    expect(wb.notes().some((n) => n.sheet === '表Ⅲ' && n.content.startsWith(NOTE_MARKER))).toBe(true);
    wb.setSheetProtected('表Ⅲ');
    const before = wb.snapshot();
    const out = await clear();
    expect(out).toMatchObject({ ok: false, syncs: 2, fatal: { code: 'sheet-protected', sheet: '表Ⅲ' } });
    expect(failed(out).message).toBe('工作表「表Ⅲ」受保护，无法清除其中的标记。请撤销工作表保护后重试。本次没有修改工作簿。');
    expect(wb.snapshot()).toEqual(before);
    wb.setSheetProtected('表Ⅲ', false);
    expect(await clear()).toMatchObject({ ok: true });
    expect(userPart(wb)).toEqual(original);
  });

  it('a sheet protected while the add-in works (after the checks): Excel refuses the write, nothing is half done', async () => {
    for (const partialBatches of [false, true]) {
      const wb = open(county(), { partialBatches });
      const original = userPart(wb);
      const before = wb.snapshot();
      wb.beforeSync((n) => n === 3 && wb.setSheetProtected('分学段信息'));
      const out = await run();
      expect(out).toMatchObject({ ok: false, syncs: 3, fatal: { code: 'sheet-protected' } });
      expect(failed(out).message).toMatch(/^Excel 拒绝了修改（工作表或工作簿受保护，或正被他人编辑）。请撤销保护后重试。/);
      expect(failed(out).message).toMatch(MAYBE_CHANGED);
      if (!partialBatches) {
        // The fake applies none of the failed batch.
        const after = wb.snapshot();
        expect(without(after, '分学段信息')).toEqual(without(before, '分学段信息'));
      } else {
        // Real Excel keeps the marks placed before the refusal; the record lists every one of them.
        expect(markColoured(wb).length).toBeGreaterThan(0);
        expect(recorded(wb)).toEqual(expect.arrayContaining(markColoured(wb)));
      }
      wb.setSheetProtected('分学段信息', false);
      expect(await clear()).toMatchObject({ ok: true });
      expect(without(userPart(wb), '分学段信息')).toEqual(without(original, '分学段信息'));
      uninstallFakeOffice();
    }
  });
});

// ---- 2. a sheet deleted while the add-in works -------------------------------------------------------

describe('a sheet deleted while the add-in works', () => {
  it('an input sheet with marks, deleted after the read: the look-up fails, nothing changed', async () => {
    const wb = open(county());
    const before = wb.snapshot();
    const deletion = deleteAt(wb, 2, '分学段信息');
    const out = await run();
    expect(deletion.done).toBe(true);
    expect(out).toMatchObject({ ok: false, syncs: 2, fatal: { code: 'excel-error' } });
    const { message } = failed(out);
    expectChinese(message);
    expect(message).toMatch(/^Excel 找不到要读写的工作表或单元格：可能有工作表在核验过程中被删除或改名。请在操作完成前不要修改工作簿，然后重试。/);
    expect(message).toMatch(UNCHANGED);
    expect(wb.snapshot()).toEqual(without(before, '分学段信息'));
  });

  it('an input sheet with marks, deleted after the look-up: the marks sync fails, and the record stays true to the cells', async () => {
    // The fake: the failed batch applies nothing; the workbook is as it was, but for the deleted sheet.
    let wb = open(county(), { partialBatches: false });
    let before = wb.snapshot();
    let deletion = deleteAt(wb, 3, '分学段信息');
    let out = await run();
    expect(deletion.done).toBe(true);
    expect(out).toMatchObject({ ok: false, syncs: 3, fatal: { code: 'excel-error' } });
    expect(failed(out).message).toMatch(/被删除或改名/);
    expect(failed(out).message).toMatch(MAYBE_CHANGED);
    expect(wb.snapshot()).toEqual(without(before, '分学段信息'));
    uninstallFakeOffice();

    // Real Excel keeps the part of the batch before the failing action: the record (written before any
    // cell is marked) and the marks of 学校基本信息, which come before those of 分学段信息.
    wb = open(county(), { partialBatches: true });
    before = wb.snapshot();
    deletion = deleteAt(wb, 3, '分学段信息');
    out = await run();
    expect(deletion.done).toBe(true);
    expect(out).toMatchObject({ ok: false, syncs: 3 });
    expect(markColoured(wb)).toEqual(['学校基本信息!G3', '学校基本信息!N13', '学校基本信息!N20', '学校基本信息!N27', '学校基本信息!N6']);
    expect(recorded(wb)).toEqual(expect.arrayContaining(markColoured(wb)));
    expect(generated(wb)).toEqual([]);
    expect(await clear()).toMatchObject({ ok: true });
    expect(userPart(wb)).toEqual(without(before, '分学段信息'));
  });

  it('an input sheet deleted after the marks were placed: the run completes (the summary is of the data as read)', async () => {
    const wb = open(county());
    const original = userPart(wb);
    const deletion = deleteAt(wb, 4, '县级指标');
    const out = await run();
    expect(deletion.done).toBe(true);
    expect(out).toMatchObject({ ok: true, syncs: 4, marks: 10 });
    expect(generated(wb)).toEqual(GENERATED);
    expect(markColoured(wb)).toHaveLength(9);
    // The record still names 县级指标!B15; clearMarks skips a sheet that no longer exists.
    expect(recorded(wb)).toContain('县级指标!B15');
    expect(await clear()).toMatchObject({ ok: true, restored: 9 });
    expect(userPart(wb)).toEqual(without(original, '县级指标'));
  });

  it('an input sheet without marks, deleted after the read: nothing of it is needed any more, the run completes', async () => {
    const wb = open(generateCounty(30));
    const deletion = deleteAt(wb, 2, '县级指标');
    expect(await run()).toMatchObject({ ok: true, syncs: 4 });
    expect(deletion.done).toBe(true);
    expect(generated(wb)).toEqual(GENERATED);
  });

  it.each([2, 3])('the list of generated sheets, deleted before sync %i (by a macro): made again at once, very hidden; the next run still knows the sheets as ours', async (at) => {
    const wb = open(county());
    expect(await run()).toMatchObject({ ok: true });
    const deletion = deleteAt(wb, at, GENERATED_RECORD_SHEET);
    const out = await run();
    expect(deletion.done).toBe(true);
    expect(out).toMatchObject({ ok: true, syncs: 5 });
    expect(wb.sheetInfo(GENERATED_RECORD_SHEET)?.visibility).toBe('VeryHidden');
    expect(wb.grid(GENERATED_RECORD_SHEET).values.map((r) => r[0])).toEqual(GENERATED);
    const again = await run();
    expect(again).toMatchObject({ ok: true, syncs: 4 });
    expect((again as { renamedSheets?: unknown }).renamedSheets).toBeUndefined();
    expect(generated(wb)).toEqual(GENERATED);
  });

  it.each([2, 3])('the mark record, deleted before sync %i (by a macro or another add-in): the run completes from the record it read', async (at) => {
    const edit = (w: FakeWorkbook) => {
      w.setValue('学校基本信息', 'N13', 1000); // N13 no longer fails: its earlier look must come back
      w.setValue('学校基本信息', 'K8', -1); // a new mark
    };
    const reference = open(county());
    edit(reference);
    const original = userPart(reference);
    uninstallFakeOffice();
    const wb = open(county());
    expect(await run()).toMatchObject({ ok: true });
    edit(wb);
    const deletion = deleteAt(wb, at, MARK_STORE_SHEET);
    const out = await run();
    expect(deletion.done).toBe(true);
    // The record is rewritten in place; gone before the marks sync, it is made again right after it (one more sync).
    expect(out).toMatchObject({ ok: true, syncs: at === 3 ? 5 : 4 });
    expect(wb.cell('学校基本信息', 'N13').fill).toBeNull();
    expect(wb.cell('学校基本信息', 'N6').fill).toBe(MARK_COLORS.fail);
    expect(recorded(wb)).toEqual(markColoured(wb));
    expect(decodeStore(wb.grid(MARK_STORE_SHEET).values).find((l) => l.address === 'N6')?.fill).toBe('#00B050');
    expect(await clear()).toMatchObject({ ok: true });
    expect(userPart(wb)).toEqual(original);
    expect(wb.cell('学校基本信息', 'N6').fill).toBe('#00B050');
    expect(wb.cell('学校基本信息', 'K8').fill).toBeNull();
    expect(markColoured(wb)).toEqual([]);
    expect(ours(wb)).toEqual([]);
  });

  it('an earlier generated sheet, deleted before it is replaced: the run completes', async () => {
    const wb = open(county());
    expect(await run()).toMatchObject({ ok: true });
    const deletion = deleteAt(wb, 4, '核验_校际均衡');
    // Rewritten in place, the others; the deleted one is made again in one more sync (after the others, at the end).
    expect(await run()).toMatchObject({ ok: true, syncs: 5 });
    expect(deletion.done).toBe(true);
    expect(generated(wb).sort()).toEqual([...GENERATED].sort());
    expect(wb.grid('核验_校际均衡').values.length).toBeGreaterThan(3);
  });

  it('clearMarks: the mark record deleted between its read and its write: it completes from the record it read', async () => {
    const wb = open(county());
    const original = userPart(wb);
    expect(await run()).toMatchObject({ ok: true });
    wb.resetStats();
    const deletion = deleteAt(wb, 2, MARK_STORE_SHEET);
    expect(await clear()).toEqual({ ok: true, restored: 10, syncs: 2 });
    expect(deletion.done).toBe(true);
    expect(userPart(wb)).toEqual(original);
    // No cell is recorded any more; the record that stays lists only the generated sheets.
    expect(recorded(wb)).toEqual([]);
  });

  it('clearMarks: an input sheet deleted between its read and its write fails, changing nothing; a second clearMarks completes', async () => {
    for (const partialBatches of [false, true]) {
      const wb = open(county(), { partialBatches });
      const original = userPart(wb);
      expect(await run()).toMatchObject({ ok: true });
      wb.resetStats();
      const before = wb.snapshot();
      const deletion = deleteAt(wb, 2, '分学段信息');
      const out = await clear();
      expect(deletion.done).toBe(true);
      expect(out).toMatchObject({ ok: false, syncs: 2, fatal: { code: 'excel-error' } });
      const { message } = failed(out);
      expectChinese(message);
      expect(message).toMatch(/清除标记过程中被删除或改名.*部分标记可能已被清除：请再次点击「清除标记」。$/);
      if (!partialBatches) expect(wb.snapshot()).toEqual(without(before, '分学段信息'));
      expect(wb.sheetNames()).toContain(MARK_STORE_SHEET);
      expect(await clear()).toMatchObject({ ok: true });
      expect(userPart(wb)).toEqual(without(original, '分学段信息'));
      uninstallFakeOffice();
    }
  });
});

// ---- 3. too large ------------------------------------------------------------------------------------

describe('a request or response over the size limit', () => {
  const ANNOTATE = /命令行工具（annotate）生成标注副本/;

  it('the read response is too large: refused, the command line suggested, nothing changed', async () => {
    const wb = open(county(100), { responseLimit: 10_000 });
    const before = wb.snapshot();
    const out = await run();
    // The read refused, refused again without the school sheets' first number formats, again without the formula cells, then one look at the used ranges for a stray cell (none: the data itself is too large here).
    expect(out).toMatchObject({ ok: false, syncs: 4, fatal: { code: 'excel-error' } });
    const { message } = failed(out);
    expectChinese(message);
    expect(message).toMatch(/^数据量超过了 Excel 单次通信的上限（5 MB）/);
    expect(message).toMatch(ANNOTATE);
    expect(message).toMatch(UNCHANGED);
    expect(wb.snapshot()).toEqual(before);
  });

  it('the writes would be too large (the budget matches the host’s limit): refused before any write', async () => {
    const wb = open(county(100), { requestLimit: 30_000 });
    const before = wb.snapshot();
    const out = await run({}, { requestBudget: 30_000, maxWriteSyncs: 2 });
    expect(out).toMatchObject({ ok: false, syncs: 2, fatal: { code: 'excel-error' } });
    const { message } = failed(out);
    expectChinese(message);
    expect(message).toMatch(/^需要写入工作簿的内容约 [\d.]+ MB，超过了 Excel 单次通信的上限/);
    expect(message).toMatch(ANNOTATE);
    expect(message).toMatch(UNCHANGED);
    expect(wb.snapshot()).toEqual(before);
    expect(Math.max(...wb.requestSizes)).toBeLessThanOrEqual(30_000);
  });

  it('the host refuses the first write request (its limit below the estimate): refused whole, nothing changed', async () => {
    const wb = open(county(100), { requestLimit: 17_000, partialBatches: false });
    const before = wb.snapshot();
    const out = await run();
    expect(out).toMatchObject({ ok: false, syncs: 3, fatal: { code: 'excel-error' } });
    expect(wb.requestSizes[2]).toBeGreaterThan(17_000);
    const { message } = failed(out);
    expectChinese(message);
    expect(message).toMatch(ANNOTATE);
    expect(message).toMatch(UNCHANGED);
    expect(wb.snapshot()).toEqual(before);
  });

  it('the host refuses the second write request: the marks are placed and recorded, the summary is not written', async () => {
    const wb = open(county(100), { requestLimit: 40_000 });
    const original = userPart(wb);
    const out = await run();
    expect(out).toMatchObject({ ok: false, syncs: 4, fatal: { code: 'excel-error' } });
    expect(wb.requestSizes[2]).toBeLessThanOrEqual(40_000);
    expect(wb.requestSizes[3]).toBeGreaterThan(40_000);
    const { message } = failed(out);
    expectChinese(message);
    expect(message).toMatch(ANNOTATE);
    expect(message).toMatch(MAYBE_CHANGED);
    expect(generated(wb)).toEqual([]);
    expect(markColoured(wb).length).toBeGreaterThan(0);
    expect(recorded(wb)).toEqual(markColoured(wb));
    expect(await clear()).toMatchObject({ ok: true });
    expect(userPart(wb)).toEqual(original);
  });

  it('on success the largest request and response never pass the limits; otherwise nothing changed', async () => {
    const outcomes: string[] = [];
    for (const limit of [30_000, 100_000, 158_000, 159_000, 160_000, 164_000, 168_000, 169_000, 170_000, 172_000, 200_000]) {
      const wb = open(county(100), { requestLimit: limit, responseLimit: limit });
      const before = wb.snapshot();
      const out = await run({}, { requestBudget: limit, maxWriteSyncs: 2 });
      outcomes.push(`${limit}:${out.ok ? (out as { notesVia: string }).notesVia : 'refused'}`);
      if (out.ok) {
        expect(Math.max(...wb.requestSizes)).toBeLessThanOrEqual(limit);
        expect(Math.max(...wb.responseSizes)).toBeLessThanOrEqual(limit);
        expect(out.syncs).toBeLessThanOrEqual(4);
      } else {
        expect(failed(out).message).toMatch(UNCHANGED);
        expect(wb.snapshot()).toEqual(before);
      }
      uninstallFakeOffice();
    }
    // In two write syncs (maxWriteSyncs: 2; sizes counted as escaped JSON): refused at the low limits, notes given
    // way to 核验_问题清单 at 164 000 bytes, notes kept from 172 000 up (the official 申报表 tables are written too, with
    // their row heights, fonts, margins, page breaks and print setup, and the working sheets name the official
    // columns and carry 综合 rows; the 一票否决 items' longer requirement text moved both edges up by about 1 000, and
    // the notes' last line 「——均衡核验生成，重新核验时替换」 the notes edge by about 2 000; 「一票否决」 no longer has a
    // shenbao-blanks warning of its own, one row less in 核验_问题清单, and 160 000 now suffices for notes in the sheet).
    expect(outcomes).toEqual(['30000:refused', '100000:refused', '158000:refused', '159000:refused', '160000:sheet', '164000:sheet', '168000:sheet', '169000:sheet', '170000:sheet', '172000:note', '200000:note']);
  });

  it('by default more write syncs are used rather than giving up notes or refusing: every request under the limit', async () => {
    // (from 50 000 bytes: an official 申报表 sheet is written whole, so lower limits are refused or give up notes)
    for (const limit of [50_000, 60_000]) {
      const wb = open(county(100), { requestLimit: limit });
      const plans: RunPlan[] = [];
      const out = await run({}, { requestBudget: limit, onPlan: (p) => plans.push(p) });
      expect([limit, out.ok && out.notesVia]).toEqual([limit, 'note']);
      expect(out.syncs).toBeGreaterThan(4);
      expect(out.syncs).toBe(2 + plans[0].writeBytes.length);
      expect(Math.max(...wb.requestSizes)).toBeLessThanOrEqual(limit);
      uninstallFakeOffice();
    }
  });
});

// ---- 4. an Excel error in the middle -----------------------------------------------------------------

describe('an Excel error in the middle of a run', () => {
  it.each([1, 2])('GeneralException in sync %i (reads): a Chinese message, nothing changed', async (sync) => {
    const wb = open(county());
    const before = wb.snapshot();
    wb.failSync(sync, 'GeneralException');
    const out = await run();
    // A refused first read is followed by one look at the input sheets' used ranges (a stray cell far inside the
    // read window would explain it; there is none here, so Excel's error is reported).
    expect(out).toMatchObject({ ok: false, syncs: sync === 1 ? 2 : sync, fatal: { code: 'excel-error' } });
    const { message } = failed(out);
    expectChinese(message);
    expect(message).toBe('Excel 内部错误（GeneralException），操作没有完成。请稍后重试；如果反复出现，请保存并重新打开工作簿，或用命令行工具（annotate）生成标注副本。本次没有修改工作簿。');
    expect(wb.snapshot()).toEqual(before);
  });

  it('GeneralException in sync 3 (marks): the fake applies nothing; the message says the workbook may have changed', async () => {
    const wb = open(county(), { partialBatches: false });
    const before = wb.snapshot();
    wb.failSync(3, 'GeneralException', 10);
    const out = await run();
    expect(out).toMatchObject({ ok: false, syncs: 3, fatal: { code: 'excel-error' } });
    expectChinese(failed(out).message);
    expect(failed(out).message).toMatch(MAYBE_CHANGED);
    expect(wb.snapshot()).toEqual(before);
  });

  it('GeneralException in sync 4 (summary): the marks are complete and recorded, no generated sheet; clearMarks restores', async () => {
    const wb = open(county(), { partialBatches: false });
    const original = userPart(wb);
    wb.failSync(4, 'GeneralException', 50);
    const out = await run();
    expect(out).toMatchObject({ ok: false, syncs: 4, fatal: { code: 'excel-error' } });
    expect(failed(out).message).toMatch(MAYBE_CHANGED);
    expect(generated(wb)).toEqual([]);
    expect(markColoured(wb)).toHaveLength(10);
    expect(recorded(wb)).toEqual(markColoured(wb));
    // 分学段信息!D8 keeps the user's note (never rewritten), so 9 of ours.
    expect(ours(wb)).toHaveLength(9);
    expect(await clear()).toMatchObject({ ok: true, restored: 10 });
    expect(userPart(wb)).toEqual(original);
  });

  it.each(['NotImplemented', 'ApiNotFound'] as const)('comments.add answered with %s (an Excel claiming ExcelApi 1.10, OfficeDev/office-js#1847): the run completes, explanations in 问题清单', async (code) => {
    const wb = FakeWorkbook.fromGrids(generateCounty(20));
    installFakeOffice(wb, { requirementSets: { ExcelApi: '1.17' } });
    // Every comment added is refused as that Excel refuses it.
    stateOf(wb).newComment = () => {
      throw new FakeOfficeError(code);
    };
    const out = await createExcelHost().run({ profile: NATIONAL });
    expect(out).toMatchObject({ ok: true, notesVia: 'sheet' });
    const store = decodeStore(wb.grid(MARK_STORE_SHEET).values);
    expect(store.length).toBeGreaterThan(0);
    for (const l of store) expect(Object.values(MARK_COLORS)).toContain(wb.cell(l.sheet, l.address).fill);
    expect(wb.sheetNames()).toContain('核验_问题清单');
    // and again: the same, not a failure
    expect(await createExcelHost().run({ profile: NATIONAL })).toMatchObject({ ok: true, notesVia: 'sheet' });
  });

  describe.each([
    ['comments (ExcelApi 1.17)', { requirementSets: { ExcelApi: '1.17' }, notImplemented: ['comments'] }],
    ['comments, with notes (ExcelApi 1.18)', { notImplemented: ['comments'] }],
    ['notes (ExcelApi 1.18)', { notImplemented: ['notes'] }],
    ['notes and comments (ExcelApi 1.18)', { notImplemented: ['notes', 'comments'] }],
  ] as [string, FakeOfficeOptions][])('an Excel that claims %s but answers NotImplemented for them (OfficeDev/office-js-docs-pr#2006)', (_name, host) => {
    it('the run completes with the explanations in 核验_问题清单; again; clearMarks restores the user\'s sheets', async () => {
      const wb = open(county(), host);
      const original = userPart(wb);
      const userNotes = wb.notes();
      for (let i = 0; i < 2; i++) {
        const out = await run();
        expect(out).toMatchObject({ ok: true, notesVia: 'sheet' });
        expect(markColoured(wb)).toHaveLength(10);
        expect(recorded(wb)).toEqual(markColoured(wb));
        expect(wb.sheetNames()).toContain('核验_问题清单');
        expect(wb.notes()).toEqual(userNotes);
        expect(wb.comments()).toEqual([]);
      }
      expect(await run({ applyMarks: false })).toMatchObject({ ok: true });
      expect(await clear()).toMatchObject({ ok: true, restored: 10 });
      expect(userPart(wb)).toEqual(original);
    });
  });

  it('an error code the adapter does not know is still a Chinese message with the code', async () => {
    const wb = open(county());
    const before = wb.snapshot();
    wb.failSync(2, 'InvalidOperation');
    const { message } = failed(await run());
    expect(message).toMatch(/^Excel 操作失败（错误代码 InvalidOperation：.*）。请稍后重试。本次没有修改工作簿。$/);
    expect(wb.snapshot()).toEqual(before);
  });

  describe.each([
    ['notes (ExcelApi 1.18)', {}],
    ['comments (ExcelApi 1.17)', { requirementSets: { ExcelApi: '1.17' } }],
  ] as [string, FakeOfficeOptions][])('with real Excel’s partial batches, %s', (_name, host) => {
    /**
     * For every point of failure in the marks sync and in the summary sync, with Excel keeping what
     * ran before it: the mark record lists every marked cell, so clearMarks gives back the user's sheets
     * exactly, and a new run gives exactly the workbook a clean run gives. The clean run is on the same
     * partial-batch Excel: with comments only, the user's note on 分学段信息!D8 (invisible without the Notes
     * API) makes Excel refuse the comment there, and the comments queued before it stay.
     */
    it.each([3, 4])('sync %i failing after any number of its actions', async (sync) => {
      const grids = county();
      const clean = await cleanRun(grids, { ...host, partialBatches: true });
      const total = clean.actions[sync - 1];
      const points = sync === 3 ? Array.from({ length: total + 1 }, (_, i) => i) : [0, 1, 2, 5, 20, 60, 100, 150, 200, total - 1, total];
      for (const k of points) {
        const wb = open(grids, { ...host, partialBatches: true });
        const original = userPart(wb);
        wb.failSync(sync, 'GeneralException', k);
        const out = await run();
        expect([k, out.ok, out.syncs]).toEqual([k, false, sync]);
        expect(failed(out).message).toMatch(MAYBE_CHANGED);
        expect([k, recorded(wb)]).toEqual([k, expect.arrayContaining(markColoured(wb))]);
        if (sync === 4) expect([k, markColoured(wb).length]).toEqual([k, 10]);

        expect(await clear()).toMatchObject({ ok: true });
        expect([k, userPart(wb)]).toEqual([k, original]);
        expect(await run()).toMatchObject({ ok: true });
        expect([k, wb.snapshot()]).toEqual([k, clean.snapshot]);
        uninstallFakeOffice();
      }
    });

    it('a second run straight after a failed one (no clearMarks) gives the clean workbook', async () => {
      const grids = county();
      const clean = await cleanRun(grids, { ...host, partialBatches: true });
      for (const k of [0, 3, 8, 12, 16, 20, 24, 28]) {
        const wb = open(grids, { ...host, partialBatches: true });
        wb.failSync(3, 'GeneralException', k);
        expect(await run()).toMatchObject({ ok: false });
        expect(await run()).toMatchObject({ ok: true });
        expect([k, wb.snapshot()]).toEqual([k, clean.snapshot]);
        uninstallFakeOffice();
      }
    });
  });

  it('clearMarks failing in its write: a Chinese message; after any partial restore a second clearMarks completes', async () => {
    for (const partialBatches of [false, true]) {
      const probe = open(county());
      expect(await run()).toMatchObject({ ok: true });
      probe.resetStats();
      expect(await clear()).toMatchObject({ ok: true });
      const total = probe.actionCounts[1];
      uninstallFakeOffice();
      for (let k = 0; k <= total; k += partialBatches ? 1 : total) {
        const wb = open(county(), { partialBatches });
        const original = userPart(wb);
        expect(await run()).toMatchObject({ ok: true });
        wb.resetStats();
        const before = wb.snapshot();
        wb.failSync(2, 'GeneralException', k);
        const out = await clear();
        expect(out).toMatchObject({ ok: false, syncs: 2, fatal: { code: 'excel-error' } });
        expect(failed(out).message).toMatch(/^Excel 内部错误（GeneralException）.*部分标记可能已被清除：请再次点击「清除标记」。$/);
        if (!partialBatches) expect(wb.snapshot()).toEqual(before);
        expect(await clear()).toMatchObject({ ok: true });
        expect([k, userPart(wb)]).toEqual([k, original]);
        uninstallFakeOffice();
      }
    }
  });
});

// ---- the fake's hooks used above ---------------------------------------------------------------------

describe('the fake: failures on demand', () => {
  const grids: CellGrid[] = [{ name: 'A', values: [['a']] }, { name: 'B', values: [['b']] }];

  /** Writes B1 of both sheets in one batch; the error code, or null. */
  async function write(): Promise<unknown> {
    try {
      await Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('A').getRange('B1').values = [['first']];
        ctx.workbook.worksheets.getItem('B').getRange('B1').values = [['second']];
        await ctx.sync();
      });
      return null;
    } catch (e) {
      return (e as { code?: unknown }).code;
    }
  }

  it('failSync fails the given sync once, rolled back whole or, with partialBatches, after the actions before it', async () => {
    let wb = FakeWorkbook.fromGrids(grids);
    installFakeOffice(wb, { partialBatches: false });
    wb.failSync(1, 'GeneralException', 5);
    expect(await write()).toBe('GeneralException');
    expect([wb.cell('A', 'B1').value, wb.cell('B', 'B1').value]).toEqual([null, null]);
    expect(await write()).toBeNull();
    expect(wb.actionCounts).toEqual([8, 8]); // workbook, worksheets, then per sheet: getItem, getRange, values

    wb = FakeWorkbook.fromGrids(grids);
    installFakeOffice(wb, { partialBatches: true });
    wb.failSync(1, 'GeneralException', 5);
    expect(await write()).toBe('GeneralException');
    expect([wb.cell('A', 'B1').value, wb.cell('B', 'B1').value]).toEqual(['first', null]);
  });

  it('a request over the limit is refused whole even with partialBatches', async () => {
    const wb = FakeWorkbook.fromGrids(grids);
    installFakeOffice(wb, { partialBatches: true, requestLimit: 100 });
    expect(await write()).toBe('RequestPayloadSizeLimitExceeded');
    expect(wb.cell('A', 'B1').value).toBeNull();
  });

  it('beforeSync runs as each sync starts: a sheet deleted there is gone for that batch', async () => {
    const wb = FakeWorkbook.fromGrids(grids);
    installFakeOffice(wb, { partialBatches: false });
    const seen: number[] = [];
    const stop = wb.beforeSync((n) => {
      seen.push(n);
      if (n === 1) wb.deleteSheet('B');
    });
    expect(await write()).toBe('ItemNotFound');
    stop();
    expect(seen).toEqual([1]);
    expect(wb.sheetNames()).toEqual(['A']);
    expect(wb.cell('A', 'B1').value).toBeNull();
  });

  it('refuses to delete a very hidden sheet (InvalidOperation), as Excel does, but deletes it once hidden', async () => {
    const wb = FakeWorkbook.fromGrids(grids);
    wb.setVisibility('B', 'VeryHidden');
    installFakeOffice(wb);
    const del = async (hideFirst: boolean) => {
      try {
        await Excel.run(async (ctx) => {
          const ws = ctx.workbook.worksheets.getItem('B');
          if (hideFirst) ws.visibility = 'Hidden';
          ws.delete();
          await ctx.sync();
        });
        return null;
      } catch (e) {
        return (e as { code?: unknown }).code;
      }
    };
    expect(await del(false)).toBe('InvalidOperation');
    expect(wb.sheetNames()).toEqual(['A', 'B']);
    expect(await del(true)).toBeNull();
    expect(wb.sheetNames()).toEqual(['A']);
  });
});
