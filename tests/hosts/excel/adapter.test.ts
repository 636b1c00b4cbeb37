/**
 * The Office.js adapter on the fake Excel: the conformance workbooks and generated counties.
 * Marks land on the right cells with the right colours and notes, the user's values never change,
 * clearMarks restores every earlier look exactly, a second run changes nothing, refusals change
 * nothing, and notes give way to comments, then to 核验_问题清单, as the host's requirement sets shrink.
 */
import { noteText } from '../../../src/report/markstore';
import { join } from 'node:path';
import { gridsOf, loadWorkbook } from '../../../src/hosts/exceljs/read';
import { NATIONAL } from '../../../src/domain/profile';
import { createExcelHost, type RunPlan } from '../../../src/hosts/excel/adapter';
import type { Phase, RunOutcome } from '../../../src/hosts/api';
import { FakeWorkbook, installFakeOffice, uninstallFakeOffice, type FakeOfficeOptions } from '../../../src/hosts/fake-excel';
import { analyse, type Analysis } from '../../../src/report/build';
import { marksOf } from '../../../src/report/marks';
import { decodeGenerated, decodeStore, GENERATED_RECORD_SHEET, MARK_STORE_SHEET } from '../../../src/report/markstore';
import { MARK_COLORS, type Mark } from '../../../src/report/model';
import { gridMatrix, summarySheets } from '../../../src/report/sheets';
import type { CellGrid } from '../../../src/template/grid';
import { generateCounty } from './county';
import { GENERATED, userPart } from './user-part';

const DIR = join(__dirname, '..', '..', 'fixtures', 'conformance');
const FIXTURES = ['01-worked-example', '02-exact-thresholds', '03-county-plain', '04-county-messy'];
const INPUT = ['学校基本信息', '分学段信息', '县级指标'];

const fixtureCache = new Map<string, CellGrid[]>();
async function fixture(name: string): Promise<CellGrid[]> {
  if (!fixtureCache.has(name)) fixtureCache.set(name, gridsOf(await loadWorkbook(join(DIR, `${name}.xlsx`))));
  return fixtureCache.get(name)!;
}

function open(grids: readonly CellGrid[], options: FakeOfficeOptions = {}): FakeWorkbook {
  const wb = FakeWorkbook.fromGrids(grids);
  installFakeOffice(wb, options);
  return wb;
}

afterEach(() => uninstallFakeOffice());

function expected(grids: readonly CellGrid[]): Analysis {
  const r = analyse(grids, NATIONAL);
  if (!r.ok) throw new Error(r.fatal.message);
  return r.analysis;
}

/** Everything but the generated sheets and the mark record. */
function values(wb: FakeWorkbook): Record<string, CellGrid['values']> {
  return Object.fromEntries(wb.sheetNames().filter((n) => INPUT.includes(n.trim())).map((n) => [n, wb.grid(n).values]));
}

/** Input cells with a fill, as "sheet!A1". */
function filled(wb: FakeWorkbook): string[] {
  return wb
    .snapshot()
    .sheets.filter((s) => INPUT.includes(s.name.trim()))
    .flatMap((s) => Object.entries(s.cells).filter(([, c]) => c.fill).map(([a]) => `${s.name}!${a}`))
    .sort();
}

function ok(out: RunOutcome): Extract<RunOutcome, { ok: true }> {
  if (!out.ok) throw new Error(`run failed: ${out.fatal.code} ${out.fatal.message}`);
  return out;
}

const run = (options: Partial<Parameters<ReturnType<typeof createExcelHost>['run']>[0]> = {}, host = createExcelHost()) =>
  host.run({ profile: NATIONAL, ...options });

/** Every mark's fill, and its note or comment (except on cells that kept a user's one), and no other fill. */
function expectMarked(wb: FakeWorkbook, marks: readonly Mark[], via: 'note' | 'comment' | 'sheet', withUserNote: readonly Mark[] = []) {
  for (const m of marks) {
    const cell = wb.cell(m.sheet, m.address);
    expect([m.sheet, m.address, cell.fill]).toEqual([m.sheet, m.address, MARK_COLORS[m.level]]);
    if (withUserNote.includes(m)) continue;
    if (via === 'note') expect(cell.note).toBe(noteText(m.note, null));
    if (via === 'comment') expect(cell.comment).toBe(noteText(m.note, null));
    if (via === 'sheet') expect([cell.note, cell.comment]).toEqual([null, null]);
  }
  expect(filled(wb)).toEqual(marks.map((m) => `${m.sheet}!${m.address}`).sort());
}

