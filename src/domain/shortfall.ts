/**
 * What a school must add to reach the standard (issue 6, part 1).
 *
 * For one unit and one indicator below its threshold: the amount of the underlying resource to add to the
 * WHOLE school, in the input column's own unit, to reach the threshold and to reach the floor (85 %).
 *
 * - R1–R3 count teachers of the unit's own 学段 row. A teacher added is a NEW 专任教师 (so the students,
 *   the denominator, do not change): for R1 one with the counting degree (the plan types him or her into
 *   「本科学历专任教师数」, which counts for both 学段 under every profile), for R3 a 体育/音乐/美术
 *   teacher. For R2 the amount is the number of teachers to be given the 县级及以上骨干 title: 骨干 is a
 *   title given to teachers already employed, so they are first designated among the row's teachers who
 *   are not 骨干 yet (training, not a salary), and teachers are hired for it only when the row has too
 *   few (see `designatableTeachers`). Whole persons, rounded up.
 * - R4–R7 are school resources split between the 学段 units (standard §5): adding X to the school raises
 *   the unit's numerator by X × share, so X = need ÷ share. R4 adds 教学及辅助用房 (with the profile option
 *   `indoorSportsInR4: 'subtract'` the numerator is already 教学及辅助用房 − 室内体育用房, and adding to
 *   教学及辅助用房 raises it by the same amount), R5 adds 室外运动场地, R6 equipment (in 万元 or 元 as the
 *   input column's header says), R7 whole rooms (rounded up after dividing by the share).
 *   ㎡ and money are not rounded.
 *
 * The cost model and the exact choice of the cheapest set of indicators that makes a failing unit pass are
 * here too (see `CostModel` and `cheapestFix`).
 */
import type { UnitResult } from './evaluate';
import type { Stage } from './model';
import { atLeast } from './numbers';
import type { IndicatorId, Profile } from './profile';
import { INDICATOR_IDS } from './profile';
import { indicatorRule } from './rules';
import { SCHOOL_COLUMNS, STAGE_COLUMNS } from './columns';

/** Whether the amount is a whole number (persons, rooms): the rule's resource says. */
export function integerResource(id: IndicatorId): boolean {
  return indicatorRule(id).resource.integer;
}

/** The 学历 column a new teacher is typed into: 本科 counts as 「高于规定学历」 for 小学 (专科 or 本科 cut) and 初中. */
export const NEW_TEACHER_DEGREE_FIELD = 'teachersBachelor' as const;

/** The subject columns a new 体育/艺术 teacher may go into (艺术 is not used: the plan names a subject). */
export const ARTS_SUBJECT_FIELDS = ['peTeachers', 'musicTeachers', 'fineArtTeachers'] as const;
export type ArtsSubjectField = (typeof ARTS_SUBJECT_FIELDS)[number];

/**
 * Cost weights, in 万元 per unit of each resource. Indicative only, used to choose between resources
 * (which indicators to fix) and to print an estimate; change them here (or pass another model).
 * - teacher: one year of a county teacher's pay and contributions (about 10 万元);
 * - teachingArea: building cost of 1 ㎡ of 教学及辅助用房 (about 3 000 元);
 * - outdoorSportsArea: 1 ㎡ of 室外运动场地 (surface and track, about 500 元; land not counted);
 * - equipmentYuan: 1 元 of equipment is 0.0001 万元;
 * - multimediaRooms: equipping one classroom as a 网络多媒体教室 (about 5 万元);
 * - backboneDesignation: designating a teacher already employed as a 县级及以上骨干教师: the training and
 *   the selection that go with the title (about 5 000 元; no salary, the teacher is already paid).
 */
export interface CostModel {
  teacher: number;
  backboneDesignation: number;
  teachingArea: number;
  outdoorSportsArea: number;
  equipmentYuan: number;
  multimediaRooms: number;
}

export const DEFAULT_COST_MODEL: Readonly<CostModel> = {
  teacher: 10,
  backboneDesignation: 0.5,
  teachingArea: 0.3,
  outdoorSportsArea: 0.05,
  equipmentYuan: 0.0001,
  multimediaRooms: 5,
};

