/**
 * `annotate` patches the user's package (issue 11 points 11–13, issue 15 point 2). For the blank template,
 * the sample, the conformance workbooks and hostile files written the way openpyxl writes them (and, where
 * installed, after a LibreOffice or openpyxl round trip), every part of the package is compared before and
 * after: untouched parts are byte-identical (their compressed bytes copied), touched parts differ only in the
 * elements the product adds, and annotating the output again gives the same bytes. Every written file opens
 * in openpyxl and LibreOffice when they are installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clearBytes } from '../../src/cli/annotate';
import { gridsOfBytes } from '../../src/hosts/exceljs/read';
import { NATIONAL } from '../../src/domain/profile';
import { annotatePackage } from '../../src/hosts/xlsx/annotate-package';
import { nodeDeflateRaw, nodeInflateRaw } from '../../src/hosts/xlsx/node-zlib';
import { analyse } from '../../src/report/build';
import { marksOf } from '../../src/report/marks';
import { generatedSheets } from '../../src/report/sheets';
import { entryData, listZip, writeZip } from '../../src/hosts/xlsx/zip';
import { cli } from '../helpers/run-cli';
import { rawWorkbook } from '../helpers/raw-workbook';
import { TemplateBuilder, tempDir, type SheetGrid } from '../helpers/template-builder';

jest.setTimeout(180_000);

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const CONFORMANCE = join(__dirname, '..', 'fixtures', 'conformance');

interface Part {
  raw: Buffer;
  text: string;
}

function parts(path: string): Map<string, Part> {
  const b = readFileSync(path);
  const out = new Map<string, Part>();
  for (const e of listZip(new Uint8Array(b.buffer, b.byteOffset, b.byteLength))) out.set(e.name, { raw: Buffer.from(e.raw), text: Buffer.from(entryData(e, nodeInflateRaw)).toString('utf8') });
  return out;
}

// ---- independent normalisers: the output part with the product's additions taken out -------------------

const removeAll = (xml: string, re: RegExp, keep: (m: string) => boolean) => xml.replace(re, (m) => (keep(m) ? m : ''));

/** Elements in `out` that are not in `orig` (compared as exact strings) are removed. */
function withoutNew(out: string, orig: string, re: RegExp): string {
  const have = new Map<string, number>();
  for (const m of orig.match(re) ?? []) have.set(m, (have.get(m) ?? 0) + 1);
  return out.replace(re, (m) => {
    const n = have.get(m) ?? 0;
    if (n > 0) {
      have.set(m, n - 1);
      return m;
    }
    return '';
  });
}

function stylesBack(out: string, orig: string): string {
  let x = out;
  for (const [sec, child] of [['numFmts', 'numFmt'], ['fonts', 'font'], ['fills', 'fill'], ['borders', 'border'], ['cellXfs', 'xf']]) {
    const re = new RegExp(`<${sec}\\b[^>]*?(?:/>|>[\\s\\S]*?</${sec}>)`);
    const o = re.exec(orig)?.[0];
    const m = re.exec(x);
    if (!m) continue;
    if (!o) {
      x = x.replace(m[0], '');
      continue;
    }
    const childRe = new RegExp(`<${child}\\b[^>]*?(?:/>|>[\\s\\S]*?</${child}>)`, 'g');
    const n = (o.match(childRe) ?? []).length;
    let i = 0;
    const kids = m[0].replace(childRe, (k) => (i++ < n ? k : ''));
    const openO = /^<[^>]*>/.exec(o)![0];
    x = x.replace(m[0], o.endsWith('/>') && n === 0 ? o : openO + kids.slice(/^<[^>]*>/.exec(kids)![0].length));
  }
  return x;
}

function sheetBack(out: string, orig: string): string {
  // The s attribute of every cell as in the original; cells the product wrote (no value) removed.
  const origS = new Map<string, string | null>();
  for (const m of orig.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)\/?>/g)) origS.set(m[1], /\ss="(\d+)"/.exec(m[2])?.[1] ?? null);
  let x = out.replace(/<c r="([A-Z]+\d+)"( s="\d+")?\/>/g, (m, ref: string) => (origS.has(ref) ? m : ''));
  x = x.replace(/<c r="([A-Z]+\d+)"([^>]*?)(\/?)>/g, (m, ref: string, attrs: string, close: string) => {
    if (!origS.has(ref)) return m;
    const s = origS.get(ref);
    const rest = attrs.replace(/\ss="\d+"/, '');
    return `<c r="${ref}"${s === null ? rest : attrs.includes(' s="') ? attrs.replace(/\ss="\d+"/, ` s="${s}"`) : rest}${close}>`;
  });
  x = x.replace(/<row r="(\d+)"><\/row>/g, (m) => (orig.includes(m) ? m : ''));
  return withoutNew(x, orig, /<legacyDrawing (?:xmlns:r="[^"]*" )?r:id="[^"]*"\/>/g);
}

