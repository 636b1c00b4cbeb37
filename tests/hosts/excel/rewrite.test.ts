/**
 * Generated sheets in the add-in (issue 14 point 2, issue 13): rewritten in place on a re-run, never deleted and
 * added again (sheet deletion, renaming and visibility changes clear Excel's undo history; the fake records each
 * such operation), nothing stale left when the new content is smaller, and the 申报表 sheets carry
 * the row heights, print setup and 黑体 title of the model, as annotate's package writer gives them.
 */
import { NATIONAL } from '../../../src/domain/profile';
import { createExcelHost, type RunPlan } from '../../../src/hosts/excel/adapter';
import type { RunOutcome } from '../../../src/hosts/api';
import type { Analysis } from '../../../src/report/build';
import { FakeWorkbook, installFakeOffice, uninstallFakeOffice, type FakeOfficeOptions } from '../../../src/hosts/fake-excel';
import { GENERATED_RECORD_SHEET, MARK_STORE_SHEET } from '../../../src/report/markstore';
import { CELL_STYLES, generatedSheets, gridMatrix } from '../../../src/report/sheets';
import type { SheetGrid } from '../../../src/report/model';
import { a1, type CellGrid } from '../../../src/template/grid';
import { generateCounty } from './county';

const INPUT = ['学校基本信息', '分学段信息', '县级指标'];
const GENERATED = ['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单'];

afterEach(() => uninstallFakeOffice());

function open(grids: readonly CellGrid[], options: FakeOfficeOptions = {}): FakeWorkbook {
  const wb = FakeWorkbook.fromGrids(grids);
  installFakeOffice(wb, options);
  return wb;
}

function ok(out: RunOutcome<Analysis>): Extract<RunOutcome<Analysis>, { ok: true }> {
  if (!out.ok) throw new Error(`run failed: ${out.fatal.code} ${out.fatal.message}`);
  return out;
}

const run = async (plans: RunPlan[] = []) => ok(await createExcelHost({ onPlan: (p) => plans.push(p) }).run({ profile: NATIONAL }));

/** What a user sees of a generated sheet: its cells (values, formats, looks, notes), merges, widths, heights, print setup. */
function sheetView(wb: FakeWorkbook, name: string) {
  const snap = wb.snapshot().sheets.find((s) => s.name === name)!;
  const info = wb.sheetInfo(name)!;
  return {
    cells: snap.cells, widths: snap.widths, tabColor: snap.tabColor, frozenRows: snap.frozenRows,
    merges: [...info.merges].sort(), rowHeights: info.rowHeights, pageLayout: info.pageLayout,
    notes: wb.notes().filter((n) => n.sheet === name).map((n) => `${n.address} ${n.content}`),
  };
}

/** Empties the rows of the last `drop` schools of a generated county (both data sheets), as a user deleting them would. */
function dropSchools(wb: FakeWorkbook, keep: number): void {
  const schools = wb.grid('学校基本信息');
  const kept = new Set(schools.values.slice(1, keep + 1).map((r) => r[0]));
  for (const sheet of ['学校基本信息', '分学段信息']) {
    const g = wb.grid(sheet);
    g.values.forEach((row, r) => {
      if (r === 0 || kept.has(row[0])) return;
      row.forEach((v, c) => v !== null && wb.setValue(sheet, a1(r, c), null));
    });
  }
}

