/**
 * The top of 「差距与建议」: how many units and 差异系数 fail, and the minimum plan's totals with its
 * indicative cost (or why there is no plan yet).
 */
import { makeStyles, mergeClasses, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, tokens } from '@fluentui/react-components';
import { estimateText, type FailingCounts, overviewText, planFigures, planSchools, weightsText } from '../gaps';
import type { PlanState } from '../usePlan';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  lead: { fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  figures: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: tokens.spacingHorizontalS, margin: 0, padding: 0 },
  figure: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    margin: 0,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  estimate: { backgroundColor: tokens.colorBrandBackground2, border: `1px solid ${tokens.colorBrandStroke2}` },
  label: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  value: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase400,
    fontVariantNumeric: 'tabular-nums',
  },
  zero: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular },
  unit: { marginLeft: '2px', fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2 },
  note: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, lineHeight: tokens.lineHeightBase200 },
  remaining: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export interface GapOverviewProps {
  counts: FailingCounts;
  plan: PlanState;
}

export function GapOverview({ counts, plan }: GapOverviewProps) {
  const s = useStyles();
  return (
    <section className={s.root} aria-label="差距概览">
      <Text className={s.lead}>{overviewText(counts)}</Text>
      <PlanTotals state={plan} />
    </section>
  );
}

function PlanTotals({ state }: { state: PlanState }) {
  const s = useStyles();
  if (state.status === 'blocked')
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>暂不能计算补充方案</MessageBarTitle>
          工作簿有 {state.errors} 处错误，请先在「问题」中逐个改正，再点击「一键校验」。下面的差距按现有数据计算，仅供参考。
        </MessageBarBody>
      </MessageBar>
    );
  if (state.status === 'computing') return <Spinner size="tiny" labelPosition="after" label="正在计算最小补充方案……" />;
  if (state.status === 'failed')
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>未能计算补充方案</MessageBarTitle>
          {state.message}
        </MessageBarBody>
      </MessageBar>
    );
  const { plan } = state;
  if (plan.additions.length === 0 && plan.complete) return null;
  return (
    <>
      <Text className={s.lead}>
        最小补充方案：在 {planSchools(plan)} 所学校追加 {plan.additions.length} 处数据，合计：
      </Text>
      <dl className={s.figures} aria-label="最小补充方案合计">
        {planFigures(plan.cost).map((f) => (
          <div key={f.label} className={s.figure}>
            <dt className={s.label}>{f.label}</dt>
            <dd className={mergeClasses(s.value, f.value === '0' && s.zero)}>
              {f.value}
              <span className={s.unit}>{f.unit}</span>
            </dd>
          </div>
        ))}
        <div className={mergeClasses(s.figure, s.estimate)}>
          <dt className={s.label}>估算投入（示意）</dt>
          <dd className={s.value}>
            约 {estimateText(plan.cost)}
            <span className={s.unit}>万元</span>
          </dd>
        </div>
      </dl>
      <Text className={s.note}>
        估算只用于比较不同补足办法，不是预算：按{weightsText(plan.cost)}计。
      </Text>
      {plan.remaining.length === 0 ? null : (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>按此方案补充后仍未全部达标</MessageBarTitle>
            <ul className={s.remaining}>
              {plan.remaining.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
