/**
 * G6 小规模学校公用经费 (standard §6 政府保障程度(6); 表Ⅳ-6): a 村小学 or 教学点 with fewer than
 * minFundedStudents students is funded for at least minFundedStudents (the form uses one value for both).
 * Profile items.G6.scope 'all-small' applies it to every 小学, 初中 and 教学点 whatever its 城乡分类 (g6StudentFields).
 */
import type { School } from '../model';
import { blocked, compulsorySchools, num, PASS, schoolIn, sref, typeUnknown, type Check, type ItemRule } from './item-kit';

export const G6: ItemRule = {
  id: 'G6', name: '小规模学校公用经费', category: '政府保障程度', kind: 'computed', schoolBased: true,
  source: '教督〔2017〕6号 政府保障程度(6)',
  profile: {
    min: { path: 'items.G6.minFundedStudents', get: (p) => p.items.G6.minFundedStudents },
    scope: { path: 'items.G6.scope', get: (p) => p.items.G6.scope },
  },
  inputs: [schoolIn('studentsPrimary', '人', true), schoolIn('studentsJunior', '人', true), schoolIn('fundedStudents', '人', true), schoolIn('locality', '')],
  messages: {
    requirement: '不足{{min}}名学生的村小学和教学点按{{min}}名学生核定公用经费',
    form: '不足{{min}}人的规模较小学校（包括乡镇中心校附设的村小）按不低于{{min}}人核定公用经费',
    fail: '{{school}}在校生{{students}}人，核定公用经费学生数{{funded}}人（应不少于{{min}}人）',
  },
  checks: (ctx) => {
    const min = ctx.profile.items.G6.minFundedStudents;
    const allSmall = ctx.profile.items.G6.scope === 'all-small';
    const out = typeUnknown(ctx);
    // A 小学 whose 城乡分类 has an error may be a 村小学.
    if (!allSmall) for (const s of compulsorySchools(ctx)) if (s.type === '小学' && s.locality === null) out.push(blocked([sref(s, 'locality')]));
    for (const s of compulsorySchools(ctx))
      if (allSmall || (s.type === '小学' && s.locality === '乡村') || s.type === '小学教学点') out.push(schoolCheck(s, min, allSmall ? g6StudentFields(s) : ['studentsPrimary']));
    return out;
  },
};

/**
 * The pupils G6 counts for a school under scope 'all-small' (shenbao.md §11: every 小学, 初中 and 教学点 under the
 * limit; 表Ⅳ-6 counts the same): a 小学 or 教学点 its 小学 pupils, a 初中 or 完全中学 its 初中 pupils, a 一贯制 school both.
 */
export function g6StudentFields(s: Pick<School, 'type'>): ('studentsPrimary' | 'studentsJunior')[] {
  if (s.type === '小学' || s.type === '小学教学点') return ['studentsPrimary'];
  if (s.type === '初中' || s.type === '完全中学') return ['studentsJunior'];
  return ['studentsPrimary', 'studentsJunior'];
}

/** One small school's check, on the pupils of `fields` summed. */
function schoolCheck(s: School, min: number, fields: readonly ('studentsPrimary' | 'studentsJunior')[]): Check {
  const counts = fields.map((f) => num(s, f));
  const unknown = fields.filter((_, i) => counts[i] === null);
  if (unknown.length) return blocked(unknown.map((f) => sref(s, f)));
  const students = (counts as number[]).reduce((a, b) => a + b, 0);
  if (students >= min) return PASS;
  const funded = num(s, 'fundedStudents');
  if (s.bad.has('fundedStudents')) return blocked([sref(s, 'fundedStudents')]);
  if (funded === null) return { outcome: 'blank', refs: [sref(s, 'fundedStudents')] };
  return funded >= min ? PASS : { outcome: 'fail', refs: [sref(s, 'fundedStudents')], detail: { id: 'fail', params: { school: s.name, students, funded } } };
}
