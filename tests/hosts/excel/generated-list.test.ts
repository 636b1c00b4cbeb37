/**
 * The list of generated sheets in the add-in (「均衡核验_生成记录」, shenbao.md §1) through runs that stop part-way,
 * on Excel's partial batches (the actions before the failing one stay): the list never loses a sheet of ours, so
 * the next run replaces them (no shenbao-sheet-exists, no 「(核验)」 copies); it is never left visible; it is made
 * with the mark record, in the one run that clears the undo history. Found by a review of the change that gave
 * the list its own sheet; a workbook of record format 2 (the list inside the mark record) is the kept fixture.
 */
import { join } from 'node:path';
import { NATIONAL } from '../../../src/domain/profile';
import { createExcelHost } from '../../../src/hosts/excel/adapter';
import type { RunOutcome } from '../../../src/hosts/api';
import { FakeWorkbook, installFakeOffice, uninstallFakeOffice } from '../../../src/hosts/fake-excel';
import { readXlsxFile } from '../../../src/hosts/xlsx/node-read';
import { GENERATED_RECORD_SHEET, MARK_STORE_SHEET } from '../../../src/report/markstore';
import type { CellGrid } from '../../../src/template/grid';
import { generateCounty } from './county';
import { GENERATED } from './user-part';

afterEach(() => uninstallFakeOffice());

const FORMAT2 = join(__dirname, '..', '..', 'fixtures', 'format2', '04-annotated-format2.xlsx');
const run = (writeSheets = true) => createExcelHost().run({ profile: NATIONAL, writeSheets });
const listOf = (wb: FakeWorkbook) => (wb.sheetNames().includes(GENERATED_RECORD_SHEET) ? wb.grid(GENERATED_RECORD_SHEET).values.map((r) => r[0]) : null);

function open(grids: readonly CellGrid[], partialBatches = true): FakeWorkbook {
  const wb = FakeWorkbook.fromGrids(grids);
  for (const g of grids) if (g.visibility === 'veryHidden') wb.setVisibility(g.name, 'VeryHidden');
  installFakeOffice(wb, { partialBatches });
  return wb;
}

/** What a run that follows finds: the product's sheets it takes for the user's, and the copies it had to make. */
function takenForTheUsers(out: RunOutcome): string[] {
  if (!out.ok) throw new Error(out.fatal.message);
  return [
    ...out.analysis.report.issues.filter((i) => i.code === 'shenbao-sheet-exists').map((i) => `exists ${i.sheet}`),
    ...(out.renamedSheets ?? []).map((r) => `renamed ${r.writtenAs}`),
  ];
}

/** The action counts of each sync of a clean run on a fresh copy. */
async function actionCounts(grids: readonly CellGrid[], prepare: (wb: FakeWorkbook) => Promise<void> = async () => {}): Promise<number[]> {
  const wb = open(grids);
  await prepare(wb);
  wb.resetStats();
  expect(await run()).toMatchObject({ ok: true });
  uninstallFakeOffice();
  return [...wb.actionCounts];
}

/** Every point of failure up to 16 in a sync, then every 13th and the last. */
const points = (total: number) => [...new Set([...Array.from({ length: Math.min(total, 16) + 1 }, (_, i) => i), ...Array.from({ length: Math.ceil(total / 13) }, (_, i) => i * 13), total])].filter((k) => k <= total);

describe('a workbook of record format 2, first opened in the add-in', () => {
  let grids: CellGrid[];
  beforeAll(async () => {
    grids = await readXlsxFile(FORMAT2);
  });

  it('a clean run moves the list to its own sheet; the next run replaces the sheets', async () => {
    const wb = open(grids);
    expect(takenForTheUsers(await run())).toEqual([]);
    expect(listOf(wb)).toEqual(GENERATED);
    expect(wb.grid(MARK_STORE_SHEET).values.filter((r) => r[2] === '生成的工作表')).toEqual([]);
    expect(takenForTheUsers(await run())).toEqual([]);
  });

  it('a run failing in any write sync after any number of its actions leaves the list known to the next run', async () => {
    const counts = await actionCounts(grids);
    const bad: string[] = [];
    for (let sync = 2; sync <= counts.length; sync++)
      for (const k of points(counts[sync - 1])) {
        const wb = open(grids);
        wb.failSync(sync, 'GeneralException', k);
        expect(await run()).toMatchObject({ ok: false });
        const taken = takenForTheUsers(await run());
        if (taken.length || wb.sheetInfo(GENERATED_RECORD_SHEET)?.visibility !== 'VeryHidden') bad.push(`sync ${sync} after ${k}: ${taken.join(', ')} ${wb.sheetInfo(GENERATED_RECORD_SHEET)?.visibility}`);
        uninstallFakeOffice();
      }
    expect(bad).toEqual([]);
  });

  it('一键校验 (writeSheets: false) moves the list too (in the marks sync, ahead of the record rewritten without it)', async () => {
    const wb = open(grids);
    expect(await run(false)).toMatchObject({ ok: true, syncs: 3 });
    expect(listOf(wb)).toEqual(GENERATED);
    expect(wb.grid(MARK_STORE_SHEET).values.filter((r) => r[2] === '生成的工作表')).toEqual([]);
    expect(takenForTheUsers(await run())).toEqual([]);
  });
});

