import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
/**
 * A marked cell whose original fill is a theme tint (「蓝色，个性色 1，淡色 60%」), not a plain colour: the tint
 * comes back when the mark goes, also when the user changed the cell's number format after the mark.
 */
import { nodeDeflateRaw, nodeInflateRaw } from '../../src/hosts/xlsx/node-zlib';
import { entryData, listZip, writeZip } from '../../src/hosts/xlsx/zip';
import { cli } from '../helpers/run-cli';
import { tempDir } from '../helpers/template-builder';

jest.setTimeout(180_000);
const tmp = tempDir();
afterAll(() => tmp.cleanup());
const CONFORMANCE = join(__dirname, '..', 'fixtures', 'conformance');

function edit(path: string, out: string, f: (get: (n: string) => string, set: (n: string, s: string) => void) => void): string {
  const b = readFileSync(path);
  const entries = listZip(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)).map((e) => ({ name: e.name, data: entryData(e, nodeInflateRaw) }));
  const get = (n: string) => Buffer.from(entries.find((e) => e.name === n)!.data).toString('utf8');
  const set = (n: string, s: string) => (entries.find((e) => e.name === n)!.data = new TextEncoder().encode(s));
  f(get, set);
  const p = tmp.file(out);
  writeFileSync(p, writeZip(entries, nodeDeflateRaw));
  return p;
}
const XF = /<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g;
/** N3's cell format given a new xf derived from its own by `change`. */
function restyle(path: string, out: string, change: (xf: string, styles: string) => { xf: string; styles: string }, value?: string): string {
  return edit(path, out, (get, set) => {
    let sheet = get('xl/worksheets/sheet1.xml');
    const c = /<c r="N3"(?: s="(\d+)")?([^>]*)>(<v>[^<]*<\/v>)/.exec(sheet)!;
    let styles = get('xl/styles.xml');
    const xfs = /<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/.exec(styles)!;
    const list = xfs[2].match(XF)!;
    const r = change(list[Number(c[1] ?? 0)], styles);
    styles = r.styles;
    const xfs2 = /<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/.exec(styles)!;
    styles = styles.replace(xfs2[0], `<cellXfs count="${list.length + 1}">${xfs2[2]}${r.xf}</cellXfs>`);
    sheet = sheet.replace(c[0], `<c r="N3" s="${list.length}"${c[2]}>${value === undefined ? c[3] : `<v>${value}</v>`}`);
    set('xl/styles.xml', styles);
    set('xl/worksheets/sheet1.xml', sheet);
  });
}
function fillOfN3(path: string): string {
  const b = readFileSync(path);
  const m = new Map(listZip(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)).map((e) => [e.name, Buffer.from(entryData(e, nodeInflateRaw)).toString('utf8')]));
  const s = Number(/<c r="N3"(?: s="(\d+)")?/.exec(m.get('xl/worksheets/sheet1.xml')!)![1] ?? 0);
  const styles = m.get('xl/styles.xml')!;
  const xf = /<cellXfs count="\d+">([\s\S]*?)<\/cellXfs>/.exec(styles)![1].match(XF)![s];
  const fills = /<fills count="\d+">([\s\S]*?)<\/fills>/.exec(styles)![1].match(/<fill>[\s\S]*?<\/fill>|<fill\/>/g)!;
  return `${/numFmtId="(\d+)"/.exec(xf)![1]} ${fills[Number(/fillId="(\d+)"/.exec(xf)![1])]}`;
}

it('a theme-tinted cell, marked, then given a number format by the user: the tint comes back when the mark goes', async () => {
  const TINT = '<fill><patternFill patternType="solid"><fgColor theme="4" tint="0.59999389629810485"/><bgColor indexed="64"/></patternFill></fill>';
  const tinted = restyle(join(CONFORMANCE, '01-worked-example.xlsx'), 'tinted.xlsx', (xf, styles) => {
    const fills = /<fills count="(\d+)">([\s\S]*?)<\/fills>/.exec(styles)!;
    const n = Number(fills[1]);
    return { styles: styles.replace(fills[0], `<fills count="${n + 1}">${fills[2]}${TINT}</fills>`), xf: xf.replace(/fillId="\d+"/, `fillId="${n}"`).replace(/<xf /, '<xf applyFill="1" ') };
  });
  const once = tmp.file('t-once.xlsx');
  await cli('annotate', tinted, '-o', once);
  expect(fillOfN3(once)).not.toContain('tint');
  // Not touched by the user: the value corrected only -> the tint comes back (exact restore)
  const fixedOnly = edit(once, 'fixed-only.xlsx', (get, set) => set('xl/worksheets/sheet1.xml', get('xl/worksheets/sheet1.xml').replace(/(<c r="N3"[^>]*>)<v>[^<]*<\/v>/, '$1<v>500000</v>')));
  const a1 = tmp.file('t-a1.xlsx');
  await cli('annotate', fixedOnly, '-o', a1);
  expect(fillOfN3(a1)).toBe(`0 ${TINT}`);
  // The user gave it #,##0.00 after the mark and corrected the value.
  const fmt = restyle(once, 'fmt.xlsx', (xf, styles) => ({ styles, xf: xf.replace(/numFmtId="\d+"/, 'numFmtId="4" applyNumberFormat="1"') }), '500000');
  const a2 = tmp.file('t-a2.xlsx');
  await cli('annotate', fmt, '-o', a2);
  // Before: the mark's fill went and the tint with it (no fill at all).
  expect(fillOfN3(a2)).toBe(`4 ${TINT}`);
});
