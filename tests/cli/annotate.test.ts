/**
 * `annotate`: a marked copy with the generated sheets, never a changed user value, never a written input,
 * the same result on its own output, marks that come off again. Every workbook is written to disk and read
 * back with exceljs; the raw XML is read where exceljs would hide a difference (internal hyperlinks).
 */
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { clearBytes, patchInternalHyperlinks } from '../../src/cli/annotate';
import { cli, cliJson } from '../helpers/run-cli';
import { MARK_COLORS } from '../../src/report/model';
import { TemplateBuilder, tempDir } from '../helpers/template-builder';

const MESSY = join(__dirname, '..', 'fixtures', 'conformance', '04-county-messy.xlsx');
const INPUT_SHEETS = ['学校基本信息', '分学段信息', '县级指标'];
const STORE = '均衡核验_标记记录';
const LIST = '均衡核验_生成记录';
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The text of one part of an .xlsx (a zip), read with the central directory; no dependency. */
function zipEntry(path: string, name: string): string | null {
  const buf = readFileSync(path);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = buf.readUInt32LE(eocd + 16);
  const count = buf.readUInt16LE(eocd + 10);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const entry = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (entry === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + nameLen + extra + comment;
  }
  return null;
}

/** The XML part of a sheet, found by name through workbook.xml and its relationships. */
function sheetXml(path: string, sheet: string): string {
  const wbXml = zipEntry(path, 'xl/workbook.xml')!;
  const rid = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(wbXml)![1];
  const rels = zipEntry(path, 'xl/_rels/workbook.xml.rels')!;
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)!;
  const t = (target[1] ?? target[2]).replace(/^\/?xl\//, '');
  return zipEntry(path, `xl/${t}`)!;
}

interface CellLook {
  value: unknown;
  numFmt: string | undefined;
  font: unknown;
  alignment: unknown;
  border: unknown;
  fill: unknown;
  note: unknown;
}
interface SheetLook {
  name: string;
  state: string;
  cells: Record<string, CellLook>;
  widths: (number | undefined)[];
}

const plain = (x: unknown) => (x === undefined ? null : JSON.parse(JSON.stringify(x)));

/**
 * exceljs reads a cell of the workbook's default format (s="0") as an empty style, but the same look written
 * as another format record as the default font and an empty border: both mean "nothing set".
 */
const DEFAULT_FONT = { size: 11, color: { theme: 1 }, name: 'Calibri', family: 2, scheme: 'minor' };
const canonical = (x: unknown): string =>
  x !== null && typeof x === 'object'
    ? `{${Object.keys(x).sort().map((k) => `${k}:${canonical((x as Record<string, unknown>)[k])}`).join(',')}}`
    : JSON.stringify(x);
const unset = (x: unknown, dflt?: unknown) => {
  const v = plain(x);
  if (v === null || (typeof v === 'object' && Object.keys(v).length === 0)) return null;
  return dflt !== undefined && canonical(v) === canonical(dflt) ? null : v;
};

async function read(path: string): Promise<ExcelJS.Workbook> {
  // exceljs reads an internal link (location only) as '#'+location only with this patch.
  patchInternalHyperlinks();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function looksOf(wb: ExcelJS.Workbook): SheetLook[] {
  return wb.worksheets.map((ws) => {
    const cells: Record<string, CellLook> = {};
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (c) => {
        const look: CellLook = {
          value: plain(c.value), numFmt: c.numFmt, font: unset(c.style.font, DEFAULT_FONT), alignment: unset(c.style.alignment),
          border: unset(c.style.border), fill: unset(c.style.fill, { type: 'pattern', pattern: 'none' }), note: plain(c.note),
        };
        if (look.value !== null || look.fill !== null || look.note !== null) cells[c.address] = look;
      }),
    );
    return { name: ws.name, state: ws.state, cells, widths: (ws.columns ?? []).map((c) => c.width) };
  });
}

