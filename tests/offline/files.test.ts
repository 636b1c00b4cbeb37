/** The names the offline page gives its downloads. */
import { annotatedName, shenbaoName } from '../../offline/files';

it('an annotated copy is named after the workbook; a macro-enabled one stays .xlsm, whatever the name it was opened under', () => {
  expect(annotatedName('青山县.xlsx')).toBe('青山县（已标注）.xlsx');
  expect(annotatedName('青山县.XLSX')).toBe('青山县（已标注）.xlsx');
  expect(annotatedName('青山县.xlsm', true)).toBe('青山县（已标注）.xlsm');
  expect(annotatedName('青山县.xltm', true)).toBe('青山县（已标注）.xlsm');
  expect(annotatedName('青山县.xltx')).toBe('青山县（已标注）.xlsx');
  // Before: 「青山县.xlsm（已标注）.xlsx」, a macro-enabled package that Excel refuses under .xlsx.
  expect(annotatedName('改了名.xlsx', true)).toBe('改了名（已标注）.xlsm');
  expect(shenbaoName('青山县.xlsx')).toBe('青山县（申报表）.xlsx');
  // The 申报表 is a new workbook without macros, whatever the workbook was.
  expect(shenbaoName('青山县.xlsm')).toBe('青山县（申报表）.xlsx');
});
