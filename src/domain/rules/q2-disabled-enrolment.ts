/**
 * Q2 残疾儿童少年入学率 (standard §6 教育质量(2); 表Ⅴ-2): ≥ minPercent %. Computed from 已入学 ÷ 适龄 (template
 * 2017-v2) when both are given (no 适龄 children passes), the typed rate otherwise.
 */
import { atLeast } from '../numbers';
import { disabledRateFromCounts, isBlocked } from '../county-derived';
import { blocked, countyCheck, countyIn, countyRefs, type ItemRule } from './item-kit';

export const Q2: ItemRule = {
  id: 'Q2', name: '残疾儿童少年入学率', category: '教育质量', kind: 'computed', schoolBased: false,
  source: '教督〔2017〕6号 教育质量(2)',
  profile: { min: { path: 'items.Q2.minPercent', get: (p) => p.items.Q2.minPercent } },
  inputs: [countyIn('disabledEnrolment', '%'), countyIn('disabledChildren', '人', true), countyIn('disabledEnrolled', '人', true)],
  messages: {
    requirement: '全县残疾儿童少年入学率达到{{min}}%以上',
    form: '全县残疾儿童少年入学率达到{{min}}%以上',
    detail: '{{value}}%',
    none: '无适龄残疾儿童少年',
  },
  checks: (ctx) => {
    const min = ctx.profile.items.Q2.minPercent;
    const computed = disabledRateFromCounts(ctx.county.countyValues);
    const refs = () => countyRefs(ctx, ['disabledChildren', 'disabledEnrolled']);
    if (isBlocked(computed)) return [blocked(countyRefs(ctx, [...computed.blocked]))];
    if (computed === 'none') return [{ outcome: 'pass', detail: { id: 'none' } }];
    if (computed !== null)
      return [{ outcome: atLeast(computed, min, ctx.tol) ? 'pass' : 'fail', refs: refs(), detail: { id: 'detail', params: { value: Math.round(computed * 100) / 100 } } }];
    return countyCheck(ctx, ['disabledEnrolment'], ([v]) => atLeast(v, min, ctx.tol), ([v]) => ({ id: 'detail', params: { value: v } }));
  },
};
