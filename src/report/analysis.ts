/** What analyse() (build.ts) returns: the types alone, so that the parts it calls (the 申报表 tables) can name them. */
import type { Evaluation } from '../domain/evaluate';
import type { ResolvedProfile } from '../domain/profile';
import type { Fatal } from '../template/issues';
import type { TemplateRead } from '../template/read';
import type { Advice } from '../domain/advice';
import type { PlanOutcome } from './plan';
import type { Report } from './types';

export interface Analysis {
  read: TemplateRead;
  evaluation: Evaluation;
  profile: ResolvedProfile;
  report: Report;
  /** Official tables not written because a user's own sheet has the name (warning shenbao-sheet-exists). */
  officialBlocked?: string[];
}

export type AnalysisResult = { ok: true; analysis: Analysis } | { ok: false; fatal: Fatal };

/**
 * An analysis as the offline page receives it from its worker: the report and the profile, with 「差距与建议」's
 * advice and the minimum plan already computed there. The read workbook and the evaluation stay in the worker
 * (at 10 000 schools they are half of the result, and the page has no use for them).
 */
export interface ComputedAnalysis {
  report: Report;
  profile: ResolvedProfile;
  officialBlocked?: string[];
  advice: Advice[];
  /** The plan; `failed` with the reason when computing it threw; null when the report has errors (no plan then). */
  plan: PlanOutcome | null;
}

/** What the task pane shows: a whole analysis (the add-in computes advice and plan itself) or a computed one. */
export type ShownAnalysis = Analysis | ComputedAnalysis;
