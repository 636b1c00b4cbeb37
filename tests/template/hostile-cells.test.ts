/**
 * Issue 11, points 2, 3, 4, 5, 8, 9, 9a and 16, and stray content: real-world workbooks read right.
 * Each point is checked on plain grids (as every reader gives them) and, where it is about the file
 * (merges, hidden columns and sheets), with a workbook written by exceljs and read back by the command line.
 */
import { inputOnly } from '../helpers/input-issues';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { nodeDeflateRaw } from '../../src/hosts/xlsx/node-zlib';
import { writeZip } from '../../src/hosts/xlsx/zip';
import type { CellGrid } from '../../src/template/grid';
import { readTemplate, type ReadResult } from '../../src/template/read';
import type { Issue } from '../../src/template/issues';
import { toCellGrids } from '../helpers/county-model';
import { guardSeverities } from '../helpers/catalogue-guard';
import { cli, cliJson } from '../helpers/run-cli';
import { tempDir, TemplateBuilder, type RenderOptions, type SheetGrid, type XCell } from '../helpers/template-builder';

const S1 = '0360000001';
const S2 = '0360000002';
const S3 = '0360000003';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;

function read(grids: CellGrid[]): Extract<ReadResult, { ok: true }> {
  const r = readTemplate(grids);
  guardSeverities(r.ok ? inputOnly(r.issues) : [], r.ok ? null : r.fatal);
  if (!r.ok) throw new Error(`fatal: ${r.fatal.message}`);
  return r;
}

const gridsOf = (b: TemplateBuilder, o: RenderOptions = {}) => toCellGrids(b.grids(o));
const sheet = (grids: CellGrid[], name: string) => grids.find((g) => g.name === name)!;
const brief = (issues: Issue[]) => issues.map((i) => `${i.severity} ${i.code} ${i.sheet}!${i.cell ?? ''} ${i.message}`);
const codes = (issues: Issue[]) => issues.map((i) => `${i.severity} ${i.code} ${i.sheet}!${i.cell ?? ''}`);

interface FileSheet {
  grid: SheetGrid;
  /** A1 ranges to merge (the value of the top-left cell stays; exceljs drops the others). */
  merges?: string[];
  /** 1-based columns to hide. */
  hiddenColumns?: number[];
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** Formula cells whose cached result is an error value, by A1 address. */
  errors?: Record<string, string>;
}

