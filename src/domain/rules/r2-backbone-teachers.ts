/** R2 每百名学生拥有县级及以上骨干教师数 (standard §3 (2); 表Ⅱ-1 L2). */
import { stageValues, thresholdValues, type IndicatorRule } from './indicator-kit';

const BACKBONE = ['backboneTeachers'] as const;

export const R2: IndicatorRule = {
  id: 'R2', name: '每百名学生拥有县级以上骨干教师数', shortName: '县级以上骨干教师', category: '资源配置',
  source: '教督〔2017〕6号 资源配置(2)', unit: '人', per100: true, shared: false,
  profile: thresholdValues('R2'),
  resource: { sheet: 'stages', field: 'backboneTeachers', unit: '人', integer: true, cost: 'backboneDesignation', name: '县级及以上骨干教师' },
  // 骨干 is a title given to teachers already employed: designated first, hired only for what they cannot cover.
  messages: {
    designate: '需认定 {{amount}} 名现有教师为县级及以上骨干教师',
    hire: '现有专任教师均已是骨干教师，需新增 {{hire}} 名专任教师并认定为县级及以上骨干教师',
    both: '需认定 {{available}} 名现有教师为县级及以上骨干教师，另新增 {{hire}} 名专任教师并认定为骨干教师',
    'floor-designate': '需认定 {{amount}} 名现有教师',
    'floor-hire': '需新增 {{hire}} 名专任教师',
    'floor-both': '需认定 {{available}} 名现有教师并新增 {{hire}} 名专任教师',
  },
  threshold: (p, stage) => p.thresholds[stage].R2,
  inputs: () => ({ schoolFields: [], stageFields: ['backboneTeachers'] }),
  numerator: (u) => stageValues(u.row, BACKBONE),
  need: (n) => {
    const hire = Math.max(0, n.amount - n.available);
    const kind = hire === 0 ? 'designate' : n.available === 0 ? 'hire' : 'both';
    return { id: n.floor ? `floor-${kind}` : kind, params: { amount: n.shown, hire, available: n.available } };
  },
};
