/** The gaps of school units: per unit (school + 学段) its sentences, then its cheapest fix; paged. */
import { Badge, Button, makeStyles, tokens } from '@fluentui/react-components';
import type { UnitGap } from '../gaps';
import { usePage } from '../usePage';

/** Units shown at first and added by each 「再显示」: their sentences wrap to several lines each, so a page of 50 took the page
 * 60–70 ms of layout alone at 10 000 schools; 20 fill several screens of the pane. */
const PAGE = 20;

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  unit: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', margin: 0 },
  name: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  stage: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
  details: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  summary: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
  },
  more: { alignSelf: 'flex-start' },
});

function Status({ gap }: { gap: UnitGap }) {
  const met = gap.metCount === null ? '—' : String(gap.metCount);
  if (gap.passes === false)
    return (
      <Badge appearance="tint" color="danger" size="small">
        未达标 · {met}/7 项达标
      </Badge>
    );
  if (gap.passes === true)
    return (
      <Badge appearance="tint" color="success" size="small">
        已达标 · {met}/7 项达标
      </Badge>
    );
  return (
    <Badge appearance="outline" color="informative" size="small">
      无法判断
    </Badge>
  );
}

export function UnitGaps({ gaps, label }: { gaps: readonly UnitGap[]; label: string }) {
  const s = useStyles();
  const { shown, more } = usePage(gaps, PAGE);
  return (
    <>
      <ul className={s.list} aria-label={label}>
        {gaps.slice(0, shown).map((g) => (
          <li key={g.key} className={s.unit} data-unit={g.key}>
            <h4 className={s.head}>
              <span className={s.name}>{g.schoolName}</span>
              <span className={s.stage}>{g.stage}</span>
              <Status gap={g} />
            </h4>
            {g.details.length ? (
              <ul className={s.details} aria-label={`${g.schoolName}${g.stage}低于标准值的指标`}>
                {g.details.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            ) : null}
            {g.summary ? <p className={s.summary}>{g.summary}</p> : null}
          </li>
        ))}
      </ul>
      {gaps.length > shown ? (
        <Button size="small" appearance="subtle" className={s.more} onClick={more}>
          再显示 {Math.min(PAGE, gaps.length - shown)} 所（共 {gaps.length} 所）
        </Button>
      ) : null}
    </>
  );
}
