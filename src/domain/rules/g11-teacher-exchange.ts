/** G11 教师交流轮岗 (standard §6 政府保障程度(11); 表Ⅳ-11): 交流 ÷ 符合条件 ≥ exchangeRate, 骨干 ÷ 交流 ≥ backboneRate. */
import { atLeast } from '../numbers';
import { countyCheck, countyIn, pct, type ItemRule } from './item-kit';

export const G11: ItemRule = {
  id: 'G11', name: '教师交流轮岗', category: '政府保障程度', kind: 'computed', schoolBased: false,
  source: '教督〔2017〕6号 政府保障程度(11)',
  profile: {
    exchangeRate: { path: 'items.G11.exchangeRate', get: (p) => p.items.G11.exchangeRate, format: 'pct' },
    backboneRate: { path: 'items.G11.backboneRate', get: (p) => p.items.G11.backboneRate, format: 'pct' },
  },
  inputs: [countyIn('eligibleExchange', '人', true), countyIn('exchanged', '人', true), countyIn('exchangedBackbone', '人', true)],
  messages: {
    requirement: '全县每年交流轮岗教师的比例不低于符合交流条件教师总数的{{exchangeRate}}，其中骨干教师不低于交流轮岗教师总数的{{backboneRate}}',
    form: '全县每年交流轮岗教师的比例不低于符合交流轮岗条件教师总数的{{exchangeRate}}；其中，骨干教师不低于交流轮岗教师总数的{{backboneRate}}',
    detail: '交流比例{{rate}}，其中骨干教师占{{backbone}}',
  },
  checks: (ctx) => countyCheck(ctx, ['eligibleExchange', 'exchanged', 'exchangedBackbone'], ([e, x, b]) => {
    const rateOk = e === 0 || atLeast(x / e, ctx.profile.items.G11.exchangeRate, ctx.tol);
    const backboneOk = x === 0 ? e === 0 : atLeast(b / x, ctx.profile.items.G11.backboneRate, ctx.tol);
    return rateOk && backboneOk;
  }, ([e, x, b]) => ({ id: 'detail', params: { rate: e ? pct(x / e, ctx.profile.items.G11.exchangeRate) : '—', backbone: x ? pct(b / x, ctx.profile.items.G11.backboneRate) : '—' } })),
};
