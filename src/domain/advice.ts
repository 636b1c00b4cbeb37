/**
 * Chinese sentences for the task pane and the 备注 of 表Ⅱ (issue 6, part 4): per indicator below its
 * threshold, per failing unit (its cheapest fix) and per failing 差异系数 (who contributes most).
 * Pure; numbers are rounded for display only (values 2 decimals, CVs 3, amounts to about 3 figures).
 */
import { contributionsOf } from './contributions';
import type { Evaluation, UnitResult } from './evaluate';
import type { Stage } from './model';
import { STAGES } from './model';
import { fixed, fixedAgainst } from './numbers';
import type { IndicatorId, Profile } from './profile';
import { INDICATOR_IDS } from './profile';
import { indicatorRule } from './rules/indicators';
import { cheapestUnitFix, type CostModel, DEFAULT_COST_MODEL, designatableTeachers, equipmentScaleOf, shortfallsOf, type Shortfall } from './shortfall';

export interface Advice {
  kind: 'indicator' | 'unit' | 'cv';
  stage: Stage;
  schoolCode?: string;
  indicator?: IndicatorId;
  text: string;
}

/** What adviceOf needs of an Analysis (src/report/build.ts). */
export interface AdviceInput {
  evaluation: Evaluation;
  profile: Profile;
  read: { layout: { schools: { scales: Record<string, number> } } };
}

/** A display amount of about three significant figures, never shown as 0. */
export function approx(x: number): string {
  if (x >= 100) return String(Math.round(x));
  if (x >= 10) return trim(x.toFixed(1));
  if (x >= 1) return trim(x.toFixed(2));
  if (x <= 0) return '0';
  const s = trim(x.toPrecision(2));
  return s.includes('e') ? '0.01' : s;
}

