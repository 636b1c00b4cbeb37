/** G15 随迁子女就读 (standard §6 政府保障程度(15); 表Ⅳ-15): 公办及购买服务 ÷ 符合条件 ≥ rate. */
import { atLeast } from '../numbers';
import { countyCheck, countyIn, pct, type ItemRule } from './item-kit';

export const G15: ItemRule = {
  id: 'G15', name: '随迁子女就读', category: '政府保障程度', kind: 'computed', schoolBased: false,
  source: '教督〔2017〕6号 政府保障程度(15)',
  profile: { rate: { path: 'items.G15.rate', get: (p) => p.items.G15.rate, format: 'pct' } },
  inputs: [countyIn('migrantEligible', '人', true), countyIn('migrantPublic', '人', true)],
  messages: {
    requirement: '符合条件的随迁子女在公办学校和政府购买服务的民办学校就读的比例不低于{{rate}}',
    form: '留守儿童关爱体系健全，全县符合条件的随迁子女在公办学校和政府购买服务的民办学校就读的比例不低于{{rate}}',
    detail: '比例{{share}}',
  },
  checks: (ctx) => countyCheck(ctx, ['migrantEligible', 'migrantPublic'], ([e, p]) => e === 0 || atLeast(p / e, ctx.profile.items.G15.rate, ctx.tol), ([e, p]) => ({ id: 'detail', params: { share: e ? pct(p / e) : '—' } })),
};
