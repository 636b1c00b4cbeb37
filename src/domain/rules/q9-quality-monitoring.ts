/** Q9 国家义务教育质量监测 (standard §6 教育质量(9); 表Ⅴ-9): 学业水平 Ⅲ级以上 and 校际差异率 < maxGap. */
import { below } from '../numbers';
import { blocked, countyBlank, countyBool, countyIn, countyNumber, type Check, type ItemRule } from './item-kit';

export const Q9: ItemRule = {
  id: 'Q9', name: '国家义务教育质量监测', category: '教育质量', kind: 'computed', schoolBased: false,
  source: '教督〔2017〕6号 教育质量(9)',
  profile: { maxGap: { path: 'items.Q9.maxGap', get: (p) => p.items.Q9.maxGap } },
  inputs: [countyIn('monitoringLevel3', '是/否'), countyIn('monitoringGap', '')],
  messages: {
    requirement: '相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于{{maxGap}}',
    form: '在国家义务教育质量监测中，相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于{{maxGap}}',
    level: '学业水平未达到Ⅲ级以上',
    gap: '校际差异率{{value}}（应低于{{maxGap}}）',
  },
  checks: (ctx) => {
    const level = countyBool(ctx, 'monitoringLevel3');
    const gap = countyNumber(ctx, 'monitoringGap');
    const out: Check[] = [];
    if (level.bad) out.push(blocked([level.ref!]));
    else if (level.v === false) out.push({ outcome: 'fail', refs: level.ref ? [level.ref] : [], detail: { id: 'level' } });
    else if (level.v === null) out.push(countyBlank([level]));
    else out.push({ outcome: 'pass' });
    if (gap.bad) out.push(blocked([gap.ref!]));
    else if (gap.v === null) out.push(countyBlank([gap]));
    else if (below(gap.v, ctx.profile.items.Q9.maxGap, ctx.tol)) out.push({ outcome: 'pass' });
    else out.push({ outcome: 'fail', refs: gap.ref ? [gap.ref] : [], detail: { id: 'gap', params: { value: gap.v } } });
    return out;
  },
};
