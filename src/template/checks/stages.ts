/** Checks of where a 「分学段信息」 row belongs: a known school, a 学段 of its type, once; every 学段 of a type there. */
import type { School, Stage, StageRow } from '../../domain/model';
import { TYPE_STAGES } from '../../domain/model';
import { a1 } from '../grid';
import type { Issue } from '../issues';
import type { SheetLayout } from '../layout';
import { defineCheck, issue, issueAt, type RowCtx } from './define';

export const unknownCode = defineCheck({
  meta: { code: 'unknown-code', severity: 'error', meaning: '「分学段信息」中的学校标识码在「学校基本信息」中不存在' },
  messages: { unknown: { text: '学校标识码“{{code}}”在「{{sheet}}」中不存在', fix: '请核对标识码，或先在「{{sheet}}」中补充该学校' } },
});

export const specialSchoolRow = defineCheck({
  meta: { code: 'special-school-row', severity: 'warning', meaning: '特殊教育学校的分学段行，不计入' },
  messages: { special: { text: '{{name}}是特殊教育学校，不参与资源配置计算，本行不计入', fix: '特殊教育学校无需填写分学段信息，可删除本行' } },
});

export const stageNotInType = defineCheck({
  meta: { code: 'stage-not-in-type', severity: 'error', meaning: '学段与学校类型不符' },
  messages: { mismatch: { text: '{{name}}的学校类型为{{type}}，没有{{stage}}学段', fix: '请核对「学段」或该校在「学校基本信息」中的学校类型' } },
});

export const duplicateStageRow = defineCheck({
  meta: { code: 'duplicate-stage-row', severity: 'error', meaning: '同一学校同一学段有多行' },
  messages: { repeated: { text: '{{name}}的{{stage}}学段重复，与第{{row}}行相同', fix: '每所学校每个学段只填一行，请合并或删除重复行' } },
});

export const missingStageRow = defineCheck({
  meta: { code: 'missing-stage-row', severity: 'error', meaning: '学校缺少其学校类型应有的学段行' },
  messages: { missing: { text: '{{name}}（{{code}}）是{{type}}，但「{{sheet}}」中没有它的{{stage}}学段行', fix: '请在「{{sheet}}」中为该校增加一行{{stage}}数据（教师数、班级数等）' } },
});

/**
 * The rows of the stage rows placed so far: per 学段, the 0-based row by school code (a map per 学段 rather
 * than one keyed by code|学段, so that no key is built per row).
 */
export type SeenStages = Map<Stage, Map<string, number>>;

export function newSeenStages(): SeenStages {
  return new Map();
}

/**
 * The school of a stage row, when the row belongs to one (a known school, not special education, a 学段 of
 * its type, not seen before); otherwise the row is reported and not used. `seen` records the row it is placed at.
 */
export function placeStageRow(ctx: RowCtx, row: StageRow, schools: ReadonlyMap<string, School>, schoolsSheet: string, seen: SeenStages): School | null {
  const school = schools.get(row.code);
  if (!school) {
    issueAt(ctx, 'code', unknownCode, 'unknown', { code: row.code, sheet: schoolsSheet });
    return null;
  }
  if (school.type === '特殊教育学校') {
    issueAt(ctx, 'stage', specialSchoolRow, 'special', { name: school.name });
    return null;
  }
  if (school.type && !TYPE_STAGES[school.type][row.stage]) {
    issueAt(ctx, 'stage', stageNotInType, 'mismatch', { name: school.name, type: school.type, stage: row.stage });
    return null;
  }
  let placed = seen.get(row.stage);
  if (!placed) seen.set(row.stage, (placed = new Map()));
  const prev = placed.get(row.code);
  if (prev !== undefined) {
    issueAt(ctx, 'stage', duplicateStageRow, 'repeated', { name: school.name, stage: row.stage, row: prev + 1 });
    return null;
  }
  placed.set(row.code, ctx.row);
  return school;
}

/** The 学段 a school's type may lack a row of, in the order their issues are given. */
const CHECKED_STAGES: readonly Stage[] = ['小学', '初中'];

/** Every 小学 and 初中 of a school's type has its stage row; a missing one is reported at the school's code. */
export function checkMissingStageRows(schools: Iterable<School>, seen: SeenStages, schoolsSheet: string, schoolsLayout: SheetLayout, stagesSheet: string, issues: Issue[]): void {
  for (const s of schools) {
    if (!s.type) continue;
    const parts = TYPE_STAGES[s.type];
    for (const stage of CHECKED_STAGES) {
      if (parts[stage] && !seen.get(stage)?.has(s.code))
        issues.push(issue(missingStageRow, 'missing', { name: s.name, code: s.code, type: s.type, sheet: stagesSheet, stage }, schoolsSheet, a1(s.row, schoolsLayout.columns.code)));
    }
  }
}
