/**
 * The offline version (dist-offline/index.html): the shared page (offline/AppShell.tsx) over a workbook opened
 * from disk. Reading, validating and writing the downloads happen in a worker (offline/worker.ts); the page
 * only shows the workbook and the pane. Nothing leaves the computer.
 */
import { useState } from 'react';
import type { WorkbookHost } from '../src/hosts/api';
import { effectiveProfile, fromStored } from '../src/taskpane/settings';
import { prepareAdviceView } from '../src/taskpane/components/AdviceView';
import { AppShell, type OpenBook, type PageHost, type Progress } from './AppShell';
import { annotatedName, shenbaoName } from './files';
import { GridBook } from './gridbook';
import { WorkerClient } from './worker-client';

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

/** A workbook the worker holds, with the settings saved "with" it (written into the download's mark record). */
interface Kept {
  settings: Record<string, unknown> | null;
}
interface OfflineBook extends OpenBook {
  kept: Kept;
}

/** The page's host for one opened file: runs go to the worker, marks and generated sheets are drawn on the grid. */
function hostFor(client: WorkerClient, kept: Kept, book: GridBook): WorkbookHost {
  return {
    run: async (o) => {
      const r = await client.run(o.profile, o.writeSheets !== false, o.onPhase);
      performance.mark('run:result');
      if (!r.ok) return { ok: false, fatal: r.fatal, syncs: 0 };
      if (o.applyMarks !== false) book.setMarks(r.marks);
      if (r.sheets) book.setGenerated(r.sheets);
      prepareAdviceView(r.analysis);
      return { ok: true, analysis: r.analysis, marks: r.marks.count, notesVia: 'note', syncs: 0 };
    },
    clearMarks: async () => ({ ok: true, restored: book.clearMarks(), syncs: 0 }),
    select: async () => undefined,
    loadSettings: async () => kept.settings,
    saveSettings: async (v) => {
      kept.settings = v;
    },
  };
}

export function offlineHost(client: WorkerClient): PageHost {
  const opened = (fileName: string, book: GridBook, settings: Record<string, unknown> | null): OfflineBook => {
    // A copy downloaded from this page (or annotated by the command line) keeps its settings: the pane reads them.
    const kept: Kept = { settings };
    return { fileName, book, kept, host: hostFor(client, kept, book) };
  };
  const settingsOf = (open: OpenBook) => (open as OfflineBook).kept.settings;
  const profileOf = (open: OpenBook) => effectiveProfile(fromStored(settingsOf(open)).settings);
  return {
    title: '优质均衡核验（离线版）',
    privacy: '（只在本机处理，不会上传）',
    // No ribbon and no save here: the settings go into the downloaded copy (the record sheet), read back when it is opened.
    settingsNote: '设置记在本页打开的工作簿中：「下载标注后的工作簿」得到的文件带有这些设置，以后在本页或 Excel 加载项中打开它，都按同样的规则核验。',
    sampleLabel: '打开示例县',
    startError: tooOld(),
    openFile: async (file: File, onProgress: Progress) => {
      const book = new GridBook();
      performance.mark('open:start');
      const bytes = await file.arrayBuffer();
      performance.mark('open:bytes');
      const { settings } = await client.open(bytes, file.name, book, onProgress);
      performance.mark('open:done');
      return opened(file.name, book, settings);
    },
    openSample: async (onProgress: Progress) => {
      const book = new GridBook();
      const { settings } = await client.openSample(book, onProgress);
      return opened('青山县示例.xlsx', book, settings);
    },
    downloads: [
      {
        label: '下载标注后的工作簿',
        title: '原工作簿加上标记、批注和汇总表（含申报表）与规则设置；原文件不会被修改',
        busyText: '正在生成标注后的工作簿……',
        make: async (open, onProgress) => {
          const { bytes, macros } = await client.annotated(profileOf(open), settingsOf(open), onProgress);
          return { bytes, fileName: annotatedName(open.fileName, macros === true) };
        },
      },
      {
        label: '下载申报表',
        title: '只含正式申报表（表Ⅰ至一票否决）的新工作簿，与命令行 shenbao 写出的相同',
        busyText: '正在生成申报表……',
        make: async (open, onProgress) => {
          const { bytes, notice } = await client.shenbao(profileOf(open), onProgress);
          return { bytes, fileName: shenbaoName(open.fileName), notice };
        },
      },
    ],
    blankTemplate: {
      label: '下载空白模板',
      title: '空白的标准填报模板（三张输入表和「填报说明」），与命令行 template 写出的相同',
      busyText: '正在生成空白模板……',
      make: (onProgress) => client.template(onProgress),
    },
  };
}

export function OfflineApp() {
  const [host] = useState(() => {
    const client = new WorkerClient();
    window.__offlineWorker = client.hello;
    return offlineHost(client);
  });
  return <AppShell host={host} />;
}
