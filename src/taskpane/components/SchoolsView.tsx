/**
 * 学校: each school unit (school × 学段) with the seven values coloured against the thresholds, sortable,
 * with a filter for failing units and the list of schools left out of the computation.
 *
 * Made for a 350 px pane (issue 11, point 18): the table fits the width, so the verdict column needs no
 * horizontal scroll; each unit's full name is on its own row (wrapping, never cut short, so 「…第一小学」
 * and 「…第二小学」 stay apart) with the name and code on hover; the indicator headers show their full name
 * on hover, and the full names are listed under the table.
 */
import {
  Button,
  makeStyles,
  mergeClasses,
  Switch,
  Table,
  TableBody,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Fragment, memo, useEffect, useMemo, useState } from 'react';
import { INDICATOR_IDS, type IndicatorId } from '../../domain/profile';
import type { Report, ReportUnit } from '../../report/types';
import { indicatorName, indicatorTone, indicatorUnit, indicatorValueText, indicatorVerdictText, percentText, splitRef, zhCompare, type Tone } from '../format';
import { usePage } from '../usePage';
import { EmptyState } from './EmptyState';

/**
 * Units shown at first, and added by each 「再显示」: 50 fill several screens of the 350 px pane, and drawing a page
 * (two table rows a unit) stays a short task for the page; 100 took 110–160 ms at 10 000 schools.
 */
const PAGE = 50;

type SortKey = 'name' | 'metCount' | IndicatorId;
type SortDirection = 'ascending' | 'descending';

/**
 * The theme tokens of the value cells: met, below the standard but not below the floor, below the floor. Each pair
 * reads at 4.5:1 or more in the light and the dark theme (WCAG AA for their 11 px text; tests/taskpane/contrast.test.ts).
 * The warn text is Foreground2: Foreground1 gave 3.7:1 on the dark theme's yellow (#E9835E on #4C4400).
 */
export const TONE_COLORS = {
  pass: { background: 'colorPaletteGreenBackground1', text: 'colorPaletteGreenForeground1' },
  warn: { background: 'colorPaletteYellowBackground1', text: 'colorPaletteDarkOrangeForeground2' },
  fail: { background: 'colorPaletteRedBackground1', text: 'colorPaletteRedForeground1' },
} as const;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  bar: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  legend: { display: 'flex', gap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, flexWrap: 'wrap' },
  swatch: {
    display: 'inline-block',
    width: '10px',
    height: '10px',
    borderRadius: '2px',
    marginRight: '4px',
    verticalAlign: 'middle',
    border: '1px solid currentColor',
  },
  more: { margin: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}` },
  // The table fits the pane (350 px wide): no horizontal scroll, the verdict column always in view.
  scroller: { overflowX: 'auto', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  table: { width: '100%', tableLayout: 'fixed' },
  metCol: { width: '34px' },
  // The body's rows and cells as Fluent's extra-small TableRow and TableCell draw them (native elements, see UnitRows).
  bodyRow: {
    display: 'table-row',
    boxSizing: 'border-box',
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase200,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1Hover },
  },
  bodyCell: { display: 'table-cell', verticalAlign: 'middle', height: '24px', position: 'relative', padding: `0px ${tokens.spacingHorizontalS}` },
  row: { height: 'auto' },
  // Each unit takes two rows: its full name (wrapping, never cut), then its seven values and verdict.
  nameRow: { height: 'auto', borderBottomStyle: 'none', ':hover': { backgroundColor: 'transparent' } },
  nameCell: { padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS} 0` },
  nameButton: {
    border: 'none',
    background: 'none',
    padding: 0,
    textAlign: 'start',
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase200,
    cursor: 'pointer',
    whiteSpace: 'normal',
    overflowWrap: 'anywhere',
    maxWidth: '100%',
    ':hover': { textDecorationLine: 'underline' },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  stage: { marginLeft: tokens.spacingHorizontalXS, fontSize: tokens.fontSizeBase100, fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground3 },
  value: {
    fontVariantNumeric: 'tabular-nums',
    fontSize: '11px',
    textAlign: 'end',
    padding: `1px 2px`,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    // A number too wide for its column ends in "…" (the whole value is in the cell's hover text), never cut silently.
    textOverflow: 'ellipsis',
  },
  pass: { backgroundColor: tokens[TONE_COLORS.pass.background], color: tokens[TONE_COLORS.pass.text] },
  warn: { backgroundColor: tokens[TONE_COLORS.warn.background], color: tokens[TONE_COLORS.warn.text] },
  fail: { backgroundColor: tokens[TONE_COLORS.fail.background], color: tokens[TONE_COLORS.fail.text], fontWeight: tokens.fontWeightSemibold },
  unknown: { color: tokens.colorNeutralForeground3 },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  headCell: { fontSize: tokens.fontSizeBase200, padding: '0 2px' },
  /** Indicator headers right-aligned, over their values. */
  headButton: { justifyContent: 'flex-end', columnGap: '1px' },
  nameHead: { fontSize: tokens.fontSizeBase200, padding: `0 ${tokens.spacingHorizontalXS}` },
  names: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  namesList: { margin: `${tokens.spacingVerticalXS} 0 0`, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalS, rowGap: '2px' },
  namesTerm: { fontWeight: tokens.fontWeightSemibold },
  namesDef: { margin: 0 },
  excluded: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, fontSize: tokens.fontSizeBase200 },
  excludedTitle: { fontWeight: tokens.fontWeightSemibold },
});

