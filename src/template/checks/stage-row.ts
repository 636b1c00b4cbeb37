/** Checks across the fields of one 「分学段信息」 row: classes, teachers by degree and subject, zoned admissions. */
import type { School, StageField, StageNumbers, StageRow } from '../../domain/model';
import { STAGE_COLUMNS } from '../schema';
import { defineCheck, issueAt, type RowCtx } from './define';
import { headerOf } from './school';

export const notPositive = defineCheck({
  meta: { code: 'not-positive', severity: 'error', meaning: '应大于0的数（班级数）为0' },
  messages: { zero: { text: '「{{header}}」为0', fix: '有在校生的学段至少有1个班，请核对' } },
});

export const degreeSumMismatch = defineCheck({
  meta: { code: 'degree-sum-mismatch', severity: 'error', meaning: '四类学历专任教师数之和不等于专任教师数' },
  messages: { mismatch: { text: '四类学历专任教师数之和为 {{total}}，与「{{header}}」{{teachers}} 不一致', fix: '研究生、本科、专科、高中及以下四列之和应等于专任教师数，请核对' } },
});

const PART_TEXT = '「{{part}}」{{value}} 大于「{{header}}」{{teachers}}';

export const backboneExceeds = defineCheck({
  meta: { code: 'backbone-exceeds', severity: 'error', meaning: '骨干教师数大于专任教师数' },
  messages: { exceeds: { text: PART_TEXT, fix: '骨干教师是专任教师的一部分，请核对' } },
});

export const artsExceed = defineCheck({
  meta: { code: 'arts-exceed', severity: 'error', meaning: '体育、音乐、美术、艺术教师合计大于专任教师数' },
  messages: { exceed: { text: '体育、音乐、美术、艺术专任教师合计 {{total}}，大于「{{header}}」{{teachers}}', fix: '这四类教师是专任教师的一部分，请核对' } },
});

export const certifiedExceeds = defineCheck({
  meta: { code: 'certified-exceeds', severity: 'error', meaning: '持证教师数大于专任教师数' },
  messages: { exceeds: { text: PART_TEXT, fix: '持证教师是专任教师的一部分，请核对' } },
});

export const trainedExceeds = defineCheck({
  meta: { code: 'trained-exceeds', severity: 'error', meaning: '完成培训教师数大于专任教师数' },
  messages: { exceeds: { text: PART_TEXT, fix: '完成培训的教师是专任教师的一部分，请核对' } },
});

export const zonedExceeds = defineCheck({
  meta: { code: 'zoned-exceeds', severity: 'error', meaning: '就近划片入学学生数大于该学段在校生数' },
  messages: { exceeds: { text: '「{{header}}」{{value}} 大于该学段在校生数 {{students}}', fix: '就近划片入学学生是在校生的一部分，请核对' } },
});

/**
 * More 专任教师 than pupils in the 学段 (a school has one teacher for some 10–20 pupils): a digit typed twice, or a
 * count in the wrong row. A warning: the count is used as it is read, and the plan is computed with it (it says so).
 */
export const teachersDoubtful = defineCheck({
  meta: { code: 'teachers-doubtful', severity: 'warning', meaning: '专任教师数多于该学段在校生数且不少于10人（数值照读照用）' },
  messages: {
    exceeds: { text: '「{{header}}」{{teachers}} 多于该学段在校生数 {{students}}，可能多打了位数或填错了行', fix: '请核对专任教师数和各学历人数；数值照读照用，补充方案也按它计算' },
  },
});

/** The four degree counts whose sum is 专任教师数. */
const DEGREES = ['teachersPostgraduate', 'teachersBachelor', 'teachersAssociate', 'teachersHighSchool'] as const;
/** The four subject counts whose sum may not exceed 专任教师数. */
const ARTS = ['peTeachers', 'musicTeachers', 'fineArtTeachers', 'artsTeachers'] as const;

/** Whether a field of a 学段 row holds a usable value: not found wrong, not blank, and its column present. */
export function usable(row: StageRow, f: StageField): boolean {
  const v = (row as unknown as Record<string, unknown>)[f];
  return !row.bad.has(f) && v !== null && v !== undefined;
}

