/**
 * The official 申报表 tables as grids (shenbao.md), from the engine's unrounded results. Pure: every host
 * (the add-in, `annotate`, the browser) writes these same grids. Numbers are written already rounded half-up
 * as values, with the matching number format; verdicts come from the engine (unrounded values).
 *
 * 表Ⅱ-1, 表Ⅱ-2 and 表Ⅲ are built here; 表Ⅰ, 表Ⅳ, 表Ⅴ, 表Ⅵ and 「一票否决」 in their own modules. The new
 * inputs of template-additions.md are read defensively (kit.ts): a workbook without them leaves the blanks open
 * (「＿＿」 or an empty cell) with one `shenbao-blanks` warning per sheet.
 */
import { noteText } from '../markstore';
import type { UnitResult } from '../../domain/evaluate';
import { STAGES, type Stage } from '../../domain/model';
import { INDICATOR_IDS, NATIONAL, type IndicatorId, type ResolvedProfile } from '../../domain/profile';
import type { Issue } from '../../template/issues';
import { a1 } from '../../template/grid';
import type { Analysis } from '../analysis';
import type { SheetCell, SheetGrid } from '../model';
import { roundHalfUp } from './round';
import { table1 } from './table-1';
import { table4 } from './table-4';
import { table5 } from './table-5';
import { table6 } from './table-6';
import { vetoSheet } from './veto';
import { Blanks, dash, roundedWarning, empty, fieldInputName, head, num, plain, row, schoolBad, schoolExtra, stageExtra, text, title, unitInputsMissing } from './kit';
import { SHEET_SCHOOLS, SHEET_STAGES } from '../../template/schema';
import { locate } from '../../template/layout';

export const SHEET_II_1 = '表Ⅱ-1';
export const SHEET_II_2 = '表Ⅱ-2';
export const SHEET_III = '表Ⅲ';

/** The seven indicator headers of 表Ⅱ-1 and 表Ⅲ (R1…R7), as the form prints them. */
export const FORM_INDICATOR_HEADERS = [
  '每百名学生拥有高于规定学历教师数',
  '每百名学生拥有县级及以上骨干教师数',
  '每百名学生拥有体育、艺术(美术、音乐)专任教师数',
  '生均教学及辅助用房面积（㎡）',
  '生均体育运动场馆面积（㎡）',
  '生均教学仪器设备值(元)',
  '每百名学生拥有网络多媒体教室数',
] as const;

/** Included units of a 学段, in the row order of 「学校基本信息」. */
function unitsOf(a: Analysis, stage: Stage): UnitResult[] {
  const us = a.evaluation.units.filter((u) => u.stage === stage);
  // The evaluation lists units in row order already: sorted only when they are not (a stable sort either way).
  for (let i = 1; i < us.length; i++) if (us[i].school.row < us[i - 1].school.row) return us.sort((x, y) => x.school.row - y.school.row);
  return us;
}

// ───────────────────────────── 表Ⅱ-1 ─────────────────────────────

/**
 * The inputs behind the unknown verdicts of column L(k+1) of a 学段's two rows (r, r+1): L1–L7 the units without
 * that value, L8 those without any of the seven.
 */
function openUnknowns(a: Analysis, us: readonly UnitResult[], vs: readonly (boolean | null)[], k: number, r: number, blanks: Blanks): void {
  const ids = k < INDICATOR_IDS.length ? [INDICATOR_IDS[k]] : INDICATOR_IDS;
  for (let i = 0; i < us.length; i++) {
    if (vs[i] !== null) continue;
    for (const id of ids)
      if (us[i].indicators[id].value === null)
        for (const input of unitInputsMissing(a, us[i], id)) {
          blanks.add(a1(r, 2 + k), input);
          blanks.add(a1(r + 1, 2 + k), input);
        }
  }
}

