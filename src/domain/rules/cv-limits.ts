/** The 校际差异系数 limits (standard §4; 表Ⅲ): the words about a failing CV wherever they are printed. */
import type { RuleBase } from './types';

export const CV: RuleBase = {
  id: 'CV', name: '校际差异系数', category: '资源配置', source: '教督〔2017〕6号 校际差异系数',
  profile: {
    小学: { path: 'cvLimits.小学', get: (p) => p.cvLimits['小学'] },
    初中: { path: 'cvLimits.初中', get: (p) => p.cvLimits['初中'] },
  },
  messages: {
    // {{limit}} is the 学段's limit, as the engine applied it (Evaluation.balance).
    advice: '{{stage}} {{name}} 差异系数 {{cv}}，高于 {{limit}}',
    sources: '；差异主要来自 {{list}}',
    source: '{{school}}（{{value}}{{vu}}，占{{share}}%）',
    'if-mean': '；若 {{school}} 提高到县均值 {{mean}}{{vu}}，差异系数可降至 {{cvAtMean}}',
    remaining: '{{stage}} {{name}} 差异系数未达标',
    'remaining-unknown': '{{stage}} {{name}} 差异系数无法计算（相关数据有错误）',
    'reason-cv': '{{stage}} {{id}} 差异系数',
    'goal-cv': '全县{{stage}}{{name}}差异系数降至上限以内',
  },
};
