/** R6 生均教学仪器设备值 (standard §3 (6); 表Ⅱ-1 L6). */
import { FLOOR_NEED_MESSAGES, floorNeed, schoolValue, sharedPart, thresholdValues, type IndicatorRule } from './indicator-kit';

export const R6: IndicatorRule = {
  id: 'R6', name: '生均教学仪器设备值', shortName: '生均教学仪器设备值', category: '资源配置',
  source: '教督〔2017〕6号 资源配置(6)', unit: '元', per100: false, shared: true,
  profile: thresholdValues('R6'),
  // In 元 internally; the column is in 万元 or 元 as its header says (Layout.scales).
  resource: { sheet: 'schools', field: 'equipmentYuan', unit: '元', integer: false, cost: 'equipmentYuan', name: '教学仪器设备' },
  // {{amount}} is a money amount with its unit (元 or 万元).
  messages: { need: '全校需增加教学仪器设备约 {{amount}}', ...FLOOR_NEED_MESSAGES },
  threshold: (p, stage) => p.thresholds[stage].R6,
  inputs: () => ({ schoolFields: ['equipmentYuan'], stageFields: [] }),
  numerator: (u) => sharedPart(u, schoolValue(u.school, 'equipmentYuan')),
  need: (n) => (n.floor ? floorNeed('元', n.shown) : { id: 'need', params: { amount: n.shown } }),
};
