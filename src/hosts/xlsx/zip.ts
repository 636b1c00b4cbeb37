/**
 * A small ZIP (the .xlsx package) reader and writer with no dependencies, usable in node and in the page.
 * Inflate/deflate are injected: node passes zlib's sync functions, the page its own.
 * Unchanged entries are copied byte for byte (their compressed data and CRC), so patching a package never
 * re-encodes what it does not touch. ZIP64 and encrypted entries are refused with a ZipError.
 */

export class ZipError extends Error {
  constructor(readonly reason: 'not-zip' | 'truncated' | 'zip64' | 'encrypted' | 'method' | 'corrupt', message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  /** Path inside the package, as stored (forward slashes, no leading slash). */
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  /** The entry's data as stored in the file (compressed when method is 8). */
  raw: Uint8Array;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

const utf8 = new TextDecoder('utf-8');
/** Names in old tools' zips may be CP437; every name in an OOXML package is ASCII, so UTF-8 is safe. */
function nameOf(b: Uint8Array): string {
  return utf8.decode(b);
}

/** True when the bytes start like a ZIP archive ("PK\3\4", or an empty archive "PK\5\6"). */
export function looksLikeZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
}

/** The entries of a ZIP archive, from its central directory. */
export function listZip(b: Uint8Array): ZipEntry[] {
  if (!looksLikeZip(b)) throw new ZipError('not-zip', 'not a zip archive');
  // The end-of-central-directory record: within the last 22 + 65535 bytes.
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (u32(b, i) === SIG_END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('truncated', 'no end of central directory');
  const count = u16(b, end + 10);
  const cdSize = u32(b, end + 12);
  const cdOffset = u32(b, end + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError('zip64', 'zip64 archive');
  if (cdOffset + cdSize > b.length) throw new ZipError('truncated', 'central directory past the end');
  const out: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || u32(b, p) !== SIG_CENTRAL) throw new ZipError('corrupt', 'bad central directory entry');
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const crc32 = u32(b, p + 16);
    const compressedSize = u32(b, p + 20);
    const size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    const localOffset = u32(b, p + 42);
    const name = nameOf(b.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) throw new ZipError('encrypted', `encrypted entry ${name}`);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw new ZipError('zip64', 'zip64 entry');
    if (localOffset + 30 > b.length || u32(b, localOffset) !== SIG_LOCAL) throw new ZipError('corrupt', `bad local header for ${name}`);
    const dataStart = localOffset + 30 + u16(b, localOffset + 26) + u16(b, localOffset + 28);
    if (dataStart + compressedSize > b.length) throw new ZipError('truncated', `entry ${name} past the end`);
    if (name.endsWith('/')) continue; // a folder entry
    out.push({ name, method, crc32, compressedSize, size, raw: b.subarray(dataStart, dataStart + compressedSize) });
  }
  return out;
}

export type InflateRaw = (data: Uint8Array, expectedSize: number) => Uint8Array;
export type DeflateRaw = (data: Uint8Array) => Uint8Array;

/** The uncompressed bytes of an entry. */
export function entryData(e: ZipEntry, inflateRaw: InflateRaw): Uint8Array {
  if (e.method === 0) return e.raw;
  if (e.method !== 8) throw new ZipError('method', `compression method ${e.method} of ${e.name}`);
  let out: Uint8Array;
  try {
    out = inflateRaw(e.raw, e.size);
  } catch {
    throw new ZipError('corrupt', `cannot inflate ${e.name}`);
  }
  if (out.length !== e.size) throw new ZipError('corrupt', `size of ${e.name}`);
  return out;
}

let CRC_TABLE: Uint32Array | null = null;
/** CRC-32 (IEEE), as ZIP stores it. */
export function crc32(data: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One file of a package to write: either an entry copied as it is, or new bytes. */
export type ZipInput = { entry: ZipEntry; name?: string } | { name: string; data: Uint8Array };

const utf8e = new TextEncoder();

/**
 * A ZIP archive of the inputs in their order. New data is deflated when `deflateRaw` is given (and
 * smaller), stored otherwise; copied entries keep their compressed bytes and CRC.
 */
export function writeZip(files: readonly ZipInput[], deflateRaw?: DeflateRaw): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const f of files) {
    let name: string, method: number, crc: number, size: number, raw: Uint8Array;
    if ('entry' in f) {
      name = f.name ?? f.entry.name;
      ({ method, size, raw } = f.entry);
      crc = f.entry.crc32;
    } else {
      name = f.name;
      size = f.data.length;
      crc = crc32(f.data);
      const d = deflateRaw && size > 64 ? deflateRaw(f.data) : null;
      if (d && d.length < size) {
        method = 8;
        raw = d;
      } else {
        method = 0;
        raw = f.data;
      }
    }
    if (offset > 0xfffffff0 || raw.length > 0xfffffff0) throw new ZipError('zip64', 'package too large');
    const nameBytes = utf8e.encode(name);
    const flags = 0x0800; // names in UTF-8
    const local = new Uint8Array(30 + nameBytes.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, SIG_LOCAL, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint16(10, 0, true); // time
    lv.setUint16(12, 0x21, true); // date 1980-01-01
    lv.setUint32(14, crc, true);
    lv.setUint32(18, raw.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, nameBytes.length, true);
    lv.setUint16(28, 0, true);
    local.set(nameBytes, 30);
    const c = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(c.buffer);
    cv.setUint32(0, SIG_CENTRAL, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, 0, true);
    cv.setUint16(14, 0x21, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, raw.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, offset, true);
    c.set(nameBytes, 46);
    parts.push(local, raw);
    central.push(c);
    offset += local.length + raw.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, SIG_END, true);
  ev.setUint16(8, files.length, true);
  ev.setUint16(10, files.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = new Uint8Array(offset + cdSize + 22);
  let p = 0;
  for (const x of [...parts, ...central, end]) {
    all.set(x, p);
    p += x.length;
  }
  return all;
}