describe('a re-run rewrites the generated sheets in place (issue 14, point 2)', () => {
  it('the first run adds each sheet and the record once; a second run on the unchanged workbook deletes, adds, renames and hides nothing', async () => {
    const wb = open(generateCounty(30));
    await run();
    // Only hiding the two new records clears the undo history (once per workbook); adding a sheet is undoable.
    expect(wb.undoClearingOps).toEqual([`visibility ${MARK_STORE_SHEET}`, `visibility ${GENERATED_RECORD_SHEET}`]);
    expect(wb.sheetNames().filter((n) => !INPUT.includes(n))).toEqual(['填报说明', MARK_STORE_SHEET, GENERATED_RECORD_SHEET, ...GENERATED]);
    expect(wb.sheetInfo(GENERATED_RECORD_SHEET)?.visibility).toBe('VeryHidden');
    expect(wb.grid(GENERATED_RECORD_SHEET).values).toEqual(GENERATED.map((n) => [n]));
    const before = Object.fromEntries(GENERATED.map((n) => [n, sheetView(wb, n)]));
    const order = wb.sheetNames();
    wb.resetStats();
    const namesBefore = wb.sheetNames();
    const second = await run();
    expect(wb.undoClearingOps).toEqual([]);
    expect(second.syncs).toBe(4);
    // No sheet was added either (the names are the very same sheets: nothing deleted and made again).
    expect(wb.sheetNames()).toEqual(namesBefore);
    // The same sheets at the same places, with the same content (no note doubled, no merge refused).
    expect(wb.sheetNames()).toEqual(order);
    expect(Object.fromEntries(GENERATED.map((n) => [n, sheetView(wb, n)]))).toEqual(before);
    expect(wb.notes().filter((n) => n.sheet === '表Ⅲ').map((n) => n.address)).toEqual(['J5', 'J7']);
  });

  it('someone else’s note or comment on a rewritten sheet stays, and the table’s own note is not put on that cell', async () => {
    const wb = open(generateCounty(30));
    await run();
    expect(wb.notes().filter((n) => n.sheet === '表Ⅲ').map((n) => n.address)).toEqual(['J5', 'J7']);
    wb.setNote('表Ⅲ', 'J5', '张老师：请核对');
    wb.setComment('表Ⅲ', 'J7', '这里的平均值要写进报告吗？', { author: '李科长', replies: [{ content: '不写', author: '王老师' }] });
    wb.resetStats();
    await run();
    expect(wb.undoClearingOps).toEqual([]);
    expect(wb.notes().filter((n) => n.sheet === '表Ⅲ').map((n) => `${n.address} ${n.content}`)).toEqual(['J5 张老师：请核对']);
    expect(wb.comments().filter((c) => c.sheet === '表Ⅲ').map((c) => [c.address, c.content, c.author, c.replies])).toEqual([
      ['J7', '这里的平均值要写进报告吗？', '李科长', [{ content: '不写', author: '王老师' }]],
    ]);
    // Once they are gone, the next run puts the table's notes back.
    wb.setNote('表Ⅲ', 'J5', null);
    wb.setComment('表Ⅲ', 'J7', null);
    await run();
    expect(wb.notes().filter((n) => n.sheet === '表Ⅲ').map((n) => n.address)).toEqual(['J5', 'J7']);
  });

  it('without marks (applyMarks: false) too', async () => {
    const wb = open(generateCounty(10));
    ok(await createExcelHost().run({ profile: NATIONAL, applyMarks: false }));
    wb.resetStats();
    ok(await createExcelHost().run({ profile: NATIONAL, applyMarks: false }));
    expect(wb.undoClearingOps).toEqual([]);
  });

  it('new content smaller than the old: nothing stale remains (values, formats, merges, notes, heights), as if written afresh', async () => {
    const wb = open(generateCounty(40));
    await run();
    const bigRows = wb.grid('核验_学校达标').values.length;
    dropSchools(wb, 12);
    wb.resetStats();
    const plans: RunPlan[] = [];
    const second = await run(plans);
    expect(wb.undoClearingOps).toEqual([]);
    expect(wb.grid('核验_学校达标').values.length).toBeLessThan(bigRows - 20);

    // The same input in a new workbook, written once from nothing.
    const fresh = FakeWorkbook.fromGrids(INPUT.map((n) => wb.grid(n)));
    installFakeOffice(fresh);
    const first = await run();
    expect(first.analysis.report.units.length).toBe(second.analysis.report.units.length);
    for (const n of GENERATED) expect([n, sheetView(wb, n)]).toEqual([n, sheetView(fresh, n)]);
    // The generated sheets' extent and notes are looked up in sync 2 (no extra sync).
    expect(second.syncs).toBe(4);
  });

  it('a sheet of ours whose name differs by spaces (an old record) is renamed and rewritten in place, not deleted', async () => {
    const wb = open(generateCounty(10));
    wb.addSheet('核验_问题清单 ', { name: '核验_问题清单 ', values: [['旧的问题清单'], ['第二行']] });
    // A record written before sheets were listed: same-named sheets are taken as the product's.
    wb.addSheet(MARK_STORE_SHEET, { name: MARK_STORE_SHEET, values: [['工作表', '单元格', '级别', '原填充色', '原有批注', '原批注内容']] });
    const at = wb.sheetNames().indexOf('核验_问题清单 ');
    await run();
    // The list of generated sheets moves out of the old record into its own sheet, hidden once (migration).
    expect(wb.undoClearingOps).toEqual([`visibility ${GENERATED_RECORD_SHEET}`, 'rename 核验_问题清单 ']);
    expect(wb.sheetNames().indexOf('核验_问题清单')).toBe(at);
    expect(wb.sheetNames()).not.toContain('核验_问题清单 ');
    expect(wb.grid('核验_问题清单').values[0][0]).toBe('问题清单');
    expect(wb.grid('核验_问题清单').values.flat()).not.toContain('旧的问题清单');
  });

  it('an earlier generated sheet the user protected stops the run before any write', async () => {
    const wb = open(generateCounty(10));
    await run();
    wb.setSheetProtected('表Ⅲ');
    const before = wb.snapshot();
    const out = await createExcelHost().run({ profile: NATIONAL });
    expect(out).toMatchObject({ ok: false, fatal: { code: 'sheet-protected', sheet: '表Ⅲ' } });
    expect(wb.snapshot()).toEqual(before);
  });
});