/** Writes sheets with exceljs (merges, hidden columns, hidden sheets as Excel saves them). */
async function writeFile(sheets: FileSheet[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.grid.name, { state: s.state ?? 'visible' });
    s.grid.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined) return;
        const cell = ws.getCell(r + 1, c + 1);
        if (typeof v === 'object' && 'numFmt' in v) {
          cell.value = v.value;
          cell.numFmt = v.numFmt;
        } else if (typeof v === 'object') cell.value = { formula: v.formula, result: v.result } as ExcelJS.CellFormulaValue;
        else cell.value = v;
      }),
    );
    for (const [at, error] of Object.entries(s.errors ?? {}))
      ws.getCell(at).value = { formula: 'VLOOKUP(A2,类型!A:B,2,0)', result: { error } } as unknown as ExcelJS.CellFormulaValue;
    for (const m of s.merges ?? []) ws.mergeCells(m);
    for (const c of s.hiddenColumns ?? []) ws.getColumn(c).hidden = true;
  }
  // The active tab is a visible sheet, as Excel saves it (LibreOffice shows a hidden active sheet).
  const active = Math.max(0, sheets.findIndex((s) => (s.state ?? 'visible') === 'visible'));
  wb.views = [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: active, visibility: 'visible' }];
  const file = tmp.file(`hostile${++n}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

const validate = async (sheets: FileSheet[]) => cliJson('validate', await writeFile(sheets));
const fileSheets = (b: TemplateBuilder, o: RenderOptions = {}): FileSheet[] => b.grids(o).map((grid) => ({ grid }));
const issuesOf = (json: any) => inputOnly(json.issues).map((i: any) => `${i.severity} ${i.code} ${i.sheet}!${i.cell ?? ''}`);
/** What the engine computed, without the issues. */
const results = (json: any) => ({ units: json.units.map(({ cell: _c, ...u }: any) => u), excluded: json.excluded, balance: json.balance, items: json.items });

let reference: any;
beforeAll(async () => {
  reference = (await validate(fileSheets(TemplateBuilder.base()))).json;
  expect(reference.summary.errors).toBe(0);
});

describe('point 2: merged cells over data rows', () => {
  // 分学段信息: header row 1, S1 小学 row 2, S2 初中 row 3, S3 小学 row 4, S3 初中 row 5.
  it('a 学校标识码 merged over a 一贯制 school’s two rows is read into both rows, with a warning (grid)', () => {
    const grids = gridsOf(TemplateBuilder.base());
    const st = sheet(grids, '分学段信息');
    st.values[4][0] = null;
    st.merges = [{ top: 3, left: 0, bottom: 4, right: 0 }];
    const r = read(grids);
    expect(brief(inputOnly(r.issues))).toEqual([`warning merged-cells 分学段信息!A4 「学校标识码」A4:A5 是跨2行的合并单元格，已将“${S3}”用于第4至5行`]);
    expect(r.county.stageRows.map((x) => `${x.code}|${x.stage}|${x.row}`)).toEqual([`${S1}|小学|1`, `${S2}|初中|2`, `${S3}|小学|3`, `${S3}|初中|4`]);
    // The user's grid is not changed.
    expect(st.values[4][0]).toBeNull();
  });

  it('the same, and a school name merged over the rows, in a file saved by exceljs (validate)', async () => {
    const b = TemplateBuilder.base();
    const stages = b.grids({ stages: { extra: [{ header: '学校名称' }] } })[1];
    stages.rows[3][17] = '河西九年一贯制学校';
    const sheets = fileSheets(b);
    sheets[1] = { grid: stages, merges: ['A4:A5', 'R4:R5'] };
    const { code, json } = await validate(sheets);
    expect(code).toBe(0);
    expect(inputOnly(json.issues).map((i: any) => `${i.severity} ${i.code} ${i.sheet}!${i.cell} ${i.message}`)).toEqual([
      `warning merged-cells 分学段信息!A4 「学校标识码」A4:A5 是跨2行的合并单元格，已将“${S3}”用于第4至5行`,
    ]);
    expect(results(json)).toEqual(results(reference));
  });

  it('a number merged over several rows is an error at the merge, and neither row uses it', async () => {
    const sheets = fileSheets(TemplateBuilder.base());
    sheets[1].merges = ['E4:E5']; // 专任教师数 of S3's two rows
    const { json } = await validate(sheets);
    expect(inputOnly(json.issues).filter((i: any) => i.severity === 'error').map((i: any) => `${i.code} ${i.sheet}!${i.cell} ${i.message}`)).toEqual([
      'merged-number 分学段信息!E4 「专任教师数(人)」E4:E5 是跨2行的合并单元格，无法确定第4至5行各自的数值',
    ]);
    const g12 = json.items.find((i: any) => i.id === 'G12');
    expect(g12.passes).toBeNull();
    expect(g12.message).toContain('分学段信息!E4、分学段信息!E5 有错误');
  });

  it('a merge across columns of one row, or in the header, is not a data merge', () => {
    const grids = gridsOf(TemplateBuilder.base());
    sheet(grids, '学校基本信息').merges = [{ top: 1, left: 1, bottom: 1, right: 1 }, { top: 0, left: 0, bottom: 0, right: 0 }];
    expect(read(grids).issues).toEqual([]);
  });
});

describe('point 3: counts with float noise', () => {
  it('16.000000000000004 is read as 16 without a word where the cell shows no fraction', () => {
    const r = read(gridsOf(TemplateBuilder.base().setStage(S2, '初中', { classes: 16.000000000000004 })));
    expect(inputOnly(r.issues)).toEqual([]);
    expect(r.county.stageRows[1].classes).toBe(16);
  });

  it('with a warning where the number format shows decimals', () => {
    const b = TemplateBuilder.base().setStage(S2, '初中', { classes: { value: 15.999999999999998, numFmt: '0.00' } });
    const r = read(gridsOf(b));
    expect(brief(inputOnly(r.issues))).toEqual(['warning near-whole-number 分学段信息!C3 「班级数(个)」为 15.999999999999998，与整数 16 只差计算误差，已按 16 读取']);
    expect(r.county.stageRows[1].classes).toBe(16);
  });

  it('a real fraction is still an error', () => {
    const r = read(gridsOf(TemplateBuilder.base().setStage(S2, '初中', { classes: 16.001 })));
    expect(codes(inputOnly(r.issues))).toEqual(['error not-whole-number 分学段信息!C3']);
  });

  it('through a file: a formula result with noise leaves every indicator computed', async () => {
    const b = TemplateBuilder.base().setStage(S1, '小学', { teachers: { formula: '20*3+4E-15', result: 60 + 2 ** -47 } });
    const { code, json } = await validate(fileSheets(b));
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
    expect(results(json)).toEqual(results(reference));
  });
});

describe('point 4: invisible characters in 学校标识码 and headers', () => {
  it('a code with a zero-width space, a BOM or a no-break space matches the other sheet, with a warning at each cell', () => {
    const b = TemplateBuilder.base();
    const grids = gridsOf(b);
    sheet(grids, '学校基本信息').values[1][0] = `${S1}\u200b`;
    sheet(grids, '分学段信息').values[1][0] = `\ufeff${S1}`;
    sheet(grids, '分学段信息').values[4][0] = `0360\u00a0000003\u3000`;
    const r = read(grids);
    expect(brief(inputOnly(r.issues))).toEqual([
      `warning invisible-characters 学校基本信息!A2 「学校标识码」含有不可见字符（零宽空格 U+200B），已去除后按“${S1}”读取`,
      `warning invisible-characters 分学段信息!A2 「学校标识码」含有不可见字符（字节顺序标记（BOM） U+FEFF），已去除后按“${S1}”读取`,
      `warning invisible-characters 分学段信息!A5 「学校标识码」含有不可见字符（不换行空格 U+00A0、全角空格 U+3000），已去除后按“${S3}”读取`,
    ]);
    expect(r.county.schools[0].code).toBe(S1);
    expect(r.county.stageRows.map((x) => x.code)).toEqual([S1, S2, S3, S3]);
  });

  it('a code typed in full width (a Chinese input method) matches the half-width code of the other sheet, with a warning', async () => {
    const wide = (code: string) => code.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const b = TemplateBuilder.base();
    const grids = gridsOf(b);
    sheet(grids, '分学段信息').values[4][0] = wide(S3); // the review's case: 「０３６…」 in one sheet only
    sheet(grids, '学校基本信息').values[1][0] = `Ｘ${S1.slice(1)}`; // a letter too, in both sheets
    sheet(grids, '分学段信息').values[1][0] = `X${S1.slice(1)}`;
    const r = read(grids);
    expect(brief(inputOnly(r.issues))).toEqual([
      `warning code-full-width 学校基本信息!A2 「学校标识码」“Ｘ${S1.slice(1)}”中有全角数字或字母，已按“X${S1.slice(1)}”读取`,
      `warning code-full-width 分学段信息!A5 「学校标识码」“${wide(S3)}”中有全角数字或字母，已按“${S3}”读取`,
    ]);
    expect(r.county.stageRows.map((x) => x.code)).toEqual([`X${S1.slice(1)}`, S2, S3, S3]);
    // through a file and the whole command: the same results as the county typed in half width
    const { code, json } = await validate(fileSheets(TemplateBuilder.base().setStage(S3, '初中', { code: wide(S3) } as never)));
    expect(code).toBe(0);
    expect(issuesOf(json)).toEqual(['warning code-full-width 分学段信息!A5']);
    expect(results(json)).toEqual(results(reference));
  });

  it('a header with a zero-width space is found, with a warning at the header cell (file, validate)', async () => {
    const b = TemplateBuilder.base();
    const { code, json } = await validate(fileSheets(b, { schools: { headerText: { code: '学校\u200b标识码', teachingArea: '\ufeff教学及辅助用房面积(㎡)' } } }));
    expect(code).toBe(0);
    expect(inputOnly(json.issues).map((i: any) => `${i.code} ${i.sheet}!${i.cell} ${i.message}`)).toEqual([
      'invisible-characters 学校基本信息!A1 表头「学校标识码」含有不可见字符（零宽空格 U+200B），已去除后识别',
      'invisible-characters 学校基本信息!K1 表头「教学及辅助用房面积(㎡)」含有不可见字符（字节顺序标记（BOM） U+FEFF），已去除后识别',
    ]);
    expect(results(json)).toEqual(results(reference));
  });

  it('an enumeration with a zero-width space is read, with a warning', () => {
    const grids = gridsOf(TemplateBuilder.base());
    sheet(grids, '分学段信息').values[2][1] = '初\u200b中';
    const r = read(grids);
    expect(brief(inputOnly(r.issues))).toEqual(['warning invisible-characters 分学段信息!B3 「学段」含有不可见字符（零宽空格 U+200B），已去除后按“初中”读取']);
  });
});

describe('point 5: two columns with one header', () => {
  // 教学及辅助用房面积 is column K; the copy is appended as column W.
  const o: RenderOptions = { schools: { extra: [{ header: '教学及辅助用房面积(㎡)', value: 100 }] } };

  it('a hidden stale copy is an error naming both columns and which is hidden; the visible one is read', async () => {
    const sheets = fileSheets(TemplateBuilder.base(), o);
    sheets[0].hiddenColumns = [23];
    const { json } = await validate(sheets);
    expect(inputOnly(json.issues).map((i: any) => `${i.severity} ${i.code} ${i.sheet}!${i.cell} ${i.message}`)).toEqual([
      'error duplicate-column 学校基本信息!W1 表头「教学及辅助用房面积(㎡)」出现在 K 列、W 列（隐藏），无法确定哪一列是正确的数据；已读取 K 列，W 列未读取',
    ]);
    expect(json.units.map((u: any) => u.indicators.R4.value)).toEqual(reference.units.map((u: any) => u.indicators.R4.value));
  });

  it('when the first column is the hidden one, the visible second one is read', () => {
    const b = TemplateBuilder.base();
    const grids = gridsOf(b, { schools: { extra: [{ header: '教学及辅助用房面积(㎡)', value: 7000 }] } });
    sheet(grids, '学校基本信息').hiddenColumns = [10];
    const r = read(grids);
    expect(brief(inputOnly(r.issues))).toEqual([
      'error duplicate-column 学校基本信息!K1 表头「教学及辅助用房面积(㎡)」出现在 K 列（隐藏）、W 列，无法确定哪一列是正确的数据；已读取 W 列，K 列未读取',
    ]);
    expect(r.layout.schools.columns.teachingArea).toBe(22);
    expect(r.county.schools.map((s) => s.teachingArea)).toEqual([7000, 7000, 7000]);
  });
});

describe('point 8: error values in key and enumeration columns', () => {
  it('#N/A as a 学校标识码 in 分学段信息 is a formula error at that cell, not an unknown code', () => {
    const grids = gridsOf(TemplateBuilder.base());
    sheet(grids, '分学段信息').values[1][0] = '#N/A';
    const r = read(grids);
    expect(brief(inputOnly(r.issues))).toEqual([
      'error formula-error 分学段信息!A2 「学校标识码」公式结果为错误值“#N/A”',
      `error missing-stage-row 学校基本信息!A2 城关小学（${S1}）是小学，但「分学段信息」中没有它的小学学段行`,
    ]);
  });

  it('error values in 学校类型, 办学性质 and 学段 are formula errors (a file with cached error results)', async () => {
    const b = TemplateBuilder.base().setSchool(S2, { ownership: '#REF!' });
    const sheets = fileSheets(b);
    sheets[0].errors = { C2: '#N/A' };
    const { json } = await validate(sheets);
    expect(inputOnly(json.issues).filter((i: any) => i.severity === 'error').map((i: any) => `${i.code} ${i.sheet}!${i.cell} ${i.message}`)).toEqual([
      'formula-error 学校基本信息!C2 「学校类型」公式结果为错误值“#N/A”',
      'formula-error 学校基本信息!D3 「办学性质」公式结果为错误值“#REF!”',
    ]);
  });

  it('a 学段 #DIV/0! is a formula error, one message at the cell', () => {
    const grids = gridsOf(TemplateBuilder.base());
    sheet(grids, '分学段信息').values[2][1] = '#DIV/0!';
    const r = read(grids);
    expect(codes(inputOnly(r.issues))).toEqual(['error formula-error 分学段信息!B3', 'error missing-stage-row 学校基本信息!A3']);
  });
});

describe('point 9: two sheets whose names differ only by spaces or case', () => {
  const stale = (): SheetGrid => {
    const b = TemplateBuilder.base().setSchool(S1, { teachingArea: 10 });
    return b.grids()[0];
  };

  it('a hidden stale 「学校基本信息」 beside the visible 「学校基本信息 」: an error naming both, the visible one read (file)', async () => {
    const b = TemplateBuilder.base();
    const sheets: FileSheet[] = [{ grid: stale(), state: 'hidden' }, ...fileSheets(b, { sheetNames: { schools: '学校基本信息 ' } })];
    const { code, json } = await validate(sheets);
    expect(code).toBe(1);
    expect(inputOnly(json.issues).map((i: any) => `${i.severity} ${i.code} ${i.sheet}!${i.cell ?? ''} ${i.message}`)).toEqual([
      'error duplicate-sheet 学校基本信息 ! 工作簿中有2个名称只差空格或大小写的工作表：「学校基本信息」（隐藏）、「学校基本信息 」；已读取可见的「学校基本信息 」，隐藏的「学校基本信息」未读取',
    ]);
    expect(json.units[0].cell).toBe('学校基本信息 !A2');
    expect(results(json)).toEqual(results(reference));
  });

  it('annotate marks the visible sheet, never the hidden stale one', async () => {
    const b = TemplateBuilder.base().setSchool(S1, { teachingArea: -1 });
    const input = await writeFile([{ grid: stale(), state: 'hidden' }, ...fileSheets(b, { sheetNames: { schools: '学校基本信息 ' } })]);
    const out = tmp.file(`annotated${++n}.xlsx`);
    const r = await cli('annotate', input, '-o', out);
    expect(r.code).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const notes = (name: string) => {
      const found: string[] = [];
      wb.getWorksheet(name)!.eachRow((row) => row.eachCell((c) => (c.note ? found.push(c.address) : undefined)));
      return found;
    };
    expect(notes('学校基本信息')).toEqual([]);
    expect(notes('学校基本信息 ')).toContain('K2');
    expect(wb.getWorksheet('学校基本信息')!.state).toBe('hidden');
  });

  it('with no single visible one the workbook cannot be read: exit 2 naming both', () => {
    const grids = [{ ...toCellGrids([stale()])[0], name: '学校基本信息' }, ...gridsOf(TemplateBuilder.base(), { sheetNames: { stages: '分学段信息' } })];
    grids[1] = { ...grids[1], name: '学校基本信息 ' };
    const r = readTemplate(grids);
    expect(r).toEqual({
      ok: false, issues: [],
      fatal: {
        code: 'ambiguous-sheet', sheet: '学校基本信息',
        message: '工作簿中有2个名称只差空格或大小写的工作表：「学校基本信息」、「学校基本信息 」，无法确定读取哪一个。请删除多余的工作表，只保留一个「学校基本信息」',
      },
    });
  });
});

/** The base sheets with their header split in two rows: groups merged across, single headers merged down. */
function twoRowHeader(b: TemplateBuilder): FileSheet[] {
  const groups: Record<string, [string, string]> = {
    '小学在校生数(人)': ['在校生数(人)', '小学'],
    '初中在校生数(人)': ['在校生数(人)', '初中'],
    '高中在校生数(人)': ['在校生数(人)', '高中'],
    '研究生学历专任教师数(人)': ['按学历分专任教师数(人)', '研究生学历专任教师数(人)'],
    '本科学历专任教师数(人)': ['按学历分专任教师数(人)', '本科学历专任教师数(人)'],
    '专科学历专任教师数(人)': ['按学历分专任教师数(人)', '专科学历专任教师数(人)'],
    '高中及以下学历专任教师数(人)': ['按学历分专任教师数(人)', '高中及以下学历专任教师数(人)'],
  };
  return b.grids().map((grid) => {
    if (grid.name === '县级指标') return { grid };
    const [header, ...data] = grid.rows;
    const top: XCell[] = [];
    const sub: XCell[] = [];
    const merges: string[] = [];
    const col = (c: number) => String.fromCharCode(65 + c);
    header.forEach((h, c) => {
      const g = groups[String(h)];
      if (!g) {
        top[c] = h;
        sub[c] = null;
        merges.push(`${col(c)}1:${col(c)}2`);
        return;
      }
      const start = c > 0 && groups[String(header[c - 1])]?.[0] === g[0] ? null : c;
      top[c] = start === null ? null : g[0];
      sub[c] = g[1];
      if (start !== null) {
        let end = c;
        while (groups[String(header[end + 1])]?.[0] === g[0]) end++;
        merges.push(`${col(c)}1:${col(end)}1`);
      }
    });
    return { grid: { name: grid.name, rows: [top, sub, ...data] }, merges };
  });
}

describe('point 9a: a two-row header (a merged group header above the sub-headers)', () => {
  it('is read as one header: no error, no phantom unit, the same results (file, validate)', async () => {
    const { code, json } = await validate(twoRowHeader(TemplateBuilder.base()));
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
    expect(results(json)).toEqual(results(reference));
    expect(json.units[0].cell).toBe('学校基本信息!A3');
  });

  it('a data row of text only, without a code, right below the header is still data (an error), never a header', () => {
    const o: RenderOptions = { schools: { insertBefore: { 0: [[null, '新建学校', '小学', '公办', '城区']] }, extra: [{ header: '备注' }, { header: '说明' }] } };
    const grids = gridsOf(TemplateBuilder.base(), o);
    sheet(grids, '学校基本信息').merges = [{ top: 0, left: 22, bottom: 0, right: 23 }];
    const r = read(grids);
    expect(codes(inputOnly(r.issues))).toEqual(['error missing-code 学校基本信息!A2']);
    expect(r.layout.schools.headerRow).toBe(0);
  });

  it('a title row above a one-row header is still a title row', () => {
    const r = read(gridsOf(TemplateBuilder.base(), { schools: { title: [['某县义务教育学校基本信息表']] } }));
    expect(inputOnly(r.issues)).toEqual([]);
    expect(r.layout.schools.headerRow).toBe(1);
  });

  it('required columns missing under a two-row header: exit 2 naming every missing column', async () => {
    const sheets = twoRowHeader(TemplateBuilder.base());
    // Sub-headers that match nothing: 教师 columns written without their unit group.
    sheets[1].grid.rows[1] = sheets[1].grid.rows[1].map((v) => (typeof v === 'string' && v.endsWith('学历专任教师数(人)') ? v.replace('专任教师数(人)', '') : v));
    const { code, json } = await validate(sheets);
    expect(code).toBe(2);
    expect(json.fatal.code).toBe('missing-column');
    expect(json.fatal.message).toBe(
      '工作表「分学段信息」缺少4个必填列：「研究生学历专任教师数(人)」「本科学历专任教师数(人)」「专科学历专任教师数(人)」「高中及以下学历专任教师数(人)」（表头在第2行）。请按标准模板补上这些列后重试',
    );
  });
});

describe('point 16: one cell, one message', () => {
  it('a number stored as text that is rejected gets the error only, not also the text-number warning', () => {
    const b = TemplateBuilder.base().setSchool(S1, { teachingArea: '-6000' }).setStage(S1, '小学', { classes: '24.5' });
    const r = read(gridsOf(b));
    expect(codes(inputOnly(r.issues))).toEqual(['error negative-number 学校基本信息!K2', 'error not-whole-number 分学段信息!C2']);
  });

  it('a county percentage typed "96.5%" is one error, with no 「为空」 warning (validate)', async () => {
    const b = TemplateBuilder.base().setCounty('Q2', '96.5%');
    const { json } = await validate(fileSheets(b));
    const at = b.countyCell('Q2');
    expect(issuesOf(json)).toEqual([`error not-a-number 县级指标!${at}`]);
    expect(json.items.find((i: any) => i.id === 'Q2').passes).toBeNull();
  });

  it('a number stored as text that is read but breaks a cross-check gets the cross-check error only', () => {
    // 县级及以上骨干教师数 typed as text "70", more than the 60 专任教师 of the row.
    const b = TemplateBuilder.base().setStage(S1, '小学', { backbone: '70' });
    const at = b.stageCell(S1, '小学', 'backbone');
    const r = read(gridsOf(b));
    expect(brief(inputOnly(r.issues)).filter((l) => l.includes(`!${at} `))).toEqual([
      `error backbone-exceeds 分学段信息!${at} 「县级及以上骨干教师数(人)」70 大于「专任教师数(人)」60`,
    ]);
    expect(codes(inputOnly(r.issues))).toEqual([`error backbone-exceeds 分学段信息!${at}`]);
  });

  it('a 学校标识码 with an invisible character that repeats another school’s code gets the duplicate-code error only', () => {
    const grids = gridsOf(TemplateBuilder.base());
    const schools = sheet(grids, '学校基本信息');
    schools.values[2][0] = `${S1}\u200b`;
    const r = read(grids);
    expect(codes(inputOnly(r.issues)).filter((l) => l.endsWith('学校基本信息!A3'))).toEqual(['error duplicate-code 学校基本信息!A3']);
    expect(brief(inputOnly(r.issues)).find((l) => l.includes('学校基本信息!A3'))).toBe(`error duplicate-code 学校基本信息!A3 学校标识码“${S1}”重复，与第2行相同`);
  });

  it('a county number stored as text that is negative gets the error only', () => {
    const b = TemplateBuilder.base().setCounty('G7', '-6500');
    expect(codes(read(gridsOf(b)).issues)).toEqual([`error negative-number 县级指标!${b.countyCell('G7')}`]);
  });
});

describe('stray content left out by the file reader', () => {
  it('is a warning at the sheet saying where it is and that it was ignored', () => {
    const grids = gridsOf(TemplateBuilder.base());
    sheet(grids, '学校基本信息').stray = { cell: 'XFD7', count: 1048570 };
    expect(brief(read(grids).issues)).toEqual([
      'warning stray-content 学校基本信息! 工作表「学校基本信息」在远离数据区的 XFD7 等1048570个单元格中有内容，已忽略，未参与核验',
    ]);
  });
});

describe('a workbook written part by part the way openpyxl writes it (shared strings, <col hidden>, sheet state, <mergeCells>)', () => {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const letter = (c: number) => (c < 26 ? String.fromCharCode(65 + c) : String.fromCharCode(64 + Math.floor(c / 26)) + String.fromCharCode(65 + (c % 26)));

  interface RawSheet {
    grid: SheetGrid;
    state?: 'hidden';
    hiddenColumns?: number[]; // 1-based
    merges?: string[];
  }

  function xlsx(sheets: RawSheet[]): Uint8Array {
    const strings: string[] = [];
    const sst = (t: string) => {
      let i = strings.indexOf(t);
      if (i < 0) i = strings.push(t) - 1;
      return i;
    };
    const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const sheetXml = sheets.map((s) => {
      const covered = new Set<string>();
      for (const m of s.merges ?? []) {
        const [a, b] = m.split(':');
        const c0 = a.charCodeAt(0) - 65, r0 = Number(a.slice(1)), c1 = b.charCodeAt(0) - 65, r1 = Number(b.slice(1));
        for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (r !== r0 || c !== c0) covered.add(`${letter(c)}${r}`);
      }
      const rows = s.grid.rows
        .map((row, r) => {
          const cells = row
            .map((v, c) => {
              const ref = `${letter(c)}${r + 1}`;
              if (v === null || v === undefined || covered.has(ref)) return '';
              if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
              if (typeof v === 'string') return `<c r="${ref}" t="s"><v>${sst(v)}</v></c>`;
              return '';
            })
            .join('');
          return `<row r="${r + 1}">${cells}</row>`;
        })
        .join('');
      const cols = (s.hiddenColumns ?? []).map((c) => `<col min="${c}" max="${c}" width="13" hidden="1" customWidth="1"/>`).join('');
      const merges = s.merges?.length ? `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
      return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr/></sheetPr><dimension ref="A1:${letter(25)}${s.grid.rows.length}"/><sheetViews><sheetView workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews><sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${rows}</sheetData>${merges}<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>`;
    });
    const active = sheets.findIndex((s) => !s.state);
    const files: [string, string][] = [
      ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`],
      ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RNS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
      ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${NS}"><workbookPr/><workbookProtection/><bookViews><workbookView visibility="visible" minimized="0" showHorizontalScroll="1" showVerticalScroll="1" showSheetTabs="1" tabRatio="600" firstSheet="0" activeTab="${active}" autoFilterDateGrouping="1"/></bookViews><sheets>${sheets.map((s, i) => `<sheet xmlns:r="${RNS}" name="${esc(s.grid.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('')}</sheets><definedNames/><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>`],
      ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${RNS}/worksheet" Target="/xl/worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="${RNS}/styles" Target="styles.xml"/><Relationship Id="rId${sheets.length + 2}" Type="${RNS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`],
      ['xl/styles.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS}"><numFmts count="0"/><fonts count="1"><font><name val="Calibri"/><family val="2"/><color theme="1"/><sz val="11"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`],
      ...sheetXml.map((x, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, x]),
    ];
    files.push(['xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}" uniqueCount="${strings.length}">${strings.map((t) => `<si><t>${esc(t)}</t></si>`).join('')}</sst>`]);
    return writeZip(files.map(([name, text]) => ({ name, data: new TextEncoder().encode(text) })), nodeDeflateRaw);
  }

  it('a hidden stale sheet, a hidden stale column and a code merged over two rows: named, the visible data read', async () => {
    const b = TemplateBuilder.base();
    const stale = TemplateBuilder.base().setSchool(S1, { teachingArea: 10 }).grids()[0];
    const [schools, stages, countySheet] = b.grids({ schools: { extra: [{ header: '教学及辅助用房面积(㎡)', value: 1 }] } });
    schools.name = '学校基本信息 ';
    const file = tmp.file(`openpyxl${++n}.xlsx`);
    writeFileSync(file, xlsx([{ grid: stale, state: 'hidden' }, { grid: schools, hiddenColumns: [23] }, { grid: stages, merges: ['A4:A5'] }, { grid: countySheet }]));
    const { code, json } = await cliJson('validate', file);
    expect(code).toBe(1);
    expect(issuesOf(json)).toEqual([
      'error duplicate-sheet 学校基本信息 !',
      'error duplicate-column 学校基本信息 !W1',
      'warning merged-cells 分学段信息!A4',
    ]);
    expect(results(json)).toEqual(results(reference));
  });

  describe('「县级指标」: a value merged over several rows (the review: one 「是」 merged over the 是/否 rows read as blank)', () => {
    // County rows (1-based): 19–26 G1…Q8, all 是/否; 7–9 three counts.
    it('over 是/否 rows only: the value is each row’s, with one merged-cells warning at the merge', async () => {
      const [schools, stages, countySheet] = TemplateBuilder.base().grids();
      for (let r = 19; r < 26; r++) countySheet.rows[r][1] = null; // the file keeps the value in B19 only
      const file = tmp.file(`county-merge${++n}.xlsx`);
      writeFileSync(file, xlsx([{ grid: schools }, { grid: stages }, { grid: countySheet, merges: ['B19:B26'] }]));
      const { code, json } = await cliJson('validate', file);
      expect(code).toBe(0);
      expect(inputOnly(json.issues).map((i: any) => `${i.severity} ${i.code} ${i.sheet}!${i.cell} ${i.message}`)).toEqual([
        'warning merged-cells 县级指标!B19 「数值」B19:B26 是跨8行的合并单元格，已将“是”用于第19至26行',
      ]);
      expect(results(json)).toEqual(results(reference));
    });

    it('over two salaries labelled in 万元: still rows that take a number (an error), and a note merged below the rows is no value', async () => {
      const [schools, stages, countySheet] = TemplateBuilder.base().grids();
      // rows 5 and 6: the two salaries of G8, relabelled in 万元, one value merged over both
      countySheet.rows[4] = ['义务教育学校教师年平均工资收入(万元)', 9.8];
      countySheet.rows[5] = ['当地公务员年平均工资收入(万元)', null];
      const last = countySheet.rows.length;
      countySheet.rows.push(['说明：金额单位为元，人数单位为人', null, null]);
      const file = tmp.file(`county-merge${++n}.xlsx`);
      writeFileSync(file, xlsx([{ grid: schools }, { grid: stages }, { grid: countySheet, merges: ['B5:B6', `A${last + 1}:C${last + 3}`] }]));
      const { code, json } = await cliJson('validate', file);
      expect(code).toBe(1);
      expect(inputOnly(json.issues).map((i: any) => `${i.severity} ${i.code} ${i.sheet}!${i.cell}`)).toEqual(['error merged-number 县级指标!B5']);
      expect(json.items.find((i: any) => i.id === 'G8').passes).toBeNull();
    });

    it('over two percentages with 0.972 in the top cell: the merge’s error is the one message of that cell', () => {
      const grids = gridsOf(TemplateBuilder.base());
      const county = sheet(grids, '县级指标');
      county.values[13][1] = 0.972; // 初中三年巩固率(%), as a fraction: alone it would be percent-as-fraction
      county.values[14][1] = null;
      county.merges = [{ top: 13, left: 1, bottom: 14, right: 1 }];
      expect(codes(inputOnly(read(grids).issues))).toEqual(['error merged-number 县级指标!B14']);
    });

    it('over rows that take a number: an error at the merge, and none of its rows has a value', async () => {
      const [schools, stages, countySheet] = TemplateBuilder.base().grids();
      countySheet.rows[7][1] = null;
      countySheet.rows[8][1] = null;
      const file = tmp.file(`county-merge${++n}.xlsx`);
      writeFileSync(file, xlsx([{ grid: schools }, { grid: stages }, { grid: countySheet, merges: ['B7:B9'] }]));
      const { code, json } = await cliJson('validate', file);
      expect(code).toBe(1);
      expect(inputOnly(json.issues).filter((i: any) => i.severity === 'error').map((i: any) => `${i.code} ${i.sheet}!${i.cell} ${i.message}`)).toEqual([
        'merged-number 县级指标!B7 「数值」B7:B9 是跨3行的合并单元格，无法确定第7至9行各自的数值',
      ]);
      expect(json.items.find((i: any) => i.id === 'G11').passes).toBeNull();
    });
  });
});

