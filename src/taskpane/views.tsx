/**
 * The result views shown as tabs under the summary. Each is one entry here with its own component; a
 * view's component is mounted only while its tab is open (「差距与建议」 computes the plan then).
 */
import type { ReactNode } from 'react';
import type { ShownAnalysis } from '../report/analysis';
import type { Report } from '../report/types';
import { AdviceView } from './components/AdviceView';
import { BalanceView } from './components/BalanceView';
import { IssuesView, type ResultTarget } from './components/IssuesView';
import { ItemsView } from './components/ItemsView';
import { SchoolsView } from './components/SchoolsView';

export interface ViewContext {
  analysis: ShownAnalysis;
  report: Report;
  /** Selects a cell in the workbook. */
  select(sheet: string, cell: string): void;
  /** Opens another view (学校 opened this way shows only the failing units). */
  open?(view: ResultTarget): void;
  /** The 学校 view starts with only the failing units shown. */
  onlyFailing?: boolean;
}

export interface ResultView {
  id: string;
  /** Tab label (Chinese). */
  label: string;
  /** A count shown after the label, or null. */
  count?(report: Report): number | null;
  /** What the count counts, shown on hover (「43 个学校（学段）」: units, not schools). */
  countTitle?(n: number): string;
  /** Whether the view applies to this result (hidden otherwise). */
  available?(ctx: ViewContext): boolean;
  render(ctx: ViewContext): ReactNode;
}

export const RESULT_VIEWS: ResultView[] = [
  {
    id: 'issues',
    label: '问题',
    count: (r) => r.issues.length,
    countTitle: (n) => `${n} 个错误和警告`,
    render: (c) => <IssuesView issues={c.report.issues} report={c.report} onSelect={c.select} onOpen={c.open} />,
  },
  {
    id: 'schools',
    label: '学校',
    count: (r) => r.units.length,
    countTitle: (n) => `${n} 个学校（学段）：一贯制学校的小学部和初中部各算一个`,
    render: (c) => <SchoolsView report={c.report} floorRatio={c.analysis.profile.floorRatio} onSelect={c.select} initialOnlyFailing={c.onlyFailing} />,
  },
  {
    id: 'balance',
    label: '差异系数',
    render: (c) => <BalanceView report={c.report} />,
  },
  {
    id: 'advice',
    label: '差距与建议',
    render: (c) => <AdviceView analysis={c.analysis} onSelect={c.select} />,
  },
  {
    id: 'items',
    label: '县级项目',
    render: (c) => <ItemsView report={c.report} onSelect={c.select} />,
  },
];
