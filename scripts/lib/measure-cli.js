// Child process of the benchmark: runs the bundled CLI in-process with output discarded and prints
// its peak resident memory (kB) on stderr as the last line.
'use strict';
const path = require('node:path');
const cli = require(path.join(__dirname, '..', '..', 'build', 'cli.js'));
cli
  .run(process.argv.slice(2), { stdout: () => {}, stderr: () => {} })
  .then((code) => {
    process.stderr.write(`\n${JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS })}\n`);
  });
