/**
 * The browser pages, one build for both hosts of the shared page (offline/AppShell.tsx):
 *
 *   tsx scripts/build-offline.ts            `npm run build:offline`: the offline version (below)
 *   tsx scripts/build-offline.ts preview    `npm run preview`: dist-preview/index.html, the same page as a thin
 *                                           host of the fake Excel and the real Office adapter (preview/)
 *
 * The offline version is one self-contained page that runs from disk:
 *
 *   dist-offline/index.html        the whole product (page, task pane, worker, exceljs) inlined: no other
 *                                  file, no network request, no web font; opened by double-click (file://)
 *   dist-offline/使用说明.txt       how to open it, in Chinese
 *   dist-offline.zip               the folder zipped (src/hosts/xlsx/zip.ts writeZip), to send to a colleague
 *
 * Built with esbuild (already a dev dependency): first the worker (offline/worker.ts) to a string, then the
 * page with that string inside it (started from a Blob URL: Chromium refuses file:// worker scripts).
 */
import { build, type BuildOptions } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { nodeDeflateRaw } from '../src/hosts/xlsx/node-zlib';
import { writeZip } from '../src/hosts/xlsx/zip';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'dist-offline');
const ZIP = join(ROOT, 'dist-offline.zip');
const SHIM = join(ROOT, 'offline', 'node-shim.cjs');
const PREVIEW_OUT = join(ROOT, 'dist-preview');

export const README_TXT = `义务教育优质均衡核验（离线版）

使用方法
1. 把本文件夹（或其中的 index.html）复制到自己的电脑上。
2. 双击 index.html，用 Chrome、Edge、360 安全浏览器、QQ 浏览器或麒麟/统信系统自带的浏览器打开。
   （如果双击后用了别的程序打开：右键 index.html →「打开方式」→ 选择上述浏览器。360、QQ 浏览器请使用极速模式。）
3. 点击「打开工作簿…」或把填好的 .xlsx 工作簿拖进页面，再点任务窗格中的「一键校验」。
   还没有填报模板时，点「下载空白模板」得到空白的标准模板（空白模板.xlsx），先读其中的「填报说明」，按表头填好后再打开。
4. 「下载标注后的工作簿」得到一份标好问题单元格并附有汇总表和申报表的副本，原文件不会被修改；所选的规则设置也保存在副本中，
   下次打开这份副本时自动恢复。
5. 「下载申报表」得到只含正式申报表（表Ⅰ至「一票否决」）的新工作簿；「打印核验摘要」打印一页页的核验结论。

说明
- 不需要安装 Office、不需要联网；工作簿只在本机浏览器中读取和核验，不会上传到任何地方。
- .xls、.et 文件请先在 Excel 或 WPS 中另存为 .xlsx。
- 需要较新的浏览器（Chrome、Edge 103 及以上，或同样内核的 360、QQ、麒麟/统信浏览器）；太旧时页面会提示。
`;

function common(): BuildOptions {
  return {
    bundle: true,
    write: false,
    platform: 'browser',
    target: ['chrome86'],
    format: 'iife',
    minify: true,
    legalComments: 'none',
    jsx: 'automatic',
    charset: 'utf8',
    logLevel: 'warning',
    alias: { 'node:fs': SHIM, 'node:path': SHIM, 'node:module': SHIM, fs: SHIM, path: SHIM },
    define: { 'process.env.NODE_ENV': '"production"' },
  };
}

/** Inline script text: nothing in it may close the <script> element. */
const inlineScript = (code: string) => code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

/**
 * One page from an entry: the shared template (offline/index.html, its print stylesheet included) with the
 * bundle inlined. It must not name any other resource: no http(s) URL in a src/href attribute, no @import or url(http…).
 */
async function page(entry: string, define: Record<string, string>, title?: string): Promise<string> {
  const bundle = await build({ ...common(), entryPoints: [entry], define: { ...common().define, ...define } });
  let template = readFileSync(join(ROOT, 'offline', 'index.html'), 'utf8');
  if (title) template = template.replace(/<title>[^<]*<\/title>/, `<title>${title}</title>`);
  const external = /(?:src|href)\s*=\s*["']?(?:https?:)?\/\/|@import|url\(\s*["']?https?:/i.exec(template);
  if (external) throw new Error(`页面引用了外部资源：${external[0]}`);
  return template.replace('<!--APP-->', () => `<script>${inlineScript(bundle.outputFiles![0].text)}</script>`);
}

/** The preview (dist-preview/index.html): the same page and pane over the fake Excel, no worker. */
export async function buildPreview(): Promise<{ html: string }> {
  const html = await page(join(ROOT, 'preview', 'index.tsx'), {}, '优质均衡核验 · 浏览器预览');
  rmSync(PREVIEW_OUT, { recursive: true, force: true });
  mkdirSync(PREVIEW_OUT, { recursive: true });
  writeFileSync(join(PREVIEW_OUT, 'index.html'), html);
  return { html };
}

export async function buildOffline(): Promise<{ html: string; zip: Uint8Array }> {
  const worker = await build({ ...common(), entryPoints: [join(ROOT, 'offline', 'worker.ts')] });
  const html = await page(join(ROOT, 'offline', 'index.tsx'), { __OFFLINE_WORKER_SOURCE__: JSON.stringify(worker.outputFiles![0].text) });

  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'index.html'), html);
  writeFileSync(join(OUT, '使用说明.txt'), README_TXT.replace(/\n/g, '\r\n'));
  const e = new TextEncoder();
  const zip = writeZip(
    [
      { name: '优质均衡核验（离线版）/index.html', data: e.encode(html) },
      { name: '优质均衡核验（离线版）/使用说明.txt', data: e.encode(README_TXT.replace(/\n/g, '\r\n')) },
    ],
    nodeDeflateRaw,
  );
  writeFileSync(ZIP, zip);
  return { html, zip };
}

if (require.main === module && process.argv[2] === 'preview') {
  const t = Date.now();
  buildPreview()
    .then(({ html }) => process.stdout.write(`已生成 dist-preview/index.html（${(html.length / 1048576).toFixed(1)} MB），用时 ${((Date.now() - t) / 1000).toFixed(1)} 秒\n`))
    .catch((e) => {
      process.stderr.write(`构建预览页失败：${(e as Error)?.message ?? e}\n`);
      process.exit(1);
    });
} else if (require.main === module) {
  const t = Date.now();
  buildOffline()
    .then(({ html, zip }) => {
      process.stdout.write(
        `已生成 dist-offline/index.html（${(html.length / 1048576).toFixed(1)} MB，单个文件，双击即可打开）和 dist-offline.zip（${(zip.length / 1048576).toFixed(1)} MB），用时 ${((Date.now() - t) / 1000).toFixed(1)} 秒\n`,
      );
    })
    .catch((e) => {
      process.stderr.write(`构建离线版失败：${(e as Error)?.message ?? e}\n`);
      process.exit(1);
    });
}