const snapshot = async (path: string) => looksOf(await read(path));
const sheet = (s: SheetLook[], name: string) => s.find((x) => x.name === name)!;
const noteOf = (c: CellLook | undefined) => (c?.note === null || c?.note === undefined ? null : typeof c.note === 'string' ? c.note : (c.note as { texts: { text: string }[] }).texts.map((t) => t.text).join(''));
const noteText = (n: unknown) => noteOf({ note: n === undefined ? null : n } as CellLook);
const argbOf = (c: CellLook | undefined) => ((c?.fill as ExcelJS.FillPattern | null)?.fgColor as { argb?: string } | undefined)?.argb ?? null;

/** Every user value (and number format, font, alignment, border) of the input sheets is the same in both. */
function expectSameUserValues(before: SheetLook[], after: SheetLook[]): void {
  for (const name of INPUT_SHEETS) {
    const a = sheet(before, name).cells;
    const b = sheet(after, name).cells;
    const strip = (cells: Record<string, CellLook>) =>
      Object.fromEntries(Object.entries(cells).filter(([, c]) => c.value !== null).map(([k, c]) => [k, { value: c.value, numFmt: c.numFmt, font: c.font, alignment: c.alignment, border: c.border }]));
    expect(strip(b)).toEqual(strip(a));
  }
}

/** Finds a cell by its header text (prefix) and the row's 学校标识码 (and 学段), reading the sheet directly. */
function findCell(wb: ExcelJS.Workbook, name: string, header: string, code: string, stage?: string): string {
  const ws = wb.getWorksheet(name)!;
  const norm = (v: unknown) => String(v ?? '').replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
  let headerRow = 0;
  for (let r = 1; r <= 10 && !headerRow; r++) ws.getRow(r).eachCell((c) => (norm(c.value) === '学校标识码' ? (headerRow = r) : 0));
  const cols: [string, number][] = [];
  ws.getRow(headerRow).eachCell((c, col) => cols.push([norm(c.value), col]));
  const colOf = (h: string) => cols.find(([t]) => t.startsWith(norm(h)))![1];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (String(row.getCell(colOf('学校标识码')).value) === code && (!stage || row.getCell(colOf('学段')).value === stage)) return row.getCell(colOf(header)).address;
  }
  throw new Error(`no row ${code}`);
}

