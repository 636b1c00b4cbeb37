/**
 * The new reader on hostile but valid workbooks, each built as its writer writes it (raw XML parts
 * zipped with writeZip: openpyxl-style inline strings, cells and rows without `r`, absolute targets,
 * shared and array formulas, tables, notes, charts), read back through the real reader. Where the
 * former exceljs reader was wrong, the same file is read through it too and its wrong value asserted,
 * so each test shows what failed before (issue 11 points 0, 6, 7, 9b, 9c, 15; issue 16 point 1).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { gridsOf, loadWorkbook } from '../../../src/hosts/exceljs/read';
import { nodeInflateChunks } from '../../../src/hosts/xlsx/node-zlib';
import { readXlsxFile } from '../../../src/hosts/xlsx/node-read';
import { readXlsx, ReadFailure, type ChunkedInflate } from '../../../src/hosts/xlsx/read';
import { crc32, listZip, writeZip, type ZipEntry } from '../../../src/hosts/xlsx/zip';
import { a1, formatAt, type CellGrid } from '../../../src/template/grid';
import { cliJson } from '../../helpers/run-cli';
import { rawXlsx, rawXlsxParts, REL, si, zipOf, type RawBook } from '../../helpers/raw-xlsx';
import { tempDir, TemplateBuilder } from '../../helpers/template-builder';

jest.setTimeout(120_000);

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;

function save(bytes: Uint8Array, ext = '.xlsx'): string {
  const f = tmp.file(`case-${n++}${ext}`);
  writeFileSync(f, bytes);
  return f;
}

const read = (bytes: Uint8Array, name = 'x.xlsx') => readXlsx(bytes, nodeInflateChunks, name);

/** What the former exceljs reader made of the file: its grids, or the fatal code it gave. */
async function before(bytes: Uint8Array): Promise<CellGrid[] | string> {
  try {
    return gridsOf(await loadWorkbook(save(bytes)));
  } catch (e) {
    if (e instanceof ReadFailure) return e.fatal.code;
    return `threw ${(e as Error).message}`;
  }
}

const sheet = (body: string, name = 'Sheet1') => ({ name, body });
const book = (b: Partial<RawBook> & { sheets: RawBook['sheets'] }) => rawXlsx(b);

describe('cached formula results (point 0)', () => {
  const bytes = book({
    sheets: [
      sheet(
        '<sheetData><row r="1"><c r="A1"><v>5</v></c><c r="B1"><v>5</v></c><c r="C1"><f>A1-B1</f><v>0</v></c>' +
          '<c r="D1" t="b"><f>A1&gt;B1</f><v>0</v></c><c r="E1" t="str"><f>IF(A1=B1,"","x")</f><v></v></c><c r="F1"><f>SUM(Z1:Z2)</f></c>' +
          '<c r="G1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="H1" t="str"><f>"甲"&amp;"乙"</f><v>甲乙</v></c></row></sheetData>',
      ),
    ],
  });

  it('reads a saved 0, FALSE and "" as themselves, a formula without a saved result as its text', async () => {
    const [g] = await read(bytes);
    expect(g.values).toEqual([[5, 5, 0, false, '', '=SUM(Z1:Z2)', '#DIV/0!', '甲乙']]);
    // Which cells are formulas is kept (the plan says so of a formula cell it would change).
    expect([...(g.formulas ?? [])].map((k) => a1(Math.floor(k / 16384), k % 16384)).sort()).toEqual(['C1', 'D1', 'E1', 'F1', 'G1', 'H1']);
  });

  it('exceljs read them as formula text (the error 「没有计算结果」 the user cannot fix)', async () => {
    const old = (await before(bytes)) as CellGrid[];
    expect(old[0].values).toEqual([[5, 5, '=A1-B1', '=A1>B1', '=IF(A1=B1,"","x")', '=SUM(Z1:Z2)', '#DIV/0!', '甲乙']]);
  });

  it('validate reports no formula-no-value for a saved 0 (template workbook with =B-C formulas)', async () => {
    const b = TemplateBuilder.base().setSchool('0360000001', { migrantStudents: { formula: 'G2-G2', result: 0 } });
    const f = await b.write(tmp.file('zero.xlsx'));
    const { json } = await cliJson('validate', f);
    expect(json.issues.filter((i: { code: string }) => i.code === 'formula-no-value')).toEqual([]);
  });
});

