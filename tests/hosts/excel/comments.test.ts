/**
 * Other people's notes and comments (issue 14, point 3). The add-in never deletes, rewrites or moves a note or
 * comment it did not write; a marked cell that holds one keeps it byte for byte (replies, @mentions and author
 * included) and its explanation is only in 核验_问题清单 and the pane.
 *
 * What the fake models, after Microsoft's documentation:
 * - a comment is a thread: Comment.delete "deletes the comment and all the connected replies"
 *   (https://learn.microsoft.com/javascript/api/excel/excel.comment#excel-excel-comment-delete-member(1));
 * - Comment.content is plain text: setting it stores plain text, so @mentions (contentType 'Mention',
 *   https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-comments#mentions) are lost;
 * - a cell holds one note or one threaded comment, never both ("The difference between threaded comments and
 *   notes", https://support.microsoft.com/office/75a51eec-4092-42ab-abf8-7669077b7be3): adding the other kind is
 *   refused (the fake says InvalidArgument; the exact code real Excel gives is not documented).
 */
import { noteText } from '../../../src/report/markstore';
import { NATIONAL } from '../../../src/domain/profile';
import { createExcelHost, NOTE_MARKER, NOTE_ORIGINAL } from '../../../src/hosts/excel/adapter';
import { FakeWorkbook, installFakeOffice, uninstallFakeOffice, type FakeOfficeOptions } from '../../../src/hosts/fake-excel';
import { analyse } from '../../../src/report/build';
import { marksOf } from '../../../src/report/marks';
import { MARK_COLORS, type Mark } from '../../../src/report/model';
import type { CellGrid } from '../../../src/template/grid';
import { generateCounty } from './county';
import { GENERATED, userPart } from './user-part';

const NOTES: FakeOfficeOptions = { requirementSets: { ExcelApi: '1.18' } };
const COMMENTS: FakeOfficeOptions = { requirementSets: { ExcelApi: '1.17' } };

afterEach(() => uninstallFakeOffice());

const grids: CellGrid[] = generateCounty(20);
const marks: Mark[] = (() => {
  const r = analyse(grids, NATIONAL);
  if (!r.ok) throw new Error(r.fatal.message);
  return marksOf(r.analysis);
})();

function open(options: FakeOfficeOptions, setup: (wb: FakeWorkbook) => void): FakeWorkbook {
  const wb = FakeWorkbook.fromGrids(grids, { author: '县教育局 李老师' });
  setup(wb);
  installFakeOffice(wb, options);
  return wb;
}

const run = () => createExcelHost().run({ profile: NATIONAL });
const clear = () => createExcelHost().clearMarks();

/** One cell's note and comment as the snapshot shows them (content, author, replies, mentions). */
function annotationsAt(wb: FakeWorkbook, m: { sheet: string; address: string }) {
  const cell = wb.snapshot().sheets.find((s) => s.name === m.sheet)!.cells[m.address] ?? {};
  return { note: cell.note ?? null, comment: cell.comment ?? null };
}

const THREAD = {
  author: '学校 王老师',
  replies: [{ content: '已让学校重新填报', author: '县教育局 张老师' }],
  mentions: [{ name: '张老师', email: 'zhang@example.edu.cn' }],
};

describe('a marked cell that holds someone’s threaded comment', () => {
  it.each([
    ['notes (ExcelApi 1.18)', NOTES],
    ['comments (ExcelApi 1.10–1.17)', COMMENTS],
  ])('with %s: the comment, its replies and @mention stay exactly; the cell is marked, the explanation only listed', async (_label, options) => {
    const m = marks[0];
    const wb = open(options, (w) => w.setComment(m.sheet, m.address, '@张老师 这个数请核对', THREAD));
    const before = annotationsAt(wb, m);
    expect(before.comment).toMatchObject({ author: '学校 王老师', replies: [{ content: '已让学校重新填报' }], mentions: [{ name: '张老师' }] });
    const beforeAll = userPart(wb);

    const out = await run();
    if (!out.ok) throw new Error(out.fatal.message);
    expect(out.keptForUser).toBe(1);
    expect(wb.cell(m.sheet, m.address).fill).toBe(MARK_COLORS[m.level]);
    expect(annotationsAt(wb, m)).toEqual(before);
    // Every other marked cell has our explanation.
    const via = options === NOTES ? 'note' : 'comment';
    expect(marks.slice(1).every((x) => wb.cell(x.sheet, x.address)[via] === noteText(x.note, null))).toBe(true);
    // 核验_问题清单 lists the cell (a warning here) with its explanation.
    expect(m.level).toBe('warning');
    const row = wb.grid('核验_问题清单').values.find((r) => r[1] === m.sheet && r[2] === m.address);
    expect(row && m.note.includes(String(row[4]))).toBe(true);

    const again = wb.snapshot();
    const second = await run();
    expect(second.ok).toBe(true);
    expect(wb.snapshot()).toEqual(again);

    expect(await clear()).toMatchObject({ ok: true, restored: marks.length });
    expect(userPart(wb)).toEqual(beforeAll);
  });
});

