/**
 * Shared pieces of the official tables (shenbao.md §2): cell styles, rounded number cells, the
 * 「＿＿」 sentences, the `shenbao-blanks` collector, and typed access to the inputs of
 * template-additions.md, read defensively so that a workbook of the first template (or a reader that does not
 * know a new input yet) leaves the blank open instead of failing.
 */
import { fixedAgainst } from '../../domain/numbers';
import type { CellRef } from '../../domain/refs';
import { ITEMS } from '../../domain/rules';
import { renderMessage } from '../../domain/rules/render';
import { indicatorInputRefs, type UnitResult } from '../../domain/evaluate';
import { STAGES, TYPE_STAGES, type County, type CountyValue, type School, type Stage, type StageRow } from '../../domain/model';
import type { IndicatorId } from '../../domain/profile';
import type { Issue } from '../../template/issues';
import { COUNTY_ROWS, SCHOOL_COLUMNS, SHEET_COUNTY, SHEET_SCHOOLS, SHEET_STAGES, STAGE_COLUMNS } from '../../template/schema';
import type { Analysis } from '../analysis';
import type { SheetCell, SheetCellValue } from '../model';
import { formatOf, printed, roundHalfUp } from './round';

export const DASH = '——';
/** A fill-in blank of the form, two U+FF3F. */
export const BLANK = '＿＿';

export const title = (t: string): SheetCell => ({ value: t, style: 'formTitle' });
export const head = (t: string): SheetCell => ({ value: t, style: 'formHeader' });
export const text = (value: SheetCellValue): SheetCell => ({ value, style: 'formText' });
export const footnote = (t: string): SheetCell => ({ value: t, style: 'formFootnote' });
export const empty = (): SheetCell => ({ value: null, style: 'formNumber' });
export const dash = (): SheetCell => ({ value: DASH, style: 'formNumber' });
export const bare = (): SheetCell => ({ value: null });
export const word = (w: string | null): SheetCell => ({ value: w, style: 'formNumber' });

/** A rounded number cell, or an empty cell when the value is unknown. */
export function num(x: number | null, digits: number, flag = false): SheetCell {
  if (x === null || !Number.isFinite(x)) return empty();
  const c: SheetCell = { value: roundHalfUp(x, digits), format: formatOf(digits), style: 'formNumber' };
  if (flag) c.flag = true;
  return c;
}

/** A row of `n` cells, filled by position. */
export function row(n: number, cells: Record<number, SheetCell> = {}, fill: () => SheetCell = bare): SheetCell[] {
  return Array.from({ length: n }, (_, i) => cells[i] ?? fill());
}

/** A threshold or ratio as printed in a sentence: no trailing zeros. */
export function plain(x: number): string {
  return String(Number(x.toFixed(6)));
}

/** 是/否 of an item's verdict (shenbao.md §2.5): empty when 未填报 or 无法评估. */
export function verdictWord(a: Analysis, id: string): SheetCell {
  const item = a.evaluation.items.find((i) => i.id === id);
  return word(item?.passes === true ? '是' : item?.passes === false ? '否' : null);
}

/**
 * Cells a table could not fill, by the input that is missing (shenbao.md §2.4). Inputs sharing the same
 * cells are named together; at most 10 inputs are named, then 「等N项」.
 */