describe('the same workbook after a LibreOffice round trip (skipped without LibreOffice)', () => {
  const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'].find((p) => existsSync(p));
  const maybe = soffice ? it : it.skip;

  const roundTrip = (input: string): string => {
    const outDir = tmp.file(`lo${++n}`);
    execFileSync(soffice!, [`-env:UserInstallation=file://${outDir}-profile`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, input], { timeout: 120_000, stdio: 'ignore' });
    return join(outDir, basename(input));
  };

  maybe('a two-row header with merged cells', async () => {
    const { code, json } = await cliJson('validate', roundTrip(await writeFile(twoRowHeader(TemplateBuilder.base()))));
    expect(json.fatal).toBeUndefined();
    expect(code).toBe(0);
    expect(inputOnly(json.issues)).toEqual([]);
    expect(results(json)).toEqual(results(reference));
  }, 180_000);

  maybe('merged code, hidden stale column and hidden stale sheet', async () => {
    const b = TemplateBuilder.base();
    const stale = TemplateBuilder.base().setSchool(S1, { teachingArea: 10 }).grids()[0];
    const [schools, stages, countySheet] = b.grids({ schools: { extra: [{ header: '教学及辅助用房面积(㎡)', value: 1 }] } });
    schools.name = '学校基本信息 ';
    const input = await writeFile([
      { grid: stale, state: 'hidden' },
      { grid: schools, hiddenColumns: [23] },
      { grid: stages, merges: ['A4:A5'] },
      { grid: countySheet },
    ]);
    const { code, json } = await cliJson('validate', roundTrip(input));
    expect(json.fatal).toBeUndefined();
    expect(code).toBe(1);
    expect(issuesOf(json)).toEqual([
      'error duplicate-sheet 学校基本信息 !',
      'error duplicate-column 学校基本信息 !W1',
      'warning merged-cells 分学段信息!A4',
    ]);
    expect(results(json)).toEqual(results(reference));
  }, 180_000);
});
