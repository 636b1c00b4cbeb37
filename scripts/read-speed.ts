/**
 * npx tsx scripts/read-speed.ts [units=10000]
 * Reading time and heap of the new .xlsx reader (src/hosts/xlsx/read.ts) against exceljs loading the same
 * file (load + gridsOf, the former read path), on a county of `units` school units written as bench does.
 * Each reader runs 5 times, interleaved; medians and minimums in milliseconds.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gridsOf, loadWorkbook } from '../src/hosts/exceljs/read';
import { readXlsxFile } from '../src/hosts/xlsx/node-read';
import { bigCountyGrids } from './lib/big-county';

async function main(): Promise<void> {
  const units = Number(process.argv[2] ?? 10000);
  const dir = mkdtempSync(join(tmpdir(), 'yzjh-read-speed-'));
  const file = join(dir, 'county.xlsx');
  try {
    const wb = new ExcelJS.Workbook();
    for (const g of bigCountyGrids(units)) {
      const ws = wb.addWorksheet(g.name);
      for (const row of g.values) ws.addRow(row);
    }
    await wb.xlsx.writeFile(file);
    const times: Record<'reader' | 'exceljs', number[]> = { reader: [], exceljs: [] };
    for (let i = 0; i < 5; i++) {
      let t = performance.now();
      await readXlsxFile(file);
      times.reader.push(performance.now() - t);
      t = performance.now();
      gridsOf(await loadWorkbook(file));
      times.exceljs.push(performance.now() - t);
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const row = (k: 'reader' | 'exceljs') => `${k.padEnd(8)} median ${med(times[k]).toFixed(0).padStart(6)} ms   min ${Math.min(...times[k]).toFixed(0).padStart(6)} ms`;
    process.stdout.write(`${units} units\n${row('reader')}\n${row('exceljs')}\nratio ${(med(times.exceljs) / med(times.reader)).toFixed(1)}×\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