/** The JSON of `units[].shortfall[id]` (spec issue 6). Amounts in the input column's unit, unrounded for ㎡ and money. */
export interface Shortfall {
  toThreshold: number;
  toFloor: number;
  /** Canonical template header of the column the amount goes into. */
  column: string;
  unit: '人' | '㎡' | '万元' | '元' | '间';
}

export interface ShortfallOptions {
  /** Scale of the 教学仪器设备资产值 column as read (Layout.scales.equipmentYuan): 10 000 for 万元, 1 for 元. */
  equipmentScale: number;
}

/** 10 000 (万元) when the layout does not say, as the reader assumes. */
export function equipmentScaleOf(scales: Record<string, number> | undefined): number {
  return scales?.equipmentYuan ?? 10000;
}

const HEADERS = {
  schools: new Map<string, string>(SCHOOL_COLUMNS.map((c) => [c.field, c.header])),
  stages: new Map<string, string>(STAGE_COLUMNS.map((c) => [c.field, c.header])),
};

function header(sheet: 'schools' | 'stages', field: string): string {
  return HEADERS[sheet].get(field) ?? field;
}

/** The money header with the unit the workbook uses. */
export function moneyHeader(field: string, scale: number): string {
  return header('schools', field).replace(/\((万元|元)\)$/, scale === 1 ? '(元)' : '(万元)');
}

/** The subject column that gets the next new 体育/艺术 teacher: the subject with the fewest teachers (ties in template order). */
export function nextArtsSubject(counts: Record<ArtsSubjectField, number>): ArtsSubjectField {
  let best: ArtsSubjectField = ARTS_SUBJECT_FIELDS[0];
  for (const f of ARTS_SUBJECT_FIELDS) if (counts[f] < counts[best]) best = f;
  return best;
}

/** Current subject counts of a unit's row (blank or bad = 0). */
export function artsCounts(u: UnitResult): Record<ArtsSubjectField, number> {
  const out = { peTeachers: 0, musicTeachers: 0, fineArtTeachers: 0 };
  if (u.row) for (const f of ARTS_SUBJECT_FIELDS) out[f] = u.row.bad.has(f) ? 0 : (u.row[f] ?? 0);
  return out;
}

/**
 * Teachers of the unit's row who could be designated 县级及以上骨干 now: 专任教师 who are not 骨干 yet
 * (专任教师数 − 骨干教师数, at least 0; 0 when either cell is blank or has an error).
 */
export function designatableTeachers(u: Pick<UnitResult, 'row'>): number {
  const r = u.row;
  if (!r || r.bad.has('teachers') || r.bad.has('backboneTeachers') || r.teachers === null || r.backboneTeachers === null) return 0;
  return Math.max(0, r.teachers - r.backboneTeachers);
}

/**
 * New 专任教师 a row needs so that `backbone` more 骨干 can be designated among its teachers: none while
 * the `available` non-骨干 teachers there now suffice. New teachers hired for another reason (R1, R3) are
 * teachers of the row too, so the row hires max(that, this), not the sum.
 */
export function teachersForBackbone(backbone: number, available: number): number {
  return Math.max(0, backbone - available);
}

/** Column (template header) and unit of the resource behind an indicator, for one unit (the rule's resource). */
export function resourceColumn(u: UnitResult, id: IndicatorId, opts: ShortfallOptions): { sheet: 'schools' | 'stages'; field: string; column: string; unit: Shortfall['unit'] } {
  const r = indicatorRule(id).resource;
  // R3: the subject with the fewest teachers gets the new teacher.
  const field = id === 'R3' ? nextArtsSubject(artsCounts(u)) : r.field;
  if (r.unit === '元') return { sheet: r.sheet, field, column: moneyHeader(field, opts.equipmentScale), unit: opts.equipmentScale === 1 ? '元' : '万元' };
  return { sheet: r.sheet, field, column: header(r.sheet, field), unit: r.unit };
}

/** Per-hundred factor of an indicator's value (100 for R1, R2, R3, R7). */
export function valueFactor(id: IndicatorId): number {
  return indicatorRule(id).per100 ? 100 : 1;
}

