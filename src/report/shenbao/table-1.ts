/**
 * 表Ⅰ 义务教育优质均衡发展县(市、区)基本情况 (shenbao.md §3): one data row, 9. The socio-economic figures and
 * the 教职工数 come from new 「县级指标」 rows (template-additions §3.1); the counts of schools, classes,
 * students and teachers from every school of 「学校基本信息」 (民办, 特教 and small 教学点 included, §2.6).
 */
import { TYPE_STAGES, type SchoolType, type Stage } from '../../domain/model';
import { a1 } from '../../template/grid';
import type { Issue } from '../../template/issues';
import type { Analysis } from '../analysis';
import type { SheetCell, SheetGrid } from '../model';
import { Blanks, countyInputName, countyNum, fieldInputName, footnote, head, missingStageRows, num, plain, row, schoolBad, stageBad, title } from './kit';

export const SHEET_I = '表Ⅰ';
const W = 24;

/** Row 9, column by column: [L, county key or null, digits]. */
const COUNTY_CELLS: [number, string, number][] = [
  [0, 'population', 2],
  [1, 'ruralPopulation', 2],
  [2, 'townships', 0],
  [3, 'villages', 0],
  [4, 'gdpPerCapita', 0],
  [5, 'revenuePerCapita', 0],
  [6, 'ruralIncome', 0],
  [7, 'urbanIncome', 0],
  [20, 'primaryStaff', 0],
  [22, 'juniorStaff', 0],
];

const TYPE_COLUMNS: [number, SchoolType][] = [
  [8, '小学'],
  [9, '九年一贯制学校'],
  [10, '初中'],
  [11, '完全中学'],
  [12, '十二年一贯制学校'],
  [13, '特殊教育学校'],
  [14, '小学教学点'],
];

export function table1(a: Analysis, issues: Issue[]): SheetGrid {
  const { schools, stageRows } = a.read.county;
  const cut = a.profile.scope.teachingPointMinStudents;
  const blanks = new Blanks();
  const at = (col: number) => a1(8, col);
  const rows: SheetCell[][] = [];
  rows.push(row(W, { 0: title('表Ⅰ 义务教育优质均衡发展县(市、区)基本情况') }));
  rows.push(row(W), row(W), row(W));
  const r5: Record<number, string> = {
    0: '自然情况', 4: '经济情况', 8: '普通中小学校数(所)', 13: '特殊教育学校(所)', 14: '小学教学点数(个)', 16: '教学班数(个)', 18: '在校学生数(人)', 20: '教职工数(人)',
  };
  const r6 = [
    '人口总数(万人)', '农业人口数(万人)', '乡镇数(个)', '行政村数(个)', '年人均国内生产总值(元)', '年人均地方财政收入(元)', '农民年人均纯收入(元)', '城镇居民年人均可支配收入(元)',
    '小学', '九年一贯制学校', '初中', '完全中学', '十二年一贯制学校', '', '计', `其中：${plain(cut)}人及以上`, '小学', '初中', '小学', '初中', '小学', '', '初中', '',
  ];
  const r7: Record<number, string> = { 20: '合计', 21: '其中专任教师', 22: '合计', 23: '其中专任教师' };
  rows.push(row(W, Object.fromEntries(Object.entries(r5).map(([c, s]) => [c, head(s)])), () => head('')));
  rows.push(r6.map(head));
  rows.push(row(W, Object.fromEntries(Object.entries(r7).map(([c, s]) => [c, head(s)])), () => head('')));
  rows.push(Array.from({ length: W }, (_, i) => head(`L${i + 1}`)));

  const data: Record<number, SheetCell> = {};
  for (const [col, key, digits] of COUNTY_CELLS) {
    const v = countyNum(a, key);
    if (v === null) blanks.add(at(col), countyInputName(a, key));
    data[col] = num(v, digits);
  }

  // L9–L16: counts by 学校类型 (one pass); any unknown type leaves them all empty.
  const byType = new Map<SchoolType | null, number>();
  for (const s of schools) byType.set(s.type, (byType.get(s.type) ?? 0) + 1);
  if (byType.has(null)) {
    for (let c = 8; c <= 15; c++) blanks.add(at(c), fieldInputName('schools', 'type', true));
  } else {
    for (const [col, type] of TYPE_COLUMNS) data[col] = num(byType.get(type) ?? 0, 0);
    const points = schools.filter((s) => s.type === '小学教学点');
    const unknown = points.filter((s) => s.studentsPrimary === null || schoolBad(s, 'studentsPrimary'));
    if (unknown.length) blanks.add(at(15), fieldInputName('schools', 'studentsPrimary', unknown.some((s) => schoolBad(s, 'studentsPrimary'))));
    else data[15] = num(points.filter((s) => s.studentsPrimary! >= cut).length, 0);
  }

  // L17/L18 classes, L22/L24 teachers: Σ over every 学段 row; unknown while a school's row of the 学段 is missing.
  const stageSum = (stage: Stage, field: 'classes' | 'teachers', col: number) => {
    const rs = stageRows.filter((r) => r.stage === stage);
    const bad = rs.filter((r) => r[field] === null || stageBad(r, field));
    const gone = missingStageRows(a, stage);
    if (bad.length || gone.length) {
      if (bad.length) blanks.add(at(col), fieldInputName('stages', field, bad.some((r) => stageBad(r, field))));
      for (const input of gone) blanks.add(at(col), input);
      return;
    }
    data[col] = num(rs.reduce((s, r) => s + r[field]!, 0), 0);
  };
  stageSum('小学', 'classes', 16);
  stageSum('初中', 'classes', 17);
  stageSum('小学', 'teachers', 21);
  stageSum('初中', 'teachers', 23);

  // L19/L20: students of every school (高中 not counted); a school of the 学段 with an unknown count leaves it empty.
  const studentSum = (stage: Stage, field: 'studentsPrimary' | 'studentsJunior', col: number) => {
    let sum = 0;
    let bad = false;
    let unknown = false;
    for (const s of schools) {
      const v = schoolBad(s, field) ? null : s[field];
      if (v !== null) sum += v;
      else if (schoolBad(s, field)) bad = unknown = true;
      else if (s.type === null || TYPE_STAGES[s.type][stage]) unknown = true;
    }
    if (unknown) blanks.add(at(col), fieldInputName('schools', field, bad));
    else data[col] = num(sum, 0);
  };
  studentSum('小学', 'studentsPrimary', 18);
  studentSum('初中', 'studentsJunior', 19);

  rows.push(row(W, data, () => num(null, 0)));
  rows.push(row(W));
  rows.push(row(W, { 0: footnote('注：“人口总数”和“农业人口数”按常住人口统计，数字保留两位小数。L5-L8列数字保留整数。') }));

  const blank = blanks.issue(SHEET_I);
  if (blank) issues.push(blank);
  const twoRow = [...'ABCDEFGHIJKLMOPQRST'].map((c) => `${c}6:${c}7`);
  return {
    name: SHEET_I,
    rows,
    // Narrower than shenbao.md §3 suggests (widths are cosmetic): the 24 columns then print larger on A4.
    widths: [...Array(8).fill(10), ...Array(16).fill(8)],
    frozenRows: 0,
    merges: ['A5:D5', 'E5:H5', 'I5:M5', 'O5:P5', 'Q5:R5', 'S5:T5', 'U5:X5', 'U6:V6', 'W6:X6', 'A11:X11', 'N5:N7', ...twoRow],
    rowHeights: { 5: 48, 10: 30 },
    landscape: true,
  };
}
