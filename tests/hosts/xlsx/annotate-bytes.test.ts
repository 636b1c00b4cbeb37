/**
 * annotatedWorkbookBytes: the annotated copy the page downloads is the command line's `annotate` output
 * (today's exceljs mechanism; the package patcher replaces it behind the same function).
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NATIONAL, builtInProfile } from '../../../src/domain/profile';
import { annotatedWorkbookBytes, shenbaoWorkbookBytes } from '../../../src/hosts/xlsx/annotate-bytes';
import { sheetsWorkbook } from '../../../src/hosts/xlsx/annotate-package';
import { nodeDeflateRaw, nodeInflateRaw } from '../../../src/hosts/xlsx/node-zlib';
import { entryData, listZip } from '../../../src/hosts/xlsx/zip';
import { shenbaoSheets } from '../../../src/report/shenbao/tables';
import { decodeSettings, decodeStore, MARK_STORE_SHEET } from '../../../src/report/markstore';
import { ReadFailure } from '../../../src/hosts/xlsx/read';
import { nodeInflateChunks } from '../../../src/hosts/xlsx/node-zlib';
import { readXlsx } from '../../../src/hosts/xlsx/read';
import { analyse } from '../../../src/report/build';
import { MARK_COLORS } from '../../../src/report/model';
import { sampleWorkbookBytes } from '../../../offline/builtin-workbooks';
import { cli } from '../../helpers/run-cli';
import { tempDir } from '../../helpers/template-builder';

const MESSY = join(__dirname, '..', '..', 'fixtures', 'conformance', '04-county-messy.xlsx');

async function analysisOf(bytes: Uint8Array, profile = NATIONAL) {
  const r = analyse(await readXlsx(bytes, nodeInflateChunks, 'x.xlsx'), profile);
  if (!r.ok) throw new Error(r.fatal.message);
  return r.analysis;
}

/** Sheet names, every value, solid fill and note of a workbook. */
async function look(bytes: Uint8Array): Promise<Record<string, Record<string, unknown>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out: Record<string, Record<string, unknown>> = {};
  for (const ws of wb.worksheets) {
    const cells: Record<string, unknown> = { '(state)': ws.state };
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (c) => {
        const fill = c.style?.fill?.type === 'pattern' ? c.style.fill.fgColor?.argb ?? null : null;
        cells[c.address] = [c.value instanceof Object ? JSON.stringify(c.value) : c.value, fill, c.note ? JSON.stringify(c.note) : null];
      }),
    );
    out[ws.name] = cells;
  }
  return out;
}

describe('annotatedWorkbookBytes', () => {
  it('gives what `annotate` writes for the same file: sheets, values, fills and notes', async () => {
    const original = new Uint8Array(readFileSync(MESSY));
    const { bytes, macros } = await annotatedWorkbookBytes(original, await analysisOf(original), NATIONAL);
    expect(macros).toBe(false);
    const tmp = tempDir();
    try {
      const out = tmp.file('cli.xlsx');
      expect((await cli('annotate', MESSY, '-o', out)).code).toBe(0);
      const mine = await look(bytes);
      expect(Object.keys(mine)).toEqual(['学校基本信息', '分学段信息', '县级指标', '表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单', '均衡核验_标记记录', '均衡核验_生成记录']);
      expect(mine).toEqual(await look(new Uint8Array(readFileSync(out))));
    } finally {
      tmp.cleanup();
    }
  });

  it('marks the sample county as the add-in does, with the profile given, and leaves the input bytes alone', async () => {
    const original = await sampleWorkbookBytes();
    const before = Buffer.from(original).toString('base64');
    const analysis = await analysisOf(original);
    const { bytes } = await annotatedWorkbookBytes(original, analysis, NATIONAL);
    expect(Buffer.from(original).toString('base64')).toBe(before);
    const cells = await look(bytes);
    // The sample's two warnings: numbers stored as text, marked yellow with the reason in the note.
    const warning = `FF${MARK_COLORS.warning.slice(1)}`;
    expect(cells['学校基本信息'].N32).toEqual(['5264.09', warning, expect.stringContaining('文本')]);
    expect(cells['分学段信息'].C23).toEqual(['16', warning, expect.stringContaining('文本')]);
    // A stricter profile gives another 表Ⅱ: the profile is the one passed in.
    const strict = builtInProfile('strict-scope');
    const other = await look((await annotatedWorkbookBytes(original, await analysisOf(original, strict), strict)).bytes);
    expect(other['核验_学校达标']).not.toEqual(cells['核验_学校达标']);
  });

  it('refuses a workbook that is not the template with the reader\'s Chinese fatal', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 'hello';
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const sample = await sampleWorkbookBytes();
    await expect(annotatedWorkbookBytes(bytes, await analysisOf(sample), NATIONAL)).rejects.toThrow(ReadFailure);
    await expect(annotatedWorkbookBytes(bytes, await analysisOf(sample), NATIONAL)).rejects.toThrow(/学校基本信息/);
  });
});

