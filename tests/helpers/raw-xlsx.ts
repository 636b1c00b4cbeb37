/**
 * .xlsx packages built from raw XML parts, the way other writers write them (openpyxl, WPS, SDK-based
 * tools): inline strings, cells and rows without `r`, absolute part targets, shared and array formulas,
 * tables, notes, charts. Zipped with our own writeZip, so every byte of every part is what the test says.
 */
import { nodeDeflateRaw } from '../../src/hosts/xlsx/node-zlib';
import { writeZip, type ZipInput } from '../../src/hosts/xlsx/zip';

export interface RawSheet {
  name: string;
  /** Everything inside <worksheet> (sheetData and what follows it). */
  body: string;
  state?: 'hidden' | 'veryHidden';
  /** The sheet's own relationships (<Relationship> elements), written to its _rels part. */
  rels?: string;
}

export interface RawBook {
  sheets: RawSheet[];
  /** The <si> elements of sharedStrings.xml, raw; omitted → no sharedStrings part. */
  sharedStrings?: string[];
  /** <numFmt> elements and the numFmtId of each cellXfs <xf>, in order. */
  numFmts?: string;
  xfs?: number[];
  date1904?: boolean;
  /** Targets written absolute ("/xl/worksheets/sheet1.xml"), as some writers do. */
  absoluteTargets?: boolean;
  /** Further parts (tables, comments, drawings, charts), and their content-type overrides. */
  parts?: { name: string; data: string; contentType?: string }[];
}

const enc = new TextEncoder();
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function rawXlsxParts(b: RawBook): { name: string; data: string }[] {
  const abs = b.absoluteTargets ? '/xl/' : '';
  const files: { name: string; data: string }[] = [];
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`,
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`,
    ...b.sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`),
    ...(b.sharedStrings ? [`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`] : []),
    ...(b.parts ?? []).filter((p) => p.contentType).map((p) => `<Override PartName="/${p.name}" ContentType="${p.contentType}"/>`),
  ];
  files.push({
    name: '[Content_Types].xml',
    data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>${overrides.join('')}</Types>`,
  });
  files.push({
    name: '_rels/.rels',
    data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="${b.absoluteTargets ? '/xl/workbook.xml' : 'xl/workbook.xml'}"/></Relationships>`,
  });
  files.push({
    name: 'xl/workbook.xml',
    data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${NS}" xmlns:r="${R}"><workbookPr${b.date1904 ? ' date1904="1"' : ''}/><bookViews><workbookView activeTab="0"/></bookViews><sheets>${b.sheets
      .map((s, i) => `<sheet name="${xmlAttr(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
      .join('')}</sheets><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>`,
  });
  const n = b.sheets.length;
  files.push({
    name: 'xl/_rels/workbook.xml.rels',
    data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${b.sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${abs}worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="${abs}styles.xml"/>${
      b.sharedStrings ? `<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="${abs}sharedStrings.xml"/>` : ''
    }</Relationships>`,
  });
  const xfs = b.xfs ?? [0];
  files.push({
    name: 'xl/styles.xml',
    data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS}">${b.numFmts ? `<numFmts count="1">${b.numFmts}</numFmts>` : ''}<fonts count="1"><font><name val="Calibri"/><sz val="11"/></font></fonts><fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs
      .map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`)
      .join('')}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="1"><dxf><numFmt numFmtId="200" formatCode="0.000"/></dxf></dxfs></styleSheet>`,
  });
  b.sheets.forEach((s, i) => {
    files.push({ name: `xl/worksheets/sheet${i + 1}.xml`, data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${R}">${s.body}</worksheet>` });
    if (s.rels)
      files.push({
        name: `xl/worksheets/_rels/sheet${i + 1}.xml.rels`,
        data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${s.rels}</Relationships>`,
      });
  });
  if (b.sharedStrings)
    files.push({
      name: 'xl/sharedStrings.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}" count="${b.sharedStrings.length}" uniqueCount="${b.sharedStrings.length}">${b.sharedStrings.join('')}</sst>`,
    });
  for (const p of b.parts ?? []) files.push({ name: p.name, data: p.data });
  return files;
}

export function rawXlsx(b: RawBook): Uint8Array {
  return zipOf(rawXlsxParts(b));
}

/** A ZIP of text or binary files, deflated as usual writers do. */
export function zipOf(files: { name: string; data: string | Uint8Array }[]): Uint8Array {
  const inputs: ZipInput[] = files.map((f) => ({ name: f.name, data: typeof f.data === 'string' ? enc.encode(f.data) : f.data }));
  return writeZip(inputs, nodeDeflateRaw);
}

export function xmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** <si> of a plain shared string. */
export const si = (t: string) => `<si><t${/^\s|\s$/.test(t) ? ' xml:space="preserve"' : ''}>${t}</t></si>`;