export class Blanks {
  private readonly byInput = new Map<string, string[]>();
  /** Cells left empty for a reason that is not a missing input (a county mean of 0), by that reason. */
  private readonly byReason = new Map<string, string[]>();
  private readonly cells = new Set<string>();
  private first: string | null = null;
  /** Per input or reason, its cells as a set too: `includes` on the list made a county of n blank cells cost n². */
  private readonly seen = new Map<string, Set<string>>();
  /** Schools a table cannot list (表Ⅱ-2: 学校类型 with an error), with the cell the warning is at when no cell is open. */
  private readonly unlistedSchools: string[] = [];
  private unlistedCell: string | null = null;
  private unlistedWhy = '';
  add(cell: string, input: string): void {
    this.put(this.byInput, cell, input);
  }
  /** A cell left empty because of `reason` (a clause such as 「因…无法计算」), not a missing input. */
  because(cell: string, reason: string): void {
    this.put(this.byReason, cell, `\u0000${reason}`);
  }
  /** A school the table cannot list: `why` says why (the same for every school of a table), `cell` is the fallback address. */
  unlisted(school: string, why: string, cell: string): void {
    this.unlistedSchools.push(school);
    this.unlistedWhy = why;
    this.unlistedCell ??= cell;
  }
  private put(map: Map<string, string[]>, cell: string, key: string): void {
    if (!this.first) this.first = cell;
    this.cells.add(cell);
    const list = map.get(key);
    if (!list) {
      map.set(key, [cell]);
      this.seen.set(key, new Set([cell]));
    } else {
      const seen = this.seen.get(key)!;
      if (!seen.has(cell)) {
        seen.add(cell);
        list.push(cell);
      }
    }
  }
  get empty(): boolean {
    return this.first === null && this.unlistedSchools.length === 0;
  }
  /** One warning for the sheet, or none. `kept`: what the open cells show. */
  issue(sheet: string, kept = '留空'): Issue | null {
    if (this.empty) return null;
    // inputs with an error and missing 学段 rows (an error too) first: they are what to fix, and the list is cut after 10
    const all = [...this.byInput.entries()];
    const first = ([i]: [string, string[]]) => i.includes('有错误') || MISSING_ROW.test(i);
    const inputs = [...all.filter(first), ...all.filter((e) => !first(e))];
    const named = inputs.slice(0, 10);
    // group the named inputs by the cells they leave open, in order of first appearance
    const groups = new Map<string, string[]>();
    for (const [input, cells] of named) {
      const key = cells.join('、');
      const g = groups.get(key);
      if (g) g.push(input);
      else groups.set(key, [input]);
    }
    const cellsText = (cells: string[]) => (cells.length > 3 ? `${cells.slice(0, 3).join('、')}等${cells.length}处` : cells.join('、'));
    const parts = [...groups.entries()].map(([key, ins]) => `${cellsText(key.split('、'))}缺${joinInputs(ins)}`);
    const more = inputs.length > 10 ? `等${inputs.length}项` : '';
    const reasons = [...this.byReason.entries()].map(([reason, cells]) => `${cellsText(cells)}${reason.slice(1)}`);
    const opened = this.first ? `${sheet}有${this.cells.size}处未能填写（${kept}）：${[parts.join('；') + more, ...reasons].filter(Boolean).join('；')}` : '';
    const u = this.unlistedSchools;
    const names = u.length > 10 ? `${u.slice(0, 10).join('、')}等${u.length}所` : u.join('、');
    const unlisted = u.length ? `${opened ? '；另有' : `${sheet}有`}${u.length}所学校${this.unlistedWhy}，未能列入本表：${names}` : '';
    return {
      severity: 'warning',
      code: 'shenbao-blanks',
      sheet,
      cell: this.first ?? this.unlistedCell!,
      message: opened + unlisted,
      fix: blanksFix(inputs.map(([i]) => i), this.byReason.size > 0 && this.unlistedSchools.length === 0),
    };
  }
}

/**
 * The fix of a `shenbao-blanks` warning: the sheets its inputs are on, in the words of shenbao.md §2.4 when they
 * are all 「县级指标」 rows (「在「县级指标」增加并填写上述行后重新核验，或在正式申报表中手工填写」); a missing 学段 row
 * is added in 「分学段信息」; inputs with an error are corrected (only that, when all have one). With only `reasons` (a county
 * mean of 0, room areas the template cannot settle) the case is checked and the form filled by hand; otherwise
 * without inputs (a school that cannot be placed) the fix is general.
 */
function blanksFix(inputs: readonly string[], reasons = false): string {
  const rowFix = inputs.some((i) => MISSING_ROW.test(i)) ? `在「${SHEET_STAGES}」补上缺少的学段行；` : '';
  const rest = inputs.filter((i) => !MISSING_ROW.test(i));
  const sheets = [...new Set(rest.map((i) => /^「([^」]+)」/.exec(i)?.[1]).filter((x): x is string => x !== undefined))];
  const corrected = rest.some((i) => i.includes('有错误')) ? '（或改正有错误的数据）' : '';
  const tail = '后重新核验，或在正式申报表中手工填写';
  // nothing to add, only errors to correct (a 学校类型 with an error leaves 表Ⅱ-1's counts open)
  if (rest.length && rest.every((i) => i.includes('有错误'))) return `${rowFix}改正上述有错误的数据${tail}`;
  if (sheets.length === 1 && sheets[0] === SHEET_COUNTY) return `${rowFix}在「${SHEET_COUNTY}」增加并填写上述行${corrected}${tail}`;
  if (sheets.length) return `${rowFix}在${sheets.map((x) => `「${x}」`).join('')}中增加并填写上述数据${corrected}${tail}`;
  if (rowFix) return `${rowFix}然${tail}`;
  // Only reasons (a county mean of 0, room areas the template cannot settle): no input to add.
  if (!inputs.length && reasons) return '核对上述情况；确认无误的，请在正式申报表中手工填写';
  return `核对并改正上述数据${tail}`;
}