function sortValue(u: ReportUnit, key: SortKey): number | string | null {
  if (key === 'name') return u.schoolName;
  if (key === 'metCount') return u.metCount;
  const i = u.indicators[key];
  // Compare against the threshold so that 小学 and 初中 rows sort together sensibly.
  return i.value === null ? null : i.value / i.threshold;
}

export function sortUnits(units: readonly ReportUnit[], key: SortKey, dir: SortDirection): ReportUnit[] {
  const sign = dir === 'ascending' ? 1 : -1;
  return [...units].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null && y === null) return 0;
    if (x === null) return 1; // unknown values last in both directions
    if (y === null) return -1;
    const c = typeof x === 'string' && typeof y === 'string' ? zhCompare(x, y) : (x as number) - (y as number);
    return sign * c || zhCompare(a.schoolName, b.schoolName) || a.stage.localeCompare(b.stage);
  });
}

export interface SchoolsViewProps {
  report: Report;
  floorRatio: number;
  onSelect(sheet: string, cell: string): void;
  /** Start with only the failing units shown (opened from the 问题 view). */
  initialOnlyFailing?: boolean;
}

/** Hover text of an indicator's column header: its id, full name and unit. */
export function indicatorHeaderTitle(id: IndicatorId): string {
  return `${id} ${indicatorName(id)}（${indicatorUnit(id)}），点击按与标准值之比排序`;
}

/**
 * One unit's two rows. Plain table rows styled as Fluent's extra-small TableRow and TableCell (and memoised):
 * at 10 000 schools the Fluent components' hooks, one set per cell, made each page of 100 units a main-thread
 * task of 100–360 ms; 「再显示」 now renders only the new page.
 */
const UnitRows = memo(function UnitRows({ unit: u, floorRatio, onSelect }: { unit: ReportUnit; floorRatio: number; onSelect(sheet: string, cell: string): void }) {
  const s = useStyles();
  const floor = percentText(floorRatio);
  const toneClass: Record<Tone, string> = { pass: s.pass, warn: s.warn, fail: s.fail, unknown: s.unknown };
  const at = splitRef(u.cell);
  const key = `${u.schoolCode}|${u.stage}`;
  return (
    <>
      <tr className={mergeClasses(s.bodyRow, s.nameRow)} data-unit={key}>
        <td colSpan={INDICATOR_IDS.length + 1} className={mergeClasses(s.bodyCell, s.nameCell)}>
          <button
            type="button"
            className={s.nameButton}
            title={`${u.schoolName}（${u.schoolCode}），定位到该校`}
            data-school-name={u.schoolName}
            onClick={() => at && onSelect(at.sheet, at.cell)}
          >
            {u.schoolName}
            <span className={s.stage}>
              {u.stage} · {u.students ?? '—'}人
            </span>
          </button>
        </td>
      </tr>
      <tr className={mergeClasses(s.bodyRow, s.row)} data-values={key}>
        {INDICATOR_IDS.map((id) => {
          const i = u.indicators[id];
          const tone = indicatorTone(i);
          const verdict = indicatorVerdictText(i, floor);
          const value = indicatorValueText(id, i, floorRatio);
          return (
            <td
              key={id}
              className={mergeClasses(s.bodyCell, s.value, toneClass[tone])}
              title={`${u.schoolName} ${u.stage}\n${id} ${indicatorName(id)}：${value}${indicatorUnit(id)}，标准 ${i.threshold}${indicatorUnit(id)}，${verdict}`}
            >
              {value}
              {tone !== 'pass' ? <span className={s.hidden}>，{verdict}</span> : null}
            </td>
          );
        })}
        <td
          className={mergeClasses(s.bodyCell, s.value, u.passes === true ? s.pass : u.passes === false ? s.fail : s.unknown)}
          title={`${u.schoolName} ${u.stage}：${u.metCount ?? '—'}/7 项达到标准值，${u.passes === true ? '该校（学段）达标' : u.passes === false ? '该校（学段）未达标' : '无法判断'}`}
          data-verdict={u.passes === true ? 'pass' : u.passes === false ? 'fail' : 'unknown'}
        >
          {u.metCount ?? '—'}
          <span className={s.hidden}>{u.passes === true ? '，该校达标' : u.passes === false ? '，该校未达标' : '，无法判断'}</span>
        </td>
      </tr>
    </>
  );
});

