#!/usr/bin/env node
/**
 * Browser tests of the offline version (dist-offline/index.html, `npm run build:offline`), opened from
 * file:// in headless Chromium with every non-file request blocked and counted:
 *
 *   node tests/browser/offline.mjs            builds dist-offline/ when it is missing or older than the sources
 *   node tests/browser/offline.mjs --build    always builds first
 *
 * The page must be one self-contained file whose worker really runs in a worker (from a Blob URL), read a
 * workbook through the file picker and by drag and drop, give the command line's counts, download an annotated
 * copy that the command line reads the same and that equals `annotate`'s output, download the 申报表 byte for
 * byte as `shenbao` writes it and the blank template as `template` writes it (before any workbook is open), open
 * them in openpyxl and LibreOffice when they are installed, keep the chosen
 * settings in the annotated copy (restored when it is opened again), print a summary, and never block the page for more than 200 ms while
 * a 10 000-school workbook is read and validated (PerformanceObserver 'longtask'). Screenshots go to artifacts/.
 * The last line is "N passed, N failed"; the exit status is non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ARTIFACTS, assert, assertEqual, bundleTs, check, cli, ensureBuild, GENERATED_NOTICE, INPUT_SHEETS, launch, log, MESSY, pane, ROOT, runMain, settingsPanel, Skip, tilesOf, observeLongTasks, validate as validateIn, walkBigResult } from './harness.mjs';

const DIST = join(ROOT, 'dist-offline');
const TIMEOUT = 60_000;
/** Schools in the large workbook, and the longest main-thread task allowed while it is read and validated. */
const BIG_SCHOOLS = 10_000;
const LONGEST_TASK_MS = 200;

function reference(file) {
  return tilesOf(JSON.parse(cli(['validate', file, '--json'])).summary);
}

/** Node helpers from the TypeScript sources: the large county written as .xlsx, the ZIP lister. */
function helpers(work) {
  return bundleTs(work, 'offline-helpers', `
        import ExcelJS from 'exceljs';
        import { bigCountyGrids } from './scripts/lib/big-county';
        import { entryData, listZip } from './src/hosts/xlsx/zip';
        import { nodeInflateRaw } from './src/hosts/xlsx/node-zlib';
        import { gridsOfBytes } from './src/hosts/xlsx/node-read';
        export async function writeBig(file, units) {
          const wb = new ExcelJS.Workbook();
          const grids = bigCountyGrids(units);
          for (const g of grids) {
            const ws = wb.addWorksheet(g.name);
            for (const row of g.values) ws.addRow(row);
          }
          await wb.xlsx.writeFile(file);
          return grids[0].values.length - 1;
        }
        export const zipNames = (bytes) => listZip(new Uint8Array(bytes)).map((e) => e.name);
        export const zipParts = (bytes) => listZip(new Uint8Array(bytes)).map((e) => [e.name, Buffer.from(entryData(e, nodeInflateRaw)).toString('base64')]);
        export const grids = (bytes) => gridsOfBytes(new Uint8Array(bytes));`);
}

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
/** A Python that has openpyxl (the one on PATH, or Debian's python3-openpyxl beside a pyenv one), or null. */
const PYTHON = ['python3', '/usr/bin/python3'].find((py) => spawnSync(py, ['-c', 'import openpyxl']).status === 0) ?? null;
const hasOpenpyxl = () => PYTHON !== null;

