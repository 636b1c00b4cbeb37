#!/usr/bin/env node
/**
 * Browser tests of the preview page (the real task pane driving the real adapter over the in-memory
 * Excel), in headless Chromium with no network:
 *
 *   node tests/browser/run.mjs            builds dist-preview/ when it is missing or older than the sources
 *   node tests/browser/run.mjs --build    always builds first
 *
 * The reference counts come from the command line (`sample`, then `validate --json`), so the pane and the
 * CLI are checked against each other. Screenshots go to artifacts/ (gitignored). The last line is
 * "N passed, N failed"; the exit status is non-zero on any failure.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { serve } from '../../scripts/serve.mjs';
import { ARTIFACTS, assert, assertEqual, bundleTs, check, cli, ensureBuild, GENERATED_NOTICE, INPUT_SHEETS, launch, log, MESSY, pane, ROOT, runMain, settingsPanel, Skip, tiles, tilesOf, validate as validateIn } from './harness.mjs';

const DIST = join(ROOT, 'dist-preview');
const TIMEOUT = 30_000;
/** MARK_COLORS of src/report/model.ts (error, fail, warning). */
const MARK_FILLS = ['#FFC7CE', '#FFD8A8', '#FFF2B3'];

function reference(file, more = []) {
  const report = JSON.parse(cli(['validate', file, '--json', ...more]));
  return { report, tiles: tilesOf(report.summary) };
}

/**
 * adviceOf on the built-in sample county, computed in node from the TypeScript sources (sampleCountyGrids,
 * the national standard): the sentences the 「差距与建议」 view must show.
 */
function sampleAdvice(work) {
  return bundleTs(work, 'advice-reference', `
        import { adviceOf } from './src/domain/advice';
        import { NATIONAL } from './src/domain/profile';
        import { analyse } from './src/report/build';
        import { sampleCountyGrids } from './src/sample/county';
        const r = analyse(sampleCountyGrids(), NATIONAL);
        if (!r.ok) throw new Error(r.fatal.message);
        module.exports = adviceOf(r.analysis);`);
}

/** A Word document (.docx package), zipped with the product's own ZIP writer, to be opened as if it were a workbook. */
function wordDocument(work) {
  return Buffer.from(bundleTs(work, 'docx-reference', `
        import { writeZip } from './src/hosts/xlsx/zip';
        const e = new TextEncoder();
        module.exports = writeZip([
          { name: '[Content_Types].xml', data: e.encode('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>') },
          { name: '_rels/.rels', data: e.encode('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>') },
          { name: 'word/document.xml', data: e.encode('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>学校基本信息</w:t></w:r></w:p></w:body></w:document>') },
        ]);`));
}

/** A copy of an .xlsx with one cell changed. */
async function withCell(file, out, sheet, address, value) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  wb.getWorksheet(sheet).getCell(address).value = value;
  await wb.xlsx.writeFile(out);
}

/** Within 0.5 % (figures shown to about three significant digits). */
function near(shown, expected, what) {
  const x = Number(shown);
  assert(Number.isFinite(x) && Math.abs(x - expected) <= Math.max(0.005 * Math.abs(expected), 0.5), `${what}：页面显示 ${shown}，命令行为 ${expected}`);
}

// ---- page helpers --------------------------------------------------------------------------------

const validate = (page) => validateIn(page, TIMEOUT);

async function sheetTabs(page) {
  return page.locator('[data-sheet-tab]').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('data-sheet-tab')));
}

async function activateSheet(page, name) {
  await page.locator(`[data-sheet-tab="${name}"]`).click();
  await page.locator(`table[data-sheet="${name}"]`).waitFor({ timeout: TIMEOUT });
}

/** Scrolls the grid of the active sheet from top to bottom and collects every filled cell. */
async function filledCells(page) {
  const scroller = page.getByTestId('grid-scroller');
  const found = new Map();
  await scroller.evaluate((el) => (el.scrollTop = 0));
  for (let guard = 0; guard < 2000; guard++) {
    const cells = await page.locator('td[data-fill]').evaluateAll((tds) =>
      tds.map((td) => ({ address: td.dataset.address, fill: td.dataset.fill, bg: getComputedStyle(td).backgroundColor, note: td.getAttribute('title') })),
    );
    for (const c of cells) found.set(c.address, c);
    const done = await scroller.evaluate((el) => {
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return true;
      el.scrollTop += Math.max(100, el.clientHeight - 48);
      return false;
    });
    if (done) break;
    await page.waitForTimeout(30);
  }
  await scroller.evaluate((el) => (el.scrollTop = 0));
  return [...found.values()];
}

