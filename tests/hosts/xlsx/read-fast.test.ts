/**
 * The reader's fast path for cells of the usual form (`<c r="B2" s="1" t="s"><v>0</v></c>`, SheetSink.fast)
 * against the scanner's general path: the same sheet written so that every cell takes the general path
 * (attributes in single quotes) reads to the same grid, and so does the sheet fed in chunks of a few bytes
 * (a cell cut by a chunk's end falls back to the general path).
 */
import { nodeInflateChunks } from '../../../src/hosts/xlsx/node-zlib';
import { plainNumber, readXlsx, type ChunkedInflate } from '../../../src/hosts/xlsx/read';
import type { CellGrid } from '../../../src/template/grid';
import { rawXlsx, si, type RawBook } from '../../helpers/raw-xlsx';

const ROWS = [
  // shared strings, numbers, booleans, errors, styles (xf 1: 0.00, xf 2: a date), empty and self-closing cells
  `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" s="1"><v>12.5</v></c><c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#N/A</v></c></row>`,
  `<row r="2"><c r="A2" s="2"><v>45000</v></c><c r="B2" s="1"/><c r="C2"></c><c r="D2" t="b"><v>0</v></c><c r="E2" t="str"><v>a &amp; b</v></c></row>`,
  // a formula (general path in both) between fast cells, an inline string, a cell without r, a cell whose value is not a number
  `<row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3" t="inlineStr"><is><t>内联</t></is></c><c s="1"><v>7</v></c><c r="D3"><v>abc</v></c><c r="AB3" t="s"><v>2</v></c></row>`,
  // rows far apart, large column letters, an unknown attribute, a shared string index beyond the table
  `<row r="9"><c r="BA9" cm="1" t="s"><v>1</v></c><c r="A9" t="s"><v>99</v></c><c r="B9"><v>-0.25</v></c><c r="C9" t="n"><v>1E3</v></c></row>`,
  // numbers read from the characters (15 digits at most) and those left to parseFloat (16 digits, an exponent, a space)
  `<row r="10"><c r="A10"><v>007</v></c><c r="B10"><v>-0</v></c><c r="C10"><v>.5</v></c><c r="D10"><v>1.</v></c><c r="E10"><v>123456789012345</v></c><c r="F10"><v>1234567890123456</v></c><c r="G10"><v>0.1</v></c><c r="H10"><v>3.14159265358979</v></c><c r="I10"><v>2.5E-3</v></c><c r="J10"><v> 4</v></c><c r="K10" t="s"><v>02</v></c></row>`,
];

const book = (rows: string[], date1904 = false): RawBook => ({
  sheets: [{ name: '表', body: `<sheetData>${rows.join('')}</sheetData>` }],
  sharedStrings: [si('学校'), si('标识码'), si('x')],
  numFmts: '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>',
  xfs: [0, 2, 164],
  date1904,
});

/** Every <c …> and <row …> tag with its attributes in single quotes: the fast path does not take them. */
const slow = (rows: string[]) => rows.map((r) => r.replace(/<(c|row) ([^>]*)>/g, (_, tag: string, a: string) => `<${tag} ${a.replace(/"/g, "'")}>`));

/** Row tags of every form between cells: the fast path reads the usual ones itself and leaves the others. */
const ROW_FORMS = [
  // Excel's and WPS's attributes
  `<row r="1" spans="1:3" ht="15" customHeight="1" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row>`,
  // no r: the row after the last one; cells without r: from column A on
  `<row><c t="s"><v>1</v></c><c><v>2</v></c></row>`,
  // r="0" is no row number (the next row), but the cell's own reference places it
  `<row r="0"><c r="C3"><v>3</v></c></row>`,
  // an empty self-closing row, then a row without r after it
  `<row r="5"/><row spans="1:2"><c><v>6</v></c><c><v>6.5</v></c></row>`,
  // an attribute value with a space (left to the scanner), text between the tags
  `\n  <row r="8" x="a b"><c r="A8"><v>8</v></c></row>\n`,
  `<row r="9" hidden="1" s="2" customFormat="1"><c r="B9" t="s"><v>2</v></c></row><row r="10"><c><v>10</v></c></row>`,
  // a row number that is not only digits (the scanner reads 11 from it, as parseInt does), an end tag with a space
  `<row r="11x"><c><v>11</v></c></row ><row r="12"><c r="B12"><v>12</v></c></row>`,
];

