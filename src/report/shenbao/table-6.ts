/**
 * 表Ⅵ 社会认可度调查情况 (shenbao.md §9): questionnaire and visit counts of 「县级指标」 (template-additions
 * §3.7), with the two satisfaction ratios. No verdict: SR stays on the typed 社会认可度(%).
 */
import { a1 } from '../../template/grid';
import type { Issue } from '../../template/issues';
import type { Analysis } from '../analysis';
import type { SheetCell, SheetGrid } from '../model';
import { Blanks, countyInputName, countyNum, dash, head, num, row, title } from './kit';

export const SHEET_VI = '表Ⅵ';

const KEYS = {
  all: ['srSurveys', 'srValid', 'srSatisfied', 'srVisits', 'srVisitsSatisfied'],
  parents: ['srParentSurveys', 'srParentValid', 'srParentSatisfied', 'srParentVisits', 'srParentVisitsSatisfied'],
} as const;

export function table6(a: Analysis, issues: Issue[]): SheetGrid {
  const blanks = new Blanks();
  const rows: SheetCell[][] = [];
  rows.push(row(8, { 0: title('表Ⅵ 社会认可度调查情况') }));
  const hs = (cells: Record<number, string>) => row(8, Object.fromEntries(Object.entries(cells).map(([c, s]) => [c, head(s)])), () => head(''));
  rows.push(hs({ 1: '问卷总数', 4: '问卷调查综合满意度（%）', 5: '实地走访人数', 7: '实地走访满意度（%）' }));
  rows.push(hs({ 1: '计', 2: '其中：回收有效问卷数', 5: '计', 6: '其中：满意人数' }));
  rows.push(hs({ 2: '计', 3: '其中：满意问卷数' }));
  rows.push(hs(Object.fromEntries(Array.from({ length: 7 }, (_, i) => [i + 1, `L${i + 1}`]))));
  for (const [label, keys] of [['计', KEYS.all], ['其中：家长', KEYS.parents]] as const) {
    const r = rows.length;
    const v = keys.map((k, i) => {
      const x = countyNum(a, k);
      if (x === null) blanks.add(a1(r, [1, 2, 3, 5, 6][i]), countyInputName(a, k));
      return x;
    });
    const ratio = (pi: number, wi: number, col: number): SheetCell => {
      const [part, whole] = [v[pi], v[wi]];
      if (part === null || whole === null) {
        for (const i of [wi, pi]) if (v[i] === null) blanks.add(a1(r, col), countyInputName(a, keys[i]));
        return num(null, 1);
      }
      return whole === 0 ? dash() : num((part / whole) * 100, 1);
    };
    rows.push([head(label), num(v[0], 0), num(v[1], 0), num(v[2], 0), ratio(2, 1, 4), num(v[3], 0), num(v[4], 0), ratio(4, 3, 7)]);
  }
  const blank = blanks.issue(SHEET_VI);
  if (blank) issues.push(blank);
  return {
    name: SHEET_VI,
    rows,
    widths: [12, 14, 14, 14, 14, 14, 14, 14],
    frozenRows: 0,
    merges: ['B2:D2', 'F2:G2', 'C3:D3', 'A2:A5', 'B3:B4', 'E2:E4', 'F3:F4', 'G3:G4', 'H2:H4'],
  };
}
