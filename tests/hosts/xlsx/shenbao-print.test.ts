/**
 * The official 申报表 print on A4 (issue 13, shenbao.md §2.7): each table's page setup (A4, one page wide, the
 * orientation of its shape, 表Ⅳ's page break at its second header), numbers centred as the spec says, and —
 * when LibreOffice and pdftotext are installed — the PDF LibreOffice prints: the expected pages per table, every
 * page A4 in its orientation, every value of the table on its pages (nothing cut off), and text no smaller than
 * 7 pt (a table shrunk to fit one page wide stays readable).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readXlsxFile } from '../../../src/hosts/xlsx/node-read';
import { nodeInflateRaw } from '../../../src/hosts/xlsx/node-zlib';
import { entryData, listZip } from '../../../src/hosts/xlsx/zip';
import type { CellGrid } from '../../../src/template/grid';
import { cli } from '../../helpers/run-cli';
import { tempDir } from '../../helpers/template-builder';

jest.setTimeout(180_000);
const tmp = tempDir();
afterAll(() => tmp.cleanup());
const FIX = join(__dirname, '../../fixtures/conformance');
const OFFICIAL = ['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决'];
/** The wide tables print landscape; 表Ⅵ and 「一票否决」 fit a portrait page. */
const LANDSCAPE = new Set(['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ']);
const CONFORMANCE = ['01-worked-example', '02-exact-thresholds', '03-county-plain', '04-county-messy'];

function parts(path: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of listZip(new Uint8Array(readFileSync(path)))) m.set(e.name, new TextDecoder().decode(entryData(e, nodeInflateRaw)));
  return m;
}

/** Sheet name → its worksheet XML, and the cell formats (<cellXfs>) of the package. */
function sheetXmls(path: string): { sheets: Map<string, string>; xfs: string[] } {
  const p = parts(path);
  const wb = p.get('xl/workbook.xml')!;
  const rels = p.get('xl/_rels/workbook.xml.rels')!;
  const sheets = new Map<string, string>();
  for (const m of wb.matchAll(/<(?:\w+:)?sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${m[2]}"`).exec(rels)!;
    sheets.set(m[1], p.get(`xl/${(target[1] ?? target[2]).replace(/^\/?(xl\/)?/, '')}`)!);
  }
  const cellXfs = /<(?:\w+:)?cellXfs[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(p.get('xl/styles.xml')!)![1];
  const xfs = [...cellXfs.matchAll(/<(?:\w+:)?xf\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?xf>)/g)].map((x) => x[0]);
  return { sheets, xfs };
}

function tool(names: string[], arg: string): string | null {
  for (const p of names) if (spawnSync(p, [arg], { encoding: 'utf8' }).status === 0) return p;
  return null;
}
const SOFFICE = tool(['soffice', '/usr/bin/soffice', 'libreoffice'], '--version');
const PDFTOTEXT = tool(['pdftotext', '/usr/bin/pdftotext'], '-v');

const written = new Map<string, string>();
/** The `shenbao` command's workbook for the sample county or a conformance workbook. */
async function shenbaoOf(name: string): Promise<string> {
  const known = written.get(name);
  if (known) return known;
  let input = join(FIX, `${name}.xlsx`);
  if (name === 'sample') {
    input = tmp.file('sample.xlsx');
    expect((await cli('sample', '-o', input)).code).toBe(0);
  }
  const out = tmp.file(`${name}-shenbao.xlsx`);
  expect((await cli('shenbao', input, '-o', out)).code).toBeLessThan(2);
  written.set(name, out);
  return out;
}

describe.each(['sample', ...CONFORMANCE])('the official tables of %s: print setup', (name) => {
  let sheets: Map<string, string>;
  let xfs: string[];
  beforeAll(async () => ({ sheets, xfs } = sheetXmls(await shenbaoOf(name))));

  it('every table prints on A4, fit to one page wide (any number of pages high), in the orientation of its shape', () => {
    expect([...sheets.keys()]).toEqual(OFFICIAL);
    for (const n of OFFICIAL) {
      const xml = sheets.get(n)!;
      expect([n, /<pageSetUpPr fitToPage="1"\/>/.test(xml), /<pageSetup paperSize="9" orientation="(\w+)" fitToHeight="0"\/>/.exec(xml)?.[1]]).toEqual([
        n,
        true,
        LANDSCAPE.has(n) ? 'landscape' : 'portrait',
      ]);
      // Excel's narrow margins on the landscape tables, the default ones on the others
      expect([n, /<pageMargins left="([\d.]+)" right="([\d.]+)"/.exec(xml)!.slice(1)]).toEqual([n, LANDSCAPE.has(n) ? ['0.25', '0.25'] : ['0.7', '0.7']]);
    }
  });

  it('表Ⅳ starts a new page at its second header (row 12), as the form does; no other table has a manual break', () => {
    expect(/<rowBreaks count="1" manualBreakCount="1"><brk id="11" max="16383" man="1"\/><\/rowBreaks>/.test(sheets.get('表Ⅳ')!)).toBe(true);
    for (const n of OFFICIAL.filter((x) => x !== '表Ⅳ')) expect([n, sheets.get(n)!.includes('rowBreaks')]).toEqual([n, false]);
  });

  it('every number is centred (shenbao.md §2.7 「numbers centred」), with its number format', () => {
    let numbers = 0;
    for (const n of OFFICIAL)
      for (const c of sheets.get(n)!.matchAll(/<c r="([A-Z]+\d+)" s="(\d+)"><v>[^<]*<\/v><\/c>/g)) {
        numbers++;
        expect([n, c[1], /horizontal="center"/.test(xfs[Number(c[2])])]).toEqual([n, c[1], true]);
      }
    // at least 表Ⅱ-1's counts and ratios (2 × 16) and 表Ⅲ's means and CVs (2 × 14)
    expect(numbers).toBeGreaterThan(2 * 16 + 2 * 14);
  });
});

/** What a cell shows: a number with its format's decimals, a text as it is; whitespace removed. */
function shown(v: unknown, format: string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number') {
    const d = /^0\.(0+)$/.exec(format ?? '')?.[1].length ?? 0;
    return v.toFixed(d);
  }
  return String(v).replace(/\s+/g, '');
}

