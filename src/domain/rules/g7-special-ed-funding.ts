/** G7 特殊教育学校生均公用经费 (standard §6 政府保障程度(7); 表Ⅳ-7): the county value ≥ minFunding 元. */
import { atLeast } from '../numbers';
import { countyCheck, countyIn, type ItemRule } from './item-kit';

export const G7: ItemRule = {
  id: 'G7', name: '特殊教育学校生均公用经费', category: '政府保障程度', kind: 'computed', schoolBased: false,
  source: '教督〔2017〕6号 政府保障程度(7)',
  profile: { min: { path: 'items.G7.minFunding', get: (p) => p.items.G7.minFunding } },
  inputs: [countyIn('specialEdFunding', '元')],
  messages: {
    requirement: '特殊教育学校生均公用经费不低于{{min}}元',
    form: '特殊教育学校生均公用经费不低于{{min}}元',
    detail: '{{value}}元（标准{{min}}元）',
  },
  checks: (ctx) => countyCheck(ctx, ['specialEdFunding'], ([v]) => atLeast(v, ctx.profile.items.G7.minFunding, ctx.tol), ([v]) => ({ id: 'detail', params: { value: v } })),
};
