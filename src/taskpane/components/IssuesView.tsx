/**
 * 问题: every error and warning, grouped by sheet and severity, each with its fix. Clicking one (or
 * 上一个/下一个) selects its cell in the workbook. With no error or warning, it says what still fails
 * (units, 差异系数, county items) and leads to those views, never a bare 「没有发现问题」 for a county
 * that does not pass.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  makeStyles,
  mergeClasses,
  Text,
  tokens,
  type AccordionToggleEventHandler,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Issue, Report } from '../../report/types';
import { parseA1 } from '../../template/grid';
import { failingCounts } from '../gaps';
import { EmptyState } from './EmptyState';

const SHEET_ORDER = ['学校基本信息', '分学段信息', '县级指标'];
const PAGE = 100;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  nav: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  position: { flexGrow: 1, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  severity: {
    margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalXS}`,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalS,
    rowGap: '2px',
    width: '100%',
    textAlign: 'start',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  current: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    border: `1px solid ${tokens.colorBrandStroke1}`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Selected },
  },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, paddingTop: '2px' },
  message: { gridColumn: '2' },
  fix: { gridColumn: '2', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  more: { alignSelf: 'flex-start' },
  headerText: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

interface Entry {
  issue: Issue;
  index: number;
}

interface Group {
  sheet: string;
  errors: Entry[];
  warnings: Entry[];
}

function position(i: Issue): number {
  if (!i.cell) return -1;
  try {
    const { row, col } = parseA1(i.cell);
    return row * 100000 + col;
  } catch {
    return -1;
  }
}

/**
 * Issues in display order (input sheets first; errors before warnings; by row, then column). Each issue's keys
 * are computed once, not in every comparison (at 10 000 schools, 10 000 issues: some 140 000 comparisons).
 */
export function orderIssues(issues: readonly Issue[]): Issue[] {
  const rank = (sheet: string) => {
    const k = SHEET_ORDER.indexOf(sheet);
    return k < 0 ? SHEET_ORDER.length : k;
  };
  const first = new Map<string, number>();
  issues.forEach((i, n) => first.has(i.sheet) || first.set(i.sheet, n));
  const keyed = issues.map((issue) => ({ issue, rank: rank(issue.sheet), first: first.get(issue.sheet)!, error: issue.severity === 'error' ? 0 : 1, at: position(issue) }));
  keyed.sort((a, b) => a.rank - b.rank || a.first - b.first || a.error - b.error || a.at - b.at);
  return keyed.map((k) => k.issue);
}

function groupsOf(ordered: Issue[]): Group[] {
  const groups: Group[] = [];
  ordered.forEach((issue, index) => {
    let g = groups[groups.length - 1];
    if (!g || g.sheet !== issue.sheet) groups.push((g = { sheet: issue.sheet, errors: [], warnings: [] }));
    (issue.severity === 'error' ? g.errors : g.warnings).push({ issue, index });
  });
  return groups;
}

/** A result view the 问题 view can lead to. */
export type ResultTarget = 'schools' | 'balance' | 'items';

export interface NoIssues {
  title: string;
  text: string;
  links: { view: ResultTarget; label: string }[];
}

/**
 * What the 问题 view says when the workbook has no error or warning: 「没有输入错误或警告；有 42 个学校（学段）
 * 和 10 个差异系数未达标」 with links to the 学校 and 差异系数 views (and 县级项目 when one fails); 「没有发现
 * 问题」 only when everything passes.
 */
export function noIssuesSummary(report: Pick<Report, 'units' | 'balance' | 'items'>): NoIssues {
  const c = failingCounts(report);
  const items = report.items.filter((i) => i.passes === false).length;
  const failing: string[] = [];
  if (c.units) failing.push(`${c.units} 个学校（学段）`);
  if (c.cvs) failing.push(`${c.cvs} 个差异系数`);
  if (items) failing.push(`${items} 项县级项目`);
  const unknown: string[] = [];
  if (c.unknownUnits) unknown.push(`${c.unknownUnits} 个学校（学段）`);
  if (c.unknownCvs) unknown.push(`${c.unknownCvs} 个差异系数`);
  const links: NoIssues['links'] = [];
  if (c.units || c.unknownUnits) links.push({ view: 'schools', label: `查看未达标学校（${c.units + c.unknownUnits}）` });
  if (c.cvs || c.unknownCvs) links.push({ view: 'balance', label: `查看差异系数（${c.cvs + c.unknownCvs}）` });
  if (items) links.push({ view: 'items', label: `查看县级项目（${items}）` });
  const join = (parts: string[]) => (parts.length > 1 ? `${parts.slice(0, -1).join('、')}和 ${parts[parts.length - 1]}` : parts[0]);
  if (!failing.length && !unknown.length)
    return { title: '没有发现问题', text: '工作簿中没有错误或警告，全部学校（学段）和差异系数达标。', links };
  const title = `没有输入错误或警告；${failing.length ? `有 ${join(failing)}未达标` : `${join(unknown)}无法判断`}`;
  const text = [
    failing.length && unknown.length ? `另有 ${join(unknown)}无法判断。` : '',
    '数据已读取无误，但核验结果未全部达标，请查看：',
  ].join('');
  return { title, text, links };
}

