/** SR 社会认可度 (standard §6 社会认可度; 表Ⅵ): ≥ minPercent %. */
import { atLeast } from '../numbers';
import { countyCheck, countyIn, type ItemRule } from './item-kit';

export const SR: ItemRule = {
  id: 'SR', name: '社会认可度', category: '社会认可度', kind: 'computed', schoolBased: false,
  source: '教督〔2017〕6号 社会认可度',
  profile: { min: { path: 'items.SR.minPercent', get: (p) => p.items.SR.minPercent } },
  inputs: [countyIn('recognition', '%')],
  messages: {
    requirement: '社会认可度达到{{min}}%以上',
    form: '社会认可度达到{{min}}%以上',
    detail: '{{value}}%',
  },
  checks: (ctx) => countyCheck(ctx, ['recognition'], ([v]) => atLeast(v, ctx.profile.items.SR.minPercent, ctx.tol), ([v]) => ({ id: 'detail', params: { value: v } })),
};
