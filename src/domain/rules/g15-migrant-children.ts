/**
 * G15 随迁子女就读 (standard §6 政府保障程度(15); 表Ⅳ-15): 公办及购买服务 ÷ 符合条件 ≥ rate. The numerator is the
 * sum of the two split rows when both are given (template 2017-v2), the combined row otherwise.
 */
import { atLeast } from '../numbers';
import { cnum, isBlocked, migrantSplitSum } from '../county-derived';
import { blocked, countyCheck, countyIn, countyRefs, pct, type ItemRule } from './item-kit';

export const G15: ItemRule = {
  id: 'G15', name: '随迁子女就读', category: '政府保障程度', kind: 'computed', schoolBased: false,
  source: '教督〔2017〕6号 政府保障程度(15)',
  profile: { rate: { path: 'items.G15.rate', get: (p) => p.items.G15.rate, format: 'pct' } },
  inputs: [countyIn('migrantEligible', '人', true), countyIn('migrantPublic', '人', true), countyIn('migrantPublicOnly', '人', true), countyIn('migrantPurchased', '人', true)],
  messages: {
    requirement: '符合条件的随迁子女在公办学校和政府购买服务的民办学校就读的比例不低于{{rate}}',
    form: '留守儿童关爱体系健全，全县符合条件的随迁子女在公办学校和政府购买服务的民办学校就读的比例不低于{{rate}}',
    detail: '比例{{share}}',
  },
  checks: (ctx) => {
    const rate = ctx.profile.items.G15.rate;
    const split = migrantSplitSum(ctx.county.countyValues);
    if (isBlocked(split)) return [blocked(countyRefs(ctx, [...split.blocked]))];
    const e = cnum(ctx.county.countyValues, 'migrantEligible');
    if (split !== null && e !== null) {
      const ok = e === 0 || atLeast(split / e, rate, ctx.tol);
      return [{ outcome: ok ? 'pass' : 'fail', refs: countyRefs(ctx, ['migrantEligible', 'migrantPublicOnly', 'migrantPurchased']), detail: { id: 'detail', params: { share: e ? pct(split / e, rate) : '—' } } }];
    }
    return countyCheck(ctx, ['migrantEligible', 'migrantPublic'], ([e2, p]) => e2 === 0 || atLeast(p / e2, rate, ctx.tol), ([e2, p]) => ({ id: 'detail', params: { share: e2 ? pct(p / e2, rate) : '—' } }));
  },
};
