/**
 * A workbook annotated by the command line (exceljs) and then opened in Excel: 「清除标记」 in the add-in
 * (the Office.js adapter, here on the fake Excel) restores every earlier fill and note. Both adapters
 * share one mark record and one note convention (src/report/markstore.ts).
 */
import type { CellGrid } from '../../src/template/grid';
import ExcelJS from 'exceljs';
import { createExcelHost } from '../../src/hosts/excel/adapter';
import { FakeWorkbook, installFakeOffice, uninstallFakeOffice } from '../../src/hosts/fake-excel';
import { gridsOf } from '../../src/hosts/exceljs/read';
import { a1 } from '../../src/template/grid';
import { decodeStore, MARK_STORE_SHEET } from '../../src/report/markstore';
import { readXlsxFile } from '../../src/hosts/xlsx/node-read';
import { NATIONAL } from '../../src/domain/profile';
import { cli, cliJson } from '../helpers/run-cli';
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

// ---- merged cells over data rows (issue 11, point 2): the add-in reads them as the command line does ----------

/** A workbook saved by exceljs with merged areas on 分学段信息 (the value stays in each area's top-left cell). */
async function mergedWorkbook(name: string, merges: string[]): Promise<string> {
  const b = TemplateBuilder.base();
  // 分学段信息: header row 1, then S1 小学, S2 初中, S3 小学 (row 4), S3 初中 (row 5); column R holds a school name.
  const file = await b.write(tmp.file(`${name}-plain.xlsx`), { stages: { extra: [{ header: '学校名称' }] } });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('分学段信息')!;
  ws.getCell('R4').value = '河西九年一贯制学校';
  ws.getCell('R5').value = '河西九年一贯制学校';
  for (const m of merges) ws.mergeCells(m);
  const out = tmp.file(`${name}.xlsx`);
  await wb.xlsx.writeFile(out);
  return out;
}

/** The add-in's report on the fake Excel holding what Excel shows for the file (merged areas merged). */
async function addinReport(path: string, options: Parameters<typeof installFakeOffice>[1] = {}): Promise<{ report: any; syncs: number; fake: FakeWorkbook }> {
  const fake = FakeWorkbook.fromGrids(await readXlsxFile(path));
  installFakeOffice(fake, options);
  try {
    const out = await createExcelHost().run({ profile: NATIONAL, applyMarks: false, writeSheets: false });
    if (!out.ok) throw new Error(out.fatal.message);
    return { report: out.analysis.report, syncs: out.syncs, fake };
  } finally {
    uninstallFakeOffice();
  }
}

const issueLines = (issues: any[]) => issues.map((i: any) => `${i.severity} ${i.code} ${i.sheet}!${i.cell ?? ''} ${i.message}`);

