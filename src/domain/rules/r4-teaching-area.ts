/** R4 生均教学及辅助用房面积 (standard §3 (4); 表Ⅱ-1 L4). */
import { FLOOR_NEED_MESSAGES, floorNeed, schoolValue, sharedPart, thresholdValues, type IndicatorRule } from './indicator-kit';

export const R4: IndicatorRule = {
  id: 'R4', name: '生均教学及辅助用房面积', shortName: '生均教学及辅助用房', category: '资源配置',
  source: '教督〔2017〕6号 资源配置(4)', unit: '㎡', per100: false, shared: true,
  profile: { ...thresholdValues('R4'), indoorSportsInR4: { path: 'indoorSportsInR4', get: (p) => p.indoorSportsInR4 } },
  // With 'subtract' the numerator is 教学及辅助用房 − 室内体育用房: adding to 教学及辅助用房 raises it by as much.
  resource: { sheet: 'schools', field: 'teachingArea', unit: '㎡', integer: false, cost: 'teachingArea', name: '教学及辅助用房' },
  messages: { need: '全校需增加约 {{amount}}㎡', ...FLOOR_NEED_MESSAGES },
  threshold: (p, stage) => p.thresholds[stage].R4,
  inputs: (u) => ({ schoolFields: u.profile.indoorSportsInR4 === 'subtract' ? ['teachingArea', 'indoorSportsArea'] : ['teachingArea'], stageFields: [] }),
  numerator: (u) => {
    const area = schoolValue(u.school, 'teachingArea');
    if (u.profile.indoorSportsInR4 !== 'subtract') return sharedPart(u, area);
    const indoor = schoolValue(u.school, 'indoorSportsArea', true);
    return sharedPart(u, area === null || indoor === null ? null : area - indoor);
  },
  need: (n) => (n.floor ? floorNeed('㎡', n.shown) : { id: 'need', params: { amount: n.shown } }),
};
