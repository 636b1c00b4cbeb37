/**
 * Rule profiles: the 2017 standard's configurable values as data. `national` is the base; a province
 * profile names `extends` and overrides any subset. Profiles are validated, and every value a profile
 * changes against the national one is listed so the report can say so.
 */
import type { Stage } from './model';
import nationalJson from './profiles/national.json';
import primaryBachelorJson from './profiles/primary-bachelor.json';
import strictScopeJson from './profiles/strict-scope.json';
import indoorCountInBothJson from './profiles/indoor-count-in-both.json';

export const INDICATOR_IDS = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export interface Profile {
  id: string;
  name: string;
  standard: '2017';
  description?: string;
  thresholds: Record<Stage, Record<IndicatorId, number>>;
  floorRatio: number;
  minMet: number;
  cvLimits: Record<Stage, number>;
  splitWeights: {
    nineYear: { 小学: number; 初中: number };
    completeSecondary: { 初中: number; 高中: number };
    twelveYear: { 小学: number; 初中: number; 高中: number };
  };
  scope: { teachingPointMinStudents: number; includePrivate: boolean };
  primaryDegreeCut: '专科' | '本科';
  indoorSportsInR4: 'count-in-both' | 'subtract';
  /** How the official 申报表 are written (shenbao.md §11). */
  shenbao: {
    /** 表Ⅱ-2 L14: 「是」/「否」, or the number 1 for a pass and empty otherwise. */
    passMark: '是否' | '1';
    /** 表Ⅲ L8 综合: the mean of the 7 CVs (for information), or 「——」. */
    compositeCv: 'mean' | 'dash';
    /** 表Ⅱ-2: 「（小学部）」/「（初中部）」 after the name of a part of a 一贯制 school or 完全中学. */
    partSuffix: boolean;
  };
  items: {
    G3: { musicRoomArea: number; artRoomArea: number; classesPerRoom: number };
    G4: { single: number; through: number };
    G5: Record<Stage, number>;
    /** village-and-point: 村小学 and 教学点 (the form's words); all-small: every school below the minimum. */
    G6: { minFundedStudents: number; scope: 'village-and-point' | 'all-small' };
    G7: { minFunding: number };
    G9: { rate: number };
    G11: { exchangeRate: number; backboneRate: number };
    G12: { rate: number };
    G13: Record<Stage, number>;
    G14: { rate: number };
    G15: { rate: number };
    /** How 巩固率 is computed from the five counts (template-additions §3.5). */
    Q1: { minPercent: number; formula: 'adjust-graduates' | 'adjust-cohort' };
    Q2: { minPercent: number };
    Q4: { rate: number };
    Q9: { maxGap: number };
    SR: { minPercent: number };
  };
  tolerance: number;
}

/** One value a profile sets differently from the national profile. */
export interface ProfileOverride {
  path: string;
  national: unknown;
  value: unknown;
}

export interface ResolvedProfile extends Profile {
  overrides: ProfileOverride[];
}

export class ProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProfileError';
  }
}

const BUILT_IN: Record<string, unknown> = {
  national: nationalJson,
  'primary-bachelor': primaryBachelorJson,
  'strict-scope': strictScopeJson,
  'indoor-count-in-both': indoorCountInBothJson,
};

export function builtInProfileIds(): string[] {
  return Object.keys(BUILT_IN);
}

export function builtInProfiles(): ResolvedProfile[] {
  return builtInProfileIds().map((id) => resolveProfile(BUILT_IN[id]));
}


function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  // Defined, not assigned: a key 「__proto__」 stays a key of its own (and is then reported as unknown).
  for (const [k, v] of Object.entries(over))
    Object.defineProperty(out, k, { value: deepMerge(Object.hasOwn(base, k) ? base[k] : undefined, v), enumerable: true, writable: true, configurable: true });
  return out;
}

