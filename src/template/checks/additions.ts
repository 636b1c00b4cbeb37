/**
 * Checks of the inputs added by template 2017-v2 (template-additions.md): 举办者类型, 年级数, 超过标准班额的班级数
 * on the school and 学段 rows. Every one needs its new input to be present, so a 2017-v1 workbook gets none.
 */
import { OWNER_TYPES } from '../../domain/columns';
import { cnum, disabledRateFromCounts, migrantSplitSum, q9FromSubjects, retentionDenominator, retentionFromCounts, specialEdPerStudent, type CountyValues, type Q1Formula } from '../../domain/county-derived';
import { NATIONAL, type Profile } from '../../domain/profile';
import { COUNTY_ROWS } from '../schema';
import type { School, Stage, StageRow } from '../../domain/model';
import { a1 } from '../grid';
import type { Issue } from '../issues';
import type { SheetLayout } from '../layout';
import { defineCheck, issue, issueAt, type RowCtx } from './define';
import { usable } from './stage-row';
import { stageRowsByCode } from '../../domain/rules/item-kit';

/**
 * What the reader's cross-checks take from the applied profile: the 标准班额 of 超过标准班额的班级数 (G5), the
 * formula of 巩固率 from the five counts (Q1) and the 校际差异率 limit of the Q9 rows, so that a province's own
 * values never raise a warning the items would contradict.
 */
export interface ReadSettings {
  oversizeLimits: Readonly<Record<Stage, number>>;
  retentionFormula: Q1Formula;
  q9MaxGap: number;
}

/** The settings of a profile. */
export function readSettingsOf(profile: Pick<Profile, 'items'>): ReadSettings {
  return { oversizeLimits: profile.items.G5, retentionFormula: profile.items.Q1.formula, q9MaxGap: profile.items.Q9.maxGap };
}

/** The national profile's (教督〔2017〕6号): 45 and 50 students, the graduates formula, 0.15. */
export const NATIONAL_READ_SETTINGS: ReadSettings = readSettingsOf(NATIONAL);

export const ownerTypeMismatch = defineCheck({
  meta: { code: 'owner-type-mismatch', severity: 'error', meaning: '举办者类型与办学性质矛盾（民办应为10，公办应为1至9）' },
  messages: {
    mismatch: { text: '举办者类型为“{{owner}}”，但办学性质为“{{ownership}}”', fix: '民办学校的举办者类型填10，公办学校填1至9；请核对这两列' },
  },
});

export const gradesOutOfRange = defineCheck({
  meta: { code: 'grades-out-of-range', severity: 'error', meaning: '年级数超出范围（小学1至6，初中1至4，一校合计不超过9）' },
  messages: {
    primary: { text: '小学年级数为{{value}}，应为1至6', fix: '请填写该学段实际开设的年级数' },
    junior: { text: '初中年级数为{{value}}，应为1至4', fix: '请填写该学段实际开设的年级数' },
    total: { text: '小学、初中年级数合计为{{value}}，超过9', fix: '请填写该学段实际开设的年级数' },
  },
});

export const oversizeClassesExceed = defineCheck({
  meta: { code: 'oversize-classes-exceed', severity: 'error', meaning: '超过标准班额的班级数大于班级数' },
  messages: { exceeds: { text: '超过标准班额的班级数为{{value}}，大于班级数{{classes}}', fix: '该数是班级数的一部分，请核对' } },
});

export const oversizeClassesInconsistent = defineCheck({
  meta: { code: 'oversize-classes-inconsistent', severity: 'error', meaning: '超过标准班额的班级数与最大班额矛盾' },
  messages: {
    zero: { text: '最大班额为{{max}}人，超过{{stage}}标准班额{{limit}}人，但超过标准班额的班级数填为0', fix: '请核对最大班额与超过标准班额的班级数，两者应一致' },
    some: { text: '超过标准班额的班级数为{{value}}，但最大班额为{{max}}人，未超过{{stage}}标准班额{{limit}}人', fix: '请核对最大班额与超过标准班额的班级数，两者应一致' },
  },
});

