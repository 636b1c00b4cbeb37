/**
 * G7 特殊教育学校生均公用经费 (standard §6 政府保障程度(7); 表Ⅳ-7): ≥ minFunding 元; computed from 公用经费总额 ÷
 * 在校生数 when both are given (template 2017-v2), the typed 生均 otherwise.
 */
import { atLeast } from '../numbers';
import { isBlocked, specialEdPerStudent } from '../county-derived';
import { blocked, countyCheck, countyIn, countyRefs, type ItemRule } from './item-kit';

export const G7: ItemRule = {
  id: 'G7', name: '特殊教育学校生均公用经费', category: '政府保障程度', kind: 'computed', schoolBased: false,
  source: '教督〔2017〕6号 政府保障程度(7)',
  profile: { min: { path: 'items.G7.minFunding', get: (p) => p.items.G7.minFunding } },
  inputs: [countyIn('specialEdFunding', '元'), countyIn('specialFundingTotal', '元'), countyIn('specialStudents', '人', true)],
  messages: {
    requirement: '特殊教育学校生均公用经费不低于{{min}}元',
    form: '特殊教育学校生均公用经费不低于{{min}}元',
    detail: '{{value}}元（标准{{min}}元）',
  },
  checks: (ctx) => {
    const computed = specialEdPerStudent(ctx.county.countyValues);
    if (isBlocked(computed)) return [blocked(countyRefs(ctx, [...computed.blocked]))];
    if (computed !== null) {
      const ok = atLeast(computed, ctx.profile.items.G7.minFunding, ctx.tol);
      return [{ outcome: ok ? 'pass' : 'fail', refs: countyRefs(ctx, ['specialFundingTotal', 'specialStudents']), detail: { id: 'detail', params: { value: Math.round(computed * 100) / 100 } } }];
    }
    // A 万元 row is scaled to 元: 0.59999 万元 is 5 999.9 元, not 5999.900000000001.
    return countyCheck(ctx, ['specialEdFunding'], ([v]) => atLeast(v, ctx.profile.items.G7.minFunding, ctx.tol), ([v]) => ({ id: 'detail', params: { value: Number(v.toPrecision(15)) } }));
  },
};
