/**
 * The page around the task pane, shared by both browser hosts: the offline version (offline/OfflineApp.tsx:
 * the user's file read and checked in a worker) and the preview (preview/PreviewApp.tsx: the real Office
 * adapter over the fake Excel). Each host gives a PageHost (how to open a file or the sample, what to
 * download); the shell does the rest: toolbar, progress, errors, drag and drop, the workbook grid, the real
 * TaskPane, the printable summary.
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
import type { ShownAnalysis } from '../src/report/analysis';
import { TaskPane } from '../src/taskpane/TaskPane';
import { darkTheme, lightTheme } from '../src/taskpane/theme';
import type { ShownBook } from './book';
import { download } from './files';
import { PrintSummary } from './PrintSummary';
import { WorkbookView, type Selection } from './WorkbookView';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type Progress = (text: string, fraction: number | null) => void;

/** A workbook open in the page. */
export interface OpenBook {
  fileName: string;
  /** What the grid shows. */
  book: ShownBook;
  /** What the pane drives. */
  host: WorkbookHost;
  /** Called when the workbook changes outside a run of the pane (the fake Excel's every sync). */
  onChange?(cb: () => void): () => void;
  /** Where the host really put the selection after host.select (the fake Excel), or null to show the one asked for. */
  selected?(): { sheet: string; address: string } | null;
  /** A click on a cell of the grid (the preview selects it in the fake Excel too). */
  onCellClick?(sheet: string, address: string): void;
}

export interface DownloadButton {
  label: string;
  /** Tooltip. */
  title: string;
  /** Shown while the file is made. */
  busyText: string;
  /** `notice`: said once the file is downloaded (e.g. the 申报表 of a workbook with errors). */
  make(open: OpenBook, onProgress: Progress): Promise<{ bytes: Uint8Array | Blob; fileName: string; notice?: string }>;
}

/** A file made without any workbook open (the blank template): offered from the start. */
export interface NewFileButton {
  label: string;
  /** Tooltip. */
  title: string;
  /** Shown while the file is made. */
  busyText: string;
  make(onProgress: Progress): Promise<{ bytes: Uint8Array | Blob; fileName: string }>;
}

/** What a browser host gives the shell. */
export interface PageHost {
  /** The page's heading. */
  title: string;
  /** After the file name: where the data goes. */
  privacy: string;
  openFile(file: File, onProgress: Progress): Promise<OpenBook>;
  openSample(onProgress: Progress): Promise<OpenBook>;
  /** The sample button's label. */
  sampleLabel: string;
  /** Open the sample when the page starts (the preview). */
  startWithSample?: boolean;
  downloads: DownloadButton[];
  /** The blank standard template to fill in (the offline page), shown in the toolbar and where a workbook is dropped. */
  blankTemplate?: NewFileButton;
  /** Something wrong before anything is opened (a browser too old), or null. */
  startError?: string | null;
  /** Where the pane's rule settings are kept (TaskPaneProps.settingsNote); Excel's wording when not given. */
  settingsNote?: string;
  /** A 「重新打开任务窗格」 button, as Excel's pane is closed and opened again (the preview: settings read back). */
  reopenPane?: boolean;
}

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
    // Room for every button on one line of a 1280-pixel screen, the file name giving way.
    gap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    flexWrap: 'wrap',
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  /** Gives way first when the window is narrow, so that the buttons stay on one line. */
  source: { color: tokens.colorNeutralForeground2, flexGrow: 1, flexShrink: 1, flexBasis: 0, minWidth: '80px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
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
  paneHint: { display: 'block', margin: 0, padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3 },
});

interface Loaded {
  id: number;
  open: OpenBook;
  /** The pane's host: the page host's, telling the shell what changed. */
  host: WorkbookHost;
}

export function AppShell({ host }: { host: PageHost }) {
  const prefersDark = typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches;
  const [dark, setDark] = useState(prefersDark);
  return (
    <FluentProvider theme={dark ? darkTheme : lightTheme}>
      <Shell page={host} dark={dark} onDark={setDark} />
    </FluentProvider>
  );
}