/**
 * 「县级指标」“a”“b” rather than 「县级指标」“a”「县级指标」“b”. A missing 学段 row (「分学段信息」X的初中行) is not a
 * quoted label: it is set off by 「、」, else two rows would run together (「…X的初中行Y的初中行」).
 */
function joinInputs(inputs: string[]): string {
  let prev = '';
  let prevQuoted = false;
  let out = '';
  for (const i of inputs) {
    const m = /^(「[^」]+」)(.*)$/.exec(i);
    const quoted = m !== null && m[2].startsWith('“');
    if (out) out += quoted && prevQuoted ? '' : '、';
    out += m && m[1] === prev ? m[2] : i;
    prev = m ? m[1] : '';
    prevQuoted = quoted;
  }
  return out;
}

// ───────────────────────────── county values ─────────────────────────────

/**
 * Template labels of the 「县级指标」 rows the tables read (template-additions.md §3; the keys of
 * shenbao-keys). The schema's own label wins when it has the key.
 */
export const COUNTY_LABELS: Record<string, string> = {
  population: '人口总数(万人)',
  ruralPopulation: '农业人口数(万人)',
  townships: '乡镇数(个)',
  villages: '行政村数(个)',
  gdpPerCapita: '年人均国内生产总值(元)',
  revenuePerCapita: '年人均地方财政收入(元)',
  ruralIncome: '农民年人均纯收入(元)',
  urbanIncome: '城镇居民年人均可支配收入(元)',
  primaryStaff: '小学教职工数(人)',
  juniorStaff: '初中教职工数(人)',
  specialFundingTotal: '特殊教育学校公用经费总额(元)',
  specialStudents: '特殊教育学校在校生数(人)',
  specialEdFunding: '特殊教育学校生均公用经费(元)',
  teacherPay: '义务教育学校教师年平均工资收入(元)',
  civilServantPay: '当地公务员年平均工资收入(元)',
  eligibleExchange: '符合交流条件教师数(人)',
  exchanged: '交流轮岗教师数(人)',
  exchangedBackbone: '其中交流轮岗骨干教师数(人)',
  quotaPlan: '优质高中招生计划数(人)',
  quotaAllocated: '分配到初中学校的招生名额数(人)',
  quotaRural: '其中分配到农村初中的名额数(人)',
  migrantEligible: '符合条件的随迁子女数(人)',
  migrantPublic: '在公办学校和政府购买服务的民办学校就读的随迁子女数(人)',
  migrantPublicOnly: '其中在公办学校就读的随迁子女数(人)',
  migrantPurchased: '其中在政府购买服务的民办学校就读的随迁子女数(人)',
  retentionRate: '初中三年巩固率(%)',
  disabledEnrolment: '残疾儿童少年入学率(%)',
  q1Graduates: '初中毕业班学生数(人)',
  q1Entrants: '三年前该年级入学学生数(人)',
  q1TransfersIn: '毕业年级三年转入学生数(人)',
  q1TransfersOut: '毕业年级三年转出学生数(人)',
  q1Deaths: '毕业年级三年死亡学生数(人)',
  disabledChildren: '适龄残疾儿童少年数(人)',
  disabledEnrolled: '其中已入学的适龄残疾儿童少年数(人)',
  disabledInSpecial: '其中在特殊教育学校就读的残疾儿童少年数(人)',
  srSurveys: '社会认可度问卷总数(份)',
  srValid: '社会认可度回收有效问卷数(份)',
  srSatisfied: '社会认可度满意问卷数(份)',
  srVisits: '社会认可度实地走访人数(人)',
  srVisitsSatisfied: '社会认可度实地走访满意人数(人)',
  srParentSurveys: '其中家长问卷总数(份)',
  srParentValid: '其中家长回收有效问卷数(份)',
  srParentSatisfied: '其中家长满意问卷数(份)',
  srParentVisits: '其中家长实地走访人数(人)',
  srParentVisitsSatisfied: '其中家长实地走访满意人数(人)',
  veto1: '存在以考试方式招生',
  veto2: '存在违规择校行为',
  veto3: '存在重点学校或重点班',
  veto4: '存在“有编不补”或长期聘用编外教师的情况',
  veto5: '教育系统存在重大安全责任事故和严重违纪违规事件；有弄虚作假行为',
  veto6: '规范治理校外培训机构及减轻中小学课外负担不力',
};