function trim(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A threshold or limit as printed in the standard (4.5, 2000, 0.45). */
function plain(x: number): string {
  return trim(String(Number(x.toPrecision(12))));
}

const VALUE_UNIT: Record<IndicatorId, string> = { R1: '人', R2: '人', R3: '人', R4: '㎡', R5: '㎡', R6: '元', R7: '间' };

function unitLabel(u: Pick<UnitResult, 'schoolName' | 'stage'>): string {
  return `${u.schoolName} ${u.stage}部`;
}

/**
 * 骨干 to add: designated among the row's teachers who are not 骨干 yet; new teachers (then designated)
 * only for what they cannot cover. `floor`: the shorter wording inside the 85 % remark.
 */
function backboneNeed(amount: number, available: number, floor = false): string {
  const hire = Math.max(0, amount - available);
  if (floor) {
    if (hire === 0) return `需认定 ${amount} 名现有教师`;
    if (available === 0) return `需新增 ${hire} 名专任教师`;
    return `需认定 ${available} 名现有教师并新增 ${hire} 名专任教师`;
  }
  if (hire === 0) return `需认定 ${amount} 名现有教师为县级及以上骨干教师`;
  if (available === 0) return `现有专任教师均已是骨干教师，需新增 ${hire} 名专任教师并认定为县级及以上骨干教师`;
  return `需认定 ${available} 名现有教师为县级及以上骨干教师，另新增 ${hire} 名专任教师并认定为骨干教师`;
}

function need(id: IndicatorId, amount: number, sf: Shortfall, u: UnitResult, profile: Profile): string {
  const stage = u.stage;
  switch (id) {
    case 'R1':
      return `需增加 ${amount} 名${stage === '小学' && profile.primaryDegreeCut === '专科' ? '专科' : '本科'}及以上学历专任教师`;
    case 'R2':
      return backboneNeed(amount, designatableTeachers(u));
    case 'R3':
      return `需增加 ${amount} 名体育、艺术（音乐、美术）专任教师`;
    case 'R4':
      return `全校需增加约 ${approx(amount)}㎡`;
    case 'R5':
      return `全校需增加室外运动场地约 ${approx(amount)}㎡`;
    case 'R6':
      return `全校需增加教学仪器设备约 ${money(amount, sf.unit)}`;
    case 'R7':
      return `全校需增加 ${amount} 间网络多媒体教室`;
  }
}

/** A money amount for display: 元 of 10 000 or more are shown in 万元. */
function money(amount: number, unit: Shortfall['unit']): string {
  return unit === '元' && amount >= 10000 ? `${approx(amount / 10000)}万元` : `${approx(amount)}${unit}`;
}

function floorNeed(id: IndicatorId, amount: number, sf: Shortfall, u: UnitResult): string {
  if (id === 'R2') return backboneNeed(amount, designatableTeachers(u), true);
  if (sf.unit === '人') return `需增加 ${amount} 名`;
  if (sf.unit === '间') return `需增加 ${amount} 间`;
  return `需增加约 ${sf.unit === '万元' || sf.unit === '元' ? money(amount, sf.unit) : `${approx(amount)}${sf.unit}`}`;
}

/** Sentences for one unit: one per indicator below its threshold, then (failing unit) its cheapest fix. */
export function unitAdvice(u: UnitResult, profile: Profile, equipmentScale: number, model: CostModel = DEFAULT_COST_MODEL): Advice[] {
  const out: Advice[] = [];
  const sfs = shortfallsOf(u, profile, { equipmentScale });
  for (const id of INDICATOR_IDS) {
    const sf = sfs[id];
    const ind = u.indicators[id];
    if (!sf || ind.value === null) continue;
    const rule = indicatorRule(id);
    const vu = VALUE_UNIT[id];
    let text = `${unitLabel(u)} ${rule.name} ${fixedAgainst(ind.value, ind.threshold, 2)}${vu}，低于 ${plain(ind.threshold)}${vu}，${need(id, sf.toThreshold, sf, u, profile)}`;
    if (ind.aboveFloor === false)
      text += `（低于标准值的85%即 ${fixed(profile.floorRatio * ind.threshold, 2)}${vu}，至少${floorNeed(id, sf.toFloor, sf, u)}）`;
    out.push({ kind: 'indicator', stage: u.stage, schoolCode: u.schoolCode, indicator: id, text });
  }
  const fix = cheapestUnitFix(u, profile, model);
  if (fix) {
    const names = (ids: IndicatorId[]) => ids.map((id) => indicatorRule(id).shortName).join('、');
    const parts: string[] = [];
    if (fix.toThreshold.length) parts.push(`${names(fix.toThreshold)}达到标准值`);
    if (fix.toFloor.length) parts.push(`${names(fix.toFloor)}达到标准值的85%`);
    const floorBad = INDICATOR_IDS.filter((id) => u.indicators[id].aboveFloor === false).length;
    const status = `${u.metCount ?? '—'}项达到标准值${floorBad ? `，${floorBad}项低于85%` : ''}`;
    out.push({
      kind: 'unit', stage: u.stage, schoolCode: u.schoolCode,
      text: `${unitLabel(u)} 未达标（${status}）：最经济的补足办法是使${parts.join('，')}，估算约 ${approx(fix.cost)} 万元`,
    });
  }
  return out;
}

/** Sentences for one failing 差异系数. */
function cvAdvice(e: Evaluation, stage: Stage, id: IndicatorId, contributions: ReturnType<typeof contributionsOf>): Advice | null {
  const b = e.balance[stage]?.indicators[id];
  if (!b || b.passes !== false || b.cv === null || b.mean === null) return null;
  const list = contributions[stage]?.[id] ?? [];
  const rule = indicatorRule(id);
  const vu = VALUE_UNIT[id];
  let text = `${stage} ${rule.name} 差异系数 ${fixedAgainst(b.cv, b.limit, 3)}，高于 ${plain(b.limit)}`;
  const top = list.filter((c) => c.share > 0).slice(0, 3);
  if (top.length)
    text += `；差异主要来自 ${top.map((c) => `${c.schoolName}（${fixed(c.value, 2)}${vu}，占${Math.round(c.share * 100)}%）`).join('、')}`;
  const low = list.find((c) => c.value < b.mean! && c.cvIfAtMean !== null);
  if (low) text += `；若 ${low.schoolName} 提高到县均值 ${fixed(b.mean, 2)}${vu}，差异系数可降至 ${fixed(low.cvIfAtMean, 3)}`;
  return { kind: 'cv', stage, indicator: id, text };
}

/** All sentences: units in report order, then the failing CVs by 学段 and indicator. */
export function adviceOf(analysis: AdviceInput, model: CostModel = DEFAULT_COST_MODEL): Advice[] {
  const scale = equipmentScaleOf(analysis.read.layout.schools.scales);
  const out: Advice[] = [];
  for (const u of analysis.evaluation.units) out.push(...unitAdvice(u, analysis.profile, scale, model));
  const contributions = contributionsOf(analysis.evaluation);
  for (const stage of STAGES) for (const id of INDICATOR_IDS) {
    const a = cvAdvice(analysis.evaluation, stage, id, contributions);
    if (a) out.push(a);
  }
  return out;
}
