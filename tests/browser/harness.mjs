/**
 * What both browser tests share (tests/browser/run.mjs, the preview; tests/browser/offline.mjs, the offline
 * version): named checks with a pass/fail/skip count, assertions, the build-when-stale step, the command line,
 * and headless Chromium with every request that is not local refused and counted, console errors collected.
 *
 *   ONLY=<regex>   run only the checks whose name matches
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ARTIFACTS = join(ROOT, 'artifacts');
export const MESSY = join(ROOT, 'tests', 'fixtures', 'conformance', '04-county-messy.xlsx');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const INPUT_SHEETS = ['学校基本信息', '分学段信息', '县级指标'];
/** The pane's notice after 「生成汇总表」 when every table was written (tests/taskpane/notice.test.ts). */
export const GENERATED_NOTICE = '已生成申报表「表Ⅰ」至「表Ⅵ」、「一票否决」和核验工作表「核验_学校达标」「核验_校际均衡」「核验_问题清单」。复制申报表时请用「选择性粘贴 → 值和数字格式」。';

const counts = { passed: 0, failed: 0, skipped: 0 };
export const log = (s) => process.stdout.write(`${s}\n`);

/** Thrown by a check that cannot run here (a tool not installed): counted as skipped, not failed. */
export class Skip extends Error {}

const ONLY = process.env.ONLY ? new RegExp(process.env.ONLY) : null;

export async function check(name, fn) {
  if (ONLY && !ONLY.test(name)) return;
  const t = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await fn();
      counts.passed++;
      log(`  ✓ ${name} (${Date.now() - t} ms)${attempt > 1 ? '（第二次运行通过）' : ''}`);
      return;
    } catch (e) {
      if (e instanceof Skip) {
        counts.skipped++;
        log(`  - ${name}（跳过：${e.message}）`);
        return;
      }
      const message = String(e?.stack ?? e).split('\n').slice(0, 6).join('\n      ');
      // Once, and only for a timeout while the browser had stopped drawing the page, which draws again: the check
      // runs again. A wrong value (an assertion) never does.
      if (attempt === 1 && /Timeout \d+ms exceeded/.test(message) && (await framesAfterFailure()) === 'recovered') {
        log(`  … ${name}：第一次运行失败（${message.split('\n')[0]}），页面停止绘制后已恢复，再运行一次`);
        continue;
      }
      counts.failed++;
      log(`  ✗ ${name}\n      ${message}`);
      return;
    }
  }
}

/** The pages whose drawing a failed check looks at (every page the harness opens). */
const drawn = new Set();

/** Whether the page draws a new frame within 2 s (requestAnimationFrame calls back), false when not or no answer. */
async function draws(page) {
  const probe = page.evaluate(() => Promise.race([new Promise((r) => requestAnimationFrame(() => r(true))), new Promise((r) => setTimeout(() => r(false), 2000))]));
  return Promise.race([probe.catch(() => false), new Promise((r) => setTimeout(() => r(false), 5000))]);
}

/**
 * After a failed check: a page that no longer draws frames (headless Chromium sometimes stops; Playwright then
 * waits for every click's "stable" check until its timeout, and every later check fails the same way) is named
 * in the output and nudged to draw again (brought to the front, its viewport resized by a pixel and back).
 * 'drawing' when every page draws, 'recovered' when one had stopped and draws again, 'stopped' when not.
 */
async function framesAfterFailure() {
  let outcome = 'drawing';
  for (const page of drawn) {
    if (page.isClosed() || (await draws(page))) continue;
    const state = await page.evaluate(() => `${document.visibilityState}, ${document.hasFocus() ? '有' : '无'}焦点`).catch((e) => e.message);
    log(`      页面不再绘制新帧（requestAnimationFrame 2 秒内没有回调；${state}），尝试恢复`);
    await page.bringToFront().catch(() => undefined);
    const size = page.viewportSize();
    if (size) {
      await page.setViewportSize({ width: size.width, height: size.height + 1 }).catch(() => undefined);
      await page.setViewportSize(size).catch(() => undefined);
    }
    const again = await draws(page);
    log(`      ${again ? '已恢复绘制' : '仍未恢复绘制'}`);
    if (!again) return 'stopped';
    outcome = 'recovered';
  }
  return outcome;
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

/** Newest modification time under a directory (source files only). */
function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Runs `npm run <script>` when `dist/index.html` is missing or older than the sources of the pages (src/,
 * offline/, preview/, the build script), or when the test was started with --build.
 */
export function ensureBuild(dist, script) {
  const index = join(dist, 'index.html');
  const sources = Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'preview')), newest(join(ROOT, 'offline')), statSync(join(ROOT, 'scripts', 'build-offline.ts')).mtimeMs);
  if (!process.argv.includes('--build') && existsSync(index) && statSync(index).mtimeMs >= sources) {
    log(`使用已有的构建 ${relative(ROOT, dist)}/`);
    return;
  }
  log(`构建（npm run ${script}）……`);
  const r = spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run ${script} 失败`);
}

/** Runs the command line; returns stdout (exit status 0 and 1 are both "read"). */
export function cli(args) {
  const r = spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`cli ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** The pane's four counts as the command line's `validate --json` gives them. */
