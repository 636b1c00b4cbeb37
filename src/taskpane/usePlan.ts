/**
 * The advice sentences and the minimum plan of a result, computed on demand: only when the 「差距与建议」
 * view is opened, once per analysis (cached while the analysis lives), and the plan only when the report
 * has no errors. The plan (which can take a second on a big county) is computed after the view has painted
 * its "computing" state, so that opening the tab never looks frozen.
 */
import { useEffect, useState } from 'react';
import { adviceOf, type Advice } from '../domain/advice';
import { tryPlanOf, type Plan } from '../report/plan';
import type { Analysis } from '../report/build';
import type { ComputedAnalysis, ShownAnalysis } from '../report/analysis';

const advices = new WeakMap<Analysis, Advice[]>();
const plans = new WeakMap<Analysis, Plan>();

/** Advice and plan came computed with the analysis (the offline page's worker, off the page's thread). */
export const isComputed = (a: ShownAnalysis): a is ComputedAnalysis => 'advice' in a;

/** The advice sentences of an analysis (cached). */
export function adviceFor(analysis: ShownAnalysis): Advice[] {
  if (isComputed(analysis)) return analysis.advice;
  let a = advices.get(analysis);
  if (!a) advices.set(analysis, (a = adviceOf(analysis)));
  return a;
}

export type PlanState =
  | { status: 'blocked'; errors: number }
  | { status: 'computing' }
  | { status: 'ready'; plan: Plan }
  | { status: 'failed'; message: string };

/** Runs `fn` after the next paint (rAF, then a task), or after `fallbackMs` where frames do not come (hidden pane). */
function afterPaint(fn: () => void, fallbackMs = 250): () => void {
  let done = false;
  let task: ReturnType<typeof setTimeout> | undefined;
  const go = () => {
    if (done) return;
    done = true;
    fn();
  };
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => (task = setTimeout(go, 0))) : undefined;
  const fallback = setTimeout(go, fallbackMs);
  return () => {
    done = true;
    if (frame !== undefined) cancelAnimationFrame(frame);
    clearTimeout(task);
    clearTimeout(fallback);
  };
}

export function usePlan(analysis: ShownAnalysis): PlanState {
  const errors = analysis.report.summary.errors;
  const [, setVersion] = useState(0);
  const [failure, setFailure] = useState<{ analysis: Analysis; message: string } | null>(null);

  useEffect(() => {
    if (errors > 0 || isComputed(analysis) || plans.has(analysis)) return;
    return afterPaint(() => {
      const p = tryPlanOf(analysis);
      if ('failed' in p) setFailure({ analysis, message: p.failed });
      else {
        plans.set(analysis, p);
        setVersion((v) => v + 1);
      }
    });
  }, [analysis, errors]);

  if (errors > 0) return { status: 'blocked', errors };
  if (isComputed(analysis)) {
    const p = analysis.plan;
    // The worker leaves the plan out only for a report with errors (above); should it ever come without one, say so.
    if (p === null) return { status: 'failed', message: '没有收到补充方案，请重新点击「一键校验」。' };
    return 'failed' in p ? { status: 'failed', message: p.failed } : { status: 'ready', plan: p };
  }
  const plan = plans.get(analysis);
  if (plan) return { status: 'ready', plan };
  if (failure && failure.analysis === analysis) return { status: 'failed', message: failure.message };
  return { status: 'computing' };
}
