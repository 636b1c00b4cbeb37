/** Q1 初中三年巩固率 (standard §6 教育质量(1); 表Ⅴ-1): ≥ minPercent %. */
import { atLeast } from '../numbers';
import { countyCheck, countyIn, type ItemRule } from './item-kit';

export const Q1: ItemRule = {
  id: 'Q1', name: '初中三年巩固率', category: '教育质量', kind: 'computed', schoolBased: false,
  source: '教督〔2017〕6号 教育质量(1)',
  profile: { min: { path: 'items.Q1.minPercent', get: (p) => p.items.Q1.minPercent } },
  inputs: [countyIn('retentionRate', '%')],
  messages: {
    requirement: '全县初中三年巩固率达到{{min}}%以上',
    form: '全县初中三年巩固率达到{{min}}%以上',
    detail: '{{value}}%',
  },
  checks: (ctx) => countyCheck(ctx, ['retentionRate'], ([v]) => atLeast(v, ctx.profile.items.Q1.minPercent, ctx.tol), ([v]) => ({ id: 'detail', params: { value: v } })),
};
