/** 差异系数: per 学段, the county mean and the 差异系数 of each indicator against its limit, with a chart. */
import {
  Badge,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { STAGES } from '../../domain/model';
import { INDICATOR_IDS } from '../../domain/profile';
import type { Report } from '../../report/types';
import { fixed, indicatorName, indicatorShortName, indicatorUnit, valueDigits } from '../format';
import { CvChart } from './CvChart';
import { EmptyState } from './EmptyState';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  stage: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  sub: { color: tokens.colorNeutralForeground2 },
  num: { textAlign: 'end', fontVariantNumeric: 'tabular-nums', fontSize: tokens.fontSizeBase200 },
  /** The mean's unit (人, ㎡, 元, 间), smaller and dimmer than the figure. */
  unit: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3, marginLeft: '1px' },
  name: { fontSize: tokens.fontSizeBase200 },
  head: { fontSize: tokens.fontSizeBase200 },
  table: { tableLayout: 'fixed', width: '100%' },
  nameCol: { width: '41%' },
  numCol: { width: '19%' },
  verdictCol: { width: '21%' },
});

export function BalanceView({ report }: { report: Report }) {
  const s = useStyles();
  const stages = STAGES.filter((st) => report.balance[st]);
  if (stages.length === 0) return <EmptyState title="没有可计算差异系数的学段" text="工作簿中没有参与计算的学校。" />;
  return (
    <div className={s.root}>
      {stages.map((stage) => {
        const b = report.balance[stage]!;
        const passing = INDICATOR_IDS.filter((id) => b.indicators[id].passes === true).length;
        return (
          <section key={stage} className={s.stage} aria-labelledby={`junheng-balance-${stage}`}>
            <h3 id={`junheng-balance-${stage}`} className={s.title}>
              {stage}
            </h3>
            <Text size={200} className={s.sub}>
              {b.units} 个学校（学段），{b.students} 名学生；差异系数上限 {b.indicators.R1.limit}，{passing}/7 项达标
            </Text>
            <CvChart stage={stage} balance={b} />
            <Table size="extra-small" className={s.table} aria-label={`${stage}校际均衡情况`}>
              <colgroup>
                <col className={s.nameCol} />
                <col className={s.numCol} />
                <col className={s.numCol} />
                <col className={s.verdictCol} />
              </colgroup>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={s.head}>指标</TableHeaderCell>
                  <TableHeaderCell className={s.head}>县均值</TableHeaderCell>
                  <TableHeaderCell className={s.head} title="差异系数（上限见上方）">
                    差异系数
                  </TableHeaderCell>
                  <TableHeaderCell className={s.head}>结论</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {INDICATOR_IDS.map((id) => {
                  const i = b.indicators[id];
                  return (
                    <TableRow key={id}>
                      <TableCell className={s.name} title={`${id} ${indicatorName(id)}`}>
                        {id} {indicatorShortName(id)}
                      </TableCell>
                      <TableCell className={s.num} title={`${indicatorName(id)}的全县平均值（按学生数加权）`}>
                        {fixed(i.mean, valueDigits(id))}
                        {i.mean === null ? null : <span className={s.unit}>{indicatorUnit(id)}</span>}
                      </TableCell>
                      <TableCell className={s.num}>{fixed(i.cv, 3)}</TableCell>
                      <TableCell>
                        {i.passes === null ? (
                          <Badge appearance="outline" color="informative" size="small">
                            无法计算
                          </Badge>
                        ) : (
                          <Badge appearance="tint" color={i.passes ? 'success' : 'danger'} size="small">
                            {i.passes ? '达标' : '超上限'}
                          </Badge>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </section>
        );
      })}
    </div>
  );
}
