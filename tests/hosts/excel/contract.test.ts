/** The Office.js adapter on the fake Excel keeps the host contract (tests/hosts/contract.ts). */
import { createExcelHost } from '../../../src/hosts/excel/adapter';
import { FakeWorkbook, installFakeOffice, uninstallFakeOffice } from '../../../src/hosts/fake-excel';
import { describeHostContract } from '../contract';
import { generateCounty } from './county';

describeHostContract(
  'Office.js adapter on the fake Excel',
  (grids) => {
    const wb = FakeWorkbook.fromGrids(grids);
    installFakeOffice(wb);
    const looks = (sheet: string) => {
      const s = wb.snapshot().sheets.find((x) => x.name === sheet);
      const out: Record<string, string> = {};
      for (const [address, c] of Object.entries(s?.cells ?? {}))
        if (c.fill || c.note || c.comment) out[address] = JSON.stringify([c.fill ?? null, c.note ?? null, c.comment ?? null]);
      return out;
    };
    return { host: createExcelHost(), sheetNames: () => wb.sheetNames(), values: (sheet) => wb.grid(sheet).values, looks, close: uninstallFakeOffice };
  },
  async () => generateCounty(40),
);