export interface IssuesViewProps {
  issues: readonly Issue[];
  /** The results, for what to say when there is no issue. */
  report?: Pick<Report, 'units' | 'balance' | 'items'>;
  onSelect(sheet: string, cell: string): void;
  /** Opens another result view (学校 with only the failing units shown). */
  onOpen?(view: ResultTarget): void;
}

export function IssuesView({ issues, report, onSelect, onOpen }: IssuesViewProps) {
  const s = useStyles();
  const ordered = useMemo(() => orderIssues(issues), [issues]);
  const groups = useMemo(() => groupsOf(ordered), [ordered]);
  const [current, setCurrent] = useState<number | null>(null);
  const [open, setOpen] = useState<string[]>(() => groups.map((g) => g.sheet));
  const [shown, setShown] = useState<Record<string, number>>({});
  const currentRef = useRef<HTMLButtonElement | null>(null);

  useEffect(() => {
    setCurrent(null);
    setOpen(groups.map((g) => g.sheet));
    setShown({});
  }, [groups]);

  useEffect(() => {
    currentRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);

  if (ordered.length === 0) {
    if (!report) return <EmptyState title="没有发现问题" text="工作簿中没有错误或警告。" />;
    const none = noIssuesSummary(report);
    return (
      <EmptyState title={none.title} text={none.text}>
        {none.links.map((l) => (
          <Button key={l.view} size="small" appearance="primary" data-view={l.view} onClick={() => onOpen?.(l.view)} disabled={!onOpen}>
            {l.label}
          </Button>
        ))}
      </EmptyState>
    );
  }

  const go = (index: number) => {
    const issue = ordered[index];
    setCurrent(index);
    const g = groups.find((x) => x.sheet === issue.sheet)!;
    if (!open.includes(g.sheet)) setOpen([...open, g.sheet]);
    const list = issue.severity === 'error' ? g.errors : g.warnings;
    const k = list.findIndex((e) => e.index === index);
    const key = `${g.sheet}|${issue.severity}`;
    if (k >= (shown[key] ?? PAGE)) setShown({ ...shown, [key]: k + 1 });
    onSelect(issue.sheet, issue.cell ?? 'A1');
  };

  const onToggle: AccordionToggleEventHandler<string> = (_e, data) => setOpen(data.openItems);

  const renderList = (g: Group, severity: 'error' | 'warning', entries: Entry[]) => {
    if (!entries.length) return null;
    const key = `${g.sheet}|${severity}`;
    const limit = shown[key] ?? PAGE;
    const label = severity === 'error' ? '错误' : '警告';
    return (
      <>
        <h4 className={s.severity}>
          {label}（{entries.length}）
        </h4>
        <ul className={s.list} aria-label={`${g.sheet}的${label}`}>
          {entries.slice(0, limit).map(({ issue, index }) => (
            <li key={index}>
              <button
                type="button"
                ref={index === current ? currentRef : undefined}
                className={mergeClasses(s.item, index === current && s.current)}
                aria-current={index === current ? 'true' : undefined}
                onClick={() => go(index)}
                title={issue.cell ? `定位到 ${issue.sheet}!${issue.cell}` : `打开工作表「${issue.sheet}」`}
              >
                <span className={s.cell}>{issue.cell ?? '整表'}</span>
                <span className={s.message}>{issue.message}</span>
                {issue.fix ? <span className={s.fix}>改法：{issue.fix}</span> : null}
              </button>
            </li>
          ))}
        </ul>
        {entries.length > limit ? (
          <Button size="small" appearance="subtle" className={s.more} onClick={() => setShown({ ...shown, [key]: limit + PAGE })}>
            再显示 {Math.min(PAGE, entries.length - limit)} 条（共 {entries.length} 条）
          </Button>
        ) : null}
      </>
    );
  };

  return (
    <div className={s.root}>
      <div className={s.nav} role="toolbar" aria-label="逐个查看问题">
        <Button size="small" disabled={current === 0} onClick={() => go(current === null ? ordered.length - 1 : current - 1)}>
          上一个
        </Button>
        <Button size="small" disabled={current === ordered.length - 1} onClick={() => go(current === null ? 0 : current + 1)}>
          下一个
        </Button>
        <Text className={s.position} aria-live="polite">
          {current === null ? `共 ${ordered.length} 个问题` : `第 ${current + 1} 个，共 ${ordered.length} 个`}
        </Text>
      </div>
      <Accordion multiple collapsible openItems={open} onToggle={onToggle}>
        {groups.map((g) => (
          <AccordionItem key={g.sheet} value={g.sheet}>
            <AccordionHeader size="small">
              <span className={s.headerText}>
                {g.sheet}
                {g.errors.length ? (
                  <Badge color="danger" appearance="tint" size="small">
                    错误 {g.errors.length}
                  </Badge>
                ) : null}
                {g.warnings.length ? (
                  <Badge color="warning" appearance="tint" size="small">
                    警告 {g.warnings.length}
                  </Badge>
                ) : null}
              </span>
            </AccordionHeader>
            {/* No open/close animation: it measures the panel's height as it opens, which forced the layout of a
                page of long messages into the task that shows a result (at 10 000 schools about 100 ms of it). */}
            <AccordionPanel collapseMotion={null}>
              {renderList(g, 'error', g.errors)}
              {renderList(g, 'warning', g.warnings)}
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </div>
  );
}
