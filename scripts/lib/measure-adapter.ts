/**
 * Child process of the benchmark: the Office.js adapter on the fake Excel for one generated county, in a
 * fresh process (so that no other size's or the engine's heap sways it), as `npm run bench` measures the
 * command line. Usage: tsx scripts/lib/measure-adapter.ts <units> <runs>. Prints one JSON line:
 *  - syncs and the largest request as Excel on the web runs it (5 MB limits), or as desktop Excel when the
 *    web refuses the county (webRefused);
 *  - ms: the median of `runs` whole runs, every size on the same path (desktop Excel, one write without a
 *    request limit), after one warm-up run: the web path writes in batches, so a batched small county and
 *    an unbatched large one would not measure growth.
 */
import { NATIONAL } from '../../src/domain/profile';
import { createExcelHost } from '../../src/hosts/excel/adapter';
import { FakeWorkbook, installFakeOffice, uninstallFakeOffice } from '../../src/hosts/fake-excel';
import type { CellGrid } from '../../src/template/grid';
import { bigCountyGrids } from './big-county';

/** One whole run on a fresh fake workbook: Excel on the web's 5 MB limits, or desktop Excel without them. */
async function adapterRun(grids: CellGrid[], web: boolean): Promise<{ ok: boolean; ms: number; syncs: number; maxRequestBytes: number }> {
  const wb = FakeWorkbook.fromGrids(grids);
  installFakeOffice(wb, web ? {} : { requestLimit: Number.MAX_SAFE_INTEGER, responseLimit: Number.MAX_SAFE_INTEGER });
  try {
    const t = performance.now();
    const outcome = await createExcelHost(web ? {} : { requestBudget: Number.MAX_SAFE_INTEGER }).run({ profile: NATIONAL });
    const ms = performance.now() - t;
    if (!outcome.ok) return { ok: false, ms, syncs: 0, maxRequestBytes: 0 };
    return { ok: true, ms, syncs: outcome.syncs, maxRequestBytes: Math.max(...wb.requestSizes) };
  } finally {
    uninstallFakeOffice();
  }
}

async function main(): Promise<void> {
  const units = Number(process.argv[2]);
  const runs = Number(process.argv[3] ?? 3);
  const grids = bigCountyGrids(units);
  let stats = await adapterRun(grids, true);
  const webRefused = !stats.ok;
  if (webRefused) stats = await adapterRun(grids, false);
  else await adapterRun(grids, false); // warm-up on the desktop path
  if (!stats.ok) throw new Error('the adapter refused the benchmark county');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await adapterRun(grids, false)).ms);
  times.sort((a, b) => a - b);
  const ms = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
  process.stdout.write(`${JSON.stringify({ syncs: stats.syncs, maxRequestBytes: stats.maxRequestBytes, webRefused, ms })}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exitCode = 1;
});
