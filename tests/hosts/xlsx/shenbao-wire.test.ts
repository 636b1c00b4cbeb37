/**
 * The official 申报表 tables written by `annotate` (the package patcher, also the offline download) and by the
 * `shenbao` command: at the form's addresses, with merges, read back by our own reader (and openpyxl and
 * LibreOffice when installed); annotating twice gives identical official sheets; a user's own 「表Ⅲ」 is kept.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readXlsxFile } from '../../../src/hosts/xlsx/node-read';
import { nodeInflateRaw } from '../../../src/hosts/xlsx/node-zlib';
import { entryData, listZip } from '../../../src/hosts/xlsx/zip';
import type { CellGrid } from '../../../src/template/grid';
import { cli, cliJson } from '../../helpers/run-cli';
import { TemplateBuilder, tempDir } from '../../helpers/template-builder';

jest.setTimeout(180_000);
const tmp = tempDir();
afterAll(() => tmp.cleanup());
const FIX = join(__dirname, '../../fixtures/conformance');
const OFFICIAL = ['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决'];
const WORKING = ['核验_学校达标', '核验_校际均衡', '核验_问题清单'];

function parts(path: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of listZip(new Uint8Array(readFileSync(path)))) m.set(e.name, new TextDecoder().decode(entryData(e, nodeInflateRaw)));
  return m;
}

/** Sheet name → its worksheet XML. */
function sheetXmls(path: string): Map<string, string> {
  const p = parts(path);
  const wb = p.get('xl/workbook.xml')!;
  const rels = p.get('xl/_rels/workbook.xml.rels')!;
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${m[2]}"`).exec(rels)!;
    const t = (target[1] ?? target[2]).replace(/^\/?(xl\/)?/, '');
    out.set(m[1], p.get(`xl/${t}`)!);
  }
  return out;
}

const grid = (grids: CellGrid[], name: string) => grids.find((g) => g.name === name)!;
const at = (g: CellGrid, row: number, col: number) => g.values[row]?.[col] ?? null;
const merges = (g: CellGrid) => (g.merges ?? []).map((m) => `${String.fromCharCode(65 + m.left)}${m.top + 1}:${String.fromCharCode(65 + m.right)}${m.bottom + 1}`);

