/**
 * Internal links as Excel writes them. exceljs 4.4 writes a link to a cell of the workbook
 * (`{ hyperlink: "#'Sheet'!A1" }`) as an *external* relationship plus a location: Excel shows
 * "#'Sheet'!A1##'Sheet'!A1" and WPS follows a dead link. The command line patches exceljs' node modules
 * (src/cli/annotate.ts, patchInternalHyperlinks); the browser bundle of exceljs cannot be patched, so the
 * page's copy is mended after writing: every hyperlink relationship whose target starts with '#' is
 * removed and its <hyperlink> keeps only `location` (without the '#'), as Excel writes an internal link.
 * Every other part of the package is copied byte for byte.
 */
import type { ChunkedInflate } from './read';
import { listZip, writeZip, type ZipEntry, type ZipInput } from './zip';

const HYPERLINK_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';

async function textOf(e: ZipEntry, inflate: ChunkedInflate): Promise<string> {
  if (e.method === 0) return new TextDecoder().decode(e.raw);
  const chunks: Uint8Array[] = [];
  for await (const c of inflate(e.raw, e.size)) chunks.push(c);
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(all);
}

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? m[1] : null;
};

/** The package with internal links mended; the same bytes when there is nothing to mend. */
export async function mendInternalLinks(bytes: Uint8Array, inflate: ChunkedInflate): Promise<Uint8Array> {
  const entries = listZip(bytes);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const replaced = new Map<string, string>();
  for (const rels of entries) {
    const m = /^xl\/worksheets\/_rels\/([^/]+\.xml)\.rels$/.exec(rels.name);
    if (!m) continue;
    const sheet = byName.get(`xl/worksheets/${m[1]}`);
    if (!sheet) continue;
    const relsXml = await textOf(rels, inflate);
    const dead = new Set<string>();
    const keptRels = relsXml.replace(/<Relationship\b[^>]*\/>/g, (tag) => {
      const target = attr(tag, 'Target') ?? '';
      if (attr(tag, 'Type') !== HYPERLINK_TYPE || !target.startsWith('#')) return tag;
      dead.add(attr(tag, 'Id') ?? '');
      return '';
    });
    if (!dead.size) continue;
    const sheetXml = (await textOf(sheet, inflate)).replace(/<hyperlink\b[^>]*\/>/g, (tag) => {
      const id = attr(tag, 'r:id');
      if (id === null || !dead.has(id)) return tag;
      return tag.replace(/\sr:id="[^"]*"/, '').replace(/\slocation="#/, ' location="');
    });
    replaced.set(rels.name, keptRels);
    replaced.set(sheet.name, sheetXml);
  }
  if (!replaced.size) return bytes;
  const enc = new TextEncoder();
  const files: ZipInput[] = entries.map((e) => (replaced.has(e.name) ? { name: e.name, data: enc.encode(replaced.get(e.name)!) } : { entry: e }));
  return writeZip(files);
}
