/**
 * The shape every rule module has (src/domain/rules/<id>-<name>.ts), like an ESLint rule: its meta, the
 * profile values it reads (getters, so that nothing is written twice and a test can list the unread keys),
 * its inputs, its messages as ids with {{placeholders}}, and its check. Words are filled in late, by
 * src/domain/rules/render.ts, from the applied profile.
 */
import type { Profile } from '../profile';

export type ItemCategory = '政府保障程度' | '教育质量' | '社会认可度' | '一票否决';
export type RuleCategory = '资源配置' | '达标规则' | ItemCategory;

/** How a profile value is printed: `num` 4.5, 2000, 0.15; `pct` 0.1 → 10% (at most 4 decimals); `pct1` 1 → 100.0%, 0.9995 → 99.95% (at least 1 decimal, at most 4). */
export type ValueFormat = 'num' | 'pct' | 'pct1';

/** A value of the applied profile that the rule reads (and may print as {{key}} or {{key|format}}). */
export interface ProfileValue {
  /** Path in the profile (documentation and tests), e.g. 'items.G5.小学'. */
  path: string;
  get(p: Profile): unknown;
  /** Default format when printed. */
  format?: ValueFormat;
}

/** An input the rule reads: a column of an input sheet or a row of 「县级指标」. */
export interface RuleInput {
  sheet: 'schools' | 'stages' | 'county';
  /** Field of the column (src/domain/columns.ts) or key of the 县级指标 row (template schema). */
  field: string;
  unit: string;
  /** Whole numbers only (persons, rooms). */
  integer: boolean;
}

/** Data that fills a message's placeholders (already formatted for display when a number needs rounding). */
export type MessageParams = Readonly<Record<string, string | number>>;

/** A message of a rule by id, with its data: rendered into words by render.ts. */
export interface MessageRef {
  rule: string;
  id: string;
  params?: MessageParams;
}

export interface RuleBase {
  id: string;
  /** Name as printed in the 申报表 (shenbao.md §4, §7, §8) or in the standard. */
  name: string;
  category: RuleCategory;
  /** Clause of the standard. */
  source: string;
  /** The profile values the rule reads, by placeholder name. */
  profile: Readonly<Record<string, ProfileValue>>;
  /** Messages by id; {{name}} is a profile value of the rule (above) or a data parameter. */
  messages: Readonly<Record<string, string>>;
  /** Numbers that belong to the standard's fixed wording (5年360学时, 1间, 6项…), never profile values. */
  literals?: readonly number[];
}
