/**
 * The minimum plan's additions, per school: column, 学段, amount and what it is for. Clicking one selects
 * its cell in the workbook. The plan is only shown here; it is never written into the workbook.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { Profile } from '../../domain/profile';
import { additionText, type Plan } from '../../report/plan';
import { amountText, groupAdditions, reasonText } from '../gaps';

const PAGE = 30;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  schools: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  school: { margin: `0 0 2px`, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  teachers: { display: 'block', margin: `0 0 ${tokens.spacingVerticalXS}`, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    columnGap: tokens.spacingHorizontalS,
    rowGap: '2px',
    width: '100%',
    textAlign: 'start',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
    ':disabled': { cursor: 'default', color: tokens.colorNeutralForegroundDisabled },
  },
  current: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    border: `1px solid ${tokens.colorBrandStroke1}`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Selected },
  },
  column: { fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  stage: { marginRight: tokens.spacingHorizontalXS, color: tokens.colorNeutralForeground2 },
  amount: {
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
    color: tokens.colorBrandForeground1,
    whiteSpace: 'nowrap',
  },
  meta: { gridColumn: '1 / -1', color: tokens.colorNeutralForeground2 },
  what: { gridColumn: '1 / -1', color: tokens.colorNeutralForeground1 },
  cell: { fontFamily: tokens.fontFamilyMonospace },
  more: { alignSelf: 'flex-start' },
  method: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2 },
});

export interface PlanAdditionsProps {
  plan: Plan;
  /** The applied profile: the reasons are worded from it (the floor). */
  profile: Profile;
  onSelect(sheet: string, cell: string): void;
}

export function PlanAdditions({ plan, profile, onSelect }: PlanAdditionsProps) {
  const s = useStyles();
  const groups = useMemo(() => groupAdditions(plan.additions), [plan]);
  const [shown, setShown] = useState(PAGE);
  const [current, setCurrent] = useState<number | null>(null);

  // A new run's plan starts from the top, with nothing selected.
  useEffect(() => {
    setShown(PAGE);
    setCurrent(null);
  }, [plan]);

  return (
    <div className={s.root}>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>方案只作测算参考，不会写入工作簿，报送的数据保持不变。点击一项可定位到要修改的单元格。</MessageBarBody>
      </MessageBar>
      {plan.cautions.map((c) => (
        <MessageBar key={c} intent="warning" layout="multiline">
          <MessageBarBody>{c}</MessageBarBody>
        </MessageBar>
      ))}
      <ul className={s.schools} aria-label="最小补充方案明细">
        {groups.slice(0, shown).map((g) => (
          <li key={g.schoolCode}>
            <h4 className={s.school}>{g.schoolName}</h4>
            {g.teachers.map((t) => (
              <Text key={t.stage} as="p" className={s.teachers}>
                {t.stage}新增 {t.count} 名专任教师；下列{t.stage}本科学历、持证、培训、学科各项的人数都是这 {t.count} 名教师，不是另外增加。
              </Text>
            ))}
            <ul className={s.list} aria-label={`${g.schoolName}的追加项`}>
              {g.additions.map(({ addition: a, index }) => {
                const where = a.cell ? `${a.sheet}!${a.cell}` : `${a.sheet}（找不到单元格）`;
                const what = additionText(a);
                return (
                  <li key={index}>
                    <button
                      type="button"
                      className={mergeClasses(s.item, index === current && s.current)}
                      aria-current={index === current ? 'true' : undefined}
                      disabled={!a.cell}
                      title={a.cell ? `定位到 ${where}` : where}
                      data-cell={where}
                      onClick={() => {
                        if (!a.cell) return;
                        setCurrent(index);
                        onSelect(a.sheet, a.cell);
                      }}
                    >
                      <span className={s.column}>
                        {a.stage ? <span className={s.stage}>{a.stage}</span> : null}
                        {a.column}
                      </span>
                      <span className={s.amount}>+{amountText(a)}</span>
                      {what ? <span className={s.what}>{what}</span> : null}
                      <span className={s.meta}>
                        <span className={s.cell}>{where}</span> · 用于{a.reasons.map((r) => reasonText(r, profile)).join('；')}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
      {groups.length > shown ? (
        <Button size="small" appearance="subtle" className={s.more} onClick={() => setShown(shown + PAGE)}>
          再显示 {Math.min(PAGE, groups.length - shown)} 所学校（共 {groups.length} 所）
        </Button>
      ) : null}
      <Accordion collapsible>
        <AccordionItem value="method">
          <AccordionHeader size="small">方案的计算方法</AccordionHeader>
          <AccordionPanel>
            <Text className={s.method}>{plan.method}</Text>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </div>
  );
}