describe.each(FIXTURES)('conformance workbook %s', (name) => {
  it('is read as the command line reads it, marked cell by cell, summarised, in at most 4 syncs', async () => {
    const grids = await fixture(name);
    const wb = open(grids);
    const before = values(wb);
    const out = ok(await run());
    const want = expected(grids);
    expect(out.analysis.report).toEqual(want.report);
    const marks = marksOf(want);
    expect(marks.length).toBeGreaterThan(0);
    expect(out.marks).toBe(marks.length);
    expect(out.notesVia).toBe('note');
    expectMarked(wb, marks, 'note');
    expect(values(wb)).toEqual(before);
    expect(out.syncs).toBe(wb.syncCount);
    expect(out.syncs).toBeLessThanOrEqual(4);

    for (const g of summarySheets(want)) {
      const m = gridMatrix(g);
      const got = wb.grid(g.name).values;
      m.values.forEach((row, r) => row.forEach((v, c) => expect([g.name, r, c, got[r]?.[c] ?? null]).toEqual([g.name, r, c, v === '' ? null : v])));
      expect(wb.sheetInfo(g.name)?.frozenRows).toBe(g.frozenRows);
    }
    const store = decodeStore(wb.grid(MARK_STORE_SHEET).values);
    expect(wb.sheetInfo(MARK_STORE_SHEET)?.visibility).toBe('VeryHidden');
    expect(store).toHaveLength(marks.length);
    expect(store.every((l) => l.fill === '' && !l.hadNote)).toBe(true);
  });

  it('clearMarks restores every earlier look exactly (user fills and notes included) in at most 2 syncs', async () => {
    const grids = await fixture(name);
    const marks = marksOf(expected(grids));
    const wb = open(grids);
    const [m0, m1] = marks;
    wb.setFill(m0.sheet, m0.address, '#00B050');
    wb.setNote(m1.sheet, m1.address, '我的批注：本格数据已核对');
    wb.setFill('学校基本信息', 'A1', '#FFFF00');
    wb.setNote('学校基本信息', 'B1', '表头说明');
    const before = userPart(wb);

    expect(ok(await run()).keptForUser).toBe(1);
    expect(wb.cell(m0.sheet, m0.address).fill).toBe(MARK_COLORS[m0.level]);
    // Someone's note is never rewritten: the explanation of that cell is only in 核验_问题清单 and the pane.
    expect(wb.cell(m1.sheet, m1.address).note).toBe('我的批注：本格数据已核对');
    expect(wb.cell('学校基本信息', 'B1').note).toBe('表头说明');
    const stored = decodeStore(wb.grid(MARK_STORE_SHEET).values);
    expect(stored.find((l) => l.address === m0.address && l.sheet === m0.sheet)?.fill).toBe('#00B050');
    expect(stored.find((l) => l.address === m1.address && l.sheet === m1.sheet)).toMatchObject({ hadNote: true, note: '我的批注：本格数据已核对' });

    wb.resetStats();
    const cleared = await createExcelHost().clearMarks();
    expect(cleared).toEqual({ ok: true, restored: marks.length, syncs: 2 });
    expect(wb.syncCount).toBe(2);
    expect(userPart(wb)).toEqual(before);
    // The record is rewritten in place, not deleted: deleting or unhiding a sheet cannot be undone in Excel.
    expect(wb.sheetInfo(MARK_STORE_SHEET)?.visibility).toBe('VeryHidden');
    expect(wb.sheetNames()).toEqual(expect.arrayContaining(GENERATED));
    // The record now lists no cell; the list of generated sheets (so that the next run replaces them) is left as it was.
    expect(decodeStore(wb.grid(MARK_STORE_SHEET).values)).toEqual([]);
    expect(wb.grid(GENERATED_RECORD_SHEET).values).toEqual(GENERATED.map((n) => [n]));
    expect(wb.sheetInfo(GENERATED_RECORD_SHEET)?.visibility).toBe('VeryHidden');
    expect(decodeGenerated(wb.grid(MARK_STORE_SHEET).values, wb.grid(GENERATED_RECORD_SHEET).values).sheets.sort()).toEqual([...GENERATED].sort());
  });

  it('run, clear, run: the generated sheets are replaced, never taken for the user\'s', async () => {
    const grids = await fixture(name);
    const wb = open(grids);
    ok(await run());
    expect(await createExcelHost().clearMarks()).toMatchObject({ ok: true });
    const again = ok(await run());
    expect(again.renamedSheets).toBeUndefined();
    expect(wb.sheetNames().filter((n) => n.includes('(核验)'))).toEqual([]);
  });

  it('gives the same workbook on a second run', async () => {
    const grids = await fixture(name);
    const marks = marksOf(expected(grids));
    const wb = open(grids);
    wb.setNote(marks[0].sheet, marks[0].address, '原有批注');
    wb.setFill(marks[1].sheet, marks[1].address, '#DDEBF7');
    ok(await run());
    const first = wb.snapshot();
    const second = ok(await run());
    expect(second.syncs).toBeLessThanOrEqual(4);
    expect(wb.snapshot()).toEqual(first);
  });
});

