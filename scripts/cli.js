#!/usr/bin/env node
// Runs the command line (src/cli/main.ts). The TypeScript sources are bundled once with esbuild into
// build/cli.js and rebuilt only when a source file is newer, so each run starts as fast as plain node.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const out = path.join(root, 'build', 'cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|tsx|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function fresh() {
  try {
    return fs.statSync(out).mtimeMs >= newestSource(path.join(root, 'src'));
  } catch {
    return false;
  }
}

if (!fresh()) {
  try {
    require('esbuild').buildSync({
      entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      outfile: out,
      external: ['exceljs'],
      logLevel: 'error',
      define: { 'process.env.CLI_BUNDLE': '"1"' },
    });
  } catch {
    process.stderr.write('错误：命令行程序编译失败，请先运行 npm ci\n');
    process.exit(2);
  }
}
// `npm --prefix <project> run cli -- …` runs in the project folder; relative paths (the workbook, -o, a profile
// file) are meant from the folder the command was typed in, which npm passes as INIT_CWD.
const caller = process.env.INIT_CWD;
if (caller && process.env.npm_lifecycle_event === 'cli' && path.resolve(caller) !== process.cwd()) {
  try {
    if (fs.statSync(caller).isDirectory()) process.chdir(caller);
  } catch {
    // the caller's folder is gone: stay in the project folder
  }
}
require(out).main();
