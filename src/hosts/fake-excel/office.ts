/**
 * The `Excel`, `Office` and `OfficeExtension` globals of the fake: `Excel.run`, requirement sets,
 * document settings. `installFakeOffice` puts them on globalThis so that code written against the real
 * office.js (src/hosts/excel/adapter.ts) runs unchanged in tests and in the browser preview.
 */
import { FakeErrorCodes, FakeOfficeError } from './errors';
import { FakeCommentCollection, FakeNoteCollection, FakeRequestContext, type FakeHostOptions } from './proxies';
import { stateOf, type FakeWorkbook } from './state';

export interface FakeOfficeOptions {
  /**
   * Highest supported version of each requirement set. Default: ExcelApi 1.18 (notes), i.e. a current
   * Microsoft 365. `{ ExcelApi: '1.17' }` is a host with comments but no notes, '1.9' neither.
   */
  requirementSets?: Record<string, string>;
  /**
   * Highest version of each requirement set whose members the loaded office.js library defines (default:
   * the host's). `{ ExcelApi: '1.15' }` with a host at 1.18 is the intranet build's copy of
   * @microsoft/office-js 1.1.110 on a current Microsoft 365: the host claims notes, `workbook.notes` is
   * undefined and `Excel.NoteCollection` does not exist.
   */
  library?: Record<string, string>;
  /** Milliseconds each sync takes (a slow network or a busy Excel); default 0. */
  syncLatencyMs?: number;
  /**
   * Features the host claims (isSetSupported says yes, the library has them) but answers NotImplemented for, at any
   * use of their objects, the workbook's collection itself included: 'comments' as Excel 2006 answered
   * `workbook.comments` ("This operation is not implemented", OfficeDev/office-js-docs-pr#2006) and Excel 2104
   * `comments.add` (OfficeDev/office-js#1847), both reporting ExcelApi 1.10; 'notes' likewise (a notes load that works
   * on the desktop fails on the web, OfficeDev/office-js#6198).
   */
  notImplemented?: readonly ('comments' | 'notes')[];
  /** Range values over Excel's five million cells come back null (instead of an InvalidArgument error). */
  nullValuesOverLimit?: boolean;
  /**
   * The code a read over the cell limit (five million cells) or over 512 merged areas fails with: InvalidArgument
   * (default), or RangeExceedsLimit, the code of Microsoft's table of error codes for a range over the cell limit.
   */
  limitErrorCode?: 'InvalidArgument' | 'RangeExceedsLimit';
  /** Request and response limits of one sync in bytes (default 5 000 000 each, Excel on the web's 5 MB). */
  requestLimit?: number;
  responseLimit?: number;
  /** Longest address string accepted by `getRanges` (default 8 192 characters). */
  maxAddressLength?: number;
  /** Platform reported by Office.onReady / Office.context.platform (default 'OfficeOnline'). */
  platform?: string;
  /** When true, Office.context.document.settings.saveAsync reports a failure. */
  failSettingsSave?: boolean;
  /**
   * A sync that fails keeps the changes of the actions that ran before the failing one, as real Excel does
   * (default true); false rolls the whole batch back (to test what a batch does as a whole).
   */
  partialBatches?: boolean;
}

export const DEFAULT_REQUEST_LIMIT = 5_000_000;

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export interface FakeAsyncResult<T> {
  status: 'succeeded' | 'failed';
  value: T;
  error?: { code: number; name: string; message: string };
}

