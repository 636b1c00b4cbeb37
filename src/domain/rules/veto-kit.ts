/**
 * V1–V6 一票否决 (standard §5; 申报表「一票否决」): each situation, answered 是/否 in 「县级指标」. 「否」 (the
 * situation does not exist) passes, 「是」 fails, a blank is 未填报. The six share this module: they differ
 * only in their situation; each has its module (v1-…ts to v6-…ts).
 */
import { VETO_LABELS } from '../county-derived';
import { blocked, countyBlank, countyBool, type ItemRule } from './item-kit';

export function veto(n: number): ItemRule {
  const key = `veto${n}`;
  const situation = VETO_LABELS[n - 1];
  return {
    id: `V${n}`, name: situation, category: '一票否决', kind: 'evidence', schoolBased: false,
    source: '教督〔2017〕6号 第五条（一票否决）',
    profile: {},
    inputs: [{ sheet: 'county', field: key, unit: '是/否', integer: false }],
    messages: {
      requirement: `不得存在下列情形：${situation}（县级指标表应填“否”）`,
      form: situation,
      no: '填报为“否”',
      yes: '填报为“是”',
    },
    checks: (ctx) => {
      const b = countyBool(ctx, key);
      if (b.bad) return [blocked([b.ref!])];
      if (b.v === null) return [countyBlank([b])];
      return [{ outcome: b.v ? 'fail' : 'pass', refs: b.ref ? [b.ref] : [], detail: { id: b.v ? 'yes' : 'no' } }];
    },
  };
}

