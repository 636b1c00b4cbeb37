/** Node's zlib for the ZIP reader and writer. */
import { createInflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ChunkedInflate } from './read';
import type { DeflateRaw, InflateRaw } from './zip';

/** Output buffers of at most this size: a part's declared size is only trusted so far. */
const MAX_CHUNK = 64 << 20;

export const nodeInflateRaw: InflateRaw = (data, expectedSize) => {
  // The part inflated into one buffer of its declared size: zlib's default 16 kB pieces cost a call each and a
  // copy of the whole part at the end (a third of the time of inflating a sheet of megabytes).
  const out = inflateRawSync(data, expectedSize > 0 ? { maxOutputLength: Math.max(expectedSize, 1), chunkSize: Math.min(Math.max(64, expectedSize), MAX_CHUNK) } : {});
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
};

export const nodeDeflateRaw: DeflateRaw = (data) => {
  const out = deflateRawSync(data, { level: 6 });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
};

/**
 * Parts up to this size are inflated in one synchronous call; larger ones are streamed. 32 MB holds the
 * sheets of a county of 30 000 units (15 MB each), which streamed in 1 MB pieces cost 15 % more to read.
 */
const ONE_PIECE = 32 << 20;

/**
 * Chunked inflate for the reader: a small part in one piece (fast, synchronous), a large one through a
 * zlib stream in 1 MB chunks, so a sheet of hundreds of megabytes is never held whole.
 */
export const nodeInflateChunks: ChunkedInflate = (raw, size) => {
  if (size <= ONE_PIECE) return [nodeInflateRaw(raw, size)];
  const z = createInflateRaw({ chunkSize: 1 << 20 });
  z.end(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength));
  return z as AsyncIterable<Uint8Array>;
};
