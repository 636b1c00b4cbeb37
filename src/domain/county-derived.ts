/**
 * Values the items compute from the count rows of 「县级指标」 added by template 2017-v2 (template-additions §3–§4):
 * G7's 生均, G15's numerator, Q1's and Q2's rates, Q9's verdict from the subject rows. Each is null when its
 * inputs are not all there, so the typed row of template 2017-v1 is used instead; `Blocked` when they are all
 * given but one has an error or they contradict (a denominator of 0 or less): the item is then not decided,
 * never judged on the typed row instead (the counts, given, say the typed row is not what the county reports).
 */
import type { CountyValue } from './model';
import { below } from './numbers';

export type CountyValues = Partial<Record<string, CountyValue>>;

/** The counts are all given but cannot be used: the rows behind it (an error, or a denominator of 0 or less). */
export interface Blocked {
  blocked: readonly string[];
}

export function isBlocked(x: unknown): x is Blocked {
  return typeof x === 'object' && x !== null && 'blocked' in x;
}

/** A row given: present with a value or with an error. */
function given(values: CountyValues, key: string): boolean {
  const v = values[key];
  return v !== undefined && (v.error === true || (v.value !== null && v.value !== undefined));
}

/** null when a row is not given; the rows with an error when there are any; else the numbers. */
function counts(values: CountyValues, keys: readonly string[]): number[] | Blocked | null {
  if (!keys.every((k) => given(values, k))) return null;
  const errors = keys.filter((k) => values[k]!.error || typeof values[k]!.value !== 'number');
  return errors.length ? { blocked: errors } : keys.map((k) => values[k]!.value as number);
}

/** A usable number of a row (present, no error). */
export function cnum(values: CountyValues, key: string): number | null {
  const v = values[key];
  return v && !v.error && typeof v.value === 'number' ? v.value : null;
}

/** G7: 公用经费总额 ÷ 在校生数, when both are given (blocked without students). */
export function specialEdPerStudent(values: CountyValues): number | Blocked | null {
  const c = counts(values, ['specialFundingTotal', 'specialStudents']);
  if (c === null || isBlocked(c)) return c;
  const [total, students] = c;
  // No students and no money (no 特殊教育学校): nothing to compute, the typed row is used (the reader reports 0
  // students only beside money, and only then is the item blocked).
  if (students <= 0) return total > 0 ? { blocked: ['specialStudents'] } : null;
  return total / students;
}

/** G15: the two split rows summed, when both are given. */
export function migrantSplitSum(values: CountyValues): number | Blocked | null {
  const c = counts(values, ['migrantPublicOnly', 'migrantPurchased']);
  return c === null || isBlocked(c) ? c : c[0] + c[1];
}

export type Q1Formula = 'adjust-graduates' | 'adjust-cohort';
export const Q1_FORMULAS: readonly Q1Formula[] = ['adjust-graduates', 'adjust-cohort'];
export const Q1_COUNTS = ['q1Graduates', 'q1Entrants', 'q1TransfersIn', 'q1TransfersOut', 'q1Deaths'] as const;

/** The denominator of Q1 under a formula (入学 − 死亡, or 入学 + 转入 − 转出 − 死亡 for the cohort). */
export function retentionDenominator(e: number, tin: number, tout: number, d: number, formula: Q1Formula): number {
  return formula === 'adjust-cohort' ? e + tin - tout - d : e - d;
}

/** Q1 初中三年巩固率 (%) from the five counts; null without all five; blocked by an error or a denominator ≤ 0. */
export function retentionFromCounts(values: CountyValues, formula: Q1Formula): number | Blocked | null {
  const c = counts(values, Q1_COUNTS);
  if (c === null || isBlocked(c)) return c;
  const [g, e, tin, tout, d] = c;
  const den = retentionDenominator(e, tin, tout, d, formula);
  if (den <= 0) return { blocked: ['q1Deaths'] };
  return formula === 'adjust-cohort' ? (g / den) * 100 : ((g - tin + tout) / den) * 100;
}

/** Q2 残疾儿童少年入学率 (%) from the counts: 'none' with no 适龄 children (passes, as a zero base does). */
export function disabledRateFromCounts(values: CountyValues): number | 'none' | Blocked | null {
  const c = counts(values, ['disabledChildren', 'disabledEnrolled']);
  if (c === null || isBlocked(c)) return c;
  const [all, enrolled] = c;
  return all === 0 ? 'none' : (enrolled / all) * 100;
}

export const Q9_LEVEL_KEYS = ['q9LevelChinese', 'q9LevelMath', 'q9LevelScience', 'q9LevelPE', 'q9LevelArts', 'q9LevelMoral'] as const;
export const Q9_GAP_KEYS = ['q9GapChinese', 'q9GapMath', 'q9GapScience', 'q9GapPE', 'q9GapArts', 'q9GapMoral'] as const;
export const Q9_SUBJECT_NAMES = ['语文', '数学', '科学', '体育', '艺术', '德育'] as const;

export interface Q9SubjectVerdict {
  outcome: 'pass' | 'fail' | 'blank' | 'unknown';
  /** Keys of the rows behind a failure, a blank or an error. */
  keys: string[];
  /** The first failing subject and why. */
  fail?: { subject: string; level?: number; gap?: number };
}

/** Q9 from the subject rows; null when none of them holds a value (the rows of template 2017-v1 are used). */
export function q9FromSubjects(values: CountyValues, maxGap: number, tol = 1e-9): Q9SubjectVerdict | null {
  const keys = [...Q9_LEVEL_KEYS, ...Q9_GAP_KEYS];
  if (!keys.some((k) => values[k] && (values[k]!.error || values[k]!.value !== null))) return null;
  // A subject that fails decides Q9 whatever another subject's error (a failing school decides its item too).
  const errors = keys.filter((k) => values[k]?.error);
  const blanks: string[] = [];
  let monitored = 0;
  let fail: Q9SubjectVerdict | null = null;
  Q9_LEVEL_KEYS.forEach((lk, i) => {
    const gk = Q9_GAP_KEYS[i];
    const level = values[lk]?.value ?? null;
    const gap = values[gk]?.value ?? null;
    if (level === '未监测' || gap === '未监测') return;
    monitored++;
    if (typeof level === 'number' && level <= 2) fail ??= { outcome: 'fail', keys: [lk], fail: { subject: Q9_SUBJECT_NAMES[i], level } };
    else if (typeof gap === 'number' && !below(gap, maxGap, tol)) fail ??= { outcome: 'fail', keys: [gk], fail: { subject: Q9_SUBJECT_NAMES[i], gap } };
    if (level === null) blanks.push(lk);
    if (gap === null) blanks.push(gk);
  });
  if (fail) return fail;
  if (errors.length) return { outcome: 'unknown', keys: errors };
  // Nothing monitored (every subject 未监测): not decided, and no cell is blank to name.
  if (blanks.length || monitored === 0) return { outcome: 'blank', keys: blanks };
  return { outcome: 'pass', keys: [] };
}

/** The six 一票否决 situations (template-additions §3.9): the labels of the 「县级指标」 rows veto1–veto6. */
export const VETO_LABELS = [
  '存在以考试方式招生',
  '存在违规择校行为',
  '存在重点学校或重点班',
  '存在“有编不补”或长期聘用编外教师的情况',
  '教育系统存在重大安全责任事故和严重违纪违规事件；有弄虚作假行为',
  '规范治理校外培训机构及减轻中小学课外负担不力',
] as const;
