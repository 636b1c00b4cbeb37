import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { crc32, entryData, listZip, looksLikeZip, writeZip, ZipError } from '../../../src/hosts/xlsx/zip';
import { nodeDeflateRaw, nodeInflateRaw } from '../../../src/hosts/xlsx/node-zlib';

const fixture = readFileSync(join(__dirname, '../../fixtures/conformance/03-county-plain.xlsx'));
const bytes = new Uint8Array(fixture.buffer, fixture.byteOffset, fixture.byteLength);

describe('zip', () => {
  it('lists an .xlsx package and inflates every part to its stored size and CRC', () => {
    const entries = listZip(bytes);
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml']));
    for (const e of entries) {
      const d = entryData(e, nodeInflateRaw);
      expect(d.length).toBe(e.size);
      expect(crc32(d)).toBe(e.crc32);
    }
  });

  it('CRC-32 of "123456789" is CBF43926 (the standard check value)', () => {
    expect(crc32(new TextEncoder().encode('123456789')).toString(16)).toBe('cbf43926');
  });

  it('writes copied entries byte for byte and new ones readable again', () => {
    const entries = listZip(bytes);
    const extra = new TextEncoder().encode('<x>'.repeat(100));
    const out = writeZip([...entries.map((entry) => ({ entry })), { name: 'xl/new.xml', data: extra }], nodeDeflateRaw);
    const back = listZip(out);
    expect(back.map((e) => e.name)).toEqual([...entries.map((e) => e.name), 'xl/new.xml']);
    for (let i = 0; i < entries.length; i++) expect(Buffer.from(back[i].raw).equals(Buffer.from(entries[i].raw))).toBe(true);
    expect(new TextDecoder().decode(entryData(back[back.length - 1], nodeInflateRaw))).toBe('<x>'.repeat(100));
    expect(back[back.length - 1].method).toBe(8);
  });

  it("inflates a part whatever its declared size says: exactly its bytes when the size is larger, an error when smaller", () => {
    // 300 kB of text whose deflated form is small: inflated into one buffer of the declared size.
    const text = Buffer.from(Array.from({ length: 20000 }, (_, i) => `<c r="A${i + 1}"><v>${i}</v></c>`).join(''));
    const raw = new Uint8Array(deflateRawSync(text));
    for (const declared of [text.length, text.length + 1, text.length * 3, 0]) expect(Buffer.from(nodeInflateRaw(raw, declared)).equals(text)).toBe(true);
    expect(() => nodeInflateRaw(raw, text.length - 1)).toThrow();
    expect(() => nodeInflateRaw(raw, 10)).toThrow();
  });

  it('refuses what is not a zip, a truncated one and an encrypted entry', () => {
    expect(looksLikeZip(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toBe(false);
    expect(() => listZip(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toThrow(ZipError);
    expect(() => listZip(bytes.subarray(0, bytes.length - 100))).toThrow(ZipError);
    const one = writeZip([{ name: 'a.txt', data: new Uint8Array(deflateRawSync(Buffer.from('x'))) }]);
    const flagged = one.slice();
    // set the encryption bit in the central directory's flags
    const cd = flagged.length - 22 - (46 + 5);
    flagged[cd + 8] |= 1;
    expect(() => listZip(flagged)).toThrow(expect.objectContaining({ reason: 'encrypted' }));
  });
});