describe('notes, comments, or only 核验_问题清单, by requirement set', () => {
  it('writes notes with ExcelApi 1.18', async () => {
    const grids = await fixture('03-county-plain');
    const wb = open(grids, { requirementSets: { ExcelApi: '1.18' } });
    const out = ok(await run());
    expect(out.notesVia).toBe('note');
    expect(wb.comments()).toEqual([]);
    // One note per mark, and the 表Ⅲ 综合 notes of the official table (one per 学段).
    expect(wb.notes()).toHaveLength(out.marks + 2);
    expect(wb.notes().filter((n) => n.address.startsWith('J')).length).toBeGreaterThanOrEqual(0);
  });

  it('writes comments without notes (ExcelApi 1.10–1.17) and clears them, keeping a user comment', async () => {
    const grids = await fixture('03-county-plain');
    const marks = marksOf(expected(grids));
    const wb = open(grids, { requirementSets: { ExcelApi: '1.17' } });
    wb.setComment(marks[2].sheet, marks[2].address, '用户的批注');
    wb.setComment('学校基本信息', 'A1', '表头批注');
    const before = userPart(wb);
    const out = ok(await run());
    expect(out.notesVia).toBe('comment');
    expect(wb.notes()).toEqual([]);
    expect(wb.comments()).toHaveLength(marks.length + 1);
    expectMarked(wb, marks, 'comment', [marks[2]]);
    expect(wb.cell(marks[2].sheet, marks[2].address).comment).toBe('用户的批注');
    const again = wb.snapshot();
    ok(await run());
    expect(wb.snapshot()).toEqual(again);
    const cleared = await createExcelHost().clearMarks();
    expect(cleared).toMatchObject({ ok: true, restored: marks.length, syncs: 2 });
    expect(userPart(wb)).toEqual(before);
  });

  it('leaves notes and comments alone with ExcelApi 1.9 and says the explanations are in 核验_问题清单', async () => {
    const grids = await fixture('03-county-plain');
    const marks = marksOf(expected(grids));
    const wb = open(grids, { requirementSets: { ExcelApi: '1.9' } });
    const before = userPart(wb);
    const out = ok(await run());
    expect(out.notesVia).toBe('sheet');
    expectMarked(wb, marks, 'sheet');
    expect(wb.sheetNames()).toContain('核验_问题清单');
    expect(await createExcelHost().clearMarks()).toMatchObject({ ok: true, restored: marks.length });
    expect(userPart(wb)).toEqual(before);
  });

  it('refuses a host older than ExcelApi 1.9 without touching the workbook', async () => {
    const wb = open(await fixture('01-worked-example'), { requirementSets: { ExcelApi: '1.8' } });
    const before = wb.snapshot();
    const out = await run();
    expect(out).toMatchObject({ ok: false, syncs: 0, fatal: { code: 'excel-error' } });
    expect(!out.ok && out.fatal.message).toMatch(/ExcelApi 1\.9/);
    expect(wb.snapshot()).toEqual(before);
    expect(wb.syncCount).toBe(0);
  });
});

describe('a host newer than the loaded office.js (the intranet build, OFFICE_JS=local)', () => {
  // The local copy is @microsoft/office-js 1.1.110 (2022): no Notes API (ExcelApi 1.18, 2024), while a current
  // Microsoft 365 answers isSetSupported('ExcelApi', '1.18') with true. Requirement sets describe the host, not the
  // library (https://learn.microsoft.com/office/dev/add-ins/develop/specify-office-hosts-and-api-requirements), so
  // `workbook.notes` is undefined there and notes must not be used.
  it('uses comments when the host claims notes but the library has no NoteCollection', async () => {
    const grids = await fixture('03-county-plain');
    const marks = marksOf(expected(grids));
    const wb = open(grids, { requirementSets: { ExcelApi: '1.18' }, library: { ExcelApi: '1.15' } });
    const before = userPart(wb);
    const out = ok(await run());
    expect(out.notesVia).toBe('comment');
    expect(wb.notes()).toEqual([]);
    expectMarked(wb, marks, 'comment');
    expect(await createExcelHost().clearMarks()).toMatchObject({ ok: true, restored: marks.length });
    expect(userPart(wb)).toEqual(before);
  });

  it('uses 核验_问题清单 only when the library has neither notes nor comments', async () => {
    const grids = await fixture('03-county-plain');
    const wb = open(grids, { requirementSets: { ExcelApi: '1.18' }, library: { ExcelApi: '1.9' } });
    const out = ok(await run());
    expect(out.notesVia).toBe('sheet');
    expect([wb.notes(), wb.comments()]).toEqual([[], []]);
  });
});

