/** Q4 教师培训经费 (standard §6 教育质量(4); 表Ⅴ-4): per school, 培训经费 ≥ rate × 公用经费预算. */
import { atLeast } from '../numbers';
import type { CellRef } from '../refs';
import type { School } from '../model';
import { blocked, compulsorySchools, PASS, pct, schoolIn, sref, typeUnknown, type Check, type Ctx, type ItemRule } from './item-kit';

const FIELDS = ['publicBudgetYuan', 'trainingSpendYuan'] as const;

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
  checks: (ctx) => {
    const out = typeUnknown(ctx);
    for (const s of compulsorySchools(ctx)) out.push(schoolCheck(ctx, s));
    return out;
  },
};

/** One school's check (run for every school: the cell lists are built only when not passing). */
function schoolCheck(ctx: Ctx, s: School): Check {
  if (s.bad.has('publicBudgetYuan') || s.bad.has('trainingSpendYuan')) return blocked(FIELDS.filter((f) => s.bad.has(f)).map((f) => sref(s, f)));
  const budget = s.publicBudgetYuan;
  const spend = s.trainingSpendYuan;
  if (budget === null || spend === null) {
    const blank = [budget === null ? sref(s, 'publicBudgetYuan') : null, spend === null ? sref(s, 'trainingSpendYuan') : null].filter((r): r is CellRef => r !== null);
    return { outcome: 'blank', refs: blank };
  }
  const need = ctx.profile.items.Q4.rate * budget;
  return atLeast(spend, need, ctx.tol)
    ? PASS
    : { outcome: 'fail', refs: [sref(s, 'trainingSpendYuan')], detail: { id: 'fail', params: { school: s.name, share: budget ? pct(spend / budget, ctx.profile.items.Q4.rate) : '—' } } };
}
