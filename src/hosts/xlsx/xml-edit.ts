/**
 * String helpers for patching SpreadsheetML parts surgically: escaping, one attribute of one tag, the
 * elements of one section. Nothing here parses and re-serialises a whole part. Decoding is shared with the
 * reader (./xml).
 */
import { decodeXml, decodeXstring } from './xml';

/** Text for an XML element or attribute (quotes as Excel writes them, &apos; included). */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Entities decoded (the reader's decoder, one implementation for reading and patching). */
export function unescapeXml(s: string): string {
  return decodeXml(s);
}

/**
 * Text for a cell or comment (ST_Xstring): characters XML 1.0 cannot hold (control characters, lone
 * surrogates) are written as _xHHHH_, and a literal "_xHHHH_" is protected as _x005F_xHHHH_, as Excel does.
 */
export function xstring(s: string): string {
  const guarded = s
    .replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  return escapeXml(guarded);
}

/** Decodes the text of a <t> element: entities, then _xHHHH_ escapes. */
export function unXstring(s: string): string {
  return decodeXstring(decodeXml(s));
}

/** The value of an attribute in one start tag (unescaped), or null. `name` may carry a prefix ("r:id"). */
export function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name.replace(':', '\\:')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? unescapeXml(m[1] ?? m[2]) : null;
}

/** The start tag with the attribute set (replaced in place, or added before the tag's end). */
export function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(':', '\\:')}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  const v = `"${escapeXml(value)}"`;
  if (re.test(tag)) return tag.replace(re, (_m, pre: string) => `${pre}${v}`);
  const end = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end).replace(/\s+$/, '')} ${name}=${v}${tag.slice(end)}`;
}

/** The start tag without the attribute. */
export function removeAttr(tag: string, name: string): string {
  return tag.replace(new RegExp(`\\s${name.replace(':', '\\:')}\\s*=\\s*(?:"[^"]*"|'[^']*')`), '');
}

/** The namespace prefix (with its colon, or '') of the root element of a part, e.g. "x:" for <x:worksheet>. */
export function rootPrefix(xml: string, local: string): string {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}[\\s>/]`).exec(xml);
  return m?.[1] ?? '';
}

export interface Span {
  start: number;
  end: number;
  text: string;
}

/** The first element <p+name ...>...</p+name> or <p+name .../> from `from`, or null. */
export function findElement(xml: string, name: string, from = 0): Span | null {
  const re = new RegExp(`<${name}(?=[\\s/>])`, 'g');
  re.lastIndex = from;
  const m = re.exec(xml);
  if (!m) return null;
  const close = xml.indexOf('>', m.index);
  if (close < 0) return null;
  if (xml[close - 1] === '/') return { start: m.index, end: close + 1, text: xml.slice(m.index, close + 1) };
  // Same-name elements do not nest in the parts patched here (sections, cells, comments, shapes).
  const endTag = `</${name}>`;
  const e = xml.indexOf(endTag, close);
  if (e < 0) return null;
  return { start: m.index, end: e + endTag.length, text: xml.slice(m.index, e + endTag.length) };
}

/** Every element of that name (non-nesting), in order, between `from` and `to`. */
export function findElements(xml: string, name: string, from = 0, to = xml.length): Span[] {
  const out: Span[] = [];
  let p = from;
  for (;;) {
    const s = findElement(xml, name, p);
    if (!s || s.start >= to) break;
    out.push(s);
    p = s.end;
  }
  return out;
}

/** The start tag of an element span. */
export function startTag(span: Span | string): string {
  const t = typeof span === 'string' ? span : span.text;
  return t.slice(0, t.indexOf('>') + 1);
}

/** Replaces one span in a string. */
export function splice(xml: string, span: { start: number; end: number }, text: string): string {
  return xml.slice(0, span.start) + text + xml.slice(span.end);
}