export const maxClassBelowAverage = defineCheck({
  meta: { code: 'max-class-below-average', severity: 'warning', meaning: '最大班额小于按在校生数和班级数算出的平均班额' },
  messages: {
    below: {
      text: '按{{stage}}在校生数{{students}}人和班级数{{classes}}计算，平均班额为{{average}}人，大于填报的最大班额{{max}}人',
      fix: '最大班额不能小于平均班额，请核对最大班额、班级数和在校生数（G5 按最大班额判断）',
    },
  },
});

/**
 * 最大班额 below the average class (在校生数 ÷ 班级数): some class is larger than the 最大班额 typed, so G5, which is judged
 * on it, may pass wrongly. A warning, not an error: a school's counts may include pupils taught elsewhere.
 */
export function checkClassSizes(ctx: RowCtx, row: StageRow, school: School): void {
  const field = row.stage === '小学' ? 'studentsPrimary' : 'studentsJunior';
  const students = school[field];
  if (students === null || school.bad.has(field) || !usable(row, 'classes') || !usable(row, 'maxClassSize')) return;
  const classes = row.classes!;
  const max = row.maxClassSize!;
  if (classes <= 0 || students <= classes * max) return;
  const average = Math.round((students / classes) * 10) / 10;
  issueAt(ctx, 'maxClassSize', maxClassBelowAverage, 'below', { stage: row.stage, students, classes, average, max });
}

/** 举办者类型 against 办学性质 (10 ↔ 民办); a contradiction makes 举办者类型 unusable. */
export function checkOwnerType(ctx: RowCtx, s: School): void {
  const owner = s.ownerType ?? null;
  if (owner === null || s.ownership === null || s.bad.has('ownership')) return;
  if ((owner === 10) === (s.ownership === '民办')) return;
  s.bad.add('ownerType');
  s.ownerType = null;
  issueAt(ctx, 'ownerType', ownerTypeMismatch, 'mismatch', { owner: `${owner} ${OWNER_TYPES[owner - 1]}`, ownership: s.ownership });
}

/** 年级数 and 超过标准班额的班级数 of one 学段 row. */
export function checkStageAdditions(ctx: RowCtx, row: StageRow, settings: ReadSettings = NATIONAL_READ_SETTINGS): void {
  if (usable(row, 'grades')) {
    const g = row.grades!;
    const max = row.stage === '小学' ? 6 : 4;
    if (g < 1 || g > max) {
      row.bad.add('grades');
      issueAt(ctx, 'grades', gradesOutOfRange, row.stage === '小学' ? 'primary' : 'junior', { value: g });
    }
  }
  if (!usable(row, 'oversizeClasses')) return;
  const n = row.oversizeClasses!;
  if (usable(row, 'classes') && n > row.classes!) {
    row.bad.add('oversizeClasses');
    issueAt(ctx, 'oversizeClasses', oversizeClassesExceed, 'exceeds', { value: n, classes: row.classes! });
    return;
  }
  if (!usable(row, 'maxClassSize')) return;
  const max = row.maxClassSize!;
  const limit = settings.oversizeLimits[row.stage];
  if (max > limit && n === 0) {
    row.bad.add('oversizeClasses');
    issueAt(ctx, 'oversizeClasses', oversizeClassesInconsistent, 'zero', { value: n, max, stage: row.stage, limit });
  } else if (max <= limit && n > 0) {
    row.bad.add('oversizeClasses');
    issueAt(ctx, 'oversizeClasses', oversizeClassesInconsistent, 'some', { value: n, max, stage: row.stage, limit });
  }
}

