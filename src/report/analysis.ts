/** What analyse() (build.ts) returns: the types alone, so that the parts it calls (the 申报表 tables) can name them. */
import type { Evaluation } from '../domain/evaluate';
import type { ResolvedProfile } from '../domain/profile';
import type { Fatal } from '../template/issues';
import type { TemplateRead } from '../template/read';
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
