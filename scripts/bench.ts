/**
 * npm run bench [-- --json] [-- --sizes 100,1000] [-- --runs 5]
 * For counties of 100, 1 000, 10 000 and 30 000 school units, each measured as fresh node processes in
 * interleaved runs (floor, CLI, exceljs, rotating the order each run so that no one always runs first):
 *  - floor: node start + unzip the sheet parts with node's zlib + one pass over their XML (scripts/lib/floor.js);
 *  - CLI: `validate --json`, its whole report written to a file;
 *  - exceljs: exceljs merely loading the file (for comparison with the earlier reader);
 * medians and minimums, and the CLI's ratio to the floor; also the CPU time of both (user + system, every
 * thread), which other jobs on a shared machine sway less than the elapsed time. In-process: the engine (grids → report).
 * The reader alone: a fresh process that starts, loads the program and reads the workbook into its grids
 * (the part of the command the floor stands for), and its ratio to the floor.
 * The report's output alone: its JSON serialised and written to a file, warm, in this process (what any
 * command that prints this report pays on top of reading), and its ratio to the floor.
 * The warm bound: node start and loading the program (a process that only loads it), plus the command's
 * time once its code is compiled and optimised (`validate --json` run six times in one process, median of the
 * last three): what the command would take if JIT warm-up cost nothing, and its ratio to the floor.
 * In a fresh child process per size: the Office.js adapter on the fake Excel (sync count, largest request, cost
 * per unit, which must stay flat; scripts/lib/measure-adapter.ts).
 * The offline page in headless Chromium (scripts/lib/measure-browser.mjs; `--browser-runs N`, default 5, 0 to
 * leave it out): a county of 10 000 schools (12 000 units) opened and validated on a fresh page per run, then its
 * views walked; the longest main-thread task of each (PerformanceObserver 'longtask'), median and maximum.
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { NATIONAL } from '../src/domain/profile';
import { jsonPieces } from '../src/cli/json-out';
import { analyse } from '../src/report/build';
import type { CellGrid } from '../src/template/grid';
import { bigCountyGrids } from './lib/big-county';

interface Stat {
  median: number;
  min: number;
}

interface Row {
  units: number;
  engineMs: number;
  /** validate --json's report serialised and written to a file (warm, in-process, median). */
  outputMs: number;
  floorMs: Stat;
  cliMs: Stat;
  /** CPU time (user + system, all threads) of the floor and of the CLI: less swayed by other jobs on the machine. */
  floorCpuMs: Stat;
  cliCpuMs: Stat;
  exceljsLoadMs: Stat;
  /** CLI median ÷ floor median, and CLI minimum ÷ floor minimum. */
  ratio: number;
  ratioMin: number;
  /** CLI CPU median ÷ floor CPU median. */
  cpuRatio: number;
  /** Node start + loading the program (median), the command warm (median of runs 4–6 in one process), and their sum ÷ floor median. */
  startMs: number;
  warmMs: number;
  warmRatio: number;
  /** A process that only reads the workbook into grids (median), and ÷ floor median. */
  readMs: Stat;
  readRatio: number;
  reportBytes: number;
  peakRssMb: number;
  syncs: number;
  maxRequestBytes: number;
  adapterUsPerUnit: number;
  webRefused: boolean;
}

const root = join(__dirname, '..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function stat(xs: number[]): Stat {
  return { median: round(median(xs)), min: round(Math.min(...xs)) };
}

/** The JSON a child process printed as its last line (measure-cli.js, floor.js, measure-adapter.ts). */
function lastJson(text: string): Record<string, unknown> {
  return JSON.parse(text.trim().split('\n').pop() ?? '{}');
}

function timeProcess(args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; stderr: string } {
  const t = process.hrtime.bigint();
  const p = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20, env });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (p.status !== 0 && p.status !== 1) throw new Error(`${args.join(' ')} exited ${p.status}: ${p.stderr}`);
  return { ms, stderr: p.stderr };
}

