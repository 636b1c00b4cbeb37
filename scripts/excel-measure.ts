/**
 * Measures the Office.js adapter on the fake Excel: syncs and request/response sizes per sync for
 * generated counties (first run and second run). Usage: npx tsx scripts/excel-measure.ts [schools...]
 */
import { NATIONAL } from '../src/domain/profile';
import { createExcelHost } from '../src/hosts/excel/adapter';
import { FakeWorkbook, installFakeOffice, uninstallFakeOffice } from '../src/hosts/fake-excel';
import { generateCounty } from '../tests/hosts/excel/county';

const kb = (n: number) => `${(n / 1000).toFixed(0)} kB`;

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  for (const schools of sizes.length ? sizes : [100, 1000, 10000]) {
    const wb = FakeWorkbook.fromGrids(generateCounty(schools));
    installFakeOffice(wb);
    const host = createExcelHost();
    for (const label of ['first run', 'second run']) {
      wb.resetStats();
      const started = Date.now();
      const out = await host.run({ profile: NATIONAL });
      const ms = Date.now() - started;
      if (!out.ok) throw new Error(out.fatal.message);
      console.log(
        `${schools} schools, ${label}: ${out.marks} marks (notes via ${out.notesVia}), ${out.syncs} syncs, ` +
          `largest request ${kb(Math.max(...wb.requestSizes))}, largest response ${kb(Math.max(...wb.responseSizes))}, ` +
          `requests [${wb.requestSizes.map(kb).join(', ')}], responses [${wb.responseSizes.map(kb).join(', ')}], ${ms} ms`,
      );
    }
    wb.resetStats();
    const cleared = await host.clearMarks();
    console.log(`${schools} schools, clearMarks: ${JSON.stringify(cleared)}, requests [${wb.requestSizes.map(kb).join(', ')}]`);
    uninstallFakeOffice();
  }
}

void main();