describe('refusals leave the workbook exactly as it was', () => {
  it('a protected input sheet with marks to place', async () => {
    const grids = await fixture('03-county-plain');
    const wb = open(grids);
    wb.setSheetProtected('分学段信息');
    const before = wb.snapshot();
    const out = await run();
    expect(out).toMatchObject({ ok: false, syncs: 1, fatal: { code: 'sheet-protected', sheet: '分学段信息' } });
    expect(!out.ok && out.fatal.message).toMatch(/工作表「分学段信息」受保护.*本次没有修改工作簿/);
    expect(wb.snapshot()).toEqual(before);
  });

  it('a protected sheet holding earlier marks, and clearMarks on it', async () => {
    const grids = await fixture('01-worked-example');
    const wb = open(grids);
    ok(await run());
    wb.setSheetProtected('学校基本信息');
    const before = wb.snapshot();
    expect(await run()).toMatchObject({ ok: false, fatal: { code: 'sheet-protected' } });
    expect(await createExcelHost().clearMarks()).toMatchObject({ ok: false, syncs: 1, fatal: { code: 'sheet-protected', sheet: '学校基本信息' } });
    expect(wb.snapshot()).toEqual(before);
  });

  it('a protected workbook structure (sheets cannot be added or deleted)', async () => {
    const wb = open(await fixture('02-exact-thresholds'));
    wb.setStructureProtected(true);
    const before = wb.snapshot();
    const out = await run();
    expect(out).toMatchObject({ ok: false, syncs: 1, fatal: { code: 'sheet-protected' } });
    expect(!out.ok && out.fatal.message).toMatch(/工作簿结构受保护/);
    expect(wb.snapshot()).toEqual(before);
  });

  it('a workbook that is not the template (missing sheet)', async () => {
    const grids = (await fixture('01-worked-example')).filter((g) => g.name !== '分学段信息');
    const wb = open(grids);
    const before = wb.snapshot();
    const out = await run();
    expect(out).toMatchObject({ ok: false, syncs: 1, fatal: { code: 'missing-sheet', sheet: '分学段信息' } });
    expect(!out.ok && out.fatal.message).toMatch(/缺少工作表「分学段信息」/);
    expect(wb.snapshot()).toEqual(before);
  });

  it('an Excel error before any write becomes a Chinese Fatal, never an exception', async () => {
    const wb = open(generateCounty(100), { responseLimit: 10_000 });
    const before = wb.snapshot();
    const out = await run();
    // The read refused, refused again without the school sheets' first number formats, again without the formula cells, then one look at the used ranges for a stray cell (none).
    expect(out).toMatchObject({ ok: false, syncs: 4, fatal: { code: 'excel-error' } });
    expect(!out.ok && out.fatal.message).toMatch(/5 MB.*本次没有修改工作簿/);
    expect(wb.snapshot()).toEqual(before);
  });

  it('an Excel error during the writes says so, and clearMarks then restores the user’s sheets', async () => {
    const wb = open(generateCounty(100), { requestLimit: 40_000 });
    const before = userPart(wb);
    const out = await run();
    expect(out).toMatchObject({ ok: false, syncs: 4, fatal: { code: 'excel-error' } });
    expect(!out.ok && out.fatal.message).toMatch(/可能已被部分修改.*清除标记/);
    expect(wb.sheetNames()).not.toContain('核验_学校达标');
    expect(await createExcelHost().clearMarks()).toMatchObject({ ok: true });
    expect(userPart(wb)).toEqual(before);
  });

  it('a protected sheet the run does not write to does not stop it', async () => {
    const wb = open(generateCounty(10));
    wb.setSheetProtected('填报说明');
    ok(await run());
  });
});

