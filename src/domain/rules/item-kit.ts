/**
 * What the government (G), quality (Q) and recognition (SR) items (standard §6) share: the rule shape,
 * the context of a check, and the helpers that read schools, 学段 rows and 县级指标 values.
 * A check's words are message references (rule, id, data), rendered late from the applied profile.
 */
import type { County, School, Stage, StageRow } from '../model';
import { TYPE_STAGES } from '../model';
import { atLeast, fixedAgainst } from '../numbers';
import type { Profile } from '../profile';
import type { CellRef, SheetRole } from '../refs';
import type { ItemCategory, MessageParams, RuleBase, RuleInput } from './types';

export interface Check {
  /** 'undecided': the inputs as the template asks for them cannot decide under this profile (see G3). */
  outcome: 'pass' | 'fail' | 'blank' | 'unknown' | 'undecided';
  /** Cells behind a failure, blank cells, or (for unknown) the cells whose error blocks the check. */
  refs?: CellRef[];
  /** What failed (or what the pass shows): a message id of the rule and its data. */
  detail?: { id: string; params?: MessageParams };
  /** For blank: keys of 「县级指标」 rows absent from the sheet. */
  missing?: string[];
}

export interface Ctx {
  county: County;
  profile: Profile;
  tol: number;
  rowsOf: Map<string, StageRow[]>;
  /** School names by code, made by schoolName when a detail first names a school of a 学段 row. */
  names: Map<string, string> | null;
  /** The schools the items cover (see compulsorySchools), listed once per evaluation. */
  compulsory: readonly School[];
  /** The schools whose type has an error (see typeUnknown). */
  typeless: readonly School[];
  /** The schools missing a 学段 row their type needs (see missingRows). */
  lacking: ReadonlySet<School>;
}

/** The 学段 rows of each school code, in sheet order (one list per code). */
export function stageRowsByCode(rows: readonly StageRow[]): Map<string, StageRow[]> {
  const out = new Map<string, StageRow[]>();
  for (const r of rows) {
    const list = out.get(r.code);
    if (list) list.push(r);
    else out.set(r.code, [r]);
  }
  return out;
}

/** The context of one evaluation: the schools each item asks for are sorted out once, in one pass. */
export function itemContext(county: County, profile: Profile, rowsOf: Map<string, StageRow[]> = stageRowsByCode(county.stageRows)): Ctx {
  const compulsory: School[] = [];
  const typeless: School[] = [];
  const lacking = new Set<School>();
  for (const s of county.schools) {
    if (s.type === null) {
      typeless.push(s);
      continue;
    }
    if (s.type !== '特殊教育学校') compulsory.push(s);
    const needs = TYPE_STAGES[s.type];
    const rows = rowsOf.get(s.code);
    if ((needs['小学'] && !firstRowOf(rows, '小学')) || (needs['初中'] && !firstRowOf(rows, '初中'))) lacking.add(s);
  }
  return { county, profile, tol: profile.tolerance, rowsOf, names: null, compulsory, typeless, lacking };
}

export interface ItemRule extends RuleBase {
  category: ItemCategory;
  kind: 'computed' | 'evidence';
  /** Computed from school or 学段 rows: with no school at all the item is 未填报, never passed. */
  schoolBased: boolean;
  inputs: readonly RuleInput[];
  /** Messages: `requirement` (the statement of the standard) and the details the checks name. */
  checks(ctx: Ctx): Check[];
}

export const sref = (s: School, field: string): CellRef => ({ sheet: 'schools', row: s.row, field });
export const rref = (r: StageRow, field: string): CellRef => ({ sheet: 'stages', row: r.row, field });

/** Schools covered by the government and quality items (§2): all but 特殊教育学校 and unknown types. */
export function compulsorySchools(ctx: Ctx): readonly School[] {
  return ctx.compulsory;
}

/** A pass without detail, shared by every check that passes so (do not mutate). */
export const PASS: Check = Object.freeze<Check>({ outcome: 'pass' });