/** The six Q9 subjects, their key suffixes, in the order of the form. */
export const Q9_SUBJECTS = [
  ['语文', 'Chinese'],
  ['数学', 'Math'],
  ['科学', 'Science'],
  ['体育', 'PE'],
  ['艺术', 'Arts'],
  ['德育', 'Moral'],
] as const;
for (const [name, key] of Q9_SUBJECTS) {
  COUNTY_LABELS[`q9Level${key}`] = `质量监测${name}学业水平`;
  COUNTY_LABELS[`q9Gap${key}`] = `质量监测${name}校际差异率`;
}

export function countyLabel(key: string): string {
  return COUNTY_ROWS.find((r) => r.key === key)?.label ?? COUNTY_LABELS[key] ?? key;
}

/** The input as named in `shenbao-blanks`: 「县级指标」“label”, or with its error. */
export function countyInputName(a: Analysis, key: string): string {
  const v = a.read.county.countyValues[key];
  return `「${SHEET_COUNTY}」“${countyLabel(key)}”${v?.error ? '（有错误，见问题清单）' : ''}`;
}

/** A county value, or undefined when the row is absent. */
function countyValue(a: Analysis, key: string): CountyValue | undefined {
  return a.read.county.countyValues[key];
}

/** A number of 「县级指标」: null when the row is absent, blank, not a number or has an error. */
export function countyNum(a: Analysis, key: string): number | null {
  const v = countyValue(a, key);
  if (!v || v.error) return null;
  return typeof v.value === 'number' && Number.isFinite(v.value) ? v.value : null;
}

/** Any value of 「县级指标」 (number, boolean, text): null when absent, blank or erroneous. */
export function countyAny(a: Analysis, key: string): number | boolean | string | null {
  const v = countyValue(a, key);
  if (!v || v.error) return null;
  return v.value;
}

/** The 「简要结论」 text of a row (column E, template-additions §3.10), or null. */
export function countyConclusion(a: Analysis, key: string): string | null {
  const v = countyValue(a, key) as (CountyValue & { conclusion?: unknown }) | undefined;
  const c = v?.conclusion;
  return typeof c === 'string' && c.trim() ? c.trim() : null;
}

// ───────────────────────────── new school / stage fields ─────────────────────────────

