/**
 * Settings across the two hosts: the offline page keeps the pane's settings in the mark record's 规则设置 row of the
 * downloaded file; the add-in reads them there when the workbook has no settings of its own, and keeps that row
 * (or writes its own settings into it) whenever it rewrites the record, so the page sees what Excel used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInProfile, NATIONAL } from '../../../src/domain/profile';
import { createExcelHost } from '../../../src/hosts/excel/adapter';
import { FakeWorkbook, installFakeOffice, uninstallFakeOffice } from '../../../src/hosts/fake-excel';
import { annotatedWorkbookBytes } from '../../../src/hosts/xlsx/annotate-bytes';
import { nodeInflateChunks } from '../../../src/hosts/xlsx/node-zlib';
import { readXlsx } from '../../../src/hosts/xlsx/read';
import { analyse } from '../../../src/report/build';
import { decodeSettings, MARK_STORE_SHEET } from '../../../src/report/markstore';

const MESSY = join(__dirname, '..', '..', 'fixtures', 'conformance', '04-county-messy.xlsx');
const STRICT = { profile: 'strict-scope', notes: 'comment' };

afterEach(() => uninstallFakeOffice());

/** The conformance workbook as the offline page downloads it with STRICT chosen, opened in (fake) Excel. */
async function openDownloaded(): Promise<FakeWorkbook> {
  const original = new Uint8Array(readFileSync(MESSY));
  const profile = builtInProfile('strict-scope');
  const shown = analyse(await readXlsx(original, nodeInflateChunks, 'x.xlsx'), profile);
  if (!shown.ok) throw new Error(shown.fatal.message);
  const { bytes } = await annotatedWorkbookBytes(original, shown.analysis, profile, STRICT);
  const wb = FakeWorkbook.fromGrids(await readXlsx(bytes, nodeInflateChunks, 'y.xlsx'));
  installFakeOffice(wb);
  return wb;
}

const recordSettings = (wb: FakeWorkbook) => decodeSettings(wb.grid(MARK_STORE_SHEET).values);

describe('settings kept in the mark record (the offline page ↔ the add-in)', () => {
  it('a file downloaded from the page opens in Excel with the page’s settings', async () => {
    const wb = await openDownloaded();
    expect(recordSettings(wb)).toEqual(STRICT);
    expect(await createExcelHost().loadSettings()).toEqual(STRICT);
  });

  it('a run and 清除标记 in Excel keep the record’s settings row', async () => {
    const wb = await openDownloaded();
    const host = createExcelHost();
    const out = await host.run({ profile: NATIONAL });
    expect(out.ok).toBe(true);
    expect(recordSettings(wb)).toEqual(STRICT);
    const cleared = await host.clearMarks();
    expect(cleared.ok).toBe(true);
    expect(recordSettings(wb)).toEqual(STRICT);
  });

  it('the pane’s own saved settings win, and go into the record for the page', async () => {
    const wb = await openDownloaded();
    const host = createExcelHost();
    await host.saveSettings({ profile: 'national' });
    expect(await host.loadSettings()).toEqual({ profile: 'national' });
    await host.run({ profile: NATIONAL });
    expect(recordSettings(wb)).toEqual({ profile: 'national' });
  });
});
