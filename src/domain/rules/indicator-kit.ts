/**
 * What the seven resource indicators R1–R7 (standard §3) share: the rule shape and the helpers that give a
 * unit's numerator (per-100 indicators multiply by 100 after dividing by students).
 */
import type { School, SchoolField, Stage, StageField, StageRow } from '../model';
import type { IndicatorId, Profile } from '../profile';
import type { MessageParams, ProfileValue, RuleBase } from './types';

export interface UnitInputs {
  school: School;
  stage: Stage;
  /** The unit's own 学段 row (teacher counts); null when missing. */
  row: StageRow | null;
  /** Share of the school's physical resources that goes to this unit (1 for single-stage schools). */
  share: number | null;
  profile: Profile;
}

/** The numerator, or null when an input is blank or has an error. */
export type Numerator = number | null;

/** The cost weights of src/domain/shortfall.ts CostModel (万元 per person, ㎡, 元, room). */
export type CostKey = 'teacher' | 'backboneDesignation' | 'teachingArea' | 'outdoorSportsArea' | 'equipmentYuan' | 'multimediaRooms';

/** What a school adds to raise the indicator: the column it goes into, its unit, whole or not, its cost weight. */
export interface Resource {
  sheet: 'schools' | 'stages';
  field: string;
  /** Unit of the amount (元 for R6 internally; the column may be in 万元). */
  unit: '人' | '㎡' | '元' | '间';
  integer: boolean;
  cost: CostKey;
  /** What the resource is called in the 备注 of 表Ⅱ. */
  name: string;
}

/** What `need` gets to word the addition of one unit. */
export interface NeedInput {
  /** The amount, as a number and as displayed. */
  amount: number;
  shown: string;
  stage: Stage;
  /** Teachers of the row who are not 骨干 yet (R2). */
  available: number;
  profile: Profile;
  /** The shorter wording inside the floor remark. */
  floor: boolean;
}

export interface IndicatorRule extends RuleBase {
  id: IndicatorId;
  shortName: string;
  /** Display unit of the value. */
  unit: string;
  /** Value = numerator ÷ students × 100 (per hundred students) or ÷ students. */
  per100: boolean;
  /** Physical resources reported for the whole school and split between units. */
  shared: boolean;
  resource: Resource;
  /** The threshold of a 学段 under the profile. */
  threshold(p: Profile, stage: Stage): number;
  /** Input columns behind the value: the cells marked when the indicator fails. */
  inputs(u: UnitInputs): { schoolFields: SchoolField[]; stageFields: StageField[] };
  numerator(u: UnitInputs): Numerator;
  /** The message (id and data) that says what to add. */
  need(n: NeedInput): { id: string; params: MessageParams };
}

/** The two thresholds of an indicator as profile values (小学, 初中). */
export function thresholdValues(id: IndicatorId): Record<Stage, ProfileValue> {
  return {
    小学: { path: `thresholds.小学.${id}`, get: (p) => p.thresholds['小学'][id] },
    初中: { path: `thresholds.初中.${id}`, get: (p) => p.thresholds['初中'][id] },
  };
}

/** Generic words for an amount inside the floor remark (persons, rooms, or about so much). */
export const FLOOR_NEED_MESSAGES = {
  'floor-persons': '需增加 {{amount}} 名',
  'floor-rooms': '需增加 {{amount}} 间',
  'floor-about': '需增加约 {{amount}}',
} as const;

/** The floor remark's words for an amount (`shown` of money already carries 元 or 万元). */
export function floorNeed(unit: Resource['unit'], shown: string): { id: string; params: MessageParams } {
  if (unit === '人') return { id: 'floor-persons', params: { amount: shown } };
  if (unit === '间') return { id: 'floor-rooms', params: { amount: shown } };
  return { id: 'floor-about', params: { amount: unit === '㎡' ? `${shown}㎡` : shown } };
}

const NONE: ReadonlySet<StageField> = new Set();

export function stageValues(row: StageRow | null, fields: readonly (keyof StageRow & StageField)[], blankZero: ReadonlySet<StageField> = NONE): number | null {
  if (!row) return null;
  // The sum of the fields' values: null when one has an error or is blank (unless a blank counts as 0).
  let s = 0;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (row.bad.has(f)) return null;
    const v = row[f] as number | null;
    if (v !== null) s += v;
    else if (!blankZero.has(f)) return null;
  }
  return s;
}

export function schoolValue(s: School, f: keyof School & SchoolField, blankZero = false): number | null {
  if (s.bad.has(f)) return null;
  const v = s[f] as number | null;
  return v === null && blankZero ? 0 : v;
}

/** A school total times the unit's share (null when either is unknown). */
export function sharedPart(u: UnitInputs, total: number | null): number | null {
  if (total === null || u.share === null) return null;
  return total * u.share;
}