/** A school whose 小学 and 初中 年级数 add up to more than 9 (reported at the 初中 row). */
export function checkGradeTotals(rows: readonly StageRow[], layout: SheetLayout, sheet: string, issues: Issue[]): void {
  // Without a 年级数 column (template 2017-v1) every row's 年级数 is blank: nothing to add up.
  if (layout.columns.grades === undefined) return;
  // The rows of each school, schools in the order of their first row.
  for (const list of stageRowsByCode(rows).values()) {
    if (list.length < 2) continue;
    let total = 0;
    let complete = true;
    for (const r of list) {
      if (!usable(r, 'grades')) {
        complete = false;
        break;
      }
      total += r.grades!;
    }
    if (!complete || total <= 9) continue;
    const at = list.find((r) => r.stage === '初中') ?? list[list.length - 1];
    issues.push(issue(gradesOutOfRange, 'total', { value: total }, sheet, a1(at.row, layout.columns.grades ?? 0)));
  }
}

export const countyInconsistent = defineCheck({
  meta: { code: 'county-inconsistent', severity: 'error', meaning: '县级指标的“其中”项大于总数，或分母为0或负数' },
  messages: {
    part: { text: '「{{part}}」为{{value}}，大于「{{whole}}」{{total}}', fix: '“其中”项不能大于总数，请核对' },
    migrantSplit: { text: '两项“其中”随迁子女数合计为{{value}}，大于「{{whole}}」{{total}}', fix: '“其中”项不能大于总数，请核对' },
    noSpecialStudents: { text: '特殊教育学校在校生数为0，无法计算生均公用经费', fix: '请填写特殊教育学校在校生数，或删除公用经费总额' },
    q1Denominator: { text: '「{{deaths}}」不小于「{{entrants}}」，无法计算巩固率', fix: '请核对入学、转入、转出和死亡学生数' },
    zeroQuotaPlan: { text: '「{{label}}」为0，无法计算分配比例', fix: '请填写优质高中的招生计划数' },
    q1CohortDenominator: { text: '入学＋转入－转出－死亡学生数为{{den}}，不大于0，无法计算巩固率', fix: '请核对入学、转入、转出和死亡学生数' },
  },
});

export const countyRowsDisagree = defineCheck({
  meta: { code: 'county-rows-disagree', severity: 'warning', meaning: '填报的比率或合计与按人数计算的值不一致，以计算值为准' },
  messages: { differ: { text: '按{{inputs}}计算的{{what}}为{{computed}}，与填报的「{{label}}」{{typed}}不一致，以计算值为准', fix: '请核对；不再需要的一项可以删除' } },
});

export const countyValueImplausible = defineCheck({
  meta: { code: 'county-value-implausible', severity: 'warning', meaning: '县级指标数值明显不合理（如人口按人填在“万人”行）' },
  messages: {
    population: { text: '「{{label}}」为{{value}}，按万人计明显过大', fix: '人口以“万人”为单位，如56.3万人填56.3' },
    yuan: {
      text: '「{{label}}」为{{value}}，按元计明显过小，像是按万元填写的',
      fix: '此行以“元”为单位，如9.87万元填98700；也可把行名改为“（万元）”，程序按万元换算',
    },
  },
});

export const staffBelowTeachers = defineCheck({
  meta: { code: 'staff-below-teachers', severity: 'warning', meaning: '教职工数少于该学段专任教师数合计' },
  messages: { below: { text: '「{{label}}」为{{value}}，少于「分学段信息」{{stage}}专任教师数合计{{teachers}}', fix: '教职工数包括专任教师，请核对' } },
});

export const computedRateOver100 = defineCheck({
  meta: { code: 'computed-rate-over-100', severity: 'warning', meaning: '按人数计算的初中三年巩固率超过100%' },
  messages: { over: { text: '按人数计算的初中三年巩固率为{{rate}}%，超过100%', fix: '请核对转入、转出人数' } },
});

/** The 「县级指标」 amounts in 元 (a label in 万元 is scaled when read): none is under 100 元 in a real county. */
const YUAN_ROWS = ['gdpPerCapita', 'revenuePerCapita', 'ruralIncome', 'urbanIncome', 'teacherPay', 'civilServantPay', 'specialFundingTotal', 'specialEdFunding'];

/** Digits a value is compared to after rounding half-up (as the tables print it). */
function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(Number((x * f).toPrecision(15))) / f;
}

/**
 * Checks across the 「县级指标」 rows added by template 2017-v2: parts against totals, implausible values,
 * staff against teachers, and typed rates or sums against those computed from counts (with the profile's Q1 formula).
 */
