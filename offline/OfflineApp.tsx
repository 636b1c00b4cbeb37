/**
 * The offline version (dist-offline/index.html): the real task pane over a workbook opened from disk.
 * Reading, validating and writing the annotated copy happen in a worker (offline/worker.ts); this page only
 * shows the workbook and the pane. Nothing leaves the computer.
 */
import {
  Button,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { WorkbookHost } from '../src/hosts/api';
import type { ResolvedProfile } from '../src/domain/profile';
import type { Analysis } from '../src/report/build';
import { TaskPane } from '../src/taskpane/TaskPane';
import { darkTheme, lightTheme } from '../src/taskpane/theme';
import { effectiveProfile, fromStored } from '../src/taskpane/settings';
import { annotatedName, download, shenbaoName } from './files';
import { WorkbookView, type Selection } from '../preview/WorkbookView';
import { GridBook } from './gridbook';
import { PrintSummary } from './PrintSummary';
import { WorkerClient } from './worker-client';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    height: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  top: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    flexWrap: 'wrap',
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  source: { color: tokens.colorNeutralForeground2, flexGrow: 1 },
  progress: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`, backgroundColor: tokens.colorNeutralBackground1 },
  main: {
    display: 'flex',
    flexGrow: 1,
    minHeight: 0,
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingHorizontalS,
    '@media (max-width: 900px)': { flexDirection: 'column', overflowY: 'auto' },
  },
  book: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0, minHeight: '320px' },
  drop: {
    flexGrow: 1,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: tokens.spacingVerticalM,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    padding: tokens.spacingHorizontalXXL,
    textAlign: 'center',
  },
  dropActive: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  pane: {
    width: '350px',
    flexShrink: 0,
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    '@media (max-width: 900px)': { width: 'auto', overflowY: 'visible' },
  },
  hiddenInput: { display: 'none' },
  paneHint: { margin: 0, padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3 },
});

interface Loaded {
  id: number;
  fileName: string;
  book: GridBook;
  host: WorkbookHost;
}

declare global {
  interface Window {
    /** For the browser test: where the worker runs. */
    __offlineWorker?: Promise<{ inWorker: boolean; href: string }>;
  }
}

/** Reading .xlsx needs DecompressionStream('deflate-raw') (Chromium 103 and later): say so instead of failing later. */
function tooOld(): string | null {
  try {
    new DecompressionStream('deflate-raw');
    return null;
  } catch {
    return '这个浏览器版本太旧，不能读取 .xlsx 工作簿。请改用新版 Chrome、Edge，或把 360、QQ 浏览器升级到最新版并使用极速模式。';
  }
}

export function OfflineApp() {
  const prefersDark = typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches;
  const [dark, setDark] = useState(prefersDark);
  return (
    <FluentProvider theme={dark ? darkTheme : lightTheme}>
      <Offline dark={dark} onDark={setDark} />
    </FluentProvider>
  );
}

function Offline({ dark, onDark }: { dark: boolean; onDark(v: boolean): void }) {
  const s = useStyles();
  const client = useMemo(() => new WorkerClient(), []);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [version, setVersion] = useState(0);
  const [active, setActive] = useState('');
  const [selection, setSelection] = useState<Selection | null>(null);
  const [busy, setBusy] = useState<{ text: string; fraction: number | null } | null>(null);
  const [error, setError] = useState<string | null>(tooOld());
  const [dragging, setDragging] = useState(false);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [paneOpen, setPaneOpen] = useState(0);
  const fileInput = useRef<HTMLInputElement | null>(null);
  const seq = useRef(0);
  const ids = useRef(0);
  /** Settings saved "with the workbook": per opened file, read from its mark record and written into the download's. */
  const settings = useRef(new Map<number, Record<string, unknown>>());

  useEffect(() => {
    window.__offlineWorker = client.hello;
  }, [client]);

  const reveal = useCallback((sheet: string, address: string) => {
    setActive(sheet);
    setSelection({ sheet, address, seq: ++seq.current });
  }, []);

  const hostFor = useCallback(
    (id: number, book: GridBook): WorkbookHost => ({
      run: async (o) => {
        const r = await client.run(o.profile, o.writeSheets !== false, o.onPhase);
        performance.mark('run:result');
        if (!r.ok) return { ok: false, fatal: r.fatal, syncs: 0 };
        if (o.applyMarks !== false) book.setMarks(r.marks);
        if (r.sheets) book.setGenerated(r.sheets);
        setAnalysis(r.analysis);
        setVersion((v) => v + 1);
        return { ok: true, analysis: r.analysis, marks: r.marks.length, notesVia: 'note', syncs: 0 };
      },
      clearMarks: async () => {
        const restored = book.clearMarks();
        setVersion((v) => v + 1);
        return { ok: true, restored, syncs: 0 };
      },
      select: async (sheet, address) => {
        if (book.hasSheet(sheet)) reveal(sheet, address);
      },
      loadSettings: async () => settings.current.get(id) ?? null,
      saveSettings: async (v) => {
        settings.current.set(id, v);
      },
    }),
    [client, reveal],
  );

  const openWith = async (what: string, read: (book: GridBook) => Promise<{ fileName: string; settings: Record<string, unknown> | null }>) => {
    setBusy({ text: `正在读取${what}……`, fraction: 0 });
    setError(null);
    try {
      const book = new GridBook();
      const { fileName, settings: kept } = await read(book);
      const id = ++ids.current;
      // A copy downloaded from this page (or annotated by the command line) keeps its settings: the pane reads them.
      if (kept) settings.current.set(id, kept);
      setLoaded({ id, fileName, book, host: hostFor(id, book) });
      setAnalysis(null);
      setActive(book.sheetNames()[0] ?? '');
      setSelection(null);
      setVersion((v) => v + 1);
    } catch (e) {
      setError((e as Error)?.message ?? String(e));
    } finally {
      setBusy(null);
    }
  };

  const progress = (text: string, fraction: number | null) => setBusy({ text, fraction });

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      await openWith(`「${file.name}」`, async (book) => {
        performance.mark('open:start');
        const bytes = await file.arrayBuffer();
        performance.mark('open:bytes');
        const { settings: kept } = await client.open(bytes, file.name, book, progress);
        performance.mark('open:done');
        return { fileName: file.name, settings: kept };
      });
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const onSample = () =>
    openWith('示例县', async (book) => {
      const { settings: kept } = await client.openSample(book, progress);
      return { fileName: '青山县示例.xlsx', settings: kept };
    });

  const savedSettings = () => (loaded ? settings.current.get(loaded.id) ?? null : null);
  const currentProfile = (): ResolvedProfile => effectiveProfile(fromStored(savedSettings()).settings);

  /** Both downloads: the annotated copy of the user's file, or the official 申报表 tables alone. */
  const onDownload = async (what: 'annotated' | 'shenbao') => {
    if (!loaded) return;
    setBusy({ text: what === 'shenbao' ? '正在生成申报表……' : '正在生成标注后的工作簿……', fraction: null });
    setError(null);
    try {
      const { bytes } = what === 'shenbao' ? await client.shenbao(currentProfile(), progress) : await client.annotated(currentProfile(), savedSettings(), progress);
      download(new Blob([bytes as BlobPart], { type: XLSX_TYPE }), (what === 'shenbao' ? shenbaoName : annotatedName)(loaded.fileName));
    } catch (e) {
      setError(`未能生成文件：${(e as Error)?.message ?? String(e)}`);
    } finally {
      setBusy(null);
    }
  };

  const names = useMemo(() => (loaded ? loaded.book.sheetNames() : []), [loaded, version]);
  useEffect(() => {
    if (names.length && !names.includes(active)) setActive(names[0]);
  }, [names, active]);

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (busy) return;
    void onFile(e.dataTransfer.files?.[0]);
  };

  return (
    <div
      className={`${s.page} offline-page`}
      data-testid="page"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header className={`${s.top} no-print`}>
        <h1 className={s.title}>优质均衡核验（离线版）</h1>
        <Text className={s.source} size={200}>
          当前工作簿：{loaded?.fileName ?? '—'}（只在本机处理，不会上传）
        </Text>
        <input
          ref={fileInput}
          className={s.hiddenInput}
          type="file"
          accept={`.xlsx,${XLSX_TYPE}`}
          aria-label="选择要打开的 .xlsx 工作簿"
          data-testid="file-input"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
        <Button appearance="primary" onClick={() => fileInput.current?.click()} disabled={busy !== null}>
          打开工作簿…
        </Button>
        <Button onClick={() => void onDownload('annotated')} disabled={!loaded || busy !== null} title="原工作簿加上标记、批注和汇总表（含申报表）；原文件不会被修改">
          下载标注后的工作簿
        </Button>
        <Button onClick={() => void onDownload('shenbao')} disabled={!loaded || busy !== null} title="只含正式申报表（表Ⅰ至一票否决）的新工作簿">
          下载申报表
        </Button>
        <Button onClick={() => window.print()} disabled={!loaded}>
          打印核验摘要
        </Button>
        <Button onClick={() => void onSample()} disabled={busy !== null}>
          打开示例县
        </Button>
        <Button onClick={() => setPaneOpen((n) => n + 1)} disabled={!loaded} title="关闭并重新打开任务窗格：规则设置从工作簿中读回">
          重新打开任务窗格
        </Button>
        <Switch checked={dark} onChange={(_e, d) => onDark(d.checked)} label="深色主题" />
      </header>
      {busy ? (
        <div className={`${s.progress} no-print`} role="status" aria-live="polite" data-testid="progress">
          <ProgressBar value={busy.fraction ?? undefined} thickness="large" aria-label={busy.text} />
          <Text size={200}>
            {busy.text}
            {busy.fraction !== null ? ` ${Math.round(busy.fraction * 100)}%` : ''}
          </Text>
        </div>
      ) : null}
      {error ? (
        <MessageBar intent="error" className="no-print">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={`${s.main} no-print`}>
        <div className={s.book}>
          {loaded ? (
            <WorkbookView
              book={loaded.book}
              version={version}
              active={active}
              onActivate={(sh) => setActive(sh)}
              selection={selection}
              onSelect={(sheet, address) => setSelection({ sheet, address, seq: ++seq.current })}
            />
          ) : (
            <section className={`${s.drop} ${dragging ? s.dropActive : ''}`} aria-label="打开工作簿" data-testid="drop-zone">
              <Text size={500} weight="semibold">把填好的 .xlsx 工作簿拖到这里</Text>
              <Text>或点击「打开工作簿…」选择文件；也可以先打开内置的示例县看看。</Text>
              <Text size={200}>工作簿只在这台电脑上读取和核验，不会上传到任何地方；本页面不需要联网，也不需要安装 Office。</Text>
              <div>
                <Button appearance="primary" onClick={() => fileInput.current?.click()} disabled={busy !== null}>
                  打开工作簿…
                </Button>{' '}
                <Button onClick={() => void onSample()} disabled={busy !== null}>
                  打开示例县
                </Button>
              </div>
            </section>
          )}
        </div>
        <aside className={s.pane} aria-label="任务窗格">
          {loaded ? (
            <TaskPane key={`${loaded.id}-${paneOpen}`} host={loaded.host} />
          ) : (
            <Text as="p" className={s.paneHint}>
              打开工作簿后，这里是核验面板：「一键校验」、规则设置和各项结果，与 Excel 加载项中的任务窗格相同。
            </Text>
          )}
        </aside>
      </div>
      <PrintSummary analysis={analysis} fileName={loaded?.fileName ?? ''} />
    </div>
  );
}