describe('settings kept in the annotated copy', () => {
  const recordOf = async (bytes: Uint8Array) => (await readXlsx(bytes, nodeInflateChunks, 'x.xlsx')).find((g) => g.name === MARK_STORE_SHEET)!.values;
  const strictSettings = { version: 1, profile: 'strict-scope', options: { teachingPointMinStudents: 30 } };

  it('writes the pane\'s settings into the mark record, keeps them when annotated again without settings, drops them on null', async () => {
    const original = await sampleWorkbookBytes();
    const strict = builtInProfile('strict-scope');
    const { bytes: first } = await annotatedWorkbookBytes(original, await analysisOf(original, strict), strict, strictSettings);
    const rows = await recordOf(first);
    expect(decodeSettings(rows)).toEqual(strictSettings);
    expect(rows.find((r) => r[2] === '规则设置')).toEqual(['', '', '规则设置', JSON.stringify(strictSettings), '', '', '']);
    // The row is no marked cell: the cells read back are the rows with an address, the sample's warnings among them.
    const cells = decodeStore(rows);
    expect(cells.length).toBe(rows.slice(1).filter((r) => r[1]).length);
    expect(cells.map((l) => l.level)).not.toContain('规则设置');
    expect(cells.map((l) => `${l.sheet}!${l.address}`)).toEqual(expect.arrayContaining(['学校基本信息!N32', '分学段信息!C23']));
    // `annotate` (no settings given) keeps what the file had; the page's null (none chosen) leaves none.
    const { bytes: again } = await annotatedWorkbookBytes(first, await analysisOf(first, strict), strict);
    expect(decodeSettings(await recordOf(again))).toEqual(strictSettings);
    const { bytes: none } = await annotatedWorkbookBytes(first, await analysisOf(first), NATIONAL, null);
    expect(decodeSettings(await recordOf(none))).toBeNull();
    // A file never annotated has no settings to keep.
    expect(decodeSettings(await recordOf((await annotatedWorkbookBytes(original, await analysisOf(original), NATIONAL)).bytes))).toBeNull();
  });

  it('reads no settings from a record row that is not a JSON object', () => {
    expect(decodeSettings([['', '', '规则设置', '[1,2]', '', '']])).toBeNull();
    expect(decodeSettings([['', '', '规则设置', '{oops', '', '']])).toBeNull();
    expect(decodeSettings([['表', 'A1', '规则设置', '{}', '', '']])).toBeNull();
    expect(decodeSettings([['', '', '规则设置', '{"profile":"national"}', '', '']])).toEqual({ profile: 'national' });
  });
});

describe('shenbaoWorkbookBytes (「下载申报表」 and `shenbao`)', () => {
  it('is byte for byte the file `shenbao` writes, with only the eight official tables', async () => {
    const original = new Uint8Array(readFileSync(MESSY));
    const { bytes, sheets } = shenbaoWorkbookBytes(await analysisOf(original));
    expect(sheets).toEqual(['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决']);
    expect(Object.keys(await look(bytes))).toEqual(sheets);
    const tmp = tempDir();
    try {
      const out = tmp.file('shenbao.xlsx');
      expect([0, 1]).toContain((await cli('shenbao', MESSY, '-o', out)).code);
      expect(Buffer.from(bytes).equals(readFileSync(out))).toBe(true);
    } finally {
      tmp.cleanup();
    }
  });

  it('holds the same parts as the synchronous writer, every part of more than 64 bytes deflated', async () => {
    const analysis = await analysisOf(await sampleWorkbookBytes());
    const { bytes } = shenbaoWorkbookBytes(analysis);
    const sync = sheetsWorkbook(shenbaoSheets(analysis).sheets, nodeInflateRaw, nodeDeflateRaw);
    const text = (b: Uint8Array) => listZip(b).map((e) => [e.name, Buffer.from(entryData(e, nodeInflateRaw)).toString('base64')]);
    expect(text(bytes)).toEqual(text(sync));
    // Written with the portable deflate: every part is deflated but _rels/.rels, copied as the new package had it.
    expect(listZip(bytes).filter((e) => e.method !== 8).map((e) => e.name)).toEqual(['_rels/.rels']);
    expect(bytes.length).toBeLessThan(sync.length * 1.5);
  });
});
