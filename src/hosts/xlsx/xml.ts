/**
 * A small streaming XML scanner for the parts of an .xlsx package: it is fed decoded text in chunks of
 * any size (a tag or a character may be split between two chunks) and reports elements and, only while
 * the sink asks for it (`capture`), raw text. It never holds more than one chunk plus an unfinished tag,
 * so a sheet of a hundred megabytes is scanned in bounded memory. Element names are reported without
 * their namespace prefix (`x:c` → `c`), as some writers (the Open XML SDK) prefix every element.
 * Comments, processing instructions and a DOCTYPE are skipped; CDATA is passed on as escaped text.
 */

export interface XmlSink {
  /**
   * Optional fast path for the most frequent element: called when a tag starts with `<` and the char code
   * `fastTag` (outside captured text), with the text and the tag's position. It returns the position just past
   * what it consumed (that element and possibly more that follow it, as the sink would have seen them through
   * open/text/close), or -1 to let the scanner report the element as usual (the form is unusual, or the
   * element does not end within this chunk).
   */
  fastTag?: number;
  fast?(s: string, lt: number, n: number): number;
  /** An element opens; `attrs` is the raw attribute text. A self-closing element is followed by close(). */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw text (entities not yet decoded); called only while the scanner's `capture` is true. */
  text(raw: string): void;
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

export class XmlScanner {
  /** Set by the sink: whether text between tags is reported. */
  capture = false;
  private rest = '';

  constructor(private readonly sink: XmlSink) {}

  feed(chunk: string): void {
    const s = this.rest ? this.rest + chunk : chunk;
    this.rest = '';
    const n = s.length;
    const sink = this.sink;
    const fastTag = sink.fast ? (sink.fastTag ?? -1) : -1;
    let p = 0;
    while (p < n) {
      const lt = s.indexOf('<', p);
      if (lt < 0) {
        if (this.capture) sink.text(s.slice(p));
        return;
      }
      if (lt > p && this.capture) sink.text(s.slice(p, lt));
      if (lt + 1 >= n) {
        this.rest = s.slice(lt);
        return;
      }
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === fastTag && !this.capture) {
        const e = sink.fast!(s, lt, n);
        if (e >= 0) {
          p = e;
          continue;
        }
      }
      if (c1 === 33 /* ! */ || c1 === 63 /* ? */) {
        if (lt + 9 > n) {
          this.rest = s.slice(lt);
          return;
        }
        let end: number;
        let skip: number;
        if (s.startsWith('<!--', lt)) [end, skip] = [s.indexOf('-->', lt + 4), 3];
        else if (s.startsWith('<![CDATA[', lt)) {
          end = s.indexOf(']]>', lt + 9);
          if (end >= 0 && this.capture) sink.text(s.slice(lt + 9, end).replace(/&/g, '&amp;').replace(/</g, '&lt;'));
          skip = 3;
        } else if (c1 === 63) [end, skip] = [s.indexOf('?>', lt + 2), 2];
        else [end, skip] = [s.indexOf('>', lt + 2), 1];
        if (end < 0) {
          this.rest = s.slice(lt);
          return;
        }
        p = end + skip;
        continue;
      }
      // An element tag: find its '>' outside quoted attribute values.
      let q = 0;
      let i = lt + 1;
      for (; i < n; i++) {
        const ch = s.charCodeAt(i);
        if (q) {
          if (ch === q) q = 0;
        } else if (ch === 62 /* > */) break;
        else if (ch === 34 || ch === 39) q = ch;
      }
      if (i >= n) {
        this.rest = s.slice(lt);
        return;
      }
      if (c1 === 47 /* / */) {
        sink.close(localName(s.slice(lt + 2, i).trim()));
      } else {
        const selfClosing = s.charCodeAt(i - 1) === 47;
        const stop = selfClosing ? i - 1 : i;
        let j = lt + 1;
        while (j < stop) {
          const ch = s.charCodeAt(j);
          if (ch === 32 || ch === 9 || ch === 10 || ch === 13) break;
          j++;
        }
        const name = localName(s.slice(lt + 1, j));
        sink.open(name, j < stop ? s.slice(j, stop) : '', selfClosing);
        if (selfClosing) sink.close(name);
      }
      p = i + 1;
    }
  }

  /** The end of the input: an unfinished tag left over means the part is cut short. */
  end(): boolean {
    return this.rest.trim() === '';
  }
}

const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of a tag, values decoded. */
export function attrsOf(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(raw))) out[m[1]] = decodeXml(m[2] ?? m[3] ?? '', true);
  return out;
}

/** One attribute's value (decoded), or undefined; faster than attrsOf for a tag read on every cell. */
export function attrOf(raw: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const i = raw.indexOf(name, from);
    if (i < 0) return undefined;
    from = i + name.length;
    const before = i === 0 ? 32 : raw.charCodeAt(i - 1);
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let k = from;
    while (raw.charCodeAt(k) === 32) k++;
    if (raw.charCodeAt(k) !== 61 /* = */) continue;
    k++;
    while (raw.charCodeAt(k) === 32) k++;
    const quote = raw.charCodeAt(k);
    if (quote !== 34 && quote !== 39) continue;
    const end = raw.indexOf(quote === 34 ? '"' : "'", k + 1);
    if (end < 0) return undefined;
    const v = raw.slice(k + 1, end);
    return v.indexOf('&') < 0 ? v : decodeXml(v, true);
  }
}

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function codePoint(n: number, whole: string): string {
  return n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
}

/**
 * Decodes XML text: line ends normalised as an XML parser does (CR LF and CR → LF, attribute
 * whitespace → space), then character and the five predefined entity references.
 */
export function decodeXml(raw: string, attribute = false): string {
  let s = raw;
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  if (attribute && /[\n\t]/.test(s)) s = s.replace(/[\n\t]/g, ' ');
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (whole, dec: string, hex: string, named: string) =>
    dec ? codePoint(parseInt(dec, 10), whole) : hex ? codePoint(parseInt(hex, 16), whole) : NAMED[named],
  );
}

/**
 * Excel's escape of characters XML cannot hold (`_x000B_` for U+000B, `_x005F_` for a literal
 * underscore before such a sequence), as used in shared and inline strings.
 */
export function decodeXstring(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}