/** An inflate that hands the part on in pieces of `size` bytes. */
const pieces =
  (size: number): ChunkedInflate =>
  (raw, total) => {
    const whole = [...(nodeInflateChunks(raw, total) as Iterable<Uint8Array>)][0];
    const out: Uint8Array[] = [];
    for (let i = 0; i < whole.length; i += size) out.push(whole.subarray(i, i + size));
    return out;
  };

const read = async (b: RawBook, inflate: ChunkedInflate = nodeInflateChunks): Promise<CellGrid> => (await readXlsx(rawXlsx(b), inflate, 'x.xlsx'))[0];

describe('the fast path for usual cells', () => {
  it('reads each cell as written', async () => {
    const g = await read(book(ROWS));
    expect(g.values[0]).toEqual(['学校', '标识码', 12.5, true, '#N/A']);
    expect(g.numberFormats![0]).toEqual([null, null, '0.00']);
    expect(g.values[1]).toEqual([45000, null, null, false, 'a & b']);
    expect(g.numberFormats![1][0]).toBe('yyyy-mm-dd');
    expect(g.values[2].slice(0, 4)).toEqual([2, '内联', 7, 'abc']);
    expect(g.values[2][27]).toBe('x');
    expect(g.values[8][0]).toBeNull(); // shared string 99 does not exist
    expect(g.values[8].slice(1, 3)).toEqual([-0.25, 1000]);
    expect(g.values[8][52]).toBe('标识码'); // BA = 2 × 26 + 1, column index 52
    expect(g.values[9]).toEqual([7, -0, 0.5, 1, 123456789012345, 1234567890123456, 0.1, 3.14159265358979, 0.0025, 4, 'x']);
    expect(Object.is(g.values[9][1], -0)).toBe(true);
    expect(g.values.length).toBe(10);
  });

  it('gives the same grid as the general path, in the 1900 and the 1904 system', async () => {
    for (const d1904 of [false, true]) {
      const fast = await read(book(ROWS, d1904));
      expect(await read(book(slow(ROWS), d1904))).toEqual(fast);
      if (d1904) expect(fast.values[1][0]).toBe(45000 + 1462);
    }
  });

  it('gives the same grid when the part arrives in pieces of a few bytes (cells cut at any place)', async () => {
    const whole = await read(book(ROWS));
    for (const size of [1, 3, 7, 16, 61]) expect(await read(book(ROWS), pieces(size))).toEqual(whole);
  });
});

describe('the fast path for row tags', () => {
  it('places rows and cells as the general path does, whole and in pieces', async () => {
    const fast = await read(book(ROW_FORMS));
    expect(fast.values).toEqual([
      ['学校', 1],
      ['标识码', 2],
      [null, null, 3],
      [],
      [],
      [6, 6.5],
      [],
      [8],
      [null, 'x'],
      [10],
      [11],
      [null, 12],
    ]);
    expect(await read(book(slow(ROW_FORMS)))).toEqual(fast);
    for (const size of [1, 5, 13, 40]) expect(await read(book(ROW_FORMS), pieces(size))).toEqual(fast);
  });
});

describe('plainNumber: a number read from its characters', () => {
  it('is parseFloat exactly (bit for bit, -0 included) where it applies, NaN elsewhere', () => {
    // A fixed pseudo-random sequence, so that a failure can be replayed.
    let seed = 12345;
    const rnd = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    const alphabet = '0123456789012345678901234567890123456789.-eE+ x';
    let read = 0;
    for (let n = 0; n < 200_000; n++) {
      let text = '';
      const len = 1 + rnd(19);
      for (let k = 0; k < len; k++) text += alphabet[rnd(alphabet.length)];
      const got = plainNumber(`<v>${text}</v>`, 3, 3 + text.length);
      if (Number.isNaN(got)) {
        // Left to the general path: anything parseFloat would read differently from the whole text.
        if (/^-?(\d+\.?\d*|\.\d+)$/.test(text)) expect(text.replace(/[-.]/g, '').length).toBeGreaterThan(15);
        continue;
      }
      read++;
      if (!Object.is(got, parseFloat(text))) throw new Error(`${text}: ${got} ≠ ${parseFloat(text)}`);
    }
    expect(read).toBeGreaterThan(10_000);
    // Decimal fractions that are not exact in binary, at the 15-digit limit.
    for (const text of ['0.1', '0.3', '2.675', '1.005', '4.35', '9007199254740.99', '0.00000000000001', '999999999999999', '-123.456789012345'])
      expect(Object.is(plainNumber(text, 0, text.length), parseFloat(text))).toBe(true);
  });
});
