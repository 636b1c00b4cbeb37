/**
 * The page's side of the worker: starts it from a Blob URL of its inlined code (a page opened from file://
 * may not load a worker script from a file), and turns its messages into promises.
 */
import type { ResolvedProfile } from '../src/domain/profile';
import type { Phase } from '../src/hosts/api';
import type { ComputedAnalysis } from '../src/report/analysis';
import type { SheetGrid } from '../src/report/model';
import type { Fatal } from '../src/template/issues';
import type { GridBook } from './gridbook';
import { Assembler } from './chunked';
import type { FromWorker, RanResult, ToWorker } from './protocol';
import type { PackedMarks } from './packed-marks';

/** The worker's bundled code, put in by scripts/build-offline.mjs. */
declare const __OFFLINE_WORKER_SOURCE__: string;

export type Progress = (text: string, fraction: number | null) => void;

export type RunResult = { ok: true; analysis: ComputedAnalysis; marks: PackedMarks; sheets: SheetGrid[] | null } | { ok: false; fatal: Fatal };

export class WorkerFailure extends Error {}

/** What opening a file gives besides its sheets: the settings its mark record keeps, or null. */
export interface Opened {
  settings: Record<string, unknown> | null;
}

function opened(m: FromWorker): Opened {
  if (m.type !== 'opened') throw new WorkerFailure('后台返回了意外的消息');
  return { settings: m.settings };
}

interface Pending {
  resolve(m: FromWorker): void;
  reject(e: Error): void;
  onProgress?: Progress;
  onPhase?: (p: Phase) => void;
  book?: GridBook;
}

export class WorkerClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private readonly parts = new Assembler();
  /** What the worker said about itself when it started (for the browser test). */
  readonly hello: Promise<{ inWorker: boolean; href: string }>;

  constructor() {
    const url = URL.createObjectURL(new Blob([__OFFLINE_WORKER_SOURCE__], { type: 'text/javascript' }));
    this.worker = new Worker(url, { name: '优质均衡核验' });
    let said: (h: { inWorker: boolean; href: string }) => void = () => undefined;
    this.hello = new Promise((resolve) => (said = resolve));
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === 'hello') {
        said({ inWorker: m.inWorker, href: m.href });
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type !== 'rows' && m.type !== 'progress') performance.mark(`worker:${m.type}`);
      if (m.type === 'progress') p.onProgress?.(m.text, m.fraction);
      else if (m.type === 'phase') p.onPhase?.(m.phase);
      else if (m.type === 'sheet') p.book?.addSheet(m.head);
      else if (m.type === 'rows') p.book?.addRows(m.sheet, m.start, m.values, m.formats);
      else if (m.type === 'part') this.parts.add(m.part);
      else {
        this.pending.delete(m.id);
        if (m.type === 'failed') p.reject(new WorkerFailure(m.message));
        else p.resolve(m);
      }
    };
    this.worker.onerror = (e) => {
      const err = new WorkerFailure(`后台处理出错：${e.message || '未知错误'}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
  }

  private ask(message: ToWorker, extra: Omit<Pending, 'resolve' | 'reject'>, transfer: Transferable[] = []): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject, ...extra });
      this.worker.postMessage(message, transfer);
    });
  }

  /** Reads a file into the book (sheets arrive in pieces as they are read); gives the settings the file keeps. */
  async open(bytes: ArrayBuffer, fileName: string, book: GridBook, onProgress: Progress): Promise<Opened> {
    return opened(await this.ask({ type: 'open', id: ++this.seq, bytes, fileName }, { book, onProgress }, [bytes]));
  }

  async openSample(book: GridBook, onProgress: Progress): Promise<Opened> {
    return opened(await this.ask({ type: 'sample', id: ++this.seq }, { book, onProgress }));
  }

  async run(profile: ResolvedProfile, writeSheets: boolean, onPhase?: (p: Phase) => void): Promise<RunResult> {
    const m = await this.ask({ type: 'run', id: ++this.seq, profile, writeSheets }, { onPhase });
    if (m.type !== 'ran') throw new WorkerFailure('后台返回了意外的消息');
    if (!m.ok) return { ok: false, fatal: m.fatal };
    const { analysis, sheets } = this.parts.assemble<RanResult>(m.result);
    return { ok: true, analysis, marks: m.marks, sheets };
  }

  /** The annotated copy, its mark record keeping `settings`. */
  async annotated(profile: ResolvedProfile, settings: Record<string, unknown> | null, onProgress: Progress): Promise<{ bytes: Uint8Array; fileName: string; macros?: boolean }> {
    return this.bytes({ type: 'download', id: ++this.seq, profile, settings }, onProgress);
  }

  /** The official 申报表 tables as a new workbook. */
  async shenbao(profile: ResolvedProfile, onProgress: Progress): Promise<{ bytes: Uint8Array; fileName: string; notice?: string }> {
    return this.bytes({ type: 'shenbao', id: ++this.seq, profile }, onProgress);
  }

  /** The blank standard template (no workbook need be open). */
  async template(onProgress: Progress): Promise<{ bytes: Uint8Array; fileName: string }> {
    return this.bytes({ type: 'template', id: ++this.seq }, onProgress);
  }

  private async bytes(message: ToWorker, onProgress: Progress): Promise<{ bytes: Uint8Array; fileName: string; notice?: string; macros?: boolean }> {
    const m = await this.ask(message, { onProgress });
    if (m.type !== 'bytes') throw new WorkerFailure('后台返回了意外的消息');
    return { bytes: new Uint8Array(m.bytes), fileName: m.fileName, ...(m.notice ? { notice: m.notice } : {}), ...(m.macros ? { macros: true } : {}) };
  }
}
