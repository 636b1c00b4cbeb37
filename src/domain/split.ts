/**
 * Apportioning shared physical resources of 一贯制 schools and 完全中学 by weighted students (standard §5).
 */
import type { School, SchoolType, Stage } from './model';
import type { Profile } from './profile';

export interface StageStudents {
  小学: number;
  初中: number;
  高中: number;
}

/** The parts of a school, in the order every weights object below lists them. */
const PARTS: readonly (keyof StageStudents)[] = ['小学', '初中', '高中'];

/** Weights per part of a school type; null for types with a single compulsory part. */
export function splitWeights(type: SchoolType, profile: Profile): Partial<Record<keyof StageStudents, number>> | null {
  const w = profile.splitWeights;
  switch (type) {
    case '九年一贯制学校':
      return { 小学: w.nineYear.小学, 初中: w.nineYear.初中 };
    case '完全中学':
      return { 初中: w.completeSecondary.初中, 高中: w.completeSecondary.高中 };
    case '十二年一贯制学校':
      return { 小学: w.twelveYear.小学, 初中: w.twelveYear.初中, 高中: w.twelveYear.高中 };
    default:
      return null;
  }
}

/**
 * Share of the whole school's physical resources that belongs to one 学段 unit:
 * weighted students of the part ÷ weighted students of the school. 1 for single-part schools.
 * Never rounds. Returns null when the weighted total is 0.
 */
export function unitShare(type: SchoolType, stage: Stage, students: StageStudents, profile: Profile): number | null {
  const weights = splitWeights(type, profile);
  if (!weights) return 1;
  // The weighted sum over the parts in the order of `weights` (小学, 初中, 高中), without entry arrays.
  let total = 0;
  for (let i = 0; i < PARTS.length; i++) {
    const part = PARTS[i];
    if (part in weights) total += weights[part]! * students[part];
  }
  const own = (weights[stage] ?? 0) * students[stage];
  return total > 0 ? own / total : null;
}

/** The school's students per part, or null when a needed count is unusable. */
export function schoolStageStudents(s: School): StageStudents | null {
  const get = (v: number | null, field: 'studentsPrimary' | 'studentsJunior' | 'studentsSenior') => (s.bad.has(field) ? null : (v ?? 0));
  const a = get(s.studentsPrimary, 'studentsPrimary');
  const b = get(s.studentsJunior, 'studentsJunior');
  const c = get(s.studentsSenior, 'studentsSenior');
  if (a === null || b === null || c === null) return null;
  return { 小学: a, 初中: b, 高中: c };
}
