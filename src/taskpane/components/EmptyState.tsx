/** A quiet message where a view has nothing to show. */
import { makeStyles, Text, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: `${tokens.spacingVerticalL} 0`, color: tokens.colorNeutralForeground2 },
  title: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
});

export function EmptyState({ title, text }: { title: string; text?: string }) {
  const s = useStyles();
  return (
    <div className={s.root} role="status">
      <Text className={s.title}>{title}</Text>
      {text ? <Text size={200}>{text}</Text> : null}
    </div>
  );
}
