/** `validate --json --plan`: the minimum plan (issue 6, spec/cli.md «Plans»; the method is in src/domain/plan.ts). */
import { planOf, type Plan } from '../domain/plan';
import type { Analysis } from '../report/build';

export function planFor(analysis: Analysis): Plan {
  return planOf(analysis);
}
