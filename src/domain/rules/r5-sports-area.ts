/** R5 生均体育运动场馆面积 (standard §3 (5); 表Ⅱ-1 L5). */
import { FLOOR_NEED_MESSAGES, floorNeed, schoolValue, sharedPart, thresholdValues, type IndicatorRule } from './indicator-kit';

export const R5: IndicatorRule = {
  id: 'R5', name: '生均体育运动场馆面积', shortName: '生均体育运动场馆', category: '资源配置',
  source: '教督〔2017〕6号 资源配置(5)', unit: '㎡', per100: false, shared: true,
  profile: thresholdValues('R5'),
  // 室外运动场地 only: 室内体育用房 is part of 教学及辅助用房 and would raise two columns at once.
  resource: { sheet: 'schools', field: 'outdoorSportsArea', unit: '㎡', integer: false, cost: 'outdoorSportsArea', name: '室外运动场地' },
  messages: { need: '全校需增加室外运动场地约 {{amount}}㎡', ...FLOOR_NEED_MESSAGES },
  threshold: (p, stage) => p.thresholds[stage].R5,
  inputs: () => ({ schoolFields: ['outdoorSportsArea', 'indoorSportsArea'], stageFields: [] }),
  numerator: (u) => {
    // sum() of the two, without the array: 0 + outdoor + indoor.
    const outdoor = schoolValue(u.school, 'outdoorSportsArea');
    const indoor = schoolValue(u.school, 'indoorSportsArea', true);
    return sharedPart(u, outdoor === null || indoor === null ? null : 0 + outdoor + indoor);
  },
  need: (n) => (n.floor ? floorNeed('㎡', n.shown) : { id: 'need', params: { amount: n.shown } }),
};