describe('shared and array formulas (points 0 and 7)', () => {
  const bytes = book({
    sheets: [
      sheet(
        '<sheetData>' +
          '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c></row>' +
          '<row r="2"><c r="A2"><v>0</v></c><c r="B2"><f t="shared" si="0"/><v>0</v></c></row>' +
          '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>6</v></c></row>' +
          '<row r="4"><c r="A4"><f t="array" ref="A4">SUM(A1:A3*B1:B3)</f><v>0</v></c><c r="B4"><f t="shared" si="7"/><v>4</v></c><c r="C4"><f t="shared" si="0"/></c>' +
          '<c r="D4"><f t="array" ref="D4:D5">A1:A2*3</f><v>3</v></c></row><row r="5"><c r="D5"><v>0</v></c></row>' +
          '</sheetData>',
      ),
    ],
  });

  it('reads every saved result, the master, its children, an array formula and its spill cells', async () => {
    const [g] = await read(bytes);
    expect(g.values).toEqual([
      [1, 2],
      [0, 0],
      [3, 6],
      [0, 4, '=（共享公式）', 3],
      [null, null, null, 0],
    ]);
    // The children of a shared formula are formulas; the spill cell of an array formula (a value only) is not.
    expect([...(g.formulas ?? [])].map((k) => a1(Math.floor(k / 16384), k % 16384)).sort()).toEqual(['A4', 'B1', 'B2', 'B3', 'B4', 'C4', 'D4']);
  });

  it('exceljs lost the 0 of a child and of an array formula, and the value of a child whose master it did not see', async () => {
    const old = (await before(bytes)) as CellGrid[];
    expect(old[0].values[1][1]).toBe('=（共享公式）');
    expect(old[0].values[3][0]).toBe('=SUM(A1:A3*B1:B3)');
    expect(old[0].values[3][1]).toBeNull();
  });
});

describe('hyperlinks (point 6)', () => {
  const bytes = book({
    sharedStrings: ['<si><r><rPr><b/></rPr><t>城关</t></r><r><t>小学</t></r></si>', si('实验中学')],
    sheets: [
      {
        name: '学校基本信息',
        body:
          '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1"><f>HYPERLINK("#A1","跳转")</f><v>0</v></c></row></sheetData>' +
          '<hyperlinks><hyperlink ref="A1" r:id="rId1"/><hyperlink ref="B1" location="Sheet1!A1" display="实验中学"/></hyperlinks>',
        rels: `<Relationship Id="rId1" Type="${REL}/hyperlink" Target="https://example.org/%E5%9F%8E%E5%85%B3" TargetMode="External"/>`,
      },
    ],
  });

  it('reads a linked cell as its text, rich text joined', async () => {
    const [g] = await read(bytes);
    expect(g.values).toEqual([['城关小学', '实验中学', 0]]);
  });

  it('exceljs gave "[object Object]" for a linked rich-text cell', async () => {
    const old = (await before(bytes)) as CellGrid[];
    expect(old[0].values[0][0]).toBe('[object Object]');
  });
});

describe('cells and rows without r, inline strings (point 7, as SDK-based and streaming writers write them)', () => {
  const bytes = book({
    sheets: [
      sheet(
        '<sheetData><row><c t="inlineStr"><is><t>学校标识码</t></is></c><c t="inlineStr"><is><t>学校名称</t></is></c></row>' +
          '<row><c t="inlineStr"><is><t>0360000001</t></is></c><c t="inlineStr"><is><r><t>城关</t></r><r><t>小学</t></r></is></c><c><v>12</v></c></row>' +
          '<row r="5"><c><v>1</v></c><c r="D5"><v>2</v></c><c><v>3</v></c></row><row><c t="inlineStr"><is><t>红旗_x000D_小学</t></is></c></row></sheetData>',
      ),
    ],
  });

  it('places each cell after the previous one, each row after the previous row', async () => {
    const [g] = await read(bytes);
    expect(g.values).toEqual([['学校标识码', '学校名称'], ['0360000001', '城关小学', 12], [], [], [1, null, null, 2, 3], ['红旗\r小学']]);
  });

  it('exceljs did not', async () => {
    const old = await before(bytes);
    expect(typeof old === 'string' ? old : old[0].values).not.toEqual([['学校标识码', '学校名称'], ['0360000001', '城关小学', 12], [], [], [1, null, null, 2, 3], ['红旗\r小学']]);
  });
});

describe('prefixed element names, as the Open XML SDK writes them', () => {
  it('reads <x:c> like <c>', async () => {
    const x = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const body = `<x:sheetData xmlns:x="${x}"><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row></x:sheetData><x:mergeCells xmlns:x="${x}"><x:mergeCell ref="A1:A2"/></x:mergeCells>`;
    const [g] = await read(book({ sharedStrings: [si('城关小学')], sheets: [sheet(body)] }));
    expect([g.values, g.merges]).toEqual([[['城关小学', 2]], [{ top: 0, left: 0, bottom: 1, right: 0 }]]);
  });
});

