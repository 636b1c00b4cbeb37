/**
 * Display helpers of the 「差距与建议」 view (issue 6): the advice sentences grouped per unit and per
 * 差异系数, the plan's additions grouped per school, and the plan's figures as shown. Pure; every number
 * comes from the domain (src/domain/advice.ts, src/domain/plan.ts), rounding is for display only.
 */
import type { Advice } from '../domain/advice';
import { approx } from '../domain/advice';
import { approxUp } from '../domain/numbers';
import type { Stage } from '../domain/model';
import { goalText, type Plan, type PlanAddition, type PlanCost, type PlanReason } from '../report/plan';

/** The amounts as the command line prints them (rounded up, never short of the plan). */
export { amountText } from '../report/plan';
import { INDICATOR_IDS, type IndicatorId, type Profile } from '../domain/profile';
import type { Report } from '../report/types';
import { STAGE_COLUMNS } from '../template/schema';

export interface UnitGap {
  key: string;
  schoolCode: string;
  schoolName: string;
  stage: Stage;
  passes: boolean | null;
  metCount: number | null;
  /** One sentence per indicator below its threshold, in indicator order. */
  details: string[];
  /** The unit's cheapest fix (failing units only). */
  summary: string | null;
}

export interface CvGap {
  key: string;
  stage: Stage;
  indicator: IndicatorId;
  text: string;
}

export interface AdviceGroups {
  /** Failing units, in report order. */
  failing: UnitGap[];
  /** Other units with an indicator below its threshold (they pass with 6 of 7, or cannot be judged). */
  others: UnitGap[];
  /** Failing 差异系数, by 学段 and indicator. */
  cvs: CvGap[];
}

const unitKey = (schoolCode: string, stage: Stage) => `${schoolCode}|${stage}`;

/** The advice sentences grouped for display: per failing unit, per other unit with a gap, per failing CV. */
export function groupAdvice(advice: readonly Advice[], report: Report): AdviceGroups {
  const byUnit = new Map<string, Advice[]>();
  const cvs: CvGap[] = [];
  for (const a of advice) {
    if (a.kind === 'cv') {
      cvs.push({ key: `${a.stage}|${a.indicator ?? ''}`, stage: a.stage, indicator: a.indicator!, text: a.text });
      continue;
    }
    if (!a.schoolCode) continue;
    const k = unitKey(a.schoolCode, a.stage);
    const list = byUnit.get(k);
    if (list) list.push(a);
    else byUnit.set(k, [a]);
  }
  const failing: UnitGap[] = [];
  const others: UnitGap[] = [];
  for (const u of report.units) {
    const k = unitKey(u.schoolCode, u.stage);
    const list = byUnit.get(k) ?? [];
    if (u.passes !== false && list.length === 0) continue;
    const gap: UnitGap = {
      key: k,
      schoolCode: u.schoolCode,
      schoolName: u.schoolName,
      stage: u.stage,
      passes: u.passes,
      metCount: u.metCount,
      details: list.filter((a) => a.kind === 'indicator').map((a) => a.text),
      summary: list.find((a) => a.kind === 'unit')?.text ?? null,
    };
    (u.passes === false ? failing : others).push(gap);
  }
  return { failing, others, cvs };
}

export interface FailingCounts {
  units: number;
  cvs: number;
  /** Units and 差异系数 that cannot be judged (a value is missing or wrong). */
  unknownUnits: number;
  unknownCvs: number;
}

/** Failing (and undecided) units and 差异系数 of a report. */
export function failingCounts(report: Pick<Report, 'units' | 'balance'>): FailingCounts {
  let cvs = 0;
  let unknownCvs = 0;
  for (const b of Object.values(report.balance))
    for (const id of INDICATOR_IDS) {
      const passes = b?.indicators[id].passes;
      if (passes === false) cvs++;
      else if (passes === null) unknownCvs++;
    }
  return {
    units: report.units.filter((u) => u.passes === false).length,
    cvs,
    unknownUnits: report.units.filter((u) => u.passes === null).length,
    unknownCvs,
  };
}

