/** A problem found in the workbook, always at a sheet and (where there is one) an A1 cell. */
import type { IssueCode } from './codes';

export type Severity = 'error' | 'warning';

export interface Issue {
  severity: Severity;
  /** Stable kebab-case identifier, catalogued in src/template/codes.ts and listed in the README. */
  code: IssueCode;
  sheet: string;
  /** A1 address; absent only for a problem that concerns a whole sheet. */
  cell?: string;
  /** Chinese message: what is wrong. */
  message: string;
  /** Chinese suggestion: what to do about it. */
  fix?: string;
}

/** A problem that stops reading (exit status 2). */
export interface Fatal {
  code: IssueCode;
  message: string;
  sheet?: string;
  cell?: string;
}