describe('a marked cell that holds someone’s note', () => {
  it('with notes: the note stays byte for byte, no comment is added to the cell', async () => {
    const m = marks[1];
    const text = '数据来源：2024 年事业统计\n  （已核对，勿改）';
    const wb = open(NOTES, (w) => w.setNote(m.sheet, m.address, text));
    const before = userPart(wb);
    const out = await run();
    expect(out).toMatchObject({ ok: true, notesVia: 'note', keptForUser: 1 });
    expect(annotationsAt(wb, m)).toEqual({ note: { content: text, author: '县教育局 李老师' }, comment: null });
    await clear();
    expect(userPart(wb)).toEqual(before);
  });

  it('with comments only (no Notes API, so the note is invisible): Excel refuses the comment; the run completes, explanations listed', async () => {
    const m = marks[1];
    const wb = open(COMMENTS, (w) => w.setNote(m.sheet, m.address, '旧版批注'));
    const before = userPart(wb);
    const out = await run();
    if (!out.ok) throw new Error(out.fatal.message);
    expect(out.notesVia).toBe('sheet');
    expect(annotationsAt(wb, m)).toEqual({ note: { content: '旧版批注', author: '县教育局 李老师' }, comment: null });
    expect(marks.every((x) => wb.cell(x.sheet, x.address).fill === MARK_COLORS[x.level])).toBe(true);
    expect(wb.sheetNames()).toEqual(expect.arrayContaining(GENERATED));
    expect(await clear()).toMatchObject({ ok: true, restored: marks.length });
    expect(userPart(wb)).toEqual(before);
  });
});

describe('our own comment', () => {
  it('that a colleague replied to is not deleted by 清除标记 (that would delete the reply)', async () => {
    const m = marks[2];
    const wb = open(COMMENTS, () => undefined);
    expect((await run()).ok).toBe(true);
    const ours = wb.comments().find((c) => c.sheet === m.sheet && c.address === m.address)!;
    expect(ours.content).toBe(noteText(m.note, null));
    // The colleague's reply, as Excel stores it: the thread keeps our first entry.
    wb.setComment(m.sheet, m.address, ours.content, { replies: [{ content: '收到，已改', author: '学校 王老师' }] });

    expect(await clear()).toMatchObject({ ok: true, restored: marks.length });
    expect(wb.comments()).toEqual([expect.objectContaining({ sheet: m.sheet, address: m.address, replies: [{ content: '收到，已改', author: '学校 王老师' }] })]);
    expect(wb.cell(m.sheet, m.address).fill).toBeNull();
  });

  it('a note of ours that a colleague wrote on below (a plain note has no replies) is theirs: a second run and 清除标记 keep it', async () => {
    const m = marks[2];
    const wb = open(NOTES, () => undefined);
    expect((await run()).ok).toBe(true);
    const written = wb.cell(m.sheet, m.address).note!;
    expect(written).toBe(noteText(m.note, null));
    expect(written.endsWith('\n——均衡核验生成，重新核验时替换')).toBe(true);
    const edited = `${written}\n王科长（3/5）：已与学校核实，数据无误`;
    wb.setNote(m.sheet, m.address, edited);
    expect((await run()).ok).toBe(true);
    // Before: replaced by a fresh explanation, the colleague's line lost.
    expect(wb.cell(m.sheet, m.address).note).toBe(edited);
    expect(wb.cell(m.sheet, m.address).fill).toBe(MARK_COLORS[m.level]);
    expect(await clear()).toMatchObject({ ok: true });
    expect(wb.cell(m.sheet, m.address).note).toBe(edited);
    expect(wb.cell(m.sheet, m.address).fill).toBeNull();
  });

  it('written around someone’s note by an earlier version gives the note back as it was', async () => {
    const m = marks[3];
    const wb = open(NOTES, (w) => w.setNote(m.sheet, m.address, `${NOTE_MARKER}旧说明${NOTE_ORIGINAL}我的原注释`));
    const out = await run();
    expect(out).toMatchObject({ ok: true, notesVia: 'note' });
    expect(wb.cell(m.sheet, m.address).note).toBe('我的原注释');
    expect(wb.cell(m.sheet, m.address).fill).toBe(MARK_COLORS[m.level]);
  });
});

describe('the fake: comments as Excel keeps them', () => {
  it('deletes replies with their comment, drops @mentions when the content is set, and keeps one note or comment per cell', async () => {
    const wb = FakeWorkbook.fromGrids([{ name: 'S', values: [['a', 'b', 'c']] }]);
    wb.setComment('S', 'A1', '@张老师 请看', THREAD);
    wb.setComment('S', 'B1', '第二条', THREAD);
    wb.setNote('S', 'C1', '注释');
    installFakeOffice(wb);
    await Excel.run(async (ctx) => {
      const items = ctx.workbook.comments;
      items.load('items/content,items/contentType,items/replies/items/content,items/replies/items/authorName');
      await ctx.sync();
      expect(items.items.map((c) => [c.content, c.contentType, c.replies.items.map((r) => [r.content, r.authorName])])).toEqual([
        ['@张老师 请看', 'Mention', [['已让学校重新填报', '县教育局 张老师']]],
        ['第二条', 'Mention', [['已让学校重新填报', '县教育局 张老师']]],
      ]);
      items.items[0].content = '@张老师 请看（改）';
      items.items[1].delete();
      await ctx.sync();
    });
    expect(wb.comments()).toEqual([expect.objectContaining({ address: 'A1', content: '@张老师 请看（改）', mentions: [], replies: [{ content: '已让学校重新填报', author: '县教育局 张老师' }] })]);
    for (const add of [(ctx: Excel.RequestContext) => ctx.workbook.notes.add('S!A1', 'x'), (ctx: Excel.RequestContext) => ctx.workbook.comments.add('S!C1', 'x')]) {
      await expect(Excel.run(async (ctx) => {
        add(ctx);
        await ctx.sync();
      })).rejects.toMatchObject({ code: 'InvalidArgument' });
    }
  });
});
