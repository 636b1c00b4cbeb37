/**
 * The result at a glance: 错误, 警告, 达标学校（学段） x/y (units: an 一贯制 school counts once per 学段),
 * 差异系数达标 n/14, and the overall verdict.
 */
import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { undecidedWord } from '../../report/labels';
import type { Report } from '../../report/types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  tiles: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: tokens.spacingHorizontalS, margin: 0, padding: 0 },
  tile: {
    display: 'flex',
    // A value too wide to sit beside its label (7915/12000) goes under it instead of over it.
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    margin: 0,
  },
  label: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, margin: 0, minWidth: 0 },
  value: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500, margin: 0, marginLeft: 'auto', whiteSpace: 'nowrap' },
  bad: { color: tokens.colorPaletteRedForeground1 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
  good: { color: tokens.colorPaletteGreenForeground1 },
  part: { display: 'inline-block', whiteSpace: 'nowrap' },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

interface Verdict {
  intent: 'success' | 'warning' | 'error' | 'info';
  title: string;
  text: string;
}

export function overallVerdict(report: Report): Verdict {
  const s = report.summary;
  const itemsFailing = report.items.filter((i) => i.passes === false).length;
  const itemsBlank = report.items.filter((i) => i.passes === null && undecidedWord(i) === '未填报').length;
  const itemsUnknown = report.items.filter((i) => i.passes === null).length - itemsBlank;
  const items =
    itemsFailing || itemsBlank || itemsUnknown
      ? `县级项目：${itemsFailing} 项未达标，${itemsBlank} 项未填报${itemsUnknown ? `，${itemsUnknown} 项无法评估` : ''}。`
      : '县级项目全部达标。';
  if (s.errors > 0)
    return { intent: 'error', title: '尚不能得出结论', text: `工作簿有 ${s.errors} 处错误，改正后重新校验才能判断资源配置是否达标。` };
  // 一票否决 (教督〔2017〕6号 第五条): one situation reported decides the county's result, whatever the resources.
  const vetoed = report.items.filter((i) => i.category === '一票否决' && i.passes === false);
  if (vetoed.length)
    return {
      intent: 'error',
      title: '一票否决：不能认定为优质均衡',
      text: `「一票否决」${vetoed.map((v) => v.id).join('、')}填报为“是”（${vetoed.map((v) => v.name).join('；')}），存在其中任一情形即不能通过评估。${
        s.resourcePasses === true ? '资源配置本身达标。' : s.resourcePasses === false ? '资源配置也未达标。' : ''
      }${items}`,
    };
  if (s.resourcePasses === true)
    return { intent: items.startsWith('县级项目全部') ? 'success' : 'warning', title: '资源配置达到优质均衡标准', text: `全部学校（学段）达标，差异系数全部在上限以内。${items}` };
  if (s.resourcePasses === false) {
    const parts: string[] = [];
    if (s.unitsPassing < s.units) parts.push(`${s.units - s.unitsPassing} 个学校（学段）未达标`);
    if (s.balancePassing < s.balanceTotal) parts.push(`${s.balanceTotal - s.balancePassing} 项差异系数未达标`);
    return { intent: 'warning', title: '资源配置未达到优质均衡标准', text: `${parts.join('，')}。${items}` };
  }
  return { intent: 'info', title: '无法得出结论', text: `有指标无法计算（缺少数据）。${items}` };
}

function Tile({ label, value, tone }: { label: string; value: string; tone?: 'bad' | 'warn' | 'good' }) {
  const s = useStyles();
  return (
    <div className={s.tile}>
      <dt className={s.label}>
        {/* 「达标学校（学段）」 breaks before 「（学段）」 in a narrow pane, never inside a word. */}
        {label.split(/(?=（)/).map((part) => (
          <span key={part} className={s.part}>
            {part}
          </span>
        ))}
      </dt>
      <dd className={mergeClasses(s.value, tone && s[tone])}>{value}</dd>
    </div>
  );
}

export function ResultHeader({ report, stale }: { report: Report; stale: boolean }) {
  const s = useStyles();
  const sum = report.summary;
  const v = overallVerdict(report);
  const county = [report.county.name, report.county.year ? `${report.county.year}年` : null].filter(Boolean).join(' ');
  return (
    <section className={s.root} aria-label="核验结果">
      <dl className={s.tiles}>
        <Tile label="错误" value={String(sum.errors)} tone={sum.errors ? 'bad' : 'good'} />
        <Tile label="警告" value={String(sum.warnings)} tone={sum.warnings ? 'warn' : undefined} />
        <Tile label="达标学校（学段）" value={`${sum.unitsPassing}/${sum.units}`} tone={sum.units && sum.unitsPassing === sum.units ? 'good' : 'warn'} />
        <Tile
          label="差异系数达标"
          value={`${sum.balancePassing}/${sum.balanceTotal}`}
          tone={sum.balanceTotal && sum.balancePassing === sum.balanceTotal ? 'good' : 'warn'}
        />
      </dl>
      <MessageBar intent={stale ? 'info' : v.intent} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{stale ? '规则已更改' : v.title}</MessageBarTitle>
          {stale ? '下面是按原规则得出的结果，请点击「一键校验」按新规则重新核验。' : v.text}
        </MessageBarBody>
      </MessageBar>
      <Text className={s.meta}>
        {county ? `${county} · ` : ''}规则：{report.profileName}
      </Text>
    </section>
  );
}