describe('a part saved as UTF-16', () => {
  it('is decoded by its byte-order mark', async () => {
    const parts = rawXlsxParts({ sheets: [sheet('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>城关小学</t></is></c></row></sheetData>')] });
    const files = parts.map((p) => {
      if (p.name !== 'xl/worksheets/sheet1.xml') return p;
      const text = p.data.replace('encoding="UTF-8"', 'encoding="UTF-16"');
      const b = new Uint8Array(2 + text.length * 2);
      b.set([0xff, 0xfe]);
      for (let i = 0; i < text.length; i++) [b[2 + 2 * i], b[3 + 2 * i]] = [text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8];
      return { name: p.name, data: b };
    });
    const [g] = await read(zipOf(files));
    expect(g.values).toEqual([['城关小学']]);
  });
});

describe('a chart sheet among the worksheets', () => {
  it('is not a worksheet: left out, as Office.js leaves it out of the worksheets', async () => {
    const parts = rawXlsxParts({ sheets: [sheet('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>', '学校基本信息')] }).map((p) =>
      p.name === 'xl/workbook.xml'
        ? { ...p, data: p.data.replace('</sheets>', '<sheet name="图表" sheetId="9" r:id="rId99"/></sheets>') }
        : p.name === 'xl/_rels/workbook.xml.rels'
          ? { ...p, data: p.data.replace('</Relationships>', `<Relationship Id="rId99" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`) }
          : p,
    );
    parts.push({ name: 'xl/chartsheets/sheet1.xml', data: '<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>' });
    const g = await read(zipOf(parts));
    expect(g.map((x) => [x.name, x.values])).toEqual([['学校基本信息', [[1]]]]);
  });
});

describe('absolute part targets (point 7)', () => {
  const bytes = book({ absoluteTargets: true, sharedStrings: [si('学校标识码')], sheets: [sheet('<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>7</v></c></row></sheetData>', '学校基本信息')] });

  it('resolves "/xl/worksheets/sheet1.xml" from the package root', async () => {
    const g = await read(bytes);
    expect(g.map((x) => [x.name, x.values])).toEqual([['学校基本信息', [['学校标识码', 7]]]]);
  });

  it('(exceljs 4.4 read "/xl/…" targets too: it strips that prefix; it fails only on other part names)', async () => {
    const old = (await before(bytes)) as CellGrid[];
    expect(old.map((x) => [x.name, x.values])).toEqual([['学校基本信息', [['学校标识码', 7]]]]);
  });
});

describe('shared strings, escapes, entities and whitespace', () => {
  const strings = [
    si('红旗_x000B_小学'),
    '<si><r><t>城关</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 中学 </t></r><rPh sb="0" eb="2"><t>ジョウカン</t></rPh><phoneticPr fontId="1"/></si>',
    si('A&amp;B &lt;一&gt; &#x4E8C;&#19977; &quot;四&apos;'),
    si('  前后空格  '),
    si('第一行\n第二行'),
    si('_x005F_x000B_'),
    '<si><t/></si>',
  ];
  const bytes = book({ sharedStrings: strings, sheets: [sheet(`<sheetData><row r="1">${strings.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('')}</row></sheetData>`)] });

  it('decodes _xHHHH_ (the control character kept), joins runs, leaves out phonetic runs, keeps whitespace', async () => {
    const [g] = await read(bytes);
    expect(g.values).toEqual([['红旗\u000b小学', '城关 中学 ', 'A&B <一> 二三 "四\'', '  前后空格  ', '第一行\n第二行', '_x000B_', '']]);
  });

  it('the same as exceljs on shared strings', async () => {
    const old = (await before(bytes)) as CellGrid[];
    const [g] = await read(bytes);
    expect(old[0].values[0].slice(0, 6)).toEqual(g.values[0].slice(0, 6));
  });
});

describe('inline strings with phonetic runs and escapes, string results, a number cell holding text', () => {
  const bytes = book({
    sheets: [
      sheet(
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>红旗_x000D_小学</t></is></c>' +
          '<c r="B1" t="inlineStr"><is><r><t>城关</t></r><rPh sb="0" eb="1"><t>ふり</t></rPh></is></c><c r="C1" t="inlineStr"><is><t>甲</t><rPh sb="0" eb="1"><t>こう</t></rPh></is></c>' +
          '<c r="D1" t="str"><f>A1</f><v>a&amp;lt;b</v></c><c r="E1"><v>abc</v></c></row></sheetData>',
      ),
    ],
  });

  it('decodes the escape, leaves out the phonetic runs, decodes a string result once, keeps text in a number cell', async () => {
    const [g] = await read(bytes);
    expect(g.values).toEqual([['红旗\r小学', '城关', '甲', 'a&lt;b', 'abc']]);
  });

  it('exceljs left the escape, and lost the cell with a phonetic run and the rest of its row', async () => {
    const old = (await before(bytes)) as CellGrid[];
    expect(old[0].values).toEqual([['红旗_x000D_小学', null]]);
  });
});