describe('the 申报表 sheets carry the model’s row heights, print setup and title font (issue 13)', () => {
  const expectLikeModel = (wb: FakeWorkbook, model: SheetGrid[]) => {
    for (const g of model) {
      const info = wb.sheetInfo(g.name)!;
      const heights = Object.fromEntries(Object.entries(g.rowHeights ?? {}).map(([r, h]) => [Number(r) + 1, Math.min(409.5, h)]));
      expect([g.name, info.rowHeights]).toEqual([g.name, heights]);
      const side = g.landscape ? 18 : 50.4;
      expect([g.name, info.pageLayout]).toEqual([
        g.name,
        { orientation: g.landscape ? 'Landscape' : 'Portrait', paperSize: 'A4', zoom: { horizontalFitToPages: 1 }, leftMargin: side, rightMargin: side, rowBreaks: g.rowBreaks ?? [] },
      ]);
      const m = gridMatrix(g);
      m.styles.forEach((row, r) =>
        row.forEach((style, c) => {
          const font = style ? (CELL_STYLES[style].font ?? null) : null;
          expect([g.name, a1(r, c), wb.cell(g.name, a1(r, c)).fontName]).toEqual([g.name, a1(r, c), font]);
        }),
      );
    }
  };

  it('on the first run and on a re-run', async () => {
    const wb = open(generateCounty(30));
    const out = await run();
    const model = generatedSheets(out.analysis);
    // The model has fixed heights (表Ⅰ, the footnotes), landscape sheets and 黑体 titles: the test is not empty.
    expect(model.filter((g) => g.rowHeights && Object.keys(g.rowHeights).length).map((g) => g.name)).toEqual(['表Ⅰ', '表Ⅱ-2']);
    expect(model.some((g) => g.landscape)).toBe(true);
    expect(model.find((g) => g.name === '表Ⅳ')?.rowBreaks).toEqual([11]);
    expect(wb.sheetInfo('表Ⅳ')?.pageLayout.rowBreaks).toEqual([11]);
    expect(wb.cell('表Ⅱ-2', 'A1').fontName).toBe('黑体');
    expectLikeModel(wb, model);
    const again = await run();
    expectLikeModel(wb, generatedSheets(again.analysis));
  });

  it('within the request budget: the plan counts them, and every request stays under the limit', async () => {
    const plans: RunPlan[] = [];
    const wb = open(generateCounty(100), { requestLimit: 400_000 });
    const out = ok(await createExcelHost({ requestBudget: 400_000, onPlan: (p) => plans.push(p) }).run({ profile: NATIONAL }));
    expect(out.syncs).toBe(4);
    wb.requestSizes.slice(2).forEach((size, i) => expect(size).toBeLessThanOrEqual(plans[0].writeBytes[i]));
    expect(Math.max(...wb.requestSizes)).toBeLessThanOrEqual(400_000);
  });
});
