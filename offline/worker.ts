/**
 * The offline page's worker: reads the user's file (src/hosts/xlsx/read.ts), validates it (analyse), and
 * writes the annotated copy, so that the page stays responsive however large the workbook is. Built into
 * the page as a string and started from a Blob URL (Chromium refuses workers from file:// URLs).
 */
import { browserInflateChunks } from '../src/hosts/xlsx/browser-inflate';
import { annotatedWorkbookBytes, shenbaoWorkbookBytes } from '../src/hosts/xlsx/annotate-bytes';
import { readXlsx, ReadFailure, type ChunkedInflate } from '../src/hosts/xlsx/read';
import type { ResolvedProfile } from '../src/domain/profile';
import { analyse, type Analysis } from '../src/report/build';
import { marksOf } from '../src/report/marks';
import { shenbaoDownloadNotice } from '../src/report/shenbao/notice';
import { adviceOf } from '../src/domain/advice';
import { tryPlanOf } from '../src/report/plan';
import { decodeSettings, MARK_STORE_SHEET } from '../src/report/markstore';
import { generatedSheets } from '../src/report/sheets';
import type { CellGrid } from '../src/template/grid';
import { takeApart } from './chunked';
import { packMarks } from './packed-marks';
import { ROWS_PER_MESSAGE, type FromWorker, type RanResult, type ToWorker } from './protocol';
import { SAMPLE_FILE_NAME, sampleWorkbookBytes, TEMPLATE_FILE_NAME, templateWorkbookBytes } from './builtin-workbooks';

interface Opened {
  bytes: Uint8Array;
  fileName: string;
  grids: CellGrid[];
  analysis: { profile: ResolvedProfile; analysis: Analysis } | null;
}

const scope = self as unknown as { postMessage(m: FromWorker, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null; location: Location };
const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);
let current: Opened | null = null;

post({
  type: 'hello',
  inWorker: typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined' && typeof (globalThis as { document?: unknown }).document === 'undefined',
  href: String(scope.location?.href ?? ''),
});

/** The reader's inflate, counting the compressed bytes done for the progress bar. */
function counting(id: number, total: number): ChunkedInflate {
  let done = 0;
  let last = 0;
  return (raw, size) => {
    const inner = browserInflateChunks(raw, size) as AsyncIterable<Uint8Array>;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const chunk of inner) yield chunk;
        done += raw.byteLength;
        const now = Date.now();
        if (now - last > 100) {
          last = now;
          post({ type: 'progress', id, text: '正在读取工作簿……', fraction: Math.min(1, done / Math.max(1, total)) });
        }
      },
    };
  };
}

async function open(id: number, bytes: Uint8Array, fileName: string): Promise<void> {
  post({ type: 'progress', id, text: '正在读取工作簿……', fraction: 0 });
  const grids = await readXlsx(bytes, counting(id, bytes.byteLength), fileName);
  current = { bytes, fileName, grids, analysis: null };
  // The sheets go to the page in small pieces, so that unpacking each message never blocks it.
  const totalRows = grids.reduce((n, g) => n + g.values.length, 0);
  let sent = 0;
  for (const g of grids) {
    const cols = g.values.reduce((m, r) => Math.max(m, r.length), 0);
    post({ type: 'sheet', id, head: { name: g.name, visibility: g.visibility ?? 'visible', rows: g.values.length, cols, merges: g.merges ?? [] } });
    for (let start = 0; start < g.values.length; start += ROWS_PER_MESSAGE) {
      const values = g.values.slice(start, start + ROWS_PER_MESSAGE);
      const formats = g.numberFormats ? g.numberFormats.slice(start, start + ROWS_PER_MESSAGE) : null;
      post({ type: 'rows', id, sheet: g.name, start, values, formats });
      sent += values.length;
      post({ type: 'progress', id, text: '正在显示工作簿……', fraction: sent / Math.max(1, totalRows) });
    }
  }
  const record = grids.find((g) => g.name.trim() === MARK_STORE_SHEET);
  post({ type: 'opened', id, fileName, sheets: grids.length, settings: record ? decodeSettings(record.values) : null });
}