async function allFilled(page) {
  const out = {};
  for (const name of await sheetTabs(page)) {
    await activateSheet(page, name);
    out[name] = await filledCells(page);
  }
  return out;
}

/** A screenshot of the whole task pane: the window is made as tall as the pane's content for it. */
async function paneShot(page, name) {
  const p = pane(page);
  const size = page.viewportSize();
  await p.evaluate((el) => (el.scrollTop = 0));
  const height = await p.evaluate((el) => el.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.min(4000, Math.max(size.height, height + 120)) });
  await page.waitForTimeout(100);
  await p.screenshot({ path: join(ARTIFACTS, name) });
  await page.setViewportSize(size);
}

// ---- main ----------------------------------------------------------------------------------------

async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  ensureBuild(DIST, 'build:preview');

  const work = mkdtempSync(join(tmpdir(), 'junheng-browser-'));
  const samplePath = join(work, 'sample.xlsx');
  cli(['sample', '-o', samplePath]);
  const sample = reference(samplePath);
  const messy = reference(MESSY);
  const profileFile = join(work, 'profile.json');
  writeFileSync(profileFile, JSON.stringify({ id: 'browser-test', name: '浏览器测试', extends: 'strict-scope', scope: { teachingPointMinStudents: 30 } }));
  const custom = reference(samplePath, ['--profile', profileFile]);
  const samplePlan = JSON.parse(cli(['validate', samplePath, '--json', '--plan'])).plan;
  const advice = sampleAdvice(work);
  const brokenPath = join(work, '有错误.xlsx');
  await withCell(samplePath, brokenPath, '学校基本信息', 'N5', '很多');
  // The sample without its two warnings (numbers stored as text): no issue at all, 5 units and 1 CV failing.
  const cleanPath = join(work, '无问题.xlsx');
  await withCell(samplePath, cleanPath, '学校基本信息', 'N32', 5264.09);
  await withCell(cleanPath, cleanPath, '分学段信息', 'C23', 16);
  log(`参照（命令行）：示例县 ${JSON.stringify(sample.tiles)}；按 strict-scope + 教学点 30 人 ${JSON.stringify(custom.tiles)}；04-county-messy ${JSON.stringify(messy.tiles)}`);

  const { server, url } = await serve(DIST, { port: 0 });
  // No network: anything but the local server is refused and reported.
  const local = (u) => u.startsWith('http://localhost:') || u.startsWith('data:') || u.startsWith('blob:');
  // The production add-in page of the last check asks for office.js from the CDN, answered by a stub: not counted.
  const browser = await launch({ allowed: local, timeout: TIMEOUT, watchRequests: false });
  const { context, problems, external } = browser;
  try {
    const page = await browser.page();

    log(`预览页：${url}`);

    await check('页面加载：示例县、任务窗格，控制台无错误，无外部请求', async () => {
      await page.goto(url);
      await pane(page).getByRole('button', { name: '一键校验', exact: true }).waitFor();
      await page.locator('table[data-sheet] td[data-address]').first().waitFor();
      const tabs = await sheetTabs(page);
      for (const s of ['学校基本信息', '分学段信息', '县级指标']) assert(tabs.includes(s), `缺少工作表标签「${s}」：${tabs}`);
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ARTIFACTS, 'preview-start.png') });
      assertEqual(problems, [], '控制台错误或警告');
      assertEqual(external, [], '外部请求');
    });

    await check('每个按钮、输入框都有中文可访问名称', async () => {
      const unnamed = await page.evaluate(() => {
        const bad = [];
        for (const el of document.querySelectorAll('button, input, select, [role="tab"], [role="switch"]')) {
          const name = (el.getAttribute('aria-label') || el.textContent || el.labels?.[0]?.textContent || el.getAttribute('title') || '').trim();
          if (!/[\u4e00-\u9fff]|^[A-Z]\d*$/.test(name)) bad.push(el.outerHTML.slice(0, 120));
        }
        return bad;
      });
      assertEqual(unnamed, [], '没有中文名称的控件');
    });

    await check('键盘可用：用 Tab 键可以到达「一键校验」', async () => {
      await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
      let focused = '';
      for (let i = 0; i < 40 && focused !== '一键校验'; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      }
      assertEqual(focused, '一键校验', '焦点');
    });

    let sampleTiles = null;
    await check('一键校验：示例县的计数与命令行相同', async () => {
      sampleTiles = await validate(page);
      assertEqual(sampleTiles, sample.tiles, '错误/警告/达标学校/差异系数达标');
      // The button pressed keeps the keyboard focus through the run (a disabled button would drop it to the page).
      assertEqual(await page.evaluate(() => document.activeElement?.textContent?.trim()), '一键校验', '核验后的焦点');
      await page.screenshot({ path: join(ARTIFACTS, 'preview-validated.png') });
      await paneShot(page, 'pane-issues.png');
      assertEqual(problems, [], '控制台错误或警告');
    });

    let marked = {};
    await check('标记的单元格在网格中着色并带批注', async () => {
      marked = await allFilled(page);
      const total = Object.values(marked).reduce((a, l) => a + l.length, 0);
      assert(total > 0, '网格中没有着色的单元格');
      for (const [sheet, cells] of Object.entries(marked)) {
        for (const c of cells) {
          assert(c.bg && c.bg !== 'rgba(0, 0, 0, 0)' && c.bg !== 'rgb(255, 255, 255)', `${sheet}!${c.address} 没有背景色（${c.bg}）`);
          assert(c.note && c.note.length > 0, `${sheet}!${c.address} 没有批注`);
          assert(MARK_FILLS.includes(c.fill.toUpperCase()), `${sheet}!${c.address} 的填充色 ${c.fill} 不是标记颜色`);
        }
      }
      // Every issue with a cell on an input sheet is marked.
      for (const i of sample.report.issues) {
        if (!i.cell || !marked[i.sheet]) continue;
        assert(marked[i.sheet].some((c) => c.address === i.cell), `问题单元格 ${i.sheet}!${i.cell} 没有标记`);
      }
      log(`      着色单元格：${Object.entries(marked).map(([s, l]) => `${s} ${l.length}`).join('，')}`);
    });

    await check('点击问题：定位到该单元格（切换工作表、名称框、选中高亮）', async () => {
      const p = pane(page);
      await p.getByRole('tab', { name: /问题/ }).click();
      const first = p.locator('ul[aria-label] li button').first();
      const title = await first.getAttribute('title');
      const m = /定位到 (.+)!([A-Z]+\d+)$/.exec(title ?? '');
      assert(m, `问题按钮没有单元格：${title}`);
      const [, sheet, cell] = m;
      await activateSheet(page, (await sheetTabs(page)).find((s) => s !== sheet));
      await first.click();
      await page.locator(`table[data-sheet="${sheet}"] td[data-address="${cell}"][aria-selected="true"]`).waitFor();
      assertEqual((await page.getByTestId('name-box').textContent()).trim(), cell, '名称框');
      const selectedTab = await page.locator('[data-sheet-tab][aria-selected="true"]').getAttribute('data-sheet-tab');
      assertEqual(selectedTab, sheet, '当前工作表');
      assert((await page.getByTestId('cell-content').textContent()).includes('批注'), '内容栏没有显示批注');
      // 下一个 moves on to the second issue.
      await p.getByRole('button', { name: '下一个' }).click();
      await p.locator('button[aria-current="true"]').waitFor();
      await page.screenshot({ path: join(ARTIFACTS, 'preview-select.png') });
    });

    await check('学校、差异系数、县级项目视图', async () => {
      const p = pane(page);
      await p.getByRole('tab', { name: /学校/ }).click();
      const rows = await p.locator('table[aria-label="各学校（学段）资源配置指标"] tbody tr[data-unit]').count();
      assertEqual(rows, sample.report.units.length, '学校行数');
      await paneShot(page, 'pane-schools.png');
      await p.getByRole('switch', { name: /只看未达标/ }).click();
      const failing = await p.locator('table[aria-label="各学校（学段）资源配置指标"] tbody tr[data-unit]').count();
      assertEqual(failing, sample.report.units.filter((u) => u.passes !== true).length, '未达标学校行数');
      await p.getByRole('tab', { name: '差异系数' }).click();
      assert((await p.locator('svg[role="img"]').count()) === Object.keys(sample.report.balance).length, '每个学段一张柱状图');
      await paneShot(page, 'pane-balance.png');
      await p.getByRole('tab', { name: '县级项目' }).click();
      const items = await p.locator('section li').count();
      assertEqual(items, sample.report.items.length, '县级项目数');
      await paneShot(page, 'pane-items.png');
    });

    await check('学校视图在 350 px 宽的任务窗格中：没有横向滚动，达标列可见，校名完整（悬停显示全名），指标悬停显示全称', async () => {
      const p = pane(page);
      await p.getByRole('tab', { name: /学校/ }).click();
      const only = p.getByRole('switch', { name: /只看未达标/ });
      if (await only.isChecked()) await only.click();
      const table = p.locator('table[aria-label="各学校（学段）资源配置指标"]');
      await table.waitFor();
      const m = await table.evaluate((t) => {
        const aside = t.closest('aside');
        const scroller = t.parentElement;
        const right = aside.getBoundingClientRect().right;
        const verdicts = [...t.querySelectorAll('td[data-verdict]')].map((td) => td.getBoundingClientRect().right);
        const names = [...t.querySelectorAll('button[data-school-name]')];
        return {
          // The pane's own width (the preview draws a 1 px border around it).
          paneWidth: Math.round(parseFloat(getComputedStyle(aside).width)),
          pane: [aside.scrollWidth, aside.clientWidth],
          grid: [scroller.scrollWidth, scroller.clientWidth],
          doc: [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth],
          verdictsOutside: verdicts.filter((r) => r > right).length,
          verdicts: verdicts.length,
          // A name is cut when its button is narrower than its text or its text is not the school's name.
          cutNames: names.filter((b) => b.scrollWidth > b.clientWidth + 1 || !b.textContent.startsWith(b.dataset.schoolName)).map((b) => b.dataset.schoolName),
          untitled: names.filter((b) => !(b.getAttribute('title') ?? '').startsWith(b.dataset.schoolName)).map((b) => b.dataset.schoolName),
          headTitles: [...t.querySelectorAll('thead th')].map((th) => th.getAttribute('title') ?? ''),
        };
      });
      assertEqual(m.paneWidth, 350, '任务窗格宽度');
      assert(m.grid[0] <= m.grid[1], `学校表格有横向滚动：scrollWidth ${m.grid[0]} > clientWidth ${m.grid[1]}`);
      assert(m.pane[0] <= m.pane[1], `任务窗格有横向滚动：${m.pane}`);
      assert(m.doc[0] <= m.doc[1], `页面有横向滚动：${m.doc}`);
      assertEqual(m.verdicts, sample.report.units.length, '达标列单元格数');
      assertEqual(m.verdictsOutside, 0, '超出窗格右边的达标列单元格');
      assertEqual(m.cutNames, [], '被截断的校名');
      assertEqual(m.untitled, [], '悬停没有全名的校名');
      const r1 = m.headTitles.find((t) => t.startsWith('R1 '));
      assert(r1 && r1.includes('每百名学生拥有高于规定学历教师数'), `R1 表头悬停没有指标全称：${m.headTitles}`);
      await paneShot(page, 'pane-schools-350.png');
    });

    await check('差距与建议：未达标学校的建议与 adviceOf 相同，方案合计与命令行相同，点击追加项定位到单元格', async () => {
      const p = pane(page);
      await p.getByRole('tab', { name: '差距与建议' }).click();
      const view = p.locator('#junheng-view');
      // The plan is computed once the view is open; its list appears when it is ready.
      const planList = view.getByRole('list', { name: '最小补充方案明细' });
      await planList.waitFor();

      // Overview: failing units and CVs, the plan's totals against `validate --json --plan`.
      const s = sample.report.summary;
      const lead = await view.locator('section[aria-label="差距概览"]').textContent();
      assert(lead.includes(`${s.units - s.unitsPassing} 个学校（学段）未达标`) && lead.includes(`${s.balanceTotal - s.balancePassing} 项差异系数超过上限`), `概览：${lead}`);
      assert(lead.includes(`追加 ${samplePlan.additions.length} 处`), `概览中的追加处数：${lead}`);
      const figures = await view.locator('dl[aria-label="最小补充方案合计"] > div').evaluateAll((ds) =>
        Object.fromEntries(ds.map((d) => [d.querySelector('dt').textContent.trim(), d.querySelector('dd').textContent.replace(/[^\d.]/g, '')])),
      );
      const c = samplePlan.cost;
      assertEqual(figures['新增专任教师'], String(c.teachers), '新增专任教师');
      assertEqual(figures['网络多媒体教室'], String(c.multimediaRooms), '网络多媒体教室');
      near(figures['教学及辅助用房'], c.teachingArea, '教学及辅助用房（㎡）');
      near(figures['室外运动场地'], c.outdoorSportsArea, '室外运动场地（㎡）');
      near(figures['教学仪器设备'], c.equipmentYuan / 10000, '教学仪器设备（万元）');
      near(figures['估算投入（示意）'], c.estimate, '估算投入（万元）');
      assert(lead.includes(`专任教师每人 ${c.weights.teacher} 万元`), `概览没有说明估算的权重：${lead}`);

      // The failing units of the sample, in report order, each with exactly its sentences of adviceOf.
      const units = await view.locator('li[data-unit]').evaluateAll((ls) => ls.map((l) => l.dataset.unit));
      const failing = sample.report.units.filter((u) => u.passes === false);
      assertEqual(
        failing.map((u) => `${u.schoolName.replace('青山县', '')} ${u.stage}`),
        ['城关第二小学 小学', '育才学校 小学', '龙潭镇中学 初中', '马集乡中心小学 小学', '东岭乡桃园教学点 小学'],
        '示例县的未达标学校',
      );
      assertEqual(units, failing.map((u) => `${u.schoolCode}|${u.stage}`), '列出的未达标学校（学段）');
      for (const u of failing) {
        const shown = await view.locator(`li[data-unit="${u.schoolCode}|${u.stage}"]`).locator('ul > li, p').allTextContents();
        const expected = advice.filter((a) => a.kind !== 'cv' && a.schoolCode === u.schoolCode && a.stage === u.stage).map((a) => a.text);
        assert(expected.length > 1, `adviceOf 对 ${u.schoolName} 没有句子`);
        assertEqual(shown, expected, `${u.schoolName} ${u.stage} 的建议`);
      }
      assert(
        (await view.locator('li[data-unit]').first().textContent()).includes('城关第二小学 小学部 生均教学及辅助用房面积'),
        '城关第二小学的第一句',
      );
      const cvs = await view.locator('li[data-cv] p').allTextContents();
      assertEqual(cvs, advice.filter((a) => a.kind === 'cv').map((a) => a.text), '差异系数的建议');

      // Every addition of the plan is listed once, as a button naming its cell.
      const cells = await planList.locator('button[data-cell]').evaluateAll((bs) => bs.map((b) => b.dataset.cell));
      assertEqual([...cells].sort(), samplePlan.additions.map((a) => `${a.sheet}!${a.cell}`).sort(), '追加项的单元格');
      assert((await view.getByText('不会写入工作簿', { exact: false }).count()) > 0, '没有说明方案不写入工作簿');

      // Clicking an addition selects its cell in the grid (from another sheet).
      const first = samplePlan.additions[0];
      await activateSheet(page, (await sheetTabs(page)).find((x) => x !== first.sheet));
      await planList.locator(`button[data-cell="${first.sheet}!${first.cell}"]`).click();
      await page.locator(`table[data-sheet="${first.sheet}"] td[data-address="${first.cell}"][aria-selected="true"]`).waitFor();
      assertEqual((await page.getByTestId('name-box').textContent()).trim(), first.cell, '名称框');
      assertEqual(await page.locator('[data-sheet-tab][aria-selected="true"]').getAttribute('data-sheet-tab'), first.sheet, '当前工作表');
      assertEqual(await planList.locator('button[aria-current="true"]').getAttribute('data-cell'), `${first.sheet}!${first.cell}`, '当前追加项');
      // …and with the keyboard: an addition on the other sheet, focused and activated with Enter.
      const other = samplePlan.additions.find((a) => a.sheet !== first.sheet);
      const button = planList.locator(`button[data-cell="${other.sheet}!${other.cell}"]`);
      await button.focus();
      await page.keyboard.press('Enter');
      await page.locator(`table[data-sheet="${other.sheet}"] td[data-address="${other.cell}"][aria-selected="true"]`).waitFor();
      assertEqual((await page.getByTestId('name-box').textContent()).trim(), other.cell, '名称框（键盘）');

      // Every control of the view has a Chinese name.
      const unnamed = await view.evaluate((root) =>
        [...root.querySelectorAll('button, input, select, [role="tab"]')]
          .filter((el) => !/[\u4e00-\u9fff]/.test((el.getAttribute('aria-label') || el.textContent || el.getAttribute('title') || '').trim()))
          .map((el) => el.outerHTML.slice(0, 120)),
      );
      assertEqual(unnamed, [], '没有中文名称的控件');

      await paneShot(page, 'pane-advice.png');
      await page.getByRole('switch', { name: '深色主题' }).click();
      await paneShot(page, 'pane-advice-dark.png');
      await page.getByRole('switch', { name: '深色主题' }).click();
      assertEqual(problems, [], '控制台错误或警告');
      // Back to the tab the later checks expect.
      await p.getByRole('tab', { name: '县级项目' }).click();
    });

    await check('生成汇总表：申报表 8 张和核验用 3 张工作表出现在工作簿中', async () => {
      const p = pane(page);
      await p.getByRole('button', { name: '生成汇总表' }).click();
      await p.getByText(GENERATED_NOTICE, { exact: true }).waitFor();
      const tabs = await sheetTabs(page);
      const generated = ['表Ⅰ', '表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '表Ⅴ', '表Ⅵ', '一票否决', '核验_学校达标', '核验_校际均衡', '核验_问题清单'];
      assertEqual(tabs.filter((t) => generated.includes(t)), generated, '生成的工作表（顺序）');
      assertEqual(await tiles(page), sample.tiles, '生成汇总表后的计数');
      await page.screenshot({ path: join(ARTIFACTS, 'preview-sheets.png') });
    });

    await check('下载标注后的工作簿：命令行读得出同样的结果', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载标注后的工作簿' }).click()]);
      const file = join(work, 'annotated.xlsx');
      await download.saveAs(file);
      assert(/已标注/.test(download.suggestedFilename()), `文件名：${download.suggestedFilename()}`);
      const again = reference(file);
      assertEqual(again.tiles, sample.tiles, '下载文件的命令行计数');
    });

    await check('清除标记：去掉全部标记', async () => {
      const p = pane(page);
      await p.getByRole('button', { name: '清除标记' }).click();
      await p.getByText('已清除', { exact: false }).waitFor();
      // The user's sheets (those that were marked) are back to their earlier look; the generated sheets
      // keep their own table styling.
      let n = 0;
      let notes = 0;
      for (const sheet of Object.keys(marked)) {
        if (!INPUT_SHEETS.includes(sheet)) continue;
        await activateSheet(page, sheet);
        n += (await filledCells(page)).length;
        notes += await page.locator('td[data-note]').count();
      }
      assertEqual(n, 0, '清除后用户工作表中仍着色的单元格数');
      assertEqual(notes, 0, '清除后仍有批注的单元格数');
      await paneShot(page, 'pane-cleared.png');
    });

    await check('规则设置：改用省级口径并调整教学点人数，结果与命令行同一配置相同，重新打开窗格后仍保留', async () => {
      const p = pane(page);
      await settingsPanel(page, true);
      // The preview stands for the add-in in Excel: its wording about where the settings are kept.
      await p.getByText('设置随工作簿保存，再次打开或使用功能区「一键校验」时按同样的规则核验。', { exact: true }).waitFor();
      await p.getByLabel('规则配置').selectOption('strict-scope');
      const spin = p.getByLabel(/小学教学点/);
      await spin.fill('30');
      await spin.press('Enter');
      await p.getByText('本工作簿调整', { exact: false }).first().waitFor();
      await paneShot(page, 'pane-settings.png');
      const got = await validate(page);
      assertEqual(got, custom.tiles, '按调整后的规则核验的计数');
      await page.getByRole('button', { name: '重新打开任务窗格' }).click();
      await p.getByRole('button', { name: /规则设置：.*本工作簿调整/ }).waitFor();
      assertEqual(await validate(page), custom.tiles, '重新打开窗格后的计数');
      // Back to the national standard for the checks that follow.
      // Each step waits for its own effect, named exactly: 「国家标准」 alone would also match the adjusted
      // 「国家标准…（本工作簿调整）」 of the step before, and a lost click on 恢复 went unseen until the counts.
      await settingsPanel(page, true);
      await p.getByLabel('规则配置').selectOption('national');
      await p.getByRole('button', { name: /^规则设置：国家标准.*（本工作簿调整）$/ }).waitFor();
      const restore = p.getByRole('button', { name: '恢复为所选规则的默认值' });
      await restore.click();
      // No option left to restore: the button is disabled and the header names the national standard alone.
      await restore.and(page.locator('[disabled]')).waitFor();
      await p.getByRole('button', { name: /^规则设置：国家标准（教督〔2017〕6号）$/ }).waitFor();
      assertEqual(await p.getByLabel(/小学教学点/).inputValue(), '50', '恢复后教学点人数下限');
      await settingsPanel(page, false);
      assertEqual(await validate(page), sample.tiles, '恢复国家标准后的计数');
    });

    await check('深色主题', async () => {
      await page.getByRole('switch', { name: '深色主题' }).click();
      await page.waitForTimeout(200);
      const bg = await pane(page).evaluate((el) => getComputedStyle(el).backgroundColor);
      assert(bg !== 'rgb(255, 255, 255)', `窗格背景仍为白色：${bg}`);
      await validate(page);
      await page.screenshot({ path: join(ARTIFACTS, 'preview-dark.png') });
      await paneShot(page, 'pane-dark.png');
      await page.getByRole('switch', { name: '深色主题' }).click();
    });

    await check('打开工作簿（文件选择）：04-county-messy.xlsx，计数与命令行相同', async () => {
      await page.getByTestId('file-input').setInputFiles(MESSY);
      await page.getByText('04-county-messy.xlsx', { exact: false }).first().waitFor();
      await page.locator('table[data-sheet] td[data-address]').first().waitFor();
      const got = await validate(page);
      assertEqual(got, messy.tiles, '错误/警告/达标学校/差异系数达标');
      await page.screenshot({ path: join(ARTIFACTS, 'preview-messy.png') });
      await paneShot(page, 'pane-messy.png');
    });

    await check('差异系数柱状图（04-county-messy）：「上限」标注不压在任何柱子上，在图内、紧挨上限线', async () => {
      const p = pane(page);
      await p.getByRole('tab', { name: '差异系数' }).click();
      const charts = p.locator('svg[role="img"]');
      await charts.first().waitFor();
      const shown = await charts.evaluateAll((svgs) =>
        svgs.map((svg) => {
          const box = (el) => {
            const r = el.getBoundingClientRect();
            return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
          };
          const label = svg.querySelector('[data-limit-label]');
          return {
            svg: box(svg),
            label: label ? { ...box(label), text: label.textContent } : null,
            line: box(svg.querySelector('[data-limit-line]')),
            bars: [...svg.querySelectorAll('rect[data-bar]')].map((r) => ({ id: r.dataset.bar, ...box(r) })),
          };
        }),
      );
      const stages = Object.keys(messy.report.balance);
      assertEqual(shown.length, stages.length, '柱状图个数');
      const overlap = (a, b) => Math.min(a.right, b.right) > Math.max(a.left, b.left) && Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top);
      shown.forEach((chart, i) => {
        const stage = stages[i];
        const limit = messy.report.balance[stage].indicators.R1.limit;
        assert(chart.label, `${stage}：没有上限标注`);
        assertEqual(chart.label.text, `上限${limit}`, `${stage}的上限标注`);
        assertEqual(chart.bars.length, 7, `${stage}的柱子个数`);
        const covered = chart.bars.filter((b) => overlap(chart.label, b)).map((b) => b.id);
        assertEqual(covered, [], `${stage}：上限标注 ${JSON.stringify(chart.label)} 压住的柱子`);
      });
      shown.forEach((chart, i) => {
        const stage = stages[i];
        const { svg, label, line } = chart;
        assert(label.left >= svg.left && label.right <= svg.right && label.top >= svg.top && label.bottom <= svg.bottom, `${stage}：上限标注超出图 ${JSON.stringify({ svg, label })}`);
        assert(label.top < line.top && label.bottom > line.bottom && label.left >= line.right - 1 && label.left - line.right < 10, `${stage}：上限标注不在上限线的右端 ${JSON.stringify({ line, label })}`);
      });
      // What the check is about: in 初中 the last bar (R7, 0.655) stands far above the limit line, where the label ends.
      const junior = shown[stages.indexOf('初中')];
      const r7 = junior.bars.find((b) => b.id === 'R7');
      assert(messy.report.balance['初中'].indicators.R7.passes === false && r7.top < junior.line.top - 10, `初中 R7 不高于上限线：${JSON.stringify({ r7, line: junior.line })}`);
      await paneShot(page, 'pane-messy-balance.png');
    });

    await check('差距与建议：工作簿有错误时不计算补充方案，说明先改正错误', async () => {
      await page.getByTestId('file-input').setInputFiles(brokenPath);
      await page.getByText('有错误.xlsx', { exact: false }).first().waitFor();
      const got = await validate(page);
      assertEqual(got['错误'], '1', '错误数');
      const p = pane(page);
      await p.getByRole('tab', { name: '差距与建议' }).click();
      const view = p.locator('#junheng-view');
      await view.getByText('暂不能计算补充方案').waitFor();
      assert((await view.getByText('1 处错误', { exact: false }).count()) > 0, '没有说明错误数');
      const lead = await view.locator('section[aria-label="差距概览"]').textContent();
      assert(lead.includes('无法判断'), `概览没有说明因错误无法判断的学校：${lead}`);
      assertEqual(await view.getByRole('list', { name: '最小补充方案明细' }).count(), 0, '有错误时仍显示了方案');
      assert((await view.locator('li[data-unit]').count()) > 0, '有错误时未达标学校的差距也应列出');
      await paneShot(page, 'pane-advice-errors.png');
    });

    await check('问题视图：没有错误和警告时，说明未达标的学校和差异系数并可跳转到学校视图（只看未达标）', async () => {
      await page.getByTestId('file-input').setInputFiles(cleanPath);
      await page.getByText('无问题.xlsx', { exact: false }).first().waitFor();
      const got = await validate(page);
      assertEqual([got['错误'], got['警告']], ['0', '0'], '错误/警告');
      const p = pane(page);
      await p.getByRole('tab', { name: /问题/ }).click();
      const view = p.locator('#junheng-view');
      const s = sample.report.summary;
      const units = s.units - s.unitsPassing;
      const cvs = s.balanceTotal - s.balancePassing;
      const text = await view.textContent();
      assert(text.includes(`没有输入错误或警告；有 ${units} 个学校（学段）、${cvs} 个差异系数`), `问题视图：${text}`);
      assert(!text.includes('没有发现问题'), `问题视图仍说没有发现问题：${text}`);
      await paneShot(page, 'pane-issues-none.png');
      await view.getByRole('button', { name: `查看未达标学校（${units}）` }).click();
      assertEqual(await p.getByRole('tab', { name: /学校/ }).getAttribute('aria-selected'), 'true', '学校视图已打开');
      assert(await p.getByRole('switch', { name: /只看未达标/ }).isChecked(), '只看未达标已打开');
      assertEqual(await p.locator('table[aria-label="各学校（学段）资源配置指标"] tbody tr[data-unit]').count(), units, '未达标学校行数');
      await p.getByRole('tab', { name: /问题/ }).click();
      await view.getByRole('button', { name: `查看差异系数（${cvs}）` }).click();
      assertEqual(await p.getByRole('tab', { name: '差异系数' }).getAttribute('aria-selected'), 'true', '差异系数视图已打开');
    });

    await check('打开非 .xlsx 文件：中文错误提示，页面仍可用', async () => {
      await page.getByTestId('file-input').setInputFiles({ name: '不是工作簿.xlsx', mimeType: 'text/plain', buffer: Buffer.from('hello') });
      await page.getByText('无法以 Excel 工作簿', { exact: false }).waitFor();
      await pane(page).getByRole('button', { name: '一键校验', exact: true }).waitFor();
    });

    await check('打开改了扩展名的 Word 文档：说明它不是 Excel 工作簿，而不是当作空工作簿打开', async () => {
      await page.getByTestId('file-input').setInputFiles({ name: '县数据.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: wordDocument(work) });
      await page.getByText('「县数据.xlsx」是 Word 文档，不是 Excel 工作簿', { exact: false }).waitFor();
      await pane(page).getByRole('button', { name: '一键校验', exact: true }).waitFor();
    });

    await check('生产构建（dist/）的任务窗格和命令页能运行', async () => {
      if (!existsSync(join(ROOT, 'dist', 'taskpane.html'))) throw new Skip('没有 dist/，先运行 npm run build');
      const addin = await serve(join(ROOT, 'dist'), { port: 0, index: 'taskpane.html' });
      // office.js stands in for the CDN copy: outside Office, onReady reports no host.
      const stub = `window.Office = { HostType: { Excel: 'Excel' }, context: {}, actions: { associate: function (n) { (window.__associated = window.__associated || []).push(n); } },
        onReady: function (cb) { var info = { host: null, platform: null }; if (cb) cb(info); return Promise.resolve(info); } };`;
      const page2 = await context.newPage();
      const errors = [];
      page2.on('pageerror', (e) => errors.push(e.message));
      page2.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page2.route(/appsforoffice\.microsoft\.com|assets\/office-js\/office\.js/, (route) =>
        route.fulfill({ status: 200, contentType: 'text/javascript', body: stub }),
      );
      try {
        await page2.goto(`${addin.url}taskpane.html`);
        await page2.getByText('请在 Excel 中使用').waitFor();
        await page2.goto(`${addin.url}commands.html`);
        await page2.waitForFunction(() => (window.__associated || []).length === 2);
        assertEqual(await page2.evaluate(() => window.__associated.sort()), ['clearMarks', 'validateWorkbook'], '命令页注册的函数');
        await page2.goto(`${addin.url}commands.html?dialog=${encodeURIComponent('无法读取')}&message=${encodeURIComponent('缺少工作表「学校基本信息」')}`);
        await page2.getByRole('button', { name: '知道了' }).waitFor();
        await page2.screenshot({ path: join(ARTIFACTS, 'commands-dialog.png') });
        assertEqual(errors, [], '生产页面的错误');
      } finally {
        await page2.close();
        addin.server.close();
      }
    });

    await check('整个过程控制台无错误、无外部请求', async () => {
      assertEqual(problems, [], '控制台错误或警告');
      assertEqual(external, [], '外部请求');
    });
  } finally {
    await browser.close();
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await runMain(main);
