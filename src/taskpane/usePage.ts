import { useState } from 'react';

/**
 * A long list shown a page at a time: how many items to show, and the 「再显示」 that adds a page. Back to one
 * page whenever the list changes (filter, sort, a new result) in the same render; an effect did it one render
 * late, after drawing the previous count of the new list.
 */
export function usePage<T>(list: readonly T[], size: number): { shown: number; more(): void } {
  const [state, setState] = useState<{ of: readonly T[]; shown: number }>({ of: list, shown: size });
  const shown = state.of === list ? state.shown : size;
  return { shown, more: () => setState({ of: list, shown: shown + size }) };
}