function tableII1(a: Analysis, issues: Issue[]): SheetGrid {
  const blanks = new Blanks();
  const rows: SheetCell[][] = [];
  rows.push(row(10, { 0: title('表Ⅱ-1 小学、初中资源配置基本情况') }));
  rows.push(row(10, Object.fromEntries([...FORM_INDICATOR_HEADERS, '综合评估'].map((t, i) => [i + 2, head(t)])), () => head('')));
  rows.push(row(10, Object.fromEntries(Array.from({ length: 8 }, (_, i) => [i + 2, head(`L${i + 1}`)])), () => head('')));
  for (const stage of STAGES) {
    const us = unitsOf(a, stage);
    const r = rows.length;
    const count: SheetCell[] = [];
    const ratio: SheetCell[] = [];
    const verdicts: (boolean | null)[][] = [
      ...INDICATOR_IDS.map((id) => us.map((u) => u.indicators[id].met)),
      us.map((u) => u.passes),
    ];
    // A school whose 学校类型 has an error cannot be placed in a 学段 (表Ⅱ-2 does not list it): how many schools the
    // 学段 has, and how many pass, is not known, so every count of the 学段 stays open with that error named.
    const unplaced = us.some((u) => u.school.type === null);
    for (let k = 0; k < verdicts.length; k++) {
      const vs = verdicts[k];
      if (unplaced) {
        count.push(empty());
        ratio.push(empty());
        const input = fieldInputName('schools', 'type', true);
        blanks.add(a1(r, 2 + k), input);
        blanks.add(a1(r + 1, 2 + k), input);
        // and whatever else the counts lack, so that one round of corrections is enough
        openUnknowns(a, us, vs, k, r, blanks);
      } else if (us.length === 0) {
        count.push(num(0, 0));
        ratio.push(dash());
      } else if (vs.some((v) => v === null)) {
        count.push(empty());
        ratio.push(empty());
        openUnknowns(a, us, vs, k, r, blanks);
      } else {
        const n = vs.filter((v) => v === true).length;
        count.push(num(n, 0));
        ratio.push(num((n / us.length) * 100, 1));
      }
    }
    rows.push([head(stage), head('达标学校总数'), ...count]);
    rows.push([head(''), head('达标学校比例（%）'), ...ratio]);
  }
  const blank = blanks.issue(SHEET_II_1);
  if (blank) issues.push(blank);
  return {
    name: SHEET_II_1,
    rows,
    widths: [6, 16, 16, 16, 16, 16, 16, 16, 16, 10],
    frozenRows: 0,
    merges: ['A2:B3', 'A4:A5', 'A6:A7'],
    // Ten columns of long headers: landscape prints them at full size (portrait would shrink them to about 65 %).
    landscape: true,
  };
}

// ───────────────────────────── 表Ⅱ-2 ─────────────────────────────

/** The headers of 表Ⅱ-2; the floor in the 备注 header is the profile's (shenbao.md §2.1). */
const ii2Headers = (floorRatio: number) => [
  '序号', '学校名称', '举办者类型', '在校生数', '年级数', '班级数',
  ...FORM_INDICATOR_HEADERS.map((h) => h.replace('（㎡）', '（㎡）')),
  '该校综合评估是否达标', `备注（注明有哪几项指标达标，哪几项指标达到${plain(floorRatio * 100)}%）`,
];

const THROUGH = new Set(['九年一贯制学校', '十二年一贯制学校']);

function nameWithSuffix(u: UnitResult, profile: ResolvedProfile): string {
  const name = u.school.name;
  if (!profile.shenbao.partSuffix) return name;
  const type = u.school.type;
  const suffix = u.stage === '小学' && type !== null && THROUGH.has(type) ? '（小学部）' : u.stage === '初中' && type !== null && (THROUGH.has(type) || type === '完全中学') ? '（初中部）' : '';
  return suffix && !name.endsWith(suffix) ? name + suffix : name;
}