/** Share of a school resource that reaches the unit: the split share for R4–R7, 1 for teachers. */
export function resourceShare(u: UnitResult, id: IndicatorId): number | null {
  return indicatorRule(id).shared ? u.share : 1;
}

/**
 * The smallest amount of resource (persons, ㎡, 元, rooms; for the whole school) that, added on top of
 * `added` already added, brings the unit's value to `target` (compared as the engine compares: unrounded,
 * relative tolerance). 0 when already there; null when the value cannot be computed.
 */
export function amountToReach(u: UnitResult, id: IndicatorId, target: number, profile: Profile, added = 0): number | null {
  const ind = u.indicators[id];
  const share = resourceShare(u, id);
  const P = u.students;
  if (ind.numerator === null || P === null || P <= 0 || share === null || !(share > 0)) return null;
  const c = valueFactor(id);
  const tol = profile.tolerance;
  const valueWith = (a: number) => (c * (ind.numerator! + (added + a) * share)) / P;
  if (atLeast(valueWith(0), target, tol)) return 0;
  const exact = ((target * P) / c - ind.numerator) / share - added;
  if (!integerResource(id)) return Math.max(0, exact);
  let a = Math.max(0, Math.ceil(exact));
  if (!Number.isFinite(a)) return null;
  // The rounded-up amount is right but for floating point: step by one at most a few times. Beyond 2^53
  // a ± 1 is a itself, so the steps are bounded rather than run until the comparison changes.
  for (let i = 0; i < 8 && a > 0 && atLeast(valueWith(a - 1), target, tol); i++) a--;
  for (let i = 0; i < 8 && !atLeast(valueWith(a), target, tol); i++) a++;
  return a;
}

/** Converts an internal amount (元 for R6) to the input column's unit. */
export function toInputUnit(id: IndicatorId, amount: number, opts: ShortfallOptions): number {
  return id === 'R6' ? amount / opts.equipmentScale : amount;
}

/** Shortfalls of one unit: one entry per indicator whose value is below its threshold. */
export function shortfallsOf(u: UnitResult, profile: Profile, opts: ShortfallOptions): Partial<Record<IndicatorId, Shortfall>> {
  const out: Partial<Record<IndicatorId, Shortfall>> = {};
  for (const id of INDICATOR_IDS) {
    const ind = u.indicators[id];
    if (ind.met !== false) continue;
    const toT = amountToReach(u, id, ind.threshold, profile);
    const toF = amountToReach(u, id, profile.floorRatio * ind.threshold, profile);
    if (toT === null || toF === null) continue;
    const col = resourceColumn(u, id, opts);
    out[id] = { toThreshold: toInputUnit(id, toT, opts), toFloor: toInputUnit(id, toF, opts), column: col.column, unit: col.unit };
  }
  return out;
}

// ─────────────────────────── the cheapest set of indicators to fix ───────────────────────────

/** Amounts added to one unit's row and school (internal units: persons, ㎡, 元, rooms). */
export interface UnitAmounts {
  /** New 专任教师 of the row (all with the counting degree). */
  teachers: number;
  /**
   * Teachers designated 县级及以上骨干 (the 骨干 count rises by this much, 专任教师数 does not): first the
   * row's non-骨干 teachers, then, when there are too few, new teachers counted in `teachers`.
   */
  backbone: number;
  /** Of which 体育/音乐/美术 teachers. */
  arts: number;
  teachingArea: number;
  outdoorSportsArea: number;
  equipmentYuan: number;
  multimediaRooms: number;
}

export const NO_AMOUNTS: Readonly<UnitAmounts> = { teachers: 0, backbone: 0, arts: 0, teachingArea: 0, outdoorSportsArea: 0, equipmentYuan: 0, multimediaRooms: 0 };

/** Cost in 万元 of school-level and row-level amounts. */
export function costOf(a: UnitAmounts, model: CostModel): number {
  return (
    a.teachers * model.teacher +
    a.backbone * model.backboneDesignation +
    a.teachingArea * model.teachingArea +
    a.outdoorSportsArea * model.outdoorSportsArea +
    a.equipmentYuan * model.equipmentYuan +
    a.multimediaRooms * model.multimediaRooms
  );
}

