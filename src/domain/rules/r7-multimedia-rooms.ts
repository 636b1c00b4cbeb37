/** R7 每百名学生拥有网络多媒体教室数 (standard §3 (7); 表Ⅱ-1 L7). */
import { FLOOR_NEED_MESSAGES, floorNeed, schoolValue, sharedPart, thresholdValues, type IndicatorRule } from './indicator-kit';

export const R7: IndicatorRule = {
  id: 'R7', name: '每百名学生拥有网络多媒体教室数', shortName: '网络多媒体教室', category: '资源配置',
  source: '教督〔2017〕6号 资源配置(7)', unit: '间', per100: true, shared: true,
  profile: thresholdValues('R7'),
  resource: { sheet: 'schools', field: 'multimediaRooms', unit: '间', integer: true, cost: 'multimediaRooms', name: '网络多媒体教室' },
  messages: { need: '全校需增加 {{amount}} 间网络多媒体教室', ...FLOOR_NEED_MESSAGES },
  threshold: (p, stage) => p.thresholds[stage].R7,
  inputs: () => ({ schoolFields: ['multimediaRooms'], stageFields: [] }),
  numerator: (u) => sharedPart(u, schoolValue(u.school, 'multimediaRooms')),
  need: (n) => (n.floor ? floorNeed('间', n.shown) : { id: 'need', params: { amount: n.shown } }),
};
