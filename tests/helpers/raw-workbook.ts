/**
 * Workbooks written part by part the way openpyxl writes them (shared strings, minimal styles, no spans),
 * with the hostile extras real files carry: a chart, an external link and a formula using it, a locked
 * workbook structure, a cell note, a threaded comment, control characters in text, and cells without the
 * optional `r` attribute. Zipped with the product's own writer (src/hosts/xlsx/zip.ts).
 */
import { nodeDeflateRaw } from '../../src/hosts/xlsx/node-zlib';
import { writeZip } from '../../src/hosts/xlsx/zip';
import { columnLetter as col, parseA1 as a1 } from '../../src/template/grid';
import type { SheetGrid, XCell } from './template-builder';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface RawSheet {
  grid: SheetGrid;
  /** Notes: A1 → text (a legacy comments part and VML drawing). */
  notes?: Record<string, string>;
  /** Threaded comments (Excel 365): A1 → text; a legacy note "[Threaded comment]" is written too, as Excel does. */
  threaded?: Record<string, string>;
  /** A bar chart anchored on the sheet. */
  chart?: boolean;
  /** Extra cells: A1 → formula (cached value 0), e.g. "[1]Sheet1!$A$1" for an external link. */
  formulas?: Record<string, string>;
  /** Rows (1-based) written without `r` on their cells. */
  noR?: number[];
}

export interface RawOptions {
  lockStructure?: boolean;
  /**
   * Notes' parts named and targeted as Excel does (xl/comments1.xml, ../comments1.xml) instead of as openpyxl
   * does (/xl/comments/comment1.xml): exceljs, the reader annotate uses today, reads only Excel's (point 9c).
   */
  excelNoteParts?: boolean;
  /** An external workbook the formulas refer to as [1]. */
  externalLink?: boolean;
}

