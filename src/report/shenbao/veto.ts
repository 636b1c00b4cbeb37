/**
 * 「一票否决」 (shenbao.md §10): the six veto situations and the county's 是/否, read from the 「县级指标」 rows
 * veto1…veto6 (template-additions §3.9). Not one of the 申报表 tables; written in their style.
 *
 * A blank answer leaves its cell empty without a `shenbao-blanks` warning: that warning is one per official sheet
 * (shenbao.md §2.4, template-additions §5: 「at most 7」), and each blank veto row already has its item-not-filled
 * (one grouped warning when all six rows are absent).
 */
import type { Analysis } from '../analysis';
import type { SheetCell, SheetGrid } from '../model';
import { countyAny, countyLabel, footnote, head, num, row, text, title, word } from './kit';

export const SHEET_VETO = '一票否决';

export function vetoSheet(a: Analysis): SheetGrid {
  const rows: SheetCell[][] = [];
  rows.push(row(3, { 0: title('一票否决情况') }));
  rows.push([head('序号'), head('情形'), head('是否存在')]);
  for (let k = 1; k <= 6; k++) {
    const key = `veto${k}`;
    const v = countyAny(a, key);
    const w = v === true || v === '是' ? '是' : v === false || v === '否' ? '否' : null;
    rows.push([num(k, 0), text(countyLabel(key)), word(w)]);
  }
  rows.push(row(3, { 0: footnote('注：本表不属于申报表表Ⅰ—表Ⅵ。任一情形为“是”的，实行一票否决。') }));
  return { name: SHEET_VETO, rows, widths: [6, 70, 10], frozenRows: 0, merges: ['A9:C9'] };
}
