/**
 * The catalogue of rules, one module per rule (README「规则目录」): src/domain/rules/<id>-<name>.ts.
 * R1–R7 are the resource indicators, G1–G15, Q1–Q9 and SR the items; UNIT (the per-unit rule: floor,
 * count, scope, splits) and CV (the 差异系数 limits) own the words that are not one indicator's.
 * The order here is the order of the reports.
 */
import type { IndicatorId } from '../profile';
import type { IndicatorRule } from './indicator-kit';
import type { ItemRule } from './item-kit';
import type { RuleBase } from './types';
import { R1 } from './r1-degree-teachers';
import { R2 } from './r2-backbone-teachers';
import { R3 } from './r3-arts-teachers';
import { R4 } from './r4-teaching-area';
import { R5 } from './r5-sports-area';
import { R6 } from './r6-equipment';
import { R7 } from './r7-multimedia-rooms';
import { G1 } from './g1-layout';
import { G2 } from './g2-unified-standards';
import { G3 } from './g3-music-art-rooms';
import { G4 } from './g4-school-size';
import { G5 } from './g5-class-size';
import { G6 } from './g6-small-school-funding';
import { G7 } from './g7-special-ed-funding';
import { G8 } from './g8-teacher-pay';
import { G9 } from './g9-teacher-training';
import { G10 } from './g10-staffing';
import { G11 } from './g11-teacher-exchange';
import { G12 } from './g12-certification';
import { G13 } from './g13-zoned-admission';
import { G14 } from './g14-quota-allocation';
import { G15 } from './g15-migrant-children';
import { Q1 } from './q1-retention';
import { Q2 } from './q2-disabled-enrolment';
import { Q3 } from './q3-charter-it';
import { Q4 } from './q4-training-funding';
import { Q5 } from './q5-it-teaching';
import { Q6 } from './q6-moral-education';
import { Q7 } from './q7-curriculum';
import { Q8 } from './q8-workload';
import { Q9 } from './q9-quality-monitoring';
import { SR } from './sr-recognition';
import { V1 } from './v1-exam-admission';
import { V2 } from './v2-school-choice';
import { V3 } from './v3-key-schools';
import { V4 } from './v4-unfilled-posts';
import { V5 } from './v5-safety-fraud';
import { V6 } from './v6-tutoring-burden';
import { UNIT } from './unit-rule';
import { CV } from './cv-limits';

export type { IndicatorRule, UnitInputs, Resource, NeedInput } from './indicator-kit';
export type { ItemRule, Check, Ctx } from './item-kit';
export type { ItemCategory, MessageParams, MessageRef, ProfileValue, RuleBase, RuleCategory, RuleInput, ValueFormat } from './types';
export { UNIT, CV };

/** The seven resource indicators, R1–R7. */
export const INDICATORS: readonly IndicatorRule[] = [R1, R2, R3, R4, R5, R6, R7];

/** The items: G1–G15, Q1–Q9, SR, then the six 一票否决 V1–V6. */
export const ITEMS: readonly ItemRule[] = [G1, G2, G3, G4, G5, G6, G7, G8, G9, G10, G11, G12, G13, G14, G15, Q1, Q2, Q3, Q4, Q5, Q6, Q7, Q8, Q9, SR, V1, V2, V3, V4, V5, V6];

/** Every rule, with the two that own shared words. */
export const RULES: readonly RuleBase[] = [...INDICATORS, ...ITEMS, UNIT, CV];

export const RULES_BY_ID: ReadonlyMap<string, RuleBase> = new Map(RULES.map((r) => [r.id, r] as const));

const INDICATORS_BY_ID: ReadonlyMap<string, IndicatorRule> = new Map(INDICATORS.map((r) => [r.id, r] as const));

export function indicatorRule(id: IndicatorId): IndicatorRule {
  const r = INDICATORS_BY_ID.get(id);
  if (!r) throw new Error(`unknown indicator ${id}`);
  return r;
}

export function itemRule(id: string): ItemRule {
  const r = ITEMS.find((x) => x.id === id);
  if (!r) throw new Error(`unknown item ${id}`);
  return r;
}

export function rule(id: string): RuleBase {
  const r = RULES_BY_ID.get(id);
  if (!r) throw new Error(`unknown rule ${id}`);
  return r;
}
