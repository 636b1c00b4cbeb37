/** G14 优质高中招生名额分配 (standard §6 政府保障程度(14); 表Ⅳ-14): 分配 ÷ 计划 ≥ rate. */
import { atLeast } from '../numbers';
import { countyCheck, countyIn, pct, type ItemRule } from './item-kit';

export const G14: ItemRule = {
  id: 'G14', name: '优质高中招生名额分配', category: '政府保障程度', kind: 'computed', schoolBased: false,
  source: '教督〔2017〕6号 政府保障程度(14)',
  profile: { rate: { path: 'items.G14.rate', get: (p) => p.items.G14.rate, format: 'pct' } },
  inputs: [countyIn('quotaPlan', '人', true), countyIn('quotaAllocated', '人', true)],
  messages: {
    requirement: '优质高中招生名额分配比例不低于{{rate}}，并向农村初中倾斜',
    form: '全县优质高中招生名额分配比例不低于{{rate}}，并向农村初中倾斜',
    detail: '分配比例{{share}}',
  },
  checks: (ctx) => countyCheck(ctx, ['quotaPlan', 'quotaAllocated'], ([p, a]) => p > 0 && atLeast(a / p, ctx.profile.items.G14.rate, ctx.tol), ([p, a]) => ({ id: 'detail', params: { share: p ? pct(a / p, ctx.profile.items.G14.rate) : '—' } })),
};
