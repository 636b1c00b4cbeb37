/**
 * The contract every spreadsheet host of the pane keeps (src/hosts/api.ts, WorkbookHost), written once so
 * that a second host (WPS 表格's JS API, a LibreOffice macro host) runs the same suite as the Office.js
 * adapter: describeHostContract('my host', open) with an `open` that loads grids into the host's workbook.
 *
 * What it asserts is what a bureau user relies on whatever the host: the numbers are the engine's, the user's
 * input values never change, a second run is the same as the first, 清除标记 restores what it marked, a
 * workbook that is not the template changes nothing, and the settings come back.
 */
import { NATIONAL } from '../../src/domain/profile';
import type { WorkbookHost } from '../../src/hosts/api';
import { analyse } from '../../src/report/build';
import { marksOf } from '../../src/report/marks';
import type { CellGrid, CellValue } from '../../src/template/grid';

/** A host over one open workbook, and what a test may look at in that workbook. */
export interface OpenWorkbook {
  host: WorkbookHost;
  sheetNames(): string[];
  values(sheet: string): CellValue[][];
  /** How each cell that has a fill, a note or a comment looks, by A1 address (any stable text per look). */
  looks(sheet: string): Record<string, string>;
  close?(): void;
}

const INPUT = ['学校基本信息', '分学段信息', '县级指标'];

function inputValues(wb: OpenWorkbook): Record<string, CellValue[][]> {
  return Object.fromEntries(wb.sheetNames().filter((n) => INPUT.includes(n.trim())).map((n) => [n, wb.values(n)]));
}

function inputLooks(wb: OpenWorkbook): Record<string, Record<string, string>> {
  return Object.fromEntries(wb.sheetNames().filter((n) => INPUT.includes(n.trim())).map((n) => [n, wb.looks(n)]));
}

const OFFICIAL = ['表Ⅱ-1', '表Ⅱ-2', '表Ⅲ', '表Ⅳ', '核验_问题清单'];

export function describeHostContract(name: string, open: (grids: readonly CellGrid[]) => OpenWorkbook, county: () => Promise<CellGrid[]>): void {
  describe(`host contract: ${name}`, () => {
    let wb: OpenWorkbook | null = null;
    const start = async (grids?: readonly CellGrid[]) => (wb = open(grids ?? (await county())));
    afterEach(() => {
      wb?.close?.();
      wb = null;
    });

    it('reports what the engine reports for the same grids, and marks every cell the engine marks', async () => {
      const grids = await county();
      const engine = analyse(grids, NATIONAL);
      if (!engine.ok) throw new Error(engine.fatal.message);
      const w = await start(grids);
      const out = await w.host.run({ profile: NATIONAL });
      if (!out.ok) throw new Error(out.fatal.message);
      expect(out.analysis.report.summary).toEqual(engine.analysis.report.summary);
      expect(out.analysis.report.balance).toEqual(engine.analysis.report.balance);
      expect(out.analysis.report.units.map((u) => [u.schoolCode, u.stage, u.passes])).toEqual(engine.analysis.report.units.map((u) => [u.schoolCode, u.stage, u.passes]));
      expect(out.marks).toBe(marksOf(engine.analysis).length);
      expect(out.marks).toBeGreaterThan(0);
    });

    it('never changes an input value, and a second run gives the same marks and the same sheets', async () => {
      const w = await start();
      const before = inputValues(w);
      const first = await w.host.run({ profile: NATIONAL });
      const sheetsAfterFirst = w.sheetNames();
      const looksAfterFirst = inputLooks(w);
      const tablesAfterFirst = OFFICIAL.map((n) => w.values(n));
      const second = await w.host.run({ profile: NATIONAL });
      if (!first.ok || !second.ok) throw new Error('run refused');
      expect(second.marks).toBe(first.marks);
      expect(w.sheetNames()).toEqual(sheetsAfterFirst);
      expect(inputValues(w)).toEqual(before);
      expect(inputLooks(w)).toEqual(looksAfterFirst);
      for (const official of OFFICIAL) expect(sheetsAfterFirst).toContain(official);
      expect(OFFICIAL.map((n) => w.values(n))).toEqual(tablesAfterFirst);
      expect(w.values('表Ⅱ-2').length).toBeGreaterThan(5);
    });

    it('清除标记 restores every marked cell and leaves the values as they were', async () => {
      const w = await start();
      const before = inputValues(w);
      const looksBefore = inputLooks(w);
      const run = await w.host.run({ profile: NATIONAL });
      if (!run.ok) throw new Error(run.fatal.message);
      const marked = Object.values(inputLooks(w)).reduce((n, l) => n + Object.keys(l).length, 0) - Object.values(looksBefore).reduce((n, l) => n + Object.keys(l).length, 0);
      expect(marked).toBe(run.marks);
      const cleared = await w.host.clearMarks();
      if (!cleared.ok) throw new Error(cleared.fatal.message);
      expect(cleared.restored).toBe(run.marks);
      expect(inputValues(w)).toEqual(before);
      expect(inputLooks(w)).toEqual(looksBefore);
      const again = await w.host.clearMarks();
      expect(again.ok && again.restored).toBe(0);
    });

    it('a workbook that is not the template: a Chinese fatal, and nothing is written', async () => {
      const w = await start([{ name: 'Sheet1', values: [['姓名', '年龄'], ['张三', 30]] }]);
      const out = await w.host.run({ profile: NATIONAL });
      expect(out.ok).toBe(false);
      if (out.ok) return;
      expect(out.fatal.message).toMatch(/[\u4e00-\u9fff]/);
      expect(w.sheetNames()).toEqual(['Sheet1']);
      expect(w.values('Sheet1')).toEqual([['姓名', '年龄'], ['张三', 30]]);
    });

    it('keeps the settings with the workbook', async () => {
      const w = await start();
      expect(await w.host.loadSettings()).toBeNull();
      await w.host.saveSettings({ profile: 'indoor-count-in-both', notes: true });
      expect(await w.host.loadSettings()).toEqual({ profile: 'indoor-count-in-both', notes: true });
    });
  });
}