function commentsBack(out: string, orig: string): string {
  let x = removeAll(out, /<comment [\s\S]*?<\/comment>/g, (m) => !m.includes('【均衡核验】') || orig.includes(m));
  if (!orig.includes('<author>均衡核验</author>')) x = x.replace('<author>均衡核验</author>', '');
  return x;
}

/** The VML without the shapes (and shape type) added, whatever the prefix bound to the VML namespace. */
const vmlBack = (out: string, orig: string) => {
  // The product's shapes use the prefix its root binds to VML (declared there when the root had none: openpyxl
  // binds its prefixes on each element instead).
  const root = (xml: string) => /<xml\b[^>]*>/.exec(xml)?.[0] ?? '<xml>';
  const v = /xmlns:([\w.-]+)="urn:schemas-microsoft-com:vml"/.exec(root(out))?.[1] ?? 'v';
  const shapes = withoutNew(withoutNew(out, orig, new RegExp(`<${v}:shape [\\s\\S]*?</${v}:shape>`, 'g')), orig, new RegExp(`<${v}:shapetype [\\s\\S]*?</${v}:shapetype>`, 'g'));
  return shapes.replace(root(shapes), root(orig));
};

/** Compares every part: untouched ones copied byte for byte, touched ones differing only in the expected elements. */
function expectOnlyProductChanges(input: string, output: string): { touched: string[]; added: string[] } {
  const a = parts(input);
  const b = parts(output);
  const touched: string[] = [];
  for (const [name, p] of a) {
    const q = b.get(name);
    expect([name, q !== undefined]).toEqual([name, true]);
    if (q!.text === p.text) {
      // Copied, not re-encoded.
      expect([name, q!.raw.equals(p.raw)]).toEqual([name, true]);
      continue;
    }
    touched.push(name);
    let back: string;
    if (name === '[Content_Types].xml') back = withoutNew(q!.text, p.text, /<Override [^>]*\/>/g);
    else if (name.endsWith('.rels')) back = withoutNew(q!.text, p.text, /<Relationship [^>]*\/>/g);
    else if (/workbook\.xml$/.test(name))
      back = withoutNew(withoutNew(q!.text, p.text, /<sheet [^>]*\/>/g), p.text, /<definedName name="_xlnm\.Print_Titles" localSheetId="\d+">[^<]*<\/definedName>/g)
        .replace(/<definedNames(\s*) ><\/definedNames>/, '<definedNames$1/>')
        .replace(/<definedNames><\/definedNames>/, p.text.includes('<definedNames></definedNames>') ? '<definedNames></definedNames>' : '');
    else if (/styles\.xml$/.test(name)) back = stylesBack(q!.text, p.text);
    else if (/worksheets\/[^/]+\.xml$/.test(name)) back = sheetBack(q!.text, p.text);
    else if (/comment[^/]*\.xml$/.test(name)) back = commentsBack(q!.text, p.text);
    else if (/\.vml$/.test(name)) back = vmlBack(q!.text, p.text);
    else back = q!.text;
    expect([name, back]).toEqual([name, p.text]);
  }
  // Every prefix a notes drawing uses is declared on it (an unbound prefix makes the VML unreadable).
  for (const [n, q] of b)
    if (n.endsWith('.vml')) {
      const used = new Set([...q.text.matchAll(/<\/?([\w.-]+):/g), ...q.text.matchAll(/\s([\w.-]+):[\w.-]+=/g)].map((m) => m[1]).filter((x) => x !== 'xmlns'));
      for (const prefix of used) expect([n, prefix, q.text.includes(`xmlns:${prefix}=`)]).toEqual([n, prefix, true]);
    }
  const added = [...b.keys()].filter((n) => !a.has(n));
  for (const n of added) expect([n, /^xl\/(worksheets\/(sheet\d+\.xml|_rels\/sheet\d+\.xml\.rels)|comments\d+\.xml|drawings\/vmlDrawing\d+\.vml)$/.test(n)]).toEqual([n, true]);
  // Nothing the product writes holds a non-finite number or a row taller than Excel allows.
  for (const n of [...added, ...touched]) {
    const t = b.get(n)!.text;
    expect([n, t.match(/<v>(?:-?Infinity|NaN)<\/v>/g)]).toEqual([n, null]);
    for (const m of t.matchAll(/\sht="([^"]+)"/g)) expect(Number(m[1])).toBeLessThanOrEqual(409.5);
  }
  return { touched, added };
}

