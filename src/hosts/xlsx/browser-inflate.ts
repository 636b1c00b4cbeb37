/** The page's chunked inflate for the reader: the browser's own DecompressionStream('deflate-raw'). */
import type { ChunkedInflate } from './read';

export const browserInflateChunks: ChunkedInflate = (raw) => ({
  async *[Symbol.asyncIterator]() {
    const copy = new Uint8Array(raw.byteLength);
    copy.set(raw);
    const stream = new Blob([copy]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  },
});
