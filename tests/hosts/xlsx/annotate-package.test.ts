/**
 * The package patcher on small packages written by hand, the shapes other writers produce: prefixed
 * SpreadsheetML (the Open XML SDK's x:), no styles part, empty cells and rows that have no element, row
 * styles. Marks land on the right cells, and clearing gives back every part as it was.
 */
import { annotatePackage } from '../../../src/hosts/xlsx/annotate-package';
import { nodeDeflateRaw, nodeInflateRaw } from '../../../src/hosts/xlsx/node-zlib';
import { entryData, listZip, writeZip } from '../../../src/hosts/xlsx/zip';
import type { Mark, SheetGrid } from '../../../src/report/model';

const enc = new TextEncoder();
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function pkg(files: Record<string, string>): Uint8Array {
  return writeZip(Object.entries(files).map(([name, text]) => ({ name, data: enc.encode(text) })), nodeDeflateRaw);
}

function parts(b: Uint8Array): Record<string, string> {
  return Object.fromEntries(listZip(b).map((e) => [e.name, Buffer.from(entryData(e, nodeInflateRaw)).toString('utf8')]));
}

const TYPES = (extra = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${extra}</Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const mark = (address: string, level: Mark['level'] = 'error'): Mark => ({ sheet: '数据', address, level, note: `说明${address}` });
const grid: SheetGrid = { name: '问题清单', rows: [[{ value: '问题清单', style: 'title' }], [{ value: 1.5, format: '0.000', style: 'none' }, { value: Infinity, style: 'none' }]], widths: [10, 10], frozenRows: 1 };

describe('prefixed SpreadsheetML (x:), as the Open XML SDK writes it', () => {
  const input = pkg({
    '[Content_Types].xml': TYPES('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'),
    '_rels/.rels': ROOT_RELS,
    'xl/workbook.xml': `<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:r="${R}" xmlns:x="${NS}"><x:sheets><x:sheet name="数据" sheetId="1" r:id="R1a"/></x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="${R}/worksheet" Target="/xl/worksheets/sheet1.xml" Id="R1a"/><Relationship Type="${R}/styles" Target="/xl/styles.xml" Id="R2b"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="str"><x:v>学校</x:v></x:c><x:c r="B1" s="1"><x:v>5</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    'xl/styles.xml': `<?xml version="1.0" encoding="utf-8"?><x:styleSheet xmlns:x="${NS}"><x:fonts count="1"><x:font/></x:fonts><x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills><x:borders count="1"><x:border/></x:borders><x:cellXfs count="2"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><x:xf numFmtId="2" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>`,
  });

  it('marks with prefixed elements, keeps the number format, adds sheets and notes the same way', () => {
    const out = annotatePackage({ bytes: input, grids: [], marks: [mark('B1')], sheets: [grid], inflateRaw: nodeInflateRaw, deflateRaw: nodeDeflateRaw });
    const p = parts(out.bytes);
    expect(p['xl/worksheets/sheet1.xml']).toContain('<x:c r="B1" s="2"><x:v>5</x:v></x:c>');
    // The user's two formats stay as they were; the mark's copy of format 1 comes next (then the new sheet's).
    expect(p['xl/styles.xml']).toMatch(/<x:cellXfs count="\d+"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"\/><x:xf numFmtId="2" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"\/><x:xf numFmtId="2" fontId="0" fillId="2" borderId="0" applyNumberFormat="1" applyFill="1"\/>/);
    expect(p['xl/styles.xml']).toContain('<x:fill><x:patternFill patternType="solid"><x:fgColor rgb="FFFFC7CE"/><x:bgColor indexed="64"/></x:patternFill></x:fill>');
    // The worksheet root declares no r: prefix, so the new element declares it itself.
    expect(p['xl/worksheets/sheet1.xml']).toMatch(/<x:legacyDrawing xmlns:r="[^"]+" r:id="rId\d+"\/><\/x:worksheet>$/);
    expect(p['xl/workbook.xml']).toMatch(/<x:sheet name="问题清单" sheetId="2" r:id="rId3"\/><x:sheet name="均衡核验_标记记录" sheetId="3" state="veryHidden" r:id="rId4"\/><x:sheet name="均衡核验_生成记录" sheetId="4" state="veryHidden" r:id="rId5"\/><\/x:sheets>/);
    const issues = Object.entries(p).find(([, t]) => t.includes('>问题清单</t>'))![1];
    // A non-finite number is never written: the cell shows a dash.
    expect(issues).not.toMatch(/Infinity|NaN/);
    expect(issues).toContain('<t>—</t>');
    expect(issues).toMatch(/<c r="A2" s="\d+"><v>1.5<\/v><\/c>/);
  });
});

describe('cells and rows without an element; no styles part', () => {
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${R}"><cols><col min="3" max="3" width="9" style="1" customWidth="1"/></cols><sheetData><row r="2"><c r="A2"><v>1</v></c><c r="D2"><v>4</v></c></row><row r="5" s="1" customFormat="1"/></sheetData></worksheet>`;
  const files = {
    '[Content_Types].xml': TYPES(),
    '_rels/.rels': ROOT_RELS,
    'xl/workbook.xml': `<workbook xmlns="${NS}" xmlns:r="${R}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': sheet,
  };
  const input = pkg(files);

  it('writes the cells in order (a missing row too), inheriting the column or row style, and clearing removes them again', () => {
    const marks = [mark('C2', 'fail'), mark('B2', 'warning'), mark('B3'), mark('A5'), mark('E1')];
    const out = annotatePackage({ bytes: input, grids: [], marks, sheets: [], inflateRaw: nodeInflateRaw, deflateRaw: nodeDeflateRaw });
    const p = parts(out.bytes);
    // A styles part is created (with the defaults Excel needs) and referenced.
    expect(p['xl/styles.xml']).toContain('<cellXfs count=');
    expect(p['xl/_rels/workbook.xml.rels']).toContain('Target="styles.xml"');
    expect(p['[Content_Types].xml']).toContain('PartName="/xl/styles.xml"');
    const data = /<sheetData>(.*)<\/sheetData>/.exec(p['xl/worksheets/sheet1.xml'])![1];
    expect(data.replace(/(<c r="[A-Z]\d" )s="\d+"/g, '$1s')).toBe('<row r="1"><c r="E1" s/></row><row r="2"><c r="A2"><v>1</v></c><c r="B2" s/><c r="C2" s/><c r="D2"><v>4</v></c></row><row r="3"><c r="B3" s/></row><row r="5" s="1" customFormat="1"><c r="A5" s/></row>');
    // Column C's style (1) and row 5's style (1) are the base of their new formats: copies of format 1.
    const s = Object.fromEntries([...data.matchAll(/<c r="([A-Z]\d)" s="(\d+)"/g)].map((m) => [m[1], Number(m[2])]));
    expect(new Set([s.B2, s.C2, s.B3, s.E1]).size).toBe(3);
    expect(s.B3).toBe(s.E1);
    const record = annotatePackage({ bytes: out.bytes, grids: [{ name: '均衡核验_标记记录', values: recordValues(p) }], marks: [], sheets: [], inflateRaw: nodeInflateRaw, clear: true });
    const back = parts(record.bytes);
    expect(record.restored).toBe(5);
    expect(back['xl/worksheets/sheet1.xml']).toBe(sheet);
    expect(back['xl/workbook.xml']).toBe(files['xl/workbook.xml']);
    expect(Object.keys(back).filter((n) => !(n in files))).toEqual(['xl/styles.xml']);
  });
});

/** The record sheet's cells as a grid (inline strings), the way the grid reader hands it to the patcher. */
function recordValues(p: Record<string, string>): (string | null)[][] {
  const xml = Object.values(p).find((t) => t.includes('>原格式(程序用)<'))!;
  return [...xml.matchAll(/<row r="\d+">(.*?)<\/row>/g)].map((r) =>
    [...r[1].matchAll(/<c r="[A-Z]+\d+"(?: t="inlineStr"><is><t xml:space="preserve">(.*?)<\/t><\/is><\/c>|\/>)/g)].map((c) =>
      c[1] === undefined ? null : c[1].replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
    ),
  );
}

describe('a notes drawing as openpyxl writes it: each shape binds its own prefixes (ns0 is another namespace on each element)', () => {
  const VML =
    '<xml><ns0:shapelayout xmlns:ns0="urn:schemas-microsoft-com:office:office" xmlns:ns1="urn:schemas-microsoft-com:vml" ns1:ext="edit"><ns0:idmap ns1:ext="edit" data="1"/></ns0:shapelayout>' +
    '<ns2:shapetype xmlns:ns2="urn:schemas-microsoft-com:vml" xmlns:ns3="urn:schemas-microsoft-com:office:office" id="_x0000_t202" coordsize="21600,21600" ns3:spt="202" path="m,l,21600r21600,l21600,xe"><ns2:stroke joinstyle="miter"/><ns2:path gradientshapeok="t" ns3:connecttype="rect"/></ns2:shapetype>' +
    '<ns0:shape xmlns:ns0="urn:schemas-microsoft-com:vml" xmlns:ns1="urn:schemas-microsoft-com:office:office" type="#_x0000_t202" style="position:absolute; margin-left:59.25pt;margin-top:1.5pt;width:300px;height:120px;z-index:1;visibility:hidden" fillcolor="#ffffe1" ns1:insetmode="auto" id="_x0000_s1026"><ns0:fill color2="#ffffe1"/><ns0:textbox style="mso-direction-alt:auto"><div style="text-align:left"/></ns0:textbox>' +
    '<ns2:ClientData xmlns:ns2="urn:schemas-microsoft-com:office:excel" ObjectType="Note"><ns2:MoveWithCells/><ns2:SizeWithCells/><ns2:AutoFill>False</ns2:AutoFill><ns2:Row>2</ns2:Row><ns2:Column>0</ns2:Column></ns2:ClientData></ns0:shape></xml>';
  const input = pkg({
    '[Content_Types].xml': TYPES('<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/xl/comments/comment1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>'),
    '_rels/.rels': ROOT_RELS,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${R}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}" xmlns:r="${R}"><sheetData><row r="1"><c r="A1" t="str"><v>学校</v></c><c r="B1"><v>5</v></c></row><row r="3"><c r="A3" t="str"><v>备注</v></c></row></sheetData><legacyDrawing r:id="anysvml"/></worksheet>`,
    'xl/worksheets/_rels/sheet1.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="comments" Type="${R}/comments" Target="/xl/comments/comment1.xml"/><Relationship Id="anysvml" Type="${R}/vmlDrawing" Target="/xl/drawings/commentsDrawing1.vml"/></Relationships>`,
    'xl/comments/comment1.xml': `<?xml version="1.0" encoding="UTF-8"?><comments xmlns="${NS}"><authors><author>王老师</author></authors><commentList><comment ref="A3" authorId="0"><text><t>我的批注</t></text></comment></commentList></comments>`,
    'xl/drawings/commentsDrawing1.vml': VML,
  });
  const userShape = (vml: string) => /<ns0:shape xmlns:ns0="urn:schemas-microsoft-com:vml"[^>]*width:300px;height:120px[\s\S]*?<ns2:Row>2<\/ns2:Row><ns2:Column>0<\/ns2:Column><\/ns2:ClientData><\/ns0:shape>/.test(vml);

  it('a second run (and a clear) keeps the user\'s note shape and the drawing; only the product\'s shapes are replaced', () => {
    const once = annotatePackage({ bytes: input, grids: [], marks: [mark('B1')], sheets: [], inflateRaw: nodeInflateRaw, deflateRaw: nodeDeflateRaw });
    const p1 = parts(once.bytes);
    expect(userShape(p1['xl/drawings/commentsDrawing1.vml'])).toBe(true);
    expect((p1['xl/drawings/commentsDrawing1.vml'].match(/ObjectType="Note"/g) ?? []).length).toBe(2);
    const twice = annotatePackage({ bytes: once.bytes, grids: [], marks: [mark('B1')], sheets: [], inflateRaw: nodeInflateRaw, deflateRaw: nodeDeflateRaw });
    const p2 = parts(twice.bytes);
    // Before: the root binds no prefix, so the drawing was taken for empty and removed with the user's shape.
    expect(Object.keys(p2).sort()).toEqual(Object.keys(p1).sort());
    expect(p2['xl/drawings/commentsDrawing1.vml']).toBe(p1['xl/drawings/commentsDrawing1.vml']);
    expect(p2['xl/worksheets/_rels/sheet1.xml.rels']).toContain('Target="/xl/drawings/commentsDrawing1.vml"');
    const clear = annotatePackage({ bytes: twice.bytes, grids: [{ name: '均衡核验_标记记录', values: recordValues(p2) }], marks: [], sheets: [], inflateRaw: nodeInflateRaw, clear: true });
    expect(clear.restored).toBe(1);
    const cleared = parts(clear.bytes);
    expect(userShape(cleared['xl/drawings/commentsDrawing1.vml'])).toBe(true);
    expect((cleared['xl/drawings/commentsDrawing1.vml'].match(/ObjectType="Note"/g) ?? []).length).toBe(1);
    expect(cleared['xl/comments/comment1.xml']).toContain('<comment ref="A3" authorId="0"><text><t>我的批注</t></text></comment>');
  });
});