// ---- the workbooks ---------------------------------------------------------------------------------------

const LONG_NAME = '县第一实验学校附属'.repeat(40);

function hostileBuilder(): TemplateBuilder {
  return TemplateBuilder.base()
    .setSchool('0360000001', { teachingArea: 3500, // R4 (3500 − 500 室内)/1000 = 3.00
      equipment: 100, multimediaRooms: 1, name: '红旗\u000B小学' })
    .setSchool('0360000002', { name: LONG_NAME });
}

/** The hostile file, written part by part as openpyxl writes it. */
function hostile(withNotes = true): { bytes: Uint8Array; k: string; e: string; m: string } {
  const b = hostileBuilder();
  const grids: SheetGrid[] = b.grids();
  const k = b.schoolCell('0360000001', 'teachingArea');
  const e = b.schoolCell('0360000001', 'equipment');
  const m = b.schoolCell('0360000001', 'multimediaRooms');
  const county = grids.find((g) => g.name === '县级指标')!;
  county.rows[1] = [...county.rows[1]];
  county.rows[1][4] = 'Infinity';
  const bytes = rawWorkbook(
    [
      { grid: grids[0], chart: true, ...(withNotes ? { notes: { [k]: '校舍数据来自2024年普查' }, threaded: { [e]: '请核对设备值' } } : {}) },
      { grid: grids[1] },
      { grid: county, formulas: { F2: '[1]Sheet1!$A$1' } },
    ],
    // openpyxl's own part names (xl/comments/comment1.xml, absolute targets): annotate reads them with the package reader.
    { lockStructure: true, externalLink: true },
  );
  return { bytes, k, e, m };
}

const inputs: { name: string; path: string }[] = [];

beforeAll(async () => {
  const t = tmp.file('template.xlsx');
  expect((await cli('template', '-o', t)).code).toBe(0);
  const s = tmp.file('sample.xlsx');
  expect((await cli('sample', '-o', s)).code).toBe(0);
  inputs.push({ name: 'template', path: t }, { name: 'sample', path: s });
  for (const f of readdirSync(CONFORMANCE).filter((n) => n.endsWith('.xlsx')).sort()) inputs.push({ name: f, path: join(CONFORMANCE, f) });
  const h = tmp.file('hostile.xlsx');
  writeFileSync(h, hostile().bytes);
  // openpyxl 3.1 writes an empty <definedNames /> with a space: the names added go, and it comes back as it was.
  const spaced = tmp.file('hostile-spaced-names.xlsx');
  writeFileSync(spaced, withParts(hostile().bytes, /^xl\/workbook\.xml$/, (x) => x.replace('</sheets>', '</sheets><definedNames />')));
  inputs.push({ name: 'hostile with <definedNames />', path: spaced });
  // openpyxl writes the notes' drawing with the prefixes ns0 (office), ns1 (vml) and ns2 (excel).
  const nsVml = tmp.file('hostile-openpyxl-vml.xlsx');
  writeFileSync(nsVml, withParts(hostile().bytes, /\.vml$/, openpyxlVml));
  inputs.push({ name: 'hostile with openpyxl VML prefixes', path: nsVml });
  // Last: the LibreOffice test below saves this one.
  inputs.push({ name: 'hostile (openpyxl-style)', path: h });
});

/** The VML as openpyxl writes it: ns1 for v, ns0 for o, ns2 for x. */
function openpyxlVml(vml: string): string {
  const to: Record<string, string> = { v: 'ns1', o: 'ns0', x: 'ns2' };
  return vml.replace(/xmlns:([vox])=/g, (_, k: string) => `xmlns:${to[k]}=`).replace(/(<\/?|\s)([vox]):(?=[A-Za-z])/g, (_, a: string, k: string) => `${a}${to[k]}:`);
}

