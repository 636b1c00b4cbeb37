/**
 * An .xlsx package opened for patching: parts are read on demand, changed parts are kept as text, and
 * writing copies every untouched entry byte for byte (compressed data and CRC) in its original order.
 */
import { attr, escapeXml, findElements, startTag } from './xml-edit';
import { entryData, listZip, writeZip, type DeflateRaw, type InflateRaw, type ZipEntry, type ZipInput } from './zip';

export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const REL_WORKSHEET = `${REL_NS}/worksheet`;
export const REL_COMMENTS = `${REL_NS}/comments`;
export const REL_VML = `${REL_NS}/vmlDrawing`;
export const REL_STYLES = `${REL_NS}/styles`;
export const REL_THREADED = 'http://schemas.microsoft.com/office/2017/10/relationships/threadedComment';
export const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
export const CT_COMMENTS = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
export const CT_VML = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
export const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

export interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** The target as a part name (no leading slash), for internal relationships. */
  part: string;
}

const dec = new TextDecoder('utf-8');
const enc = new TextEncoder();

/** Part name of a relationship target, resolved against the folder of the source part. */
export function resolveTarget(source: string, target: string): string {
  const t = target.split('#')[0];
  if (t.startsWith('/')) return t.slice(1);
  const base = source.includes('/') ? source.slice(0, source.lastIndexOf('/') + 1) : '';
  const parts = (base + t).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The relationships part of a part: xl/worksheets/sheet1.xml → xl/worksheets/_rels/sheet1.xml.rels. */
export function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** A target for a relationship from `source` to `part`, relative like Excel writes it. */
export function relativeTarget(source: string, part: string): string {
  const from = source.split('/').slice(0, -1);
  const to = part.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

export class Package {
  private readonly entries: ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  private readonly texts = new Map<string, string>();
  /** Parts changed or added (text), in the order they were first set. */
  private readonly changed = new Map<string, string>();
  private readonly removed = new Set<string>();

  constructor(
    bytes: Uint8Array,
    private readonly inflateRaw: InflateRaw,
  ) {
    this.entries = listZip(bytes);
    for (const e of this.entries) this.byName.set(e.name.toLowerCase(), e);
  }

  private key(name: string): string {
    return name.replace(/^\//, '').toLowerCase();
  }

  /** The stored name of a part (the case the package uses), or null. */
  nameOf(part: string): string | null {
    const k = this.key(part);
    if (this.removed.has(k)) return null;
    for (const n of this.changed.keys()) if (n.toLowerCase() === k) return n;
    return this.byName.get(k)?.name ?? null;
  }

  has(part: string): boolean {
    return this.nameOf(part) !== null;
  }

  /** The text of a part (UTF-8; a UTF-8 BOM is kept), or null when absent. */
  text(part: string): string | null {
    const name = this.nameOf(part);
    if (name === null) return null;
    const c = this.changed.get(name);
    if (c !== undefined) return c;
    let t = this.texts.get(name);
    if (t === undefined) {
      t = dec.decode(entryData(this.byName.get(name.toLowerCase())!, this.inflateRaw));
      this.texts.set(name, t);
    }
    return t;
  }

  /** Sets a part's text (changing it, or adding a new part). Unchanged text leaves the entry as it is. */
  set(part: string, text: string): void {
    const name = this.nameOf(part) ?? part.replace(/^\//, '');
    this.removed.delete(name.toLowerCase());
    if (!this.changed.has(name) && this.byName.has(name.toLowerCase()) && this.text(name) === text) return;
    this.changed.set(name, text);
  }

  remove(part: string): void {
    const name = this.nameOf(part);
    if (name === null) return;
    this.changed.delete(name);
    this.removed.add(name.toLowerCase());
  }

  /** Every part name present. */
  names(): string[] {
    const out = this.entries.map((e) => e.name).filter((n) => !this.removed.has(n.toLowerCase()));
    for (const n of this.changed.keys()) if (!this.byName.has(n.toLowerCase())) out.push(n);
    return out;
  }

  /** A part name not yet used, from a pattern with a number: free('xl/worksheets/sheet', '.xml'). */
  free(prefix: string, suffix: string): string {
    const used = new Set(this.names().map((n) => n.toLowerCase()));
    for (let i = 1; ; i++) if (!used.has(`${prefix}${i}${suffix}`.toLowerCase())) return `${prefix}${i}${suffix}`;
  }

  rels(part: string): Rel[] {
    const xml = this.text(relsPartOf(part));
    if (xml === null) return [];
    return findElements(xml, 'Relationship').map((s) => {
      const tag = startTag(s);
      const target = attr(tag, 'Target') ?? '';
      const external = (attr(tag, 'TargetMode') ?? '') === 'External';
      return { id: attr(tag, 'Id') ?? '', type: attr(tag, 'Type') ?? '', target, external, part: external ? '' : resolveTarget(part, target) };
    });
  }

  /** Adds a relationship from `part` to `target` (a part name); returns its id. Creates the rels part if needed. */
  addRel(part: string, type: string, target: string): string {
    const relsPart = relsPartOf(part);
    const xml = this.text(relsPart) ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    const ids = new Set(this.rels(part).map((r) => r.id));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const rel = `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(relativeTarget(part, target))}"/>`;
    const fixed = xml.replace(/<Relationships([^>]*)\/>/, '<Relationships$1></Relationships>');
    const at = fixed.lastIndexOf('</Relationships>');
    this.set(relsPart, fixed.slice(0, at) + rel + fixed.slice(at));
    return id;
  }

  /** Removes one relationship of a part by id; removes the rels part when it becomes empty and was ours. */
  removeRel(part: string, id: string): void {
    const relsPart = relsPartOf(part);
    const xml = this.text(relsPart);
    if (xml === null) return;
    const s = findElements(xml, 'Relationship').find((r) => attr(startTag(r), 'Id') === id);
    if (!s) return;
    this.set(relsPart, xml.slice(0, s.start) + xml.slice(s.end));
  }

  /** The content type [Content_Types].xml gives a part (its Override, else the Default of its extension), or null. */
  contentType(part: string): string | null {
    const xml = this.text('[Content_Types].xml');
    if (xml === null) return null;
    const o = findElements(xml, 'Override').find((e) => (attr(startTag(e), 'PartName') ?? '').toLowerCase() === `/${part}`.toLowerCase());
    if (o) return attr(startTag(o), 'ContentType') ?? null;
    const ext = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
    const d = findElements(xml, 'Default').find((e) => (attr(startTag(e), 'Extension') ?? '').toLowerCase() === ext);
    return d ? (attr(startTag(d), 'ContentType') ?? null) : null;
  }

  /** Gives a part its own content type (an Override, replacing the one it had). */
  setContentType(part: string, contentType: string): void {
    this.removeOverride(part);
    this.addOverride(part, contentType);
  }

  /** Adds an Override to [Content_Types].xml for a new part. */
  addOverride(part: string, contentType: string): void {
    const xml = this.text('[Content_Types].xml');
    if (xml === null) return;
    const at = xml.lastIndexOf('</Types>');
    this.set('[Content_Types].xml', `${xml.slice(0, at)}<Override PartName="/${escapeXml(part)}" ContentType="${contentType}"/>${xml.slice(at)}`);
  }

  removeOverride(part: string): void {
    const xml = this.text('[Content_Types].xml');
    if (xml === null) return;
    const s = findElements(xml, 'Override').find((o) => (attr(startTag(o), 'PartName') ?? '').toLowerCase() === `/${part}`.toLowerCase());
    if (s) this.set('[Content_Types].xml', xml.slice(0, s.start) + xml.slice(s.end));
  }

  /** The package as bytes: untouched entries copied, changed ones re-encoded, new ones at the end. */
  write(deflateRaw?: DeflateRaw): Uint8Array {
    const files: ZipInput[] = [];
    for (const e of this.entries) {
      if (this.removed.has(e.name.toLowerCase())) continue;
      const c = this.changed.get(e.name);
      files.push(c === undefined ? { entry: e } : { name: e.name, data: enc.encode(c) });
    }
    for (const [name, text] of this.changed) if (!this.byName.has(name.toLowerCase())) files.push({ name, data: enc.encode(text) });
    return writeZip(files, deflateRaw);
  }
}
