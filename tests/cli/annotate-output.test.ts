/**
 * Where annotate writes (issue 11 points 9d, 11, 14): a folder that does not exist, a symlink, a read-only
 * file, relative paths under `npm --prefix`, and a user's own sheet named like a generated one.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotatePackage, PatchError } from '../../src/hosts/xlsx/annotate-package';
import { nodeDeflateRaw, nodeInflateRaw } from '../../src/hosts/xlsx/node-zlib';
import { readXlsxFile } from '../../src/hosts/xlsx/node-read';
import { entryData, listZip } from '../../src/hosts/xlsx/zip';
import { cli, cliJson } from '../helpers/run-cli';
import { rawWorkbook } from '../helpers/raw-workbook';
import { TemplateBuilder, tempDir } from '../helpers/template-builder';

const ROOT = join(__dirname, '..', '..');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

function part(path: string | Uint8Array, name: string): string {
  const b = typeof path === 'string' ? new Uint8Array(readFileSync(path)) : path;
  const e = listZip(b).find((x) => x.name === name);
  return e ? Buffer.from(entryData(e, nodeInflateRaw)).toString('utf8') : '';
}

let input: string;
beforeAll(async () => {
  input = await TemplateBuilder.base().setSchool('0360000001', { teachingArea: 3000 }).write(tmp.file('in.xlsx'));
});

describe('the output path', () => {
  it('a folder that does not exist: a Chinese sentence, no error code, no temporary file name', async () => {
    const out = join(tmp.dir, '没有这个文件夹', 'out.xlsx');
    const r = await cli('annotate', input, '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`错误：输出文件夹「${join(tmp.dir, '没有这个文件夹')}」不存在，请先创建它，或换一个已有的文件夹\n`);
    expect(r.stderr).not.toMatch(/ENOENT|\.tmp|errno/i);
    expect(existsSync(out)).toBe(false);
  });

  it('a symlink: its target is written and the link stays a link', async () => {
    const dir = tmp.file('links');
    mkdirSync(dir);
    const target = join(dir, 'target.xlsx');
    writeFileSync(target, 'old');
    const link = join(dir, 'link.xlsx');
    symlinkSync(target, link);
    const r = await cli('annotate', input, '-o', link);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(part(target, 'xl/workbook.xml')).toContain('name="核验_问题清单"');
  });

  it('a symlink to nothing is refused, and nothing is written', async () => {
    const link = tmp.file('dangling.xlsx');
    symlinkSync(tmp.file('nowhere.xlsx'), link);
    const r = await cliJson('annotate', input, '-o', link);
    expect([r.code, r.json.fatal.code, r.json.fatal.message]).toEqual([2, 'write-failed', `输出文件「${link}」是一个快捷方式（链接），但它指向的文件不存在；请换一个输出文件名`]);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(existsSync(tmp.file('nowhere.xlsx'))).toBe(false);
  });

  it('a folder where no file can be created (a system folder): said so, not 「文件夹不存在」', async () => {
    // /proc exists and takes no new file (ENOENT on create, whoever runs the test, root included).
    const r = await cliJson('annotate', input, '-o', '/proc/标注.xlsx');
    expect([r.code, r.json.fatal.code, r.json.fatal.message]).toEqual([2, 'write-failed', '无法写出「/proc/标注.xlsx」：这个文件夹里不能创建文件，请换一个文件夹']);
  });

  it('a read-only existing file is refused, never replaced', async () => {
    const out = tmp.file('readonly.xlsx');
    writeFileSync(out, 'keep me');
    chmodSync(out, 0o444);
    const r = await cliJson('annotate', input, '-o', out);
    expect([r.code, r.json.fatal.code, r.json.fatal.message]).toEqual([2, 'write-failed', `输出文件「${out}」是只读文件，不会替换它。请换一个文件名，或先取消该文件的只读属性`]);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
  });

  it('template and sample refuse a read-only file too, and write through a symlink', async () => {
    const out = tmp.file('ro-template.xlsx');
    writeFileSync(out, 'keep me');
    chmodSync(out, 0o444);
    for (const command of ['template', 'sample']) {
      const r = await cliJson(command, '-o', out);
      expect([command, r.code, r.json.fatal.message]).toEqual([command, 2, `输出文件「${out}」是只读文件，不会替换它。请换一个文件名，或先取消该文件的只读属性`]);
    }
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const target = tmp.file('tpl-target.xlsx');
    writeFileSync(target, 'old');
    const link = tmp.file('tpl-link.xlsx');
    symlinkSync(target, link);
    expect((await cli('template', '-o', link)).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(part(target, 'xl/workbook.xml')).toContain('填报说明');
  });

  it('relative paths are the caller\'s when run with npm --prefix from another folder', () => {
    const dir = tmp.file('caller');
    mkdirSync(dir);
    writeFileSync(join(dir, '县.xlsx'), readFileSync(input));
    const r = spawnSync('npm', ['--prefix', ROOT, 'run', '--silent', 'cli', '--', 'annotate', '县.xlsx', '-o', '核验结果.xlsx'], { cwd: dir, encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('已写入「核验结果.xlsx」');
    expect(existsSync(join(dir, '核验结果.xlsx'))).toBe(true);
    expect(existsSync(join(ROOT, '核验结果.xlsx'))).toBe(false);
  });
});

describe('a user\'s own sheet named like a generated one', () => {
  it('is kept byte for byte; the results go to 核验_问题清单(核验), with a warning; again on the output gives the same file', async () => {
    const b = TemplateBuilder.base().setSchool('0360000001', { teachingArea: 3000 });
    const own = await b.write(tmp.file('own.xlsx'), { extraSheets: [{ name: '核验_问题清单', rows: [['我记下的问题'], ['校舍数据待核实']] }] });
    const out = tmp.file('own-out.xlsx');
    const r = await cli('annotate', own, '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已生成工作表：「表Ⅰ」「表Ⅱ-1」「表Ⅱ-2」「表Ⅲ」「表Ⅳ」「表Ⅴ」「表Ⅵ」「一票否决」「核验_学校达标」「核验_校际均衡」「核验_问题清单(核验)」\n注意：工作表「核验_问题清单」是您自己的工作表，未作改动；本次结果写入「核验_问题清单(核验)」\n');
    const wb = part(out, 'xl/workbook.xml');
    expect([...wb.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual(['学校基本信息', '分学段信息', '县级指标', '核验_问题清单', '表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单(核验)', '均衡核验_标记记录', '均衡核验_生成记录']);
    expect(part(out, 'xl/worksheets/sheet4.xml')).toBe(part(own, 'xl/worksheets/sheet4.xml'));
    const again = tmp.file('own-again.xlsx');
    const r2 = await cliJson('annotate', out, '-o', again);
    expect(r2.json.renamedSheets).toEqual([{ sheet: '核验_问题清单', writtenAs: '核验_问题清单(核验)' }]);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
  });
});

describe('cells without the optional r attribute', () => {
  const b = TemplateBuilder.base().setSchool('0360000001', { teachingArea: 3000 });
  const grids = b.grids();
  const k = b.schoolCell('0360000001', 'teachingArea');
  const row = Number(k.replace(/^[A-Z]+/, ''));
  const bytes = rawWorkbook([{ grid: grids[0], noR: [row] }, { grid: grids[1] }, { grid: grids[2] }]);
  const mark = (address: string) => ({ sheet: '学校基本信息', address, level: 'fail' as const, note: '说明' });

  it('are found by position: the mark lands on the right cell', () => {
    const r = annotatePackage({ bytes, grids: [], marks: [mark(k)], sheets: [], inflateRaw: nodeInflateRaw, deflateRaw: nodeDeflateRaw });
    const sheet = part(r.bytes, 'xl/worksheets/sheet1.xml');
    const cells = /<row r="(\d+)">(.*?)<\/row>/g;
    const rowXml = [...sheet.matchAll(cells)].find((m) => Number(m[1]) === row)![2];
    const list = rowXml.match(/<c\b[^>]*?(?:\/>|>.*?<\/c>)/g)!;
    const col = k.replace(/\d+$/, '').charCodeAt(0) - 65;
    expect(list[col]).toMatch(/^<c s="\d+"><v>3000<\/v><\/c>$/);
    expect(list.filter((c) => /\ss="/.test(c))).toHaveLength(1);
    expect(part(r.bytes, 'xl/comments1.xml')).toContain(`<comment ref="${k}" authorId="0">`);
  });

  it('a cell written beyond them goes at the end of the row with its r, the others keep their positions', () => {
    // A cell without r is always just after the one before it, so a new cell never has to go before one.
    const width = grids[0].rows[row - 1].length;
    const address = `${String.fromCharCode(65 + width)}${row}`;
    const r = annotatePackage({ bytes, grids: [], marks: [mark(address)], sheets: [], inflateRaw: nodeInflateRaw });
    const before = /<row r="\d+">(?:(?!<\/row>).)*<\/row>/g;
    const rows = (x: string) => x.match(before)!;
    const a = rows(part(bytes, 'xl/worksheets/sheet1.xml'));
    const o = rows(part(r.bytes, 'xl/worksheets/sheet1.xml'));
    expect(o[row - 1]).toMatch(new RegExp(`^${a[row - 1].slice(0, -'</row>'.length).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}<c r="${address}" s="\\d+"/></row>$`));
    expect(o.filter((_x, i) => i !== row - 1)).toEqual(a.filter((_x, i) => i !== row - 1));
    expect(PatchError.name).toBe('PatchError');
  });
});

describe('a workbook annotated by an earlier version (exceljs record, notes with 【原批注】, no sheet list)', () => {
  it('is undone from the record and annotated as the original is: the same marks, notes and sheets, nothing doubled', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const b = TemplateBuilder.base().setSchool('0360000001', { teachingArea: 3000 });
    const k = b.schoolCell('0360000001', 'teachingArea');
    const original = await b.write(tmp.file('old-original.xlsx'));
    // What the earlier version wrote: the cell filled and noted (the user's note kept below ours), the three
    // sheets, and a record with the six shared columns and its exceljs look, without the list of sheets.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(original);
    const ws = wb.getWorksheet('学校基本信息')!;
    ws.getCell(k).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFD8A8' } };
    ws.getCell(k).note = '【均衡核验】旧的说明\n【原批注】\n用户的批注';
    for (const n of ['学校达标情况', '校际均衡情况', '问题清单']) wb.addWorksheet(n).getCell('A1').value = `旧的${n}`;
    const store = wb.addWorksheet('均衡核验_标记记录', { state: 'veryHidden' });
    store.addRow(['工作表', '单元格', '级别', '原填充色', '原有批注', '原批注内容', '原格式(程序用)']);
    store.addRow(['学校基本信息', k, 'fail', '', '是', '用户的批注', JSON.stringify({ fill: null, note: '用户的批注', mark: '【均衡核验】旧的说明\n【原批注】\n用户的批注' })]);
    const old = tmp.file('old-annotated.xlsx');
    await wb.xlsx.writeFile(old);

    const out = tmp.file('old-again.xlsx');
    const r = await cli('annotate', old, '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已先清除上次核验留下的标记 1 处');
    expect(r.stdout).toContain('已生成工作表：「表Ⅰ」「表Ⅱ-1」「表Ⅱ-2」「表Ⅲ」「表Ⅳ」「表Ⅴ」「表Ⅵ」「一票否决」「核验_学校达标」「核验_校际均衡」「核验_问题清单」\n');
    const names = [...part(out, 'xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(['学校基本信息', '分学段信息', '县级指标', '表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单', '均衡核验_标记记录', '均衡核验_生成记录']);
    // The user's note is back as the user wrote it (and kept: the explanation is in 问题清单).
    const comments = part(out, 'xl/comments1.xml');
    expect(comments).toMatch(new RegExp(`<comment ref="${k}"[^>]*>(?:(?!</comment>).)*>用户的批注</t>`));
    expect(comments).not.toContain('旧的说明');
    expect(r.stdout).toContain('其中 1 个单元格原有批注');
  });
});

describe('a workbook annotated by the version before 均衡核验_生成记录 (record format 2: the list of sheets inside the mark record)', () => {
  // Written by `annotate` of commit 77f7ab1 from 04-county-messy.xlsx, kept as it wrote it.
  const FORMAT2 = join(ROOT, 'tests', 'fixtures', 'format2', '04-annotated-format2.xlsx');
  const MESSY = join(ROOT, 'tests', 'fixtures', 'conformance', '04-county-messy.xlsx');
  const GENERATED = ['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单'];
  const names = (file: string) => [...part(file, 'xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);

  const grid = async (file: string, name: string) => (await readXlsxFile(file)).find((g) => g.name === name);

  it('is the fixture it claims to be: no list sheet, the sheets listed in the mark record', async () => {
    expect(names(FORMAT2)).not.toContain('均衡核验_生成记录');
    const store = (await grid(FORMAT2, '均衡核验_标记记录'))!.values;
    expect(store.filter((r) => r[2] === '生成的工作表').map((r) => r[0])).toEqual(GENERATED);
  });

  it('is annotated exactly as the original is (byte for byte): its sheets replaced, the list moved to its own sheet', async () => {
    const fromOld = tmp.file('format2-again.xlsx');
    const fromOriginal = tmp.file('format2-original.xlsx');
    expect((await cli('annotate', FORMAT2, '-o', fromOld)).code).toBe(0);
    expect((await cli('annotate', MESSY, '-o', fromOriginal)).code).toBe(0);
    expect(readFileSync(fromOld).equals(readFileSync(fromOriginal))).toBe(true);
    expect(names(fromOld).slice(-2)).toEqual(['均衡核验_标记记录', '均衡核验_生成记录']);
    const list = (await grid(fromOld, '均衡核验_生成记录'))!;
    expect([list.values, list.visibility]).toEqual([GENERATED.map((n) => [n]), 'veryHidden']);
    expect((await grid(fromOld, '均衡核验_标记记录'))!.values.filter((r) => r[2] === '生成的工作表')).toEqual([]);
  });
});