export function tilesOf(summary) {
  return {
    错误: String(summary.errors),
    警告: String(summary.warnings),
    '达标学校（学段）': `${summary.unitsPassing}/${summary.units}`,
    差异系数达标: `${summary.balancePassing}/${summary.balanceTotal}`,
  };
}

/**
 * A module of the TypeScript sources (imports resolved from the project root) bundled for node into `work/<name>.cjs`
 * and loaded: how the tests compute in node what the page must show.
 */
export function bundleTs(work, name, contents) {
  const out = join(work, `${name}.cjs`);
  buildSync({ stdin: { contents, resolveDir: ROOT, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
  return createRequire(join(ROOT, 'package.json'))(out);
}

// ---- the task pane, the same in both pages ----------------------------------------------------------

export const pane = (page) => page.getByRole('complementary', { name: '任务窗格' });

/**
 * Opens (true) or closes (false) the pane's 规则设置 and waits until the panel has stopped moving. Clicking in the
 * panel while it still grows loses clicks: the panel clips its content during the open animation, the click
 * first scrolls that clip to show the button, the animation's end scrolls it back, and the button moves away
 * between mouse down and mouse up (seen in CI once and here 1 run in 8: 恢复为所选规则的默认值 had no effect).
 */
export async function settingsPanel(page, open) {
  const title = { name: /^规则设置：/ };
  const header = pane(page).getByRole('button', title);
  if (((await header.getAttribute('aria-expanded')) === 'true') !== open) await header.click();
  const item = pane(page).locator('.fui-AccordionItem', { has: page.getByRole('button', title) });
  const panel = item.locator('.fui-AccordionPanel');
  if (!open) return panel.waitFor({ state: 'detached' });
  await panel.waitFor();
  // The open animation starts as the panel mounts: wait for it (and any other in the item) to end.
  await item.evaluate((el) => Promise.allSettled(el.getAnimations({ subtree: true }).map((a) => a.finished)));
}

/** The pane's result tiles as shown: { 错误, 警告, 达标学校（学段）, 差异系数达标 }. */
export async function tiles(page) {
  return page.evaluate(() => {
    const out = {};
    const root = document.querySelector('aside[aria-label="任务窗格"] section[aria-label="核验结果"]');
    if (!root) return out;
    for (const dt of root.querySelectorAll('dt')) out[dt.textContent.trim()] = dt.nextElementSibling?.textContent.trim();
    return out;
  });
}

/** Clicks 一键校验, waits for the results and for the button to be enabled again, and returns the tiles. */
export async function validate(page, timeout) {
  const p = pane(page);
  // The run must be seen to start: the button unavailable at some moment after the click (a MutationObserver catches
  // it however short), else the tiles read could be the previous result's (a stale one after a change of rules).
  // While it runs the button keeps the focus and is aria-disabled (Fluent's disabledFocusable), not disabled.
  await page.evaluate(() => {
    window.__runStarted = false;
    const root = document.querySelector('aside[aria-label="任务窗格"]');
    const seen = () => [...root.querySelectorAll('button[aria-disabled="true"]')].some((b) => b.textContent.trim() === '一键校验');
    const o = new MutationObserver(() => {
      if (seen()) {
        window.__runStarted = true;
        o.disconnect();
      }
    });
    o.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-disabled'] });
  });
  // A workbook still opening (the page's progress bar) replaces the pane when it arrives: run on the new one.
  await page.getByTestId('progress').waitFor({ state: 'detached', timeout });
  await p.getByRole('button', { name: '一键校验', exact: true }).click();
  await page.waitForFunction(() => window.__runStarted, null, { timeout });
  await p.locator('section[aria-label="核验结果"]').waitFor({ timeout });
  await p.getByRole('button', { name: '一键校验', exact: true }).and(page.locator(':not([disabled]):not([aria-disabled="true"])')).waitFor({ timeout });
  await p.locator('section[aria-label="核验结果"] dt', { hasText: /^错误$/ }).waitFor({ timeout });
  return tiles(page);
}

/**
 * Long tasks of the main thread in every page of `context`, from the very start of the page: `window.__longTasks`
 * lists `{ start, duration }` (ms); null where the browser cannot observe them.
 */
export async function observeLongTasks(context) {
  await context.addInitScript(() => {
    window.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      window.__longTasks = null;
    }
  });
}

/**
 * On the result of a large county (the offline page's 10 000 schools): opens 学校, shows the next 50, switches
 * 只看未达标 on and off, then opens 差异系数, 差距与建议, 县级项目 and 问题, checking what each shows. Each
 * step leaves a performance mark `step:<name>`, so that a long task can be told apart by step.
 */
export async function walkBigResult(page) {
  const p = pane(page);
  const rows = p.locator('table[aria-label="各学校（学段）资源配置指标"] tbody tr[data-unit]');
  const step = (name) => page.evaluate((n) => performance.mark(`step:${n}`), name);
  await step('学校');
  await p.getByRole('tab', { name: /学校/ }).click();
  await rows.first().waitFor();
  assertEqual(await rows.count(), 50, '学校视图首屏行数');
  await step('再显示');
  await p.getByRole('button', { name: /^再显示 50 个学校（学段），共 \d+ 个$/ }).click();
  await rows.nth(99).waitFor();
  assertEqual(await rows.count(), 100, '再显示后的行数');
  await step('只看未达标');
  await p.getByRole('switch', { name: /只看未达标/ }).click();
  await p.getByRole('switch', { name: /只看未达标/ }).click();
  for (const tab of ['差异系数', '差距与建议', '县级项目', '问题']) {
    await step(tab);
    await p.getByRole('tab', { name: new RegExp(tab) }).click();
    await p.getByRole('tab', { name: new RegExp(tab) }).and(p.locator('[aria-selected="true"]')).waitFor();
    if (tab === '差距与建议') {
      // The plan came with the result from the worker: shown at once, never computed on the page.
      await p.getByText('最小补充方案：在', { exact: false }).waitFor({ timeout: 2000 });
      assertEqual(await p.getByText('正在计算最小补充方案', { exact: false }).count(), 0, '页面上仍在计算补充方案');
    }
  }
}

/**
 * Headless Chromium (a fresh profile, zh-CN, downloads accepted) whose every request is refused unless
 * `allowed(url)` says it is local; refused URLs (and, with `watchRequests`, any request seen that is not
 * allowed, a worker's included) go to `external`, console errors and
 * warnings and page errors to `problems`. `close()` ends it and removes the profile.
 */
export async function launch({ allowed, timeout, watchRequests = true }) {
  if (!existsSync(CHROMIUM)) throw new Error(`找不到 Chromium（${CHROMIUM}）：apt-get update && apt-get install -y chromium`);
  const userData = mkdtempSync(join(tmpdir(), 'junheng-chromium-'));
  const context = await chromium.launchPersistentContext(userData, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  const problems = [];
  const external = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (allowed(u)) return route.continue();
    external.push(u);
    return route.abort();
  });
  if (watchRequests)
    context.on('request', (r) => {
      if (!allowed(r.url()) && !external.includes(r.url())) external.push(r.url());
    });
  const watch = (page) => {
    drawn.add(page);
    page.on('close', () => drawn.delete(page));
    page.setDefaultTimeout(timeout);
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    return page;
  };
  return {
    context,
    problems,
    external,
    /** The first page, watched. */
    page: async () => watch(context.pages()[0] ?? (await context.newPage())),
    /** Another page, watched. */
    newPage: async () => watch(await context.newPage()),
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(userData, { recursive: true, force: true });
    },
  };
}

/** Runs the test's main, prints "N passed, N failed" and exits non-zero on any failure. */
export async function runMain(main) {
  try {
    await main();
  } catch (e) {
    counts.failed++;
    log(`✗ ${String(e?.stack ?? e)}`);
  }
  log(`截图：${relative(process.cwd(), ARTIFACTS) || '.'}/`);
  log(`${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
  process.exit(counts.failed ? 1 : 0);
}
