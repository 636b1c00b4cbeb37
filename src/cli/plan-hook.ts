/** `validate --plan`: the minimum plan (issue 6) attaches here. */
import type { Analysis } from '../report/build';

export function planFor(_analysis: Analysis): { additions: never[]; method: string } {
  return { additions: [], method: '尚未实现' };
}