describe('the generated sheets', () => {
  it('keep codes as text, format numbers, style the header, link 核验_问题清单 to the cells', async () => {
    const grids = generateCounty(30);
    const wb = open(grids);
    wb.setValue('学校基本信息', 'K5', -5);
    ok(await run());
    expect(wb.cell('核验_学校达标', 'A4')).toMatchObject({ value: '3610000000', numberFormat: '@' });
    expect(wb.cell('核验_学校达标', 'E4').numberFormat).toBe('0.00');
    expect(typeof wb.cell('核验_学校达标', 'E4').value).toBe('number');
    expect(wb.cell('核验_学校达标', 'A3')).toMatchObject({ bold: true, fill: '#DDEBF7', wrap: true, horizontalAlignment: 'Center' });
    expect(wb.cell('核验_学校达标', 'A3').borders).toEqual({ top: 'Continuous', bottom: 'Continuous', left: 'Continuous', right: 'Continuous' });
    expect(wb.cell('核验_学校达标', 'A1')).toMatchObject({ bold: true, fontSize: 14 });
    expect(wb.sheetInfo('核验_学校达标')?.columnWidths.B).toBeGreaterThan(wb.sheetInfo('核验_学校达标')?.columnWidths.C ?? Infinity);
    const issues = wb.grid('核验_问题清单').values;
    const row = issues.findIndex((r) => r[2] === 'K5');
    expect(row).toBeGreaterThan(2);
    expect(wb.cell('核验_问题清单', `C${row + 1}`)).toMatchObject({ value: 'K5', link: "'学校基本信息'!K5" });
    expect(wb.cell('学校基本信息', 'K5')).toMatchObject({ value: -5, fill: MARK_COLORS.error });
  });

  it('replaces only the generated sheets it recorded; a user\'s own 核验_问题清单 (stray spaces or not) is kept and the results go to 核验_问题清单(核验)', async () => {
    const wb = open(generateCounty(10));
    wb.addSheet(' 核验_问题清单 ', { name: ' 核验_问题清单 ', values: [['旧内容']] });
    const first = ok(await run());
    expect(first.renamedSheets).toEqual([{ sheet: '核验_问题清单', writtenAs: '核验_问题清单(核验)' }]);
    const second = ok(await run());
    expect(second.renamedSheets).toEqual([{ sheet: '核验_问题清单', writtenAs: '核验_问题清单(核验)' }]);
    expect(wb.grid(' 核验_问题清单 ').values).toEqual([['旧内容']]);
    expect(wb.sheetNames().filter((n) => n.includes('核验_问题清单'))).toEqual([' 核验_问题清单 ', '核验_问题清单(核验)']);
    expect(wb.sheetNames().filter((n) => GENERATED.includes(n))).toEqual(['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡']);
    expect(wb.grid('核验_问题清单(核验)').values[2].slice(0, 3)).toEqual(['严重程度', '工作表', '单元格']);
    expect(wb.grid(GENERATED_RECORD_SHEET).values.map((r) => r[0])).toEqual(['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单(核验)']);
    // The mark record no longer lists sheets (format 3): the list has its own sheet.
    expect(wb.grid(MARK_STORE_SHEET).values.filter((r) => r[2] === '生成的工作表')).toEqual([]);
  });

  it('a record of format 2 (the list of generated sheets inside the mark record) is read, and the list moves to 均衡核验_生成记录', async () => {
    const wb = open(generateCounty(10));
    // An earlier version's output: its 表Ⅲ and 核验_问题清单 listed in the mark record; the user's own 表Ⅳ not listed.
    wb.addSheet('表Ⅲ', { name: '表Ⅲ', values: [['旧的表Ⅲ']] });
    wb.addSheet('核验_问题清单', { name: '核验_问题清单', values: [['旧的问题清单']] });
    wb.addSheet('表Ⅳ', { name: '表Ⅳ', values: [['我自己的表Ⅳ']] });
    wb.addSheet(MARK_STORE_SHEET, {
      name: MARK_STORE_SHEET,
      values: [['工作表', '单元格', '级别', '原填充色', '原有批注', '原批注内容'], ['表Ⅲ', '', '生成的工作表', '', '', ''], ['核验_问题清单', '', '生成的工作表', '', '', ''], ['', '', '记录格式', '2', '', '']],
    });
    const out = ok(await run());
    expect(out.renamedSheets).toBeUndefined();
    expect(wb.grid('表Ⅲ').values[0][0]).not.toBe('旧的表Ⅲ');
    expect(wb.grid('表Ⅳ').values).toEqual([['我自己的表Ⅳ']]);
    expect(out.analysis.report.issues.filter((i) => i.code === 'shenbao-sheet-exists').map((i) => i.sheet)).toEqual(['表Ⅳ']);
    expect(wb.sheetNames().filter((n) => n.includes('问题清单'))).toEqual(['核验_问题清单']);
    expect(wb.sheetInfo(GENERATED_RECORD_SHEET)?.visibility).toBe('VeryHidden');
    const listed = wb.grid(GENERATED_RECORD_SHEET).values.map((r) => r[0]);
    expect(listed).toEqual(['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单']);
    expect(wb.grid(MARK_STORE_SHEET).values.filter((r) => r[2] === '生成的工作表')).toEqual([]);
    // Again: the same sheets, the user's 表Ⅳ still untouched.
    const again = ok(await run());
    expect(again.analysis.report.issues.filter((i) => i.code === 'shenbao-sheet-exists').map((i) => i.sheet)).toEqual(['表Ⅳ']);
    expect(wb.grid(GENERATED_RECORD_SHEET).values.map((r) => r[0])).toEqual(listed);
    expect(wb.grid('表Ⅳ').values).toEqual([['我自己的表Ⅳ']]);
  });

  it('a user\'s 「表ⅲ」 (U+2172) is the official 「表Ⅲ」 (U+2162) to Excel (sheet names ignore case): kept as it is, warned, 表Ⅲ not written', async () => {
    const wb = open([...generateCounty(10), { name: '表ⅲ', values: [['我自己的表Ⅲ'], ['手填', 3]] }]);
    const mine = () => wb.snapshot().sheets.find((x) => x.name === '表ⅲ');
    const before = mine();
    for (let i = 0; i < 2; i++) {
      const out = ok(await run());
      expect(out.renamedSheets).toBeUndefined();
      expect(out.analysis.report.issues.filter((x) => x.code === 'shenbao-sheet-exists').map((x) => [x.sheet, x.message])).toEqual([
        ['表ⅲ', '工作簿中已有工作表「表ⅲ」（与「表Ⅲ」只差大小写，Excel 视为同名），不是本程序生成的，未作改动；申报表「表Ⅲ」本次未生成'],
      ]);
      expect(wb.sheetNames().filter((n) => n.startsWith('表'))).toEqual(['表ⅲ', '表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅳ', '表Ⅴ', '表Ⅵ']);
      expect(mine()).toEqual(before);
      expect(decodeGenerated(wb.grid(MARK_STORE_SHEET).values).sheets).not.toContain('表ⅲ');
    }
  });

  it('a user\'s sheet named 核验_学校达标 is never deleted, also without marks (applyMarks: false)', async () => {
    const wb = open(generateCounty(10));
    wb.addSheet('核验_学校达标', { name: '核验_学校达标', values: [['我的汇总', 1]] });
    const out = ok(await run({ applyMarks: false }));
    expect(out.renamedSheets).toEqual([{ sheet: '核验_学校达标', writtenAs: '核验_学校达标(核验)' }]);
    expect(wb.grid('核验_学校达标').values).toEqual([['我的汇总', 1]]);
    ok(await run({ applyMarks: false }));
    expect(wb.grid('核验_学校达标').values).toEqual([['我的汇总', 1]]);
    expect(wb.sheetNames().filter((n) => n.startsWith('核验_学校达标'))).toEqual(['核验_学校达标', '核验_学校达标(核验)']);
  });

  it('a record written before sheets were listed (no version row): same-named sheets are taken as the product\'s', async () => {
    const wb = open(generateCounty(10));
    // The old name of an earlier version: migrated (deleted), the working sheet written under its new name.
    wb.addSheet('问题清单', { name: '问题清单', values: [['旧的问题清单']] });
    wb.addSheet(MARK_STORE_SHEET, { name: MARK_STORE_SHEET, values: [['工作表', '单元格', '级别', '原填充色', '原有批注', '原批注内容']] });
    const out = ok(await run());
    expect(out.renamedSheets).toBeUndefined();
    expect(wb.sheetNames().filter((n) => n.includes('问题清单'))).toEqual(['核验_问题清单']);
    expect(wb.grid('核验_问题清单').values[0][0]).toBe('问题清单');
  });

  it('select() activates the sheet and selects the cell; a missing sheet (表Ⅲ before it is written) is said, nothing changed', async () => {
    const wb = open(generateCounty(10));
    const host = createExcelHost();
    await expect(host.select('分学段信息', 'D8')).resolves.toBe(true);
    expect(wb.activeSheet()).toBe('分学段信息');
    expect(wb.selection()).toBe('分学段信息!D8');
    await expect(host.select('表Ⅲ', 'C5')).resolves.toBe(false);
    expect([wb.activeSheet(), wb.selection()]).toEqual(['分学段信息', '分学段信息!D8']);
  });
});