export function checkCountyAdditions(
  values: CountyValues,
  layout: SheetLayout,
  stageRows: readonly StageRow[],
  issues: Issue[],
  settings: ReadSettings = NATIONAL_READ_SETTINGS,
): void {
  const sheet = layout.sheet;
  const at = (key: string) => a1(values[key]!.row, layout.columns.value);
  const label = (key: string) => COUNTY_ROWS.find((r) => r.key === key)!.label;
  const n = (key: string) => cnum(values, key);
  const bad = (key: string) => {
    values[key] = { ...values[key]!, value: null, error: true };
  };
  const partOf = (part: string, whole: string, value = n(part)) => {
    const total = n(whole);
    if (value === null || total === null || value <= total) return;
    issues.push(issue(countyInconsistent, 'part', { part: label(part), value, whole: label(whole), total }, sheet, at(part)));
    bad(part);
  };
  for (const key of ['population', 'ruralPopulation']) {
    const v = n(key);
    if (v !== null && v > 1000) issues.push(issue(countyValueImplausible, 'population', { label: label(key), value: v }, sheet, at(key)));
  }
  // The same slip the other way (the review: 教师年平均工资收入 9.865, meant in 万元, read as 9.865 元 and failing G8
  // without a word): a per-person or total amount in 元 under 100 is not a real figure. The value is used as read.
  for (const key of YUAN_ROWS) {
    const v = n(key);
    if (v !== null && v > 0 && v < 100) issues.push(issue(countyValueImplausible, 'yuan', { label: label(key), value: v }, sheet, at(key)));
  }
  partOf('ruralPopulation', 'population');
  // The rows of template 2017-v1 with a part and its whole (G11, G14, G15): a part above its whole is the same
  // contradiction (a ratio over 100 % would pass its item). The combined 随迁 row only while it is the one used.
  partOf('exchanged', 'eligibleExchange');
  partOf('exchangedBackbone', 'exchanged');
  // G14's denominator: a plan of 0 leaves the share undefined (it read as a failure with 「分配比例—」).
  if (n('quotaPlan') === 0) {
    issues.push(issue(countyInconsistent, 'zeroQuotaPlan', { label: label('quotaPlan') }, sheet, at('quotaPlan')));
    bad('quotaPlan');
  }
  partOf('quotaAllocated', 'quotaPlan');
  if (migrantSplitSum(values) === null) partOf('migrantPublic', 'migrantEligible');
  for (const [key, stage] of [['primaryStaff', '小学'], ['juniorStaff', '初中']] as const) {
    const v = n(key);
    const rows = stageRows.filter((r) => r.stage === stage);
    if (v === null || !rows.length || rows.some((r) => r.teachers === null || r.bad.has('teachers'))) continue;
    const teachers = rows.reduce((a, r) => a + r.teachers!, 0);
    if (v < teachers) issues.push(issue(staffBelowTeachers, 'below', { label: label(key), value: v, stage, teachers }, sheet, at(key)));
  }
  if (n('specialStudents') === 0 && (n('specialFundingTotal') ?? 0) > 0) {
    issues.push(issue(countyInconsistent, 'noSpecialStudents', {}, sheet, at('specialStudents')));
    bad('specialStudents');
  }
  partOf('quotaRural', 'quotaAllocated');
  const split = migrantSplitSum(values);
  if (typeof split === 'number' && n('migrantEligible') !== null && split > n('migrantEligible')!) {
    issues.push(issue(countyInconsistent, 'migrantSplit', { value: split, whole: label('migrantEligible'), total: n('migrantEligible')! }, sheet, at('migrantPublicOnly')));
    bad('migrantPublicOnly');
  }
  // Q1's denominator under the profile's formula (the cohort's takes the transfers too), when its counts are there.
  const [entrants, tin, tout, deaths] = (['q1Entrants', 'q1TransfersIn', 'q1TransfersOut', 'q1Deaths'] as const).map(n);
  const cohort = settings.retentionFormula === 'adjust-cohort';
  const den = entrants === null || deaths === null || (cohort && (tin === null || tout === null)) ? null : retentionDenominator(entrants, tin ?? 0, tout ?? 0, deaths, settings.retentionFormula);
  if (den !== null && den <= 0) {
    if (cohort) issues.push(issue(countyInconsistent, 'q1CohortDenominator', { den }, sheet, at('q1Deaths')));
    else issues.push(issue(countyInconsistent, 'q1Denominator', { deaths: label('q1Deaths'), entrants: label('q1Entrants') }, sheet, at('q1Deaths')));
    bad('q1Deaths');
  }
  partOf('disabledEnrolled', 'disabledChildren');
  partOf('disabledInSpecial', 'disabledEnrolled');
  for (const [part, whole] of [
    ['srValid', 'srSurveys'], ['srSatisfied', 'srValid'], ['srVisitsSatisfied', 'srVisits'],
    ['srParentSurveys', 'srSurveys'], ['srParentValid', 'srParentSurveys'], ['srParentSatisfied', 'srParentValid'],
    ['srParentVisits', 'srVisits'], ['srParentVisitsSatisfied', 'srParentVisits'],
    ['srParentValid', 'srValid'], ['srParentSatisfied', 'srSatisfied'], ['srParentVisitsSatisfied', 'srVisitsSatisfied'],
  ] as const) {
    if (!values[part]?.error) partOf(part, whole);
  }
  // Typed values against the computed ones (the computed value is used by the items).
  const disagree = (key: string, inputs: string, what: string, computed: number, digits: number, unit = '') => {
    const typed = n(key);
    if (typed === null || roundTo(typed, digits) === roundTo(computed, digits)) return;
    const data = { inputs, what, computed: `${roundTo(computed, digits)}${unit}`, label: label(key), typed };
    issues.push(issue(countyRowsDisagree, 'differ', data, sheet, at(key)));
  };
  const perStudent = specialEdPerStudent(values);
  const typedPerStudent = n('specialEdFunding');
  if (typeof perStudent === 'number' && typedPerStudent !== null && Math.abs(perStudent - typedPerStudent) >= 1)
    disagree('specialEdFunding', '公用经费总额和在校生数', '特殊教育学校生均公用经费', perStudent, 0, '元');
  const usableSplit = migrantSplitSum(values);
  if (typeof usableSplit === 'number') disagree('migrantPublic', '两项“其中”', '随迁子女数合计', usableSplit, 0);
  const rate = retentionFromCounts(values, settings.retentionFormula);
  if (typeof rate === 'number') {
    if (roundTo(rate, 1) > 100) issues.push(issue(computedRateOver100, 'over', { rate: roundTo(rate, 1) }, sheet, at('q1Graduates')));
    disagree('retentionRate', '五项人数', '初中三年巩固率', rate, 1, '%');
  }
  const disabled = disabledRateFromCounts(values);
  if (typeof disabled === 'number') disagree('disabledEnrolment', '残疾儿童少年人数', '残疾儿童少年入学率', disabled, 1, '%');
  // Q9: the verdict of the subject rows against that of the two rows of template 2017-v1 (with the profile's limit).
  const subjects = q9FromSubjects(values, settings.q9MaxGap);
  const level3 = values.monitoringLevel3 && !values.monitoringLevel3.error ? values.monitoringLevel3.value : null;
  const gap = n('monitoringGap');
  const old = level3 === false || (gap !== null && gap >= settings.q9MaxGap) ? 'fail' : level3 === true && gap !== null ? 'pass' : null;
  if (subjects && (subjects.outcome === 'pass' || subjects.outcome === 'fail') && old && old !== subjects.outcome) {
    const verdict = (v: string) => (v === 'pass' ? '达标' : '未达标');
    issues.push(issue(countyRowsDisagree, 'differ', { inputs: '各科质量监测结果', what: 'Q9结论', computed: verdict(subjects.outcome), label: label('monitoringLevel3'), typed: `等两行的结论${verdict(old)}` }, sheet, at('monitoringLevel3')));
  }
}