/** 备注: 「达标：L7、L8；达到85%：L11」 (shenbao.md §5); empty when a verdict is unknown. */
export function formRemark(u: UnitResult, floorRatio: number): string {
  const met: string[] = [];
  const floor: string[] = [];
  for (let k = 0; k < INDICATOR_IDS.length; k++) {
    const i = u.indicators[INDICATOR_IDS[k]];
    if (i.met === null || i.aboveFloor === null) return '';
    if (i.met) met.push(`L${k + 7}`);
    else if (i.aboveFloor) floor.push(`L${k + 7}`);
  }
  const parts: string[] = [];
  if (met.length) parts.push(`达标：${met.join('、')}`);
  if (floor.length) parts.push(`达到${plain(floorRatio * 100)}%：${floor.join('、')}`);
  return parts.join('；');
}

/**
 * 表Ⅱ-2, one row per unit. With `build` false only its warnings are made (what `validate` needs): the same
 * checks in the same order, without the 10 000 rows of cells a large county would otherwise build and drop.
 */
function tableII2(a: Analysis, issues: Issue[], build = true): SheetGrid | null {
  const p = a.profile;
  const blanks = new Blanks();
  const rows: SheetCell[][] = [];
  if (build) {
    rows.push(row(15, { 0: title('表Ⅱ-2 小学、初中资源配置基本情况（分学校）') }));
    rows.push(ii2Headers(p.floorRatio).map(head));
    rows.push(row(15, Object.fromEntries(Array.from({ length: 14 }, (_, i) => [i, head(`L${i + 1}`)])), () => head('')));
  }
  const counts = { A: 0, B: 0, C: 0, D: 0, E: 0, F: 0 };
  // 举办者类型 (template-additions §1): a blank cell of a listed 公办 school is taken as 7 and warned at that cell;
  // without the column every code comes from 办学性质, said once for the sheet.
  const ownerColumn = a.read.layout.schools.columns.ownerType !== undefined;
  const defaultedAt = new Set<number>();
  let fromOwnership = false;
  // The sheet row of the next unit (0-based): three header rows, then the units in order.
  let r = 3;
  // Schools whose 学校类型 has an error: their units cannot be placed in either block (shenbao.md §5).
  const unplaced = new Map<number, string>();
  for (const stage of STAGES) {
    let seq = 0;
    for (const u of unitsOf(a, stage)) {
      const type = u.school.type;
      if (type === null) {
        unplaced.set(u.school.row, u.school.name || u.school.code);
        continue;
      }
      seq++;
      if (stage === '小学') {
        counts.A++;
        if (THROUGH.has(type)) counts.B++;
        if (type === '小学教学点') counts.C++;
      } else {
        counts.D++;
        if (THROUGH.has(type)) counts.E++;
        if (type === '完全中学') counts.F++;
      }
      // 举办者类型: the code when given; blank (or column absent): 民办 → 10, 公办 → 7; with an error: empty.
      const ownerType = schoolExtra(u.school, 'ownerType');
      let ownerCode: number | null = ownerType;
      if (ownerType === null) {
        if (schoolBad(u.school, 'ownerType')) blanks.add(a1(r, 2), fieldInputName('schools', 'ownerType', true));
        else if (u.school.ownership === null) blanks.add(a1(r, 2), fieldInputName('schools', 'ownership', schoolBad(u.school, 'ownership')));
        else {
          ownerCode = u.school.ownership === '民办' ? 10 : 7;
          if (!ownerColumn) fromOwnership = true;
          else if (ownerCode === 7) defaultedAt.add(u.school.row);
        }
      }
      const studentsField = stage === '小学' ? 'studentsPrimary' : 'studentsJunior';
      if (u.students === null) blanks.add(a1(r, 3), fieldInputName('schools', studentsField, schoolBad(u.school, studentsField)));
      const missingRow = u.row ? null : `「${SHEET_STAGES}」${u.school.name || u.school.code}的${stage}行`;
      const grades = u.row ? stageExtra(u.row, 'grades') : null;
      if (grades === null) blanks.add(a1(r, 4), missingRow ?? fieldInputName('stages', 'grades', (u.row!.bad as Set<string>).has('grades')));
      const classes = u.row && !u.row.bad.has('classes') ? u.row.classes : null;
      if (classes === null) blanks.add(a1(r, 5), missingRow ?? fieldInputName('stages', 'classes', u.row!.bad.has('classes')));
      const values: SheetCell[] | null = build ? [] : null;
      // The inputs behind the unit's unknown values: they leave its L14 and 备注 empty too.
      const unknown: string[] = [];
      for (let k = 0; k < INDICATOR_IDS.length; k++) {
        const id = INDICATOR_IDS[k];
        const i = u.indicators[id];
        if (i.value === null) {
          for (const input of unitInputsMissing(a, u, id)) {
            blanks.add(a1(r, 6 + k), input);
            unknown.push(input);
          }
          values?.push(empty());
          continue;
        }
        // A failing value printed with 2 decimals that seems to meet its threshold: the cell's own rounding.
        if (i.met === false && Number.isFinite(i.value)) {
          const shown = roundHalfUp(i.value, 2);
          if (shown >= i.threshold) issues.push(roundedWarning(SHEET_II_2, a1(r, 6 + k), shown, 2, i.value, i.threshold, 'below'));
        }
        values?.push(num(i.value, 2, i.met === false));
      }
      // L14 is empty when `passes` is unknown, 备注 when a `met` is: both whenever a value is unknown.
      for (const input of unknown) {
        blanks.add(a1(r, 13), input);
        blanks.add(a1(r, 14), input);
      }
      if (values) {
        const verdict: SheetCell =
          u.passes === null ? empty() : p.shenbao.passMark === '1' ? (u.passes ? num(1, 0) : empty()) : { value: u.passes ? '是' : '否', style: 'formNumber' };
        const owner = ownerCode === null ? empty() : num(ownerCode, 0);
        rows.push([num(seq, 0), text(nameWithSuffix(u, p)), owner, num(u.students, 0), num(grades, 0), num(classes, 0), ...values, verdict, text(formRemark(u, p.floorRatio) || null)]);
      }
      r++;
    }
  }
  for (const row of [...defaultedAt].sort((x, y) => x - y)) {
    const at = locate(a.read.layout, { sheet: 'schools', row, field: 'ownerType' })!;
    issues.push({
      severity: 'warning',
      code: 'owner-type-defaulted',
      sheet: at.sheet,
      cell: at.cell,
      message: '举办者类型为空，申报表表Ⅱ-2按县级教育部门（7）填写',
      fix: '如该校由省、市部门或高校、企业举办，请选择相应代码',
    });
  }
  if (fromOwnership)
    issues.push({
      severity: 'warning',
      code: 'owner-type-defaulted',
      sheet: a.read.layout.schools.sheet,
      message: `「${SHEET_SCHOOLS}」没有“举办者类型”列，申报表表Ⅱ-2的举办者类型已按办学性质填写：公办7（县级教育部门），民办10`,
      fix: '如有省、市直属或高校、企业举办的学校，请增加“举办者类型”列并选择代码',
    });
  // Not listed, and so not in the footnote's counts: the warning is at the footnote when no cell is open.
  for (const name of [...unplaced.keys()].sort((x, y) => x - y).map((k) => unplaced.get(k)!))
    blanks.unlisted(name, `的${fieldInputName('schools', 'type', true).replace('（有错误，见问题清单）', '')}有错误（见问题清单），无法确定学段`, a1(r, 0));
  const blank = blanks.issue(SHEET_II_2);
  if (blank) issues.push(blank);
  if (!build) return null;
  const cut = p.scope.teachingPointMinStudents;
  const footnote =
    `注：1.小学学校总数${counts.A}所（其中：一贯制学校的小学部有${counts.B}所，${plain(cut)}人及以上教学点有${counts.C}个），` +
    `初中学校总数${counts.D}所（其中：一贯制学校的初中部${counts.E}所，完全中学的初中部${counts.F}所）。` +
    '2.举办者类型处填写代码：中央教育部门代码为1、中央其他部门为2、省级教育部门为3、省级其他部门为4、地级教育部门为5、地级其他部门为6、县级教育部门为7、县级其他部门为8、地方企业为9、民办为10。' +
    '3.L7-L13数值均保留两位小数。';
  const footRow = rows.length;
  rows.push(row(15, { 0: { value: footnote, style: 'formFootnote' } }));
  return {
    name: SHEET_II_2,
    rows,
    // Narrower than shenbao.md §5 suggests, except 学校名称 (a name with 「（小学部）」 fits one line): the table
    // then prints at about 70 % on A4 landscape.
    widths: [5, 34, 7, 8, 6, 6, 13, 13, 13, 13, 13, 13, 13, 10, 48],
    frozenRows: 3,
    merges: ['A1:O1', `A${footRow + 1}:O${footRow + 1}`],
    rowHeights: { [footRow]: 48 },
    landscape: true,
  };
}