function diff(national: unknown, value: unknown, path: string, out: ProfileOverride[]): void {
  if (isObject(national) && isObject(value)) {
    for (const k of Object.keys(value)) diff(national[k], value[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (JSON.stringify(national) !== JSON.stringify(value)) out.push({ path, national, value });
}

/** A number's allowed range: above (or at) `min`, at most `max`, a whole number when `integer`. */
interface Range {
  min: number;
  /** `min` itself is allowed. */
  minIncluded: boolean;
  max: number;
  integer?: boolean;
  /** How to write it, for the message. */
  text: string;
}

const FRACTION: Range = { min: 0, minIncluded: false, max: 1, text: '应为大于0、不超过1的小数（比例，如 95% 填 0.95）' };
const PERCENT: Range = { min: 0, minIncluded: false, max: 100, text: '应为大于0、不超过100的百分数数值（如 95 表示 95%）' };
const POSITIVE: Range = { min: 0, minIncluded: false, max: Infinity, text: '应大于0' };
const COUNT: Range = { min: 1, minIncluded: true, max: Infinity, integer: true, text: '应为不小于1的整数' };

/**
 * The range of every number of a profile, by its path (the national values lie inside each). A value outside
 * would silently change the verdicts: a tolerance of 0.5 passes every school, a percent typed into a rate
 * (100 for 100 %) fails every county, 0 students per room divides by zero.
 */
const RANGES: readonly [RegExp, Range][] = [
  [/^thresholds\.[^.]+\.R[1-7]$/, POSITIVE],
  [/^cvLimits\./, { min: 0, minIncluded: false, max: 1, text: '应为大于0、不超过1的小数（如 0.5）' }],
  [/^splitWeights\./, { min: 0, minIncluded: false, max: 10, text: '应为大于0、不超过10的数（学段学生数的权重，如 1.1）' }],
  [/^scope\.teachingPointMinStudents$/, { min: 0, minIncluded: true, max: 1000, integer: true, text: '应为0至1000的整数' }],
  [/^items\.G3\.(musicRoomArea|artRoomArea)$/, POSITIVE],
  [/^items\.(G3\.classesPerRoom|G4\.\w+|G5\.[^.]+)$/, COUNT],
  [/^items\.G6\.minFundedStudents$/, { min: 0, minIncluded: true, max: Infinity, integer: true, text: '应为大于或等于0的整数' }],
  [/^items\.G7\.minFunding$/, POSITIVE],
  [/^items\.(G9|G12|G14|G15|Q4)\.rate$|^items\.G11\.|^items\.G13\./, FRACTION],
  [/^items\.(Q1|Q2|SR)\.minPercent$/, PERCENT],
  [/^items\.Q9\.maxGap$/, { min: 0, minIncluded: false, max: 1, text: '应为大于0、不超过1的小数（如 0.15）' }],
  [/^tolerance$/, { min: 0, minIncluded: true, max: 1e-6, text: '应在0与0.000001之间（比较时的相对容差，国家标准为1e-9）' }],
];

function outOfRange(path: string, v: number): string | null {
  const range = RANGES.find(([re]) => re.test(path))?.[1];
  if (!range) return null;
  const low = range.minIncluded ? v < range.min : v <= range.min;
  return low || v > range.max || (range.integer && !Number.isInteger(v)) ? `「${path}」${range.text}，现为 ${v}` : null;
}

/** Checks the shape of a merged profile against the national one: same keys, same value types, numbers in range. */
function validate(merged: Record<string, unknown>, national: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const walk = (n: unknown, v: unknown, path: string) => {
    if (isObject(n)) {
      if (!isObject(v)) {
        problems.push(`「${path}」应为对象`);
        return;
      }
      for (const k of Object.keys(n)) walk(n[k], v[k], path ? `${path}.${k}` : k);
      for (const k of Object.keys(v)) if (!Object.hasOwn(n, k)) problems.push(`未知的配置项「${path ? `${path}.${k}` : k}」`);
      return;
    }
    if (typeof n === 'number') {
      if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`「${path}」应为数字`);
      else if (v < 0) problems.push(`「${path}」不能为负数`);
      else {
        const range = outOfRange(path, v);
        if (range) problems.push(range);
      }
      return;
    }
    if (typeof n === 'boolean' && typeof v !== 'boolean') problems.push(`「${path}」应为 true 或 false`);
    if (typeof n === 'string' && typeof v !== 'string') problems.push(`「${path}」应为文本`);
  };
  const skip = new Set(['id', 'name', 'description', 'extends', 'standard']);
  // Object.fromEntries defines its keys: 「__proto__」 stays a key (assigning it would set the prototype).
  const without = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => !skip.has(k)));
  walk(without(national), without(merged), '');
  if (typeof merged.id !== 'string' || !merged.id) problems.push('缺少配置标识「id」');
  if (typeof merged.name !== 'string' || !merged.name) problems.push('缺少配置名称「name」');
  if (merged.standard !== '2017') problems.push('「standard」只能为 "2017"');
  if (!['专科', '本科'].includes(merged.primaryDegreeCut as string)) problems.push('「primaryDegreeCut」只能为“专科”或“本科”');
  if (!['count-in-both', 'subtract'].includes(merged.indoorSportsInR4 as string))
    problems.push('「indoorSportsInR4」只能为 "count-in-both" 或 "subtract"');
  const sb = isObject(merged.shenbao) ? merged.shenbao : {};
  if (sb.passMark !== undefined && !['是否', '1'].includes(sb.passMark as string)) problems.push('「shenbao.passMark」只能为 "是否" 或 "1"');
  if (sb.compositeCv !== undefined && !['mean', 'dash'].includes(sb.compositeCv as string)) problems.push('「shenbao.compositeCv」只能为 "mean" 或 "dash"');
  const it = isObject(merged.items) ? merged.items : {};
  const q1 = isObject(it.Q1) ? it.Q1 : {};
  if (q1.formula !== undefined && !['adjust-graduates', 'adjust-cohort'].includes(q1.formula as string))
    problems.push('「items.Q1.formula」只能为 "adjust-graduates" 或 "adjust-cohort"');
  const g6 = isObject(it.G6) ? it.G6 : {};
  if (g6.scope !== undefined && !['village-and-point', 'all-small'].includes(g6.scope as string))
    problems.push('「items.G6.scope」只能为 "village-and-point" 或 "all-small"');
  const fr = merged.floorRatio;
  if (typeof fr === 'number' && (fr <= 0 || fr > 1)) problems.push('「floorRatio」应在 0 与 1 之间');
  const mm = merged.minMet;
  if (typeof mm === 'number' && (!Number.isInteger(mm) || mm < 1 || mm > 7)) problems.push('「minMet」应为 1 到 7 的整数');
  return problems;
}

