/**
 * The portable deflate (src/hosts/xlsx/deflate.ts): what it writes inflates back with zlib to the very input,
 * for text, binary data, long runs and matches at the window's far end, and it compresses XML.
 */
import fc from 'fast-check';
import { inflateRawSync } from 'node:zlib';
import { portableDeflateRaw } from '../../../src/hosts/xlsx/deflate';

const roundTrip = (data: Uint8Array) => new Uint8Array(inflateRawSync(portableDeflateRaw(data)));

describe('portableDeflateRaw', () => {
  it('inflates back (zlib) to the input: empty, one byte, a long run, a 40 000-byte repeat beyond the window', () => {
    const cases = [new Uint8Array(0), new Uint8Array([65]), new Uint8Array(100_000).fill(7)];
    const unit = new Uint8Array(33_000).map((_, i) => (i * 7919) % 251);
    const far = new Uint8Array(unit.length * 2 + 5);
    far.set(unit);
    far.set(unit, unit.length + 5);
    cases.push(far);
    for (const c of cases) expect(Buffer.from(roundTrip(c)).equals(Buffer.from(c))).toBe(true);
  });

  it('inflates back for any bytes and any text (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (data) => Buffer.from(roundTrip(data)).equals(Buffer.from(data))),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom('<c r="A1" s="3"><v>', '12', '</v></c>', '表Ⅱ', ' ', 'x'), { maxLength: 2000 }), (parts) => {
        const data = new TextEncoder().encode(parts.join(''));
        return Buffer.from(roundTrip(data)).equals(Buffer.from(data));
      }),
      { numRuns: 100 },
    );
  });

  it('compresses worksheet XML to under a quarter, and gives the same bytes each time', () => {
    const rows = Array.from({ length: 500 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}" s="2"><v>${r * 3}</v></c><c r="B${r + 1}" t="s"><v>${r % 17}</v></c></row>`);
    const xml = new TextEncoder().encode(`<worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`);
    const a = portableDeflateRaw(xml);
    expect(a.length).toBeLessThan(xml.length / 4);
    expect(Buffer.from(portableDeflateRaw(xml)).equals(Buffer.from(a))).toBe(true);
  });
});
