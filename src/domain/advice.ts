/**
 * Chinese sentences for the task pane and the 备注 of 表Ⅱ (issue 6, part 4): per indicator below its
 * threshold, per failing unit (its cheapest fix) and per failing 差异系数 (who contributes most).
 * Pure; numbers are rounded for display only (values 2 decimals, CVs 3, amounts to about 3 figures).
 */
import { contributionsOf } from './contributions';
import type { Evaluation, UnitResult } from './evaluate';
import type { Stage } from './model';
import { STAGES } from './model';
import { approxUp, fixed, fixedAgainst, indicatorLimits } from './numbers';
import type { IndicatorId, Profile } from './profile';
import { INDICATOR_IDS } from './profile';
import { CV, indicatorRule, UNIT } from './rules';
import { plainNumber, renderMessage } from './rules/render';
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
const plain = plainNumber;

function unitLabel(u: Pick<UnitResult, 'schoolName' | 'stage'>): string {
  return `${u.schoolName} ${u.stage}部`;
}

/** A money amount to add for display, rounded up at the figure shown: 元 of 10 000 or more are shown in 万元. */
function money(amount: number, unit: Shortfall['unit']): string {
  return unit === '元' && amount >= 10000 ? `${approxUp(amount / 10000)}万元` : `${approxUp(amount)}${unit}`;
}

/**
 * An amount to add as the sentences show it: whole persons and rooms, so many ㎡, money with its unit; areas and
 * money rounded up at the figure shown, so that adding the printed amount is enough (as the plan prints them).
 */
function shownAmount(id: IndicatorId, amount: number, sf: Shortfall): string {
  if (id === 'R6') return money(amount, sf.unit);
  return indicatorRule(id).resource.integer ? String(amount) : approxUp(amount);
}

/** What to add, in the rule's words (`floor`: the shorter wording inside the floor remark). */
function need(id: IndicatorId, amount: number, sf: Shortfall, u: UnitResult, profile: Profile, floor: boolean): string {
  const rule = indicatorRule(id);
  const m = rule.need({ amount, shown: shownAmount(id, amount, sf), stage: u.stage, available: designatableTeachers(u), profile, floor });
  return renderMessage(rule, m.id, profile, m.params);
}

/** Sentences for one unit: one per indicator below its threshold, then (failing unit) its cheapest fix. */
export function unitAdvice(u: UnitResult, profile: Profile, equipmentScale: number, model: CostModel = DEFAULT_COST_MODEL): Advice[] {
  const out: Advice[] = [];
  const sfs = shortfallsOf(u, profile, { equipmentScale });
  const words = (id: string, params: Record<string, string | number> = {}) => renderMessage(UNIT, id, profile, params);
  for (const id of INDICATOR_IDS) {
    const sf = sfs[id];
    const ind = u.indicators[id];
    if (!sf || ind.value === null) continue;
    const rule = indicatorRule(id);
    const vu = rule.unit;
    let text = words('below', {
      unit: unitLabel(u), name: rule.name, value: fixedAgainst(ind.value, indicatorLimits(ind.threshold, profile.floorRatio), 2), vu, threshold: plain(ind.threshold),
      need: need(id, sf.toThreshold, sf, u, profile, false),
    });
    if (ind.aboveFloor === false)
      text += words('below-floor', { floorValue: plain(profile.floorRatio * ind.threshold), vu, floorNeed: need(id, sf.toFloor, sf, u, profile, true) });
    out.push({ kind: 'indicator', stage: u.stage, schoolCode: u.schoolCode, indicator: id, text });
  }
  const fix = cheapestUnitFix(u, profile, model);
  if (fix) {
    const names = (ids: IndicatorId[]) => ids.map((id) => indicatorRule(id).shortName).join('、');
    const parts: string[] = [];
    if (fix.toThreshold.length) parts.push(words('to-threshold', { names: names(fix.toThreshold) }));
    if (fix.toFloor.length) parts.push(words('to-floor', { names: names(fix.toFloor) }));
    const floorBad = INDICATOR_IDS.filter((id) => u.indicators[id].aboveFloor === false).length;
    const met = u.metCount ?? '—';
    const status = floorBad ? words('status-below-floor', { met, count: floorBad }) : words('status', { met });
    out.push({
      kind: 'unit', stage: u.stage, schoolCode: u.schoolCode,
      text: words('fix', { unit: unitLabel(u), status, parts: parts.join('，'), cost: approx(fix.cost) }),
    });
  }
  return out;
}

/** Sentences for one failing 差异系数. */
function cvAdvice(e: Evaluation, stage: Stage, id: IndicatorId, contributions: ReturnType<typeof contributionsOf>, profile: Profile): Advice | null {
  const b = e.balance[stage]?.indicators[id];
  if (!b || b.passes !== false || b.cv === null || b.mean === null) return null;
  const list = contributions[stage]?.[id] ?? [];
  const rule = indicatorRule(id);
  const vu = rule.unit;
  const words = (mid: string, params: Record<string, string | number>) => renderMessage(CV, mid, profile, params);
  let text = words('advice', { stage, name: rule.name, cv: fixedAgainst(b.cv, b.limit, 3), limit: plain(b.limit) });
  const top = list.filter((c) => c.share > 0).slice(0, 3);
  if (top.length)
    text += words('sources', { list: top.map((c) => words('source', { school: c.schoolName, value: fixed(c.value, 2), vu, share: Math.round(c.share * 100) })).join('、') });
  const low = list.find((c) => c.value < b.mean! && c.cvIfAtMean !== null);
  if (low) text += words('if-mean', { school: low.schoolName, mean: fixed(b.mean, 2), vu, cvAtMean: fixed(low.cvIfAtMean, 3) });
  return { kind: 'cv', stage, indicator: id, text };
}

/** All sentences: units in report order, then the failing CVs by 学段 and indicator. */
export function adviceOf(analysis: AdviceInput, model: CostModel = DEFAULT_COST_MODEL): Advice[] {
  const scale = equipmentScaleOf(analysis.read.layout.schools.scales);
  const out: Advice[] = [];
  for (const u of analysis.evaluation.units) out.push(...unitAdvice(u, analysis.profile, scale, model));
  const contributions = contributionsOf(analysis.evaluation);
  for (const stage of STAGES) for (const id of INDICATOR_IDS) {
    const a = cvAdvice(analysis.evaluation, stage, id, contributions, analysis.profile);
    if (a) out.push(a);
  }
  return out;
}
