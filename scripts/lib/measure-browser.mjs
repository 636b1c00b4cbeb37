/**
 * node scripts/lib/measure-browser.mjs <workbook> <runs>: the offline page (dist-offline/index.html, built when
 * stale) in headless Chromium, a fresh page per run. Each run opens the workbook, clicks 一键校验, then walks the
 * result's views as the browser test does (walkBigResult); a PerformanceObserver ('longtask') records the main
 * thread's long tasks. Prints one JSON line: per run, the longest task while reading and validating, and while
 * walking the views (ms).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuild, launch, observeLongTasks, ROOT, validate, walkBigResult } from '../../tests/browser/harness.mjs';

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const TIMEOUT = 180_000;
ensureBuild(join(ROOT, 'dist-offline'), 'build:offline');
const browser = await launch({ allowed: (u) => u.startsWith('file:') || u.startsWith('data:') || u.startsWith('blob:'), timeout: TIMEOUT });
const longest = (page) => page.evaluate(() => Math.round(window.__longTasks.reduce((m, x) => Math.max(m, x.duration), 0)));
const load = [];
const views = [];
try {
  await observeLongTasks(browser.context);
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(ROOT, 'dist-offline', 'index.html')).href);
    await page.getByTestId('file-input').waitFor({ state: 'attached' });
    await page.evaluate(() => (window.__longTasks = []));
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('progress').waitFor({ timeout: 5000 });
    await validate(page, TIMEOUT);
    await page.waitForTimeout(500);
    load.push(await longest(page));
    await page.evaluate(() => (window.__longTasks = []));
    await walkBigResult(page);
    await page.waitForTimeout(500);
    views.push(await longest(page));
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(`${JSON.stringify({ load, views })}\n`);