/** The package with the parts whose names match changed (the other parts copied as they are). */
function withParts(bytes: Uint8Array, names: RegExp, edit: (xml: string) => string): Uint8Array {
  return writeZip(
    listZip(bytes).map((e) => {
      if (!names.test(e.name)) return { entry: e };
      const xml = Buffer.from(entryData(e, nodeInflateRaw)).toString('utf8');
      const changed = edit(xml);
      expect(changed).not.toBe(xml);
      return { name: e.name, data: new TextEncoder().encode(changed) };
    }),
    nodeDeflateRaw,
  );
}

describe('every part before and after annotate', () => {
  it('untouched parts byte-identical, touched parts differ only in the marks, notes and new sheets; again on the output gives the same bytes', async () => {
    const seen: string[] = [];
    for (const { name, path } of inputs) {
      const out = tmp.file(`${seen.length}-out.xlsx`);
      const r = await cli('annotate', path, '-o', out);
      if (r.code === 2) throw new Error(`${name}: ${r.stderr}`);
      const { touched } = expectOnlyProductChanges(path, out);
      expect([name, touched.filter((t) => !/^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/worksheets\/.*|xl\/comments.*|xl\/drawings\/.*\.vml)$/.test(t))]).toEqual([name, []]);
      const again = tmp.file(`${seen.length}-again.xlsx`);
      const r2 = await cli('annotate', out, '-o', again);
      expect([name, r2.code]).toEqual([name, r.code]);
      expect([name, readFileSync(again).equals(readFileSync(out))]).toEqual([name, true]);
      // Clearing gives back every part of the original but the formats added (kept, unused).
      const cleared = await clearBytes(new Uint8Array(readFileSync(out)));
      const back = tmp.file(`${seen.length}-cleared.xlsx`);
      writeFileSync(back, cleared.bytes);
      const before = parts(path);
      const after = parts(back);
      expect([name, [...after.keys()].sort()]).toEqual([name, [...before.keys()].sort()]);
      for (const [n, p] of before) if (!/styles\.xml$/.test(n)) expect([name, n, after.get(n)!.text === p.text]).toEqual([name, n, true]);
      seen.push(name);
    }
    expect(seen).toHaveLength(9);
  });
});

describe('the hostile file keeps everything of the user', () => {
  let out: string;
  let input: string;
  let k: string;
  let e: string;
  let m: string;
  beforeAll(async () => {
    const h = hostile();
    k = h.k;
    e = h.e;
    m = h.m;
    input = tmp.file('hostile-2.xlsx');
    writeFileSync(input, h.bytes);
    out = tmp.file('hostile-2-out.xlsx');
    expect((await cli('annotate', input, '-o', out)).code).toBe(0);
  });

  it('chart, external link, its [1] formula, the workbook structure lock and control characters are kept', () => {
    const a = parts(input);
    const b = parts(out);
    for (const n of ['xl/charts/chart1.xml', 'xl/drawings/drawing1.xml', 'xl/drawings/_rels/drawing1.xml.rels', 'xl/externalLinks/externalLink1.xml', 'xl/externalLinks/_rels/externalLink1.xml.rels', 'xl/sharedStrings.xml', 'xl/threadedComments/threadedComment1.xml'])
      expect([n, b.get(n)!.raw.equals(a.get(n)!.raw)]).toEqual([n, true]);
    const wb = b.get('xl/workbook.xml')!.text;
    expect(wb).toContain('<workbookProtection lockStructure="1"/>');
    // The generated tables print their header rows on every page.
    expect(wb).toContain('<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="5">&apos;表Ⅱ-2&apos;!$1:$3</definedName><definedName name="_xlnm.Print_Titles" localSheetId="11">&apos;核验_学校达标&apos;!$1:$3</definedName><definedName name="_xlnm.Print_Titles" localSheetId="12">&apos;核验_校际均衡&apos;!$1:$3</definedName><definedName name="_xlnm.Print_Titles" localSheetId="13">&apos;核验_问题清单&apos;!$1:$3</definedName></definedNames>');
    expect(wb).toContain('<externalReferences><externalReference r:id="rId7"/></externalReferences>');
    expect(b.get('xl/worksheets/sheet3.xml')!.text).toContain('<c r="F2"><f>[1]Sheet1!$A$1</f><v>0</v></c>');
    expect(b.get('xl/sharedStrings.xml')!.text).toContain('<t>红旗_x000B_小学</t>');
    expect(b.get('xl/worksheets/sheet1.xml')!.text).toContain('<drawing r:id="rId1"/>');
  });

  it('a user note and a threaded comment stay byte for byte; their explanations are listed in 问题清单; other marks get our notes', () => {
    const a = parts(input);
    const b = parts(out);
    const note = a.get('xl/comments/comment1.xml')!.text.match(/<comment [\s\S]*?<\/comment>/g)!;
    expect(note).toHaveLength(2);
    for (const c of note) expect(b.get('xl/comments/comment1.xml')!.text).toContain(c);
    const ours = b.get('xl/comments/comment1.xml')!.text.match(/<comment ref="([A-Z]+\d+)"[^>]*>(?:(?!<\/comment>)[\s\S])*【均衡核验】/g) ?? [];
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.some((c) => c.includes(`ref="${k}"`) || c.includes(`ref="${e}"`))).toBe(false);
    expect(ours.some((c) => c.includes(`ref="${m}"`))).toBe(true);
    const issues = [...b.values()].map((p) => p.text).find((t) => t.includes('已有批注的单元格：原批注保持不变'))!;
    expect(issues).toContain(`location="&apos;学校基本信息&apos;!${k}"`);
    expect(issues).toContain(`location="&apos;学校基本信息&apos;!${e}"`);
    expect(issues).toContain('红旗_x000B_小学 小学部：R4 生均教学及辅助用房面积 3.00㎡');
  });

  it('long names give rows no taller than 409.5 pt, and the text "Infinity" stays text', () => {
    const b = parts(out);
    const units = [...b.values()].map((p) => p.text).find((t) => t.includes('核验 义务教育学校资源配置达标情况'))!;
    const heights = [...units.matchAll(/\sht="([^"]+)"/g)].map((m) => Number(m[1]));
    expect(Math.max(...heights)).toBe(409.5);
    expect(b.get('xl/sharedStrings.xml')!.text).toContain('<t>Infinity</t>');
  });
});

