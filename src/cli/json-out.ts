/**
 * `validate --json` writes its report in pieces of about a megabyte instead of one string: the report of
 * a large county is tens of megabytes as one string (twice that while "\n" is appended and the text is
 * encoded for the pipe), which was a fifth of the command's peak memory. The pieces joined are exactly
 * `JSON.stringify(value)`.
 */

/** Pieces of about `size` characters whose concatenation is JSON.stringify(value) (for a plain object). */
export function* jsonPieces(value: unknown, size = 1 << 20): Generator<string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    yield JSON.stringify(value);
    return;
  }
  let buf = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    // The members JSON.stringify leaves out.
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    buf += (first ? '' : ',') + JSON.stringify(key) + ':';
    first = false;
    if (Array.isArray(v)) {
      buf += '[';
      for (let i = 0; i < v.length; i++) {
        // In an array, what JSON.stringify leaves out is written as null.
        buf += (i ? ',' : '') + (JSON.stringify(v[i]) ?? 'null');
        if (buf.length >= size) {
          yield buf;
          buf = '';
        }
      }
      buf += ']';
    } else buf += JSON.stringify(v);
    if (buf.length >= size) {
      yield buf;
      buf = '';
    }
  }
  yield buf + '}';
}