describe('a workbook the add-in ran on before', () => {
  it('a re-run failing in any write sync after any number of its actions never empties the list nor leaves it visible', async () => {
    const grids = generateCounty(10);
    const counts = await actionCounts(grids, async () => void expect(await run()).toMatchObject({ ok: true }));
    const bad: string[] = [];
    for (let sync = 2; sync <= counts.length; sync++)
      for (const k of points(counts[sync - 1])) {
        const wb = open(grids);
        expect(await run()).toMatchObject({ ok: true });
        wb.failSync(wb.syncCount + sync, 'GeneralException', k);
        expect(await run()).toMatchObject({ ok: false });
        const list = listOf(wb);
        if (JSON.stringify(list) !== JSON.stringify(GENERATED) || wb.sheetInfo(GENERATED_RECORD_SHEET)?.visibility !== 'VeryHidden') bad.push(`sync ${sync} after ${k}: ${JSON.stringify(list)}`);
        uninstallFakeOffice();
      }
    expect(bad).toEqual([]);
  });

  it('a sheet of ours replaced under another name (核验_问题清单(核验) → 核验_问题清单) stays listed until it is deleted', async () => {
    const grids = generateCounty(10);
    const prepare = async (wb: FakeWorkbook) => {
      wb.addSheet('核验_问题清单', { name: '核验_问题清单', values: [['我自己的']] });
      expect(await run()).toMatchObject({ ok: true });
      expect(listOf(wb)).toContain('核验_问题清单(核验)');
      wb.deleteSheet('核验_问题清单'); // the user removes their own sheet: ours goes back to its own name
    };
    const counts = await actionCounts(grids, prepare);
    const bad: string[] = [];
    for (let sync = 2; sync <= counts.length; sync++)
      for (const k of points(counts[sync - 1])) {
        const wb = open(grids);
        await prepare(wb);
        wb.failSync(wb.syncCount + sync, 'GeneralException', k);
        expect(await run()).toMatchObject({ ok: false });
        const out = await run();
        const left = wb.sheetNames().filter((n) => n.startsWith('核验_问题清单'));
        if (left.join() !== '核验_问题清单' || takenForTheUsers(out).length) bad.push(`sync ${sync} after ${k}: ${left.join()}`);
        uninstallFakeOffice();
      }
    expect(bad).toEqual([]);
  });
});

describe('both records are made in the first run, whatever it writes', () => {
  it('一键校验 then 生成汇总表: only the first clears the undo history (hiding the two records)', async () => {
    const wb = open(generateCounty(10), false);
    expect(await run(false)).toMatchObject({ ok: true });
    expect(wb.undoClearingOps).toEqual([`visibility ${MARK_STORE_SHEET}`, `visibility ${GENERATED_RECORD_SHEET}`]);
    expect(listOf(wb)).toEqual([]);
    wb.resetStats();
    expect(await run()).toMatchObject({ ok: true });
    expect(wb.undoClearingOps).toEqual([]);
    expect(listOf(wb)).toEqual(GENERATED);
  });

  it('a first run refused before any write (the lock taken meanwhile) leaves neither record behind', async () => {
    const wb = open(generateCounty(10), false);
    const names = wb.sheetNames();
    wb.failSync(3, 'GeneralException', 0);
    expect(await run()).toMatchObject({ ok: false });
    expect(wb.sheetNames()).toEqual(names);
  });
});