function esc(s: string): string {
  return s
    .replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function rawWorkbook(sheets: readonly RawSheet[], o: RawOptions = {}): Uint8Array {
  const files: { name: string; data: Uint8Array }[] = [];
  const add = (name: string, text: string) => files.push({ name, data: new TextEncoder().encode(text) });
  const strings: string[] = [];
  const sst = (s: string) => {
    let i = strings.indexOf(s);
    if (i < 0) i = strings.push(s) - 1;
    return i;
  };
  const numFmts: string[] = [];
  const xfOf = (fmt: string) => {
    let i = numFmts.indexOf(fmt);
    if (i < 0) i = numFmts.push(fmt) - 1;
    return i + 1;
  };
  const overrides: string[] = [];
  const wbRels: string[] = [];
  let drawingN = 0;
  let commentN = 0;

  sheets.forEach((sh, si) => {
    const n = si + 1;
    const rels: string[] = [];
    const rows: string[] = [];
    const extra = new Map<string, string>(Object.entries(sh.formulas ?? {}));
    const maxRow = Math.max(sh.grid.rows.length, ...[...extra.keys()].map((k) => a1(k).row + 1));
    for (let r = 0; r < maxRow; r++) {
      const row = sh.grid.rows[r] ?? [];
      const noR = sh.noR?.includes(r + 1);
      const cells: string[] = [];
      const width = Math.max(row.length, ...[...extra.keys()].filter((k) => a1(k).row === r).map((k) => a1(k).col + 1));
      for (let c = 0; c < width; c++) {
        const ref = `${col(c)}${r + 1}`;
        const at = noR ? '' : ` r="${ref}"`;
        const f = extra.get(ref);
        if (f !== undefined) {
          cells.push(`<c${at}><f>${esc(f)}</f><v>0</v></c>`);
          continue;
        }
        const v: XCell | undefined = row[c];
        if (v === null || v === undefined) {
          if (noR) cells.push('<c/>');
          continue;
        }
        if (typeof v === 'number') cells.push(`<c${at}><v>${v}</v></c>`);
        else if (typeof v === 'boolean') cells.push(`<c${at} t="b"><v>${v ? 1 : 0}</v></c>`);
        else if (typeof v === 'string') cells.push(`<c${at} t="s"><v>${sst(v)}</v></c>`);
        else if ('numFmt' in v) cells.push(`<c${at} s="${xfOf(v.numFmt)}"${typeof v.value === 'string' ? ` t="s"><v>${sst(v.value)}</v>` : `><v>${v.value}</v>`}</c>`);
        else cells.push(`<c${at}><f>${esc(v.formula)}</f>${v.result === undefined || v.result === null ? '' : `<v>${v.result}</v>`}</c>`);
      }
      rows.push(`<row r="${r + 1}">${cells.join('')}</row>`);
    }
    let tail = '';
    if (sh.chart) {
      drawingN++;
      const d = drawingN;
      rels.push(`<Relationship Id="rId${rels.length + 1}" Type="${R}/drawing" Target="/xl/drawings/drawing${d}.xml"/>`);
      tail += `<drawing r:id="rId${rels.length}"/>`;
      add(
        `xl/drawings/drawing${d}.xml`,
        `${XML}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:oneCellAnchor><xdr:from><xdr:col>30</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="5400000" cy="2700000"/><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="1" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId1" xmlns:r="${R}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>`,
      );
      add(`xl/drawings/_rels/drawing${d}.xml.rels`, `${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/chart" Target="/xl/charts/chart${d}.xml"/></Relationships>`);
      add(
        `xl/charts/chart${d}.xml`,
        `${XML}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>'${sh.grid.name}'!$G$2:$G$5</c:f></c:numRef></c:val></c:ser><c:axId val="10"/><c:axId val="100"/></c:barChart><c:catAx><c:axId val="10"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="100"/></c:catAx><c:valAx><c:axId val="100"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="10"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`,
      );
      overrides.push(`<Override PartName="/xl/drawings/drawing${d}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`);
      overrides.push(`<Override PartName="/xl/charts/chart${d}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`);
    }
    const notes = { ...(sh.notes ?? {}), ...Object.fromEntries(Object.entries(sh.threaded ?? {}).map(([k, t]) => [k, `[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits to it will get removed if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    ${t}`])) };
    if (Object.keys(notes).length) {
      commentN++;
      const cn = commentN;
      const commentsPart = o.excelNoteParts ? `xl/comments${cn}.xml` : `xl/comments/comment${cn}.xml`;
      const vmlPart = o.excelNoteParts ? `xl/drawings/vmlDrawing${cn}.vml` : `xl/drawings/commentsDrawing${cn}.vml`;
      rels.push(`<Relationship Id="rId${rels.length + 1}" Type="${R}/comments" Target="${commentsPart.replace(/^xl\//, o.excelNoteParts ? '../' : '/xl/')}"/>`);
      rels.push(`<Relationship Id="rId${rels.length + 1}" Type="${R}/vmlDrawing" Target="${vmlPart.replace(/^xl\//, o.excelNoteParts ? '../' : '/xl/')}"/>`);
      tail += `<legacyDrawing r:id="rId${rels.length}"/>`;
      add(
        commentsPart,
        `${XML}<comments xmlns="${NS}"><authors><author>用户</author></authors><commentList>${Object.entries(notes)
          .map(([ref, t]) => `<comment ref="${ref}" authorId="0"><text><t>${esc(t)}</t></text></comment>`)
          .join('')}</commentList></comments>`,
      );
      add(
        vmlPart,
        `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${cn}"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>${Object.keys(
          notes,
        )
          .map((ref, i) => {
            const p = a1(ref);
            return `<v:shape id="_x0000_s${cn * 1024 + 1 + i}" type="#_x0000_t202" style="position:absolute;visibility:hidden" fillcolor="#ffffe1"><v:fill color2="#ffffe1"/><v:textbox/><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>1, 15, 0, 2, 3, 15, 3, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${p.row}</x:Row><x:Column>${p.col}</x:Column></x:ClientData></v:shape>`;
          })
          .join('')}</xml>`,
      );
      overrides.push(`<Override PartName="/${commentsPart}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>`);
    }
    if (sh.threaded && Object.keys(sh.threaded).length) {
      rels.push(`<Relationship Id="rId${rels.length + 1}" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="${o.excelNoteParts ? '..' : '/xl'}/threadedComments/threadedComment${n}.xml"/>`);
      add(
        `xl/threadedComments/threadedComment${n}.xml`,
        `${XML}<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">${Object.entries(sh.threaded)
          .map(([ref, t], i) => `<threadedComment ref="${ref}" dT="2024-05-01T08:00:00.00" personId="{00000000-0000-0000-0000-000000000001}" id="{00000000-0000-0000-0000-00000000000${i + 1}}"><text>${esc(t)}</text></threadedComment>`)
          .join('')}</ThreadedComments>`,
      );
      overrides.push(`<Override PartName="/xl/threadedComments/threadedComment${n}.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/>`);
    }
    add(
      `xl/worksheets/sheet${n}.xml`,
      `${XML}<worksheet xmlns="${NS}" xmlns:r="${R}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr/></sheetPr><dimension ref="A1:${col(Math.max(1, ...sh.grid.rows.map((r) => r.length)) - 1)}${maxRow}"/><sheetViews><sheetView workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews><sheetFormatPr baseColWidth="8" defaultRowHeight="15"/><sheetData>${rows.join('')}</sheetData><pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>${tail}</worksheet>`,
    );
    if (rels.length) add(`xl/worksheets/_rels/sheet${n}.xml.rels`, `${XML}<Relationships xmlns="${PKG}">${rels.join('')}</Relationships>`);
    overrides.push(`<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
    wbRels.push(`<Relationship Id="rId${n}" Type="${R}/worksheet" Target="/xl/worksheets/sheet${n}.xml"/>`);
  });

  const k = sheets.length;
  wbRels.push(`<Relationship Id="rId${k + 1}" Type="${R}/styles" Target="styles.xml"/>`);
  wbRels.push(`<Relationship Id="rId${k + 2}" Type="${R}/theme" Target="theme/theme1.xml"/>`);
  wbRels.push(`<Relationship Id="rId${k + 3}" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>`);
  let externalRefs = '';
  if (o.externalLink) {
    wbRels.push(`<Relationship Id="rId${k + 4}" Type="${R}/externalLink" Target="externalLinks/externalLink1.xml"/>`);
    externalRefs = `<externalReferences><externalReference r:id="rId${k + 4}"/></externalReferences>`;
    add(
      'xl/externalLinks/externalLink1.xml',
      `${XML}<externalLink xmlns="${NS}" xmlns:r="${R}"><externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>42</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`,
    );
    add('xl/externalLinks/_rels/externalLink1.xml.rels', `${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/externalLinkPath" Target="file:///C:/%E6%95%B0%E6%8D%AE/%E4%B8%8A%E5%B9%B4.xlsx" TargetMode="External"/></Relationships>`);
    overrides.push('<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>');
  }
  add(
    'xl/workbook.xml',
    `${XML}<workbook xmlns="${NS}" xmlns:r="${R}"><workbookPr/>${o.lockStructure ? '<workbookProtection lockStructure="1"/>' : ''}<bookViews><workbookView visibility="visible" minimized="0" showHorizontalScroll="1" showVerticalScroll="1" showSheetTabs="1" tabRatio="600" firstSheet="0" activeTab="0" autoFilterDateGrouping="1"/></bookViews><sheets>${sheets
      .map((s, i) => `<sheet xmlns:r="${R}" name="${esc(s.grid.name)}" sheetId="${i + 1}" state="visible" r:id="rId${i + 1}"/>`)
      .join('')}</sheets>${externalRefs}<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>`,
  );
  add('xl/_rels/workbook.xml.rels', `${XML}<Relationships xmlns="${PKG}">${wbRels.join('')}</Relationships>`);
  add(
    'xl/styles.xml',
    `${XML}<styleSheet xmlns="${NS}">${numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${esc(f)}"/>`).join('')}</numFmts>` : ''}<fonts count="1"><font><name val="Calibri"/><family val="2"/><color theme="1"/><sz val="11"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${numFmts.length + 1}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/>${numFmts
      .map((_f, i) => `<xf numFmtId="${164 + i}" fontId="0" fillId="0" borderId="0" applyNumberFormat="1" pivotButton="0" quotePrefix="0" xfId="0"/>`)
      .join('')}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" hidden="0"/></cellStyles><tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`,
  );
  add('xl/theme/theme1.xml', `${XML}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements><a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="1F497D"/></a:dk2><a:lt2><a:srgbClr val="EEECE1"/></a:lt2><a:accent1><a:srgbClr val="4F81BD"/></a:accent1><a:accent2><a:srgbClr val="C0504D"/></a:accent2><a:accent3><a:srgbClr val="9BBB59"/></a:accent3><a:accent4><a:srgbClr val="8064A2"/></a:accent4><a:accent5><a:srgbClr val="4BACC6"/></a:accent5><a:accent6><a:srgbClr val="F79646"/></a:accent6><a:hlink><a:srgbClr val="0000FF"/></a:hlink><a:folHlink><a:srgbClr val="800080"/></a:folHlink></a:clrScheme><a:fontScheme name="Office"><a:majorFont><a:latin typeface="Cambria"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="25400"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="38100"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>`);
  add('xl/sharedStrings.xml', `${XML}<sst xmlns="${NS}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t${/^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : ''}>${esc(s)}</t></si>`).join('')}</sst>`);
  add('docProps/core.xml', `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>openpyxl</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2024-05-01T08:00:00Z</dcterms:created></cp:coreProperties>`);
  add('docProps/app.xml', `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application><AppVersion>3.1</AppVersion></Properties>`);
  add('_rels/.rels', `${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${R}/extended-properties" Target="docProps/app.xml"/></Relationships>`);
  const types = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides.join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;
  return writeZip([{ name: '[Content_Types].xml', data: new TextEncoder().encode(types) }, ...files], nodeDeflateRaw);
}