describe('value types and number formats', () => {
  const bytes = book({
    date1904: false,
    numFmts: '<numFmt numFmtId="164" formatCode="0.0%"/>',
    xfs: [0, 14, 31, 10, 164, 49],
    sheets: [
      sheet(
        '<sheetData><row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="e"><v>#N/A</v></c><c r="D1" s="1"><v>45366</v></c>' +
          '<c r="E1" s="2"><v>45366</v></c><c r="F1" s="3"><v>0.5</v></c><c r="G1" s="4"><v>0.25</v></c><c r="H1" s="5" t="s"><v>0</v></c><c r="I1" t="d"><v>2024-03-15T00:00:00</v></c><c r="J1"><v>1E3</v></c><c r="K1" t="b"><v>FALSE</v></c></row></sheetData>',
      ),
    ],
    sharedStrings: [si('0360000001')],
  });

  it('booleans, error text, dates as serials, built-in and custom formats', async () => {
    const [g] = await read(bytes);
    expect(g.values).toEqual([[true, false, '#N/A', 45366, 45366, 0.5, 0.25, '0360000001', 45366, 1000, false]]);
    // The row's formats end at its last formatted cell (the three after '@' have none).
    expect(g.numberFormats).toEqual([[null, null, null, 'mm-dd-yy', 'yyyy"年"m"月"d"日"', '0.00%', '0.0%', '@']]);
    expect(formatAt(g, 0, 10)).toBe('');
  });

  it('exceljs gave no format for the East Asian built-in id 31 (a date shown as 2024年3月15日) and 2024 for an ISO date', async () => {
    const old = (await before(bytes)) as CellGrid[];
    expect(old[0].numberFormats?.[0][4] ?? null).toBeNull();
    expect(old[0].values[0][8]).toBe(2024);
  });

  it('a 1904-system workbook: date serials shifted to the 1900 system, other numbers as they are', async () => {
    const b = book({ date1904: true, xfs: [0, 14], sheets: [sheet('<sheetData><row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>43904</v></c><c r="C1"><v>12</v></c></row></sheetData>')] });
    const [g] = await read(b);
    expect(g.values).toEqual([[1462, 45366, 12]]);
    const old = (await before(b)) as CellGrid[];
    expect(old[0].values).toEqual(g.values);
  });
});

describe('merges, hidden sheets and columns', () => {
  it('merged areas, the value in the top-left cell only; visibility; hidden columns within the data', async () => {
    const bytes = book({
      sharedStrings: [si('城关小学'), si('x')],
      sheets: [
        {
          name: '分学段信息',
          body:
            '<cols><col min="2" max="2" width="0" hidden="1" customWidth="1"/><col min="6" max="16384" hidden="1"/></cols>' +
            '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c><c r="C1"><v>2</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>3</v></c></row></sheetData>' +
            '<mergeCells count="1"><mergeCell ref="A1:A2"/></mergeCells>',
          state: 'hidden',
        },
        sheet('<sheetData/>', '空表'),
      ],
    });
    const g = await read(bytes);
    expect(g[0]).toEqual({
      name: '分学段信息',
      values: [
        ['城关小学', 1, 2],
        [null, 3],
      ],
      numberFormats: [[], []],
      merges: [{ top: 0, left: 0, bottom: 1, right: 0 }],
      visibility: 'hidden',
      hiddenColumns: [1],
    });
    expect(g[1]).toEqual({ name: '空表', values: [], numberFormats: [] });
  });
});

// ---------------------------------------------------------------------------------------------------------