describe('options, phases and settings', () => {
  it('reports the phases in order', async () => {
    open(generateCounty(10));
    const phases: Phase[] = [];
    ok(await run({ onPhase: (p) => phases.push(p) }));
    expect(phases).toEqual(['读取', '校验', '计算', '标记', '生成汇总']);
  });

  it('applyMarks: false writes only the generated sheets; writeSheets: false only the marks', async () => {
    const grids = generateCounty(20);
    const a = open(grids);
    const outA = ok(await run({ applyMarks: false }));
    expect(outA.marks).toBe(0);
    expect(filled(a)).toEqual([]);
    // The (very hidden) record sheet is made on the first run (it holds the run lock), with no cell; its sibling
    // lists the generated sheets (so that only those are ever replaced).
    expect(a.sheetNames()).toEqual(['填报说明', ...INPUT, MARK_STORE_SHEET, GENERATED_RECORD_SHEET, ...GENERATED]);
    expect(decodeStore(a.grid(MARK_STORE_SHEET).values)).toEqual([]);
    expect(a.grid(GENERATED_RECORD_SHEET).values).toEqual(GENERATED.map((n) => [n]));
    uninstallFakeOffice();
    const b = open(grids);
    const outB = ok(await run({ writeSheets: false }));
    expect(outB.marks).toBeGreaterThan(0);
    // Both records are made on the first run, whatever it writes (hiding them clears the undo history once).
    expect(b.sheetNames()).toEqual(['填报说明', ...INPUT, MARK_STORE_SHEET, GENERATED_RECORD_SHEET]);
    expect(b.grid(GENERATED_RECORD_SHEET).values).toEqual([]);
  });

  it('finds an input sheet whose tab name has stray spaces, still within 4 syncs', async () => {
    const grids = generateCounty(20).map((g) => (g.name === '学校基本信息' ? { ...g, name: ' 学校基本信息 ' } : g));
    const wb = open(grids);
    const out = ok(await run());
    expect(out.syncs).toBeLessThanOrEqual(4);
    const marks = marksOf(expected(grids));
    expect(marks.some((m) => m.sheet === ' 学校基本信息 ')).toBe(true);
    expectMarked(wb, marks, 'note');
  });

  it('reads used ranges that do not start at A1 back onto the right cells', async () => {
    const shift = (g: CellGrid): CellGrid =>
      INPUT.includes(g.name)
        ? { ...g, values: [[], [], ...g.values.map((r) => [null, ...r])], numberFormats: g.numberFormats && [[], [], ...g.numberFormats.map((r) => [null, ...r])] }
        : g;
    const grids = generateCounty(40).map(shift);
    const wb = open(grids);
    const out = ok(await run());
    const want = expected(grids);
    expect(out.analysis.report).toEqual(want.report);
    const marks = marksOf(want);
    expect(marks.every((m) => !m.address.startsWith('A'))).toBe(true);
    expectMarked(wb, marks, 'note');
  });

  it('ignores mark records of sheets that no longer exist', async () => {
    const wb = open(generateCounty(10));
    wb.addSheet(MARK_STORE_SHEET, { name: MARK_STORE_SHEET, values: [['工作表', '单元格', '级别', '原填充色', '原有批注', '原批注内容'], ['已删除', 'A1', 'fail', '', '否', '']] });
    ok(await run());
    expect(decodeStore(wb.grid(MARK_STORE_SHEET).values).some((l) => l.sheet === '已删除')).toBe(false);
  });

  it('saves and loads its settings with the workbook', async () => {
    const wb = open(generateCounty(1));
    const host = createExcelHost();
    expect(await host.loadSettings()).toBeNull();
    await host.saveSettings({ profile: 'strict-scope', writeSheets: false });
    expect(wb.savedSettings()).toEqual({ 'junheng.settings': { profile: 'strict-scope', writeSheets: false } });
    expect(await host.loadSettings()).toEqual({ profile: 'strict-scope', writeSheets: false });
  });
});