/** A numeric field of a school that the model may not have yet (`ownerType`): null when absent, blank or bad. */
export function schoolExtra(s: School, field: 'ownerType'): number | null {
  if ((s.bad as Set<string>).has(field)) return null;
  const v = (s as unknown as Record<string, unknown>)[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Whether a school / stage field holds an error. */
export const schoolBad = (s: School, field: string) => (s.bad as Set<string>).has(field);
export const stageBad = (r: StageRow, field: string) => (r.bad as Set<string>).has(field);

/** A numeric field of a 学段 row that the model may not have yet (`grades`, `oversizeClasses`). */
export function stageExtra(r: StageRow, field: 'grades' | 'oversizeClasses'): number | null {
  if (stageBad(r, field)) return null;
  const v = (r as unknown as Record<string, unknown>)[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

const NEW_FIELD_HEADERS: Record<string, string> = { ownerType: '举办者类型', grades: '年级数(个)', oversizeClasses: '超过标准班额的班级数(个)' };
/** fieldInputName's texts, made once each: the tables ask for one per unit of a large county. */
const inputNames = new Map<string, string>();

/** The template header of a school / stage field, for `shenbao-blanks`. */
export function fieldInputName(sheet: 'schools' | 'stages', field: string, bad = false): string {
  const key = `${sheet}\u0000${field}\u0000${bad ? 1 : 0}`;
  let name = inputNames.get(key);
  if (name === undefined) {
    const header = (sheet === 'schools' ? SCHOOL_COLUMNS : STAGE_COLUMNS).find((c) => c.field === field)?.header ?? NEW_FIELD_HEADERS[field] ?? field;
    name = `「${sheet === 'schools' ? SHEET_SCHOOLS : SHEET_STAGES}」“${header}”${bad ? '（有错误，见问题清单）' : ''}`;
    inputNames.set(key, name);
  }
  return name;
}

/**
 * The inputs that leave indicator `id` of a unit without a value (shenbao.md §2.4), by their template headers:
 * an unusable 学校类型 or student count, a missing 学段 row, the indicator's own cells with an error. A blank cell
 * is named only when nothing else is (most optional blanks count as 0 and leave the value known).
 */
export function unitInputsMissing(a: Analysis, u: UnitResult, id: IndicatorId): string[] {
  let byId = unitMissingCache.get(u);
  if (!byId) unitMissingCache.set(u, (byId = new Map()));
  const known = byId.get(id);
  if (known) return known;
  const s = u.school;
  const out = new Set<string>();
  const blank = new Set<string>();
  if (s.type === null) out.add(fieldInputName('schools', 'type', true));
  const own = u.stage === '小学' ? 'studentsPrimary' : 'studentsJunior';
  if (u.students === null || u.students <= 0) (schoolBad(s, own) ? out : blank).add(fieldInputName('schools', own, schoolBad(s, own)));
  if (u.share === null) for (const f of ['studentsPrimary', 'studentsJunior', 'studentsSenior'] as const) if (schoolBad(s, f)) out.add(fieldInputName('schools', f, true));
  if (!u.row) out.add(stageRowInputName(s, u.stage));
  for (const ref of indicatorInputRefs(u, id, a.profile)) {
    if (ref.sheet === 'county') continue;
    const o = (ref.sheet === 'schools' ? s : u.row) as unknown as { bad: Set<string> } & Record<string, unknown>;
    if (o.bad.has(ref.field)) out.add(fieldInputName(ref.sheet, ref.field, true));
    else if (o[ref.field] === null || o[ref.field] === undefined) blank.add(fieldInputName(ref.sheet, ref.field));
  }
  const names = out.size ? [...out] : blank.size ? [...blank] : ['相关数据（见问题清单）'];
  byId.set(id, names);
  return names;
}
/** unitInputsMissing's answers: 表Ⅱ-1, 表Ⅱ-2 and 表Ⅲ ask for the same units. */
const unitMissingCache = new WeakMap<UnitResult, Map<IndicatorId, string[]>>();

/** A school's missing row of 「分学段信息」 as an input a blank names: 「分学段信息」乙九年的初中行. */
export function stageRowInputName(s: School, stage: Stage): string {
  return `「${SHEET_STAGES}」${s.name || s.code}的${stage}行`;
}
/** stageRowInputName's texts. */
const MISSING_ROW = new RegExp(`^「${SHEET_STAGES}」.*的(${STAGES.join('|')})行$`);

/**
 * The rows of a 学段 missing from 「分学段信息」 (a school whose 学校类型 has the 学段 and no row for it: the reader's
 * missing-stage-row error), each as the input a blank names. A county sum over 学段 rows is unknown while one is
 * missing, as it is with a blank or erroneous cell (shenbao.md §2.4; standard §8: missing data is never skipped).
 */
export function missingStageRows(a: Analysis, stage: Stage): string[] {
  return missingRowsOf(a).byStage[stage];
}

interface MissingRows {
  byStage: Record<Stage, string[]>;
  /** By the school's sheet row (0-based). */
  bySchool: Map<number, string[]>;
}

function missingRowsOf(a: Analysis): MissingRows {
  const county = a.read.county;
  let found = missingRowsCache.get(county);
  if (!found) {
    const have = new Set(county.stageRows.map((r) => `${r.code}\u0000${r.stage}`));
    found = { byStage: { 小学: [], 初中: [] }, bySchool: new Map() };
    for (const sc of county.schools) {
      if (sc.type === null) continue;
      for (const st of STAGES) {
        if (!TYPE_STAGES[sc.type][st] || have.has(`${sc.code}\u0000${st}`)) continue;
        const name = stageRowInputName(sc, st);
        found.byStage[st].push(name);
        found.bySchool.set(sc.row, [...(found.bySchool.get(sc.row) ?? []), name]);
      }
    }
    missingRowsCache.set(county, found);
  }
  return found;
}
const missingRowsCache = new WeakMap<County, MissingRows>();

/** The input behind an engine cell reference. */
export function refInputName(a: Analysis, ref: CellRef, bad: boolean): string {
  if (ref.sheet === 'county') {
    const key = Object.entries(a.read.county.countyValues).find(([, v]) => v?.row === ref.row)?.[0];
    return key ? countyInputName(a, key) : `「${SHEET_COUNTY}」`;
  }
  return fieldInputName(ref.sheet, ref.field, bad);
}

// ───────────────────────────── sentences ─────────────────────────────

/** A value in a sentence blank: a number rounded to `digits`, a text, 「——」, or unknown (stays 「＿＿」). */
export type Fill = { n: number; d: number } | { t: string } | null;

export const n = (x: number | null, d = 0): Fill => (x === null || !Number.isFinite(x) ? null : { n: x, d });
export const t = (s: string | null): Fill => (s === null ? null : { t: s });
/** part ÷ whole × 100 (1 decimal); 「——」 for a zero whole; unknown when either is. */
export function pct(part: number | null, whole: number | null): Fill {
  if (part === null || whole === null) return null;
  if (whole === 0) return { t: DASH };
  return { n: (part / whole) * 100, d: 1 };
}

/** Replaces each 「＿＿」 of `template` in order; an unknown value leaves its 「＿＿」. */
export function sentence(template: string, fills: Fill[]): string {
  let i = 0;
  return template.replace(/＿＿/g, () => {
    const f = fills[i++];
    if (!f) return BLANK;
    return 't' in f ? f.t : printed(f.n, f.d);
  });
}

/** Whether a sentence kept any blank. */
export const hasBlank = (fills: Fill[]) => fills.some((f) => f === null);

// ───────────────────────────── items ─────────────────────────────

/** The form's label of an item (表Ⅳ/表Ⅴ column A), thresholds from the profile: the rule's `form` words. */
export function formLabel(a: Analysis, id: string, fallback: string): string {
  const r = ITEMS.find((i) => i.id === id);
  return r && r.messages.form !== undefined ? renderMessage(r, 'form', a.profile) : fallback;
}

/**
 * How many schools in a per-school item's scope pass its check (G3, Q4): `scope` schools, `passing` of them,
 * or null when a check is blank, unknown or undecided (the inputs behind are named in `missing`).
 */
export function schoolChecks(a: Analysis, id: 'G3' | 'Q4'): { scope: number | null; passing: number | null; missing: string[]; undecided: boolean } {
  const county = a.read.county;
  const unknownType = county.schools.filter((s) => s.type === null).length;
  // The checks the evaluation made its verdict from, not a second run of them.
  const checks = a.evaluation.itemChecks.get(id)!;
  const missing = new Set<string>();
  // A school the inputs cannot settle (G3 under room areas other than the template's): not a missing input.
  const undecided = checks.some((c) => c.outcome === 'undecided');
  for (const c of checks)
    if (c.outcome !== 'pass' && c.outcome !== 'fail' && c.outcome !== 'undecided')
      for (const ref of c.refs ?? []) {
        // A school blocked at its 学校标识码 for a missing 学段 row (the reader's error is at that cell) names the row.
        const rows = ref.sheet === 'schools' && ref.field === 'code' ? missingRowsOf(a).bySchool.get(ref.row) : undefined;
        if (rows) for (const r of rows) missing.add(r);
        else missing.add(refInputName(a, ref, c.outcome === 'unknown'));
      }
  if (unknownType) return { scope: null, passing: null, missing: [...missing], undecided };
  const own = checks.slice(unknownType);
  const scope = county.schools.filter((s) => s.type !== null && s.type !== '特殊教育学校').length;
  if (own.some((c) => c.outcome !== 'pass' && c.outcome !== 'fail')) return { scope, passing: null, missing: [...missing], undecided };
  return { scope, passing: own.filter((c) => c.outcome === 'pass').length, missing: [], undecided: false };
}

/**
 * `shenbao-rounded-to-threshold` (shenbao.md §2.2): the printed value seems to meet a limit the real value misses.
 * `label` names the value when its cell (a 表Ⅳ sentence) prints more than one compared with a limit.
 */
export function roundedWarning(sheet: string, cell: string, shown: number, digits: number, value: number, limit: number, kind: 'below' | 'above', label = ''): Issue {
  const what = kind === 'below' ? `实际值${fixedAgainst(value, limit, digits + 2)}未达到${plain(limit)}` : `实际值${fixedAgainst(value, limit, digits + 2)}超过${plain(limit)}`;
  const kept = digits === 0 ? '保留整数' : `保留${['零', '一', '两', '三'][digits] ?? digits}位小数`;
  return {
    severity: 'warning',
    code: 'shenbao-rounded-to-threshold',
    sheet,
    cell,
    message: `${sheet}!${cell} ${label}显示为${shown.toFixed(digits)}（${kept}），${what}，该项未计为达标`,
    fix: '按表中规定的位数填报，判断以未取舍的数值为准，无需修改',
  };
}