/** The first of a school's 学段 rows for `stage` (a later one is a duplicate, reported by the reader); null when none. */
export function firstRowOf(rows: readonly StageRow[] | undefined, stage: Stage): StageRow | null {
  if (rows) for (const r of rows) if (r.stage === stage) return r;
  return null;
}

/** Whether a school (of a known type) misses a 学段 row its type needs. */
export function lacksRows(ctx: Ctx, s: School): boolean {
  return ctx.lacking.has(s);
}

/** An unknown outcome blocked by the error in these cells. */
export const blocked = (refs: CellRef[]): Check => ({ outcome: 'unknown', refs });

/**
 * Schools whose type has an error: whether an item concerns them is unknown, so a per-school item cannot
 * pass (or fail) over the other schools only.
 */
export function typeUnknown(ctx: Ctx): Check[] {
  const out: Check[] = [];
  for (const s of ctx.typeless) out.push(blocked([sref(s, 'type')]));
  return out;
}

export function stageRowsOf(ctx: Ctx, s: School): StageRow[] {
  return ctx.rowsOf.get(s.code) ?? [];
}

/**
 * The 学段 rows a school's type needs but that are missing (an error at the school's 学校标识码 was
 * reported): a per-row item cannot pass over the rows that are present only.
 */
export function missingRows(ctx: Ctx, schools: readonly School[] = ctx.compulsory): Check[] {
  const lacking = ctx.lacking;
  const out: Check[] = [];
  if (lacking.size === 0) return out;
  for (const s of schools) if (lacking.has(s)) out.push(blocked([sref(s, 'code')]));
  return out;
}

export function num(s: School, field: keyof School): number | null {
  return s.bad.has(field as never) ? null : (s[field] as number | null);
}
export function rnum(r: StageRow, field: keyof StageRow): number | null {
  return r.bad.has(field as never) ? null : (r[field] as number | null);
}

export function schoolName(ctx: Ctx, code: string): string {
  if (!ctx.names) {
    ctx.names = new Map();
    for (const s of ctx.county.schools) ctx.names.set(s.code, s.name);
  }
  return ctx.names.get(code) ?? code;
}

interface CountyInput<T> {
  v: T | null;
  ref: CellRef | null;
  missing: string | null;
  /** The cell holds an error (its value is not used). */
  bad: boolean;
}

/** A 「县级指标」 row as an input of an item: its value (picked), its cell, or that the row is absent. */
export function countyInput<T>(ctx: Ctx, key: string, pick: (v: unknown) => T | null): CountyInput<T> {
  const cv = ctx.county.countyValues[key];
  if (!cv) return { v: null, ref: null, missing: key, bad: false };
  const bad = cv.error === true;
  return { v: bad ? null : pick(cv.value), ref: { sheet: 'county', row: cv.row, field: 'value' }, missing: null, bad };
}

export const countyNumber = (ctx: Ctx, key: string) => countyInput(ctx, key, (v) => (typeof v === 'number' ? v : null));
export const countyBool = (ctx: Ctx, key: string) => countyInput(ctx, key, (v) => (typeof v === 'boolean' ? v : null));

/** The value cells of the 「县级指标」 rows that are present. */
export function countyRefs(ctx: Ctx, keys: readonly string[]): CellRef[] {
  return keys.flatMap((k) => {
    const cv = ctx.county.countyValues[k];
    return cv ? [{ sheet: 'county' as const, row: cv.row, field: 'value' }] : [];
  });
}

/** A blank check of county inputs: the blank cells and the absent rows. */
export function countyBlank(got: CountyInput<unknown>[]): Check {
  return { outcome: 'blank', refs: got.map((g) => g.ref).filter((r): r is CellRef => r !== null), missing: got.map((g) => g.missing).filter((m): m is string => m !== null) };
}

