/** The readable Chinese summary that `validate` prints without --json. */
import { fixed, fixedAgainst, indicatorLimits } from '../domain/numbers';
import { INDICATOR_IDS } from '../domain/profile';
import { profileFromOverrides } from '../domain/profile';
import { INDICATORS, UNIT } from '../domain/rules';
import { renderMessage } from '../domain/rules/render';
import type { Advice } from '../domain/advice';
import { additionText, amountText, reasonText, type Plan } from '../report/plan';
import { itemVerdictText, resourceConclusion, verdictText } from '../report/labels';
import type { Report } from '../report/types';


export function reportText(r: Report, file: string, advice: readonly Advice[] = [], plan?: Plan): string {
  const out: string[] = [];
  const s = r.summary;
  out.push(`核验文件：${file}`);
  out.push(`区县：${r.county.name ?? '（未填）'}    统计年度：${r.county.year ?? '（未填）'}    规则：${r.profileName}`);
  for (const o of r.profileOverrides) out.push(`  规则配置改动：${o.path} 国家标准 ${JSON.stringify(o.national)} → ${JSON.stringify(o.value)}`);
  out.push(`  计算口径：生均教学及辅助用房面积（R4）${r.indoorSportsInR4 === 'subtract' ? '扣除其中室内体育用房面积' : '不扣除其中室内体育用房面积（该面积同时计入 R4 和 R5）'}`);
  out.push(`错误 ${s.errors} 个，警告 ${s.warnings} 个；达标学校（学段）${s.unitsPassing}/${s.units}；差异系数达标 ${s.balancePassing}/${s.balanceTotal}`);
  out.push(`资源配置结论：${resourceConclusion(s)}`);
  const list = (severity: 'error' | 'warning', title: string, max: number) => {
    const items = r.issues.filter((i) => i.severity === severity);
    if (!items.length) return;
    out.push('', `${title}（${items.length}）`);
    for (const i of items.slice(0, max)) out.push(`  ${i.sheet}${i.cell ? `!${i.cell}` : ''}  ${i.message}${i.fix ? `。${i.fix}` : ''}  [${i.code}]`);
    if (items.length > max) out.push(`  …… 另有 ${items.length - max} 个，完整列表请用 --json 或 annotate 生成的「核验_问题清单」`);
  };
  list('error', '错误', 200);
  list('warning', '警告', 50);
  const failing = r.units.filter((u) => u.passes !== true);
  const profile = profileFromOverrides(r.profileOverrides);
  const belowFloor = renderMessage(UNIT, 'text-below-floor', profile);
  out.push('', `学校（学段）达标情况：${s.unitsPassing}/${s.units} 达标`);
  for (const u of failing) {
    const below = INDICATOR_IDS.filter((id) => u.indicators[id].met === false)
      .map((id) => `${id} ${fixedAgainst(u.indicators[id].value, indicatorLimits(u.indicators[id].threshold, profile.floorRatio), 2)}<${u.indicators[id].threshold}${u.indicators[id].aboveFloor ? '' : belowFloor}`);
    out.push(`  ${verdictText(u.passes)}  ${u.schoolName}（${u.schoolCode}）${u.stage}  达标 ${u.metCount ?? '—'}/7  ${below.join('，')}`);
  }
  for (const e of r.excluded) out.push(`  不参与计算  ${e.schoolName}（${e.schoolCode}）${e.stage ?? ''}  ${e.reason}`);
  for (const [stage, b] of Object.entries(r.balance)) {
    out.push('', `${stage}校际均衡（${b!.units} 个学校单位，${b!.students} 名学生）`);
    for (const rule of INDICATORS) {
      const i = b!.indicators[rule.id];
      out.push(`  ${rule.id} ${rule.name}  县均值 ${fixed(i.mean, 2)}  差异系数 ${fixed(i.cv, 3)}（≤${i.limit}） ${verdictText(i.passes)}`);
    }
  }
  if (advice.length) {
    out.push('', `差距与建议（${advice.length}）`);
    for (const a of advice) out.push(`  ${a.text}`);
  }
  if (plan && r.summary.errors > 0) {
    // No plan while the workbook has errors (planOf): what fails now, and why there is no plan.
    out.push('', `最小补充方案：未计算。${plan.method}`);
    for (const m of plan.remaining) out.push(`  目前：${m}`);
  } else if (plan) {
    out.push('', `最小补充方案（${plan.additions.length} 处，估算约 ${Math.round(plan.cost.estimate)} 万元）${plan.remaining.length ? '：补充后仍未全部达标' : plan.complete ? '' : '：照此填写会超出读取范围，见下面的注意'}`);
    for (const c of plan.cautions) out.push(`  注意：${c}`);
    for (const x of plan.additions) {
      const what = additionText(x);
      out.push(`  ${x.schoolName}（${x.schoolCode}）${x.stage ?? ''} ${x.sheet}!${x.cell ?? '?'}「${x.column}」 +${amountText(x)}${what ? `：${what}` : ''}  ${x.reasons.map((y) => reasonText(y, profile)).join('，')}`);
    }
    for (const m of plan.remaining) out.push(`  仍未达标：${m}`);
    out.push(`  方法：${plan.method}`);
  }
  out.push('', '政府保障程度、教育质量、社会认可度');
  for (const i of r.items) out.push(`  ${i.id} ${itemVerdictText(i)}  ${i.message}`);
  return out.join('\n') + '\n';
}