describe('request budget', () => {
  // Two write syncs at most here (the classic four syncs); sizes are the fake's conservative count (escaped JSON).
  const planOf = async (budget: number, limit: number, maxWriteSyncs = 2) => {
    const grids = generateCounty(100);
    const wb = open(grids, { requestLimit: limit });
    const plans: RunPlan[] = [];
    const out = await run({}, createExcelHost({ requestBudget: budget, maxWriteSyncs, onPlan: (p) => plans.push(p) }));
    return { wb, out, plan: plans[0] };
  };

  it('moves work between the two write syncs when one group alone would pass the budget', async () => {
    // Budgets grown with the official 申报表 tables written beside the working sheets.
    const { wb, out, plan } = await planOf(172_000, 172_000);
    expect(ok(out).notesVia).toBe('note');
    expect(out.syncs).toBe(4);
    expect(plan.writeBytes).toHaveLength(2);
    expect(Math.max(...wb.requestSizes)).toBeLessThanOrEqual(172_000);
    wb.requestSizes.slice(2).forEach((size, i) => expect(size).toBeLessThanOrEqual(plan.writeBytes[i]));
  });

  it('lets notes give way to 核验_问题清单 when marks and sheets do not fit with them', async () => {
    const { wb, out, plan } = await planOf(162_000, 162_000);
    expect(ok(out).notesVia).toBe('sheet');
    expect(plan.notes).toBe('sheet');
    expect(wb.notes()).toEqual([]);
    expect(filled(wb).length).toBe(out.ok ? out.marks : -1);
    expect(Math.max(...wb.requestSizes)).toBeLessThanOrEqual(162_000);
  });

  it('refuses, changing nothing, when even that does not fit', async () => {
    const { wb, out } = await planOf(30_000, 30_000);
    expect(out).toMatchObject({ ok: false, syncs: 2, fatal: { code: 'excel-error' } });
    expect(!out.ok && out.fatal.message).toMatch(/超过了 Excel 单次通信的上限.*本次没有修改工作簿/);
    expect(wb.sheetNames()).toEqual(['填报说明', ...INPUT]);
    expect(filled(wb)).toEqual([]);
  });
});

