// The floor of reading a workbook, for the benchmark: node start, read the file, unzip the sheet and
// shared-string parts with node's own zlib, and one pass over their XML (counting cells). Nothing a reader
// could skip. Prints the cell count so the work cannot be optimised away, and its CPU time (ms) on stderr.
'use strict';
const { readFileSync } = require('node:fs');
const { inflateRawSync } = require('node:zlib');

const b = readFileSync(process.argv[2]);
let end = b.length - 22;
while (end >= 0 && b.readUInt32LE(end) !== 0x06054b50) end--;
const count = b.readUInt16LE(end + 10);
let p = b.readUInt32LE(end + 16);
let cells = 0;
for (let i = 0; i < count; i++) {
  const method = b.readUInt16LE(p + 10);
  const size = b.readUInt32LE(p + 20);
  const inflated = b.readUInt32LE(p + 24);
  const nameLen = b.readUInt16LE(p + 28);
  const skip = nameLen + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  const local = b.readUInt32LE(p + 42);
  const name = b.toString('utf8', p + 46, p + 46 + nameLen);
  p += 46 + skip;
  if (!/^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/.test(name)) continue;
  const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
  const raw = b.subarray(start, start + size);
  // Into one buffer of the part's size, as the reader does (src/hosts/xlsx/node-zlib.ts): the fastest way node's zlib offers.
  const xml = (method === 8 ? inflateRawSync(raw, { chunkSize: Math.max(64, inflated) }) : raw).toString('utf8');
  for (let k = xml.indexOf('<c '); k >= 0; k = xml.indexOf('<c ', k + 3)) cells++;
}
process.stdout.write(`${cells}\n`);
const u = process.resourceUsage();
process.stderr.write(`${JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })}\n`);