function Shell({ page, dark, onDark }: { page: PageHost; dark: boolean; onDark(v: boolean): void }) {
  const s = useStyles();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [version, setVersion] = useState(0);
  const [active, setActive] = useState('');
  const [selection, setSelection] = useState<Selection | null>(null);
  const [busy, setBusy] = useState<{ text: string; fraction: number | null } | null>(null);
  const [error, setError] = useState<string | null>(page.startError ?? null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [analysis, setAnalysis] = useState<ShownAnalysis | null>(null);
  /** Bumped to close and reopen the task pane on the same workbook (its settings come back from the workbook). */
  const [paneOpen, setPaneOpen] = useState(0);
  const fileInput = useRef<HTMLInputElement | null>(null);
  const seq = useRef(0);
  const ids = useRef(0);

  const reveal = useCallback((sheet: string, address: string) => {
    setActive(sheet);
    setSelection({ sheet, address, seq: ++seq.current });
  }, []);

  const show = useCallback(
    (open: OpenBook) => {
      const inner = open.host;
      const host: WorkbookHost = {
        run: async (o) => {
          const r = await inner.run(o);
          if (r.ok) setAnalysis(r.analysis);
          setVersion((v) => v + 1);
          return r;
        },
        clearMarks: async () => {
          const r = await inner.clearMarks();
          setVersion((v) => v + 1);
          return r;
        },
        select: async (sheet, address) => {
          if ((await inner.select(sheet, address)) === false) return false;
          // Show what the host really selected when it says (the fake Excel), else the cell asked for if it exists.
          const at = open.selected?.() ?? (open.book.sheetNames().includes(sheet) ? { sheet, address } : null);
          if (!at) return false;
          reveal(at.sheet, at.address);
          return true;
        },
        loadSettings: () => inner.loadSettings(),
        saveSettings: (v) => inner.saveSettings(v),
      };
      setLoaded({ id: ++ids.current, open, host });
      setAnalysis(null);
      setActive(open.book.sheetNames()[0] ?? '');
      setSelection(null);
      setVersion((v) => v + 1);
    },
    [reveal],
  );

  useEffect(() => {
    if (!loaded?.open.onChange) return;
    return loaded.open.onChange(() => setVersion((v) => v + 1));
  }, [loaded]);

  const progress: Progress = (text, fraction) => setBusy({ text, fraction });
  const [opening, setOpening] = useState(false);

  const openWith = async (what: string, read: () => Promise<OpenBook>) => {
    setOpening(true);
    setBusy({ text: `正在读取${what}……`, fraction: 0 });
    setError(null);
    setNotice(null);
    try {
      show(await read());
    } catch (e) {
      setError((e as Error)?.message ?? String(e));
    } finally {
      setBusy(null);
      setOpening(false);
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      await openWith(`「${file.name}」`, () => page.openFile(file, progress));
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const onSample = () => openWith('示例县', () => page.openSample(progress));

  const started = useRef(false);
  useEffect(() => {
    if (!page.startWithSample || started.current) return;
    started.current = true;
    void onSample();
  }, [page]);

  const saveFile = async (busyText: string, make: () => Promise<{ bytes: Uint8Array | Blob; fileName: string; notice?: string }>) => {
    setBusy({ text: busyText, fraction: null });
    setError(null);
    setNotice(null);
    try {
      const { bytes, fileName, notice: said } = await make();
      download(bytes instanceof Blob ? bytes : new Blob([bytes as BlobPart], { type: XLSX_TYPE }), fileName);
      setNotice(said ?? null);
    } catch (e) {
      setError(`未能生成文件：${(e as Error)?.message ?? String(e)}`);
    } finally {
      setBusy(null);
    }
  };

  const onDownload = async (d: DownloadButton) => {
    if (!loaded) return;
    await saveFile(d.busyText, () => d.make(loaded.open, progress));
  };

  const names = useMemo(() => (loaded ? loaded.open.book.sheetNames() : []), [loaded, version]);
  useEffect(() => {
    if (names.length && !names.includes(active)) setActive(names[0]);
  }, [names, active]);

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (busy) return;
    void onFile(e.dataTransfer.files?.[0]);
  };

  const openButton = (
    <Button appearance="primary" onClick={() => fileInput.current?.click()} disabled={busy !== null}>
      打开工作簿…
    </Button>
  );
  const sampleButton = (
    <Button onClick={() => void onSample()} disabled={busy !== null}>
      {page.sampleLabel}
    </Button>
  );
  const blank = page.blankTemplate;
  const templateButton = blank ? (
    <Button onClick={() => void saveFile(blank.busyText, () => blank.make(progress))} disabled={busy !== null} title={blank.title}>
      {blank.label}
    </Button>
  ) : null;

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
        <h1 className={s.title}>{page.title}</h1>
        <Text className={s.source} size={200} title={`${loaded?.open.fileName ?? ''}${page.privacy}`}>
          当前工作簿：{loaded?.open.fileName ?? '—'}
          {page.privacy}
        </Text>
        <input
          ref={fileInput}
          className={s.hiddenInput}
          type="file"
          accept={`.xlsx,.xlsm,${XLSX_TYPE}`}
          aria-label="选择要打开的 .xlsx 工作簿"
          data-testid="file-input"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
        {openButton}
        {page.downloads.map((d) => (
          <Button key={d.label} onClick={() => void onDownload(d)} disabled={!loaded || busy !== null} title={d.title}>
            {d.label}
          </Button>
        ))}
        <Button
          onClick={() => window.print()}
          disabled={!analysis}
          title={analysis ? '只打印核验结论：计数、未达标学校、差异系数和问题清单' : '请先点击「一键校验」，核验后才能打印核验摘要'}
        >
          打印核验摘要
        </Button>
        {templateButton}
        {sampleButton}
        {page.reopenPane ? (
          <Button onClick={() => setPaneOpen((n) => n + 1)} disabled={!loaded} title="关闭并重新打开任务窗格：规则设置从工作簿中读回">
            重新打开任务窗格
          </Button>
        ) : null}
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
      {notice ? (
        <MessageBar intent="warning" className="no-print" data-testid="download-notice">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={`${s.main} no-print`}>
        <div className={s.book}>
          {loaded ? (
            <WorkbookView
              book={loaded.open.book}
              version={version}
              active={active}
              onActivate={(sh) => setActive(sh)}
              selection={selection}
              onSelect={(sheet, address) => {
                loaded.open.onCellClick?.(sheet, address);
                setSelection({ sheet, address, seq: ++seq.current });
              }}
            />
          ) : (
            <section className={`${s.drop} ${dragging ? s.dropActive : ''}`} aria-label="打开工作簿" data-testid="drop-zone">
              <Text size={500} weight="semibold">把填好的 .xlsx 工作簿拖到这里</Text>
              <Text>
                或点击「打开工作簿…」选择文件；也可以先打开内置的示例县看看。
                {blank ? `还没有模板：点「${blank.label}」，按表头填好后再打开。` : null}
              </Text>
              <Text size={200}>工作簿只在这台电脑上读取和核验，不会上传到任何地方；本页面不需要联网，也不需要安装 Office。</Text>
              <div>
                {openButton} {sampleButton} {templateButton}
              </div>
            </section>
          )}
        </div>
        {/* While another workbook opens the pane still shows the last one: it takes no clicks then (a run started
            on it was dropped when the new workbook arrived, leaving 「尚未校验」 with no word why). */}
        <aside className={s.pane} aria-label="任务窗格" inert={opening} aria-busy={opening || undefined}>
          {loaded ? (
            <TaskPane key={`${loaded.id}-${paneOpen}`} host={loaded.host} settingsNote={page.settingsNote} />
          ) : (
            <Text as="p" className={s.paneHint}>
              打开工作簿后，这里是核验面板：「一键校验」、规则设置和各项结果，与 Excel 加载项中的任务窗格相同。
            </Text>
          )}
        </aside>
      </div>
      <PrintSummary analysis={analysis} fileName={loaded?.open.fileName ?? ''} />
    </div>
  );
}
