/**
 * The annotated copy of a workbook as bytes: the one function both hosts call (the command line's
 * `annotate` and the offline page's 「下载标注后的工作簿」).
 *
 * TEMPORARY MECHANISM: today this is the command line's exceljs step (src/cli/annotate.ts, annotateWorkbook:
 * undo an earlier run, mark, add the generated sheets, re-serialise the whole workbook). The package patcher
 * (src/hosts/xlsx/package.ts: the user's own file with only marks, notes and generated sheets added) replaces
 * the body of this function when it is merged; callers do not change. Until then `analysis` (what the page
 * showed, read with src/hosts/xlsx/read.ts) is unused: exceljs reads the bytes again, as `annotate` does.
 */
import ExcelJS from 'exceljs';
import type { ResolvedProfile } from '../../domain/profile';
import type { Analysis } from '../../report/build';
// eslint-disable-next-line no-restricted-imports -- temporary: the exceljs mechanism until the package patcher replaces it (see above)
import { annotateWorkbook, patchInternalHyperlinks } from '../../cli/annotate';
import { browserInflateChunks } from './browser-inflate';
import { mendInternalLinks } from './internal-links';
import { ReadFailure } from './read';

const inNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

export async function annotatedWorkbookBytes(original: Uint8Array, _analysis: Analysis, profile: ResolvedProfile): Promise<Uint8Array> {
  // exceljs' internal-link fix patches its node modules; the browser bundle of exceljs cannot be patched.
  if (inNode) patchInternalHyperlinks();
  const wb = new ExcelJS.Workbook();
  const copy = new Uint8Array(original.byteLength);
  copy.set(original);
  await wb.xlsx.load(copy.buffer);
  const outcome = annotateWorkbook(wb, profile);
  if ('fatal' in outcome) throw new ReadFailure(outcome.fatal);
  const written = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  // In node exceljs itself was patched to write internal links as Excel does; in the browser they are mended.
  return inNode ? written : mendInternalLinks(written, browserInflateChunks);
}
