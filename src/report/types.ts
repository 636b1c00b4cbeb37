/** The report model: exactly the JSON of spec/cli.md, with a few additions for the pane and the sheets. */
import type { Stage } from '../domain/model';
import type { IndicatorId, ProfileOverride } from '../domain/profile';
import type { Contribution } from '../domain/contributions';
import type { Shortfall } from '../domain/shortfall';
import type { Issue } from '../template/issues';

export interface ReportIndicator {
  value: number | null;
  threshold: number;
  met: boolean | null;
  aboveFloor: boolean | null;
}

export interface ReportUnit {
  schoolCode: string;
  schoolName: string;
  stage: Stage;
  students: number | null;
  indicators: Record<IndicatorId, ReportIndicator>;
  metCount: number | null;
  passes: boolean | null;
  /** Sheet and A1 cell of the school's code in 「学校基本信息」 (for links). */
  cell: string;
  /** What the whole school must add, per indicator below its threshold (issue 6). */
  shortfall: Partial<Record<IndicatorId, Shortfall>>;
  /** For a failing unit: the cheapest set of indicators to raise so that it passes (cost in 万元, indicative). */
  cheapestFix: { toThreshold: IndicatorId[]; toFloor: IndicatorId[]; cost: number } | null;
}

export interface ReportExclusion {
  schoolCode: string;
  schoolName: string;
  stage?: Stage;
  reason: string;
}

export interface ReportBalanceIndicator {
  mean: number | null;
  cv: number | null;
  limit: number;
  passes: boolean | null;
  /**
   * Each unit's share of the weighted variance, largest first, and the CV with it at the mean (issue 6).
   * By default only the largest TOP_CONTRIBUTORS; all of them with `--contributions`.
   */
  contributions: Pick<Contribution, 'schoolCode' | 'share' | 'cvIfAtMean'>[];
  /** How many units contribute in all (contributions may list fewer). */
  contributionsTotal: number;
}

export interface ReportBalance {
  units: number;
  students: number;
  indicators: Record<IndicatorId, ReportBalanceIndicator>;
}

export interface ReportItem {
  id: string;
  name: string;
  category: string;
  kind: 'computed' | 'evidence';
  passes: boolean | null;
  message: string;
  /** "Sheet!A1" of the cells behind a failure. */
  cells: string[];
}

export interface Report {
  standard: '2017';
  profile: string;
  profileName: string;
  /** Values the profile sets differently from the national standard. */
  profileOverrides: ProfileOverride[];
  /** Which R4 numerator applied (standard §3, P10): 'subtract' is the national default. */
  indoorSportsInR4: 'count-in-both' | 'subtract';
  county: { name: string | null; year: number | null };
  summary: {
    errors: number;
    warnings: number;
    units: number;
    unitsPassing: number;
    /** null while errors remain, or while a value is unknown. */
    resourcePasses: boolean | null;
    /** Number of CVs computed and passing, out of balanceTotal. */
    balancePassing: number;
    balanceTotal: number;
  };
  units: ReportUnit[];
  excluded: ReportExclusion[];
  balance: Partial<Record<Stage, ReportBalance>>;
  items: ReportItem[];
  issues: Issue[];
}

export type { Issue };
