/** The failing 差异系数: per 学段 and indicator, the sentence naming who contributes most. */
import { makeStyles, tokens } from '@fluentui/react-components';
import { indicatorName } from '../format';
import type { CvGap } from '../gaps';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  head: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  text: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
});

export function CvGaps({ gaps }: { gaps: readonly CvGap[] }) {
  const s = useStyles();
  return (
    <ul className={s.list} aria-label="超过上限的差异系数">
      {gaps.map((g) => (
        <li key={g.key} className={s.item} data-cv={g.key}>
          <h4 className={s.head}>
            {g.stage} {indicatorName(g.indicator)}
          </h4>
          <p className={s.text}>{g.text}</p>
        </li>
      ))}
    </ul>
  );
}
