/**
 * Request sizes. Excel on the web refuses a request or response over 5 MB
 * (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins);
 * how it counts is not documented. Requests are therefore counted conservatively: as JSON in which every UTF-16
 * code unit outside ASCII is escaped as \uXXXX (6 bytes: a Chinese character, 3 bytes in UTF-8, costs 6; a
 * character outside the BMP, a surrogate pair, 12), quotes, backslashes and control characters escaped as JSON
 * escapes them. That is never less than the UTF-8 or the UTF-16 size of text that is mostly Chinese.
 */

/** UTF-8 byte length of a string, without encoding it. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes of an already serialised JSON text with every non-ASCII UTF-16 code unit escaped as \uXXXX. */
export function escapedJsonLength(json: string): number {
  let n = 0;
  for (let i = 0; i < json.length; i++) n += json.charCodeAt(i) < 0x80 ? 1 : 6;
  return n;
}

/** Bytes of a string value inside a JSON request, counted as escapedJsonLength counts (without its quotes). */
export function requestBytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d) n += 2;
    else if (c < 0x20 || c >= 0x80) n += 6;
    else n += 1;
  }
  return n;
}
