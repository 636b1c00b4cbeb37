/**
 * The browser preview: the built-in sample county (or a workbook the user opens) shown as Excel would,
 * beside the real task pane, which drives the real adapter over the in-memory workbook.
 */
import {
  Button,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { WorkbookHost } from '../src/hosts/api';
import { sampleCountyGrids } from '../src/sample/county';
import { TaskPane } from '../src/taskpane/TaskPane';
import { darkTheme, lightTheme } from '../src/taskpane/theme';
import type { CellGrid } from '../src/template/grid';
import { annotatedName, download, OpenError, readXlsx, writeXlsx } from './files';
import { createPreviewBook, type FakePreviewBook } from './workbook';
import { WorkbookView, type Selection } from './WorkbookView';

const SAMPLE_NAME = '示例县（内置）';
const SAMPLE_FILE = '青山县示例.xlsx';

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
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    flexWrap: 'wrap',
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  source: { color: tokens.colorNeutralForeground2, flexGrow: 1 },
  main: {
    display: 'flex',
    flexGrow: 1,
    minHeight: 0,
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingHorizontalS,
    '@media (max-width: 900px)': { flexDirection: 'column', overflowY: 'auto' },
  },
  book: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0, minHeight: '320px' },
  pane: {
    width: '350px',
    flexShrink: 0,
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    '@media (max-width: 900px)': { width: 'auto', overflowY: 'visible' },
  },
  hiddenInput: { display: 'none' },
});

interface Loaded {
  id: number;
  name: string;
  fileName: string;
  book: FakePreviewBook;
  host: WorkbookHost;
}

export function PreviewApp() {
  const prefersDark = typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches;
  const [dark, setDark] = useState(prefersDark);
  return (
    <FluentProvider theme={dark ? darkTheme : lightTheme}>
      <Preview dark={dark} onDark={setDark} />
    </FluentProvider>
  );
}

function Preview({ dark, onDark }: { dark: boolean; onDark(v: boolean): void }) {
  const s = useStyles();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [version, setVersion] = useState(0);
  const [active, setActive] = useState('');
  const [selection, setSelection] = useState<Selection | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Bumped to close and reopen the task pane on the same workbook (its settings come back from the workbook). */
  const [paneOpen, setPaneOpen] = useState(0);
  const fileInput = useRef<HTMLInputElement | null>(null);
  const seq = useRef(0);
  const ids = useRef(0);

  const reveal = useCallback((sheet: string, address: string) => {
    setActive(sheet);
    setSelection({ sheet, address, seq: ++seq.current });
  }, []);

  const load = useCallback(
    (grids: CellGrid[], name: string, fileName: string) => {
      const book = createPreviewBook(grids);
      // The pane's host is the adapter; selecting a cell also shows it in the grid.
      const host: WorkbookHost = {
        run: (o) => book.host.run(o),
        clearMarks: () => book.host.clearMarks(),
        loadSettings: () => book.host.loadSettings(),
        saveSettings: (v) => book.host.saveSettings(v),
        select: async (sheet, address) => {
          await book.host.select(sheet, address);
          // Show what the adapter really selected in the workbook.
          const at = book.selected() ?? { sheet, address };
          reveal(at.sheet, at.address);
        },
      };
      setLoaded({ id: ++ids.current, name, fileName, book, host });
      setActive(book.sheetNames()[0] ?? '');
      setSelection(null);
      setVersion((v) => v + 1);
    },
    [reveal],
  );

  useEffect(() => {
    load(sampleCountyGrids(), SAMPLE_NAME, SAMPLE_FILE);
  }, [load]);

  useEffect(() => {
    if (!loaded) return;
    return loaded.book.onChange(() => setVersion((v) => v + 1));
  }, [loaded]);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy('正在读取工作簿……');
    setError(null);
    try {
      const grids = await readXlsx(await file.arrayBuffer(), file.name);
      load(grids, file.name, file.name);
    } catch (e) {
      setError(e instanceof OpenError ? e.message : `无法打开「${file.name}」：${(e as Error)?.message ?? String(e)}`);
    } finally {
      setBusy(null);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const onDownload = async () => {
    if (!loaded) return;
    setBusy('正在生成文件……');
    setError(null);
    try {
      download(await writeXlsx(loaded.book.exportSheets()), annotatedName(loaded.fileName));
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

  return (
    <div className={s.page}>
      <header className={s.top}>
        <h1 className={s.title}>优质均衡核验 · 浏览器预览</h1>
        <Text className={s.source} size={200}>
          当前工作簿：{loaded?.name ?? '—'}（数据只在本页面内处理，不会上传）
        </Text>
        {busy ? <Spinner size="tiny" label={busy} /> : null}
        <input
          ref={fileInput}
          className={s.hiddenInput}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label="选择要打开的 .xlsx 工作簿"
          data-testid="file-input"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
        <Button onClick={() => fileInput.current?.click()} disabled={busy !== null}>
          打开工作簿…
        </Button>
        <Button onClick={() => void onDownload()} disabled={!loaded || busy !== null}>
          下载标注后的工作簿
        </Button>
        <Button onClick={() => load(sampleCountyGrids(), SAMPLE_NAME, SAMPLE_FILE)} disabled={busy !== null}>
          恢复示例县
        </Button>
        <Button onClick={() => setPaneOpen((n) => n + 1)} disabled={!loaded} title="关闭并重新打开任务窗格：规则设置从工作簿中读回">
          重新打开任务窗格
        </Button>
        <Switch checked={dark} onChange={(_e, d) => onDark(d.checked)} label="深色主题" />
      </header>
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={s.main}>
        <div className={s.book}>
          {loaded ? (
            <WorkbookView
              book={loaded.book}
              version={version}
              active={active}
              onActivate={(sh) => setActive(sh)}
              selection={selection}
              onSelect={(sheet, address) => {
                void loaded.book.host.select(sheet, address);
                setSelection({ sheet, address, seq: ++seq.current });
              }}
            />
          ) : null}
        </div>
        <aside className={s.pane} aria-label="任务窗格">
          {loaded ? <TaskPane key={`${loaded.id}-${paneOpen}`} host={loaded.host} /> : null}
        </aside>
      </div>
    </div>
  );
}
