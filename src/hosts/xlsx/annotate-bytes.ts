/**
 * The annotated copy of a workbook as bytes, for the page (the offline version's 「下载标注后的工作簿」): the
 * same package patcher as the command line's `annotate` (src/hosts/xlsx/annotate-package.ts), so the download
 * is the user's own file with only the marks, notes and generated sheets added.
 *
 * The patcher inflates and deflates synchronously; the page only has the asynchronous DecompressionStream and
 * CompressionStream. So every compressed part is inflated first (asynchronously, in memory), the patch runs
 * with new parts stored, and the stored new parts are then deflated. Node 20 has the same streams, so the
 * tests run this very code.
 */
import type { ResolvedProfile } from '../../domain/profile';
import { analyse, type Analysis } from '../../report/build';
import { marksOf } from '../../report/marks';
import { generatedSheets } from '../../report/sheets';
import { shenbaoSheets } from '../../report/shenbao/tables';
import { annotatePackage, PatchError, sheetsWorkbook } from './annotate-package';
import { browserInflateChunks } from './browser-inflate';
import { portableDeflateRaw } from './deflate';
import { readXlsx, ReadFailure } from './read';
import { crc32, listZip, writeZip, ZipError, type InflateRaw, type ZipEntry } from './zip';

async function streamed(data: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  const out = new Uint8Array(await new Response(new Blob([copy]).stream().pipeThrough(stream)).arrayBuffer());
  return out;
}

/** A synchronous inflater over parts inflated beforehand (looked up by their place in the file). */
async function preInflated(bytes: Uint8Array): Promise<InflateRaw> {
  const done = new Map<number, Uint8Array>();
  for (const e of listZip(bytes)) if (e.method === 8) done.set(e.raw.byteOffset, await streamed(e.raw, new DecompressionStream('deflate-raw')));
  return (data) => {
    const hit = done.get(data.byteOffset);
    if (!hit) throw new ZipError('corrupt', 'part not inflated beforehand');
    return hit;
  };
}

/** The package with every stored part of more than 64 bytes deflated (copied parts are untouched). */
async function deflateStored(bytes: Uint8Array): Promise<Uint8Array> {
  const entries: ZipEntry[] = [];
  for (const e of listZip(bytes)) {
    if (e.method !== 0 || e.size <= 64) {
      entries.push(e);
      continue;
    }
    const raw = await streamed(e.raw, new CompressionStream('deflate-raw'));
    entries.push(raw.length < e.size ? { ...e, method: 8, raw, compressedSize: raw.length, crc32: crc32(e.raw) } : e);
  }
  return writeZip(entries.map((entry) => ({ entry })));
}

/**
 * The marks come from the file itself, analysed again under `profile` exactly as `annotate` does (the page's
 * analysis of the same bytes is not trusted to match them: a second read costs far less than a wrong mark).
 */
export async function annotatedWorkbookBytes(
  original: Uint8Array,
  _shown: Analysis,
  profile: ResolvedProfile,
  /** The pane's settings, kept in the mark record (absent: the file's own are kept). */
  settings?: Record<string, unknown> | null,
): Promise<{ bytes: Uint8Array; macros: boolean }> {
  try {
    const grids = await readXlsx(original, browserInflateChunks, '该文件');
    const result = analyse(grids, profile);
    if (!result.ok) throw new ReadFailure(result.fatal);
    const analysis = result.analysis;
    const patch = annotatePackage({
      bytes: original, grids, marks: marksOf(analysis), sheets: generatedSheets(analysis), inflateRaw: await preInflated(original), settings,
    });
    return { bytes: await deflateStored(patch.bytes), macros: patch.macros };
  } catch (e) {
    if (e instanceof PatchError) throw new ReadFailure({ code: 'cannot-annotate', message: e.message });
    if (e instanceof ZipError) throw new ReadFailure({ code: 'not-xlsx', message: '文件已损坏（压缩包结构有误），无法写出标注副本。请在 Excel 或 WPS 中打开并另存为 .xlsx 后重试' });
    throw e;
  }
}

/**
 * The official 申报表 tables (表Ⅰ…一票否决) as a new workbook: the bytes of the `shenbao` command and of the
 * page's 「下载申报表」, from this one pure function in node and in the page's worker. Its parts are deflated
 * by the portable deflate (./deflate.ts), so both hosts give the very same bytes.
 */
export function shenbaoWorkbookBytes(analysis: Analysis): { bytes: Uint8Array; sheets: string[] } {
  const sheets = shenbaoSheets(analysis).sheets;
  // A new package: nothing in it is ever inflated.
  const noInflate = () => {
    throw new ZipError('corrupt', 'nothing to inflate in a new workbook');
  };
  return { bytes: sheetsWorkbook(sheets, noInflate, portableDeflateRaw), sheets: sheets.map((g) => g.name) };
}