/** The choice for one failing unit. */
export interface UnitFix {
  schoolCode: string;
  stage: Stage;
  /** Indicators brought up to their threshold. */
  toThreshold: IndicatorId[];
  /** Indicators left below the threshold but brought up to 85 % of it (only those below 85 % now). */
  toFloor: IndicatorId[];
  /** What this unit needs, alone (the school total is the maximum over its units for shared resources). */
  amounts: UnitAmounts;
}

export interface SchoolFix {
  schoolCode: string;
  units: UnitFix[];
  /**
   * Amounts per row (stage) for teachers, and for the whole school for shared resources (the maximum of
   * what each unit needs: one addition to a shared resource raises every unit of the school).
   */
  rows: Partial<Record<Stage, Pick<UnitAmounts, 'teachers' | 'backbone' | 'arts'>>>;
  school: Pick<UnitAmounts, 'teachingArea' | 'outdoorSportsArea' | 'equipmentYuan' | 'multimediaRooms'>;
  /** Estimated cost in 万元 under the cost model. */
  cost: number;
}

interface Option {
  /** Indicators below the threshold now, in INDICATOR_IDS order. */
  below: IndicatorId[];
  /** Bit k set: below[k] is raised to the threshold (else to the floor). */
  mask: number;
  size: number;
  amounts: UnitAmounts;
}

/** Every way of making one unit pass: which below-threshold indicators reach the threshold, the rest reach 85 %. */
function optionsOf(u: UnitResult, profile: Profile): Option[] | null {
  const below: IndicatorId[] = INDICATOR_IDS.filter((id) => u.indicators[id].met === false);
  if (INDICATOR_IDS.some((id) => u.indicators[id].value === null)) return null;
  const toT = new Map<IndicatorId, number>();
  const toF = new Map<IndicatorId, number>();
  for (const id of below) {
    const t = amountToReach(u, id, u.indicators[id].threshold, profile);
    const f = amountToReach(u, id, profile.floorRatio * u.indicators[id].threshold, profile);
    if (t === null || f === null) return null;
    toT.set(id, t);
    toF.set(id, f);
  }
  const allowedBelow = INDICATOR_IDS.length - profile.minMet;
  const available = designatableTeachers(u);
  const out: Option[] = [];
  // The amounts to the threshold and to the floor by the indicator's place in INDICATOR_IDS.
  const upAt = below.map((id) => toT.get(id)!);
  const floorAt = below.map((id) => toF.get(id)!);
  const slot = below.map((id) => INDICATOR_IDS.indexOf(id));
  const need = [0, 0, 0, 0, 0, 0, 0];
  for (let mask = 0; mask < 1 << below.length; mask++) {
    let size = 0;
    need.fill(0);
    for (let i = 0; i < below.length; i++) {
      const up = (mask >> i) & 1;
      size += up;
      need[slot[i]] = up ? upAt[i] : floorAt[i];
    }
    if (below.length - size > allowedBelow) continue;
    const [r1, r2, r3, r4, r5, r6, r7] = need;
    out.push({
      below,
      mask,
      size,
      amounts: {
        teachers: Math.max(r1, r3, teachersForBackbone(r2, available)),
        backbone: r2,
        arts: r3,
        teachingArea: r4,
        outdoorSportsArea: r5,
        equipmentYuan: r6,
        multimediaRooms: r7,
      },
    });
  }
  return out;
}

const SHARED_KEYS = ['teachingArea', 'outdoorSportsArea', 'equipmentYuan', 'multimediaRooms'] as const;

