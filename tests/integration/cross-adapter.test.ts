/**
 * A workbook annotated by the command line (exceljs) and then opened in Excel: 「清除标记」 in the add-in
 * (the Office.js adapter, here on the fake Excel) restores every earlier fill and note. Both adapters
 * share one mark record and one note convention (src/report/markstore.ts).
 */
import ExcelJS from 'exceljs';
import { createExcelHost } from '../../src/hosts/excel/adapter';
import { FakeWorkbook, installFakeOffice, uninstallFakeOffice } from '../../src/hosts/fake-excel';
import { gridsOf } from '../../src/hosts/exceljs/read';
import { a1 } from '../../src/template/grid';
import { decodeStore, MARK_STORE_SHEET } from '../../src/report/markstore';
import { cli } from '../helpers/run-cli';
import { TemplateBuilder, tempDir } from '../helpers/template-builder';

const INPUT_SHEETS = ['学校基本信息', '分学段信息', '县级指标'];
const tmp = tempDir();
afterAll(() => tmp.cleanup());

function noteText(n: ExcelJS.Comment | string | undefined): string | null {
  if (n === undefined || n === null) return null;
  return typeof n === 'string' ? n : (n.texts ?? []).map((t) => t.text).join('');
}

function fillHex(c: ExcelJS.Cell): string | null {
  const f = c.fill as ExcelJS.FillPattern | undefined;
  const argb = f && f.pattern === 'solid' ? f.fgColor?.argb : undefined;
  return argb ? `#${argb.slice(-6).toUpperCase()}` : null;
}

/** The fake Excel holding what Excel would show for a saved file: values, solid fills, notes, sheet states. */
async function openInFakeExcel(path: string): Promise<FakeWorkbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const fake = FakeWorkbook.fromGrids(gridsOf(wb));
  for (const ws of wb.worksheets) {
    if (ws.state === 'veryHidden') fake.setVisibility(ws.name, 'VeryHidden' as never);
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (c) => {
        const fill = fillHex(c);
        if (fill) fake.setFill(ws.name, c.address, fill);
        const note = noteText(c.note as ExcelJS.Comment | string | undefined);
        if (note) fake.setNote(ws.name, c.address, note);
      }),
    );
  }
  return fake;
}

function looks(fake: FakeWorkbook): Record<string, { fill: string | null; note: string | null }> {
  const out: Record<string, { fill: string | null; note: string | null }> = {};
  for (const sheet of INPUT_SHEETS) {
    const g = fake.grid(sheet);
    g.values.forEach((row, r) =>
      row.forEach((_v, c) => {
        const addr = a1(r, c);
        const view = fake.cell(sheet, addr);
        if (view.fill || view.note) out[`${sheet}!${addr}`] = { fill: view.fill, note: view.note };
      }),
    );
  }
  return out;
}

it('the add-in clears the marks the command line wrote, restoring the earlier fills and notes', async () => {
  const b = TemplateBuilder.base().setSchool('0360000001', { teachingArea: 3000, equipment: 100 }).setStage('0360000001', '小学', { backbone: 5 });
  const plain = await b.write(tmp.file('plain.xlsx'));
  const k = b.schoolCell('0360000001', 'teachingArea');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(plain);
  const ws = wb.getWorksheet('学校基本信息')!;
  ws.getCell(k).style = { ...ws.getCell(k).style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF92D050' } } };
  ws.getCell(k).note = '校舍数据来自2024年普查';
  const input = tmp.file('input.xlsx');
  await wb.xlsx.writeFile(input);
  const out = tmp.file('annotated.xlsx');
  expect((await cli('annotate', input, '-o', out)).code).toBe(0);

  const before = looks(await openInFakeExcel(input));
  expect(before[`学校基本信息!${k}`]).toEqual({ fill: '#92D050', note: '校舍数据来自2024年普查' });
  const fake = await openInFakeExcel(out);
  const marked = looks(fake);
  expect(marked[`学校基本信息!${k}`].fill).toBe('#FFD8A8');
  // The user's note stays as it was (its explanation is in 问题清单); other marked cells carry ours.
  expect(marked[`学校基本信息!${k}`].note).toBe('校舍数据来自2024年普查');
  expect(Object.values(marked).filter((l) => l.note?.startsWith('【均衡核验】')).length).toBe(Object.keys(marked).length - 1);
  expect(Object.keys(marked).length).toBeGreaterThan(2);

  installFakeOffice(fake);
  try {
    const outcome = await createExcelHost().clearMarks();
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.restored).toBe(Object.keys(marked).length - Object.keys(before).length + 1);
  } finally {
    uninstallFakeOffice();
  }
  expect(looks(fake)).toEqual(before);
  // What stays of the record lists no cell, only the generated sheets (so that they are replaced next time).
  expect(decodeStore(fake.grid(MARK_STORE_SHEET).values)).toEqual([]);
});
