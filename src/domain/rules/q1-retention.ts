/**
 * Q1 初中三年巩固率 (standard §6 教育质量(1); 表Ⅴ-1): ≥ minPercent %. Computed from the five counts (template
 * 2017-v2) with the profile's formula when all are given, the typed rate otherwise.
 */
import { atLeast, fixedAgainst } from '../numbers';
import { isBlocked, Q1_COUNTS, retentionFromCounts } from '../county-derived';
import { blocked, countyCheck, countyIn, countyRefs, type ItemRule } from './item-kit';

export const Q1: ItemRule = {
  id: 'Q1', name: '初中三年巩固率', category: '教育质量', kind: 'computed', schoolBased: false,
  source: '教督〔2017〕6号 教育质量(1)',
  profile: {
    min: { path: 'items.Q1.minPercent', get: (p) => p.items.Q1.minPercent },
    formula: { path: 'items.Q1.formula', get: (p) => p.items.Q1.formula },
  },
  inputs: [countyIn('retentionRate', '%'), ...Q1_COUNTS.map((k) => countyIn(k, '人', true))],
  messages: {
    requirement: '全县初中三年巩固率达到{{min}}%以上',
    form: '全县初中三年巩固率达到{{min}}%以上',
    detail: '{{value}}%',
  },
  checks: (ctx) => {
    const min = ctx.profile.items.Q1.minPercent;
    const computed = retentionFromCounts(ctx.county.countyValues, ctx.profile.items.Q1.formula ?? 'adjust-graduates');
    if (isBlocked(computed)) return [blocked(countyRefs(ctx, [...computed.blocked]))];
    if (computed !== null)
      return [{ outcome: atLeast(computed, min, ctx.tol) ? 'pass' : 'fail', refs: countyRefs(ctx, [...Q1_COUNTS]), detail: { id: 'detail', params: { value: Number(fixedAgainst(computed, min, 2)) } } }];
    return countyCheck(ctx, ['retentionRate'], ([v]) => atLeast(v, min, ctx.tol), ([v]) => ({ id: 'detail', params: { value: v } }));
  },
};
