/**
 * The per-unit rule (standard §3, §5): which schools are counted, how a school is split into 学段 units,
 * and when a unit passes (at least `minMet` of R1–R7 at their thresholds, none below `floorRatio` of it).
 * Its messages are the words about the floor and the count of indicators wherever they are printed.
 */
import type { RuleBase } from './types';

export const UNIT: RuleBase = {
  id: 'UNIT', name: '学校（学段）资源配置达标', category: '达标规则', source: '教督〔2017〕6号 资源配置、评估办法第十二条',
  profile: {
    floorRatio: { path: 'floorRatio', get: (p) => p.floorRatio, format: 'pct' },
    minMet: { path: 'minMet', get: (p) => p.minMet },
    teachingPointMinStudents: { path: 'scope.teachingPointMinStudents', get: (p) => p.scope.teachingPointMinStudents },
    includePrivate: { path: 'scope.includePrivate', get: (p) => p.scope.includePrivate },
    nineYear小学: { path: 'splitWeights.nineYear.小学', get: (p) => p.splitWeights.nineYear['小学'] },
    nineYear初中: { path: 'splitWeights.nineYear.初中', get: (p) => p.splitWeights.nineYear['初中'] },
    completeSecondary初中: { path: 'splitWeights.completeSecondary.初中', get: (p) => p.splitWeights.completeSecondary['初中'] },
    completeSecondary高中: { path: 'splitWeights.completeSecondary.高中', get: (p) => p.splitWeights.completeSecondary['高中'] },
    twelveYear小学: { path: 'splitWeights.twelveYear.小学', get: (p) => p.splitWeights.twelveYear['小学'] },
    twelveYear初中: { path: 'splitWeights.twelveYear.初中', get: (p) => p.splitWeights.twelveYear['初中'] },
    twelveYear高中: { path: 'splitWeights.twelveYear.高中', get: (p) => p.splitWeights.twelveYear['高中'] },
    tolerance: { path: 'tolerance', get: (p) => p.tolerance },
  },
  messages: {
    // Advice (src/domain/advice.ts).
    below: '{{unit}} {{name}} {{value}}{{vu}}，低于 {{threshold}}{{vu}}，{{need}}',
    'below-floor': '（低于标准值的{{floorRatio}}即 {{floorValue}}{{vu}}，至少{{floorNeed}}）',
    fix: '{{unit}} 未达标（{{status}}）：最经济的补足办法是使{{parts}}，估算约 {{cost}} 万元',
    status: '{{met}}项达到标准值',
    'status-below-floor': '{{met}}项达到标准值，{{count}}项低于{{floorRatio}}',
    'to-threshold': '{{names}}达到标准值',
    'to-floor': '{{names}}达到标准值的{{floorRatio}}',
    // Notes of the marks (src/report/marks.ts).
    mark: '{{school}} {{stage}}部：{{id}} {{name}} {{value}}{{vu}}，低于标准 {{threshold}}{{vu}}{{floor}}{{split}}',
    'mark-above-floor': '（已达到标准的{{floorRatio}}）',
    'mark-below-floor': '（未达到{{floorRatio}}）',
    'mark-split': '；该值按全校合计的 {{share}}% 分摊到{{stage}}部计算',
    // 表Ⅱ (src/report/sheets.ts).
    'rule-line': '至少{{minMet}}项达到标准值，且每项不低于标准值的{{floorRatio}}',
    'remark-met': '达标：{{ids}}',
    'remark-floor': '达到{{floorRatio}}：{{ids}}',
    'remark-below': '低于{{floorRatio}}：{{ids}}',
    'remark-unknown': '无法计算：{{ids}}（相关数据有错误，请先改正）',
    'remark-few': '达标项少于{{minMet}}项',
    // The validate summary (src/cli/text.ts).
    'text-below-floor': '（低于{{floorRatio}}）',
    // The plan (src/report/plan.ts): a reason as data → words; the pane's longer wording.
    'reason-threshold': '{{stage}} {{id}} 达标',
    'reason-floor': '{{stage}} {{id}} 达到{{floorRatio}}',
    'goal-threshold': '{{stage}}部{{name}}达到标准值',
    'goal-floor': '{{stage}}部{{name}}达到标准值的{{floorRatio}}',
    'plan-rule': '至少{{minMet}}项达到标准值、全部达到{{floorRatio}}',
    remaining: '{{school}} {{stage}} 未达标',
    'remaining-unknown': '{{school}} {{stage}} 无法评估（相关数据有错误）',
    // Exclusions (src/domain/evaluate.ts).
    'excluded-teaching-point': '教学点在校生不足{{teachingPointMinStudents}}人',
  },
};
