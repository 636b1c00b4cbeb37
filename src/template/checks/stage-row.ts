/** Checks across the fields of one 「分学段信息」 row: classes, teachers by degree and subject, zoned admissions. */
import type { School, StageField, StageRow } from '../../domain/model';
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

/** The checks of one stage row of a known school; a field found wrong is marked bad. */
export function checkStageRow(ctx: RowCtx, row: StageRow, school: School): void {
  const h = (f: string) => headerOf(STAGE_COLUMNS, f);
  const ok = (f: StageField) => !row.bad.has(f) && (row as unknown as Record<string, unknown>)[f] !== null;
  const v = (f: keyof StageRow) => (row[f] as number | null) ?? 0;
  if (ok('classes') && row.classes === 0) {
    row.bad.add('classes');
    issueAt(ctx, 'classes', notPositive, 'zero', { header: h('classes') });
  }
  const degrees = ['teachersPostgraduate', 'teachersBachelor', 'teachersAssociate', 'teachersHighSchool'] as const;
  let mismatch = false;
  if (ok('teachers') && degrees.every(ok)) {
    const total = degrees.reduce((a, f) => a + v(f), 0);
    if (total !== row.teachers) {
      mismatch = true;
      issueAt(ctx, 'teachers', degreeSumMismatch, 'mismatch', { total, header: h('teachers'), teachers: v('teachers') });
    }
  }
  const notAbove = (part: StageField, check: typeof backboneExceeds | typeof certifiedExceeds | typeof trainedExceeds) => {
    if (ok(part) && ok('teachers') && v(part as keyof StageRow) > v('teachers')) {
      row.bad.add(part);
      issueAt(ctx, part, check, 'exceeds', { part: h(part), value: v(part as keyof StageRow), header: h('teachers'), teachers: v('teachers') });
    }
  };
  notAbove('backboneTeachers', backboneExceeds);
  notAbove('certifiedTeachers', certifiedExceeds);
  notAbove('trainedTeachers', trainedExceeds);
  const arts = ['peTeachers', 'musicTeachers', 'fineArtTeachers', 'artsTeachers'] as const;
  if (ok('teachers') && arts.every((f) => !row.bad.has(f))) {
    const total = arts.reduce((a, f) => a + v(f), 0);
    if (total > v('teachers')) {
      row.bad.add('peTeachers');
      issueAt(ctx, 'peTeachers', artsExceed, 'exceed', { total, header: h('teachers'), teachers: v('teachers') });
    }
  }
  const field = row.stage === '小学' ? 'studentsPrimary' : 'studentsJunior';
  const students = school.bad.has(field) ? null : school[field];
  if (ok('zonedAdmissions') && students !== null && v('zonedAdmissions') > students) {
    row.bad.add('zonedAdmissions');
    issueAt(ctx, 'zonedAdmissions', zonedExceeds, 'exceeds', { header: h('zonedAdmissions'), value: row.zonedAdmissions!, students });
  }
  if (mismatch) {
    // Which count is wrong is unknown: neither 专任教师数 nor the degree counts are used (R1, G9, G12), once
    // the checks against 专任教师数 above have run.
    row.bad.add('teachers');
    for (const f of degrees) row.bad.add(f);
  }
}
