/**
 * A small deflate (RFC 1951) in plain TypeScript: greedy LZ77 over hash chains, one final block with the
 * fixed Huffman codes. It compresses less than zlib, but gives the same bytes for the same input in every
 * host, so a workbook written in node (the `shenbao` command) and in the page's worker (「下载申报表」) is
 * byte for byte the same file. Meant for the product's own small packages, not for the user's parts.
 */
import type { DeflateRaw } from './zip';

const WINDOW = 32768;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
const HASH_BITS = 15;
const MAX_CHAIN = 64;

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

/** Length 3…258 → its code index (0…28). */
const LENGTH_CODE = new Uint8Array(MAX_MATCH + 1);
for (let i = 0; i < LENGTH_BASE.length; i++) {
  const end = i + 1 < LENGTH_BASE.length ? LENGTH_BASE[i + 1] : MAX_MATCH + 1;
  for (let l = LENGTH_BASE[i]; l < end && l <= MAX_MATCH; l++) LENGTH_CODE[l] = i;
}
LENGTH_CODE[MAX_MATCH] = 28;

function distCode(d: number): number {
  let lo = 0;
  let hi = DIST_BASE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (DIST_BASE[mid] <= d) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Reverses the low `n` bits (Huffman codes go into the stream most significant bit first). */
function reverse(code: number, n: number): number {
  let r = 0;
  for (let i = 0; i < n; i++) {
    r = (r << 1) | (code & 1);
    code >>= 1;
  }
  return r;
}

/** The fixed literal/length code of a symbol 0…287, already bit-reversed, and its length. */
const LIT_CODE = new Uint16Array(288);
const LIT_LEN = new Uint8Array(288);
for (let v = 0; v < 288; v++) {
  const [code, n] = v < 144 ? [0x30 + v, 8] : v < 256 ? [0x190 + v - 144, 9] : v < 280 ? [v - 256, 7] : [0xc0 + v - 280, 8];
  LIT_CODE[v] = reverse(code, n);
  LIT_LEN[v] = n;
}
const DIST_CODE = Array.from({ length: 30 }, (_, d) => reverse(d, 5));

class Bits {
  private buf: Uint8Array;
  private pos = 0;
  private acc = 0;
  private n = 0;
  constructor(size: number) {
    this.buf = new Uint8Array(Math.max(64, size));
  }
  /** `count` bits of `value`, least significant first. */
  put(value: number, count: number): void {
    this.acc |= value << this.n;
    this.n += count;
    while (this.n >= 8) {
      if (this.pos === this.buf.length) {
        const bigger = new Uint8Array(this.buf.length * 2);
        bigger.set(this.buf);
        this.buf = bigger;
      }
      this.buf[this.pos++] = this.acc & 0xff;
      this.acc >>>= 8;
      this.n -= 8;
    }
  }
  done(): Uint8Array {
    if (this.n > 0) this.put(0, 8 - this.n);
    return this.buf.slice(0, this.pos);
  }
}

/** Raw deflate of `data` (no zlib header), the same bytes in every host. */
export const portableDeflateRaw: DeflateRaw = (data) => {
  const out = new Bits(data.length / 2 + 16);
  out.put(1, 1); // BFINAL
  out.put(1, 2); // BTYPE 01: fixed Huffman codes
  const head = new Int32Array(1 << HASH_BITS).fill(-1);
  const prev = new Int32Array(WINDOW);
  const hash = (i: number) => (((data[i] << 10) ^ (data[i + 1] << 5) ^ data[i + 2]) & ((1 << HASH_BITS) - 1));
  const insert = (i: number) => {
    if (i + MIN_MATCH > data.length) return;
    const h = hash(i);
    prev[i & (WINDOW - 1)] = head[h];
    head[h] = i;
  };
  const literal = (v: number) => out.put(LIT_CODE[v], LIT_LEN[v]);
  let i = 0;
  while (i < data.length) {
    let bestLen = 0;
    let bestDist = 0;
    if (i + MIN_MATCH <= data.length) {
      let cand = head[hash(i)];
      let chain = MAX_CHAIN;
      const max = Math.min(MAX_MATCH, data.length - i);
      while (cand >= 0 && i - cand <= WINDOW && chain-- > 0) {
        if (data[cand + bestLen] === data[i + bestLen]) {
          let l = 0;
          while (l < max && data[cand + l] === data[i + l]) l++;
          if (l > bestLen) {
            bestLen = l;
            bestDist = i - cand;
            if (l === max) break;
          }
        }
        const next = prev[cand & (WINDOW - 1)];
        if (next >= cand) break;
        cand = next;
      }
    }
    if (bestLen >= MIN_MATCH) {
      const lc = LENGTH_CODE[bestLen];
      literal(257 + lc);
      if (LENGTH_EXTRA[lc]) out.put(bestLen - LENGTH_BASE[lc], LENGTH_EXTRA[lc]);
      const dc = distCode(bestDist);
      out.put(DIST_CODE[dc], 5);
      if (DIST_EXTRA[dc]) out.put(bestDist - DIST_BASE[dc], DIST_EXTRA[dc]);
      for (let k = 0; k < bestLen; k++) insert(i + k);
      i += bestLen;
    } else {
      literal(data[i]);
      insert(i);
      i++;
    }
  }
  literal(256);
  return out.done();
};
