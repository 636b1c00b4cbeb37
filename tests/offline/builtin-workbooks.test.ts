/**
 * The workbooks the offline page makes from nothing (offline/builtin-workbooks.ts): the blank template of
 * 「下载空白模板」 and the sample county of 「打开示例县」 are the files the command line's `template` and `sample`
 * write, part for part (only the creation time in docProps/core.xml differs), and the template reads as one.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleWorkbookBytes, TEMPLATE_FILE_NAME, templateWorkbookBytes } from '../../offline/builtin-workbooks';
import { gridsOfBytes } from '../../src/hosts/xlsx/node-read';
import { nodeInflateRaw } from '../../src/hosts/xlsx/node-zlib';
import { entryData, listZip } from '../../src/hosts/xlsx/zip';
import { SCHOOL_COLUMNS, SHEET_COUNTY, SHEET_GUIDE, SHEET_SCHOOLS, SHEET_STAGES, STAGE_COLUMNS } from '../../src/template/schema';
import { cli } from '../helpers/run-cli';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'builtin-workbooks-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g;

/** Every part of the package by name, the creation and modification times blanked. */
function parts(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of listZip(bytes)) {
    const data = Buffer.from(entryData(e, nodeInflateRaw));
    out[e.name] = e.name === 'docProps/core.xml' ? data.toString('utf8').replace(TIME, '…') : data.toString('base64');
  }
  return out;
}

async function written(command: 'template' | 'sample'): Promise<Uint8Array> {
  const out = join(dir, `${command}.xlsx`);
  const r = await cli(command, '-o', out);
  expect(r.code).toBe(0);
  return new Uint8Array(readFileSync(out));
}

describe('the page’s blank template (「下载空白模板」)', () => {
  it('is the package `template -o` writes, apart from the time it was made', async () => {
    const page = parts(await templateWorkbookBytes());
    const byCli = parts(await written('template'));
    expect(Object.keys(page).length).toBeGreaterThan(10);
    expect(page['docProps/core.xml']).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">…</dcterms:created>');
    expect(page).toEqual(byCli);
  });

  it('reads back as the template: the input sheets with the schema headers in row 2, and the guide', async () => {
    const grids = await gridsOfBytes(await templateWorkbookBytes());
    expect(grids.map((g) => g.name)).toEqual([SHEET_SCHOOLS, SHEET_STAGES, SHEET_COUNTY, SHEET_GUIDE]);
    expect(grids[0].values[1]).toEqual(SCHOOL_COLUMNS.map((c) => c.header));
    expect(grids[1].values[1]).toEqual(STAGE_COLUMNS.map((c) => c.header));
    expect(grids[2].values[1]?.slice(0, 3)).toEqual(['指标', '数值', '备注']);
    // No data: the schools and stages sheets end at their header.
    expect(grids[0].values.length).toBe(2);
    expect(grids[1].values.length).toBe(2);
  });

  it('is named as in the command line’s usage', async () => {
    expect(TEMPLATE_FILE_NAME).toBe('空白模板.xlsx');
    expect((await cli('template')).stderr).toContain(`template -o ${TEMPLATE_FILE_NAME}`);
  });
});

describe('the page’s sample county (「打开示例县」)', () => {
  it('is the package `sample -o` writes, apart from the time it was made', async () => {
    expect(parts(await sampleWorkbookBytes())).toEqual(parts(await written('sample')));
  });
});
