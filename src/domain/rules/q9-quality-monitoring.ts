/**
 * Q9 国家义务教育质量监测 (standard §6 教育质量(9); 表Ⅴ-9): 学业水平 Ⅲ级以上 and 校际差异率 < maxGap. From the subject
 * rows (template 2017-v2) when any holds a value, else from the two rows of template 2017-v1.
 */
import { below } from '../numbers';
import { Q9_GAP_KEYS, Q9_LEVEL_KEYS, q9FromSubjects } from '../county-derived';
import { blocked, countyBlank, countyBool, countyIn, countyInput, countyNumber, countyRefs, type Check, type ItemRule } from './item-kit';

export const Q9: ItemRule = {
  id: 'Q9', name: '国家义务教育质量监测', category: '教育质量', kind: 'computed', schoolBased: false,
  source: '教督〔2017〕6号 教育质量(9)',
  profile: { maxGap: { path: 'items.Q9.maxGap', get: (p) => p.items.Q9.maxGap } },
  inputs: [countyIn('monitoringLevel3', '是/否'), countyIn('monitoringGap', ''), ...Q9_LEVEL_KEYS.map((k) => countyIn(k, '')), ...Q9_GAP_KEYS.map((k) => countyIn(k, ''))],
  messages: {
    requirement: '相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于{{maxGap}}',
    form: '在国家义务教育质量监测中，相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于{{maxGap}}',
    level: '学业水平未达到Ⅲ级以上',
    gap: '校际差异率{{value}}（应低于{{maxGap}}）',
    'subject-level': '{{subject}}学业水平为{{level}}，未达到Ⅲ级以上',
    'subject-gap': '{{subject}}校际差异率{{value}}（应低于{{maxGap}}）',
  },
  checks: (ctx) => {
    const subjects = q9FromSubjects(ctx.county.countyValues, ctx.profile.items.Q9.maxGap, ctx.tol);
    if (subjects) {
      const refs = countyRefs(ctx, subjects.keys);
      if (subjects.outcome === 'unknown') return [blocked(refs)];
      // The blank cells and the absent subject rows (a workbook with only some subjects' rows gets a warning per missing row).
      if (subjects.outcome === 'blank') return [countyBlank(subjects.keys.map((k) => countyInput(ctx, k, (v: unknown) => v)))];
      if (subjects.outcome === 'pass') return [{ outcome: 'pass' }];
      const f = subjects.fail!;
      return [f.level !== undefined
        ? { outcome: 'fail', refs, detail: { id: 'subject-level', params: { subject: f.subject, level: ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'][f.level - 1] } } }
        : { outcome: 'fail', refs, detail: { id: 'subject-gap', params: { subject: f.subject, value: f.gap! } } }];
    }
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
