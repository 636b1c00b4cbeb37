// Child process of the benchmark: runs the bundled CLI in-process, writing its output to the file named by
// BENCH_OUT (so the time includes producing and writing the whole report), and prints its peak resident
// memory (kB) and its CPU time (ms) on stderr as the last line.
// BENCH_REPEAT=N: runs the command N times in this one process and adds each run's time (ms) to that line
// (`runsMs`): the later runs show the command once its code is compiled and optimised, the part of the time
// that JIT warm-up cannot remove. BENCH_LOAD_ONLY=1: only starts and loads the program (`loadMs`).
// BENCH_READ_ONLY=1: only reads the workbook named by the arguments (`validate <file>`) into its grids.
'use strict';
const path = require('node:path');
const { closeSync, openSync, writeSync } = require('node:fs');

const t0 = performance.now();
const cli = require(path.join(__dirname, '..', '..', 'build', 'cli.js'));
const loadMs = performance.now() - t0;

function usage(extra) {
  const u = process.resourceUsage();
  // CPU time (user + system, all threads: GC and compiler threads included) shows the work when other jobs share the cores.
  process.stderr.write(`\n${JSON.stringify({ ...extra, maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })}\n`);
}

async function once() {
  const fd = openSync(process.env.BENCH_OUT || '/dev/null', 'w');
  try {
    return await cli.run(process.argv.slice(2), { stdout: (s) => writeSync(fd, s), stderr: () => {} });
  } finally {
    closeSync(fd);
  }
}

async function main() {
  if (process.env.BENCH_LOAD_ONLY) return usage({ code: 0, loadMs });
  if (process.env.BENCH_READ_ONLY) {
    const grids = await cli.readXlsxFile(process.argv[3]);
    return usage({ code: 0, cells: grids.reduce((n, g) => n + g.values.reduce((m, r) => m + r.length, 0), 0) });
  }
  const repeat = Math.max(1, Number(process.env.BENCH_REPEAT) || 1);
  const runsMs = [];
  let code = 0;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    code = await once();
    runsMs.push(performance.now() - t);
  }
  usage(repeat > 1 ? { code, runsMs } : { code });
}

main();
