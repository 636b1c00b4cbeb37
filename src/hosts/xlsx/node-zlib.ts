/** Node's zlib for the ZIP reader and writer. */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { DeflateRaw, InflateRaw } from './zip';

export const nodeInflateRaw: InflateRaw = (data, expectedSize) => {
  const out = inflateRawSync(data, expectedSize > 0 ? { maxOutputLength: Math.max(expectedSize, 1) } : {});
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
};

export const nodeDeflateRaw: DeflateRaw = (data) => {
  const out = deflateRawSync(data, { level: 6 });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
};