describe('annotate 04-county-messy', () => {
  const out = tmp.file('04.xlsx');
  let before: SheetLook[];
  let after: SheetLook[];
  let inputHash: string;
  let run: { code: number; stdout: string; stderr: string };
  let outWb: ExcelJS.Workbook;

  beforeAll(async () => {
    inputHash = sha(MESSY);
    before = await snapshot(MESSY);
    run = await cli('annotate', MESSY, '-o', out);
    outWb = await read(out);
    after = looksOf(outWb);
  });

  it('exits 0 (no errors), says what it wrote and leaves the input byte-identical', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      `已写入「${out}」\n` +
        '规则：国家标准（教督〔2017〕6号）\n' +
        '标记单元格 222 个：错误 0 个（红色），未达标指标或项目的数据 222 个（橙色），警告 0 个（黄色）；说明见各单元格批注\n' +
        '已生成工作表：「表Ⅰ」「表Ⅱ-1」「表Ⅱ-2」「表Ⅲ」「表Ⅳ」「表Ⅴ」「表Ⅵ」「一票否决」「核验_学校达标」「核验_校际均衡」「核验_问题清单」\n' +
        // The 申报表's warnings only: 表Ⅱ-2 G7 rounded to the threshold, 举办者类型 defaulted, shenbao-blanks on
        // 表Ⅰ, 表Ⅱ-2 (年级数), 表Ⅳ, 表Ⅴ and 表Ⅵ, and one item-not-filled for the absent 一票否决 rows V1-V6 (the sheet
        // 「一票否决」 is not an official table and has no shenbao-blanks of its own).
        '错误 0 个，警告 8 个；达标学校（学段）10/52；差异系数达标 4/14\n',
    );
    expect(sha(MESSY)).toBe(inputHash);
  });

  it('keeps the user sheets first, adds the generated sheets and the very hidden mark record', () => {
    expect(after.map((s) => [s.name, s.state])).toEqual([
      ['学校基本信息', 'visible'], ['分学段信息', 'visible'], ['县级指标', 'visible'],
      ['表Ⅰ', 'visible'], ['表Ⅱ-1', 'visible'], ['表Ⅱ-2', 'visible'], ['表Ⅲ', 'visible'], ['表Ⅳ', 'visible'], ['表Ⅴ', 'visible'], ['表Ⅵ', 'visible'], ['一票否决', 'visible'], ['核验_学校达标', 'visible'], ['核验_校际均衡', 'visible'], ['核验_问题清单', 'visible'], [STORE, 'veryHidden'], [LIST, 'veryHidden'],
    ]);
    // The workbook's views (active sheet) are the user's, unchanged.
    const views = (p: string) => /<bookViews>[\s\S]*?<\/bookViews>/.exec(zipEntry(p, 'xl/workbook.xml')!)?.[0] ?? null;
    expect(views(out)).toBe(views(MESSY));
  });

  it('changes no user value, formula, number format, font, alignment or border', () => {
    expectSameUserValues(before, after);
    // The formula cells of 分学段信息 (专任教师数 = sum of the 学历 columns) keep formula and result.
    const f = Object.values(sheet(after, '分学段信息').cells).filter((c) => typeof c.value === 'object' && c.value !== null && 'formula' in (c.value as object));
    expect(f.length).toBe(54);
    expect(f[0].value).toEqual({ formula: 'K4+F4+L4+J4', result: 11 });
  });

  it('marks the input behind each missed indicator: 骨干教师 for R2, 用房面积 for R4, 设备值 for R6, 多媒体教室 for R7', () => {
    const cases: [string, string, string, string | undefined, string][] = [
      ['分学段信息', '县级及以上骨干教师数', '0600007000', '小学', '九年一贯制1号 小学部：R2 每百名学生拥有县级以上骨干教师数 0.69人，低于标准 1人（未达到85%）'],
      ['学校基本信息', '教学及辅助用房面积', '0600007005', undefined, '初中6号 初中部：R4 生均教学及辅助用房面积 4.37㎡，低于标准 5.8㎡（未达到85%）'],
      ['学校基本信息', '教学仪器设备资产值', '0600007005', undefined, '初中6号 初中部：R6 生均教学仪器设备值 1362.50元，低于标准 2500元（未达到85%）'],
      ['学校基本信息', '网络多媒体教室数', '0600007005', undefined, '初中6号 初中部：R7 每百名学生拥有网络多媒体教室数 1.60间，低于标准 2.4间（未达到85%）'],
    ];
    for (const [name, header, code, stage, note] of cases) {
      const at = findCell(outWb, name, header, code, stage);
      const c = sheet(after, name).cells[at];
      expect([name, at, argbOf(c), noteOf(c)]).toEqual([name, at, 'FFFFD8A8', `【均衡核验】${note}\n——均衡核验生成，重新核验时替换`]);
      expect((c.fill as ExcelJS.FillPattern).pattern).toBe('solid');
      expect(sheet(before, name).cells[at].fill).toBeNull();
    }
  });

  it('changes the look of exactly the cells listed in the mark record, and keeps their earlier look there', () => {
    const changed: string[] = [];
    for (const name of INPUT_SHEETS) {
      const a = sheet(before, name).cells;
      const b = sheet(after, name).cells;
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
        const fa = a[k]?.fill ?? null;
        const fb = b[k]?.fill ?? null;
        const none = (f: unknown) => f === null || (f as ExcelJS.FillPattern).pattern === 'none';
        if (!(none(fa) && none(fb)) && JSON.stringify(fa) !== JSON.stringify(fb)) changed.push(`${name}!${k}`);
        else if (noteOf(a[k]) !== noteOf(b[k])) changed.push(`${name}!${k}`);
      }
    }
    const store = outWb.getWorksheet(STORE)!;
    const rows: unknown[][] = [];
    store.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['工作表', '单元格', '级别', '原填充色', '原有批注', '原批注内容', '原格式(程序用)']);
    // One row per marked cell, then the record's format (3: the generated sheets are listed in their own sheet).
    const cellRows = rows.slice(1).filter((r) => r[1]);
    expect(cellRows).toHaveLength(222);
    expect(rows.slice(223).map((r) => [0, 1, 2, 3].map((i) => r[i] ?? ''))).toEqual([['', '', '记录格式', '3']]);
    // The sheets the product generated, one per row (only those are ever replaced: shenbao.md §1).
    const list: unknown[] = [];
    outWb.getWorksheet(LIST)!.eachRow((r) => list.push(...(r.values as unknown[]).slice(1)));
    expect(list).toEqual(['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单']);
    expect(cellRows.map((r) => `${r[0]}!${r[1]}`).sort()).toEqual(changed.sort());
    expect(new Set(cellRows.map((r) => `${r[2]}|${r[3] ?? ''}|${r[4]}|${r[5] ?? ''}`))).toEqual(new Set(['fail||否|']));
  });

  it('writes 表Ⅱ with number formats, coloured verdicts and a frozen header', () => {
    const ws = outWb.getWorksheet('核验_学校达标')!;
    expect(ws.getCell('A4').value).toBe('0600007000');
    expect(ws.getCell('F4').value).toBeCloseTo(0.694444444444, 10);
    expect(ws.getCell('F4').numFmt).toBe('0.00');
    expect(ws.getCell('F4').font.color?.argb).toBe('FF9C0006');
    expect(ws.getCell('M4').value).toBe('未达标');
    expect((ws.getCell('M4').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(ws.getCell('M5').value).toBe('达标');
    expect((ws.getCell('M5').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFC6EFCE');
    expect(String(ws.getCell('N4').value).split('\n')[0]).toBe('达标：R1,R3,R4,R5,R6；低于85%：R2,R7');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getColumn(2).width).toBe(24);
    expect(ws.getCell('E3').alignment.wrapText).toBe(true);
    const b = outWb.getWorksheet('核验_校际均衡')!;
    expect([b.getCell('D5').value, b.getCell('D5').numFmt, b.getCell('F5').value]).toEqual([expect.closeTo(0.6386262, 6), '0.000', '未达标']);
  });

  it('gives the same workbook when run again on its own output (values, fills, notes, sheets)', async () => {
    const again = tmp.file('04-again.xlsx');
    const r = await cli('annotate', out, '-o', again);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已先清除上次核验留下的标记 222 处');
    expect(await snapshot(again)).toEqual(after);
  });
});

describe('annotate small workbooks', () => {
  it('leaves a fully compliant county unmarked; the record lists only the generated sheets', async () => {
    const input = await TemplateBuilder.base().write(tmp.file('base.xlsx'));
    const out = tmp.file('base-out.xlsx');
    const { code, json } = await cliJson('annotate', input, '-o', out);
    expect(code).toBe(0);
    expect(json).toEqual({
      output: out, profile: 'national', profileName: '国家标准（教督〔2017〕6号）', marks: { total: 0, error: 0, fail: 0, warning: 0 }, restored: 0,
      // The 申报表's six warnings of a first-template workbook (owner-type-defaulted; shenbao-blanks on 表Ⅰ, 表Ⅱ-2,
      // 表Ⅳ, 表Ⅴ, 表Ⅵ): no marks.
      summary: { errors: 0, warnings: 6, units: 4, unitsPassing: 4, resourcePasses: true, balancePassing: 14, balanceTotal: 14 },
    });
    const s = await snapshot(out);
    expect(s.map((x) => [x.name, x.state])).toEqual([...[...INPUT_SHEETS, '表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单'].map((n) => [n, 'visible']), [STORE, 'veryHidden'], [LIST, 'veryHidden']]);
    const recorded = Object.entries(sheet(s, STORE).cells).filter(([k]) => /^B\d+$/.test(k)).map(([, c]) => c.value);
    expect(recorded).toEqual(['单元格']);
    for (const name of INPUT_SHEETS) for (const c of Object.values(sheet(s, name).cells)) expect([c.note, (c.fill as ExcelJS.FillPattern | null)?.pattern ?? 'none']).toEqual([null, 'none']);
    expectSameUserValues(await snapshot(input), s);
  });

  it('exits 1 with errors, still writes the copy, and links 问题清单 to the cells as Excel does (no external relationship)', async () => {
    const b = TemplateBuilder.base().setSchool('0360000001', { teachingArea: -5, musicRooms: '3' });
    const input = await b.write(tmp.file('err.xlsx'));
    const out = tmp.file('err-out.xlsx');
    const r = await cli('annotate', input, '-o', out);
    expect(r.code).toBe(1);
    // text-number (P2) plus the 申报表's warnings: owner-type-defaulted; shenbao-blanks on 表Ⅰ, 表Ⅱ-2, 表Ⅳ, 表Ⅴ, 表Ⅵ,
    // and on 表Ⅱ-1 and 表Ⅲ, whose R4 cells the negative area leaves empty.
    expect(r.stdout).toContain('错误 1 个，警告 9 个');
    expect(r.stdout).toContain('请先改正「核验_问题清单」中的错误，再重新核验');
    const k = b.schoolCell('0360000001', 'teachingArea');
    const p = b.schoolCell('0360000001', 'musicRooms');
    const xml = sheetXml(out, '核验_问题清单');
    expect(xml).toContain(`<hyperlinks><hyperlink ref="C4" location="&apos;学校基本信息&apos;!${k}" tooltip="转到 &apos;学校基本信息&apos;!${k}"/><hyperlink ref="C5" location="&apos;学校基本信息&apos;!${p}"`);
    expect(xml).not.toContain('r:id=');
    const rels = zipEntry(out, 'xl/_rels/workbook.xml.rels')!;
    const all = [...rels.matchAll(/Target="worksheets\/(sheet\d+\.xml)"/g)].map((m) => zipEntry(out, `xl/worksheets/_rels/${m[1]}.rels`) ?? '');
    expect(all.join('')).not.toContain('relationships/hyperlink');
    const s = await snapshot(out);
    const sch = sheet(s, '学校基本信息').cells;
    expect([argbOf(sch[k]), noteOf(sch[k])]).toEqual(['FFFFC7CE', '【均衡核验】错误：「教学及辅助用房面积(㎡)」为负数 -5。请填写大于或等于0的数。\n——均衡核验生成，重新核验时替换']);
    expect(argbOf(sch[p])).toBe('FFFFF2B3');
    expect(sch[p].value).toBe('3'); // the text number stays text
    expect(sheet(s, '核验_问题清单').cells.C4.value).toEqual({ text: k, hyperlink: `#'学校基本信息'!${k}` });
  });

  it('keeps an earlier note byte for byte (the explanation goes to 问题清单), and clearing restores every earlier fill and note exactly', async () => {
    const b = TemplateBuilder.base()
      .setSchool('0360000001', { teachingArea: 3500, equipment: 100 }) // R4 (3500 − 500 室内)/1000 = 3.00
      .setStage('0360000001', '小学', { backbone: 5 });
    const plainInput = await b.write(tmp.file('looks-plain.xlsx'));
    const k = b.schoolCell('0360000001', 'teachingArea');
    const e = b.schoolCell('0360000001', 'equipment');
    const bb = b.stageCell('0360000001', '小学', 'backbone');
    const wb = await read(plainInput);
    const ws = wb.getWorksheet('学校基本信息')!;
    ws.getCell(k).style = { ...ws.getCell(k).style, fill: { type: 'pattern', pattern: 'solid', fgColor: { theme: 4, tint: 0.6 } as Partial<ExcelJS.Color> } };
    ws.getCell(k).note = { texts: [{ text: '校舍数据', font: { bold: true } }, { text: '来自2024年普查' }] } as ExcelJS.Comment;
    ws.getCell(e).style = { ...ws.getCell(e).style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } } };
    ws.getCell(e).note = '单位：万元';
    // A neighbour that shares the style of the marked cell must not change with it.
    ws.getCell('A2').style = ws.getCell(e).style;
    const input = tmp.file('looks.xlsx');
    await wb.xlsx.writeFile(input);
    const original = await snapshot(input);

    const out = tmp.file('looks-out.xlsx');
    const run = await cli('annotate', input, '-o', out);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('其中 2 个单元格原有批注，批注未作改动，其标记说明列在「核验_问题清单」末尾');
    const s = await snapshot(out);
    const sch = sheet(s, '学校基本信息').cells;
    expect(argbOf(sch[k])).toBe('FFFFD8A8');
    // The user's notes are the same notes, formatting included.
    expect(sch[k].note).toEqual(sheet(original, '学校基本信息').cells[k].note);
    expect(sch[e].note).toEqual(sheet(original, '学校基本信息').cells[e].note);
    expect(noteOf(sch[k])).toBe('校舍数据来自2024年普查');
    const inputComments = zipEntry(input, 'xl/comments1.xml')!;
    for (const c of inputComments.match(/<comment [\s\S]*?<\/comment>/g)!) expect(zipEntry(out, 'xl/comments1.xml')).toContain(c);
    expect(argbOf(sch.A2)).toBe('FFFFFF00');
    expect(argbOf(sheet(s, '分学段信息').cells[bb])).toBe('FFFFD8A8');
    expect(noteOf(sheet(s, '分学段信息').cells[bb])).toMatch(/^【均衡核验】城关小学 小学部：R2 /);
    // The explanations of the two cells with a note are listed at the end of 问题清单, linked to the cells.
    const issues = Object.values(sheet(s, '核验_问题清单').cells).map((c) => c.value);
    expect(issues).toContain('已有批注的单元格：原批注保持不变，标记说明列在这里');
    expect(issues).toContain('城关小学 小学部：R4 生均教学及辅助用房面积 3.00㎡，低于标准 4.5㎡（未达到85%）');
    expect(issues).toContain('城关小学 小学部：R6 生均教学仪器设备值 1000.00元，低于标准 2000元（未达到85%）');
    expect(issues).toContainEqual({ text: k, hyperlink: `#'学校基本信息'!${k}` });

    const cleared = tmp.file('looks-cleared.xlsx');
    const c = await clearBytes(readFileSync(out));
    // 教学及辅助用房 and 其中室内体育用房 (R4), 教学仪器设备 (R6), 骨干 (R2)
    expect(c.restored).toBe(4);
    writeFileSync(cleared, c.bytes);
    const back = await snapshot(cleared);
    expect(back.map((x) => x.name)).toEqual(original.map((x) => x.name));
    for (const name of INPUT_SHEETS) expect(sheet(back, name).cells).toEqual(sheet(original, name).cells);
  });

  it('restores from the six shared columns alone (a record written by the Office.js adapter, the file saved by another program)', async () => {
    const b = TemplateBuilder.base().setSchool('0360000001', { equipment: 100 });
    const e = b.schoolCell('0360000001', 'equipment');
    const wb = await read(await b.write(tmp.file('office-plain.xlsx')));
    const ws = wb.getWorksheet('学校基本信息')!;
    ws.getCell(e).style = { ...ws.getCell(e).style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00B0F0' } } };
    ws.getCell(e).note = '核对过';
    const input = tmp.file('office.xlsx');
    await wb.xlsx.writeFile(input);
    const out = tmp.file('office-out.xlsx');
    await cli('annotate', input, '-o', out);
    const marked = await read(out);
    const store = marked.getWorksheet(STORE)!;
    expect((store.getRow(2).values as unknown[]).slice(1, 7)).toEqual(['学校基本信息', e, 'fail', '#00B0F0', '是', '核对过']);
    store.getColumn(7).eachCell((c) => (c.value = null));
    const resaved = tmp.file('office-resaved.xlsx');
    await marked.xlsx.writeFile(resaved);
    const cleared = await clearBytes(readFileSync(resaved));
    expect(cleared.restored).toBe(1);
    writeFileSync(tmp.file('office-cleared.xlsx'), cleared.bytes);
    const c = (await read(tmp.file('office-cleared.xlsx'))).getWorksheet('学校基本信息')!.getCell(e);
    expect([noteText(c.note), (c.fill as ExcelJS.FillPattern).fgColor?.argb]).toEqual(['核对过', 'FF00B0F0']);
  });

  it('leaves alone a marked cell the user has refilled since, and a cell whose note is no longer the mark', async () => {
    const b = TemplateBuilder.base().setSchool('0360000001', { teachingArea: 3000, equipment: 100 });
    // marked: 教学及辅助用房 and 其中室内体育用房 (R4), 教学仪器设备 (R6)
    const k = b.schoolCell('0360000001', 'teachingArea');
    const e = b.schoolCell('0360000001', 'equipment');
    const input = await b.write(tmp.file('edit.xlsx'));
    const out = tmp.file('edit-out.xlsx');
    await cli('annotate', input, '-o', out);
    const wb = await read(out);
    const ws = wb.getWorksheet('学校基本信息')!;
    ws.getCell(k).style = { ...ws.getCell(k).style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF92D050' } } };
    ws.getCell(e).note = '已核实';
    const edited = tmp.file('edit-edited.xlsx');
    await wb.xlsx.writeFile(edited);
    const cleared = await clearBytes(readFileSync(edited));
    // the three marked cells (教学及辅助用房 and 其中室内体育用房 for R4, 教学仪器设备 for R6) are visited
    expect(cleared.restored).toBe(3);
    writeFileSync(tmp.file('edit-cleared.xlsx'), cleared.bytes);
    const back = (await read(tmp.file('edit-cleared.xlsx'))).getWorksheet('学校基本信息')!;
    expect([(back.getCell(k).fill as ExcelJS.FillPattern).fgColor?.argb, back.getCell(k).note]).toEqual(['FF92D050', undefined]);
    expect([(back.getCell(e).fill as ExcelJS.FillPattern | undefined)?.pattern, noteText(back.getCell(e).note)]).toEqual([undefined, '已核实']);
  });

  it('the input sheets copied without the mark record, then the data fixed: the mark colour goes with our note, it does not stay for good', async () => {
    const b = TemplateBuilder.base().setSchool('0360000001', { teachingArea: 3000, equipment: 100 });
    const k = b.schoolCell('0360000001', 'teachingArea');
    const e = b.schoolCell('0360000001', 'equipment');
    const out = tmp.file('stale-out.xlsx');
    await cli('annotate', await b.write(tmp.file('stale.xlsx')), '-o', out);
    // Only the three input sheets kept (as when they are copied into another workbook), and 教学及辅助用房 fixed (R4 passes).
    const wb = await read(out);
    for (const ws of [...wb.worksheets]) if (!['学校基本信息', '分学段信息', '县级指标'].includes(ws.name)) wb.removeWorksheet(ws.id);
    wb.getWorksheet('学校基本信息')!.getCell(k).value = 6000;
    expect(argbOf({ fill: wb.getWorksheet('学校基本信息')!.getCell(k).fill } as CellLook)).toBe(`FF${MARK_COLORS.fail.slice(1)}`);
    const copied = tmp.file('stale-copied.xlsx');
    await wb.xlsx.writeFile(copied);
    const again = tmp.file('stale-again.xlsx');
    expect((await cli('annotate', copied, '-o', again)).code).toBe(0);
    const ws = (await read(again)).getWorksheet('学校基本信息')!;
    // 教学及辅助用房: neither our note nor our colour; 教学仪器设备 (R6 still failing): marked again, its earlier look recorded as unfilled.
    expect([(ws.getCell(k).fill as ExcelJS.FillPattern | undefined)?.pattern, ws.getCell(k).note]).toEqual([undefined, undefined]);
    expect((ws.getCell(e).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${MARK_COLORS.fail.slice(1)}`);
    const cleared = await clearBytes(readFileSync(again));
    writeFileSync(tmp.file('stale-cleared.xlsx'), cleared.bytes);
    const back = (await read(tmp.file('stale-cleared.xlsx'))).getWorksheet('学校基本信息')!;
    expect([(back.getCell(e).fill as ExcelJS.FillPattern | undefined)?.pattern, back.getCell(e).note]).toEqual([undefined, undefined]);
  });

  it('keeps the user’s own internal hyperlinks and the sheet that was active', async () => {
    patchInternalHyperlinks();
    const input0 = await TemplateBuilder.base().write(tmp.file('links0.xlsx'));
    const wb = await read(input0);
    wb.getWorksheet('县级指标')!.getCell('D2').value = { text: '看学校', hyperlink: "#'学校基本信息'!A1" };
    wb.views = [{ x: 0, y: 0, width: 10000, height: 8000, firstSheet: 0, activeTab: 2, visibility: 'visible' }];
    const input = tmp.file('links.xlsx');
    await wb.xlsx.writeFile(input);
    expect(sheetXml(input, '县级指标')).toContain('<hyperlink ref="D2" location="&apos;学校基本信息&apos;!A1"/>');
    const out = tmp.file('links-out.xlsx');
    await cli('annotate', input, '-o', out);
    expect(sheetXml(out, '县级指标')).toContain('<hyperlink ref="D2" location="&apos;学校基本信息&apos;!A1"/>');
    expect((await read(out)).views[0].activeTab).toBe(2);
    // exceljs does not read tabSelected back: look at the XML. The user's sheets keep their selection; no generated sheet is selected.
    const selected = (p: string, names: string[]) => names.filter((n) => sheetXml(p, n).includes('tabSelected="1"'));
    expect(selected(out, INPUT_SHEETS)).toEqual(selected(input, INPUT_SHEETS));
    expect(selected(out, ['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单'])).toEqual([]);
  });
});

describe('annotate refuses', () => {
  let input: string;
  let hash: string;
  let mtime: number;
  beforeAll(async () => {
    input = await TemplateBuilder.base().setSchool('0360000001', { teachingArea: 3000 }).write(tmp.file('in.xlsx'));
    hash = sha(input);
    mtime = statSync(input).mtimeMs;
  });
  afterEach(() => {
    expect(sha(input)).toBe(hash);
    expect(statSync(input).mtimeMs).toBe(mtime);
  });

  it('to write over its input, however the path is spelled', async () => {
    const link = tmp.file('link.xlsx');
    symlinkSync(input, link);
    const spellings = [input, join(tmp.dir, '..', relative(join(tmp.dir, '..'), tmp.dir), 'in.xlsx'), relative(process.cwd(), input), link];
    for (const o of spellings) {
      const { code, json, stderr } = await cliJson('annotate', input, '-o', o);
      expect([o, code, json.fatal.code]).toEqual([o, 2, 'output-is-input']);
      expect(json.fatal.message).toBe(`输出文件「${o}」就是输入文件本身。annotate 不会覆盖原工作簿，请用 -o 指定另一个文件名`);
      expect(stderr).toContain('annotate 不会覆盖原工作簿');
    }
    // Through the link as input, too.
    expect((await cli('annotate', link, '-o', input)).code).toBe(2);
  });

  it('without -o, or with an output that is not .xlsx', async () => {
    let r = await cliJson('annotate', input);
    expect([r.code, r.json.fatal.code, r.json.fatal.message]).toEqual([2, 'bad-arguments', 'annotate 需要用 -o 指定输出文件，例如：annotate 工作簿.xlsx -o 核验结果.xlsx']);
    r = await cliJson('annotate', input, '-o', tmp.file('out.csv'));
    expect([r.code, r.json.fatal.code]).toEqual([2, 'bad-arguments']);
    expect(existsSync(tmp.file('out.csv'))).toBe(false);
  });

  it('a file that is not the template: exit 2 with the reason, and nothing written', async () => {
    const notXlsx = tmp.file('not.xlsx');
    writeFileSync(notXlsx, 'hello');
    const out = tmp.file('never.xlsx');
    let r = await cliJson('annotate', notXlsx, '-o', out);
    expect([r.code, r.json.fatal.code]).toEqual([2, 'not-xlsx']);
    const noStages = await TemplateBuilder.base().write(tmp.file('no-stages.xlsx'), { omit: ['stages'] });
    r = await cliJson('annotate', noStages, '-o', out);
    expect([r.code, r.json.fatal.code, r.json.fatal.sheet]).toEqual([2, 'missing-sheet', '分学段信息']);
    r = await cliJson('annotate', tmp.file('missing.xlsx'), '-o', out);
    expect([r.code, r.json.fatal.code]).toEqual([2, 'file-not-found']);
    r = await cliJson('annotate', input, '-o', out, '--profile', 'no-such-profile');
    expect([r.code, r.json.fatal.code]).toEqual([2, 'bad-profile']);
    expect(existsSync(out)).toBe(false);
  });

  it('but writes over an earlier output', async () => {
    const out = tmp.file('again-out.xlsx');
    copyFileSync(MESSY, out);
    expect((await cli('annotate', input, '-o', out)).code).toBe(0);
    expect((await snapshot(out)).map((s) => s.name)).toEqual([...INPUT_SHEETS, '表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单', STORE, LIST]);
  });
});