/** openpyxl's parts for one cell note (comments + legacy VML drawing), a table and a chart. */
function openpyxlExtras(): RawBook {
  // openpyxl writes text as inline strings of numeric character references, numbers with t="n".
  const ncr = (t: string) => [...t].map((ch) => `&#${ch.codePointAt(0)};`).join('');
  const str = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${ncr(t)}</t></is></c>`;
  const header = `<row r="1">${str('A1', '学校名称')}${str('B1', '学生数')}</row>`;
  const data = `<row r="2">${str('A2', '城关小学')}<c r="B2" t="n"><v>120</v></c></row><row r="3">${str('A3', '实验中学')}<c r="B3" t="n"><v>0</v></c></row>`;
  return {
    absoluteTargets: true,
    sheets: [
      {
        name: '学校基本信息',
        body: `<sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr/></sheetPr><dimension ref="A1:B3"/><sheetViews><sheetView workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews><sheetFormatPr baseColWidth="8" defaultRowHeight="15"/><sheetData>${header}${data}</sheetData><pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/><drawing r:id="rId2"/><legacyDrawing r:id="anysvml"/><tableParts count="1"><tablePart r:id="rId3"/></tableParts>`,
        rels:
          `<Relationship Id="comments" Type="${REL}/comments" Target="/xl/comments/comment1.xml"/>` +
          `<Relationship Id="anysvml" Type="${REL}/vmlDrawing" Target="/xl/drawings/commentsDrawing1.vml"/>` +
          `<Relationship Id="rId2" Type="${REL}/drawing" Target="/xl/drawings/drawing1.xml"/>` +
          `<Relationship Id="rId3" Type="${REL}/table" Target="/xl/tables/table1.xml"/>`,
      },
    ],
    parts: [
      {
        name: 'xl/comments/comment1.xml',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
        data: '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>openpyxl</author></authors><commentList><comment ref="B2" authorId="0" shapeId="0"><text><t>核对过</t></text></comment></commentList></comments>',
      },
      {
        name: 'xl/drawings/commentsDrawing1.vml',
        data: '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shape id="anysvml_1" type="#_x0000_t202" style="position:absolute"><x:ClientData ObjectType="Note"><x:Row>1</x:Row><x:Column>1</x:Column></x:ClientData></v:shape></xml>',
      },
      {
        name: 'xl/tables/table1.xml',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
        data: '<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="Table1" displayName="Table1" ref="A1:B3"><autoFilter ref="A1:B3"/><tableColumns count="2"><tableColumn id="1" name="学校名称"/><tableColumn id="2" name="学生数"/></tableColumns><tableStyleInfo name="TableStyleMedium9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>',
      },
      {
        name: 'xl/drawings/drawing1.xml',
        contentType: 'application/vnd.openxmlformats-officedocument.drawing+xml',
        data: '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:oneCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="5400000" cy="2700000"/><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="1" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>',
      },
      {
        name: 'xl/drawings/_rels/drawing1.xml.rels',
        data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/chart" Target="/xl/charts/chart1.xml"/></Relationships>`,
      },
      {
        name: 'xl/charts/chart1.xml',
        contentType: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
        data: '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea><c:barChart><c:barDir val="col"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>\'学校基本信息\'!$B$2:$B$3</c:f></c:numRef></c:val></c:ser><c:axId val="10"/><c:axId val="100"/></c:barChart></c:plotArea></c:chart></c:chartSpace>',
      },
    ],
  };
}

