/** The resource indicators R1–R7: see index.ts (one module per rule, r1-…ts to r7-…ts). Kept for importers. */
export { INDICATORS, indicatorRule } from './index';
export type { IndicatorRule, UnitInputs } from './index';
export type { Numerator } from './indicator-kit';
