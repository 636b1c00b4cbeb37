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

// What amountToReach needs of each indicator, by its place in INDICATOR_IDS (no rule lookup per call).
const SLOT = new Map<IndicatorId, number>(INDICATOR_IDS.map((id, k) => [id, k]));
const FACTOR = INDICATOR_IDS.map(valueFactor);
const SHARED = INDICATOR_IDS.map((id) => indicatorRule(id).shared);
const INTEGER = INDICATOR_IDS.map(integerResource);

/** The unit's value with `added + a` added to the school (or row), as amountToReach compares it. */
function valueWith(c: number, numerator: number, added: number, a: number, share: number, P: number): number {
  return (c * (numerator + (added + a) * share)) / P;
}

/**
 * The smallest amount of resource (persons, ㎡, 元, rooms; for the whole school) that, added on top of
 * `added` already added, brings the unit's value to `target` (compared as the engine compares: unrounded,
 * relative tolerance). 0 when already there; null when the value cannot be computed.
 */
export function amountToReach(u: UnitResult, id: IndicatorId, target: number, profile: Profile, added = 0): number | null {
  return amountAt(u, SLOT.get(id)!, target, profile.tolerance, added);
}

/** amountToReach for the indicator at place k of INDICATOR_IDS. */
function amountAt(u: UnitResult, k: number, target: number, tol: number, added: number): number | null {
  const numerator = u.numerators[INDICATOR_IDS[k]];
  const share = SHARED[k] ? u.share : 1;
  const P = u.students;
  if (numerator === null || P === null || P <= 0 || share === null || !(share > 0)) return null;
  const c = FACTOR[k];
  if (atLeast(valueWith(c, numerator, added, 0, share, P), target, tol)) return 0;
  const exact = ((target * P) / c - numerator) / share - added;
  if (!INTEGER[k]) return Math.max(0, exact);
  let a = Math.max(0, Math.ceil(exact));
  if (!Number.isFinite(a)) return null;
  // The rounded-up amount is right but for floating point: step by one at most a few times. Beyond 2^53
  // a ± 1 is a itself, so the steps are bounded rather than run until the comparison changes.
  for (let i = 0; i < 8 && a > 0 && atLeast(valueWith(c, numerator, added, a - 1, share, P), target, tol); i++) a--;
  for (let i = 0; i < 8 && !atLeast(valueWith(c, numerator, added, a, share, P), target, tol); i++) a++;
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
  return costOfParts(a.teachers, a.backbone, a.teachingArea, a.outdoorSportsArea, a.equipmentYuan, a.multimediaRooms, model);
}

