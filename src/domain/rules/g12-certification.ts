/** G12 教师持证上岗 (standard §6 政府保障程度(12); 表Ⅳ-12): per 学段 row, 持证 ÷ 专任教师 ≥ rate. */
import { perTeacherChecks, stageIn, type ItemRule } from './item-kit';

export const G12: ItemRule = {
  id: 'G12', name: '教师持证上岗', category: '政府保障程度', kind: 'computed', schoolBased: true,
  source: '教督〔2017〕6号 政府保障程度(12)',
  profile: { rate: { path: 'items.G12.rate', get: (p) => p.items.G12.rate, format: 'pct' } },
  inputs: [stageIn('certifiedTeachers', '人', true), stageIn('teachers', '人', true)],
  messages: {
    requirement: '专任教师持有教师资格证上岗率达到{{rate}}',
    form: '专任教师持有教师资格证上岗率达到{{rate}}',
    fail: '{{school}}{{stage}}持证比例{{value}}%（标准{{rate|pct1}}）',
  },
  checks: (ctx) => perTeacherChecks(ctx, 'certifiedTeachers', ctx.profile.items.G12.rate),
};