describe('a hidden stale copy of an input sheet (issue 11 point 9, in the add-in)', () => {
  it('reads the visible 「学校基本信息 」, names both in a duplicate-sheet error, and marks only the visible sheet', async () => {
    const grids = await fixture('03-county-plain');
    const schools = grids.find((g) => g.name === '学校基本信息')!;
    // The stale copy: same headers, a school with a different name and no resources (would fail everything).
    const stale: CellGrid = { name: '学校基本信息', values: schools.values.map((r, i) => (i === 0 ? r : r.map((v, j) => (j === 0 ? v : j === 1 ? '旧学校' : v)))) };
    const visible: CellGrid = { ...schools, name: '学校基本信息 ' };
    const wb = open([stale, visible, ...grids.filter((g) => g.name !== '学校基本信息')]);
    wb.setVisibility('学校基本信息', 'Hidden');
    const out = await run({ writeSheets: false });
    if (!out.ok) throw new Error(out.fatal.message);
    const dup = out.analysis.report.issues.filter((i) => i.code === 'duplicate-sheet');
    expect(dup.map((i) => i.message)).toEqual([
      '工作簿中有2个名称只差空格或大小写的工作表：「学校基本信息」（隐藏）、「学校基本信息 」；已读取可见的「学校基本信息 」，隐藏的「学校基本信息」未读取',
    ]);
    // Every unit is read from the visible sheet: its names, not the stale ones.
    expect(out.analysis.report.units.some((u) => u.schoolName === '旧学校')).toBe(false);
    expect(out.analysis.report.units.map((u) => u.cell.split('!')[0])).toEqual(out.analysis.report.units.map(() => '学校基本信息 '));
    // The duplicate-sheet error is the only error, and no cell of the hidden copy is marked.
    expect(filled(wb).filter((k) => k.startsWith('学校基本信息!'))).toEqual([]);
    expect(out.analysis.report.summary.errors).toBe(1);
  });
});

describe('the official 申报表 tables in the add-in', () => {
  it('are written on the fake as annotate writes them: values, merges, dark fill, notes (ExcelApi 1.18), grey working tabs', async () => {
    const grids = await fixture('04-county-messy');
    const wb = open(grids, { requirementSets: { ExcelApi: '1.18' } });
    ok(await run());
    // (The very hidden records come first in the add-in: the mark record is made once and holds the run lock,
    // the list of generated sheets is written before the sheets it names.)
    expect(wb.sheetNames()).toEqual([...INPUT, MARK_STORE_SHEET, GENERATED_RECORD_SHEET, ...GENERATED]);
    expect(wb.grid('表Ⅱ-1').values[0][0]).toBe('表Ⅱ-1 小学、初中资源配置基本情况');
    expect(wb.sheetInfo('表Ⅱ-1')?.merges).toEqual(['A2:B3', 'A4:A5', 'A6:A7']);
    expect(wb.sheetInfo('表Ⅲ')?.merges).toEqual(['A2:B3', 'A4:A5', 'A6:A7']);
    expect(wb.sheetInfo('表Ⅱ-2')?.merges[0]).toBe('A1:O1');
    // The same cells as the pure grids (the add-in and annotate write one function's output).
    const { shenbaoSheets } = await import('../../../src/report/shenbao/tables');
    const t3 = shenbaoSheets(expected(grids)).sheets.find((g) => g.name === '表Ⅲ')!;
    expect(wb.grid('表Ⅲ').values.slice(3, 7).map((r) => r.slice(2, 10))).toEqual(t3.rows.slice(3, 7).map((r) => r.slice(2, 10).map((c) => (c.value === '' ? null : c.value))));
    // 表Ⅱ-2 G7 of this county rounds to the threshold but misses it: the dark fill.
    expect(wb.cell('表Ⅱ-2', 'G7').fill).toBe('#BFBFBF');
    expect(wb.notes().filter((n) => n.sheet === '表Ⅲ').map((n) => n.address)).toEqual(['J5', 'J7']);
    for (const n of ['核验_学校达标', '核验_校际均衡', '核验_问题清单']) expect([n, wb.sheetInfo(n)?.tabColor]).toEqual([n, '#808080']);
    expect(wb.sheetInfo('表Ⅲ')?.tabColor).toBe('');
    // A second run replaces them: the same official sheets, not doubled.
    const before = ['表Ⅱ-1', '表Ⅱ-2', '表Ⅲ'].map((n) => [wb.grid(n).values, wb.sheetInfo(n)?.merges]);
    ok(await run());
    // (The very hidden records come first in the add-in: the mark record is made once and holds the run lock,
    // the list of generated sheets is written before the sheets it names.)
    expect(wb.sheetNames()).toEqual([...INPUT, MARK_STORE_SHEET, GENERATED_RECORD_SHEET, ...GENERATED]);
    expect(['表Ⅱ-1', '表Ⅱ-2', '表Ⅲ'].map((n) => [wb.grid(n).values, wb.sheetInfo(n)?.merges])).toEqual(before);
  });
});