/** Every cell value and solid fill colour of every sheet, and the sheet names, as openpyxl reads them. */
function openpyxlDump(file) {
  const py = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": [[ws.title, ws.sheet_state] for ws in wb.worksheets], "cells": {}}
for ws in wb.worksheets:
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" and isinstance(c.fill.fgColor.rgb, str) else None
            note = c.comment.text if c.comment is not None else None
            link = [c.hyperlink.target, c.hyperlink.location] if c.hyperlink is not None else None
            if c.value is None and fill is None and note is None and link is None:
                continue
            v = c.value
            if not isinstance(v, (str, int, float, bool)) and v is not None:
                v = str(v)
            cells[c.coordinate] = [v, fill, note] + ([link] if link else [])
    out["cells"][ws.title] = cells
print(json.dumps(out, ensure_ascii=False))
`;
  const r = spawnSync(PYTHON, ['-c', py, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`openpyxl 打不开 ${file}：${r.stderr.slice(-800)}`);
  return JSON.parse(r.stdout);
}

const validate = (page) => validateIn(page, TIMEOUT);

async function openFile(page, file, name) {
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByText(`当前工作簿：${name}`, { exact: false }).waitFor({ timeout: TIMEOUT });
  await page.locator('table[data-sheet] td[data-address]').first().waitFor();
  await page.getByTestId('progress').waitFor({ state: 'detached', timeout: TIMEOUT });
}

async function downloadAnnotated(page, file, button = '下载标注后的工作簿') {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), page.getByRole('button', { name: button }).click()]);
  await download.saveAs(file);
  return download.suggestedFilename();
}

async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  ensureBuild(DIST, 'build:offline');

  const work = mkdtempSync(join(tmpdir(), 'junheng-offline-'));
  const h = helpers(work);
  const samplePath = join(work, 'sample.xlsx');
  cli(['sample', '-o', samplePath]);
  const sample = reference(samplePath);
  const messy = reference(MESSY);
  const bigPath = join(work, `${BIG_SCHOOLS}所学校.xlsx`);
  const schools = await h.writeBig(bigPath, Math.round(BIG_SCHOOLS * 1.2));
  const big = reference(bigPath);
  log(`参照（命令行）：示例县 ${JSON.stringify(sample)}；04-county-messy ${JSON.stringify(messy)}；${schools} 所学校 ${JSON.stringify(big)}`);

  // Every request that is not the file itself (or data:/blob: made by the page) is refused and counted.
  const browser = await launch({ allowed: (u) => u.startsWith('file:') || u.startsWith('data:') || u.startsWith('blob:'), timeout: TIMEOUT });
  const { context, problems, external } = browser;
  try {
    await observeLongTasks(context);
    const page = await browser.page();
    let templatePath = null;
    const url = pathToFileURL(join(DIST, 'index.html')).href;
    log(`离线页：${url}`);

    await check('构建结果：一个自包含的 index.html（无外部脚本、样式、字体），以及含同样文件的 dist-offline.zip', async () => {
      assertEqual(readdirSync(DIST).sort(), ['index.html', '使用说明.txt'].sort(), 'dist-offline/ 中的文件');
      const html = readFileSync(join(DIST, 'index.html'), 'utf8');
      assert(!/<script[^>]+src\s*=/i.test(html), '页面引用了外部脚本');
      assert(!/<link[^>]+(stylesheet|preload|icon)/i.test(html), '页面引用了外部样式或图标');
      assert(!/@font-face/i.test(html), '页面含有网页字体');
      assert(/<title>[^<]*[\u4e00-\u9fff][^<]*<\/title>/.test(html), '标题不是中文');
      const names = h.zipNames(readFileSync(join(ROOT, 'dist-offline.zip')));
      assertEqual(names, ['优质均衡核验（离线版）/index.html', '优质均衡核验（离线版）/使用说明.txt'], 'dist-offline.zip 中的文件');
    });

    await check('从 file:// 打开：中文标题和说明，控制台无错误，无任何外部请求', async () => {
      await page.goto(url);
      await page.getByTestId('drop-zone').waitFor();
      assertEqual(await page.title(), '义务教育优质均衡核验（离线版）', '标题');
      await page.getByText('不会上传', { exact: false }).first().waitFor();
      await page.screenshot({ path: join(ARTIFACTS, 'offline-start.png') });
      // On a 1280 × 720 laptop screen the toolbar stays on one line (the file name gives way).
      await page.setViewportSize({ width: 1280, height: 720 });
      const tops = await page.locator('header button, header [role="switch"]').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top / 10)));
      await page.setViewportSize({ width: 1440, height: 900 });
      assertEqual([...new Set(tops)].length, 1, `1280 像素宽时工具栏分成了几行（按钮顶边 ${JSON.stringify(tops)}）`);
      assertEqual(problems, [], '控制台错误或警告');
      assertEqual(external, [], '外部请求');
    });

    await check('下载空白模板（未打开工作簿时即可用）：文件名，与命令行 template 写出的相同——读取器读出的每个单元格的值和格式、合并单元格，文件包中除创建时间外的每个部分', async () => {
      const file = join(work, 'template-page.xlsx');
      const button = page.getByRole('button', { name: '下载空白模板' });
      assertEqual(await button.count(), 2, '「下载空白模板」按钮个数（工具栏和拖放区）');
      assert(await button.first().isEnabled(), '未打开工作簿时「下载空白模板」不可用');
      // The one where a workbook is dropped: what a new user sees first.
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), page.getByTestId('drop-zone').getByRole('button', { name: '下载空白模板' }).click()]);
      await download.saveAs(file);
      const name = download.suggestedFilename();
      assertEqual(name, '空白模板.xlsx', '下载的文件名');
      const byCliTemplate = join(work, 'template-cli.xlsx');
      cli(['template', '-o', byCliTemplate]);
      const mine = await h.grids(readFileSync(file));
      const theirs = await h.grids(readFileSync(byCliTemplate));
      assertEqual(mine.map((g) => g.name), ['学校基本信息', '分学段信息', '县级指标', '填报说明'], '工作表');
      assertEqual(mine.map((g) => g.name), theirs.map((g) => g.name), '与命令行的工作表');
      // The header row of each input sheet, as the reader gives it (the first cells).
      assertEqual(mine[0].values[1].slice(0, 3), ['学校标识码', '学校名称', '学校类型'], '「学校基本信息」的表头');
      assertEqual(mine[1].values[1].slice(0, 3), ['学校标识码', '学段', '班级数(个)'], '「分学段信息」的表头');
      assertEqual(mine[2].values[1].slice(0, 3), ['指标', '数值', '备注'], '「县级指标」的表头');
      let cells = 0;
      for (const [i, g] of theirs.entries()) {
        const m = mine[i];
        const rows = Math.max(g.values.length, m.values.length);
        const diff = [];
        for (let r = 0; r < rows; r++) {
          const cols = Math.max(g.values[r]?.length ?? 0, m.values[r]?.length ?? 0);
          for (let c = 0; c < cols; c++) {
            cells++;
            const a = [m.values[r]?.[c] ?? null, m.numberFormats?.[r]?.[c] ?? null];
            const b = [g.values[r]?.[c] ?? null, g.numberFormats?.[r]?.[c] ?? null];
            if (JSON.stringify(a) !== JSON.stringify(b)) diff.push([r + 1, c + 1, a, b]);
          }
        }
        assertEqual(diff.slice(0, 5), [], `「${g.name}」中不同的单元格（共 ${diff.length} 个）`);
        assertEqual(m.merges ?? [], g.merges ?? [], `「${g.name}」的合并单元格`);
      }
      assert(cells > 500, `比较的单元格太少：${cells}`);
      // The package too: every part the same but the creation time, which is the moment each file was made.
      const undated = (parts) => parts.map(([n, b64]) => [n, n === 'docProps/core.xml' ? Buffer.from(b64, 'base64').toString('utf8').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, 'T') : b64]);
      assertEqual(undated(h.zipParts(readFileSync(file))), undated(h.zipParts(readFileSync(byCliTemplate))), '压缩包中各部分的内容（创建时间除外）');
      // The command line reads it as the template (not exit 2): the same verdict as on its own blank template.
      const verdictOf = (f) => {
        const j = JSON.parse(cli(['validate', f, '--json']));
        return { summary: j.summary, codes: j.issues.map((x) => x.code) };
      };
      const verdict = verdictOf(file);
      assertEqual(verdict, verdictOf(byCliTemplate), '命令行对两份空白模板的核验');
      assertEqual(verdict.summary.units, 0, '空白模板中的学校单位数');
      templatePath = file;
    });

    await check('下载的空白模板在 openpyxl 和 LibreOffice 中打开', async () => {
      assert(templatePath, '没有下载空白模板');
      if (!hasOpenpyxl() && !has('soffice')) throw new Skip('没有安装 python3-openpyxl 和 LibreOffice');
      if (hasOpenpyxl()) {
        const d = openpyxlDump(templatePath);
        assertEqual(d.sheets, ['学校基本信息', '分学段信息', '县级指标', '填报说明'].map((n) => [n, 'visible']), '工作表');
        assertEqual(d.cells['学校基本信息'].A2?.[0], '学校标识码', '「学校基本信息」A2');
        assertEqual(d.cells['学校基本信息'].A2?.[1], 'FFDDEBF7', '「学校基本信息」A2 的填充色（必填列）');
      }
      if (has('soffice')) {
        const out = join(work, 'lo-template');
        mkdirSync(out, { recursive: true });
        const r = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(join(work, 'lo-profile')).href}`, '--convert-to', 'pdf', '--outdir', out, templatePath], { encoding: 'utf8', timeout: 180_000 });
        const pdf = join(out, 'template-page.pdf');
        assert(r.status === 0 && existsSync(pdf) && statSync(pdf).size > 1000, `LibreOffice 未能打开：${r.status} ${r.stderr}`);
      }
    });

    await check('后台线程：工作簿在 Web Worker 中读取（由 Blob URL 启动，file:// 下可用）', async () => {
      const hello = await page.evaluate(() => window.__offlineWorker);
      assert(hello && hello.inWorker === true, `不在 Worker 中运行：${JSON.stringify(hello)}`);
      assert(hello.href.startsWith('blob:'), `Worker 不是由 Blob URL 启动的：${hello.href}`);
    });

    await check('每个按钮、输入框都有中文可访问名称', async () => {
      const unnamed = await page.evaluate(() => {
        const bad = [];
        for (const el of document.querySelectorAll('button, input, select, [role="tab"], [role="switch"]')) {
          const name = (el.getAttribute('aria-label') || el.textContent || el.labels?.[0]?.textContent || el.getAttribute('title') || '').trim();
          if (!/[\u4e00-\u9fff]/.test(name)) bad.push(el.outerHTML.slice(0, 120));
        }
        return bad;
      });
      assertEqual(unnamed, [], '没有中文名称的控件');
    });

    await check('打开示例县（一键），一键校验：计数与命令行相同', async () => {
      await page.getByRole('button', { name: '打开示例县' }).first().click();
      await page.getByText('当前工作簿：青山县示例.xlsx', { exact: false }).waitFor();
      await page.locator('table[data-sheet] td[data-address]').first().waitFor();
      assertEqual(await validate(page), sample, '错误/警告/达标学校/差异系数达标');
      assert((await page.locator('td[data-fill]').count()) > 0, '网格中没有标记的单元格');
      await page.screenshot({ path: join(ARTIFACTS, 'offline-sample.png') });
    });

    await check('规则设置：改用省级口径后重新核验，再恢复国家标准（设置随下载的副本保存，见下一项）', async () => {
      const p = pane(page);
      await settingsPanel(page, true);
      // This page has no ribbon and saves nothing by itself: the note says where the settings are kept.
      await p.getByText('设置记在本页打开的工作簿中：「下载标注后的工作簿」得到的文件带有这些设置，以后在本页或 Excel 加载项中打开它，都按同样的规则核验。', { exact: true }).waitFor();
      await p.getByLabel('规则配置').selectOption('strict-scope');
      // Each change waits for its own header: 「规则设置：」 alone matches the header before the change too.
      await p.getByRole('button', { name: /^规则设置：民办学校不纳入/ }).waitFor();
      await validate(page);
      // The preview's 「重新打开任务窗格」 (Excel's pane closed and opened) is not a button of this page.
      assertEqual(await page.getByRole('button', { name: '重新打开任务窗格' }).count(), 0, '离线版的「重新打开任务窗格」按钮');
      await p.getByLabel('规则配置').selectOption('national');
      await p.getByRole('button', { name: /^规则设置：国家标准（教督〔2017〕6号）$/ }).waitFor();
      await settingsPanel(page, false);
      assertEqual(await validate(page), sample, '恢复国家标准后的计数');
    });

    await check('生成汇总表：申报表 8 张和核验用 3 张工作表出现在页面中', async () => {
      const p = pane(page);
      await p.getByRole('button', { name: '生成汇总表' }).click();
      await p.getByText(GENERATED_NOTICE, { exact: true }).waitFor();
      const tabs = await page.locator('[data-sheet-tab]').evaluateAll((t) => t.map((x) => x.getAttribute('data-sheet-tab')));
      const generated = ['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单'];
      assertEqual(tabs.filter((t) => generated.includes(t)), generated, '生成的工作表（顺序）');
      // As in Excel, the title in A1 runs on over the empty cells to its right instead of being cut at column A.
      await page.getByRole('tab', { name: '表Ⅱ-1' }).click();
      const title = await page.locator('table[data-sheet="表Ⅱ-1"] td[data-address="A1"]').evaluate((td) => {
        const span = td.querySelector('span');
        return { cell: td.clientWidth, shown: span?.clientWidth ?? 0, needed: span?.scrollWidth ?? Infinity, text: td.textContent };
      });
      assert(title.text.startsWith('表Ⅱ-1') && title.shown > title.cell * 2 && title.needed <= title.shown, `A1 的标题没有完整显示：${JSON.stringify(title)}`);
      await page.screenshot({ path: join(ARTIFACTS, 'offline-sheets.png') });
    });

    await check('设置随文件保存：选省级口径后下载标注副本，再打开这份副本，设置恢复，计数与命令行同一配置相同', async () => {
      const p = pane(page);
      await settingsPanel(page, true);
      await p.getByLabel('规则配置').selectOption('strict-scope');
      await p.getByRole('button', { name: /^规则设置：民办学校不纳入/ }).waitFor();
      const chosen = await p.getByRole('button', { name: /规则设置：/ }).textContent();
      await settingsPanel(page, false);
      const copy = join(work, '青山县示例（已标注）.xlsx');
      await downloadAnnotated(page, copy);
      // The page's session knows nothing of it: a new page (another day) opens the copy.
      await page.reload();
      await page.getByTestId('drop-zone').waitFor();
      await openFile(page, copy, '青山县示例（已标注）.xlsx');
      // The pane shows the national standard until it has read the copy's settings: wait for the saved ones
      // (a timeout here is the failure), then compare the header as shown.
      await p.getByRole('button', { name: chosen, exact: true }).waitFor({ timeout: 10_000 }).catch(() => {});
      assertEqual(await p.getByRole('button', { name: /规则设置：/ }).textContent(), chosen, '重新打开副本后的规则设置');
      const s = JSON.parse(cli(['validate', copy, '--json', '--profile', 'strict-scope'])).summary;
      assertEqual(await validate(page), tilesOf(s), '省级口径的计数');
      assert(s.unitsPassing !== Number(sample['达标学校（学段）'].split('/')[0]), '省级口径与国家标准的计数相同，测试无法区分');
    });

    await check('打开工作簿（文件选择）：04-county-messy.xlsx，计数与命令行 validate --json 相同', async () => {
      await openFile(page, MESSY, '04-county-messy.xlsx');
      assertEqual(await validate(page), messy, '错误/警告/达标学校/差异系数达标');
      await page.screenshot({ path: join(ARTIFACTS, 'offline-messy.png') });
      // A warning about a 申报表 cell, clicked before the tables are written: the pane says to write them first.
      const p = pane(page);
      await p.getByRole('tab', { name: /问题/ }).click();
      const blank = p.locator('#junheng-view button', { hasText: '未能填写' }).first();
      const sheet = (await blank.textContent()).match(/(表Ⅰ|表Ⅱ-1|表Ⅱ-2|表Ⅲ|表Ⅳ|表Ⅴ|表Ⅵ)有\d+处未能填写/)?.[1];
      assert(sheet, `没有找到申报表留空的提示：${await blank.textContent()}`);
      await blank.click();
      await p.getByText(`工作表「${sheet}」还没有写入工作簿：请先点「生成汇总表」`, { exact: false }).waitFor({ timeout: 5000 });
    });

    const annotated = join(work, 'annotated-page.xlsx');
    const byCli = join(work, 'annotated-cli.xlsx');
    await check('下载标注后的工作簿：文件名、命令行读出同样的计数', async () => {
      const name = await downloadAnnotated(page, annotated);
      assertEqual(name, '04-county-messy（已标注）.xlsx', '下载的文件名');
      assertEqual(reference(annotated), messy, '下载文件的命令行计数');
      cli(['annotate', MESSY, '-o', byCli]);
    });

    await check('下载的工作簿在 openpyxl 中打开，工作表、每个单元格的值、填充色和批注与命令行 annotate 的输出相同', async () => {
      if (!hasOpenpyxl()) throw new Skip('没有安装 python3-openpyxl');
      const a = openpyxlDump(annotated);
      const b = openpyxlDump(byCli);
      assertEqual(a.sheets, b.sheets, '工作表');
      for (const [sheet] of b.sheets) {
        const ca = a.cells[sheet];
        const cb = b.cells[sheet];
        const diff = Object.keys({ ...ca, ...cb }).filter((k) => JSON.stringify(ca[k]) !== JSON.stringify(cb[k]));
        assertEqual(diff.slice(0, 5).map((k) => [sheet, k, ca[k], cb[k]]), [], `「${sheet}」中不同的单元格（共 ${diff.length} 个）`);
      }
      for (const s of INPUT_SHEETS) assert(Object.values(a.cells[s]).some((c) => c[1] && c[2]), `「${s}」中没有带填充色和批注的标记`);
    });

    await check('页面网格上的标记与命令行 annotate 写入的相同：各输入表首屏每个单元格是否标记、填充色和说明（标记打包后传到页面）', async () => {
      if (!hasOpenpyxl()) throw new Skip('没有安装 python3-openpyxl');
      const b = openpyxlDump(byCli);
      // The mark fills as openpyxl reads them (ARGB), and the note annotate writes around a mark's explanation.
      const markFills = { FFFFC7CE: '#FFC7CE', FFFFD8A8: '#FFD8A8', FFFFF2B3: '#FFF2B3' };
      for (const sheet of INPUT_SHEETS) {
        await page.locator(`[data-sheet-tab="${sheet}"]`).click();
        const tds = page.locator(`table[data-sheet="${sheet}"] td[data-address]`);
        await tds.first().waitFor();
        const shown = await tds.evaluateAll((all) => all.map((td) => [td.dataset.address, td.dataset.fill ?? null, td.getAttribute('title')]));
        const onPage = shown.filter(([, fill]) => fill).map(([addr, fill, note]) => [addr, fill.toUpperCase(), note]);
        const byCommand = shown
          .map(([addr]) => [addr, b.cells[sheet][addr]])
          .filter(([, c]) => c && markFills[c[1]])
          .map(([addr, c]) => [addr, markFills[c[1]], c[2] === null ? null : c[2].replace(/^【均衡核验】/, '').replace(/\n——均衡核验生成，重新核验时替换$/, '')]);
        assert(onPage.length >= 5, `「${sheet}」首屏只有 ${onPage.length} 个标记的单元格`);
        assertEqual(onPage, byCommand, `「${sheet}」首屏的标记（地址、填充色、说明）`);
      }
    });

    await check('下载的工作簿在 LibreOffice 中打开（转换为 PDF）', async () => {
      if (!has('soffice')) throw new Skip('没有安装 LibreOffice');
      const out = join(work, 'lo');
      mkdirSync(out, { recursive: true });
      const r = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(join(work, 'lo-profile')).href}`, '--convert-to', 'pdf', '--outdir', out, annotated], { encoding: 'utf8', timeout: 180_000 });
      const pdf = join(out, 'annotated-page.pdf');
      assert(r.status === 0 && existsSync(pdf) && statSync(pdf).size > 1000, `LibreOffice 未能打开：${r.status} ${r.stderr}`);
    });

    const official = join(work, 'shenbao-page.xlsx');
    await check('下载申报表：只含 8 张正式申报表，与命令行 shenbao 对同一文件写出的文件逐字节相同', async () => {
      const name = await downloadAnnotated(page, official, '下载申报表');
      assertEqual(name, '04-county-messy（申报表）.xlsx', '下载的文件名');
      const byCliShenbao = join(work, 'shenbao-cli.xlsx');
      const said = JSON.parse(cli(['shenbao', MESSY, '-o', byCliShenbao, '--json']));
      // The page says what the command prints: here no error, and the tables' own warnings.
      assertEqual(said.summary.errors, 0, '命令行的错误数');
      assertEqual(
        await page.getByTestId('download-notice').textContent(),
        `已下载申报表。申报表有 ${said.issues.length} 条警告（空白或按规则处理的单元格），见「问题」视图。`,
        '下载后的提示',
      );
      const mine = readFileSync(official);
      const theirs = readFileSync(byCliShenbao);
      const parts = h.zipParts(mine);
      assertEqual(parts, h.zipParts(theirs), '压缩包中各部分的内容');
      assert(mine.equals(theirs), `内容相同但字节不同（${mine.length} / ${theirs.length} 字节）`);
      const sheets = parts.filter(([n]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).length;
      assertEqual(sheets, 8, '工作表个数');
      await page.screenshot({ path: join(ARTIFACTS, 'offline-downloads.png') });
    });

    await check('下载的申报表在 openpyxl 和 LibreOffice 中打开', async () => {
      if (!hasOpenpyxl() && !has('soffice')) throw new Skip('没有安装 python3-openpyxl 和 LibreOffice');
      if (hasOpenpyxl()) {
        const d = openpyxlDump(official);
        assertEqual(d.sheets, ['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决'].map((n) => [n, 'visible']), '工作表');
        assert(Object.keys(d.cells['表Ⅱ-1']).length > 20, '表Ⅱ-1 几乎是空的');
      }
      if (has('soffice')) {
        const out = join(work, 'lo-shenbao');
        mkdirSync(out, { recursive: true });
        const r = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(join(work, 'lo-profile')).href}`, '--convert-to', 'pdf', '--outdir', out, official], { encoding: 'utf8', timeout: 180_000 });
        const pdf = join(out, 'shenbao-page.pdf');
        assert(r.status === 0 && existsSync(pdf) && statSync(pdf).size > 1000, `LibreOffice 未能打开：${r.status} ${r.stderr}`);
      }
    });

    await check('多打了位数的数值（openpyxl 把 03 的一所学校室外运动场地改为 1 200 万㎡）：问题中有 area-doubtful 警告，最小补充方案上方提示先核对', async () => {
      if (!hasOpenpyxl()) throw new Skip('没有安装 python3-openpyxl');
      const typo = join(work, '多打了位数.xlsx');
      const plain = MESSY.replace('04-county-messy', '03-county-plain');
      const py = spawnSync(PYTHON, ['-c', 'import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nwb["学校基本信息"]["M2"] = 12000000\nwb.save(sys.argv[2])', plain, typo], { encoding: 'utf8' });
      assertEqual(py.status, 0, `openpyxl 写文件失败：${py.stderr}`);
      await openFile(page, typo, '多打了位数.xlsx');
      await validate(page);
      const p = pane(page);
      await p.getByRole('tab', { name: /差距与建议/ }).click();
      const caution = p.getByText('数据中有1处数值明显异常（学校基本信息!M2，见问题清单中的警告）', { exact: false });
      await caution.waitFor({ timeout: TIMEOUT });
      await caution.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, 'offline-doubtful.png') });
      // The same caution as the command line's plan.
      const plan = JSON.parse(cli(['validate', typo, '--json', '--plan'])).plan;
      assertEqual(await caution.textContent(), plan.cautions[0], '方案的注意事项');
    });

    await check('拖放打开：把示例县工作簿拖进页面，计数与命令行相同', async () => {
      const bytes = readFileSync(samplePath).toString('base64');
      await page.evaluate((b64) => {
        const bin = atob(b64);
        const buf = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) buf[i] = bin.charCodeAt(i);
        const dt = new DataTransfer();
        dt.items.add(new File([buf], '拖进来的示例县.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
        const target = document.querySelector('[data-testid="page"]');
        target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
        target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
      }, bytes);
      await page.getByText('当前工作簿：拖进来的示例县.xlsx', { exact: false }).waitFor();
      assertEqual(await validate(page), sample, '拖放后的计数');
    });

    await check('示例县的标注副本与命令行 annotate 相同，「问题清单」中的链接是工作簿内部链接（openpyxl）', async () => {
      if (!hasOpenpyxl()) throw new Skip('没有安装 python3-openpyxl');
      const mine = join(work, 'sample-page.xlsx');
      const theirs = join(work, 'sample-cli.xlsx');
      await downloadAnnotated(page, mine);
      cli(['annotate', samplePath, '-o', theirs]);
      const a = openpyxlDump(mine);
      const b = openpyxlDump(theirs);
      assertEqual(a.sheets, b.sheets, '工作表');
      for (const [sheet] of b.sheets) {
        const diff = Object.keys({ ...a.cells[sheet], ...b.cells[sheet] }).filter((k) => JSON.stringify(a.cells[sheet][k]) !== JSON.stringify(b.cells[sheet][k]));
        assertEqual(diff.slice(0, 5).map((k) => [sheet, k, a.cells[sheet][k], b.cells[sheet][k]]), [], `「${sheet}」中不同的单元格（共 ${diff.length} 个）`);
      }
      const links = Object.values(a.cells['核验_问题清单']).filter((c) => c[3]).map((c) => c[3]);
      assertEqual(links, [[null, "'学校基本信息'!N32"], [null, "'分学段信息'!C23"]], '问题清单中的链接（target, location）');
    });

    await check('打印核验摘要：打印样式只显示摘要（计数与页面相同），A4 生成 PDF', async () => {
      const summary = page.getByTestId('print-summary');
      await page.emulateMedia({ media: 'print' });
      try {
        assert(await summary.isVisible(), '打印时摘要不可见');
        assert(!(await page.getByRole('button', { name: '打开工作簿…' }).first().isVisible()), '打印时工具栏仍可见');
        const text = await summary.textContent();
        assert(text.includes(`达标学校（学段）${sample['达标学校（学段）']}`), `摘要中的达标学校数：${text.slice(0, 300)}`);
        assert(text.includes('一票否决无此类情形'), `摘要中的一票否决：${text.slice(0, 400)}`);
        // The time printed is when printing starts (the browser's beforeprint), not when the result was shown.
        const printedAt = async () => /打印时间：(\S+ \S+)/.exec(await summary.textContent())?.[1];
        const shownAt = await printedAt();
        await page.waitForTimeout(1100);
        await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
        const atPrint = await printedAt();
        assert(shownAt && atPrint && atPrint !== shownAt, `打印时间没有在打印时更新：${shownAt} → ${atPrint}`);
        await page.screenshot({ path: join(ARTIFACTS, 'offline-print.png'), fullPage: true });
        const pdf = await page.pdf({ format: 'A4' });
        writeFileSync(join(ARTIFACTS, 'offline-print.pdf'), pdf);
        assert(pdf.length > 5000, `PDF 太小：${pdf.length} 字节`);
      } finally {
        await page.emulateMedia({ media: 'screen' });
      }
      assert(!(await summary.isVisible()), '屏幕上不应显示打印摘要');
    });

    await check('打开非 .xlsx 文件：中文错误提示，页面仍可用', async () => {
      await page.getByTestId('file-input').setInputFiles({ name: '不是工作簿.xlsx', mimeType: 'text/plain', buffer: Buffer.from('hello') });
      await page.getByText('无法以 Excel 工作簿', { exact: false }).waitFor();
      await pane(page).getByRole('button', { name: '一键校验', exact: true }).waitFor();
    });

    let longest = null;
    await check(`${schools} 所学校的工作簿：在后台读取和校验，有进度显示，主线程没有超过 ${LONGEST_TASK_MS} ms 的任务，计数与命令行相同`, async () => {
      await page.evaluate(() => (window.__longTasks = window.__longTasks === null ? null : []));
      const t = Date.now();
      await page.getByTestId('file-input').setInputFiles(bigPath);
      await page.getByTestId('progress').waitFor({ timeout: 5000 });
      // The pane of the workbook shown before takes no clicks while the new one opens (a run started then was lost).
      assertEqual(await page.locator('aside[aria-label="任务窗格"][inert][aria-busy="true"]').count(), 1, '打开工作簿期间任务窗格不可操作');
      await page.getByText(`当前工作簿：${BIG_SCHOOLS}所学校.xlsx`, { exact: false }).waitFor({ timeout: 180_000 });
      await page.getByTestId('progress').waitFor({ state: 'detached', timeout: 180_000 });
      const readMs = Date.now() - t;
      const got = await validate(page);
      const totalMs = Date.now() - t;
      // Let the last task finish and be reported.
      await page.waitForTimeout(500);
      const tasks = await page.evaluate(() => window.__longTasks);
      assert(tasks !== null, '浏览器不支持 longtask 观察');
      longest = tasks.reduce((m, x) => Math.max(m, x.duration), 0);
      const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name}@${Math.round(m.startTime)}`));
      if (process.env.DEBUG_TASKS) log(`      ${JSON.stringify(tasks.map((x) => [Math.round(x.start), Math.round(x.duration)]))} ${marks.filter((m) => !m.startsWith('worker:part') && !m.startsWith('worker:phase')).join(' ')}`);
      log(`      读取 ${readMs} ms，读取+校验 ${totalMs} ms；主线程长任务 ${tasks.length} 个，最长 ${Math.round(longest)} ms`);
      await page.screenshot({ path: join(ARTIFACTS, 'offline-big.png') });
      assertEqual(got, big, '错误/警告/达标学校/差异系数达标');
      assert(longest <= LONGEST_TASK_MS, `主线程最长任务 ${Math.round(longest)} ms，超过 ${LONGEST_TASK_MS} ms`);
    });

    await check(`${schools} 所学校的结果：每个视图打开、学校视图再显示一页、只看未达标，主线程没有超过 ${LONGEST_TASK_MS} ms 的任务`, async () => {
      await page.evaluate(() => (window.__longTasks = []));
      await walkBigResult(page);
      await page.waitForTimeout(500);
      const tasks = await page.evaluate(() => window.__longTasks);
      const most = tasks.reduce((m, x) => Math.max(m, x.duration), 0);
      if (process.env.DEBUG_TASKS) {
        const steps = await page.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('step:')).map((m) => [m.name.slice(5), m.startTime]));
        const stepOf = (t) => steps.filter(([, s]) => s <= t).pop()?.[0] ?? '?';
        log(`      ${JSON.stringify(tasks.map((x) => [stepOf(x.start), Math.round(x.duration)]))}`);
      }
      log(`      视图切换：主线程长任务 ${tasks.length} 个，最长 ${Math.round(most)} ms`);
      await page.screenshot({ path: join(ARTIFACTS, 'offline-big-schools.png') });
      assert(most <= LONGEST_TASK_MS, `视图切换时主线程最长任务 ${Math.round(most)} ms，超过 ${LONGEST_TASK_MS} ms`);
    });

    await check('整个过程控制台无错误、无任何外部请求', async () => {
      assertEqual(problems, [], '控制台错误或警告');
      assertEqual(external, [], '外部请求');
    });
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await runMain(main);
