/**
 * `validate --json` writes its report in pieces instead of one string: the report of a large county is tens
 * of megabytes as one string (twice that while "\n" is appended and the text is encoded for the pipe), which
 * was a fifth of the command's peak memory. The pieces joined are exactly `JSON.stringify(value)`.
 *
 * By default each run of RUN array elements is a piece of its own (about 100 kB for the report's units).
 * Joining runs into pieces of a megabyte cost more than the extra writes: the joined text was copied once
 * more when written (the report of 30 000 units, serialised and written warm: 180 → 155 ms).
 */

/** Elements of an array serialised per JSON.stringify call. */
export const RUN = 64;

/** Pieces of at least `size` characters (but the last) whose concatenation is JSON.stringify(value) (for a plain object). */
export function* jsonPieces(value: unknown, size = 0): Generator<string> {
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
      // A run of elements per call (JSON.stringify is faster on one array than on its elements one by one):
      // the run's text without its brackets is exactly the elements' texts joined by commas, what
      // JSON.stringify leaves out written as null, as in any array.
      for (let i = 0; i < v.length; i += RUN) {
        const run = JSON.stringify(v.slice(i, i + RUN));
        buf += (i ? ',' : '') + run.slice(1, -1);
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