async function writeXlsx(grids: CellGrid[], file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const g of grids) {
    const ws = wb.addWorksheet(g.name);
    for (const row of g.values) ws.addRow(row);
  }
  await wb.xlsx.writeFile(file);
}

/**
 * The adapter on the fake Excel, in a fresh child process per county (scripts/lib/measure-adapter.ts): the
 * syncs and largest request as Excel on the web runs it, and the cost per unit on one path for every size.
 */
function fakeExcel(units: number, runs: number): { syncs: number; maxRequestBytes: number; webRefused: boolean; ms: number } {
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const p = spawnSync(process.execPath, [tsx, join(root, 'scripts', 'lib', 'measure-adapter.ts'), String(units), String(runs)], { cwd: root, encoding: 'utf8', maxBuffer: 16 << 20 });
  if (p.status !== 0) throw new Error(`measure-adapter ${units}: ${p.stderr}`);
  return lastJson(p.stdout) as ReturnType<typeof fakeExcel>;
}

/** Schools of the browser measurement's county (as in tests/browser/offline.mjs: 12 000 units). */
const BROWSER_SCHOOLS = 10_000;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

interface BrowserRow {
  runs: number;
  /** Longest main-thread task per run: reading and validating, and walking the views (ms). */
  load: number[];
  views: number[];
}