/**
 * Resolves a profile given as parsed JSON: merges it onto the profile it extends (national by default),
 * validates the result and lists the overrides. Throws ProfileError with a Chinese message.
 */
export function resolveProfile(raw: unknown, seen: string[] = []): ResolvedProfile {
  if (!isObject(raw)) throw new ProfileError('规则配置必须是一个 JSON 对象');
  const national = nationalJson as unknown as Record<string, unknown>;
  let base: Record<string, unknown> = national;
  const parentId = raw.extends ?? (raw.id === 'national' ? undefined : 'national');
  if (parentId !== undefined) {
    if (typeof parentId !== 'string' || !(parentId in BUILT_IN))
      throw new ProfileError(`规则配置「extends」指向未知的配置「${String(parentId)}」，可选：${builtInProfileIds().join('、')}`);
    if (seen.includes(parentId)) throw new ProfileError(`规则配置循环继承：${[...seen, parentId].join(' → ')}`);
    base = parentId === 'national' ? national : (resolveProfile(BUILT_IN[parentId], [...seen, String(raw.id)]) as unknown as Record<string, unknown>);
  }
  const merged = deepMerge(base, raw) as Record<string, unknown>;
  delete merged.overrides;
  // A profile's identity is never inherited: a profile without its own id and name would be reported
  // under the name of the profile it extends (local thresholds presented as national, standard §8).
  merged.id = raw.id;
  merged.name = raw.name;
  if (raw.description === undefined) delete merged.description;
  else merged.description = raw.description;
  const problems = validate(merged, national);
  const shownId = typeof raw.id === 'string' || typeof raw.id === 'number' ? String(raw.id) : '?';
  if (problems.length) throw new ProfileError(`规则配置「${shownId}」有误：${problems.join('；')}`);
  const overrides: ProfileOverride[] = [];
  const strip = (o: Record<string, unknown>) => {
    const c: Record<string, unknown> = { ...o };
    for (const k of ['id', 'name', 'description', 'extends', 'standard', 'overrides']) delete c[k];
    return c;
  };
  diff(strip(national), strip(merged), '', overrides);
  if (merged.id === 'national' && overrides.length)
    throw new ProfileError(
      `规则配置「national」有误：改动了国家标准的取值（${overrides.map((o) => o.path).join('、')}），请另取配置标识「id」和名称「name」，以免把地方口径当作国家标准`,
    );
  // A built-in id names that profile in every report: a file that takes it must be that profile as shipped.
  const builtIn = typeof raw.id === 'string' && Object.hasOwn(BUILT_IN, raw.id) ? BUILT_IN[raw.id] : undefined;
  if (builtIn !== undefined && builtIn !== raw && JSON.stringify(builtIn) !== JSON.stringify(raw))
    throw new ProfileError(
      `规则配置「${shownId}」有误：「${shownId}」是内置规则配置的标识，这份配置的内容与它不同，请另取配置标识「id」和名称「name」，以免报告把它当作内置的「${(builtIn as { name: string }).name}」`,
    );
  return { ...(merged as unknown as Profile), overrides };
}

/** A built-in profile by id. */
export function builtInProfile(id: string): ResolvedProfile {
  const raw = BUILT_IN[id];
  if (!raw) throw new ProfileError(`没有名为「${id}」的规则配置，可选：${builtInProfileIds().join('、')}，或给出 .json 文件路径`);
  return resolveProfile(raw);
}

export const NATIONAL: ResolvedProfile = builtInProfile('national');


/**
 * The applied profile rebuilt from the national one and a report's overrides (`Report.profileOverrides`
 * lists every value that differs), for code that has a report but not the profile.
 */
export function profileFromOverrides(overrides: readonly ProfileOverride[]): Profile {
  const out = JSON.parse(JSON.stringify(NATIONAL)) as Record<string, unknown>;
  delete out.overrides;
  for (const o of overrides) {
    const keys = o.path.split('.');
    let at = out;
    for (const k of keys.slice(0, -1)) {
      if (!isObject(at[k])) at[k] = {};
      at = at[k] as Record<string, unknown>;
    }
    at[keys[keys.length - 1]] = o.value;
  }
  return out as unknown as Profile;
}