/** The pieces of Office.js the add-in uses, faked. */
export interface FakeOfficeGlobals {
  Excel: {
    run<T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T>;
    run<T>(options: { delayForCellEdit?: boolean }, batch: (context: FakeRequestContext) => Promise<T>): Promise<T>;
    ErrorCodes: typeof FakeErrorCodes;
    SheetVisibility: { visible: 'Visible'; hidden: 'Hidden'; veryHidden: 'VeryHidden' };
    RequestContext: typeof FakeRequestContext;
    /** Present when the loaded library has them (ExcelApi 1.10 and 1.18). */
    CommentCollection?: typeof FakeCommentCollection;
    NoteCollection?: typeof FakeNoteCollection;
  };
  Office: {
    context: {
      requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
      document: {
        settings: {
          get(name: string): unknown;
          set(name: string, value: unknown): void;
          remove(name: string): void;
          saveAsync(options?: unknown, callback?: (r: FakeAsyncResult<void>) => void): void;
          refreshAsync(callback?: (r: FakeAsyncResult<unknown>) => void): void;
        };
      };
      platform: string;
      host: string;
      displayLanguage: string;
    };
    onReady(callback?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
    HostType: { Excel: 'Excel' };
    AsyncResultStatus: { Succeeded: 'succeeded'; Failed: 'failed' };
  };
  OfficeExtension: { Error: typeof FakeOfficeError; ErrorCodes: typeof FakeErrorCodes };
}

/** Builds the globals for a workbook without installing them. */
export function createFakeOffice(workbook: FakeWorkbook, options: FakeOfficeOptions = {}): FakeOfficeGlobals {
  const st = stateOf(workbook);
  const sets: Record<string, string> = { ExcelApi: '1.18', ...(options.requirementSets ?? {}) };
  const supports = (name: string, version: string) => sets[name] !== undefined && compareVersions(sets[name], version) >= 0;
  const lib: Record<string, string> | null = options.library ?? null;
  const libraryHas = (name: string, version: string) => !lib || (lib[name] !== undefined && compareVersions(lib[name], version) >= 0);
  const hostOptions: FakeHostOptions = {
    library: libraryHas,
    nullValuesOverLimit: options.nullValuesOverLimit ?? false,
    limitErrorCode: options.limitErrorCode ?? 'InvalidArgument',
    notImplemented: new Set(
      (options.notImplemented ?? []).flatMap((f) => (f === 'comments' ? ['CommentCollection', 'Comment', 'CommentReplyCollection', 'CommentReply'] : ['NoteCollection', 'Note'])),
    ),
    syncLatencyMs: options.syncLatencyMs ?? 0,
    requestLimit: options.requestLimit ?? DEFAULT_REQUEST_LIMIT,
    responseLimit: options.responseLimit ?? DEFAULT_REQUEST_LIMIT,
    maxAddressLength: options.maxAddressLength ?? 8192,
    supports,
    partialBatches: options.partialBatches ?? true,
  };
  const platform = options.platform ?? 'OfficeOnline';
  const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

  async function run<T>(a: ((context: FakeRequestContext) => Promise<T>) | { delayForCellEdit?: boolean }, b?: (context: FakeRequestContext) => Promise<T>): Promise<T> {
    const batch = typeof a === 'function' ? a : b!;
    const ctx = new FakeRequestContext(st, hostOptions);
    ctx._delayForCellEdit = typeof a === 'object' && a !== null && a.delayForCellEdit === true;
    try {
      const result = await batch(ctx);
      if (ctx._hasPending) await ctx.sync();
      return result;
    } finally {
      ctx._closed = true;
    }
  }

  return {
    Excel: {
      run,
      ErrorCodes: FakeErrorCodes,
      SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
      RequestContext: FakeRequestContext,
      ...(libraryHas('ExcelApi', '1.10') ? { CommentCollection: FakeCommentCollection } : {}),
      ...(libraryHas('ExcelApi', '1.18') ? { NoteCollection: FakeNoteCollection } : {}),
    },
    Office: {
      context: {
        requirements: { isSetSupported: (name, minVersion) => supports(name, minVersion === undefined ? '1.1' : String(minVersion)) },
        document: {
          settings: {
            get: (name) => (st.settings.has(name) ? clone(st.settings.get(name)) : null),
            set: (name, value) => void st.settings.set(name, clone(value)),
            remove: (name) => void st.settings.delete(name),
            saveAsync: (a?: unknown, b?: (r: FakeAsyncResult<void>) => void) => {
              const cb = typeof a === 'function' ? (a as (r: FakeAsyncResult<void>) => void) : b;
              setTimeout(() => {
                if (options.failSettingsSave) {
                  cb?.({ status: 'failed', value: undefined, error: { code: 5001, name: 'Internal Error', message: 'An internal error has occurred.' } });
                  return;
                }
                st.savedSettings.clear();
                for (const [k, v] of st.settings) st.savedSettings.set(k, clone(v));
                cb?.({ status: 'succeeded', value: undefined });
              }, 0);
            },
            refreshAsync: (cb) => {
              st.settings.clear();
              for (const [k, v] of st.savedSettings) st.settings.set(k, clone(v));
              setTimeout(() => cb?.({ status: 'succeeded', value: Object.fromEntries(st.settings) }), 0);
            },
          },
        },
        platform,
        host: 'Excel',
        displayLanguage: 'zh-CN',
      },
      onReady: (callback) => {
        const info = { host: 'Excel', platform };
        callback?.(info);
        return Promise.resolve(info);
      },
      HostType: { Excel: 'Excel' },
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    },
    OfficeExtension: { Error: FakeOfficeError, ErrorCodes: FakeErrorCodes },
  };
}

const GLOBAL_NAMES = ['Excel', 'Office', 'OfficeExtension'] as const;
let saved: Record<string, PropertyDescriptor | undefined> | null = null;

/**
 * Sets globalThis.Excel, Office and OfficeExtension to fakes driving `workbook`. Installing again
 * replaces the previous fake; `uninstallFakeOffice` restores whatever was there before the first install.
 */
export function installFakeOffice(workbook: FakeWorkbook, options: FakeOfficeOptions = {}): FakeOfficeGlobals {
  const g = globalThis as unknown as Record<string, unknown>;
  if (!saved) {
    saved = {};
    for (const n of GLOBAL_NAMES) saved[n] = Object.getOwnPropertyDescriptor(g, n);
  }
  const fake = createFakeOffice(workbook, options);
  for (const n of GLOBAL_NAMES) Object.defineProperty(g, n, { value: fake[n], configurable: true, writable: true, enumerable: false });
  return fake;
}

export function uninstallFakeOffice(): void {
  if (!saved) return;
  const g = globalThis as unknown as Record<string, unknown>;
  for (const n of GLOBAL_NAMES) {
    const d = saved[n];
    if (d) Object.defineProperty(g, n, d);
    else delete g[n];
  }
  saved = null;
}