/** A check on county values: unknown if any has an error, blank if any is blank, else the predicate. */
export function countyCheck(ctx: Ctx, keys: string[], predicate: (v: number[]) => boolean, detail: (v: number[]) => { id: string; params?: MessageParams }): Check[] {
  const got = keys.map((k) => countyNumber(ctx, k));
  const bad = got.filter((g) => g.bad);
  if (bad.length) return [blocked(bad.map((g) => g.ref!))];
  const blanks = got.filter((g) => g.v === null);
  if (blanks.length) return [countyBlank(blanks)];
  const v = got.map((g) => g.v!);
  return [{ outcome: predicate(v) ? 'pass' : 'fail', refs: got.map((g) => g.ref!), detail: detail(v) }];
}

/**
 * A ratio as printed in a detail: 11.3%; against the rate it is judged by, with more digits when one decimal
 * would make it look equal to (or on the other side of) that rate: 49.99%, never 50.0%, for a rate of 50%.
 */
export const pct = (x: number, rate?: number) => `${rate === undefined ? (x * 100).toFixed(1) : fixedAgainst(x * 100, rate * 100, 1)}%`;

/**
 * part ÷ whole ≥ rate for one 学段 row; a whole of 0 passes (nothing to count). The failure's detail is
 * message `detailId` with the school, 学段 and the ratio in % (shown so that it never reads as the rate).
 * The whole's cell (`wholeSheet`, `wholeRow`, `wholeField`) is made a CellRef only when its error blocks.
 */
export function ratioRow(
  ctx: Ctx, r: StageRow, field: 'trainedTeachers' | 'certifiedTeachers' | 'zonedAdmissions',
  whole: number | null, wholeSheet: SheetRole, wholeRow: number, wholeField: string,
  rate: number, detailId: string,
): Check {
  if (r.bad.has(field)) return blocked([rref(r, field)]);
  // The whole (专任教师数, 在校生数) is required: null means an error in its cell.
  if (whole === null) return blocked([{ sheet: wholeSheet, row: wholeRow, field: wholeField }]);
  const part = r[field];
  if (part === null) return { outcome: 'blank', refs: [rref(r, field)] };
  if (whole === 0 || atLeast(part / whole, rate, ctx.tol)) return PASS;
  return { outcome: 'fail', refs: [rref(r, field)], detail: { id: detailId, params: { school: schoolName(ctx, r.code), stage: r.stage, value: fixedAgainst((part / whole) * 100, rate * 100, 1) } } };
}

/**
 * G9 and G12: per 学段 row, `field` ÷ 专任教师 against `rate` (the rows lacking a 学段 row first). The ratio in
 * % shows one decimal, more when it would look like the rate.
 */
export function perTeacherChecks(ctx: Ctx, field: 'trainedTeachers' | 'certifiedTeachers', rate: number): Check[] {
  const out = missingRows(ctx);
  for (const r of ctx.county.stageRows) {
    out.push(ratioRow(ctx, r, field, rnum(r, 'teachers'), 'stages', r.row, 'teachers', rate, 'fail'));
  }
  return out;
}

/** An evidence item: 是/否 in 「县级指标」. */
export function evidence(id: string, name: string, category: ItemCategory, source: string): ItemRule {
  return {
    id, name, category, kind: 'evidence', source, schoolBased: false, profile: {},
    inputs: [{ sheet: 'county', field: id, unit: '是/否', integer: false }],
    messages: { requirement: `${name}（县级指标表填“是”或“否”）`, yes: '填报为“是”', no: '填报为“否”' },
    checks: (ctx) => {
      const b = countyBool(ctx, id);
      if (b.bad) return [blocked([b.ref!])];
      if (b.v === null) return [countyBlank([b])];
      return [{ outcome: b.v ? 'pass' : 'fail', refs: b.ref ? [b.ref] : [], detail: { id: b.v ? 'yes' : 'no' } }];
    },
  };
}

/** A county input of a rule (a row of 「县级指标」). */
export const countyIn = (field: string, unit: string, integer = false): RuleInput => ({ sheet: 'county', field, unit, integer });
export const schoolIn = (field: string, unit: string, integer = false): RuleInput => ({ sheet: 'schools', field, unit, integer });
export const stageIn = (field: string, unit: string, integer = false): RuleInput => ({ sheet: 'stages', field, unit, integer });
