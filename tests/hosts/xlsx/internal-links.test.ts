/** mendInternalLinks: exceljs' external '#…' links become Excel's internal links; other parts untouched. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mendInternalLinks } from '../../../src/hosts/xlsx/internal-links';
import { nodeInflateChunks, nodeInflateRaw, nodeDeflateRaw } from '../../../src/hosts/xlsx/node-zlib';
import { entryData, listZip, writeZip } from '../../../src/hosts/xlsx/zip';

const e = new TextEncoder();
const d = new TextDecoder();
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** As exceljs 4.4 (unpatched, its browser bundle) writes 问题清单 with one internal link and one web link. */
function exceljsPackage(): Uint8Array {
  return writeZip(
    [
      { name: '[Content_Types].xml', data: e.encode('<Types/>') },
      {
        name: 'xl/worksheets/sheet7.xml',
        data: e.encode(
          `<worksheet xmlns:r="${REL}"><sheetData/><hyperlinks>` +
            `<hyperlink ref="C4" r:id="rId1" tooltip="转到 &apos;学校基本信息&apos;!M32" location="#&apos;学校基本信息&apos;!M32"/>` +
            `<hyperlink ref="C5" r:id="rId2"/></hyperlinks></worksheet>`,
        ),
      },
      {
        name: 'xl/worksheets/_rels/sheet7.xml.rels',
        data: e.encode(
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
            `<Relationship Id="rId1" Type="${REL}/hyperlink" Target="#&apos;学校基本信息&apos;!M32" TargetMode="External"/>` +
            `<Relationship Id="rId2" Type="${REL}/hyperlink" Target="https://example.edu.cn/" TargetMode="External"/></Relationships>`,
        ),
      },
      { name: 'xl/worksheets/sheet1.xml', data: e.encode('<worksheet><sheetData><row r="1"/></sheetData></worksheet>'.repeat(20)) },
    ],
    nodeDeflateRaw,
  );
}

const parts = (b: Uint8Array) => Object.fromEntries(listZip(b).map((x) => [x.name, d.decode(entryData(x, nodeInflateRaw))]));

describe('mendInternalLinks', () => {
  it('writes an internal link as Excel does (location only, no relationship) and keeps a web link and every other part', async () => {
    const before = exceljsPackage();
    const after = parts(await mendInternalLinks(before, nodeInflateChunks));
    const was = parts(before);
    expect(after['xl/worksheets/sheet7.xml']).toContain(`<hyperlink ref="C4" tooltip="转到 &apos;学校基本信息&apos;!M32" location="&apos;学校基本信息&apos;!M32"/>`);
    expect(after['xl/worksheets/sheet7.xml']).toContain('<hyperlink ref="C5" r:id="rId2"/>');
    expect(after['xl/worksheets/_rels/sheet7.xml.rels']).not.toContain('rId1');
    expect(after['xl/worksheets/_rels/sheet7.xml.rels']).toContain('Target="https://example.edu.cn/"');
    expect(after['xl/worksheets/sheet1.xml']).toBe(was['xl/worksheets/sheet1.xml']);
    expect(after['[Content_Types].xml']).toBe(was['[Content_Types].xml']);
    // Untouched entries are copied with their compressed bytes.
    const raw = (b: Uint8Array) => listZip(b).find((x) => x.name === 'xl/worksheets/sheet1.xml')!.raw;
    expect(Buffer.from(raw(await mendInternalLinks(before, nodeInflateChunks)))).toEqual(Buffer.from(raw(before)));
  });

  it('returns the same bytes when there is nothing to mend (the command line\'s patched output)', async () => {
    const file = new Uint8Array(readFileSync(join(__dirname, '..', '..', 'fixtures', 'conformance', '04-county-messy.xlsx')));
    expect(await mendInternalLinks(file, nodeInflateChunks)).toBe(file);
  });
});
