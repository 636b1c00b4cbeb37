/**
 * The pane's settings: a built-in rule profile plus the four configurable options, saved with the
 * workbook (host.saveSettings) so that reopening it, or the ribbon's 一键校验, reproduces the same result.
 * The options are applied as a profile that `extends` the chosen built-in one.
 */
import { builtInProfile, builtInProfileIds, resolveProfile, type ResolvedProfile } from '../domain/profile';

export type DegreeCut = ResolvedProfile['primaryDegreeCut'];
export type IndoorRule = ResolvedProfile['indoorSportsInR4'];

/** The options a county may set differently from its rule profile. Absent = as the profile says. */
export interface ProfileOptions {
  /** 教学点 with fewer students than this are left out of the resource computation. */
  teachingPointMinStudents?: number;
  /** Whether 民办 schools take part. */
  includePrivate?: boolean;
  /** Lowest 学历 that counts as 高于规定学历 for 小学 teachers. */
  primaryDegreeCut?: DegreeCut;
  /** Whether 室内体育用房 also counts in 教学及辅助用房 (R4) or is subtracted from it. */
  indoorSportsInR4?: IndoorRule;
}

export interface PaneSettings {
  profileId: string;
  options: ProfileOptions;
}

/** Key of the settings in the workbook (the adapter stores the whole record). */
export const SETTINGS_VERSION = 1;

export const DEFAULT_SETTINGS: PaneSettings = { profileId: 'national', options: {} };

export interface LoadedSettings {
  settings: PaneSettings;
  /** A Chinese note when the stored settings could not all be used. */
  warning: string | null;
}

/** The options as the resolved base profile sets them. */
export function profileOptions(p: ResolvedProfile): Required<ProfileOptions> {
  return {
    teachingPointMinStudents: p.scope.teachingPointMinStudents,
    includePrivate: p.scope.includePrivate,
    primaryDegreeCut: p.primaryDegreeCut,
    indoorSportsInR4: p.indoorSportsInR4,
  };
}

/** Drops options equal to the base profile's, so the stored record holds only real overrides. */
export function normaliseOptions(base: ResolvedProfile, options: ProfileOptions): ProfileOptions {
  const b = profileOptions(base);
  const out: ProfileOptions = {};
  if (options.teachingPointMinStudents !== undefined && options.teachingPointMinStudents !== b.teachingPointMinStudents)
    out.teachingPointMinStudents = options.teachingPointMinStudents;
  if (options.includePrivate !== undefined && options.includePrivate !== b.includePrivate) out.includePrivate = options.includePrivate;
  if (options.primaryDegreeCut !== undefined && options.primaryDegreeCut !== b.primaryDegreeCut) out.primaryDegreeCut = options.primaryDegreeCut;
  if (options.indoorSportsInR4 !== undefined && options.indoorSportsInR4 !== b.indoorSportsInR4) out.indoorSportsInR4 = options.indoorSportsInR4;
  return out;
}

/** The profile the run uses: the built-in one, or a profile extending it with the options. */
export function effectiveProfile(settings: PaneSettings): ResolvedProfile {
  const base = builtInProfile(settings.profileId);
  const o = normaliseOptions(base, settings.options);
  if (Object.keys(o).length === 0) return base;
  const scope: Record<string, unknown> = {};
  if (o.teachingPointMinStudents !== undefined) scope.teachingPointMinStudents = o.teachingPointMinStudents;
  if (o.includePrivate !== undefined) scope.includePrivate = o.includePrivate;
  const raw: Record<string, unknown> = {
    id: `${base.id}+workbook`,
    name: `${base.name}（本工作簿调整）`,
    extends: base.id,
    description: '在所选规则配置上按本工作簿保存的选项调整。',
  };
  if (Object.keys(scope).length) raw.scope = scope;
  if (o.primaryDegreeCut !== undefined) raw.primaryDegreeCut = o.primaryDegreeCut;
  if (o.indoorSportsInR4 !== undefined) raw.indoorSportsInR4 = o.indoorSportsInR4;
  return resolveProfile(raw);
}

/** The record stored in the workbook. */
export function toStored(settings: PaneSettings): Record<string, unknown> {
  return { version: SETTINGS_VERSION, profile: settings.profileId, options: { ...settings.options } };
}

/** Reads a stored record defensively: anything unusable falls back to the national standard, with a note. */
export function fromStored(stored: Record<string, unknown> | null): LoadedSettings {
  if (!stored) return { settings: DEFAULT_SETTINGS, warning: null };
  const problems: string[] = [];
  let profileId = typeof stored.profile === 'string' ? stored.profile : 'national';
  if (!builtInProfileIds().includes(profileId)) {
    problems.push(`工作簿中保存的规则配置「${profileId}」在本版本中不存在，已改用国家标准`);
    profileId = 'national';
  }
  const raw = typeof stored.options === 'object' && stored.options !== null ? (stored.options as Record<string, unknown>) : {};
  const options: ProfileOptions = {};
  const tp = raw.teachingPointMinStudents;
  if (tp !== undefined) {
    if (typeof tp === 'number' && Number.isInteger(tp) && tp >= 0 && tp <= 1000) options.teachingPointMinStudents = tp;
    else problems.push('保存的教学点人数下限无效，已忽略');
  }
  if (raw.includePrivate !== undefined) {
    if (typeof raw.includePrivate === 'boolean') options.includePrivate = raw.includePrivate;
    else problems.push('保存的民办学校范围无效，已忽略');
  }
  if (raw.primaryDegreeCut !== undefined) {
    if (raw.primaryDegreeCut === '专科' || raw.primaryDegreeCut === '本科') options.primaryDegreeCut = raw.primaryDegreeCut;
    else problems.push('保存的小学学历口径无效，已忽略');
  }
  if (raw.indoorSportsInR4 !== undefined) {
    if (raw.indoorSportsInR4 === 'count-in-both' || raw.indoorSportsInR4 === 'subtract') options.indoorSportsInR4 = raw.indoorSportsInR4;
    else problems.push('保存的室内体育用房计算方式无效，已忽略');
  }
  return { settings: { profileId, options }, warning: problems.length ? problems.join('；') : null };
}