function allUsable(row: StageRow, fields: readonly StageField[]): boolean {
  for (const f of fields) if (!usable(row, f)) return false;
  return true;
}

/** Whether none of the fields was found wrong (blank ones count as 0). */
function noneBad(row: StageRow, fields: readonly StageField[]): boolean {
  for (const f of fields) if (row.bad.has(f)) return false;
  return true;
}

/** A count of the row, 0 when blank. */
function count(row: StageRow, f: keyof StageNumbers): number {
  return row[f] ?? 0;
}

/** A part of the 专任教师 (骨干, 持证, 培训) may not exceed 专任教师数. */
function checkNotAboveTeachers(ctx: RowCtx, row: StageRow, part: 'backboneTeachers' | 'certifiedTeachers' | 'trainedTeachers', check: typeof backboneExceeds | typeof certifiedExceeds | typeof trainedExceeds): void {
  if (usable(row, part) && usable(row, 'teachers') && count(row, part) > count(row, 'teachers')) {
    row.bad.add(part);
    issueAt(ctx, part, check, 'exceeds', { part: headerOf(STAGE_COLUMNS, part), value: count(row, part), header: headerOf(STAGE_COLUMNS, 'teachers'), teachers: count(row, 'teachers') });
  }
}

/** The checks of one stage row of a known school; a field found wrong is marked bad. */
export function checkStageRow(ctx: RowCtx, row: StageRow, school: School): void {
  if (usable(row, 'classes') && row.classes === 0) {
    row.bad.add('classes');
    issueAt(ctx, 'classes', notPositive, 'zero', { header: headerOf(STAGE_COLUMNS, 'classes') });
  }
  let mismatch = false;
  if (usable(row, 'teachers') && allUsable(row, DEGREES)) {
    let total = 0;
    for (const f of DEGREES) total += count(row, f);
    if (total !== row.teachers) {
      mismatch = true;
      issueAt(ctx, 'teachers', degreeSumMismatch, 'mismatch', { total, header: headerOf(STAGE_COLUMNS, 'teachers'), teachers: count(row, 'teachers') });
    }
  }
  checkNotAboveTeachers(ctx, row, 'backboneTeachers', backboneExceeds);
  checkNotAboveTeachers(ctx, row, 'certifiedTeachers', certifiedExceeds);
  checkNotAboveTeachers(ctx, row, 'trainedTeachers', trainedExceeds);
  if (usable(row, 'teachers') && noneBad(row, ARTS)) {
    let total = 0;
    for (const f of ARTS) total += count(row, f);
    if (total > count(row, 'teachers')) {
      row.bad.add('peTeachers');
      issueAt(ctx, 'peTeachers', artsExceed, 'exceed', { total, header: headerOf(STAGE_COLUMNS, 'teachers'), teachers: count(row, 'teachers') });
    }
  }
  const field = row.stage === '小学' ? 'studentsPrimary' : 'studentsJunior';
  const students = school.bad.has(field) ? null : school[field];
  // Not below 10 teachers: a village 教学点 of 4 pupils may well have 5.
  if (usable(row, 'teachers') && !mismatch && students !== null && students > 0 && count(row, 'teachers') > students && count(row, 'teachers') >= 10)
    issueAt(ctx, 'teachers', teachersDoubtful, 'exceeds', { header: headerOf(STAGE_COLUMNS, 'teachers'), teachers: count(row, 'teachers'), students });
  if (usable(row, 'zonedAdmissions') && students !== null && count(row, 'zonedAdmissions') > students) {
    row.bad.add('zonedAdmissions');
    issueAt(ctx, 'zonedAdmissions', zonedExceeds, 'exceeds', { header: headerOf(STAGE_COLUMNS, 'zonedAdmissions'), value: row.zonedAdmissions!, students });
  }
  if (mismatch) {
    // Which count is wrong is unknown: neither 专任教师数 nor the degree counts are used (R1, G9, G12), once
    // the checks against 专任教师数 above have run.
    row.bad.add('teachers');
    for (const f of DEGREES) row.bad.add(f);
  }
}
