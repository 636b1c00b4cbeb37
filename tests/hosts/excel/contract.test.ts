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
    return { host: createExcelHost(), sheetNames: () => wb.sheetNames(), values: (sheet) => wb.grid(sheet).values, close: uninstallFakeOffice };
  },
  async () => generateCounty(40),
);