function python(): string | null {
  for (const p of ['python3', '/usr/bin/python3']) if (spawnSync(p, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0) return p;
  return null;
}
function soffice(): string | null {
  for (const p of ['soffice', '/usr/bin/soffice', 'libreoffice']) if (spawnSync(p, ['--version'], { encoding: 'utf8' }).status === 0) return p;
  return null;
}
const PY = python();
const SOFFICE = soffice();

describe('annotate writes the official tables first, then the working sheets', () => {
  const input = join(FIX, '04-county-messy.xlsx');
  let out: string;
  let grids: CellGrid[];
  beforeAll(async () => {
    out = tmp.file('messy-out.xlsx');
    const r = await cli('annotate', input, '-o', out);
    expect(r.code).toBe(0);
    grids = await readXlsxFile(out);
  });

  it('in the order of shenbao.md §1, after the user sheets, the working sheets with a grey tab', () => {
    expect(grids.map((g) => g.name)).toEqual(['学校基本信息', '分学段信息', '县级指标', ...OFFICIAL, ...WORKING, '均衡核验_标记记录', '均衡核验_生成记录']);
    const xml = sheetXmls(out);
    for (const n of WORKING) expect([n, /<tabColor rgb="FF808080"\/>/.test(xml.get(n)!)]).toEqual([n, true]);
    for (const n of OFFICIAL) expect([n, /<tabColor/.test(xml.get(n)!)]).toEqual([n, false]);
    expect(String(at(grid(grids, '核验_学校达标'), 1, 0))).toMatch(/^核验用工作表，不是申报表，请勿粘贴到申报表；申报表见「表Ⅰ」至「表Ⅵ」。区县：/);
  });

  it('表Ⅱ-1, 表Ⅱ-2 and 表Ⅲ at the form addresses, with their merges, read back by our reader', () => {
    const t1 = grid(grids, '表Ⅱ-1');
    expect(at(t1, 0, 0)).toBe('表Ⅱ-1 小学、初中资源配置基本情况');
    expect(merges(t1)).toEqual(['A2:B3', 'A4:A5', 'A6:A7']);
    expect([at(t1, 2, 2), at(t1, 2, 9), at(t1, 3, 0), at(t1, 3, 1)]).toEqual(['L1', 'L8', '小学', '达标学校总数']);
    const t2 = grid(grids, '表Ⅱ-2');
    expect(at(t2, 0, 0)).toBe('表Ⅱ-2 小学、初中资源配置基本情况（分学校）');
    expect(merges(t2)[0]).toBe('A1:O1');
    const t3 = grid(grids, '表Ⅲ');
    expect(at(t3, 0, 0)).toBe('表Ⅲ 县域义务教育校际均衡情况');
    expect(merges(t3)).toEqual(['A2:B3', 'A4:A5', 'A6:A7']);
    expect([at(t3, 3, 1), at(t3, 4, 1)]).toEqual(['全县平均值', '差异系数']);
  });

  it('a failing value carries the dark fill, the 表Ⅲ 综合 value its note, and the tables print on A4', () => {
    const xml = sheetXmls(out);
    const p = parts(out);
    expect(p.get('xl/styles.xml')).toContain('<fgColor rgb="FFBFBFBF"/>');
    for (const n of [...OFFICIAL, ...WORKING]) expect([n, /<pageSetup paperSize="9"/.test(xml.get(n)!)]).toEqual([n, true]);
    expect(xml.get('表Ⅱ-2')).toContain('orientation="landscape"');
    expect(xml.get('表Ⅲ')).toContain('<legacyDrawing');
  });

  it('annotating the output again gives identical official sheets (and an identical file)', async () => {
    const again = tmp.file('messy-again.xlsx');
    expect((await cli('annotate', out, '-o', again)).code).toBe(0);
    const a = sheetXmls(out);
    const b = sheetXmls(again);
    for (const n of OFFICIAL) expect([n, b.get(n) === a.get(n)]).toEqual([n, true]);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
  });

  (PY ? it : it.skip)('openpyxl opens the file and sees the merges', () => {
    const r = spawnSync(PY!, ['-c', 'import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nprint(wb.sheetnames[3:14]); print(sorted(str(m) for m in wb["表Ⅲ"].merged_cells.ranges)); print(wb["表Ⅲ"]["C3"].value)\n', out], { encoding: 'utf8' });
    expect([r.stderr, r.stdout.trim().split('\n')]).toEqual(['', [`['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单']`, "['A2:B3', 'A4:A5', 'A6:A7']", 'L1']]);
  });
});

describe('the sample county', () => {
  it('annotate and the shenbao command give the same official tables; shenbao writes only them, and LibreOffice prints them', async () => {
    const sample = tmp.file('sample.xlsx');
    expect((await cli('sample', '-o', sample)).code).toBe(0);
    const annotated = tmp.file('sample-out.xlsx');
    expect((await cli('annotate', sample, '-o', annotated)).code).toBe(0);
    const only = tmp.file('sample-shenbao.xlsx');
    const r = await cliJson('shenbao', sample, '-o', only);
    expect(r.code).toBe(0);
    expect(r.json.sheets).toEqual(OFFICIAL);
    expect(r.json.summary).toMatchObject({ errors: 0, warnings: 2 }); // the two numbers stored as text: every 申报表 input of the sample is filled
    const a = await readXlsxFile(annotated);
    const s = await readXlsxFile(only);
    expect(s.map((g) => g.name)).toEqual(OFFICIAL);
    for (const n of OFFICIAL) {
      expect([n, grid(s, n).values]).toEqual([n, grid(a, n).values]);
      expect([n, grid(s, n).merges]).toEqual([n, grid(a, n).merges]);
    }
    // annotating the annotated sample again: identical official sheets, identical file
    const again = tmp.file('sample-again.xlsx');
    expect((await cli('annotate', annotated, '-o', again)).code).toBe(0);
    for (const n of OFFICIAL) expect([n, sheetXmls(again).get(n) === sheetXmls(annotated).get(n)]).toEqual([n, true]);
    expect(readFileSync(again).equals(readFileSync(annotated))).toBe(true);
    if (SOFFICE) {
      const dir = tmp.file('pdf');
      execFileSync(SOFFICE, ['--headless', `-env:UserInstallation=file://${tmp.file('lo-profile')}`, '--convert-to', 'pdf', '--outdir', dir, only], { stdio: 'pipe', timeout: 170_000 });
      expect(existsSync(join(dir, 'sample-shenbao.pdf'))).toBe(true);
    }
  });

  it('the shenbao command names the input cell of a warning there (a blank 举办者类型 taken as 7)', async () => {
    const input = await TemplateBuilder.base().write(tmp.file('owner-blank.xlsx'), { schools: { extra: [{ header: '举办者类型' }] } });
    const r = await cli('shenbao', input, '-o', tmp.file('owner-blank-shenbao.xlsx'));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.includes('举办者类型为空'))).toEqual(
      ['W2', 'W3', 'W4'].map((c) => `警告：学校基本信息!${c} 举办者类型为空，申报表表Ⅱ-2按县级教育部门（7）填写`),
    );
  });

  it('the shenbao command names the rules the tables were computed under (the tables themselves carry no rule line)', async () => {
    const input = await TemplateBuilder.base().write(tmp.file('rules.xlsx'));
    const text = await cli('shenbao', input, '-o', tmp.file('rules-shenbao.xlsx'), '--profile', 'strict-scope');
    expect(text.stdout.split('\n')[1]).toBe('规则：民办学校不纳入（省级口径示例）');
    const json = await cliJson('shenbao', input, '-o', tmp.file('rules-shenbao-2.xlsx'), '--json');
    expect([json.json.profile, json.json.profileName]).toEqual(['national', '国家标准（教督〔2017〕6号）']);
  });

  it('the shenbao command: exit 1 with errors (the file still written), 2 on an unreadable file', async () => {
    const b = TemplateBuilder.base().setSchool('0360000001', { teachingArea: -5 });
    const input = await b.write(tmp.file('err.xlsx'));
    const out = tmp.file('err-shenbao.xlsx');
    const r = await cli('shenbao', input, '-o', out);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(true);
    const bad = tmp.file('bad.xlsx');
    copyFileSync(join(FIX, 'README.md'), bad);
    expect((await cli('shenbao', bad, '-o', tmp.file('bad-out.xlsx'))).code).toBe(2);
    expect((await cli('shenbao', input)).code).toBe(2);
  });
});