describe('valid files written by openpyxl with a cell note, a table or a chart (point 9c)', () => {
  it('reads the sheet (imitated parts: comments, VML, table, drawing, chart, absolute targets)', async () => {
    const g = await read(rawXlsx(openpyxlExtras()));
    expect(g).toEqual([{ name: '学校基本信息', values: [['学校名称', '学生数'], ['城关小学', 120], ['实验中学', 0]], numberFormats: [[], [], []] }]);
  });

  it('exceljs refused the same file as 「文件已损坏」', async () => {
    expect(await before(rawXlsx(openpyxlExtras()))).toBe('not-xlsx');
  });

  const py = '/usr/bin/python3';
  const hasOpenpyxl = existsSync(py) && spawnSync(py, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0;
  (hasOpenpyxl ? it : it.skip)('reads files openpyxl itself writes (skipped when python3-openpyxl is absent)', async () => {
    const out = tmp.file('openpyxl-%s.xlsx');
    const script = `
import sys
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.worksheet.table import Table
from openpyxl.chart import BarChart, Reference
for kind in ['note', 'table', 'chart']:
    wb = Workbook(); ws = wb.active; ws.title = '学校基本信息'
    ws.append(['学校名称', '学生数']); ws.append(['城关小学', 120]); ws.append(['实验中学', 0])
    ws['C2'] = '=B2-B3'
    if kind == 'note': ws['B2'].comment = Comment('核对过', 'openpyxl')
    if kind == 'table': ws.add_table(Table(displayName='T1', ref='A1:B3'))
    if kind == 'chart':
        ch = BarChart(); ch.add_data(Reference(ws, min_col=2, min_row=1, max_row=3), titles_from_data=True); ws.add_chart(ch, 'E2')
    wb.save(sys.argv[1] % kind)
`;
    const r = spawnSync(py, ['-c', script, out], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    for (const kind of ['note', 'table', 'chart']) {
      const g = await readXlsxFile(out.replace('%s', kind));
      // openpyxl saves formulas without a calculated value: read as the formula text.
      expect([kind, g[0].values]).toEqual([kind, [['学校名称', '学生数'], ['城关小学', 120, '=B2-B3'], ['实验中学', 0]]]);
      expect([kind, await before(readFileSync(out.replace('%s', kind)))]).toEqual([kind, 'not-xlsx']);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------

/** A sheet part given as already-deflated bytes (too large to build as one string in a test). */
function bookWithBigSheet(sheetXmlChunks: () => Iterable<string>): Uint8Array {
  const parts = rawXlsxParts({ sharedStrings: [si('学校标识码'), si('✓')], sheets: [sheet('<sheetData/>')] });
  const buffers: Buffer[] = [];
  for (const s of sheetXmlChunks()) buffers.push(Buffer.from(s));
  const data = Buffer.concat(buffers);
  const entry: ZipEntry = { name: 'xl/worksheets/sheet1.xml', method: 8, crc32: crc32(data), size: data.length, compressedSize: 0, raw: new Uint8Array(deflateRawSync(data, { level: 1 })) };
  entry.compressedSize = entry.raw.length;
  const enc = new TextEncoder();
  return writeZip(parts.map((p) => (p.name === entry.name ? { entry } : { name: p.name, data: enc.encode(p.data) })));
}

/** Records the largest heap seen while the reader inflates (sampled at every chunk). */
function measuring(inner: ChunkedInflate): { inflate: ChunkedInflate; peak: () => number } {
  let peak = 0;
  return {
    peak: () => peak,
    inflate: (raw, size) => ({
      async *[Symbol.asyncIterator]() {
        for await (const c of inner(raw, size) as AsyncIterable<Uint8Array>) {
          peak = Math.max(peak, process.memoryUsage().heapUsed);
          yield c;
        }
      },
    }),
  };
}

const DATA_ROWS = (rows: number) => {
  let s = '';
  for (let r = 1; r <= rows; r++) s += `<c r="A${r}" t="s"><v>0</v></c><c r="B${r}"><v>${r}</v></c><c r="C${r}"><v>${r * 2}</v></c>`;
  return s;
};

describe('huge used ranges (point 9b): bounded memory, seconds, stray content named', () => {
  it('a ✓ in column XFD on every one of 1 048 576 rows: the data kept, the ✓s counted as stray', async () => {
    const bytes = bookWithBigSheet(function* () {
      yield '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>';
      let s = '';
      for (let r = 1; r <= 1048576; r++) {
        s += `<row r="${r}" spans="1:16384">${r <= 5 ? `<c r="A${r}" t="s"><v>0</v></c><c r="B${r}"><v>${r}</v></c>` : ''}<c r="XFD${r}" t="s"><v>1</v></c></row>`;
        if (s.length > 1 << 20) {
          yield s;
          s = '';
        }
      }
      yield s + '</sheetData></worksheet>';
    });
    global.gc?.();
    const base = process.memoryUsage().heapUsed;
    const m = measuring(nodeInflateChunks);
    const t = Date.now();
    const [g] = await readXlsx(bytes, m.inflate, 'big.xlsx');
    const ms = Date.now() - t;
    expect(g.values).toEqual([1, 2, 3, 4, 5].map((r) => ['学校标识码', r]));
    expect(g.stray).toEqual({ cell: 'XFD1', count: 1048576 });
    expect(ms).toBeLessThan(30_000); // about 2 s alone on the 2-core machine
    expect(m.peak() - base).toBeLessThan(400 << 20);
  });

  it('two million empty formatted cells are skipped without being stored', async () => {
    const bytes = bookWithBigSheet(function* () {
      yield '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
      yield `<row r="1">${DATA_ROWS(1)}</row>`;
      for (let r = 2; r <= 20001; r++) {
        let s = `<row r="${r}" s="0" customFormat="1">`;
        for (let c = 0; c < 100; c++) s += `<c r="${String.fromCharCode(65 + (c % 26))}${r}" s="0"/>`;
        yield s + '</row>';
      }
      yield '</sheetData></worksheet>';
    });
    const t = Date.now();
    const [g] = await readXlsx(bytes, nodeInflateChunks, 'formatted.xlsx');
    expect(Date.now() - t).toBeLessThan(30_000);
    expect(g.values).toEqual([['学校标识码', 1, 2]]);
    expect(g.stray).toBeUndefined();
  });

  it('a value 300 000 rows below the data and a ✓ in XFD: left out, and exceljs made the grid 16 384 columns wide', async () => {
    const body = `<sheetData><row r="1">${DATA_ROWS(1)}</row><row r="2"><c r="A2" t="s"><v>0</v></c><c r="XFD2" t="s"><v>1</v></c></row><row r="300000"><c r="A300000"><v>9</v></c></row></sheetData>`;
    const bytes = book({ sharedStrings: [si('学校标识码'), si('✓')], sheets: [sheet(body)] });
    const [g] = await read(bytes);
    expect(g.values).toEqual([['学校标识码', 1, 2], ['学校标识码']]);
    expect(g.stray).toEqual({ cell: 'XFD2', count: 2 });
    const old = (await before(bytes)) as CellGrid[];
    expect(old[0].values[1].length).toBe(16384);
    expect(old[0].values.length).toBe(300000);
  });

  it('a sheet whose only content is a ✓ in column XFD keeps nothing (the gap counts from column A)', async () => {
    let rows = '';
    for (let r = 1; r <= 1000; r++) rows += `<row r="${r}"><c r="XFD${r}" t="s"><v>0</v></c></row>`;
    const [g] = await read(book({ sharedStrings: [si('✓')], sheets: [sheet(`<sheetData>${rows}</sheetData>`)] }));
    expect(g.values).toEqual([]);
    expect(g.stray).toEqual({ cell: 'XFD1', count: 1000 });
  });

  it('content within the gaps stays: 64 empty columns, 10 000 empty rows', async () => {
    const body = `<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="BN1"><v>2</v></c></row><row r="10002"><c r="A10002"><v>3</v></c></row></sheetData>`;
    const [g] = await read(book({ sheets: [sheet(body)] }));
    expect(g.values[0][65]).toBe(2); // BN: 64 empty columns between A and BN
    expect(g.values[10001]).toEqual([3]);
    expect(g.stray).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------------

/** A minimal OLE compound file: the signature and a directory sector naming the given streams. */
function cfb(streams: string[]): Uint8Array {
  const b = new Uint8Array(2048);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  ['Root Entry', ...streams].forEach((name, i) => {
    for (let k = 0; k < name.length; k++) {
      b[512 + 128 * i + 2 * k] = name.charCodeAt(k);
      b[512 + 128 * i + 2 * k + 1] = 0;
    }
  });
  return b;
}

async function fatalOf(bytes: Uint8Array, name = '县.xlsx'): Promise<{ code: string; message: string }> {
  try {
    await read(bytes, name);
  } catch (e) {
    if (e instanceof ReadFailure) return { code: e.fatal.code, message: e.fatal.message };
    throw e;
  }
  throw new Error('read without a fatal');
}

const docx = () =>
  zipOf([
    { name: '[Content_Types].xml', data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>' },
    { name: '_rels/.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>` },
    { name: 'word/document.xml', data: '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>学校基本信息</w:t></w:r></w:p></w:body></w:document>' },
  ]);

describe('files that are not a workbook: a Chinese fatal saying what the file is (points 9c, 15)', () => {
  it('a password-protected workbook (an encrypted OOXML compound file)', async () => {
    expect(await fatalOf(cfb(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']))).toEqual({
      code: 'file-encrypted',
      message: '「县.xlsx」设有打开密码（文件已加密），无法读取。请在 Excel 中用密码打开它，在「文件 → 信息 → 保护工作簿 → 用密码进行加密」中清空密码并确定，保存后再试',
    });
  });

  it('an old .xls or .et (a compound file with a Workbook stream)', async () => {
    expect(await fatalOf(cfb(['Workbook', '\u0005SummaryInformation']), '县.xls')).toEqual({
      code: 'file-old-format',
      message: '「县.xls」是旧版 Excel 97-2003（.xls）或 WPS（.et）格式的工作簿，不是 .xlsx。请在 Excel 或 WPS 中打开它，另存为「Excel 工作簿（*.xlsx）」后再试',
    });
  });

  it('an HTML table saved as .xls', async () => {
    expect((await fatalOf(new TextEncoder().encode('<html><body><table><tr><td>学校</td></tr></table></body></html>'))).code).toBe('file-old-format');
  });

  it('an OpenDocument spreadsheet', async () => {
    const ods = zipOf([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
      { name: 'content.xml', data: '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>' },
      { name: 'META-INF/manifest.xml', data: '<manifest/>' },
    ]);
    expect(await fatalOf(ods, '县.ods')).toEqual({
      code: 'file-ods',
      message: '「县.ods」是 OpenDocument 电子表格（.ods，LibreOffice 或 WPS 等保存），不是 .xlsx。请打开它，另存为「Excel 工作簿（*.xlsx）」后再试',
    });
  });

  it('a zip that holds the workbook', async () => {
    const inner = rawXlsx({ sheets: [sheet('<sheetData/>')] });
    expect(await fatalOf(zipOf([{ name: '报表/某县均衡数据.xlsx', data: inner }]), '某县均衡数据.zip')).toEqual({
      code: 'file-archive',
      message: '「某县均衡数据.zip」是一个压缩包，里面有 「某县均衡数据.xlsx」，不是工作簿本身。请先解压，再选择其中的 .xlsx 文件',
    });
  });

  it('a Word document renamed to .xlsx (point 15)', async () => {
    expect(await fatalOf(docx())).toEqual({ code: 'file-not-excel', message: '「县.xlsx」是 Word 文档，不是 Excel 工作簿（可能只是改了扩展名）。请选择用 Excel 或 WPS 表格保存的 .xlsx 文件' });
  });

  it('a Word document through validate: exit 2 with that message; exceljs read it as a workbook without sheets', async () => {
    const f = save(docx());
    const { code, json } = await cliJson('validate', f);
    expect(code).toBe(2);
    expect(json.fatal.code).toBe('file-not-excel');
    expect(json.fatal.message).toContain('是 Word 文档，不是 Excel 工作簿');
    expect(await before(docx())).toEqual([]);
  });

  it('a truncated or corrupt workbook is 「文件已损坏」', async () => {
    const whole = rawXlsx(openpyxlExtras());
    const damaged = whole.slice();
    const part = listZip(whole).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    damaged.fill(0x55, part.raw.byteOffset + 2, part.raw.byteOffset + part.raw.length - 2); // the sheet's compressed data
    for (const bytes of [whole.subarray(0, Math.floor(whole.length / 2)), damaged]) {
      const f = await fatalOf(bytes);
      expect(f.code).toBe('not-xlsx');
      expect(f.message).toContain('文件已损坏');
    }
  });

  it('a part cut short or not XML, inside a whole ZIP, is 「文件已损坏」 too, not a workbook of fewer rows', async () => {
    // The ZIP is sound (each part deflated whole), but a sheet or the shared strings part holds half its XML or
    // none: read as it is, the rows after the cut would be missing rows (errors that are not the user's) or texts.
    const parts = rawXlsxParts(openpyxlExtras());
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!.data;
    const withSheet = (data: string) => zipOf(parts.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data } : p)));
    for (const data of [sheet.slice(0, Math.floor(sheet.length / 2)), 'garbage, not XML', '']) {
      const f = await fatalOf(withSheet(data));
      expect([JSON.stringify(data.slice(0, 20)), f.code, f.message]).toEqual([JSON.stringify(data.slice(0, 20)), 'not-xlsx', expect.stringContaining('文件已损坏（内容不完整或有误')]);
    }
    // The same sheet whole reads (the check above is not the reader refusing everything).
    expect((await readXlsx(withSheet(sheet), nodeInflateChunks, '县.xlsx'))[0].values[1]).toEqual(['城关小学', 120]);
    const strings = rawXlsxParts({ sheets: [{ name: '学校基本信息', body: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData>' }], sharedStrings: [si('学校标识码'), si('学校名称')] });
    const sst = strings.find((p) => p.name === 'xl/sharedStrings.xml')!.data;
    const cut = zipOf(strings.map((p) => (p.name === 'xl/sharedStrings.xml' ? { ...p, data: sst.slice(0, sst.indexOf('学校名称')) } : p)));
    expect((await fatalOf(cut)).message).toContain('文件已损坏（内容不完整或有误');
    expect((await readXlsx(zipOf(strings), nodeInflateChunks, '县.xlsx'))[0].values[0]).toEqual(['学校标识码', '学校名称']);
  });

  it('an empty file (0 bytes) says so', async () => {
    expect(await fatalOf(new Uint8Array(0))).toEqual({
      code: 'not-xlsx',
      message: '「县.xlsx」是空文件（0 字节），不是 Excel 工作簿：可能没有保存完，或没有下载或复制完整。请重新获取该文件，或在 Excel 中重新保存后再试',
    });
  });

  it('a missing file and a folder, as before', async () => {
    await expect(readXlsxFile(tmp.file('nope.xlsx'))).rejects.toMatchObject({ fatal: { code: 'file-not-found', message: `找不到文件「${tmp.file('nope.xlsx')}」，请检查路径` } });
    await expect(readXlsxFile(tmp.dir)).rejects.toMatchObject({ fatal: { code: 'file-not-found', message: `「${tmp.dir}」是文件夹，不是 .xlsx 文件` } });
  });
});