export function SchoolsView({ report, floorRatio, onSelect, initialOnlyFailing = false }: SchoolsViewProps) {
  const s = useStyles();
  const [onlyFailing, setOnlyFailing] = useState(initialOnlyFailing);
  useEffect(() => setOnlyFailing(initialOnlyFailing), [initialOnlyFailing]);
  const [sortKey, setSortKey] = useState<SortKey | null>(null);
  const [dir, setDir] = useState<SortDirection>('ascending');
  const floor = percentText(floorRatio);

  const rows = useMemo(() => {
    const units = onlyFailing ? report.units.filter((u) => u.passes !== true) : report.units;
    return sortKey ? sortUnits(units, sortKey, dir) : units;
  }, [report.units, onlyFailing, sortKey, dir]);
  // A page of rows at a time: a county of 10 000 schools as one table kept the page busy for half a minute.
  const { shown, more } = usePage(rows, PAGE);

  const sortProps = (key: SortKey) => ({
    sortable: true as const,
    sortDirection: sortKey === key ? dir : undefined,
    onClick: () => {
      if (sortKey === key) setDir(dir === 'ascending' ? 'descending' : 'ascending');
      else {
        setSortKey(key);
        setDir('ascending');
      }
    },
  });

  const failing = report.units.filter((u) => u.passes !== true).length;

  return (
    <div className={s.root}>
      <div className={s.bar}>
        <Switch
          checked={onlyFailing}
          onChange={(_e, d) => setOnlyFailing(d.checked)}
          label={`只看未达标（${failing}）`}
        />
        <div className={s.legend} aria-label="颜色说明">
          <span>
            <span className={mergeClasses(s.swatch, s.pass)} />
            达标
          </span>
          <span>
            <span className={mergeClasses(s.swatch, s.warn)} />
            未达标，不低于{floor}
          </span>
          <span>
            <span className={mergeClasses(s.swatch, s.fail)} />
            低于{floor}
          </span>
        </div>
      </div>
      {rows.length === 0 ? (
        <EmptyState title={onlyFailing ? '全部学校（学段）达标' : '没有参与计算的学校'} />
      ) : (
        <div className={s.scroller}>
          <Table size="extra-small" className={s.table} aria-label="各学校（学段）资源配置指标">
            <colgroup>
              {INDICATOR_IDS.map((id) => (
                <col key={id} />
              ))}
              <col className={s.metCol} />
            </colgroup>
            <TableHeader>
              <TableRow>
                <TableHeaderCell colSpan={INDICATOR_IDS.length + 1} className={s.nameHead} {...sortProps('name')} title="学校名称，点击按名称排序">
                  学校（学段）
                </TableHeaderCell>
              </TableRow>
              <TableRow>
                {INDICATOR_IDS.map((id) => (
                  <TableHeaderCell
                    key={id}
                    className={s.headCell}
                    button={{ className: s.headButton }}
                    {...sortProps(id)}
                    title={indicatorHeaderTitle(id)}
                    aria-label={`${id} ${indicatorName(id)}`}
                  >
                    {id}
                  </TableHeaderCell>
                ))}
                <TableHeaderCell className={s.headCell} button={{ className: s.headButton }} {...sortProps('metCount')} title="达标项数（7项中），点击排序" aria-label="达标项数">
                  达标
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.slice(0, shown).map((u) => (
                <UnitRows key={`${u.schoolCode}|${u.stage}`} unit={u} floorRatio={floorRatio} onSelect={onSelect} />
              ))}
            </TableBody>
          </Table>
          {rows.length > shown ? (
            <Button size="small" appearance="subtle" className={s.more} onClick={more}>
              再显示 {Math.min(PAGE, rows.length - shown)} 个学校（学段），共 {rows.length} 个
            </Button>
          ) : null}
        </div>
      )}
      {rows.length > 0 ? (
        <details className={s.names}>
          <summary>指标全称</summary>
          <dl className={s.namesList}>
            {INDICATOR_IDS.map((id) => (
              <Fragment key={id}>
                <dt className={s.namesTerm}>{id}</dt>
                <dd className={s.namesDef}>
                  {indicatorName(id)}（{indicatorUnit(id)}）
                </dd>
              </Fragment>
            ))}
          </dl>
        </details>
      ) : null}
      {report.excluded.length ? (
        <div className={s.excluded}>
          <Text className={s.excludedTitle}>不参与计算（{report.excluded.length}）</Text>
          {report.excluded.map((e) => (
            <Text key={`${e.schoolCode}|${e.stage ?? ''}`} size={200}>
              {e.schoolName}
              {e.stage ? `（${e.stage}）` : ''}：{e.reason}
            </Text>
          ))}
        </div>
      ) : null}
      {rows.length > 0 ? (
        <Button size="small" appearance="transparent" onClick={() => setSortKey(null)} disabled={sortKey === null}>
          恢复表中顺序
        </Button>
      ) : null}
    </div>
  );
}