describe("a user's own sheet with an official name", () => {
  it('is never touched: warning shenbao-sheet-exists, that table is not written, the others are', async () => {
    const b = TemplateBuilder.base();
    const own = await b.write(tmp.file('own.xlsx'), { extraSheets: [{ name: '表Ⅲ', rows: [['我自己的表Ⅲ'], ['手填']] }] });
    const out = tmp.file('own-out.xlsx');
    const r = await cliJson('annotate', own, '-o', out);
    expect(r.code).toBe(0);
    const g = await readXlsxFile(out);
    expect(g.map((x) => x.name)).toEqual(['学校基本信息', '分学段信息', '县级指标', '表Ⅲ', ...OFFICIAL.filter((n) => n !== '表Ⅲ'), ...WORKING, '均衡核验_标记记录', '均衡核验_生成记录']);
    expect(grid(g, '表Ⅲ').values.slice(0, 2)).toEqual([['我自己的表Ⅲ'], ['手填']]);
    expect(sheetXmls(out).get('表Ⅲ')).toBe(sheetXmls(own).get('表Ⅲ'));
    const v = await cliJson('validate', out);
    expect(v.json.issues.filter((i: { code: string }) => i.code === 'shenbao-sheet-exists').map((i: { sheet: string; message: string }) => [i.sheet, i.message])).toEqual([
      ['表Ⅲ', '工作簿中已有工作表「表Ⅲ」，不是本程序生成的，未作改动；申报表「表Ⅲ」本次未生成'],
    ]);
    // Annotated again: still the user's; the summary says which table was not written, and under which rules.
    const again = tmp.file('own-again.xlsx');
    const text = await cli('annotate', out, '-o', again);
    expect(text.code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
    expect(text.stdout.split('\n').filter((l) => l.startsWith('规则：') || l.includes('申报表「表Ⅲ」'))).toEqual([
      '规则：国家标准（教督〔2017〕6号）',
      '注意：工作簿中已有工作表「表Ⅲ」，不是本程序生成的，未作改动；申报表「表Ⅲ」本次未生成',
    ]);
  });

  it('the shenbao command writes a new workbook: every table written, 表Ⅲ included, and no shenbao-sheet-exists said', async () => {
    const own = await TemplateBuilder.base().write(tmp.file('own-new.xlsx'), { extraSheets: [{ name: '表Ⅲ', rows: [['我自己的表Ⅲ'], ['手填']] }] });
    const plain = await TemplateBuilder.base().write(tmp.file('plain-new.xlsx'));
    const out = tmp.file('own-new-shenbao.xlsx');
    const r = await cliJson('shenbao', own, '-o', out);
    expect(r.code).toBe(0);
    expect(r.json.sheets).toEqual(OFFICIAL);
    expect(r.json.issues.map((i: { code: string }) => i.code)).not.toContain('shenbao-sheet-exists');
    const g = await readXlsxFile(out);
    expect(g.map((x) => x.name)).toEqual(OFFICIAL);
    expect(grid(g, '表Ⅲ').values[0]).toEqual(['表Ⅲ 县域义务教育校际均衡情况']);
    // The same summary and warnings as for the input without that sheet
    const same = await cliJson('shenbao', plain, '-o', tmp.file('plain-new-shenbao.xlsx'));
    expect([r.json.summary, r.json.issues]).toEqual([same.json.summary, same.json.issues]);
    const text = await cli('shenbao', own, '-o', tmp.file('own-new-shenbao-2.xlsx'));
    expect(text.stdout).not.toContain('本次未生成');
    expect(text.stdout).toContain('申报表：「表Ⅰ」「表Ⅱ-1」「表Ⅱ-2」「表Ⅲ」「表Ⅳ」「表Ⅴ」「表Ⅵ」「一票否决」');
  });

  it('「表ⅲ」 (U+2172) is 「表Ⅲ」 (U+2162) to Excel, whose sheet names ignore case: kept, warned, 表Ⅲ not written (no 「表Ⅲ(核验)」)', async () => {
    const b = TemplateBuilder.base();
    const own = await b.write(tmp.file('own-lower.xlsx'), { extraSheets: [{ name: '表ⅲ', rows: [['我自己的表Ⅲ'], ['手填']] }] });
    const out = tmp.file('own-lower-out.xlsx');
    const r = await cliJson('annotate', own, '-o', out);
    expect(r.code).toBe(0);
    const g = await readXlsxFile(out);
    expect(g.map((x) => x.name)).toEqual(['学校基本信息', '分学段信息', '县级指标', '表ⅲ', ...OFFICIAL.filter((n) => n !== '表Ⅲ'), ...WORKING, '均衡核验_标记记录', '均衡核验_生成记录']);
    expect(sheetXmls(out).get('表ⅲ')).toBe(sheetXmls(own).get('表ⅲ'));
    const v = await cliJson('validate', out);
    expect(v.json.issues.filter((i: { code: string }) => i.code === 'shenbao-sheet-exists').map((i: { sheet: string; message: string; fix: string }) => [i.sheet, i.message, i.fix])).toEqual([
      ['表ⅲ', '工作簿中已有工作表「表ⅲ」（与「表Ⅲ」只差大小写，Excel 视为同名），不是本程序生成的，未作改动；申报表「表Ⅲ」本次未生成', '如需本程序生成「表Ⅲ」，请将您自己的工作表「表ⅲ」改名后重新核验'],
    ]);
    const again = tmp.file('own-lower-again.xlsx');
    expect((await cli('annotate', out, '-o', again)).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
  });
});