describe('merged cells in the add-in, as in the command line', () => {
  it('a 学校标识码 and a school name merged over a 一贯制 school’s two rows: the same issues and units', async () => {
    const file = await mergedWorkbook('merged-key', ['A4:A5', 'R4:R5']);
    const { json } = await cliJson('validate', file);
    const { report, fake } = await addinReport(file);
    // Excel keeps only the top-left value of a merged area: A5 is empty in the workbook the add-in reads.
    expect(fake.cell('分学段信息', 'A5').value).toBeNull();
    expect(fake.sheetInfo('分学段信息')!.merges).toEqual(['A4:A5', 'R4:R5']);
    expect(issueLines(json.issues).filter((l) => l.includes('merged'))).toEqual([
      'warning merged-cells 分学段信息!A4 「学校标识码」A4:A5 是跨2行的合并单元格，已将“0360000003”用于第4至5行',
    ]);
    expect(issueLines(report.issues)).toEqual(issueLines(json.issues));
    expect(report.units).toEqual(json.units);
    expect(report.units.filter((u: any) => u.schoolCode === '0360000003').map((u: any) => u.stage)).toEqual(['小学', '初中']);
    expect(report.items).toEqual(json.items);
  });

  it('a number merged over two rows: the same error at the merge, and the same null item', async () => {
    const file = await mergedWorkbook('merged-number', ['E4:E5']);
    const { json } = await cliJson('validate', file);
    const { report } = await addinReport(file);
    expect(issueLines(json.issues).filter((l) => l.startsWith('error'))).toEqual([
      'error merged-number 分学段信息!E4 「专任教师数(人)」E4:E5 是跨2行的合并单元格，无法确定第4至5行各自的数值',
    ]);
    expect(issueLines(report.issues)).toEqual(issueLines(json.issues));
    expect(report.items.find((i: any) => i.id === 'G12').passes).toBeNull();
    expect(report.items).toEqual(json.items);
  });

  it.each([
    ['a host without ExcelApi 1.13', { requirementSets: { ExcelApi: '1.12' } }],
    ['a loaded office.js without ExcelApi 1.13 on a current host', { library: { ExcelApi: '1.12' } }],
  ])('%s: merges are not read, and a warning says so for each data sheet', async (_name, options) => {
    const file = await mergedWorkbook('merged-old', ['A4:A5']);
    const { report, syncs } = await addinReport(file, options);
    expect(syncs).toBe(1);
    expect(issueLines(report.issues).filter((l) => l.includes('merges-unchecked'))).toEqual(
      ['学校基本信息', '分学段信息'].map(
        (s) => `warning merges-unchecked ${s}! 当前 Excel 不支持读取合并单元格（需要 ExcelApi 1.13），未检查工作表「${s}」中的合并单元格：若学校标识码、学校名称等合并跨多行，被合并的行会缺少该值`,
      ),
    );
    // Without the merge, row 5 has no 学校标识码: the reader's own error, as before.
    expect(issueLines(report.issues).some((l) => l.includes('分学段信息!A5'))).toBe(true);
  });

  /** The merged workbook with 513 merges of two cells in 县级指标's empty columns K:L (each holding a value on its left). */
  async function tooManyMerges(name: string, countySheet = '县级指标'): Promise<CellGrid[]> {
    const grids = await readXlsxFile(await mergedWorkbook(name, ['A4:A5']));
    const county = grids.find((g) => g.name === '县级指标')!;
    county.name = countySheet;
    for (let r = 0; r < 513; r++) {
      county.values[r] ??= [];
      county.values[r][10] = 'x';
    }
    county.merges = Array.from({ length: 513 }, (_, r) => ({ top: r, left: 10, bottom: r, right: 11 }));
    return grids;
  }

  it('more than 512 merged areas in a sheet (Excel fails the batch): read again without them, with a warning', async () => {
    const grids = await tooManyMerges('merged-many');
    const fake = FakeWorkbook.fromGrids(grids);
    installFakeOffice(fake);
    try {
      const out = await createExcelHost().run({ profile: NATIONAL, applyMarks: false, writeSheets: false });
      if (!out.ok) throw new Error(out.fatal.message);
      expect(out.syncs).toBe(2);
      expect(out.analysis.report.issues.filter((i: any) => i.code === 'merges-unchecked').map((i: any) => i.sheet)).toEqual(['学校基本信息', '分学段信息']);
    } finally {
      uninstallFakeOffice();
    }
  });

  it('the same in a sheet found only after trimming spaces (「县级指标 」, read in its own sync): read again without them', async () => {
    const grids = await tooManyMerges('merged-many-spaced', '县级指标 ');
    const fake = FakeWorkbook.fromGrids(grids);
    installFakeOffice(fake);
    try {
      const out = await createExcelHost().run({ profile: NATIONAL, applyMarks: false, writeSheets: false });
      if (!out.ok) throw new Error(out.fatal.message);
      // The first read, the read of 「县级指标 」 refused for its merges, and that read again without them.
      expect(out.syncs).toBe(3);
      expect(out.analysis.report.issues.filter((i: any) => i.code === 'merges-unchecked').map((i: any) => i.sheet)).toEqual(['学校基本信息', '分学段信息']);
      expect(out.analysis.read.county.countyValues).not.toEqual({});
    } finally {
      uninstallFakeOffice();
    }
  });
});