/** The overview's first sentence: what fails, and what cannot be judged. */
export function overviewText(c: FailingCounts): string {
  const parts: string[] = [];
  if (c.units) parts.push(`${c.units} 个学校（学段）未达标`);
  if (c.cvs) parts.push(`${c.cvs} 项差异系数超过上限`);
  const unknown: string[] = [];
  if (c.unknownUnits) unknown.push(`${c.unknownUnits} 个学校（学段）`);
  if (c.unknownCvs) unknown.push(`${c.unknownCvs} 项差异系数`);
  const rest = unknown.length ? `${parts.length ? '另有 ' : ''}${unknown.join('和 ')}因数据缺失或有误无法判断。` : '';
  if (!parts.length) return unknown.length ? `没有确定未达标的学校或差异系数；${rest}` : '全部学校（学段）达标，差异系数全部在上限以内。';
  return `${parts.join('，')}。${rest}`;
}

/**
 * A reason of the plan in the pane's words, from its data under the applied profile: threshold →
 * 「小学部生均体育运动场馆达到标准值」, floor → 「小学部县级以上骨干教师达到标准值的85%」 (the profile's floor),
 * cv → 「全县初中生均教学仪器设备值差异系数降至上限以内」.
 */
export function reasonText(reason: PlanReason, profile: Profile): string {
  return goalText(reason, profile);
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}


export interface SchoolAdditions {
  schoolCode: string;
  schoolName: string;
  additions: { addition: PlanAddition; index: number }[];
  /**
   * New teachers per 学段: the plan counts each new teacher in several columns (专任, 本科, 持证, 培训, and a
   * 体育/艺术 subject where that is its purpose), which reads like more teachers than it is.
   */
  teachers: { stage: Stage; count: number }[];
}

const TEACHERS_HEADER = STAGE_COLUMNS.find((c) => c.field === 'teachers')!.header;

/** The plan's additions grouped per school, schools in the order they first appear in the plan. */
export function groupAdditions(additions: readonly PlanAddition[]): SchoolAdditions[] {
  const groups = new Map<string, SchoolAdditions>();
  additions.forEach((addition, index) => {
    let g = groups.get(addition.schoolCode);
    if (!g)
      groups.set(addition.schoolCode, (g = { schoolCode: addition.schoolCode, schoolName: addition.schoolName, additions: [], teachers: [] }));
    g.additions.push({ addition, index });
    if (addition.stage && addition.column === TEACHERS_HEADER) g.teachers.push({ stage: addition.stage, count: addition.amount });
  });
  return [...groups.values()];
}

export interface Figure {
  label: string;
  value: string;
  unit: string;
}

/** The plan's totals as shown: new teachers, 骨干 designated, the three physical resources, rooms. */
export function planFigures(cost: PlanCost): Figure[] {
  return [
    { label: '新增专任教师', value: String(cost.teachers), unit: '人' },
    { label: '认定骨干教师', value: String(cost.designations), unit: '人' },
    { label: '教学及辅助用房', value: approxUp(cost.teachingArea), unit: '㎡' },
    { label: '室外运动场地', value: approxUp(cost.outdoorSportsArea), unit: '㎡' },
    { label: '教学仪器设备', value: approxUp(cost.equipmentYuan / 10000), unit: '万元' },
    { label: '网络多媒体教室', value: String(cost.multimediaRooms), unit: '间' },
  ];
}

/** The indicative estimate in 万元, as shown. */
export function estimateText(cost: PlanCost): string {
  return approx(cost.estimate);
}

function num(x: number): string {
  return trimZeros(String(Number(x.toPrecision(10))));
}

/** The estimate's weights in one short sentence. */
export function weightsText(cost: PlanCost): string {
  const w = cost.weights;
  const equipment = Math.abs(w.equipmentYuan - 0.0001) < 1e-12 ? '教学仪器设备按金额' : `教学仪器设备每万元按 ${num(w.equipmentYuan * 10000)} 万元`;
  return `新增专任教师每人 ${num(w.teacher)} 万元，认定骨干教师每人 ${num(w.backboneDesignation)} 万元（培训），教学及辅助用房每㎡ ${num(w.teachingArea)} 万元，室外运动场地每㎡ ${num(w.outdoorSportsArea)} 万元，${equipment}，网络多媒体教室每间 ${num(w.multimediaRooms)} 万元`;
}

/** Number of schools the plan touches. */
export function planSchools(plan: Plan): number {
  return new Set(plan.additions.map((a) => a.schoolCode)).size;
}
