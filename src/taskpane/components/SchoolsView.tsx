/**
 * 学校: one row per school unit (school × 学段) with the seven values coloured against the thresholds,
 * sortable, with a filter for failing units and the list of schools left out of the computation.
 */
import {
  Button,
  makeStyles,
  mergeClasses,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { INDICATOR_IDS, type IndicatorId } from '../../domain/profile';
import type { Report, ReportUnit } from '../../report/types';
import { indicatorName, indicatorTone, indicatorUnit, indicatorValueText, indicatorVerdictText, percentText, splitRef, zhCompare, type Tone } from '../format';
import { EmptyState } from './EmptyState';

type SortKey = 'name' | 'metCount' | IndicatorId;
type SortDirection = 'ascending' | 'descending';

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
  scroller: { overflowX: 'auto', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  table: { minWidth: '560px', tableLayout: 'fixed' },
  nameCol: { width: '124px' },
  valueCol: { width: '50px' },
  metCol: { width: '44px' },
  row: { height: 'auto' },
  sticky: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: '2px',
    paddingBottom: '2px',
  },
  nameButton: {
    border: 'none',
    background: 'none',
    padding: 0,
    textAlign: 'start',
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    cursor: 'pointer',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    maxWidth: '100%',
    display: 'block',
    ':hover': { textDecorationLine: 'underline' },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  stage: { display: 'block', fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
  value: { fontVariantNumeric: 'tabular-nums', fontSize: tokens.fontSizeBase200, textAlign: 'end', paddingRight: tokens.spacingHorizontalXS },
  pass: { backgroundColor: tokens.colorPaletteGreenBackground1, color: tokens.colorPaletteGreenForeground1 },
  warn: { backgroundColor: tokens.colorPaletteYellowBackground1, color: tokens.colorPaletteDarkOrangeForeground1 },
  fail: { backgroundColor: tokens.colorPaletteRedBackground1, color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  unknown: { color: tokens.colorNeutralForeground3 },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  headCell: { fontSize: tokens.fontSizeBase200 },
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
}

export function SchoolsView({ report, floorRatio, onSelect }: SchoolsViewProps) {
  const s = useStyles();
  const [onlyFailing, setOnlyFailing] = useState(false);
  const [sortKey, setSortKey] = useState<SortKey | null>(null);
  const [dir, setDir] = useState<SortDirection>('ascending');
  const floor = percentText(floorRatio);

  const rows = useMemo(() => {
    const units = onlyFailing ? report.units.filter((u) => u.passes !== true) : report.units;
    return sortKey ? sortUnits(units, sortKey, dir) : units;
  }, [report.units, onlyFailing, sortKey, dir]);

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

  const toneClass: Record<Tone, string> = { pass: s.pass, warn: s.warn, fail: s.fail, unknown: s.unknown };
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
        <EmptyState title={onlyFailing ? '全部学校达标' : '没有参与计算的学校'} />
      ) : (
        <div className={s.scroller}>
          <Table size="extra-small" className={s.table} aria-label="各学校（学段）资源配置指标">
            <colgroup>
              <col className={s.nameCol} />
              {INDICATOR_IDS.map((id) => (
                <col key={id} className={s.valueCol} />
              ))}
              <col className={s.metCol} />
            </colgroup>
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={mergeClasses(s.headCell, s.sticky)} {...sortProps('name')}>
                  学校
                </TableHeaderCell>
                {INDICATOR_IDS.map((id) => (
                  <TableHeaderCell
                    key={id}
                    className={s.headCell}
                    {...sortProps(id)}
                    title={`${id} ${indicatorName(id)}（${indicatorUnit(id)}），按与标准值之比排序`}
                    aria-label={`${id} ${indicatorName(id)}`}
                  >
                    {id}
                  </TableHeaderCell>
                ))}
                <TableHeaderCell className={s.headCell} {...sortProps('metCount')} title="达标项数（7项中）" aria-label="达标项数">
                  达标
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((u) => {
                const at = splitRef(u.cell);
                return (
                  <TableRow key={`${u.schoolCode}|${u.stage}`} className={s.row}>
                    <TableCell className={s.sticky}>
                      <button
                        type="button"
                        className={s.nameButton}
                        title={`${u.schoolName}（${u.schoolCode}），定位到该校`}
                        onClick={() => at && onSelect(at.sheet, at.cell)}
                      >
                        {u.schoolName}
                        <span className={s.stage}>
                          {u.stage} · {u.students ?? '—'}人
                        </span>
                      </button>
                    </TableCell>
                    {INDICATOR_IDS.map((id) => {
                      const i = u.indicators[id];
                      const tone = indicatorTone(i);
                      const verdict = indicatorVerdictText(i, floor);
                      return (
                        <TableCell
                          key={id}
                          className={mergeClasses(s.value, toneClass[tone])}
                          title={`${id} ${indicatorName(id)}：${indicatorValueText(id, i)}${indicatorUnit(id)}，标准 ${i.threshold}，${verdict}`}
                        >
                          {indicatorValueText(id, i)}
                          {tone !== 'pass' ? <span className={s.hidden}>，{verdict}</span> : null}
                        </TableCell>
                      );
                    })}
                    <TableCell className={mergeClasses(s.value, u.passes === true ? s.pass : u.passes === false ? s.fail : s.unknown)}>
                      {u.metCount ?? '—'}
                      <span className={s.hidden}>{u.passes === true ? '，该校达标' : u.passes === false ? '，该校未达标' : '，无法判断'}</span>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
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