// ───────────────────────────── 表Ⅲ ─────────────────────────────

/**
 * What the 表Ⅲ 综合 value (L8) is (shenbao.md §6): J5/J7's note and the 综合 rows of 「核验_校际均衡」, with the
 * limits of the applied profile.
 */
export function compositeCvSentence(p: ResolvedProfile): string {
  // At least 2 decimals as the spec prints them (0.50), more when a profile's limit has them (0.475, not 0.48).
  const limit = (x: number) => x.toFixed(Math.max(2, plain(x).split('.')[1]?.length ?? 0));
  // Local limits are not the 2017 办法's (standard §8): under other limits the sentence names the rules applied.
  const whose = p.cvLimits.小学 === NATIONAL.cvLimits.小学 && p.cvLimits.初中 === NATIONAL.cvLimits.初中 ? '2017年办法' : `所用规则配置「${p.name}」`;
  return `参考值：本学段7项指标差异系数的算术平均值，不是达标条件；${whose}要求每项差异系数分别不超过${limit(p.cvLimits.小学)}（小学）、${limit(p.cvLimits.初中)}（初中）`;
}

/**
 * Why a 学段's county mean or CV of one indicator is unknown (evaluate): the inputs behind its units' unknown
 * values and student counts, and a 办学性质 with an error when 民办 is left out (the scope is then unknown).
 */