/** The one cost formula (costOf, and the one-unit search without an amounts object): the same terms in the same order. */
function costOfParts(teachers: number, backbone: number, teachingArea: number, outdoorSportsArea: number, equipmentYuan: number, multimediaRooms: number, model: CostModel): number {
  return (
    teachers * model.teacher +
    backbone * model.backboneDesignation +
    teachingArea * model.teachingArea +
    outdoorSportsArea * model.outdoorSportsArea +
    equipmentYuan * model.equipmentYuan +
    multimediaRooms * model.multimediaRooms
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

/**
 * The amounts one unit needs for each indicator below its threshold, by place in INDICATOR_IDS: `up[k]` to
 * the threshold, `floor[k]` to 85 % of it. Returns the places below the threshold as bits (bit k: INDICATOR_IDS[k]),
 * or -1 when a value or an amount is unknown (then no option exists).
 */
function unitNeeds(u: UnitResult, profile: Profile, up: Float64Array, floor: Float64Array): number {
  let bits = 0;
  for (let k = 0; k < INDICATOR_IDS.length; k++) {
    const ind = u.indicators[INDICATOR_IDS[k]];
    if (ind.value === null) return -1;
    if (ind.met === false) bits |= 1 << k;
  }
  const tol = profile.tolerance;
  for (let k = 0; k < INDICATOR_IDS.length; k++) {
    if (!((bits >> k) & 1)) continue;
    const threshold = u.indicators[INDICATOR_IDS[k]].threshold;
    const t = amountAt(u, k, threshold, tol, 0);
    const f = amountAt(u, k, profile.floorRatio * threshold, tol, 0);
    if (t === null || f === null) return -1;
    up[k] = t;
    floor[k] = f;
  }
  return bits;
}

/** The places (in INDICATOR_IDS) of the bits set in `bits`, in order. */
function placesOf(bits: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < INDICATOR_IDS.length; k++) if ((bits >> k) & 1) out.push(k);
  return out;
}

/** New teachers of the row for `need` (amounts by place): max(R1, R3, R2 beyond the row's non-骨干 teachers). */
function rowTeachers(need: Float64Array, available: number): number {
  return Math.max(need[0], need[2], teachersForBackbone(need[1], available));
}

/**
 * Whether an option costing `cost` with `size` indicators to the threshold beats the best so far (`bestCost`,
 * `bestSize`; none when `hasBest` is false): cheaper beyond rounding, or as cheap with fewer to the threshold.
 */
function beats(cost: number, size: number, hasBest: boolean, bestCost: number, bestSize: number): boolean {
  if (!hasBest) return true;
  const eps = 1e-9 * Math.max(1, Math.abs(cost), Math.abs(bestCost));
  return cost < bestCost - eps || (Math.abs(cost - bestCost) <= eps && size < bestSize);
}

/** The amounts of one option: `need` holds the amount of each indicator by place (0 where nothing is added). */
function amountsOf(need: Float64Array, available: number): UnitAmounts {
  return {
    teachers: rowTeachers(need, available),
    backbone: need[1],
    arts: need[2],
    teachingArea: need[3],
    outdoorSportsArea: need[4],
    equipmentYuan: need[5],
    multimediaRooms: need[6],
  };
}

/** `need` for option `mask` (bit i: the i-th place of `places` goes to the threshold, else to the floor). */
function fillNeed(need: Float64Array, places: readonly number[], mask: number, up: Float64Array, floor: Float64Array): void {
  need.fill(0);
  for (let i = 0; i < places.length; i++) need[places[i]] = (mask >> i) & 1 ? up[places[i]] : floor[places[i]];
}

/** Every way of making one unit pass: which below-threshold indicators reach the threshold, the rest reach 85 %. */
function optionsOf(u: UnitResult, profile: Profile): Option[] | null {
  const up = new Float64Array(INDICATOR_IDS.length);
  const floor = new Float64Array(INDICATOR_IDS.length);
  const bits = unitNeeds(u, profile, up, floor);
  if (bits < 0) return null;
  const places = placesOf(bits);
  const below: IndicatorId[] = places.map((k) => INDICATOR_IDS[k]);
  const allowedBelow = INDICATOR_IDS.length - profile.minMet;
  const available = designatableTeachers(u);
  const out: Option[] = [];
  const need = new Float64Array(INDICATOR_IDS.length);
  for (let mask = 0; mask < 1 << below.length; mask++) {
    const size = popCount(mask);
    if (below.length - size > allowedBelow) continue;
    fillNeed(need, places, mask, up, floor);
    out.push({ below, mask, size, amounts: amountsOf(need, available) });
  }
  return out;
}

function popCount(mask: number): number {
  let n = 0;
  for (let m = mask; m; m >>= 1) n += m & 1;
  return n;
}

// Scratch arrays of the one-unit search (no allocation per unit or per option).
const SOLO_UP = new Float64Array(INDICATOR_IDS.length);
const SOLO_FLOOR = new Float64Array(INDICATOR_IDS.length);
const SOLO_NEED = new Float64Array(INDICATOR_IDS.length);

/**
 * cheapestFix for one unit without building every option: the same enumeration, costs and ties (the cost
 * of an option is costOf of its amounts, term by term), keeping only the best mask. Returns that option.
 */
function cheapestOption(u: UnitResult, profile: Profile, model: CostModel): Option | null {
  const bits = unitNeeds(u, profile, SOLO_UP, SOLO_FLOOR);
  if (bits < 0) return null;
  const places = placesOf(bits);
  const n = places.length;
  const allowedBelow = INDICATOR_IDS.length - profile.minMet;
  const available = designatableTeachers(u);
  const need = SOLO_NEED;
  let bestMask = -1;
  let bestCost = 0;
  let bestSize = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    const size = popCount(mask);
    if (n - size > allowedBelow) continue;
    fillNeed(need, places, mask, SOLO_UP, SOLO_FLOOR);
    // costOf(amountsOf(need, available), model), without the amounts object.
    const cost = costOfParts(rowTeachers(need, available), need[1], need[3], need[4], need[5], need[6], model);
    if (beats(cost, size, bestMask >= 0, bestCost, bestSize)) {
      bestMask = mask;
      bestCost = cost;
      bestSize = size;
    }
  }
  if (bestMask < 0) return null;
  fillNeed(need, places, bestMask, SOLO_UP, SOLO_FLOOR);
  return { below: places.map((k) => INDICATOR_IDS[k]), mask: bestMask, size: bestSize, amounts: amountsOf(need, available) };
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
  if (units.length === 1) {
    // One unit: the cost of an option is its own, as combine would compute it (the maxima of one option are
    // its amounts; the sums of one row its teachers), so the search keeps only the best option.
    const pick = cheapestOption(units[0], profile, model);
    return pick ? schoolFixOf(units, [pick], model) : null;
  }
  const opts = units.map((u) => optionsOf(u, profile));
  if (opts.some((o) => o === null || o.length === 0)) return null;
  const lists = opts as Option[][];
  let best: { picks: Option[]; cost: number; size: number } | null = null;
  const picks: Option[] = [];
  const walk = (i: number) => {
    if (i === lists.length) {
      const cost = combine(units, picks, model).cost;
      const size = picks.reduce((a, p) => a + p.size, 0);
      if (beats(cost, size, best !== null, best?.cost ?? 0, best?.size ?? 0)) best = { picks: [...picks], cost, size };
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
  return schoolFixOf(units, chosen.picks, model);
}

/** The fix of one unit for its chosen option. */
function unitFixOf(u: UnitResult, p: Option): UnitFix {
  const toThreshold = p.below.filter((_, k) => (p.mask >> k) & 1);
  const toFloor = p.below.filter((id, k) => !((p.mask >> k) & 1) && u.indicators[id].aboveFloor === false);
  return { schoolCode: u.schoolCode, stage: u.stage, toThreshold, toFloor, amounts: p.amounts };
}

/** The school's fix for the chosen options of its units. */
function schoolFixOf(units: readonly UnitResult[], picks: readonly Option[], model: CostModel): SchoolFix {
  const { rows, school, cost } = combine(units, picks, model);
  const fixes: UnitFix[] = picks.map((p, i) => unitFixOf(units[i], p));
  return { schoolCode: units[0].schoolCode, units: fixes, rows, school, cost };
}

/**
 * combine's cost for one unit's amounts, without its objects: each row and school maximum starts from 0,
 * and the row sums from 0, exactly as there.
 */
function soloCost(a: UnitAmounts, model: CostModel): number {
  return costOf(
    {
      teachers: 0 + Math.max(0, a.teachers),
      backbone: 0 + Math.max(0, a.backbone),
      arts: 0,
      teachingArea: Math.max(0, a.teachingArea),
      outdoorSportsArea: Math.max(0, a.outdoorSportsArea),
      equipmentYuan: Math.max(0, a.equipmentYuan),
      multimediaRooms: Math.max(0, a.multimediaRooms),
    },
    model,
  );
}

/** The cheapest fix of one failing unit on its own (what the report and the advice show). */
export function cheapestUnitFix(u: UnitResult, profile: Profile, model: CostModel = DEFAULT_COST_MODEL): (UnitFix & { cost: number }) | null {
  if (u.passes !== false) return null;
  const pick = cheapestOption(u, profile, model);
  if (!pick) return null;
  const f = unitFixOf(u, pick);
  return { schoolCode: f.schoolCode, stage: f.stage, toThreshold: f.toThreshold, toFloor: f.toFloor, amounts: f.amounts, cost: soloCost(pick.amounts, model) };
}