// ---- other readers -----------------------------------------------------------------------------------------

function python(): string | null {
  for (const p of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(p, ['-c', 'import openpyxl'], { encoding: 'utf8' });
    if (r.status === 0) return p;
  }
  return null;
}

function soffice(): string | null {
  for (const p of ['soffice', '/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice']) {
    const r = spawnSync(p, ['--version'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return p;
  }
  return null;
}

const PY = python();
const SOFFICE = soffice();

describe('files written open in openpyxl and LibreOffice (skipped when not installed)', () => {
  const written: string[] = [];
  beforeAll(async () => {
    // The template and the sample as written by the command line, and every annotated file.
    written.push(inputs[0].path, inputs[1].path);
    for (const [i, { path }] of inputs.entries()) {
      const out = tmp.file(`readers-${i}.xlsx`);
      await cli('annotate', path, '-o', out);
      written.push(out);
    }
  });

  (PY ? it : it.skip)('openpyxl loads every annotated file, sees the sheets and the very hidden record', () => {
    const script = 'import sys, openpyxl\nfor p in sys.argv[1:]:\n    wb = openpyxl.load_workbook(p)\n    print(p, \' \'.join(n + \':\' + wb[n].sheet_state for n in wb.sheetnames[-2:]))\n';
    const r = spawnSync(PY!, ['-c', script, ...written], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(written.map((p, i) => `${p} ${i < 2 ? '县级指标:visible 填报说明:visible' : '均衡核验_标记记录:veryHidden 均衡核验_生成记录:veryHidden'}`));
  });

  (SOFFICE ? it : it.skip)('LibreOffice converts every annotated file to PDF', () => {
    const dir = tmp.file('pdf');
    execFileSync(SOFFICE!, ['--headless', `-env:UserInstallation=file://${tmp.file('lo-profile')}`, '--convert-to', 'pdf', '--outdir', dir, ...written], { stdio: 'pipe', timeout: 170_000 });
    for (const p of written) {
      const pdf = join(dir, p.replace(/^.*\//, '').replace(/\.xlsx$/, '.pdf'));
      expect([pdf, existsSync(pdf) && statSync(pdf).size > 1000]).toEqual([pdf, true]);
    }
  });

  (SOFFICE ? it : it.skip)('a file saved by LibreOffice is annotated with the same guarantees', async () => {
    const dir = tmp.file('lo');
    execFileSync(SOFFICE!, ['--headless', `-env:UserInstallation=file://${tmp.file('lo-profile')}`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', dir, inputs[inputs.length - 1].path], { stdio: 'pipe', timeout: 170_000 });
    const lo = join(dir, 'hostile.xlsx');
    const out = tmp.file('lo-out.xlsx');
    const r = await cli('annotate', lo, '-o', out);
    expect(r.code).toBeLessThan(2);
    expectOnlyProductChanges(lo, out);
    const again = tmp.file('lo-again.xlsx');
    await cli('annotate', out, '-o', again);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
  });

  (SOFFICE ? it : it.skip)('an annotated file saved again by LibreOffice is recognised: earlier marks undone once, the sheets replaced, not duplicated', async () => {
    const first = tmp.file('lo-first.xlsx');
    const r1 = await cli('annotate', inputs[1].path, '-o', first);
    const marks = Number(/标记单元格 (\d+) 个/.exec(r1.stdout)![1]);
    const dir = tmp.file('lo2');
    execFileSync(SOFFICE!, ['--headless', `-env:UserInstallation=file://${tmp.file('lo-profile')}`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', dir, first], { stdio: 'pipe', timeout: 170_000 });
    const out = tmp.file('lo-second.xlsx');
    const r2 = await cli('annotate', join(dir, 'lo-first.xlsx'), '-o', out);
    expect(r2.stdout).toContain(`已先清除上次核验留下的标记 ${marks} 处`);
    expect(r2.stdout).toContain('已生成工作表：「表Ⅰ」「表Ⅱ-1」「表Ⅱ-2」「表Ⅲ」「表Ⅳ」「表Ⅴ」「表Ⅵ」「一票否决」「核验_学校达标」「核验_校际均衡」「核验_问题清单」\n');
    const p = parts(out);
    const wb = p.get('xl/workbook.xml')!.text;
    expect([...wb.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual(['学校基本信息', '分学段信息', '县级指标', '填报说明', '表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单', '均衡核验_标记记录', '均衡核验_生成记录']);
    const ours = [...p.entries()].filter(([n]) => /comments/.test(n)).map(([, x]) => (x.text.match(/【均衡核验】/g) ?? []).length).reduce((a, b) => a + b, 0);
    // Our notes: one per mark, and the 表Ⅲ 综合 notes (one per 学段) of the official table.
    expect(ours - marks).toBe(2);
  });

  (PY ? it : it.skip)('a file saved by openpyxl is annotated with the same guarantees', async () => {
    const saved = tmp.file('openpyxl-saved.xlsx');
    // With notes: openpyxl saves them as xl/comments/comment1.xml with absolute targets.
    const plain = tmp.file('hostile-plain.xlsx');
    writeFileSync(plain, hostile(true).bytes);
    const r0 = spawnSync(PY!, ['-c', 'import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nwb.save(sys.argv[2])\n', plain, saved], { encoding: 'utf8' });
    expect(r0.status).toBe(0);
    // The grids are read from openpyxl's own file (absolute part targets, its comment part names).
    const result = analyse(await gridsOfBytes(new Uint8Array(readFileSync(saved))), NATIONAL);
    if (!result.ok) throw new Error(result.fatal.message);
    const patched = annotatePackage({ bytes: new Uint8Array(readFileSync(saved)), grids: [], marks: marksOf(result.analysis), sheets: generatedSheets(result.analysis), inflateRaw: nodeInflateRaw, deflateRaw: nodeDeflateRaw });
    // openpyxl keeps the user's note (threaded comments become plain notes in openpyxl): its cells keep it.
    expect(patched.keptNotes.length).toBeGreaterThan(0);
    const out = tmp.file('openpyxl-out.xlsx');
    writeFileSync(out, patched.bytes);
    // and the command line reads openpyxl's file directly
    const cliOut = tmp.file('openpyxl-cli-out.xlsx');
    expect((await cli('annotate', saved, '-o', cliOut)).code).toBe(0);
    expectOnlyProductChanges(saved, out);
    const r = spawnSync(PY!, ['-c', 'import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nprint(wb.sheetnames)\n', out], { encoding: 'utf8' });
    expect([r.stderr, r.stdout.trim()]).toEqual(['', "['学校基本信息', '分学段信息', '县级指标', '表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单', '均衡核验_标记记录', '均衡核验_生成记录']"]);
  });
});

describe('macro-enabled workbooks and templates', () => {
  const MACRO = 'application/vnd.ms-excel.sheet.macroEnabled.main+xml';
  /** A conformance workbook turned into another kind by its workbook content type (and a VBA part for macros). */
  function variant(name: string, type: string, vba: boolean): string {
    const b = readFileSync(join(CONFORMANCE, '01-worked-example.xlsx'));
    const entries = listZip(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)).map((e) => ({ name: e.name, data: entryData(e, nodeInflateRaw) }));
    const text = (n: string) => Buffer.from(entries.find((e) => e.name === n)!.data).toString('utf8');
    const set = (n: string, s: string) => (entries.find((e) => e.name === n)!.data = new TextEncoder().encode(s));
    set('[Content_Types].xml', text('[Content_Types].xml').replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', type).replace('</Types>', vba ? '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>' : '</Types>'));
    if (vba) {
      set('xl/_rels/workbook.xml.rels', text('xl/_rels/workbook.xml.rels').replace('</Relationships>', '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'));
      entries.push({ name: 'xl/vbaProject.bin', data: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]) });
    }
    const path = tmp.file(name);
    writeFileSync(path, writeZip(entries, nodeDeflateRaw));
    return path;
  }

  it('an .xlsm is annotated to an .xlsm with its macros and type; to an .xlsx it is refused (Excel would not open it)', async () => {
    const input = variant('宏.xlsm', MACRO, true);
    const refused = await cli('annotate', input, '-o', tmp.file('宏（已标注）.xlsx'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('是启用宏的工作簿（含 VBA 宏），标注副本须以 .xlsm 结尾');
    expect(existsSync(tmp.file('宏（已标注）.xlsx'))).toBe(false);
    const out = tmp.file('宏（已标注）.xlsm');
    expect([0, 1]).toContain((await cli('annotate', input, '-o', out)).code);
    const p = parts(out);
    expect(p.get('xl/vbaProject.bin')!.raw).toEqual(parts(input).get('xl/vbaProject.bin')!.raw);
    expect(p.get('[Content_Types].xml')!.text).toContain(`ContentType="${MACRO}"`);
    expect(p.get('xl/_rels/workbook.xml.rels')!.text).toContain('Target="vbaProject.bin"');
    // A workbook without macros is not written as .xlsm either.
    const plain = await cli('annotate', join(CONFORMANCE, '01-worked-example.xlsx'), '-o', tmp.file('普通.xlsm'));
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('不含宏，标注副本应以 .xlsx 结尾');
  });

  it('a template (.xltx, .xltm) is annotated as a workbook: only the workbook part\'s content type changes', async () => {
    const xltx = variant('模板.xltx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml', false);
    const out = tmp.file('模板（已标注）.xlsx');
    expect([0, 1]).toContain((await cli('annotate', xltx, '-o', out)).code);
    const types = parts(out).get('[Content_Types].xml')!.text;
    expect(types).toContain('<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>');
    expect(types).not.toContain('template.main+xml');
    const xltm = variant('模板.xltm', 'application/vnd.ms-excel.template.macroEnabled.main+xml', true);
    const outM = tmp.file('模板（已标注）.xlsm');
    expect([0, 1]).toContain((await cli('annotate', xltm, '-o', outM)).code);
    expect(parts(outM).get('[Content_Types].xml')!.text).toContain(`<Override PartName="/xl/workbook.xml" ContentType="${MACRO}"/>`);
  });
});

describe('a marked cell the user formatted after the mark', () => {
  /** The package with the cell's format replaced by a copy showing `numFmtId` (fill kept), and its value `value`. */
  function restyled(path: string, cell: string, numFmtId: number, value?: string): string {
    const b = readFileSync(path);
    const entries = listZip(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)).map((e) => ({ name: e.name, data: entryData(e, nodeInflateRaw) }));
    const get = (n: string) => Buffer.from(entries.find((e) => e.name === n)!.data).toString('utf8');
    const set = (n: string, s: string) => (entries.find((e) => e.name === n)!.data = new TextEncoder().encode(s));
    let sheet = get('xl/worksheets/sheet1.xml');
    const c = new RegExp(`<c r="${cell}" s="(\\d+)"([^>]*)>(<v>[^<]*</v>)`).exec(sheet)!;
    let styles = get('xl/styles.xml');
    const xfs = /<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/.exec(styles)!;
    const list = xfs[2].match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)!;
    const copy = list[Number(c[1])].replace(/numFmtId="\d+"/, `numFmtId="${numFmtId}" applyNumberFormat="1"`);
    styles = styles.replace(xfs[0], `<cellXfs count="${list.length + 1}">${xfs[2]}${copy}</cellXfs>`);
    sheet = sheet.replace(c[0], `<c r="${cell}" s="${list.length}"${c[2]}>${value === undefined ? c[3] : `<v>${value}</v>`}`);
    set('xl/styles.xml', styles);
    set('xl/worksheets/sheet1.xml', sheet);
    const out = tmp.file(`restyled-${numFmtId}-${value ?? ''}.xlsx`);
    writeFileSync(out, writeZip(entries, nodeDeflateRaw));
    return out;
  }
  const look = (path: string, cell: string) => {
    const p = parts(path);
    const s = Number(new RegExp(`<c r="${cell}" s="(\\d+)"`).exec(p.get('xl/worksheets/sheet1.xml')!.text)![1]);
    const styles = p.get('xl/styles.xml')!.text;
    const xf = /<cellXfs count="\d+">([\s\S]*?)<\/cellXfs>/.exec(styles)![1].match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)![s];
    const fill = /<fills count="\d+">([\s\S]*?)<\/fills>/.exec(styles)![1].match(/<fill>[\s\S]*?<\/fill>/g)![Number(/fillId="(\d+)"/.exec(xf)![1])];
    return { numFmtId: Number(/numFmtId="(\d+)"/.exec(xf)![1]), fill: /rgb="FF([0-9A-F]{6})"/.exec(fill)?.[1] ?? null };
  };

  it('a second run keeps the number format the user gave it; a corrected cell loses only the mark fill', async () => {
    const once = tmp.file('fmt-once.xlsx');
    await cli('annotate', join(CONFORMANCE, '01-worked-example.xlsx'), '-o', once);
    // N3 of 01 (教学仪器设备 137 万元 of a failing school) is marked orange.
    expect(look(once, 'N3')).toEqual({ numFmtId: 0, fill: 'FFD8A8' });
    const again = tmp.file('fmt-again.xlsx');
    await cli('annotate', restyled(once, 'N3', 4), '-o', again);
    // Before: the format of before the first run came back whole (General), dropping the user's #,##0.00.
    expect(look(again, 'N3')).toEqual({ numFmtId: 4, fill: 'FFD8A8' });
    const fixed = tmp.file('fmt-fixed.xlsx');
    await cli('annotate', restyled(once, 'N3', 4, '500000'), '-o', fixed);
    expect(look(fixed, 'N3')).toEqual({ numFmtId: 4, fill: null });
  });
});

describe('a note of ours that a colleague wrote on below', () => {
  it('is theirs from then on: a second annotate keeps it whole and lists the explanation in 核验_问题清单', async () => {
    const once = tmp.file('note-once.xlsx');
    await cli('annotate', join(CONFORMANCE, '01-worked-example.xlsx'), '-o', once);
    const b = readFileSync(once);
    const entries = listZip(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)).map((e) => ({ name: e.name, data: entryData(e, nodeInflateRaw) }));
    const comments = entries.find((e) => /^xl\/comments[^/]*\.xml$|^xl\/comments\/[^/]+\.xml$/.test(e.name) && Buffer.from(e.data).includes('<comment ref="N3"'))!;
    const text = Buffer.from(comments.data).toString('utf8');
    // N3's note (a failing school's 教学仪器设备), the colleague's line added after ours, as Excel saves an edited note.
    const n3 = /<comment ref="N3"[\s\S]*?<\/comment>/.exec(text)![0];
    expect(n3).toContain('——均衡核验生成，重新核验时替换</t>');
    const edited = n3.replace('——均衡核验生成，重新核验时替换</t>', '——均衡核验生成，重新核验时替换\n王科长(3/5)：已与学校核实</t>');
    comments.data = new TextEncoder().encode(text.replace(n3, edited));
    const input = tmp.file('note-edited.xlsx');
    writeFileSync(input, writeZip(entries, nodeDeflateRaw));
    const again = tmp.file('note-again.xlsx');
    const r = await cli('annotate', input, '-o', again);
    expect(r.stdout).toMatch(/其中 1 个单元格原有批注，批注未作改动/);
    const out = parts(again);
    const after = [...out.entries()].find(([n]) => n === comments.name)![1].text;
    // Before: the note was taken for ours and written afresh, the colleague's line gone.
    expect(after).toContain(edited);
    expect((after.match(/王科长\(3\/5\)：已与学校核实/g) ?? []).length).toBe(1);
  });
});
