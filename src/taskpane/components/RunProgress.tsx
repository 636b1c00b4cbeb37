/** Progress of a run: the five phases of the pipeline, the current one named. */
import { Field, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import type { Phase } from '../../hosts/api';
import type { Busy } from '../usePane';

export const PHASES: readonly Phase[] = ['读取', '校验', '计算', '标记', '生成汇总'];

const useStyles = makeStyles({
  steps: {
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
    flexWrap: 'wrap',
  },
  current: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  done: { color: tokens.colorNeutralForeground2 },
});

export function RunProgress({ busy }: { busy: Busy }) {
  const s = useStyles();
  if (busy.action === 'clear') {
    return (
      <Field validationMessage="正在清除标记……" validationState="none">
        <ProgressBar aria-label="正在清除标记" />
      </Field>
    );
  }
  const withSheets = busy.action === 'sheets' || busy.done.includes('生成汇总');
  const phases = withSheets ? PHASES : PHASES.filter((p) => p !== '生成汇总');
  const at = busy.phase ? phases.indexOf(busy.phase) : -1;
  const label = busy.phase ? `正在${busy.phase}（第 ${at + 1} 步，共 ${phases.length} 步）` : '正在准备……';
  return (
    <Field validationMessage={label} validationState="none">
      <ProgressBar value={Math.max(0, at + 0.5) / phases.length} max={1} aria-label={label} />
      <ol className={s.steps} aria-hidden="true">
        {phases.map((p, i) => (
          <li key={p} className={i === at ? s.current : i < at ? s.done : undefined}>
            {i > 0 ? '› ' : ''}
            {p}
          </li>
        ))}
      </ol>
    </Field>
  );
}
