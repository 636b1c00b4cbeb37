/** Q4 教师培训经费 (standard §6 教育质量(4); 表Ⅴ-4): per school, 培训经费 ≥ rate × 公用经费预算. */
import { atLeast } from '../numbers';
import type { CellRef } from '../refs';
import { blocked, compulsorySchools, pct, schoolIn, sref, typeUnknown, type Check, type ItemRule } from './item-kit';

export const Q4: ItemRule = {
  id: 'Q4', name: '教师培训经费', category: '教育质量', kind: 'computed', schoolBased: true,
  source: '教督〔2017〕6号 教育质量(4)',
  profile: { rate: { path: 'items.Q4.rate', get: (p) => p.items.Q4.rate, format: 'pct' } },
  inputs: [schoolIn('publicBudgetYuan', '元'), schoolIn('trainingSpendYuan', '元')],
  messages: {
    requirement: '所有学校按照不低于学校年度公用经费预算总额的{{rate}}安排教师培训经费',
    form: '全县所有学校按照不低于学校年度公用经费预算总额的{{rate}}安排教师培训经费',
    fail: '{{school}}培训经费占{{share}}',
  },
  checks: (ctx) => [...typeUnknown(ctx), ...compulsorySchools(ctx).map((s): Check => {
    const bad = (['publicBudgetYuan', 'trainingSpendYuan'] as const).filter((f) => s.bad.has(f));
    if (bad.length) return blocked(bad.map((f) => sref(s, f)));
    const budget = s.publicBudgetYuan;
    const spend = s.trainingSpendYuan;
    const blank = [budget === null ? sref(s, 'publicBudgetYuan') : null, spend === null ? sref(s, 'trainingSpendYuan') : null].filter((r): r is CellRef => r !== null);
    if (blank.length) return { outcome: 'blank', refs: blank };
    const need = ctx.profile.items.Q4.rate * budget!;
    return atLeast(spend!, need, ctx.tol)
      ? { outcome: 'pass' }
      : { outcome: 'fail', refs: [sref(s, 'trainingSpendYuan')], detail: { id: 'fail', params: { school: s.name, share: budget ? pct(spend! / budget) : '—' } } };
  })],
};