/** The same steps as the add-in's run, on the grids read from the file. */
function run(id: number, profile: ResolvedProfile, writeSheets: boolean): void {
  if (!current) throw new Error('还没有打开工作簿');
  post({ type: 'phase', id, phase: '读取' });
  post({ type: 'phase', id, phase: '校验' });
  const result = analyse(current.grids, profile);
  if (!result.ok) {
    post({ type: 'ran', id, ok: false, fatal: result.fatal });
    return;
  }
  post({ type: 'phase', id, phase: '计算' });
  current.analysis = { profile, analysis: result.analysis };
  post({ type: 'phase', id, phase: '标记' });
  const marks = marksOf(result.analysis);
  let sheets = null;
  if (writeSheets) {
    post({ type: 'phase', id, phase: '生成汇总' });
    sheets = generatedSheets(result.analysis);
  }
  // 「差距与建议」 here too, off the page's thread (at 10 000 schools each takes about 0.2 s).
  const advice = adviceOf(result.analysis);
  // A failed plan goes with its reason, which the pane shows.
  const plan = result.analysis.report.summary.errors === 0 ? tryPlanOf(result.analysis) : null;
  // The read workbook and the evaluation stay here: the page shows the report, advice and plan only.
  const { report, profile: used, officialBlocked } = result.analysis;
  const analysis = { report, profile: used, ...(officialBlocked ? { officialBlocked } : {}), advice, plan };
  const skeleton = takeApart({ analysis, sheets } satisfies RanResult, (part) => post({ type: 'part', id, part }));
  const { packed, transfer } = packMarks(marks);
  post({ type: 'ran', id, ok: true, result: skeleton, marks: packed }, transfer);
}

/** The analysis of the open file under `profile`: the last run's when it used the same profile. */
function analysisUnder(profile: ResolvedProfile): Analysis {
  if (!current) throw new Error('还没有打开工作簿');
  if (current.analysis && JSON.stringify(current.analysis.profile) === JSON.stringify(profile)) return current.analysis.analysis;
  const result = analyse(current.grids, profile);
  if (!result.ok) throw new ReadFailure(result.fatal);
  current.analysis = { profile, analysis: result.analysis };
  return result.analysis;
}

function sendBytes(id: number, bytes: Uint8Array, fileName: string, notice?: string, macros = false): void {
  const out = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  post({ type: 'bytes', id, bytes: out, fileName, ...(notice ? { notice } : {}), ...(macros ? { macros } : {}) }, [out]);
}

async function download(id: number, profile: ResolvedProfile, settings: Record<string, unknown> | null): Promise<void> {
  if (!current) throw new Error('还没有打开工作簿');
  post({ type: 'progress', id, text: '正在生成标注后的工作簿……', fraction: null });
  const { bytes, macros } = await annotatedWorkbookBytes(current.bytes, analysisUnder(profile), profile, settings);
  sendBytes(id, bytes, current.fileName, undefined, macros);
}

/** 「下载申报表」: the same bytes as `shenbao <file> -o <out>` with the same profile. */
function shenbao(id: number, profile: ResolvedProfile): void {
  if (!current) throw new Error('还没有打开工作簿');
  post({ type: 'progress', id, text: '正在生成申报表……', fraction: null });
  const analysis = analysisUnder(profile);
  const { bytes } = shenbaoWorkbookBytes(analysis);
  sendBytes(id, bytes, current.fileName, shenbaoDownloadNotice(analysis.report) ?? undefined);
}

/** 「下载空白模板」: the workbook `template -o` writes (the same code builds it). */
async function template(id: number): Promise<void> {
  post({ type: 'progress', id, text: '正在生成空白模板……', fraction: null });
  sendBytes(id, await templateWorkbookBytes(), TEMPLATE_FILE_NAME);
}

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  const work = async () => {
    if (m.type === 'open') await open(m.id, new Uint8Array(m.bytes), m.fileName);
    else if (m.type === 'sample') await open(m.id, await sampleWorkbookBytes(), SAMPLE_FILE_NAME);
    else if (m.type === 'run') run(m.id, m.profile, m.writeSheets);
    else if (m.type === 'download') await download(m.id, m.profile, m.settings);
    else if (m.type === 'shenbao') shenbao(m.id, m.profile);
    else if (m.type === 'template') await template(m.id);
  };
  work().catch((err: unknown) => {
    const message = err instanceof ReadFailure ? err.message : `处理失败：${(err as Error)?.message ?? String(err)}`;
    post({ type: 'failed', id: m.id, message });
  });
};