function balanceMissing(a: Analysis, us: readonly UnitResult[], id: IndicatorId): string[] {
  const out = new Set<string>();
  for (const u of us) {
    if (u.indicators[id].value === null || u.students === null) for (const input of unitInputsMissing(a, u, id)) out.add(input);
    if (!a.profile.scope.includePrivate && schoolBad(u.school, 'ownership')) out.add(fieldInputName('schools', 'ownership', true));
  }
  return out.size ? [...out] : ['相关数据（见问题清单）'];
}

function tableIII(a: Analysis, issues: Issue[]): SheetGrid {
  const p = a.profile;
  const blanks = new Blanks();
  const rows: SheetCell[][] = [];
  const notes: { address: string; text: string }[] = [];
  rows.push(row(10, { 0: title('表Ⅲ 县域义务教育校际均衡情况') }));
  rows.push(row(10, Object.fromEntries([...FORM_INDICATOR_HEADERS, '综合'].map((t, i) => [i + 2, head(t)])), () => head('')));
  rows.push(row(10, Object.fromEntries(Array.from({ length: 8 }, (_, i) => [i + 2, head(`L${i + 1}`)])), () => head('')));
  for (const stage of STAGES) {
    const b = a.evaluation.balance[stage];
    const meanRow = rows.length;
    if (!b || b.units === 0) {
      rows.push([head(stage), head('全县平均值'), ...Array.from({ length: 8 }, dash)]);
      rows.push([head(''), head('差异系数'), ...Array.from({ length: 8 }, dash)]);
      continue;
    }
    const composite = p.shenbao.compositeCv === 'mean' ? a1(meanRow + 1, 9) : null;
    let us: UnitResult[] | undefined;
    const units = () => (us ??= unitsOf(a, stage));
    const means = INDICATOR_IDS.map((id, k) => {
      const i = b.indicators[id];
      if (i.mean === null) {
        // Mean and CV unknown together; 综合 needs every CV.
        for (const input of balanceMissing(a, units(), id)) for (const cell of [a1(meanRow, 2 + k), a1(meanRow + 1, 2 + k), ...(composite ? [composite] : [])]) blanks.add(cell, input);
      } else if (i.cv === null) {
        // A county mean of 0: the CV (σ ÷ mean) cannot be computed.
        for (const cell of [a1(meanRow + 1, 2 + k), ...(composite ? [composite] : [])]) blanks.because(cell, `因${stage}“${FORM_INDICATOR_HEADERS[k]}”的全县平均值为0，差异系数无法计算`);
      }
      return num(i.mean, 2);
    });
    const cvs = INDICATOR_IDS.map((id, k) => {
      const i = b.indicators[id];
      const c = num(i.cv, 3, i.passes === false);
      if (i.passes === false && i.cv !== null && (c.value as number) <= i.limit)
        issues.push(roundedWarning(SHEET_III, a1(meanRow + 1, 2 + k), c.value as number, 3, i.cv, i.limit, 'above'));
      return c;
    });
    const all = INDICATOR_IDS.map((id) => b.indicators[id].cv);
    let compositeCell: SheetCell;
    if (p.shenbao.compositeCv === 'dash') compositeCell = dash();
    else if (all.some((x) => x === null)) compositeCell = empty();
    else {
      compositeCell = num((all as number[]).reduce((s, x) => s + x, 0) / all.length, 3);
      notes.push({
        address: a1(meanRow + 1, 9),
        text: noteText(compositeCvSentence(p), null),
      });
    }
    rows.push([head(stage), head('全县平均值'), ...means, dash()]);
    rows.push([head(''), head('差异系数'), ...cvs, compositeCell]);
  }
  const blank = blanks.issue(SHEET_III);
  if (blank) issues.push(blank);
  rows.push(row(10, { 0: { value: '注：全县平均值保留两位小数，差异系数保留三位小数。', style: 'formFootnote' } }));
  return {
    name: SHEET_III,
    rows,
    widths: [6, 11, 16, 16, 16, 16, 16, 16, 16, 9],
    frozenRows: 0,
    merges: ['A2:B3', 'A4:A5', 'A6:A7'],
    notes,
    landscape: true,
  };
}

/** The official tables (表Ⅰ–表Ⅵ and 「一票否决」), with the warnings they raise (shenbao-blanks, rounding, defaults). */
export function shenbaoSheets(a: Analysis): { sheets: SheetGrid[]; issues: Issue[] } {
  const issues: Issue[] = [];
  // In the order of shenbao.md §1; each builder adds its own warnings.
  const sheets = [table1(a, issues), tableII1(a, issues), tableII2(a, issues)!, tableIII(a, issues), table4(a, issues), table5(a, issues), table6(a, issues), vetoSheet(a)];
  return { sheets, issues };
}

/**
 * The warnings of the official tables alone, equal to `shenbaoSheets(a).issues` (tests/report/shenbao): what
 * `validate` and the report need. 表Ⅱ-2, the only table with a row per unit, then builds no cells.
 */
export function shenbaoIssues(a: Analysis): Issue[] {
  const issues: Issue[] = [];
  table1(a, issues);
  tableII1(a, issues);
  tableII2(a, issues, false);
  tableIII(a, issues);
  table4(a, issues);
  table5(a, issues);
  table6(a, issues);
  return issues;
}
