/** G8 教师工资收入 (standard §6 政府保障程度(8); 表Ⅳ-8): 教师 ≥ 公务员 (no profile value). */
import { atLeast } from '../numbers';
import { countyCheck, countyIn, type ItemRule } from './item-kit';

export const G8: ItemRule = {
  id: 'G8', name: '教师工资收入', category: '政府保障程度', kind: 'computed', schoolBased: false,
  source: '教督〔2017〕6号 政府保障程度(8)',
  profile: {},
  inputs: [countyIn('teacherPay', '元'), countyIn('civilServantPay', '元')],
  messages: {
    requirement: '义务教育学校教师平均工资收入水平不低于当地公务员平均工资收入水平',
    form: '全县义务教育学校教师平均工资收入水平不低于当地公务员平均工资收入水平，按规定足额核定教师绩效工资总量',
    detail: '教师{{teacher}}元，公务员{{civil}}元',
  },
  checks: (ctx) => countyCheck(ctx, ['teacherPay', 'civilServantPay'], ([t, c]) => atLeast(t, c, ctx.tol), ([t, c]) => ({ id: 'detail', params: { teacher: t, civil: c } })),
};