/** The offline page's longest main-thread tasks on 10 000 schools, or why they were not measured. */
async function browserTasks(dir: string, runs: number): Promise<BrowserRow | string> {
  if (!existsSync(CHROMIUM)) return `没有 Chromium（${CHROMIUM}）`;
  const file = join(dir, `${BROWSER_SCHOOLS}所学校.xlsx`);
  await writeXlsx(bigCountyGrids(Math.round(BROWSER_SCHOOLS * 1.2)), file);
  const p = spawnSync(process.execPath, [join(root, 'scripts', 'lib', 'measure-browser.mjs'), file, String(runs)], { cwd: root, encoding: 'utf8', maxBuffer: 16 << 20 });
  if (p.status !== 0) throw new Error(`measure-browser: ${p.stderr || p.stdout}`);
  const r = lastJson(p.stdout) as { load: number[]; views: number[] };
  return { runs, ...r };
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const sizes = (argValue('--sizes') ?? '100,1000,10000,30000').split(',').map(Number);
  const runs = Math.max(5, Number(argValue('--runs') ?? 5));
  const browserRuns = Number(argValue('--browser-runs') ?? 5);
  // Make sure the bundled CLI is fresh before timing it.
  spawnSync(process.execPath, [join(root, 'scripts', 'cli.js'), '--help'], { cwd: root });
  const dir = mkdtempSync(join(tmpdir(), 'junheng-bench-'));
  const rows: Row[] = [];
  let browser: BrowserRow | string | null = null;
  try {
    for (const units of sizes) {
      const grids = bigCountyGrids(units);
      analyse(grids, NATIONAL); // warm-up
      const engine: number[] = [];
      const output: number[] = [];
      const file = join(dir, `county-${units}.xlsx`);
      const out = join(dir, `report-${units}.json`);
      for (let i = 0; i < (units <= 1000 ? 7 : 3); i++) {
        const t = performance.now();
        const r = analyse(grids, NATIONAL, { contributions: 'top' });
        engine.push(performance.now() - t);
        if (!r.ok || r.analysis.report.summary.errors) throw new Error('benchmark county is not valid');
        const o = performance.now();
        const fd = openSync(out, 'w');
        for (const piece of jsonPieces(r.analysis.report)) writeSync(fd, piece);
        writeSync(fd, '\n');
        closeSync(fd);
        output.push(performance.now() - o);
      }
      await writeXlsx(grids, file);
      const floor: number[] = [];
      const clis: number[] = [];
      const floorCpu: number[] = [];
      const cliCpu: number[] = [];
      const cpuOf = (stderr: string) => lastJson(stderr).cpuMs as number;
      const loads: number[] = [];
      const starts: number[] = [];
      const reads: number[] = [];
      let rss = 0;
      const measures: (() => void)[] = [
        () => {
          const f = timeProcess([join(root, 'scripts', 'lib', 'floor.js'), file]);
          floor.push(f.ms);
          floorCpu.push(cpuOf(f.stderr));
        },
        () => {
          const c = timeProcess([join(root, 'scripts', 'lib', 'measure-cli.js'), 'validate', file, '--json'], { ...process.env, BENCH_OUT: out });
          clis.push(c.ms);
          cliCpu.push(cpuOf(c.stderr));
          rss = Math.max(rss, ((lastJson(c.stderr).maxRssKb as number | undefined) ?? 0) / 1024);
        },
        () => loads.push(timeProcess(['-e', `new (require('exceljs').Workbook)().xlsx.readFile(${JSON.stringify(file)})`]).ms),
        () => reads.push(timeProcess([join(root, 'scripts', 'lib', 'measure-cli.js'), 'validate', file], { ...process.env, BENCH_READ_ONLY: '1' }).ms),
        () => starts.push(timeProcess([join(root, 'scripts', 'lib', 'measure-cli.js')], { ...process.env, BENCH_LOAD_ONLY: '1' }).ms),
      ];
      for (let i = 0; i < runs; i++) for (let k = 0; k < measures.length; k++) measures[(i + k) % measures.length]();
      const warmRun = timeProcess([join(root, 'scripts', 'lib', 'measure-cli.js'), 'validate', file, '--json'], { ...process.env, BENCH_OUT: out, BENCH_REPEAT: '6' });
      const warmMs = median((lastJson(warmRun.stderr).runsMs as number[]).slice(3));
      const fx = fakeExcel(units, units <= 1000 ? 5 : 3);
      rows.push({
        units,
        engineMs: round(median(engine)),
        outputMs: round(median(output)),
        floorMs: stat(floor),
        cliMs: stat(clis),
        floorCpuMs: stat(floorCpu),
        cliCpuMs: stat(cliCpu),
        exceljsLoadMs: stat(loads),
        ratio: round(median(clis) / median(floor), 2),
        ratioMin: round(Math.min(...clis) / Math.min(...floor), 2),
        cpuRatio: round(median(cliCpu) / median(floorCpu), 2),
        readMs: stat(reads),
        readRatio: round(median(reads) / median(floor), 2),
        startMs: round(median(starts)),
        warmMs: round(warmMs),
        warmRatio: round((median(starts) + warmMs) / median(floor), 2),
        reportBytes: statSync(out).size,
        peakRssMb: round(rss),
        syncs: fx.syncs,
        maxRequestBytes: fx.maxRequestBytes,
        adapterUsPerUnit: round((fx.ms * 1000) / units),
        webRefused: fx.webRefused,
      });
      if (!json) process.stderr.write(`… ${units} 个学校单位完成\n`);
    }
    if (browserRuns > 0) browser = await browserTasks(dir, browserRuns);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const first = rows.find((r) => r.units === 1000) ?? rows[0];
  const last = rows[rows.length - 1];
  const adapterGrowth = first && last ? round(last.adapterUsPerUnit / first.adapterUsPerUnit, 2) : null;
  if (json) {
    process.stdout.write(JSON.stringify({ runs, rows, adapterGrowth: { from: first?.units, to: last?.units, ratio: adapterGrowth }, browser }) + '\n');
    return;
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`机器：${cpus().length} 核 ${cpu}，内存 ${Math.round(totalmem() / 2 ** 30)} GiB，Node ${process.version}；每项 ${runs} 次交替运行，中位数（最小值）`);
  console.log('| 学校单位 | 下限 ms | CLI validate --json ms | 比值（最小值比） | 下限 CPU ms | CLI CPU ms | CPU 比值 | 仅读取 ms | 读取比值 | 报告输出 ms | 启动+载入 ms | 热运行 ms | 热下界比值 | exceljs 仅读取 ms | 报告 KB | 峰值内存 MB | 引擎 ms | sync 次数 | 最大请求 字节 | 适配层 µs/单位 |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(
      `| ${r.units} | ${r.floorMs.median} (${r.floorMs.min}) | ${r.cliMs.median} (${r.cliMs.min}) | ${r.ratio} (${r.ratioMin}) | ` +
        `${r.floorCpuMs.median} (${r.floorCpuMs.min}) | ${r.cliCpuMs.median} (${r.cliCpuMs.min}) | ${r.cpuRatio} | ${r.readMs.median} (${r.readMs.min}) | ${r.readRatio} | ${r.outputMs} | ${r.startMs} | ${r.warmMs} | ${r.warmRatio} | ` +
        `${r.exceljsLoadMs.median} (${r.exceljsLoadMs.min}) | ` +
        `${Math.round(r.reportBytes / 1024)} | ${r.peakRssMb} | ${r.engineMs} | ${r.syncs}${r.webRefused ? '*' : ''} | ${r.maxRequestBytes}${r.webRefused ? '*' : ''} | ${r.adapterUsPerUnit} |`,
    );
  if (rows.some((r) => r.webRefused))
    console.log('* 超过 Excel 网页版单次 5 MB 的上限：网页版中加载项会在写入前拒绝并建议用命令行；此处为不设上限（桌面版）时的测量。');
  if (adapterGrowth !== null) console.log(`适配层每单位耗时（各规模同一路径：桌面版一次写入，先预热一次）：${last.units} 个单位为 ${first.units} 个单位的 ${adapterGrowth} 倍（目标 ≤ 1.3）。sync 次数与最大请求按网页版 5 MB 上限。`);
  console.log('CPU = 进程的用户态与内核态 CPU 时间（含垃圾回收与编译线程）；机器上同时有其他任务时，它比耗时更能反映工作量。');
  console.log('仅读取 = 新启动 node、载入程序、用本项目的读取器把工作簿读成网格（命令中与下限对应的部分）；读取比值 = 仅读取 ÷ 下限。');
  console.log('报告输出 = 同一份 JSON 报告（validate --json 的输出）序列化并写入文件，已预热、在本进程中测量：任何输出这份报告的命令在读取之外都要付出的时间。');
  console.log('热下界 = 启动 node 并载入程序 + 同一进程中第 4–6 次运行 validate --json 的中位数：假如代码的编译与优化（JIT 预热）不花时间，命令最少要多久；热下界比值 = 热下界 ÷ 下限。');
  if (typeof browser === 'string') console.log(`浏览器离线版：未测量（${browser}）。`);
  else if (browser)
    console.log(
      `浏览器离线版（${BROWSER_SCHOOLS} 所学校，${browser.runs} 次，每次新开页面）主线程最长任务：读取并校验 中位数 ${median(browser.load)} ms（最大 ${Math.max(...browser.load)} ms），` +
        `依次打开各视图 中位数 ${median(browser.views)} ms（最大 ${Math.max(...browser.views)} ms）；目标 < 200 ms。各次：${browser.load.join('、')}；${browser.views.join('、')}。`,
    );
  console.log('下限 = 启动 node、用 zlib 解压工作表、对 XML 扫描一遍。目标：validate --json ≤ 3 × 下限（10 000 与 30 000 个单位）；10 000 个单位峰值内存 < 250 MB；每次请求不超过 Excel 网页版 5 MB 的上限（未达标学校多时为此多用几次 sync）。');
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

main().catch((e) => {
  console.error(`基准测试失败：${(e as Error).message}`);
  process.exitCode = 1;
});
