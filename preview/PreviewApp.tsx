/**
 * The browser preview: the shared page (offline/AppShell.tsx) as a thin host like the Excel one, where the
 * real task pane drives the real Office adapter (src/hosts/excel) over the fake Excel (src/hosts/fake-excel)
 * holding the built-in sample county or a workbook the user opens. Everything else is the offline page's.
 */
import { useState } from 'react';
import { sampleCountyGrids } from '../src/sample/county';
import type { CellGrid } from '../src/template/grid';
import { AppShell, type OpenBook, type PageHost } from '../offline/AppShell';
import { annotatedName, OpenError, readXlsx, writeXlsx } from './files';
import { createPreviewBook, type FakePreviewBook } from './workbook';

const SAMPLE_FILE = '青山县示例.xlsx';

interface PreviewOpen extends OpenBook {
  fake: FakePreviewBook;
}

function opened(grids: CellGrid[], fileName: string): PreviewOpen {
  const fake = createPreviewBook(grids);
  return {
    fileName,
    fake,
    book: fake,
    host: fake.host,
    onChange: (cb) => fake.onChange(cb),
    selected: () => fake.selected(),
    onCellClick: (sheet, address) => void fake.host.select(sheet, address),
  };
}

export const previewHost: PageHost = {
  title: '优质均衡核验 · 浏览器预览',
  privacy: '（数据只在本页面内处理，不会上传）',
  sampleLabel: '恢复示例县',
  startWithSample: true,
  reopenPane: true,
  openFile: async (file) => {
    try {
      return opened(await readXlsx(await file.arrayBuffer(), file.name), file.name);
    } catch (e) {
      throw new Error(e instanceof OpenError ? e.message : `无法打开「${file.name}」：${(e as Error)?.message ?? String(e)}`);
    }
  },
  openSample: async () => opened(sampleCountyGrids(), SAMPLE_FILE),
  downloads: [
    {
      label: '下载标注后的工作簿',
      title: '预览中内存版 Excel 的内容（值、数字格式、标记、批注和生成的工作表）另存为 .xlsx；打开的文件中的公式、图表、原有批注和格式不在其中，要保留原文件的一切请用离线版或命令行 annotate',
      busyText: '正在生成文件……',
      make: async (open) => ({ bytes: await writeXlsx((open as PreviewOpen).fake.exportSheets()), fileName: annotatedName(open.fileName) }),
    },
  ],
};

export function PreviewApp() {
  const [host] = useState(() => previewHost);
  return <AppShell host={host} />;
}