function combine(units: readonly UnitResult[], picks: readonly Option[], model: CostModel): { rows: SchoolFix['rows']; school: SchoolFix['school']; cost: number } {
  const rows: SchoolFix['rows'] = {};
  const school = { teachingArea: 0, outdoorSportsArea: 0, equipmentYuan: 0, multimediaRooms: 0 };
  picks.forEach((p, i) => {
    const st = units[i].stage;
    const prev = rows[st] ?? { teachers: 0, backbone: 0, arts: 0 };
    rows[st] = {
      teachers: Math.max(prev.teachers, p.amounts.teachers),
      backbone: Math.max(prev.backbone, p.amounts.backbone),
      arts: Math.max(prev.arts, p.amounts.arts),
    };
    for (const k of SHARED_KEYS) school[k] = Math.max(school[k], p.amounts[k]);
  });
  const teachers = Object.values(rows).reduce((a, r) => a + r!.teachers, 0);
  const backbone = Object.values(rows).reduce((a, r) => a + r!.backbone, 0);
  const cost = costOf({ ...NO_AMOUNTS, ...school, teachers, backbone }, model);
  return { rows, school, cost };
}

/**
 * The cheapest way to make every given unit of ONE school pass the per-unit rule (at least minMet of the 7
 * at their threshold, all at 85 %), chosen exactly: every combination of "which below-threshold indicators
 * reach the threshold" is tried (at most 2^7 per unit, 2^14 for the two units of an 一贯制 school).
 *
 * Cost of a combination = Σ weight × amount, where the new teachers of a 学段 row are
 * max(R1 need, R3 need, R2 need − the row's non-骨干 teachers) (a new teacher has the counting degree and
 * may be a 体育/音乐/美术 teacher at no extra cost; 骨干 are designated among the teachers there, new ones
 * only when there are too few), each 骨干 designated costs the training weight, and a shared resource is the maximum of what each unit of the
 * school needs (one addition raises both units). Ties: fewer indicators raised to the threshold, then the
 * first in enumeration order. Returns null when a value is unknown.
 */
export function cheapestFix(units: readonly UnitResult[], profile: Profile, model: CostModel = DEFAULT_COST_MODEL): SchoolFix | null {
  if (units.length === 0) return null;
  const opts = units.map((u) => optionsOf(u, profile));
  if (opts.some((o) => o === null || o.length === 0)) return null;
  const lists = opts as Option[][];
  let best: { picks: Option[]; cost: number; size: number } | null = null;
  const picks: Option[] = [];
  // One unit (what the report asks for every failing unit): the cost of an option is its own, as combine
  // would compute it (the maxima of one option are its amounts; the sums of one row its teachers).
  const solo = lists.length === 1;
  const walk = (i: number) => {
    if (i === lists.length) {
      const cost = solo ? costOf(picks[0].amounts, model) : combine(units, picks, model).cost;
      const size = solo ? picks[0].size : picks.reduce((a, p) => a + p.size, 0);
      const eps = 1e-9 * Math.max(1, Math.abs(cost), Math.abs(best?.cost ?? 0));
      if (!best || cost < best.cost - eps || (Math.abs(cost - best.cost) <= eps && size < best.size)) best = { picks: [...picks], cost, size };
      return;
    }
    for (const o of lists[i]) {
      picks.push(o);
      walk(i + 1);
      picks.pop();
    }
  };
  walk(0);
  const chosen = best as unknown as { picks: Option[]; cost: number };
  const { rows, school, cost } = combine(units, chosen.picks, model);
  const fixes: UnitFix[] = chosen.picks.map((p, i) => {
    const u = units[i];
    const toThreshold = p.below.filter((_, k) => (p.mask >> k) & 1);
    const toFloor = p.below.filter((id, k) => !((p.mask >> k) & 1) && u.indicators[id].aboveFloor === false);
    return { schoolCode: u.schoolCode, stage: u.stage, toThreshold, toFloor, amounts: p.amounts };
  });
  return { schoolCode: units[0].schoolCode, units: fixes, rows, school, cost };
}

/** The cheapest fix of one failing unit on its own (what the report and the advice show). */
export function cheapestUnitFix(u: UnitResult, profile: Profile, model: CostModel = DEFAULT_COST_MODEL): (UnitFix & { cost: number }) | null {
  if (u.passes !== false) return null;
  const f = cheapestFix([u], profile, model);
  return f ? { ...f.units[0], cost: f.cost } : null;
}
