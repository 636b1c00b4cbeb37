/**
 * Sheet names as Excel compares them: "Office requires that sheet names are case-insensitive unique in any locale"
 * ([MS-OI29500] 2.1.578, https://learn.microsoft.com/openspecs/office_standards/ms-oi29500/ebf12ea5-2bb4-4af5-ab26-563f22d3f895).
 * Case is Unicode case: the Roman numerals of the 申报表 names (U+2160–U+2165) have lower-case forms (U+2170–U+2175).
 */
import { excelNameKey, sameExcelName } from '../../src/template/sheet-names';

describe('sameExcelName', () => {
  it.each([
    ['表Ⅰ', '表ⅰ'], ['表Ⅱ-1', '表ⅱ-1'], ['表Ⅱ-2', '表ⅱ-2'], ['表Ⅲ', '表ⅲ'], ['表Ⅳ', '表ⅳ'], ['表Ⅴ', '表ⅴ'], ['表Ⅵ', '表ⅵ'],
    ['Sheet1', 'sHEET1'], ['ＳＨＥＥＴ', 'ｓｈｅｅｔ'], ['Σ', 'ς'], ['σ', 'ς'],
  ])('「%s」 and 「%s」 are one name', (a, b) => {
    expect(sameExcelName(a, b)).toBe(true);
    expect(excelNameKey(a)).toBe(excelNameKey(b));
  });

  it.each([
    ['表Ⅲ', '表3'], ['表Ⅲ', '表III'], ['表Ⅲ', '表Ⅲ '], ['ß', 'SS'], ['核验_问题清单', '核验_问题清单(核验)'],
  ])('「%s」 and 「%s」 are two names', (a, b) => {
    expect(sameExcelName(a, b)).toBe(false);
  });

  it('keeps the length of the name (no code point becomes two)', () => {
    for (const n of ['İstanbul', 'Straße', 'ǅ表Ⅲ', '😀表ⅲ']) expect([...excelNameKey(n)]).toHaveLength([...n].length);
  });
});
