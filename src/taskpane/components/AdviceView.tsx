/**
 * 差距与建议 (issue 6): the overview and the minimum plan's totals, the advice sentences per failing unit
 * and per failing 差异系数, the plan's additions (each selects its cell), and the other indicators below
 * their threshold. The advice and the plan are computed only once this view is opened (usePlan).
 */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ShownAnalysis } from '../../report/analysis';
import { failingCounts, groupAdvice } from '../gaps';
import { adviceFor, isComputed, usePlan } from '../usePlan';
import { CvGaps } from './CvGaps';
import { GapOverview } from './GapOverview';
import { PlanAdditions } from './PlanAdditions';
import { UnitGaps } from './UnitGaps';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  count: { marginLeft: tokens.spacingHorizontalXS, color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular },
});

export interface AdviceViewProps {
  analysis: ShownAnalysis;
  onSelect(sheet: string, cell: string): void;
}

function Section({ id, title, count, children }: { id: string; title: string; count: number; children: ReactNode }) {
  const s = useStyles();
  return (
    <section className={s.section} aria-labelledby={id}>
      <h3 id={id} className={s.title}>
        {title}
        <span className={s.count}>{count}</span>
      </h3>
      {children}
    </section>
  );
}

/**
 * The view's groups and counts, made once per analysis: at 10 000 schools they took some 40 ms of the page's
 * main thread each time the view was opened again.
 */
interface ViewModel {
  groups: ReturnType<typeof groupAdvice>;
  counts: ReturnType<typeof failingCounts>;
}
const views = new WeakMap<ShownAnalysis, ViewModel>();
function viewOf(analysis: ShownAnalysis): ViewModel {
  let v = views.get(analysis);
  if (!v) views.set(analysis, (v = { groups: groupAdvice(adviceFor(analysis), analysis.report), counts: failingCounts(analysis.report) }));
  return v;
}

/**
 * Makes the view's groups ahead, once the page is idle after a result whose advice came computed (the offline
 * page's worker): opening 差距与建议 then only renders (at 10 000 schools the groups are some 30 ms of it). Where
 * the advice itself would be computed here (the add-in), nothing is done ahead.
 */
export function prepareAdviceView(analysis: ShownAnalysis): void {
  if (!isComputed(analysis)) return;
  const make = () => void viewOf(analysis);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(make, { timeout: 2000 });
  else setTimeout(make, 200);
}

export function AdviceView({ analysis, onSelect }: AdviceViewProps) {
  const s = useStyles();
  const { groups, counts } = viewOf(analysis);
  const plan = usePlan(analysis);
  const additions = plan.status === 'ready' ? plan.plan.additions.length : 0;

  return (
    <div className={s.root}>
      <GapOverview counts={counts} plan={plan} />
      {groups.failing.length ? (
        <Section id="junheng-gaps-units" title="未达标的学校（学段）" count={groups.failing.length}>
          <UnitGaps gaps={groups.failing} label="未达标的学校（学段）及差距" />
        </Section>
      ) : null}
      {groups.cvs.length ? (
        <Section id="junheng-gaps-cvs" title="超过上限的差异系数" count={groups.cvs.length}>
          <CvGaps gaps={groups.cvs} />
        </Section>
      ) : null}
      {plan.status === 'ready' && additions ? (
        <Section id="junheng-gaps-plan" title="最小补充方案明细" count={additions}>
          <PlanAdditions plan={plan.plan} profile={analysis.profile} onSelect={onSelect} />
        </Section>
      ) : null}
      {groups.others.length ? (
        <Accordion collapsible>
          <AccordionItem value="others">
            <AccordionHeader size="small">其他学校低于标准值的指标（{groups.others.length} 所）</AccordionHeader>
            <AccordionPanel>
              <UnitGaps gaps={groups.others} label="其他学校低于标准值的指标" />
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      ) : null}
    </div>
  );
}
