/** G9 教师培训 (standard §6 政府保障程度(9); 表Ⅳ-9): per 学段 row, 完成360学时培训 ÷ 专任教师 ≥ rate. */
import { perTeacherChecks, stageIn, type ItemRule } from './item-kit';

export const G9: ItemRule = {
  id: 'G9', name: '教师培训', category: '政府保障程度', kind: 'computed', schoolBased: true,
  source: '教督〔2017〕6号 政府保障程度(9)',
  profile: { rate: { path: 'items.G9.rate', get: (p) => p.items.G9.rate, format: 'pct' } },
  inputs: [stageIn('trainedTeachers', '人', true), stageIn('teachers', '人', true)],
  literals: [5, 360],
  messages: {
    requirement: '教师5年360学时培训完成率达到{{rate}}',
    form: '教师5年360学时培训完成率达到{{rate}}',
    fail: '{{school}}{{stage}}完成360学时培训比例{{value}}%（标准{{rate|pct1}}）',
  },
  checks: (ctx) => perTeacherChecks(ctx, 'trainedTeachers', ctx.profile.items.G9.rate),
};