(SOFFICE && PDFTOTEXT ? describe : describe.skip)('LibreOffice prints the official tables', () => {
  const pdfs = new Map<string, { pages: string[]; sizes: [number, number][]; heights: number[][] }>();
  beforeAll(async () => {
    const names = ['sample', '04-county-messy'];
    const files = await Promise.all(names.map(shenbaoOf));
    const dir = tmp.file('pdf');
    execFileSync(SOFFICE!, ['--headless', `-env:UserInstallation=file://${tmp.file('lo-profile')}`, '--convert-to', 'pdf', '--outdir', dir, ...files], { stdio: 'pipe', timeout: 170_000 });
    names.forEach((name, i) => {
      const pdf = join(dir, files[i].replace(/^.*\//, '').replace(/\.xlsx$/, '.pdf'));
      // -raw keeps each cell's text together (its wrapped lines follow one another)
      const pages = execFileSync(PDFTOTEXT!, ['-raw', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
      const bbox = execFileSync(PDFTOTEXT!, ['-bbox', pdf, '-'], { encoding: 'utf8' });
      const pageTags = [...bbox.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)];
      pdfs.set(name, {
        pages: pages.map((p) => p.replace(/\s+/g, '')),
        sizes: pageTags.map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]),
        heights: pageTags.map((m) => [...m[3].matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map((w) => Number(w[2]) - Number(w[1]))),
      });
    });
  });

  /** The pages of each table: a table begins on the page that shows its title. */
  function pagesBySheet(name: string, grids: CellGrid[]): Map<string, number[]> {
    const { pages } = pdfs.get(name)!;
    const out = new Map<string, number[]>();
    let k = -1;
    pages.forEach((text, i) => {
      const next = grids[k + 1];
      if (next && text.includes(String(next.values[0][0]).replace(/\s+/g, ''))) k++;
      if (k >= 0) out.set(grids[k].name, [...(out.get(grids[k].name) ?? []), i]);
    });
    return out;
  }

  it.each([
    ['sample', [1, 1, 1, 1, 2, 1, 1, 1]],
    ['04-county-messy', [1, 1, 1, 1, 2, 1, 1, 1]],
  ])('%s: the pages of each table, all A4 in its orientation, every value on them, no text under 7 pt', async (name, counts) => {
    const grids = (await readXlsxFile(written.get(name)!)).filter((g) => OFFICIAL.includes(g.name));
    expect(grids.map((g) => g.name)).toEqual(OFFICIAL);
    const { pages, sizes, heights } = pdfs.get(name)!;
    const bySheet = pagesBySheet(name, grids);
    expect(OFFICIAL.map((n) => [n, bySheet.get(n)?.length ?? 0])).toEqual(OFFICIAL.map((n, i) => [n, counts[i]]));
    expect(pages).toHaveLength(counts.reduce((s, c) => s + c, 0));
    for (const g of grids) {
      const on = bySheet.get(g.name)!;
      for (const i of on) expect([g.name, i, sizes[i]]).toEqual([g.name, i, LANDSCAPE.has(g.name) ? [842, 595] : [595, 842]]);
      // Nothing cut off: every cell's text (numbers as formatted) is on the table's pages.
      const text = on.map((i) => pages[i]).join('');
      const missing: string[] = [];
      g.values.forEach((row, r) =>
        row.forEach((v, c) => {
          const s = shown(v, g.numberFormats?.[r]?.[c]);
          if (s && !text.includes(s)) missing.push(`${String.fromCharCode(65 + c)}${r + 1}=${s}`);
        }),
      );
      expect([g.name, missing]).toEqual([g.name, []]);
      // Readable: the table is not shrunk below 7 pt to fit the page width (an 11 pt cell shrunk to 64 %).
      const smallest = Math.min(...on.flatMap((i) => heights[i]));
      expect([g.name, smallest >= 7]).toEqual([g.name, true]);
    }
  });
});
