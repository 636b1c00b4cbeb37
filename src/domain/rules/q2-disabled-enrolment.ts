/** Q2 残疾儿童少年入学率 (standard §6 教育质量(2); 表Ⅴ-2): ≥ minPercent %. */
import { atLeast } from '../numbers';
import { countyCheck, countyIn, type ItemRule } from './item-kit';

export const Q2: ItemRule = {
  id: 'Q2', name: '残疾儿童少年入学率', category: '教育质量', kind: 'computed', schoolBased: false,
  source: '教督〔2017〕6号 教育质量(2)',
  profile: { min: { path: 'items.Q2.minPercent', get: (p) => p.items.Q2.minPercent } },
  inputs: [countyIn('disabledEnrolment', '%')],
  messages: {
    requirement: '全县残疾儿童少年入学率达到{{min}}%以上',
    form: '全县残疾儿童少年入学率达到{{min}}%以上',
    detail: '{{value}}%',
  },
  checks: (ctx) => countyCheck(ctx, ['disabledEnrolment'], ([v]) => atLeast(v, ctx.profile.items.Q2.minPercent, ctx.tol), ([v]) => ({ id: 'detail', params: { value: v } })),
};
