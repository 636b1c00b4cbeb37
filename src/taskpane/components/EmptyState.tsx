/** A quiet message where a view has nothing to show, with optional actions (links to other views). */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: `${tokens.spacingVerticalL} 0`, color: tokens.colorNeutralForeground2 },
  title: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalXS },
});

export function EmptyState({ title, text, children }: { title: string; text?: string; children?: ReactNode }) {
  const s = useStyles();
  return (
    <div className={s.root} role="status">
      <Text className={s.title}>{title}</Text>
      {text ? <Text size={200}>{text}</Text> : null}
      {children ? <div className={s.actions}>{children}</div> : null}
    </div>
  );
}
