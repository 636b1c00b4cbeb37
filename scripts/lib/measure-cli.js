// Child process of the benchmark: runs the bundled CLI in-process, writing its output to the file named by
// BENCH_OUT (so the time includes producing and writing the whole report), and prints its peak resident
// memory (kB) and its CPU time (ms) on stderr as the last line.
'use strict';
const path = require('node:path');
const { closeSync, openSync, writeSync } = require('node:fs');
const cli = require(path.join(__dirname, '..', '..', 'build', 'cli.js'));
const fd = openSync(process.env.BENCH_OUT || '/dev/null', 'w');
cli
  .run(process.argv.slice(2), { stdout: (s) => writeSync(fd, s), stderr: () => {} })
  .then((code) => {
    closeSync(fd);
    const u = process.resourceUsage();
    // CPU time (user + system, all threads: GC and compiler threads included) shows the work when other jobs share the cores.
    process.stderr.write(`\n${JSON.stringify({ code, maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })}\n`);
  });
